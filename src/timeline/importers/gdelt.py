"""GDELT event exports, 2.0 (61 columns) and 1.0 (57 or 58), as Events."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from timeline.cameo import country_alpha2, kind_of_code, label_of, organisation_of
from timeline.countries import country_name, fips_to_alpha2
from timeline.dates import PartialDate
from timeline.importers.pipeline import (
    Report,
    RowFilters,
    bad,
    check_layout,
    compact_day,
    countries_of,
    open_text,
    pair,
    unwanted,
    validated_texts,
    wanted,
)
from timeline.importers.titles import cameo_title, side, visitor_first
from timeline.model import Event


# GDELT column positions that differ between layouts (by column count).
@dataclass(frozen=True)
class _Version:
    name: str
    action_geo_fullname: int
    source_url: int | None


_GDELT_LAYOUTS = {
    61: _Version("GDELT 2.0", 52, 60),
    58: _Version("GDELT 1.0 (daily)", 50, 57),
    57: _Version("GDELT 1.0 (back file)", 50, None),
}
_ID, _DAY, _ACTOR1, _ACTOR2 = 0, 1, 5, 15  # each actor: code, name, country, known group
_EVENT_CODE, _GOLDSTEIN, _NUM_SOURCES, _NUM_ARTICLES, _TONE = 26, 30, 32, 33, 34


def gdelt_events(
    path: Path, filters: RowFilters, report: Report, *, strict: bool
) -> Iterator[tuple[Event, str]]:
    """The events of a GDELT export that pass the filters, a GDELT 1.0 or 2.0 layout told
    apart by each row's column count."""
    with open_text(path) as text:
        for number, line in enumerate(text, start=1):
            report.read += 1
            row = line.rstrip("\r\n").split("\t")
            layout = _GDELT_LAYOUTS.get(len(row))
            if layout is None:
                bad(report, number, f"{len(row)} columns, not 57, 58 or 61", strict)
                continue
            report.in_layout += 1
            day, code = compact_day(row[_DAY]), row[_EVENT_CODE]
            if not wanted(day, code, filters, report, number, strict) or day is None:
                continue
            if filters.min_sources and _int(row[_NUM_SOURCES]) < filters.min_sources:
                report.skip("too few sources")
                continue
            actor1, actor2 = _actor_code(row, _ACTOR1), _actor_code(row, _ACTOR2)
            sides = (actor1,) if actor1 else (), (actor2,) if actor2 else ()
            why_not = unwanted(*sides, filters)
            if why_not:
                report.skip(why_not)
                continue
            url = row[layout.source_url] if layout.source_url is not None else ""
            texts = validated_texts(
                {
                    "id": f"gdelt-{row[_ID]}",
                    "title": cameo_title(
                        _side(row, _ACTOR1, actor1), _side(row, _ACTOR2, actor2), code
                    ),
                    "location": _place(row, layout),
                    "summary": f"CAMEO {code} ({label_of(code)}); Goldstein {row[_GOLDSTEIN]}; "
                    f"tone {row[_TONE]} in its first report",
                    "sources": [url] if url else None,
                },
                report,
                number,
                strict,
            )
            if texts is None:
                continue
            report.kept += 1
            event = Event(
                date=PartialDate.from_date(day),
                kind=kind_of_code(code),
                countries=countries_of(*visitor_first(code, (actor1, actor2))),
                cameo=code,
                reports=1,
                articles=_int(row[_NUM_ARTICLES]) or None,
                **texts,
            )
            yield event, pair(*sides)
    check_layout(report, "a GDELT layout (57, 58 or 61 tab-separated columns)")


def _actor_code(row: list[str], at: int) -> str | None:
    """The stored code of the actor whose columns start at `at`: its country's, else the
    organisation its CAMEO code names (`IGOUNO`, known group `UNO`: the UN)."""
    return country_alpha2(row[at + 2]) or organisation_of(row[at], row[at + 3])


def _side(row: list[str], at: int, code: str | None) -> str | None:
    """An actor as a title says it. Its name only when its CAMEO code says more than its
    country (`KORGOV`, a government: `Lee Jae-myung (South Korea)`): the name of an actor
    coded as the country alone is the word the article used for it (`CAIRO`, `SAUDI`)."""
    if code is None:
        return None
    name = row[at + 1] if row[at] not in ("", row[at + 2]) else ""
    return side((name,), (code,))


def _place(row: list[str], layout: _Version) -> str | None:
    """The action geography's full name, else the name of its (FIPS-coded) country."""
    full_name = row[layout.action_geo_fullname]
    if full_name:
        return full_name
    country = fips_to_alpha2(row[layout.action_geo_fullname + 1])
    return country_name(country) if country else None


def _int(text: str) -> int:
    return int(text) if text.isdigit() else 0
