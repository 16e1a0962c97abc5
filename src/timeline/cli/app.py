"""The command group, its global options, and the one exit point for a user's mistake.

Every TimelineError ends here as one line on stderr (`--debug` shows the traceback); an
OptionError as a usage error naming the option, exit 2.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, cast

import typer

from timeline.cli.output import Colour as OutputColour
from timeline.cli.output import Output
from timeline.cli.status import ExitStatus
from timeline.cli.wording import flag, message, notice_text
from timeline.config import COLOURS, setting
from timeline.errors import (
    FileError,
    OptionError,
    StoreError,
    TimelineError,
    ValidationError,
)

if TYPE_CHECKING:
    from timeline.api import Timeline
    from timeline.following import Notice


class Colour(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


COMPLETE_VAR = "_TIMELINE_COMPLETE"  # set by the completion script a shell runs at TAB


@dataclass
class State:
    """The global options, handed down to the commands in Click's context."""

    db: Path | None = None
    debug: bool = False
    sync: bool = True
    opened: Path | None = None  # the database this command opened, for error messages
    colour_given: str | None = None  # --color, for `timeline config`
    output: Output = field(default_factory=Output)


class _Command(typer.core.TyperCommand):
    """A command whose bad option values (OptionError, from the library) are usage errors
    shown with this command's usage line."""

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except OptionError as error:
            hint = f"'{flag(error.option)}'"
            raise typer.BadParameter(message(error), ctx=ctx, param_hint=hint) from None


class _Group(typer.core.TyperGroup):
    """Turns every TimelineError into one line on stderr and its exit code."""

    def _main_shell_completion(self, *args: Any, **kwargs: Any) -> None:
        if os.environ.get(COMPLETE_VAR):  # a TAB: the shell asks for candidates
            from timeline.cli.complete import use_own_shell_formats

            use_own_shell_formats()
        super()._main_shell_completion(*args, **kwargs)

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # a closed pipe is found here, not at exit
            return result
        except TimelineError as error:
            if state_of(ctx).debug:
                raise
            raise typer.Exit(fail(error, output_of(ctx))) from None
        except sqlite3.DatabaseError as error:  # damage found while reading: no traceback
            if state_of(ctx).debug:
                raise
            message = f"cannot read the database {state_of(ctx).opened}: {error}"
            raise typer.Exit(fail(StoreError(message), output_of(ctx))) from None
        except KeyboardInterrupt:  # Ctrl-C: every write is all or nothing, so say that
            out = output_of(ctx)
            if out.stderr_is_terminal:
                out.say("")  # past the terminal's ^C
            writes = ctx.invoked_subcommand in _WRITING
            out.say("Interrupted; nothing was written" if writes else "Interrupted")
            raise typer.Exit(ExitStatus.INTERRUPTED) from None
        except BrokenPipeError:  # `timeline show | head`: the reader has all it wants
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(ExitStatus.OK) from None  # quietly, as `set -o pipefail` expects
        except OSError as error:  # a file operation no command foresaw: still one line
            if state_of(ctx).debug:
                raise
            failed = FileError(error.filename or "a file", error, "use")
            raise typer.Exit(fail(failed, output_of(ctx))) from None


# The commands that write the store or a file (each in one transaction or one rename).
_WRITING = {"load", "add", "remove", "import", "ids", "sources", "export"}


def state_of(ctx: typer.Context) -> State:
    found = ctx.find_object(State)
    return found if found is not None else State()


app = typer.Typer(
    cls=_Group,
    name="timeline",
    help="Dated events between countries: keep them in YAML, ask about them in the terminal.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    add_completion=True,  # --install-completion, --show-completion; see cli/complete.py
    context_settings={"help_option_names": ["-h", "--help"]},
)


def command(group: typer.Typer = app, name: str | None = None) -> Callable[..., Any]:
    """`@command()`: a command of the group whose bad option values are usage errors."""
    return group.command(name, cls=_Command)


def today() -> dt.date:
    """The reference day for relative dates; TIMELINE_TODAY pins it for scripts and tests."""
    pinned = os.environ.get("TIMELINE_TODAY")
    if not pinned:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(pinned)
    except ValueError:
        raise TimelineError(f"TIMELINE_TODAY={pinned!r} is not a date (use YYYY-MM-DD)") from None


def open_timeline(ctx: typer.Context, *, sync: bool = False) -> Timeline:
    """The database of --db as a Timeline; with `sync`, its calls first re-load the
    remembered files that changed (unless --no-sync), with a line on stderr for each."""
    from timeline.api import Timeline
    from timeline.store import open_store

    settings = state_of(ctx)
    store = open_store(settings.db)
    settings.opened = store.path
    return Timeline(
        store,
        today=today(),
        sync=sync and settings.sync,
        on_notice=partial(_notice, settings.output),
    )


def _notice(out: Output, notice: Notice) -> None:
    if notice.warning:
        out.warn(notice_text(notice))
    else:
        out.say(notice_text(notice), style="dim")


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"timeline {version('timeline')}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
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
    color: Annotated[
        Colour | None,
        typer.Option(
            "--color",
            help="Colour: auto (on a terminal, unless NO_COLOR is set; FORCE_COLOR or "
            "CLICOLOR_FORCE colour a pipe), always, never. Default: $TIMELINE_COLOR, else "
            "the settings file's, else auto.",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    given = color.value if color else None
    colour = setting("color", given).value or "auto"
    if colour not in COLOURS:  # from $TIMELINE_COLOR: the option and the file are checked
        raise TimelineError(f"TIMELINE_COLOR={colour!r}: use one of {', '.join(COLOURS)}")
    output = Output(cast(OutputColour, colour))
    ctx.obj = State(db=db, debug=debug, sync=not no_sync, output=output, colour_given=given)


def output_of(ctx: typer.Context) -> Output:
    """The running command's output (a new one per run, as a test runner swaps streams)."""
    return state_of(ctx).output


def fail(error: TimelineError, out: Output) -> ExitStatus:
    said = message(error)
    if isinstance(error, ValidationError):
        for problem in error.problems:
            out.say(str(problem))
        said = f"{error.summary}; nothing was written"
    out.say(f"Error: {said}", style="bold red")
    return ExitStatus.of(error)
