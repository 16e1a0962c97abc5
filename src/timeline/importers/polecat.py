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
from functools import lru_cache, partial
from pathlib import Path
from typing import Any, NamedTuple

from timeline.countries import alpha3_to_alpha2, country_name, organisation_named
from timeline.dates import PartialDate
from timeline.event_rows import Row
from timeline.importers.pipeline import (
    ImportFailed,
    Line,
    Report,
    RowFilters,
    bad,
    check_layout,
    imported_row,
    iso_day,
    open_streams,
    pair,
    read_errors,
    unwanted,
    validated_texts,
)
from timeline.importers.titles import side, title
from timeline.loading.blocks import BLOCK, line_blocks
from timeline.model import Event
from timeline.plover import TYPES, code_of, kind_of_type, phrases_of
from timeline.workers import ordered_map

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
_PLACE = ("City", "Province", "Country")  # the location, in this order
_ID_UNSAFE = re.compile(r"[^a-z0-9.-]")
_MODE_UNSAFE = re.compile(r"[^a-z0-9_-]")


def polecat_rows(
    path: Path, filters: RowFilters, report: Report, *, strict: bool, origin: str
) -> Iterator[tuple[list[Row], int]]:
    """The events of a POLECAT file (or of every file in a .zip) that pass the filters, as
    batches of rows of the store, each with the bytes read for it. Blocks of lines are
    read in worker processes once a file is past its first block: building events is
    most of an import's work."""
    with read_errors(path):
        for member, stream in open_streams(path):
            header = stream.readline().decode("utf-8-sig", errors="replace")
            columns = _Columns(header, f"{report.name}:{member}" if member else report.name)
            tasks = (
                (block, first_line, member, columns, filters, report.name, strict, origin)
                for block, first_line in line_blocks(iter(partial(stream.read, BLOCK), b""), 2)
            )
            for rows, part, nbytes in ordered_map(
                _block_rows, tasks, parallel=True, in_process_first=1
            ):
                report.add(part)
                yield rows, nbytes
    check_layout(report, "the columns of a POLECAT header")


def _block_rows(
    block: bytes,
    first_line: int,
    member: str | None,
    columns: _Columns,
    filters: RowFilters,
    name: str,
    strict: bool,
    origin: str,
) -> tuple[list[Row], Report, int]:
    """One block of lines (in a worker process but for a file's first block): its kept
    events as rows, its report and its size."""
    report = Report(name)
    lines = block.decode("utf-8", errors="replace").split("\n")
    if not lines[-1]:
        lines.pop()  # the block ends with a newline
    events = _events(lines, first_line, member, columns, filters, report, strict)
    return [imported_row(event, origin, sides) for event, sides in events], report, len(block)


def _events(
    lines: list[str],
    first_line: int,
    member: str | None,
    columns: _Columns,
    filters: RowFilters,
    report: Report,
    strict: bool,
) -> Iterator[tuple[Event, str]]:
    width = columns.width
    types, since, until = filters.plover_types, filters.since, filters.until
    date_at, type_at = columns.date, columns.type

    def where(number: int) -> Line:
        return f"{member}:{number}" if member else number

    for number, line in enumerate(lines, start=first_line):
        report.read += 1
        row = line.rstrip("\r\n").split("\t")
        if len(row) != width:
            if len(row) < width or any(row[width:]):
                bad(report, where(number), f"{len(row)} columns, not {width}", strict)
                continue
            del row[width:]  # empty columns after the last: a known quirk of some files
        report.in_layout += 1
        # The cheap filters first, on the raw columns: most rows end here.
        day, event_type = iso_day(row[date_at]), row[type_at]
        if day is None or event_type not in TYPES:
            bad(report, where(number), "bad date or event type", strict)
            continue
        if (since and day < since) or (until and day > until):
            report.skip("outside the dates")
            continue
        if event_type not in types:
            report.skip("not a chosen event type")
            continue
        actors, recipients = (
            _alpha2s(row[columns.actor_country], row[columns.actor_name], report),
            _alpha2s(row[columns.recipient_country], row[columns.recipient_name], report),
        )
        countries = tuple(dict.fromkeys(actors + recipients))
        why_not = unwanted(tuple(actors), tuple(recipients), filters)
        if why_not:
            report.skip(why_not)
            continue
        built = _event(row, columns, day, event_type, (actors, recipients, countries))
        if built is None:
            bad(report, where(number), "bad event id or intensity", strict)
            continue
        texts = validated_texts(built.texts, report, where(number), strict)
        if texts is not None:
            report.kept += 1
            yield Event(**built.fields, countries=countries, **texts), pair(actors, recipients)


class _Columns:
    """Where each column is, by its name in the header; an optional column the file does
    not have is at None."""

    def __init__(self, header_line: str, name: str) -> None:
        header = header_line.rstrip("\r\n").split("\t")
        while header and not header[-1]:  # tabs after the last name
            header.pop()
        self.width = len(header)
        at = {column.strip(): index for index, column in enumerate(header)}
        missing = [c for c in _REQUIRED if c not in at]
        intensity = next((c for c in _INTENSITY if c in at), None)
        if missing or intensity is None:
            lacking = missing[0] if missing else " or ".join(_INTENSITY)
            raise ImportFailed(f"{name}: not a POLECAT event file (no column {lacking!r})")
        self.intensity = at[intensity]
        self.id, self.date, self.type, self.mode = (
            at[c] for c in ("Event ID", "Event Date", "Event Type", "Event Mode")
        )
        self.actor_name, self.actor_country = at["Actor Name"], at["Actor Country"]
        self.recipient_name, self.recipient_country = at["Recipient Name"], at["Recipient Country"]
        self.optional = {c: at.get(c) for c in _OPTIONAL}
        self.place = [at[c] for c in _PLACE if c in at]


_OPTIONAL = ("Contexts", "Headline", "Event Text", "Source", "Publication Date")


def _value(text: str) -> str | None:
    """A column's value: None for `None` or nothing."""
    text = text.strip()
    return text if text and text != _NONE else None


def _values(text: str) -> list[str]:
    """The values of a column that may hold several (`a; b`)."""
    if ";" not in text:
        value = _value(text)
        return [value] if value else []
    return [v for v in map(_value, text.split(";")) if v]


def _alpha2s(text: str, names: str, report: Report) -> list[str]:
    """One side's countries as codes: alpha-2, and an `IGO` whose actor name is an
    organisation's (`United Nations` is UN); the codes that are no country (None, an IGO
    not known by its name) or unknown are left out and counted."""
    codes = []
    named = names.split(";") if ";" in names else [names]
    for index, code in enumerate(text.split(";") if ";" in text else (text,)):
        code = code.strip()
        alpha2 = alpha3_to_alpha2(code) if len(code) == 3 else None
        # the names are the actors' in the same order, when there are as many
        organisation = code == "IGO" and index < len(named) and organisation_named(named[index])
        if alpha2:
            codes.append(alpha2)
        elif organisation:
            codes.append(organisation)
        elif code == "IGO":
            report.dropped["IGO"] += 1
        else:
            report.dropped["None" if code in ("", _NONE) else "unknown"] += 1
    return codes


class _Built(NamedTuple):
    fields: dict[str, Any]  # of the Event, but its countries and free text
    texts: dict[str, Any]  # its free text, for `validated_texts`


def _event(
    row: list[str],
    columns: _Columns,
    day: dt.date,
    event_type: str,
    countries: tuple[list[str], list[str], tuple[str, ...]],
) -> _Built | None:
    """A row's event, its text not yet validated; None when its id or intensity is bad."""
    event_id = _value(row[columns.id])
    mode = _value(row[columns.mode])
    if mode is not None:
        mode = _MODE_UNSAFE.sub("-", mode.lower()).strip("-") or None
    intensity_text = row[columns.intensity].strip()
    try:
        intensity = None if intensity_text in ("", _NONE) else float(intensity_text)
    except ValueError:
        return None
    if not event_id or (intensity is not None and not -10 <= intensity <= 10):
        return None
    actors, recipients, both = countries
    actor_names = _values(row[columns.actor_name])
    recipient_names = _values(row[columns.recipient_name])
    actor = side(tuple(actor_names), tuple(actors))
    recipient = side(tuple(recipient_names), tuple(recipients))
    code = code_of(event_type, mode)
    extra = {c: _value(row[i]) if i is not None else None for c, i in columns.optional.items()}
    scored = f", intensity {intensity:+.1f}" if intensity is not None else ""
    summary = f"PLOVER {code}{scored}"
    if extra["Contexts"]:
        summary += f"; contexts: {', '.join(_values(extra['Contexts']))}"
    lines = [summary, *(text for text in (extra["Headline"], extra["Event Text"]) if text)]
    source, published = extra["Source"], extra["Publication Date"]
    place = [_place_name(row[i]) for i in columns.place]
    texts = {
        "id": "polecat-" + _ID_UNSAFE.sub("-", event_id.lower()),
        "title": title(actor, recipient, *phrases_of(event_type, mode)),
        "location": ", ".join(dict.fromkeys(p for p in place if p)) or None,
        "participants": _people(actor_names + recipient_names, both),
        "summary": "\n".join(lines),
        "sources": [f"{source}, {published}" if published else source] if source else None,
    }
    fields = {
        "date": PartialDate.from_date(day),
        "kind": kind_of_type(event_type, mode),
        "plover": code,
        "intensity": intensity,
        "reports": 1,
        "articles": 1,  # each row is one source's report
    }
    return _Built(fields, texts)


def _people(names: list[str], countries: tuple[str, ...]) -> list[str] | None:
    """The actors' and recipients' names, but those that are a country's."""
    country_names = {country_name(code) for code in countries}
    return [name for name in dict.fromkeys(names) if name not in country_names] or None


@lru_cache(maxsize=4096)  # bounded: memory stays flat over any file
def _place_name(text: str) -> str | None:
    """A place column's value; a country given as its alpha-3 code by its name."""
    value = _value(text)
    if value and len(value) == 3 and value.isupper():
        alpha2 = alpha3_to_alpha2(value)
        return country_name(alpha2) if alpha2 else value
    return value
