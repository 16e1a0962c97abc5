"""`timeline` with tab completion turned on or off (`completion_off.py on|off ARGS...`):
the same app, built with Typer's `add_completion` as asked, so that the bench can time
what completion adds to every start of `timeline show` (issue 20)."""

import sys

import typer

if sys.argv.pop(1) == "off":
    _init = typer.Typer.__init__

    def _without_completion(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        kwargs["add_completion"] = False
        _init(self, *args, **kwargs)

    typer.Typer.__init__ = _without_completion  # type: ignore[method-assign]

from timeline.cli import main  # after the switch above

main()
