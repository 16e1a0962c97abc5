"""Publishing with Datasette: a real Datasette server, started on 127.0.0.1 with the
shipped metadata and plugin (datasette/) against a store built from the shipped events,
answers search, facets and sorting through its JSON API, hides the internal tables and
shows the list columns as lists."""

from __future__ import annotations

import json
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT, SHIPPED

METADATA = ROOT / "datasette" / "metadata.json"
PLUGINS = ROOT / "datasette" / "plugins"


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A Datasette server on 127.0.0.1 serving `timeline.db`, stopped at the end."""
    folder = tmp_path_factory.mktemp("publish")
    store = folder / "timeline.db"  # the name the metadata describes
    subprocess.run(
        [sys.executable, "-m", "timeline", "--db", str(store), "load", str(SHIPPED)],
        check=True,
        capture_output=True,
    )
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "datasette",
            "serve",
            "--immutable",
            str(store),
            "--metadata",
            str(METADATA),
            "--plugins-dir",
            str(PLUGINS),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{base}/-/versions.json", timeout=2).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    said = server.stderr.read().decode() if server.stderr else ""
                    raise AssertionError(f"Datasette did not start: {said}") from None
                time.sleep(0.2)
        yield base, store
    finally:
        server.terminate()
        server.wait(timeout=10)
    # Stopped by the terminate above, not crashed on the way (a crash exits 1).
    assert server.returncode in (0, -signal.SIGTERM), server.returncode


def get(base: str, path: str, **query: str | list[str]) -> dict:
    url = f"{base}{path}?{urllib.parse.urlencode(query, doseq=True)}"
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


def test_full_text_search(published) -> None:
    base, _ = published
    found = get(base, "/timeline/events.json", _search="Nara", _shape="objects")["rows"]
    assert {r["id"] for r in found} == {"2026-lee-takaichi-nara-summit", "2026-lee-visit-japan"}
    korean = get(base, "/timeline/events.json", _search="정상회담", _shape="objects")["rows"]
    assert "2026-lee-takaichi-nara-summit" in {r["id"] for r in korean}


def test_facets_on_kind_status_and_the_countries_array(published) -> None:
    base, store = published
    data = get(base, "/timeline/events.json", _facet_array="countries", _shape="objects")
    facets = data["facet_results"]
    assert {"kind", "status", "countries"} <= set(facets)  # kind and status by default
    shown = {r["value"]: r["count"] for r in facets["countries"]["results"]}
    with sqlite3.connect(store) as conn:
        stored = dict(conn.execute("SELECT country, count(*) FROM event_countries GROUP BY 1"))
    assert shown == stored
    kinds = {r["value"]: r["count"] for r in facets["kind"]["results"]}
    assert sum(kinds.values()) == data["filtered_table_rows_count"] == 19


def test_sorted_by_date_newest_first(published) -> None:
    base, _ = published
    rows = get(base, "/timeline/events.json", _shape="objects", _size="max")["rows"]
    days = [r["first_day"] for r in rows]
    assert days == sorted(days, reverse=True) and len(days) == 19


def test_internal_tables_are_hidden(published) -> None:
    base, store = published
    tables = {t["name"]: t["hidden"] for t in get(base, "/timeline.json")["tables"]}
    assert tables.pop("events") is False
    with sqlite3.connect(store) as conn:
        internal = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert set(tables) == internal - {"events"} and all(tables.values())


def test_list_columns_show_as_lists(published) -> None:
    base, _ = published
    with urllib.request.urlopen(f"{base}/timeline/events/2026-lee-visit-japan", timeout=10) as r:
        page = r.read().decode()
    assert ">KR, JP<" in page and "[&#34;KR&#34;" not in page and '["KR"' not in page
    # The JSON API gives them as lists when asked (_json), as Datasette documents.
    row = get(base, "/timeline/events/2026-lee-visit-japan.json", _shape="objects",
              _json=["countries", "participants"])["rows"][0]  # fmt: skip
    assert row["countries"] == ["KR", "JP"] and row["participants"] == ["Lee Jae-myung"]


def test_the_metadata_describes_every_column(tmp_path) -> None:
    """The shipped metadata keeps up with the schema: every column of `events` described,
    every other table hidden."""
    from timeline.store import Store
    from timeline.store.schema import EVENT_COLUMNS

    metadata = json.loads(METADATA.read_text(encoding="utf-8"))
    tables = metadata["databases"]["timeline"]["tables"]
    assert list(tables["events"]["columns"]) == list(EVENT_COLUMNS)
    store = Store(tmp_path / "timeline.db")
    names = {n for (n,) in store.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {n for n, t in tables.items() if t.get("hidden")} == names - {"events"}
