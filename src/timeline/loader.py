"""Event files (YAML, JSON, JSON Lines) -> validated Events, with file:line in every problem.

Nothing here writes anything: a load is validated whole before the store is touched.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from timeline.errors import Problem, os_reason, shown_path
from timeline.model import Event, EventInvalid, validate
from timeline.parse import STDIN, FileProblem, RawEvent, parse_raw

__all__ = ["STDIN", "LoadedFile", "load_file", "load_files", "paused_gc"]


class Fingerprint(NamedTuple):
    """What a file was when it was read: a changed size or time means a look at the hash."""

    size: int
    mtime_ns: int
    sha256: str


@dataclass
class LoadedFile:
    """The valid events of one file, and every problem found in it."""

    name: str  # as the user gave it, for messages
    path: Path | None  # resolved path, None for stdin
    fingerprint: Fingerprint | None = None  # of the bytes read, None for stdin
    events: list[Event] = field(default_factory=list)
    lines: list[int | None] = field(default_factory=list)  # the line of each event
    problems: list[Problem] = field(default_factory=list)

    @property
    def origin(self) -> str | None:
        """The path the store remembers the file by; None for stdin and for a name that is
        not UTF-8 text, which SQLite cannot keep."""
        if self.path is None or shown_path(self.path) != str(self.path):
            return None
        return str(self.path)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a load builds many small objects.

    Events are acyclic, so reference counting frees them; but every few hundred allocations
    the collector would walk the whole growing heap, which more than doubled the time of a
    100,000-event load (see bench/)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_files(
    names: list[str],
    *,
    today: dt.date,
    on_progress: Callable[[int], None] | None = None,
) -> list[LoadedFile]:
    """Read and validate every file; duplicate ids across the files are problems too."""
    loaded = [load_file(name, today=today, on_progress=on_progress) for name in names]
    first_seen: dict[str, tuple[str, int | None]] = {}
    for file in loaded:
        for event, line in zip(file.events, file.lines, strict=True):
            if event.id in first_seen:
                where, first_line = first_seen[event.id]
                at = f"{where}:{first_line}" if first_line else where
                file.problems.append(
                    Problem(
                        f"duplicate id (first used at {at})",
                        file.name,
                        line,
                        f"id {event.id!r}",
                        "id",
                    )
                )
            else:
                first_seen[event.id] = (file.name, line)
    return loaded


def load_file(
    name: str, *, today: dt.date, on_progress: Callable[[int], None] | None = None
) -> LoadedFile:
    path = None if name == STDIN else Path(name)
    result = LoadedFile(name="<stdin>" if path is None else shown_path(name), path=path)
    if path is not None:
        result.path = path.resolve()
    try:
        data, result.fingerprint = _read_bytes(name)
        _validate_all(parse_raw(name, data), result, today, on_progress)
    except FileProblem as error:
        result.problems.append(Problem(str(error), result.name, error.line))
    return result


def _validate_all(
    raws: Iterator[RawEvent],
    result: LoadedFile,
    today: dt.date,
    on_progress: Callable[[int], None] | None,
) -> None:
    """Validate raw events as they come (JSON Lines streams: each raw mapping is freed
    once its Event is built)."""
    index = 0
    for index, raw in enumerate(raws, start=1):
        label = _label(raw.fields, index)
        if not isinstance(raw.fields, Mapping):
            result.problems.append(
                Problem(
                    "expected a mapping of fields (id, date, kind, title, ...)",
                    result.name,
                    raw.line,
                    label,
                )
            )
            continue
        try:
            event = validate(raw.fields, today=today)
        except EventInvalid as invalid:
            for field_name, message in sorted(
                invalid.problems, key=lambda p: raw.field_lines.get(p[0] or "", 0)
            ):
                line = raw.field_lines.get(field_name, raw.line) if field_name else raw.line
                result.problems.append(Problem(message, result.name, line, label, field_name))
            continue
        result.events.append(event)
        result.lines.append(raw.line)
        if on_progress and index % 1000 == 0:
            on_progress(1000)
    if on_progress:
        on_progress(index % 1000)


def _label(fields: Any, index: int) -> str:
    if isinstance(fields, Mapping) and isinstance(fields.get("id"), str):
        return f"id {fields['id']!r}"
    return f"event {index}"


def _read_bytes(name: str) -> tuple[bytes, Fingerprint | None]:
    try:
        if name == STDIN:
            return sys.stdin.buffer.read(), None
        status = os.stat(name)  # before reading: a write in between shows up as a change
        data = Path(name).read_bytes()
    except OSError as error:
        raise FileProblem(os_reason(error)) from None
    return data, Fingerprint(status.st_size, status.st_mtime_ns, sha256(data))


def sha256(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()
