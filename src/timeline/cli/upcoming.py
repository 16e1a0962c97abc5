"""What is coming and what is remembered: upcoming, anniversaries."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from timeline.cli.app import command, open_timeline, output_of
from timeline.cli.options import OutputFormat, filters_but
from timeline.words import counted

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
    from timeline.render import Shown, timeline_view

    console = output_of(ctx).console()
    if not coming:
        after = timeline.next_after(timeline.today() + dt.timedelta(days=days), **filters)
        nothing = f"Nothing in the next {counted(days, 'day')}."
        if after is not None:
            when, far = human_span(after.date, after.end), how_far(after, timeline.today())[1]
            nothing += f" Next: {when}, {after.kind}: {after.title} ({far})."
        console.print(Text(nothing))
        return
    notes = {u.event.id: (u.note, "bold" if u.days_until <= 1 else "") for u in coming}
    shown = [Shown.of(u.event) for u in coming]
    timeline_view(console, shown, note=lambda event: notes[event.id])


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
    remembered = open_timeline(ctx, sync=True).anniversaries(days=days, every=every, **filters)
    if output_format is OutputFormat.json:
        typer.echo(json.dumps([a.to_dict() for a in remembered], ensure_ascii=False, indent=2))
        return
    from rich.text import Text

    from timeline.render import Shown, timeline_view

    console = output_of(ctx).console()
    if not remembered:
        console.print(Text(f"No anniversaries in the next {counted(days, 'day')}."))
        return
    notes = {
        a.event.id: (("◆ " if a.is_round else "") + a.note(), "bold" if a.is_round else "dim")
        for a in remembered
    }
    day_of = {a.event.id: a.day for a in remembered}
    timeline_view(
        console,
        [Shown.of(a.event) for a in remembered],
        note=lambda event: notes[event.id],
        heading=lambda event: (day_of[event.id].year, day_of[event.id].month),
    )
