"""The user's settings: `config.toml` in the user config directory (platformdirs':
`~/.config/timeline/` on Linux), or the file $TIMELINE_CONFIG names. Each setting is
taken from the first of its flag, its `TIMELINE_*` variable, the file, its default; what
is in effect, and where each value came from, is `timeline config`.

    database = "~/desk/asia.db"        # the store (--db, $TIMELINE_DB)
    add_to = "~/desk/events.yaml"      # where `add` writes without --to ($TIMELINE_ADD_TO)
    pager = "less -S"                  # $TIMELINE_PAGER, then $PAGER, then less
    color = "auto"                     # auto, always or never (--color, $TIMELINE_COLOR)

Light to import: a missing file costs one `stat`, and the TOML parser is loaded only
when there is a file to read.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from timeline.errors import TimelineError

CONFIG_VAR = "TIMELINE_CONFIG"
COLOURS = ("auto", "always", "never")


@dataclass(frozen=True)
class Key:
    flag: str | None  # the command-line option that sets it, where one does
    variable: str
    help: str


KEYS: dict[str, Key] = {
    "database": Key("--db", "TIMELINE_DB", "the store"),
    "add_to": Key("--to", "TIMELINE_ADD_TO", "the YAML file `add` writes to without --to"),
    "pager": Key(None, "TIMELINE_PAGER", "the pager of long output"),
    "color": Key("--color", "TIMELINE_COLOR", "auto, always or never"),
}
PATHS = ("database", "add_to")  # `~` is the home directory


@dataclass(frozen=True)
class Setting:
    value: str | None
    source: str  # where it came from, in words: `--db`, `$TIMELINE_DB`, `config.toml:2`


def config_path() -> Path:
    """The settings file: $TIMELINE_CONFIG, else `config.toml` in the user config dir."""
    named = os.environ.get(CONFIG_VAR)
    if named:
        return Path(named).expanduser()
    if sys.platform.startswith("linux"):  # what platformdirs says there, without its import
        base = os.environ.get("XDG_CONFIG_HOME", "").strip() or os.path.expanduser("~/.config")
        return Path(base) / "timeline" / "config.toml"
    from platformdirs import user_config_path

    return user_config_path("timeline", appauthor=False) / "config.toml"


def read_file(path: Path | None = None) -> dict[str, Setting]:
    """The settings the file holds, each with its line; {} when there is no file. A
    broken file is a TimelineError in one line naming the file and the line."""
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as error:
        raise TimelineError(f"cannot read the settings file {path}: {error}") from None
    import tomllib

    try:
        values = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"\(at line (\d+), column \d+\)", str(error))
        why = str(error).split(" (at line")[0]
        where = f"{path}:{found.group(1)}" if found else str(path)
        raise TimelineError(f"{where}: {why} (the settings file is TOML)") from None
    settings = {}
    for key, value in values.items():
        where = f"{path}:{_line_of(text, key)}"
        if key not in KEYS:
            known = ", ".join(KEYS)
            raise TimelineError(f"{where}: unknown setting {key!r} (the settings are {known})")
        if not isinstance(value, str) or not value.strip():
            raise TimelineError(f'{where}: {key} must be text in quotes, as {key} = "..."')
        if key == "color" and value not in COLOURS:
            raise TimelineError(f"{where}: color must be one of {', '.join(COLOURS)}")
        settings[key] = Setting(value, where)
    return settings


def _line_of(text: str, key: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(rf"\s*[\"']?{re.escape(key)}[\"']?\s*=", line):
            return number
    return 1


def setting(name: str, given: str | None = None, file: dict[str, Setting] | None = None) -> Setting:
    """One setting in effect: the flag's value `given`, else its variable, else the
    file's (`file`, read when not given), else none (the caller's default)."""
    key = KEYS[name]
    if given is not None:
        return Setting(given, key.flag or "the option")
    if os.environ.get(key.variable):
        return Setting(os.environ[key.variable], f"${key.variable}")
    found = (read_file() if file is None else file).get(name)
    if found is None:
        return Setting(None, "default")
    if name in PATHS:
        return Setting(str(Path(found.value or "").expanduser()), found.source)
    return found


def pager(file: dict[str, Setting] | None = None) -> Setting:
    """The pager: $TIMELINE_PAGER (even empty: none), else the file's, else $PAGER, else
    less."""
    if "TIMELINE_PAGER" in os.environ:  # the usual case in scripts: the file is not read
        return Setting(os.environ["TIMELINE_PAGER"], "$TIMELINE_PAGER")
    chosen = setting("pager", None, file)
    if chosen.value is not None:
        return chosen
    return (
        Setting(os.environ["PAGER"], "$PAGER")
        if os.environ.get("PAGER")
        else Setting("less", "default")
    )


def in_effect(database: str | None = None, color: str | None = None) -> dict[str, Setting]:
    """Every setting in effect, with where it came from (`timeline config`), given the
    options of this run (--db, --color)."""
    file = read_file()
    chosen = {
        "database": setting("database", database, file),
        "add_to": setting("add_to", None, file),
        "pager": setting("pager", None, file),
        "color": setting("color", color, file),
    }
    if chosen["database"].value is None:
        from platformdirs import user_data_path

        default = user_data_path("timeline") / "timeline.db"
        chosen["database"] = Setting(str(default), "default: the user data directory")
    chosen["pager"] = pager(file)
    if chosen["add_to"].value is None:
        chosen["add_to"] = Setting(None, "default: `add` writes to the store only")
    if chosen["color"].value is None:
        chosen["color"] = Setting("auto", "default")
    return chosen
