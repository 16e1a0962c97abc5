"""A load of any size, batch by batch, inside one transaction, in flat memory.

Changed events are updated as their batch comes. New ones wait in a temporary table and go
into `events` at the end, in display order (SQLite sorts them, spilling to disk, however
many they are). Every id of the load is noted in a second temporary table, so that an id
used twice is found however far apart the two are, without a set of every id in memory.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, NamedTuple

from timeline.store.connection import Counts
from timeline.store.schema import COLUMNS, EVENT_COLUMNS, OLDEST_FIRST
from timeline.store.sql import ID_IN, encode_json, marks

if TYPE_CHECKING:
    from timeline.store.rows import Row
    from timeline.store.writes import Writes

# The temporary tables' page cache: the ids of a million events are about 30 MB, and their
# B-tree takes inserts in random order.
_TEMP_CACHE_KIB = 32 * 1024
_LOAD_CACHE_KIB = 16 * 1024
_FTS_HASH_BYTES, _FTS_HASH_DEFAULT = 32 * 1024 * 1024, 1024 * 1024


class FirstUse(NamedTuple):
    """Where an id was first used in this load."""

    file: int  # the index of the file among the load's
    line: int | None


class IdLedger:
    """Every id of a load and where it was first used, in a temporary table: an id used
    twice is found however far apart, in flat memory."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        conn.execute(f"PRAGMA temp.cache_size = -{_TEMP_CACHE_KIB}")
        conn.execute("DROP TABLE IF EXISTS temp.load_ids")
        conn.execute(
            "CREATE TEMP TABLE load_ids (id TEXT PRIMARY KEY, file INTEGER NOT NULL, "
            "line INTEGER) WITHOUT ROWID"
        )

    def note(
        self, file: int, ids: list[str], lines: list[int | None]
    ) -> list[tuple[int, FirstUse]]:
        """Note a batch of one file's ids; for each id used before in this load, its index
        in the batch and its first use."""
        earlier = {
            event_id: FirstUse(first_file, line)
            for event_id, first_file, line in self.conn.execute(
                f"SELECT id, file, line FROM temp.load_ids WHERE {ID_IN}", [encode_json(ids)]
            )
        }
        repeated: list[tuple[int, FirstUse]] = []
        firsts = []
        for index, (event_id, line) in enumerate(zip(ids, lines, strict=True)):
            if event_id in earlier:
                repeated.append((index, earlier[event_id]))
            else:
                earlier[event_id] = FirstUse(file, line)
                firsts.append((event_id, file, line))
        self.conn.executemany("INSERT INTO temp.load_ids VALUES (?, ?, ?)", firsts)
        return repeated

    def close(self) -> None:
        self.conn.execute("DROP TABLE IF EXISTS temp.load_ids")


class Staging:
    """One load's writes; make it inside `store.transaction()`, call `finish()` last."""

    def __init__(self, store: Writes) -> None:
        self.store = store
        self.conn = store.conn
        self.ids = IdLedger(self.conn)
        # A load's page cache: the id index of `events` takes new ids in random order, and
        # the sort of the new rows sizes its runs by it. A million events: 2 MiB (the
        # default) 35.7 s, 16 MiB 33.3 s; 64 MiB 31.1 s, but its sort held 270 MiB at its
        # peak. Set back by `close`.
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
        counts, added = self.store._update(rows)
        self.conn.executemany(f"INSERT INTO temp.load_new VALUES ({marks(EVENT_COLUMNS)})", added)
        return counts, repeated

    def finish(self, prune: dict[int, str]) -> dict[int, int]:
        """Put the new events in, in display order, with what is derived from them; then
        remove, for each file index in `prune`, the events its origin stored before that
        this load did not have. Returns the number removed per file."""
        last_rowid = self.store._last_rowid()
        self.conn.execute(
            f"INSERT INTO main.events ({COLUMNS}) SELECT {COLUMNS} FROM temp.load_new "
            + OLDEST_FIRST
        )
        # The full-text index keeps this much of a load's terms in memory before it writes
        # a segment out (1 MiB by default): fewer, larger segments to merge. A million
        # events: 5.3 s -> 3.9 s. Set back at once (the setting is stored in the index).
        self._fts_hash(_FTS_HASH_BYTES)
        self.store._derive_new(last_rowid)
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
            self.store._delete(stale)
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
