"""`timeline upcoming` and `timeline anniversaries`, with the day pinned around month and
year ends, 29 February and events that span the window's edges."""

from __future__ import annotations

import json

import pytest

EVENTS = """\
- {id: under-way, date: 2026-01-28, end: 2026-02-02, kind: meeting, title: Long talks,
   countries: [KR, JP]}
- {id: first-feb, date: 2026-02-01, kind: call, title: Call on the first, countries: JP}
- {id: feb-month, date: 2026-02, kind: negotiation, title: Talks in February, countries: [KR, US]}
- {id: at-the-edge, date: 2026-03-02, kind: visit, title: Visit at the edge, countries: JP}
- {id: beyond, date: 2026-03-20, kind: summit, title: Summit beyond, countries: [KR, JP]}
- {id: called-off, date: 2026-02-03, kind: summit, title: Called off, countries: JP,
   status: cancelled}
- {id: put-off, date: 2026-02-04, kind: visit, title: Put off, countries: JP, status: postponed}
- {id: new-year, date: 2027-01-01, kind: statement, title: New Year address, countries: KR}
- {id: year-2027, date: 2027, kind: agreement, title: Some deal in 2027, countries: [KR, JP]}
- {id: treaty, date: 1965-06-22, kind: agreement, title: Basic Relations Treaty,
   countries: [KR, JP], status: held}
- {id: leap, date: 2016-02-29, kind: call, title: A leap-day call, countries: JP}
- {id: planned-old, date: 2016-02-27, kind: call, title: Never happened, countries: JP,
   status: planned}
- {id: last-year, date: 2025-12-31, kind: meeting, title: New Year's Eve talk, countries: KR}
- {id: ten-years, date: 2016-03-01, kind: visit, title: Visit ten years ago, countries: JP}
"""


@pytest.fixture
def loaded(run, write) -> None:
    assert run("load", str(write("ahead.yaml", EVENTS))).exit_code == 0


def coming(run, monkeypatch, today: str, *args: str) -> list[tuple[str, int]]:
    monkeypatch.setenv("TIMELINE_TODAY", today)
    result = run("upcoming", "-f", "json", *args)
    assert result.exit_code == 0, result.stderr
    return [(e["id"], e["days_until"]) for e in json.loads(result.stdout)]


def test_upcoming_at_a_month_end(run, loaded, monkeypatch) -> None:
    # 31 January, 30 days: to 2 March. Under way first, dated before the month's own.
    assert coming(run, monkeypatch, "2026-01-31") == [
        ("under-way", 0), ("first-feb", 1), ("put-off", 4), ("feb-month", 1),
        ("at-the-edge", 30)]  # fmt: skip


def test_the_window_edges_and_cancelled(run, loaded, monkeypatch) -> None:
    assert ("at-the-edge", 29) not in coming(run, monkeypatch, "2026-02-01", "--days", "28")
    assert ("at-the-edge", 29) in coming(run, monkeypatch, "2026-02-01", "--days", "29")
    asked = coming(run, monkeypatch, "2026-02-01", "--status", "cancelled")
    assert asked == [("called-off", 2)]
    assert coming(run, monkeypatch, "2026-02-02", "--days", "0") == [
        ("under-way", 0), ("feb-month", 0)]  # fmt: skip


def test_upcoming_across_a_year_end(run, loaded, monkeypatch) -> None:
    assert coming(run, monkeypatch, "2026-12-31", "--days", "1") == [
        ("new-year", 1), ("year-2027", 1)]  # fmt: skip


def test_the_table_says_how_far_off(run, loaded, monkeypatch) -> None:
    monkeypatch.setenv("TIMELINE_TODAY", "2026-01-31")
    out = run("upcoming").stdout
    for note in ("under way · KR JP", "tomorrow · JP", "sometime next month · KR US",
                 "in 30 days · JP", "Put off  postponed", "in 4 days"):  # fmt: skip
        assert note in out, note
    assert out.index("Call on the first") < out.index("Talks in February")
    assert "Called off" not in out and "5 events" in out


def test_a_year_after_next_is_named(run, loaded, monkeypatch) -> None:
    monkeypatch.setenv("TIMELINE_TODAY", "2025-06-01")
    out = run("upcoming", "--days", "1000").stdout
    assert "sometime in 2027 · KR JP" in out and "sometime next year" not in out
    monkeypatch.setenv("TIMELINE_TODAY", "2026-06-01")
    assert "sometime next year · KR JP" in run("upcoming", "--days", "365").stdout


def test_nothing_coming_names_the_next(run, loaded, monkeypatch) -> None:
    monkeypatch.setenv("TIMELINE_TODAY", "2026-03-03")
    out = run("upcoming", "--days", "7").stdout
    assert out == ("Nothing in the next 7 days. Next: 20 Mar 2026, summit: Summit beyond "
                   "(in 17 days).\n")  # fmt: skip
    monkeypatch.setenv("TIMELINE_TODAY", "2028-01-01")
    assert run("upcoming").stdout == "Nothing in the next 30 days.\n"


def remembered(run, monkeypatch, today: str, *args: str) -> list[tuple[str, int, int]]:
    monkeypatch.setenv("TIMELINE_TODAY", today)
    result = run("anniversaries", "-f", "json", *args)
    assert result.exit_code == 0, result.stderr
    return [(e["id"], e["years"], e["days_until"]) for e in json.loads(result.stdout)]


def test_29_february_on_28_february(run, loaded, monkeypatch) -> None:
    # 2026 is not a leap year: the leap-day call is remembered on 28 February.
    assert remembered(run, monkeypatch, "2026-02-27", "--days", "3") == [
        ("leap", 10, 1), ("ten-years", 10, 2)]  # fmt: skip
    monkeypatch.setenv("TIMELINE_TODAY", "2026-02-27")
    out = run("anniversaries", "--days", "3").stdout
    assert "◆ 10th anniversary · 28 Feb (tomorrow), as 29 February is not in this year" in out
    # 2028 is: on the day itself.
    assert remembered(run, monkeypatch, "2028-02-28", "--days", "1") == [("leap", 12, 1)]


def test_only_what_took_place_and_round_numbers(run, loaded, monkeypatch) -> None:
    found = remembered(run, monkeypatch, "2026-06-01", "--days", "365")
    ids = [i for i, *_ in found]
    assert "planned-old" not in ids and "called-off" not in ids and "put-off" not in ids
    assert ("treaty", 61, 21) in found
    assert ("last-year", 1, 213) in found  # an earlier year, a year on
    assert ("under-way", 1, 241) in found  # no status, and over: it took place
    assert ("new-year", 1, 214) not in found  # no status, but not over yet
    assert remembered(run, monkeypatch, "2026-06-01", "--days", "365", "--every", "5") == []
    every = remembered(run, monkeypatch, "2026-02-01", "--days", "60", "--every", "5")
    assert every == [("leap", 10, 27), ("ten-years", 10, 28)]
    monkeypatch.setenv("TIMELINE_TODAY", "2026-06-01")
    table = run("anniversaries", "--days", "30").stdout
    assert "61st anniversary · 22 Jun" in table and "◆" not in table


def test_anniversaries_across_a_year_end(run, loaded, monkeypatch) -> None:
    assert remembered(run, monkeypatch, "2026-12-30", "--days", "3") == [("last-year", 1, 1)]
    assert remembered(run, monkeypatch, "2025-12-31", "--days", "0") == []  # the same year


def test_bad_options(run, loaded) -> None:
    assert run("upcoming", "--days", "-1").exit_code == 2
    assert run("anniversaries", "--every", "0").exit_code == 2
    assert run("upcoming", "--since", "2026").exit_code == 2  # the window is --days


def test_an_anniversary_record_is_the_events_with_days_and_years(run, loaded, monkeypatch) -> None:
    monkeypatch.setenv("TIMELINE_TODAY", "2026-06-01")
    [record] = json.loads(run("anniversaries", "-f", "json", "--country", "KR").stdout)
    shown = {e["id"]: e for e in json.loads(run("show", "-f", "json").stdout)}
    assert record.pop("days_until") == 21 and record.pop("years") == 61
    assert record == shown["treaty"]
    assert list(record) == list(shown["treaty"])  # the same keys, in the same order
