"""100,000 `<div>` lines, then as many `</div>` lines, then a code table: built at test
time. The reference reader took more than five minutes on it (found by review)."""


def build() -> bytes:
    table = "| 状态码 | 说明 |\n| --- | --- |\n| 200 | 成功 |\n"
    return ("# 状态码\n\n" + "<div>\n" * 100_000 + "</div>\n" * 100_000 + "\n" + table).encode()
