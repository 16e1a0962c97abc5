"""What the API's reads return to a notebook (Jupyter, VS Code): events as HTML tables,
stats as one, the page inline, every value escaped; and events as DataFrames
(`timeline.frames`). Nothing here imports a notebook library: Jupyter calls `_repr_html_`
on what a cell returns."""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import TYPE_CHECKING

from timeline.kinds import KINDS
from timeline.words import counted

if TYPE_CHECKING:
    import pandas
    import polars

    from timeline.model import Event
    from timeline.query import Query
    from timeline.stats import Stats
    from timeline.store.reads import Reads

SHOWN = 50  # rows of a table: the rest is counted (a DataFrame is the way to all of them)
_STYLE = "border-collapse:collapse;text-align:left"


class Events(list["Event"]):
    """The list `Timeline.events` returns: a list of Events, shown in a notebook as a
    table of the first rows."""

    def _repr_html_(self) -> str:
        from timeline.dates import human_span

        rows = []
        for event in self[:SHOWN]:
            colour = KINDS[event.kind].colour if event.kind in KINDS else "#949494"
            cells = [
                _cell(human_span(event.date, event.end)),
                f'<td><span style="color:{colour}">●</span> {_text(event.kind)}</td>',
                _cell(event.title),
                _cell(" ".join(event.countries)),
                _cell(event.id),
            ]
            rows.append("<tr>" + "".join(cells) + "</tr>")
        head = "".join(f"<th>{name}</th>" for name in ("date", "kind", "title", "countries", "id"))
        return _table(head, rows, _said(len(self), "event"))

    def to_pandas(self) -> pandas.DataFrame:
        """The events as a pandas DataFrame (the columns of `timeline.frames`)."""
        from timeline.frames import span_records, to_pandas

        return to_pandas(span_records(self))

    def to_polars(self) -> polars.DataFrame:
        """The events as a polars DataFrame (the columns of `timeline.frames`)."""
        from timeline.frames import span_records, to_polars

        return to_polars(span_records(self))


class EventStream(Iterator["Event"]):
    """What `Timeline.iter_events` returns: the events, read from the database one at a
    time; or the ones not yet read as a DataFrame, built from the JSON records SQLite
    makes without an Event for each (the way to a million events in flat memory)."""

    def __init__(self, reads: Reads, query: Query) -> None:
        self._reads, self._query = reads, query
        self._events: Iterator[Event] | None = None

    def __next__(self) -> Event:
        if self._events is None:
            self._events = self._reads.select(self._query)
        return next(self._events)

    def _records(self) -> Iterator[str | bytes]:
        from timeline.frames import span_records

        if self._events is None:  # not begun: the whole query, as SQLite writes it
            self._events = iter(())
            return self._reads.select_json(self._query, span=True)
        return span_records(self._events)

    def to_pandas(self) -> pandas.DataFrame:
        """The events as a pandas DataFrame (the columns of `timeline.frames`)."""
        from timeline.frames import to_pandas

        return to_pandas(self._records())

    def to_polars(self) -> polars.DataFrame:
        """The events as a polars DataFrame (the columns of `timeline.frames`)."""
        from timeline.frames import to_polars

        return to_polars(self._records())


def stats_html(stats: Stats) -> str:
    """`Stats._repr_html_`: events per period and kind, with the period's mean score."""
    kinds = [kind for kind in KINDS if any(kind in p.counts for p in stats.periods)]
    scale = stats.scale
    head = "".join(f"<th>{name}</th>" for name in ("period", *kinds, "total", scale))
    rows = []
    for period in stats.periods[:SHOWN]:
        score = period.score(scale)
        cells = [
            _cell(period.label),
            *(_cell(f"{period.counts.get(kind, 0):,}") for kind in kinds),
            _cell(f"{period.total:,}"),
            _cell("" if score is None else f"{score:+.2f}"),
        ]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return _table(head, rows, _said(len(stats.periods), f"{stats.by}"))


class Page:
    """The HTML page of `Timeline.page`: `.html` is the whole page (as `export --format
    html` writes it); a notebook shows it in an iframe, its own Content-Security-Policy
    kept inside and its scripts in a sandbox that cannot reach the notebook."""

    def __init__(self, text: str, height: int = 640) -> None:
        self.html, self.height = text, height

    def _repr_html_(self) -> str:
        return (
            f'<iframe srcdoc="{html.escape(self.html, quote=True)}" sandbox="allow-scripts" '
            f'style="width:100%;height:{int(self.height)}px;border:1px solid #ccc" '
            'title="timeline"></iframe>'
        )


def _table(head: str, rows: list[str], caption: str) -> str:
    return (
        f'<table style="{_STYLE}"><caption style="text-align:left">{caption}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _said(count: int, noun: str) -> str:
    return counted(count, noun) + (f" (the first {SHOWN} shown)" if count > SHOWN else "")


def _cell(value: str | None) -> str:
    return f"<td>{_text(value)}</td>"


def _text(value: str | None) -> str:
    return html.escape(value or "", quote=True)
