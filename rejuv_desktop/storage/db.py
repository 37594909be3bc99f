"""Opening the database and the one write-transaction helper."""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

try:  # the same SQLite module sqlite-utils picks: pysqlite3's newer library when installed
    import pysqlite3 as sqlite3
except ImportError:  # pragma: no cover - depends on the platform's wheels
    import sqlite3

from rejuv_desktop.errors import StorageError

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000
CACHE_KIB = 32 * 1024


def sqlite_version() -> str:
    """Version of the SQLite library the app runs on (reported by ``check`` and About)."""
    return sqlite3.sqlite_version


def local_now() -> datetime:
    """The wall clock, in local time with its offset (what a practitioner reads)."""
    return datetime.now().astimezone()


def _translate(exc: Exception) -> StorageError | None:
    """A message for a person for the SQLite errors that are not bugs."""
    text = str(exc).lower()
    if "database is locked" in text or "database is busy" in text:
        return StorageError(
            "The database is busy: another program is writing to it. Nothing was saved; "
            "try again in a moment."
        )
    if "readonly" in text or "read-only" in text:
        return StorageError(
            "The database file is read-only, so nothing can be saved. Check the file's "
            "permissions or the drive it is on."
        )
    if "disk is full" in text or "database or disk is full" in text:
        return StorageError("The disk is full. Nothing was saved; free some space and try again.")
    if "disk i/o error" in text:
        return StorageError("The disk could not be written (I/O error). Nothing was saved.")
    return None


class Store:
    """One open database: a sqlite-utils ``Database`` plus who is acting and what time it is.

    ``actor_id`` is the signed-in practitioner; audit triggers record it with every change.
    ``clock`` returns the current time; tests pass a fixed one.
    """

    engine = "sqlite"  # "postgresql" for a clinic server (pg.PgStore)

    def __init__(self, db, path: Path | None, clock: Callable[[], datetime]):
        # ``db``: a sqlite-utils Database, or a bare connection; then the Database (and the
        # import of sqlite-utils, a sizeable share of start-up) waits until something uses it.
        self._db = db if hasattr(db, "conn") else None
        self._conn = db.conn if self._db is not None else db
        self.path = path
        self.clock = clock
        self.actor_id: int | None = None
        self._depth = 0
        # Called after each write transaction commits (the audit witness); never raise.
        self.after_commit: list[Callable[[], None]] = []
        self._writer_lock = None  # the single-writer lock this store shares (writer_lock.py)
        # When set, a message: writes are refused with it (the start-up check is still running
        # after an unclean exit, or it found damage). Reading goes on.
        self.writes_held: str | None = None

    @property
    def db(self):
        """The sqlite-utils ``Database`` over this connection (made on first use)."""
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self._conn, execute_plugins=False)
        return self._db

    @property
    def conn(self):
        return self._conn

    def now_iso(self) -> str:
        """The current time as stored in records (ISO 8601 with offset, seconds)."""
        return self.clock().isoformat(timespec="seconds")

    def hold_writes(self, message: str | None) -> None:
        """Refuse writes with ``message`` until called again with ``None``."""
        self.writes_held = message

    @contextlib.contextmanager
    def write(self, *, while_held: bool = False) -> Iterator[Store]:
        """Run a block as one write transaction (``BEGIN IMMEDIATE``); nested calls join it.

        Any exception rolls the whole block back. SQLite errors a person can act on (locked,
        read-only, disk full) are raised as ``StorageError`` with a readable message. While
        writes are held (``hold_writes``) a new transaction is refused with that message before
        anything is written, unless ``while_held`` (sign-in and lock events, which must never
        stop the window locking).
        """
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        if self.writes_held and not while_held:
            raise StorageError(self.writes_held)
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise (_translate(exc) or exc) from exc
        self._depth = 1
        try:
            yield self
        except BaseException as exc:
            self._depth = 0
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                translated = _translate(exc)
                if translated:
                    raise translated from exc
            raise
        self._depth = 0
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise (_translate(exc) or exc) from exc
        for hook in self.after_commit:
            try:
                hook()
            except Exception:  # noqa: BLE001 - the save is committed; a hook cannot undo it
                log.warning("an after-commit step failed", exc_info=True)

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[Store]:
        """Read a block from one snapshot of the database: rows another connection writes
        meanwhile cannot half-appear. Inside a transaction already, the block reads in it."""
        if self.conn.in_transaction:
            yield self
            return
        self.conn.execute("BEGIN")
        try:
            yield self
        finally:
            if self.conn.in_transaction:
                self.conn.execute("COMMIT")

    def query(self, sql: str, params=()) -> list[dict]:
        """Rows of a read query as dictionaries."""
        cur = self.conn.execute(sql, params)
        keys = [d[0] for d in cur.description]
        return [dict(zip(keys, row)) for row in cur.fetchall()]

    def query_one(self, sql: str, params=()) -> dict | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def scalar(self, sql: str, params=()):
        row = self.conn.execute(sql, params).fetchone()
        return row[0] if row else None

    def refuse_if_read_only(self) -> None:
        """Inside ``write()``: raise ``StorageError`` when this connection may only read (on
        a file, ``write()`` itself has found that already)."""

    def close(self) -> None:
        try:
            self.conn.close()
        except sqlite3.Error:  # already closed or broken: nothing left to protect
            pass
        lock, self._writer_lock = self._writer_lock, None
        if lock is not None:
            lock.release()


def _create_private(path: Path) -> None:
    """Create an empty database file readable by its owner only (0600)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def connect(path: Path | str | None):
    """A sqlite-utils ``Database`` with the pragmas every connection needs (``None``: in
    memory)."""
    import sqlite_utils

    return sqlite_utils.Database(_connection(path), execute_plugins=False)


def _connection(path: Path | str | None):
    """A bare connection with the pragmas every connection needs. ``None`` means in memory."""
    if path is None:
        conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
    else:
        path = Path(path)
        if not path.exists():
            _create_private(path)
        try:
            conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None,
                                   timeout=BUSY_TIMEOUT_MS / 1000)
        except sqlite3.Error as exc:
            raise StorageError(f"The database {path} cannot be opened: {exc}") from exc
    try:
        if path is not None:
            mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            if mode.lower() != "wal":
                log.warning("journal mode is %s, not wal", mode)
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        # The pages search and the record read again and again (the list and by-id indexes,
        # the search indexes: some 40 MB at 100,000 patients) stay in the process, rather than
        # being read back from a file cache the system may have dropped (default: 2 MB).
        conn.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        # What sqlite-utils sets on every connection it wraps, set here from the start (it is
        # only loaded when needed): a row replaced by INSERT OR REPLACE fires delete triggers.
        conn.execute("PRAGMA recursive_triggers=on")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise (_translate(exc) or StorageError(
            f"The file {path} is not a Rejuv Desktop database, or it is damaged ({exc})."
        )) from exc
    return conn


def _refuse_newer_without_writing(path: Path) -> None:
    """Refuse a database written by a newer version before anything touches it.

    Read on a read-only connection. A database with no ``-wal``/``-shm``/``-journal`` beside it
    (closed cleanly, so no one has it open) is read as immutable: even a read-only connection
    to a WAL database would otherwise create the ``-wal`` and ``-shm`` files.
    """
    from rejuv_desktop.storage import schema
    from rejuv_desktop.storage.backup import companions

    # No journal of any kind beside it: nothing is mid-write, and nothing to replay.
    option = ("immutable=1" if not any(p.exists() for p in companions(path)) else "mode=ro")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?{option}", uri=True,
                               isolation_level=None, check_same_thread=False,
                               timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error:
        return  # not readable as a database: the normal open says why
    try:
        schema.refuse_newer(conn)
    except sqlite3.Error:
        return
    finally:
        conn.close()


def _read_only_connection(path: Path):
    if not path.is_file():
        raise StorageError(f"There is no database at {path}.")
    if path.stat().st_size == 0:  # read-only: it stays empty, and is no database yet
        raise StorageError(f"The file {path} is empty: it holds no Rejuv Desktop database.")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                               isolation_level=None, check_same_thread=False,
                               timeout=BUSY_TIMEOUT_MS / 1000)
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        # The same page cache as the writing connection: a read-only command (the outcomes
        # audit) walks indexes of the whole clinic.
        conn.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as exc:
        if "readonly" in str(exc).lower() or "read-only" in str(exc).lower():
            # A hot journal left by a program that stopped mid-write must be rolled back
            # first, which a read-only connection cannot do (and must not).
            raise StorageError(
                f"The database {path} was left in the middle of a write by a program that "
                "stopped. Open it once in Rejuv Desktop (or run any writing command), which "
                "completes SQLite's recovery, then check it again. Nothing was changed.") from exc
        raise (_translate(exc) or StorageError(
            f"The file {path} is not a Rejuv Desktop database, or it is damaged ({exc}).")) from exc
    return conn


def open_store(path: Path | str | None, *, clock: Callable[[], datetime] = local_now,
               migrate: bool = True, read_only: bool = False) -> Store:
    """Open (creating if needed) the database at ``path`` and bring its schema up to date.

    ``path`` is a SQLite file, or a ``postgresql://`` URL of a clinic server (``pg``).

    Opening for writing takes the single-writer lock (``writer_lock``): while another process
    has the database open for writing, ``WriterLockHeld`` (a ``StorageError``) names it and
    nothing is opened. ``read_only`` opens without the lock, migrations or any write.

    A database written by a newer version of the app is refused with ``StorageError`` before
    anything is written to it. The database and its journal files are made private (0600).
    """
    from rejuv_desktop import logs
    from rejuv_desktop.storage import audit, pg, private_files, schema, witness, writer_lock

    if pg.is_url(str(path)) if path is not None else False:
        # A clinic server: several workstations, no file lock (the server arbitrates).
        return pg.open_pg_store(str(path), clock=clock, migrate=migrate, read_only=read_only)
    if path is None:
        store = Store(_connection(None), None, clock)
        audit.register_functions(store)
        if migrate and schema.pending_names(store.conn):
            schema.migrate(store.db)
        return store
    path = Path(path)
    logs.set_database(path)
    if path.is_file() and path.stat().st_size > 0:
        _refuse_newer_without_writing(path)
    if read_only:
        private_files.tighten_database(path)
        store = Store(_read_only_connection(path), path, clock)
        audit.register_functions(store)
        return store
    if not path.parent.exists():
        private_files.private_dir(path.parent)
    lock = writer_lock.acquire(path)
    try:
        private_files.tighten_database(path)
        store = Store(_connection(path), path, clock)
    except BaseException:
        lock.release()
        raise
    store._writer_lock = lock
    audit.register_functions(store)
    try:
        schema.refuse_newer(store.conn)
        if migrate and schema.pending_names(store.conn):
            schema.migrate(store.db)
        # The audit chain's key (outside the file) and its witness (the head, outside it).
        audit.setup_keying(store, create=migrate)
        if migrate:
            witness.attach(store)
    except BaseException:
        store.close()
        raise
    return store
