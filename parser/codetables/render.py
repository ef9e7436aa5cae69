"""Document → artifacts: `{relative file name: text}` from the Jinja templates.

Pure: the model goes in, text comes out; the CLI decides where it is written. Templates get
the model and a few derived facts (member names, status classes) and reach strings only
through the escaping filters, so document text is never read as template or code.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import json
import os
import re
import signal
import threading
import traceback
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from types import FrameType
from typing import Any, Protocol

import jinja2
import jinja2.sandbox

from . import collector, escape, pyenum, stamp
from .errors import RenderError
from .model import Document, Kind, Page, Row, Table
from .package import INDEX_TEMPLATE, JSON_TEMPLATE, TEMPLATE_DIRS, TEMPLATES
from .templateset import BUILT_IN, Templates

FORMAT = "codetables/2"
"""Version of the JSON format; bumped on any incompatible change."""
INDEX_NAME = "index.md"
"""The landing page written beside the artifacts when there are several sources."""


@dataclass(frozen=True)
class Budget:
    """What a template of the user's folder may take to render one artifact: seconds and
    characters, each a floor and so much more per cell of the page, and memory: `memory`
    bytes more than the process held, and eight a character of its bound (text a filter
    block or a `set` block gathers is never a piece written). The sandbox keeps a template
    from Python's internals, not from looping or writing for ever (two nested loops over
    `range(100000)` never end). The built-ins are codetables' own: unbounded."""

    seconds: float
    seconds_per_cell: float
    characters: int
    characters_per_cell: int
    memory: int = 1 << 28

    def of(self, document: Document | None) -> tuple[float, int, int]:
        """(seconds, characters, bytes) for one artifact of `document` (None: the index)."""
        cells = (
            0
            if document is None
            else sum(len(table.columns) * (len(table.rows) + 1) for table in document.tables)
        )
        characters = self.characters + self.characters_per_cell * cells
        return (
            self.seconds + self.seconds_per_cell * cells,
            characters,
            self.memory + 8 * characters,
        )


BUDGET = Budget(seconds=60.0, seconds_per_cell=0.001, characters=1 << 24, characters_per_cell=1024)
"""A minute and 16 M characters, and a millisecond and 1,024 characters a cell: the
built-in JSON of a 100,000-row table (59 M characters, about 150 a cell) renders in about a
second; 256 MiB of memory and 8 bytes a character."""
MAX_EXPONENT = 4096
"""The largest power a folder's template may raise an integer to (`10 ** 100000000` computes
for minutes in one step, where no timer can stop it)."""


class _Sandbox(jinja2.sandbox.ImmutableSandboxedEnvironment):
    """The sandbox, and no power of an integer past `MAX_EXPONENT`."""

    intercepted_binops = frozenset({"**"})

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any
    ) -> Any:
        if type(right) is int and right > MAX_EXPONENT and type(left) is int and abs(left) > 1:
            raise _Overrun(
                f"raises {left} to the power {right}, expected a power of at most {MAX_EXPONENT}"
            )
        return super().call_binop(context, operator, left, right)


@functools.cache
def environment(templates: Templates = BUILT_IN) -> jinja2.Environment:
    """The Jinja environment for code: strict, no autoescape, explicit filters.

    With a templates folder, sandboxed (and immutable: a template cannot change the context
    the next one renders), since the folder comes with the repository a run checks: its
    templates read what the context offers, never Python's internals, so they can neither
    run code nor open files. The built-ins alone, codetables' own code, render without
    the sandbox's checks on every attribute (a third faster). Either loads only the
    folder's own templates and the built-ins, by name (no `..`, no path)."""
    kind = _Sandbox if templates.folder else jinja2.Environment
    env = kind(
        loader=jinja2.ChoiceLoader([_Folder(templates), _BuiltIn()]),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # a template is read once a process: no file looked at again
    )
    env.globals.pop("lipsum")  # random text: the same inputs must give the same bytes
    env.filters.pop("random")  # a random item: likewise
    env.filters.update(
        py_str=escape.py_str,
        py_doc=escape.py_doc,
        py_literal=escape.py_literal,
        py_items=escape.py_items,
        py_constant=escape.py_constant,
        py_hex=escape.py_hex,
        py_comment=escape.py_comment,
        md_cell=escape.md_cell,
        md_paragraphs=escape.md_paragraphs,
        md_row=escape.md_row,
        md_text=escape.md_text,
        md_link_text=escape.md_cell,
        md_link_target=escape.md_link_target,
        json_value=escape.json_value,
        js_str=escape.js_str,
    )
    return env


class _Folder(jinja2.BaseLoader):
    """The templates of the user's folder, as read once (`templateset.load`); each cites
    its path in the folder (`templates/typescript.ts.j2`) in tracebacks and errors."""

    def __init__(self, templates: Templates) -> None:
        self.templates = templates

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        for name, text in self.templates.files:
            if name == template:
                return text, self.templates.path(name), lambda: True
        raise jinja2.TemplateNotFound(template)

    def list_templates(self) -> list[str]:
        return [name for name, _ in self.templates.files]


class _BuiltIn(jinja2.FileSystemLoader):
    """The built-in templates, and nothing else of the folders they are in."""

    NAMES = (*TEMPLATES, INDEX_TEMPLATE)

    def __init__(self) -> None:
        super().__init__([str(path) for path in TEMPLATE_DIRS])

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        if template not in self.NAMES:
            raise jinja2.TemplateNotFound(template)
        return super().get_source(environment, template)

    def list_templates(self) -> list[str]:
        return [name for name in super().list_templates() if name in self.NAMES]


def context(
    document: Document,
    *,
    lines: bool = False,
    members: Mapping[str, str] | None = None,
    made: bool = False,
) -> dict[str, Any]:
    """What a page's templates see (README, *Custom templates*): the model, the enums
    derived from it (`members` names members by code, see `pyenum.enums`), and the JSON
    model (`made`: its rows made as the built-in JSON artifact is written, for the
    built-ins alone: a template of the user's may read them more than once)."""
    declared = pyenum.enums(document, members)
    return {
        "document": document,
        "enums": declared,
        "public": pyenum.public_names(declared),
        "exports": pyenum.public_names(declared, aliases=True),
        "lookups": pyenum.lookups(declared),
        "summary": pyenum.summary(declared),
        "about": pyenum.about,
        "carries": pyenum.carries,
        "payload": payload(document, lines=lines, made=made),
    }


class _Overrun(Exception):
    """A template of the user's folder past its budget; `what` says which bound."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


@contextlib.contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Raise `_Overrun` in the running template once `seconds` have passed. A template
    loop calls nothing that could look at a clock, so a timer signal does: where there is
    none (Windows, a thread other than the main one), time is not bounded."""
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    done: list[bool] = []

    def expire(signum: int, frame: FrameType | None) -> None:
        if not done:  # a signal that comes once the template has ended changes nothing
            raise _Overrun(
                f"runs past its time ({seconds:g} s for this page), expected a template that ends"
            )

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        try:
            done.append(True)
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:  # the previous handler back, even when the signal came in between
            signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def _memory_bound(extra: int) -> Iterator[None]:
    """Memory past `extra` bytes more than the process's address space now fails with a
    MemoryError, told as `_Overrun`. Where the address space cannot be read or bounded
    (other than Linux), memory is not bounded."""
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as statm:
            size = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    except (ImportError, OSError, ValueError):
        yield
        return
    limit = size + extra
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    if soft != resource.RLIM_INFINITY:
        limit = min(limit, soft)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        yield
    except MemoryError:
        raise _Overrun(
            f"uses past its memory ({extra / 2**20:,.0f} MiB for this page), expected a "
            "template that builds text the size of a page"
        ) from None
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _bounded(
    template: jinja2.Template,
    context: dict[str, Any],
    seconds: float,
    characters: int,
    memory: int,
) -> str:
    """A template of the user's folder rendered within its budget (`Budget`): the text Jinja's
    `render` gives, piece by piece, stopped at the first piece past the bound."""
    pieces: list[str] = []
    size = 0
    with _deadline(seconds), _memory_bound(memory):
        for piece in template.generate(context):
            size += len(piece)
            if size > characters:
                raise _Overrun(
                    f"writes past its bound ({characters:,} characters for this page), "
                    "expected a text the size of a page"
                )
            pieces.append(piece)
    return "".join(pieces)


class Out(Protocol):
    """Where `write` puts one artifact: its bytes as they come, then its header's real bytes
    at their offset (`stamp.Stamper`)."""

    def write(self, data: bytes) -> None:
        """The next bytes of the artifact."""

    def close(self, offset: int, header: bytes) -> None:
        """The artifact is whole but for its header: `header` goes at `offset`, over the
        placeholder of the same length."""

    def discard(self) -> None:
        """The artifact will not be finished (its template failed): let go of what it was
        given."""


def render(
    document: Document,
    name: str,
    *,
    lines: bool = False,
    templates: Templates = BUILT_IN,
    members: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Every artifact of one document, keyed by file name (`{name}.py`, …, and one per
    template the folder adds), each stamped with its generated header. `name` may hold
    directories (`ecs/状态码`); `lines` puts the source lines into the JSON (off by default:
    moving text in the source must not change a committed artifact); `members` names
    members by code (`{"504": "GATEWAY_TIMEOUT"}`). `write` gives the same bytes, written
    as they are made."""
    found: dict[str, str] = {}
    write(
        document,
        name,
        lambda file: _Joined(file, found),
        lines=lines,
        templates=templates,
        members=members,
    )
    return found


def write(
    document: Document,
    name: str,
    open_artifact: Callable[[str], Out],
    *,
    lines: bool = False,
    templates: Templates = BUILT_IN,
    members: Mapping[str, str] | None = None,
) -> dict[Kind, int]:
    """`render`, each artifact handed to `open_artifact(file name)` in pieces as it is made,
    one artifact after the other, so none is ever whole in memory here: the JSON of a
    100,000-row table is 120 MB as text. A RenderError may come once an artifact has begun;
    the caller drops what it was given. A document with no code table has no artifact:
    its module would import nothing from `enum` (a library caller met a SyntaxError).

    Returns the codes the page lists per kind (its enums' members: a heading row, a row
    that repeats a code or names none is no code), for the index."""
    if not document.tables:
        raise RenderError(
            "holds no code table to render, expected a document parse found code tables in",
            path=document.path,
        )
    with collector.paused():
        values = context(document, lines=lines, members=members, made=not templates.folder)
        for template, suffix in templates.pages:
            file = name + suffix
            _written(
                file,
                _pieces(template, values, templates, document.path),
                template,
                templates,
                open_artifact(file),
            )
    listed: dict[Kind, int] = {}
    for enum in values["enums"]:
        listed[enum.kind] = listed.get(enum.kind, 0) + len(enum.members)
    return listed


class _Joined:
    """An `Out` that keeps the artifact, then puts it in `found` as text."""

    __slots__ = ("chunks", "file", "found")

    def __init__(self, file: str, found: dict[str, str]) -> None:
        self.file = file
        self.found = found
        self.chunks: list[bytes] = []

    def write(self, data: bytes) -> None:
        self.chunks.append(data)

    def discard(self) -> None:
        self.chunks.clear()

    def close(self, offset: int, header: bytes) -> None:
        whole = bytearray().join(self.chunks)
        self.chunks.clear()
        whole[offset : offset + len(header)] = header
        self.found[self.file] = whole.decode("utf-8")


def _pieces(
    template: str, values: dict[str, Any], templates: Templates, page: str
) -> Callable[[Callable[[str], None]], None]:
    """How a page's template is rendered: handing its text, in pieces as they are made, to
    the function it is given. The built-in JSON template's pieces are `json_value`'s own,
    without Jinja (a test holds both ways to the same bytes); the other built-ins' are
    Jinja's as it makes them; a template of the user's folder is rendered whole, within
    its budget."""
    if template == JSON_TEMPLATE and not templates.is_custom(template):

        def json_text(write: Callable[[str], None]) -> None:
            escape.json_write(values["payload"], write)
            write("\n")

        return json_text
    if not templates.is_custom(template):
        return lambda write: _generated(template, values, templates, page, write)
    return lambda write: write(_render(template, values, templates, page, values["document"]))


def _generated(
    template: str,
    values: dict[str, Any],
    templates: Templates,
    page: str,
    write: Callable[[str], None],
) -> None:
    """A built-in template's text handed to `write` as Jinja makes it, a few thousand of its
    pieces at a time (joined by `list` and `str.join`, in C: a loop per piece in Python
    cost a tenth of the render)."""
    try:
        compiled = environment(templates).get_template(template)
        pieces = compiled.root_render_func(compiled.new_context(values))
        while batch := list(itertools.islice(pieces, 4096)):
            write("".join(batch))
    except (RenderError, UnicodeEncodeError):
        raise  # `write`'s own: the text, not the template, is at fault
    except Exception as exc:
        failure = _failure(exc, template, templates, page)
        if failure is None:
            raise  # a built-in template failing other than by Jinja's rules is a bug
        raise failure from exc


@dataclass(frozen=True)
class Entry:
    """One page of the index: what it is, where it came from, where its artifacts are.
    Its `document` is read back only if the template asks for it (`model.Page`)."""

    page: Page
    name: str

    @property
    def title(self) -> str:
        return self.page.title

    @property
    def path(self) -> str:
        return self.page.path

    @property
    def document(self) -> Document:
        return self.page.document

    def link(self, suffix: str) -> str:
        """The artifact's path relative to the index, for a Markdown link."""
        return self.name + suffix

    def counts(self) -> list[tuple[str, int, int]]:
        """(kind, tables, codes listed) per kind present, in kind order: a heading row, a
        row that repeats a code or names none lists no code."""
        return list(self.page.codes)


def render_index(entries: list[Entry], templates: Templates = BUILT_IN) -> dict[str, str]:
    """`index.md`: the landing page listing every page, its kinds and counts, linked. A
    template of the user's may ask for any page's model: each is read back first, so that
    none counts against the template's time and memory (found by review)."""
    if templates.is_custom(INDEX_TEMPLATE):
        for entry in entries:
            entry.page.load()
    context = {"entries": sorted(entries, key=lambda entry: entry.name)}
    text = _render(INDEX_TEMPLATE, context, templates, "")
    found: dict[str, str] = {}
    _written(
        INDEX_NAME, lambda write: write(text), INDEX_TEMPLATE, templates, _Joined(INDEX_NAME, found)
    )
    return found


def _render(
    template: str,
    context: dict[str, Any],
    templates: Templates,
    page: str,
    document: Document | None = None,
) -> str:
    """One template rendered (one of the user's folder within its `BUDGET` for `document`,
    None for the index); a failure is a RenderError citing the template's file and line
    (`templates/x.ts.j2:12: undefined name 'foo'`), and the page rendered."""
    try:
        if not templates.is_custom(template):
            return environment(templates).get_template(template).render(context)
        seconds, characters, memory = BUDGET.of(document)
        with _deadline(seconds), _memory_bound(memory):  # compiling folds constant
            compiled = environment(templates).get_template(template)  # expressions: bounded
        return _bounded(compiled, context, seconds, characters, memory)
    except _Overrun as overrun:
        failure = _failure(overrun, template, templates, page)
        raise RenderError(
            overrun.what + (f" (rendering {page})" if page else " (rendering the index)"),
            path=templates.path(template),
            line=failure.line
            if failure is not None and failure.path == templates.path(template)
            else None,
        ) from None
    except Exception as exc:
        failure = _failure(exc, template, templates, page)
        if failure is None:
            raise  # a built-in template failing other than by Jinja's rules is a bug
        raise failure from exc


def _failure(exc: Exception, template: str, templates: Templates, page: str) -> RenderError | None:
    """The error a template's failure is reported as: where (the innermost template line
    in the traceback, which Jinja rewrites to template lines), and what."""
    custom = {templates.path(name) for name, _ in templates.files}
    where: str | None = None
    line: int | None = None
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where, line = exc.filename or exc.name, exc.lineno
        what = f"syntax error: {(exc.message or '').removesuffix('.')}"
    else:
        for frame in traceback.extract_tb(exc.__traceback__):
            if frame.filename in custom or _is_built_in(frame.filename):
                where, line = frame.filename, frame.lineno
        what = _what(exc)
    where = where or templates.path(template)
    shown = where if where in custom else os.path.basename(where)
    if shown not in custom and not isinstance(exc, jinja2.TemplateError):
        return None
    during = f" (rendering {page})" if page else " (rendering the index)"
    return RenderError(what + during, path=shown, line=line)


def _is_built_in(filename: str) -> bool:
    return os.path.dirname(filename) in {str(folder) for folder in TEMPLATE_DIRS}


_UNDEFINED = re.compile(r"'([^']*)' is undefined")
_NO_ATTRIBUTE = re.compile(r"'(?:[\w.]*\.)?(\w+) object' has no attribute '([^']*)'")


def _what(exc: Exception) -> str:
    """What went wrong, in one line: Jinja's words, made plainer (`undefined name 'foo'`
    for its `'foo' is undefined`; `Document has no attribute 'x'`), else the exception's
    kind and message."""
    if isinstance(exc, jinja2.TemplateNotFound):
        what = f"template {exc.name!r} not found among the templates folder's and the built-ins"
    elif isinstance(exc, jinja2.TemplateError):
        what = (exc.message or type(exc).__name__).removesuffix(".")
        if match := _UNDEFINED.fullmatch(what):
            what = f"undefined name {match.group(1)!r}"
        elif match := _NO_ATTRIBUTE.fullmatch(what):
            what = f"{match.group(1)} has no attribute {match.group(2)!r}"
    else:
        what = f"{type(exc).__name__}: {exc}"
    return " ".join(what.split())


def _written(
    name: str,
    produce: Callable[[Callable[[str], None]], None],
    template: str,
    templates: Templates,
    out: Out,
) -> None:
    """The artifact that `produce` makes, with its header, written to `out`; it must read
    back as codetables' own (a JSON template must open an object on its first line: the
    header is its first field), and be text a file can hold as written (no lone surrogate,
    no carriage return)."""
    stamper = stamp.Stamper(name, out.write)
    custom_json = name.endswith(".json") and templates.is_custom(template)
    held: list[str] = []

    def write(piece: str) -> None:
        if "\r" in piece:
            raise RenderError(
                "writes a carriage return (\\r), expected \\n line ends only (a file read "
                "back with \\r\\n would never equal what was written)",
                path=templates.path(template),
            )
        if custom_json:
            held.append(piece)
        stamper.write(piece)

    try:
        try:
            produce(write)
        except UnicodeEncodeError as exc:
            code = ord(exc.object[exc.start])
            raise RenderError(
                f"writes U+{code:04X}, half of a surrogate pair, which is not text, expected "
                "characters that UTF-8 can hold",
                path=templates.path(template),
            ) from None
        _refuse_unread(name, stamper, held, template, templates)
    except BaseException:
        out.discard()
        raise
    out.close(*stamper.close())


def _refuse_unread(
    name: str, stamper: stamp.Stamper, held: list[str], template: str, templates: Templates
) -> None:
    """A RenderError when the artifact would not read back as codetables' own."""
    if not stamper.headed:
        raise RenderError(
            "renders no JSON object with '{' alone on its first line, expected one (its "
            "first field becomes the generated header)",
            path=templates.path(template),
        )
    if held and not _is_json(stamp.stamp(name, "".join(held))):
        raise RenderError(
            "renders text that is not JSON once the generated header is its first field, "
            "expected a JSON object with at least one field",
            path=templates.path(template),
        )


def _is_json(text: str) -> bool:
    """Whether the text is JSON that Python reads (nesting deep enough to exhaust its
    stack is not)."""
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return False
    return True


def payload(document: Document, *, lines: bool = True, made: bool = False) -> dict[str, Any]:
    """The JSON model (format `codetables/2`), as plain data in a fixed order; source lines
    of tables and rows only when `lines` is set; `made`: each table's rows are made as the
    JSON is written (`escape.Made`), for `escape.json_pieces` to read once."""
    return {
        "format": FORMAT,
        "source": {"path": document.path, "title": document.title, "id": document.id},
        "tables": [_table_payload(table, lines, made) for table in document.tables],
    }


def _table_payload(table: Table, lines: bool, made: bool) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": table.kind.value, "title": table.title}
    if lines:
        data["line"] = table.line
    data["columns"] = [
        {
            "key": column.key,
            "header": column.header,
            "role": None if column.role is None else column.role.value,
        }
        for column in table.columns
    ]
    keys = [column.key for column in table.columns]

    def rows() -> Iterator[dict[str, Any]]:
        return (_row_payload(keys, row, lines) for row in table.rows)

    if not made:
        data["rows"] = list(rows())
    else:
        lay = functools.partial(_rows_laid, table.rows, keys, lines) if keys else None
        data["rows"] = escape.Made(rows, empty=not table.rows, lay=lay)
    return data


def _rows_laid(rows: tuple[Row, ...], keys: list[str], lines: bool, newline: str) -> Iterator[str]:
    """Each row's `_row_payload` as the JSON layout writes it at the depth `newline` says,
    made by joining its strings rather than value by value (the rows are most of the JSON:
    a test holds both ways to the same text)."""
    inner = newline + "  "
    cell = inner + "  "
    within = cell + "  "
    quoted = [cell + escape.json_string(key) + ": " for key in keys]
    opening = "{" + inner + ('"line": %d,' + inner if lines else "") + '"cells": {'
    middle = inner + "}," + inner + '"paragraphs": {'
    closing = inner + "}" + newline + "}"
    with_status = inner + "}," + inner + '"status": '
    between, before = "," + within, "[" + within
    after = cell + "]"
    string = escape.json_string
    for row in rows:
        texts: list[str] = []
        paragraphs: list[str] = []
        for key, item in zip(quoted, row.cells, strict=True):
            text = item.text
            written = string(text)
            texts.append(key + written)
            found = item.paragraphs
            if len(found) == 1 and found[0] == text:  # most cells: the text, written once
                paragraphs.append(key + before + written + after)
            elif found:
                paragraphs.append(key + before + between.join(map(string, found)) + after)
            else:
                paragraphs.append(key + "[]")
        status = row.status
        if status is None:
            end = closing
        elif type(status) is int:
            end = with_status + int.__repr__(status) + newline + "}"
        else:  # not a plain int (a bool): as the layout writes it
            yield escape.laid_value(_row_payload(keys, row, lines), newline)
            continue
        if lines and type(row.line) is not int:
            yield escape.laid_value(_row_payload(keys, row, lines), newline)
            continue
        yield (
            (opening % row.line if lines else opening)
            + ",".join(texts)
            + middle
            + ",".join(paragraphs)
            + end
        )


def _row_payload(keys: list[str], row: Row, lines: bool) -> dict[str, Any]:
    data: dict[str, Any] = {"line": row.line} if lines else {}
    data["cells"] = dict(zip(keys, [cell.text for cell in row.cells], strict=True))
    data["paragraphs"] = dict(zip(keys, [list(cell.paragraphs) for cell in row.cells], strict=True))
    if row.status is not None:
        data["status"] = row.status
    return data
