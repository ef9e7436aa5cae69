"""A cell of 100,000 characters spanning 500 rows: a page of 111 KB whose artifacts were
200 MB (found by review), built at test time."""


def build() -> bytes:
    big = "a" * 100_000
    rows = [
        f"<tr><td>E{i}</td>" + (f'<td rowspan="500">{big}</td>' if i == 0 else "") + "</tr>"
        for i in range(500)
    ]
    head = "<table><tr><th>错误码</th><th>错误信息</th></tr>\n"
    return ("# 错误码\n\n" + head + "\n".join(rows) + "</table>\n").encode()
