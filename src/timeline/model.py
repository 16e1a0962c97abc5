"""The Event, its fields, and the one validation routine every entry point uses."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from timeline.countries import split_list, to_alpha2, to_alpha2_list
from timeline.dates import PartialDate, parse_date, parse_span
from timeline.errors import FieldError
from timeline.ids import ID_PATTERN, derive_id
from timeline.kinds import alias_code, resolve_kind, resolve_status
from timeline.suggest import close_matches

FIELDS = (
    "id",
    "date",
    "end",
    "kind",
    "status",
    "title",
    "countries",
    "location",
    "participants",
    "tags",
    "summary",
    "sources",
)
REQUIRED = ("date", "kind", "title", "countries")
# What machine-coded data keeps beside the fields: its event codes, PLOVER's score, and
# how many coded rows and articles report the event (rows of one real event are merged).
CODE_FIELDS = ("cameo", "plover", "intensity", "reports", "articles")


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    date: PartialDate
    kind: str
    title: str
    countries: tuple[str, ...]
    end: PartialDate | None = None
    status: str | None = None
    location: str | None = None
    participants: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    summary: str | None = None
    sources: tuple[str, ...] = field(default=())
    cameo: str | None = None  # the CAMEO event code of imported data (GDELT, ICEWS)
    plover: str | None = None  # the PLOVER type and mode of imported data (POLECAT)
    intensity: float | None = None  # PLOVER's score, -10 (conflict) to +10 (cooperation)
    reports: int | None = None  # the coded rows merged into this imported event
    articles: int | None = None  # the articles they count (GDELT's NumArticles)

    @property
    def first_day(self) -> dt.date:
        return self.date.first_day

    @property
    def last_day(self) -> dt.date:
        return (self.end or self.date).last_day

    def to_dict(self) -> dict[str, Any]:
        """The event as plain data, keys in the documented order (JSON, CSV, YAML), the
        codes and counts of machine-coded data last (None for a hand-kept event): what
        `show --format json` prints, and `load` reads back into the same event."""
        return {
            "id": self.id,
            "date": self.date.iso(),
            "end": self.end.iso() if self.end else None,
            "kind": self.kind,
            "status": self.status,
            "title": self.title,
            "countries": list(self.countries),
            "location": self.location,
            "participants": list(self.participants),
            "tags": list(self.tags),
            "summary": self.summary,
            "sources": list(self.sources),
            "cameo": self.cameo,
            "plover": self.plover,
            "intensity": self.intensity,
            "reports": self.reports,
            "articles": self.articles,
        }


class EventInvalid(ValueError):
    """An event has one or more bad fields: a list of (field or None, message)."""

    def __init__(self, problems: list[tuple[str | None, str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{f}: {m}" if f else m for f, m in problems))


def validate(raw: Mapping[str, Any], *, today: dt.date) -> Event:
    """Check one event's fields against every rule and build the Event, or raise EventInvalid
    listing every problem found."""
    problems: list[tuple[str | None, str]] = []
    values: dict[str, Any] = {}
    for name, value in raw.items():
        convert = _CONVERTERS.get(name)
        if convert is None and name not in _DATE_FIELDS:
            shown = _cleaned(str(name))  # named in the problem, as it may be printed
            problems.append((shown, _unknown_field(shown)))
        elif value is not None:
            try:
                if convert:
                    values[name] = convert(value)
                elif name == "date":  # `18-19 June 2023` is a date and an end
                    values["date"], values["span_end"] = parse_span(value, today=today)
                else:
                    values[name] = parse_date(value, today=today)
            except FieldError as error:
                problems.append((name, str(error)))
    for name in REQUIRED:
        if raw.get(name) is None:
            problems.append((name, "is required"))

    if values.get("countries") == ():
        problems.append(("countries", "needs at least one country"))
    if "kind" in values and "cameo" not in values and (code := alias_code(str(raw["kind"]))):
        values["cameo"] = code  # `tariffs` says which way it goes: scored as CAMEO 163
    span_end = values.pop("span_end", None)
    if span_end is not None:
        if values.get("end", span_end) != span_end:
            problems.append(("end", f"is {values['end']}, but the date ends on {span_end}"))
        values["end"] = span_end
    date, end = values.get("date"), values.get("end")
    if date and end and end.last_day < date.first_day:
        problems.append(("end", f"{end} is before the date {date}"))
    if problems:
        raise EventInvalid(problems)

    if "id" not in values:
        values["id"] = derive_id(values["date"], values["countries"], values["title"])
    if end == date:
        values["end"] = None
    return Event(**values)


def validate_texts(values: Mapping[str, Any]) -> dict[str, Any]:
    """Free-text fields of an event built by code (the importers), through the readers
    `validate` uses: cleaned and bounded the same way. Absent (None) values are left out;
    raises EventInvalid. The fields an importer takes from its own tables (kind, countries,
    CAMEO code) and its checked dates need no second look."""
    result: dict[str, Any] = {}
    problems: list[tuple[str | None, str]] = []
    for name, value in values.items():
        if value is not None:
            try:
                result[name] = _CONVERTERS[name](value)
            except FieldError as error:
                problems.append((name, str(error)))
    if problems:
        raise EventInvalid(problems)
    return result


def _unknown_field(name: str) -> str:
    close = close_matches(name, FIELDS, n=1)
    hint = f"did you mean {close[0]!r}?" if close else f"known fields: {', '.join(FIELDS)}"
    return f"unknown field; {hint}"


# Generous limits that no real event reaches, so hostile input cannot bloat the store.
MAX_LENGTH = {"title": 1_000, "location": 500, "summary": 50_000, "item": 2_000, "id": 200}


# Characters that would move or restyle a terminal, or reorder the text around them: C0
# and C1 controls (but tab and line feed) and the bidi embeddings, overrides and isolates;
# and lone surrogates (a JSON escape such as \ud800 with no partner), which are no text at
# all: neither SQLite nor a terminal takes them.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _cleaned(text: str) -> str:
    # isprintable() is a fast check in C that every plain text passes.
    return text if text.isprintable() else _UNSAFE.sub("", text)


def _text(value: Any, limit: int = MAX_LENGTH["title"]) -> str:
    if not isinstance(value, str):
        raise FieldError(f"expected text, got {_describe(value)}")
    text = _cleaned(value).strip()
    if not text:
        raise FieldError("is empty")
    _check_length(text, limit)
    return text


def _check_length(text: str, limit: int) -> None:
    if len(text) > limit:
        raise FieldError(f"is too long ({len(text):,} characters; at most {limit:,})")


def _summary(value: Any) -> str:
    # Kept exactly as written (several lines, indentation), but must say something.
    if not isinstance(value, str):
        raise FieldError(f"expected text, got {_describe(value)}")
    text = _cleaned(value)
    if not text.strip():
        raise FieldError("is empty")
    _check_length(text, MAX_LENGTH["summary"])
    return text


def _texts(value: Any) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        raise FieldError(f"expected a list of text, got {_describe(value)}")
    try:
        texts = tuple(map(str.strip, items))  # the common case at C speed; TypeError if not text
    except TypeError:
        texts = ()
    if not all(map(str.isprintable, texts)):
        texts = tuple(_cleaned(text).strip() for text in texts)
    if len(texts) == len(items) and all(texts):
        if max(map(len, texts), default=0) > MAX_LENGTH["item"]:
            raise FieldError(
                f"has an item that is too long (at most {MAX_LENGTH['item']:,} characters)"
            )
        return texts
    problems = []  # every bad item is reported, not only the first
    for number, item in enumerate(items, start=1):
        text = _cleaned(item).strip() if isinstance(item, str) else None
        if text is None:
            problems.append(f"item {number}: expected text, got {_describe(item)}")
        elif not text:
            problems.append(f"item {number} is empty")
        elif len(text) > MAX_LENGTH["item"]:
            limit = MAX_LENGTH["item"]
            problems.append(f"item {number} is too long (at most {limit:,} characters)")
    raise FieldError("; ".join(problems))


def _countries(value: Any) -> tuple[str, ...]:
    texts = _texts(value)
    listed = "," in "".join(texts)  # a list in one text ("KR, JP"), or a name with a comma
    try:  # the common case at C speed
        if listed:
            return tuple(dict.fromkeys(code for text in texts for code in to_alpha2_list(text)))
        return tuple(dict.fromkeys(map(to_alpha2, texts)))
    except FieldError:
        pass
    problems = []
    for text in dict.fromkeys(texts):  # every bad country is reported, not only the first
        try:
            to_alpha2_list(text) if listed else to_alpha2(text)
        except FieldError as error:
            if "," not in text:
                problems.append(str(error))
                continue
            for part in split_list(text):  # `Japn, Chna`: each part in its own words
                try:
                    to_alpha2(part)
                except FieldError as part_error:
                    problems.append(str(part_error))
    raise FieldError("; ".join(dict.fromkeys(problems)))


def _listed(value: Any) -> tuple[str, ...]:
    """Participants: a list, or one text whose commas separate the values
    (`Joe Biden, Xi Jinping`)."""
    if isinstance(value, str) and "," in value:
        value = split_list(value)
    return _texts(value)


def _tags(value: Any) -> tuple[str, ...]:
    """As `_listed`; a comma inside a tag of a list is refused: `--tag` could never find
    it, since a filter's commas separate tags too."""
    tags = _listed(value)
    if isinstance(value, list) and "," in "".join(tags):
        with_comma = [repr(tag) for tag in tags if "," in tag]
        if len(with_comma) == 1:
            raise FieldError(
                f"{with_comma[0]} has a comma, which separates tags: write it as two tags "
                "or without the comma"
            )
        raise FieldError(
            f"{', '.join(with_comma[:-1])} and {with_comma[-1]} have commas, which separate "
            "tags: write each as several tags or without the commas"
        )
    return tags


def _identifier(value: Any) -> str:
    text = _text(value, MAX_LENGTH["id"])
    if not ID_PATTERN.fullmatch(text):
        raise FieldError(
            f"{text!r} is not a valid id: use lowercase letters, digits, '.', '_' and '-',"
            " starting with a letter or digit"
        )
    return text


# Each field's reader: (value, today) -> the value as the Event holds it, or FieldError.
_DATE_FIELDS = frozenset({"date", "end"})  # read with parse_date, which needs today


def _cameo_code(value: Any) -> str:
    from timeline.cameo import is_event_code

    text = str(value) if isinstance(value, int) and not isinstance(value, bool) else _text(value)
    if not is_event_code(text):
        raise FieldError(f"{text!r} is not a CAMEO event code (two to four digits, 01 to 20...)")
    return text


def _plover_code(value: Any) -> str:
    from timeline.plover import is_code

    text = _text(value)
    if not is_code(text):
        raise FieldError(
            f"{text!r} is not a PLOVER code (an event type such as CONSULT, "
            "and its mode after a slash: CONSULT/visit)"
        )
    return text


def _intensity(value: Any) -> float:
    # Read from text too: YAML gives every plain value as text (see parse._SafeLoader).
    number = value
    if isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            number = None
    if isinstance(number, bool) or not isinstance(number, int | float):
        got = repr(value) if isinstance(value, str) else _describe(value)
        raise FieldError(f"expected a number from -10 to 10, got {got}")
    if not -10 <= number <= 10:  # also refuses NaN
        raise FieldError(f"{number} is outside PLOVER's scale, -10 to 10")
    return float(number)


def _count(value: Any) -> int:
    # Read from text too, as `_intensity` is.
    number = value
    if isinstance(value, str) and value.strip().isdigit():
        number = int(value)
    if isinstance(number, bool) or not isinstance(number, int) or number < 1:
        got = repr(value) if isinstance(value, str) else _describe(value)
        raise FieldError(f"expected a whole number of 1 or more, got {got}")
    return number


def _location(value: Any) -> str:
    return _text(value, MAX_LENGTH["location"])


# Each other field's reader: value -> the value as the Event holds it, or FieldError.
_CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "id": _identifier,
    "kind": lambda v: resolve_kind(_text(v)),
    "status": lambda v: resolve_status(_text(v)),
    "title": _text,
    "countries": _countries,
    "location": _location,
    "participants": _listed,
    "tags": _tags,
    "summary": _summary,
    "sources": _texts,
    "cameo": _cameo_code,
    "plover": _plover_code,
    "intensity": _intensity,
    "reports": _count,
    "articles": _count,
}


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, dt.date):
        return f"the date {value}"
    return f"a {type(value).__name__}"
