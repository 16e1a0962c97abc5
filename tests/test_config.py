"""The settings file, `--color` and the colour conventions: what is in effect, and where
each value came from."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import SHIPPED


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "config" / "config.toml"
    path.parent.mkdir()
    monkeypatch.setenv("TIMELINE_CONFIG", str(path))

    def write(text: str) -> Path:
        path.write_text(text, encoding="utf-8")
        return path

    return write


def test_the_file_sets_the_database_and_where_add_writes(run, settings, tmp_path, monkeypatch):
    monkeypatch.delenv("TIMELINE_DB")
    events = tmp_path / "events.yaml"
    events.write_bytes(SHIPPED.read_bytes())
    path = settings(f'database = "{tmp_path}/desk.db"\nadd_to = "{events}"\n')
    assert run("load", str(events)).exit_code == 0
    assert (tmp_path / "desk.db").exists()  # the file's database
    added = run("add", "--date", "2026-02-01", "--kind", "call", "--title", "A call",
                "-c", "KR,JP", "--id", "a-call")  # fmt: skip
    assert added.exit_code == 0, added.stderr
    assert "- id: a-call" in events.read_text()  # landed in the source of truth
    (record,) = json.loads(run("show", "a-call", "-f", "json").stdout)
    assert record["file"] == str(events.resolve())
    out = run("config").stdout.splitlines()
    assert out[0] == f"settings file  {path}"
    assert f"database       {tmp_path}/desk.db  ({path}:1)" in out
    assert f"add_to         {events}  ({path}:2)" in out
    other = tmp_path / "other.db"
    assert f"database       {other}  (--db)" in run("--db", str(other), "config").stdout
    monkeypatch.setenv("TIMELINE_DB", str(other))
    assert f"database       {other}  ($TIMELINE_DB)" in run("config").stdout


def test_each_setting_says_where_it_came_from(run, settings, monkeypatch) -> None:
    monkeypatch.delenv("TIMELINE_PAGER", raising=False)
    monkeypatch.delenv("PAGER", raising=False)
    assert "pager          less  (default)" in run("config").stdout
    assert "color          auto  (default)" in run("config").stdout
    assert "(none)" in run("config").stdout.splitlines()[0]
    path = settings('pager = "less -S"\ncolor = "never"\n')
    out = run("config").stdout
    assert (
        f"pager          less -S  ({path}:1)" in out and f"color          never  ({path}:2)" in out
    )
    monkeypatch.setenv("TIMELINE_COLOR", "always")
    assert "color          always  ($TIMELINE_COLOR)" in run("config").stdout
    assert "color          never  (--color)" in run("--color", "never", "config").stdout
    monkeypatch.setenv("TIMELINE_PAGER", "more")
    assert "pager          more  ($TIMELINE_PAGER)" in run("config").stdout


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('database = "a.db"\npagr = "less"\n',
         ":2: unknown setting 'pagr' (the settings are database, add_to, pager, color)"),
        ("database = a.db\n", ":1: Invalid value (the settings file is TOML)"),
        ('color = "blue"\n', ":1: color must be one of auto, always, never"),
        ("\n\npager = 3\n", ':3: pager must be text in quotes, as pager = "..."'),
    ],
)  # fmt: skip
def test_a_broken_file_is_one_line_naming_it_and_the_line(run, settings, text, message) -> None:
    path = settings(text)
    for command in (["show"], ["config"]):
        result = run(*command)
        assert result.exit_code == 1
        assert result.stderr == f"Error: {path}{message}\n", result.stderr


def test_the_linux_path_is_the_one_platformdirs_gives(monkeypatch, tmp_path) -> None:
    import platformdirs

    from timeline.config import config_path

    monkeypatch.delenv("TIMELINE_CONFIG")
    for xdg in (None, str(tmp_path), ""):
        if xdg is None:
            monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
        else:
            monkeypatch.setenv("XDG_CONFIG_HOME", xdg)
        expected = platformdirs.user_config_path("timeline", appauthor=False) / "config.toml"
        assert config_path() == expected


def test_color_always_never_and_the_conventions(run, settings, monkeypatch) -> None:
    run("load", str(SHIPPED))
    monkeypatch.delenv("NO_COLOR")
    colour = "\x1b[38;"  # a kind's colour (256 or true colour)

    def coloured(*args: str) -> bool:
        return colour in run(*args, "show", "-c", "JP").stdout

    assert not coloured()  # a pipe
    assert coloured("--color", "always") and not coloured("--color", "never")
    monkeypatch.setenv("CLICOLOR_FORCE", "1")
    assert coloured() and not coloured("--color", "never")
    monkeypatch.setenv("NO_COLOR", "1")
    assert not coloured()  # NO_COLOR beats CLICOLOR_FORCE; --color beats both
    assert coloured("--color", "always")
    monkeypatch.delenv("CLICOLOR_FORCE")
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert coloured()
    monkeypatch.delenv("FORCE_COLOR")
    settings('color = "always"\n')
    assert coloured() and not coloured("--color", "never")
    never = run("--color", "never", "stats").stdout
    assert "\x1b[" not in never and "SSSS" in never  # no styles at all; letters in charts
    assert os.environ.get("TIMELINE_COLOR") is None
