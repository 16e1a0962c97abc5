"""What a notebook shows (`_repr_html_`): events and stats as tables, every value escaped,
and the page inline in an iframe whose document keeps its own Content-Security-Policy."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import pytest

import timeline
from conftest import SHIPPED
from timeline.notebook import SHOWN

TODAY = dt.date(2026, 3, 1)


@pytest.fixture
def tl(db: Path) -> timeline.Timeline:
    opened = timeline.open(db, today=TODAY)
    opened.load(SHIPPED)
    return opened


def test_events_show_as_a_table_with_every_value_escaped(tl) -> None:
    tl.add(date="2026-02-01", kind="call", title="<script>alert('x')</script> & co",
           countries=["KR", "JP"], id="hostile")  # fmt: skip
    events = tl.events(country="KR")
    assert isinstance(events, list) and events[0].id  # still the list it was
    table = events._repr_html_()
    assert table.startswith("<table") and f"{len(events)} events" in table
    assert "<script>" not in table
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; co" in table
    assert "1 Feb 2026" in table and "KR JP" in table


def test_a_long_list_shows_its_first_rows_and_says_so(tl) -> None:
    for n in range(SHOWN + 10):
        tl.add(date=f"2025-01-{n % 28 + 1:02d}", kind="meeting", title=f"Meeting {n}",
               countries=["FR"], id=f"m{n}")  # fmt: skip
    table = tl.events(country="FR")._repr_html_()
    assert f"{SHOWN + 10} events (the first {SHOWN} shown)" in table
    assert table.count("<tr>") == SHOWN + 1  # and the head


def test_stats_show_their_periods(tl) -> None:
    stats = tl.stats(country="KR", by="year")
    table = stats._repr_html_()
    assert "<th>period</th>" in table and "<th>goldstein</th>" in table
    for period in stats.periods[:SHOWN]:
        assert f"<td>{period.label}</td><td>" in table


def test_the_page_shows_inline_with_its_policy(tl, tmp_path, browser) -> None:
    page = tl.page(country="JP", title="Japan <desk>")
    exported = tmp_path / "japan.html"
    tl.export("html", exported, country="JP", title="Japan <desk>")
    assert page.html == exported.read_text(encoding="utf-8")
    frame = page._repr_html_()
    assert frame.startswith('<iframe srcdoc="') and 'sandbox="allow-scripts"' in frame
    assert (
        "Content-Security-Policy" in html.unescape(frame) and "<script" not in frame.split('"')[1]
    )
    # As a notebook's output cell: the page draws its events inside the frame.
    cell = tmp_path / "cell.html"
    cell.write_text(f"<!doctype html><meta charset=utf-8><body>{frame}</body>", encoding="utf-8")
    browser.get(cell.as_uri())
    browser.switch_to.frame(browser.find_element("tag name", "iframe"))
    text = browser.execute_script("return document.body.innerText")
    assert "Japan <desk>" in text
    for event in tl.events(country="JP")[:3]:
        assert event.title in text
    browser.switch_to.default_content()
    assert browser.get_log("browser") == []
