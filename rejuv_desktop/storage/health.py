"""What the database health check reads that is SQLite's own: its integrity and foreign-key
checks and the table list, over a connection opened read-only for the check or borrowed from
an open store. The rest of the check (schema, triggers, audit trail, witness) asks the storage
modules that own those, on the same connection.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from rejuv_desktop.errors import StorageError
from rejuv_desktop.storage import documents as documents_repo
from rejuv_desktop.storage.backup import connect_read_only
from rejuv_desktop.storage.db import Store, local_now, sqlite3


class CannotOpen(StorageError):
    """The file could not be opened as a database."""


class CannotRead(StorageError):
    """The database opened, but reading it failed (damage)."""


@contextlib.contextmanager
def reading_file(path: Path) -> Iterator[object]:
    """A read-only connection to the database at ``path`` that changes nothing beside it,
    closed after the block. ``CannotOpen`` or ``CannotRead`` carry SQLite's own words."""
    try:
        conn = connect_read_only(path, untouched=True)
    except sqlite3.Error as exc:
        raise CannotOpen(str(exc)) from exc
    try:
        yield conn
    except sqlite3.DatabaseError as exc:
        raise CannotRead(str(exc)) from exc
    finally:
        conn.close()


@contextlib.contextmanager
def reading_store(store) -> Iterator[object]:
    """The connection of a store already open (left open after the block)."""
    yield store.conn


def integrity_lines(conn) -> list[str]:
    """SQLite's full integrity check: ``["ok"]`` when sound, else its complaints."""
    return [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]


def dangling_references(conn) -> int:
    """How many rows hold a foreign key that points to no row."""
    return len(conn.execute("PRAGMA foreign_key_check").fetchall())


def has_table(conn, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                        (name,)).fetchone() is not None


def scan_hashes(conn, path: Path | None) -> list[dict]:
    """Every scan of a signed form: its id, recorded SHA-256 and bytes (none without the
    table, in a database from before scans were kept)."""
    if not has_table(conn, "document_scans"):
        return []
    return documents_repo.all_scan_hashes(Store(conn, path, local_now))
