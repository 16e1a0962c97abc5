"""Machine-coded event data (GDELT 1.0 and 2.0 exports, ICEWS event files) as Events.

Rows stream from the file (plain or .zip) one at a time; the cheap filters run on the raw
columns before any Event is built, so memory stays flat whatever the size of the file.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from timeline.cameo import country_alpha2, is_event_code, kind_of, label_of
from timeline.countries import country_name, fips_to_alpha2, name_to_alpha2
from timeline.dates import PartialDate
from timeline.errors import FileError, OptionError, TimelineError, shown_path
from timeline.model import Event, EventInvalid, validate_texts
from timeline.store import Counts, Store

DIPLOMACY = ("03", "04", "05")  # the default --cameo prefixes


@dataclass(frozen=True)
class Filters:
    countries: frozenset[str] = frozenset()  # alpha-2; either side of the event
    cameo: tuple[str, ...] = DIPLOMACY  # event code prefixes
    min_sources: int = 0  # GDELT NumSources
    since: dt.date | None = None
    until: dt.date | None = None


@dataclass
class Report:
    """What one file gave: rows read, kept, skipped by reason, and the bad rows' lines."""

    name: str
    read: int = 0
    kept: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    bad_lines: list[int] = field(default_factory=list)
    merged: int = 0  # reciprocal visit rows folded into their partner
    in_layout: int = 0  # rows with the layout the importer reads

    def skip(self, reason: str) -> None:
        self.skipped[reason] += 1

    def bad(self, line: int, reason: str) -> None:
        self.skip(reason)
        self.bad_lines.append(line)

    def __str__(self) -> str:
        parts = [f"{self.read:,} rows read", f"{self.kept:,} kept"]
        if self.merged:
            plural = "s" if self.merged != 1 else ""
            parts.append(f"{self.merged:,} reciprocal visit{plural} merged")
        for reason, count in sorted(self.skipped.items()):
            parts.append(f"{count:,} skipped ({reason})")
        if self.bad_lines:
            shown = ", ".join(map(str, self.bad_lines[:5]))
            more = ", ..." if len(self.bad_lines) > 5 else ""
            parts.append(f"bad rows at lines {shown}{more}")
        return "; ".join(parts)


class ImportFailed(TimelineError):
    """The file is not what the importer reads, or a bad row under --strict."""


# GDELT column positions that differ between layouts (by column count).
@dataclass(frozen=True)
class _Layout:
    name: str
    action_geo_fullname: int
    source_url: int | None


_GDELT_LAYOUTS = {
    61: _Layout("GDELT 2.0", 52, 60),
    58: _Layout("GDELT 1.0 (daily)", 50, 57),
    57: _Layout("GDELT 1.0 (back file)", 50, None),
}
_ID, _DAY, _A1_NAME, _A1_COUNTRY, _A2_NAME, _A2_COUNTRY = 0, 1, 6, 7, 16, 17
_EVENT_CODE, _NUM_SOURCES, _GOLDSTEIN, _TONE = 26, 32, 30, 34


def gdelt_events(path: Path, filters: Filters, report: Report, *, strict: bool) -> Iterator[Event]:
    """The events of a GDELT export that pass the filters, a GDELT 1.0 or 2.0 layout told
    apart by each row's column count."""
    since = filters.since.strftime("%Y%m%d") if filters.since else ""
    until = filters.until.strftime("%Y%m%d") if filters.until else "99999999"
    visits = _Visits(report)
    with _open_text(path) as text:
        for number, line in enumerate(text, start=1):
            report.read += 1
            row = line.rstrip("\r\n").split("\t")
            layout = _GDELT_LAYOUTS.get(len(row))
            if layout is None:
                _bad(report, number, f"{len(row)} columns, not 57, 58 or 61", strict)
                continue
            report.in_layout += 1
            day, code = row[_DAY], row[_EVENT_CODE]
            if not (len(day) == 8 and day.isdigit()) or not is_event_code(code):
                _bad(report, number, "bad date or event code", strict)
                continue
            if not since <= day <= until:
                report.skip("outside the dates")
                continue
            if not code.startswith(filters.cameo):
                report.skip("not a chosen CAMEO code")
                continue
            if filters.min_sources and _int(row[_NUM_SOURCES]) < filters.min_sources:
                report.skip("too few sources")
                continue
            countries = _countries(
                country_alpha2(row[_A1_COUNTRY]), country_alpha2(row[_A2_COUNTRY])
            )
            unwanted = _unwanted(countries, filters)
            if unwanted:
                report.skip(unwanted)
                continue
            url = row[layout.source_url] if layout.source_url is not None else ""
            try:
                date = PartialDate(int(day[:4]), int(day[4:6]), int(day[6:]))
                date.first_day  # noqa: B018 - raises for 20250230
            except ValueError:
                _bad(report, number, "bad date or event code", strict)
                continue
            texts = _validated_texts(
                {
                    "id": f"gdelt-{row[_ID]}",
                    "title": _title(
                        row[_A1_NAME], row[_A1_COUNTRY], code, row[_A2_NAME], row[_A2_COUNTRY]
                    ),
                    "location": _place(row, layout),
                    "summary": f"CAMEO {code} ({label_of(code)}); Goldstein {row[_GOLDSTEIN]}; "
                    f"tone {row[_TONE]}; {row[_NUM_SOURCES]} sources",
                    "sources": [url] if url else None,
                },
                report,
                number,
                strict,
            )
            if texts is None:
                continue
            event = Event(date=date, kind=kind_of(code), countries=countries, cameo=code, **texts)
            yield from visits.add(event, day, url)
    _check_layout(report, "a GDELT layout (57, 58 or 61 tab-separated columns)")
    yield from visits.flush()


_ICEWS_COLUMNS = (
    "Event ID",
    "Event Date",
    "Source Name",
    "Source Country",
    "CAMEO Code",
    "Target Name",
    "Target Country",
)


def icews_events(path: Path, filters: Filters, report: Report, *, strict: bool) -> Iterator[Event]:
    """The events of an ICEWS coded event file (tab-separated, with a header row)."""
    with _open_text(path) as text:
        # Tab-separated without quoting: split by hand (csv's reader has a process-wide
        # field size limit, 128 KB, and raises on a longer field instead of reading it).
        rows = (line.rstrip("\r\n").split("\t") for line in text)
        header = next(rows, [])
        missing = [c for c in _ICEWS_COLUMNS if c not in header]
        if missing:
            raise ImportFailed(
                f"{report.name}: not an ICEWS event file (no column {missing[0]!r} in its header)"
            )
        at = {name: header.index(name) for name in header}
        width = len(header)
        for number, row in enumerate(rows, start=2):
            report.read += 1
            if len(row) != width:
                _bad(report, number, f"{len(row)} columns, not {width}", strict)
                continue
            report.in_layout += 1
            code = row[at["CAMEO Code"]].strip()
            try:
                day = dt.date.fromisoformat(row[at["Event Date"]].strip())
            except ValueError:
                _bad(report, number, "bad date or event code", strict)
                continue
            if not is_event_code(code):
                _bad(report, number, "bad date or event code", strict)
                continue
            if (filters.since and day < filters.since) or (filters.until and day > filters.until):
                report.skip("outside the dates")
                continue
            if not code.startswith(filters.cameo):
                report.skip("not a chosen CAMEO code")
                continue
            source, target = row[at["Source Country"]], row[at["Target Country"]]
            countries = _countries(
                name_to_alpha2(source) if source else None,
                name_to_alpha2(target) if target else None,
            )
            unwanted = _unwanted(countries, filters)
            if unwanted:
                report.skip(unwanted)
                continue
            place = [row[at[c]] for c in ("City", "Province", "Country") if c in at and row[at[c]]]
            actor, recipient = row[at["Source Name"]], row[at["Target Name"]]
            texts = _validated_texts(
                {
                    "id": f"icews-{row[at['Event ID']].strip()}",
                    "title": f"{actor or 'Someone'} {label_of(code)} {recipient or 'someone'}",
                    "location": ", ".join(dict.fromkeys(place)) or None,
                    "summary": f"CAMEO {code} ({label_of(code)}); {row[at['Event Text']]}"
                    if "Event Text" in at
                    else f"CAMEO {code} ({label_of(code)})",
                    "sources": [row[at["Publisher"]]]
                    if "Publisher" in at and row[at["Publisher"]]
                    else None,
                },
                report,
                number,
                strict,
            )
            if texts is not None:
                report.kept += 1
                yield Event(
                    date=PartialDate.from_date(day),
                    kind=kind_of(code),
                    countries=countries,
                    cameo=code,
                    **texts,
                )
    _check_layout(report, "the columns of its header")


def _validated_texts(
    texts: dict[str, Any], report: Report, line: int, strict: bool
) -> dict[str, Any] | None:
    """The row's free text through the readers every event's text passes (the size bounds
    and cleaning of `model.validate`), or None for a bad row."""
    try:
        return validate_texts(texts)
    except EventInvalid as invalid:
        field, message = invalid.problems[0]
        _bad(report, line, f"invalid {field}", strict, detail=f"{field}: {message}")
        return None


def _check_layout(report: Report, layout: str) -> None:
    """A file in which no row has the layout is the wrong file: refuse it whole."""
    if not report.in_layout:
        raise ImportFailed(
            f"{report.name}: no row has {layout}; is it the right kind of file?"
            if report.read
            else f"{report.name}: has no rows"
        )


class _Visits:
    """GDELT codes one visit twice: A makes a visit to B (042) and B hosts a visit from A
    (043), same day and source. Keep the 042 row's event, count the other as merged."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.waiting: dict[tuple[str, str, frozenset[str]], Event] = {}

    def add(self, event: Event, day: str, url: str) -> Iterator[Event]:
        if event.cameo not in ("042", "043") or len(event.countries) != 2 or not url:
            self.report.kept += 1
            yield event
            return
        key = (day, url, frozenset(event.countries))
        partner = self.waiting.get(key)
        if partner is None or partner.cameo == event.cameo:
            if partner is not None:  # a second row of the same side: keep both
                self.report.kept += 1
                yield partner
            self.waiting[key] = event
            return
        del self.waiting[key]
        self.report.kept += 1
        self.report.merged += 1
        yield event if event.cameo == "042" else partner

    def flush(self) -> Iterator[Event]:
        for event in self.waiting.values():
            self.report.kept += 1
            yield event
        self.waiting.clear()


_BATCH = 5_000  # events upserted at a time: memory stays flat however long the file


def import_files(
    store: Store,
    reader: Callable[..., Iterator[Event]],
    paths: list[Path],
    filters: Filters,
    *,
    strict: bool,
    on_progress: Callable[[int], None] | None = None,
) -> list[tuple[Report, Counts]]:
    """Stream each file's events into the store in batches, all files in one transaction:
    a failure (a bad row under --strict, the wrong file) imports nothing."""
    results = []
    with store.transaction():
        for path in paths:
            report, counts = Report(shown_path(path)), Counts()
            origin = str(path.resolve())
            batch: dict[str, Event] = {}
            for event in reader(path, filters, report, strict=strict):
                batch[event.id] = event  # a repeated id keeps its last row
                if len(batch) == _BATCH:
                    counts += store.upsert(list(batch.values()), origin)
                    if on_progress:
                        on_progress(len(batch))
                    batch = {}
            counts += store.upsert(list(batch.values()), origin)
            results.append((report, counts))
    return results


def _unwanted(countries: tuple[str, ...], filters: Filters) -> str | None:
    """Why a row with these countries is skipped, or None to keep it."""
    if not countries:
        return "no country"
    if filters.countries and not filters.countries.intersection(countries):
        return "not a chosen country"
    return None


def _bad(report: Report, line: int, reason: str, strict: bool, detail: str = "") -> None:
    if strict:
        raise ImportFailed(
            f"{report.name}:{line}: bad row ({detail or reason}); nothing was imported"
        )
    report.bad(line, reason)


def _countries(*codes: str | None) -> tuple[str, ...]:
    return tuple(dict.fromkeys(code for code in codes if code))


def _title(name1: str, country1: str, code: str, name2: str, country2: str) -> str:
    return f"{_actor(name1, country1)} {label_of(code)} {_actor(name2, country2)}"


def _actor(name: str, country: str) -> str:
    alpha2 = country_alpha2(country)
    if alpha2:
        return country_name(alpha2)
    return name.title() if name else "someone"


def _place(row: list[str], layout: _Layout) -> str | None:
    """The action geography's full name, else the name of its (FIPS-coded) country."""
    full_name = row[layout.action_geo_fullname]
    if full_name:
        return full_name
    country = fips_to_alpha2(row[layout.action_geo_fullname + 1])
    return country_name(country) if country else None


def _int(text: str) -> int:
    return int(text) if text.isdigit() else 0


@contextmanager
def _open_text(path: Path) -> Iterator[TextIO]:
    """A text stream of the file, or of the one data file inside a .zip (as GDELT ships)."""
    try:
        if path.suffix.lower() == ".zip":
            with zipfile.ZipFile(path) as archive:
                members = [m for m in archive.namelist() if not m.endswith("/")]
                if len(members) != 1:
                    raise ImportFailed(
                        f"{shown_path(path)}: expected one file in the zip, found {len(members)}"
                    )
                with archive.open(members[0]) as raw:
                    yield io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline="")
            return
        with path.open(encoding="utf-8", errors="replace", newline="") as text:
            yield text
    except OSError as error:
        raise FileError(path, error, "read") from None
    except zipfile.BadZipFile:
        raise ImportFailed(f"{shown_path(path)}: not a valid zip file") from None


def import_paths(
    store: Store,
    source: str,
    paths: list[str | os.PathLike[str]],
    *,
    country: list[str] | None,
    cameo: list[str] | None,
    min_sources: int,
    since: str | None,
    until: str | None,
    strict: bool,
    today: dt.date,
    on_progress: Callable[[int], None] | None = None,
) -> list[tuple[Report, Counts]]:
    """`timeline import SOURCE`: the options checked, then `import_files`."""
    from timeline.cameo import is_code_prefix
    from timeline.loader import paused_gc

    readers = {"gdelt": gdelt_events, "icews": icews_events}
    if source not in readers:
        raise OptionError("SOURCE", f"{source!r} is not one of {', '.join(readers)}")
    prefixes = tuple(cameo or DIPLOMACY)
    for prefix in prefixes:
        if not is_code_prefix(prefix):
            raise OptionError("--cameo", f"{prefix!r} is not a CAMEO code prefix (01 to 20...)")
    if min_sources < 0:
        raise OptionError("--min-sources", "must be 0 or more")
    from timeline.query import Query

    query = Query.parse(today=today, countries=country, since=since, until=until)
    filters = Filters(
        countries=frozenset(query.countries),
        cameo=prefixes,
        min_sources=min_sources,
        since=query.since,
        until=query.until,
    )
    files = [Path(path) for path in paths]
    with paused_gc():
        return import_files(
            store, readers[source], files, filters, strict=strict, on_progress=on_progress
        )
