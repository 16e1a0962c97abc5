"""YAML that means what it says: text fields are read exactly as written (no YAML 1.1
booleans, octals, base-60 numbers or nulls), and YAML export quotes such text so that any
YAML reader gets it back as text."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

# Plain (unquoted) values a person writes that YAML 1.1 would turn into something else.
LOOKALIKES = ["NO", "no", "No", "on", "off", "yes", "Y", "n", "true", "False", "012",
              "0012", "1:20", "0x1F", "1_000", "~", "null", "NULL", "1e3", ".inf", ".nan",
              "-0", "+12", "2026-01-13", "0o17", "0b101"]  # fmt: skip
# Korean and Japanese dates, with the day each means.
DATES = [("2026년 1월 13일", "2026-01-13"), ("2026年1月13日", "2026-01-13"),
         ("2025-06", "2025-06"), ("2024", "2024")]  # fmt: skip


def _as_a_person_writes_it() -> tuple[str, list[dict[str, object]]]:
    """Forty events, every value plain; and what each should be read as."""
    lines, expected = ["events:"], []
    for number in range(40):
        word = LOOKALIKES[number % len(LOOKALIKES)]
        written_date, date = DATES[number % len(DATES)]
        event_id = f"{number:04d}"  # 0000, 0001... (YAML 1.1: octal; YAML 1.2: an int)
        lines += [
            f"  - id: {event_id}",
            f"    date: {written_date}",
            "    kind: visit",
            f"    title: {word}",
            "    countries: [KR, NO]" if number % 2 else "    countries: NO",
            f"    location: {LOOKALIKES[(number + 7) % len(LOOKALIKES)]}",
            f"    tags: [on, off, {word}]",
            f"    participants: [{LOOKALIKES[(number + 3) % len(LOOKALIKES)]}]",
            f"    summary: {LOOKALIKES[(number + 11) % len(LOOKALIKES)]}",
        ]
        expected.append(
            {
                "id": event_id,
                "date": date,
                "title": word,
                "countries": ["KR", "NO"] if number % 2 else ["NO"],
                "location": LOOKALIKES[(number + 7) % len(LOOKALIKES)],
                "tags": ["on", "off", word],
                "participants": [LOOKALIKES[(number + 3) % len(LOOKALIKES)]],
                "summary": LOOKALIKES[(number + 11) % len(LOOKALIKES)],
            }
        )
    return "\n".join(lines) + "\n", expected


def _picked(records: list[dict[str, object]]) -> dict[object, dict[str, object]]:
    keys = ("id", "date", "title", "countries", "location", "tags", "participants", "summary")
    return {r["id"]: {k: r[k] for k in keys} for r in records}


def test_forty_events_load_as_written_and_export_as_text(run, write, tmp_path: Path) -> None:
    text, expected = _as_a_person_writes_it()
    loaded = run("load", str(write("mine.yaml", text)))
    assert loaded.exit_code == 0, loaded.stderr
    assert "40 added" in loaded.stdout

    shown = json.loads(run("show", "--format", "json").stdout)
    assert _picked(shown) == _picked(expected)

    exported = run("export", "--format", "yaml").stdout
    assert "'NO'" in exported and "'on'" in exported and "'0012'" in exported
    # A plain YAML 1.1 reader (PyYAML's own safe_load) reads back the same text.
    assert _picked(yaml.safe_load(exported)) == _picked(expected)


def test_norway_loads_and_check_agrees(run, write) -> None:
    path = write("no.yaml", "- date: 2026-03-01\n  kind: visit\n  title: State visit\n"
                 "  countries: [KR, NO]\n")  # fmt: skip
    assert run("check", str(path)).exit_code == 0
    assert run("load", str(path)).exit_code == 0
    assert json.loads(run("show", "-f", "json").stdout)[0]["countries"] == ["KR", "NO"]


def test_stdin_and_add_to_read_text_as_written(run, write, tmp_path: Path) -> None:
    result = run("load", "-", input="- date: 2026-03-01\n  kind: call\n  title: on\n"
                 "  countries: NO\n  cameo: 042\n")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    path = write("mine.yaml", "- id: 012\n  date: 2026-03-02\n  kind: call\n  title: yes\n"
                 "  countries: NO\n")  # fmt: skip
    added = run("add", "--to", str(path), "--date", "2026-03-03", "--title", "T",
                "--kind", "call", "--country", "NO")  # fmt: skip
    assert added.exit_code == 0, added.stderr
    records = {r["id"]: r for r in json.loads(run("show", "-f", "json").stdout)}
    assert records["012"]["title"] == "yes"
    jsonl = run("export", "-f", "jsonl").stdout
    assert '"cameo": "042"' in jsonl  # an octal 34 before


def test_plain_null_is_no_end_but_text_elsewhere(run, write) -> None:
    path = write("e.yaml", "- date: 2026-03-01\n  end: ~\n  kind: call\n  title: null\n"
                 "  countries: JP\n  location:\n")  # fmt: skip
    assert run("load", str(path)).exit_code == 0
    (record,) = json.loads(run("show", "-f", "json").stdout)
    assert (record["end"], record["title"], record["location"]) == (None, "null", None)


def test_explicit_tags_still_mean_what_they_say(run, write) -> None:
    path = write("e.yaml", "- date: 2026-03-01\n  kind: call\n  title: !!int 12\n"
                 "  countries: JP\n")  # fmt: skip
    result = run("load", str(path))
    assert result.exit_code == 1
    assert "title: expected text, got the number 12" in result.stderr


def test_pyyaml_itself_is_left_alone(run, write) -> None:
    run("load", str(write("e.yaml", "- {date: 2026-03-01, kind: call, title: T, countries: NO}\n")))
    assert yaml.safe_load("[NO, 012, 1:20, ~]") == [False, 10, 80, None]
    assert yaml.load("on", Loader=yaml.CSafeLoader) is True
