"""Reading events: by id, by query (streamed in display order), and the counts `stats`
needs."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Literal, NamedTuple

from timeline.event_rows import encode_json, joined, to_event
from timeline.model import Event
from timeline.query import Query
from timeline.store.connection import Connection, store_error
from timeline.store.schema import (
    COLUMNS,
    NEWEST_FIRST,
    OLDEST_FIRST,
    PAGE_COLUMNS,
    TALLIED_FROM_LISTS,
    TALLIES,
    TALLY_SUMS,
)
from timeline.store.sql import (
    ANNIVERSARY_COLUMNS,
    ID_IN,
    JSON_RECORD,
    SHOWN_COLUMNS,
    SPAN_RECORD,
    anniversary_select,
    flat_columns,
    marks,
    search_terms,
    where_clause,
)


class MonthCount(NamedTuple):
    """The matches of one month, kind and CAMEO code (None for none)."""

    month: str  # 2026-01
    kind: str
    cameo: str | None
    events: int
    plover_events: int = 0  # POLECAT's, scored on PLOVER's scale, not Goldstein's
    intensity_sum: float = 0.0
    intensity_events: int = 0


class StatsCounts(NamedTuple):
    months: list[MonthCount]
    countries: list[tuple[str, int]]  # the most events first, then by code
    pairs: list[tuple[str, str, int]]  # each pair's codes in order


_SCAN_ORDER_ABOVE = 2_000  # matches above which `--limit` walks the order index


def rows_by_id(conn: sqlite3.Connection, ids: list[str]) -> dict[str, tuple[Any, ...]]:
    """The stored rows among `ids`, by id."""
    sql = f"SELECT {COLUMNS} FROM events WHERE {ID_IN}"
    return {row[0]: row for row in conn.execute(sql, [encode_json(ids)])}


def has_events(conn: sqlite3.Connection) -> bool:
    """Whether the store holds any event (a first load skips looking each one up)."""
    return conn.execute("SELECT 1 FROM events LIMIT 1").fetchone() is not None


class Reads:
    """The store's reads: events by id and by query, and the counts of `stats`."""

    def __init__(self, connection: Connection) -> None:
        self.conn, self.path = connection.conn, connection.path

    def origins(self, ids: list[str]) -> dict[str, str | None]:
        """The stored ids among `ids`, each with the file it was loaded from (None: added
        by hand)."""
        sql = f"SELECT id, origin FROM events WHERE {ID_IN}"
        return dict(self.conn.execute(sql, [encode_json(ids)]).fetchall())

    def held_by_files(self, ids: list[str], origin: str | None) -> dict[str, str]:
        """The stored ids among `ids` that came from a remembered file other than `origin`,
        each with that file."""
        if not ids:
            return {}
        sql = (
            "SELECT e.id, e.origin FROM events AS e JOIN sources AS s ON s.path = e.origin "
            f"WHERE e.{ID_IN} AND e.origin IS NOT ?"
        )
        return dict(self.conn.execute(sql, [encode_json(ids), origin]).fetchall())

    def get(self, event_id: str) -> Event | None:
        row = rows_by_id(self.conn, [event_id]).get(event_id)
        return to_event(row) if row else None

    def _matches_many(self, query: Query) -> bool:
        """Whether the text and country filters, which would otherwise drive the query,
        each match more than _SCAN_ORDER_ABOVE events (SQLite cannot know: it keeps no
        statistics for full-text matches, and assumes an `IN` list is short)."""
        counts = []
        match = search_terms(query.search)[0] if query.search else None
        if match:
            counts.append(
                self._count("SELECT count(*) FROM events_fts WHERE events_fts MATCH ?", [match])
            )
        countries = list(query.countries) or list(query.between or ())[:1]
        if countries:
            since = query.since.isoformat() if query.since else ""
            counts.append(
                self._count(
                    f"SELECT count(*) FROM event_countries WHERE country IN ({marks(countries)}) "
                    "AND last_day >= ?",
                    [*countries, since],
                )
            )
        return bool(counts) and min(counts) > _SCAN_ORDER_ABOVE

    def _count(self, sql: str, params: list[Any]) -> int:
        return int(self.conn.execute(sql, params).fetchone()[0])

    def has_country(self, code: str) -> bool:
        """Whether any stored event involves this country or organisation code."""
        found = self.conn.execute(
            "SELECT 1 FROM event_countries WHERE country = ? LIMIT 1", (code,)
        ).fetchone()
        return found is not None

    def count_from(self, origin: str) -> int:
        (count,) = self.conn.execute(
            "SELECT count(*) FROM events WHERE origin = ?", (origin,)
        ).fetchone()
        return int(count)

    def has_events(self) -> bool:
        return has_events(self.conn)

    def stats_counts(self, query: Query, top: int) -> StatsCounts:
        """The matches counted per (month of the first day, kind, CAMEO code), with the
        PLOVER events and intensities among them; and the `top` countries and pairs of
        countries with the most."""
        where, params = where_clause(query)
        tallied = TALLY_SUMS["tally_months"]
        if where:  # the matches are looked up once, into a temporary table all counts read
            # (countries and pairs are read from the distinct lists: 92,000 of a million)
            source = (
                "WITH matches AS MATERIALIZED (SELECT substr(first_day, 1, 7) AS month, "
                f"kind, cameo, countries, plover, intensity FROM events {where}), "
                "lists AS MATERIALIZED (SELECT countries, count(*) AS events FROM matches "
                "GROUP BY countries) "
            )
            months = (
                f"SELECT month, kind, cameo, count(*), {', '.join(tallied.values())} "
                "FROM matches GROUP BY month, kind, cameo"
            )

            def from_lists(table: str, columns: str) -> str:  # as the load's tallies count
                return (
                    f"SELECT {columns}, sum(l.events) FROM lists AS l, "
                    f"{TALLIED_FROM_LISTS[table]} GROUP BY {TALLIES[table]}"
                )

            countries = from_lists("tally_countries", f"{TALLIES['tally_countries']}, NULL")
            pairs = from_lists("tally_pairs", TALLIES["tally_pairs"])
        else:  # every event: the tallies hold the counts already
            source = ""
            months = (
                f"SELECT month, kind, nullif(cameo, ''), events, {', '.join(tallied)} "
                "FROM tally_months"
            )
            countries = "SELECT country, NULL, events FROM tally_countries"
            pairs = "SELECT first, second, events FROM tally_pairs"
        ranked = "SELECT NULL, *, 0, 0, 0 FROM ({} ORDER BY 3 DESC, 1, 2 LIMIT ?)"
        rows = self.conn.execute(
            f"{source}{months} UNION ALL {ranked.format(countries)} "
            f"UNION ALL {ranked.format(pairs)}",
            [*params, top, top],
        )
        counts = StatsCounts([], [], [])
        for month, a, b, count, *scores in rows:  # a month's kind and code, else countries
            if month is not None:
                counts.months.append(MonthCount(month, a, b, count, *scores))
            elif b is None:
                counts.countries.append((a, count))
            else:
                counts.pairs.append((a, b, count))
        counts.countries.sort(key=lambda item: (-item[1], item[0]))
        counts.pairs.sort(key=lambda item: (-item[2], item[:2]))
        return counts

    def select(self, query: Query | None = None) -> Iterator[Event]:
        """The matching events in display order, streamed from SQLite (oldest first, or
        newest first with `reverse`); with `limit`, the N most recent."""
        return map(to_event, self._select_rows(query or Query()))

    def select_shown(self, query: Query | None = None) -> Iterator[tuple[Any, ...]]:
        """As `select`, but only what the timeline view shows (`SHOWN_COLUMNS`), the
        country codes joined with spaces: it skips building Events, the view's largest
        cost after its own."""
        return self._select_rows(query or Query(), SHOWN_COLUMNS)

    def select_json(self, query: Query | None = None, *, span: bool = False) -> Iterator[str]:
        """As `select`, but each event as its JSON record (`Event.to_dict()`), built by
        SQLite; with `span`, also the first and last day of its span (what frames take)."""
        record = SPAN_RECORD if span else JSON_RECORD
        return (text for (text,) in self._select_rows(query or Query(), record))

    def select_anniversaries(
        self,
        query: Query,
        days: Mapping[str, tuple[str, int]],
        every: int | None,
        shape: Literal["event", "shown", "json"],
    ) -> Iterator[Any]:
        """The anniversaries of `query`'s events on the days of a year in `days` (`06-22`:
        the ISO day it falls on, and the days until it; `sql.anniversary_select` says
        which): each the event's row, then that day, the days until it and the years
        since; or with "shown", `select_shown`'s row, then those; or with "json", the
        event's JSON record with `days_until` and `years`."""
        sql, params = anniversary_select(ANNIVERSARY_COLUMNS[shape], query, days, every)
        rows = self._execute(sql, params)
        return (text for (text,) in rows) if shape == "json" else rows

    def _execute(self, sql: str, params: Sequence[Any]) -> Iterator[Any]:
        try:
            yield from self.conn.execute(sql, params)
        except sqlite3.Error as error:
            raise store_error(error, self.path) from None

    def select_page(self, query: Query | None = None) -> Iterator[tuple[str | None, ...]]:
        """As `select`, but each event as the HTML page takes it: id, date, end, kind,
        status, title, then countries, location, participants, tags, summary, sources
        (lists as their JSON text), and the codes and counts (the intensity as the text
        a CSV export writes, for the page's own CSV to be the same)."""
        columns = ", ".join(
            "CAST(intensity AS TEXT)" if name == "intensity" else f'"{name}"'
            for name in PAGE_COLUMNS
        )
        return self._select_rows(query or Query(), columns)

    def select_flat(
        self, query: Query | None = None, *, guard: str = ""
    ) -> Iterator[tuple[str | None, ...]]:
        """As `select`, but each event as a flat tuple of text in `model.FIELDS` order, lists
        joined with "; ", built by SQLite: what a table export needs, at C speed.

        A free-text cell that starts with one of the characters in `guard` gets a leading
        apostrophe (how CSV export keeps spreadsheets from running cells as formulas)."""
        columns, params = flat_columns(guard)
        self.conn.create_function("json_joined", 1, joined, deterministic=True)
        return self._select_rows(query or Query(), columns, params)

    def _select_rows(
        self, query: Query, columns: str = COLUMNS, column_params: Sequence[Any] = ()
    ) -> Iterator[Any]:
        where, params = where_clause(query)
        params = [*column_params, *params]
        sql = f"SELECT {columns} FROM events {where} "
        try:
            if query.limit is None:
                order = NEWEST_FIRST if query.reverse else OLDEST_FIRST
                yield from self.conn.execute(sql + order, params)
                return
            if self._matches_many(query):
                # Walk the display-order index from the newest end and stop at the limit,
                # instead of fetching and sorting every match.
                latest = (
                    f"SELECT rowid FROM events INDEXED BY idx_events_order {where} "
                    f"{NEWEST_FIRST} LIMIT ?"
                )
                sql = f"SELECT {columns} FROM events WHERE rowid IN ({latest}) {NEWEST_FIRST}"
            else:
                sql += NEWEST_FIRST + " LIMIT ?"
            rows = self.conn.execute(sql, [*params, query.limit]).fetchall()
            yield from (rows if query.reverse else reversed(rows))
        except sqlite3.Error as error:
            raise store_error(error, self.path) from None
