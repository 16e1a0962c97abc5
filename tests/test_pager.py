"""`timeline show` on a terminal goes through a pager; tested on a real pseudo-terminal."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SHIPPED

CLI = [sys.executable, "-c", "from timeline.cli import main; main()"]


def on_terminal(args: list[str], env: dict[str, str]) -> tuple[int, str]:
    """Run the CLI with a pseudo-terminal as stdout and stderr: exit code, what it showed."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [*CLI, *args], stdout=follower, stderr=follower, stdin=subprocess.DEVNULL, env=env
    )
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal's other end closed
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    return process.wait(timeout=60), shown.decode("utf-8", "replace")


@pytest.fixture
def terminal_env(db: Path) -> dict[str, str]:
    env = os.environ | {"TIMELINE_DB": str(db), "COLUMNS": "100", "TERM": "xterm-256color"}
    env.pop("TIMELINE_PAGER", None)
    subprocess.run([*CLI, "load", str(SHIPPED)], env=env, check=True, capture_output=True)
    return env


def test_show_on_a_terminal_goes_through_the_pager(terminal_env, tmp_path: Path) -> None:
    paged, less = tmp_path / "paged.txt", tmp_path / "less.txt"
    pager = f"sh -c 'echo \"$LESS\" > {less}; cat > {paged}'"
    code, shown = on_terminal(["show", "-c", "JP"], terminal_env | {"PAGER": pager})
    assert code == 0
    assert "Nara" not in shown  # the terminal got nothing but what the pager drew
    text = paged.read_text(encoding="utf-8")
    assert "13 events" in text and "Nara" in text
    assert "\x1b[1m" in text  # styles pass through to the pager (NO_COLOR keeps no hue)
    assert less.read_text().strip() == "FRX"  # a short answer prints and exits


def test_timeline_pager_wins_and_less_options_are_the_users(terminal_env, tmp_path) -> None:
    paged, less = tmp_path / "paged.txt", tmp_path / "less.txt"
    ours = f"sh -c 'echo \"$LESS\" > {less}; cat > {paged}'"
    env = terminal_env | {"TIMELINE_PAGER": ours, "PAGER": "false", "LESS": "R"}
    code, _ = on_terminal(["show"], env)
    assert code == 0 and "Nara" in paged.read_text(encoding="utf-8")
    assert less.read_text().strip() == "R"


@pytest.mark.parametrize(
    ("args", "pager"),
    [
        (["show", "--no-pager"], "sh -c 'cat > /dev/null'"),
        (["show"], "cat"),
        (["show"], "no-such-pager-anywhere"),  # printed, not lost
    ],
)
def test_no_pager(terminal_env, args: list[str], pager: str) -> None:
    code, shown = on_terminal(args, terminal_env | {"PAGER": pager})
    assert code == 0 and "19 events" in shown


def test_quitting_the_pager_early_ends_quietly(terminal_env, tmp_path: Path) -> None:
    big = tmp_path / "big.jsonl"
    big.write_text(
        "".join(
            f'{{"id": "e{n}", "date": "2020-01-02", "kind": "call", "title": "Call {n}", '
            f'"countries": ["KR"]}}\n'
            for n in range(20_000)
        ),
        encoding="utf-8",
    )
    subprocess.run([*CLI, "load", str(big)], env=terminal_env, check=True, capture_output=True)
    code, shown = on_terminal(["show", "-f", "json"], terminal_env | {"PAGER": "head -c 100"})
    assert code == 0
    assert "Traceback" not in shown and "Error" not in shown
    assert shown.count("\n") < 5  # the 100 bytes head kept, nothing more


def test_kinds_on_a_terminal_goes_through_the_pager(terminal_env, tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    env = terminal_env | {"PAGER": f"sh -c 'cat > {paged}'", "COLUMNS": "80"}
    code, shown = on_terminal(["kinds"], env)
    assert code == 0 and "leaders' meeting" not in shown
    text = paged.read_text(encoding="utf-8")
    assert "leaders' meeting" in text
    assert max(len(line) for line in strip_styles(text).splitlines()) <= 80
    code, shown = on_terminal(["kinds", "--no-pager"], env)
    assert "leaders' meeting" in shown


def strip_styles(text: str) -> str:
    import re

    return re.sub(r"\x1b\[[0-9;]*m", "", text)
