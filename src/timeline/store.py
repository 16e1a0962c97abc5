"""The SQLite store: schema and migrations, upserts, removals and queries.

The only importer of sqlite_utils, which builds and migrates the schema. Reads and bulk
writes go through the connection directly: they are the hot paths, and `timeline show`
should not pay for importing sqlite_utils.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from timeline.dates import PartialDate
from timeline.errors import FileError, StoreError, TimelineError, shown_path
from timeline.model import FIELDS, Event
from timeline.query import Query

ENV_VAR = "TIMELINE_DB"
BUSY_TIMEOUT_SECONDS = 30.0  # concurrent writers wait for each other this long
_ID_IN = "id IN (SELECT value FROM json_each(?))"  # any number of ids, as one JSON array
_SCAN_ORDER_ABOVE = 2_000  # matches above which `--limit` walks the order index

# The event's fields, with the span's first and last day (what queries filter and sort on),
# where it was loaded from, and its CAMEO code.
EVENT_COLUMNS = (*FIELDS[:3], "first_day", "last_day", *FIELDS[3:], "origin", "cameo")


_COLUMNS = ", ".join(f'"{c}"' for c in EVENT_COLUMNS)
FTS_COLUMNS = ("title", "summary", "location", "participants")
_FTS_COLUMNS = ", ".join(FTS_COLUMNS)
# Where in a row the searched text is, and what the link tables are made from.
_TEXT_AT = [EVENT_COLUMNS.index(c) for c in FTS_COLUMNS]
_LINKS_AT = [EVENT_COLUMNS.index(c) for c in ("last_day", "countries", "tags")]
# The tallies of all events that `stats` reads, and what each counts events by.
_TALLIES = {
    "tally_months": "substr(first_day, 1, 7), kind, ifnull(cameo, '')",
    "tally_country_lists": "countries",
}


def open_store(path: Path | None = None) -> Store:
    """The store at `path` (`--db`), else at $TIMELINE_DB, else in the user data directory,
    which is created on first use."""
    if path is not None:
        return Store(path)
    env = os.environ.get(ENV_VAR)
    if env:
        return Store(Path(env))
    from platformdirs import user_data_path

    return Store(user_data_path("timeline") / "timeline.db", create_parent=True)


class Source(NamedTuple):
    """A remembered file: the version last loaded, and a later version that did not load."""

    path: str
    size: int
    mtime_ns: int
    sha256: str
    loaded_at: str
    problem: str | None
    problem_size: int | None
    problem_mtime_ns: int | None


@dataclass
class Counts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0

    def __iadd__(self, other: Counts) -> Counts:
        self.added += other.added
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.removed += other.removed
        return self

    def __str__(self) -> str:
        text = f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged"
        return text + (f", {self.removed} removed" if self.removed else "")


class Store:
    """An open timeline database, migrated to the current schema."""

    def __init__(self, path: Path, *, create_parent: bool = False) -> None:
        self.path = path
        if create_parent:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise FileError(path.parent, error, "create the data directory") from None
        elif not path.parent.is_dir():
            parent = shown_path(path.parent)
            why = (
                f"{parent} is a file, not a directory"
                if path.parent.exists()
                else f"the directory {parent} does not exist"
            )
            raise StoreError(f"cannot open the database {shown_path(path)}: {why}")
        try:
            self.conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
            # In WAL mode NORMAL syncs at checkpoints, not at every commit: a crash of the
            # process loses nothing; a power cut can lose the last commit, never corrupt.
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.conn.execute("PRAGMA threads = 1")  # large sorts use a second core
            self.conn.create_function(
                "casefold_contains", 2, _casefold_contains, deterministic=True
            )
            self._migrate()
        except sqlite3.DatabaseError as error:
            raise _store_error(error, path) from None

    def close(self) -> None:
        self.conn.close()

    # --- schema --------------------------------------------------------------------------

    def _migrate(self) -> None:
        version = self._user_version()
        if version == len(_MIGRATIONS):
            return
        if version > len(_MIGRATIONS):
            raise StoreError(
                f"the database {self.path} was written by a newer timeline (schema "
                f"{version}, this one knows {len(_MIGRATIONS)}); upgrade timeline to use it"
            )
        # WAL lets readers go on while one process writes; it must be set outside a transaction.
        self.conn.execute("PRAGMA journal_mode=WAL")
        with self.transaction():
            import sqlite_utils

            db = sqlite_utils.Database(self.conn, execute_plugins=False)
            for number in range(self._user_version(), len(_MIGRATIONS)):  # another may have run
                _MIGRATIONS[number](db)
                self.conn.execute(f"PRAGMA user_version = {number + 1}")

    def _user_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing. IMMEDIATE takes the write lock up front, so that two writers
        queue on the busy timeout instead of failing on a lock upgrade."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")
        except sqlite3.Error as error:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise _store_error(error, self.path) from None

    # --- writes --------------------------------------------------------------------------

    def upsert(self, events: Sequence[Event], origin: str | None) -> Counts:
        """Insert new events and update changed ones; call inside `transaction()`."""
        rows = [_row(event, origin) for event in events]
        existing = self._rows_by_id([row[0] for row in rows]) if self.has_events() else {}
        # New rows go in in display order, so that reading in that order (show, export)
        # walks the table front to back instead of jumping around it.
        added = sorted(
            (row for row in rows if row[0] not in existing),
            key=lambda row: (row[3], len(row[1]), row[0]),
        )
        changed = [row for row in rows if row[0] in existing and existing[row[0]] != row]
        changed_ids = [row[0] for row in changed]
        counts = Counts(added=len(added), updated=len(changed))
        counts.unchanged = len(rows) - counts.added - counts.updated
        # Text and links are redone only where they changed: re-loading many events with
        # one new field (their file, a status) leaves the full-text index alone.
        retexted = [r[0] for r in changed if _differ(existing[r[0]], r, _TEXT_AT)]
        relinked = [r[0] for r in changed if _differ(existing[r[0]], r, _LINKS_AT)]

        self._for_ids(retexted, self._unindex_text)
        self._for_ids(changed_ids, self._tally_out)
        self._for_ids(relinked, self._unlink)
        assignments = ", ".join(f'"{c}" = ?' for c in EVENT_COLUMNS[1:])
        self.conn.executemany(
            f"UPDATE events SET {assignments} WHERE id = ?", [(*r[1:], r[0]) for r in changed]
        )
        self._for_ids(retexted, self._index_text)
        self._for_ids(changed_ids, self._tally_in)
        self._for_ids(relinked, self._link)
        # New rows get rowids above the current maximum, so one statement covers them all.
        (last_rowid,) = self.conn.execute("SELECT coalesce(max(rowid), 0) FROM events").fetchone()
        self.conn.executemany(
            f"INSERT INTO events ({_COLUMNS}) VALUES ({_marks(EVENT_COLUMNS)})", added
        )
        for step in (self._index_text, self._tally_in, self._link):
            step("rowid > ?", [last_rowid])
        if changed:
            self._drop_empty_tallies()
        return counts

    def add(self, event: Event, *, replace: bool = False) -> None:
        """Store one new event; an existing id is an error unless `replace`."""
        with self.transaction():
            if not replace and self._rows_by_id([event.id]):
                raise TimelineError(
                    f"an event with id {event.id!r} already exists; use --replace to overwrite"
                    " it, or --id to choose another id"
                )
            self.upsert([event], None)

    def prune(self, origin: str, keep: Iterable[str]) -> int:
        """Remove the events an earlier load of `origin` stored that are not in `keep`."""
        keep_ids = set(keep)
        stale = [
            event_id
            for (event_id,) in self.conn.execute(
                "SELECT id FROM events WHERE origin = ?", (origin,)
            )
            if event_id not in keep_ids
        ]
        self._delete(stale)
        return len(stale)

    def remove(self, ids: Sequence[str]) -> None:
        """Remove events by id, all or none: an unknown id removes nothing."""
        wanted = list(dict.fromkeys(ids))
        with self.transaction():  # checked and removed under one lock
            found = self._rows_by_id(wanted)
            unknown = [i for i in wanted if i not in found]
            if unknown:
                listed = ", ".join(repr(i) for i in unknown)
                raise TimelineError(f"no event with id {listed}; nothing was removed")
            self._delete(wanted)

    def _delete(self, ids: list[str]) -> None:
        for step in (self._unindex_text, self._tally_out, self._unlink):
            self._for_ids(ids, step)
        self._drop_empty_tallies()
        self.conn.execute(f"DELETE FROM events WHERE {_ID_IN}", [_encode_json(ids)])

    # What is derived from the rows of `events` (the full-text index, the tallies, the link
    # tables) is kept in step here, by SQLite, a whole load in one statement each: several
    # times faster than triggers, which work row by row. Rows are taken out before they
    # change or go, and put in after they are written; `where` selects them.
    #
    # The full-text index takes rows in rowid order: FTS5 writes out its buffer whenever a
    # rowid is lower than the one before, so 10,000 removals in random order took 2 s
    # instead of 0.1 s.
    def _index_text(self, where: str, params: Sequence[Any]) -> None:
        self.conn.execute(
            f"INSERT INTO events_fts (rowid, {_FTS_COLUMNS}) "
            f"SELECT rowid, {_FTS_COLUMNS} FROM events WHERE {where} ORDER BY rowid",
            params,
        )

    def _unindex_text(self, where: str, params: Sequence[Any]) -> None:
        self.conn.execute(
            f"INSERT INTO events_fts (events_fts, rowid, {_FTS_COLUMNS}) "
            f"SELECT 'delete', rowid, {_FTS_COLUMNS} FROM events WHERE {where} ORDER BY rowid",
            params,
        )

    def _tally_in(self, where: str, params: Sequence[Any]) -> None:
        self._tally(where, params, +1)

    def _tally_out(self, where: str, params: Sequence[Any]) -> None:
        self._tally(where, params, -1)

    def _drop_empty_tallies(self) -> None:
        for table in _TALLIES:
            self.conn.execute(f"DELETE FROM {table} WHERE events = 0")

    def _tally(self, where: str, params: Sequence[Any], sign: int) -> None:
        for table, key in _TALLIES.items():
            self.conn.execute(
                f"INSERT INTO {table} SELECT {key}, {sign} * count(*) FROM events "
                f"WHERE {where} GROUP BY {key} "
                "ON CONFLICT DO UPDATE SET events = events + excluded.events",
                params,
            )

    def _link(self, where: str, params: Sequence[Any]) -> None:
        self.conn.execute(
            "INSERT OR IGNORE INTO event_countries (country, last_day, event_id) "
            "SELECT c.value, e.last_day, e.id "
            f"FROM (SELECT id, last_day, countries FROM events WHERE {where}) AS e, "
            "json_each(e.countries) AS c",
            params,
        )
        self.conn.execute(
            "INSERT OR IGNORE INTO event_tags (tag, event_id) SELECT t.value, e.id "
            f"FROM (SELECT id, tags FROM events WHERE {where}) AS e, json_each(e.tags) AS t",
            params,
        )

    def _unlink(self, where: str, params: Sequence[Any]) -> None:
        self.conn.execute(
            "DELETE FROM event_countries WHERE (country, last_day, event_id) IN ("
            "SELECT c.value, e.last_day, e.id "
            f"FROM (SELECT id, last_day, countries FROM events WHERE {where}) AS e, "
            "json_each(e.countries) AS c)",
            params,
        )
        self.conn.execute(
            "DELETE FROM event_tags WHERE (tag, event_id) IN (SELECT t.value, e.id "
            f"FROM (SELECT id, tags FROM events WHERE {where}) AS e, json_each(e.tags) AS t)",
            params,
        )

    @staticmethod
    def _for_ids(ids: list[str], step: Callable[[str, Sequence[Any]], None]) -> None:
        """Apply one of the above to the rows with these ids, in one statement."""
        if ids:
            step(_ID_IN, [_encode_json(ids)])

    # --- reads ---------------------------------------------------------------------------

    def _rows_by_id(self, ids: list[str]) -> dict[str, tuple[Any, ...]]:
        sql = f"SELECT {_COLUMNS} FROM events WHERE {_ID_IN}"
        return {row[0]: row for row in self.conn.execute(sql, [_encode_json(ids)])}

    def get(self, event_id: str) -> Event | None:
        row = self._rows_by_id([event_id]).get(event_id)
        return _event(row) if row else None

    def _matches_many(self, query: Query) -> bool:
        """Whether the text and country filters, which would otherwise drive the query,
        each match more than _SCAN_ORDER_ABOVE events (SQLite cannot know: it keeps no
        statistics for full-text matches, and assumes an `IN` list is short)."""
        counts = []
        match = _search_terms(query.search)[0] if query.search else None
        if match:
            counts.append(
                self._count("SELECT count(*) FROM events_fts WHERE events_fts MATCH ?", [match])
            )
        countries = list(query.countries) or list(query.between or ())[:1]
        if countries:
            since = query.since.isoformat() if query.since else ""
            counts.append(
                self._count(
                    f"SELECT count(*) FROM event_countries WHERE country IN ({_marks(countries)}) "
                    "AND last_day >= ?",
                    [*countries, since],
                )
            )
        return bool(counts) and min(counts) > _SCAN_ORDER_ABOVE

    def _count(self, sql: str, params: list[Any]) -> int:
        return int(self.conn.execute(sql, params).fetchone()[0])

    def has_country(self, code: str) -> bool:
        """Whether any stored event involves this alpha-2 code."""
        found = self.conn.execute(
            "SELECT 1 FROM event_countries WHERE country = ? LIMIT 1", (code,)
        ).fetchone()
        return found is not None

    # --- remembered source files ---------------------------------------------------------

    def sources(self) -> list[Source]:
        rows = self.conn.execute(
            "SELECT path, size, mtime_ns, sha256, loaded_at, problem, problem_size, "
            "problem_mtime_ns FROM sources ORDER BY path"
        )
        return [Source(*row) for row in rows]

    def remember(self, path: str, size: int, mtime_ns: int, sha256: str, now: str) -> None:
        """Record the version of a file that was just loaded (clears any problem)."""
        self.conn.execute(
            "INSERT OR REPLACE INTO sources (path, size, mtime_ns, sha256, loaded_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (path, size, mtime_ns, sha256, now),
        )

    def note_problem(self, path: str, size: int, mtime_ns: int, problem: str | None) -> None:
        """Record that this version of a file does not load (or, with None, that it is the
        loaded version after all: its time changed, not its content)."""
        if problem is None:
            self.conn.execute(
                "UPDATE sources SET size = ?, mtime_ns = ?, problem = NULL WHERE path = ?",
                (size, mtime_ns, path),
            )
        else:
            self.conn.execute(
                "UPDATE sources SET problem = ?, problem_size = ?, problem_mtime_ns = ? "
                "WHERE path = ?",
                (problem, size, mtime_ns, path),
            )

    def forget(self, path: str) -> bool:
        """Stop following a file; its events stay. False when it was not remembered."""
        with self.transaction():
            return self.conn.execute("DELETE FROM sources WHERE path = ?", (path,)).rowcount > 0

    def count_from(self, origin: str) -> int:
        (count,) = self.conn.execute(
            "SELECT count(*) FROM events WHERE origin = ?", (origin,)
        ).fetchone()
        return int(count)

    def has_events(self) -> bool:
        """Whether the store holds any event (a first load skips looking each one up)."""
        return self.conn.execute("SELECT 1 FROM events LIMIT 1").fetchone() is not None

    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM events").fetchone()[0])

    # --- aggregates for `timeline stats` ----------------------------------------------------

    def stats_counts(
        self, query: Query
    ) -> tuple[list[tuple[str, str, str | None, int]], list[tuple[tuple[str, ...], int]]]:
        """Two counts of the matches: per (month of the first day, kind, CAMEO code), and
        per country list (few distinct lists even among a million events, from which
        countries and pairs are counted)."""
        where, params = _where(query)
        if where:  # the matches are looked up once, into a temporary table both counts read
            rows = self.conn.execute(
                f"""
                WITH matches AS MATERIALIZED (
                    SELECT substr(first_day, 1, 7) AS month, kind, cameo, countries
                    FROM events {where})
                SELECT month, kind, cameo, count(*) FROM matches GROUP BY month, kind, cameo
                UNION ALL
                SELECT NULL, NULL, countries, count(*) FROM matches GROUP BY countries
                """,
                params,
            )
        else:  # every event: the tallies hold the counts already
            rows = self.conn.execute(
                "SELECT month, kind, nullif(cameo, ''), events FROM tally_months "
                "UNION ALL SELECT NULL, NULL, countries, events FROM tally_country_lists"
            )
        months: list[tuple[str, str, str | None, int]] = []
        lists: list[tuple[tuple[str, ...], int]] = []
        for month, kind, value, count in rows:
            if month is None:
                lists.append((tuple(json.loads(value)), count))
            else:
                months.append((month, kind, value, count))
        return months, lists

    def select(self, query: Query | None = None) -> Iterator[Event]:
        """The matching events in display order, streamed from SQLite (oldest first, or
        newest first with `reverse`); with `limit`, the N most recent."""
        return map(_event, self._select_rows(query or Query()))

    def select_flat(
        self, query: Query | None = None, *, guard: str = ""
    ) -> Iterator[tuple[str | None, ...]]:
        """As `select`, but each event as a flat tuple of text in `model.FIELDS` order, lists
        joined with "; ", built by SQLite: what a table export needs, at C speed.

        A free-text cell that starts with one of the characters in `guard` gets a leading
        apostrophe (how CSV export keeps spreadsheets from running cells as formulas)."""
        columns: list[str] = []
        params: list[str] = []
        for name in FIELDS:
            is_list = name in _LIST_COLUMNS
            expression = _JOINED.format(name) if is_list else f'"{name}"'
            if guard and name in _FREE_TEXT:
                # A list's first item starts at the third character of its JSON (items are
                # trimmed, so none starts with an escaped character).
                first = f'substr("{name}", {3 if is_list else 1}, 1)'
                expression = (
                    f"CASE WHEN {first} IN ({_marks(guard)}) "
                    f"THEN '''' || {expression} ELSE {expression} END"
                )
                params += list(guard)
            columns.append(expression)
        self.conn.create_function("json_joined", 1, _joined, deterministic=True)
        return self._select_rows(query or Query(), ", ".join(columns), params)

    def _select_rows(
        self, query: Query, columns: str = _COLUMNS, column_params: Sequence[Any] = ()
    ) -> Iterator[Any]:
        where, params = _where(query)
        params = [*column_params, *params]
        newest_first = "ORDER BY first_day DESC, length(date) DESC, id DESC"
        oldest_first = "ORDER BY first_day, length(date), id"
        sql = f"SELECT {columns} FROM events {where} "
        try:
            if query.limit is None:
                order = newest_first if query.reverse else oldest_first
                yield from self.conn.execute(sql + order, params)
                return
            if self._matches_many(query):
                # Walk the display-order index from the newest end and stop at the limit,
                # instead of fetching and sorting every match.
                latest = (
                    f"SELECT rowid FROM events INDEXED BY idx_events_order {where} "
                    f"{newest_first} LIMIT ?"
                )
                sql = f"SELECT {columns} FROM events WHERE rowid IN ({latest}) {newest_first}"
            else:
                sql += newest_first + " LIMIT ?"
            rows = self.conn.execute(sql, [*params, query.limit]).fetchall()
            yield from (rows if query.reverse else reversed(rows))
        except sqlite3.Error as error:
            raise _store_error(error, self.path) from None


# A stored JSON list as "a; b". Where no item holds a quote (there is no backslash) the
# separators are replaced as text; otherwise the Python function json_joined parses it.
_JOINED = (
    'CASE WHEN "{0}" = \'[]\' THEN \'\' WHEN instr("{0}", char(92)) THEN json_joined("{0}") '
    'ELSE replace(substr("{0}", 3, length("{0}") - 4), \'", "\', \'; \') END'
)
_LIST_COLUMNS = {"countries", "participants", "tags", "sources"}
_FREE_TEXT = {"title", "location", "participants", "tags", "summary", "sources"}


def _where(query: Query) -> tuple[str, list[Any]]:
    """The WHERE clause of a query. Countries and tags go through their link tables, dates
    through first_day/last_day, words through FTS5; participants, and Korean, Japanese
    and Chinese words, are looked for in the rows themselves."""
    clauses: list[str] = []
    params: list[Any] = []

    def add(clause: str, *values: Any) -> None:
        clauses.append(clause)
        params.extend(values)

    # The link table is keyed by (country, last_day), so a country with --since is one
    # range of it; the same bound is repeated there for that reason.
    since = query.since.isoformat() if query.since else ""
    in_country = (
        "id IN (SELECT event_id FROM event_countries WHERE country IN ({}) AND last_day >= ?)"
    )
    if query.countries:
        add(in_country.format(_marks(query.countries)), *query.countries, since)
    if query.between:
        # Both link rows of an event share its last_day, so the second country is one
        # lookup by the whole key (three times faster than intersecting two id lists).
        first, second = query.between
        add(
            "id IN (SELECT a.event_id FROM event_countries AS a JOIN event_countries AS b "
            "ON b.country = ? AND b.last_day = a.last_day AND b.event_id = a.event_id "
            "WHERE a.country = ? AND a.last_day >= ?)",
            second,
            first,
            since,
        )
    if query.kinds:
        add(f"kind IN ({_marks(query.kinds)})", *query.kinds)
    if query.since:  # spans overlap the range
        add("last_day >= ?", query.since.isoformat())
    if query.until:
        add("first_day <= ?", query.until.isoformat())
    if query.participant:
        text = query.participant
        if any(not c.isascii() and c.lower() != c.upper() for c in text):
            # LIKE ignores the case of ASCII letters only: Лавров, ÉMILE need casefold
            add("casefold_contains(participants, ?)", text.casefold())
        else:
            pattern = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            add("participants LIKE ? ESCAPE '\\'", f"%{pattern}%")
    if query.tags:
        add(
            f"id IN (SELECT event_id FROM event_tags WHERE tag IN ({_marks(query.tags)}))",
            *query.tags,
        )
    if query.statuses:
        add(f"status IN ({_marks(query.statuses)})", *query.statuses)
    if query.search:
        match, anywhere = _search_terms(query.search)
        if match:
            add("rowid IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)", match)
        for word in anywhere:
            add(
                "(instr(title, ?) OR instr(ifnull(summary, ''), ?) "
                "OR instr(ifnull(location, ''), ?) OR instr(participants, ?))",
                *[word] * 4,
            )
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), params


# Hangul, kana and Han characters (with their compatibility and half-width forms); a
# pattern, not compiled at import: compiling these ranges takes 5 ms that `show` would pay.
_CJK = (r"[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff"
        r"\uac00-\ud7a3\uf900-\ufaff\uff66-\uff9f]")  # fmt: skip


def _search_terms(text: str) -> tuple[str | None, list[str]]:
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


# --- rows <-> events ----------------------------------------------------------------------


def _row(event: Event, origin: str | None) -> tuple[Any, ...]:
    """An event as a row of `events`, in EVENT_COLUMNS order."""
    date = event.date.iso()
    end = event.end.iso() if event.end else None
    last = end or date
    return (
        event.id,
        date,
        end,
        date if len(date) == 10 else event.first_day.isoformat(),  # a day is its own span
        last if len(last) == 10 else event.last_day.isoformat(),
        event.kind,
        event.status,
        event.title,
        _json_list(event.countries),
        event.location,
        _json_list(event.participants),
        _json_list(event.tags),
        event.summary,
        _json_list(event.sources),
        origin,
        event.cameo,
    )


def _event(row: Sequence[Any]) -> Event:
    return Event(
        id=row[0],
        date=_partial(row[1]),
        end=_partial(row[2]) if row[2] else None,
        kind=row[5],
        status=row[6],
        title=row[7],
        countries=tuple(json.loads(row[8])),
        location=row[9],
        participants=tuple(json.loads(row[10])),
        tags=tuple(json.loads(row[11])),
        summary=row[12],
        sources=tuple(json.loads(row[13])),
        cameo=row[15],
    )


def _joined(json_list: str) -> str:
    """A stored JSON list of text as `a; b` (what `_JOINED` does in SQL)."""
    return "; ".join(json.loads(json_list))


def _partial(iso: str) -> PartialDate:
    parts = [int(p) for p in iso.split("-")]
    return PartialDate(*parts)


_encode_json = json.JSONEncoder(ensure_ascii=False).encode
_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f]')  # what JSON escapes when not ensuring ASCII


def _json_list(values: Sequence[str]) -> str:
    """The same text as json.dumps(values, ensure_ascii=False), built directly when no item
    needs escaping (the common case, and a load's hottest line)."""
    if not values:
        return "[]"
    if _NEEDS_ESCAPE.search("".join(values)):
        return _encode_json(list(values))
    text = '", "'.join(values)
    return f'["{text}"]'


def _casefold_contains(text: str, folded: str) -> bool:
    return folded in text.casefold()


def _differ(old: Sequence[Any], new: Sequence[Any], columns: Sequence[int]) -> bool:
    return any(old[i] != new[i] for i in columns)


def _marks(values: Sequence[object]) -> str:
    return ", ".join("?" * len(values))


def _store_error(error: sqlite3.Error, path: Path) -> StoreError:
    """SQLite's error in words, told apart by its result code (never by its message)."""
    shown = shown_path(path)
    code = getattr(error, "sqlite_errorcode", None)
    primary = code & 0xFF if code is not None else None  # extended codes keep it below
    if primary == sqlite3.SQLITE_NOTADB:
        return StoreError(f"{shown} is not a timeline database (it is not SQLite at all)")
    if primary == sqlite3.SQLITE_FULL:
        return StoreError(
            f"cannot write the database {shown}: the disk is full (or the database reached"
            " its size limit); nothing was written"
        )
    if primary in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH):
        return StoreError(
            f"cannot write the database {shown}: it is read-only for you; check the "
            "permissions of the file and of its directory"
        )
    if primary == sqlite3.SQLITE_CANTOPEN:
        return StoreError(f"cannot open the database {shown}: {_why_not_opened(path)}")
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return StoreError(
            f"the database {shown} stayed locked by another timeline for "
            f"{BUSY_TIMEOUT_SECONDS:.0f} seconds; nothing was written, try again"
        )
    if primary == sqlite3.SQLITE_IOERR:
        return StoreError(
            f"cannot write the database {shown}: the system refused a read or write "
            f"({error.sqlite_errorname}); nothing was written"
        )
    if primary == sqlite3.SQLITE_CORRUPT:
        return StoreError(f"the database {shown} is damaged: {error}")
    return StoreError(f"database error in {shown}: {error}")


def _why_not_opened(path: Path) -> str:
    if path.is_dir():
        return "it is a directory, not a file"
    if not os.access(path.parent, os.W_OK | os.X_OK) or (
        path.exists() and not os.access(path, os.R_OK | os.W_OK)
    ):
        return "permission denied"
    return "SQLite cannot open it"


# --- migrations: each takes the schema one version forward, inside one transaction ----------


def _create_v1(db: Any) -> None:
    db["events"].create(
        {
            "id": str,
            "date": str,
            "end": str,
            "first_day": str,
            "last_day": str,
            "kind": str,
            "status": str,
            "title": str,
            "countries": str,
            "location": str,
            "participants": str,
            "tags": str,
            "summary": str,
            "sources": str,
            "origin": str,
        },
        pk="id",
        not_null={
            "date",
            "first_day",
            "last_day",
            "kind",
            "title",
            "countries",
            "participants",
            "tags",
            "sources",
        },
    )
    # The link tables are keyed for lookup (which events involve KR, and since when?),
    # WITHOUT ROWID so that the key is the table: one B-tree each to fill during a load.
    db.execute(
        "CREATE TABLE event_countries (country TEXT NOT NULL, last_day TEXT NOT NULL, "
        "event_id TEXT NOT NULL REFERENCES events(id), PRIMARY KEY (country, last_day, event_id))"
        " WITHOUT ROWID"
    )
    db.execute(
        "CREATE TABLE event_tags (tag TEXT NOT NULL, event_id TEXT NOT NULL "
        "REFERENCES events(id), PRIMARY KEY (tag, event_id)) WITHOUT ROWID"
    )
    # Few indexes, each earning its keep: the display order (first day, coarser precision
    # first, id) serves --since/--until and --limit without a sort; last_day the other
    # end of the overlap test; the link tables serve --country, --between and --tag.
    db.execute('CREATE INDEX "idx_events_order" ON "events" ("first_day", length("date"), "id")')
    db["events"].create_index(["last_day"])
    db["events"].enable_fts(FTS_COLUMNS)  # kept in step by Store, not by triggers


def _add_sources_v2(db: Any) -> None:
    """Remember the files given to `load`, so that commands can re-load the changed ones."""
    db.execute(
        "CREATE TABLE sources ("
        "path TEXT PRIMARY KEY, "  # absolute
        "size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, sha256 TEXT NOT NULL, "  # last load
        "loaded_at TEXT NOT NULL, "
        "problem TEXT, problem_size INTEGER, problem_mtime_ns INTEGER)"  # a broken version
    )


def _add_cameo_v3(db: Any) -> None:
    """Keep the CAMEO event code of imported events (for their kind and Goldstein score)."""
    db.execute("ALTER TABLE events ADD COLUMN cameo TEXT")


def _add_tallies_v4(db: Any) -> None:
    """Count all events per month, kind and code, and per country list, as `timeline stats`
    without filters shows them: reading these beats sorting every row (1.9 s for a million)."""
    db.execute(
        "CREATE TABLE tally_months (month TEXT NOT NULL, kind TEXT NOT NULL, "
        "cameo TEXT NOT NULL, "  # '' for none: a key column cannot be NULL
        "events INTEGER NOT NULL, PRIMARY KEY (month, kind, cameo)) WITHOUT ROWID"
    )
    db.execute(
        "CREATE TABLE tally_country_lists (countries TEXT PRIMARY KEY, "
        "events INTEGER NOT NULL) WITHOUT ROWID"
    )
    for table, key in _TALLIES.items():
        db.execute(f"INSERT INTO {table} SELECT {key}, count(*) FROM events GROUP BY {key}")


_MIGRATIONS = [_create_v1, _add_sources_v2, _add_cameo_v3, _add_tallies_v4]
