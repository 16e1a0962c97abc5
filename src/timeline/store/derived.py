"""The upkeep of what is derived from the rows of `events` (the full-text index, the
tallies, the link tables), as plain functions of a connection that both writers call: the
store's `Writes` (an event at a time) and a load's `Staging` (a batch at a time). They live
together because their order is the invariant: derived rows are taken out before a row
changes or goes, and put in after it is written."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from typing import Any

from timeline.event_rows import EVENT_COLUMNS, Row, encode_json
from timeline.store.connection import Counts
from timeline.store.reads import has_events, rows_by_id
from timeline.store.schema import FTS_COLUMNS, TALLIED_FROM_LISTS, TALLIES, TALLY_SUMS
from timeline.store.sql import ID_IN

_FTS = ", ".join(FTS_COLUMNS)
# Where in a row the searched text is, and what the link tables are made from.
_TEXT_AT = [EVENT_COLUMNS.index(c) for c in FTS_COLUMNS]
_LINKS_AT = [EVENT_COLUMNS.index(c) for c in ("last_day", "countries", "tags")]
_Step = Callable[[sqlite3.Connection, str, Sequence[Any]], None]


def update(conn: sqlite3.Connection, rows: list[Row]) -> tuple[Counts, list[Row]]:
    """Update the rows whose event is stored and changed; the rows of new events are
    returned, for the caller to insert."""
    existing = rows_by_id(conn, [row[0] for row in rows]) if has_events(conn) else {}
    added = [row for row in rows if row[0] not in existing]
    changed = [row for row in rows if row[0] in existing and existing[row[0]] != row]
    changed_ids = [row[0] for row in changed]
    counts = Counts(added=len(added), updated=len(changed))
    counts.unchanged = len(rows) - counts.added - counts.updated
    if not changed:
        return counts, added
    # Text and links are redone only where they changed: re-loading many events with
    # one new field (their file, a status) leaves the full-text index alone.
    retexted = [r[0] for r in changed if differ(existing[r[0]], r, _TEXT_AT)]
    relinked = [r[0] for r in changed if differ(existing[r[0]], r, _LINKS_AT)]

    _for_ids(conn, retexted, _unindex_text)
    _for_ids(conn, changed_ids, _tally_out)
    _for_ids(conn, relinked, _unlink)
    assignments = ", ".join(f'"{c}" = ?' for c in EVENT_COLUMNS[1:])
    conn.executemany(
        f"UPDATE events SET {assignments} WHERE id = ?", [(*r[1:], r[0]) for r in changed]
    )
    _for_ids(conn, retexted, _index_text)
    _for_ids(conn, changed_ids, _tally_in)
    _for_ids(conn, relinked, _link)
    _drop_empty_tallies(conn)
    return counts, added


def differ(old: Sequence[Any], new: Sequence[Any], columns: Sequence[int]) -> bool:
    return any(old[i] != new[i] for i in columns)


def last_rowid(conn: sqlite3.Connection) -> int:
    """New rows get rowids above this, so that one statement covers them all."""
    return int(conn.execute("SELECT coalesce(max(rowid), 0) FROM events").fetchone()[0])


def derive_new(conn: sqlite3.Connection, last_rowid: int) -> None:
    """Index, tally and link the rows inserted after `last_rowid`."""
    for step in (_index_text, _tally_in, _link):
        step(conn, "rowid > ?", [last_rowid])


def delete(conn: sqlite3.Connection, ids: list[str], *, forget_rows: bool = False) -> None:
    """Remove the events with these ids, and what is derived from them. The coded rows of
    an imported event stay counted (an import does not bring back what was removed, or
    renamed in its file), unless `forget_rows` (an import leaving out what it made)."""
    for step in (_unindex_text, _tally_out, _unlink):
        _for_ids(conn, ids, step)
    _drop_empty_tallies(conn)
    listed = [encode_json(ids)]
    if forget_rows:
        conn.execute(f"DELETE FROM coded_rows WHERE event_{ID_IN}", listed)
    else:  # the event's own row, counted by its id until now
        conn.execute(
            "INSERT OR IGNORE INTO coded_rows SELECT id, id FROM events "
            f"WHERE {ID_IN} AND reports IS NOT NULL",
            listed,
        )
    conn.execute(f"DELETE FROM coded_events WHERE event_{ID_IN}", listed)
    conn.execute(f"DELETE FROM events WHERE {ID_IN}", listed)


# What is derived from the rows of `events` (the full-text index, the tallies, the link
# tables) is kept in step here, by SQLite, a whole load in one statement each: several
# times faster than triggers, which work row by row. Rows are taken out before they
# change or go, and put in after they are written; `where` selects them.
#
# The full-text index takes rows in rowid order: FTS5 writes out its buffer whenever a
# rowid is lower than the one before, so 10,000 removals in random order took 2 s
# instead of 0.1 s.
def _index_text(conn: sqlite3.Connection, where: str, params: Sequence[Any]) -> None:
    conn.execute(
        f"INSERT INTO events_fts (rowid, {_FTS}) "
        f"SELECT rowid, {_FTS} FROM events WHERE {where} ORDER BY rowid",
        params,
    )


def _unindex_text(conn: sqlite3.Connection, where: str, params: Sequence[Any]) -> None:
    conn.execute(
        f"INSERT INTO events_fts (events_fts, rowid, {_FTS}) "
        f"SELECT 'delete', rowid, {_FTS} FROM events WHERE {where} ORDER BY rowid",
        params,
    )


def _tally_in(conn: sqlite3.Connection, where: str, params: Sequence[Any]) -> None:
    _tally(conn, where, params, +1)


def _tally_out(conn: sqlite3.Connection, where: str, params: Sequence[Any]) -> None:
    _tally(conn, where, params, -1)


def _drop_empty_tallies(conn: sqlite3.Connection) -> None:
    for table in TALLIES:
        conn.execute(f"DELETE FROM {table} WHERE events = 0")


def _tally(conn: sqlite3.Connection, where: str, params: Sequence[Any], sign: int) -> None:
    upsert = "ON CONFLICT DO UPDATE SET events = events + excluded.events"
    key, sums = TALLIES["tally_months"], TALLY_SUMS["tally_months"]
    counted = "".join(f", {sign} * {total}" for total in sums.values())
    added = "".join(f", {c} = {c} + excluded.{c}" for c in sums)
    conn.execute(
        f"INSERT INTO tally_months SELECT {key}, {sign} * count(*){counted} FROM events "
        f"WHERE {where} GROUP BY {key} {upsert}{added}",
        params,
    )
    # Countries and pairs from the events' distinct lists of countries, grouped once.
    conn.execute(
        "CREATE TEMP TABLE tally_lists AS SELECT countries, count(*) AS events FROM events "
        f"WHERE {where} GROUP BY countries",
        params,
    )
    for table, rows in TALLIED_FROM_LISTS.items():
        key = TALLIES[table]
        conn.execute(
            f"INSERT INTO {table} SELECT {key}, {sign} * sum(l.events) "
            f"FROM temp.tally_lists AS l, {rows} GROUP BY {key} {upsert}"
        )
    conn.execute("DROP TABLE temp.tally_lists")


def _link(conn: sqlite3.Connection, where: str, params: Sequence[Any]) -> None:
    conn.execute(
        "INSERT OR IGNORE INTO event_countries (country, last_day, event_id) "
        "SELECT c.value, e.last_day, e.id "
        f"FROM (SELECT id, last_day, countries FROM events WHERE {where}) AS e, "
        "json_each(e.countries) AS c",
        params,
    )
    conn.execute(
        "INSERT OR IGNORE INTO event_tags (tag, event_id) SELECT t.value, e.id "
        f"FROM (SELECT id, tags FROM events WHERE {where}) AS e, json_each(e.tags) AS t",
        params,
    )


def _unlink(conn: sqlite3.Connection, where: str, params: Sequence[Any]) -> None:
    conn.execute(
        "DELETE FROM event_countries WHERE (country, last_day, event_id) IN ("
        "SELECT c.value, e.last_day, e.id "
        f"FROM (SELECT id, last_day, countries FROM events WHERE {where}) AS e, "
        "json_each(e.countries) AS c)",
        params,
    )
    conn.execute(
        "DELETE FROM event_tags WHERE (tag, event_id) IN (SELECT t.value, e.id "
        f"FROM (SELECT id, tags FROM events WHERE {where}) AS e, json_each(e.tags) AS t)",
        params,
    )


def _for_ids(conn: sqlite3.Connection, ids: list[str], step: _Step) -> None:
    """Apply one of the above to the rows with these ids, in one statement."""
    if ids:
        step(conn, ID_IN, [encode_json(ids)])
