"""One event in full, as `timeline show ID` prints it: every field (the summary with its
lines), its code and score, and the file and line it came from; sources are links where
the terminal shows them (OSC 8)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.style import Style
from rich.text import Text

from timeline.cells import wrapped
from timeline.dates import OPEN_END, OPEN_START, QUALIFIER_WORDS, PartialDate, human_span
from timeline.kinds import KINDS
from timeline.render import STATUS_STYLES, clean, kind_label
from timeline.words import counted

if TYPE_CHECKING:
    from timeline.api import FilePlace
    from timeline.model import Event

LABEL = 14  # cells of the label column


def event_card(
    console: Console, event: Event, place: FilePlace | None, row_ids: Sequence[str] = ()
) -> None:
    """Print the event in full, `console.width` wide, with the ids of the coded rows an
    imported event was made from."""
    width = max(console.width, LABEL + 20)
    for line in wrapped(clean(event.title), width):
        console.print(Text(line, style="bold"), soft_wrap=True)
    head = Text(when(event) + "  ").append_text(kind_label(event.kind))
    if event.status:
        head.append(f"  {event.status}", style=STATUS_STYLES.get(event.status, ""))
    console.print(head, soft_wrap=True)

    def row(label: str, values: list[Text]) -> None:
        for number, value in enumerate(values):
            start = Text().append(f"{label if number == 0 else '':<{LABEL}}", style="dim")
            console.print(start.append_text(value), soft_wrap=True)  # the label's style ends

    def text(value: str) -> list[Text]:
        return [Text(line) for line in wrapped(clean(value), width - LABEL)]

    from timeline.countries import country_name

    row("id", [Text(event.id)])
    named = ", ".join(f"{code} {country_name(code)}" for code in event.countries)
    row("countries", text(named))
    if event.location:
        row("location", text(event.location))
    if event.participants:
        row("participants", text(", ".join(event.participants)))
    if event.tags:
        row("tags", text(", ".join(event.tags)))
    row("score", text(score(event)))
    if event.reports:
        row("reports", text(reported(event)))
    if row_ids:
        more = len(row_ids) - _ROW_IDS_SHOWN
        listed = ", ".join(row_ids[:_ROW_IDS_SHOWN]) + (f" and {more:,} more" if more > 0 else "")
        row("rows", text(listed))
    row("file", text(_file(event, place)))
    if event.summary:
        lines = [piece for line in event.summary.strip().splitlines() for piece in text(line)]
        row("summary", lines or [Text("")])
    if event.sources:
        row("sources", [line for source in event.sources for line in _source(source, text)])


def _file(event: Event, place: FilePlace | None) -> str:
    """Where the event came from, a path below the working directory as relative to it."""
    if place is None:
        return "none: added by hand"
    path = Path(place.path)
    with suppress(ValueError):
        path = path.relative_to(Path.cwd())
    if event.reports is not None:
        return f"{path} (imported)"
    return f"{path}:{place.line}" if place.line else str(path)


def when(event: Event) -> str:
    """The date as a historian writes it, with what is not known said in words and the
    extent it stands for: `Q3 2024 (1 Jul – 30 Sep 2024)`, `c. 1971 (approximate; 1971)`."""
    said = human_span(event.date, event.end)
    notes = []
    qualifier = event.date.qualifier or (event.end.qualifier if event.end else "")
    if qualifier:
        notes.append(QUALIFIER_WORDS[qualifier])
    last = event.end or event.date
    if not (event.date.exact and last.exact) and event.date.precision != "decade":
        first_day, last_day = event.first_day, event.last_day
        ends = [
            "" if first_day == OPEN_START else PartialDate.from_date(first_day).human(),
            "" if last_day == OPEN_END else PartialDate.from_date(last_day).human(),
        ]
        notes.append(" – ".join(ends).strip(" –") if all(ends) else _open(ends))
    return f"{said} ({'; '.join(notes)})" if notes else said


def _open(ends: list[str]) -> str:
    return f"up to {ends[1]}" if ends[1] else f"from {ends[0]} on"


_ROW_IDS_SHOWN = 20  # of a summit's hundreds; `show ID -f json` gives them all


def reported(event: Event) -> str:
    """How many coded rows, and articles, report an imported event: `2 rows, 15 articles`."""
    rows = counted(event.reports or 0, "row")
    return rows if event.articles is None else f"{rows}, {counted(event.articles, 'article')}"


def score(event: Event) -> str:
    """Which code scores the event, and how: its own CAMEO or PLOVER code, else its
    kind's where the kind says which way an event goes."""
    from timeline.cameo import goldstein, label_of

    parts = []
    if event.cameo:
        parts.append(
            f"CAMEO {event.cameo} ({label_of(event.cameo)}): Goldstein "
            f"{_signed(goldstein(event.cameo))}"
        )
    if event.plover:
        intensity = f": intensity {_signed(event.intensity)}" if event.intensity is not None else ""
        parts.append(f"PLOVER {event.plover}{intensity}")
    if parts:
        return "; ".join(parts)
    kind = KINDS[event.kind]
    if kind.score_code:
        return (
            f"Goldstein {_signed(goldstein(kind.score_code))} (a {kind.name}: CAMEO {kind.cameo})"
        )
    return f"unscored (an event of kind {kind.name} is scored only by a code of its own)"


def _signed(value: float | None) -> str:
    return "none" if value is None else f"{value:+.1f}".replace("-", "−")


def _source(source: str, text: Callable[[str], list[Text]]) -> list[Text]:
    """A URL whole, as a link (OSC 8) on a console with styles; a citation wrapped."""
    if source.startswith(("https://", "http://")) and source.isprintable():
        return [Text(source, style=Style(link=source))]
    return text(source)
