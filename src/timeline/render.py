"""The timeline view of `show`, and the palette every view shares.

Every function renders to a Console it is given, so tests can render into a string.
Text from the data is always wrapped in `Text` (never parsed as markup) and cleaned of
control characters, so a title cannot restyle or move the terminal.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from copy import copy
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, islice
from typing import Any, NamedTuple

from rich.console import Console
from rich.text import Text

from timeline.cells import Painter, cell_width, flowed, pad, wrapped
from timeline.dates import MONTHS, PartialDate, human_span
from timeline.kinds import KINDS
from timeline.model import Event
from timeline.words import counted
from timeline.workers import ordered_map

# One palette for every view, from the kinds' table: colours of the xterm 256-colour cube,
# so a 256-colour terminal shows exactly what a true-colour one does; each at least 2:1 in
# contrast on white and 3.5:1 on black, and no two closer than 20 (CIE ΔE) apart (tested).
# Red is kept for disputes. Statuses are marked by their word and a style, never a hue.
PALETTE: dict[str, str] = {kind.name: kind.colour for kind in KINDS.values()}
# Without colour the kinds in a chart are told apart by letter.
KIND_MARKS = {kind.name: kind.letter for kind in KINDS.values()}
MARKER = "●"
STATUS_STYLES = {
    "planned": "bold italic",
    "cancelled": "strike",
    "postponed": "italic dim",
}

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """Data as it may reach a terminal: no escape sequences or other control characters."""
    if text.isprintable() and "  " not in text and text[:1] != " " != text[-1:]:
        return text  # the usual case, checked in C
    text = _CONTROL.sub("\N{REPLACEMENT CHARACTER}", text)
    return " ".join(text.split())


def kind_label(kind: str) -> Text:
    return Text(f"{MARKER} {kind}", style=PALETTE.get(kind, ""))


WIDE = 110  # from this width the countries and location get a column of their own
GAP = "  "
LAYOUT_SAMPLE = 1_000  # events measured to size the columns; the rest stream through

Note = tuple[str, str]  # text and style, shown first under an event's title
Heading = tuple[int, int | None]  # the year and month an event is listed under


class Shown(NamedTuple):
    """What the timeline view shows of an event, as the store hands it over
    (`Store.select_shown`): building whole Events cost more than drawing them."""

    id: str
    date: str  # ISO, at its precision
    end: str | None
    kind: str
    status: str | None
    title: str
    countries: str  # codes, space-separated
    location: str | None

    @classmethod
    def of(cls, event: Event) -> Shown:
        return cls(
            event.id,
            event.date.iso(),
            event.end.iso() if event.end else None,
            event.kind,
            event.status,
            event.title,
            " ".join(event.countries),
            event.location,
        )


class Noted(NamedTuple):
    """An event with a note under its title, listed under the heading of another date than
    its own (an anniversary's) or, without one, its own."""

    event: tuple[Any, ...]  # as Shown
    note: Note
    heading: Heading | None = None


def timeline_view(
    console: Console,
    events: Iterable[tuple[Any, ...]],
    *,
    empty_hint: str = "",
    noted: Callable[[Any], Noted] | None = None,
) -> int:
    """Events grouped under year and month headings, one line each where it fits: date,
    kind, title (wrapped in its column) and where; then the count and the legend. Returns
    how many events were shown. Each event is a Shown, the store's plain row of one, or a
    Noted of one; or any row, made a Noted by `noted`, which the worker processes run (a
    function of a module, as they are sent it by name).

    The events stream: the columns are sized on the first LAYOUT_SAMPLE (a later, longer
    date pushes its own line over), and each line is written as its event comes, as text
    with the terminal's colour codes. rich builds the codes once; building a rich Text per
    line cost 30 times what reading the event did."""
    stream = iter(events)
    sample = list(islice(stream, LAYOUT_SAMPLE))
    if not sample:
        console.print(Text("No events match" + (f" {empty_hint}" if empty_hint else "") + "."))
        return 0
    measured = map(_noted, map(noted, sample) if noted else sample)
    layout = _Layout.fit(console.width, [_cells(Shown._make(e), n) for e, n, _ in measured])
    paint = Painter(console)
    count = 0
    kinds: set[str] = set()

    def tasks() -> Iterator[tuple[Any, ...]]:
        nonlocal count
        place = _Place()
        chunks = chain((sample,), iter(lambda: list(islice(stream, CHUNK)), []))
        for chunk in chunks:
            yield chunk, place, layout, paint, noted
            place = place.after(chunk, noted)
            kinds.update((row.event if type(row) is Noted else row)[_KIND] for row in chunk)
            count += len(chunk)

    # A long view is drawn in worker processes, a chunk each, the first chunks here (the
    # first screen comes at once).
    for text in ordered_map(_drawn, tasks(), parallel=True, in_process_first=2):
        console.file.write(text)
    legend = [kind_label(kind) for kind in KINDS if kind in kinds]  # in palette order
    footer = Text(counted(count, "event"), style="dim")
    console.file.write("\n")
    console.print(flowed([footer, *legend], console.width), soft_wrap=True)
    return count


CHUNK = 2_000  # events drawn at a time
# The view takes the store's plain rows (pickled to the workers as they are) or Shown.
_DATE, _KIND = Shown._fields.index("date"), Shown._fields.index("kind")


def _noted(row: tuple[Any, ...]) -> tuple[tuple[Any, ...], Note | None, Heading | None]:
    """The event (as Shown, or its plain row), its note and its heading, if any."""
    return row if type(row) is Noted else (row, None, None)


@dataclass
class _Place:
    """Where the view is: the year and month under way, and how many events are drawn."""

    year: str | None = None
    month: int | None = None
    month_of: str = ""  # the date whose month was last looked at
    drawn: int = 0

    def after(self, chunk: list[tuple[Any, ...]], noted: Callable[[Any], Noted] | None) -> _Place:
        """Where the view is after the chunk, without moving through it: where the event
        that last moved it put it (a month of 0 and of None both mean "none"). That is the
        last, under a heading of its own; else the first of the run of one month the
        chunk ends with, as the others of a run move nothing."""

        def event_of(row: tuple[Any, ...]) -> tuple[tuple[Any, ...], Heading | None]:
            event, _, heading = _noted(noted(row) if noted else row)
            return event, heading

        event, heading = event_of(chunk[-1])
        first = len(chunk) - 1
        if heading is None:  # (a view with headings of its own gives every row one)
            month_of = _month_of(event[_DATE])
            while first and _month_of(event_of(chunk[first - 1])[0][_DATE]) == month_of:
                first -= 1
            if not first and month_of == self.month_of:  # the run began before the chunk
                return _Place(self.year, self.month, self.month_of, self.drawn + len(chunk))
            event = event_of(chunk[first])[0]
        place = _Place(drawn=self.drawn + first)
        place.move(event, heading)
        place.drawn = self.drawn + len(chunk)
        return place

    def move(self, event: tuple[Any, ...], heading: Heading | None) -> list[tuple[str, str]]:
        """Move to the event, listed under `heading` or else its own date; the headings it
        starts (text, style), a blank line first for a year after the first."""
        self.drawn += 1
        if heading:
            year, month = str(heading[0]), heading[1]
        else:
            date = event[_DATE]
            month_of = _month_of(date)
            if month_of == self.month_of:
                return []  # the same month as the last event: the common case
            self.month_of = month_of
            year, month = _heading_of(date)
        headings = []
        if year != self.year:
            self.year, self.month = year, None
            if self.drawn > 1:
                headings.append(("", ""))
            headings.append((year, "bold underline"))
        if month is not None and month != self.month:
            self.month = month
            headings.append((MONTHS[month - 1], "bold"))
        elif month is None and self.month:  # `2026` or `Q3 2024` after a month's events
            self.month = 0
            headings.append((NO_MONTH, "bold"))
        return headings


def _month_of(date: str) -> str:
    # `1971-07`, `1971-07-04` and `1971-07~` share a month; `late 1971` and `late 1972`
    # share only their first seven characters.
    return date[:7] if date[:1].isdigit() else date


# The heading of events whose dates span more than a month (`2026`, `Q3 2024`) when they
# follow a month's events: a year-only event is never listed under "December".
NO_MONTH = "Not dated to a month"


@lru_cache(maxsize=4096)
def _heading_of(date: str) -> tuple[str, int | None]:
    """The year (and month) an event is listed under: those of its first day, as it is
    sorted by it; an open start has none (`Before 1994`)."""
    if date.isdigit() or (len(date) in (7, 10) and date[4] == "-" and date[5] in "01"):
        return date[:4], int(date[5:7]) if len(date) > 4 else None  # the usual cases first
    parsed = PartialDate.from_iso(date)
    if parsed.part == "before":
        return f"Before {PartialDate(parsed.year, parsed.month, parsed.day).human()}", None
    first, last = parsed.first_day, parsed.last_day
    if parsed.month is None and (first.year, first.month) == (last.year, last.month):
        return str(first.year), first.month  # a week within one month
    return str(first.year), parsed.month


def _drawn(
    events: list[tuple[Any, ...]],
    place: _Place,
    layout: _Layout,
    paint: Painter,
    noted: Callable[[Any], Noted] | None,
) -> str:
    """The text of a chunk of events, from `place` on."""
    written = []
    place = copy(place)
    for row in events:
        event, note, heading = _noted(noted(row) if noted else row)
        for text, style in place.move(event, heading):
            written.append(paint(text, style) + "\n")
        written.append(layout.text(_cells(Shown._make(event), note), paint))
    return "".join(written)


class _Cells(NamedTuple):
    """What one event shows, as plain text, before it is laid out."""

    event: Shown
    date: str
    title: str  # with the status after it, if any
    status: str | None
    note: Note | None
    countries: str
    location: str


def _cells(event: Shown, note: Note | None) -> _Cells:
    title = clean(event.title)
    status = event.status if event.status in STATUS_STYLES else None
    return _Cells(
        event,
        _date_text(event.date, event.end),
        f"{title}  {status}" if status else title,
        status,
        note,
        event.countries,
        clean(event.location) if event.location else "",
    )


@lru_cache(maxsize=4096)  # a million events share some ten thousand dates
def _date_text(date: str, end: str | None) -> str:
    return human_span(PartialDate.from_iso(date), PartialDate.from_iso(end) if end else None)


def _where(cells: _Cells) -> str:
    note = f"{cells.note[0]} · " if cells.note else ""
    location = f" · {cells.location}" if cells.location else ""
    return note + cells.countries + location


@dataclass(frozen=True)
class _Layout:
    date: int
    kind: int
    title: int
    where: int  # 0: the where goes under the title

    @classmethod
    def fit(cls, width: int, sample: list[_Cells]) -> _Layout:
        date = max(cell_width(c.date) for c in sample)
        kind = max(len(c.event.kind) for c in sample) + 2
        where = min(40, max(cell_width(_where(c)) for c in sample)) if width >= WIDE else 0
        title = width - date - kind - 2 * len(GAP)
        if where:
            title -= where + len(GAP)
        return cls(date, kind, max(title, 20), where)

    def text(self, cells: _Cells, paint: Painter) -> str:
        """The event's lines, each ending with a newline."""
        title_lines = wrapped(cells.title, self.title)
        where_lines = wrapped(_where(cells), self.where or self.title)
        if paint.plain:  # no terminal: nothing to style
            styled_title, styled_where = title_lines, where_lines
        else:
            styled_where = [_styled_where(line, cells, paint) for line in where_lines]
            styled_title = _styled_title(title_lines, cells, paint)
        kind = f"{MARKER} {cells.event.kind}"
        first = (
            paint(pad(cells.date, self.date), "dim" if cells.status else "")
            + GAP
            + paint(kind, PALETTE.get(cells.event.kind, ""))
            + " " * (self.kind - len(kind) + len(GAP))
        )
        indent = " " * (self.date + self.kind + 2 * len(GAP))
        if not self.where:  # the where under the title: no column to line up
            rest = styled_title[1:] + styled_where
            return first + styled_title[0] + "\n" + "".join(f"{indent}{line}\n" for line in rest)
        lines = []
        for number in range(max(len(styled_title), len(styled_where))):
            line = first if number == 0 else indent
            if number < len(styled_title):
                line += styled_title[number]
            if number < len(styled_where):
                used = cell_width(title_lines[number]) if number < len(title_lines) else 0
                line += " " * (self.title - used) + GAP + styled_where[number]
            lines.append(line.rstrip(" ") + "\n")
        return "".join(lines)


def _styled_title(lines: list[str], cells: _Cells, paint: Painter) -> list[str]:
    """The title italic when the event has a status to note, the status in its style (it
    is one word, so it ends the last line)."""
    if not cells.status:
        return lines
    *before, last = lines
    head = last.removesuffix(cells.status)
    return [paint(line, "italic") for line in before] + [
        paint(head, "italic") + paint(cells.status, STATUS_STYLES[cells.status])
    ]


def _styled_where(line: str, cells: _Cells, paint: Painter) -> str:
    """Countries bold, the location dim, a note in its own style: found by position,
    since wrapping may have split the text anywhere."""
    if line == cells.countries or not (cells.note or cells.location):
        return paint(line, "bold")
    parts = []
    if cells.note and line.startswith(cells.note[0]):
        parts.append(paint(cells.note[0], cells.note[1]))
        line = line.removeprefix(cells.note[0])
    if line.startswith(" · " + cells.countries):
        parts.append(" · ")
        line = line.removeprefix(" · ")
    if line.startswith(cells.countries):
        parts.append(paint(cells.countries, "bold"))
        line = line.removeprefix(cells.countries)
    parts.append(paint(line, "dim"))
    return "".join(parts)
