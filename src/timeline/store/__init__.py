"""The SQLite store: one file holding the events, what is derived from them for fast
queries, and the files `load` remembers.

    schema      tables, columns, the display order and the migrations
    sql         a Query as SQL (pure)
    connection  the connection, migrations, transactions, SQLite's errors in words
    reads       events by id and by query, and the counts of `stats`
    writes      upserts, additions, renames, removals
    staging     a load's batches, in one transaction, in flat memory
    derived     the full-text index, tallies and link tables, kept in step by both writers
    remembered  the files `load` remembers
    coded       the coded rows imports merge into events, and their counts
"""

from __future__ import annotations

from pathlib import Path

from timeline.store.coded import Coded
from timeline.store.connection import Connection, Counts, open_store
from timeline.store.reads import Reads
from timeline.store.remembered import RememberedFile, RememberedFiles
from timeline.store.writes import Writes

__all__ = [
    "Counts",
    "RememberedFile",
    "Store",
    "open_store",
]


class Store:
    """An open timeline database, migrated to the current schema. It owns its connection
    and four views of it: `reads`, `writes`, the remembered `files` and the `coded` rows
    of imports."""

    def __init__(self, path: Path, *, create_parent: bool = False) -> None:
        self.connection = Connection(path, create_parent=create_parent)
        self.path, self.conn = path, self.connection.conn
        self.reads = Reads(self.connection)
        self.writes = Writes(self.connection, self.reads)
        self.files = RememberedFiles(self.connection)
        self.coded = Coded(self.connection)
        self.transaction = self.connection.transaction  # all or nothing
        self.read_only = self.connection.read_only  # this user cannot write it: reads only

    def close(self) -> None:
        self.connection.close()
