"""Atomicity, crashes, concurrent writers, database problems and output safety."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SHIPPED
from timeline import store as store_module
from timeline.store import connection as store_base
from timeline.store.staging import Staging

CLI = [sys.executable, "-c", "from timeline.cli import main; main()"]


def dump(db: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT * FROM events ORDER BY id").fetchall()


def many_events(path: Path, count: int, prefix: str = "e") -> Path:
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            event = {
                "id": f"{prefix}{number}",
                "date": f"20{number % 30:02d}-01-02",
                "kind": "meeting",
                "title": f"Meeting number {number} 회담 会談",
                "countries": ["KR", "JP"],
                "summary": "x" * 200,
            }
            out.write(json.dumps(event, ensure_ascii=False) + "\n")
    return path


@pytest.fixture
def loaded(run, db: Path) -> list[tuple[object, ...]]:
    assert run("load", str(SHIPPED)).exit_code == 0
    return dump(db)


def test_full_disk_leaves_the_store_as_it_was(run, db, loaded, tmp_path, monkeypatch) -> None:
    opened = store_module.Store.__init__

    def small_disk(self, *args, **kwargs) -> None:
        opened(self, *args, **kwargs)
        pages = self.conn.execute("PRAGMA page_count").fetchone()[0]
        self.conn.execute(f"PRAGMA max_page_count = {pages + 3}")

    monkeypatch.setattr(store_module.Store, "__init__", small_disk)
    result = run("load", str(many_events(tmp_path / "big.jsonl", 3000)))
    assert result.exit_code == 1
    assert "the disk is full" in result.stderr and "nothing was written" in result.stderr
    assert "Traceback" not in result.stderr
    assert dump(db) == loaded


def test_an_interrupted_load_leaves_the_store_as_it_was(run, db, loaded, tmp_path, monkeypatch):
    finish = Staging.finish

    def interrupted(self, prune):
        finish(self, prune)  # every row written, the transaction not yet committed
        raise KeyboardInterrupt

    monkeypatch.setattr(Staging, "finish", interrupted)
    result = run("load", str(many_events(tmp_path / "e.jsonl", 500)))
    assert result.exit_code == 130
    assert result.stderr == "Interrupted; nothing was written\n"
    assert dump(db) == loaded


# A `timeline` process that stops at a chosen point of its load and says so on a pipe,
# then waits for a byte that never comes: the test kills it exactly there (a barrier, not
# a guess at how long the load takes).
_HELD = """
import os, sys
from contextlib import contextmanager
import timeline.store.connection as connection
from timeline.store.staging import Staging
from timeline.cli import main

ready, point = int(os.environ["READY_FD"]), os.environ["KILL_POINT"]

def hold():
    os.write(ready, b"!")
    os.read(0, 1)

add, finish, transaction = Staging.add, Staging.finish, connection.Connection.transaction
batches = 0

def held_add(self, *args, **kwargs):
    global batches
    batches += 1
    if point == "mid-load" and batches == 3:  # batches written, more being validated
        hold()
    return add(self, *args, **kwargs)

def held_finish(self, prune):
    removed = finish(self, prune)
    if point == "after-writes":  # every row written, the transaction not yet committed
        hold()
    return removed

@contextmanager
def held_transaction(self):
    with transaction(self):
        yield
    if point == "after-commit":
        hold()

Staging.add, Staging.finish = held_add, held_finish
connection.Connection.transaction = held_transaction
sys.argv[0] = "timeline"
main()
"""


def _killed_at(point: str, args: list[str], env: dict[str, str]) -> None:
    read_end, write_end = os.pipe()
    process = subprocess.Popen(
        [sys.executable, "-c", _HELD, *args],
        env=env | {"READY_FD": str(write_end), "KILL_POINT": point},
        pass_fds=(write_end,),
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    os.close(write_end)
    try:
        reached = os.read(read_end, 1)  # blocks until the point; b"" if the process ended
        assert reached == b"!", process.communicate()[1]
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert process.returncode == -signal.SIGKILL
    finally:
        os.close(read_end)
        process.kill()
        process.communicate()


@pytest.mark.parametrize(
    ("point", "expected"), [("mid-load", 19), ("after-writes", 19), ("after-commit", 20_019)]
)
def test_sigkill_during_a_large_load_leaves_old_or_new(
    db: Path, tmp_path: Path, point: str, expected: int
) -> None:
    env = os.environ | {"TIMELINE_DB": str(db)}
    subprocess.run([*CLI, "load", str(SHIPPED)], env=env, check=True, capture_output=True)
    with sqlite3.connect(db) as conn:
        (shipped_links,) = conn.execute("SELECT count(*) FROM event_countries").fetchone()
    big = many_events(tmp_path / "big.jsonl", 20_000, prefix="big")
    _killed_at(point, ["load", str(big)], env)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        count = conn.execute("SELECT count(*) FROM events").fetchone()[0]
        links = conn.execute("SELECT count(*) FROM event_countries").fetchone()[0]
        tallied = conn.execute("SELECT sum(events) FROM tally_months").fetchone()[0]
    assert count == expected and tallied == count
    assert links == (count - 19) * 2 + shipped_links


def test_concurrent_adds_and_loads(db: Path, tmp_path: Path) -> None:
    env = os.environ | {"TIMELINE_DB": str(db)}
    commands = [
        [*CLI, "load", str(many_events(tmp_path / f"f{i}.jsonl", 300, f"f{i}-"))] for i in range(3)
    ]
    commands += [
        [*CLI, "add", "--date", "2026", "--title", f"A{i}", "--kind", "call", "--country", "JP"]
        for i in range(5)
    ]
    processes = [
        subprocess.Popen(c, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for c in commands
    ]
    outputs = [p.communicate(timeout=180) for p in processes]
    assert [p.returncode for p in processes] == [0] * len(processes), outputs
    assert not any("locked" in err for _, err in outputs)
    assert len(dump(db)) == 3 * 300 + 5
    with sqlite3.connect(db) as conn:  # the tallies counted every writer's events
        # the loads' events are of KR and JP, the adds' of JP
        for table, counted in (("tally_months", 905), ("tally_countries", 1805),
                               ("tally_pairs", 900)):  # fmt: skip
            assert conn.execute(f"SELECT sum(events) FROM {table}").fetchone() == (counted,)


def test_not_a_database(run, tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("my shopping list\n" * 200)
    result = run("--db", str(path), "show")
    assert result.exit_code == 1
    assert f"{path} is not a timeline database" in result.stderr
    assert path.read_text().startswith("my shopping list")


def test_a_newer_schema(run, tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 42")
    result = run("--db", str(path), "show")
    assert result.exit_code == 1 and "written by a newer timeline (schema 42" in result.stderr


def test_a_read_only_database(run, db, loaded, monkeypatch, tmp_path) -> None:
    connect = sqlite3.connect

    def read_only(path, **kwargs):  # root ignores file modes, so open it read-only instead
        return connect(f"file:{path}?mode=ro", uri=True, **kwargs)

    monkeypatch.setattr(store_base.sqlite3, "connect", read_only)
    assert run("show").exit_code == 0  # reading still works
    result = run("load", str(many_events(tmp_path / "e.jsonl", 5)))
    assert result.exit_code == 1
    assert "cannot write the database" in result.stderr and "permissions" in result.stderr
    assert dump(db) == loaded


def test_a_missing_parent_directory(run, tmp_path: Path) -> None:
    result = run("--db", str(tmp_path / "nope" / "t.db"), "show")
    assert result.exit_code == 1
    assert f"the directory {tmp_path / 'nope'} does not exist" in result.stderr


def test_escape_sequences_never_reach_the_terminal(run, write, monkeypatch) -> None:
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    hostile = (
        '- {date: 2026, kind: other, countries: JP, title: "\\e[31mred\\e]0;pwned\\a [b]x[/b]"}\n'
    )
    run("load", str(write("h.yaml", hostile)))
    out = run("show").stdout
    assert "\x1b[" in out  # colour is on
    assert "\x1b[31m" not in out and "\x1b]0;" not in out and "\a" not in out
    assert "[b]x[/b]" in out


def test_damage_found_while_reading(run, db, loaded) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute("DROP TABLE tally_months")
    result = run("stats")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.strip() == (
        f"Error: cannot read the database {db}: no such table: tally_months"
    )


def test_emoji_codes_are_printed_as_written(run, write, monkeypatch) -> None:
    """`:100:` in a path or an error's line, `:fire:` in a kind or a title: rich would turn
    each into an emoji on any console; they are printed as the user wrote them."""
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    bad = write("x:100:.yaml", '- {id: a, date: 2024, kind: ":fire:", title: t, countries: JP}\n')
    result = run("load", str(bad))
    assert result.exit_code == 1
    assert "x:100:.yaml:1:" in result.stderr and "':fire:'" in result.stderr
    good = write("y:100:.yaml", '- {date: 2024, kind: summit, title: "Hot :100: :fire:", '
                 'countries: [KR, JP], location: ":smile:"}\n')  # fmt: skip
    loaded = run("load", str(good))
    assert loaded.exit_code == 0 and "y:100:.yaml: 1 event has no id" in loaded.stderr
    out = run("show").stdout
    assert "Hot :100: :fire:" in out and ":smile:" in out
    assert not any(ord(c) > 0x1F000 for c in out + result.stderr)


TIMELINE = str(Path(sys.executable).parent / "timeline")  # the installed command


def _as_a_user_without_write_rights(args: list[str], env: dict[str, str]):
    """Run the CLI as a user who may read but not write: root ignores file modes, so as
    root the process runs in a user namespace as `nobody` (owner rights only, no override)."""
    command = [TIMELINE, *args]
    if os.geteuid() == 0:
        probe = subprocess.run(["unshare", "--user", "--map-user=65534", "true"], check=False)
        if probe.returncode:
            pytest.skip("running as root, and this machine allows no user namespace")
        command = ["unshare", "--user", "--map-user=65534", "--map-group=65534", *command]
    return subprocess.run(command, env=env, capture_output=True, text=True, check=False)


@pytest.mark.parametrize("leftovers", [False, True], ids=["no WAL files", "WAL files kept"])
def test_a_store_in_a_read_only_place_is_read(tmp_path: Path, leftovers: bool) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    events = folder / "events.yaml"
    events.write_bytes(SHIPPED.read_bytes())
    store = folder / "ro.db"
    env = os.environ | {"TIMELINE_DB": str(store), "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("FORCE_COLOR", None)
    subprocess.run([TIMELINE, "load", str(events)], env=env, check=True, capture_output=True)
    if leftovers:  # a reader that stopped left the WAL's files beside the store
        (folder / "ro.db-wal").write_bytes(b"")
        (folder / "ro.db-shm").write_bytes(b"")
    before = store.read_bytes()
    for path in folder.iterdir():
        path.chmod(0o444)
    folder.chmod(0o555)
    try:
        shown = _as_a_user_without_write_rights(["show", "--country", "JP"], env)
        assert shown.returncode == 0, shown.stderr
        assert "Treaty on Basic Relations" in shown.stdout and shown.stderr == ""
        stats = _as_a_user_without_write_rights(["stats", "--format", "json"], env)
        assert stats.returncode == 0 and json.loads(stats.stdout)["countries"][0] == ["KR", 19]
        for writing in (
            ["add", "--date", "2026-02-01", "--kind", "call", "--title", "A call",
             "--country", "KR", "--country", "JP"],
            ["load", str(events)],
            ["sources", "--forget", str(events)],
        ):  # fmt: skip
            refused = _as_a_user_without_write_rights(writing, env)
            assert refused.returncode == 1, refused.stderr
            assert refused.stderr.splitlines() == [
                f"Error: cannot write the database {store}: it is read-only for you (it can "
                "be read; to change it, check the permissions of the file and of its "
                "directory, or copy it somewhere you can write)"
            ]
    finally:
        folder.chmod(0o755)
    assert store.read_bytes() == before
