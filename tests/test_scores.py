"""No score a kind cannot justify: the kinds that say which way an event goes score it,
the others only with a code; aliases that say it carry their own code; `check` finds a
code and a kind that disagree; `stats` says how many events it left unscored."""

from __future__ import annotations

import json

import pytest

from timeline import cameo, plover
from timeline.kinds import KINDS


def event(*options: str) -> list[str]:
    return ["add", "--date", "2025-04-09", "--title", "Tariffs", "-c", "US,CN", *options]


def stored(run) -> list[dict[str, object]]:
    return [json.loads(line) for line in run("export", "-f", "jsonl").stdout.splitlines()]


@pytest.mark.parametrize(
    ("written", "kind", "code"),
    [
        ("dialogue", "meeting", None),
        ("conference", "meeting", None),
        ("ministerial", "meeting", None),
        ("phone", "call", None),
        ("ceasefire", "agreement", None),
        ("peace talks", "negotiation", None),
        ("embargo", "dispute", "163"),
        ("sanctions", "dispute", "163"),
        ("expulsion", "dispute", "16"),
        ("tariffs", "economic", "163"),
        ("Export Controls", "economic", "163"),
        ("trade deal", "economic", "061"),
        ("aid", "economic", "07"),
        ("joint exercise", "defense", "062"),
        ("military exercise", "defense", "15"),
        ("missile test", "defense", "15"),
        ("war", "conflict", "19"),
        ("clash", "conflict", "19"),
        ("strike", "conflict", "19"),
        ("conflict", "conflict", None),
        ("trade", "economic", None),
    ],
)
def test_the_words_people_write_for_kinds(run, written: str, kind: str, code: str | None) -> None:
    result = run(*event("-k", written))
    assert result.exit_code == 0, result.output
    (record,) = stored(run)
    assert record["kind"] == kind
    assert record.get("cameo") == code


def test_tariffs_score_as_conflict_and_trade_is_unscored(run) -> None:
    run(*event("-k", "summit", "--title", "Trump and Xi meet"))
    run(*event("-k", "tariffs", "--title", "The US raises tariffs on China to 145%"))
    run(*event("-k", "trade", "--title", "Trade figures are published"))
    stats = json.loads(run("stats", "--between", "US", "CN", "-f", "json").stdout)
    (period,) = stats["periods"]
    assert period["goldstein_events"] == 2  # the summit (+2.8) and the tariffs (-8.0)
    assert period["goldstein"] == pytest.approx((2.8 - 8.0) / 2, abs=0.01)
    assert stats["unscored"] == 1
    table = " ".join(run("stats", "--between", "US", "CN").stdout.split())
    assert table.endswith(
        "of 2 events 1 event unscored (statement, economic, defense, legal and other events "
        "score only with a code)"
    )


def test_an_own_code_scores_an_unscored_kind_and_wins_over_an_alias(run) -> None:
    assert run(*event("-k", "defense", "--cameo", "062")).exit_code == 0
    assert run(*event("-k", "tariffs", "--cameo", "061", "--title", "Tariffs cut")).exit_code == 0
    codes = {r["title"]: r.get("cameo") for r in stored(run)}
    assert codes == {"Tariffs": "062", "Tariffs cut": "061"}
    assert json.loads(run("stats", "-f", "json").stdout)["unscored"] == 0


def test_add_takes_a_plover_code(run) -> None:
    assert run(*event("-k", "visit", "--plover", "CONSULT/visit")).exit_code == 0
    assert stored(run)[0]["plover"] == "CONSULT/visit"


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("--cameo=99", "--cameo: '99' is not a CAMEO event code"),
        ("--plover=VISIT", "--plover: 'VISIT' is not a PLOVER code"),
    ],
)
def test_a_bad_code_is_refused(run, option: str, message: str) -> None:
    result = run(*event("-k", "visit", option))
    assert result.exit_code != 0
    assert message in result.stderr and "nothing was written" in result.stderr
    assert run("show").stdout.startswith("No events")


def test_check_warns_where_a_code_and_the_kind_disagree(run, write) -> None:
    path = write(
        "coded.yaml",
        """\
- {id: a, date: 2025-05-01, kind: visit, cameo: "163", title: A, countries: [US], sources: [s]}
- {id: b, date: 2025-05-02, kind: tariffs, title: B, countries: [US], sources: [s]}
- {id: c, date: 2025-05-03, kind: economic, cameo: "163", title: C, countries: [US], sources: [s]}
- {id: d, date: 2025-05-04, kind: meeting, plover: AGREE, title: D, countries: [US], sources: [s]}
- {id: e, date: 2025-05-05, kind: visit, cameo: "0421", title: E, countries: [US], sources: [s]}
""",
    )
    result = run("check", str(path))
    warned = [line for line in result.stdout.splitlines() if "change the kind or the code" in line]
    assert warned == [
        f"{path}:1: a: warning: kind is visit, but CAMEO 163 (imposes an embargo or sanctions "
        "on) is dispute: change the kind or the code",
        f"{path}:4: d: warning: kind is meeting, but PLOVER AGREE is agreement: change the kind "
        "or the code",
    ]


def test_armed_conflict_is_a_kind_the_importers_use() -> None:
    assert [cameo.kind_of_code(code) for code in ("18", "190", "195", "20")] == ["conflict"] * 4
    assert plover.kind_of_type("ASSAULT", None) == plover.kind_of_type("FIGHT", None) == "conflict"
    assert cameo.kind_of_code("163") == "dispute"


def test_every_coded_alias_has_a_score_and_only_direction_kinds_score() -> None:
    for kind in KINDS.values():
        for alias, code in kind.coded:
            assert cameo.goldstein(code) is not None, alias
        assert (kind.score_code is not None) == kind.scores
    unscored = {kind.name for kind in KINDS.values() if not kind.scores}
    assert unscored == {"statement", "economic", "defense", "legal", "other"}
