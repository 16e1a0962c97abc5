"""The files a Timeline follows: the YAML (or JSON) files `load` remembers stay the source
of truth. Re-loading those that changed (`sync`), listing them, forgetting one, and
checking files without writing anything."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from timeline.errors import TimelineError

if TYPE_CHECKING:
    from timeline.quality import Finding
    from timeline.store import Store
    from timeline.sync import Notice

__all__ = ["FileState", "Following", "check"]


@dataclass(frozen=True)
class FileState:
    """A file `load` remembers: how many events came from it, and how it stands now."""

    path: str
    events: int
    state: Literal["loaded", "changed", "broken", "gone"]
    detail: str  # in words, as `timeline sources` prints it


class Following:
    """What `Timeline` does with the files it follows (a part of it, in its own module)."""

    store: Store
    notices: list[Notice]
    _sync: bool
    _on_notice: Callable[[Notice], None] | None

    def today(self) -> dt.date:
        raise NotImplementedError  # provided by Timeline, which this is a part of

    def sync(self) -> list[Notice]:
        """Re-load the remembered files that changed since they were loaded (done before
        every call when the Timeline was opened with `sync`)."""
        if not self._sync:
            return []
        from timeline.sync import sync

        notices = sync(self.store, today=self.today(), now=dt.datetime.now(dt.UTC))
        for notice in notices:
            if self._on_notice:
                self._on_notice(notice)
            else:
                self.notices.append(notice)
        return notices

    def files(self) -> list[FileState]:
        """The files `load` remembers, and whether each is loaded, changed, broken or gone."""
        from timeline.sync import state_of

        return [
            FileState(known.path, self.store.count_from(known.path), *state_of(known))
            for known in self.store.remembered_files()
        ]

    def forget(self, path: str | os.PathLike[str]) -> int:
        """Stop following a remembered file; its events stay (returns how many)."""
        from timeline.errors import shown_path

        resolved = str(Path(path).resolve())
        # A name that is not UTF-8 text is never remembered (SQLite keeps UTF-8 only).
        if shown_path(resolved) != resolved or not self.store.forget(resolved):
            raise TimelineError(
                f"{shown_path(path)} is not a remembered file (see `timeline sources`)"
            )
        return self.store.count_from(resolved)

    def check(self, paths: Iterable[str | os.PathLike[str]] | None = None) -> list[Finding]:
        """`timeline.check` of the files (default: the remembered files)."""
        names = list(paths or ()) or [known.path for known in self.store.remembered_files()]
        return check(names, today=self.today())


def check(
    paths: Iterable[str | os.PathLike[str]], *, today: dt.date | None = None
) -> list[Finding]:
    """Errors and doubtful data in event files, without a database: events that do not
    validate, and warnings (no sources, a planned date that has passed, a held one in the
    future, probable duplicates). Each Finding has file, line, id, level and message."""
    from timeline.loading.reading import paused_gc
    from timeline.quality import check_files

    names = [os.fspath(p) for p in paths]
    if not names:
        raise TimelineError("no files given and none remembered: name the files to check")
    with paused_gc():
        return check_files(names, today=today or dt.date.today())


def missing_ids(
    paths: Iterable[str | os.PathLike[str]], *, today: dt.date | None = None
) -> list[tuple[str, int, str]]:
    """The events of YAML files written without an id, as (file, line, the id they get
    now). A file that does not load raises ValidationError listing every problem."""
    from timeline.errors import ValidationError
    from timeline.yamlfile import missing_ids as of_file

    found: list[tuple[str, int, str]] = []
    problems = []
    for name in (os.fspath(path) for path in paths):
        try:
            found += [(name, m.line, m.derived) for m in of_file(Path(name), today=_day(today))]
        except ValidationError as error:
            problems += error.problems
    if problems:
        raise ValidationError(problems)
    return found


def write_ids(
    paths: Iterable[str | os.PathLike[str]], *, today: dt.date | None = None
) -> dict[str, int]:
    """Write `id:` into every event of the YAML files that has none, changing no other
    byte; returns how many ids each file got. Nothing is written unless every file
    loads (ValidationError lists the problems)."""
    from timeline.yamlfile import write_ids as into_file

    names = [os.fspath(p) for p in paths]
    if not names:
        raise TimelineError("name the YAML files to write ids into")
    missing_ids(names, today=today)  # every file loads, or nothing is written
    return {name: into_file(Path(name), today=_day(today)) for name in names}


def _day(today: dt.date | None) -> dt.date:
    return today or dt.date.today()
