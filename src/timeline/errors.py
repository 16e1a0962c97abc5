"""The project's exceptions. The CLI is the only place that turns them into exit codes."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FAILURE = 1  # bad data or a failed operation
    USAGE = 2  # bad usage (Click's own code)


class TimelineError(Exception):
    """A problem the user can fix; printed as one line, never as a traceback."""

    exit_code = ExitCode.FAILURE


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one event: where it is and what is wrong."""

    message: str
    source: str | None = None  # file name, or None for command-line input
    line: int | None = None
    event: str | None = None  # "id 'x'" or "event 3"
    field: str | None = None

    def __str__(self) -> str:
        where = self.source or ""
        if self.source and self.line:
            where += f":{self.line}"
        parts = [p for p in (where, self.event) if p]
        prefix = ": ".join(parts)
        what = f"{self.field}: {self.message}" if self.field else self.message
        return f"{prefix}: {what}" if prefix else what


class ValidationError(TimelineError):
    """One or more events are invalid; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        count = len(problems)
        summary = "1 problem" if count == 1 else f"{count} problems"
        super().__init__(f"{summary} found; nothing was written")


class FieldError(ValueError):
    """A single field's value is invalid (raised by dates/countries/model, gathered by callers)."""


class StoreError(TimelineError):
    """The database cannot be opened or written."""
