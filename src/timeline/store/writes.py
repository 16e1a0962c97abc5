"""Writing events an event or a batch at a time: upserts, additions, renames and removals,
with what is derived from the rows kept in step (`derived`)."""

from __future__ import annotations

from collections.abc import Sequence

from timeline.errors import DuplicateId, EventHeld, TimelineError
from timeline.event_rows import EVENT_COLUMNS, Row, to_row
from timeline.model import Event
from timeline.store import derived
from timeline.store.connection import Connection, Counts
from timeline.store.reads import Reads, rows_by_id
from timeline.store.schema import CODED_TABLES, COLUMNS, display_key
from timeline.store.sql import marks


class Writes:
    """The store's writes; `reads` answers what they check first."""

    def __init__(self, connection: Connection, reads: Reads) -> None:
        self.conn, self.transaction, self.reads = connection.conn, connection.transaction, reads

    def upsert(self, events: Sequence[Event], origin: str | None) -> Counts:
        """Insert new events and update changed ones; call inside `transaction()`."""
        return self.upsert_rows([to_row(event, origin) for event in events])

    def upsert_rows(self, rows: list[Row]) -> Counts:
        """`upsert` of events already made rows (`rows.to_row`), each id once."""
        counts, added = derived.update(self.conn, rows)
        self.insert_rows(added)
        return counts

    def insert_rows(self, added: list[Row]) -> None:
        """Insert the rows of events not stored (an import's, whose ids it checked)."""
        # New rows go in in display order, so that reading in that order (show, export)
        # walks the table front to back instead of jumping around it.
        added.sort(key=display_key)
        last_rowid = derived.last_rowid(self.conn)
        self.conn.executemany(
            f"INSERT INTO events ({COLUMNS}) VALUES ({marks(EVENT_COLUMNS)})", added
        )
        derived.derive_new(self.conn, last_rowid)

    def add(self, event: Event, *, replace: bool = False) -> None:
        """Store one new event; an existing id is an error unless `replace`."""
        with self.transaction():
            held = self.reads.held_by_files([event.id], None)
            if held:
                raise EventHeld(event.id, held[event.id])
            if not replace and rows_by_id(self.conn, [event.id]):
                raise DuplicateId(event.id)
            self.upsert([event], None)

    def rename(self, renames: dict[str, str]) -> None:
        """Give stored events new ids (old -> new; no new id may be stored). The full-text
        index and the tallies follow rowids and fields, the link tables the id."""
        pairs = list(renames.items())
        # An imported event's first row is counted by the event's id: kept by its old one.
        self.conn.executemany(
            "INSERT OR IGNORE INTO coded_rows SELECT ?, ? FROM events "
            "WHERE id = ? AND reports IS NOT NULL",
            [(o, n, o) for o, n in pairs],
        )
        self.conn.executemany("UPDATE events SET id = ? WHERE id = ?", [(n, o) for o, n in pairs])
        for table in ("event_countries", "event_tags", *CODED_TABLES):
            self.conn.executemany(
                f"UPDATE {table} SET event_id = ? WHERE event_id = ?", [(n, o) for o, n in pairs]
            )

    def remove(self, ids: Sequence[str]) -> None:
        """Remove events by id, all or none: an unknown id removes nothing."""
        wanted = list(dict.fromkeys(ids))
        with self.transaction():  # checked and removed under one lock
            found = rows_by_id(self.conn, wanted)
            unknown = [i for i in wanted if i not in found]
            if unknown:
                listed = ", ".join(repr(i) for i in unknown)
                raise TimelineError(f"no event with id {listed}; nothing was removed")
            self.delete(wanted)

    def delete(self, ids: list[str], *, forget_rows: bool = False) -> None:
        """Remove stored events by id, and what is derived from them (`derived.delete`);
        call inside `transaction()`."""
        derived.delete(self.conn, ids, forget_rows=forget_rows)
