"""Every file the tool opens, creates or replaces fails in one line naming the path and the
reason, exit 1, no traceback, nothing half-written; new files get the user's usual mode."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import SHIPPED, TODAY

GDELT = Path(__file__).parent / "data" / "gdelt2-sample.export.CSV"
ADD = ["--date", "2026-03-01", "--title", "Call", "-k", "call", "-c", "JP"]
# Root reads and writes any file; without these two capabilities it meets permissions as
# anyone does (setpriv, from util-linux, takes them away from the child process).
NO_OVERRIDE = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]


def cli(*args: str | bytes | Path, db: Path, as_user: bool = False,
        preexec: Callable[[], None] | None = None) -> subprocess.CompletedProcess[str]:  # fmt: skip
    """The CLI as a separate process, so that permissions and limits are real."""
    command: list[str | bytes | Path] = [sys.executable, "-m", "timeline", *args]
    if as_user and os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("needs setpriv to test permissions as root")
        command = [*NO_OVERRIDE, *command]
    env = {**os.environ, "TIMELINE_DB": str(db), "TIMELINE_TODAY": TODAY.isoformat(),
           "NO_COLOR": "1", "COLUMNS": "200"}  # fmt: skip
    done = subprocess.run(command, env=env, capture_output=True, preexec_fn=preexec)
    return subprocess.CompletedProcess(
        done.args, done.returncode, done.stdout.decode("utf-8", "backslashreplace"),
        done.stderr.decode("utf-8", "backslashreplace"))  # fmt: skip


def one_line_error(result: subprocess.CompletedProcess[str], *expected: str) -> None:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert sum(line.startswith("Error:") for line in lines) == 1, result.stderr
    for text in expected:  # on one line: the error itself, or the problem `load` lists
        assert any(text in line for line in lines), result.stderr


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under folder and its bytes (a database as its rows, which are what count)."""
    files = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and os.access(path, os.R_OK) and not path.name.startswith("store.db"):
            files[str(path.relative_to(folder))] = path.read_bytes()
    return files


def rows(db: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT id, title FROM events ORDER BY id").fetchall()


@pytest.fixture
def store(tmp_path: Path) -> Path:
    db = tmp_path / "store.db"
    assert cli("load", SHIPPED, db=db).returncode == 0
    return db


@pytest.fixture
def big_store(tmp_path: Path) -> Path:
    """A store whose exports run to about 200 KB."""
    db, events = tmp_path / "big.db", tmp_path / "big.yaml"
    events.write_text("".join(
        f"- {{id: e{i}, date: 2026-01-01, kind: call, title: '{'x' * 900}', countries: JP}}\n"
        for i in range(200)))  # fmt: skip
    assert cli("load", events, db=db).returncode == 0
    return db


@pytest.fixture
def locked(tmp_path: Path) -> Iterator[Path]:
    """A directory nobody may write in, holding a file nobody may read."""
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "events.yaml").write_bytes(SHIPPED.read_bytes())
    (folder / "events.yaml").chmod(0)
    folder.chmod(0o555)
    yield folder
    folder.chmod(0o755)


# --- each command against each failure -------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["load", "{dir}/missing/e.yaml"], "{dir}/missing/e.yaml: no such file or directory"),
        (["load", "{dir}/folder.yaml"], "{dir}/folder.yaml holds no .yaml, .yml, .json or"),
        (["load", "{dir}/plain/e.yaml"], "a part of the path is a file, not a directory"),
        (["check", "{dir}/folder.yaml"], "it is a directory, not a file"),
        (["add", "--to", "{dir}/missing/e.yaml", *ADD],
         "cannot write {dir}/missing/e.yaml: the directory {dir}/missing does not exist"),
        (["add", "--to", "{dir}/folder.yaml", *ADD],
         "cannot write {dir}/folder.yaml: it is a directory, not a file"),
        (["add", "--to", "{dir}/plain/e.yaml", *ADD],
         "cannot write {dir}/plain/e.yaml: {dir}/plain is a file, not a directory"),
        (["export", "-o", "{dir}/missing/e.csv"],
         "cannot write {dir}/missing/e.csv: the directory {dir}/missing does not exist"),
        (["export", "-o", "{dir}/folder.yaml"],
         "cannot write {dir}/folder.yaml: it is a directory, not a file"),
        (["export", "-o", "{dir}/plain/e.csv"], "{dir}/plain is a file, not a directory"),
        (["import", "gdelt", "{dir}/missing.CSV"],
         "cannot read {dir}/missing.CSV: no such file or directory"),
        (["import", "icews", "{dir}/folder.yaml"],
         "cannot read {dir}/folder.yaml: it is a directory, not a file"),
        (["import", "gdelt", "{dir}/plain/x.CSV"],
         "cannot read {dir}/plain/x.CSV: a part of the path is a file, not a directory"),
        (["--db", "{dir}/missing/t.db", "show"],
         "cannot open the database {dir}/missing/t.db: the directory {dir}/missing does not"),
        (["--db", "{dir}/folder.yaml", "show"],
         "cannot open the database {dir}/folder.yaml: it is a directory, not a file"),
        (["--db", "{dir}/plain/t.db", "show"], "{dir}/plain is a file, not a directory"),
        (["--db", "{dir}/plain", "show"], "{dir}/plain is not a timeline database"),
    ],
)  # fmt: skip
def test_paths_that_are_not_what_they_should_be(
    store: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    (tmp_path / "folder.yaml").mkdir()
    (tmp_path / "plain").write_text("not a directory, not a database\n" * 10)
    before, events = snapshot(tmp_path), rows(store)
    result = cli(*(a.format(dir=tmp_path) for a in args), db=store)
    if args[0] == "check":  # check reports findings, then exits 1
        assert result.returncode == 1 and message.format(dir=tmp_path) in result.stdout
    else:
        one_line_error(result, message.format(dir=tmp_path))
    assert snapshot(tmp_path) == before and rows(store) == events


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["load", "{dir}/events.yaml"], "{dir}/events.yaml: permission denied"),
        (["check", "{dir}/events.yaml"], "{dir}/events.yaml: error: permission denied"),
        (["add", "--to", "{dir}/new.yaml", *ADD], "cannot write {dir}/new.yaml: permission denied"),
        (["add", "--to", "{dir}/events.yaml", *ADD], "{dir}/events.yaml: permission denied"),
        (["export", "-o", "{dir}/e.csv"], "cannot write {dir}/e.csv: permission denied"),
        (["import", "gdelt", "{dir}/events.yaml"],
         "cannot read {dir}/events.yaml: permission denied"),
        (["--db", "{dir}/new.db", "show"],
         "cannot open the database {dir}/new.db: permission denied"),
        (["--db", "{dir}/events.yaml", "show"],
         "cannot open the database {dir}/events.yaml: permission denied"),
    ],
)  # fmt: skip
def test_permission_denied(store: Path, locked: Path, args: list[str], message: str) -> None:
    events = rows(store)
    result = cli(*(a.format(dir=locked) for a in args), db=store, as_user=True)
    if args[0] == "check":  # check reports findings, then exits 1
        assert result.returncode == 1 and message.format(dir=locked) in result.stdout
    else:
        one_line_error(result, message.format(dir=locked))
    assert sorted(p.name for p in locked.iterdir()) == ["events.yaml"]
    assert rows(store) == events


def test_a_read_only_database(store: Path) -> None:
    events = rows(store)
    store.chmod(0o444)
    result = cli("add", *ADD, db=store, as_user=True)
    one_line_error(result, f"cannot write the database {store}: it is read-only for you")
    store.chmod(0o644)
    assert rows(store) == events


# --- a full disk -------------------------------------------------------------------------------


def _file_size_limit(limit: int) -> Callable[[], None]:
    """A process that may not write a file past `limit` bytes: its writes fail as they do
    on a full disk (EFBIG), wherever the tests run and whoever runs them."""

    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_export_past_a_size_limit_leaves_nothing(big_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    out.write_text("the old export\n")
    # Larger than the store's files (SQLite grows its shared-memory file to 32 KiB).
    limit = _file_size_limit(100_000)
    result = cli("export", "-f", "json", "-o", out, db=big_store, preexec=limit)
    one_line_error(result, f"cannot write {out}: the file is too large")
    assert out.read_text() == "the old export\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A real file system of 64 KiB (tmpfs), for ENOSPC itself."""
    folder = tmp_path / "full"
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)],
                             capture_output=True)  # fmt: skip
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    yield folder
    subprocess.run(["umount", str(folder)], check=True)


def test_a_full_disk(big_store: Path, full_disk: Path, tmp_path: Path) -> None:
    store = big_store
    result = cli("--db", full_disk / "t.db", "load", tmp_path / "big.yaml", db=store)
    one_line_error(result, f"cannot write the database {full_disk}/t.db: the disk is full")

    mine = full_disk / "mine.yaml"
    mine.write_bytes(SHIPPED.read_bytes())
    (full_disk / "pad").write_bytes(b"\0" * (64 * 1024 - 2 * len(SHIPPED.read_bytes()) - 8192))
    result = cli("add", "--to", mine, *ADD, "--summary", "s" * 30_000, db=store)
    one_line_error(result, f"cannot write {mine}: the disk is full")
    assert mine.read_bytes() == SHIPPED.read_bytes()
    result = cli("export", "-f", "yaml", "-o", full_disk / "out.yaml", db=store)
    one_line_error(result, f"cannot write {full_disk}/out.yaml: the disk is full")
    assert sorted(p.name for p in full_disk.iterdir()) == ["mine.yaml", "pad", "t.db"]


# --- names that are not UTF-8 ------------------------------------------------------------------


def test_names_that_are_not_utf8_are_used_and_shown(store: Path, tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path)
    name = folder + b"/\xff\xfe.yaml"
    Path(os.fsdecode(name)).write_text(
        "- {id: elsewhere, date: 2026-01-13, kind: call, title: Call, countries: [KR, JP]}\n"
    )
    result = cli("load", name, db=store)
    assert result.returncode == 0 and "\\xff\\xfe.yaml: 1 added" in result.stdout
    result = cli("export", "-o", folder + b"/\xff.csv", db=store)
    assert result.returncode == 0 and "to " in result.stderr and "\\xff.csv" in result.stderr
    result = cli("load", folder + b"/\xfd.yaml", db=store)
    one_line_error(result)
    assert "\\xfd.yaml: no such file or directory" in result.stderr
    result = cli("--db", folder + b"/\xfc/t.db", "show", db=store)
    one_line_error(result, "\\xfc does not exist")
    result = cli("add", "--to", folder + b"/\xfb/e.yaml", *ADD, db=store)
    one_line_error(result, "\\xfb/e.yaml: the directory")
    result = cli("sources", "--forget", folder + b"/\xfa.yaml", db=store)
    one_line_error(result, "\\xfa.yaml is not a remembered file")


# --- modes -------------------------------------------------------------------------------------


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_new_files_get_the_users_mode_and_replaced_ones_keep_theirs(
    store: Path, tmp_path: Path, umask: int
) -> None:
    def with_umask() -> None:
        os.umask(umask)

    new = tmp_path / "page.csv"
    assert cli("export", "-o", new, db=store, preexec=with_umask).returncode == 0
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~umask
    kept = tmp_path / "kept.csv"
    kept.write_text("old\n")
    kept.chmod(0o640)
    assert cli("export", "-o", kept, db=store, preexec=with_umask).returncode == 0
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640 and kept.read_text() != "old\n"
    mine = tmp_path / "mine.yaml"
    assert cli("add", "--to", mine, *ADD, db=store, preexec=with_umask).returncode == 0
    assert stat.S_IMODE(mine.stat().st_mode) == 0o666 & ~umask
