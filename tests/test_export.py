import csv
import datetime as dt
import io
import json
import re
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar
from typer.testing import CliRunner

from conftest import SHIPPED
from timeline.cli import app
from timeline.cli.options import ExportFormat
from timeline.kinds import KINDS, STATUSES
from timeline.model import CODE_FIELDS

TRICKY = """\
- id: tricky
  date: 2026-01-13
  end: 2026-01-14
  kind: summit
  title: '=HYPERLINK("http://evil", "click"), "quoted"'
  countries: [KR, JP]
  location: 奈良, 日本
  participants: [이재명, 高市早苗, 'A "B" C']
  tags: [a, b]
  summary: |
    first line, with a comma
    second "line"
  sources: ['https://example.org/a?x=1&y=<2>', '@handle']
- {id: month, date: 2026-02, kind: talks, title: Month talks, countries: US}
- {id: year, date: 2025, kind: other, title: '-1 year', countries: [KP]}
"""


@pytest.fixture
def tricky(run, write) -> None:
    assert run("load", str(write("tricky.yaml", TRICKY))).exit_code == 0


def test_csv_reads_back(run, tricky) -> None:
    result = run("export")
    assert result.exit_code == 0
    assert result.stdout.startswith("id,date,end,kind,status,title,countries,location,")
    rows = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    assert [r["id"] for r in rows] == ["year", "tricky", "month"]
    tricky = rows[1]
    assert tricky["title"] == "'" + '=HYPERLINK("http://evil", "click"), "quoted"'
    assert tricky["countries"] == "KR; JP"
    assert tricky["participants"] == '이재명; 高市早苗; A "B" C'
    assert tricky["summary"] == 'first line, with a comma\nsecond "line"\n'
    assert tricky["sources"] == "https://example.org/a?x=1&y=<2>; @handle"
    assert rows[0]["title"] == "'-1 year" and rows[2]["end"] == ""


def test_csv_formula_guard_can_be_turned_off(run, tricky) -> None:
    rows = list(csv.DictReader(io.StringIO(run("export", "--allow-formulas").stdout)))
    assert rows[1]["title"].startswith("=HYPERLINK")


def test_csv_uses_crlf_as_rfc_4180_says(run, tricky, tmp_path: Path) -> None:
    out = tmp_path / "e.csv"
    run("export", "-o", str(out))
    assert out.read_bytes().count(b"\r\n") == 4  # header and three rows; summaries keep \n


def test_json_is_identical_to_show(run, tricky) -> None:
    assert (
        run("export", "-f", "json", "-c", "KR").stdout
        == run("show", "-f", "json", "-c", "KR").stdout
    )


def test_filters_work_as_in_show(run, tricky) -> None:
    rows = list(csv.DictReader(io.StringIO(run("export", "--since", "2026-02").stdout)))
    assert [r["id"] for r in rows] == ["month"]


def test_yaml_reloads_into_the_same_events(run, tricky, tmp_path: Path) -> None:
    first = run("export", "-f", "yaml").stdout
    (tmp_path / "again.yaml").write_text(first, encoding="utf-8")
    runner = CliRunner()
    env = {"TIMELINE_DB": str(tmp_path / "other.db")}
    assert runner.invoke(app, ["load", str(tmp_path / "again.yaml")], env=env).exit_code == 0
    second = runner.invoke(app, ["export", "-f", "yaml"], env=env).stdout
    assert second == first
    assert "summary: |" in first


def test_ics_parses_back(run, tricky) -> None:
    calendar = Calendar.from_ical(run("export", "-f", "ics").stdout)
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    tricky = events["tricky@timeline"]
    assert tricky.decoded("dtstart") == dt.date(2026, 1, 13)
    assert tricky.decoded("dtend") == dt.date(2026, 1, 15)  # exclusive end
    assert str(tricky["location"]) == "奈良, 日本"
    assert "https://example.org/a?x=1&y=<2>" in str(tricky["description"])
    month = events["month@timeline"]
    assert (month.decoded("dtstart"), month.decoded("dtend")) == (
        dt.date(2026, 2, 1),
        dt.date(2026, 3, 1),
    )
    assert events["year@timeline"].decoded("dtend") == dt.date(2026, 1, 1)
    assert [str(c) for c in tricky["categories"].cats] == ["summit"]


def test_the_default_title_says_the_filters_as_a_person_would(run, tricky) -> None:
    def title(*filters: str) -> str:
        out = run("export", "-f", "timelinejs", *filters).stdout
        return json.loads(out)["title"]["text"]["headline"]

    assert title() == "Timeline"
    assert (
        title("--between", "KR", "JP", "-k", "summit,visit", "--since", "2023-01")
        == "South Korea and Japan, summits and visits, since January 2023"
    )
    assert (
        title("-c", "KR", "-c", "JP", "-c", "US", "-k", "economic", "--until", "2026-01-14")
        == "South Korea, Japan or United States, economic events, until 14 January 2026"
    )
    assert title("--since", "Q3 2024", "--status", "planned") == "since Q3 2024, planned"


def test_ics_never_shows_a_postponed_or_cancelled_event_as_happening(run, write) -> None:
    statuses = ["planned", "held", "cancelled", "postponed"]
    text = "".join(
        f"- {{id: {s}, date: 2026-03-0{i + 1}, kind: visit, status: {s}, title: Trip, "
        "countries: [US, CN]}\n"
        for i, s in enumerate(statuses)
    )
    run("load", str(write("statuses.yaml", text)))
    calendar = Calendar.from_ical(run("export", "-f", "ics").stdout)
    events = {str(e["uid"]).split("@")[0]: e for e in calendar.walk("VEVENT")}
    shown = {s: (str(events[s]["status"]), str(events[s]["summary"])) for s in statuses}
    assert shown == {
        "planned": ("TENTATIVE", "Trip"),
        "held": ("CONFIRMED", "Trip"),
        "cancelled": ("CANCELLED", "Trip"),
        "postponed": ("TENTATIVE", "Postponed: Trip"),
    }
    assert str(events["postponed"]["description"]).startswith("Postponed: the date is")


def test_timelinejs(run, tricky) -> None:
    data = json.loads(run("export", "-f", "timelinejs", "--between", "KR", "JP").stdout)
    assert data["title"]["text"]["headline"] == "South Korea and Japan"
    (slide,) = data["events"]
    assert slide["start_date"] == {"year": 2026, "month": 1, "day": 13}
    assert slide["end_date"] == {"year": 2026, "month": 1, "day": 14}
    assert slide["group"] == "summit" and slide["unique_id"] == "tricky"
    assert slide["text"]["headline"].startswith("=HYPERLINK(&quot;")
    assert "&lt;2&gt;" in slide["text"]["text"]
    partial = json.loads(run("export", "-f", "timelinejs").stdout)["events"]
    assert partial[0]["start_date"] == {"year": 2025}
    assert partial[2]["start_date"] == {"year": 2026, "month": 2}


def test_output_file_is_written_whole(run, tricky, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    result = run("export", "-f", "json", "-o", str(out))
    assert result.exit_code == 0 and "Wrote 3 events" in result.stderr
    assert len(json.loads(out.read_text())) == 3
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


@pytest.mark.parametrize(
    ("name", "looks"),
    [
        ("out.json", lambda text: json.loads(text)[0]["id"] == "year"),
        ("out.jsonl", lambda text: json.loads(text.splitlines()[0])["id"] == "year"),
        ("out.csv", lambda text: text.startswith("id,date,")),
        ("out.yaml", lambda text: yaml.safe_load(text)[0]["id"] == "year"),
        ("OUT.YML", lambda text: yaml.safe_load(text)[0]["id"] == "year"),
        ("cal.ics", lambda text: text.startswith("BEGIN:VCALENDAR")),
        ("page.html", lambda text: text.startswith("<!doctype html>")),
    ],
)
def test_the_file_name_chooses_the_format(run, tricky, tmp_path: Path, name, looks) -> None:
    result = run("export", "-o", str(tmp_path / name))
    assert result.exit_code == 0, result.stderr
    assert looks((tmp_path / name).read_text(encoding="utf-8"))


def test_format_given_wins_over_the_file_name(run, tricky, tmp_path: Path) -> None:
    out = tmp_path / "events.txt"
    assert run("export", "-f", "jsonl", "-o", str(out)).exit_code == 0
    assert json.loads(out.read_text().splitlines()[0])["id"] == "year"
    assert run("export", "-f", "csv", "-o", str(tmp_path / "x.json")).exit_code == 0
    assert (tmp_path / "x.json").read_text().startswith("id,date,")


@pytest.mark.parametrize("name", ["out.txt", "out"])
def test_a_file_name_no_format_has_is_refused(run, tricky, tmp_path: Path, name) -> None:
    result = run("export", "-o", str(tmp_path / name))
    assert result.exit_code == 2
    assert ".json .jsonl .csv .yaml .yml .ics .html" in result.stderr
    assert not (tmp_path / name).exists()


def test_stdout_stays_csv(run, tricky) -> None:
    assert run("export").stdout.startswith("id,date,")


def test_output_into_a_missing_directory(run, tricky, tmp_path: Path) -> None:
    result = run("export", "-o", str(tmp_path / "no" / "such.csv"))
    assert result.exit_code == 1 and "cannot write" in result.stderr


def test_shipped_data_exports_every_event_in_every_format(run) -> None:
    run("load", str(SHIPPED))
    shipped = [e["id"] for e in json.loads(run("show", "-f", "json").stdout)]
    assert len(shipped) == 19

    def exported(fmt: str) -> str:
        result = run("export", "-f", fmt)
        assert result.exit_code == 0, result.stderr
        return result.stdout

    ids_of = {
        "csv": lambda text: [r["id"] for r in csv.DictReader(io.StringIO(text, newline=""))],
        "json": lambda text: [e["id"] for e in json.loads(text)],
        "jsonl": lambda text: [json.loads(line)["id"] for line in text.splitlines()],
        "yaml": lambda text: [e["id"] for e in yaml.safe_load(text)],
        "ics": lambda text: [
            str(e["uid"]).removesuffix("@timeline") for e in Calendar.from_ical(text).walk("VEVENT")
        ],
        "timelinejs": lambda text: [s["unique_id"] for s in json.loads(text)["events"]],
        "html": lambda text: [
            e[0]
            for e in json.loads(
                text.split('<script type="application/json" id="data">')[1].split("</script>")[0]
            )["events"]
        ],
    }
    assert set(ids_of) | {"parquet", "dyad-year"} == {f.value for f in ExportFormat}
    for fmt, read in ids_of.items():
        assert read(exported(fmt)) == shipped, fmt
    # Parquet is binary (tests/test_frames.py); a dyad-year panel has no event ids
    parquet = pytest.importorskip("pyarrow.parquet")
    table = parquet.read_table(io.BytesIO(run("export", "-f", "parquet").stdout_bytes))
    assert table.column("id").to_pylist() == shipped


# What `load` removes from text (README, "Sizes are bounded, text is cleaned"): C0 and C1
# controls but tab and line feed, and the bidi embeddings, overrides and isolates.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Text that a YAML 1.1 reader would take for something else if it were written plainly.
LOOKALIKES = ["NO", "on", "off", "yes", "012", "0012", "1:20", "0x1F", "1_000", "~",
              "null", "2026-01-13", "true", ".inf", "-", "? x", "- item", "a: b",
              "#no comment"]  # fmt: skip


def cleaned(value: str) -> str:
    return UNSAFE.sub("", value).strip()


text = st.one_of(
    st.sampled_from(LOOKALIKES),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=30),
).filter(lambda s: cleaned(s) != "")
day = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))


@st.composite
def events(draw: st.DrawFn) -> dict[str, object]:
    start = draw(day)
    precision = draw(st.sampled_from(["year", "month", "day"]))
    date = {"year": f"{start.year}", "month": f"{start:%Y-%m}", "day": start.isoformat()}
    event: dict[str, object] = {
        "date": date[precision],
        "kind": draw(st.sampled_from(list(KINDS))),
        "title": draw(text),
        "countries": draw(
            st.lists(
                st.sampled_from(["KR", "JP", "US", "CN", "KP", "NO"]),
                min_size=1,
                max_size=3,
                unique=True,
            )
        ),
    }
    if draw(st.booleans()):
        event["end"] = (start + dt.timedelta(days=draw(st.integers(0, 40)))).isoformat()
        event["date"] = start.isoformat()
    if draw(st.booleans()):
        event["location"] = draw(text)
    if draw(st.booleans()):  # several lines, kept as written
        event["summary"] = "\n".join(draw(st.lists(text, min_size=1, max_size=3)))
    for key in ("participants", "tags", "sources"):
        event[key] = draw(st.lists(text, max_size=3))
    event["tags"] = [tag for tag in event["tags"] if "," not in tag]  # type: ignore[attr-defined]  # a comma separates tags
    if draw(st.booleans()):
        event["status"] = draw(st.sampled_from(STATUSES))
    return event


def expected_record(event: dict[str, object]) -> dict[str, object]:
    """What `show --format json` should print for a generated event, by the README's rules."""
    summary = event.get("summary")
    end = event.get("end")
    return {
        "id": event["id"],
        "date": event["date"],
        "end": None if end == event["date"] else end,
        "kind": event["kind"],
        "status": event.get("status"),
        "title": cleaned(str(event["title"])),
        "countries": event["countries"],
        "location": cleaned(str(event["location"])) if "location" in event else None,
        "participants": [cleaned(str(p)) for p in event["participants"]],  # type: ignore[attr-defined]
        "tags": [cleaned(str(t)) for t in event["tags"]],  # type: ignore[attr-defined]
        "summary": UNSAFE.sub("", str(summary)) if summary is not None else None,
        "sources": [cleaned(str(s)) for s in event["sources"]],  # type: ignore[attr-defined]
        **dict.fromkeys(CODE_FIELDS),  # codes and counts: machine-coded data's
    }


@pytest.mark.parametrize("fmt", ["yaml", "jsonl"])
@settings(max_examples=60, deadline=None)
@given(st.lists(events(), min_size=1, max_size=5))
def test_round_trip_gives_back_the_generated_events(
    fmt: str, generated: list[dict[str, object]]
) -> None:
    with tempfile.TemporaryDirectory() as temp:
        check_round_trip(Path(temp), generated, fmt)


def check_round_trip(folder: Path, generated: list[dict[str, object]], fmt: str) -> None:
    """JSON in -> store -> `fmt` -> another store -> JSON out: the generated events, as the
    rules of `load` read them; and the export of `fmt` is what PyYAML's plain safe_load
    (a YAML 1.1 reader) reads as the same text."""
    runner = CliRunner()
    for i, event in enumerate(generated):
        event["id"] = f"e{i}"
    source = folder / "in.json"
    source.write_text(json.dumps(generated), encoding="utf-8")

    def cli(db: str, *args: str) -> str:
        result = runner.invoke(app, list(args), env={"TIMELINE_DB": str(folder / db)})
        assert result.exit_code == 0, result.output
        return result.stdout

    cli("a.db", "load", str(source))
    exported = cli("a.db", "export", "-f", fmt)
    (folder / f"out.{fmt}").write_text(exported, encoding="utf-8")
    cli("b.db", "load", str(folder / f"out.{fmt}"))
    expected = sorted((expected_record(e) for e in generated), key=lambda r: str(r["id"]))
    back = sorted(json.loads(cli("b.db", "show", "-f", "json")), key=lambda r: r["id"])
    assert back == expected
    if fmt == "yaml":
        plain = {e["id"]: e for e in yaml.safe_load(exported)}
        for record in expected:
            for key in ("title", "location", "summary"):
                assert plain[record["id"]].get(key) == record[key]
            assert plain[record["id"]]["countries"] == record["countries"]


def test_jsonl_keeps_cameo_codes_through_a_round_trip(run, tmp_path: Path, db: Path) -> None:
    data = Path(__file__).parent / "data" / "gdelt2-sample.export.CSV"
    assert run("import", "gdelt", str(data)).exit_code == 0
    exported = run("export", "-f", "jsonl").stdout
    lines = exported.splitlines()
    assert lines and all(json.loads(line)["cameo"] for line in lines)
    stats = run("stats", "-f", "json").stdout
    (tmp_path / "out.jsonl").write_text(exported, encoding="utf-8")
    again = {"TIMELINE_DB": str(tmp_path / "again.db")}
    runner = CliRunner()
    assert runner.invoke(app, ["load", str(tmp_path / "out.jsonl")], env=again).exit_code == 0
    assert runner.invoke(app, ["export", "-f", "jsonl"], env=again).stdout == exported
    assert runner.invoke(app, ["stats", "-f", "json"], env=again).stdout == stats


@pytest.mark.parametrize(
    "placeholder",
    ["{{TITLE}}", "{{TODAY}}", "{{CSS}}", "{{JS}}", "{{DATA}}", "{{DESCRIPTION}}", "{{LEAD}}"],
)
def test_page_placeholders_in_user_text_stay_as_written(run, tmp_path: Path, placeholder) -> None:
    run("add", "--date", "2026-01-13", "--title", f"Talks {placeholder}", "-k", "talks",
        "-c", "KR", "--summary", placeholder)  # fmt: skip
    out = tmp_path / "page.html"
    result = run("export", "-f", "html", "--title", f"A {placeholder}", "-o", str(out),
                 "--description", f"D {placeholder}", "--credit", f"C {placeholder}")  # fmt: skip
    assert result.exit_code == 0, result.output
    page = out.read_text("utf-8")
    assert f"<title>A {placeholder}</title>" in page
    assert f"<h1>A {placeholder}</h1>" in page and f'<p class="credit">C {placeholder}</p>' in page
    assert page.count("<style") == 1 and page.count('id="data"') == 1
    # The title 4 times (title, h1, og:title, twitter:title), the description 4 (shown and
    # in 3 meta tags), the credit once; the event's title and summary, as data.
    assert page.count("{{") == 11


def test_a_long_csv_export_written_in_chunks_is_the_export_written_whole(
    run, tricky, write, db: Path, tmp_path: Path
) -> None:
    """Past its first chunk, CSV is written by the worker processes: in order, every row."""
    from timeline.export import FORMULA_STARTS
    from timeline.store import Store

    lines = [
        f'{{"id": "e{i:05}", "date": "20{i % 30:02}-0{i % 9 + 1}-1{i % 10}", "kind": "call", '
        f'"title": "Call {i}, \\"quoted\\"", "countries": ["KR", "JP"], "tags": ["t{i % 7}"]}}'
        for i in range(12_000)
    ]
    assert run("load", str(write("many.jsonl", "\n".join(lines) + "\n"))).exit_code == 0
    out = tmp_path / "all.csv"
    assert run("export", "-o", str(out)).exit_code == 0
    whole = io.StringIO(newline="")
    writer = csv.writer(whole)
    written = out.read_bytes().decode("utf-8")
    writer.writerow(next(csv.reader(io.StringIO(written, newline=""))))
    writer.writerows(Store(db).reads.select_flat(guard=FORMULA_STARTS))
    assert written == whole.getvalue()
    assert whole.getvalue().count("\r\n") == 12_004  # the header and every row


def test_the_page_remembers_a_bounded_number_of_shared_values(monkeypatch) -> None:
    """Past the bound a value is written out again, never pointed at wrongly: memory stays
    flat on text that never repeats."""
    from timeline import export
    from timeline.store.schema import PAGE_COLUMNS

    summary = PAGE_COLUMNS.index("summary")
    texts = ["alpha text", "beta text", "alpha text", "beta text", "gamma text", "beta text"]
    rows = [(None,) * summary + (text,) for text in texts]

    def resolved(records: list[str]) -> list[str]:
        cells = [json.loads(record)[summary] for record in records]
        return [cells[c] if isinstance(c, int) else c for c in cells]

    whole = list(export._page_records(rows))
    monkeypatch.setattr(export, "_SHARED_AT_MOST", 1)
    bounded = list(export._page_records(rows))
    assert resolved(bounded) == resolved(whole) == texts
    assert [json.loads(r)[summary] for r in bounded] == [
        "alpha text", "beta text", 0, "beta text", "gamma text", "beta text"
    ]  # fmt: skip
