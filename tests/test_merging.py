"""One event per real event (`importers.merging`), through the CLI, on rows written from
the codebooks: GDELT 1.0 and 2.0 rows by their column positions, ICEWS and POLECAT rows by
their headers. A visit is coded twice (CAMEO 042 `make a visit`, 043 `host a visit`);
PLOVER's CONSULT with the mode `visit` is one."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from timeline.importers.merging import SOURCES_KEPT, add_source, site_of

DATA = Path(__file__).parent / "data"
GDELT2 = DATA / "gdelt2-sample.export.CSV"
GDELT1 = DATA / "gdelt1-sample.CSV"


def gdelt(
    event_id: int,
    day: str,
    actor1: str,
    actor2: str,
    code: str = "042",
    articles: int = 10,
    url: str = "https://news.example.org/a",
    template: Path = GDELT2,
) -> str:
    """A GDELT row (2.0: 61 columns; 1.0: 58) with these columns set: the actors' CAMEO
    country codes (their names left empty, as GDELT leaves them for many actors)."""
    row = template.read_text(encoding="utf-8").splitlines()[0].split("\t")
    row[0], row[1] = str(event_id), day.replace("-", "")
    for at, country in ((5, actor1), (15, actor2)):
        row[at] = row[at + 2] = country
        row[at + 1] = ""
    row[26] = row[27] = code
    row[28] = code[:2]
    row[33] = str(articles)
    row[-1] = url
    return "\t".join(row)


def shown(run, *args: str) -> dict[str, dict[str, object]]:
    return {e["id"]: e for e in json.loads(run("show", "-f", "json", *args).stdout)}


@pytest.fixture
def gdelt_file(write):
    def make(name: str, *rows: str) -> str:
        return str(write(name, "\n".join(rows) + "\n"))

    return make


def test_a_visit_reported_both_ways_on_two_days_is_one_event(run, gdelt_file) -> None:
    path = gdelt_file(
        "visit.export.CSV",
        gdelt(1, "2026-01-16", "SAU", "EGY", "042", 12, "https://www.first.example/visit"),
        gdelt(2, "2026-01-17", "EGY", "SAU", "043", 3, "https://second.example/host"),
    )
    result = run("import", "gdelt", path)
    assert "2 rows read; 2 kept (1 merged into the event of an earlier row)" in result.stdout, (
        result.stdout
    )
    assert "1 added, 0 updated" in result.stdout
    [visit] = shown(run).values()
    assert visit["id"] == "gdelt-1"  # the first row's
    assert visit["title"] == "Saudi Arabia visits Egypt"
    assert visit["date"] == "2026-01-16" and visit["countries"] == ["SA", "EG"]
    assert (visit["reports"], visit["articles"], visit["cameo"]) == (2, 15, "042")
    assert visit["sources"] == ["https://www.first.example/visit", "https://second.example/host"]


def test_two_events_of_one_pair_on_one_day_stay_two(run, gdelt_file) -> None:
    path = gdelt_file(
        "day.export.CSV",
        gdelt(1, "2026-01-16", "JPN", "KOR", "042"),  # a visit
        gdelt(2, "2026-01-16", "JPN", "KOR", "046"),  # and negotiations: another kind
        gdelt(3, "2026-01-16", "JPN", "CHN", "042"),  # a visit of another pair
    )
    assert "3 rows read; 3 kept\n" in run("import", "gdelt", path).stdout
    events = shown(run)
    assert set(events) == {"gdelt-1", "gdelt-2", "gdelt-3"}
    assert events["gdelt-2"]["title"] == "Japan and South Korea negotiate"
    assert all(e["reports"] == 1 for e in events.values())


def test_the_window_is_one_day_from_the_event(run, gdelt_file) -> None:
    """A row joins the event nearest its day within one day; past it, it makes one."""
    path = gdelt_file(
        "days.export.CSV",
        gdelt(1, "2026-01-16", "JPN", "KOR"),
        gdelt(2, "2026-01-17", "KOR", "JPN"),  # joins 1
        gdelt(3, "2026-01-18", "JPN", "KOR"),  # two days from 1: a new event
        gdelt(4, "2026-01-19", "JPN", "KOR"),  # joins 3
        gdelt(5, "2026-01-25", "JPN", "KOR"),  # a week later: another visit
    )
    run("import", "gdelt", path)
    events = shown(run)
    assert {i: e["reports"] for i, e in events.items()} == {
        "gdelt-1": 2,
        "gdelt-3": 2,
        "gdelt-5": 1,
    }


def test_a_later_file_adds_its_reports_to_the_event(run, gdelt_file) -> None:
    first = gdelt_file("a.export.CSV", gdelt(1, "2026-01-16", "JPN", "KOR", articles=4))
    later = gdelt_file(
        "b.export.CSV",
        gdelt(7, "2026-01-15", "KOR", "JPN", "043", 5, "https://later.example/1"),
        gdelt(8, "2026-01-16", "JPN", "KOR", articles=6, url="https://later.example/2"),
    )
    run("import", "gdelt", first)
    result = run("import", "gdelt", later)
    assert "2 kept (2 merged into the event of an earlier row)" in result.stdout
    assert "0 added, 1 updated" in result.stdout, result.stdout
    [event] = shown(run).values()
    assert event["id"] == "gdelt-1" and event["date"] == "2026-01-16"
    assert (event["reports"], event["articles"]) == (3, 15)
    again = run("import", "gdelt", later, first)  # every row counted already
    assert again.stdout.count("0 added, 0 updated, 0 unchanged") == 2
    assert shown(run)["gdelt-1"]["reports"] == 3


def test_a_row_is_counted_once(run, gdelt_file) -> None:
    row = gdelt(1, "2026-01-16", "JPN", "KOR")
    result = run("import", "gdelt", gdelt_file("twice.export.CSV", row, row))
    assert "1 skipped (counted already)" in result.stdout
    assert shown(run)["gdelt-1"]["reports"] == 1


def test_no_merge_keeps_rows_as_they_are(run, gdelt_file) -> None:
    path = gdelt_file(
        "visit.export.CSV",
        gdelt(1, "2026-01-16", "SAU", "EGY", "042"),
        gdelt(2, "2026-01-16", "EGY", "SAU", "043"),
    )
    assert "2 added" in run("import", "gdelt", path, "--no-merge").stdout
    events = shown(run)
    assert events["gdelt-2"]["title"] == "Saudi Arabia visits Egypt"  # as a host tells it
    assert [e["reports"] for e in events.values()] == [1, 1]


def test_min_articles_keeps_the_events_enough_articles_report(run, gdelt_file) -> None:
    a = gdelt_file(
        "a.export.CSV",
        gdelt(1, "2026-01-16", "JPN", "KOR", articles=3),
        gdelt(2, "2026-01-16", "JPN", "CHN", articles=2),  # 2 articles: left out
    )
    b = gdelt_file("b.export.CSV", gdelt(3, "2026-01-17", "KOR", "JPN", "043", articles=2))
    result = run("import", "gdelt", a, b, "--min-articles", "5")  # 3 + 2 across the files
    assert result.exit_code == 0, result.output
    assert "1 event with too few articles left out" in result.stdout
    assert "1 added, 0 updated" in result.stdout  # a's line: the KR-JP visit
    assert set(shown(run)) == {"gdelt-1"}
    # Its rows were not counted: a later import may make the event of them.
    assert "1 added" in run("import", "gdelt", a).stdout
    refused = run("import", "gdelt", a, "--min-articles", "-1")
    assert refused.exit_code == 2 and "-1 is not in the range x>=0" in refused.stderr


def test_sides_at_home_and_one_side_unknown_are_not_one_pair(run, gdelt_file) -> None:
    path = gdelt_file(
        "home.export.CSV",
        gdelt(1, "2026-01-16", "USA", "USA", "040"),  # a meeting at home
        gdelt(2, "2026-01-16", "USA", "", "040"),  # one with someone not coded
        gdelt(3, "2026-01-16", "", "USA", "040"),  # the other way: the same pair of sides
    )
    result = run("import", "gdelt", path, "--include-domestic")
    assert "3 kept (1 merged into the event of an earlier row)" in result.stdout, result.stdout
    events = shown(run)
    assert events["gdelt-1"]["title"] == "United States consults with United States"
    assert events["gdelt-2"]["title"] == "Talks held by United States"
    assert events["gdelt-2"]["reports"] == 2


def test_gdelt_1_rows_merge_as_2_rows_do(run, gdelt_file) -> None:
    path = gdelt_file(
        "gdelt1.CSV",
        gdelt(1, "2013-04-15", "KOR", "JPN", template=GDELT1),
        gdelt(2, "2013-04-15", "JPN", "KOR", "043", template=GDELT1),
    )
    assert (
        "2 kept (1 merged into the event of an earlier row)" in run("import", "gdelt", path).stdout
    )


def test_icews_rows_of_one_event_merge(run, write) -> None:
    header, first = (DATA / "icews-sample.tab").read_text(encoding="utf-8").splitlines()[:2]
    cells = first.split("\t")
    again = cells.copy()
    again[0], again[1], again[13] = "30101", "2015-12-29", "Kyodo"  # next day, another story
    other = cells.copy()
    other[0], other[6] = "30102", "046"  # negotiations, the same day: another event
    path = write("icews.tab", "\n".join([header, first, "\t".join(again), "\t".join(other)]))
    assert (
        "3 kept (1 merged into the event of an earlier row)"
        in run("import", "icews", str(path)).stdout
    )
    events = shown(run)
    assert (events["icews-30001"]["reports"], events["icews-30001"]["articles"]) == (2, 2)
    assert events["icews-30001"]["sources"] == ["Yonhap", "Kyodo"]


def test_polecat_rows_of_one_event_merge(run, write) -> None:
    header, visit, call = (DATA / "polecat-weekly.txt").read_text(encoding="utf-8").splitlines()[:3]
    cells = visit.split("\t")
    reported = cells.copy()  # the same visit, a day later, as the recipient tells it
    reported[0], reported[1] = "20240306-0009-ffffffffffff_CONSULT", "2024-03-06"
    reported[7], reported[8], reported[15], reported[16] = "Japan", "JPN", "Park Jin", "KOR"
    reported[33] = "Kyodo"
    path = write("polecat.txt", "\n".join([header, visit, "\t".join(reported), call]))
    assert (
        "3 kept (1 merged into the event of an earlier row)"
        in run("import", "polecat", str(path)).stdout
    )
    visit_event = shown(run)["polecat-20240305-0001-aa11bb22cc33-consult"]
    assert visit_event["title"] == "Park Jin (South Korea) visits Japan"
    assert (visit_event["reports"], visit_event["articles"]) == (2, 2)
    assert visit_event["sources"] == ["Yonhap, 2024-03-06", "Kyodo, 2024-03-06"]


def test_show_id_gives_the_code_the_counts_and_the_rows(run, gdelt_file) -> None:
    path = gdelt_file(
        "visit.export.CSV",
        gdelt(1, "2026-01-16", "SAU", "EGY", "042", 12),
        gdelt(2, "2026-01-17", "EGY", "SAU", "043", 3),
    )
    run("import", "gdelt", path)
    card = run("show", "gdelt-1").stdout
    assert "CAMEO 042 (visits)" in card
    assert "2 rows, 15 articles" in card
    assert "gdelt-1, gdelt-2" in card
    record = json.loads(run("show", "gdelt-1", "-f", "json").stdout)[0]
    assert record["reports"] == 2 and record["row_ids"] == ["gdelt-1", "gdelt-2"]


def test_stats_and_exports_count_events_not_rows(run, gdelt_file, tmp_path) -> None:
    rows = [gdelt(n, "2026-01-16", "JPN", "KOR", url=f"https://s{n}.example/") for n in range(50)]
    run("import", "gdelt", gdelt_file("summit.export.CSV", *rows))
    stats = json.loads(run("stats", "-f", "json", "--by", "year").stdout)
    assert [p["total"] for p in stats["periods"]] == [1]
    csv = run("export", "-f", "csv").stdout.splitlines()
    assert csv[0].endswith("cameo,plover,intensity,reports,articles")
    assert csv[1].endswith(",042,,,50,500")
    [line] = run("export", "-f", "jsonl").stdout.splitlines()
    event = json.loads(line)
    assert (event["reports"], event["articles"], len(event["sources"])) == (50, 500, SOURCES_KEPT)
    # Exported and loaded again, the counts are the event's.
    (tmp_path / "again.jsonl").write_text(line + "\n", encoding="utf-8")
    again = ["--db", str(tmp_path / "again.db")]
    assert run(*again, "load", str(tmp_path / "again.jsonl")).exit_code == 0
    assert run(*again, "export", "-f", "jsonl").stdout.strip() == line


def test_an_event_a_loaded_file_holds_takes_no_reports(run, gdelt_file, tmp_path, db) -> None:
    run("import", "gdelt", gdelt_file("a.export.CSV", gdelt(1, "2026-01-16", "JPN", "KOR")))
    curated = tmp_path / "curated.yaml"
    curated.write_text(run("export", "-f", "yaml").stdout, encoding="utf-8")
    assert run("load", str(curated)).exit_code == 0
    later = gdelt_file("b.export.CSV", gdelt(2, "2026-01-17", "KOR", "JPN", "043"))
    result = run("import", "gdelt", later).stdout
    assert "1 skipped (reported by an event you keep)" in result  # no copy of the event
    assert "0 added, 0 updated" in result and set(shown(run)) == {"gdelt-1"}
    assert shown(run)["gdelt-1"]["reports"] == 1  # the file's, as it is
    assert curated.read_text(encoding="utf-8") == run("export", "-f", "yaml").stdout
    assert "counted already" in run("import", "gdelt", later).stdout


def test_an_older_store_counts_its_imported_events_once(tmp_path, run, gdelt_file, db) -> None:
    """A store imported into before merging: its events are one row each, counted."""
    row = gdelt(1, "2026-01-16", "JPN", "KOR")
    run("import", "gdelt", gdelt_file("a.export.CSV", row))
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM coded_rows")
        conn.execute("DELETE FROM coded_events")
        conn.execute("UPDATE events SET reports = NULL, articles = NULL")
        from timeline.store.schema import _add_reports_v6

        class Db:  # what the migration is given: something that executes
            execute = conn.execute

        conn.execute("ALTER TABLE events DROP COLUMN reports")
        conn.execute("ALTER TABLE events DROP COLUMN articles")
        conn.execute("DROP TABLE coded_rows")
        conn.execute("DROP TABLE coded_events")
        _add_reports_v6(Db())
    assert "1 skipped (counted already)" in run("import", "gdelt", gdelt_file("b.CSV", row)).stdout
    assert shown(run)["gdelt-1"]["reports"] == 1


def test_sources_keep_distinct_sites_first() -> None:
    sources: list[str] = []
    for n in range(12):
        add_source(sources, f"https://big.example/{n}")
    assert len(sources) == SOURCES_KEPT
    add_source(sources, "https://www.small.example/1")
    add_source(sources, "Yonhap, 2024-03-06")
    assert sources[:3] == ["https://big.example/0", "https://www.small.example/1",
                           "Yonhap, 2024-03-06"]  # fmt: skip
    assert len(sources) == SOURCES_KEPT
    add_source(sources, "https://big.example/99")  # full, and not a new site
    assert "https://big.example/99" not in sources
    assert (site_of("https://www.small.example/1"), site_of("Yonhap, 2024-03-06")) == (
        "small.example",
        "Yonhap",
    )


def named(
    event_id: int, day: str, code: str, first: tuple[str, str], second: tuple[str, str]
) -> str:
    """A GDELT 2.0 row whose actors have a CAMEO code and the name the article used."""
    row = gdelt(event_id, day, first[0][:3], second[0][:3], code).split("\t")
    (row[5], row[6]), (row[15], row[16]) = first, second
    return "\t".join(row)


@pytest.mark.parametrize(
    ("rows", "title", "countries"),
    [
        # The sample: GDELT codes Cairo hosting Saudi officials first, then the visit.
        (
            [
                named(1, "2016-07-01", "043", ("EGY", "CAIRO"), ("SAUGOV", "SAUDI")),
                named(2, "2016-07-01", "042", ("SAUGOV", "SAUDI"), ("EGY", "CAIRO")),
            ],
            "Saudi Arabia visits Egypt",
            ["SA", "EG"],
        ),
        (
            [named(1, "2026-01-13", "042", ("KORGOV", "LEE JAE-MYUNG"), ("JPN", "JAPAN"))],
            "Lee Jae-myung (South Korea) visits Japan",
            ["KR", "JP"],
        ),
        (
            [named(1, "2017-02-10", "046", ("NLD", "DUTCH"), ("TURGOV", "TURKEY"))],
            "Netherlands and Türkiye negotiate",
            ["NL", "TR"],
        ),
        (
            [named(1, "2017-02-10", "041", ("USAGOV", "WHITE HOUSE"), ("CHNGOV", "CHINESE"))],
            "White House (United States) and China talk by phone",
            ["US", "CN"],
        ),
    ],
)
def test_titles_say_what_happened(run, gdelt_file, rows, title, countries) -> None:
    assert run("import", "gdelt", gdelt_file("named.export.CSV", *rows)).exit_code == 0
    [event] = shown(run).values()
    assert (event["title"], event["countries"]) == (title, countries)


def test_a_removed_event_stays_removed_on_a_new_import(run, gdelt_file) -> None:
    path = gdelt_file(
        "visit.export.CSV",
        gdelt(1, "2026-01-16", "SAU", "EGY"),
        gdelt(2, "2026-01-17", "EGY", "SAU", "043"),
    )
    run("import", "gdelt", path)
    assert run("remove", "gdelt-1").exit_code == 0
    again = run("import", "gdelt", path).stdout
    assert "2 skipped (counted already)" in again and shown(run) == {}


def test_an_event_written_over_by_hand_takes_no_reports(run, gdelt_file) -> None:
    run("import", "gdelt", gdelt_file("a.export.CSV", gdelt(1, "2026-01-16", "SAU", "EGY")))
    replaced = run("add", "--id", "gdelt-1", "--date", "2026-01-16", "--kind", "visit",
                   "--title", "My notes on the visit", "-c", "SA,EG", "--replace")  # fmt: skip
    assert replaced.exit_code == 0, replaced.output
    later = gdelt_file("b.export.CSV", gdelt(2, "2026-01-17", "EGY", "SAU", "043"))
    assert "1 skipped (reported by an event you keep)" in run("import", "gdelt", later).stdout
    events = shown(run)
    assert events["gdelt-1"]["title"] == "My notes on the visit"
    assert events["gdelt-1"]["reports"] is None and events["gdelt-1"]["sources"] == []


def test_rows_without_articles_merge_into_an_event_that_loads_again(
    run, gdelt_file, tmp_path
) -> None:
    run(
        "import",
        "gdelt",
        gdelt_file("a.export.CSV", gdelt(1, "2026-01-16", "JPN", "KOR", articles=0)),
    )
    run(
        "import",
        "gdelt",
        gdelt_file("b.export.CSV", gdelt(2, "2026-01-16", "KOR", "JPN", articles=0)),
    )
    event = shown(run)["gdelt-1"]
    assert (event["reports"], event["articles"]) == (2, None)
    exported = tmp_path / "e.jsonl"
    assert run("export", "-o", str(exported)).exit_code == 0
    assert run("--db", str(tmp_path / "b.db"), "load", str(exported)).exit_code == 0


def test_events_of_an_older_store_take_the_reports_of_later_rows(run, gdelt_file, db) -> None:
    """Imported before merging, a visit of two countries gets its key in the migration."""
    run("import", "gdelt", gdelt_file("a.export.CSV", gdelt(1, "2026-01-16", "JPN", "KOR")))
    with sqlite3.connect(db) as conn:
        from timeline.store.schema import _add_reports_v6

        class Db:
            execute = conn.execute

        for table in ("coded_rows", "coded_events"):
            conn.execute(f"DROP TABLE {table}")
        for column in ("reports", "articles"):
            conn.execute(f"ALTER TABLE events DROP COLUMN {column}")
        _add_reports_v6(Db())
    later = gdelt_file("b.export.CSV", gdelt(2, "2026-01-17", "KOR", "JPN", "043"))
    assert "0 added, 1 updated" in run("import", "gdelt", later).stdout
    assert shown(run)["gdelt-1"]["reports"] == 2
