"""Machine-coded event data into the store: GDELT exports, ICEWS and POLECAT event files,
over one shared pipeline (`pipeline`: the filters, the report, the driver)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

from timeline.errors import OptionError
from timeline.importers.pipeline import (
    DIPLOMACY,
    ImportFailed,
    Report,
    RowFilters,
    RowReader,
    import_files,
    rows_of,
)
from timeline.store import Counts, Store

__all__ = ["DIPLOMACY", "ImportFailed", "Report", "RowFilters", "import_files", "import_paths"]


def import_paths(
    store: Store,
    source: str,
    paths: list[str | os.PathLike[str]],
    *,
    country: list[str] | None,
    cameo: list[str] | None,
    min_sources: int,
    plover_types: list[str] | None = None,
    since: str | None,
    until: str | None,
    strict: bool,
    today: dt.date,
    on_progress: Callable[[int, int], None] | None = None,
    include_domestic: bool = False,
    merge: bool = True,
    min_articles: int = 0,
) -> list[tuple[Report, Counts]]:
    """`timeline import SOURCE`: the options checked, then `import_files`."""
    from timeline.cameo import is_code_prefix
    from timeline.importers.gdelt import gdelt_events
    from timeline.importers.icews import icews_events
    from timeline.importers.polecat import polecat_rows
    from timeline.loading.reading import paused_gc

    readers: dict[str, RowReader] = {
        "gdelt": rows_of(gdelt_events),
        "icews": rows_of(icews_events),
        "polecat": polecat_rows,
    }
    if source not in readers:
        raise OptionError("SOURCE", f"{source!r} is not one of {', '.join(readers)}")
    prefixes = tuple(cameo or DIPLOMACY)
    for prefix in prefixes:
        if not is_code_prefix(prefix):
            raise OptionError("cameo", f"{prefix!r} is not a CAMEO code prefix (01 to 20...)")
    types = _plover_types(plover_types)
    for name, value in (("min_sources", min_sources), ("min_articles", min_articles)):
        if value < 0:
            raise OptionError(name, "must be 0 or more")
    from timeline.query import Query

    query = Query.parse(today=today, countries=country, since=since, until=until)
    filters = RowFilters(
        countries=frozenset(query.countries),
        cameo=prefixes,
        min_sources=min_sources,
        since=query.since,
        until=query.until,
        plover_types=types,
        include_domestic=include_domestic,
        merge=merge,
        min_articles=min_articles,
    )
    files = [Path(path) for path in paths]
    with paused_gc():
        return import_files(
            store, readers[source], files, filters, strict=strict, on_progress=on_progress
        )


def _plover_types(names: list[str] | None) -> frozenset[str]:
    """`--type` of `import polecat`: PLOVER event types in any case (default: DIPLOMATIC)."""
    from timeline.plover import DIPLOMATIC, TYPES
    from timeline.suggest import close_matches

    types = set()
    for name in names or DIPLOMATIC:
        event_type = name.strip().upper()
        if event_type not in TYPES:
            close = close_matches(event_type, list(TYPES), n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            listed = ", ".join(TYPES)
            raise OptionError(
                "plover_type", f"{name!r} is not a PLOVER event type; {hint}(one of {listed})"
            )
        types.add(event_type)
    return frozenset(types)
