"""Publishing with Datasette: a real Datasette server, started on 127.0.0.1 with nothing but
the installed package (its `datasette` entry point brings the metadata and the plugin of
timeline.publish) against a store built from the shipped events and named as a user
might, answers search, facets and sorting through its JSON API, hides the internal tables
and shows the list columns as lists."""

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

from conftest import SHIPPED
from timeline.publish import datasette_plugin

METADATA = Path(datasette_plugin.__file__).parent / "metadata.json"
NAME = "asia-desk"  # any file name: the plugin knows a store by its tables


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A Datasette server on 127.0.0.1 serving a store and a database that is not one,
    stopped at the end."""
    folder = tmp_path_factory.mktemp("publish")
    store = folder / f"{NAME}.db"
    with sqlite3.connect(folder / "other.db") as other:
        other.execute("CREATE TABLE events (id TEXT)")
    other.close()
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
            str(folder / "other.db"),
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
    found = get(base, f"/{NAME}/events.json", _search="Nara", _shape="objects")["rows"]
    assert {r["id"] for r in found} == {"2026-lee-takaichi-nara-summit", "2026-lee-visit-japan"}
    korean = get(base, f"/{NAME}/events.json", _search="정상회담", _shape="objects")["rows"]
    assert "2026-lee-takaichi-nara-summit" in {r["id"] for r in korean}


def test_facets_on_kind_status_and_the_countries_array(published) -> None:
    base, store = published
    data = get(base, f"/{NAME}/events.json", _facet_array="countries", _shape="objects")
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
    rows = get(base, f"/{NAME}/events.json", _shape="objects", _size="max")["rows"]
    days = [r["first_day"] for r in rows]
    assert days == sorted(days, reverse=True) and len(days) == 19


def test_internal_tables_are_hidden(published) -> None:
    base, store = published
    tables = {t["name"]: t["hidden"] for t in get(base, f"/{NAME}.json")["tables"]}
    assert tables.pop("events") is False
    with sqlite3.connect(store) as conn:
        internal = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert set(tables) == internal - {"events"} and all(tables.values())


def test_list_columns_show_as_lists(published) -> None:
    base, _ = published
    with urllib.request.urlopen(f"{base}/{NAME}/events/2026-lee-visit-japan", timeout=10) as r:
        page = r.read().decode()
    assert ">KR, JP<" in page and "[&#34;KR&#34;" not in page and '["KR"' not in page
    # The JSON API gives them as lists when asked (_json), as Datasette documents.
    row = get(base, f"/{NAME}/events/2026-lee-visit-japan.json", _shape="objects",
              _json=["countries", "participants"])["rows"][0]  # fmt: skip
    assert row["countries"] == ["KR", "JP"] and row["participants"] == ["Lee Jae-myung"]


def test_the_metadata_describes_every_column(tmp_path) -> None:
    """The shipped metadata keeps up with the schema: every column of `events` described,
    every other table hidden."""
    from timeline.store import Store
    from timeline.store.schema import EVENT_COLUMNS

    metadata = json.loads(METADATA.read_text(encoding="utf-8"))
    tables = metadata["database"]["tables"]
    assert list(tables["events"]["columns"]) == list(EVENT_COLUMNS)
    store = Store(tmp_path / "timeline.db")
    names = {n for (n,) in store.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {n for n, t in tables.items() if t.get("hidden")} == names - {"events"}


def test_only_timeline_stores_get_the_metadata(published) -> None:
    base, _ = published
    said = get(base, "/-/metadata.json")
    assert said["databases"].keys() == {NAME}
    assert said["databases"][NAME]["tables"]["events"]["sort_desc"] == "first_day"
    other = {t["name"]: t["hidden"] for t in get(base, "/other.json")["tables"]}
    assert other == {"events": False}


def test_the_plugin_knows_the_list_columns_and_kinds() -> None:
    """The plugin imports nothing of timeline's (a published copy has only Datasette), so
    what it repeats of the schema is checked here."""
    from timeline.kinds import KINDS, STATUSES
    from timeline.store.schema import LIST_COLUMNS

    assert datasette_plugin.LIST_COLUMNS == LIST_COLUMNS
    columns = json.loads(METADATA.read_text(encoding="utf-8"))["database"]["tables"]["events"]
    described = columns["columns"]
    assert all(k in described["kind"] for k in KINDS)
    assert all(s in described["status"] for s in STATUSES)
    source = Path(datasette_plugin.__file__).read_text(encoding="utf-8")
    assert "from timeline" not in source and "import timeline" not in source
