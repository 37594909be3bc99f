"""Practitioner accounts and sign-in events."""

from __future__ import annotations

from rejuv_desktop.errors import NotFound
from rejuv_desktop.storage import versions

COLUMNS = ("id, name, title, registration, role, active, created_at, is_doctor, version,"
           " updated_by, saved_at")
# The system account (migration 0010): unattended commands act as it; it never signs in.
SYSTEM_ID = 0


def insert(store, record: dict, password_hash: str) -> int:
    cur = store.conn.execute(
        "INSERT INTO practitioners (name, title, registration, role, active, created_at,"
        " password_hash, is_doctor) VALUES (?, ?, ?, ?, 1, ?, ?, ?)",
        (record["name"], record.get("title", ""), record.get("registration", ""),
         record.get("role", "practitioner"), store.now_iso(), password_hash,
         int(bool(record.get("is_doctor")))))
    return cur.lastrowid


def update(store, practitioner_id: int, record: dict, *,
           expected_version: int | None = None) -> int:
    """Save an account's details; returns its new version (``RecordChanged`` when it was
    saved elsewhere after ``expected_version``)."""
    return versions.save_over(
        store, "practitioners", practitioner_id,
        {"name": record["name"], "title": record.get("title", ""),
         "registration": record.get("registration", ""),
         "role": record.get("role", "practitioner"), "active": int(record.get("active", 1)),
         "is_doctor": int(bool(record.get("is_doctor")))},
        expected_version=expected_version,
        not_found=f"Practitioner {practitioner_id} does not exist")


def set_password_hash(store, practitioner_id: int, password_hash: str) -> None:
    store.conn.execute("UPDATE practitioners SET password_hash = ? WHERE id = ?",
                       (password_hash, practitioner_id))


def get(store, practitioner_id: int) -> dict:
    row = store.query_one(f"SELECT {COLUMNS} FROM practitioners WHERE id = ?", (practitioner_id,))
    if row is None:
        raise NotFound(f"Practitioner {practitioner_id} does not exist")
    return row


def password_hash(store, practitioner_id: int) -> str:
    return store.scalar("SELECT password_hash FROM practitioners WHERE id = ?",
                        (practitioner_id,)) or ""


def list_all(store, active_only: bool = True) -> list[dict]:
    where = "AND active = 1" if active_only else ""
    return store.query(f"SELECT {COLUMNS} FROM practitioners WHERE id != ? {where}"
                       " ORDER BY name", (SYSTEM_ID,))


def find(store, practitioner_id: int) -> dict | None:
    """The account with its password hash, or None (the system account included)."""
    return store.query_one(f"SELECT {COLUMNS}, password_hash FROM practitioners WHERE id = ?",
                           (practitioner_id,))


def count(store) -> int:
    """People accounts (the system account is not one)."""
    return store.scalar("SELECT count(*) FROM practitioners WHERE id != ?", (SYSTEM_ID,))


def count_active_admins(store) -> int:
    return store.scalar("SELECT count(*) FROM practitioners WHERE id != ? AND active = 1"
                        " AND role = 'admin'", (SYSTEM_ID,))


def failures_since_success(store, practitioner_id: int) -> tuple[int, str | None]:
    """Wrong passwords since the last successful sign-in or unlock: how many, and the time of
    the last one."""
    row = store.conn.execute(
        "SELECT count(*), max(at) FROM sign_in_events WHERE practitioner_id = ?"
        " AND event = 'failed' AND id > COALESCE((SELECT max(id) FROM sign_in_events"
        " WHERE practitioner_id = ? AND event IN ('sign_in', 'unlocked')), 0)",
        (practitioner_id, practitioner_id)).fetchone()
    return int(row[0]), row[1]


def open_lockout(store, practitioner_id: int) -> dict | None:
    """The latest lockout of an account that no administrator has lifted (it may have run
    out), or None."""
    return store.query_one(
        "SELECT id, locked_at, locked_until, failures FROM account_lockouts"
        " WHERE practitioner_id = ? AND unlocked_at IS NULL ORDER BY id DESC LIMIT 1",
        (practitioner_id,))


def insert_lockout(store, practitioner_id: int, locked_until: str, failures: int) -> int:
    cur = store.conn.execute(
        "INSERT INTO account_lockouts (practitioner_id, locked_at, locked_until, failures)"
        " VALUES (?, ?, ?, ?)", (practitioner_id, store.now_iso(), locked_until, failures))
    return cur.lastrowid


def close_lockouts(store, practitioner_id: int, unlocked_by: int | None) -> int:
    """Mark every open lockout of an account as lifted; returns how many."""
    cur = store.conn.execute(
        "UPDATE account_lockouts SET unlocked_at = ?, unlocked_by = ?"
        " WHERE practitioner_id = ? AND unlocked_at IS NULL",
        (store.now_iso(), unlocked_by, practitioner_id))
    return cur.rowcount


def open_lockouts(store) -> list[dict]:
    """Every lockout no administrator has lifted (some may have run out)."""
    return store.query("SELECT practitioner_id, locked_until FROM account_lockouts"
                       " WHERE unlocked_at IS NULL")


def record_event(store, event: str, practitioner_id: int | None, name_given: str = "") -> None:
    store.conn.execute(
        "INSERT INTO sign_in_events (at, practitioner_id, name_given, event) VALUES (?, ?, ?, ?)",
        (store.now_iso(), practitioner_id, name_given, event))
