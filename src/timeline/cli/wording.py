"""The library's errors in the command line's words: its keywords as flags, and the
errors whose advice names a flag. The library speaks Python (`replace=True`); only this
table knows that it is `--replace` here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from timeline.errors import DuplicateId, EventHeld, TimelineError, shown_path

if TYPE_CHECKING:
    from timeline.following import Notice

# API keywords (and event fields) spelled otherwise as flags; any other `name` is `--name`.
_FLAGS = {
    "plover_type": "--type",
    "countries": "--country",
    "participants": "--participant",
    "tags": "--tag",
    "sources": "--source",
    "source": "SOURCE",
    "FILE": "FILE",
}


def flag(name: str) -> str:
    """The flag (or argument) that sets an API keyword or an event's field."""
    return _FLAGS.get(name, "--" + name.replace("_", "-"))


def message(error: TimelineError) -> str:
    """What the command line says of a library error."""
    if isinstance(error, DuplicateId):
        return (
            f"an event with id {error.event_id!r} already exists; use --replace to overwrite "
            "it, or --id to choose another id"
        )
    if isinstance(error, EventHeld):
        return (
            f"the event {error.event_id!r} is kept in {shown_path(error.path)}; edit it there "
            "(or choose another id with --id)"
        )
    return str(error)


def notice_text(notice: Notice) -> str:
    """What the command line says of a notice of the files it follows."""
    if notice.gone is None:
        return notice.message
    from timeline.following import FORGET

    forget = f"(`timeline sources --forget {notice.gone}` stops following it)"
    return notice.message.replace(FORGET, forget)
