"""A small page whose colspans expand one table to 1,200,000 cells (1,000 columns, 1,200
rows): refused at the table, before minutes of work and gigabytes of memory."""


def build() -> bytes:
    header = '<table><tr><th colspan="1000">状态码</th></tr>\n'
    rows = '<tr><td colspan="1000">400</td></tr>\n' * 1200
    return ("# 状态码\n\n" + header + rows + "</table>\n").encode("utf-8")
