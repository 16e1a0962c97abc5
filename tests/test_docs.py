"""Every command is documented in the README and has help text."""

import re
from pathlib import Path

import pytest
from typer.main import get_command

from timeline.cli import app

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
ROOT = get_command(app)
COMMANDS = sorted(ROOT.commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_in_the_readme_with_help(run, name: str) -> None:
    assert re.search(rf"### `timeline {name}\b", README), f"README has no section for {name}"
    result = run(name, "--help")
    assert result.exit_code == 0
    assert ROOT.commands[name].help  # type: ignore[attr-defined]
    # every value is named for what it is, not for its Python type
    assert not re.search(r"<(str|path|int)>", result.stdout), result.stdout


def test_option_values_are_named_for_what_they_are(run) -> None:
    help_text = run("add", "--help").stdout
    for option in ("--date DATE", "--end DATE", "--country COUNTRY", "--to FILE"):
        assert option in help_text


def test_import_subcommands_have_help(run) -> None:
    for source in ("gdelt", "icews"):
        result = run("import", source, "--help")
        assert result.exit_code == 0 and "--cameo" in result.stdout


def test_the_readme_commands_are_the_ci_commands() -> None:
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text()
    lines = ci.splitlines()
    # CI runs the README's chain a step a line, for `set -e` to stop at any step.
    steps = lines[lines.index("python3 -m venv .venv") : lines.index("pytest") + 1]
    assert " && ".join(steps) in README
    assert "--resolution lowest-direct" in ci and "--resolution lowest-direct" in README
