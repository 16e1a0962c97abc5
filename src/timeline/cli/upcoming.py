"""What is coming and what is remembered: upcoming, anniversaries."""

from __future__ import annotations

import json
import sys
from itertools import chain
from typing import TYPE_CHECKING, Annotated, Any

import typer

from timeline.cli.app import command, open_timeline, output_of
from timeline.cli.options import OutputFormat, filters_but
from timeline.words import counted

if TYPE_CHECKING:
    from timeline.render import Heading, Note, Noted

DaysOpt = Annotated[
    int,
    typer.Option("--days", help="How many days from today to look at.", metavar="N", min=0),
]
FormatOpt = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="table for people, json for programs.")
]
_NOT_IN_A_WINDOW = ("since", "until")  # the window is today to today + N days


@command()
@filters_but(*_NOT_IN_A_WINDOW)
def upcoming(
    ctx: typer.Context,
    filters: dict[str, Any],
    days: DaysOpt = 30,
    output_format: FormatOpt = OutputFormat.table,
) -> None:
    """What starts or is under way in the next N days (default 30), each with how far off
    it is. Cancelled events only with --status cancelled."""
    import datetime as dt

    timeline = open_timeline(ctx, sync=True)
    coming = timeline.upcoming(days=days, **filters)
    if output_format is OutputFormat.json:
        typer.echo(json.dumps([u.to_dict() for u in coming], ensure_ascii=False, indent=2))
        return
    from rich.text import Text

    from timeline.ahead import how_far
    from timeline.dates import human_span
    from timeline.render import Noted, Shown, timeline_view

    console = output_of(ctx).console()
    if not coming:
        after = timeline.next_after(timeline.today() + dt.timedelta(days=days), **filters)
        nothing = f"Nothing in the next {counted(days, 'day')}."
        if after is not None:
            when, far = human_span(after.date, after.end), how_far(after, timeline.today())[1]
            nothing += f" Next: {when}, {after.kind}: {after.title} ({far})."
        console.print(Text(nothing))
        return
    timeline_view(
        console,
        [Noted(Shown.of(u.event), (u.note, "bold" if u.days_until <= 1 else "")) for u in coming],
    )


@command()
@filters_but(*_NOT_IN_A_WINDOW)
def anniversaries(
    ctx: typer.Context,
    filters: dict[str, Any],
    days: DaysOpt = 30,
    every: Annotated[
        int | None,
        typer.Option(
            "--every",
            help="Only multiples of K years (--every 5: 5th, 10th, 15th...).",
            metavar="K",
            min=1,
            show_default=False,
        ),
    ] = None,
    output_format: FormatOpt = OutputFormat.table,
) -> None:
    """Anniversaries in the next N days (default 30) of events that took place in an
    earlier year, with the number of years; round ones (1st, 5th, 10th...) marked."""
    timeline = open_timeline(ctx, sync=True)
    if output_format is OutputFormat.json:
        from timeline.export import ExportOptions, write_json

        records = timeline.anniversaries_json(days=days, every=every, **filters)
        write_json(records, sys.stdout, ExportOptions())
        return
    from rich.text import Text

    from timeline.render import timeline_view

    rows = timeline.anniversaries_shown(days=days, every=every, **filters)
    first = next(rows, None)
    console = output_of(ctx).console()
    if first is None:
        console.print(Text(f"No anniversaries in the next {counted(days, 'day')}."))
        return
    timeline_view(console, chain((first,), rows), noted=_remembered)


def _remembered(row: tuple[Any, ...]) -> Noted:
    """An anniversary's row as the table draws it: under the month it falls in, with its
    years (round ones marked) and the day. Both depend on the event only by whether it
    is of 29 February, so each is made once (a window's thousands share a few hundred)."""
    from timeline.render import Noted

    shown, key = row[:-3], (row[1][5:] == "02-29", *row[-3:])  # row[1]: the event's date
    found = _REMEMBRANCES.get(key)
    if found is None:
        from timeline.ahead import Anniversary
        from timeline.render import Shown

        remembered = Anniversary.of_row(Shown._make(shown), *row[-3:])
        mark, style = ("◆ ", "bold") if remembered.is_round else ("", "dim")
        heading = remembered.day.year, remembered.day.month
        found = _REMEMBRANCES[key] = (mark + remembered.note(), style), heading
    return Noted(shown, *found)


_REMEMBRANCES: dict[tuple[Any, ...], tuple[Note, Heading]] = {}
