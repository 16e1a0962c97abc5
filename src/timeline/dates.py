"""Dates that keep their precision: a year, a month or a day.

The only importer of dateparser, and only for text that is not ISO-shaped, so that the
common case (ISO strings and YAML dates) never pays for it. The reference day for relative
expressions ("next Tuesday") is always passed in by the caller.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Literal

from timeline.errors import FieldError

Precision = Literal["year", "month", "day"]

_ISO = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
# English month names, whatever the locale (the calendar module follows it).
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip
_MONTH_ABBR = tuple(name[:3] for name in MONTHS)


@dataclass(frozen=True, order=True, slots=True)
class PartialDate:
    """A calendar date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> Precision:
        if self.month is None:
            return "year"
        return "month" if self.day is None else "day"

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        if self.month is None:
            return dt.date(self.year, 12, 31)
        if self.day is None:
            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return dt.date(self.year, self.month, self.day)

    def iso(self) -> str:
        """`2026`, `2026-01` or `2026-01-13`: ISO 8601 at the date's own precision."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def human(self) -> str:
        """`13 Jan 2026`, `Jan 2026` or `2026`."""
        if self.month is None:
            return str(self.year)
        month = _MONTH_ABBR[self.month - 1]
        return f"{month} {self.year}" if self.day is None else f"{self.day} {month} {self.year}"

    def __str__(self) -> str:
        return self.iso()

    def __repr__(self) -> str:
        return f"PartialDate({self.iso()!r})"

    @classmethod
    def from_date(cls, value: dt.date) -> PartialDate:
        return cls(value.year, value.month, value.day)

    @classmethod
    def from_iso(cls, text: str) -> PartialDate:
        """`2026`, `2026-01` or `2026-01-13`, as `iso()` writes them (the store's dates)."""
        return cls(*(int(part) for part in text.split("-")))


def human_span(start: PartialDate, end: PartialDate | None) -> str:
    """A date or a span, sharing what the two ends share: `13–14 Jan 2026`."""
    if end is None or end == start:
        return start.human()
    if start.precision == end.precision == "day":
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.day}–{end.human()}"
        if start.year == end.year:
            return f"{start.day} {_MONTH_ABBR[start.month - 1]} – {end.human()}"  # type: ignore[operator]
    if start.precision == end.precision == "month" and start.year == end.year:
        return f"{_MONTH_ABBR[start.month - 1]}–{end.human()}"  # type: ignore[operator]
    return f"{start.human()} – {end.human()}"


def parse_date(value: object, *, today: dt.date) -> PartialDate:
    """Read a date from YAML/JSON/CLI input, keeping its precision.

    Accepts YAML dates and datetimes, a year as an int, ISO `YYYY`, `YYYY-MM`,
    `YYYY-MM-DD`, or anything dateparser understands in any language it knows.
    `today` anchors relative expressions.
    """
    if isinstance(value, bool):
        raise FieldError(f"expected a date, got {str(value).lower()}")
    if isinstance(value, dt.datetime):
        return PartialDate.from_date(value.date())
    if isinstance(value, dt.date):
        return PartialDate.from_date(value)
    if isinstance(value, int):
        return _checked(value, None, None, str(value))
    if not isinstance(value, str):
        raise FieldError(f"expected a date, got a {_type_name(value)}")
    text = value.strip()
    if not text:
        raise FieldError("is empty")
    if len(text) == 10 and text[4] == text[7] == "-":  # the common case, checked in C
        try:
            return PartialDate.from_date(dt.date.fromisoformat(text))
        except ValueError:
            pass
    match = _ISO.fullmatch(text)
    if match:
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        return _checked(year, month, day, text)
    return _parse_natural(text, today)


def _checked(year: int, month: int | None, day: int | None, text: str) -> PartialDate:
    if not 1 <= year <= 9999:
        raise FieldError(f"{text!r} is not a valid year (1 to 9999)")
    if month is not None and not 1 <= month <= 12:
        raise FieldError(f"{text!r} is not a valid date: month must be 1 to 12")
    if day is not None:
        assert month is not None
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise FieldError(f"{text!r} is not a valid date: {year}-{month:02d} has {last} days")
    return PartialDate(year, month, day)


def _parse_natural(text: str, today: dt.date) -> PartialDate:
    parser = _natural_parser(today)
    data = parser.get_date_data(text)
    if data.date_obj is None:
        raise FieldError(
            f"cannot understand {text!r} as a date; use YYYY-MM-DD, YYYY-MM, YYYY "
            "or words such as 'January 2026' or 'next Tuesday'"
        )
    found: dt.datetime = data.date_obj
    if data.period == "year":
        return PartialDate(found.year)
    if data.period == "month":
        return PartialDate(found.year, found.month)
    return PartialDate(found.year, found.month, found.day)


_parsers: dict[dt.date, Any] = {}  # one parser per reference day: building one is slow


def _natural_parser(today: dt.date) -> Any:
    parser = _parsers.get(today)
    if parser is None:
        from dateparser.date import DateDataParser  # heavy: imported only when needed

        parser = DateDataParser(
            settings={
                "RELATIVE_BASE": dt.datetime(today.year, today.month, today.day),
                "PREFER_DAY_OF_MONTH": "first",
                "RETURN_AS_TIMEZONE_AWARE": False,
            }
        )
        _parsers[today] = parser
    return parser


def _type_name(value: object) -> str:
    return {"dict": "mapping"}.get(type(value).__name__, type(value).__name__)
