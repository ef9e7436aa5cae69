"""The `codetables` command: the only place that reads sources and writes artifacts.

seeds/*.md → parse → Document → render(templates/*) → output/
"""

from __future__ import annotations

import argparse
import difflib
import glob
import json
import os
import sys
import tempfile
import traceback
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import __version__, changes, config
from .console import Console, count
from .errors import CodetablesError, ConfigError, RenderError, SourceError, UsageError
from .escape import json_value
from .model import Document, Role
from .parse import decode, parse, require_tables
from .render import artifact_name, payload, render

EXIT_CODES: dict[type[CodetablesError], int] = {
    SourceError: 2,
    ConfigError: 2,
    UsageError: 2,
    RenderError: 2,
}
"""Exit code per kind of error. 0 is clean, 1 is drift found by `check`, 3 an internal bug."""

DRIFT = 1
INTERNAL = 3
MARKER = b"codetables"
"""Every artifact names codetables near its top; files without it are never touched."""


@dataclass(frozen=True)
class Source:
    """A source page as read: the path to cite, the artifact name, the bytes."""

    label: str
    name: str
    data: bytes


@dataclass(frozen=True)
class Build:
    """What one run produced: the parsed documents and every artifact's text by file name."""

    documents: tuple[Document, ...]
    artifacts: dict[str, str]

    def figures(self) -> str:
        """`3 sources, 4 tables, 1,204 rows`."""
        tables = sum(len(d.tables) for d in self.documents)
        rows = sum(len(t.rows) for d in self.documents for t in d.tables)
        return ", ".join(
            (count(len(self.documents), "source"), count(tables, "table"), count(rows, "row"))
        )


def build(
    sources: Sequence[Source],
    console: Console | None = None,
    *,
    roles: Mapping[str, Role | None] | None = None,
    strict: bool = False,
) -> Build:
    """The pipeline: each source parsed and rendered; `{file name: text}` for all of them.

    `roles` are the configured column-role overrides; `strict` makes the first warning an
    error. Raises before anything is written, so a bad source leaves every artifact as it was.
    """
    console = console or Console(quiet=True)
    documents: list[Document] = []
    artifacts: dict[str, str] = {}
    owner: dict[str, str] = {}
    for done, source in enumerate(sources, start=1):
        console.progress(done, len(sources), source.label)
        if source.name in owner:
            raise UsageError(
                f"{owner[source.name]} and {source.label} both map to the artifact name "
                f"{source.name!r}, expected one source per name",
                hint="set distinct names in [tool.codetables.names]",
            )
        owner[source.name] = source.label
        document = parse(decode(source.data, source=source.label), source=source.label, roles=roles)
        if not document.tables:  # say what was seen before refusing the page
            console.end_progress()
            report(document, console)
            require_tables(document)
        documents.append(document)
        artifacts.update(render(document, source.name))
    console.end_progress()
    for document in documents:
        report(document, console)
    if strict:
        refuse_warnings(documents)
    return Build(tuple(documents), artifacts)


def refuse_warnings(documents: Sequence[Document]) -> None:
    """Under --strict, the first warning of any page is an error (the rest were printed)."""
    for document in documents:
        for notice in document.warnings:
            raise SourceError(
                f"{notice.message} (a warning; --strict makes it an error)",
                path=document.path,
                line=notice.line,
            )


def report(document: Document, console: Console) -> None:
    """A page's warnings (always) and the tables it skipped (with --verbose)."""
    for notice in document.warnings:
        console.warning(f"{document.path}:{notice.line}: {notice.message}")
    for notice in document.skipped:
        console.info(f"{document.path}:{notice.line}: skipped, {notice.message}")


@dataclass(frozen=True)
class Project:
    """Where paths are relative to: the directory of the governing pyproject.toml, or cwd."""

    root: Path
    settings: config.Config

    def label(self, path: Path) -> str:
        """A path as artifacts and messages cite it: relative to the root, `/`-separated."""
        return Path(os.path.relpath(path.resolve(), self.root)).as_posix()


def find_project(start: Path) -> Project:
    """The nearest pyproject.toml with a [tool.codetables] table, from `start` upwards."""
    start = start.resolve()
    for directory in (start, *start.parents):
        candidate = directory / "pyproject.toml"
        if candidate.is_file():
            text = candidate.read_text(encoding="utf-8", errors="replace")
            if config.has_section(text, path=str(candidate)):
                return Project(directory, config.load(text, path=str(candidate)))
    return Project(start, config.Config())


def read_sources(project: Project, arguments: Sequence[str]) -> list[Source]:
    """The sources named on the command line, or those the configuration's patterns match."""
    if arguments:
        paths = [Path(argument) for argument in arguments]
    else:
        paths = []
        for pattern in project.settings.sources:
            matches = sorted(glob.glob(pattern, root_dir=project.root, recursive=True))
            if not matches:
                raise UsageError(f"no source matches {pattern!r} in {project.root.name}/")
            paths.extend(project.root / match for match in matches)
    sources = []
    for path in dict.fromkeys(paths):
        label = project.label(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise UsageError(f"cannot read the source ({exc.strerror})", path=label) from None
        name = project.settings.names.get(label) or artifact_name(path.stem)
        sources.append(Source(label, name, data))
    return sources


def output_dir(project: Project, option: str | None) -> Path:
    """The artifacts directory: `--out` as given, else the configured one under the root."""
    return Path(option) if option is not None else project.root / project.settings.output


def owned_files(directory: Path) -> dict[str, bytes]:
    """Files in `directory` that codetables wrote (they carry the marker), by name."""
    if directory.exists() and not directory.is_dir():
        raise UsageError(
            "the artifacts directory is a file, expected a directory", path=str(directory)
        )
    if not directory.is_dir():
        return {}
    found = {}
    for path in sorted(directory.iterdir()):
        if path.is_file() and not path.name.startswith("."):
            data = path.read_bytes()
            if MARKER in data[:512]:
                found[path.name] = data
    return found


def replace_all(directory: Path, changed: dict[str, bytes], stale: list[str]) -> None:
    """Write every changed file as a temporary file first, then rename them all into place.

    A failure while writing (disk full, permissions) removes the temporary files and leaves
    every artifact as it was; only the renames, which do not fail for want of space, remain.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        directory.mkdir(parents=True, exist_ok=True)
        for name, data in changed.items():
            handle, path = tempfile.mkstemp(dir=directory, prefix=f".{name}.", suffix=".tmp")
            staged.append((Path(path), directory / name))
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
        for temporary, target in staged:
            os.replace(temporary, target)
        for name in stale:
            (directory / name).unlink()
    except OSError as exc:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise UsageError(
            f"cannot write the artifacts ({exc.strerror or exc})", path=str(directory)
        ) from None


def options(args: argparse.Namespace, project: Project) -> dict[str, Any]:
    """The parse options a command runs with: the configured roles, and strictness from
    `--strict` or the configuration."""
    return {"roles": project.settings.roles, "strict": args.strict or project.settings.strict}


def command_generate(args: argparse.Namespace, project: Project, console: Console) -> int:
    """Write every artifact that changed; remove artifacts no source produces any more."""
    result = build(read_sources(project, args.sources), console, **options(args, project))
    directory = output_dir(project, args.out)
    existing = owned_files(directory)
    changed = {
        name: data
        for name, text in result.artifacts.items()
        if existing.get(name) != (data := text.encode("utf-8"))
    }
    stale = sorted(set(existing) - set(result.artifacts))
    replace_all(directory, changed, stale)
    for name in changed:
        console.info(f"wrote {project.label(directory / name)}")
    for name in stale:
        console.info(f"removed {project.label(directory / name)}")
    unchanged = len(result.artifacts) - len(changed)
    console.summary(
        f"{result.figures()} → {count(len(changed), 'file')} written, {unchanged:,} unchanged"
        + (f", {len(stale):,} removed" if stale else "")
    )
    return 0


def command_check(args: argparse.Namespace, project: Project, console: Console) -> int:
    """Render in memory and compare with the artifacts directory; 1 with diffs on drift."""
    result = build(read_sources(project, args.sources), console, **options(args, project))
    directory = output_dir(project, args.out)
    shown = project.label(directory)
    existing = owned_files(directory)
    missing = [name for name in result.artifacts if name not in existing]
    differing = {
        name: current
        for name, text in result.artifacts.items()
        if name in existing and (current := existing[name].decode("utf-8", "replace")) != text
    }
    for name, current in differing.items():
        if name.endswith(".json"):
            try:
                before = json.loads(current)
            except ValueError:
                before = None
            for line in changes.summary(before, json.loads(result.artifacts[name])):
                console.out.write(f"changed: {shown}/{name}: {line}\n")
    for name in missing:
        console.out.write(f"missing: {shown}/{name}\n")
    for name, current in differing.items():
        console.diff(
            difflib.unified_diff(
                current.splitlines(keepends=True),
                result.artifacts[name].splitlines(keepends=True),
                fromfile=f"{shown}/{name} (committed)",
                tofile=f"{shown}/{name} (generated)",
            )
        )
    problems = len(missing) + len(differing)
    for name in sorted(set(existing) - set(result.artifacts)):
        console.out.write(f"extra: {shown}/{name} (no source produces it)\n")
        problems += 1
    compared = f"{result.figures()} → {count(len(result.artifacts), 'file')} compared"
    if problems:
        console.err.write(
            f"{compared}, {problems:,} out of date; run 'codetables generate' "
            f"(in this repository: 'make generate') and commit {shown}/\n"
        )
        return DRIFT
    console.summary(f"{compared}, all up to date in {shown}/")
    return 0


def command_parse(args: argparse.Namespace, project: Project, console: Console) -> int:
    """Print the JSON model of one page (an empty `tables` list when it has none)."""
    (source,) = read_sources(project, [args.file])
    settings = options(args, project)
    document = parse(
        decode(source.data, source=source.label), source=source.label, roles=settings["roles"]
    )
    report(document, console)
    if settings["strict"]:
        refuse_warnings([document])
    console.out.write(json_value(payload(document)) + "\n")
    return 0


EXAMPLES = {
    "generate": "examples:\n  codetables generate\n  codetables generate docs/status.md --out gen/",
    "check": "examples:\n  codetables check\n  codetables check -q || echo 'artifacts are stale'",
    "parse": "examples:\n  codetables parse seeds/cci-status-codes.md > model.json",
}
EXIT_HELP = "exit codes: 0 clean, 1 drift found by check, 2 bad input or usage, 3 internal error"


def argument_parser() -> argparse.ArgumentParser:
    """The argument parser: one subcommand per job, each with examples in its --help."""
    top = argparse.ArgumentParser(
        prog="codetables",
        description="Status-code and error-code tables from documentation pages, as artifacts.",
        epilog="examples:\n  codetables generate\n  codetables check\n"
        "  codetables parse seeds/cci-status-codes.md\n\n" + EXIT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    top.add_argument("--version", action="version", version=f"codetables {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--debug", action="store_true", help="show a traceback on errors")
    common.add_argument(
        "--strict", action="store_true", help="treat warnings as errors (exit 2, nothing written)"
    )
    loudness = common.add_mutually_exclusive_group()
    loudness.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    loudness.add_argument(
        "-v", "--verbose", action="store_true", help="also list skipped tables and files written"
    )
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, function, summary in (
        ("generate", command_generate, "render every source into the artifacts directory"),
        ("check", command_check, "exit 1 with a diff when the artifacts are not current"),
    ):
        sub = commands.add_parser(
            name,
            help=summary,
            description=summary,
            parents=[common],
            epilog=EXAMPLES[name] + "\n\n" + EXIT_HELP,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        sub.add_argument("sources", nargs="*", metavar="SOURCE", help="default: configured")
        sub.add_argument("--out", metavar="DIR", help="artifacts directory (default: output/)")
        sub.set_defaults(run=function)
    summary = "print one page's JSON model on stdout"
    sub = commands.add_parser(
        "parse",
        help=summary,
        description=summary,
        parents=[common],
        epilog=EXAMPLES["parse"] + "\n\n" + EXIT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub.add_argument("file", metavar="FILE")
    sub.set_defaults(run=command_parse)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; map every error to its exit code and a one-line message."""
    args = argument_parser().parse_args(argv)
    try:
        console = Console(quiet=args.quiet, verbose=args.verbose)
        project = find_project(Path.cwd())
        code: int = args.run(args, project, console)
        return code
    except CodetablesError as exc:
        if args.debug:
            traceback.print_exc()
        print(f"error: {exc}", file=sys.stderr)
        if exc.hint:
            print(f"hint: {exc.hint}", file=sys.stderr)
        return EXIT_CODES[type(exc)]
    except Exception as exc:  # a bug, not bad input: say so plainly
        if args.debug:
            traceback.print_exc()
        print(f"error: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        print("hint: rerun with --debug and report it", file=sys.stderr)
        return INTERNAL
