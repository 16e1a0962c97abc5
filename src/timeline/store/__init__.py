"""The SQLite store: one file holding the events, what is derived from them for fast
queries, and the files `load` remembers.

    schema   tables, columns, the display order and the migrations
    sql      a Query as SQL (pure)
    rows     rows of `events` <-> Events
    base     the connection, transactions, SQLite's errors in words
    reads    events by id and by query, and the counts of `stats`
    writes   upserts and removals, with the derived tables kept in step
    files    the remembered files
"""

from __future__ import annotations

from timeline.store.connection import Counts, open_store
from timeline.store.remembered import RememberedFile, RememberedFiles
from timeline.store.writes import Writes

__all__ = [
    "Counts",
    "RememberedFile",
    "Store",
    "open_store",
]


class Store(Writes, RememberedFiles):
    """An open timeline database, migrated to the current schema."""
