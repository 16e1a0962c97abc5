"""The Python API: a timeline database and everything the command line does with it.

    >>> import timeline
    >>> tl = timeline.open("events.db")
    >>> tl.load("data/events.yaml").added
    19
    >>> [e.id for e in tl.events(country="JP", kind="summit", since="2026")]
    ['2026-lee-takaichi-nara-summit']

Every method validates as the CLI does and raises only `TimelineError` and its kinds
(`ValidationError`, `OptionError`, `FileError`, `StoreError`). Filter keywords are the
CLI's long option names; the repeatable ones take a string or a list.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal, Unpack

from timeline.errors import OptionError
from timeline.query import as_list, date_text

if TYPE_CHECKING:
    from timeline.ahead import Anniversary, Upcoming
    from timeline.following import FileState, Notice
    from timeline.importers import Report
    from timeline.loading.into_store import LoadReport
    from timeline.loading.reading import Progress
    from timeline.model import Event
    from timeline.notebook import Events, EventStream, Page
    from timeline.panels import Panel
    from timeline.quality import Finding
    from timeline.query import Filters, Query
    from timeline.stats import Stats
    from timeline.store import Counts, Store


@dataclasses.dataclass(frozen=True)
class FilePlace:
    """Where in its file an event is written."""

    path: str
    line: int | None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


def open(
    path: str | os.PathLike[str] | None = None,
    *,
    today: dt.date | None = None,
    sync: bool = True,
) -> Timeline:
    """Open (and create, or migrate) a timeline database.

    `path` defaults to the CLI's database: `$TIMELINE_DB`, else `timeline.db` in the user
    data directory. `today` anchors relative dates ("next Tuesday") and defaults to the
    real day of each call. With `sync`, every call first re-loads the remembered files
    that changed since they were loaded (their notices are in `Timeline.notices`)."""
    from timeline.store import open_store

    return Timeline(open_store(Path(path) if path is not None else None), today=today, sync=sync)


class Timeline:
    """A timeline database: events loaded from files, added, imported, asked about.

    Make one with `timeline.open(path)`. It is a context manager that closes the database.
    """

    def __init__(
        self,
        store: Store,
        *,
        today: dt.date | None = None,
        sync: bool = True,
        on_notice: Callable[[Notice], None] | None = None,
    ) -> None:
        self.store = store
        self._today = today
        self._sync = sync
        self._on_notice = on_notice
        self.notices: list[Notice] = []  # from re-loading changed files, when not handed on
        self._told: set[Notice] = set()

    @property
    def path(self) -> Path:
        """The database file."""
        return self.store.path

    def close(self) -> None:
        """Close the database (a Timeline is also a context manager that does it)."""
        self.store.close()

    def __enter__(self) -> Timeline:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Timeline {str(self.path)!r}>"

    def today(self) -> dt.date:
        """The reference day for relative dates: the one given to `open`, else today."""
        return self._today or dt.date.today()

    # --- the files it follows ------------------------------------------------------------

    def sync(self) -> list[Notice]:
        """Re-load the remembered files that changed since they were loaded (done before
        every call when the Timeline was opened with `sync`)."""
        if not self._sync:
            return []
        from timeline.following import sync

        notices = sync(self.store, today=self.today(), now=_now())
        for notice in notices:
            if notice in self._told:  # a broken or gone file: said once, not at every call
                continue
            self._told.add(notice)
            if self._on_notice:
                self._on_notice(notice)
            else:
                self.notices.append(notice)
        return notices

    def files(self) -> list[FileState]:
        """The files `load` remembers, and whether each is loaded, changed, broken or gone."""
        from timeline.following import file_states

        return file_states(self.store)

    def forget(self, path: str | os.PathLike[str]) -> int:
        """Stop following a remembered file; its events stay (returns how many)."""
        from timeline.following import forget

        return forget(self.store, path)

    def check(self, paths: Iterable[str | os.PathLike[str]] | None = None) -> list[Finding]:
        """`timeline.check` of the files (default: the remembered files)."""
        from timeline.quality import check

        names = list(paths or ()) or [known.path for known in self.store.files.remembered()]
        return check(names, today=self.today())

    # --- reading -------------------------------------------------------------------------

    def events(self, **filters: Unpack[Filters]) -> Events:
        """The events that match the filters (the keywords of `timeline.Filters`: the CLI's
        long option names), oldest first (`reverse`: newest first); with `limit`, the N
        most recent. Dates keep their precision: `event.date.iso()` is `2026-01` for a
        month. `event.to_dict()` is the object `show --format json` prints. A list, that
        a notebook shows as a table."""
        from timeline.notebook import Events

        return Events(self.iter_events(**filters))

    def iter_events(self, **filters: Unpack[Filters]) -> EventStream:
        """As `events`, streamed from the database one event at a time; `.to_pandas()` and
        `.to_polars()` read the stream as a DataFrame (`timeline.frames` says its columns)
        in flat memory."""
        from timeline.notebook import EventStream

        query = self.query(**filters)
        self.sync()
        return EventStream(self.store.reads, query)

    def select(self, query: Query) -> Iterator[Event]:
        """The events of a `query(...)`, streamed (for a caller that also wants the Query,
        say to describe it)."""
        self.sync()
        return self.store.reads.select(query)

    def shown(self, query: Query) -> Iterator[tuple[Any, ...]]:
        """What `timeline show` prints of each event of a `query(...)`, streamed as flat
        rows: id, date, end, kind, status, title, countries (space-separated codes),
        location (`render.Shown` names them)."""
        self.sync()
        return self.store.reads.select_shown(query)

    def select_json(self, query: Query) -> Iterator[str]:
        """The events of a `query(...)` as their JSON records (`Event.to_dict()`, built by
        SQLite), streamed: what `show --format json` prints."""
        self.sync()
        return self.store.reads.select_json(query)

    def upcoming(self, *, days: int = 30, **filters: Unpack[Filters]) -> list[Upcoming]:
        """The events that start or are under way between today and today + `days`, in
        the order they come, each with how far off it is. Cancelled events are left out
        unless `status` asks for them."""
        from timeline.ahead import upcoming, window

        query = self._window_query(days, filters)
        start, end = window(self.today(), days)
        query = dataclasses.replace(query, since=start, until=end)
        found = [e for e in self.select(query) if _wanted_status(e, query)]
        return upcoming(found, today=self.today(), days=days)

    def next_after(self, day: dt.date, **filters: Unpack[Filters]) -> Event | None:
        """The first event that starts after `day` (cancelled ones only if asked for)."""
        query = dataclasses.replace(self.query(**filters), since=day + dt.timedelta(days=1))
        return next((e for e in self.select(query) if _wanted_status(e, query)), None)

    def anniversaries(
        self, *, days: int = 30, every: int | None = None, **filters: Unpack[Filters]
    ) -> list[Anniversary[Event]]:
        """Events of day precision that took place (held, or without a status and over) in
        an earlier year and whose anniversary falls between today and today + `days`, by
        that day; with `every`, only multiples of that many years. 29 February is
        remembered on 28 February in other years."""
        from timeline.ahead import Anniversary
        from timeline.event_rows import to_event

        rows = self._anniversaries(days, every, filters, "event")
        return [Anniversary.of_row(to_event(row), *row[-3:]) for row in rows]

    def anniversaries_shown(
        self, *, days: int = 30, every: int | None = None, **filters: Unpack[Filters]
    ) -> Iterator[tuple[Any, ...]]:
        """As `anniversaries`, streamed as `shown`'s rows, each followed by the day of the
        anniversary (ISO), the days until it and the years since (for
        `Anniversary.of_row`): what the table draws, without building Events."""
        return self._anniversaries(days, every, filters, "shown")

    def anniversaries_json(
        self, *, days: int = 30, every: int | None = None, **filters: Unpack[Filters]
    ) -> Iterator[str]:
        """As `anniversaries`, streamed as JSON records built by SQLite: the event's
        (`select_json`'s), with `days_until` and `years`."""
        return self._anniversaries(days, every, filters, "json")

    def _anniversaries(
        self,
        days: int,
        every: int | None,
        filters: Filters,
        shape: Literal["event", "shown", "json"],
    ) -> Iterator[Any]:
        from timeline.ahead import anniversary_days

        if every is not None and every < 1:
            raise OptionError("every", "must be 1 or more")
        query = dataclasses.replace(self._window_query(days, filters), over_by=self.today())
        self.sync()
        window_days = anniversary_days(self.today(), days)
        return self.store.reads.select_anniversaries(query, window_days, every, shape)

    def _window_query(self, days: int, filters: Filters) -> Query:
        if days < 0:
            raise OptionError("days", "must be 0 or more")
        for name in ("since", "until", "limit", "reverse"):
            if name in filters:
                raise OptionError(name, "the window is set by days")
        return self.query(**filters)

    def get(self, event_id: str) -> Event | None:
        """One event by id, or None."""
        self.sync()
        return self.store.reads.get(event_id)

    def file_of(self, event_id: str) -> FilePlace | None:
        """The file and line an event came from (`show ID`, `edit ID`): None for an event
        that came from no file (added without `to`, imported); the line is None where the
        file no longer holds the event."""
        from timeline.loading.reading import line_of

        self.sync()
        origin = self.store.reads.origins([event_id]).get(event_id)
        if origin is None:
            return None
        return FilePlace(origin, line_of(origin, event_id, today=self.today()))

    def row_ids(self, event_id: str) -> list[str]:
        """The ids of the machine-coded rows an imported event was made from (its own
        first), empty for any other event."""
        self.sync()
        return self.store.coded.row_ids(event_id)

    def move_to_file(self, event_id: str, to: str | os.PathLike[str]) -> FilePlace:
        """Write an event that came from no file (added without `to`, imported) into a
        YAML file, appended with its id, and load the file: from then on the file is the
        event's source of truth. Returns where it now is."""
        from timeline.editing import move_to_file

        self.sync()
        move_to_file(self.store, Path(to), event_id, today=self.today(), now=_now())
        place = self.file_of(event_id)
        assert place is not None  # just loaded from the file
        return place

    def query(self, **filters: Unpack[Filters]) -> Query:
        """The filters, checked and resolved (names to codes, dates to days); an unknown
        country, kind or status, or a bad date, raises OptionError naming the option."""
        from timeline.query import Query

        return Query.from_filters(
            filters, today=self.today(), is_stored_country=self.store.reads.has_country
        )

    def stats(
        self, *, by: Literal["year", "quarter", "month"] | None = None, **filters: Unpack[Filters]
    ) -> Stats:
        """Events per period (`by`; default: the coarsest that gives five bars) and kind,
        the busiest countries and pairs, and each period's mean score on two scales kept
        apart: `.goldstein` (CAMEO codes and hand-kept kinds) and `.intensity` (PLOVER, for
        POLECAT events). `.to_dict()` is what `stats --format json` prints."""
        from timeline.stats import compute

        if by not in (None, "year", "quarter", "month"):
            raise OptionError("by", f"{by!r} is not one of year, quarter, month")
        self.sync()
        return compute(self.store, self.query(**filters), by)

    def dyad_years(
        self, *, directed: bool = False, fill: bool = False, **filters: Unpack[Filters]
    ) -> Panel:
        """The dyad-year panel of the matching events (`export --format dyad-year`): a row
        per pair of countries and year, its events counted by kind, its mean score on each
        scale, both sides' codes, names and COW and Gleditsch–Ward numbers
        (`timeline.panels`). `directed` keeps the order the events list their countries
        in; `fill` adds rows of zeros for a pair's years without events. `.to_pandas()`
        makes it a DataFrame."""
        from timeline.panels import Panel, panel

        query = self.query(**filters)
        return Panel(panel(self.select(query), query, directed=directed, fill=fill))

    def export(
        self,
        format: str | None,
        to: str | os.PathLike[str] | IO[str] | IO[bytes],
        *,
        title: str | None = None,
        allow_formulas: bool = False,
        description: str | None = None,
        credit: str | None = None,
        directed: bool = False,
        fill: bool = False,
        **filters: Unpack[Filters],
    ) -> int:
        """Write the matching events in `format` (csv, json, jsonl, yaml, ics, timelinejs,
        html, dyad-year, parquet) to a path (whole or not at all) or a file object (text;
        binary for parquet); returns how many events (a panel: rows) were written. With
        `format=None` a path's extension chooses (`.json`, `.yml`, `.parquet`...; an
        unknown one is an OptionError) and a file object gets CSV. `title` names the page,
        calendar or timeline (default: the filters in words); the page shows `description`
        and `credit` under its title and in its link previews. `directed` and `fill` shape
        a dyad-year panel (`dyad_years`)."""
        from timeline.export import FORMATS, export_to, format_of

        if format is None:
            format = format_of(to) if isinstance(to, str | os.PathLike) else "csv"
        if format not in FORMATS:
            raise OptionError("format", f"{format!r} is not one of {', '.join(FORMATS)}")
        for name, given in (("directed", directed), ("fill", fill)):
            if given and format != "dyad-year":
                raise OptionError(name, "shapes a panel: use it with --format dyad-year")
        self.sync()
        return export_to(
            self.store,
            self.query(**filters),
            format,
            to,
            title=title,
            allow_formulas=allow_formulas,
            today=self.today(),
            description=description,
            credit=credit,
            directed=directed,
            fill=fill,
        )

    def page(
        self,
        *,
        title: str | None = None,
        description: str | None = None,
        credit: str | None = None,
        **filters: Unpack[Filters],
    ) -> Page:
        """The self-contained HTML page of the matching events (`export --format html`):
        `.html` is its text; a notebook shows it inline."""
        import io

        from timeline.notebook import Page

        text = io.StringIO()
        self.export("html", text, title=title, description=description, credit=credit,
                    **filters)  # fmt: skip
        return Page(text.getvalue())

    # --- writing -------------------------------------------------------------------------

    def load(
        self,
        *paths: str | os.PathLike[str],
        prune: bool = False,
        recursive: bool = False,
        on_progress: Progress | None = None,
    ) -> LoadReport:
        """Validate every event of every file (YAML, JSON, JSON Lines; "-" is YAML on
        stdin), then upsert them by id in one transaction: all or nothing. Any invalid
        event raises ValidationError listing every problem (file, line, event, field).
        The files are remembered: a later call re-loads the ones that changed. `prune`
        removes the events an earlier load of a file stored that are no longer in it. A
        folder stands for its .yaml, .yml, .json and .jsonl files, sorted by name (and its
        subfolders' with `recursive`); each file is remembered, not the folder."""
        from timeline.loading.into_store import load_files

        return load_files(
            self.store,
            [os.fspath(path) for path in _flat(paths)],
            prune=prune,
            today=self.today(),
            now=_now(),  # the files are read whole, not synced: they are what is loaded
            on_progress=on_progress,
            recursive=recursive,
        )

    def add(
        self,
        *,
        date: str | dt.date,
        title: str,
        kind: str,
        countries: str | Iterable[str],
        end: str | dt.date | None = None,
        status: str | None = None,
        location: str | None = None,
        participants: Iterable[str] | None = None,
        tags: Iterable[str] | None = None,
        summary: str | None = None,
        sources: Iterable[str] | None = None,
        cameo: str | None = None,
        plover: str | None = None,
        id: str | None = None,
        replace: bool = False,
        to: str | os.PathLike[str] | None = None,
    ) -> Event:
        """Record one event, with the rules of `load`, and return it as stored. An existing
        id is an error unless `replace`. With `to`, the event is appended to that YAML
        file (its text and comments stay as they are), which is then loaded. `cameo` and
        `plover` are the event's own codes (a CAMEO code scores it in `stats`)."""
        from timeline.editing import add_event, split_items

        fields = {
            "id": id,
            "date": date_text(date),
            "end": date_text(end),
            "kind": kind,
            "status": status,
            "title": title,
            "countries": as_list(countries),
            "location": location,
            "participants": split_items(participants),
            "tags": split_items(tags),
            "summary": summary,
            "sources": as_list(sources),
            "cameo": cameo,
            "plover": plover,
        }
        self.sync()
        return add_event(
            self.store,
            fields,
            replace=replace,
            to=None if to is None else Path(to),
            today=self.today(),
            now=_now(),
        )

    def remove(self, ids: str | Iterable[str]) -> int:
        """Remove events by id, all or none: an unknown id raises and removes nothing.
        Returns how many were removed."""
        wanted = list(dict.fromkeys(as_list(ids) or ()))
        self.sync()
        self.store.writes.remove(wanted)
        return len(wanted)

    def import_events(
        self,
        source: Literal["gdelt", "icews", "polecat"],
        paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
        *,
        country: str | Iterable[str] | None = None,
        cameo: str | Iterable[str] | None = None,
        min_sources: int = 0,
        plover_type: str | Iterable[str] | None = None,
        since: str | dt.date | None = None,
        until: str | dt.date | None = None,
        strict: bool = False,
        include_domestic: bool = False,
        merge: bool = True,
        min_articles: int = 0,
        on_progress: Progress | None = None,
    ) -> list[tuple[Report, Counts]]:
        """Import machine-coded event files (GDELT exports, ICEWS and POLECAT event files;
        plain or .zip) in one transaction, keeping the rows that pass the filters (`cameo`:
        GDELT and ICEWS event code prefixes, default the diplomacy roots 03, 04, 05;
        `plover_type`: POLECAT event types, default `plover.DIPLOMATIC`). Ids are stable,
        so importing a file twice changes nothing. With `strict` a bad row is an error. An
        event is between two countries (or organisations): rows with one side unknown, or
        one country on both sides, are counted and left out unless `include_domestic`.
        The rows of one real event (the same pair of sides and kind, dates a day apart at
        most) become one event that counts them, unless not `merge`; a row is counted
        once. `min_articles` leaves out the events made that fewer articles report."""
        from timeline.importers import import_paths

        self.sync()
        return import_paths(
            self.store,
            source,
            [paths] if isinstance(paths, str | os.PathLike) else list(paths),
            country=as_list(country),
            cameo=as_list(cameo),
            min_sources=min_sources,
            plover_types=as_list(plover_type),
            since=date_text(since),
            until=date_text(until),
            strict=strict,
            today=self.today(),
            on_progress=on_progress,
            include_domestic=include_domestic,
            merge=merge,
            min_articles=min_articles,
        )


def _wanted_status(event: Event, query: Query) -> bool:
    """Cancelled events are left out of what is coming, unless asked for."""
    return event.status != "cancelled" or "cancelled" in query.statuses


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _flat(values: Iterable[Any]) -> Iterator[Any]:
    for value in values:
        if isinstance(value, list | tuple):
            yield from value
        else:
            yield value
