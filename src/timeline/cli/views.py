"""Commands that show the events: show, export, stats, kinds."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from timeline.cli import complete
from timeline.cli.app import command, open_timeline, output_of
from timeline.cli.options import By, ExportFormat, OutputFormat, ScaleChoice, with_filters
from timeline.cli.pager import NoPagerOpt, paged
from timeline.errors import TimelineError, shown_path
from timeline.words import counted

if TYPE_CHECKING:
    from timeline.api import Timeline


@command()
@with_filters
def show(
    ctx: typer.Context,
    filters: dict[str, Any],
    ids: Annotated[
        list[str] | None,
        typer.Argument(
            help="Show these events in full (every field, its score, its file and line).",
            metavar="[ID...]",
            autocompletion=complete.ids,
            show_default=False,
        ),
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit",
            "-n",
            help="Only the N most recent matches (still oldest first).",
            metavar="N",
            show_default=False,
        ),
    ] = None,
    reverse: Annotated[bool, typer.Option("--reverse", "-r", help="Newest first.")] = False,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="table for people, json for programs.")
    ] = OutputFormat.table,
    no_pager: Annotated[bool, NoPagerOpt] = False,
) -> None:
    """Print the matching events as a colour-coded timeline, grouped by year and month;
    with IDs, those events in full.

    On a terminal the output goes through a pager ($TIMELINE_PAGER, else the settings
    file's, else $PAGER, else `less -FRX`: a short answer prints and exits); --no-pager
    prints it straight."""
    timeline = open_timeline(ctx, sync=True)
    if ids:
        if filters or limit or reverse:
            raise typer.BadParameter("give event ids or filters, not both", param_hint="'ID'")
        _show_in_full(ctx, timeline, ids, output_format, paging=not no_pager)
        return
    query = timeline.query(**filters, limit=limit, reverse=reverse)
    with paged(output_of(ctx), not no_pager) as (out, width):
        if output_format is OutputFormat.json:
            from timeline.export import ExportOptions, write_json

            write_json(timeline.select_json(query), out, ExportOptions())
            return
        from timeline.render import timeline_view

        console = output_of(ctx).console(out, width)
        described = query.describe()
        shown = timeline.shown(query)
        timeline_view(console, shown, empty_hint=described and f"({described})")


def _show_in_full(
    ctx: typer.Context, timeline: Timeline, ids: list[str], output_format: OutputFormat,
    *, paging: bool,
) -> None:  # fmt: skip
    events = {event_id: timeline.get(event_id) for event_id in dict.fromkeys(ids)}
    missing = [event_id for event_id, event in events.items() if event is None]
    if missing:
        listed = ", ".join(map(repr, missing))
        raise TimelineError(f"no event with id {listed} (TAB after `show` completes ids)")
    found = [
        (event, timeline.file_of(event.id), timeline.row_ids(event.id))
        for event in events.values()
        if event
    ]
    if output_format is OutputFormat.json:
        records = [
            event.to_dict() | {"file": place.path if place else None,
                               "line": place.line if place else None}
            | ({"row_ids": row_ids} if row_ids else {})
            for event, place, row_ids in found
        ]  # fmt: skip
        typer.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    from timeline.card import event_card

    with paged(output_of(ctx), paging) as (out, width):
        console = output_of(ctx).console(out, width)
        for number, (event, place, row_ids) in enumerate(found):
            if number:
                console.print()
            event_card(console, event, place, row_ids)


@command()
@with_filters
def export(
    ctx: typer.Context,
    filters: dict[str, Any],
    output_format: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="csv for spreadsheets, json, jsonl and yaml (both reloadable), ics "
            "(calendars), timelinejs (Knight Lab), html (one page to look at and share), "
            "dyad-year (a CSV panel of country pairs by year, with COW and G–W codes), "
            "parquet (typed columns for DuckDB, pandas, Spark; needs timeline[parquet]). "
            "Default: what the --output file's extension names, else csv.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            readable=False,  # the command names an unreadable file in one line, exit 1
            help="Write to this file (whole or not at all) instead of stdout.",
            metavar="FILE",
            show_default=False,
        ),
    ] = None,
    allow_formulas: Annotated[
        bool,
        typer.Option(
            "--allow-formulas",
            help="CSV: keep cells that start with = + - @ "
            "as they are (by default they get a leading ' so that a "
            "spreadsheet shows them instead of running them).",
        ),
    ] = False,
    title: Annotated[
        str | None,
        typer.Option(
            "--title",
            help="The title of the page, calendar or TimelineJS timeline (default: the "
            "filters in words).",
            metavar="TEXT",
            show_default=False,
        ),
    ] = None,
    description: Annotated[
        str | None,
        typer.Option(
            "--description",
            help="The page's description: under its title, and in the preview of a shared "
            "link (meta description, Open Graph, Twitter card).",
            metavar="TEXT",
            show_default=False,
        ),
    ] = None,
    credit: Annotated[
        str | None,
        typer.Option(
            "--credit",
            help="The page's byline, under its title.",
            metavar="TEXT",
            show_default=False,
        ),
    ] = None,
    directed: Annotated[
        bool,
        typer.Option(
            "--directed",
            help="dyad-year: ordered pairs, in the order an event lists its countries (a "
            "coded event's source, then its target), instead of unordered ones.",
        ),
    ] = False,
    fill: Annotated[
        bool,
        typer.Option(
            "--fill",
            help="dyad-year: a row of zeros for each year of the range (--since to "
            "--until, else the years found) in which a pair has no events.",
        ),
    ] = False,
) -> None:
    """Write the matching events as CSV, JSON, JSON Lines, YAML, iCalendar, TimelineJS, a
    self-contained HTML page or Parquet, oldest first; or their dyad-year panel."""
    timeline = open_timeline(ctx, sync=True)
    fmt = output_format.value if output_format else None
    options: dict[str, Any] = {
        "allow_formulas": allow_formulas, "title": title, "description": description,
        "credit": credit, "directed": directed, "fill": fill,
    }  # fmt: skip
    if output is None:
        from timeline.export import FORMATS

        fmt = fmt or "csv"
        if FORMATS[fmt].binary:
            if output_of(ctx).stdout_is_terminal:
                raise TimelineError(f"{fmt} is binary: give --output FILE, or redirect stdout")
            sys.stdout.flush()
            timeline.export(fmt, sys.stdout.buffer, **options, **filters)
            return
        sys.stdout.reconfigure(newline=FORMATS[fmt].newline)  # type: ignore[union-attr]
        timeline.export(fmt, sys.stdout, **options, **filters)
        return
    count = timeline.export(fmt, output, **options, **filters)
    noun = "row" if fmt == "dyad-year" else "event"
    output_of(ctx).say(f"Wrote {counted(count, noun)} to {shown_path(output)}")


@command()
@with_filters
def stats(
    ctx: typer.Context,
    filters: dict[str, Any],
    by: Annotated[
        By | None,
        typer.Option(
            "--by",
            help="Period of the bars (default: the coarsest that gives at least five).",
            show_default=False,
        ),
    ] = None,
    scale: Annotated[
        ScaleChoice | None,
        typer.Option(
            "--scale",
            help="Score to chart: goldstein (CAMEO codes, hand-kept kinds) or intensity "
            "(PLOVER, from POLECAT); default: goldstein, unless only POLECAT events match.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="table for people, json for programs.")
    ] = OutputFormat.table,
) -> None:
    """Chart the matching events: per period and kind, the busiest countries and pairs, and
    the cooperation-conflict line (Goldstein's scale or PLOVER's intensity, never mixed).
    With --between A B: that relationship."""
    result = open_timeline(ctx, sync=True).stats(by=by.value if by else None, **filters)
    if output_format is OutputFormat.json:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return
    from timeline.charts import stats_view

    stats_view(output_of(ctx).console(), result, scale.value if scale else result.scale)


def kinds(
    ctx: typer.Context,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="table for people, json for programs.")
    ] = OutputFormat.table,
    no_pager: Annotated[bool, NoPagerOpt] = False,
) -> None:
    """List the kinds of event with their colours, aliases, and CAMEO and PLOVER codes
    (through the pager on a terminal, as `show`)."""
    from timeline.charts import kind_records, kinds_view

    if output_format is OutputFormat.json:
        typer.echo(json.dumps(kind_records(), ensure_ascii=False, indent=2))
        return
    with paged(output_of(ctx), not no_pager) as (out, width):
        kinds_view(output_of(ctx).console(out, width))
