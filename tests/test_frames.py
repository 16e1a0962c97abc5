"""Events as DataFrames and Parquet (`timeline.frames`), and dyad-year panels
(`timeline.panels`) with COW and Gleditsch–Ward numbers, from Python and the CLI; and,
without the optional libraries, one line naming the extra to install."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

import timeline
from conftest import SHIPPED
from timeline.frames import FRAME_COLUMNS
from timeline.model import CODE_FIELDS, FIELDS
from timeline.panels import PANEL_COLUMNS
from timeline.state_codes import cow, gleditsch_ward

pd = pytest.importorskip("pandas")
pa = pytest.importorskip("pyarrow")
pl = pytest.importorskip("polars")

DATA = Path(__file__).parent / "data"
TODAY = dt.date(2026, 3, 1)


@pytest.fixture
def tl(db: Path) -> timeline.Timeline:
    opened = timeline.open(db, today=TODAY)
    opened.load(SHIPPED)
    opened.add(date="1971~", kind="visit", title="A visit of about 1971", countries=["KR", "US"],
               id="circa")  # fmt: skip
    opened.add(date="before 1994", kind="agreement", title="An accord before 1994",
               countries=["SUHH", "US"], id="open-start")  # fmt: skip
    opened.add(date="2025-05-01", end="2025-06?", kind="negotiation", title="Talks",
               countries=["KR", "JP", "CN"], cameo="046", id="talks")  # fmt: skip
    opened.import_events("polecat", [DATA / "polecat-weekly.txt"])
    return opened


def test_a_frame_has_every_json_field_then_the_derived_columns(tl) -> None:
    frame = tl.iter_events().to_pandas()
    assert tuple(frame.columns) == FRAME_COLUMNS
    assert FRAME_COLUMNS[: len(FIELDS) + len(CODE_FIELDS)] == (*FIELDS, *CODE_FIELDS)
    assert len(frame) == len(tl.events())
    assert list(frame.id) == [event.id for event in tl.events()]  # the display order
    by_id = frame.set_index("id")
    assert by_id.loc["2026-lee-takaichi-nara-summit", "countries"] == ["KR", "JP"]
    assert by_id.loc["talks", "date"] == "2025-05-01" and by_id.loc["talks", "end"] == "2025-06?"


def test_dates_are_datetimes_with_their_precision_and_qualifiers(tl) -> None:
    by_id = tl.iter_events().to_pandas().set_index("id")
    assert str(by_id["first_day"].dtype).startswith("datetime64")
    assert by_id.loc["talks", "last_day"] == pd.Timestamp("2025-06-30")
    assert by_id.loc["circa", ["precision", "approximate", "uncertain"]].tolist() == [
        "year", True, False]  # fmt: skip
    assert by_id.loc["talks", ["approximate", "uncertain"]].tolist() == [False, True]
    # `before 1994` begins at the first day there is: outside nanosecond datetimes
    assert by_id.loc["open-start", "first_day"].to_pydatetime() == dt.datetime(1, 1, 1)
    assert by_id.loc["open-start", "precision"] == "open"
    assert not by_id.loc["2026-lee-takaichi-nara-summit", "approximate"]


def test_scores_keep_their_scales_apart(tl) -> None:
    frame = tl.iter_events().to_pandas().set_index("id")
    polecat = frame[frame.plover.notna()]
    assert len(polecat) and polecat.goldstein.isna().all() and polecat.intensity.notna().all()
    assert (polecat.reports == 1).all() and str(polecat.reports.dtype) == "Int64"
    assert frame.loc["talks", "goldstein"] == 7.0  # CAMEO 046, negotiate: its own weight
    assert frame.loc["2026-lee-takaichi-nara-summit", "goldstein"] == pytest.approx(2.8)  # kind
    hand_kept = frame[frame.cameo.isna() & frame.plover.isna()]
    assert hand_kept.reports.isna().all() and hand_kept.intensity.isna().all()


def test_lists_are_lists_that_pandas_computes_with(tl) -> None:
    frame = tl.iter_events(country="KR").to_pandas()
    counted = frame.explode("countries").countries.value_counts()
    assert counted["KR"] == len(frame)
    assert frame.countries.list.len().min() >= 2


def test_the_list_and_the_stream_give_the_same_frame(tl) -> None:
    listed = tl.events(country="JP").to_pandas()
    streamed = tl.iter_events(country="JP").to_pandas()
    pd.testing.assert_frame_equal(listed, streamed)


def test_a_stream_half_read_gives_the_rest(tl) -> None:
    stream = tl.iter_events()
    first = next(stream)
    rest = stream.to_pandas()
    assert len(rest) == len(tl.events()) - 1 and first.id not in set(rest.id)


def test_an_empty_selection_is_an_empty_frame_with_the_columns(tl) -> None:
    frame = tl.iter_events(search="nothingmatchesthis").to_pandas()
    assert frame.empty and tuple(frame.columns) == FRAME_COLUMNS
    assert tl.iter_events(search="nothingmatchesthis").to_polars().columns == list(FRAME_COLUMNS)


def test_polars_gets_dates_and_lists(tl) -> None:
    frame = tl.iter_events().to_polars()
    assert frame.schema["first_day"] == pl.Date
    assert frame.schema["countries"] == pl.List(pl.String)
    talks = frame.filter(pl.col("id") == "talks").row(0, named=True)
    assert talks["countries"] == ["KR", "JP", "CN"]
    assert talks["last_day"] == dt.date(2025, 6, 30)
    assert frame.height == len(tl.events())


def test_batches_join_into_one_frame(tl, monkeypatch) -> None:
    monkeypatch.setattr("timeline.frames.BATCH", 3)
    small = tl.iter_events().to_pandas()
    monkeypatch.undo()
    pd.testing.assert_frame_equal(small, tl.iter_events().to_pandas())


def test_stats_periods_as_a_frame(tl) -> None:
    stats = tl.stats(by="year", country="KR")
    frame = stats.to_pandas()
    assert isinstance(frame.index, pd.PeriodIndex) and frame.index.freqstr.startswith("Y")
    assert frame.loc["2026", "total"] == next(p.total for p in stats.periods if p.label == "2026")
    assert frame["total"].sum() == sum(p.total for p in stats.periods)
    assert {"summit", "goldstein", "goldstein_events", "intensity"} <= set(frame.columns)


# --- Parquet ---------------------------------------------------------------------------


def test_parquet_has_typed_columns_in_row_groups(tl, run, tmp_path, monkeypatch) -> None:
    import pyarrow.parquet as pq

    monkeypatch.setattr("timeline.frames.BATCH", 4)
    out = tmp_path / "events.parquet"
    result = run("export", "-o", str(out))  # the extension chooses
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(f"Wrote {len(tl.events())} events to")
    parquet = pq.ParquetFile(out)
    assert parquet.metadata.num_row_groups == -(-len(tl.events()) // 4)
    schema = parquet.schema_arrow
    assert schema.field("first_day").type == pa.date32()
    assert pa.types.is_list(schema.field("countries").type)
    assert schema.field("reports").type == pa.int64()
    table = parquet.read()
    assert table.column("id").to_pylist() == [event.id for event in tl.events()]
    talks = table.filter(pa.compute.equal(table["id"], "talks")).to_pylist()[0]
    assert talks["countries"] == ["KR", "JP", "CN"] and talks["last_day"] == dt.date(2025, 6, 30)


def test_duckdb_queries_the_parquet_file_as_it_is(tl, tmp_path) -> None:
    duckdb = pytest.importorskip("duckdb")
    out = tmp_path / "events.parquet"
    tl.export("parquet", out)
    rows = duckdb.sql(
        f"SELECT year(first_day) AS year, count(*) FROM '{out}' "
        "WHERE list_contains(countries, 'JP') GROUP BY year ORDER BY year"
    ).fetchall()
    assert sum(count for _, count in rows) == len(tl.events(country="JP"))


def test_parquet_to_stdout_only_when_redirected(tl, run) -> None:
    import pyarrow.parquet as pq

    result = run("export", "-f", "parquet", "--country", "JP")
    assert result.exit_code == 0, result.stderr
    table = pq.read_table(io.BytesIO(result.stdout_bytes))
    assert table.num_rows == len(tl.events(country="JP"))


def test_parquet_is_never_half_written(tl, run, tmp_path, monkeypatch) -> None:
    out = tmp_path / "events.parquet"
    out.write_bytes(b"the old file")

    def broken(*args: object, **kwargs: object) -> object:
        raise timeline.TimelineError("the disk went away")

    monkeypatch.setattr("timeline.frames._derived", broken)
    result = run("export", "-o", str(out))
    assert result.exit_code == 1 and "the disk went away" in result.stderr
    assert out.read_bytes() == b"the old file"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".events")] == []


# --- dyad-year panels -------------------------------------------------------------------


def test_state_numbers_are_the_published_ones() -> None:
    assert [cow(code, 2020) for code in ("KR", "JP", "US", "CN")] == [732, 740, 2, 710]
    assert [gleditsch_ward(code, 2020) for code in ("KR", "JP", "US", "CN")] == [732, 740, 2, 710]
    assert cow("SUHH", 1980) == gleditsch_ward("SUHH", 1980) == 365  # as Russia is
    assert cow("DDDE", 1980) == 265 and cow("YUCS", 1980) == 345
    assert cow("DE", 1980) == 260 and cow("DE", 2000) == 255  # West Germany, then Germany
    assert gleditsch_ward("DE", 2000) == 260  # G–W keeps West Germany's number
    assert gleditsch_ward("RS", 2010) == 340 and cow("RS", 2010) == 345
    assert gleditsch_ward("TV", 2010) == 973 and cow("TV", 2010) == 947  # the microstates
    assert cow("EU", 2020) is None and gleditsch_ward("NATO", 2020) is None
    assert cow("PS", 2020) is None  # never a state of either list


def panel_rows(run, *args: str) -> list[dict[str, str]]:
    result = run("export", "-f", "dyad-year", *args)
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    assert rows == [] or tuple(rows[0]) == PANEL_COLUMNS
    return rows


def test_a_panel_counts_each_pair_and_year(tl, run) -> None:
    rows = panel_rows(run, "--between", "KR", "JP")
    pair = [row for row in rows if (row["side_a"], row["side_b"]) == ("JP", "KR")]
    by_year = {int(row["year"]): row for row in pair}
    expected: dict[int, int] = {}
    for event in tl.events(between=("KR", "JP")):
        if event.date.precision != "open":
            expected[event.first_day.year] = expected.get(event.first_day.year, 0) + 1
    assert {year: int(row["events"]) for year, row in by_year.items()} == expected
    row = by_year[2026]
    assert (row["name_a"], row["name_b"]) == ("Japan", "South Korea")
    assert (row["cow_a"], row["cow_b"], row["gw_a"], row["gw_b"]) == ("740", "732", "740", "732")
    kinds = [event.kind for event in tl.events(between=("KR", "JP"), since="2026", until="2026")]
    assert int(row["summit"]) == kinds.count("summit")
    assert sum(int(row[kind]) for kind in PANEL_COLUMNS[10:23]) == int(row["events"])


def test_a_three_country_event_counts_in_each_pair(tl, run) -> None:
    rows = panel_rows(run, "--kind", "negotiation", "--since", "2025-05", "--until", "2025-05")
    pairs = {(row["side_a"], row["side_b"]) for row in rows if row["year"] == "2025"}
    assert {("JP", "KR"), ("CN", "KR"), ("CN", "JP")} <= pairs
    talks = next(row for row in rows if (row["side_a"], row["side_b"]) == ("CN", "JP"))
    assert talks["goldstein"] == "7.0" and talks["goldstein_events"] == "1"


def test_a_directed_panel_keeps_the_order_of_the_countries(tl, run) -> None:
    rows = panel_rows(run, "--kind", "negotiation", "--since", "2025-05", "--until", "2025-05",
                      "--directed")  # fmt: skip
    pairs = {(row["side_a"], row["side_b"]) for row in rows}
    assert {("KR", "JP"), ("KR", "CN"), ("JP", "CN")} <= pairs and ("JP", "KR") not in pairs


def test_polecat_events_are_scored_on_intensity_only(tl, run) -> None:
    rows = panel_rows(run, "--since", "2023-12", "--until", "2024-12")
    polecat = [event for event in tl.events(since="2023-12", until="2024-12") if event.plover]
    assert polecat
    assert sum(int(row["intensity_events"]) for row in rows) == sum(
        len(event.countries) * (len(event.countries) - 1) // 2 for event in polecat)  # fmt: skip


def test_fill_adds_zero_years_within_the_range_asked(tl, run) -> None:
    rows = panel_rows(run, "--between", "KR", "JP", "--since", "2020", "--until", "2026", "--fill")
    years = [int(row["year"]) for row in rows if (row["side_a"], row["side_b"]) == ("JP", "KR")]
    assert years == list(range(2020, 2027))
    empty = next(row for row in rows if row["year"] == "2021" and row["side_b"] == "KR")
    assert empty["events"] == "0" and empty["goldstein"] == "" and empty["cow_b"] == "732"
    unfilled = panel_rows(run, "--between", "KR", "JP", "--since", "2020", "--until", "2026")
    assert len(unfilled) < len(rows)


def test_an_open_start_counts_in_no_year(tl) -> None:
    panel = tl.dyad_years(country="SUHH")
    assert all(row[0] != "SUHH" and row[1] != "SUHH" for row in panel)


def test_organisations_and_former_states_get_their_numbers_or_none(tl) -> None:
    tl.add(date="2024-05-01", kind="meeting", title="EU and Korea", countries=["EU", "KR"],
           id="eu-kr")  # fmt: skip
    tl.add(date="1985-05-01", kind="meeting", title="Moscow and Seoul", countries=["SUHH", "KR"],
           id="su-kr")  # fmt: skip
    frame = tl.dyad_years(since="1985").to_pandas()
    eu = frame[(frame.side_a == "EU") & (frame.side_b == "KR")].iloc[0]
    assert pd.isna(eu.cow_a) and eu.cow_b == 732 and eu.name_a == "European Union"
    soviet = frame[(frame.side_a == "KR") & (frame.side_b == "SUHH")].iloc[0]
    assert soviet.cow_b == 365 and soviet.gw_b == 365 and soviet.year == 1985
    assert str(frame.cow_a.dtype) == "Int64"
    assert tl.dyad_years(since="1985").to_polars().height == len(frame)


def test_panel_options_are_for_panels_only(tl, run) -> None:
    for option in ("--directed", "--fill"):
        result = run("export", option)
        assert result.exit_code == 2
        assert "use it with --format dyad-year" in result.stderr
    with pytest.raises(timeline.OptionError, match="dyad-year"):
        tl.export("csv", io.StringIO(), fill=True)


def test_a_panel_to_a_file_says_rows(tl, run, tmp_path) -> None:
    out = tmp_path / "panel.csv"
    result = run("export", "-f", "dyad-year", "-o", str(out), "--country", "KR")
    assert result.exit_code == 0, result.stderr
    written = list(csv.reader(out.open(newline="", encoding="utf-8")))
    assert result.stderr.strip().startswith(f"Wrote {len(written) - 1} rows to")


def test_the_readme_notebook_flow_runs(tl, tmp_path, monkeypatch) -> None:
    pytest.importorskip("matplotlib")
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### DataFrames, panels and Parquet", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    exec(compile(code, "README.md", "exec"), {"tl": tl})
    assert (tmp_path / "kr-jp.png").stat().st_size > 10_000
    assert (tmp_path / "events.parquet").exists()
