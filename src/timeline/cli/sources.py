"""The files timeline reads: the ones `load` remembers (sources), event files checked
(check), and the settings file (config)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Annotated

import typer

from timeline.cli.app import command, open_timeline, output_of, state_of, today
from timeline.cli.options import CheckOutput, OutputFormat
from timeline.cli.status import ExitStatus
from timeline.words import counted


@command()
def sources(
    ctx: typer.Context,
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
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="table for people, json for programs.")
    ] = OutputFormat.table,
) -> None:
    """List the files that `load` remembers, and whether each is loaded, changed, broken
    or gone. Commands re-load a changed file before they run."""
    timeline = open_timeline(ctx)
    if forget is not None:
        kept = timeline.forget(forget)
        stay = "stays" if kept == 1 else "stay"
        typer.echo(f"Forgot {forget.resolve()}; its {counted(kept, 'event')} {stay} in the store.")
        return
    files = timeline.files()
    if output_format is OutputFormat.json:
        records = [dataclasses.asdict(known) for known in files]
        typer.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    if not files:
        typer.echo("No remembered files: `timeline load FILE` remembers FILE.")
        return
    for known in files:
        typer.echo(f"{known.path}: {counted(known.events, 'event')}, {known.detail}")


@command()
def check(
    ctx: typer.Context,
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
        CheckOutput, typer.Option("--format", "-f", help="text for people, json for programs.")
    ] = CheckOutput.text,
) -> None:
    """Check event files for errors and doubtful data, without writing the store.

    Errors: events that do not validate. Warnings: events without sources, planned events
    whose date has passed, held events in the future, probable duplicates (same countries,
    dates at most two days apart, similar titles). Exit 1 on an error (--strict: on a
    warning too), so it can guard a commit.
    """
    from collections import Counter

    from timeline.quality import KINDS_OF_FINDING, SHOWN_PER_KIND, iter_check

    files = files or [known.path for known in open_timeline(ctx).files()]
    findings = iter_check(files, today=today())
    kinds: Counter[str] = Counter()
    levels: Counter[str] = Counter()
    if output_format is CheckOutput.json:  # every finding, for programs, as they come
        print("[", end="")
        for number, finding in enumerate(findings):
            levels[finding.level] += 1
            print("," if number else "", json.dumps(finding.to_dict(), ensure_ascii=False),
                  sep="\n  ", end="")  # fmt: skip
        print("\n]" if levels else "]")
    else:  # the first SHOWN_PER_KIND of each kind, then how many more there are
        for finding in findings:
            kinds[finding.kind] += 1
            levels[finding.level] += 1
            if kinds[finding.kind] <= SHOWN_PER_KIND:
                typer.echo(str(finding))
        for kind, count in kinds.items():
            if count > SHOWN_PER_KIND:
                more = counted(count - SHOWN_PER_KIND, "more", "more")
                typer.echo(f"... and {more} {KINDS_OF_FINDING[kind]}")
        summary = (
            f"{counted(len(files), 'file')} checked: {counted(levels['error'], 'error')}, "
            f"{counted(levels['warning'], 'warning')}"
        )
        output_of(ctx).say(summary, style="dim")
    if levels["error"] or (strict and levels["warning"]):
        raise typer.Exit(ExitStatus.ERROR)


@command()
def ids(
    ctx: typer.Context,
    files: Annotated[
        list[str],
        typer.Argument(help="YAML event files.", metavar="FILE...", show_default=False),
    ],
    check_only: Annotated[
        bool,
        typer.Option(
            "--check", help="Write nothing; list the events without an id and exit 1 if any."
        ),
    ] = False,
) -> None:
    """Write an `id:` line into every event that has none, changing nothing else.

    An event without an id gets one derived from its date, countries and title, so fixing
    a typo in its title would change it; written into the file, the id stays. Comments,
    blank lines, key order and quoting stay byte for byte. With --check (for pre-commit
    and CI) nothing is written.
    """
    from timeline.editing import missing_ids, write_ids

    if check_only:
        missing = missing_ids(files, today=today())
        for name, line, derived in missing:
            typer.echo(f"{name}:{line}: event has no id (it is {derived} for now)")
        if missing:
            output_of(ctx).say(
                f"{counted(len(missing), 'event')} without an id; run `timeline ids "
                f"{' '.join(dict.fromkeys(name for name, _, _ in missing))}` to write them"
            )
            raise typer.Exit(ExitStatus.ERROR)
        return
    for name, count in write_ids(files, today=today()).items():
        typer.echo(f"{name}: {counted(count, 'id')} written")


@command(name="config")
def config_command(ctx: typer.Context) -> None:
    """Print the settings in effect and where each came from: its option, its TIMELINE_*
    variable, the settings file (config.toml in the user config directory, or
    $TIMELINE_CONFIG), or the default."""
    from timeline.config import config_path, in_effect

    settings = state_of(ctx)
    path = config_path()
    typer.echo(f"{'settings file':<15}{path}{'' if path.exists() else ' (none)'}")
    given_db = str(settings.db) if settings.db else None
    for name, chosen in in_effect(given_db, settings.colour_given).items():
        value = chosen.value if chosen.value is not None else "—"
        typer.echo(f"{name:<15}{value}  ({chosen.source})")
