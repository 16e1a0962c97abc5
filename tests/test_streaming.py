"""Loads stream in batches (JSON Lines blocks go to worker processes): all or nothing still
holds at every batch boundary, and every problem is reported with its line."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from conftest import SHIPPED
from timeline.loading import reading as loader

FILLER = "Talks on youth exchange, 청년 교류 / 日韓首脳会談. " * 6  # ~400-byte events


def event(number: int, **changes: object) -> dict[str, object]:
    return {
        "id": f"e{number:05d}",
        "date": f"20{number % 26:02d}-0{number % 9 + 1}-1{number % 9}",
        "kind": "meeting",
        "title": f"Meeting {number}",
        "countries": ["KR", "JP"],
        "summary": FILLER,
    } | changes


def dump(db: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return conn.execute("SELECT * FROM events ORDER BY rowid").fetchall()


COUNT = 12_000  # about 5 MB of JSON Lines: five blocks, validated by the workers
BAD = {"date": "2026-02-30"}
FIRST, MIDDLE, LAST = 1, COUNT // 2, COUNT  # event numbers, from 1, as lines


def write_events(path: Path, bad_at: set[int], form: str) -> Path:
    events = [event(n, **(BAD if n in bad_at else {})) for n in range(1, COUNT + 1)]
    with path.open("w", encoding="utf-8") as out:
        if form == "jsonl":
            out.writelines(json.dumps(e, ensure_ascii=False) + "\n" for e in events)
        else:  # a JSON array, one event per line after the opening bracket
            out.write("[\n" + ",\n".join(json.dumps(e, ensure_ascii=False) for e in events))
            out.write("\n]\n")
    return path


@pytest.mark.parametrize("form", ["jsonl", "json"])
@pytest.mark.parametrize(
    "bad_at",
    [{FIRST}, {MIDDLE}, {LAST}, {FIRST, MIDDLE, LAST}],
    ids=["first", "middle", "last", "all"],
)
def test_a_problem_in_any_batch_writes_nothing(run, db, tmp_path, form, bad_at) -> None:
    run("load", str(SHIPPED))
    before = dump(db)
    path = write_events(tmp_path / f"events.{form}", bad_at, form)
    assert path.stat().st_size > loader.WORKERS_FROM_BYTES  # big enough for the workers
    result = run("load", str(path))
    assert result.exit_code == 1
    offset = 1 if form == "json" else 0  # the array's bracket takes the first line
    for number in sorted(bad_at):
        line = number + offset
        assert f"{path}:{line}: id 'e{number:05d}': date: '2026-02-30'" in result.stderr
    assert f"{len(bad_at)} problem" in result.stderr and "nothing was written" in result.stderr
    assert dump(db) == before


@pytest.mark.parametrize("form", ["jsonl", "json"])
def test_a_whole_streamed_load_matches_the_file(run, db, tmp_path, form) -> None:
    path = write_events(tmp_path / f"events.{form}", set(), form)
    result = run("load", str(path))
    assert f"{COUNT:,} added, 0 updated, 0 unchanged" in result.stdout
    rows = dump(db)
    assert len(rows) == COUNT
    keys = [(r[3], len(r[1]), r[0]) for r in rows]  # first_day, precision, id
    assert keys == sorted(keys)  # inserted in display order, across every batch
    assert "0 added, 0 updated, 12,000 unchanged" in run("load", str(path)).stdout


def test_an_id_repeated_blocks_apart_is_found(run, db, tmp_path) -> None:
    path = write_events(tmp_path / "events.jsonl", set(), "jsonl")
    with path.open("a", encoding="utf-8") as out:
        out.write(json.dumps(event(1, title="Again")) + "\n")
    result = run("load", str(path))
    assert result.exit_code == 1
    assert f"{path}:{COUNT + 1}: id 'e00001': id: duplicate id (first used at {path}:1)" in (
        result.stderr
    )
    assert dump(db) == []


def test_a_line_that_is_not_json_ends_the_file_with_its_line(run, db, tmp_path) -> None:
    path = write_events(tmp_path / "events.jsonl", {FIRST}, "jsonl")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[MIDDLE - 1] = '{"id": "broken",\n'
    path.write_text("".join(lines), encoding="utf-8")
    result = run("load", str(path))
    assert f"{path}:1: id 'e00001': date:" in result.stderr
    assert f"{path}:{MIDDLE}: is not valid JSON Lines" in result.stderr
    assert "2 problems found" in result.stderr and dump(db) == []


def test_a_json_syntax_error_late_keeps_the_problems_before_it(run, db, tmp_path) -> None:
    path = write_events(tmp_path / "events.json", {FIRST, MIDDLE}, "json")
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: -len("\n]\n")] + ",\n{oops}\n]\n", encoding="utf-8")
    result = run("load", str(path))
    assert f"{path}:2: id 'e00001': date:" in result.stderr
    assert f"{path}:{MIDDLE + 1}: id 'e{MIDDLE:05d}': date:" in result.stderr
    assert f"{path}:{COUNT + 2}: is not valid JSON" in result.stderr
    assert "3 problems found" in result.stderr and dump(db) == []


def test_a_lone_surrogate_is_no_text(run, db, write) -> None:
    """A JSON escape of half a surrogate pair is not text: SQLite and terminals refuse it
    (it crashed a load with a traceback)."""
    line = '{"date": "2026-01-02", "kind": "call", "title": "A \\ud800 b", "countries": ["KR"]}'
    result = run("load", str(write("s.jsonl", line + "\n")))
    assert result.exit_code == 1 and "is not valid JSON Lines" in result.stderr
    assert "Traceback" not in result.stderr and dump(db) == []
    array = write("s.json", f'[{line[:-1]}, "\\udc00x": 1}}]')
    result = run("load", str(array))
    assert "event 1: x: unknown field" in result.stderr and "Traceback" not in result.stderr
    assert run("load", str(write("t.json", f"[{line}]"))).exit_code == 0
    (event,) = json.loads(run("show", "-f", "json").stdout)
    assert event["title"] == "A  b"


def test_a_large_json_array_reads_what_a_small_one_reads(run, db, tmp_path) -> None:
    """Workers read a large array's events with orjson; where it refuses what the standard
    library reads (a lone surrogate), the batch is read as a small file's events are."""
    path = write_events(tmp_path / "events.json", set(), "json")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"Meeting 6000"', '"A \\ud800 b"'), encoding="utf-8")
    assert path.stat().st_size > loader.WORKERS_FROM_BYTES
    assert f"{COUNT:,} added" in run("load", str(path)).stdout
    titles = {e["id"]: e["title"] for e in json.loads(run("show", "-f", "json").stdout)}
    assert titles["e06000"] == "A  b" and titles["e06001"] == "Meeting 6001"
