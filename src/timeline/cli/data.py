"""Commands that bring events in, change them and take them out: load, add, remove,
edit."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from timeline.cli import complete
from timeline.cli.app import command, open_timeline, output_of, today
from timeline.cli.options import (
    FieldCameo,
    FieldCountries,
    FieldDate,
    FieldEnd,
    FieldId,
    FieldKind,
    FieldLocation,
    FieldParticipants,
    FieldPlover,
    FieldSources,
    FieldStatus,
    FieldSummary,
    FieldTags,
    FieldTitle,
    ReplaceOpt,
    ToFileOpt,
)
from timeline.cli.status import ExitStatus
from timeline.cli.wording import flag
from timeline.countries import to_alpha2
from timeline.dates import parse_span, read_as
from timeline.errors import FieldError, Problem, TimelineError, ValidationError
from timeline.kinds import KINDS, resolve_kind
from timeline.loading.formats import is_yaml


@command()
def load(
    ctx: typer.Context,
    files: Annotated[
        list[str],
        typer.Argument(
            help="YAML (.yaml, .yml), JSON (.json) or JSON Lines (.jsonl) files, or folders "
            "of them; '-' reads YAML from stdin.",
            metavar="FILE|DIR...",
            show_default=False,
        ),
    ],
    recursive: Annotated[
        bool,
        typer.Option("--recursive", "-r", help="A folder's subfolders' files too."),
    ] = False,
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
    with output_of(ctx).progress("Loading", total_bytes=_size(files)) as advance:
        report = open_timeline(ctx).load(
            *files, prune=prune, recursive=recursive, on_progress=advance
        )
    for message in report.warnings:
        output_of(ctx).warn(message)
    for name, _ in report.without_id:
        fix = f"run 'timeline ids {name}'" if is_yaml(name) else "write an id into each"
        output_of(ctx).say(f"{name}: to keep the ids, {fix}", style="yellow")
    for name, counts in report.files:
        typer.echo(f"{name}: {counts}")


def _size(files: list[str]) -> int | None:
    """The bytes to read, for the progress bar; None when not known (stdin, a folder)."""
    try:
        if any(Path(name).is_dir() for name in files):
            return None
        return sum(Path(name).stat().st_size for name in files)
    except (OSError, ValueError):
        return None


@command()
def add(
    ctx: typer.Context,
    date: FieldDate = None,
    title: FieldTitle = None,
    kind: FieldKind = None,
    country: FieldCountries = None,
    end: FieldEnd = None,
    status: FieldStatus = None,
    location: FieldLocation = None,
    participant: FieldParticipants = None,
    tag: FieldTags = None,
    summary: FieldSummary = None,
    source: FieldSources = None,
    cameo: FieldCameo = None,
    plover: FieldPlover = None,
    event_id: FieldId = None,
    replace: ReplaceOpt = False,
    to: ToFileOpt = None,
) -> None:
    """Record one event and print its id (so `id=$(timeline add ...)` works).

    Missing required values are asked for on a terminal; in a script they are an error.
    The same rules as `load` apply.
    """
    optional: dict[str, Any] = {"location": location, "participants": participant,
                                "tags": tag, "sources": source, "status": status}  # fmt: skip
    if not (date and title and kind and country):
        date, title, kind, country = _ask_missing(ctx, date, title, kind, country)
        optional |= _ask_optional(optional)
    assert date and title and kind and country  # asked for, or the command has failed
    if to is None and not replace:  # the settings file's `add_to`: the source of truth
        from timeline.config import setting

        configured = setting("add_to").value
        to = Path(configured) if configured else None
    try:
        event = open_timeline(ctx, sync=True).add(
            date=date,
            title=title,
            kind=kind,
            countries=country,
            end=end,
            **optional,
            summary=summary,
            cameo=cameo,
            plover=plover,
            id=event_id,
            replace=replace,
            to=to,
        )
    except ValidationError as invalid:  # named by the options that set the fields
        raise ValidationError(
            [Problem(p.message, field=flag(p.field) if p.field else None) for p in invalid.problems]
        ) from None
    typer.echo(event.id)


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
    if not output_of(ctx).stdin_is_terminal:
        ctx.fail(f"Missing {', '.join(missing)}: required when not on a terminal.")

    def valid(convert: Callable[[str], object]) -> Callable[[str], str]:
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
            valid(to_alpha2)(name)
        return names

    date = date or typer.prompt(
        "Date (2026-01-13, 2026-01, 2026, 'next Tuesday', '18-19 June 2023')",
        value_proc=valid(lambda v: parse_span(v, today=today())),
    )
    output_of(ctx).say(f"  read as {read_as(*parse_span(date, today=today()))}", style="dim")
    title = title or typer.prompt("Title", value_proc=valid(lambda v: v.strip() or _empty()))
    kind = kind or typer.prompt(f"Kind ({', '.join(KINDS)})", value_proc=valid(resolve_kind))
    country = country or typer.prompt(
        "Countries (codes or names, separated by commas)", value_proc=countries
    )
    return date, title, kind, country


# The optional fields an interactive `add` offers (Timeline.add's names), as it asks.
OPTIONAL_PROMPTS = {
    "location": "Location",
    "participants": "Participants (separated by commas)",
    "tags": "Tags (separated by commas)",
    "sources": "Sources (URLs or citations, separated by spaces)",
    "status": "Status (held, planned, cancelled, postponed)",
}


def _ask_optional(given: dict[str, Any]) -> dict[str, Any]:
    """Offer the optional fields not given; Enter leaves one out."""
    asked: dict[str, Any] = {}
    for name, prompt in OPTIONAL_PROMPTS.items():
        if given.get(name):
            continue
        answer = typer.prompt(f"{prompt}, or Enter for none", default="", show_default=False)
        if not answer.strip():
            continue
        if name in ("location", "status"):
            asked[name] = answer.strip()
        else:  # lists: commas split participants and tags (as --participant), spaces sources
            asked[name] = answer.split() if name == "sources" else [answer]
    return asked


def _empty() -> str:
    raise FieldError("is empty")


@command()
def remove(
    ctx: typer.Context,
    ids: Annotated[
        list[str],
        typer.Argument(
            help="Ids of the events to remove.",
            metavar="ID...",
            autocompletion=complete.ids,
            show_default=False,
        ),
    ],
) -> None:
    """Remove events by id. An unknown id is an error, and then nothing is removed."""
    count = open_timeline(ctx, sync=True).remove(ids)
    typer.echo(f"Removed {count} event{'s' if count != 1 else ''}.")


@command()
def edit(
    ctx: typer.Context,
    event_id: Annotated[
        str,
        typer.Argument(
            help="The id of the event to edit.",
            metavar="ID",
            autocompletion=complete.ids,
            show_default=False,
        ),
    ],
    to: Annotated[
        Path | None,
        typer.Option(
            "--to",
            help="For an event that came from no file: write it into this YAML file first.",
            metavar="FILE",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Open the event's file in $VISUAL (else $EDITOR, else vi) at the event's line, then
    load what changed. An event that came from no file (added without --to, imported)
    is written into a YAML file first with --to FILE."""
    from timeline.cli.editor import run_editor

    timeline = open_timeline(ctx, sync=True)
    if timeline.get(event_id) is None:
        raise TimelineError(f"no event with id {event_id!r} (TAB after `edit` completes ids)")
    place = timeline.file_of(event_id)
    if place is None:
        if to is None:
            raise TimelineError(
                f"{event_id!r} came from no file (added without --to, or imported); "
                f"`timeline edit {event_id} --to FILE.yaml` writes it into a YAML file and "
                "opens it there"
            )
        place = timeline.move_to_file(event_id, to)
        output_of(ctx).say(f"Wrote {event_id} into {place.path}", style="dim")
    elif to is not None:
        raise typer.BadParameter(
            f"{event_id!r} is already kept in {place.path}", param_hint="'--to'"
        )
    path = Path(place.path)
    before = _stat(path)
    run_editor(path, place.line)
    if _stat(path) == before:
        output_of(ctx).say(f"No change to {place.path}", style="dim")
        return
    timeline.sync()  # its notices say what was re-loaded, or why the file no longer loads
    if any(known.path == place.path and known.state == "broken" for known in timeline.files()):
        raise typer.Exit(ExitStatus.ERROR)  # the file no longer loads: said above


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns
