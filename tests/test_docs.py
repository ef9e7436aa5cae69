"""The README stays true: its command list is the real one, its JSON example the real format."""

from __future__ import annotations

import argparse
import json
import re

import jsonschema
import pytest

from codetables.cli import argument_parser
from codetables.package import SCHEMA_FILE
from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def real_commands() -> set[str]:
    actions = argument_parser()._subparsers._group_actions  # type: ignore[union-attr]
    (subparsers,) = [a for a in actions if isinstance(a, argparse._SubParsersAction)]
    return set(subparsers.choices)


def test_readme_lists_exactly_the_real_commands() -> None:
    """Every `codetables X` line of the command block is a command, and every command is there."""
    block = README.split("## Command line", 1)[1].split("```", 2)[1]
    listed = set(re.findall(r"^codetables (\w+)", block, flags=re.MULTILINE))
    assert listed == real_commands()


def test_readme_json_example_is_valid_against_the_schema() -> None:
    """The JSON example in the README validates against the shipped schema."""
    example = README.split("### JSON format", 1)[1].split("```json", 1)[1].split("```", 1)[0]
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(example), schema)


def test_readme_names_the_two_set_up_commands() -> None:
    """The set-up section gives `make generate` and `make test`, and the Makefile has both."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("generate", "test"):
        assert f"make {target}" in README
        assert re.search(rf"^{target}:", makefile, flags=re.MULTILINE)


def test_readme_usage_lines_show_every_option() -> None:
    """Each command's README line names every option the command really accepts."""
    block = README.split("## Command line", 1)[1].split("```", 2)[1]
    lines = {m.group(1): m.group(0) for m in re.finditer(r"^codetables (\w+).*$", block, re.M)}
    actions = argument_parser()._subparsers._group_actions  # type: ignore[union-attr]
    (subparsers,) = [a for a in actions if isinstance(a, argparse._SubParsersAction)]
    for name, sub in subparsers.choices.items():
        options = {
            max(action.option_strings, key=len)
            for action in sub._actions
            if action.option_strings and "--help" not in action.option_strings
        }
        for option in options:
            assert option in lines[name] or option.replace("--", "-")[:2] in lines[name], (
                name,
                option,
            )


@pytest.mark.parametrize("command", [[], ["generate"], ["check"], ["diff"], ["parse"], ["lint"]])
def test_every_help_shows_an_example_and_the_exit_codes(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """`--help` on the program and on each command gives examples and the exit codes."""
    with pytest.raises(SystemExit) as stopped:
        argument_parser().parse_args([*command, "--help"])
    assert stopped.value.code == 0
    out = capsys.readouterr().out
    assert "examples:\n  codetables " in out
    assert " ".join(out.split()).endswith(
        "exit codes: 0 clean, 1 drift found by check (or a change, with diff --exit-code, or a "
        "finding, with lint --strict), 2 bad input or usage, 3 internal error, 130 interrupted"
    )
