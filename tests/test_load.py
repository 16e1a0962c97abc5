import json
import sqlite3
from pathlib import Path

import pytest

from conftest import SHIPPED

GOOD = """\
events:
  - id: one
    date: 2026-01-08
    kind: meeting
    title: First
    countries: [KR, JP]
  - date: January 2026
    kind: visit
    title: Second
    countries: Japan
"""


def dump(db: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT * FROM events ORDER BY id").fetchall()


def test_load_shipped_file_twice_changes_nothing(run, db: Path) -> None:
    first = run("load", str(SHIPPED))
    assert first.exit_code == 0, first.stderr
    assert "19 added, 0 updated, 0 unchanged" in first.stdout
    before = dump(db)
    second = run("load", str(SHIPPED))
    assert "0 added, 0 updated, 19 unchanged" in second.stdout
    assert dump(db) == before


def test_month_precision_survives_the_store(run, write, db: Path) -> None:
    run("load", str(write("e.yaml", GOOD)))
    rows = {r[0]: r for r in dump(db)}
    assert rows["2026-01-jp-second"][1:5] == ("2026-01", None, "2026-01-01", "2026-01-31")


def test_one_bad_event_writes_nothing_and_is_named(run, write, db: Path) -> None:
    run("load", str(write("good.yaml", GOOD)))
    before = dump(db)
    bad = GOOD.replace("title: Second", "title: Second\n    kind: sumit").replace(
        "    kind: visit\n", ""
    )
    bad += "  - id: third\n    date: 2026-02-30\n    kind: call\n    title: T\n    countries: JP\n"
    path = write("good.yaml", bad)  # the same file, now with two bad events
    result = run("load", str(path))
    assert result.exit_code == 1
    assert f"{path}:9: event 2: kind: unknown kind 'sumit'" in result.stderr
    assert f"{path}:12: id 'third': date: '2026-02-30' is not a valid date" in result.stderr
    assert "2 problems found; nothing was written" in result.stderr
    assert "Traceback" not in result.stderr
    assert dump(db) == before


def test_updates_and_prune(run, write, db: Path) -> None:
    path = write("e.yaml", GOOD)
    run("load", str(path))
    path.write_text(GOOD.replace("title: First", "title: First, renamed").split("  - date")[0])
    result = run("load", "--prune", str(path))
    assert result.exit_code == 0
    assert "0 added, 1 updated, 0 unchanged, 1 removed" in result.stdout
    assert [r[0] for r in dump(db)] == ["one"]


def test_prune_keeps_other_files_events(run, write, db: Path) -> None:
    run("load", str(write("a.yaml", GOOD)))
    other = write("b.yaml", "- {date: 2020, kind: other, title: B, countries: US}\n")
    run("load", str(other))
    other.write_text("- {date: 2021, kind: other, title: C, countries: US}\n")
    assert "1 added, 0 updated, 0 unchanged, 1 removed" in run("load", "--prune", str(other)).stdout
    assert len(dump(db)) == 3


def test_json_and_jsonl(run, write, db: Path) -> None:
    events = [{"id": "j1", "date": "2025", "kind": "talks", "title": "J", "countries": ["JP"]}]
    assert run("load", str(write("e.json", json.dumps({"events": events})))).exit_code == 0
    lines = "\n".join(json.dumps(e | {"id": f"l{i}"}) for i, e in enumerate(events * 3))
    result = run("load", str(write("e.jsonl", lines)))
    assert "3 added" in result.stdout
    assert len(dump(db)) == 4


def test_jsonl_lines_end_at_newlines_only(run, write, db: Path) -> None:
    # U+2028 is a line separator to str.splitlines, but plain text inside a JSON string
    event = {"date": "2025", "kind": "talks", "title": "a\u2028b", "countries": "JP"}
    text = "\ufeff" + json.dumps(event, ensure_ascii=False) + "\r\n"  # with a BOM and CRLF
    result = run("load", str(write("e.jsonl", text)))
    assert result.exit_code == 0, result.stderr
    assert [row[7] for row in dump(db)] == ["a\u2028b"]


EVENT = '{"date": "2025", "kind": "talks", "title": "ok", "countries": "JP"}'


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (f'{{"events": [{EVENT}],\n "extra": 1}}', 1, "unknown top-level key 'extra'"),
        ('{"title": "x"}', 1, "unknown top-level key 'title'"),
        ("{}", 1, 'expected a list of events, or an object with the key "events"'),
        ('{"events": {}}', 1, "expected a list of events"),
        ("{1: 2}", 1, "is not valid JSON: expected a key in double quotes"),
        (f"[{EVENT}]\nx", 2, "is not valid JSON: extra data after the list of events"),
        (f"[{EVENT}\n {EVENT}]", 2, "is not valid JSON: expected ',' or ']' after an event"),
        (f'{{"events": [{EVENT}]\n', 2, "is not valid JSON: expected '}'"),
        (f"[{EVENT},\n\n {{]", 3, "is not valid JSON"),
    ],
)
def test_json_structure_problems(run, write, text: str, line: int, message: str) -> None:
    path = write("e.json", text)
    result = run("load", str(path))
    assert result.exit_code == 1
    assert f"{path}:{line}: {message}" in result.stderr


def test_json_lines_of_many_events(run, write) -> None:
    body = ",\n".join([EVENT] * 3000 + [EVENT.replace('"JP"', '"XX"')])
    path = write("e.json", f'{{"events": [\n{body}\n]}}')
    result = run("load", str(path))
    assert f"{path}:3002: event 3001: countries: unknown country 'XX'" in result.stderr


def test_json_problem_has_its_line(run, write) -> None:
    text = (
        '[\n  {"date": "2025", "kind": "talks", "title": "ok", "countries": "JP"},\n'
        '  {"date": "2025", "kind": "talks", "title": "bad", "countries": "XX"}\n]'
    )
    path = write("e.json", text)
    result = run("load", str(path))
    assert result.exit_code == 1
    assert f"{path}:3: event 2: countries: unknown country 'XX'" in result.stderr


def test_stdin(run, db: Path) -> None:
    result = run("load", "-", input=GOOD)
    assert "<stdin>: 2 added" in result.stdout
    assert run("load", "--prune", "-", input=GOOD).exit_code == 2


def test_duplicate_ids_within_and_across_files(run, write) -> None:
    one = write(
        "a.yaml",
        "- {id: x, date: 2020, kind: other, title: A, countries: US}\n"
        "- {id: x, date: 2021, kind: other, title: B, countries: US}\n",
    )
    result = run("load", str(one))
    assert f"{one}:2: id 'x': id: duplicate id (first used at {one}:1)" in result.stderr
    two = write("b.yaml", "- {id: y, date: 2020, kind: other, title: A, countries: US}\n")
    three = write("c.yaml", "- {id: y, date: 2021, kind: other, title: B, countries: US}\n")
    result = run("load", str(two), str(three))
    assert result.exit_code == 1 and "duplicate id (first used at" in result.stderr


def test_missing_file_and_yaml_syntax(run, write, tmp_path: Path) -> None:
    result = run("load", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 1 and "nope.yaml: no such file" in result.stderr
    broken = write("broken.yaml", "- date: 2020\n  title: [unclosed\n")
    result = run("load", str(broken))
    assert result.exit_code == 1 and "is not valid YAML" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_extension(run, write) -> None:
    result = run("load", str(write("e.txt", "x")))
    assert result.exit_code == 1 and "unknown file type '.txt'" in result.stderr


def test_origin_is_remembered(run, write, db: Path) -> None:
    path = write("e.yaml", GOOD)
    run("load", str(path))
    with sqlite3.connect(db) as conn:
        origins = {o for (o,) in conn.execute("SELECT origin FROM events")}
    assert origins == {str(path.resolve())}


def test_a_folder_loads_its_event_files_sorted_and_remembers_each(run, tmp_path) -> None:
    folder = tmp_path / "desk"
    (folder / "sub").mkdir(parents=True)
    (folder / ".drafts").mkdir()
    (folder / "b.yaml").write_text("- {id: b, date: 2024, kind: call, title: B, countries: KR}\n")
    (folder / "a.YML").write_text("- {id: a, date: 2024, kind: call, title: A, countries: JP}\n")
    (folder / "c.json").write_text('[{"id": "c", "date": "2024", "kind": "call", "title": "C", '
                                   '"countries": ["US"]}]')  # fmt: skip
    (folder / "sub" / "d.jsonl").write_text(
        '{"id": "d", "date": "2024", "kind": "call", "title": "D", "countries": ["CN"]}\n'
    )
    (folder / ".drafts" / "e.yaml").write_text("- {id: e, date: 2024, kind: call, title: E}\n")
    (folder / "notes.txt").write_text("not events")
    result = run("load", str(folder))
    assert result.exit_code == 0, result.stderr
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == [
        str(folder / name) for name in ("a.YML", "b.yaml", "c.json")
    ]
    deep = run("load", "--recursive", str(folder))
    assert deep.exit_code == 0 and f"{folder / 'sub' / 'd.jsonl'}: 1 added" in deep.stdout
    remembered = json.loads(run("sources", "-f", "json").stdout)
    assert sorted(Path(known["path"]).name for known in remembered) == [
        "a.YML",
        "b.yaml",
        "c.json",
        "d.jsonl",
    ]  # each file, not the folder; the hidden folder is left out
