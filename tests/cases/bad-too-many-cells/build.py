"""A page whose table expands to 1,000,040 cells (20 columns by colspan, 50,002 rows):
refused at the table, before minutes of work and gigabytes of memory."""


def build() -> bytes:
    header = '<table><tr><th colspan="20">状态码</th></tr>\n'
    rows = '<tr><td colspan="20">400</td></tr>\n' * 50_001
    return ("# 状态码\n\n" + header + rows + "</table>\n").encode("utf-8")
