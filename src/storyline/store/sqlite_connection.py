"""Opening a SQLite store: WAL mode, a busy timeout, migrations, and errors as one line.

Several storyline processes may open one database at once (two ingests, an export during an
ingest): they wait for each other instead of failing, and the first to open a new file creates
the schema while the others wait and then find it there.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources

from storyline.errors import StorylineError

# How long a connection waits for another process's write transaction before giving up: an
# ingest commits a batch in well under a second, and saves the regrouped corpus in a few.
BUSY_TIMEOUT_SECONDS = 60.0

# Pause between tries to switch a database to WAL mode while another process holds it.
WAL_SWITCH_RETRY_SECONDS = 0.05


def connect(path: str, *, writable: bool = True) -> sqlite3.Connection:
    """Return a connection to the store at path, migrated to this code's schema.

    A ``writable`` connection is checked now, before any input is parsed. Raises StorylineError
    (one line: the database and what to do) when the database cannot be used.
    """
    with reported(path):
        db = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_SECONDS)
        try:
            _use_wal(db, writable)
            db.execute("PRAGMA foreign_keys = ON")
            db.execute("PRAGMA synchronous = NORMAL")
            _migrate(db, path)
            if writable:
                _check_writable(db)
        except BaseException:
            db.close()
            raise
    return db


@contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[None]:
    """BEGIN … COMMIT, or ROLLBACK when the block (or the commit) fails: all or nothing."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:  # SQLite rolls back by itself after some errors (disk full)
            db.execute("ROLLBACK")
        raise


def _migrate(db: sqlite3.Connection, path: str) -> None:
    """Apply, in order and each in one transaction, the migrations this file has not seen.

    Each one re-reads the version inside its write transaction: two processes creating the
    same new database at once wait for each other (busy timeout) and the second applies nothing.
    """
    folder = resources.files("storyline.store") / "migrations"
    scripts = {int(p.name.split("_", 1)[0]): p for p in folder.iterdir() if p.name.endswith(".sql")}
    latest = max(scripts)
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > latest:
        raise StorylineError(
            f"{path}: written by a newer storyline (schema version {version}; this one knows up "
            f"to {latest}); upgrade storyline, or give another --db"
        )
    for number in sorted(n for n in scripts if n > version):
        with transaction(db):
            if db.execute("PRAGMA user_version").fetchone()[0] >= number:
                continue  # another process applied it while this one waited
            for statement in _statements(scripts[number].read_text(encoding="utf-8")):
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {number}")


def _use_wal(db: sqlite3.Connection, writable: bool) -> None:
    """Switch the database to WAL mode, waiting while another process holds it.

    The switch needs the database alone and SQLite does not wait for it (no busy handler): a
    second process opening a new database at the same moment gets "database is locked" at once.
    A read-only file that is not in WAL mode stays as it is for reading.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
    while True:
        try:
            if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                db.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            code = getattr(error, "sqlite_errorname", "")
            if code.startswith("SQLITE_READONLY") and not writable:
                return
            if code != "SQLITE_BUSY" or time.monotonic() > deadline:
                raise
            time.sleep(WAL_SWITCH_RETRY_SECONDS)


def _statements(script: str) -> Iterator[str]:
    """Yield the SQL statements of a migration script, one at a time."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            yield pending
            pending = ""


def _check_writable(db: sqlite3.Connection) -> None:
    """Raise (as sqlite3 does on the first write) when the database cannot be written."""
    db.execute("BEGIN IMMEDIATE")
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        db.execute(f"PRAGMA user_version = {int(version)}")  # a write that changes nothing
    finally:
        db.execute("ROLLBACK")


@contextmanager
def reported(path: str) -> Iterator[None]:
    """Turn any sqlite3 error into one StorylineError naming the database and what to do."""
    try:
        yield
    except sqlite3.Error as error:
        raise StorylineError(_explain(path, error)) from None


def _explain(path: str, error: sqlite3.Error) -> str:
    """Return one line saying what went wrong with the database and what to do about it."""
    code = getattr(error, "sqlite_errorname", "") or ""
    detail = str(error)
    if code.startswith("SQLITE_READONLY") or "readonly" in detail:
        return (
            f"{path}: the database is read-only ({detail}); make the file and its folder "
            "writable, or give another --db"
        )
    if code.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return (
            f"{path}: not a usable storyline database ({detail}); restore it from a backup, "
            "or give another --db"
        )
    if code.startswith("SQLITE_FULL"):
        return (
            f"{path}: the disk is full ({detail}); the batch being written was not stored: "
            "free some space and run the command again"
        )
    if code.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return (
            f"{path}: the database is busy ({detail}): another process holds it; run the "
            "command again when that one has finished"
        )
    if code.startswith("SQLITE_CANTOPEN"):
        return f"{path}: cannot open the database ({detail}); check that its folder exists"
    if code.startswith("SQLITE_IOERR"):
        return (
            f"{path}: the disk refused a write or read ({detail}); check the disk, its free "
            "space and the file size limit, then run the command again"
        )
    if "no such" in detail or "has no column" in detail:
        return (
            f"{path}: the database's tables are not the ones this storyline writes ({detail}); "
            "give another --db, or ingest again into a new database"
        )
    return f"{path}: database error ({detail}); give another --db if it persists"
