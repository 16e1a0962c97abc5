"""Dyad-year panels, the unit of quantitative international relations (peacesciencer's
dyad-years): one row per pair of countries and year, the pair's events of that year
counted by kind and scored on each scale, with both sides' codes, names and COW and
Gleditsch–Ward numbers (`timeline.state_codes`), to join the field's data by state and year.

An event counts once, in the year of its first day, for every pair of its countries (as
`stats` counts it in the period of its first day); one with an open start (`before 1994`)
or that starts before `--since` counts in no year.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from timeline.cameo import event_goldstein
from timeline.dates import OPEN_START
from timeline.kinds import KINDS
from timeline.state_codes import cow, gleditsch_ward

if TYPE_CHECKING:
    import pandas
    import polars

    from timeline.model import Event
    from timeline.query import Query

# side_a < side_b by code in an undirected panel; with `directed`, side_a is the country
# listed first (a coded event's source) and side_b one listed after it (its target).
PANEL_COLUMNS = (
    "side_a", "side_b", "year", "name_a", "name_b", "cow_a", "cow_b", "gw_a", "gw_b",
    "events", *KINDS, "goldstein", "goldstein_events", "intensity", "intensity_events",
)  # fmt: skip


class _Tally:
    __slots__ = ("counts", "goldstein_events", "goldstein_sum", "intensity_events",
                 "intensity_sum")  # fmt: skip

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}
        self.goldstein_sum = self.intensity_sum = 0.0
        self.goldstein_events = self.intensity_events = 0


def panel(
    events: Iterable[Event], query: Query, *, directed: bool = False, fill: bool = False
) -> Iterator[tuple[Any, ...]]:
    """The panel of the events a query selected, in `PANEL_COLUMNS` order, by pair then
    year. With `fill`, each pair also has a row of zeros for every year of the range
    without its events: the query's `since` to `until` years, or the years it spans."""
    tallies: dict[tuple[str, str, int], _Tally] = {}
    since = query.since.year if query.since else None
    for event in events:
        year = event.first_day.year
        if event.first_day == OPEN_START or (since is not None and year < since):
            continue
        scored = event.plover is None  # POLECAT's events are on the other scale
        weight = event_goldstein(event.cameo, event.kind) if scored else None
        for first, second in itertools.combinations(event.countries, 2):
            if first == second:
                continue
            pair = (first, second) if directed or first < second else (second, first)
            tally = tallies.get((*pair, year))
            if tally is None:
                tally = tallies[(*pair, year)] = _Tally()
            tally.counts[event.kind] = tally.counts.get(event.kind, 0) + 1
            if weight is not None:
                tally.goldstein_sum += weight
                tally.goldstein_events += 1
            if event.intensity is not None:
                tally.intensity_sum += event.intensity
                tally.intensity_events += 1
    if fill and tallies:
        years = [year for _, _, year in tallies]
        first_year = since if since is not None else min(years)
        last_year = query.until.year if query.until else max(years)
        for a, b in {(a, b) for a, b, _ in tallies}:
            for year in range(first_year, last_year + 1):
                tallies.setdefault((a, b, year), _Tally())
    return (_row(key, tallies[key]) for key in sorted(tallies))


def _row(key: tuple[str, str, int], tally: _Tally) -> tuple[Any, ...]:
    from timeline.countries import country_name

    a, b, year = key
    return (
        a, b, year, country_name(a), country_name(b),
        cow(a, year), cow(b, year), gleditsch_ward(a, year), gleditsch_ward(b, year),
        sum(tally.counts.values()), *(tally.counts.get(kind, 0) for kind in KINDS),
        _mean(tally.goldstein_sum, tally.goldstein_events), tally.goldstein_events,
        _mean(tally.intensity_sum, tally.intensity_events), tally.intensity_events,
    )  # fmt: skip


def _mean(total: float, count: int) -> float | None:
    return round(total / count, 4) if count else None


class Panel(list[tuple[Any, ...]]):
    """What `Timeline.dyad_years` returns: the panel's rows, in `PANEL_COLUMNS` order."""

    columns = PANEL_COLUMNS

    def records(self) -> list[dict[str, Any]]:
        """Each row as a dict by column name."""
        return [dict(zip(PANEL_COLUMNS, row, strict=True)) for row in self]

    def to_pandas(self) -> pandas.DataFrame:
        """The panel as a pandas DataFrame, the COW and G–W numbers as nullable integers."""
        from timeline.frames import need

        pd = need("pandas", "pandas")
        frame = pd.DataFrame(list(self), columns=list(PANEL_COLUMNS))
        numbers = ["cow_a", "cow_b", "gw_a", "gw_b"]
        return frame.astype(
            dict.fromkeys(numbers, "Int64") | {"goldstein": "float64", "intensity": "float64"}
        )

    def to_polars(self) -> polars.DataFrame:
        """The panel as a polars DataFrame."""
        from timeline.frames import need

        pl = need("polars", "polars")
        frame: polars.DataFrame = pl.DataFrame(
            list(self), schema=list(PANEL_COLUMNS), orient="row", infer_schema_length=None
        )
        return frame
