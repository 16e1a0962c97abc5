"""The dates a sentence gives, at the precision it gives them, resolved against the day
the article was published: `on Friday` in a Tuesday's paper is the Friday before, `this
Saturday` of something planned the coming one, `later this month` the month, `오는 15일`
the coming 15th, `26日` a day of the paper's month. Never a day the text does not give;
without a publication day, a date that needs one is not guessed (`needs_published`).

Our own patterns rather than dateparser's `search_dates`, which reads `may` the verb as
May, `19-21` as a day, and gives a bare year today's month and day."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from timeline.dates import PartialDate

# English month names and abbreviations to numbers, whatever the locale.
MONTH_NUMBERS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
MONTH_NUMBERS |= {name.lower(): n for n, name in enumerate(calendar.month_abbr) if name}
MONTH_NUMBERS["sept"] = 9
MONTH_WORDS = "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True))
_MONTH = rf"(?P<month>{MONTH_WORDS})\.?"
_WEEKDAYS = {name.lower(): n for n, name in enumerate(calendar.day_name)}
_DASH = r"\s*[-–~～〜]\s*"


@dataclass(frozen=True)
class Found:
    start: PartialDate
    end: PartialDate | None
    at: int  # where in the sentence
    relative: bool  # read against the publication day
    until: bool = False  # the day something lasts to (`14日まで`, `until Friday`)


class NeedsPublished(Exception):
    """A relative date in a text whose publication day is not known."""


def _day(year: int, month: int, day: int) -> PartialDate | None:
    try:
        dt.date(year, month, day)
    except ValueError:
        return None
    return PartialDate(year, month, day)


def _year_near(month: int, published: dt.date | None, future: bool) -> int:
    """A month written without a year: the paper's year, or the next one for a planned
    event in a month already past (`in February`, written in December)."""
    if published is None:
        raise NeedsPublished
    if future and month < published.month:
        return published.year + 1
    return published.year


# (pattern, reader): each reader takes the match, the publication day and whether the
# sentence speaks of the future, and returns the start and end.
_EN_SPAN = re.compile(
    rf"\b{_MONTH}\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?{_DASH}(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"(?:,?\s+(?P<year>\d{{4}}))?\b",
    re.IGNORECASE,
)
_EN_SPAN_DAY_FIRST = re.compile(
    rf"\b(?P<d1>\d{{1,2}}){_DASH}(?P<d2>\d{{1,2}})\s+{_MONTH}(?:,?\s+(?P<year>\d{{4}}))?\b",
    re.IGNORECASE,
)
_EN_MDY = re.compile(
    rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?\b",
    re.IGNORECASE,
)
_EN_DMY = re.compile(
    rf"\b(?P<day>\d{{1,2}})\s+{_MONTH}(?:,?\s+(?P<year>\d{{4}}))?\b", re.IGNORECASE
)
_EN_IN_MONTH = re.compile(rf"\b(?:in|by|from|since)\s+{_MONTH}(?!\s*\d)", re.IGNORECASE)
_EN_MONTH_YEAR = re.compile(rf"\b(?:in\s+)?{_MONTH}\s+(?P<year>\d{{4}})\b", re.IGNORECASE)
_EN_IN_YEAR = re.compile(r"\b(?:in|by|for)\s+(?P<year>(?:19|20)\d{2})\b")
_EN_WEEKDAY = re.compile(
    r"\b(?P<which>this|next|last|on|coming)?\s*(?P<weekday>monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday)\b",
    re.IGNORECASE,
)
# `early next year`, `late this month`: a third of the year or month.
_EN_THIRD = re.compile(
    r"\b(?P<third>early|mid|late|the end of)[- ]"
    r"(?P<span>next year|this year|next month|this month)\b",
    re.IGNORECASE,
)
_EN_RELATIVE = re.compile(
    r"\b(?P<word>yesterday|today|tomorrow|(?:later|earlier) this month|this month|next month|"
    r"last month|next week|this week|last week|next year|this year|last year)\b",
    re.IGNORECASE,
)
_EN_OF_NEXT_MONTH = re.compile(
    rf"\bthe\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:{_DASH}(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)?"
    r"\s+of\s+(?P<which>next|this)\s+month\b",
    re.IGNORECASE,
)
# Korean and Japanese: 2026년 1월 13일, 1월 13일, 오는 15일, 18~19일; 2026年1月13日, 26日.
_CJK_FULL = re.compile(
    r"(?:(?P<year>\d{4})\s*[년年]\s*)?(?P<month>\d{1,2})\s*[월月]\s*(?P<d1>\d{1,2})"
    r"(?:\s*[일日])?(?:" + _DASH + r"(?P<d2>\d{1,2}))?\s*[일日]"
)
_CJK_MONTH = re.compile(r"(?P<year>\d{4})\s*[년年]\s*(?P<month>\d{1,2})\s*[월月](?!\s*\d)")
_CJK_DAY = re.compile(
    r"(?P<which>오는|지난|去る|来る)?\s*(?<![\d월月])(?P<d1>\d{1,2})(?:" + _DASH
    + r"(?P<d2>\d{1,2}))?\s*[일日](?![본本])"
)  # fmt: skip
_CJK_RELATIVE = re.compile(
    r"(?P<word>어제|오늘|내일|이달|이번 달|다음 달|내달|지난달|昨日|今日|明日|今月|来月|先月)"
)


# A date a stay lasts to: `14日まで`, `14일까지`, `12日に帰国`, `until January 14`.
_UNTIL_AFTER = re.compile(r"\s*(?:まで|까지|に帰国|일 귀국|에 귀국)")
_UNTIL_BEFORE = re.compile(r"\b(?:until|till|through)\s+(?:on\s+)?$", re.IGNORECASE)


def dates_in(sentence: str, published: dt.date | None, *, future: bool) -> list[Found]:
    """Every date the sentence gives, in the order it gives them; raises NeedsPublished
    when the only dates it gives are relative and the publication day is not known."""
    found: list[Found] = []
    taken: list[tuple[int, int]] = []  # spans already read: a longer form wins
    needed = False

    def add(match: re.Match[str], start: PartialDate | None, end: PartialDate | None = None,
            relative: bool = False) -> None:  # fmt: skip
        span = match.span()
        if start is None or any(a < span[1] and span[0] < b for a, b in taken):
            return
        taken.append(span)
        until = bool(
            _UNTIL_AFTER.match(sentence, span[1]) or _UNTIL_BEFORE.search(sentence[: span[0]])
        )
        found.append(Found(start, end if end != start else None, span[0], relative, until))

    def year_of(match: re.Match[str], month: int) -> tuple[int, bool]:
        if match["year"]:
            return int(match["year"]), False
        return _year_near(month, published, future), True

    for pattern in (_EN_SPAN, _EN_SPAN_DAY_FIRST):
        for match in pattern.finditer(sentence):
            month = MONTH_NUMBERS[match["month"].lower()]
            try:
                year, relative = year_of(match, month)
            except NeedsPublished:
                needed = True
                continue
            add(match, _day(year, month, int(match["d1"])), _day(year, month, int(match["d2"])),
                relative)  # fmt: skip
    for pattern in (_EN_MDY, _EN_DMY):
        for match in pattern.finditer(sentence):
            if match["month"].lower() == "may" and not match["year"] and pattern is _EN_DMY:
                continue  # `5 may` is not a date in prose
            month = MONTH_NUMBERS[match["month"].lower()]
            try:
                year, relative = year_of(match, month)
            except NeedsPublished:
                needed = True
                continue
            add(match, _day(year, month, int(match["day"])), relative=relative)
    for match in _EN_MONTH_YEAR.finditer(sentence):
        add(match, PartialDate(int(match["year"]), MONTH_NUMBERS[match["month"].lower()]))
    for match in _EN_IN_MONTH.finditer(sentence):  # `in September`: the paper's year
        month = MONTH_NUMBERS[match["month"].lower()]
        if match["month"].lower() == "may" and not future:
            continue
        try:
            year = _year_near(month, published, future)
        except NeedsPublished:
            needed = True
            continue
        add(match, PartialDate(year, month), relative=True)
    for match in _CJK_FULL.finditer(sentence):
        month = int(match["month"])
        if not 1 <= month <= 12:
            continue
        try:
            year, relative = year_of(match, month)
        except NeedsPublished:
            needed = True
            continue
        second = _day(year, month, int(match["d2"])) if match["d2"] else None
        add(match, _day(year, month, int(match["d1"])), second, relative)
    for match in _CJK_MONTH.finditer(sentence):
        add(match, PartialDate(int(match["year"]), int(match["month"])))
    relative_forms = (
        _EN_OF_NEXT_MONTH,
        _EN_THIRD,
        _EN_RELATIVE,
        _EN_WEEKDAY,
        _CJK_DAY,
        _CJK_RELATIVE,
    )
    for pattern in relative_forms:
        for match in pattern.finditer(sentence):
            if published is None:
                needed = needed or not any(a <= match.start() < b for a, b in taken)
                continue
            start, end = _relative(pattern, match, published, future)
            add(match, start, end, relative=True)
    for match in _EN_IN_YEAR.finditer(sentence):
        add(match, PartialDate(int(match["year"])))
    if not found and needed:
        raise NeedsPublished
    return sorted(found, key=lambda f: f.at)


def _relative(
    pattern: re.Pattern[str], match: re.Match[str], published: dt.date, future: bool
) -> tuple[PartialDate | None, PartialDate | None]:
    day = published
    if pattern is _EN_THIRD:
        third = {"early": "early", "mid": "mid", "late": "late", "the end of": "late"}[
            match["third"].lower()
        ]
        span = match["span"].lower()
        if span.endswith("year"):
            return PartialDate(day.year + (span == "next year"), part=third), None
        year, month = _shift(day.year, day.month, 1 if span == "next month" else 0)
        return PartialDate(year, month, part=third), None
    if pattern is _EN_OF_NEXT_MONTH:
        year, month = _shift(day.year, day.month, 1 if match["which"].lower() == "next" else 0)
        second = _day(year, month, int(match["d2"])) if match["d2"] else None
        return _day(year, month, int(match["d1"])), second
    if pattern is _CJK_DAY:
        number = int(match["d1"])
        year, month = day.year, day.month
        coming = match["which"] in ("오는", "来る") or (match["which"] is None and future)
        if coming and number < day.day:
            year, month = _shift(year, month, 1)
        elif not coming and number > day.day:
            year, month = _shift(year, month, -1)
        second = _day(year, month, int(match["d2"])) if match["d2"] else None
        return _day(year, month, number), second
    if pattern is _EN_WEEKDAY:
        weekday = _WEEKDAYS[match["weekday"].lower()]
        which = (match["which"] or "").lower()
        ahead = which in ("next", "coming") or (which in ("this", "") and future)
        if ahead:  # the coming one: today's weekday is today, `next` one a week on
            delta = (weekday - day.weekday()) % 7
            target = day + dt.timedelta(days=delta or (7 if which == "next" else 0))
        else:  # the one before the paper, or its own day (`on Tuesday` in Tuesday's paper)
            target = day - dt.timedelta(days=(day.weekday() - weekday) % 7)
        return PartialDate.from_date(target), None
    word = match["word"].lower()
    moves = {
        "yesterday": -1, "today": 0, "tomorrow": 1, "어제": -1, "오늘": 0, "내일": 1,
        "昨日": -1, "今日": 0, "明日": 1,
    }  # fmt: skip
    if word in moves:
        return PartialDate.from_date(day + dt.timedelta(days=moves[word])), None
    months = {
        "this month": 0, "later this month": 0, "earlier this month": 0, "next month": 1,
        "last month": -1, "이달": 0, "이번 달": 0, "다음 달": 1, "내달": 1, "지난달": -1,
        "今月": 0, "来月": 1, "先月": -1,
    }  # fmt: skip
    if word in months:
        year, month = _shift(day.year, day.month, months[word])
        return PartialDate(year, month), None
    if word.endswith("week"):
        monday = day - dt.timedelta(days=day.weekday())
        monday += dt.timedelta(weeks={"this week": 0, "next week": 1, "last week": -1}[word])
        week = monday.isocalendar()
        return PartialDate(week.year, part=f"W{week.week:02d}"), None
    year = day.year + {"this year": 0, "next year": 1, "last year": -1}[word]
    return PartialDate(year), None


def _shift(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + by
    return index // 12, index % 12 + 1
