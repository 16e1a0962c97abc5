"""What is coming, and what is remembered: `upcoming` and `anniversaries`.

Both take "today" from the caller and look at a window of days from it, inclusive.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from timeline.dates import MONTHS, QUALIFIER_WORDS
from timeline.model import Event

if TYPE_CHECKING:
    from timeline.render import Shown

# Dated events first within a month, then the coarser the later.
_PRECISION_RANK = {"day": 0, "week": 1, "part": 2, "month": 3, "quarter": 4, "half": 5}
_COARSEST = 6  # a year, a decade, an open end


@dataclass(frozen=True)
class Upcoming:
    """An event that starts or is under way in the window, and how far off it is."""

    event: Event
    days_until: int  # 0 for today and for an event under way or of this month or year
    note: str  # today, tomorrow, in 12 days, under way, sometime this month...

    def to_dict(self) -> dict[str, Any]:
        """`show --format json`'s object of the event, and `days_until`."""
        return {**self.event.to_dict(), "days_until": self.days_until}


# An Event, or what the timeline view shows of one (`render.Shown`, its date as ISO text).
Remembered = TypeVar("Remembered", "Event", "Shown")


@dataclass(frozen=True)
class Anniversary(Generic[Remembered]):
    """A day-precision event that took place, whose anniversary falls in the window."""

    event: Remembered
    day: dt.date  # the anniversary, this time
    years: int
    days_until: int

    @classmethod
    def of_row(
        cls, event: Remembered, day: str, days_until: int, years: int
    ) -> Anniversary[Remembered]:
        """From the end of a row of `Reads.select_anniversaries`."""
        return cls(event, _date(day), years, days_until)

    @property
    def is_round(self) -> bool:
        """1st, and multiples of 5 (and so of 10)."""
        return self.years == 1 or self.years % 5 == 0

    @property
    def moved_from_29_february(self) -> bool:
        date = self.event.date
        month_day = date[5:] if isinstance(date, str) else f"{date.month:02}-{date.day:02}"
        return month_day == "02-29" and self.day.day == 28

    def note(self) -> str:
        return _note(self.years, self.day, self.days_until, self.moved_from_29_february)

    def to_dict(self: Anniversary[Event]) -> dict[str, Any]:
        """`show --format json`'s object of the event, `days_until` and `years`."""
        return {**self.event.to_dict(), "days_until": self.days_until, "years": self.years}


_date = lru_cache(maxsize=512)(dt.date.fromisoformat)  # a window's days, over and over


@lru_cache(maxsize=4096)  # a window's tens of thousands of anniversaries share a few thousand
def _note(years: int, day: dt.date, days_until: int, moved_from_29_february: bool) -> str:
    text = f"{ordinal(years)} anniversary · {day.day} {MONTHS[day.month - 1][:3]}"
    if days_until in (0, 1):
        text += " (today)" if days_until == 0 else " (tomorrow)"
    if moved_from_29_february:
        text += ", as 29 February is not in this year"
    return text


def window(today: dt.date, days: int) -> tuple[dt.date, dt.date]:
    return today, today + dt.timedelta(days=days)


def upcoming(events: Iterable[Event], *, today: dt.date, days: int) -> list[Upcoming]:
    """The events (those overlapping the window) in the order they come: by month, the
    dated ones before those known only to the month or the year."""
    found = [Upcoming(event, *how_far(event, today)) for event in events]
    found.sort(
        key=lambda u: (
            u.event.first_day.year,
            u.event.first_day.month,
            _PRECISION_RANK.get(u.event.date.precision, _COARSEST),
            u.event.first_day,
            u.event.id,
        )
    )
    return found


def how_far(event: Event, today: dt.date) -> tuple[int, str]:
    """Days until the event starts (0 once it has), and that in words; a date not known
    for sure says so (`sometime next year (approximate)`)."""
    days, words = _how_far(event, today)
    qualifier = event.date.qualifier
    return days, f"{words} ({QUALIFIER_WORDS[qualifier]})" if qualifier else words


def _how_far(event: Event, today: dt.date) -> tuple[int, str]:
    start = event.first_day
    precision = event.date.precision
    if precision == "month":
        months = (start.year - today.year) * 12 + start.month - today.month
        if months <= 0:
            return 0, "sometime this month"
        if months == 1:
            return (start - today).days, "sometime next month"
        return (start - today).days, f"sometime in {MONTHS[start.month - 1]} {start.year}"
    if precision == "year":
        if start.year <= today.year:
            return 0, "sometime this year"
        when = "next year" if start.year == today.year + 1 else f"in {start.year}"
        return (start - today).days, f"sometime {when}"
    if precision != "day":  # sometime in late 2027, in Q3 2027, before 2030
        open_ended = event.date.precision == "open"  # "before 2030", not "in before 2030"
        words = f"sometime {'' if open_ended else 'in '}{event.date.human()}"
        return max(0, (start - today).days), words
    days = (start - today).days
    if days < 0:
        return 0, "under way"
    return days, {0: "today", 1: "tomorrow"}.get(days, f"in {days} days")


def anniversary_days(today: dt.date, days: int) -> dict[str, tuple[str, int]]:
    """The days of a year ("06-22") an anniversary in the window can fall on, each with the
    first day (ISO) it does and the days until then. A 29 February event is remembered
    on 28 February in other years, so that day is also 02-29's."""
    start, end = window(today, days)
    found: dict[str, tuple[str, int]] = {}
    day = start
    while day <= end and len(found) < 366:  # after a year, every day of one is found
        on = day.isoformat(), (day - today).days
        found.setdefault(f"{day:%m-%d}", on)
        if (day.month, day.day) == (2, 28) and not _is_leap(day.year):
            found.setdefault("02-29", on)
        day += dt.timedelta(days=1)
    return found


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def ordinal(number: int) -> str:
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"
