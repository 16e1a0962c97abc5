"""ICEWS coded event files (tab-separated, with a header row) as Events."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from timeline.cameo import kind_of_code, label_of
from timeline.countries import name_to_alpha2, organisation_named
from timeline.dates import PartialDate
from timeline.importers.pipeline import (
    ImportFailed,
    Report,
    RowFilters,
    bad,
    check_layout,
    countries_of,
    iso_day,
    open_text,
    pair,
    unwanted,
    validated_texts,
    wanted,
)
from timeline.importers.titles import cameo_title, side, visitor_first
from timeline.model import Event

_ICEWS_COLUMNS = (
    "Event ID",
    "Event Date",
    "Source Name",
    "Source Country",
    "CAMEO Code",
    "Target Name",
    "Target Country",
)


def icews_events(
    path: Path, filters: RowFilters, report: Report, *, strict: bool
) -> Iterator[tuple[Event, str]]:
    """The events of an ICEWS coded event file (tab-separated, with a header row)."""
    with open_text(path) as text:
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
                bad(report, number, f"{len(row)} columns, not {width}", strict)
                continue
            report.in_layout += 1
            day, code = iso_day(row[at["Event Date"]]), row[at["CAMEO Code"]].strip()
            if not wanted(day, code, filters, report, number, strict) or day is None:
                continue
            source, target = row[at["Source Country"]], row[at["Target Country"]]
            actor, recipient = row[at["Source Name"]], row[at["Target Name"]]
            # An actor without a country may be an organisation (`United Nations`).
            sides = (
                countries_of(name_to_alpha2(source) if source else organisation_named(actor)),
                countries_of(name_to_alpha2(target) if target else organisation_named(recipient)),
            )
            countries = countries_of(*(c for s in visitor_first(code, sides) for c in s))
            why_not = unwanted(*sides, filters)
            if why_not:
                report.skip(why_not)
                continue
            place = [row[at[c]] for c in ("City", "Province", "Country") if c in at and row[at[c]]]
            texts = validated_texts(
                {
                    "id": f"icews-{row[at['Event ID']].strip()}",
                    "title": cameo_title(
                        side((actor,), sides[0]), side((recipient,), sides[1]), code
                    ),
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
                event = Event(
                    date=PartialDate.from_date(day),
                    kind=kind_of_code(code),
                    countries=countries,
                    cameo=code,
                    reports=1,
                    articles=1,  # each row is a sentence of one story
                    **texts,
                )
                yield event, pair(*sides)
    check_layout(report, "the columns of its header")
