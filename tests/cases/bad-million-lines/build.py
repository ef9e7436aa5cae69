"""A 2 MB page of two million blank lines after the seed's table: each line costs memory of
its own (the Markdown layer marks every one), so it is refused, built at test time."""


def build() -> bytes:
    row = "<tr><td>200</td><td>OK</td><td>成功</td></tr>\n"
    head = "# 状态码\n\n<table><tr><th>状态码</th><th>编码</th><th>说明</th></tr>\n"
    return (head + row + "</table>\n" + "\n" * 2_000_000).encode()
