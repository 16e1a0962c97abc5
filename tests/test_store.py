import datetime as dt
import json
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.errors import StoreError
from timeline.model import validate
from timeline.store import Store, open_store
from timeline.store.schema import MIGRATIONS

TODAY = dt.date(2026, 11, 25)


def event(**fields: object):
    raw = {"date": "2026-01-13", "kind": "summit", "title": "Nara", "countries": ["KR", "JP"]}
    return validate(raw | fields, today=TODAY)


def test_new_file_is_migrated_to_the_current_version(tmp_path: Path) -> None:
    store = Store(tmp_path / "t.db")
    version = store.conn.execute("PRAGMA user_version").fetchone()[0]
    tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert version == len(MIGRATIONS) == 8
    assert {"events", "event_countries", "event_tags", "events_fts"} <= tables
    store.close()
    assert (
        len(list(Store(tmp_path / "t.db").reads.select())) == 0
    )  # reopening does not migrate again


def test_round_trip_keeps_every_field(tmp_path: Path) -> None:
    store = Store(tmp_path / "t.db")
    original = event(
        date="2026-01",
        end="2026-02",
        status="planned",
        location="奈良",
        participants=["이재명"],
        tags=["a", "b"],
        summary="x\n y\n",
        sources=["s"],
    )
    with store.transaction():
        store.writes.upsert([original], "file.yaml")
    assert store.reads.get(original.id) == original
    assert list(store.reads.select()) == [original]


def test_upsert_counts_and_links(tmp_path: Path) -> None:
    store = Store(tmp_path / "t.db")
    with store.transaction():
        counts = store.writes.upsert([event(), event(title="Other")], None)
    assert (counts.added, counts.updated, counts.unchanged) == (2, 0, 0)
    with store.transaction():
        counts = store.writes.upsert(
            [event(), event(title="Other", countries=["US"], id=event(title="Other").id)], None
        )
    assert (counts.added, counts.updated, counts.unchanged) == (0, 1, 1)
    links = store.conn.execute("SELECT country FROM event_countries ORDER BY 1").fetchall()
    assert links == [("JP",), ("KR",), ("US",)]


def test_failed_transaction_leaves_nothing(tmp_path: Path) -> None:
    store = Store(tmp_path / "t.db")
    with pytest.raises(RuntimeError), store.transaction():
        store.writes.upsert([event()], None)
        raise RuntimeError("boom")
    assert len(list(store.reads.select())) == 0


def test_opening_waits_for_a_writer_of_the_old_journal(tmp_path: Path) -> None:
    """Switching to WAL fails at once, without SQLite's busy timeout, while another process
    writes in the old journal mode (two processes creating one new store): it waits."""
    path = tmp_path / "new.db"
    sqlite3.connect(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", f"""
import sqlite3, sys
c = sqlite3.connect({str(path)!r}, isolation_level=None)
c.execute("BEGIN IMMEDIATE"); c.execute("CREATE TABLE other (a)")
print("writing", flush=True); sys.stdin.readline(); c.execute("COMMIT")
"""],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    assert holder.stdin is not None and holder.stdout is not None
    assert holder.stdout.readline() == "writing\n"
    opened: list[tuple[str]] = []  # the journal mode, read in the opening thread
    opening = threading.Thread(
        target=lambda: opened.append(Store(path).conn.execute("PRAGMA journal_mode").fetchone())
    )
    opening.start()
    opening.join(timeout=1.0)
    assert opening.is_alive() and not opened  # waiting for the writer, not failed at once
    holder.stdin.write("commit\n")
    holder.stdin.flush()  # the writer commits only now
    opening.join(timeout=30)
    assert opened == [("wal",)]
    assert holder.wait(timeout=10) == 0


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 99")
    with pytest.raises(StoreError, match="newer timeline"):
        Store(path)


def test_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    path.write_text("hello, I am text" * 100)
    with pytest.raises(StoreError, match="not a timeline database"):
        Store(path)
    assert path.read_text().startswith("hello")


def test_path_choice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMELINE_DB", str(tmp_path / "env.db"))
    assert open_store().path == tmp_path / "env.db"
    assert open_store(tmp_path / "flag.db").path == tmp_path / "flag.db"
    monkeypatch.delenv("TIMELINE_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert open_store().path == tmp_path / "xdg" / "timeline" / "timeline.db"


def test_text_index_follows_updates_and_removals(tmp_path: Path) -> None:
    from timeline.query import Query

    store = Store(tmp_path / "t.db")
    with store.transaction():
        store.writes.upsert([event(id="a", title="Uranium talks"), event(id="b", tags=["x"])], None)
    with store.transaction():
        store.writes.upsert([event(id="a", title="Fisheries talks")], None)

    def found(word: str) -> list[str]:
        return [e.id for e in store.reads.select(Query(search=word))]

    assert found("uranium") == [] and found("fisheries") == ["a"]
    store.writes.remove(["a", "b"])
    assert found("fisheries") == []
    store.conn.execute("INSERT INTO events_fts (events_fts) VALUES ('integrity-check')")
    assert store.conn.execute("SELECT count(*) FROM event_countries").fetchone() == (0,)
    assert store.conn.execute("SELECT count(*) FROM event_tags").fetchone() == (0,)


def test_an_update_redoes_only_what_changed(tmp_path: Path) -> None:
    from timeline.query import Query

    store = Store(tmp_path / "t.db")
    with store.transaction():
        store.writes.upsert([event(id="a", title="Uranium talks", tags=["x"])], "one.yaml")
    fts_before = store.conn.execute("SELECT count(*) FROM events_fts_data").fetchone()
    with store.transaction():  # another file, another status: the same text and links
        counts = store.writes.upsert([event(id="a", title="Uranium talks", tags=["x"],
                                     status="planned")], "two.yaml")  # fmt: skip
    assert counts.updated == 1
    assert store.conn.execute("SELECT count(*) FROM events_fts_data").fetchone() == fts_before
    with store.transaction():  # new dates, countries and tags: the links follow
        store.writes.upsert([event(id="a", title="Uranium talks", date="2027-03-01",
                            countries=["US"], tags=["y"])], "two.yaml")  # fmt: skip

    def ids(**filters: object) -> list[str]:
        return [e.id for e in store.reads.select(Query(**filters))]  # type: ignore[arg-type]

    assert ids(search="uranium") == ["a"] and ids(countries=("US",)) == ["a"]
    assert ids(countries=("KR",)) == [] and ids(tags=("x",)) == [] and ids(tags=("y",)) == ["a"]
    assert ids(countries=("US",), since=dt.date(2027, 2, 1)) == ["a"]
    store.conn.execute("INSERT INTO events_fts (events_fts) VALUES ('integrity-check')")
    links = store.conn.execute("SELECT * FROM event_countries").fetchall()
    assert links == [("US", "2027-03-01", "a")]


@settings(max_examples=300)
@given(st.lists(st.text()))
def test_stored_lists_are_exactly_json(values: list[str]) -> None:
    from timeline.event_rows import _json_list, joined

    assert _json_list(values) == json.dumps(values, ensure_ascii=False)
    if all(values):
        assert joined(_json_list(values)) == "; ".join(values)


@pytest.mark.parametrize(
    "items",
    [
        [],
        ["a"],
        ["Lee Jae-myung", "高市早苗"],
        ['say "hi"'],
        ["back\\slash"],
        ['a", "b', "c"],
        ["=1+1", "@x"],
        ["tab\there"],
    ],
)
def test_flat_rows_join_lists_exactly(tmp_path: Path, items: list[str]) -> None:
    store = Store(tmp_path / "t.db")
    tags = [item.replace(",", "") for item in items]  # a comma separates tags
    with store.transaction():
        store.writes.upsert([event(participants=items, tags=tags)], None)
    (row,) = store.reads.select_flat()
    assert row[8] == "; ".join(items) and row[9] == "; ".join(tags)
    (guarded,) = store.reads.select_flat(guard="=@")
    expected = "; ".join(items)
    assert guarded[8] == (f"'{expected}" if expected[:1] in ("=", "@") else expected)
    assert guarded[0] == row[0]


def test_many_text_matches_with_a_limit_give_the_newest(tmp_path: Path) -> None:
    from timeline.query import Query
    from timeline.store.reads import _SCAN_ORDER_ABOVE

    store = Store(tmp_path / "t.db")
    events = [
        event(id=f"e{i:05d}", date=f"20{i % 30:02d}-{i % 12 + 1:02d}", title="Uranium talks")
        for i in range(_SCAN_ORDER_ABOVE + 100)
    ]
    with store.transaction():
        store.writes.upsert(events, None)
    newest = sorted(events, key=lambda e: (e.first_day, len(e.date.iso()), e.id))[-5:]
    found = list(store.reads.select(Query(search="uranium", limit=5)))
    assert [e.id for e in found] == [e.id for e in newest]
    reverse = list(store.reads.select(Query(search="uranium", limit=5, reverse=True)))
    assert [e.id for e in reverse] == [e.id for e in reversed(newest)]
    for query in (
        Query(countries=("JP",), limit=5),
        Query(between=("KR", "JP"), limit=5),
        Query(countries=("KR",), since=dt.date(2000, 1, 1), limit=5),
    ):
        assert [e.id for e in store.reads.select(query)] == [e.id for e in newest]
