"""Batched inserts for generated data (benchmarks and large demo clinics).

Rows go through the real schema, so the audit triggers, the search index and every CHECK
constraint run exactly as they do for a row saved from the app; only the round trips are
batched (``executemany`` inside one ``Store.write()`` per batch).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from rejuv_desktop.storage import patients

_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")


def _check_names(table: str, columns: Sequence[str]) -> None:
    # Table and column names are pasted into SQL: only plain identifiers are accepted.
    for name in (table, *columns):
        if not _NAME.match(name):
            raise ValueError(f"not a plain SQL identifier: {name!r}")


def next_id(store, table: str) -> int:
    """The first free primary key of ``table`` (rows are inserted with explicit ids)."""
    _check_names(table, ())
    return (store.scalar(f"SELECT max(id) FROM {table}") or 0) + 1


def row_count(store, table: str) -> int:
    """How many rows ``table`` holds."""
    _check_names(table, ())
    return store.scalar(f"SELECT count(*) FROM {table}")


def insert_row(store, table: str, row: dict) -> int:
    """Insert one row (column names as keys) into ``table``; the new row's id."""
    cur = store.conn.execute(
        f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
        list(row.values()))
    return cur.lastrowid


def insert_rows(store, table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> int:
    """Insert ``rows`` (value tuples in ``columns`` order) into ``table``; returns the count.

    Call inside ``store.write()`` so a batch is one transaction.
    """
    _check_names(table, columns)
    rows = rows if isinstance(rows, list) else list(rows)
    if rows:
        marks = ", ".join("?" * len(columns))
        store.conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
                               rows)
    return len(rows)


def patient_derived(record: dict) -> tuple[str, str]:
    """``(search_text, name_key)`` of a patient record, as the app stores them."""
    derived = patients.derived_columns(record)
    return derived["search_text"], derived["name_key"]


def checkpoint(store) -> None:
    """Fold the write-ahead log back into the database file and empty it."""
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def cache_kib(store, kib: int) -> int:
    """Set the connection's page cache to ``kib`` KiB; returns the size it had. A clinic
    server's cache is the server's own (its ``shared_buffers``): nothing to set, 0."""
    if store.engine != "sqlite":
        return 0
    before = store.conn.execute("PRAGMA cache_size").fetchone()[0]
    store.conn.execute(f"PRAGMA cache_size = -{int(kib)}")
    return -before if before < 0 else before * store.conn.execute(
        "PRAGMA page_size").fetchone()[0] // 1024
