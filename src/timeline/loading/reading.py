"""Event files (YAML, JSON, JSON Lines) -> validated rows of the store, in batches, with
file:line in every problem.

A file streams: it is read block by block and its valid events come out in batches, so
memory holds a batch, not the file (YAML, hand-edited and small, is parsed whole). Large
JSON and JSON Lines files are validated by worker processes, a batch or a block each,
while this process writes. Nothing here writes anything: the caller decides what to do
with the batches.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, NamedTuple

from timeline.errors import Problem, os_reason, shown_path
from timeline.event_rows import Row, to_event, to_row
from timeline.loading.blocks import BLOCK, line_blocks
from timeline.loading.formats import (
    STDIN,
    YAML_SUFFIXES,
    FileProblem,
    RawEvent,
    decode,
    json_events,
    json_repeated,
    json_values,
    jsonl_events,
    yaml_events,
)
from timeline.model import Event, EventInvalid, validate
from timeline.workers import ordered_map

if TYPE_CHECKING:
    pass

__all__ = [
    "STDIN",
    "Batch",
    "FileRead",
    "Progress",
    "paused_gc",
    "read_events",
    "read_file",
]

# Called as a file is read: (events validated, bytes read) since the last call.
Progress = Callable[[int, int], None]
# What a reader that wants less than rows makes of each batch, where it is validated (in
# a worker process, for a large file): f(rows, lines, file name, today). A function of a
# module, as workers are sent it by name.
Digest = Callable[[list[Row], list[int | None], str, dt.date], Any]

BATCH = 2_000  # events of JSON and YAML validated at a time
# JSON and JSON Lines files at least this big are validated by worker processes; below it,
# starting them (about 30 ms) costs more than they save.
WORKERS_FROM_BYTES = 4 * BLOCK


class Fingerprint(NamedTuple):
    """What a file was when it was read: a changed size or time means a look at the hash."""

    size: int
    mtime_ns: int
    sha256: str


class Batch(NamedTuple):
    """Valid events of a file as rows of the store, each with its line and whether its
    id was derived (the event was written without one)."""

    rows: list[Row]  # empty when a digest was asked for
    lines: list[int | None]
    derived: list[bool]
    digest: Any = None  # what `read_file`'s digest made of the rows


@dataclass
class FileRead:
    """One file as it is read: its name, and what reading found (problems, a fingerprint
    once the whole file is read)."""

    name: str  # as the user gave it, for messages
    path: Path | None  # resolved path, None for stdin
    fingerprint: Fingerprint | None = None  # of the bytes read, None for stdin
    problems: list[Problem] = field(default_factory=list)
    without_id: int = 0  # valid events written without an id (theirs is derived)

    @classmethod
    def of(cls, name: str) -> FileRead:
        if name == STDIN:
            return cls("<stdin>", None)
        return cls(shown_path(name), Path(name).resolve())

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


def read_file(
    file: FileRead,
    *,
    today: dt.date,
    on_progress: Progress | None = None,
    digest: Digest | None = None,
) -> Iterator[Batch]:
    """The valid events of one file in batches, as it is read. Problems go to
    `file.problems` as they are found; the fingerprint is set once the file is read whole.
    With `digest`, each batch carries what it made of the rows instead of them."""
    try:
        with _opened(file) as stream:
            reading = _Reading(stream, on_progress)
            suffix = Path(file.name).suffix.lower() if file.path else ".yaml"
            if suffix == ".jsonl":
                yield from _jsonl_batches(file, reading, today, digest)
            elif suffix == ".json":
                size = reading.status.st_size if reading.status else 0
                large = size >= WORKERS_FROM_BYTES  # workers read the events' JSON text
                events = json_events(reading.blocks(), as_text=large)
                validate = _json_validated if large else None
                yield from _batches(file, events, today, reading, digest, validate=validate)
            elif suffix in YAML_SUFFIXES:
                events = yaml_events(decode(reading.whole()))
                yield from _batches(file, events, today, reading, digest)
            else:
                raise FileProblem(
                    f"unknown file type {suffix or '(none)'!r}: use .yaml, .yml, .json or .jsonl"
                )
            reading.finish()
            if reading.status and file.path:
                file.fingerprint = Fingerprint(
                    reading.status.st_size, reading.status.st_mtime_ns, reading.sha256.hexdigest()
                )
    except FileProblem as error:
        file.problems.append(Problem(str(error), file.name, error.line))


def read_events(name: str, *, today: dt.date) -> tuple[FileRead, list[Event]]:
    """A small file's valid events, whole (a YAML file `add --to` appends to)."""
    file = FileRead.of(name)
    events = [to_event(row) for batch in read_file(file, today=today) for row in batch.rows]
    return file, events


@contextmanager
def _opened(file: FileRead) -> Iterator[BinaryIO]:
    if file.path is None:
        yield sys.stdin.buffer
        return
    try:
        stream = open(file.path, "rb")  # noqa: SIM115  # closed below, errors in words
    except OSError as error:
        raise FileProblem(os_reason(error)) from None
    with stream:
        yield stream


class _Reading:
    """A file read block by block, hashed and counted as it goes."""

    def __init__(self, stream: BinaryIO, on_progress: Progress | None) -> None:
        self.stream = stream
        self.on_progress = on_progress
        try:  # before reading: a write in between shows up as a change
            self.status: os.stat_result | None = (
                None if stream is sys.stdin.buffer else os.fstat(stream.fileno())
            )
        except OSError:
            self.status = None
        self.sha256 = hashlib.sha256()
        self.unreported = 0  # bytes read since the last progress report

    def blocks(self) -> Iterator[bytes]:
        while block := self._read(BLOCK):
            yield block

    def whole(self) -> bytes:
        return self._read(-1)

    def _read(self, size: int) -> bytes:
        try:
            block = self.stream.read(size)
        except OSError as error:
            raise FileProblem(os_reason(error)) from None
        self.sha256.update(block)
        self.unreported += len(block)
        return block

    def report(self, events: int) -> None:
        if self.on_progress:
            self.on_progress(events, self.unreported)
        self.unreported = 0

    def finish(self) -> None:
        """Read to the end (a problem may have stopped the parser early) for the hash."""
        for _ in self.blocks():
            pass
        self.report(0)


def _batches(
    file: FileRead,
    raws: Iterator[RawEvent],
    today: dt.date,
    reading: _Reading,
    digest: Digest | None,
    *,
    validate: Callable[..., Validated] | None = None,
) -> Iterator[Batch]:
    """Validate raw events BATCH at a time: in this process, or by `validate` in worker
    processes. A problem with the file itself ends the reading, after the batches before
    it are validated."""
    ended: FileProblem | None = None

    def tasks() -> Iterator[tuple[Any, ...]]:
        nonlocal ended
        first, chunk = 1, []
        try:
            for raw in raws:
                chunk.append(raw)
                if len(chunk) == BATCH:
                    yield chunk, first, file.name, file.origin, today, digest
                    first, chunk = first + BATCH, []
        except FileProblem as problem:
            ended = problem
        if chunk:
            yield chunk, first, file.name, file.origin, today, digest

    for done in ordered_map(validate or _validated, tasks(), parallel=validate is not None):
        yield _take(done, file, reading)
    if ended:
        raise ended


def line_of(name: str, event_id: str, *, today: dt.date) -> int | None:
    """The line of the file where the event with this id starts (its id derived as
    `load` derives it, where it has none), or None: the file no longer holds it."""
    for batch in read_file(FileRead.of(name), today=today):
        for row, line in zip(batch.rows, batch.lines, strict=True):
            if row[0] == event_id:
                return line
    return None


class Validated(NamedTuple):
    batch: Batch
    problems: list[Problem]
    ended: bool = False  # the file is not readable past this batch


def _take(validated: Validated, file: FileRead, reading: _Reading) -> Batch:
    file.problems += validated.problems
    file.without_id += sum(validated.batch.derived)
    reading.report(len(validated.batch.lines))
    return validated.batch


def _validated(
    raws: Iterable[RawEvent],
    first: int,
    name: str,
    origin: str | None,
    today: dt.date,
    digest: Digest | None = None,
) -> Validated:
    """Rows of the valid events, and every problem of the others; `first` numbers the
    first event (for events without an id)."""
    rows: list[Row] = []
    lines: list[int | None] = []
    derived: list[bool] = []
    problems: list[Problem] = []
    for index, raw in enumerate(raws, start=first):
        # (a dict first: the ABC's isinstance is a hot line's worth slower)
        if not isinstance(raw.fields, dict) and not isinstance(raw.fields, Mapping):
            problems.append(
                Problem(
                    "expected a mapping of fields (id, date, kind, title, ...)",
                    name,
                    raw.line,
                    _label(raw.fields, index),
                )
            )
            continue
        # A field written twice: the reader kept one of the values; which was meant?
        found = [
            Problem(
                f"is written twice{f' (lines {first_at} and {second_at})' if first_at else ''}"
                "; keep one",
                name,
                second_at or raw.line,
                _label(raw.fields, index),
                twice,
            )
            for twice, first_at, second_at in raw.repeated
        ]
        try:
            event = validate(raw.fields, today=today)
        except EventInvalid as invalid:
            for field_name, message in sorted(
                invalid.problems, key=lambda p: raw.field_lines.get(p[0] or "", 0)
            ):
                line = raw.field_lines.get(field_name, raw.line) if field_name else raw.line
                found.append(Problem(message, name, line, _label(raw.fields, index), field_name))
        if found:
            problems += sorted(found, key=lambda p: p.line or 0)
            continue
        rows.append(to_row(event, origin))
        lines.append(raw.line)
        derived.append(raw.fields.get("id") is None)
    if digest:
        return Validated(Batch([], lines, derived, digest(rows, lines, name, today)), problems)
    return Validated(Batch(rows, lines, derived), problems)


def _json_validated(
    texts: list[RawEvent],
    first: int,
    name: str,
    origin: str | None,
    today: dt.date,
    digest: Digest | None,
) -> Validated:
    """`_validated` for events given as JSON text (in a worker process)."""
    values = json_values([raw.fields for raw in texts])
    raws = [
        RawEvent(value, raw.line, {}, json_repeated(raw.fields, value))
        for value, raw in zip(values, texts, strict=True)
    ]
    return _validated(raws, first, name, origin, today, digest)


def _label(fields: Any, index: int) -> str:
    if isinstance(fields, Mapping) and isinstance(fields.get("id"), str):
        return f"id {fields['id']!r}"
    return f"event {index}"


# --- JSON Lines: blocks of whole lines, validated in parallel when the file is large -----


def _jsonl_batches(
    file: FileRead, reading: _Reading, today: dt.date, digest: Digest | None
) -> Iterator[Batch]:
    """Blocks of whole lines go to `_jsonl_block`, in worker processes for a large file,
    and their results come back in the file's order. A line that is not JSON ends the file
    (its problem is reported, the rest is not looked at)."""
    size = reading.status.st_size if reading.status else 0
    seen_any = False

    def tasks() -> Iterator[tuple[_Block, str, str | None, dt.date, Digest | None]]:
        nonlocal seen_any
        for block in _line_blocks(reading.blocks()):
            seen_any = seen_any or block.events > 0
            yield block, file.name, file.origin, today, digest

    for done in ordered_map(_jsonl_block, tasks(), parallel=size >= WORKERS_FROM_BYTES):
        yield _take(done, file, reading)
        if done.ended:
            return
    if not seen_any:
        raise FileProblem("is empty: expected a list of events")


class _Block(NamedTuple):
    data: bytes  # whole lines
    first_line: int
    first_event: int  # the number of its first event (non-blank line) in the file, from 1
    events: int  # non-blank lines


def _jsonl_block(
    block: _Block, name: str, origin: str | None, today: dt.date, digest: Digest | None
) -> Validated:
    """Validate one block of lines (in a worker process for a large file). A line that is
    not JSON ends the block and the file."""
    raws: list[RawEvent] = []
    try:
        raws.extend(jsonl_events(block.data, block.first_line))
    except FileProblem as error:
        batch, problems, _ = _validated(raws, block.first_event, name, origin, today, digest)
        return Validated(batch, [*problems, Problem(str(error), name, error.line)], ended=True)
    return _validated(raws, block.first_event, name, origin, today, digest)


def _line_blocks(blocks: Iterator[bytes]) -> Iterator[_Block]:
    """The file as blocks of whole lines (a byte-order mark removed), each with the numbers
    of its first line and first event."""
    event = 1
    for number, (data, line) in enumerate(line_blocks(blocks)):
        whole = data.removeprefix(b"\xef\xbb\xbf") if number == 0 else data
        events = _events_in(whole)
        yield _Block(whole, line, event, events)
        event += events


def _events_in(data: bytes) -> int:
    return sum(1 for line in data.split(b"\n") if line.strip())
