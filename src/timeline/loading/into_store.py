"""Event files into the store: read, validated and written batch by batch, all files in one
transaction, all or nothing, in flat memory however big the files.

Once a problem is found nothing more is written, but reading goes on to the end so that
every problem of every file is reported; then the transaction is rolled back.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import sqlite3
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from timeline.dates import PartialDate
from timeline.errors import (
    FileError,
    OptionError,
    Problem,
    TimelineError,
    ValidationError,
    shown_path,
)
from timeline.event_rows import EVENT_COLUMNS
from timeline.ids import legacy_id
from timeline.ledger import duplicate_ids
from timeline.loading.formats import YAML_SUFFIXES
from timeline.loading.reading import (
    STDIN,
    Batch,
    FileRead,
    Progress,
    paused_gc,
    read_file,
)
from timeline.store import Counts
from timeline.store.staging import Staging
from timeline.words import counted

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
    owners = _Owners(files, today)
    staging = None
    try:
        with store.transaction():
            staging = Staging(store.conn)
            names = [file.name for file in files]
            for index, file in enumerate(files):
                for batch in read_file(file, today=today, on_progress=on_progress):
                    if store.reads.has_events():
                        _adopt_legacy_ids(store, file, batch)
                        held = owners.judge(store, file, batch)
                    else:
                        held = {}
                    write = not any(f.problems for f in files)
                    added, repeated = staging.add(index, batch.rows, batch.lines, write=write)
                    counts[index] += added
                    ids = [row[0] for row in batch.rows]
                    file.problems += duplicate_ids(names, file.name, ids, batch.lines, repeated)
                    if write and not repeated:
                        counts[index].moved_from.update(held.values())
            problems = [problem for file in files for problem in file.problems]
            if problems:
                raise ValidationError(problems)  # rolls the transaction back
            pruned = {i: file.origin for i, file in enumerate(files) if prune and file.origin}
            for index, removed in staging.finish(pruned).items():
                counts[index].removed = removed
            loaded_at = now.isoformat(timespec="seconds")
            for file in files:
                if file.origin and file.fingerprint:
                    store.files.remember(file.origin, *file.fingerprint, loaded_at)
    finally:
        if staging is not None:
            with suppress(sqlite3.Error):  # the error that ended the load says more
                staging.close()
    return counts


_DATE, _TITLE = (EVENT_COLUMNS.index(name) for name in ("date", "title"))


def _adopt_legacy_ids(store: Store, file: FileRead, batch: Batch) -> None:
    """An event without an id that this file stored under the id of releases up to 0.1
    takes its new id (`ids.derive_id`): an upgrade neither doubles nor loses it."""
    if file.origin is None or not any(batch.derived):
        return
    renames = {}
    for row, derived in zip(batch.rows, batch.derived, strict=True):
        old = legacy_id(PartialDate.from_iso(row[_DATE]), row[_TITLE]) if derived else None
        if old and old != row[0]:
            renames[old] = row[0]
    if not renames:
        return
    stored = store.reads.origins([*renames, *renames.values()])
    store.writes.rename(
        {
            old: new
            for old, new in renames.items()
            if stored.get(old, "") == file.origin and new not in stored
        }
    )


class _Owners:
    """Which remembered file holds an id: a load never takes an event that another file
    still holds; one that has left its old file moves to the new one."""

    def __init__(self, files: list[FileRead], today: dt.date) -> None:
        self.loading = {file.origin for file in files if file.origin}
        self.today = today
        self.lines: dict[str, dict[str, int | None] | None] = {}  # origin -> its ids' lines

    def judge(self, store: Store, file: FileRead, batch: Batch) -> dict[str, str]:
        """The batch's events that another file held and has given up (id -> that file,
        as shown); a problem for each that the other file still holds."""
        held = store.reads.held_by_files([row[0] for row in batch.rows], file.origin)
        moved = {}
        for event_id, line in zip((row[0] for row in batch.rows), batch.lines, strict=True):
            origin = held.get(event_id)
            if origin is None:
                continue
            # A file of this load that still holds it is a duplicate id, found as such.
            other = None if origin in self.loading else self._ids_in(origin)
            if other is not None and event_id in other:
                at = _shown(origin) + (f":{other[event_id]}" if other[event_id] else "")
                file.problems.append(
                    Problem(
                        f"already used by {at} (a load never takes another file's "
                        "event): give one of them another id, or delete it there to move it",
                        file.name,
                        line,
                        f"id {event_id!r}",
                        "id",
                    )
                )
            else:
                moved[event_id] = _shown(origin)
        return moved

    def _ids_in(self, origin: str) -> dict[str, int | None] | None:
        """The ids a remembered file holds now, with their lines (None: it is gone)."""
        if origin not in self.lines:
            found: dict[str, int | None] | None = None
            if os.path.exists(origin):
                found = {}
                for batch in read_file(FileRead.of(origin), today=self.today):
                    found.update(zip((row[0] for row in batch.rows), batch.lines, strict=True))
            self.lines[origin] = found
        return self.lines[origin]


def _shown(origin: str) -> str:
    """A remembered file's path as a message shows it: relative to here when inside."""
    path = Path(origin)
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return origin


@dataclass
class LoadReport:
    """What a load did: per file (name, counts), the totals, warnings, and the files with
    events that have no id (name, how many)."""

    files: list[tuple[str, Counts]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    without_id: list[tuple[str, int]] = field(default_factory=list)

    def _total(self, name: str) -> int:
        return sum(getattr(counts, name) for _, counts in self.files)

    @property
    def added(self) -> int:
        return self._total("added")

    @property
    def updated(self) -> int:
        return self._total("updated")

    @property
    def unchanged(self) -> int:
        return self._total("unchanged")

    @property
    def removed(self) -> int:
        return self._total("removed")


def load_files(
    store: Store,
    names: list[str],
    *,
    prune: bool,
    today: dt.date,
    now: dt.datetime,
    on_progress: Progress | None = None,
    recursive: bool = False,
) -> LoadReport:
    """`Timeline.load`: a folder's event files in place of the folder, the files checked
    (each can be read; `prune` needs named files), then `load_into`, and what the load did
    in a report."""
    if not names:
        raise OptionError("FILE", "name at least one file to load")
    names = [file for name in names for file in _files_in(name, recursive=recursive)]
    if prune and STDIN in names:
        raise OptionError("prune", "needs files: stdin has no earlier load to compare")
    files = [FileRead.of(name) for name in names]
    _readable(files)
    nameless = [file.name for file in files if file.path and not file.origin]
    if nameless and prune:
        raise OptionError("prune", f"needs a file name that is UTF-8 text: {nameless[0]}")
    with paused_gc():
        counts = load_into(
            store,
            files,
            today=today,
            now=now,
            prune=prune,
            on_progress=on_progress,
        )
    without_id = [(file.name, file.without_id) for file in files if file.without_id]
    return LoadReport(
        files=[(file.name, c) for file, c in zip(files, counts, strict=True)],
        without_id=without_id,
        warnings=[
            f"{name} is loaded but not remembered: its name is not UTF-8 text "
            "(rename the file for its changes to be followed)"
            for name in nameless
        ]
        + [_without_ids(name, count) for name, count in without_id],
    )


def _without_ids(name: str, count: int) -> str:
    events = (
        f"{counted(count, 'event')} has no id: its id changes when its title does"
        if count == 1
        else f"{counted(count, 'event')} have no id: their ids change when their titles do"
    )
    return f"{name}: {events}"


EVENT_SUFFIXES = (*YAML_SUFFIXES, ".json", ".jsonl")


def _files_in(name: str, *, recursive: bool) -> list[str]:
    """A folder's event files (`.yaml .yml .json .jsonl`, hidden ones left out), sorted by
    path, its subfolders' too when `recursive`; any other name as it is."""
    folder = Path(name)
    if name == STDIN or not folder.is_dir():
        return [name]
    found = sorted(
        path
        for path in (folder.rglob("*") if recursive else folder.iterdir())
        if path.suffix.lower() in EVENT_SUFFIXES
        and path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    )
    if not found:
        shown = shown_path(name)
        where = f"{shown} and its subfolders hold" if recursive else f"{shown} holds"
        deep = "" if recursive else " (--recursive looks in its subfolders too)"
        raise TimelineError(f"{where} no .yaml, .yml, .json or .jsonl file{deep}")
    return [str(path) for path in found]


def _readable(files: list[FileRead]) -> None:
    """Files that cannot be opened are a FileError before anything is read, naming each."""
    errors = []
    for name, path in ((file.name, file.path) for file in files if file.path):  # not stdin
        try:
            if path.is_dir():
                raise IsADirectoryError(errno.EISDIR, "is a directory")
            os.close(os.open(path, os.O_RDONLY))
        except OSError as error:
            errors.append(FileError(name, error, "read"))
    if errors:
        first = errors[0]
        first.args = ("; ".join(str(e) for e in errors),)
        raise first
