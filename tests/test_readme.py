"""The README's console examples run as written: each `$ timeline ...` block in a fresh
folder holding the shipped data (loaded, unless the block loads it), with the day pinned,
its output compared with what the README shows. An HTML comment before a block says when
it runs otherwise: `<!-- readme: continues -->` (in the folder of the block before),
`<!-- readme: empty store -->`, or `<!-- readme: not run, WHY -->`."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT, TODAY

README = (ROOT / "README.md").read_text(encoding="utf-8")
FIXTURES = Path(__file__).parent / "readme"


@dataclass
class Block:
    line: int
    directive: str
    steps: list[tuple[str, list[str]]]  # (command, the output it shows)


def blocks() -> list[Block]:
    found = []
    pattern = re.compile(r"(?:<!-- readme: ([^>]*?) -->\n)?```console\n(.*?)```", re.S)
    for match in pattern.finditer(README):
        steps: list[tuple[str, list[str]]] = []
        lines = iter(match.group(2).splitlines())
        for text in lines:
            if text.startswith("$ "):
                command = text[2:]
                while command.endswith("\\"):
                    command = command[:-1] + next(lines).strip()
                steps.append((command, []))
            else:
                steps[-1][1].append(text)
        line = README.count("\n", 0, match.start(2))
        found.append(Block(line, match.group(1) or "", steps))
    return found


def test_every_example_is_found() -> None:
    assert len(blocks()) == README.count("```console") >= 10


def _sandbox(folder: Path, *, load: bool) -> dict[str, str]:
    folder.mkdir()
    (folder / "data").mkdir()
    shutil.copy(ROOT / "data" / "events.yaml", folder / "data")
    shutil.copytree(ROOT / "tests" / "data", folder / "tests" / "data")
    for fixture in FIXTURES.iterdir():
        shutil.copy(fixture, folder)
    env = {**os.environ, "TIMELINE_DB": str(folder / "timeline.db"), "COLUMNS": "80",
           "TIMELINE_TODAY": TODAY.isoformat(), "NO_COLOR": "1", "PYTHONUNBUFFERED": "1",
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}  # fmt: skip
    if load:
        subprocess.run(["timeline", "load", "data/events.yaml"], cwd=folder, env=env, check=True,
                       capture_output=True)  # fmt: skip
    return env


ALL = blocks()


@pytest.mark.parametrize("index", range(len(ALL)), ids=[f"README.md:{b.line}" for b in ALL])
def test_a_readme_example(tmp_path: Path, index: int) -> None:
    block = ALL[index]
    if block.directive.startswith("not run"):
        pytest.skip(block.directive)
    start = index
    while ALL[start].directive == "continues":
        start -= 1
    first = ALL[start]
    loads = first.steps[0][0].startswith("timeline load")
    env = _sandbox(tmp_path / "here", load=not loads and first.directive != "empty store")
    for earlier in ALL[start:index]:  # the blocks this one continues, run again first
        for command, _ in earlier.steps:
            subprocess.run(["bash", "-c", command], cwd=tmp_path / "here", env=env,
                           stdin=subprocess.DEVNULL, capture_output=True, timeout=60)  # fmt: skip
    for command, shown in block.steps:
        done = subprocess.run(
            ["bash", "-c", command],
            cwd=tmp_path / "here",
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=60,
        )
        printed = [line.rstrip() for line in done.stdout.replace("\r\n", "\n").splitlines()]
        assert printed == [line.rstrip() for line in shown], f"$ {command}"
