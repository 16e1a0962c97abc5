"""Dates stored with exactly the extent they name, or refused with the reason (issue 27's
first table), through the command line."""

from __future__ import annotations

import datetime as dt
import json

import pytest


@pytest.mark.parametrize(
    ("written", "date", "end"),
    [
        ("18-19 June 2023", "2023-06-18", "2023-06-19"),
        ("June 18–19, 2023", "2023-06-18", "2023-06-19"),
        ("18 June – 2 July 2023", "2023-06-18", "2023-07-02"),
        ("2023년 6월 18~19일", "2023-06-18", "2023-06-19"),
        ("2023年6月18日～19日", "2023-06-18", "2023-06-19"),
        ("1962-10/1962-11", "1962-10", "1962-11"),
        ("Q3 2024 – Q4 2024", "2024-35", "2024-36"),
        ("13/04/2023", "2023-04-13", None),  # one reading only
    ],
)
def test_a_span_written_as_one_text_is_a_date_and_an_end(
    run, written: str, date: str, end: str | None
) -> None:
    added = run(
        "add", "--date", written, "--title", "Talks", "--kind", "meeting", "--country", "JP"
    )
    assert added.exit_code == 0, added.stderr
    shown = run("show", "--format", "json", "--no-pager")
    (event,) = json.loads(shown.stdout)
    assert (event["date"], event["end"]) == (date, end)


PARTS = [  # written, stored (EDTF where it has a form), shown, first day, last day
    ("Q3 2024", "2024-35", "Q3 2024", "2024-07-01", "2024-09-30"),  # 1 September before
    ("2024-Q3", "2024-35", "Q3 2024", "2024-07-01", "2024-09-30"),
    ("2024-35", "2024-35", "Q3 2024", "2024-07-01", "2024-09-30"),  # EDTF's third quarter
    ("H1 2025", "2025-40", "H1 2025", "2025-01-01", "2025-06-30"),
    ("2024-W10", "2024-W10", "week 10 of 2024", "2024-03-04", "2024-03-10"),  # was October
    ("last week", "2026-W47", "week 47 of 2026", "2026-11-16", "2026-11-22"),  # not a day
    ("1990s", "199X", "1990s", "1990-01-01", "1999-12-31"),
    ("the 1960s", "196X", "1960s", "1960-01-01", "1969-12-31"),
    ("early 1971", "early 1971", "early 1971", "1971-01-01", "1971-04-30"),
    ("mid 1971", "mid 1971", "mid 1971", "1971-05-01", "1971-08-31"),
    ("late 1971", "late 1971", "late 1971", "1971-09-01", "1971-12-31"),
    ("early January 2026", "early 2026-01", "early Jan 2026", "2026-01-01", "2026-01-10"),
    ("late Feb 2024", "late 2024-02", "late Feb 2024", "2024-02-21", "2024-02-29"),
    ("../1994", "../1994", "before 1994", "0001-01-01", "1994-12-31"),
    ("before March 1994", "../1994-03", "before Mar 1994", "0001-01-01", "1994-03-31"),
    ("2024/..", "2024/..", "after 2024", "2024-01-01", "9999-12-31"),
    ("after 2024-06-01", "2024-06-01/..", "after 1 Jun 2024", "2024-06-01", "9999-12-31"),
]


def _day_before(day: str) -> str:
    return (dt.date.fromisoformat(day) - dt.timedelta(days=1)).isoformat()


def _day_after(day: str) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat()


@pytest.mark.parametrize(("written", "stored", "shown", "first", "last"), PARTS)
def test_a_part_of_a_calendar_is_kept_with_the_extent_it_names(
    run, written: str, stored: str, shown: str, first: str, last: str
) -> None:
    added = run("add", "--date", written, "--title", "Talks", "--kind", "meeting", "-c", "JP")
    assert added.exit_code == 0, added.stderr
    (event,) = json.loads(run("show", "--format", "json").stdout)
    assert (event["date"], event["end"]) == (stored, None)
    assert f"{shown}  " in run("show").stdout

    def found(*bounds: str) -> int:
        return len(json.loads(run("show", *bounds, "--format", "json").stdout))

    assert found("--since", first, "--until", first) == found("--since", last) == 1
    if first > "0001-01-01":
        assert found("--until", _day_before(first)) == 0
    if last < "9999-12-31":
        assert found("--since", _day_after(last)) == 0


def test_late_1971_overlaps_november_not_march(run) -> None:
    run("add", "--date", "late 1971", "--title", "Secret talks", "--kind", "meeting", "-c", "US")
    run("add", "--date", "1971-03", "--title", "March", "--kind", "meeting", "-c", "US")
    found = run("show", "--since", "1971-11", "--until", "1971-11", "--format", "json").stdout
    assert [e["title"] for e in json.loads(found)] == ["Secret talks"]
    spring = run("show", "--since", "1971-03", "--until", "1971-03", "--format", "json").stdout
    assert [e["title"] for e in json.loads(spring)] == ["March"]


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("03/04/2023", "is ambiguous: 2023-03-04 or 2023-04-03; write it in ISO form"),
        ("65", "is a two-digit year; write the whole year (1965 or 2065)"),
        ("1 March '65", "has a two-digit year"),
        ("18 June", "gives no year; write it with one (18 June 2026)"),
        ("late 1971~", "early, mid and late take a year or a month"),
        ("late 3 June 1971", "early, mid and late take a year or a month"),
        ("before 1994?", "? qualifies a year, a month or a day"),
        ("circa 1990s", "1990s already names a span; write it without circa"),
        ("around late 1971", "late 1971 already names a span; write it without around"),
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
def test_every_date_form_round_trips_through_every_export_load_reads(
    run, tmp_path, form: str
) -> None:
    written_forms = [written for written, *_ in QUALIFIED + PARTS]
    for number, written in enumerate(written_forms):
        run("add", "--date", written, "--title", f"T{number}", "--kind", "meeting", "-c", "JP")
    run("add", "--date", "Q3 2024", "--end", "2025-W02", "--title", "Long", "--kind", "meeting",
        "-c", "JP")  # fmt: skip
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


def test_calendars_and_timelinejs_show_a_part_as_written(run) -> None:
    run("add", "--date", "late 1971", "--title", "Secret talks", "--kind", "meeting", "-c", "US")
    run("add", "--date", "before 1994", "--title", "Contacts", "--kind", "meeting", "-c", "KP")
    ics = run("export", "--format", "ics").stdout
    # late 1971 is its extent; an open end is the date written, not year 1 to 1994
    assert "DTSTART;VALUE=DATE:19710901" in ics and "DTEND;VALUE=DATE:19720101" in ics
    assert "DESCRIPTION:Date: late 1971" in ics and "DTSTART;VALUE=DATE:19940101" in ics
    slides = json.loads(run("export", "--format", "timelinejs").stdout)["events"]
    assert [s["start_date"] for s in slides] == [
        {"year": 1994, "display_date": "before 1994"},
        {"year": 1971, "month": 9, "day": 1, "display_date": "late 1971"},
    ]


def test_the_timeline_lists_a_part_under_its_first_days_year(run) -> None:
    run("add", "--date", "before 1994", "--title", "Contacts", "--kind", "meeting", "-c", "KP")
    run("add", "--date", "1990s", "--title", "Decade", "--kind", "meeting", "-c", "KP")
    run("add", "--date", "late 1971", "--title", "Talks", "--kind", "meeting", "-c", "KP")
    run("add", "--date", "late 1972", "--title", "More", "--kind", "meeting", "-c", "KP")
    lines = [line.strip() for line in run("show").stdout.splitlines() if line.strip()]
    headings = [line for line in lines if line.isdigit() or line.startswith("Before")]
    assert headings == ["Before 1994", "1971", "1972", "1990"]


def test_stats_count_an_open_start_in_no_period(run) -> None:
    run("add", "--date", "before 1994", "--title", "Contacts", "--kind", "meeting", "-c", "KP")
    run("add", "--date", "late 2020", "--title", "Talks", "--kind", "meeting", "-c", "KP")
    stats = json.loads(run("stats", "--by", "year", "--format", "json").stdout)
    assert [p["period"] for p in stats["periods"]] == ["2020"]
    assert sum(p["total"] for p in stats["periods"]) == 1


def test_upcoming_says_sometime_in_the_part(run) -> None:
    run("add", "--date", "late 2027", "--title", "Summit", "--kind", "summit", "-c", "JP",
        "--status", "planned")  # fmt: skip
    assert "sometime in late 2027" in run("upcoming", "--days", "700").stdout
