"""Terminal views. The only importer of rich outside the CLI, and the home of the palette.

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
from typing import TYPE_CHECKING, Any, NamedTuple

from rich.cells import cell_len, chop_cells
from rich.console import Console
from rich.text import Text

from timeline.dates import MONTHS, PartialDate, human_span
from timeline.kinds import KINDS
from timeline.model import Event
from timeline.workers import ordered_map

if TYPE_CHECKING:
    from timeline.stats import Scale, Stats

# One palette for every view, from the kinds' table: colours of the xterm 256-colour cube,
# so a 256-colour terminal shows exactly what a true-colour one does; each at least 2:1 in
# contrast on white and 3.8:1 on black, and no two closer than 23 (CIE ΔE) apart (tested).
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


def timeline_view(
    console: Console,
    events: Iterable[tuple[Any, ...]],
    *,
    empty_hint: str = "",
    note: Callable[[Shown], Note | None] | None = None,
    heading: Callable[[Shown], tuple[int, int | None]] | None = None,
) -> int:
    """Events grouped under year and month headings, one line each where it fits: date,
    kind, title (wrapped in its column) and where; then the count and the legend. Returns
    how many events were shown. `note` adds a note under an event's title; `heading`
    groups the events by another date than their own (an anniversary's).

    The events stream: the columns are sized on the first LAYOUT_SAMPLE (a later, longer
    date pushes its own line over), and each line is written as its event comes, as text
    with the terminal's colour codes. rich builds the codes once; building a rich Text per
    line cost 30 times what reading the event did."""
    stream = iter(events)
    sample = list(islice(stream, LAYOUT_SAMPLE))
    if not sample:
        console.print(Text("No events match" + (f" {empty_hint}" if empty_hint else "") + "."))
        return 0
    layout = _Layout.fit(console.width, [_cells(Shown._make(event), note) for event in sample])
    paint = _Painter(console)
    place = _Place()
    count = 0
    kinds: set[str] = set()

    def tasks() -> Iterator[tuple[Any, ...]]:
        nonlocal count
        chunks = chain((sample,), iter(lambda: list(islice(stream, CHUNK)), []))
        for chunk in chunks:
            yield chunk, copy(place), layout, paint, note, heading
            for event in chunk:  # where the next chunk starts, without drawing anything
                place.move(event, heading)
            count += len(chunk)
            kinds.update(event[_KIND] for event in chunk)

    # A long view is drawn in worker processes, a chunk each, the first chunks here (the
    # first screen comes at once); the callbacks of `note` and `heading` stay here.
    parallel = note is None and heading is None
    for text in ordered_map(_drawn, tasks(), parallel=parallel, in_process_first=2):
        console.file.write(text)
    legend = [kind_label(kind) for kind in KINDS if kind in kinds]  # in palette order
    footer = Text(f"{count} event{'s' if count != 1 else ''}", style="dim")
    console.file.write("\n")
    console.print(_flowed([footer, *legend], console.width), soft_wrap=True)
    return count


CHUNK = 2_000  # events drawn at a time
# The view takes the store's plain rows (pickled to the workers as they are) or Shown.
_DATE, _KIND = Shown._fields.index("date"), Shown._fields.index("kind")


@dataclass
class _Place:
    """Where the view is: the year and month under way, and how many events are drawn."""

    year: int | None = None
    month: int | None = None
    month_of: str = ""  # the date whose month was last looked at
    drawn: int = 0

    def move(
        self,
        event: Shown | tuple[Any, ...],
        heading: Callable[[Shown], tuple[int, int | None]] | None,
    ) -> list[tuple[str, str]]:
        """Move to the event; the headings it starts (text, style), a blank line first
        for a year after the first."""
        self.drawn += 1
        date = str(event[_DATE])  # `event` may be the store's plain row
        if not heading and date[:7] == self.month_of:
            return []  # the same month as the last event: the common case
        self.month_of = date[:7]
        year, month = heading(Shown._make(event)) if heading else (int(date[:4]), _month(date))
        headings = []
        if year != self.year:
            self.year, self.month = year, None
            if self.drawn > 1:
                headings.append(("", ""))
            headings.append((str(year), "bold underline"))
        if month is not None and month != self.month:
            self.month = month
            headings.append((MONTHS[month - 1], "bold"))
        return headings


def _month(date: str) -> int | None:
    return int(date[5:7]) if len(date) > 4 else None


def _drawn(
    events: list[tuple[Any, ...]],
    place: _Place,
    layout: _Layout,
    paint: _Painter,
    note: Callable[[Shown], Note | None] | None,
    heading: Callable[[Shown], tuple[int, int | None]] | None,
) -> str:
    """The text of a chunk of events, from `place` on."""
    written = []
    for event in events:
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


def _cells(event: Shown, note: Callable[[Shown], Note | None] | None) -> _Cells:
    title = clean(event.title)
    status = event.status if event.status in STATUS_STYLES else None
    return _Cells(
        event,
        _date_text(event.date, event.end),
        f"{title}  {status}" if status else title,
        status,
        note(event) if note else None,
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
        date = max(_width(c.date) for c in sample)
        kind = max(len(c.event.kind) for c in sample) + 2
        where = min(40, max(_width(_where(c)) for c in sample)) if width >= WIDE else 0
        title = width - date - kind - 2 * len(GAP)
        if where:
            title -= where + len(GAP)
        return cls(date, kind, max(title, 20), where)

    def text(self, cells: _Cells, paint: _Painter) -> str:
        """The event's lines, each ending with a newline."""
        title_lines = _wrapped(cells.title, self.title)
        where_lines = _wrapped(_where(cells), self.where or self.title)
        if paint.plain:  # no terminal: nothing to style
            styled_title, styled_where = title_lines, where_lines
        else:
            styled_where = [_styled_where(line, cells, paint) for line in where_lines]
            styled_title = _styled_title(title_lines, cells, paint)
        kind = f"{MARKER} {cells.event.kind}"
        first = (
            paint(_pad(cells.date, self.date), "dim" if cells.status else "")
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
                used = _width(title_lines[number]) if number < len(title_lines) else 0
                line += " " * (self.title - used) + GAP + styled_where[number]
            lines.append(line.rstrip(" ") + "\n")
        return "".join(lines)


def _styled_title(lines: list[str], cells: _Cells, paint: _Painter) -> list[str]:
    """The title italic when the event has a status to note, the status in its style (it
    is one word, so it ends the last line)."""
    if not cells.status:
        return lines
    *before, last = lines
    head = last.removesuffix(cells.status)
    return [paint(line, "italic") for line in before] + [
        paint(head, "italic") + paint(cells.status, STATUS_STYLES[cells.status])
    ]


def _styled_where(line: str, cells: _Cells, paint: _Painter) -> str:
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


def _wrapped(text: str, width: int) -> list[str]:
    """Words in lines of at most `width` cells; a word longer than that is folded."""
    if len(text) <= width and (text.isascii() or _width(text) <= width):
        return [text]  # the common case, without measuring (no character is under a cell)
    lines: list[str] = []
    line, used = "", 0
    for word in text.split(" "):
        size = _width(word)
        if line and used + 1 + size <= width:
            line, used = f"{line} {word}", used + 1 + size
            continue
        if line:
            lines.append(line)
        if size <= width:
            line, used = word, size
            continue
        *whole, line = chop_cells(word, width)
        lines += whole
        used = _width(line)
    lines.append(line)
    return lines


def _width(text: str) -> int:
    """Terminal cells: Korean, Japanese and Chinese characters take two. Counted here for
    text of one-cell letters and those wide characters (rich's measure, character by
    character, was the view's largest cost); anything else is measured by rich."""
    if text.isascii():
        return len(text)
    if _NARROW_OR_WIDE.fullmatch(text):
        return len(text) + len(_WIDE.findall(text))
    return cell_len(text)


_WIDE_RANGES = "\u3000-\u303e\u3041-\u30ff\u3131-\u318e\u4e00-\u9fff\uac00-\ud7a3\uff01-\uff60"
_WIDE = re.compile(f"[{_WIDE_RANGES}]")
# Latin, Greek, Cyrillic, general punctuation (dashes, quotes): one cell each.
_NARROW_OR_WIDE = re.compile(f"[\x20-\x7e\xa0-\u02ff\u0370-\u04ff\u2010-\u2027{_WIDE_RANGES}]*")


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


class _Painter:
    """Text in a style, as the terminal's escape codes, each style rendered once by rich:
    none without a terminal, and no colours (but bold, dim...) under NO_COLOR, as rich
    prints."""

    def __init__(self, console: Console) -> None:
        from rich.color import ColorSystem

        systems = {
            "standard": ColorSystem.STANDARD,
            "256": ColorSystem.EIGHT_BIT,
            "truecolor": ColorSystem.TRUECOLOR,
            "windows": ColorSystem.WINDOWS,
        }
        self.system = systems.get(console.color_system or "")
        self.plain = self.system is None  # every style is left out
        self.no_color = console.no_color
        self.codes: dict[str, tuple[str, str]] = {}

    def __call__(self, text: str, style: str) -> str:
        if not style or self.system is None or not text:
            return text
        codes = self.codes.get(style)
        if codes is None:
            from rich.style import Style

            parsed = Style.parse(style)
            if self.no_color:
                parsed = parsed.without_color
            before, _, after = parsed.render("\0", color_system=self.system).partition("\0")
            codes = self.codes[style] = (before, after)
        return codes[0] + text + codes[1]


def _flowed(items: list[Text], width: int, indent: int = 0) -> Text:
    """Items two spaces apart, broken into lines between items, never inside one; lines
    after the first start `indent` cells in."""
    lines = [Text()]
    empty = True  # the current line holds no item yet
    for item in items:
        if not empty and lines[-1].cell_len + 2 + item.cell_len > width:
            lines.append(Text(" " * indent))
            empty = True
        if not empty:
            lines[-1].append("  ")
        lines[-1].append_text(item)
        empty = False
    return Text("\n").join(lines)


def kinds_view(console: Console) -> None:
    """The palette: each kind in its colour (and the letter that stands for it in a chart
    without colour), with its meaning, aliases, CAMEO code and the PLOVER codes that
    become it."""
    from rich.table import Table

    from timeline.plover import types_of_kind

    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("kind", no_wrap=True)
    table.add_column("colour", no_wrap=True)
    table.add_column("meaning", ratio=2, min_width=16)  # "state/government" whole
    table.add_column("aliases", ratio=2)
    table.add_column("CAMEO", no_wrap=True)
    table.add_column("PLOVER", ratio=2)
    swatch = "███ " if console.color_system and not console.no_color else ""
    for kind in KINDS.values():
        colour = Text(swatch + KIND_MARKS[kind.name], style=PALETTE[kind.name])
        table.add_row(
            kind_label(kind.name),
            colour,
            kind.meaning,
            ", ".join(kind.aliases) or "—",
            kind.cameo or "—",
            ", ".join(types_of_kind(kind.name)) or "—",
        )
    console.print(table)


SCALE_HALF = 10  # cells each side of the Goldstein zero line


def stats_view(console: Console, stats: Stats, scale: Scale = "goldstein") -> None:
    """A stacked bar per period in the kind colours, its total, and the mean score on one
    scale (Goldstein's or PLOVER's intensity) as a bar either side of a zero line
    (cooperation right, conflict left)."""
    if not stats.periods:
        console.print("No events match.")
        return
    color = console.color_system is not None
    label_width = max(len(p.label) for p in stats.periods)
    total_width = max(len(str(p.total)) for p in stats.periods)
    # label, 2, bars, 1, total, 2, Goldstein half, zero line, half, score (7)
    room = console.width - label_width - total_width - 13
    half = min(SCALE_HALF, max(3, room // 5))  # narrow terminals narrow the scale too
    bar_width = max(room - 2 * half, 5)
    most = max((p.total for p in stats.periods), default=0) or 1

    header = Text(" " * (label_width + bar_width + total_width + 5))
    left = "conflict".ljust(half) if half >= len("conflict") else "-".rjust(half)
    right = "cooperation" if half >= 4 else "+"  # may run into the score column
    header.append(left + "│" + right, "dim")
    lines = [header]
    for period in stats.periods:
        line = Text(period.label.ljust(label_width) + "  ")
        used = 0
        for kind in KINDS:
            count = period.counts.get(kind, 0)
            if not count:
                continue
            cells = max(1, round(count / most * bar_width))
            cells = min(cells, bar_width - used)
            mark = "█" if color else KIND_MARKS[kind]
            line.append(mark * cells, style=PALETTE[kind])
            used += cells
        line.append(" " * (bar_width - used))
        line.append(f" {period.total:>{total_width}}  ")
        line.append_text(_score_cells(period.score(scale), half))
        lines.append(line)
    console.print(Text("\n").join(lines), soft_wrap=True)

    console.print()
    for title, items in (
        ("Busiest countries:", [f"{c} {n}" for c, n in stats.countries]),
        ("Busiest pairs:    ", [f"{a}–{b} {n}" for a, b, n in stats.pairs]),
    ):
        flowed = [Text(title, style="bold"), *(Text(i) for i in items or ["—"])]
        console.print(_flowed(flowed, console.width, indent=len(title) + 2), soft_wrap=True)
    shown = {kind for p in stats.periods for kind in p.counts}
    legend = [
        Text(f"{'█' if color else KIND_MARKS[k]} {k}", style=PALETTE[k])
        for k in KINDS
        if k in shown
    ]
    console.print(
        _flowed([Text(f"Events per {stats.by}:", style="dim"), *legend], console.width),
        soft_wrap=True,
    )
    console.print(Text(_scale_note(stats, scale), style="dim"))


_SCALES = {
    "goldstein": "Goldstein scale (CAMEO codes; a hand-kept event by its kind)",
    "intensity": "Intensity scale (PLOVER codes, from POLECAT)",
}


def _scale_note(stats: Stats, scale: Scale) -> str:
    """Which scale the score column is, and the events on the other scale it leaves out."""
    scored = stats.scored(scale)
    note = (
        f"{_SCALES[scale]}: the mean cooperation (+10) or conflict (-10) of "
        f"{scored:,} event{'s' if scored != 1 else ''}"
    )
    other: Scale = "intensity" if scale == "goldstein" else "goldstein"
    left_out = stats.scored(other)
    if left_out:
        note += f"; {left_out:,} on the {other.title()} scale left out (--scale {other})"
    return note


def _score_cells(score: float | None, half: int) -> Text:
    text = Text()
    if score is None:
        text.append(" " * half + "│" + " " * half + "     —", style="dim")
        return text
    cells = min(half, round(abs(score) / 10 * half))
    if score < 0:
        text.append(" " * (half - cells))
        text.append("▇" * cells, style=PALETTE["dispute"])  # conflict: left of the line
        text.append("│" + " " * half, style="dim")
    else:
        text.append(" " * half + "│", style="dim")
        text.append("▇" * cells, style=PALETTE["agreement"])  # cooperation: right
        text.append(" " * (half - cells))
    text.append(f" {score:+6.2f}")
    return text
