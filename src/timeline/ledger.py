"""Every id of a load (or of a `check`) and where it was first used, in a temporary
SQLite table: an id used twice is found however far apart the two uses are, in flat
memory. The store's load and `check` (which has no store, only a scratch database) share
it."""

from __future__ import annotations

import sqlite3
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
                "SELECT id, file, line FROM temp.load_ids "
                "WHERE id IN (SELECT value FROM json_each(?))",
                [encode_json(ids)],
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
