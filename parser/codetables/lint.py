"""`codetables lint`: where a project's pages depart from the HTTP status registry, or from
each other.

Pure: parsed documents in, findings out, sorted by page and line; the CLI reads the pages
and prints. The registry is the fixed copy in `registry.py` (no network), so a finding is
the same on every machine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from . import pyenum, values
from .model import Document, Kind, Role, Row, Table
from .registry import REGISTRY, UNASSIGNED, is_registry_phrase, phrase_key

FORMAT = "codetables-lint/1"
"""Version of `lint --format json`; bumped on any incompatible change."""

RULES = {
    "unregistered-status": "a status code the HTTP registry does not hold",
    "unassigned-status": "a status code the registry reserves and assigns to nothing (306)",
    "nonstandard-phrase": "a reason phrase other than the registry's, after case and spacing",
    "inconsistent-phrase": "one status code given different phrases in the project",
    "inconsistent-status": "one error code given different HTTP statuses in the project",
    "empty-code": "a row whose code cell states no code",
    "page-warning": "an oddity the parser warns about (a short row, a repeated row)",
}
"""Every rule: its name, as findings and `--format json` give it, and what it finds."""


@dataclass(frozen=True, order=True)
class Finding:
    """One departure, where it is written."""

    path: str
    line: int
    rule: str
    code: str
    message: str

    def to_json(self) -> dict[str, str | int]:
        return {
            "path": self.path,
            "line": self.line,
            "rule": self.rule,
            "code": self.code,
            "message": self.message,
        }


@dataclass(frozen=True)
class _Seen:
    """The first place a code was given a value (a phrase, a status), for consistency."""

    value: str
    path: str
    line: int


def lint(documents: Sequence[Document]) -> list[Finding]:
    """Every finding of the pages, in page order then line order."""
    found: list[Finding] = []
    phrases: dict[int, _Seen] = {}
    statuses: dict[str, _Seen] = {}
    for document in documents:
        found += (
            Finding(document.path, notice.line, "page-warning", "", notice.message)
            for notice in document.warnings
        )
        for table in document.tables:
            empty = pyenum.names_no_code(table)  # (asked once a table: it reads every code)
            for row in table.rows:
                found += _row(document.path, table, row, phrases, empty)
            if table.kind is Kind.ERROR_CODE:
                found += _statuses(document.path, table, statuses)
    order = {document.path: index for index, document in reversed(list(enumerate(documents)))}
    return sorted(found, key=lambda f: (order[f.path], f.line, f.rule, f.code))


def _row(
    path: str,
    table: Table,
    row: Row,
    phrases: dict[int, _Seen],
    empty: Callable[[str], bool],
) -> Iterable[Finding]:
    key_role = {Kind.HTTP_STATUS: Role.STATUS, Kind.ERROR_CODE: Role.ERROR_CODE}.get(
        table.kind, Role.CODE
    )
    code = table.text(row, key_role)
    if empty(code) and not pyenum.is_heading(row) and not values.in_words(code):
        # a heading row names no code, nor does one in words (`其他`: the codes not listed)
        written = f" ({code})" if code else ""
        what = "status code" if table.kind is Kind.HTTP_STATUS else "code"
        yield Finding(path, row.line, "empty-code", code, f"the row states no {what}{written}")
        if table.kind is Kind.HTTP_STATUS:
            return
    if table.column(Role.STATUS) is not None:
        yield from _status(path, row, code, table.kind)
    if table.kind is Kind.HTTP_STATUS and row.status in REGISTRY:
        yield from _phrase(path, table, row, phrases)


def _listing(statuses: Iterable[int]) -> str:
    """`400`, `400 and 413`, `400, 413 and 494`."""
    words = [str(status) for status in statuses]
    return ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else words[0]


def _statuses(path: str, table: Table, seen: dict[str, _Seen]) -> Iterable[Finding]:
    """Error codes given several HTTP statuses: once per table that does so, and once per
    table whose statuses for a code are not those of the first table listing it."""
    rows: dict[str, list[Row]] = {}
    for row in table.rows:
        code = values.without_footnote(table.text(row, Role.ERROR_CODE))  # as members key it
        if not values.names_no_code(code) and row.status is not None:
            rows.setdefault(code, []).append(row)
    for code, listed in rows.items():
        given = list(dict.fromkeys(row.status for row in listed if row.status is not None))
        if len(given) > 1:
            second = next(row for row in listed if row.status != given[0])
            yield Finding(
                path,
                second.line,
                "inconsistent-status",
                code,
                f"{code} is given HTTP statuses {_listing(given)} in one table",
            )
        mine = _listing(sorted(given))
        first = seen.setdefault(code, _Seen(mine, path, listed[0].line))
        if first.value != mine:
            yield Finding(
                path,
                listed[0].line,
                "inconsistent-status",
                code,
                f"{code} has HTTP {'statuses' if len(given) > 1 else 'status'} {mine} here "
                f"and {first.value} at "
                f"{first.path}:{first.line}",
            )


def _status(path: str, row: Row, code: str, kind: Kind) -> Iterable[Finding]:
    """A status the registry does not hold, or reserves. (A cell that states no status at
    all, `4000`, is the parser's warning already.)"""
    whose = f"{code}: " if kind is Kind.ERROR_CODE and code else ""
    if row.status is None:
        return
    if row.status in UNASSIGNED:
        yield Finding(
            path,
            row.line,
            "unassigned-status",
            str(row.status),
            f"{whose}{row.status} is unassigned in the registry ({UNASSIGNED[row.status]})",
        )
    elif row.status not in REGISTRY:
        yield Finding(
            path,
            row.line,
            "unregistered-status",
            str(row.status),
            f"{whose}{row.status} is not in the HTTP status registry",
        )


def _phrase(path: str, table: Table, row: Row, phrases: dict[int, _Seen]) -> Iterable[Finding]:
    """A status's phrase against the registry, and a phrase not the registry's against the
    project's first such phrase. Only phrases in Latin letters are compared: `请求成功`
    describes 200, it does not name it."""
    assert row.status is not None
    if table.column(Role.PHRASE) is not None:
        phrase = values.without_status(table.text(row, Role.PHRASE), row.status)
    else:  # the phrase the status cell writes, as the module's member carries it
        phrase = values.written_phrase(table.text(row, Role.STATUS), row.status)
    if not phrase or values.is_placeholder(phrase) or values.CJK.search(phrase):
        return
    if not values.LATIN.search(phrase) or is_registry_phrase(row.status, phrase):
        return
    code = str(row.status)
    standard = REGISTRY[row.status].phrase
    yield Finding(
        path,
        row.line,
        "nonstandard-phrase",
        code,
        f'{code} is "{phrase}", expected the registry\'s phrase "{standard}"',
    )
    first = phrases.setdefault(row.status, _Seen(phrase, path, row.line))
    if phrase_key(first.value) != phrase_key(phrase):
        yield Finding(
            path,
            row.line,
            "inconsistent-phrase",
            code,
            f'{code} is "{phrase}" here and "{first.value}" at {first.path}:{first.line}',
        )
