"""Several values in one option: comma-separated lists, and names that hold a comma."""

from __future__ import annotations

import json
import re

import pytest
from typer.main import get_command

from conftest import SHIPPED
from timeline.cli import app


def ids(run, *args: str) -> list[str]:
    result = run("show", "-f", "json", *args)
    assert result.exit_code == 0, result.stderr
    return [event["id"] for event in json.loads(result.stdout)]


@pytest.fixture
def shipped(run) -> None:
    assert run("load", str(SHIPPED)).exit_code == 0


@pytest.mark.parametrize(
    ("listed", "repeated"),
    [
        (["-c", "US, Japan"], ["-c", "US", "-c", "Japan"]),
        (["--kind", "summit,visit"], ["-k", "summit", "-k", "visit"]),
        (["--status", "planned, held"], ["--status", "planned", "--status", "held"]),
        (["-t", "shuttle-diplomacy,,history"], ["-t", "shuttle-diplomacy", "-t", "history"]),
    ],
)
def test_a_list_means_what_repeating_means(run, shipped, listed, repeated) -> None:
    assert ids(run, *listed) == ids(run, *repeated)
    assert ids(run, *listed) != ids(run, *repeated[:2])  # both items count


def test_a_name_with_a_comma_is_one_country(run, shipped) -> None:
    assert ids(run, "-c", "Korea, Republic of") == ids(run, "-c", "KR")


def test_a_bad_item_is_named(run, shipped) -> None:
    result = run("show", "-c", "Korea, Japan")
    assert result.exit_code == 2
    assert "'Korea' is ambiguous: use one of KP North Korea, KR South Korea" in result.stderr
    result = run("show", "-k", "summit, sumit")
    assert result.exit_code == 2 and "unknown kind 'sumit'" in result.stderr


def test_add_takes_lists_and_the_short_options_of_show(run) -> None:
    result = run("add", "--date", "2026-03-01", "--title", "Call", "-k", "call",
                 "-c", "KR, Japan", "-c", "Korea, Republic of", "-t", "hotline",
                 "-p", "Lee Jae-myung")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    (event,) = json.loads(run("show", "-f", "json").stdout)
    assert event["countries"] == ["KR", "JP"]
    assert (event["kind"], event["tags"], event["participants"]) == (
        "call", ["hotline"], ["Lee Jae-myung"])  # fmt: skip


def test_a_yaml_string_of_countries_is_a_list_too(run, write) -> None:
    path = write("e.yaml", "- {date: 2026-03-01, kind: call, title: T, countries: 'KR, JP'}\n")
    assert run("load", str(path)).exit_code == 0
    assert json.loads(run("show", "-f", "json").stdout)[0]["countries"] == ["KR", "JP"]


def _usages() -> list[str]:
    root = get_command(app)
    usages = []
    for name, command in root.commands.items():  # type: ignore[attr-defined]
        subcommands = getattr(command, "commands", {name: command})
        for sub in subcommands:
            args = [name] if sub == name else [name, sub]
            usages.append(args)
    return usages


@pytest.mark.parametrize("args", _usages(), ids=" ".join)
def test_every_argument_is_named_for_what_it_is(run, args: list[str]) -> None:
    usage = run(*args, "--help").stdout.splitlines()[0]
    # Typer marks a required argument with braces; the name inside is the value's kind.
    assert not re.search(r"[{\[][a-z_]+[}\]]|\{[a-z]", usage), usage


@pytest.mark.parametrize(
    "stored",
    [
        '["Lee Jae-myung", "Sanae Takaichi"]',  # as timeline writes lists
        '["Lee Jae-myung","Sanae Takaichi"]',  # as SQLite's json() or another tool writes them
        '[ "Lee Jae-myung" , "Sanae Takaichi" ]',
    ],
)
def test_lists_read_back_however_the_store_spells_them(shipped, run, db, stored) -> None:
    import sqlite3

    with sqlite3.connect(db) as conn:
        conn.execute(
            "UPDATE events SET participants = ? WHERE id = '2026-lee-takaichi-nara-summit'",
            [stored],
        )
    result = run("show", "2026-lee-takaichi-nara-summit", "-f", "json")
    assert json.loads(result.stdout)[0]["participants"] == ["Lee Jae-myung", "Sanae Takaichi"]
