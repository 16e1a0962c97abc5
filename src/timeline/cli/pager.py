"""Long output on a terminal goes through a pager, as `git log` does."""

from __future__ import annotations

import io
import os
import shlex
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import TextIO

import typer

from timeline.cli.output import Output


def pager_command() -> str:
    """The pager's command line, as `config.pager` finds it ("" for none)."""
    from timeline.config import pager

    return pager().value or ""


@contextmanager
def paged(out: Output, wanted: bool = True) -> Iterator[tuple[TextIO, int | None]]:
    """Standard output, through a pager when it is a terminal (`pager_command`), `less`
    with LESS=FRX unless LESS is set (a short answer prints and exits, colours pass
    through, the screen is kept). Yields the stream to write to and, when
    paging, the terminal's width (the pager's pipe has none).

    Not `wanted` (`--no-pager`), not a terminal, or a pager of "" or "cat": no pager.
    Quitting the pager before the end stops the command quietly, as it does for git."""
    command = shlex.split(pager_command()) if wanted and out.stdout_is_terminal else []
    if command in ([], ["cat"]):
        yield sys.stdout, None
        return
    if shutil.which(command[0]) is None:  # no such pager: print, rather than lose, the output
        yield sys.stdout, None
        return
    width = out.width
    environment = os.environ | {"LESS": os.environ.get("LESS", "FRX")}
    pager = subprocess.Popen(command, stdin=subprocess.PIPE, env=environment)
    assert pager.stdin is not None
    stream = io.TextIOWrapper(pager.stdin, encoding="utf-8", errors="replace")
    # Ctrl-C is the pager's (less stops reading, or quits); this process must not die of it.
    interrupt = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        with suppress(BrokenPipeError):  # the pager was quit before the end
            yield stream, width
    finally:
        with suppress(BrokenPipeError):
            stream.close()
        pager.wait()
        signal.signal(signal.SIGINT, interrupt)


NoPagerOpt = typer.Option("--no-pager", help="Print straight to the terminal, without a pager.")
