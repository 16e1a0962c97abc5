"""Writing events: upserts, removals and pruning, and the upkeep of what is derived from
the rows (the full-text index, the tallies, the link tables). They live together because
their order is the invariant: derived rows are taken out before a row changes or goes, and
put in after it is written."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from timeline.errors import DuplicateId, EventHeld, TimelineError
from timeline.model import Event
from timeline.store.connection import Counts
from timeline.store.reads import Reads
from timeline.store.rows import Row, differ, to_row
from timeline.store.schema import (
    COLUMNS,
    EVENT_COLUMNS,
    FTS_COLUMNS,
    TALLIES,
    TALLY_SUMS,
    display_key,
)
from timeline.store.sql import ID_IN, encode_json, marks

_FTS = ", ".join(FTS_COLUMNS)
# Where in a row the searched text is, and what the link tables are made from.
_TEXT_AT = [EVENT_COLUMNS.index(c) for c in FTS_COLUMNS]
_LINKS_AT = [EVENT_COLUMNS.index(c) for c in ("last_day", "countries", "tags")]


class Writes(Reads):
    def upsert(self, events: Sequence[Event], origin: str | None) -> Counts:
        """Insert new events and update changed ones; call inside `transaction()`."""
        return self.upsert_rows([to_row(event, origin) for event in events])

    def upsert_rows(self, rows: list[Row]) -> Counts:
        """`upsert` of events already made rows (`rows.to_row`), each id once."""
        counts, added = self._update(rows)
        # New rows go in in display order, so that reading in that order (show, export)
        # walks the table front to back instead of jumping around it.
        added.sort(key=display_key)
        last_rowid = self._last_rowid()
        self.conn.executemany(
            f"INSERT INTO events ({COLUMNS}) VALUES ({marks(EVENT_COLUMNS)})", added
        )
        self._derive_new(last_rowid)
        return counts

    def _update(self, rows: list[Row]) -> tuple[Counts, list[Row]]:
        """Update the rows whose event is stored and changed; the rows of new events are
        returned, for the caller to insert."""
        existing = self._rows_by_id([row[0] for row in rows]) if self.has_events() else {}
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

        self._for_ids(retexted, self._unindex_text)
        self._for_ids(changed_ids, self._tally_out)
        self._for_ids(relinked, self._unlink)
        assignments = ", ".join(f'"{c}" = ?' for c in EVENT_COLUMNS[1:])
        self.conn.executemany(
            f"UPDATE events SET {assignments} WHERE id = ?", [(*r[1:], r[0]) for r in changed]
        )
        self._for_ids(retexted, self._index_text)
        self._for_ids(changed_ids, self._tally_in)
        self._for_ids(relinked, self._link)
        self._drop_empty_tallies()
        return counts, added

    def _last_rowid(self) -> int:
        """New rows get rowids above this, so that one statement covers them all."""
        return int(self.conn.execute("SELECT coalesce(max(rowid), 0) FROM events").fetchone()[0])

    def _derive_new(self, last_rowid: int) -> None:
        """Index, tally and link the rows inserted after `last_rowid`."""
        for step in (self._index_text, self._tally_in, self._link):
            step("rowid > ?", [last_rowid])

    def add(self, event: Event, *, replace: bool = False) -> None:
        """Store one new event; an existing id is an error unless `replace`."""
        with self.transaction():
            held = self.held_by_files([event.id], None)
            if held:
                raise EventHeld(event.id, held[event.id])
            if not replace and self._rows_by_id([event.id]):
                raise DuplicateId(event.id)
            self.upsert([event], None)

    def rename(self, renames: dict[str, str]) -> None:
        """Give stored events new ids (old -> new; no new id may be stored). The full-text
        index and the tallies follow rowids and fields, the link tables the id."""
        pairs = list(renames.items())
        self.conn.executemany("UPDATE events SET id = ? WHERE id = ?", [(n, o) for o, n in pairs])
        for table in ("event_countries", "event_tags"):
            self.conn.executemany(
                f"UPDATE {table} SET event_id = ? WHERE event_id = ?", [(n, o) for o, n in pairs]
            )

    def remove(self, ids: Sequence[str]) -> None:
        """Remove events by id, all or none: an unknown id removes nothing."""
        wanted = list(dict.fromkeys(ids))
        with self.transaction():  # checked and removed under one lock
            found = self._rows_by_id(wanted)
            unknown = [i for i in wanted if i not in found]
            if unknown:
                listed = ", ".join(repr(i) for i in unknown)
                raise TimelineError(f"no event with id {listed}; nothing was removed")
            self._delete(wanted)

    def _delete(self, ids: list[str]) -> None:
        for step in (self._unindex_text, self._tally_out, self._unlink):
            self._for_ids(ids, step)
        self._drop_empty_tallies()
        self.conn.execute(f"DELETE FROM events WHERE {ID_IN}", [encode_json(ids)])

    # What is derived from the rows of `events` (the full-text index, the tallies, the link
    # tables) is kept in step here, by SQLite, a whole load in one statement each: several
    # times faster than triggers, which work row by row. Rows are taken out before they
    # change or go, and put in after they are written; `where` selects them.
    #
    # The full-text index takes rows in rowid order: FTS5 writes out its buffer whenever a
    # rowid is lower than the one before, so 10,000 removals in random order took 2 s
    # instead of 0.1 s.
    def _index_text(self, where: str, params: Sequence[Any]) -> None:
        self.conn.execute(
            f"INSERT INTO events_fts (rowid, {_FTS}) "
            f"SELECT rowid, {_FTS} FROM events WHERE {where} ORDER BY rowid",
            params,
        )

    def _unindex_text(self, where: str, params: Sequence[Any]) -> None:
        self.conn.execute(
            f"INSERT INTO events_fts (events_fts, rowid, {_FTS}) "
            f"SELECT 'delete', rowid, {_FTS} FROM events WHERE {where} ORDER BY rowid",
            params,
        )

    def _tally_in(self, where: str, params: Sequence[Any]) -> None:
        self._tally(where, params, +1)

    def _tally_out(self, where: str, params: Sequence[Any]) -> None:
        self._tally(where, params, -1)

    def _drop_empty_tallies(self) -> None:
        for table in TALLIES:
            self.conn.execute(f"DELETE FROM {table} WHERE events = 0")

    def _tally(self, where: str, params: Sequence[Any], sign: int) -> None:
        for table, key in TALLIES.items():
            sums = TALLY_SUMS.get(table, {})
            counted = "".join(f", {sign} * {total}" for total in sums.values())
            added = "".join(f", {c} = {c} + excluded.{c}" for c in sums)
            self.conn.execute(
                f"INSERT INTO {table} SELECT {key}, {sign} * count(*){counted} FROM events "
                f"WHERE {where} GROUP BY {key} "
                f"ON CONFLICT DO UPDATE SET events = events + excluded.events{added}",
                params,
            )

    def _link(self, where: str, params: Sequence[Any]) -> None:
        self.conn.execute(
            "INSERT OR IGNORE INTO event_countries (country, last_day, event_id) "
            "SELECT c.value, e.last_day, e.id "
            f"FROM (SELECT id, last_day, countries FROM events WHERE {where}) AS e, "
            "json_each(e.countries) AS c",
            params,
        )
        self.conn.execute(
            "INSERT OR IGNORE INTO event_tags (tag, event_id) SELECT t.value, e.id "
            f"FROM (SELECT id, tags FROM events WHERE {where}) AS e, json_each(e.tags) AS t",
            params,
        )

    def _unlink(self, where: str, params: Sequence[Any]) -> None:
        self.conn.execute(
            "DELETE FROM event_countries WHERE (country, last_day, event_id) IN ("
            "SELECT c.value, e.last_day, e.id "
            f"FROM (SELECT id, last_day, countries FROM events WHERE {where}) AS e, "
            "json_each(e.countries) AS c)",
            params,
        )
        self.conn.execute(
            "DELETE FROM event_tags WHERE (tag, event_id) IN (SELECT t.value, e.id "
            f"FROM (SELECT id, tags FROM events WHERE {where}) AS e, json_each(e.tags) AS t)",
            params,
        )

    @staticmethod
    def _for_ids(ids: list[str], step: Callable[[str, Sequence[Any]], None]) -> None:
        """Apply one of the above to the rows with these ids, in one statement."""
        if ids:
            step(ID_IN, [encode_json(ids)])
