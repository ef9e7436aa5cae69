"""A configuration error names the line of the setting it is about, however TOML writes it."""

from __future__ import annotations

import pytest

from codetables import config
from codetables.errors import ConfigError
from codetables.model import Role

TEXT = """\
[project]
name = "x"
sources = ["not ours"]

[tool.codetables]
sources = [
  "docs/*.md",
  "a = b",
]
names = { "docs/a.md" = "alpha" }
"lines" = true

[tool.codetables.roles]
"Kód" = "error_code"
'Status "Code"' = "status"

[tool.codetables.members."docs/b.md"]
404 = "NOT_FOUND"
"""


@pytest.mark.parametrize(
    ("keys", "line"),
    [
        (("tool", "codetables"), 5),
        (("tool", "codetables", "sources"), 6),
        (("tool", "codetables", "names"), 10),
        (("tool", "codetables", "names", "docs/a.md"), 10),
        (("tool", "codetables", "lines"), 11),
        (("tool", "codetables", "roles"), 13),
        (("tool", "codetables", "roles", "Kód"), 14),
        (("tool", "codetables", "roles", 'Status "Code"'), 15),
        (("tool", "codetables", "members"), 17),
        (("tool", "codetables", "members", "docs/b.md"), 17),
        (("tool", "codetables", "members", "docs/b.md", "404"), 18),
        (("tool", "codetables", "members", "docs/c.md"), 5),
        (("project", "sources"), 3),
        (("elsewhere",), None),
    ],
)
def test_a_setting_is_found_on_the_line_it_is_written(keys: tuple[str, ...], line: int) -> None:
    assert config.key_line(TEXT, keys) == line


def test_dotted_keys_and_an_inline_table_give_their_own_lines() -> None:
    text = 'tool.codetables.output = "out"\n[tool]\ncodetables = { strict = "yes" }\n'
    assert config.key_line(text, ("tool", "codetables", "output")) == 1
    assert config.key_line(text, ("tool", "codetables", "strict")) == 3


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('[tool.codetables]\nsources = "docs/*.md"\n', 2),
        ('[tool.codetables]\nlines = true\n\n[tool.codetables.roles]\n"Kód" = "bogus"\n', 5),
        ('[tool.codetables.members."a.md"]\n404 = "lower"\n', 2),
        ('[tool.codetables]\n\n\nlines = "yes"\n', 4),
        ('[tool.codetables]\noutput = "x"\nstrict = tru\n', 3),
        ('[tool.codetables]\nnames = {"a.md" = "x"\n', 2),
    ],
)
def test_a_configuration_error_cites_its_line(text: str, line: int) -> None:
    with pytest.raises(ConfigError) as raised:
        config.load(text, path="pyproject.toml")
    assert raised.value.line == line
    assert str(raised.value).startswith(f"pyproject.toml:{line}: ")


def test_a_loaded_configuration_knows_its_settings_lines_and_compares_without_them() -> None:
    text = '[tool.codetables]\nsources = ["a.md"]\n\n[tool.codetables.members."a.md"]\n1 = "A"\n'
    loaded = config.load(text, path="pyproject.toml")
    assert loaded.line("members", "a.md") == 4
    assert loaded == config.load("\n\n" + text, path="pyproject.toml")


def test_a_line_is_counted_as_toml_counts_it_past_strings_and_odd_line_breaks() -> None:
    """A comment holding U+2028 or U+0085 is one line to TOML (str.splitlines made it two),
    and a multi-line string that reads like a table and a setting is no setting's place."""
    text = (
        "# a comment \u2028 with \x85 breaks\n"
        'note = """\n[tool.codetables]\nstrict = 1\n"""\n'
        "[tool.codetables]\n"
        "strict = 1\n"
    )
    assert config.key_line(text, ("tool", "codetables", "strict")) == 7
    with pytest.raises(ConfigError) as raised:
        config.load(text, path="pyproject.toml")
    assert raised.value.line == 7


def test_two_spellings_of_one_header_with_two_roles_are_an_error() -> None:
    text = '[tool.codetables.roles]\n"Code" = "status"\n"code:" = "none"\n'
    with pytest.raises(ConfigError) as raised:
        config.load(text, path="pyproject.toml")
    assert str(raised.value) == (
        "pyproject.toml:3: tool.codetables.roles: 'Code' and 'code:' name one header (case, "
        "spaces and colons aside) with two roles, expected one"
    )
    same = '[tool.codetables.roles]\n"Code" = "status"\n"code" = "status"\n'
    assert config.load(same, path="pyproject.toml").roles == {"code": Role.STATUS}


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('convention = "google"  # the """ opening\n[tool.codetables]\nstrict = "yes"\n', 3),
        ('[tool.codetables]\n\noutput = """"""\n', 3),
        ("x = '''a\nb'''\n[tool.codetables]\nstrict = 1\n", 4),
        ('a = ["""x\ny""", 1]\n[tool.codetables]\nstrict = 1\n', 4),
        ('s = "said \\"\\"\\" no"\n[tool.codetables]\nstrict = 1\n', 3),
    ],
)
def test_only_a_value_opens_a_multi_line_string(text: str, line: int) -> None:
    """Triple quotes in a comment or inside a string opened none, and a multi-line string
    closed on its own line hid the setting that opens it (found by review)."""
    with pytest.raises(ConfigError) as raised:
        config.load(text, path="pyproject.toml")
    assert raised.value.line == line
