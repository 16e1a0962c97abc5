"""GDELT event exports, 2.0 (61 columns) and 1.0 (57 or 58), as Events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from timeline.cameo import country_alpha2, kind_of, label_of
from timeline.countries import country_name, fips_to_alpha2
from timeline.dates import PartialDate
from timeline.importers.rows import (
    Filters,
    Report,
    bad,
    check_layout,
    compact_day,
    countries_of,
    open_text,
    unwanted,
    validated_texts,
    wanted,
)
from timeline.model import Event


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
    visits = _Visits(report)
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
            countries = countries_of(
                country_alpha2(row[_A1_COUNTRY]), country_alpha2(row[_A2_COUNTRY])
            )
            why_not = unwanted(countries, filters)
            if why_not:
                report.skip(why_not)
                continue
            url = row[layout.source_url] if layout.source_url is not None else ""
            texts = validated_texts(
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
            event = Event(
                date=PartialDate.from_date(day),
                kind=kind_of(code),
                countries=countries,
                cameo=code,
                **texts,
            )
            yield from visits.add(event, day, url, number)
    check_layout(report, "a GDELT layout (57, 58 or 61 tab-separated columns)")
    yield from visits.flush()


# Rows a visit waits for its partner: the two rows come from the same article in the same
# update, so they are close; waiting longer would grow with the file.
_VISIT_WAIT_ROWS = 10_000


class _Visits:
    """GDELT codes one visit twice: A makes a visit to B (042) and B hosts a visit from A
    (043), same day and source. Keep the 042 row's event, count the other as merged."""

    def __init__(self, report: Report) -> None:
        self.report = report
        # oldest first (dicts keep their order), with the row each came from
        self.waiting: dict[tuple[dt.date, str, frozenset[str]], tuple[Event, int]] = {}

    def add(self, event: Event, day: dt.date, url: str, row: int) -> Iterator[Event]:
        yield from self._expired(row)
        if event.cameo not in ("042", "043") or len(event.countries) != 2 or not url:
            self.report.kept += 1
            yield event
            return
        key = (day, url, frozenset(event.countries))
        partner, _ = self.waiting.get(key, (None, 0))
        if partner is None or partner.cameo == event.cameo:
            if partner is not None:  # a second row of the same side: keep both
                self.report.kept += 1
                yield partner
                del self.waiting[key]  # re-added below, as the newest
            self.waiting[key] = (event, row)
            return
        del self.waiting[key]
        self.report.kept += 1
        self.report.merged += 1
        yield event if event.cameo == "042" else partner

    def _expired(self, row: int) -> Iterator[Event]:
        """The visits that waited too long for a partner: kept alone."""
        while self.waiting:
            key = next(iter(self.waiting))
            event, since = self.waiting[key]
            if row - since < _VISIT_WAIT_ROWS:
                return
            del self.waiting[key]
            self.report.kept += 1
            yield event

    def flush(self) -> Iterator[Event]:
        for event, _ in self.waiting.values():
            self.report.kept += 1
            yield event
        self.waiting.clear()


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
