"""timeline: dated events between countries, kept in YAML and asked about in SQLite.

The public API (semantic versioning: what is documented here is public):

    timeline.open(path=None, *, today=None, sync=True) -> Timeline
    timeline.check(paths, *, today=None) -> list of findings, without a database
    timeline.iter_check(paths, *, today=None) -> the same findings, streamed
    timeline.extract(text_or_html, *, published=None) -> drafts of events from an article
    timeline.write_ids(paths) / timeline.missing_ids(paths): ids written into YAML files
    Timeline  .load .events .iter_events .query .select .select_json .shown .get .add
              .remove .stats .export .page .dyad_years .import_events .check .files
              .forget .sync .close
    Filters (the keywords of events, stats, export), Event, PartialDate, Stats,
    LoadReport, FileState
    TimelineError > ValidationError (.problems), OptionError, FileError, StoreError

Everything is imported on first use, so that `import timeline` (and the CLI's start-up)
stays cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from timeline.api import Timeline, open
    from timeline.dates import PartialDate
    from timeline.editing import missing_ids, write_ids
    from timeline.errors import (
        FileError,
        OptionError,
        Problem,
        StoreError,
        TimelineError,
        ValidationError,
    )
    from timeline.extraction import extract
    from timeline.following import FileState
    from timeline.loading.into_store import LoadReport
    from timeline.model import Event
    from timeline.quality import check, iter_check
    from timeline.query import Filters
    from timeline.stats import Stats

__all__ = [
    "Event",
    "FileError",
    "FileState",
    "Filters",
    "LoadReport",
    "OptionError",
    "PartialDate",
    "Problem",
    "Stats",
    "StoreError",
    "Timeline",
    "TimelineError",
    "ValidationError",
    "check",
    "extract",
    "iter_check",
    "missing_ids",
    "open",
    "write_ids",
]

_HOMES = {
    "open": "api",
    "extract": "extraction",
    "check": "quality",
    "iter_check": "quality",
    "missing_ids": "editing",
    "write_ids": "editing",
    "Timeline": "api",
    "LoadReport": "loading.into_store",
    "FileState": "following",
    "Filters": "query",
    "Event": "model",
    "PartialDate": "dates",
    "Stats": "stats",
    "TimelineError": "errors",
    "ValidationError": "errors",
    "OptionError": "errors",
    "FileError": "errors",
    "StoreError": "errors",
    "Problem": "errors",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'timeline' has no attribute {name!r}")
    value = getattr(import_module(f"timeline.{home}"), name)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
