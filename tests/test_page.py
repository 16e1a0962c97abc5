"""`timeline export --format html`, tested in a real browser: Debian's headless Chromium,
driven by Selenium. Without a browser the tests skip with the reason, unless
TIMELINE_BROWSER_TESTS=required (as `.ci/run` sets): then a missing browser fails."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture
def loaded(run) -> None:
    from conftest import SHIPPED

    assert run("load", str(SHIPPED)).exit_code == 0


def export_page(run, path: Path, *args: str) -> Path:
    result = run("export", "--format", "html", "-o", str(path), *args)
    assert result.exit_code == 0, result.output
    return path


def open_page(browser: Any, path: Path, fragment: str = "") -> str:
    browser.get(path.as_uri() + fragment)
    assert browser.execute_script("return document.documentElement.dataset.ready") == "true"
    return str(browser.execute_script("return document.body.innerText"))


def test_every_event_is_on_the_page(run, loaded, browser, tmp_path) -> None:
    page = export_page(run, tmp_path / "t.html")
    text = open_page(browser, page)
    for event in json.loads(run("show", "-f", "json").stdout):
        assert event["title"] in text
    assert "22 Jun 1965" in text and "2030" in text  # dates as `show` prints them
    assert "19 of 19 events" in text
    assert browser.get_log("browser") == []  # no console errors
    requests = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
    )
    assert requests == []  # no request leaves the page


def test_a_fragment_filters_the_view(run, loaded, browser, tmp_path) -> None:
    page = export_page(run, tmp_path / "t.html")
    text = open_page(browser, page, "#kind=summit&country=JP&since=2023&until=2026-01")
    expected = json.loads(
        run("show", "-f", "json", "-k", "summit", "-c", "JP", "--since", "2023",
            "--until", "2026-01").stdout
    )  # fmt: skip
    assert f"{len(expected)} of 19 events" in text
    for event in expected:
        assert event["title"] in text
    assert "Treaty on Basic Relations" not in text  # hidden elements are not in innerText
    search = open_page(browser, page, "#q=" + "首脳会談")  # Japanese in the summary
    assert "Lee Jae-myung and Sanae Takaichi hold a summit in Nara" in search


def test_the_chart_counts_what_stats_counts(run, loaded, browser, tmp_path) -> None:
    page = export_page(run, tmp_path / "t.html")
    open_page(browser, page, "#country=US")
    totals = json.loads(browser.find_element("id", "chart").get_attribute("data-totals"))
    stats = json.loads(run("stats", "-c", "US", "--format", "json").stdout)
    assert totals == {p["period"]: p["total"] for p in stats["periods"]}


HOSTILE = """\
- date: 2026-01-13
  kind: summit
  title: "</script><script>document.title='pwned';alert(1)</script>"
  countries: KR
  summary: "<img src=x onerror=\\"document.title='pwned'\\"> <b>bold</b>"
  sources: ["javascript:alert(1)", "https://example.org/a?b=<c>"]
"""


def test_hostile_text_is_shown_as_text_and_runs_nothing(run, write, browser, tmp_path) -> None:
    assert run("load", str(write("h.yaml", HOSTILE))).exit_code == 0
    page = export_page(run, tmp_path / "h.html", "--title", "<i>x</i>")
    text = open_page(browser, page)
    assert "</script><script>document.title='pwned';alert(1)</script>" in text
    assert "<img src=x onerror=" in text
    assert browser.title == "<i>x</i>"  # the title, as text
    assert browser.execute_script("return document.querySelectorAll('img, b, i').length") == 0
    links = browser.execute_script(
        "return [...document.querySelectorAll('.sources a')].map(a => [a.href, a.rel, a.text])"
    )
    assert links == [["https://example.org/a?b=%3Cc%3E", "noopener noreferrer", "example.org"]]
    assert browser.get_log("browser") == []
    assert "<script>alert" not in page.read_text(encoding="utf-8").split('id="data">')[1]


def test_chart_bars_lead_to_their_year_and_print_keeps_the_list(run, loaded, browser, tmp_path):
    page = export_page(run, tmp_path / "t.html")
    browser.set_window_size(1280, 600)
    open_page(browser, page)
    bar = browser.find_element("css selector", "#chart rect[data-period='2026']")
    bar.click()
    top = browser.execute_script(
        "return document.getElementById('y2026').getBoundingClientRect().top"
    )
    assert 0 <= top < 50  # scrolled to the year's heading
    focusable = browser.execute_script(
        "return [...document.querySelectorAll('#filters button, #filters input')]"
        ".every(e => e.tabIndex >= 0)"
    )
    assert focusable
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    hidden = browser.execute_script(
        "return ['filters', 'chart']"
        ".map(id => getComputedStyle(document.getElementById(id)).display)"
    )
    assert hidden == ["none", "none"]
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    browser.set_window_size(1280, 1000)


def test_approximate_and_uncertain_dates_read_as_show_prints_them(run, browser, tmp_path) -> None:
    for date, title in (("c. 1971", "Secret talks"), ("1972-02?", "Beijing summit")):
        run("add", "--date", date, "--title", title, "--kind", "meeting", "-c", "US,CN")
    run("add", "--date", "c. 4 Jul 1971", "--end", "1971-07-11", "--title", "Trip",
        "--kind", "visit", "-c", "US,CN")  # fmt: skip
    page = export_page(run, tmp_path / "q.html")
    text = open_page(browser, page)
    assert "c. 1971" in text and "Feb 1972?" in text and "c. 4 Jul 1971 – 11 Jul 1971" in text
    assert "3 of 3 events" in text
    assert browser.get_log("browser") == []
    november = open_page(browser, page, "#since=1971-11&until=1971-11")  # by the extent
    assert "1 of 3 events" in november and "Secret talks" in november


def test_every_part_of_a_calendar_reads_as_show_prints_it(run, browser, tmp_path) -> None:
    from test_dates_kept import PARTS

    for number, (written, *_) in enumerate(PARTS):
        run("add", "--date", written, "--title", f"T{number}", "--kind", "meeting", "-c", "JP")
    page = export_page(run, tmp_path / "parts.html")
    text = open_page(browser, page)
    assert browser.get_log("browser") == []
    when = browser.execute_script(
        "return [...document.querySelectorAll('li.event time')].map((t) => t.textContent)"
    )
    assert sorted(when) == sorted(shown for _, _, shown, *_ in PARTS)
    assert "Before 1994\n" in text and "Before Mar 1994\n" in text
    # the extent decides: late 1971 overlaps November 1971, early 1971 does not
    november = open_page(browser, page, "#since=1971-11&until=1971-11")
    expected = {
        f"T{number}"
        for number, (*_, first, last) in enumerate(PARTS)
        if first <= "1971-11-30" and last >= "1971-11-01"
    }
    titles = "return [...document.querySelectorAll('li.event .title')]"
    shown_titles = set(browser.execute_script(titles + ".map((t) => t.firstChild.textContent)"))
    assert shown_titles == expected and "T10" in expected and "T8" not in expected
    assert f"{len(expected)} of {len(PARTS)} events" in november


def test_headings_are_those_show_prints(run, browser, tmp_path) -> None:
    from test_show import UNEVEN, headings

    for date, title in UNEVEN:
        run("add", "--date", date, "--title", title, "--kind", "call", "-c", "JP")
    text = open_page(browser, export_page(run, tmp_path / "uneven.html"))
    drawn = browser.execute_script(
        "return [...document.querySelectorAll('#timeline h2, #timeline h3')]"
        ".map((h) => h.textContent)"
    )
    assert drawn == headings(run("show").stdout) and "Not dated to a month" in text


def test_the_chart_labels_years_as_space_allows_and_marks_today(run, loaded, browser, tmp_path):
    page = export_page(run, tmp_path / "t.html")
    for width, fewest in ((1280, 10), (390, 4)):
        browser.set_window_size(width, 900)
        open_page(browser, page)
        ticks = browser.execute_script(
            "return [...document.querySelectorAll('#chart .axis span')]"
            ".map(s => [s.textContent, s.getBoundingClientRect().left,"
            " s.getBoundingClientRect().right])"
        )
        years = [int(text) for text, _, _ in ticks]
        assert len(years) >= fewest and years == sorted(years)
        step = years[1] - years[0]
        assert all(b - a == step for a, b in itertools.pairwise(years))
        assert all(right < left for (_, _, right), (_, left, _) in itertools.pairwise(ticks))
        assert all(left >= 0 and right <= width for _, left, right in ticks)  # none cut off
    browser.set_window_size(1280, 1000)
    open_page(browser, page)
    this_year = browser.execute_script("return new Date().getFullYear()")
    marks = browser.execute_script("return document.querySelectorAll('#chart line.today').length")
    assert marks == (1 if 1965 <= this_year <= 2030 else 0)  # the shipped data's range


def test_a_bar_says_its_year_and_counts_on_hover_and_focus(run, loaded, browser, tmp_path) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    page = export_page(run, tmp_path / "t.html")
    open_page(browser, page)
    tip = "return document.querySelector('#chart .tip')"
    assert browser.execute_script(tip + ".hidden")
    bar = browser.find_element("css selector", "#chart rect[data-period='2025']")
    ActionChains(browser).move_to_element(bar).perform()
    assert browser.execute_script(tip + ".hidden") is False
    assert browser.execute_script(tip + ".textContent") == "2025: 4 events (3 summit, 1 economic)"
    browser.execute_script("document.querySelector(\"#chart rect[data-period='1998']\").focus()")
    assert browser.execute_script(tip + ".textContent") == "1998: 1 event (1 agreement)"


def test_the_date_boxes_hold_no_value_that_looks_real(run, loaded, browser, tmp_path) -> None:
    import re

    open_page(browser, export_page(run, tmp_path / "t.html"))
    for box in ("since", "until"):
        placeholder = browser.find_element("id", box).get_attribute("placeholder")
        assert placeholder == "YYYY or YYYY-MM" and not re.search(r"\d", placeholder)


def test_a_description_and_a_credit_preview_a_shared_link(run, loaded, browser, tmp_path) -> None:
    said = 'Sixty years of "shuttle diplomacy" <b>'
    page = export_page(run, tmp_path / "t.html", "--title", "Korea & Japan", "--description", said,
                       "--credit", "By the Asia desk")  # fmt: skip
    text = open_page(browser, page)
    assert 'Korea & Japan\n\nSixty years of "shuttle diplomacy" <b>\n\nBy the Asia desk\n' in text
    meta = browser.execute_script(
        "return Object.fromEntries([...document.querySelectorAll('meta[name], meta[property]')]"
        ".map(m => [m.getAttribute('name') || m.getAttribute('property'), m.content]))"
    )
    assert meta["description"] == meta["og:description"] == meta["twitter:description"] == said
    assert meta["og:title"] == meta["twitter:title"] == "Korea & Japan"
    assert meta["og:type"] == "website" and meta["twitter:card"] == "summary"
    bare = export_page(run, tmp_path / "bare.html", "-c", "JP")
    open_page(browser, bare)
    described = browser.execute_script(
        "return document.querySelector('meta[name=description]').content"
    )
    assert described == "Japan: dated events between countries, exported by timeline"
    assert (
        browser.execute_script("return document.querySelectorAll('.description, .credit').length")
        == 0
    )


def downloaded(browser, folder: Path, name: str) -> bytes:
    """The file the page's download link gives, as the browser saves it."""
    import time

    folder.mkdir()
    browser.execute_cdp_cmd(
        "Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(folder)}
    )
    browser.find_element("id", "download").click()
    target = folder / name
    for _ in range(100):
        if target.exists() and target.stat().st_size:
            break
        time.sleep(0.05)
    return target.read_bytes()


def test_the_csv_download_is_the_export_of_the_shown_events(run, loaded, browser, tmp_path) -> None:
    page = export_page(run, tmp_path / "t.html", "--title", "Korea desk")
    text = open_page(browser, page, "#country=US")
    assert "Download these as CSV" in text
    csv = downloaded(browser, tmp_path / "downloads", "korea-desk.csv")
    exported = tmp_path / "exported.csv"
    assert run("export", "-c", "US", "-o", str(exported)).exit_code == 0
    assert csv == exported.read_bytes()  # byte for byte, CRLF and all
    assert browser.get_log("browser") == []
    assert (
        browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
        == []
    )  # the file was made in the page


def test_a_link_to_one_event_draws_up_to_it(run, browser, tmp_path, write) -> None:
    lines = [
        f'{{"id": "e{i:05d}", "date": "{1900 + i // 200}-01-01", "kind": "meeting", '
        f'"title": "Meeting {i}", "countries": ["KR", "JP"]}}'
        for i in range(20_000)
    ]
    assert run("load", str(write("many.jsonl", "\n".join(lines)))).exit_code == 0
    page = export_page(run, tmp_path / "many.html")
    text = open_page(browser, page, "#e-e17000")
    assert "20,000 of 20,000 events" in text
    place = browser.execute_script(
        "const e = document.getElementById('e-e17000');"
        "return e && [e.getBoundingClientRect().top, innerHeight, e.classList.contains('target')]"
    )
    assert place and 0 <= place[0] < place[1] and place[2]
    drawn = browser.execute_script("return document.querySelectorAll('li.event').length")
    assert 17_000 < drawn < 20_000  # drawn up to it, not the whole page


def test_korean_breaks_at_spaces_and_japanese_between_phrases(run, browser, tmp_path) -> None:
    for title in ("이재명 대통령, 트럼프 대통령과 백악관에서 첫 한미 정상회담",
                  "高市早苗首相と李在明大統領が奈良で首脳会談"):  # fmt: skip
        run("add", "--date", "2026-01-13", "--title", title, "--kind", "summit", "-c", "KR,JP")
    page = export_page(run, tmp_path / "cjk.html", "--description", "셔틀 외교의 60년")
    open_page(browser, page)
    said = browser.execute_script(
        "return [...document.querySelectorAll('.title, .description')].map(e => [e.lang,"
        " getComputedStyle(e).wordBreak])"
    )
    assert ["ko", "keep-all"] in said and ["ja", "auto-phrase"] in said


def test_a_merged_event_says_how_many_report_it(run, browser, tmp_path) -> None:
    """The page counts events, not rows, and says how many rows and articles report one;
    its CSV download carries the codes and counts as `export` writes them (an intensity
    of 1.0 as `1.0`)."""
    data = Path(__file__).parent / "data"
    assert run("import", "gdelt", str(data / "gdelt-day.export.CSV")).exit_code == 0
    assert run("import", "polecat", str(data / "polecat-weekly.txt")).exit_code == 0
    page = export_page(run, tmp_path / "day.html")
    text = open_page(browser, page, "#country=JP").replace("\u00a0", " ")  # 11 rows, unbroken
    assert "KR South Korea, JP Japan · Nara, Nara, Japan · 11 rows, 69 articles" in text
    assert "· 1 row" not in text  # an event of one row says nothing
    csv = downloaded(browser, tmp_path / "downloads", "timeline.csv")
    exported = tmp_path / "exported.csv"
    assert run("export", "-c", "JP", "-o", str(exported)).exit_code == 0
    assert csv == exported.read_bytes()
    assert b",CONSULT/visit,1.0,1,1\r\n" in exported.read_bytes()
    assert browser.get_log("browser") == []
