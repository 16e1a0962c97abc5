"""A load of any size, batch by batch, inside one transaction, in flat memory.

Changed events are updated as their batch comes. New ones wait in a temporary table and go
into `events` at the end, in display order (SQLite sorts them, spilling to disk, however
many they are). Every id of the load is noted in an `IdLedger`, so that an id used twice
is found however far apart the two are.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from timeline.event_rows import EVENT_COLUMNS
from timeline.ledger import FirstUse, IdLedger
from timeline.store import derived
from timeline.store.connection import Counts
from timeline.store.schema import COLUMNS, OLDEST_FIRST
from timeline.store.sql import marks

if TYPE_CHECKING:
    from timeline.event_rows import Row

# A load's page cache and the full-text index's buffer of pending terms: on text whose
# vocabulary grows as real text's does, 8 MiB each keep a million-event load's largest
# process under 200 MiB (32 and 16 MiB took it to 259 MiB) at no cost in time that the
# runs could tell (bench/README.md, issue 32).
_LOAD_CACHE_KIB = 8 * 1024
_FTS_HASH_BYTES, _FTS_HASH_DEFAULT = 8 * 1024 * 1024, 1024 * 1024


class Staging:
    """One load's writes; make it inside `store.transaction()`, call `finish()` last."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.ids = IdLedger(conn)
        # A load's page cache: the id index of `events` takes new ids in random order, and
        # the sort of the new rows sizes its runs by it (_LOAD_CACHE_KIB, above; more
        # is little faster and makes the sort's peak memory grow). Set back by `close`.
        (self.cache_before,) = self.conn.execute("PRAGMA main.cache_size").fetchone()
        self.conn.execute(f"PRAGMA main.cache_size = -{_LOAD_CACHE_KIB}")
        self.conn.execute("DROP TABLE IF EXISTS temp.load_new")
        self.conn.execute(
            f"CREATE TEMP TABLE load_new AS SELECT {COLUMNS} FROM main.events WHERE 0"
        )

    def add(
        self, file: int, rows: list[Row], lines: list[int | None], *, write: bool = True
    ) -> tuple[Counts, list[tuple[int, FirstUse]]]:
        """Note a batch of one file's rows, and write it unless `write` is false (a problem
        was found: the load goes on only to find every other). Returns the counts and the
        rows whose id was used before in this load (see `IdLedger.note`)."""
        repeated = self.ids.note(file, [row[0] for row in rows], lines)
        if not write or repeated:
            return Counts(), repeated
        counts, added = derived.update(self.conn, rows)
        self.conn.executemany(f"INSERT INTO temp.load_new VALUES ({marks(EVENT_COLUMNS)})", added)
        return counts, repeated

    def finish(self, prune: dict[int, str]) -> dict[int, int]:
        """Put the new events in, in display order, with what is derived from them; then
        remove, for each file index in `prune`, the events its origin stored before that
        this load did not have. Returns the number removed per file."""
        last_rowid = derived.last_rowid(self.conn)
        self.conn.execute(
            f"INSERT INTO main.events ({COLUMNS}) SELECT {COLUMNS} FROM temp.load_new "
            + OLDEST_FIRST
        )
        # The full-text index keeps this much of a load's terms in memory before it writes
        # a segment out (1 MiB by default): fewer, larger segments to merge, a quarter
        # faster on a million events. Set back at once (the setting is stored in the index).
        self._fts_hash(_FTS_HASH_BYTES)
        derived.derive_new(self.conn, last_rowid)
        self._fts_hash(_FTS_HASH_DEFAULT)
        removed = {}
        for file, origin in prune.items():
            stale = [
                event_id
                for (event_id,) in self.conn.execute(
                    "SELECT id FROM main.events WHERE origin = ? AND id NOT IN "
                    "(SELECT id FROM temp.load_ids WHERE file = ?)",
                    (origin, file),
                )
            ]
            derived.delete(self.conn, stale)
            removed[file] = len(stale)
        return removed

    def _fts_hash(self, size: int) -> None:
        self.conn.execute(
            "INSERT INTO events_fts (events_fts, rank) VALUES ('hashsize', ?)", (size,)
        )

    def close(self) -> None:
        """Drop the temporary tables (a rollback has dropped them already) and give the
        page cache back."""
        self.ids.close()
        self.conn.execute("DROP TABLE IF EXISTS temp.load_new")
        self.conn.execute(f"PRAGMA main.cache_size = {int(self.cache_before)}")
