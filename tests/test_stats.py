import json
import sqlite3
from collections import Counter
from itertools import combinations
from pathlib import Path

import pytest
from rich.console import Console

from conftest import SHIPPED
from timeline.charts import stats_view
from timeline.query import Query
from timeline.stats import compute
from timeline.store import Store

FIXTURE = """\
- {id: a, date: 2025-10-02, kind: summit, title: A, countries: [KR, JP]}
- {id: b, date: 2025-10-20, kind: summit, title: B, countries: [JP, KR]}
- {id: c, date: 2025-11, kind: dispute, title: C, countries: [KR, JP, US]}
- {id: d, date: 2026-01-05, end: 2026-03-01, kind: visit, title: D, countries: [US, KR]}
- {id: e, date: 2026, kind: other, title: E, countries: [CN]}
- {id: f, date: 2026-02-10, kind: statement, title: F, countries: [KR, JP], cameo: "111"}
"""
DATA = Path(__file__).parent / "data"


def stats(run, *args: str) -> dict:
    result = run("stats", "-f", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_counts_by_month_with_empty_periods(run, write) -> None:
    run("load", str(write("f.yaml", FIXTURE)))
    data = stats(run, "--by", "month")
    assert data["by"] == "month"
    periods = {p["period"]: p for p in data["periods"]}
    assert list(periods) == ["2025-10", "2025-11", "2025-12", "2026-01", "2026-02"]
    assert periods["2025-10"] == {"period": "2025-10", "counts": {"summit": 2}, "total": 2,
                                  "goldstein": 2.8, "goldstein_events": 2,
                                  "intensity": None, "intensity_events": 0}  # fmt: skip
    assert periods["2025-12"] == {"period": "2025-12", "counts": {}, "total": 0,
                                  "goldstein": None, "goldstein_events": 0,
                                  "intensity": None, "intensity_events": 0}  # fmt: skip
    # a year-precision event counts in the month of its first day; a span counts once
    assert periods["2026-01"]["counts"] == {"visit": 1, "other": 1}
    assert periods["2026-01"]["goldstein"] == 1.9  # `other` has no code
    assert periods["2026-02"]["goldstein"] == -2.0  # its own CAMEO code, not its kind's
    assert periods["2025-11"]["goldstein"] == -2.0


def test_quarters_years_and_the_default(run, write) -> None:
    run("load", str(write("f.yaml", FIXTURE)))
    quarters = stats(run, "--by", "quarter")["periods"]
    assert [(p["period"], p["total"]) for p in quarters] == [("2025-Q4", 3), ("2026-Q1", 3)]
    assert quarters[0]["goldstein"] == round((2.8 * 2 - 2.0) / 3, 2)
    assert [p["period"] for p in stats(run, "--by", "year")["periods"]] == ["2025", "2026"]
    assert stats(run)["by"] == "month"  # fewer than five quarters: months


def test_countries_and_pairs(run, write) -> None:
    run("load", str(write("f.yaml", FIXTURE)))
    data = stats(run)
    assert data["countries"] == [["KR", 5], ["JP", 4], ["US", 2], ["CN", 1]]
    assert data["pairs"] == [["JP", "KR", 4], ["KR", "US", 2], ["JP", "US", 1]]


def test_filters_and_the_range(run, write) -> None:
    run("load", str(write("f.yaml", FIXTURE)))
    data = stats(run, "--between", "KR", "JP", "--since", "2025-09", "--until", "2025-12",
                 "--by", "month")  # fmt: skip
    assert [(p["period"], p["total"]) for p in data["periods"]] == [
        ("2025-09", 0), ("2025-10", 2), ("2025-11", 1), ("2025-12", 0)]  # fmt: skip
    assert data["countries"][:2] == [["JP", 3], ["KR", 3]]  # a tie goes by code


def test_no_events(run) -> None:
    data = stats(run)
    assert data["periods"] == [] and data["countries"] == [] and data["pairs"] == []
    assert "No events match" in run("stats").stdout


def test_rendering_at_80_columns(tmp_path: Path) -> None:
    store = Store(tmp_path / "t.db")
    import datetime as dt

    from timeline.loading.reading import read_events

    _, events = read_events(str(SHIPPED), today=dt.date(2026, 11, 25))
    with store.transaction():
        store.writes.upsert(events, None)
    console = Console(width=80, record=True, color_system=None)
    stats_view(console, compute(store, Query(), "year"))
    out = console.export_text()
    lines = out.splitlines()
    assert all(len(line) <= 80 for line in lines)
    row = next(line for line in lines if line.startswith("2026"))
    assert "SSS" in row and " 5 " in row and "+3.18" in row  # the CGCC, defense, is unscored
    assert next(line for line in lines if line.startswith("2019")).endswith("-8.00")  # controls
    assert "3 events unscored (statement, economic" in out
    assert "1966–1997  · no events" in lines  # 32 empty years are one line
    assert "2017  · no events" in lines and "2027–2029  · no events" in lines
    assert len(lines) < 30
    bars = {line.index("│") for line in lines if "│" in line}
    assert len(bars) == 1  # the zero line is straight
    assert "Busiest countries:  KR 19  JP 13  US 7" in out
    assert "Busiest pairs:      JP–KR 13  KR–US 7  JP–US 1" in out


@pytest.mark.parametrize(("width", "pairs_wrap"), [(40, True), (60, False), (100, False),
                                                  (140, False)])  # fmt: skip
def test_rendering_fits_narrow_and_wide_terminals(
    tmp_path: Path, width: int, pairs_wrap: bool
) -> None:
    store = Store(tmp_path / "t.db")
    import datetime as dt

    from timeline.loading.reading import read_events

    with store.transaction():
        store.writes.upsert(read_events(str(SHIPPED), today=dt.date(2026, 11, 25))[1], None)
    console = Console(width=width, record=True, color_system=None)
    stats_view(console, compute(store, Query(), "year"))
    lines = console.export_text().splitlines()
    assert max(len(line) for line in lines) <= width
    assert len({line.index("│") for line in lines if "│" in line}) == 1
    pairs = [i for i, line in enumerate(lines) if line.startswith("Busiest pairs:")]
    continued = lines[pairs[0] + 1]  # items wrap under items, not under the title
    if pairs_wrap:
        assert continued.startswith(" " * 20) and continued.strip()
    else:
        assert continued.startswith("Events per")


def test_an_imported_gdelt_fixture(run) -> None:
    run("import", "gdelt", str(DATA / "gdelt2-sample.export.CSV"), "--cameo", "0",
        "--cameo", "1")  # fmt: skip
    data = stats(run, "--between", "KR", "JP", "--by", "month", "--since", "2026-01",
                 "--until", "2026-02")  # fmt: skip
    january, february = data["periods"]
    assert january["counts"] == {"visit": 1, "meeting": 1, "dispute": 1}
    assert january["goldstein"] == round((1.9 + 1.0 - 2.0) / 3, 2)
    assert february["goldstein"] == 4.0


def test_filtered_and_unfiltered_counts_agree(run, write) -> None:
    # Unfiltered, each count reads the table on its own; filtered, the matches are read
    # once into a temporary table: a filter that matches every event must not change a number.
    run("load", str(write("f.yaml", FIXTURE)))
    kinds = [arg for kind in ("summit", "dispute", "visit", "other", "statement")
             for arg in ("--kind", kind)]  # fmt: skip
    assert stats(run, "--by", "month", *kinds) == stats(run, "--by", "month")


def recount(db: Path) -> tuple[list, list, list]:
    """What the tallies should hold, counted from the events themselves."""
    store = Store(db)
    months = store.conn.execute(
        "SELECT substr(first_day, 1, 7), kind, cameo, count(*), count(plover), "
        "total(intensity), count(intensity) FROM events GROUP BY 1, 2, 3"
    ).fetchall()
    countries: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    for (listed,) in store.conn.execute("SELECT countries FROM events"):
        codes = sorted(json.loads(listed))
        countries.update(codes)
        pairs.update(combinations(codes, 2))
    return (
        sorted(months, key=str),
        sorted(countries.items()),
        sorted((*pair, n) for pair, n in pairs.items()),
    )


def tallied(db: Path) -> tuple[list, list, list]:
    counts = Store(db).reads.stats_counts(Query(), top=10**6)
    months = sorted(map(tuple, counts.months), key=str)
    return months, sorted(counts.countries), sorted(counts.pairs)


def test_the_tallies_follow_every_write(run, write, db: Path) -> None:
    source = str(write("f.yaml", FIXTURE))
    changed = FIXTURE.replace("kind: dispute", "kind: summit")
    steps = [  # (the source file's new text or None, the command)
        (None, ("load", source)),
        (None, ("add", "--date", "2026-02-11", "--kind", "summit", "--title", "G",
                "--country", "KR", "--country", "JP")),
        (None, ("add", "--date", "2025-12", "--kind", "visit", "--title", "G",
                "--country", "US", "--id", "g2")),
        (None, ("add", "--date", "2025-11", "--kind", "visit", "--title", "G",
                "--country", "US", "--id", "g2", "--replace")),
        (None, ("remove", "b", "e")),
        (changed, ("load", source)),
        ("\n".join(changed.splitlines()[3:]), ("load", "--prune", source)),
        (None, ("import", "gdelt", str(DATA / "gdelt2-sample.export.CSV"))),
        (None, ("import", "icews", str(DATA / "icews-sample.tab"))),
        (None, ("import", "polecat", str(DATA / "polecat-weekly.txt"))),
        (None, ("remove", "polecat-20240305-0001-aa11bb22cc33-consult")),
    ]  # fmt: skip
    for text, command in steps:
        if text is not None:
            write("f.yaml", text)
        result = run(*command)
        assert result.exit_code == 0, result.output
        assert tallied(db) == recount(db), command
    months, countries, pairs = tallied(db)
    stored = list(Store(db).reads.select())
    assert sum(m[3] for m in months) == len(stored) > 4
    assert sum(n for _, n in countries) == sum(len(e.countries) for e in stored)
    assert pairs  # the fixture has events of two countries and more


def test_a_store_of_version_7_gets_its_country_tallies(run, write, db: Path) -> None:
    run("load", str(write("f.yaml", FIXTURE)))
    expected = recount(db)
    with sqlite3.connect(db) as conn:  # as version 7 kept them: a count per list
        conn.execute("DROP TABLE tally_countries")
        conn.execute("DROP TABLE tally_pairs")
        conn.execute(
            "CREATE TABLE tally_country_lists (countries TEXT PRIMARY KEY, "
            "events INTEGER NOT NULL) WITHOUT ROWID"
        )
        conn.execute(
            "INSERT INTO tally_country_lists SELECT countries, count(*) FROM events GROUP BY 1"
        )
        conn.execute("PRAGMA user_version = 7")
    assert tallied(db) == expected
    assert expected[2]  # pairs, not only countries


def test_no_color_on_a_terminal_draws_the_kinds_letters(run, monkeypatch) -> None:
    """NO_COLOR on a terminal: rich keeps a colour system but drops the colours, so the
    chart must not draw every kind as the same block."""
    run("load", str(SHIPPED))
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    for command in (["stats"], ["kinds"]):
        out = run(*command).stdout
        assert "█" not in out and "\x1b[3" not in out  # no blocks, no foreground colours
    out = run("stats").stdout
    assert "SSSSSSSS" in out and "S summit  V visit" in out


def test_counts_have_thousands_separators(run, write) -> None:
    lines = [
        f'{{"id": "e{i}", "date": "2025-03-0{i % 9 + 1}", "kind": "summit", '
        f'"title": "Summit {i}", "countries": ["KR", "JP"]}}'
        for i in range(1234)
    ]
    run("load", str(write("many.jsonl", "\n".join(lines))))
    out = run("stats").stdout
    assert " 1,234 " in out and "KR 1,234" in out and "JP–KR 1,234" in out
