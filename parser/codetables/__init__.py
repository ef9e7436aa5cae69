"""codetables: status-code and error-code tables from API documentation, as artifacts.

Used from Python, the package is the pipeline without the files: `parse_page` reads a page's
text into the model (`Document` of `Table`s of `Column`s and `Row`s of `Cell`s), and
`render_artifacts` turns a document into the artifacts' text, exactly as `codetables
generate` writes them. Reading and writing files stays the caller's business.

The command line imports this module first, and `codetables --version` and a no-op
`codetables check` must not pay for BeautifulSoup, markdown-it or Jinja: so nothing is
imported here at run time. The public names load on first use (the module `__getattr__`),
while type checkers see them as the plain imports below.
"""

from __future__ import annotations

__version__ = "0.1.0"

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: mypy takes it as True
if TYPE_CHECKING:
    from collections.abc import Mapping

    from .errors import CodetablesError as CodetablesError
    from .errors import RenderError as RenderError
    from .errors import SourceError as SourceError
    from .model import Cell as Cell
    from .model import Column as Column
    from .model import Document as Document
    from .model import Kind as Kind
    from .model import Notice as Notice
    from .model import Role as Role
    from .model import Row as Row
    from .model import Table as Table

__all__ = [
    "Cell",
    "CodetablesError",
    "Column",
    "Document",
    "Kind",
    "Notice",
    "RenderError",
    "Role",
    "Row",
    "SourceError",
    "Table",
    "__version__",
    "parse_page",
    "render_artifacts",
]

_LAZY = {
    "Cell": "model",
    "Column": "model",
    "Document": "model",
    "Kind": "model",
    "Notice": "model",
    "Role": "model",
    "Row": "model",
    "Table": "model",
    "CodetablesError": "errors",
    "RenderError": "errors",
    "SourceError": "errors",
}
"""Public name → the module it comes from, imported when the name is first asked for."""


def parse_page(
    text: str | bytes, *, source: str, roles: Mapping[str, Role | None] | None = None
) -> Document:
    """One page (Markdown, or rendered HTML) → its Document: the code tables in page order.

    `source` names the page in messages and in the artifacts' provenance (a path relative to
    the project root, like `docs/api/状态码.md`); a name ending in `.html` or `.htm` is read
    as HTML. Bytes are decoded as UTF-8 (a BOM is fine). `roles` maps column headers, as
    written or normalised, to the role their column must have (None: no role), like
    `[tool.codetables.roles]`. A page without a code table gives a Document with no tables.

    Raises `SourceError` (with `path` and `line`) for a page that cannot be read at all: not
    UTF-8, empty, a NUL character, a table never closed, over the size limits.
    """
    from .errors import SourceError
    from .headers import header_key
    from .parse import decode, parse

    if isinstance(text, bytes):
        text = decode(text, source=source)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:  # a lone surrogate: no file could hold this text
        raise SourceError(
            f"not Unicode text: a lone surrogate U+{ord(text[exc.start]):04X}, expected "
            "text that UTF-8 can encode",
            path=source,
            line=text.count("\n", 0, exc.start) + 1,
        ) from None
    wanted = {header_key(header): role for header, role in (roles or {}).items()}
    return parse(text, source=source, roles=wanted)


def render_artifacts(
    document: Document,
    name: str,
    *,
    lines: bool = False,
    members: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """A document's artifacts, `{file name: text}`: `name.py`, `name.md` and `name.json`,
    byte for byte what `codetables generate` writes for a page whose artifact name is `name`
    (which may hold folders: `ecs/状态码`). `lines` puts source lines into the JSON;
    `members` names members by code (`{"504": "GATEWAY_TIMEOUT"}`), like
    `[tool.codetables.members]`.

    Raises `SourceError` for a document without code tables (there is nothing to render),
    and `RenderError` when a template fails or a member name in `members` is another
    member's.
    """
    from .parse import require_tables
    from .render import render

    return render(require_tables(document), name, lines=lines, members=members)


if not TYPE_CHECKING:  # hidden from mypy, so a misspelt name is an error, not `Any`

    def __getattr__(name: str) -> object:
        if name not in _LAZY:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        from importlib import import_module

        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *__all__})
