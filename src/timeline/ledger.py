"""Every id of a load (or of a `check`) and where it was first used, in a temporary
SQLite table: an id used twice is found however far apart the two uses are, in flat
memory. The store's load and `check` (which has no store, only a scratch database) share
it."""

from __future__ import annotations

import sqlite3
from itertools import count, repeat
from typing import NamedTuple

from timeline.errors import Problem
from timeline.event_rows import encode_json

# The temporary tables' page cache: the ids of a million events are about 30 MB, and their
# B-tree takes inserts in random order. On 300,000 realistic events, 32 MiB loaded in
# 44.5-46.8 s with the process tree at 202 MiB; 24 MiB in 47.0 s at 192 MiB (under the
# 200 MiB target); 16 MiB in 54.8 s at 185 MiB.
_TEMP_CACHE_KIB = 24 * 1024


class FirstUse(NamedTuple):
    """Where an id was first used in this load."""

    file: int  # the index of the file among the load's
    line: int | None


class IdLedger:
    """Every id of a load and where it was first used, in a temporary table: an id used
    twice is found however far apart, in flat memory."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.noted = 0  # ids noted so far: each use's number (`seq`) in the load
        conn.execute(f"PRAGMA temp.cache_size = -{_TEMP_CACHE_KIB}")
        conn.execute("DROP TABLE IF EXISTS temp.load_ids")
        conn.execute(
            "CREATE TEMP TABLE load_ids (id TEXT PRIMARY KEY, file INTEGER NOT NULL, "
            "line INTEGER, seq INTEGER NOT NULL) WITHOUT ROWID"
        )

    def note(
        self, file: int, ids: list[str], lines: list[int | None]
    ) -> list[tuple[int, FirstUse]]:
        """Note a batch of one file's ids; for each id used before in this load, its index
        in the batch and its first use."""
        first = self.noted
        self.noted += len(ids)
        before = self.conn.total_changes
        self.conn.executemany(
            "INSERT OR IGNORE INTO temp.load_ids VALUES (?, ?, ?, ?)",
            zip(ids, repeat(file), lines, count(first), strict=False),
        )
        if self.conn.total_changes - before == len(ids):
            return []  # every id is new: the common case, known without reading them back
        # A use whose number is not the one stored came after the id's first use.
        stored = {
            event_id: (FirstUse(first_file, line), seq)
            for event_id, first_file, line, seq in self.conn.execute(
                "SELECT id, file, line, seq FROM temp.load_ids "
                "WHERE id IN (SELECT value FROM json_each(?))",
                [encode_json(ids)],
            )
        }
        return [
            (index, stored[event_id][0])
            for index, event_id in enumerate(ids)
            if stored[event_id][1] != first + index
        ]

    def close(self) -> None:
        self.conn.execute("DROP TABLE IF EXISTS temp.load_ids")


def duplicate_ids(
    names: list[str], name: str, ids: list[str], lines: list[int | None],
    repeated: list[tuple[int, FirstUse]],
) -> list[Problem]:  # fmt: skip
    """The problems of a batch of file `name` whose ids were used before (`repeated`, from
    `note`), among the files `names`, as `load` and `check` report them."""
    problems = []
    for index, first in repeated:
        at = f"{names[first.file]}:{first.line}" if first.line else names[first.file]
        message = f"duplicate id (first used at {at})"
        problems.append(Problem(message, name, lines[index], f"id {ids[index]!r}", "id"))
    return problems
