"""POLECAT event files (PLOVER-coded, tab-separated with a header row; weekly .txt files or
yearly .zip archives of monthly ones) as Events.

Columns are found by their header name: files differ in the name of the intensity column
(`Intensity`, later `Event Intensity`), in extra columns (`Headline`, `Feed`...) and in
tabs after the last column. A missing value is the text `None`; several values are joined
with `; `.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

from timeline.countries import alpha3_to_alpha2, country_name
from timeline.dates import PartialDate
from timeline.importers.rows import (
    Filters,
    ImportFailed,
    Line,
    Report,
    bad,
    check_layout,
    iso_day,
    open_texts,
    read_errors,
    unwanted,
    validated_texts,
)
from timeline.model import Event
from timeline.plover import TYPES, code_of, kind_of, verb_of

_NONE = "None"
_REQUIRED = (
    "Event ID",
    "Event Date",
    "Event Type",
    "Event Mode",
    "Actor Name",
    "Actor Country",
    "Recipient Name",
    "Recipient Country",
)
_INTENSITY = ("Event Intensity", "Intensity")  # newer files' name first
_PLACE = ("City", "Province", "Country")
_ID_UNSAFE = re.compile(r"[^a-z0-9.-]")
_MODE_UNSAFE = re.compile(r"[^a-z0-9_-]")


def polecat_events(
    path: Path, filters: Filters, report: Report, *, strict: bool
) -> Iterator[Event]:
    """The events of a POLECAT file (or of every file in a .zip) that pass the filters."""
    with read_errors(path):
        for member, text in open_texts(path):
            yield from _member_events(text, member, filters, report, strict)
    check_layout(report, "the columns of a POLECAT header")


def _member_events(
    text: Iterator[str], member: str | None, filters: Filters, report: Report, strict: bool
) -> Iterator[Event]:
    header = next(text, "").rstrip("\r\n").split("\t")
    while header and not header[-1]:  # tabs after the last name
        header.pop()
    columns = _Columns(header, f"{report.name}:{member}" if member else report.name)
    width = len(header)
    types, since, until = filters.plover_types, filters.since, filters.until
    date_at, type_at = columns.at["Event Date"], columns.at["Event Type"]
    for number, line in enumerate(text, start=2):
        where: Line = f"{member}:{number}" if member else number
        report.read += 1
        row = line.rstrip("\r\n").split("\t")
        if len(row) != width:
            if len(row) < width or any(row[width:]):
                bad(report, where, f"{len(row)} columns, not {width}", strict)
                continue
            del row[width:]  # empty columns after the last: a known quirk of some files
        report.in_layout += 1
        # The cheap filters first, on the raw columns: most rows end here.
        day, event_type = iso_day(row[date_at]), row[type_at]
        if day is None or event_type not in TYPES:
            bad(report, where, "bad date or event type", strict)
            continue
        if (since and day < since) or (until and day > until):
            report.skip("outside the dates")
            continue
        if event_type not in types:
            report.skip("not a chosen event type")
            continue
        countries = _countries(row, columns, report)
        why_not = unwanted(countries, filters)
        if why_not:
            report.skip(why_not)
            continue
        event = _event(row, columns, day, event_type, countries, report, where, strict)
        if event is not None:
            report.kept += 1
            yield event


class _Columns:
    """Where each column is, by its name in the header."""

    def __init__(self, header: list[str], name: str) -> None:
        self.at = {column.strip(): index for index, column in enumerate(header)}
        missing = [c for c in _REQUIRED if c not in self.at]
        intensity = next((c for c in _INTENSITY if c in self.at), None)
        if missing or intensity is None:
            lacking = missing[0] if missing else " or ".join(_INTENSITY)
            raise ImportFailed(f"{name}: not a POLECAT event file (no column {lacking!r})")
        self.intensity = self.at[intensity]

    def get(self, row: list[str], name: str) -> str | None:
        """A column's value, None when the file has no such column or says `None`."""
        index = self.at.get(name)
        value = row[index].strip() if index is not None else ""
        return value if value and value != _NONE else None


def _values(text: str | None) -> list[str]:
    """The values of a column that may hold several (`a; b`)."""
    if not text:
        return []
    return [v for v in (part.strip() for part in text.split(";")) if v and v != _NONE]


def _countries(row: list[str], columns: _Columns, report: Report) -> tuple[str, ...]:
    """The actor's countries, then the recipient's, as alpha-2; the codes that are no
    country (IGO, None) or unknown are left out and counted."""
    codes: dict[str, None] = {}
    for column in ("Actor Country", "Recipient Country"):
        for code in row[columns.at[column]].split(";"):
            code = code.strip()
            alpha2 = alpha3_to_alpha2(code) if len(code) == 3 else None
            if alpha2:
                codes[alpha2] = None
            elif code == "IGO":
                report.dropped["IGO"] += 1
            else:
                report.dropped["None" if code in ("", _NONE) else "unknown"] += 1
    return tuple(codes)


def _side(names: list[str], countries: list[str]) -> str | None:
    """One side of the event as a title says it: `Park Jin (South Korea)`, `Japan`."""
    place = ", ".join(dict.fromkeys(country_name(c) for c in countries))
    people = [n for n in names if n != place]
    if people and place:
        return f"{', '.join(people)} ({place})"
    return ", ".join(people) or place or None


def _alpha2s(text: str | None) -> list[str]:
    return [code for code in map(alpha3_to_alpha2, _values(text)) if code]


def _event(
    row: list[str],
    columns: _Columns,
    day: dt.date,
    event_type: str,
    countries: tuple[str, ...],
    report: Report,
    where: Line,
    strict: bool,
) -> Event | None:
    get = columns.get
    event_id = get(row, "Event ID")
    mode = get(row, "Event Mode")
    if mode is not None:
        mode = _MODE_UNSAFE.sub("-", mode.lower()).strip("-") or None
    intensity_text = row[columns.intensity].strip()
    try:
        intensity = None if intensity_text in ("", _NONE) else float(intensity_text)
    except ValueError:
        intensity = float("nan")
    if not event_id or (intensity is not None and not -10 <= intensity <= 10):
        bad(report, where, "bad event id or intensity", strict)
        return None
    actor_names = _values(get(row, "Actor Name"))
    recipient_names = _values(get(row, "Recipient Name"))
    actor = _side(actor_names, _alpha2s(get(row, "Actor Country")))
    recipient = _side(recipient_names, _alpha2s(get(row, "Recipient Country")))
    code = code_of(event_type, mode)
    place = [_place_name(get(row, c)) for c in _PLACE]
    scored = f", intensity {intensity:+.1f}" if intensity is not None else ""
    summary = [f"PLOVER {code}{scored}"]
    contexts = _values(get(row, "Contexts"))
    if contexts:
        summary.append(f"contexts: {', '.join(contexts)}")
    lines = ["; ".join(summary)]
    lines += [text for text in (get(row, "Headline"), get(row, "Event Text")) if text]
    source, published = get(row, "Source"), get(row, "Publication Date")
    texts = validated_texts(
        {
            "id": "polecat-" + _ID_UNSAFE.sub("-", event_id.lower()),
            "title": f"{actor or 'Someone'} {verb_of(event_type, mode)} {recipient or 'someone'}",
            "location": ", ".join(dict.fromkeys(p for p in place if p)) or None,
            "participants": _people(actor_names + recipient_names, countries),
            "summary": "\n".join(lines),
            "sources": [", ".join(p for p in (source, published) if p)] if source else None,
        },
        report,
        where,
        strict,
    )
    if texts is None:
        return None
    return Event(
        date=PartialDate.from_date(day),
        kind=kind_of(event_type, mode),
        countries=countries,
        plover=code,
        intensity=intensity,
        **texts,
    )


def _people(names: list[str], countries: tuple[str, ...]) -> list[str] | None:
    """The actors' and recipients' names, but those that are a country's."""
    country_names = {country_name(code) for code in countries}
    return [name for name in dict.fromkeys(names) if name not in country_names] or None


def _place_name(value: str | None) -> str | None:
    """A place column's value; a country given as its alpha-3 code by its name."""
    if value and len(value) == 3 and value.isupper():
        alpha2 = alpha3_to_alpha2(value)
        return country_name(alpha2) if alpha2 else value
    return value
