"""Practitioner accounts and sign-in events."""

from __future__ import annotations

from rejuv_desktop.errors import NotFound

COLUMNS = "id, name, title, registration, role, active, created_at, is_doctor"


def insert(store, record: dict, password_hash: str) -> int:
    cur = store.conn.execute(
        "INSERT INTO practitioners (name, title, registration, role, active, created_at,"
        " password_hash, is_doctor) VALUES (?, ?, ?, ?, 1, ?, ?, ?)",
        (record["name"], record.get("title", ""), record.get("registration", ""),
         record.get("role", "practitioner"), store.now_iso(), password_hash,
         int(bool(record.get("is_doctor")))))
    return cur.lastrowid


def update(store, practitioner_id: int, record: dict) -> None:
    cur = store.conn.execute(
        "UPDATE practitioners SET name = ?, title = ?, registration = ?, role = ?, active = ?,"
        " is_doctor = ? WHERE id = ?", (record["name"], record.get("title", ""),
                                        record.get("registration", ""),
                                        record.get("role", "practitioner"),
                                        int(record.get("active", 1)),
                                        int(bool(record.get("is_doctor"))), practitioner_id))
    if cur.rowcount != 1:
        raise NotFound(f"Practitioner {practitioner_id} does not exist")


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
    where = "WHERE active = 1" if active_only else ""
    return store.query(f"SELECT {COLUMNS} FROM practitioners {where} ORDER BY name")


def count(store) -> int:
    return store.scalar("SELECT count(*) FROM practitioners")


def record_event(store, event: str, practitioner_id: int | None, name_given: str = "") -> None:
    store.conn.execute(
        "INSERT INTO sign_in_events (at, practitioner_id, name_given, event) VALUES (?, ?, ?, ?)",
        (store.now_iso(), practitioner_id, name_given, event))
