"""`timeline import polecat`: POLECAT's PLOVER-coded event files, through the CLI.

The fixtures (tests/data/polecat-*.txt) follow the published column list: the weekly file
has the older `Intensity` header; the newer one `Event Intensity`, extra columns
(Headline, Event Text, Feed, Story ID) and tabs after the last column."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from timeline.importers.polecat import _ID_UNSAFE
from timeline.plover import DIPLOMATIC, TYPES, kind_of_type

DATA = Path(__file__).parent / "data"
WEEKLY = DATA / "polecat-weekly.txt"
NEWER = DATA / "polecat-new.txt"
VISIT = "polecat-20240305-0001-aa11bb22cc33-consult"


def shown(run, *args: str) -> dict[str, dict[str, object]]:
    result = run("show", "-f", "json", *args)
    return {e["id"]: e for e in json.loads(result.stdout)}


def records(run) -> dict[str, dict[str, object]]:
    """Every event as JSON Lines export writes it (with its PLOVER code and intensity)."""
    lines = run("export", "-f", "jsonl").stdout.splitlines()
    return {r["id"]: r for r in map(json.loads, lines)}


def count(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM events").fetchone()[0])


def test_a_weekly_file(run) -> None:
    result = run("import", "polecat", str(WEEKLY))
    assert result.exit_code == 0, result.output
    report = result.stdout
    assert "11 rows read; 8 kept" in report
    assert "1 skipped (one side unknown)" in report  # the UN's, with no recipient
    assert "1 skipped (bad date or event type)" in report and "bad rows at lines 10" in report
    assert "no country" not in report  # the UN alone is an actor too
    assert "1 skipped (not a chosen event type)" in report  # ASSAULT
    assert "country codes left out: 1 None, 1 unknown" in report
    assert "8 added, 0 updated, 0 unchanged" in report

    events = records(run)
    visit = events[VISIT]
    assert visit["kind"] == "visit" and visit["countries"] == ["KR", "JP"]
    assert visit["title"] == "Park Jin (South Korea) visits Japan"
    assert visit["location"] == "Tokyo, Japan"  # city, province (the same), country JPN
    assert visit["participants"] == ["Park Jin"]
    assert visit["sources"] == ["Yonhap, 2024-03-06"]
    assert visit["summary"] == "PLOVER CONSULT/visit, intensity +1.0; contexts: diplomacy"
    assert visit["plover"] == "CONSULT/visit" and visit["intensity"] == 1.0

    call = events["polecat-20240312-0002-bb22cc33dd44-consult"]
    assert (
        call["kind"] == "call"
        and call["title"] == "윤석열 (South Korea) and 岸田文雄 (Japan) talk by phone"
    )
    assert call["participants"] == ["윤석열", "岸田文雄"]

    several = events["polecat-20240320-0003-cc33dd44ee55-consult-r"]
    assert several["kind"] == "meeting" and several["countries"] == ["KR", "US", "JP"]
    assert several["participants"] == ["Park Jin", "Antony Blinken", "上川陽子"]
    assert "contexts: diplomacy, economic" in several["summary"]

    agreement = events["polecat-20240401-0004-dd44ee55ff66-agree"]
    assert agreement["kind"] == "agreement" and agreement["plover"] == "AGREE"
    assert agreement["title"] == "South Korea and Japan reach an agreement"
    assert agreement["participants"] == []  # country names are not people
    assert events["polecat-20240402-0005-ee55ff660011-accuse"]["kind"] == "dispute"
    with_igo = events["polecat-20240403-0006-ff6600112233-consult"]
    assert with_igo["countries"] == ["UN", "JP"] and with_igo["kind"] == "meeting"
    unknown_code = events["polecat-20240407-0010-334455667788-cooperate"]
    assert unknown_code["countries"] == ["US", "CN"] and unknown_code["kind"] == "economic"


def test_the_newer_layout_extra_columns_and_trailing_tabs(run) -> None:
    result = run("import", "polecat", str(NEWER))
    assert "2 rows read; 2 kept" in result.stdout and "bad rows" not in result.stdout
    events = records(run)
    visit = events["polecat-20250110-0101-aabbccddeeff-consult"]
    assert visit["title"] == "石破茂 (Japan) visits South Korea" and visit["intensity"] == 1.5
    assert visit["summary"].splitlines() == [
        "PLOVER CONSULT/visit, intensity +1.5",
        "石破首相、ソウル訪問",
        "Japan's prime minister visited Seoul.",
    ]
    sanction = events["polecat-20250111-0102-bbccddeeff00-sanction"]
    assert sanction["kind"] == "dispute" and sanction["countries"] == ["JP", "KP"]
    assert sanction["summary"] == "PLOVER SANCTION, intensity -6.0"  # Headline None: none


def test_importing_twice_changes_nothing(run, db) -> None:
    run("import", "polecat", str(WEEKLY), str(NEWER))
    again = run("import", "polecat", str(WEEKLY), str(NEWER))
    assert "8 skipped (counted already)" in again.stdout
    assert "2 skipped (counted already)" in again.stdout
    assert again.stdout.count("0 added, 0 updated, 0 unchanged") == 2
    assert count(db) == 10


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--country", "CN"], {"polecat-20240407-0010-334455667788-cooperate"}),
        (["--country", "north korea"], {"polecat-20240402-0005-ee55ff660011-accuse"}),
        (["--type", "assault"], set()),  # police and someone in the US: one side only
        (["--type", "assault", "--include-domestic"],
         {"polecat-20240405-0008-112233445566-assault"}),
        (["--type", "AGREE", "--type", "ACCUSE"],
         {"polecat-20240401-0004-dd44ee55ff66-agree", "polecat-20240402-0005-ee55ff660011-accuse"}),
        (["--since", "2024-04-02", "--until", "2024-04-03"],
         {"polecat-20240402-0005-ee55ff660011-accuse",
          "polecat-20240403-0006-ff6600112233-consult"}),
        (["--until", "2023"], {"polecat-20231201-0011-445566778899-request"}),
    ],
)  # fmt: skip
def test_filters(run, args, expected) -> None:
    result = run("import", "polecat", str(WEEKLY), *args)
    assert result.exit_code == 0, result.output
    assert set(shown(run, "--since", "2000")) == expected


def test_a_bad_type_is_a_usage_error(run, db) -> None:
    result = run("import", "polecat", str(WEEKLY), "--type", "CONSULTS")
    assert result.exit_code == 2
    assert "'CONSULTS' is not a PLOVER event type; did you mean 'CONSULT'?" in result.stderr
    assert count(db) == 0


def test_strict_refuses_a_bad_row_and_imports_nothing(run, db) -> None:
    result = run("import", "polecat", str(WEEKLY), str(NEWER), "--strict")
    assert result.exit_code == 1
    assert f"{WEEKLY}:10: bad row (bad date or event type); nothing was imported" in (result.stderr)
    assert count(db) == 0


def test_a_yearly_zip_of_monthly_files(run, db, tmp_path) -> None:
    weekly = WEEKLY.read_text(encoding="utf-8")
    header, *rows = weekly.splitlines(keepends=True)
    archive = tmp_path / "ngecEvents.2024.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("2024/ngecEvents.2024-04.txt", header + "".join(rows[3:]))  # bad row: 7
        out.writestr("2024/ngecEvents.2024-03.txt", header + "".join(rows[:3]))
        out.writestr("2024/", "")
        out.writestr("__MACOSX/2024/._ngecEvents.2024-03.txt", b"\x00\x05\x16\x07")
        out.writestr("2025/ngecEvents.2025-01.txt", NEWER.read_text(encoding="utf-8"))
    result = run("import", "polecat", str(archive))
    assert result.exit_code == 0, result.output
    assert "13 rows read; 10 kept" in result.stdout
    assert "bad rows at lines 2024/ngecEvents.2024-04.txt:7" in result.stdout
    assert count(db) == 10
    assert VISIT in shown(run, "--since", "2024-03", "--until", "2024-03")

    strict = run("import", "polecat", str(archive), "--strict")
    assert f"{archive}:2024/ngecEvents.2024-04.txt:7: bad row" in strict.stderr


@pytest.mark.parametrize(
    ("name", "text", "says"),
    [
        ("gdelt.CSV", (DATA / "gdelt2-sample.export.CSV").read_text(encoding="utf-8"),
         "not a POLECAT event file (no column 'Event ID')"),
        ("events.yaml", (DATA.parent.parent / "data" / "events.yaml").read_text(encoding="utf-8"),
         "not a POLECAT event file"),
        ("old.txt", WEEKLY.read_text(encoding="utf-8").replace("\tIntensity\t", "\tScore\t", 1),
         "no column 'Event Intensity or Intensity'"),
        ("empty.txt", "", "no column 'Event ID'"),
        ("header-only.txt", WEEKLY.read_text(encoding="utf-8").splitlines()[0] + "\n",
         "has no rows"),
    ],
)  # fmt: skip
def test_a_file_that_is_not_polecat_is_refused_whole(run, db, write, name, text, says) -> None:
    result = run("import", "polecat", str(WEEKLY), str(write(name, text)))
    assert result.exit_code == 1
    (line,) = result.stderr.strip().splitlines()
    assert says in line and "Traceback" not in result.stderr
    assert count(db) == 0  # the good file before it is not imported either


def test_an_unreadable_or_broken_zip_is_one_line(run, write, tmp_path) -> None:
    broken = write("broken.zip", "not a zip")
    result = run("import", "polecat", str(broken))
    assert result.exit_code == 1 and "not a valid zip file" in result.stderr
    missing = run("import", "polecat", str(tmp_path / "missing.txt"))
    assert missing.exit_code == 1 and len(missing.stderr.strip().splitlines()) == 1


def test_codes_survive_export_and_load(run, tmp_path) -> None:
    run("import", "polecat", str(WEEKLY), str(NEWER))
    before = records(run)
    for form in ("yaml", "jsonl"):
        path = tmp_path / f"events.{form}"
        assert run("export", "-f", form, "-o", str(path)).exit_code == 0
        fresh = tmp_path / f"{form}.db"
        result = run("--db", str(fresh), "load", str(path))
        assert result.exit_code == 0, result.output
        lines = run("--db", str(fresh), "export", "-f", "jsonl").stdout.splitlines()
        assert {r["id"]: r for r in map(json.loads, lines)} == before


def test_stats_keeps_the_scales_apart(run, write) -> None:
    run("import", "polecat", str(NEWER))
    hand_kept = "- {date: 2025-01-20, kind: summit, title: S, countries: [KR, JP]}\n"
    run("load", str(write("f.yaml", hand_kept)))
    (month,) = json.loads(run("stats", "-f", "json", "--by", "month").stdout)["periods"]
    assert month["total"] == 3
    assert month["goldstein"] == 2.8 and month["goldstein_events"] == 1  # the summit only
    assert month["intensity"] == round((1.5 - 6.0) / 2, 2) and month["intensity_events"] == 2

    table = run("stats").stdout
    assert "+2.80" in table and "Goldstein scale" in table
    assert "2 on the Intensity scale left out (--scale intensity)" in " ".join(table.split())
    table = run("stats", "--scale", "intensity").stdout
    assert "-2.25" in table and "Intensity scale" in table

    run("remove", "2025-01-20-s")  # only POLECAT events: their scale by default
    assert "Intensity scale" in run("stats").stdout


def test_kinds_lists_the_plover_codes(run) -> None:
    out = " ".join(run("kinds").stdout.split())
    assert "CONSULT/visit" in out and "CONSULT/phone" in out and "CONSULT (other modes)" in out


def test_the_mapping_covers_every_type() -> None:
    assert set(DIPLOMATIC) <= set(TYPES)
    assert kind_of_type("CONSULT", "visit") == "visit"
    assert kind_of_type("CONSULT", "phone") == "call"
    assert kind_of_type("CONSULT", "multilateral") == kind_of_type("CONSULT", None) == "meeting"
    for event_type in ("ACCUSE", "REJECT", "THREATEN", "PROTEST"):
        assert kind_of_type(event_type, None) == "dispute"
    assert kind_of_type("AID", None) == "economic" and kind_of_type("AGREE", None) == "agreement"


def test_ids_follow_the_published_rule() -> None:
    event_id = "20190801-2309-4e081644904c_COOPERATE_R"
    assert "polecat-" + _ID_UNSAFE.sub("-", event_id.lower()) == (
        "polecat-20190801-2309-4e081644904c-cooperate-r"
    )


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("plover", "CONSULTS", "is not a PLOVER code"),
        ("plover", "CONSULT/Visit Now", "is not a PLOVER code"),
        ("intensity", "11", "outside PLOVER's scale"),
        ("intensity", "strong", "expected a number from -10 to 10, got 'strong'"),
    ],
)
def test_a_hand_written_code_is_checked(run, write, field, value, says) -> None:
    line = f"- {{date: 2025-01-20, kind: visit, title: V, countries: [KR], {field}: '{value}'}}\n"
    result = run("load", str(write("f.yaml", line)))
    assert result.exit_code == 1 and f"{field}: " in result.stderr and says in result.stderr


def test_a_large_file_is_read_in_blocks_with_the_right_lines(run, db, tmp_path) -> None:
    """Past its first block (1 MiB) a file is read by worker processes: the counts, the
    lines of bad rows and --strict hold across blocks."""
    header, visit = WEEKLY.read_text(encoding="utf-8").splitlines()[:2]
    rows = [visit.replace("20240305-0001-aa11bb22cc33", f"20240305-{n:06d}") for n in range(12_000)]
    late = 11_000  # a bad date in the last block: line late + 2
    rows[late] = rows[late].replace("\t2024-03-05\t", "\t2024-13-05\t", 1)
    path = tmp_path / "large.txt"
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    assert path.stat().st_size > 2.5 * 1024 * 1024  # three blocks

    strict = run("import", "polecat", str(path), "--strict")
    assert strict.exit_code == 1
    assert f"{path}:{late + 2}: bad row (bad date or event type)" in strict.stderr
    assert count(db) == 0

    result = run("import", "polecat", str(path), "--no-merge")
    assert "12,000 rows read; 11,999 kept;" in result.stdout
    assert f"bad rows at lines {late + 2}" in result.stdout
    assert count(db) == 11_999
    # One visit reported 11,999 times is one event, whichever block each row was read in.
    merged = run("--db", str(tmp_path / "merged.db"), "import", "polecat", str(path))
    assert "11,999 kept (11,998 merged into the event of an earlier row)" in merged.stdout, (
        merged.stdout
    )
