"""The bytes of an event file -> raw events (each event's fields, with its line and its
fields' lines), by format: YAML, JSON, JSON Lines. Nothing is validated here but the
file's shape; a problem with the file as a whole is a FileProblem with its line.
"""

from __future__ import annotations

import codecs
import io
import json
import re
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    import yaml


STDIN = "-"
YAML_SUFFIXES = (".yaml", ".yml")  # the files hand-written events are kept in, and edited


def is_yaml(name: str) -> bool:
    return name.lower().endswith(YAML_SUFFIXES)


_DATE_FIELDS = frozenset({"date", "end"})  # where a plain null means "no date", not text
# A file whose top level is a mapping with these keys is one event written without its list.
EVENT_KEYS = frozenset({"id", "date", "end", "kind", "title", "countries", "country"})
ONE_EVENT = "a file holds a list of events"


@cache
def _text_loader() -> Any:
    """A YAML loader that reads every plain scalar as text, exactly as written.

    YAML 1.1 resolves `NO` to false, `012` to 10 and `1:20` to 80; no field of an event
    means any of those, so only an empty value is null (an absent field) and `<<` stays a
    merge key. Dates stay text too, for `dates.parse_date` to read every form and report
    an impossible date (2026-02-30) in its own words. An explicit tag (`!!int 12`) still
    means what it says. Overriding `resolve` on this class leaves PyYAML's shared
    resolver tables, and every other user of them, alone."""
    import yaml  # heavy: only when a YAML file is read

    # libyaml's C parser is several times faster; both are safe loaders (no Python objects).
    base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class TextLoader(base):  # type: ignore[misc]
        def resolve(self, kind: type[yaml.Node], value: Any, implicit: tuple[bool, bool]) -> str:
            if kind is yaml.ScalarNode and implicit[0]:
                if not value:
                    return _NULL_TAG
                return _MERGE_TAG if value == "<<" else _STR_TAG
            return str(super().resolve(kind, value, implicit))

    return TextLoader


_STR_TAG, _NULL_TAG, _MERGE_TAG = (f"tag:yaml.org,2002:{t}" for t in ("str", "null", "merge"))
# What YAML writes for "nothing": an absent date or end, or an empty list of events.
_YAML_NULLS = frozenset({"", "~", "null", "Null", "NULL"})


class RawEvent(NamedTuple):
    """One event's fields as read from a file, before validation (a tuple: a large load
    makes one per event)."""

    fields: Any  # a mapping when the file is well formed; anything else is a problem
    line: int | None
    field_lines: Mapping[str, int] = {}  # never changed; a dict pickles
    # Fields written twice in the event: (name, first line, second line; None if unknown).
    repeated: tuple[tuple[str, int | None, int | None], ...] = ()


class FileProblem(Exception):
    """The file as a whole is not a file of events (not UTF-8, not valid YAML...)."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def decode(data: bytes) -> str:
    """UTF-8 text (without a byte-order mark), or a problem at the line of the bad byte."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise FileProblem(
            f"is not UTF-8 text (byte 0x{data[error.start]:02x}); save it as UTF-8", line
        ) from None
    if not text.strip():
        raise FileProblem("is empty: expected a list of events")
    return text


# --- YAML -------------------------------------------------------------------------------


def yaml_events(text: str) -> Iterator[RawEvent]:
    import yaml

    loader = _text_loader()(text)
    try:
        root = loader.get_single_node()
        items = yaml_event_nodes(root)
        events = []
        for node in items:
            field_lines: dict[str, int] = {}
            repeated = []
            if isinstance(node, yaml.MappingNode):
                for key, _ in node.value:
                    if isinstance(key, yaml.ScalarNode):
                        name, at = str(key.value), key.start_mark.line + 1
                        if name in field_lines:
                            repeated.append((name, field_lines[name], at))
                        else:
                            field_lines[name] = at
                _plain_nulls_in_dates(node)
            line = node.start_mark.line + 1
            try:
                fields = loader.construct_document(node)
            except (ValueError, TypeError) as error:  # e.g. a bad !!binary or !!float value
                raise FileProblem(f"is not valid YAML: {error}", line) from None
            events.append(RawEvent(fields, line, field_lines, tuple(repeated)))
        return iter(events)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        said = error.problem or error.context
        if mark and _tab_at(text, mark.line, mark.column):  # libyaml does not say "tab"
            said = (
                f"a tab at column {mark.column + 1}: YAML indents with spaces only "
                "(replace the tab with spaces)"
            )
        raise FileProblem(f"is not valid YAML: {said}", line) from None
    except yaml.YAMLError as error:
        raise FileProblem(f"is not valid YAML: {error}") from None
    except RecursionError:
        raise FileProblem("is nested too deeply to be a file of events") from None
    finally:
        loader.dispose()


def _tab_at(text: str, line: int, column: int) -> bool:
    """Whether the YAML parser stopped at a tab (or just after one: libyaml's column)."""
    start = 0
    for _ in range(line):
        start = text.find("\n", start) + 1
        if not start:
            return False
    return "\t" in text[start + max(column - 1, 0) : start + column + 1]


def _plain_nulls_in_dates(event: yaml.MappingNode) -> None:
    """`end: ~` or `end: null` written plainly is no end, as YAML means it; text fields
    keep `~` and `null` as text."""
    import yaml

    for key, value in event.value:
        if (
            key.value in _DATE_FIELDS
            and isinstance(value, yaml.ScalarNode)
            and not value.style  # plain: None, or "" from the C parser
            and value.tag == _STR_TAG
            and value.value in _YAML_NULLS
        ):
            value.tag = _NULL_TAG


def yaml_event_nodes(root: yaml.Node | None) -> list[yaml.Node]:
    import yaml

    if root is None:
        raise FileProblem("is empty: expected a list of events")
    line = root.start_mark.line + 1
    if isinstance(root, yaml.MappingNode):
        keys = {str(key.value): value for key, value in root.value}
        extra = sorted(set(keys) - {"events"})
        if "events" not in keys and set(keys) & EVENT_KEYS:
            first = str(root.value[0][0].value)
            raise FileProblem(f"{ONE_EVENT}; did you forget the `- ` before `{first}:`?", line)
        if extra:
            raise FileProblem(
                f"unknown top-level key {extra[0]!r}: a file holds a list of events, "
                "or a mapping with the key 'events'",
                line,
            )
        if "events" not in keys:
            raise FileProblem("expected a list of events or a mapping with the key 'events'", line)
        root = keys["events"]
        line = root.start_mark.line + 1
        if isinstance(root, yaml.ScalarNode) and not root.style and root.value in _YAML_NULLS:
            return []
    if not isinstance(root, yaml.SequenceNode):
        raise FileProblem("expected a list of events", line)
    return list(root.value)


# --- JSON -------------------------------------------------------------------------------


class _Window:
    """Text of a stream, decoded block by block: what has been read and not yet consumed,
    and the line at which it starts. Holds about one block (and the event being read)."""

    def __init__(self, blocks: Iterator[bytes]) -> None:
        self._blocks = blocks
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self.text = ""
        self.line = 1  # of text[_counted]
        self._counted = 0
        self.done = False

    def more(self) -> bool:
        """Read the next block; False at the end of the stream."""
        if self.done:
            return False
        block = next(self._blocks, None)
        try:
            self.text += self._decoder.decode(block or b"", final=block is None)
        except UnicodeDecodeError as error:
            line = self.line_at(len(self.text)) + error.object.count(b"\n", 0, error.start)
            raise FileProblem(
                f"is not UTF-8 text (byte 0x{error.object[error.start]:02x}); save it as UTF-8",
                line,
            ) from None
        self.done = block is None
        return True

    def consume(self, pos: int) -> int:
        """Done with the text before `pos`: the line at `pos` is counted from the last
        position asked about (events come in order), and the text is cut off once a block's
        worth is behind (cutting it at every event copied the window at every event).
        Returns where `pos` now is."""
        self.line += self.text.count("\n", self._counted, pos)
        self._counted = pos
        if pos < _CUT_AFTER:
            return pos
        self.text = self.text[pos:]
        self._counted = 0
        return 0

    def line_at(self, pos: int) -> int:
        return self.line + self.text.count("\n", self._counted, pos)


_CUT_AFTER = 1024 * 1024  # characters of consumed text kept before the window is cut

# An event whose JSON does not end within this much text is a syntax error, not a big event:
# without the bound, one stray quote would make the whole rest of the file one "event".
_MAX_EVENT_TEXT = 8 * 1024 * 1024


def json_events(blocks: Iterator[bytes], *, as_text: bool = False) -> Iterator[RawEvent]:
    """Events of a JSON array, or of an object's "events" array, each with its line, as they
    are read: memory holds one block of the file, not the file. With `as_text`, each
    event's fields are its JSON text, for `json_values` to read in a worker process
    (text pickles several times faster than the objects it holds)."""
    window = _Window(blocks)
    decoder = json.JSONDecoder()

    def skip_space(pos: int) -> int:
        while True:
            pos = _JSON_SPACE.match(window.text, pos).end()  # type: ignore[union-attr]
            if pos < len(window.text) or not window.more():
                return pos

    def value_at(pos: int) -> tuple[Any, int]:
        """The JSON value at `pos` (after space), reading on until it is whole."""
        while True:
            try:
                return decoder.raw_decode(window.text, pos)
            except json.JSONDecodeError as error:
                if window.done or len(window.text) - pos > _MAX_EVENT_TEXT:
                    raise FileProblem(
                        f"is not valid JSON: {error.msg}", window.line_at(error.pos)
                    ) from None
                window.more()

    def problem(message: str, pos: int) -> FileProblem:
        return FileProblem(message, window.line_at(pos))

    try:
        window.more()
        if not window.text.strip() and window.done:
            raise FileProblem("is empty: expected a list of events")
        pos = skip_space(0)
        in_object = window.text.startswith("{", pos)
        if in_object:
            pos = _events_value(value_at, skip_space, window, pos, problem)
        if not window.text.startswith("[", pos):
            value_at(pos)  # a syntax error is reported as such
            raise problem("expected a list of events", pos)
        pos = skip_space(pos + 1)
        while not window.text.startswith("]", pos):
            pos = window.consume(pos)
            value, end = value_at(pos)
            text = window.text[pos:end]
            if as_text:
                yield RawEvent(text, window.line)
            else:
                yield RawEvent(value, window.line, {}, json_repeated(text, value))
            pos = skip_space(end)
            if window.text.startswith(",", pos):
                pos = skip_space(pos + 1)
            elif not window.text.startswith("]", pos):
                value_at(pos)  # end of the text: say so as JSON does
                raise problem("is not valid JSON: expected ',' or ']' after an event", pos)
        pos = skip_space(pos + 1)
        if in_object and window.text.startswith(",", pos):
            key, _ = value_at(skip_space(pos + 1))
            raise problem(f"unknown top-level key {key!r}: {_ONLY_EVENTS}", pos)
        if in_object:
            if not window.text.startswith("}", pos):
                raise problem("is not valid JSON: expected '}'", pos)
            pos = skip_space(pos + 1)
        if pos < len(window.text):
            raise problem("is not valid JSON: extra data after the list of events", pos)
    except RecursionError:
        raise FileProblem("is nested too deeply to be a file of events") from None


_ONLY_EVENTS = 'expected a list of events, or an object with the key "events"'


def _events_value(
    value_at: Callable[[int], tuple[Any, int]],
    skip_space: Callable[[int], int],
    window: _Window,
    pos: int,
    problem: Callable[[str, int], FileProblem],
) -> int:
    """The position of the value of a top-level object's only key, "events"."""
    key_at = skip_space(pos + 1)
    if window.text.startswith("}", key_at):
        raise problem(_ONLY_EVENTS, pos)
    if not window.text.startswith('"', key_at):
        raise problem("is not valid JSON: expected a key in double quotes", key_at)
    key, pos = value_at(key_at)
    if key in EVENT_KEYS - {"title"}:  # a first "title" may name a document of events
        raise problem(f"{ONE_EVENT}; did you forget the [ ] around this one?", key_at)
    if key != "events":
        raise problem(f"unknown top-level key {key!r}: {_ONLY_EVENTS}", key_at)
    pos = skip_space(pos)
    if not window.text.startswith(":", pos):
        raise problem("is not valid JSON: expected ':'", pos)
    return skip_space(pos + 1)


_JSON_SPACE = re.compile(r"[ \t\r\n]*")


def json_values(texts: list[str]) -> list[Any]:
    """The values of events' JSON texts from `json_events(as_text=True)`, all read at once
    by orjson; where orjson refuses what the standard library reads (NaN, a lone
    surrogate, an integer beyond 64 bits), by the standard library, so that the values
    are the ones `json_events` gives."""
    import orjson

    try:
        values: list[Any] = orjson.loads("[" + ",".join(texts) + "]")
    except orjson.JSONDecodeError:
        return [json.loads(text) for text in texts]
    return values


def jsonl_events(chunk: bytes, first_line: int) -> Iterator[RawEvent]:
    """The events of whole lines of a JSON Lines file, one per line, `chunk` starting at line
    `first_line`. Lines end at newlines only (text may hold U+2028, which
    `str.splitlines` would split at).

    Each line is read by orjson (strict: UTF-8, RFC 8259, no lone surrogates), twice as
    fast as the standard library, which was a fifth of a large load's validation."""
    import orjson

    for number, line in enumerate(io.BytesIO(chunk), start=first_line):
        if not line.strip():
            continue
        try:
            fields = orjson.loads(line)
        except orjson.JSONDecodeError as error:
            _refuse_line(line, number)  # in the standard library's words, if it has any
            raise FileProblem(f"is not valid JSON Lines: {error.msg}", number) from None
        yield RawEvent(fields, number, {}, json_repeated(line, fields))


def json_repeated(text: str | bytes, fields: Any) -> tuple[tuple[str, int | None, int | None], ...]:
    """The keys an event's JSON object has twice (JSON readers keep the last silently).
    Cheap for the common case: only an object with more `":` than keys is read again."""
    if not isinstance(fields, dict):
        return ()
    # Keys written `"k":` (as JSON writers do) are counted at once; `"k" :` only when
    # fewer keys than fields were found that way.
    compact, spaced = ('":', '" :') if isinstance(text, str) else (b'":', b'" :')
    keys = text.count(compact)  # type: ignore[arg-type]
    if keys < len(fields):
        keys += text.count(spaced)  # type: ignore[arg-type]
    if keys <= len(fields):
        return ()
    seen: set[str] = set()
    repeated = []
    for name, _ in json.loads(text, object_pairs_hook=lambda pairs: pairs):
        if name in seen:
            repeated.append((name, None, None))
        seen.add(name)
    return tuple(repeated)


def _refuse_line(line: bytes, number: int) -> None:
    """The standard library's words for a line orjson refused, when it refuses it too."""
    try:
        json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise FileProblem(
            f"is not UTF-8 text (byte 0x{line[error.start]:02x}); save it as UTF-8", number
        ) from None
    except json.JSONDecodeError as error:
        raise FileProblem(f"is not valid JSON Lines: {error.msg}", number) from None
    except RecursionError:
        raise FileProblem("is nested too deeply to be a file of events", number) from None
