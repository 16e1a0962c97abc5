"""Shell completion: what TAB offers for an option's value or an argument, from the data
where it is data (countries, tags, participants and ids in the store).

A TAB runs `timeline` once, so this is read on every press: the store is opened read-only
(`mode=ro`) and never synced, migrated or written; a missing, locked or older store offers
nothing rather than an error; and nothing heavy is imported (no rich, dateparser,
sqlite-utils or pycountry catalogue). Each function takes the click context and the word
being completed and gives (value, description) pairs that start with that word.
"""

from __future__ import annotations

import functools
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

from timeline.words import counted

Candidates = list[tuple[str, str]]

LIMIT = 200  # candidates offered at most: a shell shows no more than a screenful anyway


def _quiet(complete: Callable[[Any, str], Candidates]) -> Callable[[Any, str], Candidates]:
    """Offer nothing instead of failing: a TAB must never print a traceback at the prompt,
    whatever is wrong with the store."""

    @functools.wraps(complete)
    def offer(ctx: Any, incomplete: str) -> Candidates:
        try:
            return complete(ctx, incomplete)
        except Exception:  # the shell gets no candidate, and no error
            return []

    return offer


@_quiet
def kinds(ctx: Any, incomplete: str) -> Candidates:
    """Kinds and their one-word aliases (`trip` is a visit); a comma-separated list goes on."""
    from timeline.kinds import KINDS

    offered = [(kind.name, kind.meaning) for kind in KINDS.values()]
    offered += [
        (alias, f"as {kind.name}")
        for kind in KINDS.values()
        for alias in kind.names()
        if alias.isalpha()  # an alias with a space or quote would need quoting at the prompt
    ]
    return _listed(incomplete, lambda word: _starting(word, offered))


@_quiet
def statuses(ctx: Any, incomplete: str) -> Candidates:
    from timeline.kinds import STATUSES

    return _listed(incomplete, lambda word: _starting(word, [(s, "") for s in STATUSES]))


@_quiet
def countries(ctx: Any, incomplete: str) -> Candidates:
    """The countries of the stored events, most frequent first: by code, with the name and
    number of events (`KR`: South Korea, 13 events), or by the start of the name (`jap`
    offers `japan`: names are read as well as codes)."""

    def matching(word: str) -> Candidates:
        with _store(ctx) as db:  # a row per country, not per event: the tally
            ranked = db.execute(
                "SELECT country, events FROM tally_countries ORDER BY events DESC, country"
            ).fetchall()
        names = _country_names()
        described = [(code, names.get(code, code), counted(n, "event"))
                     for code, n in ranked]  # fmt: skip
        by_code = _starting(word, [(code, f"{name}, {events}") for code, name, events in described])
        if by_code or not word:
            return by_code[:LIMIT]
        return _starting(word, [(name, f"{code}, {events}") for code, name, events in described])

    return _listed(incomplete, matching)


@_quiet
def tags(ctx: Any, incomplete: str) -> Candidates:
    """The stored tags starting with the word: one index seek per tag, not a scan."""

    def matching(word: str) -> Candidates:
        with _store(ctx) as db:
            # A loose index scan: each step jumps to the next tag after the one found.
            rows = db.execute(
                """
                WITH RECURSIVE found(tag, n) AS (
                    SELECT min(tag), 1 FROM event_tags WHERE tag >= :word
                    UNION ALL
                    SELECT (SELECT min(tag) FROM event_tags WHERE tag > found.tag), n + 1
                    FROM found WHERE substr(found.tag, 1, :length) = :word AND n < :limit
                )
                SELECT tag FROM found WHERE substr(tag, 1, :length) = :word
                """,
                {"word": word, "length": len(word), "limit": LIMIT},
            )
            return [(tag, "") for (tag,) in rows]

    return _listed(incomplete, matching)


@_quiet
def participants(ctx: Any, incomplete: str) -> Candidates:
    """Participants whose name starts with the word, found through the full-text index
    (its first word as a prefix), or those of the latest events when nothing is typed.
    Names are offered as stored (`add -p` keeps the case it is given) for a word in any
    case: bash and zsh (Typer's script passes `-U`) put the name in place of the word."""
    with _store(ctx) as db:
        first_word = incomplete.split()[0] if incomplete.split() else ""
        if first_word and '"' not in first_word:
            rows = db.execute(
                "SELECT participants FROM events WHERE rowid IN (SELECT rowid FROM events_fts "
                "WHERE events_fts MATCH ? LIMIT 500)",
                (f'participants : "{first_word}" *',),
            )
        else:
            rows = db.execute(
                "SELECT participants FROM events WHERE participants != '[]' "
                "ORDER BY first_day DESC LIMIT 2000"
            )
        names: dict[str, None] = {}
        folded = incomplete.casefold()  # `-p` matches in any case, so `xi` offers `Xi Jinping`
        for (listed,) in rows:
            for name in _json_list(listed):
                if name.casefold().startswith(folded):
                    names[name] = None
    return [(name, "") for name in sorted(names)[:LIMIT]]


@_quiet
def ids(ctx: Any, incomplete: str) -> Candidates:
    """Stored ids starting with the word (a range of the primary key), with their titles."""
    with _store(ctx) as db:
        rows = db.execute(
            "SELECT id, date, title FROM events WHERE id >= ? AND id < ? ORDER BY id LIMIT ?",
            (incomplete, incomplete + "\U0010ffff", LIMIT),
        )
        return [(event_id, f"{date} {title}") for event_id, date, title in rows]


def replaced_ids(ctx: Any, incomplete: str) -> Candidates:
    """`add --replace --id`: the stored ids (without --replace, a stored id is refused)."""
    return ids(ctx, incomplete) if ctx.params.get("replace") else []


@_quiet
def plover_types(ctx: Any, incomplete: str) -> Candidates:
    from timeline.plover import DIPLOMATIC, TYPES

    offered = [
        (name, f"{kind}{' (default)' if name in DIPLOMATIC else ''}")
        for name, (kind, _) in TYPES.items()
    ]
    return _starting(incomplete, offered)


@_quiet
def cameo_codes(ctx: Any, incomplete: str) -> Candidates:
    """CAMEO event codes with their labels (`04`: consults with)."""
    from timeline.cameo import EVENT_CODES

    return _starting(incomplete, [(code, label) for code, (_, label) in EVENT_CODES.items()])


# --- helpers ------------------------------------------------------------------------------


def _starting(word: str, offered: Iterable[tuple[str, str]]) -> Candidates:
    """The values that start with the word in any case, written as it was typed."""
    folded = word.casefold()
    return [
        (_as_typed(word, value), help)
        for value, help in offered
        if value.casefold().startswith(folded)
    ]


def _as_typed(word: str, value: str) -> str:
    """A value in the case the word was typed in (`cons` -> `consult`, `k` -> `kr`): the
    shell keeps only the candidates that start with what is typed, and every value these
    are offered for is read in any case."""
    if value.startswith(word):
        return value
    if word == word.lower():
        return value.lower()
    return word + value[len(word) :]


def _listed(incomplete: str, matching: Any) -> Candidates:
    """Candidates for the last item of a comma-separated value (`summit,vi`): the items
    before it are kept, and not offered again."""
    done, comma, word = incomplete.rpartition(",")
    given = {item.strip().casefold() for item in done.split(",")} if comma else set()
    prefix = done + comma
    return [
        (prefix + value, help)
        for value, help in matching(word.lstrip())
        if value.casefold() not in given
    ]


@contextmanager
def _store(ctx: Any) -> Iterator[sqlite3.Connection]:
    """The store, read-only, never created: a missing one is a LookupError, and a locked,
    damaged or older one an sqlite3.Error, which `_quiet` turns into no candidates."""
    path = _store_path(ctx).absolute()
    if not path.is_file():
        raise LookupError(f"no store at {path}")  # and none is created
    # A writer holding the lock makes a TAB wait this long at most, then offer nothing.
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=0.2)) as db:
        yield db


def _store_path(ctx: Any) -> Path:
    """The database of `--db`, else the one `open_store` would open."""
    from timeline.paths import store_path

    given = ctx.find_root().params.get("db") if ctx is not None else None
    return store_path(Path(given) if given else None)[0]


def _json_list(text: str) -> list[str]:
    import json

    items = json.loads(text)
    return [item for item in items if isinstance(item, str)]


def _country_names() -> dict[str, str]:
    from timeline.countries import names_from_data_file

    return names_from_data_file()


# --- the shells ----------------------------------------------------------------------------


def use_own_shell_formats() -> None:
    """Typer's bash, zsh and fish completion, with three changes: a file argument is left to
    the shell's own file completion (Typer offered the typed word back, which completes
    nothing), a participant typed in another case is offered, and descriptions are written
    as they are (Typer renders them with rich first, which costs a TAB 30 ms). Called when
    the shell asks for completions."""
    from typer._click import shell_completion
    from typer._click.shell_completion import CompletionItem, add_completion_class
    from typer._completion_classes import BashComplete, FishComplete, ZshComplete

    def offered(shell: Any, args: list[str], incomplete: str) -> list[CompletionItem]:
        ctx = shell_completion._resolve_context(shell.cli, shell.ctx_args, shell.prog_name, args)
        obj, incomplete = shell_completion._resolve_incomplete(ctx, args, incomplete)
        if "--participant" in getattr(obj, "opts", ()):
            # Typer keeps only the values that start with the word, case and all; a name
            # matched in any case (`-p xi`) must reach the shell as stored (`Xi Jinping`).
            return [CompletionItem(name) for name, _ in participants(ctx, incomplete)]
        items = obj.shell_complete(ctx, incomplete)
        return [item for item in items if item.type not in ("file", "dir")]

    class Bash(BashComplete):
        def get_completions(self, args: list[str], incomplete: str) -> list[CompletionItem]:
            return offered(self, args, incomplete)

        def format_completion(self, item: CompletionItem) -> str:
            return _bash_escaped(item.value)  # bash inserts a candidate as it is given

    class Zsh(ZshComplete):
        def get_completions(self, args: list[str], incomplete: str) -> list[CompletionItem]:
            return offered(self, args, incomplete)

        def format_completion(self, item: CompletionItem) -> str:
            value = _zsh_escaped(item.value)
            return f'"{value}":"{_zsh_escaped(item.help)}"' if item.help else f'"{value}"'

    class Fish(FishComplete):
        def get_completions(self, args: list[str], incomplete: str) -> list[CompletionItem]:
            return offered(self, args, incomplete)

        def format_completion(self, item: CompletionItem) -> str:
            help = " ".join((item.help or "").split())
            return f"{item.value}\t{help}" if help else item.value

    for shell in (Bash, Zsh, Fish):
        add_completion_class(shell, shell.name)


def _bash_escaped(value: str) -> str:
    """A value as typed at a bash prompt: `Park Jin` as `Park\\ Jin`."""
    return re.sub(r"([^\w@%+=:,./-])", r"\\\1", value)


def _zsh_escaped(text: str) -> str:
    """Text inside the double quotes of zsh's `_arguments` spec (as Typer escapes it)."""
    for plain, escaped in (('"', '""'), ("'", "''"), ("$", "\\$"), ("`", "\\`"), (":", r"\\:")):
        text = text.replace(plain, escaped)
    return text
