"""The options that several commands share: the filters of show, export and stats,
declared once, and the choices of --format and --by."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from timeline.cli import complete


class OutputFormat(StrEnum):
    """--format of show and stats."""

    table = "table"
    json = "json"


class CheckOutput(StrEnum):
    """--format of check."""

    text = "text"
    json = "json"


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"
    jsonl = "jsonl"
    yaml = "yaml"
    ics = "ics"
    timelinejs = "timelinejs"
    html = "html"
    dyad_year = "dyad-year"
    parquet = "parquet"


class By(StrEnum):
    """--by of stats: the period of the bars."""

    year = "year"
    quarter = "quarter"
    month = "month"


class ScaleChoice(StrEnum):
    """--scale of stats: which events' score the chart shows."""

    goldstein = "goldstein"
    intensity = "intensity"


CountryOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--country",
        "-c",
        help="Events involving this country (code or name); repeat, or separate with "
        "commas, for any of several.",
        metavar="COUNTRY",
        autocompletion=complete.countries,
        show_default=False,
    ),
]
KindOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--kind",
        "-k",
        help="Events of this kind or alias; repeatable, or comma-separated.",
        metavar="KIND",
        autocompletion=complete.kinds,
        show_default=False,
    ),
]
SinceOpt = Annotated[
    str | None,
    typer.Option(
        "--since",
        help="From this date: 2025, 2025-06, 2025-06-01, '3 months ago'.",
        metavar="DATE",
        show_default=False,
    ),
]
UntilOpt = Annotated[
    str | None,
    typer.Option(
        "--until",
        help="Up to this date, inclusive at its precision (--until 2025 includes all of 2025).",
        metavar="DATE",
        show_default=False,
    ),
]
BetweenOpt = Annotated[
    tuple[str, str] | None,
    typer.Option(
        "--between",
        metavar="A B",
        help="Events involving both A and B.",
        autocompletion=complete.countries,
        show_default=False,
    ),
]
ParticipantOpt = Annotated[
    str | None,
    typer.Option(
        "--participant",
        "-p",
        help="Participant name contains this text (any case).",
        metavar="NAME",
        autocompletion=complete.participants,
        show_default=False,
    ),
]
TagOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--tag",
        "-t",
        help="Events with this tag; repeatable, or comma-separated.",
        metavar="TAG",
        autocompletion=complete.tags,
        show_default=False,
    ),
]
StatusOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--status",
        help="planned, held, cancelled or postponed; repeatable, or comma-separated.",
        metavar="STATUS",
        autocompletion=complete.statuses,
        show_default=False,
    ),
]
SearchOpt = Annotated[
    str | None,
    typer.Option(
        "--search",
        "-s",
        help="Full-text search over title, summary, location and "
        "participants (every word, as a prefix; Korean, Japanese and Chinese words "
        "anywhere).",
        metavar="TEXT",
        show_default=False,
    ),
]


_FILTER_OPTIONS = {
    "country": CountryOpt,
    "kind": KindOpt,
    "since": SinceOpt,
    "until": UntilOpt,
    "between": BetweenOpt,
    "participant": ParticipantOpt,
    "tag": TagOpt,
    "status": StatusOpt,
    "search": SearchOpt,
}


def with_filters(command: Callable[..., None]) -> Callable[..., None]:
    """Give a command the filter options shared by show, export and stats, declared once
    here; the command receives their values (those given) as one `filters` mapping."""
    return filters_but()(command)


def filters_but(*left_out: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """As `with_filters`, without some filters (`upcoming` sets its own dates)."""
    options = {name: kind for name, kind in _FILTER_OPTIONS.items() if name not in left_out}

    def give(command: Callable[..., None]) -> Callable[..., None]:
        own = inspect.signature(command, eval_str=True)
        shared = [
            inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=kind)
            for name, kind in options.items()
        ]
        rest = [
            p.replace(kind=inspect.Parameter.KEYWORD_ONLY)
            for p in own.parameters.values()
            if p.name != "filters"
        ]

        @functools.wraps(command)
        def run(**values: Any) -> None:
            given = {name: values.pop(name) for name in options}
            command(filters={k: v for k, v in given.items() if v is not None}, **values)

        signature = own.replace(parameters=[*shared, *rest])
        run.__signature__ = signature  # type: ignore[attr-defined]  # what Typer reads
        run.__annotations__ = {p.name: p.annotation for p in signature.parameters.values()}
        del run.__wrapped__  # Typer must read the signature above, not the original one
        return run

    return give


# The fields of an event, as `add` sets them.
FieldDate = Annotated[
    str | None,
    typer.Option(
        help="2026-01-13, 2026-01, 2026 or words ('next Tuesday', 'January 2026').",
        metavar="DATE",
        show_default=False,
    ),
]
FieldTitle = Annotated[str | None, typer.Option(metavar="TEXT", show_default=False)]
FieldKind = Annotated[
    str | None,
    typer.Option(
        "--kind",
        "-k",
        help="A kind or alias (see `timeline kinds`).",
        metavar="KIND",
        autocompletion=complete.kinds,
        show_default=False,
    ),
]
FieldCountries = Annotated[
    list[str] | None,
    typer.Option(
        "--country",
        "-c",
        help="Code or name; repeat, or separate with commas ('KR, Japan').",
        metavar="COUNTRY",
        autocompletion=complete.countries,
        show_default=False,
    ),
]
FieldEnd = Annotated[
    str | None,
    typer.Option(help="Last day of a multi-day event.", metavar="DATE", show_default=False),
]
FieldStatus = Annotated[
    str | None,
    typer.Option(
        help="planned, held, cancelled or postponed.",
        metavar="STATUS",
        autocompletion=complete.statuses,
        show_default=False,
    ),
]
FieldLocation = Annotated[str | None, typer.Option(metavar="PLACE", show_default=False)]
FieldParticipants = Annotated[
    list[str] | None,
    typer.Option(
        "--participant",
        "-p",
        help="Repeatable.",
        metavar="NAME",
        autocompletion=complete.participants,
        show_default=False,
    ),
]
FieldTags = Annotated[
    list[str] | None,
    typer.Option(
        "--tag",
        "-t",
        help="Repeatable.",
        metavar="TAG",
        autocompletion=complete.tags,
        show_default=False,
    ),
]
FieldSummary = Annotated[str | None, typer.Option(metavar="TEXT", show_default=False)]
FieldSources = Annotated[
    list[str] | None,
    typer.Option(help="URL or citation; repeatable.", metavar="SOURCE", show_default=False),
]
FieldCameo = Annotated[
    str | None,
    typer.Option(
        help="CAMEO event code (163: sanctions); scores the event (see `timeline kinds`).",
        metavar="CODE",
        show_default=False,
    ),
]
FieldPlover = Annotated[
    str | None,
    typer.Option(help="PLOVER type and mode (CONSULT/visit).", metavar="CODE", show_default=False),
]
FieldId = Annotated[
    str | None,
    typer.Option(
        "--id",
        help="Default: derived from date, countries and title.",
        metavar="ID",
        autocompletion=complete.replaced_ids,
        show_default=False,
    ),
]
ReplaceOpt = Annotated[bool, typer.Option("--replace", help="Overwrite an event with the same id.")]
ToFileOpt = Annotated[
    Path | None,
    typer.Option(
        "--to",
        readable=False,  # the command names an unreadable file in one line, exit 1
        help="Append the event to this YAML file (its text and comments stay as they "
        "are), then load the file.",
        metavar="FILE",
        show_default=False,
    ),
]
