import datetime as dt

import pytest

from timeline.dates import PartialDate, human_span, parse_date
from timeline.errors import FieldError

TODAY = dt.date(2026, 11, 25)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-01-13", PartialDate(2026, 1, 13)),
        ("2026-01", PartialDate(2026, 1)),
        ("2026", PartialDate(2026)),
        (2026, PartialDate(2026)),
        (dt.date(2026, 1, 13), PartialDate(2026, 1, 13)),
        (dt.datetime(2026, 1, 13, 10, 30), PartialDate(2026, 1, 13)),
        (" 2026-1-8 ", PartialDate(2026, 1, 8)),
    ],
)
def test_fast_path_forms(value: object, expected: PartialDate) -> None:
    assert parse_date(value, today=TODAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("January 2026", PartialDate(2026, 1)),  # a month, never a day of it
        ("Jan 8, 2026", PartialDate(2026, 1, 8)),
        ("13 janvier 2026", PartialDate(2026, 1, 13)),
        ("2026년 1월 13일", PartialDate(2026, 1, 13)),
        ("2026年1月13日", PartialDate(2026, 1, 13)),
        ("next Tuesday", PartialDate(2026, 12, 1)),
        ("yesterday", PartialDate(2026, 11, 24)),
        ("last month", PartialDate(2026, 10)),
    ],
)
def test_natural_language_keeps_precision(text: str, expected: PartialDate) -> None:
    assert parse_date(text, today=TODAY) == expected


def test_relative_dates_follow_the_given_today() -> None:
    assert parse_date("yesterday", today=dt.date(2020, 3, 1)) == PartialDate(2020, 2, 29)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2026-02-30", "2026-02 has 28 days"),
        ("2026-13", "month must be 1 to 12"),
        ("0000", "not a valid year"),
        ("not a date at all", "cannot understand"),
        ("", "is empty"),
        (True, "expected a date"),
        ([2026], "expected a date, got a list"),
    ],
)
def test_bad_dates(value: object, message: str) -> None:
    with pytest.raises(FieldError, match=message):
        parse_date(value, today=TODAY)


def test_spans_and_iso() -> None:
    day = PartialDate(2026, 1, 13)
    assert day.iso() == "2026-01-13" and day.human() == "13 Jan 2026"
    assert PartialDate(2026, 1).iso() == "2026-01" and PartialDate(2026, 1).human() == "Jan 2026"
    assert PartialDate(2026).last_day == dt.date(2026, 12, 31)
    assert PartialDate(2024, 2).last_day == dt.date(2024, 2, 29)
    assert human_span(day, PartialDate(2026, 1, 14)) == "13–14 Jan 2026"
    assert human_span(day, PartialDate(2026, 2, 2)) == "13 Jan – 2 Feb 2026"
    assert human_span(day, PartialDate(2027, 1, 2)) == "13 Jan 2026 – 2 Jan 2027"
    assert human_span(PartialDate(2026, 1), PartialDate(2026, 3)) == "Jan–Mar 2026"
    assert human_span(day, None) == "13 Jan 2026"
