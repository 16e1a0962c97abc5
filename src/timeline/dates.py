"""Dates that say only what is known: a day, a month, a year, and the forms historians
write (a quarter, a half, an ISO week, a decade, early/mid/late in a year or a month,
circa, uncertain, before and after), each with the extent it names and no more.

What a date names is stored as one text, in EDTF (the Library of Congress's Extended
Date/Time Format, ISO 8601-2) where EDTF has a form, so that every export reads back:

    2026-01-13  2026-01  2026     a day, a month, a year (ISO 8601)
    2024-35     2025-40           Q3 2024, H1 2025 (EDTF sub-year groupings 33-36, 40-41)
    199X                          the 1990s (EDTF unspecified digit)
    1971~  1971?  1971%  1971-07~ circa, uncertain, both (EDTF qualifiers)
    ../1994     2024/..           before (up to the end of) 1994, after (from) 2024
    2024-W10                      ISO week 10 of 2024 (ISO 8601; EDTF has no week)
    late 1971   early 1971-01     a third of a year or of a month (EDTF has no form)

`parse_span` also reads a span written as one text (`18-19 June 2023`, `1962-10/1962-11`)
as a start and an end. Text that is ambiguous (`03/04/2023`), gives a two-digit year, or
no year where one is needed, is refused with the reason. dateparser (heavy) reads only
text none of these forms match; the reference day for relative expressions ("next
Tuesday") is always passed in by the caller.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Literal

from timeline.errors import FieldError

Precision = Literal["day", "month", "year", "week", "quarter", "half", "decade", "part", "open"]

_ISO = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
# English month names, whatever the locale (the calendar module follows it).
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip
_MONTH_ABBR = tuple(name[:3] for name in MONTHS)
_QUALIFIERS = {"~": "c. {}", "?": "{}?", "%": "c. {}?"}
QUALIFIER_WORDS = {"~": "approximate", "?": "uncertain", "%": "approximate and uncertain"}
_THIRDS = ("early", "mid", "late")
OPEN_START = dt.date(1, 1, 1)  # the extent of "before 1994" starts here
OPEN_END = dt.date(9999, 12, 31)  # and that of "after 2024" ends here


@dataclass(frozen=True, order=True, slots=True)
class PartialDate:
    """A date known to a day, a month or a year, or to a part of a calendar (`part`:
    `Q1`-`Q4`, `H1`-`H2`, `W01`-`W53`, `decade`, `early`/`mid`/`late` of the year or
    month, `before`/`after` the date), possibly approximate (`qualifier` `~`), uncertain
    (`?`) or both (`%`)."""

    year: int
    month: int | None = None
    day: int | None = None
    part: str = ""
    qualifier: str = ""

    @property
    def precision(self) -> Precision:
        part = self.part
        if not part:
            if self.month is None:
                return "year"
            return "month" if self.day is None else "day"
        if part in ("before", "after"):
            return "open"
        if part in _THIRDS:
            return "part"
        return {"Q": "quarter", "H": "half", "W": "week"}.get(part[0], "decade")  # type: ignore[return-value]

    @property
    def exact(self) -> bool:
        """A day, month or year as written, neither approximate nor uncertain."""
        return not self.part and not self.qualifier

    @property
    def first_day(self) -> dt.date:
        return self._extent()[0]

    @property
    def last_day(self) -> dt.date:
        return self._extent()[1]

    def _extent(self) -> tuple[dt.date, dt.date]:
        year, month, day, part = self.year, self.month, self.day, self.part
        if not part or part in ("before", "after"):
            if month is None:
                first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
            elif day is None:
                first, last = dt.date(year, month, 1), dt.date(year, month, _days_in(year, month))
            else:
                first = last = dt.date(year, month, day)
            if part:
                return (OPEN_START, last) if part == "before" else (first, OPEN_END)
            return first, last
        if part in _THIRDS:
            third = _THIRDS.index(part)
            if month is None:  # January-April, May-August, September-December
                return dt.date(year, 4 * third + 1, 1), _month_end(year, 4 * third + 4)
            end = (10, 20, _days_in(year, month))[third]  # days 1-10, 11-20, 21 to the end
            return dt.date(year, month, 10 * third + 1), dt.date(year, month, end)
        if part[0] == "Q":
            quarter = int(part[1])
            return dt.date(year, 3 * quarter - 2, 1), _month_end(year, 3 * quarter)
        if part[0] == "H":
            half = int(part[1])
            return dt.date(year, 6 * half - 5, 1), _month_end(year, 6 * half)
        if part[0] == "W":
            week = int(part[1:])
            return dt.date.fromisocalendar(year, week, 1), dt.date.fromisocalendar(year, week, 7)
        return dt.date(year, 1, 1), dt.date(year + 9, 12, 31)  # the decade

    def iso(self) -> str:
        """The date as it is stored and exported: ISO 8601 at its precision (`2026`,
        `2026-01`, `2026-01-13`), EDTF or ISO for the other forms (see the module)."""
        year, part = f"{self.year:04d}", self.part
        exact = year
        if self.month is not None:
            exact += f"-{self.month:02d}"
            if self.day is not None:
                exact += f"-{self.day:02d}"
        if not part:
            return exact + self.qualifier
        if part == "before":
            return f"../{exact}"
        if part == "after":
            return f"{exact}/.."
        if part in _THIRDS:
            return f"{part} {exact}"
        if part[0] == "Q":
            return f"{year}-{32 + int(part[1])}"
        if part[0] == "H":
            return f"{year}-{39 + int(part[1])}"
        if part[0] == "W":
            return f"{year}-{part}"
        return f"{year[:3]}X"  # the decade

    def human(self, *, long: bool = False) -> str:
        """As a historian writes it: `13 Jan 2026`, `Jan 2026`, `2026`, `Q3 2024`, `H1
        2025`, `week 10 of 2024`, `1990s`, `late 1971`, `late Jan 1971`, `c. 1971`, `c. Jul
        1971`, `1971?`, `before 1994`, `after 2024`; `long`: months in full (`January
        2026`), as in a title."""
        exact = str(self.year)
        if self.month is not None:
            exact = f"{(MONTHS if long else _MONTH_ABBR)[self.month - 1]} {self.year}"
            if self.day is not None:
                exact = f"{self.day} {exact}"
        part = self.part
        if not part:
            return _QUALIFIERS[self.qualifier].format(exact) if self.qualifier else exact
        if part in ("before", "after") or part in _THIRDS:
            return f"{part} {exact}"
        if part[0] in "QH":
            return f"{part} {self.year}"
        if part[0] == "W":
            return f"week {int(part[1:])} of {self.year}"
        return f"{self.year}s"

    def __str__(self) -> str:
        return self.iso()

    def __repr__(self) -> str:
        return f"PartialDate({self.iso()!r})"

    @classmethod
    def from_date(cls, value: dt.date) -> PartialDate:
        return cls(value.year, value.month, value.day)

    @classmethod
    def from_iso(cls, text: str) -> PartialDate:
        """A date as `iso()` writes it (the store's dates)."""
        if len(text) == 4 and text.isdigit():  # the usual cases first
            return cls(int(text))
        if len(text) == 7 and text[4] == "-" and text[5] in "01" and text[5:].isdigit():
            return cls(int(text[:4]), int(text[5:]))
        if len(text) == 10 and text[4] == text[7] == "-" and text.replace("-", "").isdigit():
            return cls(int(text[:4]), int(text[5:7]), int(text[8:]))
        found = _written_form(text)
        if found is None:
            raise ValueError(f"not a stored date: {text!r}")
        return found


def _days_in(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, _days_in(year, month))


def human_span(start: PartialDate, end: PartialDate | None) -> str:
    """A date or a span, sharing what the two ends share: `13–14 Jan 2026`."""
    if end is None or end == start:
        return start.human()
    both_exact = start.exact and end.exact and start.year == end.year
    if both_exact and start.precision == end.precision == "day" and start.month:
        if start.month == end.month:
            return f"{start.day}–{end.human()}"
        return f"{start.day} {_MONTH_ABBR[start.month - 1]} – {end.human()}"
    if both_exact and start.precision == end.precision == "month" and start.month:
        return f"{_MONTH_ABBR[start.month - 1]}–{end.human()}"
    return f"{start.human()} – {end.human()}"


_PRECISION_WORDS = {
    "day": "a day", "month": "a month", "year": "a year", "week": "a week",
    "quarter": "a quarter", "half": "half a year", "decade": "a decade",
    "part": "part of a month or year", "open": "an open span",
}  # fmt: skip


def read_as(start: PartialDate, end: PartialDate | None = None) -> str:
    """How a date was read, in words, for a person to check: `13 Jan 2026 (a day)`,
    `January 2026 (a month)`, `18–19 Jun 2023 (2 days)`, `c. 1971 (a year, approximate)`."""
    if end is not None and end != start:
        days = (end.last_day - start.first_day).days + 1
        return f"{human_span(start, end)} ({days:,} days)"
    words = _PRECISION_WORDS[start.precision]
    if start.qualifier:
        words += f", {QUALIFIER_WORDS[start.qualifier]}"
    return f"{start.human(long=start.precision == 'month')} ({words})"


def parse_date(value: object, *, today: dt.date) -> PartialDate:
    """Read one date from YAML/JSON/CLI input, keeping what it says and no more.

    Accepts YAML dates and datetimes, a year as an int, ISO `YYYY`, `YYYY-MM`,
    `YYYY-MM-DD`, the forms of this module, or words dateparser understands in any
    language it knows (`January 2026`, `next Tuesday`, `last week`). `today` anchors
    relative expressions. Of a span (`Q3 2024`), the last date: what an `end` means."""
    start, end = parse_span(value, today=today)
    return start if end is None else end


def parse_span(value: object, *, today: dt.date) -> tuple[PartialDate, PartialDate | None]:
    """A date, or a span written as one text (`18-19 June 2023`, `June 18–19, 2023`,
    `18 June – 2 July 2023`, `2023년 6월 18~19일`, `2023年6月18日～19日`, EDTF
    `1962-10/1962-11`): its start and its end (None for one date)."""
    if isinstance(value, bool):
        raise FieldError(f"expected a date, got {str(value).lower()}")
    if isinstance(value, dt.datetime):
        return PartialDate.from_date(value.date()), None
    if isinstance(value, dt.date):
        return PartialDate.from_date(value), None
    if isinstance(value, int):
        return _year(value, str(value)), None
    if not isinstance(value, str):
        raise FieldError(f"expected a date, got a {_type_name(value)}")
    text = " ".join(value.split())
    if not text:
        raise FieldError("is empty")
    if len(text) == 10 and text[4] == text[7] == "-":  # the common case, checked in C
        try:
            return PartialDate.from_date(dt.date.fromisoformat(text)), None
        except ValueError:
            pass
    found = _written_form(text)
    if found is not None:
        return found, None
    span = _span(text, today)
    if span is not None:
        return span
    _refuse_unclear(text)
    return _parse_natural(text, today), None


def _year(year: int, text: str) -> PartialDate:
    if len(text) <= 2:  # 65: 1965 or 2065?
        raise FieldError(
            f"{text!r} is a two-digit year; write the whole year (19{year:02d} or 20{year:02d})"
        )
    return _checked(year, None, None, text)


def _checked(year: int, month: int | None, day: int | None, text: str) -> PartialDate:
    if not 1 <= year <= 9999:
        raise FieldError(f"{text!r} is not a valid year (1 to 9999)")
    if month is not None and not 1 <= month <= 12:
        raise FieldError(f"{text!r} is not a valid date: month must be 1 to 12")
    if day is not None:
        assert month is not None
        last = _days_in(year, month)
        if not 1 <= day <= last:
            raise FieldError(f"{text!r} is not a valid date: {year}-{month:02d} has {last} days")
    return PartialDate(year, month, day)


def _exact(text: str) -> PartialDate | None:
    """`YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or a month written in English (`Jul 1971`)."""
    match = _ISO.fullmatch(text)
    if match:
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        return _checked(year, month, day, text)
    match = _MONTH_YEAR.fullmatch(text)
    if match:
        return _checked(int(match[2]), _month_number(match[1]), None, text)
    match = _DAY_MONTH_YEAR.fullmatch(text)
    if match:
        return _checked(int(match[3]), _month_number(match[2]), int(match[1]), text)
    return None


_MONTH_NAME = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_MONTH_YEAR = re.compile(rf"{_MONTH_NAME}\s+(\d{{4}})", re.I)
_DAY_MONTH_YEAR = re.compile(rf"(\d{{1,2}})\s+{_MONTH_NAME}\s+(\d{{4}})", re.I)
_GROUPING = re.compile(r"(\d{4})-(\d{2})")  # EDTF 2024-35, also ISO 2024-03
_QUARTER = re.compile(r"(?:q([1-4])\s*(\d{4})|(\d{4})\s*-?\s*q([1-4]))", re.I)
_HALF = re.compile(r"(?:h([12])\s*(\d{4})|(\d{4})\s*-?\s*h([12]))", re.I)
_WEEK = re.compile(r"(?:(\d{4})-?w(\d{2})|w(\d{1,2})\s+(\d{4}))", re.I)
_DECADE = re.compile(r"(?:the\s+)?(\d{3})(?:0s|x)", re.I)
_THIRD = re.compile(r"(early|mid|late)[\s-]+(.+)", re.I)
_CIRCA = re.compile(
    r"(?:circa|ca\.|c\.|approximately|approx\.|around|about|c(?=[\s\d]))\s*(.+)", re.I
)
_QUALIFIED = re.compile(r"(.+?)\s*([~?%])")
_OPEN = re.compile(r"\.\./(.+)|(.+)/\.\.|(before|after)\s+(.+)", re.I)


def _written_form(text: str) -> PartialDate | None:
    """The forms of this module (and their EDTF), or None for any other text."""
    match = _GROUPING.fullmatch(text)
    if match and 21 <= int(match[2]) <= 41:  # EDTF's seasons, quarters, halves
        code = int(match[2])
        if 33 <= code <= 36:
            return PartialDate(_checked(int(match[1]), None, None, text).year, part=f"Q{code - 32}")
        if code in (40, 41):
            return PartialDate(_checked(int(match[1]), None, None, text).year, part=f"H{code - 39}")
        raise FieldError(
            f"{text!r}: of EDTF's groupings of a year only quarters (33-36) and halves "
            "(40, 41) are kept; write the months as a span"
        )
    exact = _exact(text)
    if exact is not None:
        return exact
    if match := _QUARTER.fullmatch(text):
        year, number = (match[2], match[1]) if match[1] else (match[3], match[4])
        return PartialDate(_checked(int(year), None, None, text).year, part=f"Q{number}")
    if match := _HALF.fullmatch(text):
        year, number = (match[2], match[1]) if match[1] else (match[3], match[4])
        return PartialDate(_checked(int(year), None, None, text).year, part=f"H{number}")
    if match := _WEEK.fullmatch(text):
        year, week = (match[1], match[2]) if match[1] else (match[4], match[3])
        try:
            dt.date.fromisocalendar(int(year), int(week), 1)
        except ValueError:
            raise FieldError(f"{text!r} is not a valid ISO week of {year}") from None
        return PartialDate(int(year), part=f"W{int(week):02d}")
    if match := _DECADE.fullmatch(text):
        return PartialDate(int(match[1]) * 10, part="decade")
    if match := _THIRD.fullmatch(text):
        inner = _exact(match[2])
        if inner is None or inner.day is not None:
            raise FieldError(f"{text!r}: early, mid and late take a year or a month")
        return PartialDate(inner.year, inner.month, part=match[1].lower())
    if match := _CIRCA.fullmatch(text):
        inner = _exact(match[1].rstrip("?"))
        if inner is None:
            if (named := _written_form(match[1])) is not None:  # circa 1990s, around late 1971
                raise FieldError(
                    f"{text!r}: {named.human()} already names a span; write it without "
                    f"{text[: len(text) - len(match[1])].strip()}"
                )
            return None  # "about" may start other words: left to dateparser
        return PartialDate(
            inner.year, inner.month, inner.day, qualifier="%" if match[1].endswith("?") else "~"
        )
    if match := _QUALIFIED.fullmatch(text):
        inner = _exact(match[1])
        if inner is None:
            raise FieldError(f"{text!r}: {match[2]} qualifies a year, a month or a day")
        return PartialDate(inner.year, inner.month, inner.day, qualifier=match[2])
    if match := _OPEN.fullmatch(text):
        written = match[1] or match[2] or match[4]
        side = "before" if match[1] else "after" if match[2] else match[3].lower()
        inner = _exact(written)
        if inner is None:
            raise FieldError(f"{text!r}: {side} takes a year, a month or a day")
        return PartialDate(inner.year, inner.month, inner.day, part=side)
    return None


_DASH = r"\s*[-–—~〜～]\s*"
_DAYS_FIRST = re.compile(rf"(\d{{1,2}}){_DASH}(\d{{1,2}})(\s+\D.*)")  # 18-19 June 2023
_DAYS_AFTER = re.compile(
    rf"(\D+?)\s*(\d{{1,2}}){_DASH}(\d{{1,2}})(,?\s+\d{{4}})"
)  # June 18–19, 2023
_KO_DAYS = re.compile(
    rf"(\d{{4}})\s*년\s*(\d{{1,2}})\s*월\s*(\d{{1,2}})\s*일?{_DASH}(\d{{1,2}})\s*일"
)
_JA_DAYS = re.compile(
    rf"(\d{{4}})\s*年\s*(\d{{1,2}})\s*月\s*(\d{{1,2}})\s*日?{_DASH}(\d{{1,2}})\s*日"
)
_TWO_SIDES = re.compile(r"(.+?)\s+(?:[-–—]|to|until)\s+(.+)|(.+?)\s*[–—]\s*(.+)", re.I)


def _span(text: str, today: dt.date) -> tuple[PartialDate, PartialDate] | None:
    """A span written as one text, or None when the text is not one."""
    if "/" in text and text.count("/") == 1 and not re.search(r"\d/\d{1,2}/", text):
        start_text, end_text = text.split("/")
        start, end = _exact(start_text), _exact(end_text)
        if start is None or end is None:
            raise FieldError(f"{text!r}: an EDTF interval joins two dates (1962-10/1962-11)")
        return _ordered(start, end, text)
    for pattern in (_KO_DAYS, _JA_DAYS):
        if match := pattern.fullmatch(text):
            year, month, first, last = (int(g) for g in match.groups())
            start = _checked(year, month, first, text)
            return _ordered(start, _checked(year, month, last, text), text)
    if match := _DAYS_FIRST.fullmatch(text):
        pair = (f"{match[1]}{match[3]}", f"{match[2]}{match[3]}")
    elif match := _DAYS_AFTER.fullmatch(text):
        pair = (f"{match[1]} {match[2]}{match[4]}", f"{match[1]} {match[3]}{match[4]}")
    elif match := _TWO_SIDES.fullmatch(text):
        left, right = (match[1], match[2]) if match[1] else (match[3], match[4])
        given = re.search(r"\d{4}", right)
        if given and not re.search(r"\d{4}", left):
            left = f"{left} {given[0]}"  # 18 June – 2 July 2023
        pair = (left, right)
    else:
        return None
    (opening, opening_end), (closing, closing_end) = (parse_span(s, today=today) for s in pair)
    if opening_end is not None or closing_end is not None:
        raise FieldError(f"{text!r} is not one span")
    return _ordered(opening, closing, text)


def _ordered(start: PartialDate, end: PartialDate, text: str) -> tuple[PartialDate, PartialDate]:
    if end.last_day < start.first_day:
        raise FieldError(f"{text!r} ends before it starts")
    return start, end


_NUMERIC = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{2,4})")


def _refuse_unclear(text: str) -> None:
    """Dates whose reading depends on the reader's country, or on a century."""
    if text.isdigit() and len(text) <= 2:
        _year(int(text), text)
    match = _NUMERIC.fullmatch(text)
    if not match:
        if re.search(r"(?<![\d'])'?\d{2}$", text) and not re.search(r"\d{3,}", text):
            raise FieldError(f"{text!r} has a two-digit year; write the whole year")
        return
    first, second, year = (int(g) for g in match.groups())
    if len(match[3]) != 4:
        raise FieldError(f"{text!r} has a two-digit year; write it in ISO form (YYYY-MM-DD)")
    readings = sorted(
        {
            f"{year:04d}-{month:02d}-{day:02d}"
            for month, day in ((first, second), (second, first))
            if 1 <= month <= 12 and 1 <= day <= _days_in(year, month)
        }
    )
    if len(readings) > 1:
        raise FieldError(
            f"{text!r} is ambiguous: {' or '.join(readings)}; write it in ISO form (YYYY-MM-DD)"
        )


def _parse_natural(text: str, today: dt.date) -> PartialDate:
    data = _natural_parser(today, need_year=False).get_date_data(text)
    if data.date_obj is None:
        raise FieldError(
            f"cannot understand {text!r} as a date; use YYYY-MM-DD, YYYY-MM, YYYY "
            "or words such as 'January 2026', 'Q3 2024', 'late 1971' or 'next Tuesday'"
        )
    found: dt.date = data.date_obj.date()
    if not _gives_year(text, found, data.period, today):
        raise FieldError(
            f"{text!r} gives no year; write it with one ({_example(data.period, found)})"
        )
    if data.period == "week":  # last week, in two weeks: the ISO week of that day
        year, week, _ = found.isocalendar()
        return PartialDate(year, part=f"W{week:02d}")
    if data.period == "year":
        return PartialDate(found.year)
    if data.period == "month":
        return PartialDate(found.year, found.month)
    return PartialDate(found.year, found.month, found.day)


def _gives_year(text: str, found: dt.date, period: str, today: dt.date) -> bool:
    """Whether the year comes from the text or from a relative expression anchored on
    today (`yesterday`, `next month`, `Tuesday`), not made up for `18 June` or `March`."""
    if re.search(r"\d{3,}", text):
        return True
    if period == "day" and not re.search(r"\d", text):
        return True  # a weekday or a relative day: anchored on today by its words
    strict = _natural_parser(today, need_year=True).get_date_data(text)
    # Relative expressions read the same when a year is required; `18 June` does not.
    return strict.date_obj is not None and strict.date_obj.date() == found


def _example(period: str, found: dt.date) -> str:
    if period == "month":
        return f"{MONTHS[found.month - 1]} {found.year}"
    return f"{found.day} {MONTHS[found.month - 1]} {found.year}"


_parsers: dict[tuple[dt.date, bool], Any] = {}  # per reference day: building one is slow


def _natural_parser(today: dt.date, *, need_year: bool) -> Any:
    parser = _parsers.get((today, need_year))
    if parser is None:
        from dateparser.date import DateDataParser  # heavy: imported only when needed

        settings: dict[str, Any] = {
            "RELATIVE_BASE": dt.datetime(today.year, today.month, today.day),
            "PREFER_DAY_OF_MONTH": "first",
            "RETURN_AS_TIMEZONE_AWARE": False,
        }
        if need_year:
            settings["REQUIRE_PARTS"] = ["year"]
        parser = _parsers[(today, need_year)] = DateDataParser(settings=settings)
    return parser


def _type_name(value: object) -> str:
    return {"dict": "mapping"}.get(type(value).__name__, type(value).__name__)


def _month_number(name: str) -> int:
    return _MONTH_ABBR.index(name[:3].title()) + 1
