import json
import sqlite3
from pathlib import Path

import pytest

from timeline.cameo import EVENT_CODES, GOLDSTEIN, country_alpha2, goldstein, kind_of_code, label_of

DATA = Path(__file__).parent / "data"
GDELT2 = DATA / "gdelt2-sample.export.CSV"


def shown(run, *args: str) -> dict[str, dict[str, object]]:
    result = run("show", "-f", "json", *args)
    return {e["id"]: e for e in json.loads(result.stdout)}


def test_gdelt2_import(run) -> None:
    result = run("import", "gdelt", str(GDELT2))
    assert result.exit_code == 0, result.output
    assert "10 rows read; 6 kept (1 merged into the event of an earlier row)" in result.stdout
    assert "1 skipped (no country)" in result.stdout
    assert "1 skipped (not a chosen CAMEO code)" in result.stdout
    assert "bad rows at lines 8, 9" in result.stdout
    assert "5 added, 0 updated, 0 unchanged" in result.stdout
    events = shown(run)
    assert set(events) == {"gdelt-1001", "gdelt-1003", "gdelt-1004", "gdelt-1007", "gdelt-1009"}
    visit = events["gdelt-1001"]  # the 042 row, and the 043 row of the same visit
    assert visit["title"] == "South Korea visits Japan"
    assert (visit["reports"], visit["articles"]) == (2, 20)  # NumArticles 10 and 10
    assert visit["kind"] == "visit" and visit["countries"] == ["KR", "JP"]
    assert visit["location"] == "Nara, Nara, Japan"
    assert visit["sources"] == ["https://news.example.org/nara"]
    assert "Goldstein 1.9" in visit["summary"] and "tone -1.25" in visit["summary"]
    assert events["gdelt-1007"]["countries"] == ["RO", "JP"]  # CAMEO ROM is Romania
    assert events["gdelt-1004"]["kind"] == "negotiation"


def test_importing_twice_changes_nothing(run) -> None:
    run("import", "gdelt", str(GDELT2))
    before = run("export", "-f", "jsonl").stdout
    again = run("import", "gdelt", str(GDELT2)).stdout
    assert "10 rows read; 0 kept;" in again and "6 skipped (counted already)" in again
    assert "0 added, 0 updated, 0 unchanged" in again
    assert run("export", "-f", "jsonl").stdout == before


def test_zip_and_gdelt1(run) -> None:
    result = run("import", "gdelt", str(DATA / "gdelt2-sample.export.CSV.zip"),
                 str(DATA / "gdelt1-sample.CSV"))  # fmt: skip
    assert result.exit_code == 0
    assert "5 added" in result.stdout and "2 added" in result.stdout
    events = shown(run, "--until", "2013-12")
    assert events["gdelt-2001"]["location"] == "Tokyo, Tokyo, Japan"  # 58 columns
    assert events["gdelt-2002"]["location"] == "Seoul, South Korea"  # 57 columns
    assert events["gdelt-2002"]["sources"] == []


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--cameo", "04"], {"gdelt-1001", "gdelt-1003", "gdelt-1004"}),
        (["--cameo", "11"], {"gdelt-1005"}),
        (["--country", "US"], {"gdelt-1004"}),
        (["--min-sources", "5"], {"gdelt-1001", "gdelt-1004", "gdelt-1009"}),
        (["--since", "2026-01-10"], {"gdelt-1001", "gdelt-1009"}),
        (["--until", "2025"], {"gdelt-1007"}),
    ],
)
def test_filters(run, args: list[str], expected: set[str]) -> None:
    assert run("import", "gdelt", str(GDELT2), *args).exit_code == 0
    assert set(shown(run)) == expected


def test_strict_makes_a_bad_row_an_error(run, db: Path) -> None:
    result = run("import", "gdelt", "--strict", str(GDELT2))
    assert result.exit_code == 1
    assert (
        f"{GDELT2}:8: bad row (4 columns, not 57, 58 or 61); nothing was imported" in result.stderr
    )
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM events").fetchone() == (0,)


def test_the_wrong_file_is_refused_whole(run, write) -> None:
    wrong = write("notes.csv", "name,age\nkim,40\n")
    result = run("import", "gdelt", str(wrong))
    assert result.exit_code == 1 and "no row has a GDELT layout" in result.stderr
    result = run("import", "icews", str(wrong))
    assert result.exit_code == 1 and "not an ICEWS event file" in result.stderr
    assert run("import", "gdelt", str(DATA / "missing.CSV")).exit_code == 1


def test_icews(run) -> None:
    result = run("import", "icews", str(DATA / "icews-sample.tab"), "--cameo", "0",
                 "--cameo", "1")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "4 rows read; 3 kept" in result.stdout and "bad rows at lines 5" in result.stdout
    events = shown(run)
    agreement = events["icews-30001"]
    assert agreement["kind"] == "agreement" and agreement["countries"] == ["KR", "JP"]
    assert agreement["title"] == (
        "Government (South Korea) and Government (Japan) sign a formal agreement"
    )
    assert events["icews-30003"]["countries"] == ["KP", "KR"]
    assert events["icews-30003"]["kind"] == "dispute"


def test_every_root_is_listed_and_scored() -> None:
    # Listed themselves, not reached through the fallback to "other".
    for root in (f"{n:02d}" for n in range(1, 21)):
        assert root in EVENT_CODES and root in GOLDSTEIN
        assert -10 <= GOLDSTEIN[root] <= 10
    assert kind_of_code("9") == "other" and goldstein(None) is None


def test_an_unlisted_code_takes_its_nearest_listed_prefix() -> None:
    for code in EVENT_CODES:
        for digit in "0123456789":
            finer = code + digit
            if len(finer) <= 4 and finer not in EVENT_CODES:
                assert (kind_of_code(finer), label_of(finer)) == EVENT_CODES[code]
    assert goldstein("0429") == goldstein("042") != goldstein("04")


def test_cameo_country_codes() -> None:
    assert country_alpha2("KOR") == "KR" and country_alpha2("ROM") == "RO"
    assert country_alpha2("EUR") is None and country_alpha2("") is None


ICEWS_HEADER = (DATA / "icews-sample.tab").read_text(encoding="utf-8").splitlines()[0]
HOSTILE_TITLE = "Evil\x1b[31m\u202eactor\x07"  # an escape sequence, a bidi override, a bell


def _icews_row(event_id: str, source_name: str, publisher: str = "Yonhap") -> str:
    columns = ICEWS_HEADER.split("\t")
    values = dict.fromkeys(columns, "")
    values.update({"Event ID": event_id, "Event Date": "2026-01-13", "Source Name": source_name,
                   "Source Country": "South Korea", "CAMEO Code": "042", "Target Name": "Japan",
                   "Target Country": "Japan", "Publisher": publisher})  # fmt: skip
    return "\t".join(values[c] for c in columns)


def test_imported_rows_pass_the_one_validation(run, write) -> None:
    rows = [
        _icews_row("1", HOSTILE_TITLE),
        _icews_row("2", "A" * 1_000_000),  # a megabyte-long actor name
        _icews_row("3", "Seoul", publisher="https://example.org/" + "a" * 100_000),
    ]
    path = write("hostile.tab", "\n".join([ICEWS_HEADER, *rows]) + "\n")
    result = run("import", "icews", str(path))
    assert result.exit_code == 0, result.output
    assert "3 rows read; 1 kept" in result.stdout
    assert "1 skipped (invalid sources); 1 skipped (invalid title)" in result.stdout
    assert "bad rows at lines 3, 4" in result.stdout
    imported = shown(run)["icews-1"]["title"]
    assert imported == "Evil[31mactor (South Korea) visits Japan"

    # The same values through `load` are cleaned and refused the same way.
    loaded = [{"id": "mine", "date": "2026-01-13", "kind": "visit", "countries": ["KR", "JP"],
               "title": f"{HOSTILE_TITLE} (South Korea) visits Japan"}]  # fmt: skip
    assert run("load", str(write("mine.json", json.dumps(loaded)))).exit_code == 0
    assert shown(run)["mine"]["title"] == imported
    long_url = "https://example.org/" + "a" * 100_000
    too_big = [{**loaded[0], "title": "A" * 1_000_000},
               {**loaded[0], "id": "url", "sources": [long_url]}]  # fmt: skip
    refused = run("load", str(write("big.json", json.dumps(too_big))))
    assert refused.exit_code == 1
    assert "title: is too long (1,000,000 characters; at most 1,000)" in refused.stderr
    assert "sources: has an item that is too long" in refused.stderr


def test_strict_names_the_invalid_field(run, write) -> None:
    path = write("hostile.tab", ICEWS_HEADER + "\n" + _icews_row("2", "A" * 5000) + "\n")
    result = run("import", "icews", "--strict", str(path))
    assert result.exit_code == 1
    assert "hostile.tab:2: bad row (title: is too long (5,027 characters" in result.stderr


def test_imported_events_export_and_reload_with_their_code(run, tmp_path: Path) -> None:
    run("import", "gdelt", str(GDELT2))
    text = run("export", "-f", "yaml").stdout
    assert "cameo: '042'" in text  # quoted: a YAML 1.1 reader would take 042 for octal 34
    first = run("export", "-f", "jsonl").stdout
    (tmp_path / "again.yaml").write_text(text, encoding="utf-8")
    again = ["--db", str(tmp_path / "again.db")]
    assert run(*again, "load", str(tmp_path / "again.yaml")).exit_code == 0
    assert run(*again, "export", "-f", "jsonl").stdout == first  # codes and all


def test_fips_geography_gives_the_location(run, write) -> None:
    from timeline.countries import fips_to_alpha2

    assert (fips_to_alpha2("KS"), fips_to_alpha2("KN"), fips_to_alpha2("JA")) == ("KR", "KP", "JP")
    assert fips_to_alpha2("XX") is None
    line = (DATA / "gdelt2-sample.export.CSV").read_text().splitlines()[2].split("\t")
    line[52], line[53] = "", "KS"  # no full name: the FIPS country code names the place
    result = run("import", "gdelt", str(write("fips.CSV", "\t".join(line) + "\n")))
    assert result.exit_code == 0, result.output
    assert shown(run)["gdelt-1003"]["location"] == "South Korea"


def _gdelt_row(event_id: str, actor1: str, actor2: str, code: str = "042") -> str:
    """A GDELT 2.0 row (61 columns) of the sample's shape, with these actors' countries."""
    row = (GDELT2.read_text(encoding="utf-8").splitlines()[0]).split("\t")
    row[0] = event_id
    for at, country in ((5, actor1), (15, actor2)):
        row[at] = row[at + 2] = country
        row[at + 1] = country and f"{country} NAME"
    row[26] = row[27] = code
    return "\t".join(row)


def test_an_event_is_between_two_countries_unless_asked(run, tmp_path) -> None:
    rows = [
        _gdelt_row("2001", "KOR", "JPN"),  # between countries: kept
        _gdelt_row("2002", "USA", ""),  # "someone makes a visit to United States": one side
        _gdelt_row("2003", "", "CAN", "051"),  # "Canada praises someone"
        _gdelt_row("2004", "USA", "USA", "040"),  # at the Anaheim Convention Center: domestic
    ]
    path = tmp_path / "domestic.export.CSV"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = run("import", "gdelt", str(path))
    assert result.exit_code == 0, result.output
    assert "4 rows read; 1 kept" in result.stdout
    assert "2 skipped (one side unknown)" in result.stdout
    assert "1 skipped (one country on both sides)" in result.stdout
    assert set(shown(run)) == {"gdelt-2001"}
    both = run("import", "gdelt", str(path), "--include-domestic")
    assert "4 rows read; 3 kept; 1 skipped (counted already)" in both.stdout
    events = shown(run)
    assert set(events) == {"gdelt-2001", "gdelt-2002", "gdelt-2003", "gdelt-2004"}
    # Never "someone": a side not known makes the title a noun.
    assert events["gdelt-2002"]["title"] == "Visit by United States"
    assert events["gdelt-2003"]["title"] == "Praise of Canada"
    assert events["gdelt-2004"]["title"] == "United States consults with United States"


def test_icews_keeps_events_between_countries(run, tmp_path) -> None:
    header, first = (DATA / "icews-sample.tab").read_text(encoding="utf-8").splitlines()[:2]
    cells = first.split("\t")
    domestic = cells.copy()
    domestic[0], domestic[8], domestic[10] = "39001", "Police (South Korea)", "South Korea"
    unknown = cells.copy()
    unknown[0], unknown[8], unknown[10] = "39002", "Citizen", ""
    path = tmp_path / "icews.tab"
    path.write_text("\n".join([header, first, "\t".join(domestic), "\t".join(unknown)]) + "\n",
                    encoding="utf-8")  # fmt: skip
    result = run("import", "icews", str(path))
    assert "3 rows read; 1 kept" in result.stdout
    assert "1 skipped (one country on both sides)" in result.stdout
    assert "1 skipped (one side unknown)" in result.stdout
    again = run("import", "icews", str(path), "--include-domestic").stdout
    assert "3 rows read; 2 kept; 1 skipped (counted already)" in again
