"""What each command does: the pipeline over the project's sources, and its report.

seeds/*.md → parse → Document → render(templates/*) → output/

`cli.py` parses arguments and maps errors to exit codes; `project.py` reads sources;
`artifacts.py` owns the output directory; `compare.py` says what changed. This module puts
them together, one function per command.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import json
import os
from collections.abc import Callable, Generator, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from . import artifacts, pyenum, quick, spool, stamp, start, workers
from .console import Console, count
from .errors import (
    CodetablesError,
    ConfigError,
    Interrupted,
    SourceError,
    UsageError,
    WorkerError,
    printable,
)
from .escape import json_value
from .model import Document, Page, Role
from .names import same_on_every_file_system
from .package import INDEX_TEMPLATE
from .parse import decode, parse, require_tables
from .project import (
    Project,
    Source,
    is_revision,
    output_dir,
    read_bytes,
    read_revision,
    read_sources,
)
from .render import INDEX_NAME, Entry, payload, render_index, write
from .spool import Text
from .start import held
from .templateset import BUILT_IN, Templates

if TYPE_CHECKING:
    from .compare import PageChange

CONFIG = "pyproject.toml"
"""How messages cite the configuration (paths are relative to its folder)."""
DRIFT = 1
"""Exit code of `check` when the artifacts are not current, and of `diff --exit-code`."""


@dataclass(frozen=True)
class Options:
    """How pages are read and written: the configured roles, strictness, lines in JSON,
    the templates."""

    roles: Mapping[str, Role | None] = field(default_factory=dict)
    strict: bool = False
    lines: bool = False
    templates: Templates = BUILT_IN
    members: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Source label → {code → member name}, from `[tool.codetables.members]`."""
    member_lines: Mapping[str, int | None] = field(default_factory=dict)
    """Source label → the line of its `[tool.codetables.members]` table, for messages."""
    name_lines: Mapping[str, int | None] = field(default_factory=dict)
    """Source label → the line of its `[tool.codetables.names]` entry, for messages."""
    models: bool = True
    """Whether the run may ask a page with code tables for its model once it was read (an
    index template of the user's, `check` saying why an artifact differs): if not, a
    worker keeps it (`model.Page`)."""

    @classmethod
    def of(
        cls, project: Project, *, strict: bool = False, templates: Templates = BUILT_IN
    ) -> Options:
        settings = project.settings
        return cls(
            settings.roles,
            strict or settings.strict,
            settings.lines,
            templates,
            settings.members,
            {label: settings.line("members", label) for label in settings.members},
            {label: settings.line("names", label) for label in settings.names},
        )


@dataclass(frozen=True)
class Build:
    """What one run produced: the parsed pages by artifact name (each `Page.document` read
    back only when asked for), and every artifact's bytes by file name (`spool.Text`: large
    ones in the run's spool folder)."""

    pages: dict[str, Page]
    artifacts: dict[str, Text]

    def figures(self) -> str:
        """`3 sources, 4 tables, 1,204 rows`."""
        pages = self.pages.values()
        tables = sum(page.tables for page in pages)
        rows = sum(page.rows for page in pages)
        return ", ".join((count(len(pages), "source"), count(tables, "table"), count(rows, "row")))


def read_page(source: Source, options: Options) -> Document:
    """One source parsed with the configured roles."""
    return parse(decode(source.data, source=source.label), source=source.label, roles=options.roles)


Read = TypeVar("Read", Page, Document)
"""What a step makes of a page: the `Page` of a run that renders, a lint's `Document`."""

PARALLEL_FROM = 4
"""Sources from which pages are read in several processes (one per CPU): below, starting
them costs more than it saves."""


def _read_and_render(
    source: Source, options: Options, folder: spool.Folder | None
) -> tuple[Page, dict[str, Text]]:
    """One page parsed, and its artifacts when it has code tables (those past
    `spool.SPOOL_BYTES` written to `folder` as they are made)."""
    document = read_page(source, options)
    members = options.members.get(source.label)
    if members and (problems := pyenum.override_problems(document, members)):
        raise ConfigError(
            f"tool.codetables.members: {source.label}: {problems[0]}",
            path=CONFIG,
            line=options.member_lines.get(source.label),
        )
    writer = spool.Writer(folder)
    listed = None
    if document.tables:
        listed = write(
            document,
            source.name,
            writer,
            lines=options.lines,
            templates=options.templates,
            members=members,
        )
    crosses = options.models or not document.tables
    return Page(document, crosses=crosses, listed=listed), writer.texts


def _pages(
    sources: Sequence[Source],
    options: Options,
    step: Callable[..., tuple[Read, dict[str, Text]]],
    folder: spool.Folder | None = None,
) -> Generator[tuple[Read, dict[str, Text]], None, None]:
    """`step` (`_read_and_render`) of each source, in the sources' order, whatever the number
    of processes: the same artifacts, and the same first error, as one process gives. Close
    it where the reading stops (`contextlib.closing`): its workers are stopped then, and an
    interrupt that comes as they stop is raised there, not lost when it is freed."""
    jobs = min(os.cpu_count() or 1, len(sources)) if len(sources) >= PARALLEL_FROM else 1
    if jobs >= 2 and folder is not None:
        folder = folder.for_workers()  # made now: every worker spools into this one
    work = functools.partial(step, options=options, folder=folder)
    try:
        yield from workers.ordered(work, sources, jobs)
    except workers.Lost as lost:
        if lost.stopped:  # SIGTERM to the run's process group (`timeout`) reached a worker
            raise KeyboardInterrupt from None  # before the run itself
        raise WorkerError(
            f"a worker process ended ({lost.how}) while it read "
            + ("this page" if lost.index is not None else "the pages")
            + ", expected it to finish; no artifact was changed",
            path=None if lost.index is None else sources[lost.index].label,
            hint="a process killed by SIGKILL may have run out of memory"
            if lost.how == "killed by SIGKILL"
            else "",
        ) from None


GC_THRESHOLD = 100_000
"""Allocations between two young-generation collections while pages are read: a page's
tree is hundreds of thousands of objects, and the default (700) collects it over and over,
a quarter of the time and the reason time grew faster than rows (`benchmarks/README.md`)."""


def collect_less() -> None:
    """Let the garbage collector run less often: for the command, not for a library user.
    In the program's own process (`start.ENDING`) what the imports made is frozen too
    (`gc.freeze`): no collection walks the modules' objects again, and what cycles they
    left go with the process, which ends at once."""
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])
    if start.ENDING:
        gc.freeze()


def build(
    sources: Sequence[Source],
    console: Console,
    options: Options,
    *,
    full: bool = False,
    known: Mapping[str, str] | None = None,
    folder: spool.Folder | None = None,
    ahead: artifacts.Ahead | None = None,
) -> Build:
    """The pipeline: each source parsed and rendered; `{file name: text}` for all of them,
    and, on a `full` run over the configured sources, the index page when there are several.

    A page without a code table is an error when it was named on the command line, or when
    it had artifacts (`known`: artifact name → its JSON) and so lost its tables; on a full
    run any other such page is one a broad pattern caught (an overview, a guide) and is
    passed by, said with `-v`. Raises before anything is written, so a bad source leaves
    every artifact as it was. `ahead`: where each page's artifacts are staged as the page
    comes (`generate`).
    """
    read: dict[str, Page] = {}
    owner: dict[str, str] = {}
    for source in sources:
        if source.name in owner:
            raise _clash(
                f"{owner[source.name]} and {source.label} both map to the artifact name "
                f"{source.name!r}, expected one source per name",
                (owner[source.name], source.label),
                options,
            )
        owner[source.name] = source.label
    passed: list[Page] = []
    produced: dict[str, Text] = {}
    pages = _pages(sources, options, _read_and_render, folder)
    with contextlib.closing(pages):  # stopped here
        for done, (source, (page, rendered)) in enumerate(
            zip(sources, pages, strict=True), start=1
        ):
            console.progress(done, len(sources), source.label)
            if not page.counts:
                console.end_progress()
                report(page, console)  # say what was seen before refusing the page
                if not full or source.name in (known or {}):
                    _refuse_tableless(page.document, (known or {}).get(source.name))
                console.info(f"{source.label}: no code table; not a source of artifacts")
                passed.append(page)
                continue
            read[source.name] = page
            produced.update(rendered)
            if ahead is not None:
                ahead.add(rendered)
    console.end_progress()
    if not read and passed:
        require_tables(passed[0].document)
    for page in read.values():
        report(page, console)
    if options.strict:
        refuse_warnings(read.values())
    _refuse_clashes(owner, read, options)
    if full and len(read) > 1:
        if INDEX_NAME in produced:
            raise UsageError(
                f"{owner[INDEX_NAME.removesuffix('.md')]} maps to the artifact name 'index', "
                "which the index of several sources takes",
                hint="set another name in [tool.codetables.names]",
            )
        entries = [Entry(page, name) for name, page in read.items()]
        index = render_index(entries, options.templates)
        produced.update((name, Text.of(text)) for name, text in index.items())
    return Build(read, produced)


def _clash(message: str, labels: Sequence[str], options: Options) -> CodetablesError:
    """The error for sources whose artifact names cannot live side by side: at the line of
    the `[tool.codetables.names]` entry that gave one of them its name (the later
    source's, if both), as every setting's error is; else, both names made from the
    sources' paths, an error of the command."""
    hint = "set distinct names in [tool.codetables.names]"
    for label in reversed(labels):
        if label in options.name_lines:
            line = options.name_lines[label]
            return ConfigError(
                f"tool.codetables.names: {message}", path=CONFIG, line=line, hint=hint
            )
    return UsageError(message, hint=hint)


def _refuse_clashes(
    owner: Mapping[str, str], documents: Mapping[str, Page], options: Options
) -> None:
    """Artifact names that cannot live side by side: one differing from another only in
    case (one file on macOS and Windows), or in the case of a folder (`Ecs/x`, `ecs/y`:
    one folder there), or one that is a folder of another's files."""
    suffixes = options.templates.suffixes
    seen: dict[str, str] = {}
    folders: dict[str, tuple[str, str]] = {}
    for name in sorted(documents):
        other = seen.setdefault(same_on_every_file_system(name), name)
        if other != name:
            raise _clash(
                f"{owner[other]} and {owner[name]} map to artifact names that differ only in "
                f"case ({other!r}, {name!r}), expected names that differ on every file system",
                (owner[other], owner[name]),
                options,
            )
        parts = name.split("/")[:-1]
        for depth in range(1, len(parts) + 1):  # `Ecs/x` and `ecs/y`: one folder on macOS
            spelled = "/".join(parts[:depth])
            first, whose = folders.setdefault(same_on_every_file_system(spelled), (spelled, name))
            if first != spelled:
                raise _clash(
                    f"{owner[whose]} and {owner[name]} put their artifacts in folders that "
                    f"differ only in case ({first!r}, {spelled!r}), expected folders that "
                    "differ on every file system",
                    (owner[whose], owner[name]),
                    options,
                )
    files = {file for name in documents for file in _files(name, suffixes)}
    for name in sorted(documents):
        parts = name.split("/")
        for depth in range(1, len(parts)):
            folder = "/".join(parts[:depth])
            if folder in files:
                holder = next(  # the page whose artifact the folder is named like
                    (owner[other] for other in documents if folder in _files(other, suffixes)),
                    owner[name],
                )
                raise _clash(
                    f"the artifacts of {owner[name]} would go in a folder named like an "
                    f"artifact ({folder!r}), expected a folder free of artifacts",
                    (holder, owner[name]),
                    options,
                )


def _files(name: str, suffixes: Sequence[str]) -> list[str]:
    return [name + suffix for suffix in suffixes]


def _refuse_tableless(document: Document, artifact: str | None) -> None:
    """The error for a page without code tables that must have some."""
    if artifact is None:
        require_tables(document)
    raise SourceError(
        f"no code table found, expected the tables {artifact} was generated from (remove "
        "its artifacts if the page no longer lists codes)",
        path=document.path,
        line=1,
    )


def report(document: Document | Page, console: Console) -> None:
    """A page's warnings (always) and the tables it skipped (with --verbose)."""
    for notice in document.warnings:
        console.warning(f"{document.path}:{notice.line}: {notice.message}")
    for notice in document.skipped:
        console.info(f"{document.path}:{notice.line}: skipped, {notice.message}")


def refuse_warnings(documents: Iterable[Document | Page]) -> None:
    """Under --strict, the first warning of any page is an error (all were printed)."""
    for document in documents:
        for notice in document.warnings:
            raise SourceError(
                f"{notice.message} (a warning; --strict makes it an error)",
                path=document.path,
                line=notice.line,
            )


def sources(project: Project, arguments: Sequence[str], console: Console) -> list[Source]:
    """The run's sources; on a full run, a warning for each configured name no source has
    (a page renamed or gone: its name would silently stop applying)."""
    found = read_sources(project, arguments)
    if not arguments:
        labels = {source.label for source in found}
        for label in sorted(set(project.settings.names) - labels):
            console.warning(f"tool.codetables.names: {label!r} is not among the sources")
        for label in sorted(set(project.settings.members) - labels):
            raise ConfigError(
                f"tool.codetables.members: {label!r} is not among the sources, expected the "
                "path of a configured source",
                path=CONFIG,
                line=project.settings.line("members", label),
            )
    return found


def with_manifest(
    project: Project,
    directory: Path,
    result: Build,
    found: Sequence[Source],
    *,
    full: bool,
    console: Console,
    options: Options,
    mine: Mapping[str, Text],
) -> tuple[dict[str, Text], list[str], str]:
    """Every file the run should leave in the directory (the artifacts and the manifest),
    the ones it should remove (those the manifest lists for this project that no source
    makes now, on a full run only; a run on named pages removes nothing), and the interim
    manifest (`Plan.interim`). A name
    another project sharing the directory lists is refused, never replaced or removed.
    `mine`: those of the artifacts in the directory now that are codetables' own.

    A full run records what it was made from, and its warnings (`quick`)."""
    warned = tuple(console.warnings)  # what a later check warns of too
    manifest = artifacts.read_manifest(directory)
    me = artifacts.project_key(directory, project.root)
    new_here = manifest is None or me not in manifest
    foreign = manifest is None and artifacts.taken(directory / artifacts.MANIFEST)
    # (a file of another's in its place, a FIFO, a hand-written one: refused, not warned of)
    if full and new_here and not foreign and any(name in mine for name in result.artifacts):
        console.warning(
            f"{project.label(directory)}/ lists no artifacts of this project yet (no "
            f"manifest entry): artifacts of pages renamed or removed before now are not "
            "known; remove any such by hand"
        )
    manifest = manifest or {}
    listed = manifest.get(me, [])
    others = {name: key for key, names in manifest.items() if key != me for name in names}
    taken = sorted(set(result.artifacts) & set(others))
    if taken:
        raise UsageError(
            f"is listed in the manifest by another project ({others[taken[0]]}) sharing the "
            "directory, expected names of this project's own",
            path=str(directory / taken[0]),
            hint="give each project its own output directory, or set other names in "
            "[tool.codetables.names]",
        )
    stale = artifacts.listed_stale(directory, listed, result.artifacts, others) if full else []
    manifest[me] = list(result.artifacts) if full else [*listed, *result.artifacts]
    before = artifacts.read_inputs(directory)
    inputs = dict(before)
    if full:
        inputs[me] = quick.record(
            project, directory, found, options.templates, result.artifacts, result.figures(), warned
        )
    wanted = dict(result.artifacts)
    wanted[artifacts.MANIFEST] = Text.of(artifacts.render_manifest(manifest, inputs))
    interim = artifacts.render_manifest({**manifest, me: [*listed, *manifest[me]]}, before)
    return wanted, stale, interim


@dataclass(frozen=True)
class Plan:
    """What a generate or check run is about: the pages built, where their artifacts go,
    every file that should be there (the manifest too), and the stale ones."""

    result: Build
    directory: Path
    wanted: dict[str, Text]
    stale: list[str]
    interim: str
    """The manifest listing the artifacts both before and after the run, written before
    any of them: a run killed outright (`kill -9`) leaves none that no manifest lists."""
    owned: dict[str, Text]
    """The files among `wanted` in the directory that are codetables' own, as the run
    found them once its pages were read (`artifacts.owned`): looked for once, not again by
    each command."""


def plan(
    project: Project,
    arguments: Sequence[str],
    out: str | None,
    options: Options,
    console: Console,
    folder: spool.Folder | None = None,
    ahead: artifacts.Ahead | None = None,
) -> Plan:
    """The run's sources read and built, and the directory's files weighed against them; a
    full run (no `arguments`) also makes the index and finds stale artifacts."""
    full = not arguments
    with contextlib.suppress(quick.Declined):
        quick.tool_digest()  # the code this run is made by, before anything is read
    found = sources(project, arguments, console)
    directory = output_dir(project, out)
    artifacts.check_directory(directory)
    models = artifacts.owned(directory, [source.name + ".json" for source in found])
    known = {name.removesuffix(".json"): project.label(directory / name) for name in models}
    result = build(found, console, options, full=full, known=known, folder=folder, ahead=ahead)
    if not full:  # a named page must not take over another page's artifacts
        for name, document in result.pages.items():
            recorded = artifacts.recorded_source(models.get(name + ".json"))
            if recorded is not None and recorded != document.path:
                raise UsageError(
                    f"maps to the artifact name {name!r}, which holds {recorded}, expected a "
                    "name of its own",
                    path=document.path,
                    hint="set a name for it in [tool.codetables.names]",
                )
    mine = artifacts.owned(directory, [*result.artifacts, artifacts.MANIFEST])
    wanted, stale, interim = with_manifest(
        project, directory, result, found, full=full, console=console, options=options, mine=mine
    )
    return held(Plan(result, directory, wanted, stale, interim, mine))


def generate(
    project: Project, arguments: Sequence[str], out: str | None, options: Options, console: Console
) -> int:
    """Write every artifact that changed; remove the artifacts of pages that no longer
    exist. Named sources (`arguments`) write their pages' artifacts only: no index. One run
    at a time per directory; temporary files a killed run left are removed first."""
    directory = output_dir(project, out)
    artifacts.check_directory(directory)
    options = replace(options, models=options.templates.is_custom(INDEX_TEMPLATE))
    with (
        artifacts.locked(directory),
        spool.Folder() as folder,
        artifacts.Ahead(directory) as ahead,
    ):
        run = plan(project, arguments, out, options, console, folder, ahead)
        result, directory, wanted, remove = run.result, run.directory, run.wanted, run.stale
        mine = run.owned
        _refuse_edited_stale(project, directory, remove)
        changed = {
            name: text for name, text in wanted.items() if not spool.same(mine.get(name), text)
        }
        pages = [project.root / page.path for page in result.pages.values()]
        artifacts.refuse_foreign(directory, changed, mine, pages)
        artifacts.refuse_nested(directory, changed)
        _hand_edits_replaced(project, directory, changed, mine, options, console)
        for leftover in artifacts.stale_temporaries(directory, wanted, ahead):
            leftover.unlink(missing_ok=True)
            console.info(f"removed {project.label(leftover)} (left by an interrupted run)")
        interim = Text.of(run.interim)
        done = False
        try:
            with artifacts.held_signals():  # one interruption for both steps, after the last
                previous = mine.get(artifacts.MANIFEST)
                if artifacts.MANIFEST in changed and not any(
                    spool.same(interim, text) for text in (changed[artifacts.MANIFEST], previous)
                ):
                    if previous is not None:  # in memory: its file is about to be replaced
                        previous = Text.of(previous.read())
                    artifacts.replace_all(directory, {artifacts.MANIFEST: interim}, [])
                    try:
                        artifacts.replace_all(directory, changed, remove, ahead)
                    except BaseException:  # every artifact put back: the manifest too
                        _put_back_manifest(directory, previous)
                        raise
                else:
                    artifacts.replace_all(directory, changed, remove, ahead)
                done = True
        except Interrupted:
            raise
        except KeyboardInterrupt:  # held back, delivered as the block ended
            raise Interrupted(written=done) from None
        console.wrote = bool(changed or remove)
    if console.verbose:  # (a label made for every file costs when none is shown)
        for name in changed:
            console.info(f"wrote {project.label(directory / name)}")
        for name in remove:
            console.info(f"removed {project.label(directory / name)}")
    written = len(set(changed) - {artifacts.MANIFEST})
    unchanged = len(result.artifacts) - written
    console.summary(
        f"{result.figures()} → {count(written, 'file')} written, {unchanged:,} unchanged"
        + (f", {len(remove):,} removed" if remove else "")
    )
    return 0


def _compare(old: Any, new: dict[str, Any]) -> PageChange:
    """`compare.compare`, imported when a change is explained (`check`, `diff`): never for
    `generate`, whose start it would slow by 4 ms."""
    from . import compare

    return compare.compare(old, new)


def _put_back_manifest(directory: Path, previous: Text | None) -> None:
    """The manifest as it was before the run wrote its interim one (none: removed), so that
    a failed or interrupted run leaves every file as it found it. Where even that cannot be
    written (the disk full), the interim one stays: it lists the old artifacts and the new,
    and the next run reads it as it would have read the old."""
    with contextlib.suppress(CodetablesError, OSError):
        if previous is None:
            artifacts.replace_all(directory, {}, [artifacts.MANIFEST])
        else:
            artifacts.replace_all(directory, {artifacts.MANIFEST: previous}, [])


def check(
    project: Project,
    arguments: Sequence[str],
    out: str | None,
    options: Options,
    console: Console,
    *,
    show_diff: bool = True,
) -> int:
    """Render in memory and compare with the artifacts directory: 0 when current, else 1,
    after saying for each page what happened, then (`show_diff`) a unified diff per file,
    of at most `textdiff.MAX_LINES` lines, in time near-linear in the artifacts' size."""
    with artifacts.locked(output_dir(project, out), shared=True), spool.Folder() as folder:
        return _check(project, arguments, out, options, console, folder, show_diff=show_diff)


def _check(
    project: Project,
    arguments: Sequence[str],
    out: str | None,
    options: Options,
    console: Console,
    folder: spool.Folder,
    *,
    show_diff: bool,
) -> int:
    run = plan(project, arguments, out, options, console, folder)
    result, directory, wanted, extra = run.result, run.directory, run.wanted, run.stale
    shown = project.label(directory)
    owned = run.owned
    missing = [name for name in wanted if name not in owned]
    pages = [project.root / page.path for page in result.pages.values()]
    artifacts.refuse_foreign(directory, missing, {}, pages)  # as generate would: exit 2
    differing = [name for name, text in wanted.items() if _differs(name, owned, text)]
    artifacts.refuse_nested(directory, differing)  # as generate would: exit 2
    existing = _texts(owned, differing)
    for line in explain(result, existing, differing, shown, options):
        console.out.write(printable(line) + "\n")
    for name in missing:
        console.out.write(printable(f"missing: {shown}/{name}") + "\n")
    edited = set(_edited_stale(directory, extra))
    for name in extra:
        why = "; edited by hand, generate refuses to remove it" if name in edited else ""
        console.out.write(printable(f"extra: {shown}/{name} (no source makes it now{why})") + "\n")
    leftovers = artifacts.stale_temporaries(directory, wanted)
    for leftover in leftovers:
        console.out.write(
            printable(
                f"extra: {project.label(leftover)} (left by an interrupted run; generate "
                "removes it)"
            )
            + "\n"
        )
    if differing and show_diff:
        from . import textdiff  # difflib with it: only where a diff is shown

        for name in differing:
            console.diff(
                textdiff.unified(
                    existing[name].splitlines(keepends=True),
                    wanted[name].decoded().splitlines(keepends=True),
                    fromfile=f"{shown}/{name} (committed)",
                    tofile=f"{shown}/{name} (generated)",
                )
            )
    compared = f"{result.figures()} → {count(len(result.artifacts), 'file')} compared"
    if missing or differing or extra or leftovers:
        console.err.write(
            f"{compared}, {_out_of_date([*missing, *differing])}"
            + (f", {len(extra) + len(leftovers):,} extra" if extra or leftovers else "")
            + f"; run 'codetables generate' and commit {shown}/\n"
        )
        if any(_edited(name, existing[name]) for name in differing):
            console.err.write(
                "hint: generate overwrites edits made by hand; make them in the source page\n"
            )
        return DRIFT
    console.summary(f"{compared}, all up to date in {shown}/")
    return 0


def _out_of_date(names: Sequence[str]) -> str:
    """`2 out of date`, counted as the files compared are: the manifest, which is not one
    of them, named apart (`2 out of date and the manifest`, `the manifest out of date`),
    as a missing output folder made `3 files compared, 4 out of date`."""
    files = sum(name != artifacts.MANIFEST for name in names)
    if artifacts.MANIFEST not in names:
        return f"{files:,} out of date"
    return f"{files:,} out of date and the manifest" if files else "the manifest out of date"


def _differs(name: str, existing: Mapping[str, Text], text: Text) -> bool:
    """Whether a committed file differs from what this run makes; for the manifest, not
    counting its record of the inputs, a cache that moves with the sources' layout."""
    committed = existing.get(name, text)
    if name == artifacts.MANIFEST:
        return artifacts.without_inputs(committed.decoded()) != artifacts.without_inputs(
            text.decoded()
        )
    return not spool.same(committed, text)


def _texts(owned: Mapping[str, Text], differing: Sequence[str]) -> dict[str, str]:
    """The committed text of each differing file, and of the JSON model of its page, which
    says why it differs (`explain`): the files that are current are never read whole."""
    wanted = {*differing, *(name.rsplit(".", 1)[0] + ".json" for name in differing)}
    return {name: owned[name].decoded() for name in wanted if name in owned}


def explain(
    result: Build,
    existing: Mapping[str, str],
    differing: Sequence[str],
    shown: str,
    options: Options,
) -> list[str]:
    """Why each differing artifact differs, page by page, in words: the source changed (in
    meaning, as `diff` says it, or only where its text sits, with `lines = true`), the
    artifact was edited by hand (its body no longer matches the checksum in its header), or
    this version of codetables renders it differently."""
    lines: list[str] = []
    pages: dict[str, list[str]] = {}
    for name in differing:
        pages.setdefault(name.rsplit(".", 1)[0], []).append(name)
    for page, names in pages.items():
        edited = [n for n in names if _edited(n, existing[n])]
        for name in edited:
            lines.append(
                f"edited by hand: {shown}/{name}: its body no longer matches the checksum "
                "in its header"
            )
        rest = [n for n in names if n not in edited]
        if not rest:
            continue
        read = result.pages.get(page)
        listed = ", ".join(f"{shown}/{n}" for n in rest)
        if page + ".json" == artifacts.MANIFEST:
            lines.append(f"changed: {listed}: the artifacts it lists (pages added or removed)")
            continue
        if read is None:  # the index
            lines.append(f"changed: {listed}: the pages it lists, or how it lists them")
            continue
        committed = _model(existing.get(page + ".json"))
        now = payload(read.document, lines=options.lines)
        change = _compare(committed, now)
        if change.unreadable:
            lines.append(
                f"changed: {listed}: its committed JSON model is missing, or of another "
                "format or version, so the cause cannot be told"
            )
        elif change.roles_only:
            lines.append(
                f"renders differently: {listed}: the page is the same, read with other column "
                "roles ([tool.codetables.roles] or this version of codetables changed):"
            )
            lines += _capped(change.lines(), read.path)
        elif change.changed:
            lines.append(f"source changed: {listed}: {read.path} changed in meaning:")
            lines += _capped(change.lines(), read.path)
        elif isinstance(committed, dict) and committed.get("source") != now["source"]:
            lines.append(f"source changed: {listed}: the page is now {read.path}")
        elif _has_lines(committed) != options.lines:
            lines.append(
                f"renders differently: {listed}: the same meaning; the configuration's "
                f"`lines = {'true' if options.lines else 'false'}` changed what the JSON carries"
            )
        elif options.lines and committed is not None and _without_header(committed) != now:
            lines.append(
                f"source changed: {listed}: {read.path} moved its text, not its meaning "
                "(the JSON carries source lines: lines = true)"
            )
        elif options.members:
            lines.append(
                f"renders differently: {listed}: the same meaning, written differently by "
                "this version of codetables or with other member names "
                "([tool.codetables.members])"
            )
        elif options.templates.folder:
            lines.append(
                f"renders differently: {listed}: the same meaning, written differently by "
                f"this version of codetables or the templates in {options.templates.folder}/"
            )
        else:
            lines.append(
                f"renders differently: {listed}: the same meaning, written differently by "
                "this version of codetables (its templates or code changed) or of Python "
                "(its Unicode data says which characters are printable)"
            )
    return lines


MAX_EXPLAINED = 200
"""Lines of changes `check` says per page at most (`diff` says them all): 180,000 changed
rows made 187,000 lines (found by review)."""


def _capped(changes: list[str], path: str) -> list[str]:
    """A page's changes, indented, at most `MAX_EXPLAINED` of them and a line saying how
    many more there are."""
    shown = [f"  {line}" for line in changes[:MAX_EXPLAINED]]
    if len(changes) > MAX_EXPLAINED:
        more = len(changes) - MAX_EXPLAINED
        shown.append(
            f"  … and {more:,} more (`codetables diff` of {path}'s two versions lists all)"
        )
    return shown


def _model(text: str | None) -> Any:
    """A committed JSON artifact's model, or None when it is missing or not JSON."""
    try:
        return json.loads(text) if text is not None else None
    except (ValueError, RecursionError):  # edited by hand into anything
        return None


def _has_lines(model: Any) -> bool:
    """Whether a committed model carries source lines (written with `lines = true`)."""
    try:
        return any("line" in table for table in model["tables"])
    except (KeyError, TypeError):
        return False


def _without_header(model: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in model.items() if key != "generated"}


def _edited_stale(directory: Path, stale: Sequence[str]) -> list[str]:
    """Those of the stale artifacts edited by hand since they were generated: their edits
    would go with them, and no source makes them again."""
    return _edited_among(artifacts.owned(directory, stale) if stale else {}, stale)


def _edited_among(found: Mapping[str, Text], names: Iterable[str]) -> list[str]:
    """Those of `names` among codetables' own artifacts `found` that were edited by hand
    since they were generated (the checksum in the header no longer matches)."""
    return [
        name
        for name in names
        if name in found and _edited(name, found[name].read().decode("utf-8", "replace"))
    ]


def _refuse_edited_stale(project: Project, directory: Path, stale: Sequence[str]) -> None:
    """A UsageError, before anything is written, for a stale artifact edited by hand: an
    edit to an artifact its page still makes is replaced (`check` says so first), but one
    no page makes would be lost for good (found by review: removed without a word)."""
    edited = _edited_stale(directory, stale)
    if edited:
        raise UsageError(
            "was edited by hand and no source makes it now, expected an artifact as it was "
            "generated before it is removed",
            path=project.label(directory / edited[0]),
            hint="keep the edits elsewhere and remove the file, or restore its source page",
        )


def _hand_edits_replaced(
    project: Project,
    directory: Path,
    changed: Mapping[str, Text],
    mine: Mapping[str, Text],
    options: Options,
    console: Console,
) -> None:
    """A warning per artifact edited by hand that the run replaces (its page still makes
    it: the edit goes, as `check` says it will), before anything is written; under
    --strict, an error instead, nothing replaced. It was replaced without a word (found by
    a probe)."""
    edited = _edited_among(mine, (name for name in changed if name != artifacts.MANIFEST))
    if edited and options.strict:
        raise UsageError(
            "was edited by hand since it was generated, expected an artifact as it was "
            "generated (--strict replaces no edit made by hand)",
            path=project.label(directory / edited[0]),
            hint="keep the edits elsewhere, or make them in the source page, then generate",
        )
    for name in edited:
        console.warning(
            f"{project.label(directory / name)}: edited by hand since it was generated; "
            "replaced by what its source makes (make edits in the source page)"
        )


def _edited(name: str, text: str) -> bool:
    found = stamp.read(name, text)
    return found is not None and found.edited


def diff(
    project: Project,
    old: str,
    new: str,
    options: Options,
    console: Console,
    *,
    as_json: bool,
    exit_code: bool,
) -> int:
    """Print the change in meaning between two versions of a page (files or `REV:PATH`)."""
    documents = []
    for argument in (old, new):
        if is_revision(argument):
            label, data = argument, read_revision(argument, Path.cwd())
        else:
            label = project.label(Path(argument))
            data = read_bytes(Path(argument), label)
        document = read_page(Source(label, "", data), options)
        report(document, console)
        documents.append(document)
    if options.strict:
        refuse_warnings(documents)
    change = _compare(payload(documents[0], lines=False), payload(documents[1], lines=False))
    if as_json:
        sides = {"old": documents[0].path, "new": documents[1].path}
        console.out.write(json_value({**sides, **change.to_json()}) + "\n")
    else:
        for line in change.lines():
            console.out.write(printable(line) + "\n")
    return DRIFT if exit_code and change.changed else 0


def parse_one(project: Project, file: str, options: Options, console: Console) -> int:
    """Print the JSON model of one page, source lines included (an empty `tables` list
    when it has none)."""
    (source,) = read_sources(project, [file])
    document = read_page(source, options)
    report(document, console)
    if options.strict:
        refuse_warnings([document])
    console.out.write(json_value(payload(document, lines=True)) + "\n")
    return 0


def _read_only(
    source: Source, options: Options, folder: spool.Folder | None = None
) -> tuple[Document, dict[str, Text]]:
    """One page parsed, nothing rendered (for `lint`)."""
    return read_page(source, options), {}


def lint(
    project: Project,
    arguments: Sequence[str],
    options: Options,
    console: Console,
    *,
    as_json: bool,
    strict: bool,
) -> int:
    """Print where the pages depart from the HTTP status registry and from each other;
    with `strict`, exit 1 when anything was found."""
    from . import lint as rules

    found = sources(project, arguments, console)
    documents = []
    with contextlib.closing(_pages(found, options, _read_only)) as read:  # stopped here
        for done, (source, (document, _)) in enumerate(zip(found, read, strict=True), start=1):
            console.progress(done, len(found), source.label)
            if document.tables:
                documents.append(document)
            elif arguments:
                console.end_progress()
                require_tables(document)
            else:
                console.info(f"{source.label}: no code table; not linted")
    console.end_progress()
    for document in documents:
        for notice in document.skipped:
            console.info(f"{document.path}:{notice.line}: skipped, {notice.message}")
    findings = rules.lint(documents)
    if as_json:
        listed = [finding.to_json() for finding in findings]
        console.out.write(json_value({"format": rules.FORMAT, "findings": listed}) + "\n")
    else:
        for finding in findings:
            line = f"{finding.path}:{finding.line}: {finding.rule}: {finding.message}"
            console.out.write(printable(line) + "\n")
    pages = len({finding.path for finding in findings})
    console.summary(
        f"{count(len(findings), 'finding')} on {pages:,} of {count(len(documents), 'page')}"
    )
    return DRIFT if strict and findings else 0
