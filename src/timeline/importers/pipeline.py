"""The pipeline every importer shares: the filters and the report, the first look at a
row's date and code, its text through the one validation, and the batched, all-or-nothing
write. Rows stream from the file (plain or .zip) one at a time; the cheap filters run on
the raw columns before any Event is built, so memory stays flat however large the file."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections import Counter
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Protocol, TextIO

from timeline.cameo import is_event_code
from timeline.errors import FileError, TimelineError, shown_path
from timeline.event_rows import Row, to_row
from timeline.importers.merging import write_merged
from timeline.model import Event, EventInvalid, validate_texts
from timeline.plover import DIPLOMATIC
from timeline.store import Counts, Store
from timeline.words import counted

DIPLOMACY = ("03", "04", "05")  # the default --cameo prefixes

Line = int | str  # a row's line, or `member:line` in a zip of several files


@dataclass(frozen=True)
class RowFilters:
    countries: frozenset[str] = frozenset()  # alpha-2; either side of the event
    cameo: tuple[str, ...] = DIPLOMACY  # event code prefixes
    min_sources: int = 0  # GDELT NumSources
    since: dt.date | None = None
    until: dt.date | None = None
    plover_types: frozenset[str] = frozenset(DIPLOMATIC)  # POLECAT event types
    include_domestic: bool = False  # keep rows with one side unknown, or one country only
    merge: bool = True  # rows of one real event as one event (`merging`)
    min_articles: int = 0  # of the events an import makes, once merged


_BAD_LINES_SHOWN = 5


@dataclass
class Report:
    """What one file gave: rows read, kept, skipped by reason, and the bad rows' lines."""

    name: str
    read: int = 0
    kept: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    bad_lines: list[Line] = field(default_factory=list)  # the first few, for the report
    bad_rows: int = 0
    dropped: Counter[str] = field(default_factory=Counter)  # country codes left out, by why
    merged: int = 0  # rows kept as reports of an event another row made
    few_articles: int = 0  # events made, then left out for fewer than --min-articles
    in_layout: int = 0  # rows with the layout the importer reads

    def skip(self, reason: str) -> None:
        self.skipped[reason] += 1

    def add(self, part: Report) -> None:
        """Count in what a part of the file gave (a block read by a worker process)."""
        self.read += part.read
        self.kept += part.kept
        self.skipped += part.skipped
        self.dropped += part.dropped
        self.bad_rows += part.bad_rows
        self.bad_lines += part.bad_lines[: _BAD_LINES_SHOWN - len(self.bad_lines)]
        self.in_layout += part.in_layout

    def bad(self, line: Line, reason: str) -> None:
        self.skip(reason)
        self.bad_rows += 1
        if len(self.bad_lines) < _BAD_LINES_SHOWN:
            self.bad_lines.append(line)

    def __str__(self) -> str:
        parts = [f"{self.read:,} rows read", f"{self.kept:,} kept"]
        if self.merged:
            parts[-1] += f" ({self.merged:,} merged into the event of an earlier row)"
        if self.few_articles:
            parts.append(f"{counted(self.few_articles, 'event')} with too few articles left out")
        for reason, count in sorted(self.skipped.items()):
            parts.append(f"{count:,} skipped ({reason})")
        if self.dropped:
            why = ", ".join(f"{n:,} {reason}" for reason, n in sorted(self.dropped.items()))
            parts.append(f"country codes left out: {why}")
        if self.bad_lines:
            shown = ", ".join(map(str, self.bad_lines))
            more = ", ..." if self.bad_rows > len(self.bad_lines) else ""
            parts.append(f"bad rows at lines {shown}{more}")
        return "; ".join(parts)


class ImportFailed(TimelineError):
    """The file is not what the importer reads, or a bad row under --strict."""


def validated_texts(
    texts: dict[str, Any], report: Report, line: Line, strict: bool
) -> dict[str, Any] | None:
    """The row's free text through the readers every event's text passes (the size bounds
    and cleaning of `model.validate`), or None for a bad row."""
    try:
        return validate_texts(texts)
    except EventInvalid as invalid:
        field, message = invalid.problems[0]
        bad(report, line, f"invalid {field}", strict, detail=f"{field}: {message}")
        return None


def wanted(
    day: dt.date | None, code: str, filters: RowFilters, report: Report, line: int, strict: bool
) -> bool:  # (callers then test `day is None` again only for mypy to see a date)
    """The first look at a row, on its raw columns, in both importers: a real date and
    event code (else a bad row), within the dates and the chosen codes (else skipped)."""
    if day is None or not is_event_code(code):
        bad(report, line, "bad date or event code", strict)
        return False
    if (filters.since and day < filters.since) or (filters.until and day > filters.until):
        report.skip("outside the dates")
        return False
    if not code.startswith(filters.cameo):
        report.skip("not a chosen CAMEO code")
        return False
    return True


def compact_day(text: str) -> dt.date | None:
    """GDELT's `20260113`, or None."""
    if len(text) != 8 or not text.isdigit():
        return None
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:  # 20250230
        return None


def iso_day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None


def check_layout(report: Report, layout: str) -> None:
    """A file in which no row has the layout is the wrong file: refuse it whole."""
    if not report.in_layout:
        raise ImportFailed(
            f"{report.name}: no row has {layout}; is it the right kind of file?"
            if report.read
            else f"{report.name}: has no rows"
        )


_BATCH = 5_000  # events upserted at a time: memory stays flat however long the file
# SQLite's page cache during an import (the default is 2 MiB): the merge lookups and the
# indexes of a million rows' events stay in memory (bench/README.md).
_IMPORT_CACHE_KIB = 16 * 1024


# Reads one file: (path, filters, report, strict=, origin=) -> batches of rows of the store,
# each with the bytes of the file read for it (0 when not known).
class RowReader(Protocol):
    """An importer, as the driver (`import_files`) runs it on each file: the file's events
    that pass the filters, as batches of the store's rows, each with the bytes read for it.
    POLECAT reads its blocks in worker processes; GDELT and ICEWS read events in-process
    (`rows_of` makes them row readers)."""

    def __call__(
        self, path: Path, filters: RowFilters, report: Report, *, strict: bool, origin: str
    ) -> Iterator[tuple[list[Row], int]]: ...


class EventReader(Protocol):
    """An importer that reads a file as Events, in-process, each with its `pair` of
    sides."""

    def __call__(
        self, path: Path, filters: RowFilters, report: Report, *, strict: bool
    ) -> Iterator[tuple[Event, str]]: ...


def rows_of(read_events: EventReader) -> RowReader:
    """An event reader as a row reader: its events in batches of rows."""

    def read_rows(
        path: Path, filters: RowFilters, report: Report, *, strict: bool, origin: str
    ) -> Iterator[tuple[list[Row], int]]:
        return in_batches(read_events(path, filters, report, strict=strict), origin)

    return read_rows


def import_files(
    store: Store,
    reader: RowReader,
    paths: list[Path],
    filters: RowFilters,
    *,
    strict: bool,
    on_progress: Callable[[int, int], None] | None = None,
) -> list[tuple[Report, Counts]]:
    """Stream each file's events into the store in batches, all files in one transaction:
    a failure (a bad row under --strict, the wrong file) imports nothing. Each row joins
    the event of its real event, or makes one (`merging`)."""
    results, origins = [], []
    with store.transaction(), store.connection.page_cache(_IMPORT_CACHE_KIB):
        newest = store.coded.newest()
        for path in paths:
            report, counts = Report(shown_path(path)), Counts()
            origin = str(path.resolve())
            updated: set[str] = set()  # the events made before, that this file reports
            for rows, nbytes in reader(path, filters, report, strict=strict, origin=origin):
                written = write_merged(
                    store,
                    _new_rows(store, rows, report),
                    merge=filters.merge,
                    before=newest,
                    updated=updated,
                )
                counts += written.counts
                report.merged += written.merged
                report.kept -= written.yours
                if written.yours:
                    report.skipped["reported by an event you keep"] += written.yours
                if on_progress:
                    on_progress(len(rows), nbytes)
            results.append((report, counts))
            origins.append(origin)
        if filters.min_articles:
            _leave_out_few(
                store, newest, filters.min_articles, dict(zip(origins, results, strict=True))
            )
    return results


def _new_rows(store: Store, rows: list[Row], report: Report) -> list[Row]:
    """The rows not counted before (by an earlier import, an earlier batch, or earlier in
    this one), whose event no remembered file holds: a file is the source of truth of its
    events (one a user curated from an earlier import, say), so an import leaves them as
    they are. Both are counted in the report."""
    ids = [row[0] for row in rows]
    counted = store.coded.counted(ids)
    held = store.reads.held_by_files(ids, None) if store.reads.has_events() else {}
    new, seen = [], set()
    for row in rows:
        row_id = row[0]
        if row_id in held:
            report.skip("kept in a loaded file")
        elif row_id in counted or row_id in seen:
            report.skip("counted already")
        else:
            new.append(row)
            seen.add(row_id)
            continue
        report.kept -= 1
    return new


def _leave_out_few(
    store: Store, newest: int, min_articles: int, by_origin: dict[str, tuple[Report, Counts]]
) -> None:
    """Remove the events this import made that fewer articles report than asked, once all
    files are merged (the rows of a later file may have made the number), each counted
    in the report of the file that made it."""
    few = store.coded.made_since(newest, min_articles)
    store.writes.delete([event_id for event_id, _ in few], forget_rows=True)
    for origin, number in Counter(origin for _, origin in few).items():
        report, counts = by_origin[origin]
        report.few_articles += number
        counts.added -= number


def in_batches(events: Iterator[tuple[Event, str]], origin: str) -> Iterator[tuple[list[Row], int]]:
    """Events as batches of imported rows (`imported_row`)."""
    batch: list[Row] = []
    for event, sides in events:
        batch.append(imported_row(event, origin, sides))
        if len(batch) == _BATCH:
            yield batch, 0
            batch = []
    if batch:
        yield batch, 0


def imported_row(event: Event, origin: str, sides: str) -> Row:
    """A row of the store with the pair of sides it is merged by after it (`merging`)."""
    return (*to_row(event, origin), sides)


def pair(first: Sequence[str], second: Sequence[str]) -> str:
    """The unordered pair of an event's sides, each its countries (`?` when not known):
    `JP KR`; `KR KR` at home; `? KR` with one side unknown."""
    return " ".join(sorted("+".join(sorted(side)) or "?" for side in (first, second)))


def unwanted(first: tuple[str, ...], second: tuple[str, ...], filters: RowFilters) -> str | None:
    """Why a row whose two sides have these countries is skipped, or None to keep it. By
    default an event is between countries: a row with one side unknown, or with one
    country on both sides (`Canada praises someone`, a police raid at home), is left out
    and counted (`include_domestic` keeps it)."""
    countries = set(first) | set(second)
    if not countries:
        return "no country"
    if not filters.include_domestic:
        if not first or not second:
            return "one side unknown"
        if len(countries) == 1:
            return "one country on both sides"
    if filters.countries and not filters.countries.intersection(countries):
        return "not a chosen country"
    return None


def bad(report: Report, line: Line, reason: str, strict: bool, detail: str = "") -> None:
    if strict:
        raise ImportFailed(
            f"{report.name}:{line}: bad row ({detail or reason}); nothing was imported"
        )
    report.bad(line, reason)


def countries_of(*codes: str | None) -> tuple[str, ...]:
    return tuple(dict.fromkeys(code for code in codes if code))


@contextmanager
def open_text(path: Path) -> Iterator[TextIO]:
    """A text stream of the file, or of the one data file inside a .zip (as GDELT ships)."""
    streams = open_streams(path, one=True)
    try:
        with read_errors(path):
            _, stream = next(streams)
            yield io.TextIOWrapper(stream, encoding="utf-8", errors="replace", newline="")
    finally:
        streams.close()


def open_streams(path: Path, *, one: bool = False) -> Generator[tuple[str | None, IO[bytes]]]:
    """The file (member None), or each data file inside a .zip in name order (POLECAT's
    yearly archives hold a file per month), one at a time. Read them inside
    `read_errors`."""
    with read_errors(path):
        if path.suffix.lower() != ".zip":
            with path.open("rb") as stream:
                yield None, stream
            return
        with zipfile.ZipFile(path) as archive:
            members = sorted(
                m for m in archive.namelist() if not m.endswith("/") and not _is_clutter(m)
            )
            if one and len(members) != 1:
                raise ImportFailed(
                    f"{shown_path(path)}: expected one file in the zip, found {len(members)}"
                )
            if not members:
                raise ImportFailed(f"{shown_path(path)}: the zip holds no file")
            for member in members:
                with archive.open(member) as stream:
                    yield member, stream


@contextmanager
def read_errors(path: Path) -> Iterator[None]:
    """A file that cannot be read, or a broken zip, as one line."""
    try:
        yield
    except OSError as error:
        raise FileError(path, error, "read") from None
    except zipfile.BadZipFile:
        raise ImportFailed(f"{shown_path(path)}: not a valid zip file") from None


def _is_clutter(member: str) -> bool:
    """What archivers add beside the data: macOS resource forks, Finder's .DS_Store."""
    name = member.rsplit("/", 1)[-1]
    return member.startswith("__MACOSX/") or name.startswith("._") or name == ".DS_Store"
