"""`timeline stats`: events per period and kind, the busiest countries and pairs, and the
mean score per period: the shape and temperature of a relationship.

Two scales score events and are never mixed: Goldstein's for CAMEO codes (GDELT, ICEWS,
and the hand-kept events by their kind's nearest code), PLOVER's intensity for POLECAT."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from timeline.cameo import event_goldstein
from timeline.dates import OPEN_START
from timeline.kinds import KINDS
from timeline.query import Query
from timeline.store import Store

if TYPE_CHECKING:
    import pandas

By = Literal["year", "quarter", "month"]
Scale = Literal["goldstein", "intensity"]
_FREQUENCY = {"year": "Y", "quarter": "Q", "month": "M"}  # pandas' names of the periods
TOP = 10  # countries and pairs listed
HANDFUL = 5  # the default period is the coarsest that gives at least this many bars


@dataclass
class Period:
    label: str
    counts: dict[str, int] = field(default_factory=dict)
    goldstein_sum: float = 0.0
    goldstein_events: int = 0
    intensity_sum: float = 0.0
    intensity_events: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def goldstein(self) -> float | None:
        """The mean Goldstein score of the events with a CAMEO code or a kind's."""
        return _mean(self.goldstein_sum, self.goldstein_events)

    @property
    def intensity(self) -> float | None:
        """The mean PLOVER intensity of the POLECAT events."""
        return _mean(self.intensity_sum, self.intensity_events)

    def score(self, scale: Scale) -> float | None:
        return self.goldstein if scale == "goldstein" else self.intensity

    def to_dict(self) -> dict[str, Any]:
        counts = {kind: self.counts[kind] for kind in KINDS if kind in self.counts}
        return {
            "period": self.label,
            "counts": counts,
            "total": self.total,
            "goldstein": self.goldstein,
            "goldstein_events": self.goldstein_events,
            "intensity": self.intensity,
            "intensity_events": self.intensity_events,
        }


def _mean(total: float, events: int) -> float | None:
    return round(total / events, 2) if events else None


@dataclass
class Stats:
    by: By
    periods: list[Period]
    countries: list[tuple[str, int]]
    pairs: list[tuple[str, str, int]]

    @property
    def scale(self) -> Scale:
        """The scale the view shows: Goldstein's, unless only POLECAT events are scored."""
        only_plover = self.scored("intensity") and not self.scored("goldstein")
        return "intensity" if only_plover else "goldstein"

    def scored(self, scale: Scale) -> int:
        """How many events a scale scores."""
        if scale == "goldstein":
            return sum(p.goldstein_events for p in self.periods)
        return sum(p.intensity_events for p in self.periods)

    @property
    def unscored(self) -> int:
        """Events no scale scores: of a kind that does not say which way it goes (trade,
        a ruling), with no code of their own."""
        total = sum(p.total for p in self.periods)
        return total - self.scored("goldstein") - self.scored("intensity")

    def _repr_html_(self) -> str:
        """A notebook shows the periods as a table."""
        from timeline.notebook import stats_html

        return stats_html(self)

    def to_pandas(self) -> pandas.DataFrame:
        """The periods as a pandas DataFrame indexed by period (a `PeriodIndex`, which
        plots as time): the events of each kind, the total, and the mean score on each
        scale with the number of events it is the mean of."""
        from timeline.frames import need

        pd = need("pandas", "pandas")
        kinds = [kind for kind in KINDS if any(kind in p.counts for p in self.periods)]
        columns = [*kinds, "total", "goldstein", "goldstein_events", "intensity",
                   "intensity_events"]  # fmt: skip
        rows = [
            [*(p.counts.get(kind, 0) for kind in kinds), p.total, p.goldstein,
             p.goldstein_events, p.intensity, p.intensity_events]
            for p in self.periods
        ]  # fmt: skip
        index = pd.PeriodIndex([p.label for p in self.periods], freq=_FREQUENCY[self.by])
        frame = pd.DataFrame(rows, index=index.rename("period"), columns=columns)
        return frame.astype({"goldstein": "float64", "intensity": "float64"})

    def to_dict(self) -> dict[str, Any]:
        return {
            "by": self.by,
            "periods": [p.to_dict() for p in self.periods],
            "countries": [list(c) for c in self.countries],
            "pairs": [list(p) for p in self.pairs],
            "unscored": self.unscored,
        }


def compute(store: Store, query: Query, by: By | None = None) -> Stats:
    """Aggregate in SQL by month, then fold the months into periods in Python. An event
    counts once, in the period of its first day; one that starts before --since, or has
    no first day (`before 1994`), counts in no period."""
    counts = store.reads.stats_counts(query, TOP)
    open_start = OPEN_START.isoformat()[:7]
    months = [
        (int(row.month[:4]), int(row.month[5:]), row)
        for row in counts.months
        if row.month != open_start
    ]
    seen = sorted((y, m) for y, m, *_ in months)
    first = (query.since.year, query.since.month) if query.since else (seen[0] if seen else None)
    last = (query.until.year, query.until.month) if query.until else (seen[-1] if seen else None)
    periods: dict[str, Period] = {}
    if first and last:
        by = by or _default_by(first, last)
        periods = {label: Period(label) for label in _labels(first, last, by)}
    by = by or "year"
    for year, month, row in months:
        period = periods.get(_label(year, month, by))
        if period is None:
            continue
        period.counts[row.kind] = period.counts.get(row.kind, 0) + row.events
        weight = event_goldstein(row.cameo, row.kind)
        cameo_scored = row.events - row.plover_events  # POLECAT's are on the other scale
        if weight is not None and cameo_scored:
            period.goldstein_sum += weight * cameo_scored
            period.goldstein_events += cameo_scored
        period.intensity_sum += row.intensity_sum
        period.intensity_events += row.intensity_events
    return Stats(by, list(periods.values()), counts.countries, counts.pairs)


def _default_by(first: tuple[int, int], last: tuple[int, int]) -> By:
    coarse: tuple[By, ...] = ("year", "quarter")
    for by in coarse:
        if len(_labels(first, last, by)) >= HANDFUL:
            return by
    return "month"


def _label(year: int, month: int, by: By) -> str:
    if by == "year":
        return str(year)
    if by == "quarter":
        return f"{year}-Q{(month - 1) // 3 + 1}"
    return f"{year}-{month:02d}"


def _labels(first: tuple[int, int], last: tuple[int, int], by: By) -> list[str]:
    """Every period from the first month's to the last month's, without gaps."""
    labels: dict[str, None] = {}
    year, month = first
    while (year, month) <= last:
        labels[_label(year, month, by)] = None
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return list(labels)
