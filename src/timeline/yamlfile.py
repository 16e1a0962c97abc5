"""Events as YAML text: one event as a list item (for export and for `add --to`), and
appending an event to a hand-edited file without touching a byte of what is there."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from timeline.atomic import atomic_write
from timeline.errors import FileError, TimelineError, ValidationError
from timeline.loading.formats import is_yaml, yaml_event_nodes, yaml_events
from timeline.loading.reading import read_events
from timeline.model import Event, validate

if TYPE_CHECKING:
    pass


def event_yaml(event: Event, indent: int = 0) -> str:
    """`- id: ...` with the fields that have a value, in the documented order; text with
    line breaks as `|` blocks. `timeline load` reads it back into the same event."""
    import yaml  # heavy: only when YAML is written or edited

    record = {k: v for k, v in event.to_dict().items() if v not in (None, [])}
    text: str = yaml.dump(
        [record], Dumper=_dumper(), allow_unicode=True, sort_keys=False, width=1000
    )
    if not indent:
        return text
    pad = " " * indent
    return "".join(pad + line if line.strip() else line for line in text.splitlines(True))


@cache
def _dumper() -> Any:
    import yaml  # heavy: only when YAML is written or edited

    base: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

    def text(dumper: Any, value: str) -> Any:
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    dumper: Any = type("EventDumper", (base,), {})
    dumper.add_representer(str, text)
    return dumper


def append_event(path: Path, event: Event) -> None:
    """Append `event` to the YAML file at `path`, in the file's own layout (a top-level
    list, or the list under `events:`), leaving every existing byte as it was. A new file
    is created as a list. The file is replaced whole, never half-written."""
    try:
        old = path.read_bytes() if path.exists() else b""
    except OSError as error:
        raise FileError(path, error, "read") from None
    text = old.decode("utf-8-sig") if old else ""
    indent = _item_indent(text, path) if text.strip() else 0
    separator = "" if not text or text.endswith("\n") else "\n"
    with atomic_write(path, "wb") as out:
        out.write(old + (separator + event_yaml(event, indent)).encode("utf-8"))


def _item_indent(text: str, path: Path) -> int:
    """The column of the file's list items, where a new item must go."""
    import yaml  # heavy: only when YAML is written or edited

    root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    items = root
    if isinstance(root, yaml.MappingNode):
        items = next((v for k, v in root.value if k.value == "events"), None)
        if isinstance(items, yaml.ScalarNode) and not items.value:  # `events:` with nothing
            raise TimelineError(f"{path}: write the first event under `events:` by hand")
    if not isinstance(items, yaml.SequenceNode) or items.flow_style or not items.value:
        raise TimelineError(
            f"{path}: new events can be appended only to a block list of events "
            "('- date: ...' lines); this file has none yet"
        )
    # A valid file has no other top-level key, so the list runs to the end of the file.
    return int(items.start_mark.column)


class MissingId(NamedTuple):
    """An event of a file written without an id: where it is, and the id it gets."""

    line: int
    derived: str


def missing_ids(path: Path, *, today: dt.date) -> list[MissingId]:
    """The events of a YAML file that have no `id:` (their ids change with their titles).
    A file that does not load raises ValidationError with its problems."""
    return [MissingId(line, event.id) for line, event, _ in _without_id(path, today)[1]]


def write_ids(path: Path, *, today: dt.date) -> int:
    """Write `id: <derived id>` into every event of a YAML file that has none, at the
    event's indentation, changing no other byte (comments, blank lines, key order, quoting
    and flow style stay). The file is replaced whole; returns how many ids were written."""
    text, found = _without_id(path, today)
    if not found:
        return 0
    newline = "\r\n" if "\r\n" in text else "\n"
    edited = text
    for _, event, node in reversed(found):  # from the end, so earlier positions hold
        if node.flow_style:  # {date: 2026, ...}
            at, insert = node.start_mark.index + 1, f"id: {event.id}, "
        else:
            first_key = node.value[0][0].start_mark
            at, insert = first_key.index, f"id: {event.id}{newline}{' ' * first_key.column}"
        edited = edited[:at] + insert + edited[at:]
    _same_events_with_ids(path, text, edited, today)
    with atomic_write(path, "wb") as out:
        out.write(_bom(path) + edited.encode("utf-8"))
    return len(found)


def _without_id(path: Path, today: dt.date) -> tuple[str, list[tuple[int, Event, Any]]]:
    """The file's text, and its events without an id: (line, event, mapping node)."""
    import yaml  # heavy: only when YAML is written or edited

    if not is_yaml(path.name):
        raise TimelineError(f"{path}: ids are written into .yaml and .yml files only")
    file, events = read_events(str(path), today=today)
    if file.problems:
        raise ValidationError(file.problems)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise FileError(path, error, "read") from None
    # The pure-Python parser: its marks count characters of the text (libyaml's, bytes).
    nodes = yaml_event_nodes(yaml.compose(text, Loader=yaml.SafeLoader))
    found = []
    for node, event in zip(nodes, events, strict=True):  # the file loads: one event a node
        keys = {key.value: value for key, value in node.value}
        if "id" not in keys:
            found.append((node.start_mark.line + 1, event, node))
        elif not keys["id"].value:
            line = keys["id"].start_mark.line + 1
            raise TimelineError(f"{path}:{line}: `id:` is empty; write the id or remove the line")
    return text, found


def _same_events_with_ids(path: Path, before: str, after: str, today: dt.date) -> None:
    """Refuse to write an edit that would not read back as the same events, now with ids
    (a layout this edit does not know): better no ids than a changed file."""

    def events(text: str) -> list[Event]:
        return [validate(raw.fields, today=today) for raw in yaml_events(text)]

    try:
        same = events(before) == events(after)
    except Exception:  # any failure to read it back means: do not write
        same = False
    if not same:
        raise TimelineError(
            f"{path}: could not write the ids without changing the events (an unusual "
            "layout); write them by hand, where the missing ids are listed"
        )


def _bom(path: Path) -> bytes:
    with path.open("rb") as file:
        return b"\xef\xbb\xbf" if file.read(3) == b"\xef\xbb\xbf" else b""
