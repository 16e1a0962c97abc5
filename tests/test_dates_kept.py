"""Dates stored with exactly the extent they name, or refused with the reason (issue 27's
first table), through the command line."""

from __future__ import annotations

import json

import pytest


@pytest.mark.parametrize(
    ("written", "date", "end"),
    [
        ("Q3 2024", "2024-07", "2024-09"),  # stored as 1 September before
        ("2024-Q3", "2024-07", "2024-09"),
        ("2024-35", "2024-07", "2024-09"),  # EDTF's third quarter
        ("H1 2025", "2025-01", "2025-06"),
        ("2024-W10", "2024-03-04", "2024-03-10"),  # stored as October 2024 before
        ("18-19 June 2023", "2023-06-18", "2023-06-19"),
        ("June 18–19, 2023", "2023-06-18", "2023-06-19"),
        ("18 June – 2 July 2023", "2023-06-18", "2023-07-02"),
        ("2023년 6월 18~19일", "2023-06-18", "2023-06-19"),
        ("2023年6月18日～19日", "2023-06-18", "2023-06-19"),
        ("1962-10/1962-11", "1962-10", "1962-11"),
        ("last week", "2026-11-16", "2026-11-22"),  # a week (today is 25 November), not a day
        ("1990s", "1990", "1999"),
        ("late 1971", "1971-09", "1971-12"),
        ("early January 2026", "2026-01-01", "2026-01-10"),
        ("13/04/2023", "2023-04-13", None),  # one reading only
    ],
)
def test_a_date_keeps_the_extent_it_names(run, written: str, date: str, end: str | None) -> None:
    added = run(
        "add", "--date", written, "--title", "Talks", "--kind", "meeting", "--country", "JP"
    )
    assert added.exit_code == 0, added.stderr
    shown = run("show", "--format", "json", "--no-pager")
    (event,) = json.loads(shown.stdout)
    assert (event["date"], event["end"]) == (date, end)


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("03/04/2023", "is ambiguous: 2023-03-04 or 2023-04-03; write it in ISO form"),
        ("65", "is a two-digit year; write the whole year (1965 or 2065)"),
        ("1 March '65", "has a two-digit year"),
        ("18 June", "gives no year; write it with one (18 June 2026)"),
        ("c. 1971", "is approximate, uncertain or open-ended, which is not kept yet"),
        ("../1994", "is approximate, uncertain or open-ended"),
        ("2024-22", "only quarters (33-36) and halves (40, 41) are kept"),
        ("2024-W54", "is not a valid ISO week of 2024"),
    ],
)
def test_an_unclear_date_is_refused_with_the_reason(run, written: str, reason: str) -> None:
    added = run(
        "add", "--date", written, "--title", "Talks", "--kind", "meeting", "--country", "JP"
    )
    assert added.exit_code == 1 and reason in added.stderr
    assert json.loads(run("show", "--format", "json", "--no-pager").stdout) == []


def test_a_span_and_an_end_that_disagree_are_refused(run, write) -> None:
    path = write("e.yaml", "- {date: 18-19 June 2023, end: 2023-06-20, kind: meeting, "
                           "title: T, countries: [JP]}\n")  # fmt: skip
    loaded = run("load", str(path))
    assert loaded.exit_code == 1
    assert "end: is 2023-06-20, but the date ends on 2023-06-19" in loaded.stderr
