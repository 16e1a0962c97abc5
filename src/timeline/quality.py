"""`timeline check`: data quality findings for event files, without a database."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from typing import NamedTuple

from timeline.errors import TimelineError
from timeline.event_rows import EVENT_COLUMNS, Row, stored_list, to_event
from timeline.kinds import KINDS
from timeline.ledger import IdLedger, duplicate_ids
from timeline.loading.reading import FileRead, paused_gc, read_file
from timeline.model import Event

_ID, _DATE, _FIRST_DAY, _LAST_DAY, _STATUS, _TITLE, _COUNTRIES, _SOURCES, _CAMEO, _PLOVER = (
    EVENT_COLUMNS.index(name)
    for name in ("id", "date", "first_day", "last_day", "status", "title", "countries",
                 "sources", "cameo", "plover")
)  # fmt: skip

DUPLICATE_DAYS = 2  # events this close, with the same countries and similar titles...
DUPLICATE_TITLES = 60  # ...at least this similar (rapidfuzz's ratio, 0-100) are probable twins
# What a finding is about, for summaries: the first SHOWN_PER_KIND of each are printed.
KINDS_OF_FINDING = {
    "invalid": "errors",
    "unsourced": "events without sources",
    "passed": "planned events whose date has passed",
    "future": "held events in the future",
    "codes": "events whose code names another kind",
    "duplicate": "probable duplicates",
}
SHOWN_PER_KIND = 50


@dataclass(frozen=True)
class Finding:
    file: str
    line: int | None
    id: str | None
    level: str  # "error" or "warning"
    message: str
    kind: str = "invalid"  # a key of KINDS_OF_FINDING

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        who = f" {self.id}:" if self.id else ""
        return f"{where}:{who} {self.level}: {self.message}"

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def check(
    paths: Iterable[str | os.PathLike[str]], *, today: dt.date | None = None
) -> list[Finding]:
    """Errors and doubtful data in event files, without a database: events that do not
    validate, and warnings (no sources, a planned date that has passed, a held one in the
    future, probable duplicates). Each Finding has file, line, id, level, message and
    kind. `iter_check` streams them, for files of millions of events."""
    return list(iter_check(paths, today=today))


def iter_check(
    paths: Iterable[str | os.PathLike[str]], *, today: dt.date | None = None
) -> Iterator[Finding]:
    """As `check`, the findings streamed in file and line order: what must be compared
    across events (ids, probable duplicates) and the findings themselves wait in a private
    temporary SQLite database, so memory holds a batch of events, not the files."""
    names = [os.fspath(p) for p in paths]
    if not names:
        raise TimelineError("no files given and none remembered: name the files to check")
    scratch = sqlite3.connect("")  # a temporary file, deleted when closed
    try:
        kept = _Kept(scratch)
        with paused_gc():
            _check_files(names, kept, today or dt.date.today())
        yield from kept.in_order()
    finally:
        scratch.close()


def _check_files(names: list[str], kept: _Kept, today: dt.date) -> None:
    files = [FileRead.of(name) for name in names]
    ids = IdLedger(kept.conn)
    nearby = _Nearby(kept.conn)
    for index, file in enumerate(files):
        for batch in read_file(file, today=today, digest=_digested):
            found, warnings, near = batch.digest
            repeated = ids.note(index, found, batch.lines)
            file.problems += duplicate_ids(names, file.name, found, batch.lines, repeated)
            kept.add(warnings)
            nearby.add(index, near)
        kept.add(
            Finding(
                file.name,
                problem.line,
                problem.event.removeprefix("id ").strip("'") if problem.event else None,
                "error",
                f"{problem.field}: {problem.message}" if problem.field else problem.message,
            )
            for problem in file.problems
        )
        kept.add(nearby.probable_duplicates(index, file.name))


class _Kept:
    """The findings as they are found, given back in file and line order."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        conn.execute(
            "CREATE TABLE findings (file TEXT, line INTEGER, id TEXT, level TEXT, "
            "message TEXT, kind TEXT)"
        )

    def add(self, findings: Iterable[Finding]) -> None:
        self.conn.executemany(
            "INSERT INTO findings VALUES (?, ?, ?, ?, ?, ?)",
            ((f.file, f.line, f.id, f.level, f.message, f.kind) for f in findings),
        )

    def in_order(self) -> Iterator[Finding]:
        rows = self.conn.execute("SELECT * FROM findings ORDER BY file, ifnull(line, 0), rowid")
        return (Finding(*row) for row in rows)


class _Digest(NamedTuple):
    """What `check` needs of a batch of valid events, made where they are validated (in
    the workers, for a large file): a fifth of the rows' size to send back."""

    ids: list[str]
    warnings: list[Finding]
    nearby: list[tuple[str, str, str, str, int | None]]  # as `_Nearby.add` takes them


def _digested(rows: list[Row], lines: list[int | None], name: str, today: dt.date) -> _Digest:
    near = [
        (" ".join(sorted(stored_list(row[_COUNTRIES]))), row[_FIRST_DAY], row[_TITLE].lower(),
         row[_ID], line)
        for row, line in zip(rows, lines, strict=True)
    ]  # fmt: skip
    return _Digest([row[_ID] for row in rows], list(_warnings(name, rows, lines, today)), near)


def _warnings(
    name: str, rows: list[Row], lines: list[int | None], today: dt.date
) -> Iterator[Finding]:
    """What is doubtful in valid events, read from their rows (an Event is built only for
    the few with codes to compare with their kind)."""
    day = today.isoformat()
    for row, line in zip(rows, lines, strict=True):
        event_id = row[_ID]
        if row[_SOURCES] == "[]":
            message = "no sources: add a URL or citation under `sources`"
            yield Finding(name, line, event_id, "warning", message, "unsourced")
        status = row[_STATUS]
        if status == "planned" and row[_LAST_DAY] < day:
            message = (
                f"planned, but its date ({row[_DATE]}) has passed: held, cancelled or postponed?"
            )
            yield Finding(name, line, event_id, "warning", message, "passed")
        if status == "held" and row[_FIRST_DAY] > day:
            message = f"held, but its date ({row[_DATE]}) is in the future"
            yield Finding(name, line, event_id, "warning", message, "future")
        if row[_CAMEO] or row[_PLOVER]:
            for disagreement in _codes_disagreeing(to_event(row)):
                yield Finding(name, line, event_id, "warning", disagreement, "codes")


def _codes_disagreeing(event: Event) -> list[str]:
    """Where an event's code names another kind than the event's: a `visit` coded 163
    (sanctions) is scored as a sanction, so one of the two is wrong."""
    from timeline import cameo, plover

    found = []
    if event.cameo and event.cameo not in KINDS[event.kind].codes():
        coded = cameo.kind_of_code(event.cameo)
        if coded != event.kind:
            found.append(
                f"kind is {event.kind}, but CAMEO {event.cameo} "
                f"({cameo.label_of(event.cameo)}) is {coded}: change the kind or the code"
            )
    if event.plover:
        coded = plover.kind_of_type(*plover.parts(event.plover))
        if coded != event.kind:
            found.append(
                f"kind is {event.kind}, but PLOVER {event.plover} is {coded}: "
                "change the kind or the code"
            )
    return found


class _Nearby:
    """Events by countries and first day, to find probable duplicates (the same countries,
    dates at most DUPLICATE_DAYS apart, similar titles) in one ordered pass."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        conn.execute(
            "CREATE TABLE nearby (file INTEGER, countries TEXT, day INTEGER, title TEXT, "
            "id TEXT, line INTEGER)"
        )

    def add(self, file: int, events: list[tuple[str, str, str, str, int | None]]) -> None:
        """Events as (countries, first day, title in lower case, id, line)."""
        self.conn.executemany(
            "INSERT INTO nearby VALUES (?, ?, CAST(julianday(?) AS INTEGER), ?, ?, ?)",
            ((file, *event) for event in events),
        )

    def probable_duplicates(self, file: int, name: str) -> list[Finding]:
        from rapidfuzz.fuzz import ratio  # the Indel similarity, in C

        found = []
        window: deque[tuple[str, int, str, str]] = deque()  # earlier events within reach
        rows = self.conn.execute(
            "SELECT countries, day, title, id, line FROM nearby WHERE file = ? "
            "ORDER BY countries, day, rowid",
            (file,),
        )
        for countries, day, title, event_id, line in rows:
            while window and (window[0][0] != countries or day - window[0][1] > DUPLICATE_DAYS):
                window.popleft()
            for _, _, other_title, other_id in window:
                if ratio(other_title, title, score_cutoff=DUPLICATE_TITLES):
                    message = (
                        f"probable duplicate of {other_id} (same countries, dates within "
                        f"{DUPLICATE_DAYS} days, similar titles)"
                    )
                    found.append(Finding(name, line, event_id, "warning", message, "duplicate"))
            window.append((countries, day, title, event_id))
        self.conn.execute("DELETE FROM nearby WHERE file = ?", (file,))
        return found
