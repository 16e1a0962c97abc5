"""The Python API: what the README shows works as written, gives the CLI's answers on the
same store, and raises only TimelineError."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import pydoc
import subprocess
import sys
from pathlib import Path

import pytest

import timeline
from conftest import SHIPPED, TODAY


@pytest.fixture
def tl(db: Path) -> timeline.Timeline:
    opened = timeline.open(db, today=TODAY)
    assert opened.load(SHIPPED).added == 19
    return opened


# Each filter, as the CLI writes it and as the API does.
FILTERS = [
    (["-c", "JP"], {"country": "JP"}),
    (["-c", "KR", "-c", "United States"], {"country": ["KR", "United States"]}),
    (["-k", "summit,visit"], {"kind": ["summit", "visit"]}),
    (["-t", "shuttle-diplomacy"], {"tag": "shuttle-diplomacy"}),
    (["-p", "lee"], {"participant": "lee"}),
    (["--status", "planned"], {"status": "planned"}),
    (["--since", "2025-06", "--until", "2026-01"], {"since": "2025-06", "until": "2026-01"}),
    (["--since", "2026-01-13"], {"since": dt.date(2026, 1, 13)}),
    (["--between", "KR", "US"], {"between": ("KR", "US")}),
    (["-s", "Nara"], {"search": "Nara"}),
    (["-s", "首脳"], {"search": "首脳"}),
    (["-n", "3"], {"limit": 3}),
    (["-r", "-n", "2"], {"reverse": True, "limit": 2}),
]


@pytest.mark.parametrize(("args", "keywords"), FILTERS, ids=[" ".join(a) for a, _ in FILTERS])
def test_the_api_and_the_cli_give_the_same_events(run, tl, args, keywords) -> None:
    shown = json.loads(run("show", "-f", "json", *args).stdout)
    assert shown, "each filter matches something in the shipped data"
    assert [event.to_dict() for event in tl.events(**keywords)] == shown


@pytest.mark.parametrize(
    ("args", "keywords"), FILTERS[:6], ids=[" ".join(a) for a, _ in FILTERS[:6]]
)
def test_the_api_and_the_cli_give_the_same_stats_and_exports(run, tl, args, keywords) -> None:
    cli_stats = json.loads(run("stats", "-f", "json", "--by", "year", *args).stdout)
    assert tl.stats(by="year", **keywords).to_dict() == cli_stats
    for fmt in ("csv", "jsonl", "yaml", "ics"):
        out = io.StringIO()
        count = tl.export(fmt, out, **keywords)
        # (CliRunner's stdout turns CSV's and iCalendar's CRLF into LF)
        assert out.getvalue().replace("\r\n", "\n") == run("export", "-f", fmt, *args).stdout
        assert count == len(tl.events(**keywords))


def test_the_readme_example(tl, tmp_path: Path) -> None:
    events = tl.events(country="JP", kind=["summit", "visit"], since="2023", search="Nara")
    assert [e.id for e in events] == ["2026-lee-takaichi-nara-summit", "2026-lee-visit-japan"]
    first = events[0]
    assert (first.id, first.kind, first.countries) == (
        "2026-lee-takaichi-nara-summit", "summit", ("KR", "JP"))  # fmt: skip
    assert first.to_dict()["date"] == "2026-01-13"
    newest = tl.events(between=("KR", "JP"), limit=10, reverse=True)
    assert len(newest) == 10 and newest[0].first_day >= newest[-1].first_day

    added = tl.add(date="next Tuesday", title="Foreign ministers' call", kind="call",
                   countries=["KR", "JP"], status="planned")  # fmt: skip
    assert added.date == timeline.PartialDate(2026, 12, 1)  # TODAY is Wednesday 25 Nov
    assert tl.get(added.id) == added
    assert tl.remove([added.id]) == 1 and tl.get(added.id) is None

    out = tmp_path / "out.csv"
    assert tl.export("csv", out, country="JP") == 13
    assert out.read_text(encoding="utf-8").startswith("id,date,end,kind,")
    assert tl.stats(country="KR", by="year").to_dict()["by"] == "year"


def test_dates_keep_their_precision(tl) -> None:
    month = tl.add(date="2026-01", title="A month", kind="other", countries="JP")
    assert month.date.precision == "month" and str(month.date) == "2026-01"
    assert repr(month.date) == "PartialDate('2026-01')"
    assert month.date != timeline.PartialDate(2026, 1, 1)
    assert tl.get(month.id).to_dict()["date"] == "2026-01"


def test_today_is_passed_in(db: Path) -> None:
    tl = timeline.open(db, today=dt.date(2030, 5, 1))
    assert (
        tl.add(date="tomorrow", title="T", kind="call", countries="JP").date.iso() == "2030-05-02"
    )


def test_every_error_is_a_timeline_error(tl, tmp_path: Path) -> None:
    with pytest.raises(timeline.OptionError, match="unknown country 'Narnia'") as raised:
        tl.events(country="Narnia")
    assert raised.value.option == "country"
    with pytest.raises(timeline.ValidationError) as invalid:
        tl.add(date="2026-02-30", title=" ", kind="sumit", countries=[])
    assert [(p.field, p.message.split(":")[0]) for p in invalid.value.problems] == [
        ("date", "'2026-02-30' is not a valid date"), ("kind", "unknown kind 'sumit'; did you "
        "mean 'summit'? (see `timeline kinds`)"), ("title", "is empty"),
        ("countries", "needs at least one country")]  # fmt: skip
    bad = tmp_path / "bad.yaml"
    bad.write_text("- {date: 2026-01-01, kind: call, title: T, countries: [Narnia]}\n")
    with pytest.raises(timeline.ValidationError) as invalid:
        tl.load(bad)
    (problem,) = invalid.value.problems
    assert (problem.source, problem.line, problem.field) == (str(bad), 1, "countries")
    with pytest.raises(timeline.FileError, match=r"the directory .* does not exist"):
        tl.export("csv", tmp_path / "no" / "such.csv")
    with pytest.raises(timeline.TimelineError, match="no event with id 'nope'"):
        tl.remove("nope")
    with pytest.raises(timeline.OptionError):
        tl.export("pdf", io.StringIO())
    with pytest.raises(timeline.OptionError):
        tl.stats(by="week")  # type: ignore[arg-type]
    with pytest.raises(timeline.OptionError, match="is not a CAMEO code prefix"):
        tl.import_events("gdelt", [], cameo="25")
    with pytest.raises(timeline.StoreError):
        timeline.open(tmp_path / "no" / "such.db")
    not_a_db = tmp_path / "x.db"
    not_a_db.write_text("hello " * 1000)
    with pytest.raises(timeline.StoreError, match="not a timeline database"):
        timeline.open(not_a_db)


def test_errors_say_why_in_their_own_message(tl, tmp_path: Path) -> None:
    with pytest.raises(timeline.FileError, match=r"^cannot read nothere\.yaml: no such file"):
        tl.load("nothere.yaml")
    with pytest.raises(timeline.TimelineError, match=r"holds no \.yaml, \.yml, \.json or \.jsonl"):
        tl.load(tmp_path)
    with pytest.raises(timeline.OptionError, match="no filter 'countries'; did you mean 'country'"):
        tl.events(countries="CN")  # type: ignore[call-arg]
    bad = tmp_path / "bad.yaml"
    bad.write_text("- {date: 2026-01-01, title: T}\n")
    with pytest.raises(timeline.ValidationError) as invalid:
        tl.load(bad)
    assert str(invalid.value) == (
        f"{bad}:1: event 1: kind: is required (and 1 more); nothing was written"
    )


def test_every_call_syncs_first_imports_too(tl, tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    tl.add(date="2026-03-01", title="Mine", kind="call", countries="NO", to=mine)
    mine.write_text(mine.read_text().replace("title: Mine", "title: Mine, edited"))
    tl.import_events("icews", Path(__file__).parent / "data" / "icews-sample.tab")
    assert [n.message.split(":")[0] for n in tl.notices] == [f"Reloaded {mine.resolve()}"]


def test_files_sync_and_check(tl, tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    event = tl.add(date="2026-03-01", title="Mine", kind="call", countries="NO", to=mine)
    assert mine.exists() and tl.get(event.id) == event
    states = {f.path: f.state for f in tl.files()}
    assert states == {str(SHIPPED): "loaded", str(mine.resolve()): "loaded"}
    mine.write_text(mine.read_text().replace("title: Mine", "title: Mine, edited"))
    assert tl.get(event.id).title == "Mine, edited"  # re-loaded before the call
    assert [n.message.split(":")[0] for n in tl.notices] == [f"Reloaded {mine.resolve()}"]
    assert tl.forget(mine) == 1 and str(mine.resolve()) not in {f.path for f in tl.files()}
    assert timeline.check([SHIPPED], today=TODAY) == []
    assert [f.level for f in tl.check([mine])] == ["warning"]  # no sources


def test_pandas_takes_the_records(tl) -> None:
    # pandas is not a dependency; what DataFrame needs is one flat dict of plain values
    # per event, all with the same keys.
    records = [event.to_dict() for event in tl.events(country="JP")]
    assert len({tuple(r) for r in records}) == 1
    assert json.loads(json.dumps(records)) == records


def test_import_timeline_stays_cheap() -> None:
    heavy = ("timeline", "sqlite3", "yaml", "rich", "typer", "dateparser", "pycountry")
    code = f"import sys, timeline; print(sorted(m for m in sys.modules if m.startswith({heavy})))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, env={**os.environ}).stdout  # fmt: skip
    assert loaded.strip() == "['timeline']"


def test_keywords_are_the_cli_long_options(run) -> None:
    """The filter keywords and `add`'s keywords are the long options of `show` and `add`
    (the API and the CLI learned together): a keyword renamed on one side fails here."""
    import inspect

    def options(command: str) -> set[str]:
        help_text = run(command, "--help").stdout
        words = help_text.split()
        return {word[2:].rstrip(",").split("=")[0] for word in words if word[:2] == "--"}

    assert set(timeline.Filters.__annotations__) <= options("show")
    added = set(inspect.signature(timeline.Timeline.add).parameters) - {"self"}
    spelled = {"countries": "country", "participants": "participant", "tags": "tag",
               "sources": "source"}  # fmt: skip
    assert {spelled.get(k, k) for k in added} <= options("add")


def test_every_public_method_is_documented_in_the_readme() -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text()
    public = [n for n in vars(timeline.Timeline) if not n.startswith("_")]
    undocumented = [n for n in public if f"tl.{n}" not in readme]
    assert undocumented == []
    text = pydoc.render_doc(timeline.Timeline, renderer=pydoc.plaintext)
    assert all(getattr(timeline.Timeline, n).__doc__ for n in public if n != "path") and text


def test_streamed_forms_say_what_events_say(tl: timeline.Timeline) -> None:
    query = tl.query(country="JP")
    events = tl.events(country="JP")
    assert [json.loads(r) for r in tl.select_json(query)] == [e.to_dict() for e in events]
    from timeline.render import Shown

    assert [Shown._make(r) for r in tl.shown(query)] == [Shown.of(e) for e in events]


def test_load_progress_counts_events_and_bytes(db: Path, tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    opened = timeline.open(tmp_path / "p.db", today=TODAY)
    opened.load(SHIPPED, on_progress=lambda events, nbytes: calls.append((events, nbytes)))
    assert sum(e for e, _ in calls) == 19
    assert sum(b for _, b in calls) == SHIPPED.stat().st_size
