"""Where codetables' own files are: its modules, its JSON schema and its templates. Kept
apart from the renderer so that the fast `check` can hash them without importing Jinja."""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
TEMPLATE_DIRS = (HERE / "templates", HERE.parent.parent / "templates")
"""Templates inside the installed package first, then the source tree's `templates/`
(the package's source is `parser/codetables/`, the templates are top-level)."""
JSON_TEMPLATE = "json.json.j2"
"""The built-in JSON template: `{{ payload | json_value }}` and a line end."""
TEMPLATES = {"python.py.j2": ".py", "markdown.md.j2": ".md", JSON_TEMPLATE: ".json"}
"""Template → suffix of the page artifact it renders."""
INDEX_TEMPLATE = "index.md.j2"
SCHEMA_FILE = HERE / "codetables-2.schema.json"
"""The JSON Schema of the format, shipped inside the package."""
