"""Where the store is: `--db`, else $TIMELINE_DB, else the settings file's `database`,
else `timeline.db` in the user data directory. Light to import: shell completion finds
the store without opening it."""

from __future__ import annotations

import os
from pathlib import Path

DB_VAR = "TIMELINE_DB"


def store_path(given: Path | None = None) -> tuple[Path, bool]:
    """The store's path, and whether it is the default one (whose directory `open_store`
    creates on first use): `given` (--db), else $TIMELINE_DB, else the settings file's
    `database`, else the user data directory."""
    if given is not None:
        return given, False
    env = os.environ.get(DB_VAR)
    if env:
        return Path(env), False
    from timeline.config import setting

    configured = setting("database").value
    if configured:
        return Path(configured), False
    from platformdirs import user_data_path

    return user_data_path("timeline") / "timeline.db", True
