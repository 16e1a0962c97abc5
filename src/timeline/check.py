"""`timeline check`: data quality findings for event files, without writing the store."""

from __future__ import annotations

import datetime as dt
import difflib
from collections import defaultdict
from dataclasses import asdict, dataclass

from timeline.loader import LoadedFile, load_files
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


def check_files(names: list[str], *, today: dt.date) -> list[Finding]:
    """Every finding in the files, in file and line order."""
    findings: list[Finding] = []
    for loaded in load_files(names, today=today):
        for problem in loaded.problems:
            message = f"{problem.field}: {problem.message}" if problem.field else problem.message
            who = problem.event.removeprefix("id ").strip("'") if problem.event else None
            findings.append(Finding(loaded.name, problem.line, who, "error", message))
        findings += _warnings(loaded, today)
    return sorted(findings, key=lambda f: (f.file, f.line or 0))


def _warnings(loaded: LoadedFile, today: dt.date) -> list[Finding]:
    found = []
    line_of = dict(zip((e.id for e in loaded.events), loaded.lines, strict=True))

    def warn(event: Event, message: str) -> None:
        found.append(Finding(loaded.name, line_of[event.id], event.id, "warning", message))

    for event in loaded.events:
        if not event.sources:
            warn(event, "no sources: add a URL or citation under `sources`")
        if event.status == "planned" and event.last_day < today:
            warn(
                event,
                f"planned, but its date ({event.date}) has passed: held, cancelled or postponed?",
            )
        if event.status == "held" and event.first_day > today:
            warn(event, f"held, but its date ({event.date}) is in the future")
    for first, second in _probable_duplicates(loaded.events):
        warn(
            second,
            f"probable duplicate of {first.id} (same countries, dates within "
            f"{DUPLICATE_DAYS} days, similar titles)",
        )
    return found


def _probable_duplicates(events: list[Event]) -> list[tuple[Event, Event]]:
    by_countries: dict[frozenset[str], list[Event]] = defaultdict(list)
    for event in events:
        by_countries[frozenset(event.countries)].append(event)
    pairs = []
    for group in by_countries.values():
        group.sort(key=lambda e: e.first_day)
        for index, event in enumerate(group):
            for later in range(index + 1, len(group)):  # not a slice: that copies the rest
                other = group[later]
                if (other.first_day - event.first_day).days > DUPLICATE_DAYS:
                    break
                if _similar(event.title, other.title):
                    pairs.append((event, other))
    return pairs


def _similar(a: str, b: str) -> bool:
    matcher = difflib.SequenceMatcher(None, a.lower(), b.lower())
    # the quick ratios are upper bounds of ratio(), and rule most pairs out cheaply
    return (
        matcher.real_quick_ratio() >= DUPLICATE_TITLES
        and matcher.quick_ratio() >= DUPLICATE_TITLES
        and matcher.ratio() >= DUPLICATE_TITLES
    )
