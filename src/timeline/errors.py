"""The project's exceptions. The CLI is the only place that turns them into exit codes."""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass

from timeline.words import counted


class TimelineError(Exception):
    """A problem the user can fix; printed as one line, never as a traceback."""


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
        self.summary = f"{counted(count, 'problem')} found"
        first = str(problems[0]) if problems else "no problem given"
        more = f" (and {count - 1:,} more)" if count > 1 else ""
        # The first problem in the message: a caller that prints it alone says why.
        super().__init__(f"{first}{more}; nothing was written")


class FieldError(ValueError):
    """A single field's value is invalid (raised by dates/countries/model, gathered by callers)."""


class OptionError(TimelineError):
    """An option (a filter, a keyword of the API) has a bad value: the CLI reports it as a
    usage error, naming the option."""

    def __init__(self, option: str, message: str) -> None:
        super().__init__(message)
        self.option = option


class EventHeld(TimelineError):
    """An event that a remembered file holds cannot be replaced from elsewhere: the file
    is its source of truth."""

    def __init__(self, event_id: str, path: str) -> None:
        self.event_id = event_id
        self.path = path
        super().__init__(
            f"the event {event_id!r} is kept in {shown_path(path)}; edit it there "
            "(or choose another id)"
        )


class DuplicateId(TimelineError):
    """An event with this id is already stored, and replacing it was not asked for."""

    def __init__(self, event_id: str) -> None:
        self.event_id = event_id
        super().__init__(
            f"an event with id {event_id!r} already exists; pass replace=True to overwrite "
            "it, or choose another id"
        )


class StoreError(TimelineError):
    """The database cannot be opened or written."""


class FileError(TimelineError):
    """A file or directory cannot be read or written: one line naming the path and why."""

    def __init__(
        self, path: str | os.PathLike[str], error: OSError, action: str, *, detail: str = ""
    ) -> None:
        self.path = path
        self.errno = error.errno
        reason = detail or os_reason(error)
        super().__init__(f"cannot {action} {shown_path(path)}: {shown_path(reason)}")


# The reasons a user can act on, in words; the rest in the system's own.
_REASONS = {
    errno.ENOENT: "no such file or directory",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EISDIR: "it is a directory, not a file",
    errno.ENOTDIR: "a part of the path is a file, not a directory",
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is exceeded",
    errno.EFBIG: "the file is too large for this system's limit",
    errno.EROFS: "the file system is read-only",
    errno.ENAMETOOLONG: "the name is too long",
}


def os_reason(error: OSError) -> str:
    reason = _REASONS.get(error.errno or 0)
    if reason:
        return reason
    return (error.strerror or str(error)).lower()


def shown_path(path: str | os.PathLike[str]) -> str:
    """A path as it can be printed: bytes that are not UTF-8 (kept by Python as lone
    surrogates) are shown as \\xNN escapes instead of failing to print."""
    text = os.fspath(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return text
