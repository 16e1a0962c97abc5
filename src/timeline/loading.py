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

from timeline.errors import Problem, ValidationError
from timeline.loader import Batch, FileRead, Progress, read_file
from timeline.store import Counts
from timeline.store.staging import FirstUse, Staging

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
                    file.problems += _repeated(files, file, batch, repeated)
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


def _repeated(
    files: list[FileRead], file: FileRead, batch: Batch, repeated: list[tuple[int, FirstUse]]
) -> list[Problem]:
    """The problems of a batch's rows whose id was used before in this load."""
    problems = []
    for row_index, first in repeated:
        first_file = files[first.file].name
        at = f"{first_file}:{first.line}" if first.line else first_file
        problems.append(
            Problem(
                f"duplicate id (first used at {at})",
                file.name,
                batch.lines[row_index],
                f"id {batch.rows[row_index][0]!r}",
                "id",
            )
        )
    return problems
