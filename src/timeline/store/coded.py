"""The coded rows of imported events (`schema._add_reports_v6`): which rows are counted,
which stored events a row may join, and the reports added to them. The rules of merging
are `importers.merging`'s; this is its SQL.

A row that makes an event is counted by the event itself (its id is the row's); only the
rows merged into an event another row made are kept in `coded_rows`: most events are
reported once, and the table stays small."""

from __future__ import annotations

from collections.abc import Sequence

from timeline.event_rows import encode_json
from timeline.store import derived
from timeline.store.connection import Connection
from timeline.store.sql import ID_IN

# The events rows may join, for many (key, first day, last day) at once. (Whether a
# loaded file holds one is asked of the few joined, by `reported`: it costs a look at
# each event's row.)
_NEAR = (
    "SELECT DISTINCT c.key, c.day, c.event_id FROM json_each(?) AS j "
    "JOIN coded_events AS c ON c.key = j.value ->> 0 "
    "AND c.day BETWEEN j.value ->> 1 AND j.value ->> 2"
)


class Coded:
    def __init__(self, connection: Connection) -> None:
        self.conn = connection.conn

    def counted(self, row_ids: Sequence[str]) -> set[str]:
        """The row ids among these that a stored event already counts: its own, or one
        merged into it."""
        listed = [encode_json(list(row_ids))]
        sql = f"SELECT id FROM events WHERE {ID_IN} UNION ALL "
        sql += f"SELECT row_id FROM coded_rows WHERE row_{ID_IN}"
        return {row_id for (row_id,) in self.conn.execute(sql, listed * 2)}

    def near(self, windows: Sequence[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
        """The stored events of each (merge key, first day, last day), as (key, day, id)."""
        if not windows:
            return []
        return self.conn.execute(_NEAR, [encode_json(list(windows))]).fetchall()

    def reported(self, ids: Sequence[str]) -> dict[str, tuple[int, int, str, int, bool]]:
        """Each stored event's reports, articles, sources (JSON), rowid, and whether rows
        may not join it: a remembered file holds it, or it was written by hand over the
        imported one (`add --replace`: it has no reports), by id."""
        if not ids:
            return {}
        sql = (
            "SELECT id, ifnull(reports, 1), ifnull(articles, 0), sources, rowid, "
            f"reports IS NULL OR origin IN (SELECT path FROM sources) FROM events WHERE {ID_IN}"
        )
        rows = self.conn.execute(sql, [encode_json(list(ids))])
        return {event_id: tuple(found) for event_id, *found in rows}

    def record(
        self, keys: Sequence[tuple[str, str, str]], merged: Sequence[tuple[str, str]]
    ) -> None:
        """Remember new events' keys (key, day, id) and the rows merged into an event
        another row made (row id, event id)."""
        # In key order: each B-tree is then filled page by page, not at random.
        self.conn.executemany("INSERT OR IGNORE INTO coded_events VALUES (?, ?, ?)", sorted(keys))
        self.conn.executemany("INSERT OR IGNORE INTO coded_rows VALUES (?, ?)", sorted(merged))

    def add_reports(self, updates: Sequence[tuple[int, int | None, str, int]]) -> None:
        """Set stored events' counts and sources: (reports, articles, sources JSON, rowid,
        from `reported`). None of these is indexed, tallied or linked: nothing derived
        changes."""
        self.conn.executemany(
            "UPDATE events SET reports = ?, articles = ?, sources = ? WHERE rowid = ?", updates
        )

    def row_ids(self, event_id: str) -> list[str]:
        """The coded rows an imported event was made from, its own first; none for an
        event no import made."""
        made = self.conn.execute("SELECT reports FROM events WHERE id = ?", [event_id]).fetchone()
        if made is None or made[0] is None:
            return []
        # numbered ids in their numbers' order: gdelt-9 before gdelt-10
        sql = "SELECT row_id FROM coded_rows WHERE event_id = ? ORDER BY length(row_id), row_id"
        return [event_id, *(row_id for (row_id,) in self.conn.execute(sql, [event_id]))]

    def newest(self) -> int:
        """The rowid of the newest event: events made later have a greater one."""
        return derived.last_rowid(self.conn)

    def made_since(self, rowid: int, min_articles: int) -> list[tuple[str, str]]:
        """The events made after `rowid` that count fewer articles, as (id, origin)."""
        sql = "SELECT id, origin FROM events WHERE rowid > ? AND ifnull(articles, 0) < ?"
        return self.conn.execute(sql, [rowid, min_articles]).fetchall()
