"""A reader that stops early (`| head -1`) ends the command quietly: exit 0, no message,
so that a pipeline under `set -o pipefail` succeeds."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

EVENTS = 5_000  # enough output to fill a pipe's buffer many times over


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pipes")
    events = folder / "events.jsonl"
    with events.open("w") as out:
        for n in range(EVENTS):
            record = {
                "id": f"e{n}",
                "date": f"20{10 + n % 15}-0{1 + n % 9}-1{n % 9}",
                "kind": "meeting",
                "title": f"Talks number {n} " + "x" * 60,
                "countries": ["JP", "KR"],
                "summary": "A long summary. " * 20,
            }
            out.write(json.dumps(record) + "\n")
    db = folder / "t.db"
    subprocess.run(
        [sys.executable, "-m", "timeline", "--db", str(db), "load", str(events)],
        check=True,
        capture_output=True,
    )
    return db


@pytest.mark.skipif(shutil.which("bash") is None or shutil.which("head") is None, reason="bash")
@pytest.mark.parametrize(
    "command",
    [
        "show",
        "show --format json",
        "show --no-pager --reverse",
        "export --format csv",
        "export --format jsonl",
        "export --format yaml",
    ],
)
def test_a_closed_pipe_ends_quietly(store: Path, command: str) -> None:
    line = f"set -o pipefail; {sys.executable} -m timeline --db {store} {command} | head -1"
    env = {**os.environ, "COLUMNS": "80", "TIMELINE_PAGER": "cat"}
    done = subprocess.run(["bash", "-c", line], capture_output=True, text=True, env=env)
    assert (done.returncode, done.stderr) == (0, "")
    assert len(done.stdout.splitlines()) == 1


def test_counts_are_written_with_thousands_separators(store: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "timeline", "--db", str(store), "show", "--no-pager"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "80"},
    )
    assert done.stdout.rstrip().splitlines()[-1].startswith("5,000 events")
