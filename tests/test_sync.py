"""The YAML file stays the source of truth: auto-sync, `sources`, `add --to`, `check`."""

import datetime as dt
import json
import os
import sqlite3
from pathlib import Path

import pytest

from conftest import SHIPPED

EVENTS = """\
# Korea-Japan, by hand.
events:
  # the first one
  - id: one
    date: 2026-01-08
    kind: meeting
    title: First meeting
    countries: [KR, JP]
    sources: [https://example.org/1]

  - id: two   # trailing comment
    date: 2026-01-13
    kind: summit
    title: Nara summit
    countries: [KR, JP]
    sources: [https://example.org/2]
"""


def ids(run, *args: str) -> list[str]:
    result = run(*args, "show", "-f", "json")
    assert result.exit_code == 0, result.output
    return [e["id"] for e in json.loads(result.stdout)]


def touch_later(path: Path) -> None:
    """Make sure a rewrite is seen even on a coarse clock."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


@pytest.fixture
def source(run, write) -> Path:
    path = write("events.yaml", EVENTS)
    assert run("load", str(path)).exit_code == 0
    return path


def test_an_edit_shows_up(run, source: Path) -> None:
    source.write_text(EVENTS.replace("First meeting", "First meeting, renamed"))
    touch_later(source)
    result = run("show", "-f", "json")
    assert "Reloaded" in result.stderr and "0 added, 1 updated, 1 unchanged" in result.stderr
    assert json.loads(result.stdout)[0]["title"] == "First meeting, renamed"
    assert "Reloaded" not in run("show").stderr  # once only


def test_a_deleted_event_goes(run, source: Path) -> None:
    source.write_text(EVENTS.split("\n  - id: two")[0] + "\n")
    touch_later(source)
    assert ids(run) == ["one"]


def test_a_broken_edit_keeps_the_last_good_data_and_warns(run, source: Path) -> None:
    source.write_text(EVENTS.replace("kind: summit", "kind: sumit"))
    touch_later(source)
    for _ in range(2):  # warned on every command until fixed
        result = run("show", "-f", "json")
        assert result.exit_code == 0
        assert "Warning:" in result.stderr and "unknown kind 'sumit'" in result.stderr
        assert "last good version is used" in result.stderr
        assert [e["id"] for e in json.loads(result.stdout)] == ["one", "two"]
    assert "does not load" in run("sources").stdout
    source.write_text(EVENTS.replace("Nara summit", "Nara summit, fixed"))
    touch_later(source)
    result = run("show", "-f", "json")
    assert "Warning" not in result.stderr
    assert json.loads(result.stdout)[1]["title"] == "Nara summit, fixed"


def test_a_vanished_file_keeps_its_events(run, source: Path) -> None:
    source.unlink()
    result = run("show", "-f", "json")
    assert "is gone; its 2 events are kept" in result.stderr
    assert len(json.loads(result.stdout)) == 2
    assert "gone" in run("sources").stdout


def test_a_touched_file_is_not_reloaded(run, source: Path) -> None:
    touch_later(source)
    result = run("show")
    assert result.stderr == ""


def test_no_sync(run, source: Path) -> None:
    source.write_text(EVENTS.replace("First meeting", "Changed"))
    touch_later(source)
    result = run("--no-sync", "show", "-f", "json")
    assert json.loads(result.stdout)[0]["title"] == "First meeting"
    assert result.stderr == ""
    assert "changed (re-loaded by the next command)" in run("sources").stdout


def test_sources_and_forget(run, source: Path) -> None:
    out = run("sources").stdout
    assert f"{source.resolve()}: 2 events, loaded" in out
    result = run("sources", "--forget", str(source))
    assert result.exit_code == 0 and "its 2 events stay" in result.stdout
    assert "No remembered files" in run("sources").stdout
    assert run("sources", "--forget", str(source)).exit_code == 1


def test_sources_as_json(run, source: Path) -> None:
    (known,) = json.loads(run("sources", "--format", "json").stdout)
    assert known["path"] == str(source.resolve()) and known["events"] == 2
    assert known["state"] == "loaded" and known["detail"].startswith("loaded ")
    source.write_text(EVENTS.replace("First meeting", "Changed"))
    touch_later(source)
    (known,) = json.loads(run("--no-sync", "sources", "-f", "json").stdout)
    assert known["state"] == "changed"
    run("sources", "--forget", str(source))
    assert json.loads(run("sources", "-f", "json").stdout) == []


def test_add_to_keeps_every_byte_and_loads(run, source: Path) -> None:
    before = source.read_bytes()
    result = run(
        "add",
        "--to",
        str(source),
        "--date",
        "January 2026",
        "--title",
        "새 이벤트 新",
        "--kind",
        "talks",
        "--country",
        "KR",
        "--summary",
        "line one\nline two\n",
    )
    assert result.exit_code == 0, result.output
    new_id = result.stdout.strip()
    after = source.read_bytes()
    assert after.startswith(before)
    appended = after[len(before) :].decode()
    assert appended.startswith(f"  - id: {new_id}\n")
    assert "    summary: |\n      line one\n      line two\n" in appended
    assert ids(run) == [new_id, "one", "two"]  # the month sorts before its days
    assert run("--no-sync", "show").stderr == ""  # the file is remembered as loaded


def test_add_to_a_top_level_list_and_a_new_file(run, write, tmp_path: Path) -> None:
    listed = write("list.yaml", "- {id: a, date: 2020, kind: other, title: A, countries: US}")
    assert (
        run(
            "add",
            "--to",
            str(listed),
            "--date",
            "2021",
            "--title",
            "B",
            "--kind",
            "other",
            "--country",
            "US",
            "--id",
            "b",
        ).exit_code
        == 0
    )
    assert listed.read_text().startswith(
        "- {id: a, date: 2020, kind: other, title: A, countries: US}\n- id: b\n"
    )
    fresh = tmp_path / "new.yaml"
    assert (
        run(
            "add",
            "--to",
            str(fresh),
            "--date",
            "2022",
            "--title",
            "C",
            "--kind",
            "other",
            "--country",
            "US",
            "--id",
            "c",
        ).exit_code
        == 0
    )
    assert fresh.read_text().startswith("- id: c\n")
    assert ids(run) == ["a", "b", "c"]


def test_add_to_refuses_a_broken_file(run, write) -> None:
    broken = write("broken.yaml", EVENTS.replace("kind: summit", "kind: sumit"))
    before = broken.read_bytes()
    result = run(
        "add",
        "--to",
        str(broken),
        "--date",
        "2021",
        "--title",
        "B",
        "--kind",
        "other",
        "--country",
        "US",
    )
    assert result.exit_code == 1 and "does not load, so nothing was added" in result.stderr
    assert broken.read_bytes() == before


def test_add_to_refuses_a_duplicate_id(run, source: Path) -> None:
    before = source.read_bytes()
    result = run(
        "add",
        "--to",
        str(source),
        "--id",
        "two",
        "--date",
        "2021",
        "--title",
        "B",
        "--kind",
        "other",
        "--country",
        "US",
    )
    assert result.exit_code == 1 and "already has an event with id 'two'" in result.stderr
    assert source.read_bytes() == before


CHECK = """\
- {id: unsourced, date: 2025-01-01, kind: other, title: No sources here, countries: US}
- {id: late, date: 2025-03, kind: summit, title: Planned long ago, countries: JP, status: planned,
   sources: [s]}
- {id: early, date: 2027-01-01, kind: summit, title: Held in the future, countries: JP,
   status: held, sources: [s]}
- {id: twin-a, date: 2026-01-13, kind: summit, title: Lee and Takaichi meet in Nara,
   countries: [KR, JP], sources: [s]}
- {id: twin-b, date: 2026-01-14, kind: visit, title: Lee and Takaichi meet at Nara,
   countries: [JP, KR], sources: [s]}
- {id: apart, date: 2026-01-20, kind: visit, title: Lee and Takaichi meet in Nara,
   countries: [KR, JP], sources: [s]}
"""


def test_check_findings(run, write, db: Path) -> None:
    path = write("check.yaml", CHECK)
    result = run("check", str(path))
    assert result.exit_code == 0  # warnings only
    lines = result.stdout.splitlines()
    assert lines == [
        f"{path}:1: unsourced: warning: no sources: add a URL or citation under `sources`",
        f"{path}:2: late: warning: planned, but its date (2025-03) has passed: held, "
        "cancelled or postponed?",
        f"{path}:4: early: warning: held, but its date (2027-01-01) is in the future",
        f"{path}:8: twin-b: warning: probable duplicate of twin-a (same countries, dates "
        "within 2 days, similar titles)",
    ]
    assert "1 file checked: 0 errors, 4 warnings" in result.stderr
    assert run("check", "--strict", str(path)).exit_code == 1
    records = json.loads(run("check", "-f", "json", str(path)).stdout)
    assert records[0] == {
        "file": str(path),
        "line": 1,
        "id": "unsourced",
        "level": "warning",
        "message": "no sources: add a URL or citation under `sources`",
        "kind": "unsourced",
    }
    assert [r["kind"] for r in records] == ["unsourced", "passed", "future", "duplicate"]
    assert not os.path.exists(db)  # checking named files never opens the store


def test_check_shows_the_first_fifty_of_each_kind_then_counts(run, write) -> None:
    days = [dt.date(2020, 1, 1) + dt.timedelta(days=3 * n) for n in range(120)]  # no twins
    events = [
        f"- {{id: e{n}, date: {day}, kind: meeting, countries: [KR, JP], title: Meeting {n}}}"
        for n, day in enumerate(days)
    ]
    events.append("- {id: bad, date: 2024-02-30, kind: meeting, countries: [KR], title: x}")
    path = write("many.yaml", "\n".join(events) + "\n")
    result = run("check", str(path))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    unsourced = [line for line in lines if "no sources" in line]
    assert len(unsourced) == 50 and unsourced[0].startswith(f"{path}:1: e0:")
    assert "... and 70 more events without sources" in lines
    assert any(": bad: error: date:" in line for line in lines)  # the one error is shown
    assert "1 file checked: 1 error, 120 warnings" in result.stderr
    records = json.loads(run("check", "-f", "json", str(path)).stdout)
    assert len(records) == 121  # programs get every finding
    assert [r["line"] for r in records] == sorted(r["line"] for r in records)


def test_check_errors_and_the_remembered_files(run, write, source: Path) -> None:
    bad = write("bad.yaml", "- {id: x, date: 2026-02-30, kind: other, title: T, countries: US}\n")
    result = run("check", str(bad))
    assert result.exit_code == 1
    assert f"{bad}:1: x: error: date: '2026-02-30' is not a valid date" in result.stdout
    assert run("check").exit_code == 0  # the remembered file is clean


def test_check_needs_files(run) -> None:
    result = run("check")
    assert result.exit_code == 1 and "no files given and none remembered" in result.stderr


def test_shipped_data_is_clean(run) -> None:
    result = run("check", "--strict", str(SHIPPED))
    assert result.exit_code == 0, result.stdout
    assert result.stdout == ""


def test_migration_from_version_1_keeps_events(tmp_path: Path) -> None:
    import sqlite_utils

    from timeline.query import Query
    from timeline.store import Store
    from timeline.store.schema import MIGRATIONS

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    MIGRATIONS[0](sqlite_utils.Database(conn))
    conn.execute("PRAGMA user_version = 1")
    conn.execute(
        "INSERT INTO events (id, date, first_day, last_day, kind, title, countries, "
        "participants, tags, sources) VALUES ('a', '2026', '2026-01-01', "
        "'2026-12-31', 'other', 'A', '[\"US\"]', '[]', '[]', '[]')"
    )
    conn.close()
    store = Store(path)
    assert store.conn.execute("PRAGMA user_version").fetchone() == (8,)
    assert len(list(store.reads.select())) == 1 and store.files.remembered() == []
    counts = store.reads.stats_counts(Query(), top=10)
    assert counts.months == [("2026-01", "other", None, 1, 0, 0.0, 0)]
    assert counts.countries == [("US", 1)] and counts.pairs == []


def test_one_event_is_not_plural(run, write) -> None:
    path = write("one.yaml", "- {id: only, date: 2026, kind: other, title: T, countries: JP}\n")
    run("load", str(path))
    assert f"{path.resolve()}: 1 event, loaded" in run("sources").stdout
    forgot = run("sources", "--forget", str(path)).stdout
    assert forgot == f"Forgot {path.resolve()}; its 1 event stays in the store.\n"
