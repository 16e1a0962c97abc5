"""`timeline export --format html`, tested in a real browser: Debian's headless Chromium,
driven by Selenium. Without a browser the tests skip with the reason, unless
TIMELINE_BROWSER_TESTS=required (as `.ci/run` sets): then a missing browser fails."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REQUIRED = os.environ.get("TIMELINE_BROWSER_TESTS") == "required"


def _missing() -> str | None:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    for program in ("chromium", "chromedriver"):
        if shutil.which(program) is None:
            return f"{program} is not installed (apt-get install chromium chromium-driver)"
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    missing = _missing()
    if missing:
        if REQUIRED:
            pytest.fail(f"browser tests are required here, but {missing}")
        pytest.skip(missing)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or ""
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    driver.set_window_size(1280, 1000)
    yield driver
    driver.quit()


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
        "return [...document.querySelectorAll('a')].map(a => [a.href, a.rel])"
    )
    assert links == [["https://example.org/a?b=%3Cc%3E", "noopener noreferrer"]]
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
