"""The exit statuses of `timeline`, in one place (as httpie's `ExitStatus`)."""

from __future__ import annotations

from enum import IntEnum

from timeline.errors import OptionError, TimelineError


class ExitStatus(IntEnum):
    OK = 0  # also when a reader closed the pipe early (`timeline show | head`)
    ERROR = 1  # bad data, a failed operation, or findings (`check`, `ids --check`)
    USAGE = 2  # a bad option or argument (Click's own code for it)
    INTERRUPTED = 130  # Ctrl-C: 128 + SIGINT, as shells report it

    @classmethod
    def of(cls, error: TimelineError) -> ExitStatus:
        """The status a library error ends the command with."""
        return cls.USAGE if isinstance(error, OptionError) else cls.ERROR
