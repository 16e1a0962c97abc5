"""The files a Timeline follows: the YAML (or JSON) files given to `load` are remembered
and stay the source of truth. A command that reads the store first re-loads the ones that
changed (as `load --prune`); they can be listed and forgotten.

An unchanged file costs a `stat`. A changed file that no longer validates leaves the last
good events in place and is reported, from the store, until it is fixed.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from timeline.errors import TimelineError, ValidationError, shown_path

if TYPE_CHECKING:
    from timeline.store import RememberedFile, Store

State = Literal["loaded", "changed", "broken", "gone"]
FORGET = "(forget the file to stop following it)"  # the advice of a gone file's notice


@dataclass(frozen=True)
class Notice:
    message: str
    warning: bool = False
    gone: str | None = None  # the remembered file that is gone


@dataclass(frozen=True)
class FileState:
    """A file `load` remembers: how many events came from it, and how it stands now."""

    path: str
    events: int
    state: State
    detail: str  # in words, as `timeline sources` prints it


def sync(store: Store, *, today: dt.date, now: dt.datetime) -> list[Notice]:
    """Re-load every remembered file that changed since it was loaded."""
    notices = []
    for source in store.files.remembered():
        try:
            status = os.stat(source.path)
        except OSError:
            kept = store.reads.count_from(source.path)
            notices.append(
                Notice(
                    f"{source.path} is gone; its {kept:,} events are kept {FORGET}",
                    warning=True,
                    gone=source.path,
                )
            )
            continue
        seen = (status.st_size, status.st_mtime_ns)
        if seen == (source.size, source.mtime_ns):
            continue
        if source.problem and seen == (source.problem_size, source.problem_mtime_ns):
            notices.append(_broken(source.path, source.problem))
            continue
        if store.read_only:
            notices.append(
                Notice(
                    f"{source.path} changed since it was loaded, but the database is "
                    "read-only for you: its events are shown as they were loaded",
                    warning=True,
                )
            )
            continue
        from timeline.loading.into_store import load_into  # reads YAML: only when it changed
        from timeline.loading.reading import FileRead, paused_gc

        file = FileRead.of(source.path)
        try:
            with paused_gc():
                (counts,) = load_into(store, [file], today=today, now=now, prune=True)
        except ValidationError as error:
            with store.transaction():
                store.files.note_problem(source.path, *seen, str(error.problems[0]))
            notices.append(_broken(source.path, str(error.problems[0]), len(error.problems)))
            continue
        if file.fingerprint and file.fingerprint.sha256 == source.sha256:
            continue  # touched, not changed: remembered again with its new time
        notices.append(Notice(f"Reloaded {source.path}: {counts}"))
    return notices


def _broken(path: str, problem: str, count: int = 0) -> Notice:
    more = f" (and {count - 1} more problems)" if count > 1 else ""
    return Notice(
        f"{problem}{more}; {path} no longer loads, so its last good version is used",
        warning=True,
    )


def state_of(known: RememberedFile) -> tuple[State, str]:
    """How a remembered file stands, by a `stat` (as `sync` decides), and that in words."""
    try:
        status = os.stat(known.path)
    except OSError:
        return "gone", "gone (its events are kept)"
    seen = (status.st_size, status.st_mtime_ns)
    if seen == (known.size, known.mtime_ns):
        return "loaded", f"loaded {known.loaded_at}"
    if known.problem and seen == (known.problem_size, known.problem_mtime_ns):
        return "broken", f"does not load: {known.problem}"
    return "changed", "changed (re-loaded by the next command)"


def file_states(store: Store) -> list[FileState]:
    """The files `load` remembers, and whether each is loaded, changed, broken or gone."""
    return [
        FileState(known.path, store.reads.count_from(known.path), *state_of(known))
        for known in store.files.remembered()
    ]


def forget(store: Store, path: str | os.PathLike[str]) -> int:
    """Stop following a remembered file; its events stay (returns how many)."""
    resolved = str(Path(path).resolve())
    # A name that is not UTF-8 text is never remembered (SQLite keeps UTF-8 only).
    if shown_path(resolved) != resolved or not store.files.forget(resolved):
        raise TimelineError(f"{shown_path(path)} is not a remembered file (see `timeline sources`)")
    return store.reads.count_from(resolved)
