"""What is coming, and what is remembered: `upcoming` and `anniversaries`.

Both take "today" from the caller and look at a window of days from it, inclusive.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from timeline.dates import MONTHS, QUALIFIER_WORDS
from timeline.model import Event

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


@dataclass(frozen=True)
class Anniversary:
    """A day-precision event that took place, whose anniversary falls in the window."""

    event: Event
    day: dt.date  # the anniversary, this time
    years: int
    days_until: int

    @property
    def is_round(self) -> bool:
        """1st, and multiples of 5 (and so of 10)."""
        return self.years == 1 or self.years % 5 == 0

    @property
    def moved_from_29_february(self) -> bool:
        return (self.event.date.month, self.event.date.day) == (2, 29) and self.day.day == 28

    def note(self) -> str:
        text = (
            f"{ordinal(self.years)} anniversary · {self.day.day} {MONTHS[self.day.month - 1][:3]}"
        )
        if self.days_until in (0, 1):
            text += " (today)" if self.days_until == 0 else " (tomorrow)"
        if self.moved_from_29_february:
            text += ", as 29 February is not in this year"
        return text

    def to_dict(self) -> dict[str, Any]:
        """`show --format json`'s object of the event, `days_until` and `years`."""
        return {**self.event.to_dict(), "days_until": self.days_until, "years": self.years}


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


def took_place(event: Event, today: dt.date) -> bool:
    """Held, or without a status and over."""
    return event.status == "held" or (event.status is None and event.last_day < today)


def days_of_year(today: dt.date, days: int) -> tuple[str, ...]:
    """The days ("06-22") an anniversary in the window can fall on; a 29 February event
    is remembered on 28 February in other years, so that day brings 02-29 with it."""
    start, end = window(today, days)
    found: dict[str, None] = {}
    day = start
    while day <= end:
        found[f"{day:%m-%d}"] = None
        if (day.month, day.day) == (2, 28) and not _is_leap(day.year):
            found["02-29"] = None
        day += dt.timedelta(days=1)
    return tuple(found)


def anniversaries(
    events: Iterable[Event], *, today: dt.date, days: int, every: int | None = None
) -> list[Anniversary]:
    """The anniversaries in the window of events that took place in an earlier year, by
    the day they fall on; with `every`, only the years that are multiples of it."""
    start, end = window(today, days)
    found = []
    for event in events:
        # A day not known for sure (`c. 4 Jul 1971`) has no anniversary to mark.
        if event.date.precision != "day" or not event.date.exact or not took_place(event, today):
            continue
        day = _next_anniversary(event.first_day, start)
        if day is None or day > end:
            continue
        years = day.year - event.first_day.year
        if years < 1 or (every and years % every):
            continue
        found.append(Anniversary(event, day, years, (day - today).days))
    found.sort(key=lambda a: (a.day, a.event.first_day, a.event.id))
    return found


def _next_anniversary(date: dt.date, start: dt.date) -> dt.date | None:
    for year in (start.year, start.year + 1):
        day = _on_year(date, year)
        if day >= start:
            return day
    return None


def _on_year(date: dt.date, year: int) -> dt.date:
    if (date.month, date.day) == (2, 29) and not _is_leap(year):
        return dt.date(year, 2, 28)
    return date.replace(year=year)


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def ordinal(number: int) -> str:
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"
