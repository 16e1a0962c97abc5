"""Writers, one per format, registered by name. Each streams events to a text stream, one
event at a time (the HTML page also keeps each distinct repeated value once, to send it
once)."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal, TextIO

from timeline.atomic import atomic_write
from timeline.countries import country_names
from timeline.dates import QUALIFIER_WORDS, PartialDate, human_span
from timeline.errors import OptionError
from timeline.kinds import KINDS
from timeline.model import CODE_FIELDS, FIELDS, Event
from timeline.store.schema import LIST_COLUMNS, PAGE_COLUMNS, PAGE_SHARED
from timeline.yamlfile import event_yaml

if TYPE_CHECKING:
    from timeline.query import Query
    from timeline.store import Store


@dataclass(frozen=True)
class ExportOptions:
    title: str = "Timeline"  # for formats that have a title (TimelineJS, iCalendar)
    today: dt.date = dt.date(1970, 1, 1)  # the iCalendar DTSTAMP
    description: str | None = None  # the page's: under its title, and in its link previews
    credit: str | None = None  # the page's byline


Takes = Literal["events", "flat", "json", "page", "records", "panel"]
WriteFunction = Callable[[Iterable[Any], Any, ExportOptions], int]  # to a TextIO, or bytes


@dataclass(frozen=True)
class Writer:
    """How one export format is written."""

    write: WriteFunction
    newline: str | None  # "" where the writer sets its own line ends (CSV, iCalendar)
    takes: Takes  # Events, or rows built by SQLite (`Store.select_flat`, `select_json`)
    binary: bool = False  # writes bytes (Parquet): to a path or a binary file object


FORMATS: dict[str, Writer] = {}
EXTENSIONS: dict[str, str] = {}  # ".yml" -> "yaml": the format a file's name asks for


def writer(
    name: str,
    *,
    newline: str | None = None,
    takes: Takes = "events",
    extensions: str = "",
    binary: bool = False,
) -> Callable[[WriteFunction], WriteFunction]:
    def register(function: WriteFunction) -> WriteFunction:
        FORMATS[name] = Writer(function, newline, takes, binary)
        EXTENSIONS.update(dict.fromkeys(extensions.split(), name))
        return function

    return register


def format_of(path: str | os.PathLike[str]) -> str:
    """The format a file's extension names (`out.json` is JSON), or an OptionError that
    lists the extensions there are: a file is never written in a format its name denies."""
    suffix = Path(path).suffix.lower()
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    known = " ".join(EXTENSIONS)
    said = f"{suffix!r} is not" if suffix else "a name with no extension is not"
    raise OptionError(
        "output", f"{said} an export format ({known}); name the file so or give --format"
    )


def _json_array(items: Iterable[Any], out: TextIO, close: str = "]") -> int:
    """Items of a JSON array, one per line, as they come: memory stays flat."""
    return _json_texts((json.dumps(item, ensure_ascii=False) for item in items), out, close)


def _json_texts(texts: Iterable[str], out: TextIO, close: str = "]") -> int:
    count = 0
    for text in texts:
        out.write(",\n  " if count else "\n  ")
        out.write(text)
        count += 1
    out.write(f"\n{close}\n" if count else f"{close}\n")
    return count


@writer("json", takes="json", extensions=".json")
def write_json(records: Iterable[str], out: TextIO, options: ExportOptions) -> int:
    """A JSON array of event records, one per line, as `show --format json` prints it. The
    records are built by SQLite (`Store.select_json`): six times faster than json.dumps."""
    out.write("[")
    return _json_texts(records, out)


@writer("jsonl", extensions=".jsonl")
def write_jsonl(events: Iterable[Event], out: TextIO, options: ExportOptions) -> int:
    """JSON Lines, one event record per line (`Event.to_dict()`): what `timeline
    load` reads back into the same events, and jq or `sqlite-utils insert --nl` take."""
    count = 0
    for count, event in enumerate(events, start=1):  # noqa: B007
        out.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
    return count


# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = "=+-@\t\r"


@writer("csv", newline="", takes="flat", extensions=".csv")
def write_csv(rows: Iterable[Sequence[str | None]], out: TextIO, options: ExportOptions) -> int:
    """RFC 4180 CSV with a header row. The rows come flat from `Store.select_flat` (lists
    joined with "; ", formula-like cells already neutralised); csv.writer, two thirds of
    a long export's time, writes chunks of them in the worker processes."""
    from timeline.workers import ordered_map

    csv.writer(out).writerow((*FIELDS, *CODE_FIELDS))
    stream = iter(rows)
    chunks = iter(lambda: list(islice(stream, _CSV_CHUNK)), [])
    count = 0
    for text, written in ordered_map(_csv_text, ((c,) for c in chunks), parallel=True,
                                     in_process_first=1):  # fmt: skip
        out.write(text)
        count += written
    return count


_CSV_CHUNK = 5_000  # rows a worker writes at a time: a short export starts no process


def _csv_text(rows: list[Sequence[str | None]]) -> tuple[str, int]:
    text = io.StringIO(newline="")
    csv.writer(text).writerows(rows)
    return text.getvalue(), len(rows)


@writer("yaml", extensions=".yaml .yml")
def write_yaml(events: Iterable[Event], out: TextIO, options: ExportOptions) -> int:
    """A YAML list that `timeline load` reads back into the same events."""
    count = 0
    for event in events:
        out.write(event_yaml(event))
        count += 1
    if not count:
        out.write("[]\n")
    return count


@writer("ics", newline="", extensions=".ics")
def write_ics(events: Iterable[Event], out: TextIO, options: ExportOptions) -> int:
    """iCalendar: one all-day VEVENT per event over its whole span, with a stable UID."""
    from icalendar import Calendar
    from icalendar import Event as VEvent

    calendar = Calendar()
    calendar.add("prodid", "-//timeline//timeline//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", options.title)
    header, footer = calendar.to_ical().decode().split("END:VCALENDAR")
    out.write(header)
    stamp = dt.datetime.combine(options.today, dt.time(), tzinfo=dt.UTC)
    count = 0
    for event in events:
        vevent = VEvent()
        vevent.add("uid", f"{event.id}@timeline")
        vevent.add("dtstamp", stamp)
        first, last = _calendar_days(event)
        vevent.add("dtstart", first)
        vevent.add("dtend", last + dt.timedelta(days=1))  # DTEND is exclusive
        postponed = event.status == "postponed"  # a calendar must not show it as on
        vevent.add("summary", f"Postponed: {event.title}" if postponed else event.title)
        vevent.add("categories", [event.kind])
        if event.location:
            vevent.add("location", event.location)
        description = _description(event)
        if description:
            vevent.add("description", description)
        if event.status in _ICS_STATUS:
            vevent.add("status", _ICS_STATUS[event.status])
        out.write(vevent.to_ical().decode())
        count += 1
    out.write("END:VCALENDAR" + footer)
    return count


# RFC 5545 knows no "postponed": TENTATIVE (not confirmed, not gone) and a title that
# says it, since many calendars draw a tentative event as any other.
_ICS_STATUS = {
    "planned": "TENTATIVE",
    "held": "CONFIRMED",
    "cancelled": "CANCELLED",
    "postponed": "TENTATIVE",
}


def _calendar_days(event: Event) -> tuple[dt.date, dt.date]:
    """The days a calendar shows: the event's extent, or for an open end (`before 1994`)
    the extent of the date written (a calendar cannot show "up to 1994")."""
    ends = [event.date, event.end or event.date]
    first, last = (
        PartialDate(date.year, date.month, date.day) if date.precision == "open" else date
        for date in ends
    )
    return first.first_day, last.last_day


def _description(event: Event) -> str:
    parts = []
    if event.status == "postponed":
        parts.append("Postponed: the date is the one set before the postponement")
    qualifier = event.date.qualifier or (event.end.qualifier if event.end else "")
    if qualifier:  # the calendar shows the whole extent, as if it were known
        parts.append(f"Date: {human_span(event.date, event.end)} ({QUALIFIER_WORDS[qualifier]})")
    elif not event.date.exact or (event.end and not event.end.exact):  # Q3 2024, before 1994
        parts.append(f"Date: {human_span(event.date, event.end)}")
    if event.summary:
        parts.append(event.summary.strip())
    if event.countries:
        parts.append("Countries: " + ", ".join(event.countries))
    if event.participants:
        parts.append("Participants: " + ", ".join(event.participants))
    if event.sources:
        parts.append("Sources:\n" + "\n".join(event.sources))
    return "\n\n".join(parts)


@writer("timelinejs")
def write_timelinejs(events: Iterable[Event], out: TextIO, options: ExportOptions) -> int:
    """The JSON that Knight Lab's TimelineJS3 reads: a title slide, then one slide per event;
    partial dates leave out month or day, the kind is the group. Text is HTML-escaped."""
    title = {"text": {"headline": html.escape(options.title), "text": ""}}
    out.write('{"title": ' + json.dumps(title, ensure_ascii=False) + ', "events": [')
    return _json_array(map(_tljs_slide, events), out, close="]}")


def _tljs_slide(event: Event) -> dict[str, Any]:
    slide: dict[str, Any] = {
        "start_date": _tljs_date(event.date),
        "text": {"headline": html.escape(event.title), "text": _tljs_text(event)},
        "group": event.kind,
        "unique_id": event.id,
    }
    if event.end:
        slide["end_date"] = _tljs_date(event.end, end=True)
    return slide


def _tljs_date(date: PartialDate, *, end: bool = False) -> dict[str, Any]:
    """A date as TimelineJS places it, at its precision; a quarter, a week or a part of a
    year is placed at its first (or last) day, an open end at the date written. A date
    that is not a plain day, month or year is shown as written (`c. 1971`, `Q3 2024`)."""
    if date.part and date.precision != "open":
        day = date.last_day if end else date.first_day
        parts: dict[str, int | str | None] = {"year": day.year, "month": day.month, "day": day.day}
    else:
        parts = {"year": date.year, "month": date.month, "day": date.day}
    if not date.exact:
        parts["display_date"] = date.human()
    return {key: value for key, value in parts.items() if value is not None}


def _tljs_text(event: Event) -> str:
    parts = []
    if event.summary:
        parts.append(f"<p>{html.escape(event.summary.strip())}</p>")
    where = ", ".join(event.countries) + (f" · {event.location}" if event.location else "")
    parts.append(f"<p>{html.escape(where)}</p>")
    if event.sources:
        links = [
            f'<a href="{html.escape(s)}">{html.escape(s)}</a>'
            if s.startswith(("http://", "https://"))
            else html.escape(s)
            for s in event.sources
        ]
        parts.append("<p>Sources: " + "; ".join(links) + "</p>")
    return "".join(parts)


@writer("html", takes="page", extensions=".html .htm")
def write_html(rows: Iterable[tuple[str | None, ...]], out: TextIO, options: ExportOptions) -> int:
    """One self-contained page (no request leaves it): the page's own HTML, CSS and JS from
    `timeline/page/`, and the events as JSON in a `<script type="application/json">`, each
    `<` written `\\u003c` so that no text in the data can end the script. The events
    are written as they come (`Store.select_page`)."""
    from importlib.resources import files

    page = files("timeline") / "page"
    head, tail = (page / "page.html").read_text(encoding="utf-8").split("{{DATA}}")
    title = html.escape(options.title)
    lead = "".join(
        f'<p class="{name}"{_lang(text)}>{html.escape(text)}</p>\n'
        for name, text in (("description", options.description), ("credit", options.credit))
        if text
    )
    fill = {
        "{{TITLE}}": title,
        "{{DESCRIPTION}}": html.escape(options.description or _said(options.title)),
        "{{LEAD}}": lead,
        "{{TODAY}}": options.today.isoformat(),
        "{{CSS}}": (page / "page.css").read_text(encoding="utf-8"),
        "{{JS}}": (page / "page.js").read_text(encoding="utf-8"),
    }
    # One pass: a value put in is never read again for placeholders (a title that says
    # `{{CSS}}` is shown as written, not replaced by the stylesheet).
    placeholder = re.compile("|".join(map(re.escape, fill)))
    head, tail = (placeholder.sub(lambda found: fill[found[0]], part) for part in (head, tail))
    kinds = [[kind.name, kind.colour] for kind in KINDS.values()]
    out.write(head)
    shape = f'"columns":{json.dumps(PAGE_COLUMNS)},"shared":{json.dumps(PAGE_SHARED)}'
    out.write('{"kinds":' + json.dumps(kinds) + "," + shape + ',"events":[')
    count = 0
    for count, record in enumerate(_page_records(rows), start=1):
        if count > 1:
            out.write(",\n")
        out.write(record.replace("<", "\\u003c"))
    names = json.dumps(country_names(), ensure_ascii=False)  # a few kB: simpler than a pass
    out.write('],"names":' + names.replace("<", "\\u003c") + "}")
    out.write(tail)
    return count


@writer("dyad-year", newline="", takes="panel")
def write_dyad_years(rows: Iterable[tuple[Any, ...]], out: TextIO, options: ExportOptions) -> int:
    """The dyad-year panel (`timeline.panels`) as CSV with a header row; returns its rows."""
    from timeline.panels import PANEL_COLUMNS

    writer = csv.writer(out)
    writer.writerow(PANEL_COLUMNS)
    count = 0
    for count, row in enumerate(rows, start=1):  # noqa: B007
        writer.writerow(row)
    return count


@writer("parquet", takes="records", extensions=".parquet", binary=True)
def write_parquet(records: Iterable[str], out: IO[bytes], options: ExportOptions) -> int:
    """Parquet with typed columns (`timeline.frames`: dates as dates, lists as lists),
    written a row group at a time, so that memory stays flat; DuckDB, Spark, BigQuery,
    pandas and polars read it as it is."""
    from timeline.frames import batches, need, schema

    parquet = need("pyarrow.parquet", "parquet")
    count = 0
    with parquet.ParquetWriter(out, schema(), compression="zstd") as parquet_writer:
        for batch in batches(records):
            parquet_writer.write_table(batch)
            count += batch.num_rows
    return count


def _lang(text: str) -> str:
    """The `lang` attribute Korean text needs to break at spaces (CSS `keep-all`)."""
    return ' lang="ko"' if re.search("[\uac00-\ud7a3]", text) else ""


def _said(title: str) -> str:
    """A page's description for link previews when none is given."""
    told = "dated events between countries, exported by timeline"
    return told[0].upper() + told[1:] if title == "Timeline" else f"{title}: {told}"


_SHARED = frozenset(PAGE_COLUMNS.index(name) for name in PAGE_SHARED)
# The distinct values of a field remembered to be sent once: memory stays flat on text
# that never repeats (a million unique summaries took a page export to 582 MiB).
_SHARED_AT_MOST = 50_000
_LISTS = frozenset(i for i, name in enumerate(PAGE_COLUMNS) if name in LIST_COLUMNS)


def _page_records(rows: Iterable[tuple[str | None, ...]]) -> Iterator[str]:
    """Each event as a JSON array. A location, participants, tags or summary that an
    earlier event of the page has is written as that event's position: generated and
    imported data repeat them, and a page's size is its speed (17.8 MB instead of 30 MB
    for 100,000 generated events)."""
    import orjson  # one call a record, the lists put in as the JSON they are stored as

    first: dict[int, dict[str, int]] = {field: {} for field in _SHARED}  # value: position
    for position, row in enumerate(rows):
        while row and row[-1] is None:  # the codes of a hand-kept event: the page reads
            row = row[:-1]  # a missing cell as null
        cells: list[Any] = []
        for field, value in enumerate(row):
            if value is not None:
                if field in first and len(value) > 2:
                    seen = first[field]
                    earlier = seen.get(value)
                    if earlier is not None:
                        cells.append(earlier)
                        continue
                    if len(seen) < _SHARED_AT_MOST:
                        seen[value] = position
                if field in _LISTS:
                    cells.append(orjson.Fragment(value))
                    continue
            cells.append(value)
        yield orjson.dumps(cells).decode()


def export_to(
    store: Store,
    query: Query,
    format: str,
    to: str | os.PathLike[str] | IO[Any],
    *,
    title: str | None,
    allow_formulas: bool,
    today: dt.date,
    description: str | None = None,
    credit: str | None = None,
    directed: bool = False,
    fill: bool = False,
) -> int:
    """`Timeline.export`: the query's events, in the rows the format's writer takes, to a
    path (written whole or not at all) or a file object (text, or binary for Parquet);
    `directed` and `fill` shape a dyad-year panel."""
    chosen = FORMATS[format]
    options = ExportOptions(
        title=title or query.describe(names=True) or "Timeline",
        today=today,
        description=description,
        credit=credit,
    )
    from timeline.panels import panel

    guard = "" if allow_formulas else FORMULA_STARTS
    selects: dict[str, Callable[[Query], Iterator[Any]]] = {
        "events": store.reads.select,
        "flat": lambda q: store.reads.select_flat(q, guard=guard),
        "json": store.reads.select_json,
        "page": store.reads.select_page,
        "records": lambda q: store.reads.select_json(q, span=True),
        "panel": lambda q: panel(store.reads.select(q), q, directed=directed, fill=fill),
    }
    rows = selects[chosen.takes](query)
    if not isinstance(to, str | os.PathLike):
        return chosen.write(rows, to, options)
    mode = "wb" if chosen.binary else "w"
    with atomic_write(Path(to), mode, newline=chosen.newline) as out:
        return chosen.write(rows, out, options)
