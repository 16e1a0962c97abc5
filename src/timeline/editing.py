"""Changes a user makes by hand: one event added (to the store, or appended to a YAML file
that is then loaded), and ids written into the YAML files that lack them."""

from __future__ import annotations

import datetime as dt
import errno
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from timeline import yamlfile
from timeline.countries import split_list
from timeline.errors import (
    DuplicateId,
    FileError,
    OptionError,
    Problem,
    TimelineError,
    ValidationError,
)
from timeline.loading.formats import is_yaml
from timeline.loading.into_store import load_into
from timeline.loading.reading import FileRead, read_events
from timeline.model import Event, EventInvalid, validate
from timeline.query import as_list

if TYPE_CHECKING:
    from timeline.store import Store


def add_event(
    store: Store,
    fields: Mapping[str, Any],
    *,
    replace: bool,
    to: Path | None,
    today: dt.date,
    now: dt.datetime,
) -> Event:
    """Validate one event's fields as `load` does and record it: in the store, or
    appended to the YAML file `to`, which is then loaded."""
    try:
        event = validate({k: v for k, v in fields.items() if v is not None}, today=today)
    except EventInvalid as invalid:
        raise ValidationError([Problem(m, field=f) for f, m in invalid.problems]) from None
    if to is None:
        store.writes.add(event, replace=replace)
    elif replace:
        raise OptionError("replace", "edit the file to change an event in it")
    else:
        add_to_file(store, to, event, today=today, now=now)
    return event


def split_items(values: str | Iterable[str] | None) -> list[str] | None:
    """`--participant "A, B"` is two participants, as a YAML text with commas is."""
    listed = as_list(values)
    return None if listed is None else [item for v in listed for item in split_list(v)]


def add_to_file(
    store: Store, path: Path, event: Event, *, today: dt.date, now: dt.datetime
) -> None:
    """`add --to`: append the event to a YAML file that loads before and after, then load
    the file as `load --prune` does. Nothing is written if the file does not load, already
    holds the id, or the id is stored."""
    _append_and_load(store, path, event, today=today, now=now, new=True)


def move_to_file(
    store: Store, path: Path, event_id: str, *, today: dt.date, now: dt.datetime
) -> Event:
    """`edit ID --to FILE`: a stored event that came from no file (added, imported) is
    appended to a YAML file, which is then loaded: the file becomes its source of truth."""
    event = store.reads.get(event_id)
    if event is None:
        raise TimelineError(f"no event with id {event_id!r}")
    origin = store.reads.origins([event_id]).get(event_id)
    if origin is not None:
        raise TimelineError(f"{event_id!r} is already kept in {origin}; edit it there")
    _append_and_load(store, path, event, today=today, now=now, new=False)
    return event


def _append_and_load(
    store: Store, path: Path, event: Event, *, today: dt.date, now: dt.datetime, new: bool
) -> None:
    """Append the event to a YAML file that loads, then load the file; a `new` event's id
    must not be stored yet."""
    check_appendable(path, [event], today=today)
    if new and store.reads.get(event.id) is not None:
        raise DuplicateId(event.id)
    yamlfile.append_event(path, event)
    # The file is loaded as `load --prune` would (it may have changed under us).
    load_into(store, [FileRead.of(str(path))], today=today, now=now, prune=True)


def check_appendable(path: Path, events: list[Event], *, today: dt.date) -> None:
    """Whether `events` may be appended to the YAML file `path`: it is a YAML file (or
    none yet), it loads, and it has none of their ids; else a TimelineError, and nothing
    is written."""
    if not is_yaml(path.name):
        raise OptionError("to", f"{path}: needs a .yaml or .yml file")
    if path.is_dir():
        raise FileError(path, IsADirectoryError(errno.EISDIR, "is a directory"), "write")
    if not path.exists():
        return
    before, held = read_events(str(path), today=today)
    if before.problems:
        raise TimelineError(
            f"{path} does not load, so nothing was added to it; fix it first: {before.problems[0]}"
        )
    ids = {e.id for e in held}
    taken = [event.id for event in events if event.id in ids]
    if taken:
        raise TimelineError(f"{path} already has an event with id {taken[0]!r}")


def missing_ids(
    paths: Iterable[str | os.PathLike[str]], *, today: dt.date | None = None
) -> list[tuple[str, int, str]]:
    """The events of YAML files written without an id, as (file, line, the id they get
    now). A file that does not load raises ValidationError listing every problem."""
    found: list[tuple[str, int, str]] = []
    problems = []
    for name in (os.fspath(path) for path in paths):
        try:
            found += [
                (name, m.line, m.derived)
                for m in yamlfile.missing_ids(Path(name), today=today or dt.date.today())
            ]
        except ValidationError as error:
            problems += error.problems
    if problems:
        raise ValidationError(problems)
    return found


def write_ids(
    paths: Iterable[str | os.PathLike[str]], *, today: dt.date | None = None
) -> dict[str, int]:
    """Write `id:` into every event of the YAML files that has none, changing no other
    byte; returns how many ids each file got. Nothing is written unless every file
    loads (ValidationError lists the problems)."""
    names = [os.fspath(p) for p in paths]
    if not names:
        raise TimelineError("name the YAML files to write ids into")
    missing_ids(names, today=today)  # every file loads, or nothing is written
    day = today or dt.date.today()
    return {name: yamlfile.write_ids(Path(name), today=day) for name in names}
