"""The command line: a client of the library (`timeline.api`) that parses options and
renders answers. The only package that imports typer.

    app      the group, its global options, the one exit point for errors
    options  the filters and choices several commands share
    data     load, add, remove, edit
    views    show, export, stats, kinds
    upcoming upcoming, anniversaries
    sources  sources, check, ids, config
    imports  import gdelt, import icews, import polecat
    extract  drafts of events from a news article
"""

from __future__ import annotations

from importlib import import_module

from timeline.cli.app import app, command

# Each module registers its commands as it is imported, in the order `--help` lists them.
for _module in ("data", "views", "upcoming", "sources", "imports", "extract"):
    import_module(f"timeline.cli.{_module}")
command()(import_module("timeline.cli.views").kinds)  # last, as --help has always listed it

__all__ = ["app", "main"]


def main() -> None:
    """The console script."""
    app(prog_name="timeline")
