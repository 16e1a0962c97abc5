"""A Datasette plugin for timeline stores: the events table's list columns (countries,
participants, tags, sources), stored as JSON arrays, shown as lists instead of JSON text,
and sources that are web addresses as links. Load it with `--plugins-dir datasette/plugins`
(for `datasette serve` and `datasette publish` alike)."""

import json

from datasette import hookimpl
from markupsafe import Markup, escape

LIST_COLUMNS = {"countries", "participants", "tags", "sources"}


@hookimpl
def render_cell(value, column, table):  # type: ignore[no-untyped-def]
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


def _link(text: str) -> Markup:
    if text.startswith(("https://", "http://")):
        return Markup('<a href="{0}" rel="nofollow noopener">{0}</a>').format(text)
    return escape(text)
