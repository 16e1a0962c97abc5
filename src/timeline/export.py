"""Writers, one per format, registered by name. Each streams events to a text stream."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import TextIO

from timeline.model import Event

Writer = Callable[[Iterable[Event], TextIO], int]
WRITERS: dict[str, Writer] = {}


def writer(name: str) -> Callable[[Writer], Writer]:
    def register(function: Writer) -> Writer:
        WRITERS[name] = function
        return function

    return register


@writer("json")
def write_json(events: Iterable[Event], out: TextIO) -> int:
    """A JSON array of event records, written one event at a time."""
    count = 0
    out.write("[")
    for event in events:
        out.write(",\n  " if count else "\n  ")
        out.write(json.dumps(event.to_record(), ensure_ascii=False))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count
