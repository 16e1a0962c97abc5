"""One event per real event. Machine coders make a row per report: one summit arrives as
hundreds of rows, one visit as `A visits B` on the 16th and `B hosts A` on the 17th. Rows
with the same source, kind and unordered pair of sides, and dates within `WINDOW_DAYS` of
each other, become one event, across batches, files and imports: a row joins the event
nearest its day (the earlier on a tie, then the first made), stored or made in the same
batch, else makes one. The event keeps the first row's id, date, title and code, counts its rows
(`reports`) and their articles, and keeps a bounded list of sources (distinct sites
first); the store remembers the rows merged into it (`store.coded`). A row already
counted is never counted again, so importing a file twice changes nothing.

The window and the key were chosen on rows made from known real events
(bench/merge_window.py): one day, by kind, gives the best F1 (0.82; no window 0.74, a
CAMEO code instead of the kind 0.80, the pair alone 0.63); two days as much, folding a
busy pair's next meeting into the first."""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from typing import NamedTuple

from timeline.event_rows import EVENT_COLUMNS, Row, encode_json
from timeline.store import Counts, Store

WINDOW_DAYS = 1
SOURCES_KEPT = 10  # of an event's sources: enough to follow it up, bounded however reported

_ID, _FIRST_DAY, _KIND, _SOURCES, _REPORTS, _ARTICLES = (
    EVENT_COLUMNS.index(c) for c in ("id", "first_day", "kind", "sources", "reports", "articles")
)


def merge_key(row: Row) -> str:
    """What the rows of one real event share but their day, from an imported row (a row
    of the store and the pair of its sides, `pipeline.imported_row`): `gdelt visit JP KR`."""
    return f"{row[_ID].partition('-')[0]} {row[_KIND]} {row[-1]}"


class _Reported:
    """An event that rows of a batch join: made by one of them (`row`), or stored. Its
    sources are read from their JSON only once a second row comes."""

    __slots__ = ("articles", "reports", "row", "sources", "sources_json")

    def __init__(self, reports: int, articles: int, sources_json: str, row: Row = ()) -> None:
        self.reports, self.articles, self.sources_json = reports, articles, sources_json
        self.sources: list[str] | None = None
        self.row = row

    def join(self, row: Row) -> None:
        self.reports += row[_REPORTS] or 1
        self.articles += row[_ARTICLES] or 0
        if self.sources is None:
            self.sources = json.loads(self.sources_json)
        for source in json.loads(row[_SOURCES]):
            add_source(self.sources, source)

    def sources_text(self) -> str:
        return self.sources_json if self.sources is None else encode_json(self.sources)

    def finished(self) -> Row:
        """A new event's row for the store, with its counts and sources."""
        row = list(self.row[: len(EVENT_COLUMNS)])  # without the pair of sides
        row[_REPORTS], row[_ARTICLES] = self.reports, self.articles or None
        row[_SOURCES] = self.sources_text()
        return tuple(row)


# The events of a key on a day, each with the order it was made in: stored ones (0, by
# id) before a batch's new ones (1, position).
_Days = dict[tuple[str, int], list[tuple[tuple[int, object], str]]]


class _Assigned:
    """Which event each row of a batch joins: the new events, the stored events joined
    (with their rows), the keys of the new events, and the rows merged (row id, event)."""

    def __init__(self, rows: list[Row], keys: list[str], days: _Days, merge: bool) -> None:
        self.new: dict[str, _Reported] = {}
        self.joins: dict[str, list[Row]] = {}
        self.made: list[tuple[str, str, str]] = []
        self.merged: list[tuple[str, str]] = []
        days = {at: list(found) for at, found in days.items()}  # the batch's own are added
        for row, key in zip(rows, keys, strict=True):
            ordinal = _ordinal(row[_FIRST_DAY])
            target = _nearest(days, key, ordinal) if merge else None
            if target is None:
                self.new[row[_ID]] = _Reported(
                    row[_REPORTS] or 1, row[_ARTICLES] or 0, row[_SOURCES], row
                )
                days.setdefault((key, ordinal), []).append(((1, len(self.new)), row[_ID]))
                self.made.append((key, row[_FIRST_DAY], row[_ID]))
                continue
            if target in self.new:
                self.new[target].join(row)
            else:
                self.joins.setdefault(target, []).append(row)
            self.merged.append((row[_ID], target))


class Written(NamedTuple):
    counts: Counts  # events added, and updated (made before this import, each once)
    merged: int  # rows that joined an event another row made
    yours: int  # rows of an event a file holds or a hand wrote: counted, the event kept


def write_merged(
    store: Store, rows: list[Row], *, merge: bool, before: int, updated: set[str]
) -> Written:
    """Write a batch of imported rows not yet counted: each joins an event or makes one.
    A row whose event is yours (a loaded file holds it, the source of truth of its
    events, or you wrote it over the import's) is counted and leaves the event as it is:
    the event stands for the rows of its real event, and no copy of it is made."""
    keys = [merge_key(row) for row in rows]
    days = _stored_days(store, rows, keys) if merge else {}
    assigned = _Assigned(rows, keys, days, merge)
    stored = store.coded.reported(list(assigned.joins))
    # No row's id is an event's (`pipeline._new_rows`): the new events are inserted as such.
    store.writes.insert_rows([reported.finished() for reported in assigned.new.values()])
    counts = Counts(added=len(assigned.new))
    reports, yours = [], 0
    for event_id, joining in assigned.joins.items():
        count, articles, sources, rowid, is_yours = stored[event_id]
        if is_yours:
            yours += len(joining)
            continue
        reported = _Reported(count, articles, sources)
        for row in joining:
            reported.join(row)
        counted = reported.articles or None  # as a new event's: never 0
        reports.append((reported.reports, counted, reported.sources_text(), rowid))
        if rowid <= before and event_id not in updated:
            counts.updated += 1
            updated.add(event_id)
    store.coded.add_reports(reports)
    store.coded.record(assigned.made, assigned.merged)
    return Written(counts, len(assigned.merged) - yours, yours)


def _stored_days(store: Store, rows: list[Row], keys: list[str]) -> _Days:
    """The stored events the rows may join, by key and day."""
    windows = {}
    for row, key in zip(rows, keys, strict=True):
        ordinal = _ordinal(row[_FIRST_DAY])
        windows[key, ordinal] = (key, _iso(ordinal - WINDOW_DAYS), _iso(ordinal + WINDOW_DAYS))
    days: _Days = {}
    for key, day, event_id in store.coded.near(list(windows.values())):
        # stored ones by id, a number's order (gdelt-99 before gdelt-100): the older first
        days.setdefault((key, _ordinal(day)), []).append(((0, (len(event_id), event_id)), event_id))
    return days


def _nearest(days: _Days, key: str, ordinal: int) -> str | None:
    """The event a row joins: within the window, nearest its day; on a tie the earlier,
    then the first made."""
    found = [
        (abs(step), step, order, event_id)
        for step in range(-WINDOW_DAYS, WINDOW_DAYS + 1)
        for order, event_id in days.get((key, ordinal + step), ())
    ]
    return min(found)[3] if found else None


@lru_cache(maxsize=8192)
def _iso(ordinal: int) -> str:
    return dt.date.fromordinal(ordinal).isoformat()


@lru_cache(maxsize=8192)  # the days of a file are few: each is read once
def _ordinal(day: str) -> int:
    return dt.date.fromisoformat(day).toordinal()


def add_source(sources: list[str], source: str) -> None:
    """Keep a new source in a bounded list that holds the first source of each site first:
    once `SOURCES_KEPT` are kept, a source from a new site takes the place of the last
    repeat of a site, and any other is left out."""
    if source in sources:
        return
    sites = [site_of(s) for s in sources]
    new_site = site_of(source) not in sites
    if len(sources) >= SOURCES_KEPT:
        if not new_site or sites[-1] not in sites[:-1]:
            return
        sources.pop()
        sites.pop()
    if new_site:
        sources.insert(len(set(sites)), source)  # after the first of each site
    else:
        sources.append(source)


def site_of(source: str) -> str:
    """The site a source comes from: a link's host (without `www.`), else a publisher's
    name (`Yonhap` of POLECAT's `Yonhap, 2024-03-01`). (By hand: urlsplit is ten times
    slower, on a summit's hundreds of links.)"""
    scheme, found, rest = source.partition("://")
    if found and scheme.isalpha():
        host = rest.partition("/")[0].rpartition("@")[2].partition(":")[0].lower()
        return host.removeprefix("www.") or source
    return source.partition(",")[0].strip()
