"""Event files into the store: read, validated and written batch by batch, all files in one
transaction, all or nothing, in flat memory however big the files.

Once a problem is found nothing more is written, but reading goes on to the end so that
every problem of every file is reported; then the transaction is rolled back.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import suppress
from typing import TYPE_CHECKING

from timeline.errors import ValidationError
from timeline.loader import FileRead, Progress, read_file, repeated_ids
from timeline.store import Counts
from timeline.store.staging import Staging

if TYPE_CHECKING:
    from timeline.store import Store


def load_into(
    store: Store,
    files: list[FileRead],
    *,
    today: dt.date,
    now: dt.datetime,
    prune: bool,
    on_progress: Progress | None = None,
) -> list[Counts]:
    """Load the files and remember them; raises ValidationError listing every problem.
    `prune` removes the events an earlier load of a file stored that it no longer has."""
    counts = [Counts() for _ in files]
    staging = None
    try:
        with store.transaction():
            staging = Staging(store)
            for index, file in enumerate(files):
                for batch in read_file(file, today=today, on_progress=on_progress):
                    write = not any(f.problems for f in files)
                    added, repeated = staging.add(index, batch.rows, batch.lines, write=write)
                    counts[index] += added
                    file.problems += repeated_ids(files, file, batch, repeated)
            problems = [problem for file in files for problem in file.problems]
            if problems:
                raise ValidationError(problems)  # rolls the transaction back
            pruned = {i: file.origin for i, file in enumerate(files) if prune and file.origin}
            for index, removed in staging.finish(pruned).items():
                counts[index].removed = removed
            loaded_at = now.isoformat(timespec="seconds")
            for file in files:
                if file.origin and file.fingerprint:
                    store.remember(file.origin, *file.fingerprint, loaded_at)
    finally:
        if staging is not None:
            with suppress(sqlite3.Error):  # the error that ended the load says more
                staging.close()
    return counts
