"""`timeline check`: data quality findings for event files, without a database."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import sqlite3
from collections import deque
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from timeline.errors import TimelineError
from timeline.event_rows import to_event
from timeline.kinds import KINDS
from timeline.ledger import IdLedger, duplicate_ids
from timeline.loading.reading import FileRead, paused_gc, read_file
from timeline.model import Event

DUPLICATE_DAYS = 2  # events this close, with the same countries and similar titles...
DUPLICATE_TITLES = 0.6  # ...at least this similar (difflib ratio) are probable duplicates


@dataclass(frozen=True)
class Finding:
    file: str
    line: int | None
    id: str | None
    level: str  # "error" or "warning"
    message: str

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
    future, probable duplicates). Each Finding has file, line, id, level and message."""
    names = [os.fspath(p) for p in paths]
    if not names:
        raise TimelineError("no files given and none remembered: name the files to check")
    with paused_gc():
        return check_files(names, today=today or dt.date.today())


def check_files(names: list[str], *, today: dt.date) -> list[Finding]:
    """Every finding in the files, in file and line order. The files stream: what must be
    compared across events (ids, probable duplicates) goes to a private temporary SQLite
    database, so memory holds a batch of events, not the files."""
    files = [FileRead.of(name) for name in names]
    findings: list[Finding] = []
    scratch = sqlite3.connect("")  # a temporary file, deleted when closed
    try:
        ids = IdLedger(scratch)
        nearby = _Nearby(scratch)
        for index, file in enumerate(files):
            for batch in read_file(file, today=today):
                found = [row[0] for row in batch.rows]
                repeated = ids.note(index, found, batch.lines)
                file.problems += duplicate_ids(names, file.name, found, batch.lines, repeated)
                events = [to_event(row) for row in batch.rows]
                findings += _warnings(file.name, events, batch.lines, today)
                nearby.add(index, events, batch.lines)
            for problem in file.problems:
                message = (
                    f"{problem.field}: {problem.message}" if problem.field else problem.message
                )
                who = problem.event.removeprefix("id ").strip("'") if problem.event else None
                findings.append(Finding(file.name, problem.line, who, "error", message))
            findings += nearby.probable_duplicates(index, file.name)
    finally:
        scratch.close()
    return sorted(findings, key=lambda f: (f.file, f.line or 0))


def _warnings(
    name: str, events: list[Event], lines: list[int | None], today: dt.date
) -> list[Finding]:
    found = []
    for event, line in zip(events, lines, strict=True):

        def warn(message: str) -> None:
            found.append(Finding(name, line, event.id, "warning", message))  # noqa: B023

        if not event.sources:
            warn("no sources: add a URL or citation under `sources`")
        if event.status == "planned" and event.last_day < today:
            warn(f"planned, but its date ({event.date}) has passed: held, cancelled or postponed?")
        if event.status == "held" and event.first_day > today:
            warn(f"held, but its date ({event.date}) is in the future")
        if event.cameo or event.plover:
            for disagreement in _codes_disagreeing(event):
                warn(disagreement)
    return found


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

    def add(self, file: int, events: list[Event], lines: list[int | None]) -> None:
        self.conn.executemany(
            "INSERT INTO nearby VALUES (?, ?, ?, ?, ?, ?)",
            [
                (file, " ".join(sorted(e.countries)), e.first_day.toordinal(), e.title, e.id, line)
                for e, line in zip(events, lines, strict=True)
            ],
        )

    def probable_duplicates(self, file: int, name: str) -> list[Finding]:
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
                if _similar(other_title, title):
                    found.append(
                        Finding(
                            name,
                            line,
                            event_id,
                            "warning",
                            f"probable duplicate of {other_id} (same countries, dates within "
                            f"{DUPLICATE_DAYS} days, similar titles)",
                        )
                    )
            window.append((countries, day, title, event_id))
        self.conn.execute("DELETE FROM nearby WHERE file = ?", (file,))
        return found


def _similar(a: str, b: str) -> bool:
    matcher = difflib.SequenceMatcher(None, a.lower(), b.lower())
    # the quick ratios are upper bounds of ratio(), and rule most pairs out cheaply
    return (
        matcher.real_quick_ratio() >= DUPLICATE_TITLES
        and matcher.quick_ratio() >= DUPLICATE_TITLES
        and matcher.ratio() >= DUPLICATE_TITLES
    )
