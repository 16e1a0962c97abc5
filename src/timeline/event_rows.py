"""An Event as a flat row and back: the one shape a read file's events, an import's
records and the store's `events` table share. Readers make rows (in worker processes, where
a row pickles faster than an Event), the store writes them as they are; nothing here knows
SQLite."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from timeline.dates import PartialDate
from timeline.model import CODE_FIELDS, FIELDS, Event

# The row: the fields, with the span a date covers after it (for sorting and ranges), and
# the file an event came from before the importers' codes.
EVENT_COLUMNS = (*FIELDS[:3], "first_day", "last_day", *FIELDS[3:], "origin", *CODE_FIELDS)
Row = tuple[Any, ...]  # in EVENT_COLUMNS order
encode_json = json.JSONEncoder(ensure_ascii=False).encode


def to_row(event: Event, origin: str | None) -> Row:
    """An event as a row, in EVENT_COLUMNS order."""
    date = event.date.iso()
    end = event.end.iso() if event.end else None
    last = end or date
    return (
        event.id,
        date,
        end,
        date if _is_day(date) else event.first_day.isoformat(),  # a day is its own span
        last if _is_day(last) else event.last_day.isoformat(),
        event.kind,
        event.status,
        event.title,
        _json_list(event.countries),
        event.location,
        _json_list(event.participants),
        _json_list(event.tags),
        event.summary,
        _json_list(event.sources),
        origin,
        event.cameo,
        event.plover,
        event.intensity,
        event.reports,
        event.articles,
    )


def _is_day(date: str) -> bool:
    return len(date) == 10 and date[4] == "-"  # `2026-01-13`, not `early 1971`


# Where each field is in a row, from the one declaration of the row (EVENT_COLUMNS).
(_ID, _DATE, _END, _KIND, _STATUS, _TITLE, _COUNTRIES, _LOCATION, _PARTICIPANTS, _TAGS,
 _SUMMARY, _SOURCES, _CAMEO, _PLOVER, _INTENSITY, _REPORTS, _ARTICLES) = (
    EVENT_COLUMNS.index(name) for name in (*FIELDS, *CODE_FIELDS)
)  # fmt: skip


def to_event(row: Sequence[Any]) -> Event:
    return Event(
        id=row[_ID],
        date=PartialDate.from_iso(row[_DATE]),
        end=PartialDate.from_iso(row[_END]) if row[_END] else None,
        kind=row[_KIND],
        status=row[_STATUS],
        title=row[_TITLE],
        countries=stored_list(row[_COUNTRIES]),
        location=row[_LOCATION],
        participants=stored_list(row[_PARTICIPANTS]),
        tags=stored_list(row[_TAGS]),
        summary=row[_SUMMARY],
        sources=stored_list(row[_SOURCES]),
        cameo=row[_CAMEO],
        plover=row[_PLOVER],
        intensity=row[_INTENSITY],
        reports=row[_REPORTS],
        articles=row[_ARTICLES],
    )


def stored_list(json_list: str) -> tuple[str, ...]:
    """A stored JSON list of text as a tuple: split as text where `_json_list` wrote it
    without escapes, else parsed; three times faster than json.loads, on the path of
    every Event read."""
    if json_list == "[]":
        return ()
    inner = json_list[2:-2]
    # Every quote inside is a separator's, or the text was not written by `_json_list`
    # (spaced otherwise, by SQLite's json() or by hand): then it is parsed.
    if "\\" in inner or json_list[:2] != '["' or inner.count('"') != 2 * inner.count('", "'):
        return tuple(json.loads(json_list))
    return tuple(inner.split('", "'))


def joined(json_list: str) -> str:
    """A stored JSON list of text as `a; b` (what `_JOINED` does in SQL)."""
    return "; ".join(json.loads(json_list))


_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f]')  # what JSON escapes when not ensuring ASCII


def _json_list(values: Sequence[str]) -> str:
    """The same text as json.dumps(values, ensure_ascii=False), built directly when no item
    needs escaping (the common case, and a load's hottest line)."""
    if not values:
        return "[]"
    if _NEEDS_ESCAPE.search("".join(values)):
        return encode_json(list(values))
    text = '", "'.join(values)
    return f'["{text}"]'
