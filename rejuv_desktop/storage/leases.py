"""Lease rows: which window (on which workstation, for which account) holds a draft
consultation or a running session, and the take-overs of a lapsed lease."""

from __future__ import annotations

COLUMNS = ("kind, record_id, patient_id, practitioner_id, workstation, holder, since,"
           " renewed_at")


def get(store, kind: str, record_id: int) -> dict | None:
    return store.query_one(f"SELECT {COLUMNS} FROM leases WHERE kind = ? AND record_id = ?",
                           (kind, record_id))


def of_patient(store, patient_id: int) -> list[dict]:
    return store.query(f"SELECT {COLUMNS} FROM leases WHERE patient_id = ? ORDER BY id",
                       (patient_id,))


def insert(store, row: dict) -> bool:
    """Insert a lease; False when another window inserted one for the record first."""
    cols = ", ".join(row)
    cur = store.conn.execute(
        f"INSERT OR IGNORE INTO leases ({cols}) VALUES ({', '.join('?' for _ in row)})",
        list(row.values()))
    return cur.rowcount == 1


def replace_holder(store, kind: str, record_id: int, row: dict) -> None:
    sets = ", ".join(f"{c} = ?" for c in row)
    store.conn.execute(f"UPDATE leases SET {sets} WHERE kind = ? AND record_id = ?",
                       [*row.values(), kind, record_id])


def renew(store, kind: str, record_id: int, holder: str, now: str) -> bool:
    cur = store.conn.execute("UPDATE leases SET renewed_at = ? WHERE kind = ? AND record_id = ?"
                             " AND holder = ?", (now, kind, record_id, holder))
    return cur.rowcount == 1


def delete(store, kind: str, record_id: int, holder: str) -> None:
    store.conn.execute("DELETE FROM leases WHERE kind = ? AND record_id = ? AND holder = ?",
                       (kind, record_id, holder))


def insert_takeover(store, row: dict) -> None:
    cols = ", ".join(row)
    store.conn.execute(
        f"INSERT INTO lease_takeovers ({cols}) VALUES ({', '.join('?' for _ in row)})",
        list(row.values()))


def takeover_from(store, kind: str, record_id: int, holder: str) -> dict | None:
    """The last take-over of this record from the window ``holder``."""
    return store.query_one(
        "SELECT practitioner_id, workstation, at FROM lease_takeovers WHERE from_holder = ?"
        " AND kind = ? AND record_id = ? ORDER BY id DESC LIMIT 1", (holder, kind, record_id))


def delete_any(store, kind: str, record_id: int) -> None:
    """The record is gone (a draft finalised or discarded): whoever held it, no lease."""
    store.conn.execute("DELETE FROM leases WHERE kind = ? AND record_id = ?", (kind, record_id))
