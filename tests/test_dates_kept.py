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
        ("../1994", "is open-ended or an approximate part of a year, which is not kept yet"),
        ("2024/..", "is open-ended"),
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


QUALIFIED = [  # written, stored (EDTF), shown
    ("circa 1971", "1971~", "c. 1971"),
    ("c. 1971", "1971~", "c. 1971"),
    ("ca. 1971", "1971~", "c. 1971"),
    ("around March 1965", "1965-03~", "c. Mar 1965"),
    ("1971?", "1971?", "1971?"),
    ("1971%", "1971%", "c. 1971?"),
    ("1971-07~", "1971-07~", "c. Jul 1971"),
    ("1971-07-04~", "1971-07-04~", "c. 4 Jul 1971"),
]


@pytest.mark.parametrize(("written", "stored", "shown"), QUALIFIED)
def test_an_approximate_or_uncertain_date_is_kept_as_such(
    run, written: str, stored: str, shown: str
) -> None:
    added = run("add", "--date", written, "--title", "Talks", "--kind", "meeting", "-c", "JP")
    assert added.exit_code == 0, added.stderr
    assert "~" not in added.stdout and "?" not in added.stdout  # ids keep the digits only
    (event,) = json.loads(run("show", "--format", "json").stdout)
    assert (event["date"], event["end"]) == (stored, None)
    assert shown in run("show").stdout


def test_an_approximate_date_overlaps_by_the_extent_its_words_give(run) -> None:
    run("add", "--date", "c. 1971", "--title", "Secret talks", "--kind", "meeting", "-c", "US,CN")
    run("add", "--date", "1971-03?", "--title", "March", "--kind", "meeting", "-c", "US,CN")
    found = run("show", "--since", "1971-11", "--until", "1971-11", "--format", "json").stdout
    assert [e["title"] for e in json.loads(found)] == ["Secret talks"]  # 1971, not March


@pytest.mark.parametrize("form", ["json", "jsonl", "yaml"])  # what `load` reads
def test_qualified_dates_round_trip_through_every_export_load_reads(
    run, tmp_path, form: str
) -> None:
    for number, (written, _, _) in enumerate(QUALIFIED):
        run("add", "--date", written, "--title", f"T{number}", "--kind", "meeting", "-c", "JP")
    run("add", "--date", "c. 4 Jul 1971", "--end", "1971-07-11", "--title", "Trip",
        "--kind", "visit", "-c", "US,CN")  # fmt: skip
    before = json.loads(run("show", "--format", "json").stdout)
    path = tmp_path / f"out.{form}"
    assert run("export", "--format", form, "-o", str(path)).exit_code == 0
    run("remove", *(e["id"] for e in before))
    loaded = run("load", str(path))
    assert loaded.exit_code == 0, loaded.stderr
    assert json.loads(run("show", "--format", "json").stdout) == before


def test_calendars_and_timelinejs_say_a_date_is_approximate(run) -> None:
    run("add", "--date", "c. 1971", "--title", "Secret talks", "--kind", "meeting", "-c", "US,CN")
    ics = run("export", "--format", "ics").stdout
    assert "DTSTART;VALUE=DATE:19710101" in ics and "DTEND;VALUE=DATE:19720101" in ics
    assert "DESCRIPTION:Date: c. 1971 (approximate)" in ics
    slides = json.loads(run("export", "--format", "timelinejs").stdout)["events"]
    assert slides[0]["start_date"] == {"year": 1971, "display_date": "c. 1971"}
    assert "1971-cn-us-secret-talks,1971~," in run("export", "--format", "csv").stdout


def test_upcoming_says_a_date_is_not_known_for_sure(run) -> None:
    run("add", "--date", "c. March 2027", "--title", "Summit", "--kind", "summit", "-c", "JP",
        "--status", "planned")  # fmt: skip
    shown = run("upcoming", "--days", "200").stdout
    assert "sometime in March 2027 (approximate)" in shown and "c. Mar 2027" in shown
