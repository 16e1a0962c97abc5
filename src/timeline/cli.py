"""The command line: parse options, call the library, render the answer.

The only module that imports typer. Every TimelineError ends here as one line on stderr.
"""

from __future__ import annotations

import datetime as dt
import errno
import functools
import inspect
import json
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from timeline.errors import FileError, StoreError, TimelineError, ValidationError, shown_path

if TYPE_CHECKING:
    from rich.console import Console

    from timeline.model import Event
    from timeline.query import Query
    from timeline.store import RememberedFile, Store


class _Group(typer.core.TyperGroup):
    """Turns every TimelineError into one line on stderr and its exit code: the one exit
    point for a user's mistake (`--debug` shows the traceback instead)."""

    def invoke(self, ctx: typer.Context) -> object:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except TimelineError as error:
            if settings.debug:
                raise
            raise typer.Exit(_fail(error)) from None
        except sqlite3.DatabaseError as error:  # damage found while reading: no traceback
            if settings.debug:
                raise
            message = f"cannot read the database {settings.opened}: {error}"
            raise typer.Exit(_fail(StoreError(message))) from None
        except BrokenPipeError:  # `timeline show | head`: the reader has all it wants
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(1) from None
        except OSError as error:  # a file operation no command foresaw: still one line
            if settings.debug:
                raise
            failed = FileError(error.filename or "a file", error, "use")
            raise typer.Exit(_fail(failed)) from None


app = typer.Typer(
    cls=_Group,
    name="timeline",
    help="Dated events between countries: keep them in YAML, ask about them in the terminal.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class CheckFormat(StrEnum):
    text = "text"
    json = "json"


class Format(StrEnum):
    table = "table"
    json = "json"


@dataclass
class Settings:
    db: Path | None = None
    debug: bool = False
    sync: bool = True
    opened: Path | None = None  # the database this command opened, for error messages


settings = Settings()


def today() -> dt.date:
    """The reference day for relative dates; TIMELINE_TODAY pins it for scripts and tests."""
    pinned = os.environ.get("TIMELINE_TODAY")
    if not pinned:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(pinned)
    except ValueError:
        raise TimelineError(f"TIMELINE_TODAY={pinned!r} is not a date (use YYYY-MM-DD)") from None


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def open_store(*, sync: bool = False) -> Store:
    """The store; with `sync`, remembered files that changed are re-loaded first (unless
    --no-sync), with a line on stderr for each."""
    from timeline.store import open_store as open_path

    store = open_path(settings.db)
    settings.opened = store.path
    if sync and settings.sync:
        from timeline.sync import sync as sync_sources

        for notice in sync_sources(store, today=today(), now=now()):
            style = "yellow" if notice.warning else "dim"
            prefix = "Warning: " if notice.warning else ""
            _stderr_console().print(
                prefix + notice.message, style=style, markup=False, soft_wrap=True
            )
    return store


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"timeline {version('timeline')}")
        raise typer.Exit()


@app.callback()
def main_options(
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            readable=False,  # the command names an unreadable file in one line, exit 1
            help="Database file (default: $TIMELINE_DB, else the user data directory).",
            metavar="PATH",
            show_default=False,
        ),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")] = False,
    no_sync: Annotated[
        bool,
        typer.Option(
            "--no-sync",
            help="Do not re-load remembered files that changed since they were loaded.",
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    settings.db = db
    settings.debug = debug
    settings.sync = not no_sync


@app.command()
def load(
    files: Annotated[
        list[str],
        typer.Argument(
            help="YAML (.yaml, .yml), JSON (.json) or JSON Lines (.jsonl) files; "
            "'-' reads YAML from stdin.",
            metavar="FILE...",
            show_default=False,
        ),
    ],
    prune: Annotated[
        bool,
        typer.Option(
            "--prune",
            help="Remove events an earlier load of the same file stored that are no longer in it.",
        ),
    ] = False,
) -> None:
    """Validate event files and upsert them into the store, all or nothing.

    Every problem in every file is reported (file, line, event, field) before anything is
    written. Loading the same file twice changes nothing. The files are remembered: when one
    changes, the next command re-loads it (see `timeline sources`).
    """
    from timeline.loader import STDIN, load_files, paused_gc

    if prune and STDIN in files:
        raise typer.BadParameter("--prune needs files: stdin has no earlier load to compare")
    with paused_gc():
        with _progress("Validating") as advance:
            loaded = load_files(files, today=today(), on_progress=advance)
        problems = [problem for file in loaded for problem in file.problems]
        if problems:
            raise ValidationError(problems)
        from timeline.sync import record_load

        nameless = [file.name for file in loaded if file.path and not file.origin]
        if nameless and prune:
            raise TimelineError(f"--prune needs a file name that is UTF-8 text: {nameless[0]}")
        for name in nameless:
            _stderr_console().print(
                f"Warning: {name} is loaded but not remembered: its name is not UTF-8 text "
                "(rename the file for its changes to be followed)",
                style="yellow",
                markup=False,
                soft_wrap=True,
            )

        store = open_store()
        with store.transaction():
            reports = [
                f"{file.name}: {record_load(store, file, prune=prune, now=now())}"
                for file in loaded
            ]
    for report in reports:
        typer.echo(report)


# The option that sets each field, for messages about `add`.
_FIELD_OPTIONS = {
    "countries": "--country",
    "participants": "--participant",
    "tags": "--tag",
    "sources": "--source",
}


def _interactive() -> bool:
    return sys.stdin.isatty()


@app.command()
def add(
    ctx: typer.Context,
    date: Annotated[
        str | None,
        typer.Option(
            help="2026-01-13, 2026-01, 2026 or words ('next Tuesday', 'January 2026').",
            metavar="DATE",
            show_default=False,
        ),
    ] = None,
    title: Annotated[str | None, typer.Option(metavar="TEXT", show_default=False)] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            "-k",
            help="A kind or alias (see `timeline kinds`).",
            metavar="KIND",
            show_default=False,
        ),
    ] = None,
    country: Annotated[
        list[str] | None,
        typer.Option(
            "--country",
            "-c",
            help="Code or name; repeat, or separate with commas ('KR, Japan').",
            metavar="COUNTRY",
            show_default=False,
        ),
    ] = None,
    end: Annotated[
        str | None,
        typer.Option(help="Last day of a multi-day event.", metavar="DATE", show_default=False),
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(
            help="planned, held, cancelled or postponed.", metavar="STATUS", show_default=False
        ),
    ] = None,
    location: Annotated[str | None, typer.Option(metavar="PLACE", show_default=False)] = None,
    participant: Annotated[
        list[str] | None,
        typer.Option("--participant", "-p", help="Repeatable.", metavar="NAME", show_default=False),
    ] = None,
    tag: Annotated[
        list[str] | None,
        typer.Option("--tag", "-t", help="Repeatable.", metavar="TAG", show_default=False),
    ] = None,
    summary: Annotated[str | None, typer.Option(metavar="TEXT", show_default=False)] = None,
    source: Annotated[
        list[str] | None,
        typer.Option(help="URL or citation; repeatable.", metavar="SOURCE", show_default=False),
    ] = None,
    event_id: Annotated[
        str | None,
        typer.Option(
            "--id", help="Default: derived from date and title.", metavar="ID", show_default=False
        ),
    ] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Overwrite an event with the same id.")
    ] = False,
    to: Annotated[
        Path | None,
        typer.Option(
            "--to",
            readable=False,  # the command names an unreadable file in one line, exit 1
            help="Append the event to this YAML file (its text and comments stay as they "
            "are), then load the file.",
            metavar="FILE",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Record one event and print its id (so `id=$(timeline add ...)` works).

    Missing required values are asked for on a terminal; in a script they are an error.
    The same rules as `load` apply.
    """
    from timeline.errors import Problem
    from timeline.model import EventInvalid, validate

    if not (date and title and kind and country):
        date, title, kind, country = _ask_missing(ctx, date, title, kind, country)
    raw = {
        "id": event_id,
        "date": date,
        "end": end,
        "kind": kind,
        "status": status,
        "title": title,
        "countries": country,
        "location": location,
        "participants": participant,
        "tags": tag,
        "summary": summary,
        "sources": source,
    }
    try:
        event = validate({k: v for k, v in raw.items() if v is not None}, today=today())
    except EventInvalid as invalid:
        raise ValidationError(
            [
                Problem(message, field=_FIELD_OPTIONS.get(f or "", f"--{f}"))
                for f, message in invalid.problems
            ]
        ) from None
    if to is None:
        open_store(sync=True).add(event, replace=replace)
    elif replace:
        raise typer.BadParameter("edit the file to change an event in it", param_hint="--replace")
    else:
        _add_to_file(to, event)
    typer.echo(event.id)


def _add_to_file(path: Path, event: Event) -> None:
    """Append to a YAML file that loads before and after, then load it like `load --prune`."""
    from timeline.loader import load_file
    from timeline.sync import record_load
    from timeline.yamlfile import append_event

    if path.suffix.lower() not in (".yaml", ".yml"):
        raise TimelineError(f"{path}: --to needs a .yaml or .yml file")
    if path.is_dir():
        raise FileError(path, IsADirectoryError(errno.EISDIR, "is a directory"), "write")
    store = open_store(sync=True)
    if path.exists():
        before = load_file(str(path), today=today())
        if before.problems:
            raise TimelineError(
                f"{path} does not load, so nothing was added to it; fix it first: "
                f"{before.problems[0]}"
            )
        if any(e.id == event.id for e in before.events):
            raise TimelineError(f"{path} already has an event with id {event.id!r}")
    existing = store.get(event.id)
    if existing is not None:
        raise TimelineError(f"an event with id {event.id!r} is already stored; use --id")
    append_event(path, event)
    after = load_file(str(path), today=today())
    if after.problems:  # only if the file changed under us
        raise ValidationError(after.problems)
    with store.transaction():
        record_load(store, after, prune=True, now=now())


def _ask_missing(
    ctx: typer.Context,
    date: str | None,
    title: str | None,
    kind: str | None,
    country: list[str] | None,
) -> tuple[str, str, str, list[str]]:
    """Prompt for the required values not given; without a terminal, name them."""
    missing = [
        name
        for name, value in (
            ("--date", date),
            ("--title", title),
            ("--kind", kind),
            ("--country", country),
        )
        if not value
    ]
    if not _interactive():
        ctx.fail(f"Missing {', '.join(missing)}: required when not on a terminal.")
    from timeline.countries import to_alpha2
    from timeline.dates import parse_date
    from timeline.model import KINDS, resolve_kind

    def checked(convert: Callable[[str], object]) -> Callable[[str], str]:
        def check(text: str) -> str:
            try:
                convert(text)
            except ValueError as error:
                raise typer.BadParameter(str(error)) from None
            return text

        return check

    def countries(text: str) -> list[str]:
        names = [name.strip() for name in text.split(",") if name.strip()]
        for name in names or [""]:
            checked(to_alpha2)(name)
        return names

    date = date or typer.prompt(
        "Date (2026-01-13, 2026-01, 2026, 'next Tuesday')",
        value_proc=checked(lambda v: parse_date(v, today=today())),
    )
    title = title or typer.prompt("Title", value_proc=checked(lambda v: v.strip() or _empty()))
    kind = kind or typer.prompt(f"Kind ({', '.join(KINDS)})", value_proc=checked(resolve_kind))
    country = country or typer.prompt(
        "Countries (codes or names, separated by commas)", value_proc=countries
    )
    return date, title, kind, country


def _empty() -> str:
    from timeline.errors import FieldError

    raise FieldError("is empty")


@app.command()
def remove(
    ids: Annotated[
        list[str],
        typer.Argument(help="Ids of the events to remove.", metavar="ID...", show_default=False),
    ],
) -> None:
    """Remove events by id. An unknown id is an error, and then nothing is removed."""
    open_store(sync=True).remove(ids)
    count = len(set(ids))
    typer.echo(f"Removed {count} event{'s' if count != 1 else ''}.")


# --- filters shared by show, export and stats ---------------------------------------------------

CountryOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--country",
        "-c",
        help="Events involving this country (code or name); repeat, or separate with "
        "commas, for any of several.",
        metavar="COUNTRY",
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
        "--between", metavar="A B", help="Events involving both A and B.", show_default=False
    ),
]
ParticipantOpt = Annotated[
    str | None,
    typer.Option(
        "--participant",
        "-p",
        help="Participant name contains this text (any case).",
        metavar="NAME",
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
        show_default=False,
    ),
]
StatusOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--status",
        help="planned, held, cancelled or postponed; repeatable, or comma-separated.",
        metavar="STATUS",
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
# Query.parse's name for each option.
_FILTERS = {
    "country": "countries",
    "kind": "kinds",
    "since": "since",
    "until": "until",
    "between": "between",
    "participant": "participant",
    "tag": "tags",
    "status": "statuses",
    "search": "search",
    "limit": "limit",
    "reverse": "reverse",
}


def with_filters(command: Callable[..., None]) -> Callable[..., None]:
    """Give a command the filter options shared by show, export and stats, declared once
    here; the command receives their values as one `filters` mapping."""
    own = inspect.signature(command, eval_str=True)
    shared = [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=kind)
        for name, kind in _FILTER_OPTIONS.items()
    ]
    rest = [
        p.replace(kind=inspect.Parameter.KEYWORD_ONLY)
        for p in own.parameters.values()
        if p.name != "filters"
    ]

    @functools.wraps(command)
    def run(**options: Any) -> None:
        filters = {name: options.pop(name) for name in _FILTER_OPTIONS}
        command(filters=filters, **options)

    signature = own.replace(parameters=[*shared, *rest])
    run.__signature__ = signature  # type: ignore[attr-defined]  # what Typer reads
    run.__annotations__ = {p.name: p.annotation for p in signature.parameters.values()}
    del run.__wrapped__  # Typer must read the signature above, not the original one
    return run


def _query(store: Store | None, options: dict[str, Any]) -> Query:
    """The Query of a command's filter options; bad values are usage errors naming the
    option."""
    from timeline.query import OptionError, Query

    stored = store.has_country if store else (lambda code: False)
    values = {_FILTERS[name]: value for name, value in options.items() if name in _FILTERS}
    try:
        return Query.parse(today=today(), is_stored_country=stored, **values)
    except OptionError as error:
        raise typer.BadParameter(str(error), param_hint=f"'{error.option}'") from None


@app.command()
@with_filters
def show(
    filters: dict[str, Any],
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
        Format, typer.Option("--format", "-f", help="table for people, json for programs.")
    ] = Format.table,
) -> None:
    """Print the matching events as a colour-coded timeline, grouped by year and month."""
    store = open_store(sync=True)
    query = _query(store, {**filters, "limit": limit, "reverse": reverse})
    events = store.select(query)
    if output_format is Format.json:
        from timeline.export import ExportOptions, write_json

        write_json(events, sys.stdout, ExportOptions())
        return
    from rich.console import Console

    from timeline.render import timeline_view

    described = query.describe()
    timeline_view(Console(highlight=False), events, empty_hint=described and f"({described})")


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"
    jsonl = "jsonl"
    yaml = "yaml"
    ics = "ics"
    timelinejs = "timelinejs"


@app.command()
@with_filters
def export(
    filters: dict[str, Any],
    output_format: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="csv for spreadsheets, json, jsonl and yaml (both reloadable), ics "
            "(calendars), timelinejs (Knight Lab).",
        ),
    ] = ExportFormat.csv,
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
) -> None:
    """Write the matching events as CSV, JSON, JSON Lines, YAML, iCalendar or TimelineJS,
    oldest first."""
    from timeline.export import FORMATS, FORMULA_STARTS, ExportOptions
    from timeline.files import atomic_write

    store = open_store(sync=True)
    query = _query(store, filters)
    described = query.describe()
    options = ExportOptions(
        title=f"Timeline: {described}" if described else "Timeline",
        today=today(),
    )
    chosen = FORMATS[output_format.value]
    guard = "" if allow_formulas else FORMULA_STARTS
    rows = store.select_flat(query, guard=guard) if chosen.flat else store.select(query)
    if output is None:
        sys.stdout.reconfigure(newline=chosen.newline)  # type: ignore[union-attr]
        chosen.write(rows, sys.stdout, options)
        return
    with atomic_write(output, newline=chosen.newline) as out:
        count = chosen.write(rows, out, options)  # type: ignore[arg-type]  # opened as text
    _stderr_console().print(
        f"Wrote {count} event{'s' if count != 1 else ''} to {shown_path(output)}", markup=False
    )


class Period(StrEnum):
    year = "year"
    quarter = "quarter"
    month = "month"


@app.command()
@with_filters
def stats(
    filters: dict[str, Any],
    by: Annotated[
        Period | None,
        typer.Option(
            "--by",
            help="Period of the bars (default: the coarsest that gives at least five).",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        Format, typer.Option("--format", "-f", help="table for people, json for programs.")
    ] = Format.table,
) -> None:
    """Chart the matching events: per period and kind, the busiest countries and pairs, and
    the cooperation-conflict (Goldstein) line. With --between A B: that relationship."""
    from timeline.stats import compute

    store = open_store(sync=True)
    query = _query(store, filters)
    result = compute(store, query, by.value if by else None)
    if output_format is Format.json:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return
    from rich.console import Console

    from timeline.render import stats_view

    stats_view(Console(highlight=False), result)


@app.command()
def sources(
    forget: Annotated[
        Path | None,
        typer.Option(
            "--forget",
            readable=False,  # the command names an unreadable file in one line, exit 1
            help="Stop following this file (its events stay).",
            metavar="FILE",
            show_default=False,
        ),
    ] = None,
) -> None:
    """List the files that `load` remembers, and whether each is loaded, changed, broken
    or gone. Commands re-load a changed file before they run."""
    store = open_store()
    if forget is not None:
        path = str(forget.resolve())
        # A name that is not UTF-8 text is never remembered (SQLite keeps UTF-8 only).
        if shown_path(path) != path or not store.forget(path):
            raise TimelineError(
                f"{shown_path(forget)} is not a remembered file (see `timeline sources`)"
            )
        typer.echo(f"Forgot {path}; its {store.count_from(path)} events stay in the store.")
        return
    remembered = store.remembered_files()
    if not remembered:
        typer.echo("No remembered files: `timeline load FILE` remembers FILE.")
        return
    for source in remembered:
        typer.echo(f"{source.path}: {store.count_from(source.path)} events, {_state(source)}")


def _state(source: RememberedFile) -> str:
    try:
        status = os.stat(source.path)
    except OSError:
        return "gone (its events are kept)"
    seen = (status.st_size, status.st_mtime_ns)
    if seen == (source.size, source.mtime_ns):
        return f"loaded {source.loaded_at}"
    if source.problem and seen == (source.problem_size, source.problem_mtime_ns):
        return f"does not load: {source.problem}"
    return "changed (re-loaded by the next command)"


@app.command()
def check(
    files: Annotated[
        list[str] | None,
        typer.Argument(
            help="Event files (default: the remembered files).",
            metavar="[FILE...]",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 on warnings too, not only on errors.")
    ] = False,
    output_format: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="text for people, json for programs.")
    ] = CheckFormat.text,
) -> None:
    """Check event files for errors and doubtful data, without writing the store.

    Errors: events that do not validate. Warnings: events without sources, planned events
    whose date has passed, held events in the future, probable duplicates (same countries,
    dates at most two days apart, similar titles). Exit 1 on an error (--strict: on a
    warning too), so it can guard a commit.
    """
    from timeline.check import check_files
    from timeline.loader import paused_gc

    if not files:
        files = [source.path for source in open_store().remembered_files()]
        if not files:
            raise TimelineError("no files given and none remembered: name the files to check")
    with paused_gc():
        findings = check_files(files, today=today())
    if output_format is CheckFormat.json:
        typer.echo(json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            typer.echo(str(finding))
        errors = sum(f.level == "error" for f in findings)
        warnings = len(findings) - errors
        summary = (
            f"{len(files)} file{'s' if len(files) != 1 else ''} checked: {errors} "
            f"error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
        )
        _stderr_console().print(summary, markup=False, style="dim")
    if any(f.level == "error" or strict for f in findings):
        raise typer.Exit(1)


import_app = typer.Typer(
    help="Bring machine-coded event data (GDELT, ICEWS) into the store.",
    no_args_is_help=True,
)
app.add_typer(import_app, name="import")

ImportFiles = Annotated[
    list[Path],
    typer.Argument(
        help="Event files, plain or .zip.",
        metavar="FILE...",
        show_default=False,
        readable=False,  # the importer names an unreadable file in one line, exit 1
    ),
]
ImportCountryOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--country",
        "-c",
        help="Keep events with this country on either side; repeatable.",
        metavar="COUNTRY",
        show_default=False,
    ),
]
CameoOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--cameo",
        help="Keep event codes with this prefix; repeatable (default: "
        "03, 04, 05, the diplomacy roots).",
        metavar="PREFIX",
        show_default=False,
    ),
]
StrictOpt = Annotated[
    bool, typer.Option("--strict", help="A bad row is an error (nothing is imported).")
]


@import_app.command("gdelt")
def import_gdelt(
    files: ImportFiles,
    country: ImportCountryOpt = None,
    cameo: CameoOpt = None,
    min_sources: Annotated[
        int,
        typer.Option(
            "--min-sources", help="Keep events reported by at least N sources.", metavar="N", min=0
        ),
    ] = 0,
    since: SinceOpt = None,
    until: UntilOpt = None,
    strict: StrictOpt = False,
) -> None:
    """Import GDELT event exports: 2.0 (61 columns) and 1.0 (57 or 58), plain or .zip.

    Countries are the actors' (Actor1 first), the action geography gives the location, and
    the two rows GDELT codes for one visit (042 and 043, same day and source) become one
    event. Ids are gdelt-<GlobalEventID>, so importing a file twice changes nothing.
    """
    from timeline.importer import gdelt_events

    _import(gdelt_events, files, country, cameo, min_sources, since, until, strict)


@import_app.command("icews")
def import_icews(
    files: ImportFiles,
    country: ImportCountryOpt = None,
    cameo: CameoOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    strict: StrictOpt = False,
) -> None:
    """Import ICEWS coded event files (tab-separated, with a header), plain or .zip.

    Countries are the source's and the target's, by name. Ids are icews-<Event ID>.
    """
    from timeline.importer import icews_events

    _import(icews_events, files, country, cameo, 0, since, until, strict)


def _import(
    reader: Any,
    files: list[Path],
    countries: list[str] | None,
    cameo: list[str] | None,
    min_sources: int,
    since: str | None,
    until: str | None,
    strict: bool,
) -> None:
    from timeline.importer import DIPLOMACY, Filters, import_files
    from timeline.loader import paused_gc

    for prefix in cameo or ():
        if not (prefix.isdigit() and 1 <= len(prefix) <= 4):
            raise typer.BadParameter(f"{prefix!r} is not a CAMEO code prefix", param_hint="--cameo")
    query = _query(None, {"country": countries, "since": since, "until": until})
    filters = Filters(
        countries=frozenset(query.countries),
        cameo=tuple(cameo or DIPLOMACY),
        min_sources=min_sources,
        since=query.since,
        until=query.until,
    )
    store = open_store()
    with paused_gc(), _progress("Importing") as advance:
        results = import_files(store, reader, files, filters, strict=strict, on_progress=advance)
    for report, counts in results:
        typer.echo(f"{report.name}: {report}\n  {counts}")


@app.command()
def kinds() -> None:
    """List the kinds of event with their colours, aliases and CAMEO codes."""
    from rich.console import Console

    from timeline.render import kinds_view

    kinds_view(Console(highlight=False))


@contextmanager
def _progress(label: str) -> Iterator[Callable[[int], None] | None]:
    """A progress count on stderr while a long load is validated, on a terminal only."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.progress import Progress

    with Progress(console=_stderr_console(), transient=True) as bar:
        task = bar.add_task(label, total=None)
        yield lambda n: bar.advance(task, n)


def _stderr_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def _fail(error: TimelineError) -> int:
    console = _stderr_console()
    if isinstance(error, ValidationError):
        for problem in error.problems:
            console.print(str(problem), markup=False, soft_wrap=True)
    console.print(f"Error: {error}", style="bold red", markup=False, soft_wrap=True)
    return int(error.exit_code)


def main() -> None:
    """The console script."""
    app(prog_name="timeline")
