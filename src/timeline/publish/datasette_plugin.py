"""A Datasette plugin for timeline stores. Every database Datasette serves that is a
timeline store, whatever its file is called, gets the metadata in `metadata.json` (titles,
column descriptions, sort, facets, full-text search, internal tables hidden), and the
events table's list columns (countries, participants, tags, sources), stored as JSON
arrays, are shown as lists, with sources that are web addresses as links.

Installed with `pip install 'timeline[datasette]'` it is found through the `datasette`
entry point; for `datasette publish` pass this folder as `--plugins-dir`. So it imports
nothing of timeline's: the published copy has Datasette but not timeline."""

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from datasette import hookimpl as _marker
from markupsafe import Markup, escape

_Hook = TypeVar("_Hook", bound=Callable[..., object])
hookimpl: Callable[[_Hook], _Hook] = _marker  # pluggy's marker, untyped

LIST_COLUMNS = frozenset({"countries", "participants", "tags", "sources"})
# Tables only a timeline store has together (its schema's migrations create them).
_MARKS = frozenset({"events", "event_countries", "tally_months", "sources"})
_METADATA = json.loads((Path(__file__).parent / "metadata.json").read_text(encoding="utf-8"))
_seen: dict[tuple[str, int], bool] = {}  # (path, mtime_ns) -> is a timeline store


@hookimpl
def get_metadata(datasette: Any) -> dict[str, Any]:
    ours = {name: _METADATA["database"] for name, db in datasette.databases.items()
            if _is_timeline_store(db.path)}  # fmt: skip
    if not ours:
        return {}
    return {"title": _METADATA["title"], "description_html": _METADATA["description_html"],
            "databases": ours}  # fmt: skip


@hookimpl
def render_cell(value: object, column: str, table: str | None) -> Markup | None:
    if table != "events" or column not in LIST_COLUMNS or not isinstance(value, str):
        return None
    try:
        items = json.loads(value)
    except ValueError:
        return None
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        return None
    shown = [_link(item) if column == "sources" else escape(item) for item in items]
    return Markup(", ").join(shown)


def _is_timeline_store(path: str | None) -> bool:
    """Whether the database file has a timeline store's tables; asked once per version of
    the file, since Datasette asks for metadata on every request."""
    if path is None:
        return False
    try:
        key = (path, Path(path).stat().st_mtime_ns)
    except OSError:
        return False
    if key not in _seen:
        try:
            with sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True) as conn:
                names = {n for (n,) in conn.execute("SELECT name FROM sqlite_master")}
            conn.close()
        except sqlite3.Error:
            names = set()
        _seen[key] = names >= _MARKS
    return _seen[key]


def _link(text: str) -> Markup:
    if text.startswith(("https://", "http://")):
        return Markup('<a href="{0}" rel="nofollow noopener">{0}</a>').format(text)
    return escape(text)
