"""Files written whole or not at all, with the permissions a user expects of a new file."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from timeline.errors import FileError


@contextmanager
def atomic_write(path: Path, mode: str = "w", *, newline: str | None = None) -> Iterator[IO[Any]]:
    """A file that appears whole or not at all: written beside the target, then renamed
    over it. A new file gets the mode any new file of the user gets (0666 less the umask),
    not the temporary file's 0600; a file that is replaced keeps its mode. Every failure,
    a full disk included, is a FileError naming `path`, and leaves nothing behind."""
    if path.is_dir():
        raise FileError(path, IsADirectoryError(errno.EISDIR, "is a directory"), "write")
    directory = path.parent
    if not directory.is_dir():
        detail = (
            f"{directory} is a file, not a directory"
            if directory.exists()
            else f"the directory {directory} does not exist"
        )
        raise FileError(
            path,
            NotADirectoryError(errno.ENOTDIR, detail),
            "write",
            detail=detail,
        )
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as error:
        raise FileError(path, error, "write") from None
    try:
        encoding = None if "b" in mode else "utf-8"
        with os.fdopen(fd, mode, encoding=encoding, newline=newline, buffering=1 << 20) as out:
            yield out
            out.flush()
            os.fsync(out.fileno())  # on disk before the rename makes it the file
        os.chmod(temp, _mode_for(path))
        os.replace(temp, path)
    except OSError as error:
        Path(temp).unlink(missing_ok=True)
        raise FileError(path, error, "write") from None
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0o022)  # the only way to read it is to set it, and set it back
    os.umask(mask)
    return mask
