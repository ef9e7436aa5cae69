"""A 50 MB page: the seed's table followed by 50 MB of prose, built at test time."""


def build() -> bytes:
    row = "<tr><td>200</td><td>OK</td><td>成功</td></tr>\n"
    head = "# 状态码\n\n<table><tr><th>状态码</th><th>编码</th><th>说明</th></tr>\n"
    prose = ("这是一段很长的说明文字。" * 8 + "\n") * 200_000
    return (head + row + "</table>\n\n" + prose).encode()
