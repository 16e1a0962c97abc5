"""Opening the store: the connection, migrations, transactions, and SQLite's errors told
apart by their result codes."""

from __future__ import annotations

import os
import sqlite3
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from timeline.errors import FileError, StoreError, shown_path
from timeline.paths import store_path
from timeline.store.schema import MIGRATIONS

if TYPE_CHECKING:
    from timeline.store import Store


def casefold_contains(text: str, folded: str) -> bool:
    """`--search` on text SQLite's full-text index does not cut into words (CJK)."""
    return folded in text.casefold()


BUSY_TIMEOUT_SECONDS = 30.0  # concurrent writers wait for each other this long


@dataclass
class Counts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    # Of the updated: events that another file held before, by that file (as shown).
    moved_from: Counter[str] = field(default_factory=Counter)

    def __iadd__(self, other: Counts) -> Counts:
        self.added += other.added
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.removed += other.removed
        self.moved_from += other.moved_from
        return self

    def __str__(self) -> str:
        moved = "; ".join(f"{n:,} moved from {name}" for name, n in self.moved_from.items())
        updated = f"{self.updated:,} updated" + (f" ({moved})" if moved else "")
        text = f"{self.added:,} added, {updated}, {self.unchanged:,} unchanged"
        return text + (f", {self.removed:,} removed" if self.removed else "")


def open_store(path: Path | None = None) -> Store:
    """The store at `path` (`--db`), else at $TIMELINE_DB, else in the user data directory,
    which is created on first use."""
    from timeline.store import Store

    path, default = store_path(path)
    return Store(path, create_parent=default)


class Connection:
    """An open timeline database, migrated to the current schema: the connection, its
    transactions, and SQLite's errors in words. A Store owns one."""

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
        self.read_only = path.exists() and not _writable(path)
        try:
            self.conn = (
                _read_only(path)
                if self.read_only
                else sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
            )
            # In WAL mode NORMAL syncs at checkpoints, not at every commit: a crash of the
            # process loses nothing; a power cut can lose the last commit, never corrupt.
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.conn.execute("PRAGMA threads = 1")  # large sorts use a second core
            self.conn.create_function("casefold_contains", 2, casefold_contains, deterministic=True)
            self._migrate()
        except sqlite3.DatabaseError as error:
            raise store_error(error, path) from None

    def close(self) -> None:
        self.conn.close()

    def _migrate(self) -> None:
        version = self._user_version()
        if version == len(MIGRATIONS):
            return
        if self.read_only and version < len(MIGRATIONS):
            raise StoreError(
                f"the database {shown_path(self.path)} is read-only for you and was written "
                f"by an older timeline (schema {version}); open it once where it can be "
                "written, to upgrade it"
            )
        if version > len(MIGRATIONS):
            raise StoreError(
                f"the database {self.path} was written by a newer timeline (schema "
                f"{version}, this one knows {len(MIGRATIONS)}); upgrade timeline to use it"
            )
        # WAL lets readers go on while one process writes; it must be set outside a transaction.
        self._when_free("PRAGMA journal_mode=WAL")
        with self.transaction():
            import sqlite_utils

            db = sqlite_utils.Database(self.conn, execute_plugins=False)
            for number in range(self._user_version(), len(MIGRATIONS)):  # another may have run
                MIGRATIONS[number](db)
                self.conn.execute(f"PRAGMA user_version = {number + 1}")

    def _when_free(self, statement: str) -> None:
        """Run a statement that SQLite refuses at once, without waiting its busy timeout,
        while another connection writes (switching to WAL while another process is
        creating the same new store): wait for the writer as the timeout would."""
        deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
        while True:
            try:
                self.conn.execute(statement)
                return
            except sqlite3.OperationalError as error:
                busy = (getattr(error, "sqlite_errorcode", 0) & 0xFF) == sqlite3.SQLITE_BUSY
                if not busy or time.monotonic() > deadline:
                    raise
                time.sleep(0.02)

    def _user_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    @contextmanager
    def page_cache(self, kib: int) -> Iterator[None]:
        """SQLite's page cache at `kib` KiB for a while (a bulk write), then as it was."""
        (before,) = self.conn.execute("PRAGMA main.cache_size").fetchone()
        self.conn.execute(f"PRAGMA main.cache_size = -{int(kib)}")
        try:
            yield
        finally:
            self.conn.execute(f"PRAGMA main.cache_size = {int(before)}")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing. IMMEDIATE takes the write lock up front, so that two writers
        queue on the busy timeout instead of failing on a lock upgrade."""
        if self.read_only:
            raise StoreError(
                f"cannot write the database {shown_path(self.path)}: it is read-only for you "
                "(it can be read; to change it, check the permissions of the file and of "
                "its directory, or copy it somewhere you can write)"
            )
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
            raise store_error(error, self.path) from None


def _writable(path: Path) -> bool:
    """Whether this user may write the database and create its WAL files beside it."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)


def _read_only(path: Path) -> sqlite3.Connection:
    """A store this user cannot write, opened to read: `mode=ro` where SQLite can still
    open the WAL's shared-memory file, else `immutable=1` (no locks, no WAL: right for a
    store on read-only media, which nobody writes while it is read)."""
    uri = path.resolve().as_uri()
    for flags in ("mode=ro", "mode=ro&immutable=1"):
        conn = sqlite3.connect(f"{uri}?{flags}", uri=True, isolation_level=None)
        try:
            conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
            return conn
        except sqlite3.OperationalError:
            conn.close()
    return sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None)  # its error


def store_error(error: sqlite3.Error, path: Path) -> StoreError:
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
