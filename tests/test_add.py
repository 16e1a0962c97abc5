import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from timeline.cli.output import Output

BASE = [
    "add",
    "--date",
    "2026-01-13",
    "--title",
    "Nara summit",
    "--kind",
    "summit",
    "--country",
    "KR",
    "--country",
    "Japan",
]


def shown(run) -> list[dict[str, object]]:
    return json.loads(run("show", "-f", "json").stdout)


def test_add_prints_the_id_alone(run) -> None:
    result = run(*BASE)
    assert result.exit_code == 0
    assert result.stdout == "2026-01-13-jp-kr-nara-summit\n"
    assert shown(run)[0]["countries"] == ["KR", "JP"]


def test_every_option(run) -> None:
    result = run(
        *BASE,
        "--end",
        "2026-01-14",
        "--status",
        "held",
        "--location",
        "Nara",
        "--participant",
        "Lee Jae-myung",
        "--participant",
        "Sanae Takaichi",
        "--tag",
        "shuttle",
        "--summary",
        "two\nlines",
        "--source",
        "https://x",
        "--id",
        "nara",
    )
    assert result.stdout == "nara\n"
    assert shown(run) == [
        {
            "id": "nara",
            "date": "2026-01-13",
            "end": "2026-01-14",
            "kind": "summit",
            "status": "held",
            "title": "Nara summit",
            "countries": ["KR", "JP"],
            "location": "Nara",
            "participants": ["Lee Jae-myung", "Sanae Takaichi"],
            "tags": ["shuttle"],
            "summary": "two\nlines",
            "sources": ["https://x"],
            **dict.fromkeys(("cameo", "plover", "intensity", "reports", "articles")),
        }
    ]


@pytest.mark.parametrize(
    ("date", "stored"),
    [
        ("2026-01-13", "2026-01-13"),
        ("2026-01", "2026-01"),
        ("2026", "2026"),
        ("January 2026", "2026-01"),
        ("next Tuesday", "2026-12-01"),
        ("2026年1月13日", "2026-01-13"),
    ],
)
def test_each_precision(run, date: str, stored: str) -> None:
    run("add", "--date", date, "--title", "T", "--kind", "call", "--country", "JP")
    assert shown(run)[0]["date"] == stored


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "2026-02-30"], "--date: '2026-02-30' is not a valid date"),
        (["--kind", "party"], "--kind: unknown kind 'party'"),
        (["--country", "Korea"], "--country: 'Korea' is ambiguous"),
        (["--end", "2026-01-01"], "--end: 2026-01-01 is before the date"),
        (["--status", "done"], "--status: unknown status"),
        (["--id", "Not OK"], "--id: 'Not OK' is not a valid id"),
        (["--title", "  "], "--title: is empty"),
    ],
)
def test_validation_errors(run, args: list[str], message: str) -> None:
    result = run(*BASE, *args)
    assert result.exit_code == 1
    assert message in result.stderr
    assert "nothing was written" in result.stderr
    assert shown(run) == []


def test_missing_values_without_a_terminal_name_the_options(run) -> None:
    result = run("add", "--title", "T")
    assert result.exit_code == 2
    assert "Missing --date, --kind, --country" in result.stderr


def test_prompts_on_a_terminal(run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Output, "stdin_is_terminal", property(lambda self: True))
    answers = "someday maybe\nJanuary 2026\n\nYouth pact\nsumit\nmeeting\nKorea\nKR, Japan\n"
    result = run("add", input=answers + "\n" * 5)  # Enter: none of the optional fields
    assert result.exit_code == 0, result.output
    assert "read as January 2026 (a month)" in result.stderr
    assert "Kind (summit, visit, meeting" in result.output
    assert "cannot understand 'someday maybe'" in result.output
    assert "did you mean 'summit'" in result.output and "ambiguous" in result.output
    event = shown(run)[0]
    assert (event["date"], event["kind"], event["countries"]) == (
        "2026-01",
        "meeting",
        ["KR", "JP"],
    )


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("13 January 2026", "13 Jan 2026 (a day)"),
        ("2026", "2026 (a year)"),
        ("Q3 2024", "Q3 2024 (a quarter)"),
        ("circa 1971", "c. 1971 (a year, approximate)"),
        ("18-19 June 2023", "18–19 Jun 2023 (2 days)"),
    ],
)
def test_a_prompted_date_is_echoed_as_read(run, monkeypatch, written, read) -> None:
    monkeypatch.setattr(Output, "stdin_is_terminal", property(lambda self: True))
    result = run("add", "--title", "T", "--kind", "call", "-c", "KR", input=written + "\n" * 6)
    assert result.exit_code == 0, result.output
    assert f"  read as {read}\n" in result.stderr


def test_an_interactive_add_offers_the_optional_fields(run, monkeypatch) -> None:
    monkeypatch.setattr(Output, "stdin_is_terminal", property(lambda self: True))
    answers = "\n".join(
        ["2026-01-13", "Nara, Japan", "Lee Jae-myung, 高市早苗", "shuttle", "https://a.example/1 B",
         "planned", ""]
    )  # fmt: skip
    result = run("add", "--title", "Summit", "--kind", "summit", "-c", "KR,JP", input=answers)
    assert result.exit_code == 0, result.output
    assert "Location, or Enter for none" in result.output
    event = shown(run)[0]
    assert event["location"] == "Nara, Japan" and event["status"] == "planned"
    assert event["participants"] == ["Lee Jae-myung", "高市早苗"] and event["tags"] == ["shuttle"]
    assert event["sources"] == ["https://a.example/1", "B"]
    given = run("add", "--title", "Call", "--kind", "call", "-c", "KR", "--location", "Seoul",
                "--id", "c", input="2026-02-01\n" + "\n" * 4)  # fmt: skip
    assert given.exit_code == 0 and "Location, or Enter" not in given.output  # given: not asked


def test_existing_id_needs_replace(run) -> None:
    run(*BASE)
    result = run(*BASE, "--location", "Nara")
    assert result.exit_code == 1 and "already exists; use --replace" in result.stderr
    assert shown(run)[0]["location"] is None
    assert run(*BASE, "--location", "Nara", "--replace").exit_code == 0
    assert shown(run)[0]["location"] == "Nara"


def test_remove_is_all_or_nothing(run) -> None:
    run(*BASE)
    run(*BASE[:4], "Other", *BASE[5:])
    result = run("remove", "2026-01-13-jp-kr-nara-summit", "nope")
    assert result.exit_code == 1 and "no event with id 'nope'" in result.stderr
    assert len(shown(run)) == 2
    result = run("remove", "2026-01-13-jp-kr-nara-summit", "2026-01-13-jp-kr-other")
    assert result.exit_code == 0 and "Removed 2 events" in result.stdout
    assert shown(run) == []


def test_what_add_accepts_load_accepts(run, write, tmp_path: Path) -> None:
    run(*BASE, "--summary", "x")
    exported = shown(run)
    run("remove", exported[0]["id"])
    path = write("back.json", json.dumps(exported))
    assert "1 added" in run("load", str(path)).stdout
    assert shown(run) == exported


def test_concurrent_adds_all_succeed(db: Path) -> None:
    env = os.environ | {"TIMELINE_DB": str(db)}
    code = "from timeline.cli import main; main()"
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                code,
                "add",
                "--date",
                "2026-01-01",
                "--title",
                f"E{i}",
                "--kind",
                "call",
                "--country",
                "JP",
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(8)
    ]
    outputs = [p.communicate(timeout=120) for p in processes]
    assert [p.returncode for p in processes] == [0] * 8, outputs
    result = subprocess.run(
        [sys.executable, "-c", code, "show", "-f", "json"], env=env, capture_output=True, text=True
    )
    assert sorted(e["title"] for e in json.loads(result.stdout)) == [f"E{i}" for i in range(8)]
