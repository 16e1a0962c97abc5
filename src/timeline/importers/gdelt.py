"""GDELT event exports, 2.0 (61 columns) and 1.0 (57 or 58), as Events."""

from __future__ import annotations

import datetime as dt
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
    unwanted,
    validated_texts,
    wanted,
)
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
_EVENT_CODE, _NUM_SOURCES, _GOLDSTEIN, _TONE = 26, 32, 30, 34


def gdelt_events(
    path: Path, filters: RowFilters, report: Report, *, strict: bool
) -> Iterator[Event]:
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
            actor1, actor2 = _actor_code(row, _ACTOR1), _actor_code(row, _ACTOR2)
            countries = countries_of(actor1, actor2)
            why_not = unwanted(countries_of(actor1), countries_of(actor2), filters)
            if why_not:
                report.skip(why_not)
                continue
            url = row[layout.source_url] if layout.source_url is not None else ""
            texts = validated_texts(
                {
                    "id": f"gdelt-{row[_ID]}",
                    "title": _title(row[_ACTOR1 + 1], actor1, code, row[_ACTOR2 + 1], actor2),
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
                kind=kind_of_code(code),
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


def _actor_code(row: list[str], at: int) -> str | None:
    """The stored code of the actor whose columns start at `at`: its country's, else the
    organisation its CAMEO code names (`IGOUNO`, known group `UNO`: the UN)."""
    return country_alpha2(row[at + 2]) or organisation_of(row[at], row[at + 3])


def _title(name1: str, code1: str | None, code: str, name2: str, code2: str | None) -> str:
    return f"{_actor(name1, code1)} {label_of(code)} {_actor(name2, code2)}"


def _actor(name: str, code: str | None) -> str:
    if code:
        return country_name(code)
    return name.title() if name else "someone"


def _place(row: list[str], layout: _Version) -> str | None:
    """The action geography's full name, else the name of its (FIPS-coded) country."""
    full_name = row[layout.action_geo_fullname]
    if full_name:
        return full_name
    country = fips_to_alpha2(row[layout.action_geo_fullname + 1])
    return country_name(country) if country else None


def _int(text: str) -> int:
    return int(text) if text.isdigit() else 0
