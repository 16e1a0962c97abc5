"""`timeline edit ID`: the user's editor at the event's line, then what changed is loaded."""

from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path

import pytest

from conftest import SHIPPED
from timeline.cli.editor import at_line


def fake_editor(folder: Path, name: str, change: str = "") -> tuple[str, Path]:
    """An executable called `name` (the editor's name decides how a line is passed) that
    records its arguments and applies `change` (old=>new) to the file it is given last."""
    record = folder / f"{name}.args"
    script = folder / name
    script.write_text(
        f"#!{sys.executable}\n"
        "import json, sys\n"
        f"open({str(record)!r}, 'w').write(json.dumps(sys.argv[1:]))\n"
        f"change = {change!r}\n"
        "if change:\n"
        "    old, new = change.split('=>')\n"
        "    path = sys.argv[-1].split(':')[0]\n"
        "    text = open(path, encoding='utf-8').read()\n"
        "    open(path, 'w', encoding='utf-8').write(text.replace(old, new, 1))\n"
    )
    script.chmod(0o755)
    return shlex.quote(str(script)), record


@pytest.fixture
def events(run, tmp_path: Path) -> Path:
    path = tmp_path / "events.yaml"
    path.write_bytes(SHIPPED.read_bytes())
    assert run("load", str(path)).exit_code == 0
    return path


def line_of(path: Path, text: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


def test_edit_opens_vim_at_the_line_and_loads_the_change(run, events, tmp_path, monkeypatch):
    editor, record = fake_editor(tmp_path, "vim", "Nara, Japan=>Nara Prefecture, Japan")
    monkeypatch.setenv("EDITOR", editor)
    monkeypatch.delenv("VISUAL", raising=False)
    result = run("edit", "2026-lee-visit-japan")
    assert result.exit_code == 0, result.stderr
    line = line_of(events, "  - id: 2026-lee-visit-japan")
    assert json.loads(record.read_text()) == [f"+{line}", str(events.resolve())]
    assert f"Reloaded {events.resolve()}: 0 added, 1 updated" in result.stderr
    shown = json.loads(run("show", "2026-lee-visit-japan", "-f", "json").stdout)[0]
    assert shown["location"] == "Nara Prefecture, Japan"


def test_visual_wins_and_vs_code_gets_goto(run, events, tmp_path, monkeypatch) -> None:
    code, record = fake_editor(tmp_path, "code")
    monkeypatch.setenv("VISUAL", f"{code} --wait")
    monkeypatch.setenv("EDITOR", "/nonexistent/editor")
    result = run("edit", "2019-export-controls")
    assert result.exit_code == 0 and f"No change to {events.resolve()}" in result.stderr
    line = line_of(events, "  - id: 2019-export-controls")
    assert json.loads(record.read_text()) == ["--wait", "--goto", f"{events.resolve()}:{line}"]


def test_an_edit_that_breaks_the_file_keeps_the_last_good_version(
    run, events, tmp_path, monkeypatch
) -> None:
    editor, _ = fake_editor(tmp_path, "nano", "kind: visit=>kind: party")
    monkeypatch.setenv("EDITOR", editor)
    result = run("edit", "2026-lee-visit-japan")
    assert result.exit_code == 1
    assert "unknown kind 'party'" in result.stderr and "no longer loads" in result.stderr
    assert result.stderr.count("no longer loads") == 1  # said once, not at every call
    assert len(json.loads(run("--no-sync", "show", "-f", "json").stdout)) == 19


def test_an_event_from_no_file_is_written_into_one_with_to(run, tmp_path, monkeypatch) -> None:
    editor, record = fake_editor(tmp_path, "vi")
    monkeypatch.setenv("EDITOR", editor)
    run("add", "--date", "2026-02-01", "--kind", "call", "--title", "A call", "-c", "KR,JP",
        "--id", "a-call")  # fmt: skip
    refused = run("edit", "a-call")
    assert refused.exit_code == 1
    assert "came from no file" in refused.stderr and "edit a-call --to FILE.yaml" in refused.stderr
    kept = tmp_path / "kept.yaml"
    result = run("edit", "a-call", "--to", str(kept))
    assert result.exit_code == 0, result.stderr
    assert json.loads(record.read_text()) == ["+1", str(kept.resolve())]
    assert (
        "- id: a-call" in kept.read_text()
        and f"Wrote a-call into {kept.resolve()}" in result.stderr
    )
    assert json.loads(run("show", "a-call", "-f", "json").stdout)[0]["file"] == str(kept.resolve())
    again = run("edit", "a-call", "--to", str(kept))
    assert again.exit_code == 2 and "already kept in" in again.stderr


def test_bad_ids_and_editors_fail_in_one_line(run, events, tmp_path, monkeypatch) -> None:
    assert "no event with id 'nope'" in run("edit", "nope").stderr
    monkeypatch.setenv("EDITOR", str(tmp_path / "no-such-editor"))
    result = run("edit", "2019-export-controls")
    assert result.exit_code == 1 and "cannot start the editor" in result.stderr
    monkeypatch.setenv("EDITOR", "false")
    result = run("edit", "2019-export-controls")
    assert result.exit_code == 1 and "exited with status 1" in result.stderr


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (["vim"], ["vim", "+7", "f.yaml"]),
        (["/usr/bin/nvim"], ["/usr/bin/nvim", "+7", "f.yaml"]),
        (["emacsclient", "-t"], ["emacsclient", "-t", "+7", "f.yaml"]),
        (["nano"], ["nano", "+7", "f.yaml"]),
        (["code", "--wait"], ["code", "--wait", "--goto", "f.yaml:7"]),
        (["subl", "-w"], ["subl", "-w", "f.yaml:7"]),
        (["hx"], ["hx", "f.yaml:7"]),
        (["gedit"], ["gedit", "f.yaml"]),  # no line form known: the file at its top
    ],
)
def test_each_editor_gets_the_line_its_way(command, expected) -> None:
    assert at_line(command, Path("f.yaml"), 7) == expected
