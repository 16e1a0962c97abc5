"""Filters to SQL: a Query as the WHERE clause that selects its events, and the columns
of a flat export; pure functions without a connection, so each rule is tested alone."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from timeline.event_rows import encode_json
from timeline.model import CODE_FIELDS, FIELDS
from timeline.query import Query
from timeline.store.schema import COLUMNS, LIST_COLUMNS

# What `timeline show` prints of an event (render.Shown), in that order. The country list
# becomes `KR JP` by replacing text (codes need no escaping): a third of json_each's cost.
SHOWN_COLUMNS = (
    'id, date, "end", kind, status, title, '
    """replace(replace(replace(countries, '["', ''), '"]', ''), '", "', ' '), location"""
)


ID_IN = "id IN (SELECT value FROM json_each(?))"  # any number of ids, as one JSON array


def marks(values: Sequence[object]) -> str:
    return ", ".join("?" * len(values))


# A stored JSON list as "a; b". Where no item holds a quote (there is no backslash) the
# separators are replaced as text; otherwise the Python function json_joined parses it.
_JOINED = (
    'CASE WHEN "{0}" = \'[]\' THEN \'\' WHEN instr("{0}", char(92)) THEN json_joined("{0}") '
    'ELSE replace(substr("{0}", 3, length("{0}") - 4), \'", "\', \'; \') END'
)
# An event's JSON record, keys in `model.FIELDS` then `CODE_FIELDS` order (as
# `Event.to_dict()`), lists as lists; compact, as SQLite writes JSON.
JSON_RECORD = "json_object({})".format(
    ", ".join(
        f"'{name}', " + (f'json("{name}")' if name in LIST_COLUMNS else f'"{name}"')
        for name in (*FIELDS, *CODE_FIELDS)
    )
)
# The same with the span's first and last day after the codes: what frames are built from.
SPAN_RECORD = JSON_RECORD[:-1] + ", 'first_day', first_day, 'last_day', last_day)"


_FREE_TEXT = {"title", "location", "participants", "tags", "summary", "sources"}


_Clause = tuple[str, list[Any]]  # a condition and its parameters


def where_clause(query: Query) -> tuple[str, list[Any]]:
    """The WHERE clause of a query. Countries and tags go through their link tables, dates
    through first_day/last_day, words through FTS5; participants, and Korean, Japanese
    and Chinese words, are looked for in the rows themselves."""
    found = [*_by_country(query), *_by_fields(query), *_by_text(query)]
    clauses = [clause for clause, _ in found]
    params = [value for _, values in found for value in values]
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), params


def _by_country(query: Query) -> list[_Clause]:
    # The link table is keyed by (country, last_day), so a country with --since is one
    # range of it; the same bound is repeated there for that reason.
    since = query.since.isoformat() if query.since else ""
    found = []
    if query.countries:
        found.append((
            "id IN (SELECT event_id FROM event_countries "
            f"WHERE country IN ({marks(query.countries)}) AND last_day >= ?)",
            [*query.countries, since],
        ))  # fmt: skip
    if query.between:
        # Both link rows of an event share its last_day, so the second country is one
        # lookup by the whole key (three times faster than intersecting two id lists).
        first, second = query.between
        found.append((
            "id IN (SELECT a.event_id FROM event_countries AS a JOIN event_countries AS b "
            "ON b.country = ? AND b.last_day = a.last_day AND b.event_id = a.event_id "
            "WHERE a.country = ? AND a.last_day >= ?)",
            [second, first, since],
        ))  # fmt: skip
    return found


def _by_fields(query: Query) -> list[_Clause]:
    found: list[_Clause] = []
    if query.kinds:
        found.append((f"kind IN ({marks(query.kinds)})", [*query.kinds]))
    if query.since:  # spans overlap the range
        found.append(("last_day >= ?", [query.since.isoformat()]))
    if query.until:
        found.append(("first_day <= ?", [query.until.isoformat()]))
    if query.tags:
        tags = f"id IN (SELECT event_id FROM event_tags WHERE tag IN ({marks(query.tags)}))"
        found.append((tags, [*query.tags]))
    if query.statuses:
        found.append((f"status IN ({marks(query.statuses)})", [*query.statuses]))
    if query.over_by:  # took place: held, or without a status and over
        found.append((
            "(status = 'held' OR (status IS NULL AND last_day < ?))",
            [query.over_by.isoformat()],
        ))  # fmt: skip
    return found


# The years from an event to the anniversary `anniversary_select` gives it.
_YEARS = "(CAST(substr(anniversary, 1, 4) AS INTEGER) - CAST(substr(date, 1, 4) AS INTEGER))"


def anniversary_select(
    columns: str, query: Query, days: Mapping[str, tuple[str, int]], every: int | None
) -> tuple[str, list[Any]]:
    """The events of `query` dated to a day for sure (`1965-06-22`, not `1965-06-22~`)
    whose month and day is a key of `days`, each with the day its anniversary falls on
    and the days until it (the key's value), and the years since, at least 1 and a
    multiple of `every`: by that day, then by date and id. The window's days drive the
    lookup, one range each of `idx_events_day_of_year`, instead of a read of every row.
    `columns` may name the anniversary's `anniversary`, `days_until` and `years`."""
    where, params = where_clause(query)
    conditions = [where.removeprefix("WHERE ")] if where else []
    conditions += ["length(date) = 10", f"{_YEARS} >= 1"]  # the index's own condition first
    if every:
        conditions.append(f"{_YEARS} % ? = 0")
        params.append(every)
    sql = (
        "WITH window_days (month_day, anniversary, days_until) AS "
        "(SELECT key, value ->> 0, value ->> 1 FROM json_each(?)), "
        f"anniversaries AS (SELECT events.*, anniversary, days_until, {_YEARS} AS years "
        "FROM window_days JOIN events ON substr(date, 6) = month_day "
        f"WHERE {' AND '.join(conditions)}) "
        f"SELECT {columns} FROM anniversaries ORDER BY anniversary, first_day, id"
    )
    return sql, [encode_json(dict(days)), *params]


# Each anniversary as `select_anniversaries` gives it, by what is asked of it.
ANNIVERSARY_COLUMNS = {
    "event": f"{COLUMNS}, anniversary, days_until, years",
    "shown": f"{SHOWN_COLUMNS}, anniversary, days_until, years",
    "json": f"json_set({JSON_RECORD}, '$.days_until', days_until, '$.years', years)",
}


def _by_text(query: Query) -> list[_Clause]:
    found: list[_Clause] = []
    if query.participant:
        text = query.participant
        if any(not c.isascii() and c.lower() != c.upper() for c in text):
            # LIKE ignores the case of ASCII letters only: Лавров, ÉMILE need casefold
            found.append(("casefold_contains(participants, ?)", [text.casefold()]))
        else:
            pattern = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            found.append(("participants LIKE ? ESCAPE '\\'", [f"%{pattern}%"]))
    if query.search:
        match, anywhere = search_terms(query.search)
        if match:
            found.append(
                ("rowid IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)", [match])
            )
        found += [
            (
                "(instr(title, ?) OR instr(ifnull(summary, ''), ?) "
                "OR instr(ifnull(location, ''), ?) OR instr(participants, ?))",
                [word] * 4,
            )
            for word in anywhere
        ]
    return found


# Hangul, kana and Han characters (with their compatibility and half-width forms); a
# pattern, not compiled at import: compiling these ranges takes 5 ms that `show` would pay.
_CJK = (r"[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff"
        r"\uac00-\ud7a3\uf900-\ufaff\uff66-\uff9f]")  # fmt: skip


def search_terms(text: str) -> tuple[str | None, list[str]]:
    """The full-text query for the words, and the words to find anywhere in the text.

    Every word must match. Most match as a prefix of a word: `negotiat` finds
    `negotiation` (quoted, so FTS5 syntax in the text is not interpreted). Korean,
    Japanese and Chinese words match anywhere: the tokenizer sees a run of such text as
    one word (`日韓首脳会談`, `한일정상회담`), so `首脳` or `정상회담` would otherwise not
    be found."""
    words = re.findall(r"\w+", text)
    anywhere = [word for word in words if re.search(_CJK, word)]
    prefixes = [f'"{word}"*' for word in words if word not in anywhere]
    if prefixes:
        return " ".join(prefixes), anywhere
    return (None if anywhere else '""'), anywhere


def flat_columns(guard: str) -> tuple[str, list[str]]:
    """The columns of `Store.select_flat`: each field as text, in `model.FIELDS` order and
    then `model.CODE_FIELDS`, lists
    joined with "; ". A free-text cell that starts with one of the characters in `guard` gets
    a leading apostrophe (how CSV export keeps spreadsheets from running cells as formulas)."""
    columns: list[str] = []
    params: list[str] = []
    for name in (*FIELDS, *CODE_FIELDS):
        is_list = name in LIST_COLUMNS
        expression = _JOINED.format(name) if is_list else f'"{name}"'
        if guard and name in _FREE_TEXT:
            # A list's first item starts at the third character of its JSON (items are
            # trimmed, so none starts with an escaped character).
            first = f'substr("{name}", {3 if is_list else 1}, 1)'
            expression = (
                f"CASE WHEN {first} IN ({marks(guard)}) "
                f"THEN '''' || {expression} ELSE {expression} END"
            )
            params += list(guard)
        columns.append(expression)
    return ", ".join(columns), params
