"""Every problem at once: each bad country of a list, a field written twice (YAML, JSON,
JSON Lines, small and large), and commas that separate participants and tags."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

from timeline.loading.reading import WORKERS_FROM_BYTES


def dump(db: Path) -> list[tuple[object, ...]]:
    if not db.exists():
        return []
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT * FROM events ORDER BY id").fetchall()


def shown(run) -> list[dict[str, object]]:
    return json.loads(run("show", "-f", "json").stdout)


def test_every_bad_country_of_a_list_is_reported(run, write) -> None:
    path = write("c.yaml", "- date: 2026-01-13\n  kind: call\n  title: T\n"
                 "  countries: [Japn, Chna, KR, Narnia]\n")  # fmt: skip
    result = run("load", str(path))
    assert result.exit_code == 1
    line = next(x for x in result.stderr.splitlines() if x.startswith(f"{path}:4"))
    for name in ("'Japn'", "'Chna'", "'Narnia'"):
        assert f"unknown country {name}" in line
    assert "'KR'" not in line


def test_a_field_written_twice_in_yaml_names_both_lines(run, write, db: Path) -> None:
    path = write("d.yaml", "- date: 2026-01-13\n  kind: call\n  title: T\n"
                 "  date: 2026-01-14\n  countries: [Japn]\n")  # fmt: skip
    result = run("load", str(path))
    assert result.exit_code == 1
    assert f"{path}:4: event 1: date: is written twice (lines 1 and 4); keep one" in result.stderr
    assert f"{path}:5: event 1: countries: unknown country 'Japn'" in result.stderr
    assert dump(db) == []


def test_a_field_written_twice_in_json_and_json_lines(run, write, db: Path) -> None:
    event = '{"date":"2026-01-13","kind":"call","title":"x","countries":"KR","kind":"visit"}'
    result = run("load", str(write("d.json", f"[{event}]")))
    assert result.exit_code == 1 and "d.json:1: event 1: kind: is written twice" in result.stderr
    fine = '{"date":"2026-01-13","kind":"call","title":"a\\": b\\": c","countries":"KR"}'
    result = run("load", str(write("d.jsonl", f"{fine}\n{event.replace('kind', 'title', 1)}\n")))
    assert result.exit_code == 1
    assert "d.jsonl:2: event 2: title: is written twice" in result.stderr
    assert "d.jsonl:1" not in result.stderr  # `":` inside a value is not a key
    assert dump(db) == []


def test_a_field_written_twice_in_large_files_read_by_workers(run, tmp_path: Path) -> None:
    line = '{"id": "e%d", "date": "2026-01-13", "kind": "call", "title": "%s", "countries": "KR"}'
    pad = "x" * 400
    count = WORKERS_FROM_BYTES // 400 + 10
    lines = [line % (i, pad) for i in range(count)]
    lines[count - 3] = lines[count - 3].replace('"kind": "call"', '"kind": "call", "kind": "visit"')
    jsonl, array = tmp_path / "big.jsonl", tmp_path / "big.json"
    jsonl.write_text("\n".join(lines) + "\n")
    array.write_text("[\n" + ",\n".join(lines) + "\n]\n")
    for path, at in ((jsonl, count - 2), (array, count - 1)):
        result = run("load", str(path))
        assert result.exit_code == 1, path
        assert f"{path}:{at}: id 'e{count - 3}': kind: is written twice" in result.stderr
        assert "1 problem found; nothing was written" in result.stderr


def test_check_of_a_large_file_finds_what_the_workers_saw(run, tmp_path: Path) -> None:
    line = ('{"id": "%s", "date": "%s", "kind": "call", "title": "Call %d %s", '
            '"countries": ["KR", "JP"], "sources": ["https://example.org/%d"]}')  # fmt: skip
    first = dt.date(1700, 1, 1)
    count = WORKERS_FROM_BYTES // 150 + 10
    days = [first + dt.timedelta(days=3 * i) for i in range(count)]  # no two within 2 days
    lines = [line % (f"e{i}", day, i, "x" * 50, i) for i, day in enumerate(days)]
    lines[count - 9] = lines[count - 9].replace(f'"e{count - 9}"', '"e7"')  # e7 again
    lines[count - 5] = lines[count - 5].replace('"call"', '"call", "status": "planned"')
    lines[count - 1] = lines[count - 3].replace(f'"e{count - 3}"', '"twin"')
    path = tmp_path / "big.jsonl"
    path.write_text("\n".join(lines) + "\n")
    assert path.stat().st_size > WORKERS_FROM_BYTES
    result = run("check", "-f", "json", str(path))
    assert result.exit_code == 1
    found = [(r["line"], r["id"], r["kind"], r["message"]) for r in json.loads(result.stdout)]
    assert [f[:3] for f in found] == [
        (count - 8, "e7", "invalid"),
        (count - 4, f"e{count - 5}", "passed"),
        (count, "twin", "duplicate"),
    ]
    assert found[0][3] == f"id: duplicate id (first used at {path}:8)"
    assert found[2][3].startswith(f"probable duplicate of e{count - 3} (same countries")


def test_commas_separate_participants_and_tags_written_as_one_text(run, write) -> None:
    path = write("p.yaml", "- date: 2026-01-13\n  kind: summit\n  title: T\n"
                 "  countries: US, China\n  participants: Joe Biden, Xi Jinping\n"
                 "  tags: trade, summit\n  sources: https://example.org/a,b\n")  # fmt: skip
    assert run("load", str(path)).exit_code == 0
    (event,) = shown(run)
    assert event["participants"] == ["Joe Biden", "Xi Jinping"]
    assert event["tags"] == ["trade", "summit"]
    assert event["sources"] == ["https://example.org/a,b"]  # URLs hold commas
    assert len(shown(run) if run("show", "-t", "summit").exit_code == 0 else []) == 1
    result = run("add", "--date", "2026-01-14", "--title", "Call", "-k", "call", "-c", "KR",
                 "-p", "Lee Jae-myung, Sanae Takaichi", "-t", "a, b")  # fmt: skip
    assert result.exit_code == 0
    added = next(e for e in shown(run) if e["title"] == "Call")
    assert added["participants"] == ["Lee Jae-myung", "Sanae Takaichi"]
    assert added["tags"] == ["a", "b"]
    assert len(json.loads(run("show", "-t", "b", "-f", "json").stdout)) == 1


def test_a_tag_with_a_comma_in_a_list_is_refused(run, write, db: Path) -> None:
    path = write("t.yaml", "- date: 2026-01-13\n  kind: summit\n  title: T\n"
                 "  countries: KR\n  tags: [ok, 'not, ok']\n"
                 "  participants: ['Kim, Jong-un']\n")  # fmt: skip
    result = run("load", str(path))
    assert result.exit_code == 1
    assert f"{path}:5: event 1: tags: 'not, ok' has a comma, which separates tags" in (
        result.stderr
    )
    assert "participants" not in result.stderr  # a list item of participants is as written
    assert dump(db) == []


def test_every_bad_value_of_one_text_of_countries_is_reported(run, write) -> None:
    path = write("c.yaml", "- {date: 2026-01-13, kind: call, title: T, "
                 "countries: 'Japn, Chna, KR, Narnia'}\n")  # fmt: skip
    result = run("load", str(path))
    assert result.exit_code == 1
    (line,) = (x for x in result.stderr.splitlines() if x.startswith(f"{path}:1"))
    for name in ("'Japn'; did you mean JP (Japan)?", "'Chna'; did you mean CN", "'Narnia'"):
        assert f"unknown country {name}" in line


def test_every_bad_item_of_a_list_is_reported(run, write, db: Path) -> None:
    event = {"date": "2026-01-13", "kind": "call", "title": "T", "countries": ["KR", 5, ""],
             "participants": [1, "", "Kim", []], "sources": ["ok", {"a": 1}, " "],
             "tags": ["ok", "a, b", "c, d"]}  # fmt: skip
    result = run("load", str(write("items.json", json.dumps([event]))))
    assert result.exit_code == 1
    for expected in (
        "countries: item 2: expected text, got the number 5; item 3 is empty",
        "participants: item 1: expected text, got the number 1; item 2 is empty; "
        "item 4: expected text, got a list",
        "sources: item 2: expected text, got a mapping; item 3 is empty",
        "tags: 'a, b' and 'c, d' have commas, which separate tags",
    ):
        assert f"items.json:1: event 1: {expected}" in result.stderr
    assert "4 problems found; nothing was written" in result.stderr
    assert dump(db) == []
