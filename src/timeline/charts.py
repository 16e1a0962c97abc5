"""The views that are charts and tables: the kinds and their colours (`timeline kinds`),
and events per period with the mean score (`timeline stats`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from timeline.cells import flowed
from timeline.kinds import KINDS
from timeline.plover import types_of_kind
from timeline.render import KIND_MARKS, PALETTE, kind_label

if TYPE_CHECKING:
    from collections.abc import Iterator

    from timeline.stats import Period, Scale, Stats


def in_colour(console: Console) -> bool:
    """Whether the console shows colours: not on a pipe, a dumb terminal or under NO_COLOR
    (where rich keeps a colour system but drops the colours). Without colour every chart
    draws a kind by its letter (SSVV), never as blocks that all look the same."""
    return console.color_system is not None and not console.no_color


def kinds_view(console: Console) -> None:
    """The palette: each kind in its colour (and the letter that stands for it in a chart
    without colour) with its meaning and score (the Goldstein weight of its CAMEO code;
    none for a kind that does not say which way an event goes), then its aliases, those
    that do say it with their own code and score, and the PLOVER codes that become it."""
    from timeline.cameo import goldstein

    def scored(code: str) -> str:
        return f"{code} {goldstein(code) or 0:+.1f}".replace("-", "−")

    swatch = "██ " if in_colour(console) else ""
    heads = {
        kind.name: kind_label(kind.name).append(f"  {swatch}{KIND_MARKS[kind.name]}")
        for kind in KINDS.values()
    }
    lead = max(len("  with a code"), *(head.cell_len for head in heads.values())) + 2

    def line(first: Text, items: list[str], sep: str) -> None:
        # The label's style (a kind's colour, dim) is its own: not the first item's too.
        start = Text().append_text(first)
        start.append(" " * (lead - first.cell_len) + items[0])
        console.print(flowed([start, *map(Text, items[1:])], console.width, lead, sep))

    for kind in KINDS.values():
        score = f"scored {scored(kind.cameo)}" if kind.cameo and kind.scores else "unscored"
        line(heads[kind.name], f"{kind.meaning}; {score}".split(), " ")
        for label, items in (
            ("aliases", list(kind.aliases)),
            ("with a code", [f"{alias} {scored(code)}" for alias, code in kind.coded]),
            ("PLOVER", types_of_kind(kind.name)),
        ):
            if items:
                line(Text(f"  {label}", style="dim"), items, ", ")
    console.print(
        Text(
            "A score is the Goldstein weight of a CAMEO code: −10 (conflict) to +10 "
            "(cooperation). An event of an unscored kind is scored only by its own code "
            "(add --cameo).",
            style="dim",
        )
    )


def kind_records() -> list[dict[str, object]]:
    """What `kinds_view` shows, for programs (`kinds --format json`): each kind with its
    letter, colour, CAMEO code and score (None where the kind does not score), aliases,
    coded aliases with their codes and scores, and the PLOVER codes that become it."""
    from timeline.cameo import goldstein

    return [
        {
            "kind": kind.name,
            "meaning": kind.meaning,
            "letter": kind.letter,
            "colour": kind.colour,
            "cameo": kind.cameo,
            "score": goldstein(kind.score_code),
            "aliases": list(kind.aliases),
            "coded": [
                {"alias": alias, "cameo": code, "score": goldstein(code)}
                for alias, code in kind.coded
            ],
            "plover": types_of_kind(kind.name),
        }
        for kind in KINDS.values()
    ]


SCALE_HALF = 10  # cells each side of the Goldstein zero line


def stats_view(console: Console, stats: Stats, scale: Scale = "goldstein") -> None:
    """A stacked bar per period in the kind colours, its total, and the mean score on one
    scale (Goldstein's or PLOVER's intensity) as a bar either side of a zero line
    (cooperation right, conflict left)."""
    if not stats.periods:
        console.print("No events match.")
        return
    color = in_colour(console)
    label_width = max(len(p.label) for p in stats.periods)
    total_width = max(len(f"{p.total:,}") for p in stats.periods)
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
    for period, empty_until in _folded(stats.periods):
        if empty_until is not None:  # a run of empty periods is one line, not 30 rows of 0
            span = period.label if empty_until is period else f"{period.label}–{empty_until.label}"
            lines.append(Text(f"{span.ljust(label_width)}  · no events", style="dim"))
            continue
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
        line.append(f" {period.total:>{total_width},}  ")
        line.append_text(_score_cells(period.score(scale), half))
        lines.append(line)
    console.print(Text("\n").join(lines), soft_wrap=True)

    console.print()
    for title, items in (
        ("Busiest countries:", [f"{c} {n:,}" for c, n in stats.countries]),
        ("Busiest pairs:    ", [f"{a}–{b} {n:,}" for a, b, n in stats.pairs]),
    ):
        parts = [Text(title, style="bold"), *(Text(i) for i in items or ["—"])]
        console.print(flowed(parts, console.width, indent=len(title) + 2), soft_wrap=True)
    shown = {kind for p in stats.periods for kind in p.counts}
    legend = [
        Text(f"{'█' if color else KIND_MARKS[k]} {k}", style=PALETTE[k])
        for k in KINDS
        if k in shown
    ]
    console.print(
        flowed([Text(f"Events per {stats.by}:", style="dim"), *legend], console.width),
        soft_wrap=True,
    )
    console.print(Text(_scale_note(stats, scale), style="dim"))
    console.print(Text(_unscored_note(stats.unscored), style="dim"))


def _folded(periods: list[Period]) -> Iterator[tuple[Period, Period | None]]:
    """Each period with events as (period, None); each run of empty ones as (first, last)."""
    run: list[Period] = []
    for period in periods:
        if not period.total:
            run.append(period)
            continue
        if run:
            yield run[0], run[-1]
            run = []
        yield period, None
    if run:
        yield run[0], run[-1]


_SCALES = {
    "goldstein": "Goldstein scale (CAMEO codes; a hand-kept event by its own or its kind's)",
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


def _unscored_note(count: int) -> str:
    note = f"{count:,} event{'s' if count != 1 else ''} unscored"
    if not count:
        return note
    kinds = [kind.name for kind in KINDS.values() if not kind.scores]
    return f"{note} ({', '.join(kinds[:-1])} and {kinds[-1]} events score only with a code)"


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
