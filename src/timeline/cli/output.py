"""Where a command's output goes and what its terminal can do, found once per run, as
httpie's `Environment`: the consoles, whether each stream is a terminal, the progress bar.
Commands print through the run's `Output` (`output()` in cli/app.py); nothing else tests
`isatty()` or builds a rich Console."""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal, TextIO

if TYPE_CHECKING:
    from rich.console import Console


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except ValueError:  # closed
        return False


Colour = Literal["auto", "always", "never"]


def _as_written(
    colour: Colour,
    *,
    file: TextIO | None = None,
    width: int | None = None,
    force_terminal: bool | None = None,
    stderr: bool = False,
) -> Console:
    """A console that prints text from the data and from paths as written: no `:100:`
    turned into an emoji, no `[red]` read as markup, no number coloured by a highlighter;
    in colour as `colour` and the conventions say (see `Output`)."""
    from rich.console import Console

    choice: dict[str, Any] = {}
    forced = any(os.environ.get(v, "0") not in ("", "0") for v in ("CLICOLOR_FORCE", "FORCE_COLOR"))
    if colour == "always" or (colour == "auto" and forced and not os.environ.get("NO_COLOR")):
        # Asked for: even where rich would find no colours (TERM=dumb, a pipe), the
        # palette's 256 (or, where the terminal says so, true) colours.
        deep = os.environ.get("COLORTERM") in ("truecolor", "24bit")
        choice = {
            "force_terminal": True,
            "no_color": False,
            "color_system": "truecolor" if deep else "256",
        }
    elif colour == "never":
        choice = {"color_system": None}
    if force_terminal:
        choice.setdefault("force_terminal", True)
    return Console(
        file=file, width=width, stderr=stderr, highlight=False, emoji=False, markup=False,
        **choice,
    )  # fmt: skip


class Output:
    """The standard streams of this run (read when used, so a test runner's replacements
    count) and the consoles that write to them. rich is imported on first use only: `show`
    in a pipe and `--help` never load it.

    Colour (`--color`): `always` and `never` are what they say, whatever the streams and
    the variables; `auto` colours a terminal, unless NO_COLOR is set (styles such as bold
    stay, as no-color.org asks), and FORCE_COLOR or CLICOLOR_FORCE colour a pipe too."""

    def __init__(self, colour: Colour = "auto") -> None:
        self.colour = colour

    @property
    def stdin_is_terminal(self) -> bool:
        return _is_terminal(sys.stdin)

    @property
    def stdout_is_terminal(self) -> bool:
        return _is_terminal(sys.stdout)

    @property
    def stderr_is_terminal(self) -> bool:
        return _is_terminal(sys.stderr)

    @property
    def width(self) -> int:
        """The terminal's columns ($COLUMNS first, 80 when there is no terminal)."""
        return shutil.get_terminal_size().columns

    def console(self, file: TextIO | None = None, width: int | None = None) -> Console:
        """A console on standard output, or on `file` (a pager's pipe) `width` cells wide
        with the terminal's colours (the pipe itself is not a terminal)."""
        terminal = True if width is not None else None
        return _as_written(self.colour, file=file, width=width, force_terminal=terminal)

    @cached_property
    def errors(self) -> Console:
        """The console on standard error: messages, warnings, notices, progress."""
        return _as_written(self.colour, stderr=True)

    def say(self, text: str, style: str = "") -> None:
        """One message on stderr, as it is (no markup) and not cut at the width."""
        self.errors.print(text, style=style, markup=False, soft_wrap=True)

    def warn(self, text: str) -> None:
        self.say(f"Warning: {text}", style="yellow")

    @contextmanager
    def progress(
        self, label: str, total_bytes: int | None = None
    ) -> Iterator[Callable[[int, int], None] | None]:
        """Events done and MB/s on stderr, on a terminal only, once the work has taken more
        than a second (a quick load prints nothing but its result). Once every byte is
        read, it says that the store is being written (a large load's last part)."""
        if not self.stderr_is_terminal:
            yield None
            return
        from rich.progress import (
            BarColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TransferSpeedColumn,
        )

        bar = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.fields[events]:,} events"),
            TransferSpeedColumn(),
            console=self.errors,
            transient=True,
        )
        task = bar.add_task(label, total=total_bytes or None, events=0)
        shown_after, done, read = time.monotonic() + 1.0, 0, 0

        def advance(events: int, nbytes: int) -> None:
            nonlocal shown_after, done, read
            done, read = done + events, read + nbytes
            writing = bool(total_bytes) and read >= (total_bytes or 0)
            description = "Writing" if writing else label
            bar.update(task, advance=nbytes, events=done, description=description)
            if time.monotonic() > shown_after:
                bar.start()
                shown_after = float("inf")

        try:
            yield advance
        finally:
            bar.stop()
