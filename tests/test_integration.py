"""codetables in other repositories: the pre-commit hooks and the CI examples are valid for
their tools, and the commands they run keep a project current and fail it on drift."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from pre_commit.clientlib import (
    InvalidConfigError,
    InvalidManifestError,
    load_config,
    load_manifest,
)
from pre_commit.lang_base import hook_cmd

from codetables.stamp import COMMENTS
from conftest import ROOT, SEED

MANIFEST = ROOT / ".pre-commit-hooks.yaml"
EXAMPLES = sorted((ROOT / "examples" / "ci").glob("*.yml"))
README = (ROOT / "README.md").read_text(encoding="utf-8")
BIN = Path(sys.executable).parent
"""Where this environment's `codetables` is, as pre-commit's own environment would have it."""


def hooks() -> dict[str, dict[str, Any]]:
    """The manifest as pre-commit reads it: validated, defaults filled in."""
    return {hook["id"]: hook for hook in load_manifest(str(MANIFEST))}


def test_the_hook_manifest_passes_pre_commits_own_validation(tmp_path: Path) -> None:
    assert list(hooks()) == ["codetables-check", "codetables-generate"]
    validated = subprocess.run(
        [str(BIN / "pre-commit"), "validate-manifest", str(MANIFEST)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert validated.returncode == 0, validated.stdout + validated.stderr
    broken = tmp_path / "hooks.yaml"  # the validator does refuse: a hook without its entry
    broken.write_text(MANIFEST.read_text("utf-8").replace("  entry: codetables check\n", ""))
    with pytest.raises(InvalidManifestError, match="entry"):
        load_manifest(str(broken))


def test_both_hooks_run_on_the_whole_project_when_its_inputs_or_artifacts_change() -> None:
    """No file names are passed (a named page is checked alone, by other rules); the `files`
    pattern says when the hook runs, as pre-commit applies it (a search in each path)."""
    staged = [
        "seeds/cci-status-codes.md",
        "docs/ecs/cn.zh-cn/API参考/状态码.md",
        "site/errors.html",
        "output/cci_status_codes.py",
        "output/cci_status_codes.json",
        "output/cci_status_codes.md",
        "output/.codetables-manifest.json",
        "pyproject.toml",
        "tools/pyproject.toml",
        "templates/python.py.j2",
    ]
    unrelated = ["Makefile", "logo.png", "pyproject.toml.orig", "notes.txt", ".gitignore"]
    for hook in hooks().values():
        assert hook["language"] == "python"
        assert hook["pass_filenames"] is False
        runs_for = re.compile(hook["files"])
        assert [path for path in staged if not runs_for.search(path)] == []
        assert [path for path in unrelated if runs_for.search(path)] == []
        added = [f"output/x{suffix}" for suffix in COMMENTS]  # kinds a template can add
        assert [path for path in added if not runs_for.search(path)] == []


def make_project(root: Path) -> Path:
    """A small project: one page under docs/, its artifacts to go to output/."""
    (root / "docs").mkdir(parents=True)
    shutil.copyfile(SEED, root / "docs" / "状态码.md")
    (root / "pyproject.toml").write_text(
        '[tool.codetables]\nsources = ["docs/*.md"]\noutput = "output"\n', encoding="utf-8"
    )
    return root


def run(command: list[str], project: Path) -> subprocess.CompletedProcess[str]:
    """A command as a hook or CI step runs it: by name, found on PATH, in the project."""
    assert shutil.which(command[0], path=str(BIN)) == str(BIN / command[0])
    return subprocess.run(
        command,
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": str(BIN) + os.pathsep + os.environ["PATH"], "NO_COLOR": "1"},
        check=False,
    )


def snapshot(project: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(project)): path.read_bytes()
        for path in sorted(project.rglob("*"))
        if path.is_file()
    }


def change_a_phrase(project: Path) -> None:
    page = project / "docs" / "状态码.md"
    text = page.read_text("utf-8")
    assert text.count("Switching Protocols") == 1
    page.write_text(text.replace("Switching Protocols", "Switching Protocol"), encoding="utf-8")


def assert_drift_reported(run: subprocess.CompletedProcess[str]) -> None:
    """Exit 1; what changed and the diff on stdout (the hook's or the job's log), the fix on
    stderr."""
    assert run.returncode == 1, run.stdout + run.stderr
    assert "table 1: row 101: 编码: 'Switching Protocols' → 'Switching Protocol'" in run.stdout
    assert "+++ output/状态码.md (generated)" in run.stdout
    assert "\n-| 101 | Switching Protocols |" in run.stdout
    assert "run 'codetables generate' and commit output/" in run.stderr


def test_the_hook_entries_keep_a_project_current_and_fail_on_drift(tmp_path: Path) -> None:
    """Each hook's command exactly as pre-commit builds it (entry, then args, no file names):
    generate writes and then changes nothing; check passes, and fails with a diff on drift."""
    found = hooks()
    generate = list(
        hook_cmd(found["codetables-generate"]["entry"], found["codetables-generate"]["args"])
    )
    check = list(hook_cmd(found["codetables-check"]["entry"], found["codetables-check"]["args"]))
    assert (generate[:2], check[:2]) == (["codetables", "generate"], ["codetables", "check"])
    project = make_project(tmp_path)

    assert run(generate, project).returncode == 0
    written = snapshot(project)
    assert "output/状态码.py" in written
    again = run(generate, project)  # what pre-commit sees as "files were modified": none
    assert again.returncode == 0, again.stderr
    assert snapshot(project) == written
    assert run(check, project).returncode == 0

    change_a_phrase(project)
    drifted = run(check, project)
    assert drifted.returncode == 1, drifted.stdout + drifted.stderr
    assert_drift_reported(drifted)
    assert snapshot(project)["output/状态码.md"] == written["output/状态码.md"]

    regenerated = run(generate, project)
    assert regenerated.returncode == 0, regenerated.stderr
    assert snapshot(project)["output/状态码.md"] != written["output/状态码.md"]
    assert run(check, project).returncode == 0


def commands(example: Path) -> list[str]:
    """Every shell command a CI example runs, in order (GitHub `run:` steps, GitLab scripts)."""
    found: list[str] = []

    def walk(node: object, key: str = "") -> None:
        if isinstance(node, dict):
            for name, value in node.items():
                walk(value, str(name))
        elif isinstance(node, list):
            for item in node:
                walk(item, key)
        elif isinstance(node, str) and key in ("run", "script", "before_script"):
            found.extend(line for line in node.splitlines() if line.strip())

    walk(yaml.safe_load(example.read_text("utf-8")))
    return found


@pytest.mark.parametrize("example", EXAMPLES, ids=[example.name for example in EXAMPLES])
def test_the_ci_example_installs_codetables_and_its_check_fails_on_drift(
    example: Path, tmp_path: Path
) -> None:
    """The workflow parses, installs codetables, then runs `codetables check --full`; that
    command, run as the step runs it, passes on a current project and exits 1 with a diff
    when not."""
    steps = commands(example)
    installs = [i for i, line in enumerate(steps) if "pip install" in line]
    checks = [i for i, line in enumerate(steps) if shlex.split(line)[:2] == ["codetables", "check"]]
    assert installs, steps
    assert checks, steps
    assert installs[0] < checks[0], steps
    assert steps[-1] == "codetables check --full"  # the full path: no record trusted
    project = make_project(tmp_path)
    assert run(["codetables", "generate"], project).returncode == 0
    for index in checks:
        assert run(shlex.split(steps[index]), project).returncode == 0
    change_a_phrase(project)
    for index in checks:
        drifted = run(shlex.split(steps[index]), project)
        assert_drift_reported(drifted)


def test_there_are_github_and_gitlab_ci_examples() -> None:
    assert [example.name for example in EXAMPLES] == ["github-actions.yml", "gitlab-ci.yml"]


def test_the_readme_pre_commit_configuration_is_valid_and_names_the_hooks(
    tmp_path: Path,
) -> None:
    section = README.split("**As a pre-commit hook.**", 1)[1]
    snippet = section.split("```yaml", 1)[1].split("```", 1)[0]
    configuration = tmp_path / ".pre-commit-config.yaml"
    configuration.write_text(snippet, encoding="utf-8")
    (repository,) = load_config(str(configuration))["repos"]
    assert [hook["id"] for hook in repository["hooks"]] == ["codetables-check"]
    assert "- id: codetables-generate" in snippet  # the other, shown commented out
    assert {hook["id"] for hook in repository["hooks"]} <= set(hooks())
    configuration.write_text(snippet.replace("rev:", "revision:"), encoding="utf-8")
    with pytest.raises(InvalidConfigError):
        load_config(str(configuration))


def test_make_check_is_the_drift_check() -> None:
    """`make check` runs `codetables check` on this repository, and the README says so."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\ncheck:", 1)[1].split("\n\n", 1)[0]
    assert "$(BIN)/codetables check" in recipe
    assert "`make check`" in README


def git(*arguments: str, cwd: Path) -> str:
    identity = ["-c", "user.name=codetables tests", "-c", "user.email=tests@example.invalid"]
    done = subprocess.run(
        ["git", *identity, *arguments], cwd=cwd, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def snapshot_of_this_repository(into: Path) -> tuple[Path, str]:
    """This checkout's files as they are now (changes not yet committed included), committed
    in a repository of their own: what pre-commit clones at a `rev`."""
    listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT)
    for name in filter(None, listed.split("\0")):
        if (ROOT / name).is_file():
            (into / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(ROOT / name, into / name)
    git("init", "-q", cwd=into)
    git("add", "-A", cwd=into)
    git("commit", "-q", "--no-verify", "-m", "snapshot", cwd=into)
    return into, git("rev-parse", "HEAD", cwd=into)


@pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git")
def test_pre_commit_installs_the_hooks_and_fails_a_commit_on_drift(tmp_path: Path) -> None:
    """End to end, as a user has it: pre-commit reads the manifest from a clone of this
    repository, installs codetables into an environment of its own, and runs the hooks."""
    hooks_repository, revision = snapshot_of_this_repository(tmp_path / "codetables")
    project = make_project(tmp_path / "project")
    (project / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hooks_repository.as_uri()}\n    rev: {revision}\n    hooks:\n"
        "      - id: codetables-check\n      - id: codetables-generate\n",
        encoding="utf-8",
    )
    git("init", "-q", cwd=project)
    environment = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "NO_COLOR": "1",
    }

    def pre_commit(hook: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(BIN / "pre-commit"), "run", hook, "--color", "never"],
            cwd=project,
            capture_output=True,
            text=True,
            env=environment,
            check=False,
        )

    git("add", "-A", cwd=project)
    assert pre_commit("codetables-generate").returncode == 0  # new files: untracked, unseen
    git("add", "-A", cwd=project)
    git("commit", "-q", "--no-verify", "-m", "artifacts", cwd=project)
    assert (project / "output" / "状态码.py").is_file()

    change_a_phrase(project)
    git("add", "-A", cwd=project)
    checked = pre_commit("codetables-check")
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert "- exit code: 1" in checked.stdout
    assert "table 1: row 101: 编码: 'Switching Protocols' → 'Switching Protocol'" in checked.stdout
    assert "-| 101 | Switching Protocols |" in checked.stdout
    generated = pre_commit("codetables-generate")
    assert generated.returncode == 1
    assert "files were modified by this hook" in generated.stdout
    git("add", "-A", cwd=project)
    assert pre_commit("codetables-check").returncode == 0
