"""Terminal views. The only importer of rich outside the CLI, and the home of the palette.

Every function renders to a Console it is given, so tests can render into a string.
Text from the data is always wrapped in `Text` (never parsed as markup) and cleaned of
control characters, so a title cannot restyle or move the terminal.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from timeline.dates import MONTHS, human_span
from timeline.model import KINDS, Event

if TYPE_CHECKING:
    from timeline.stats import Stats

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
    text = _CONTROL.sub("\N{REPLACEMENT CHARACTER}", text)
    return " ".join(text.split())


def kind_label(kind: str) -> Text:
    return Text(f"{MARKER} {kind}", style=PALETTE.get(kind, ""))


WIDE = 110  # from this width the countries and location get a column of their own
GAP = "  "


def timeline_view(
    console: Console,
    events: Iterable[Event],
    *,
    empty_hint: str = "",
    notes: Mapping[str, Text] | None = None,
    heading: Callable[[Event], tuple[int, int | None]] | None = None,
) -> int:
    """Events grouped under year and month headings, one line each where it fits: date,
    kind, title (wrapped in its column) and where. Returns how many events were shown.
    `notes` adds a note after an event's title (by id); `heading` groups the events by
    another date than their own (an anniversary's).

    Laid out by hand rather than with rich's Table: measuring every cell twice made the
    view the slowest part of `timeline show`."""
    rows = [(event, *_event_cells(event, (notes or {}).get(event.id))) for event in events]
    if not rows:
        console.print(Text("No events match" + (f" {empty_hint}" if empty_hint else "") + "."))
        return 0
    date_width = max(date.cell_len for _, date, _, _ in rows)
    kind_width = max(len(event.kind) for event, *_ in rows) + 2
    wide = console.width >= WIDE
    where_width = min(40, max(where.cell_len for *_, where in rows)) if wide else 0
    title_width = console.width - date_width - kind_width - 2 * len(GAP)
    if wide:
        title_width -= where_width + len(GAP)
    title_width = max(title_width, 20)
    indent = " " * (date_width + kind_width + 2 * len(GAP))

    lines: list[Text] = []
    year: int | None = None
    month: int | None = None
    for event, date, title, where in rows:
        event_year, event_month = heading(event) if heading else (event.date.year, event.date.month)
        if event_year != year:
            year, month = event_year, None
            if lines:
                lines.append(Text())
            lines.append(Text(str(year), style="bold underline"))
        if event_month is not None and event_month != month:
            month = event_month
            lines.append(Text(MONTHS[month - 1], style="bold"))
        title_lines = list(title.wrap(console, title_width, overflow="fold"))
        where_lines = list(where.wrap(console, where_width or title_width, overflow="fold"))
        if not wide:
            title_lines, where_lines = title_lines + where_lines, []
        for number in range(max(len(title_lines), len(where_lines))):
            line = Text()
            if number == 0:
                line.append_text(_padded(date, date_width))
                line.append(GAP)
                line.append_text(_padded(kind_label(event.kind), kind_width))
                line.append(GAP)
            else:
                line.append(indent)
            if number < len(title_lines):
                line.append_text(title_lines[number])
            if number < len(where_lines):
                line.append_text(_padded(Text(), title_width - line.cell_len + len(indent)))
                line.append(GAP)
                line.append_text(where_lines[number])
            line.rstrip()
            lines.append(line)

    shown = {event.kind for event, *_ in rows}
    legend = [kind_label(kind) for kind in KINDS if kind in shown]  # in palette order
    footer = Text(f"{len(rows)} event{'s' if len(rows) != 1 else ''}", style="dim")
    lines += [Text(), _flowed([footer, *legend], console.width)]
    console.print(Text("\n").join(lines), soft_wrap=True)
    return len(rows)


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


def _padded(text: Text, width: int) -> Text:
    text = text.copy()
    text.pad_right(max(width - text.cell_len, 0))
    return text


def _event_cells(event: Event, note: Text | None = None) -> tuple[Text, Text, Text]:
    date = Text(human_span(event.date, event.end))
    title = Text(clean(event.title))
    status_style = STATUS_STYLES.get(event.status or "")
    if status_style:
        title.stylize("italic")
        title.append(f"  {event.status}", style=status_style)
        date.stylize("dim")
    where = Text()
    if note is not None:  # how far off, what anniversary: first thing under the title
        where.append_text(note)
        where.append(" · ")
    where.append(" ".join(event.countries), style="bold")
    if event.location:
        where.append(f" · {clean(event.location)}", style="dim")
    return date, title, where


def kinds_view(console: Console) -> None:
    """The palette: each kind in its colour (and the letter that stands for it in a chart
    without colour), with its meaning, aliases and CAMEO code."""
    from rich.table import Table

    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("kind", no_wrap=True)
    table.add_column("colour", no_wrap=True)
    table.add_column("meaning", ratio=2)
    table.add_column("aliases", ratio=2)
    table.add_column("CAMEO", no_wrap=True)
    swatch = "███ " if console.color_system and not console.no_color else ""
    for kind in KINDS.values():
        colour = Text(swatch + KIND_MARKS[kind.name], style=PALETTE[kind.name])
        table.add_row(
            kind_label(kind.name),
            colour,
            kind.meaning,
            ", ".join(kind.aliases) or "—",
            kind.cameo or "—",
        )
    console.print(table)


SCALE_HALF = 10  # cells each side of the Goldstein zero line


def stats_view(console: Console, stats: Stats) -> None:
    """A stacked bar per period in the kind colours, its total, and the Goldstein mean as a
    bar either side of a zero line (cooperation right, conflict left)."""
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
        line.append_text(_goldstein_cells(period.goldstein, half))
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
    console.print(
        Text(
            "Goldstein: the mean cooperation (+10) or conflict (-10) score of the "
            "events' CAMEO codes",
            style="dim",
        )
    )


def _goldstein_cells(score: float | None, half: int) -> Text:
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
