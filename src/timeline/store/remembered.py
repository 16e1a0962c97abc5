"""The files `load` remembers: the version last loaded, and a later one that did not load."""

from __future__ import annotations

from typing import NamedTuple

from timeline.store.connection import Connection


class RememberedFile(NamedTuple):
    """A remembered file: the version last loaded, and a later version that did not load."""

    path: str
    size: int
    mtime_ns: int
    sha256: str
    loaded_at: str
    problem: str | None
    problem_size: int | None
    problem_mtime_ns: int | None


class RememberedFiles:
    """The files `load` remembers (the `sources` table), to re-load the changed ones."""

    def __init__(self, connection: Connection) -> None:
        self.conn, self.transaction = connection.conn, connection.transaction

    def remembered(self) -> list[RememberedFile]:
        rows = self.conn.execute(
            "SELECT path, size, mtime_ns, sha256, loaded_at, problem, problem_size, "
            "problem_mtime_ns FROM sources ORDER BY path"
        )
        return [RememberedFile(*row) for row in rows]

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
