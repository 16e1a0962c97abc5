"""Every event kept: derived ids that do not collide, files that never take each other's
events, `timeline ids`, and an upgrade from the ids of releases up to 0.1."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

import timeline
from conftest import TODAY
from timeline.dates import PartialDate
from timeline.ids import derive_id, legacy_id

DAY = PartialDate(2026, 1, 13)
DATA_DIR = Path(__file__).parent / "data"


def one(title: str, countries: str = "[KR, JP]", day: str = "2026-01-13", extra: str = "") -> str:
    return f"- date: {day}\n  kind: summit\n  title: {title}\n  countries: {countries}\n{extra}"


def shown(run) -> list[dict[str, object]]:
    result = run("show", "-f", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def dump(db: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT * FROM events ORDER BY id").fetchall()


# --- derived ids --------------------------------------------------------------------------


def test_a_derived_id_names_date_countries_and_title() -> None:
    assert derive_id(DAY, ("KR", "JP"), "Summit") == "2026-01-13-jp-kr-summit"
    assert derive_id(DAY, ("JP", "KR"), "Summit") == "2026-01-13-jp-kr-summit"
    assert derive_id(DAY, ("US", "CN"), "Summit") == "2026-01-13-cn-us-summit"
    assert derive_id(PartialDate(2026, 1), ("JP",), "Talks") == "2026-01-jp-talks"
    assert derive_id(DAY, ("FR",), "Réunion à Genève") == "2026-01-13-fr-reunion-a-geneve"


def test_titles_in_other_scripts_get_a_hash_of_the_whole_title() -> None:
    summit = derive_id(DAY, ("KR", "JP"), "APEC 首脳会議")
    ministers = derive_id(DAY, ("KR", "JP"), "APEC 外相会議")
    assert summit.startswith("2026-01-13-jp-kr-apec-") and ministers != summit
    dinner = derive_id(DAY, ("KR", "JP"), "Lee–Takaichi 만찬")
    talks = derive_id(DAY, ("KR", "JP"), "Lee–Takaichi 정상회담")
    assert dinner.startswith("2026-01-13-jp-kr-lee-takaichi-") and dinner != talks
    korean = derive_id(DAY, ("KR",), "한일 정상회담")
    assert korean == derive_id(DAY, ("KR",), "한일  정상회담")  # normalised spaces
    assert korean != derive_id(DAY, ("KR",), "日韓首脳会談")


def test_the_hash_is_stable_across_machines() -> None:
    # Fixed values: sha256 of the NFKC, casefolded title; a change here breaks users' ids.
    assert derive_id(DAY, ("KR", "JP"), "APEC 首脳会議") == "2026-01-13-jp-kr-apec-cb70d070"
    assert derive_id(DAY, ("KR",), "한일 정상회담") == "2026-01-13-kr-89bd4aa6"


def test_long_titles_and_many_countries_keep_apart() -> None:
    words = "The leaders of the region meet to talk about trade and security at length "
    a = derive_id(DAY, ("KR",), words + "in Seoul")
    b = derive_id(DAY, ("KR",), words + "in Busan")
    assert a != b and len(a) < 90
    four = derive_id(DAY, ("US", "JP", "KR", "CN"), "Talks")
    five = derive_id(DAY, ("US", "JP", "KR", "CN", "RU"), "Talks")
    assert four.startswith("2026-01-13-cn-jp-kr-talks-") and four != five


def test_the_legacy_rule_is_the_one_releases_up_to_0_1_used() -> None:
    # Values printed by the 0.1 release's derive_id (git show 456d62a:src/timeline/model.py).
    assert legacy_id(DAY, "Summit") == "2026-01-13-summit"
    assert legacy_id(DAY, "한일 정상회담") == "2026-01-13-c7750344"
    assert legacy_id(DAY, "Lee–Takaichi 정상회담") == "2026-01-13-leetakaichi"
    assert legacy_id(DAY, "APEC 首脳会議") == "2026-01-13-apec"


# --- one id, two events: never silently one -----------------------------------------------


def test_the_same_title_between_other_countries_is_another_event(run, write) -> None:
    assert run("load", str(write("krjp.yaml", one("Summit")))).exit_code == 0
    result = run("load", str(write("uscn.yaml", one("Summit", "[US, CN]"))))
    assert "1 added, 0 updated, 0 unchanged" in result.stdout
    assert [e["countries"] for e in shown(run)] == [["US", "CN"], ["KR", "JP"]]


def test_cjk_titles_of_one_day_are_two_events(run, write) -> None:
    both = one("APEC 首脳会議") + one("APEC 外相会議")
    assert run("load", str(write("one.yaml", both))).exit_code == 0
    run("load", str(write("a.yaml", one("APEC 国際会議", day="2026-11-11"))))
    run("load", str(write("b.yaml", one("APEC 外相会議", day="2026-11-11"))))
    assert len(shown(run)) == 4
    first = run("add", "--date", "2026-01-20", "--title", "Lee–Takaichi 정상회담", "-k", "summit",
                "-c", "KR", "-c", "JP")  # fmt: skip
    second = run("add", "--date", "2026-01-20", "--title", "Lee–Takaichi 만찬", "-k", "summit",
                 "-c", "KR", "-c", "JP")  # fmt: skip
    assert first.exit_code == second.exit_code == 0 and first.stdout != second.stdout


def test_one_load_that_derives_one_id_twice_names_both_lines(run, write) -> None:
    path = write("twice.yaml", one("Summit") + one("summit"))
    result = run("load", str(path))
    assert result.exit_code == 1
    assert f"{path}:5: id '2026-01-13-jp-kr-summit': id: duplicate id (first used at " in (
        result.stderr
    )
    assert f"{path}:1)" in result.stderr


def test_a_file_never_takes_another_files_event(run, write, db: Path) -> None:
    a = write("a.yaml", one("A", extra="  id: shared\n"))
    run("load", str(a))
    before = dump(db)
    b = write("b.yaml", one("Summit") + one("B", extra="  id: shared\n"))
    result = run("load", str(b))
    assert result.exit_code == 1
    assert f"{b}:5: id 'shared': id: already used by {a}:1" in result.stderr
    assert "nothing was written" in result.stderr
    assert dump(db) == before
    # stdin cannot take it either
    result = run("load", "-", input=one("B", extra="  id: shared\n"))
    assert result.exit_code == 1 and "already used by" in result.stderr
    assert dump(db) == before


def test_an_event_cut_from_one_file_and_pasted_in_another_moves(run, write) -> None:
    a = write("a.yaml", one("A", extra="  id: moving\n") + one("Stays", day="2026-01-14"))
    run("load", str(a))
    a.write_text(one("Stays", day="2026-01-14"), encoding="utf-8")
    b = write("b.yaml", one("A, now in b", extra="  id: moving\n"))
    result = run("load", str(b))
    assert result.exit_code == 0, result.output
    assert "b.yaml: 0 added, 1 updated (1 moved from " in result.stdout
    assert "a.yaml), 0 unchanged" in result.stdout
    # a.yaml's next sync keeps the moved event (it is b.yaml's now)
    titles = sorted(str(e["title"]) for e in shown(run))
    assert titles == ["A, now in b", "Stays"]
    assert run("sources").stdout.count("1 event") == 2


def test_a_move_within_one_load_is_an_update(run, write) -> None:
    a = write("a.yaml", one("A", extra="  id: moving\n"))
    run("load", str(a))
    a.write_text(one("Other", day="2026-02-01"), encoding="utf-8")
    b = write("b.yaml", one("A", extra="  id: moving\n"))
    result = run("load", str(b), str(a))
    assert result.exit_code == 0, result.output
    assert "1 moved from" in result.stdout


def test_a_changed_file_that_takes_another_files_event_does_not_sync(run, write) -> None:
    a = write("a.yaml", one("A", extra="  id: mine\n"))
    b = write("b.yaml", one("B", day="2026-02-01"))
    run("load", str(a), str(b))
    b.write_text(one("B", day="2026-02-01") + one("Copy", extra="  id: mine\n"), "utf-8")
    result = run("show")
    assert "already used by" in result.stderr and "no longer loads" in result.stderr
    assert "Copy" not in result.stdout and " A\n" in result.stdout + "\n"


def test_add_replace_and_imports_leave_a_files_event_alone(run, write) -> None:
    a = write("a.yaml", one("A", extra="  id: mine\n"))
    run("load", str(a))
    result = run("add", "--id", "mine", "--replace", "--date", "2026-01-13", "--title", "X",
                 "-k", "call", "-c", "KR")  # fmt: skip
    assert result.exit_code == 1
    assert f"the event 'mine' is kept in {a}; edit it there" in result.stderr
    assert shown(run)[0]["title"] == "A"
    # an imported event curated into a file: a later import leaves the file's version
    sample = DATA_DIR / "gdelt2-sample.export.CSV"
    run("import", "gdelt", str(sample))
    first = shown(run)[0]
    run("export", "-f", "yaml", "--country", first["countries"][0], "-o", str(a))
    a.write_text(a.read_text("utf-8").replace(str(first["title"]), "Curated"), "utf-8")
    assert run("load", "--prune", str(a)).exit_code == 0
    result = run("import", "gdelt", str(sample))
    assert result.exit_code == 0 and "skipped (kept in a loaded file)" in result.stdout
    assert "Curated" in {e["title"] for e in shown(run)}


# --- timeline ids --------------------------------------------------------------------------

HAND_WRITTEN = """\
# hand-edited
events:
  # the first one
  - date: 2026-01-13   # a comment
    kind: summit
    title: "Lee–Takaichi 정상회담"
    countries: [KR, JP]

  - {date: 2026-01-14, kind: visit, title: 'Visit', countries: KR}
  - id: keep-me
    date: 2026-01-15
    kind: call
    title: Call
    countries: [KR, US]
  -
    date: 2026-02
    kind: meeting
    title: Talks
    countries: KR, JP
"""

WITH_IDS = """\
# hand-edited
events:
  # the first one
  - id: 2026-01-13-jp-kr-lee-takaichi-115006be
    date: 2026-01-13   # a comment
    kind: summit
    title: "Lee–Takaichi 정상회담"
    countries: [KR, JP]

  - {id: 2026-01-14-kr-visit, date: 2026-01-14, kind: visit, title: 'Visit', countries: KR}
  - id: keep-me
    date: 2026-01-15
    kind: call
    title: Call
    countries: [KR, US]
  -
    id: 2026-02-jp-kr-talks
    date: 2026-02
    kind: meeting
    title: Talks
    countries: KR, JP
"""


def test_ids_writes_the_ids_and_changes_no_other_byte(run, write) -> None:
    path = write("h.yaml", HAND_WRITTEN)
    result = run("ids", str(path))
    assert result.exit_code == 0 and result.stdout == f"{path}: 3 ids written\n"
    assert path.read_text("utf-8") == WITH_IDS
    assert run("ids", str(path)).stdout == f"{path}: 0 ids written\n"


def test_ids_keeps_crlf_and_a_byte_order_mark(write) -> None:
    path = write("w.yaml", "")
    text = "\ufeff" + one("Summit").replace("\n", "\r\n")
    path.write_bytes(text.encode("utf-8"))
    assert timeline.write_ids([path], today=TODAY) == {str(path): 1}
    expected = "\ufeff- id: 2026-01-13-jp-kr-summit\r\n  " + one("Summit")[2:].replace("\n", "\r\n")
    assert path.read_bytes() == expected.encode("utf-8")


def test_the_ids_written_are_the_ids_a_load_gives(run, write) -> None:
    path = write("h.yaml", HAND_WRITTEN)
    run("load", str(path))
    before = [e["id"] for e in shown(run)]
    run("ids", str(path))
    result = run("load", str(path))
    assert "0 added, 0 updated, 4 unchanged" in result.stdout
    assert [e["id"] for e in shown(run)] == before


def test_ids_check_lists_the_events_without_an_id(run, write) -> None:
    path = write("h.yaml", HAND_WRITTEN)
    result = run("ids", "--check", str(path))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}:4: event has no id (it is 2026-01-13-jp-kr-lee-takaichi-115006be for now)",
        f"{path}:9: event has no id (it is 2026-01-14-kr-visit for now)",
        f"{path}:16: event has no id (it is 2026-02-jp-kr-talks for now)",
    ]
    assert f"3 events without an id; run `timeline ids {path}`" in result.stderr
    assert path.read_text("utf-8") == HAND_WRITTEN
    run("ids", str(path))
    result = run("ids", "--check", str(path))
    assert result.exit_code == 0 and result.output == ""


def test_ids_refuses_a_file_that_does_not_load_and_writes_nothing(run, write) -> None:
    good = write("good.yaml", one("Summit"))
    bad = write("bad.yaml", one("Summit").replace("summit", "sumit"))
    result = run("ids", str(good), str(bad))
    assert result.exit_code == 1
    assert f"{bad}:2: event 1: kind: unknown kind 'sumit'" in result.stderr
    assert good.read_text("utf-8") == one("Summit")
    result = run("ids", str(write("e.json", "[]")))
    assert result.exit_code == 1 and "ids are written into .yaml and .yml files only" in (
        result.stderr
    )


def test_a_load_says_once_that_events_have_no_id(run, write) -> None:
    path = write("h.yaml", HAND_WRITTEN)
    result = run("load", str(path))
    assert result.stderr.count("have no id") == 1
    assert f"{path}: 3 events have no id: their ids change when their titles do\n" in (
        result.stderr
    )
    assert f"{path}: to keep the ids, run 'timeline ids {path}'" in result.stderr
    run("ids", str(path))
    assert "no id" not in run("load", str(path)).stderr


def test_the_shipped_file_has_every_id(run) -> None:
    from conftest import SHIPPED

    assert run("ids", "--check", str(SHIPPED)).exit_code == 0


# --- upgrades ------------------------------------------------------------------------------


def test_a_store_of_the_old_rule_reloads_without_doubles_or_losses(
    write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store built with the 0.1 release's rule (derive_id as it was), then reloaded from
    the same files by this version, holds the same events once each, under their new ids."""
    import timeline.model as model

    text = one("Summit") + one("Lee–Takaichi 정상회담", day="2026-01-14")
    text += one("Kept", extra="  id: explicit\n")
    path = write("e.yaml", text)
    db = tmp_path / "old.db"
    with monkeypatch.context() as old_release:
        old_release.setattr(model, "derive_id", lambda date, _countries, title: legacy_id(
            date, title))  # fmt: skip
        with timeline.open(db, today=TODAY) as tl:
            tl.load(path)
            old = {e.id: e.title for e in tl.events()}
    assert set(old) == {"2026-01-13-summit", "2026-01-14-leetakaichi", "explicit"}
    with timeline.open(db, today=TODAY) as tl:
        report = tl.load(path)
        new = {e.id: e.title for e in tl.events()}
        assert report.added == 0 and report.unchanged == 3
        assert sorted(new.values()) == sorted(old.values())
        assert "2026-01-13-jp-kr-summit" in new and "explicit" in new
        assert [e.id for e in tl.events(country="JP", search="Lee")] == [
            "2026-01-14-jp-kr-lee-takaichi-115006be"
        ]
        # the same through a sync (a changed file), and with --prune
        path.write_text(text + one("New", day="2026-03-01"), "utf-8")
        assert len(tl.events()) == 4
        assert tl.load(path, prune=True).removed == 0


def test_the_api_refuses_another_files_event(write, tmp_path: Path) -> None:
    with timeline.open(tmp_path / "api.db", today=TODAY) as tl:
        tl.load(write("a.yaml", one("A", extra="  id: x\n")))
        with pytest.raises(timeline.ValidationError) as error:
            tl.load(write("b.yaml", one("B", extra="  id: x\n")))
        assert "already used by" in str(error.value.problems[0])
        assert [e.title for e in tl.events()] == ["A"]
    path = write("c.yaml", one("C"))
    assert timeline.missing_ids([path], today=TODAY) == [(str(path), 1, "2026-01-13-jp-kr-c")]
