"""The schema of the store: its tables and columns, and the migrations that take an older
store forward. The only importer of sqlite_utils, which builds and migrates it (reads and
bulk writes use the connection directly: `timeline show` should not pay for importing
sqlite_utils).
"""

from __future__ import annotations

from typing import Any

from timeline.event_rows import EVENT_COLUMNS

# The event's fields, with the span's first and last day (what queries filter and sort on),
# where it was loaded from, and the codes of machine-coded data.
COLUMNS = ", ".join(f'"{c}"' for c in EVENT_COLUMNS)
LIST_COLUMNS = frozenset({"countries", "participants", "tags", "sources"})  # as JSON text
# An event as the HTML page takes it (the page reads the columns' positions by name), and
# the columns whose repeated values it sends as the position of the first event with them.
PAGE_COLUMNS = ("id", "date", "end", "kind", "status", "title", "countries", "location",
                "participants", "tags", "summary", "sources",
                "cameo", "plover", "intensity", "reports", "articles")  # fmt: skip
PAGE_SHARED = ("location", "participants", "tags", "summary")
FTS_COLUMNS = ("title", "summary", "location", "participants")
# The tallies of all events that `stats` reads, and what each counts events by: the first
# from the events' rows; the others from their distinct lists of countries (`l`, a tenth
# as many on realistic data), a row per country of a list and per pair of its countries
# (in code order), as TALLIED_FROM_LISTS reads them.
TALLIES = {
    "tally_months": "substr(first_day, 1, 7), kind, ifnull(cameo, '')",
    "tally_countries": "c.value",
    "tally_pairs": "a.value, b.value",
}
TALLIED_FROM_LISTS = {
    "tally_countries": "json_each(l.countries) AS c",
    "tally_pairs": "json_each(l.countries) AS a, json_each(l.countries) AS b "
    "WHERE a.value < b.value",
}
# What a tally adds up beside its events: PLOVER's scores, kept apart from Goldstein's.
TALLY_SUMS = {
    "tally_months": {
        "plover_events": "count(plover)",
        "intensity_sum": "total(intensity)",
        "intensity_events": "count(intensity)",
    },
}
# The sources imports read, each the prefix of its events' ids (`gdelt-<GlobalEventID>`),
# and the tables that keep their rows' merging (`_add_reports_v6`), keyed by event_id.
CODED_SOURCES = ("gdelt", "icews", "polecat")
CODED_TABLES = ("coded_rows", "coded_events")
# The display order: by first day, a coarser date before a finer one on the same day (2026
# before 2026-01 before 2026-01-01), then by id. The index below, every ORDER BY and the
# order in which a load inserts new rows all follow it.
DISPLAY_ORDER = ("first_day", "length(date)", "id")
OLDEST_FIRST = "ORDER BY " + ", ".join(DISPLAY_ORDER)
NEWEST_FIRST = "ORDER BY " + ", ".join(f"{c} DESC" for c in DISPLAY_ORDER)
_FIRST_DAY, _DATE, _ID = (EVENT_COLUMNS.index(c) for c in ("first_day", "date", "id"))


def display_key(row: tuple[Any, ...]) -> tuple[str, int, str]:
    """The display order of a row of `events`, in Python."""
    return row[_FIRST_DAY], len(row[_DATE]), row[_ID]


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
    db.execute(f'CREATE INDEX "idx_events_order" ON "events" ({", ".join(DISPLAY_ORDER)})')
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
    for table, key in (("tally_months", TALLIES["tally_months"]),
                       ("tally_country_lists", "countries")):  # fmt: skip
        db.execute(f"INSERT INTO {table} SELECT {key}, count(*) FROM events GROUP BY {key}")


def _add_plover_v5(db: Any) -> None:
    """Keep the PLOVER code and intensity of POLECAT events, and tally the intensities per
    month (stores before this have no PLOVER events: every sum starts at 0)."""
    db.execute("ALTER TABLE events ADD COLUMN plover TEXT")
    db.execute("ALTER TABLE events ADD COLUMN intensity REAL")
    for table, sums in TALLY_SUMS.items():
        for column in sums:
            kind = "INTEGER" if column.endswith("_events") else "REAL"
            db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind} NOT NULL DEFAULT 0")


def _add_reports_v6(db: Any) -> None:
    """One event per real event: how many coded rows an imported event was made from, and
    how many articles they count; the rows merged into an event another row made
    (`coded_rows`: a row already counted is never counted again; a row that made an
    event is counted by the event's id); and the key imports merge rows by (`coded_events`:
    source, kind and pair of sides, then the day). Events imported before count one row
    each; those of two countries get their key (one side each: the rows of a later import
    join them); of one country, the sides were not kept (one unknown, or both at home)."""
    db.execute("ALTER TABLE events ADD COLUMN reports INTEGER")
    db.execute("ALTER TABLE events ADD COLUMN articles INTEGER")
    db.execute(
        "CREATE TABLE coded_rows (row_id TEXT PRIMARY KEY, "
        "event_id TEXT NOT NULL REFERENCES events(id)) WITHOUT ROWID"
    )
    db.execute("CREATE INDEX idx_coded_rows_event ON coded_rows (event_id)")
    db.execute(
        "CREATE TABLE coded_events (key TEXT NOT NULL, day TEXT NOT NULL, "
        "event_id TEXT NOT NULL REFERENCES events(id), PRIMARY KEY (key, day, event_id)) "
        "WITHOUT ROWID"
    )
    made_by_imports = " OR ".join(f"id GLOB '{source}-*'" for source in CODED_SOURCES)
    db.execute(
        "UPDATE events SET reports = 1 "
        f"WHERE (cameo IS NOT NULL OR plover IS NOT NULL) AND ({made_by_imports})"
    )
    first, second = "countries ->> 0", "countries ->> 1"
    db.execute(
        "INSERT OR IGNORE INTO coded_events SELECT substr(id, 1, instr(id, '-') - 1) || ' ' "
        f"|| kind || ' ' || min({first}, {second}) || ' ' || max({first}, {second}), "
        "first_day, id FROM events WHERE reports = 1 AND json_array_length(countries) = 2"
    )


def _add_day_of_year_v7(db: Any) -> None:
    """The month and day of each day-precision event (`06-22`), for `anniversaries` to look
    up the days of its window instead of reading every row."""
    db.execute(
        "CREATE INDEX idx_events_day_of_year ON events (substr(date, 6)) WHERE length(date) = 10"
    )


def _tally_countries_v8(db: Any) -> None:
    """Count all events per country and per pair of countries, in place of the count per
    list of countries: `stats` and a TAB read a few hundred rows instead of adding up
    92,000 lists (a million realistic events) in Python."""
    db.execute(
        "CREATE TABLE tally_countries (country TEXT PRIMARY KEY, events INTEGER NOT NULL) "
        "WITHOUT ROWID"
    )
    db.execute(
        "CREATE TABLE tally_pairs (first TEXT NOT NULL, second TEXT NOT NULL, "
        "events INTEGER NOT NULL, PRIMARY KEY (first, second)) WITHOUT ROWID"
    )
    for table, rows in TALLIED_FROM_LISTS.items():
        db.execute(
            f"INSERT INTO {table} SELECT {TALLIES[table]}, sum(l.events) "
            f"FROM tally_country_lists AS l, {rows} GROUP BY {TALLIES[table]}"
        )
    db.execute("DROP TABLE tally_country_lists")


MIGRATIONS = [
    _create_v1,
    _add_sources_v2,
    _add_cameo_v3,
    _add_tallies_v4,
    _add_plover_v5,
    _add_reports_v6,
    _add_day_of_year_v7,
    _tally_countries_v8,
]
