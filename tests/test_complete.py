"""Tab completion, driven the way the shells drive it: `timeline` run with
`_TIMELINE_COMPLETE` set and the words of the command line in the environment (bash:
COMP_WORDS and COMP_CWORD; zsh and fish: _TYPER_COMPLETE_ARGS)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SHIPPED


def complete(line: str, shell: str = "bash", **env: str) -> subprocess.CompletedProcess[str]:
    """What the shell gets for a TAB at the end of `line` (after `timeline `)."""
    words = f"timeline {line}"
    protocol = (
        {"COMP_WORDS": words, "COMP_CWORD": str(len(words.split()) - (not words.endswith(" ")))}
        if shell == "bash"
        else {"_TYPER_COMPLETE_ARGS": words}
    )
    return subprocess.run(
        [sys.executable, "-m", "timeline"],
        env=os.environ | protocol | {"_TIMELINE_COMPLETE": f"complete_{shell}"} | env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def offered(line: str, **env: str) -> list[str]:
    result = complete(line, **env)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    return [word for word in result.stdout.splitlines() if word]  # as `$(...)` gives them


@pytest.fixture
def loaded(run, db: Path) -> Path:
    assert run("load", str(SHIPPED)).exit_code == 0
    return db


def test_countries_come_from_the_store_most_frequent_first(loaded) -> None:
    assert offered("show --country ") == ["KR", "JP", "US"]
    assert offered("show -c J") == ["JP"]
    assert offered("show --country k") == ["kr"]  # as typed: codes are read in any case
    assert offered("show --country jap") == ["japan"]  # by name
    assert offered("show --country KR,") == ["KR,JP", "KR,US"]  # a list goes on
    assert offered("show --between KR ") == ["KR", "JP", "US"]
    assert offered("add --country U") == ["US"]
    assert offered("import gdelt x.CSV --country J") == ["JP"]


def test_kinds_statuses_and_choices(loaded) -> None:
    assert offered("show --kind sum") == ["summit"]
    assert offered("show -k summit,v") == ["summit,visit"]
    assert offered("add --kind tr") == ["trip", "treaty", "truce", "trade"]  # one-word aliases
    assert offered("add --kind em") == ["embargo"]  # and those that carry a code
    assert offered("show --status p") == ["planned", "postponed"]
    assert offered("show --format ") == ["table", "json"]
    assert "timelinejs" in offered("export --format ")
    assert offered("import ") == ["gdelt", "icews", "polecat"]
    assert offered("import polecat x.txt --type cons") == ["consult"]
    assert offered("import gdelt x.CSV --cameo 04") == ["04", "040", "041", "042", "043",
                                                       "044", "045", "046"]  # fmt: skip
    assert offered("sh") == ["show"]


def test_tags_participants_and_ids(loaded) -> None:
    assert offered("show --tag nu") == ["nuclear"]
    assert "youth-exchange" in offered("show -t ")
    assert offered("show --participant Lee") == ["Lee\\ Jae-myung"]  # escaped for bash
    assert offered("show -p lee") == ["Lee\\ Jae-myung"]  # -p matches in any case
    assert offered("show -p LEE") == ["Lee\\ Jae-myung"]
    assert "Sanae\\ Takaichi" in offered("show --participant ")  # of the latest events
    assert offered("remove 2026-lee") == ["2026-lee-takaichi-nara-summit", "2026-lee-visit-japan"]
    assert offered("add --replace --id 2026-lee-v") == ["2026-lee-visit-japan"]
    assert offered("add --id 2026-lee-v") == []  # without --replace a stored id is refused


def test_korean_and_japanese_names(run, write) -> None:
    text = (
        "- {date: 2026-01-13, kind: summit, title: 나라 정상회담, countries: [KR, JP],"
        " participants: [이재명, 高市早苗], tags: [정상회담]}\n"
    )
    run("load", str(write("cjk.yaml", text)))
    assert offered("show --participant 이") == ["이재명"]
    assert offered("show --participant 高市") == ["高市早苗"]
    assert offered("show --tag 정") == ["정상회담"]


def test_files_are_left_to_the_shell(loaded) -> None:
    assert offered("load ") == []  # bash falls back to its own file completion
    assert offered("import polecat ") == []
    assert offered("export -o ") == []
    assert complete("load ", "zsh").stdout.strip() == "_files"
    fish = complete("load ", "fish", _TYPER_COMPLETE_FISH_ACTION="is-args")
    assert fish.returncode == 1  # fish: complete files here


def test_zsh_and_fish_show_what_each_candidate_is(loaded) -> None:
    zsh = complete("show --country ", "zsh").stdout
    assert zsh.startswith("_arguments '*: :((") and '"KR":"South Korea, 19 events"' in zsh
    fish = complete("show --country J", "fish", _TYPER_COMPLETE_FISH_ACTION="get-args").stdout
    assert fish.splitlines() == ["JP\tJapan, 13 events"]


def test_a_missing_store_offers_nothing_and_is_not_created(tmp_path) -> None:
    missing = tmp_path / "missing" / "store.db"
    assert offered(f"--db {missing} show --country ") == []
    assert offered("show --country ", TIMELINE_DB=str(missing)) == []
    assert not missing.parent.exists()
    assert offered(f"--db {missing} show --kind sum") == ["summit"]  # not from the store


def test_completion_reads_only(loaded, write, run) -> None:
    """No write, no sync (a remembered file that changed is not re-loaded), no migration."""
    source = write("mine.yaml", "- {date: 2026-01-01, kind: call, title: A, countries: [FR]}\n")
    run("load", str(source))
    source.write_text("- {date: 2026-01-01, kind: call, title: A, countries: [DE]}\n")
    before = loaded.read_bytes()
    assert "DE" not in offered("show --country ")
    assert loaded.read_bytes() == before

    with sqlite3.connect(loaded) as conn:
        conn.execute("PRAGMA user_version = 4")  # as if older: completion must not migrate
    assert offered("remove 2026-lee-v") == ["2026-lee-visit-japan"]
    with sqlite3.connect(loaded) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (4,)


def test_a_locked_or_damaged_store_offers_nothing(loaded, tmp_path) -> None:
    locked = tmp_path / "locked.db"
    with sqlite3.connect(loaded) as source, sqlite3.connect(locked) as copy:
        source.backup(copy)
    locker = sqlite3.connect(locked, isolation_level=None)
    locker.execute("PRAGMA locking_mode = EXCLUSIVE")  # no reader either, even in WAL mode
    locker.execute("BEGIN EXCLUSIVE")
    locker.execute("DELETE FROM events WHERE id = '2026-lee-visit-japan'")
    try:
        result = complete(f"--db {locked} show --country ")
        assert result.returncode == 0 and result.stdout.strip() == "" and result.stderr == ""
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"not a database" * 100)
    result = complete(f"--db {broken} show --tag ")
    assert result.returncode == 0 and result.stdout.strip() == "" and result.stderr == ""


def test_a_tab_imports_nothing_heavy(loaded) -> None:
    for line in ("show --country ", "show --participant Lee", "remove 2026", "show --kind "):
        result = complete(line, PYTHONPROFILEIMPORTTIME="1")
        imported = {row.split("|")[-1].strip() for row in result.stderr.splitlines()}
        heavy = {"rich", "dateparser", "sqlite_utils", "pycountry", "yaml"} & imported
        assert not heavy, (line, heavy)


def test_the_shell_scripts(run) -> None:
    for shell, says in (
        ("bash", "_TIMELINE_COMPLETE=complete_bash"),
        ("zsh", "_TIMELINE_COMPLETE=complete_zsh"),
        ("fish", "_TIMELINE_COMPLETE=complete_fish"),
    ):
        result = subprocess.run(
            [sys.executable, "-m", "timeline", "--show-completion", shell],
            # Typer's switch for naming the shell instead of detecting it from the parent
            env=os.environ | {"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0 and says in result.stdout
