"""Consultation drafts and finalised consultations (the plans they create: ``plans.py``)."""

from __future__ import annotations

import json

from rejuv_desktop.errors import NotFound


def _loads(row: dict | None, *keys: str) -> dict | None:
    if row is None:
        return None
    for key in keys:
        if key in row and row[key] is not None:
            row[key.removesuffix("_json")] = json.loads(row.pop(key))
    return row


def insert_draft(store, patient_id: int, data: dict, amends_id: int | None = None,
                 reason: str = "") -> int:
    now = store.now_iso()
    cur = store.conn.execute(
        "INSERT INTO consultation_drafts (patient_id, practitioner_id, amends_id,"
        " amendment_reason, page, data_json, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, 0, ?, ?, ?)",
        (patient_id, store.actor_id, amends_id, reason, json.dumps(data, ensure_ascii=False),
         now, now))
    return cur.lastrowid


def update_draft(store, draft_id: int, data: dict, page: int) -> None:
    cur = store.conn.execute(
        "UPDATE consultation_drafts SET data_json = ?, page = ?, updated_at = ? WHERE id = ?",
        (json.dumps(data, ensure_ascii=False), page, store.now_iso(), draft_id))
    if cur.rowcount != 1:
        raise NotFound("This consultation draft no longer exists (it was finalised or "
                       "discarded in another window).")


def get_draft(store, draft_id: int) -> dict:
    row = _loads(store.query_one("SELECT * FROM consultation_drafts WHERE id = ?", (draft_id,)),
                 "data_json")
    if row is None:
        raise NotFound("This consultation draft no longer exists.")
    return row


def drafts_of(store, patient_id: int | None = None) -> list[dict]:
    where, params = ("WHERE d.patient_id = ?", (patient_id,)) if patient_id else ("", ())
    return store.query(
        "SELECT d.id, d.patient_id, d.page, d.updated_at, d.amends_id, p.given_name,"
        " p.family_name FROM consultation_drafts d JOIN patients p ON p.id = d.patient_id"
        f" {where} ORDER BY d.updated_at DESC", params)


def delete_draft(store, draft_id: int) -> None:
    store.conn.execute("DELETE FROM consultation_drafts WHERE id = ?", (draft_id,))


def insert_consultation(store, row: dict) -> int:
    row = dict(row)
    for key in ("data", "screening", "recommendation"):
        row[f"{key}_json"] = json.dumps(row.pop(key), ensure_ascii=False)
    cols = ", ".join(row)
    cur = store.conn.execute(f"INSERT INTO consultations ({cols}) VALUES ({', '.join('?' * len(row))})",
                             list(row.values()))
    return cur.lastrowid


def get_consultation(store, consultation_id: int) -> dict:
    row = store.query_one(
        "SELECT c.*, pr.name AS practitioner_name, pr.title AS practitioner_title,"
        " (SELECT max(a.id) FROM consultations a WHERE a.amends_id = c.id) AS amended_by"
        " FROM consultations c LEFT JOIN practitioners pr ON pr.id = c.practitioner_id"
        " WHERE c.id = ?", (consultation_id,))
    if row is None:
        raise NotFound(f"Consultation {consultation_id} does not exist")
    return _loads(row, "data_json", "screening_json", "recommendation_json")


def consultations_of(store, patient_id: int) -> list[dict]:
    return store.query(
        "SELECT c.id, c.finalised_at, c.amends_id, c.amendment_reason, c.outcome,"
        " c.verdict_fat_transfer, c.verdict_mesotherapy, pr.name AS practitioner_name,"
        " (SELECT max(a.id) FROM consultations a WHERE a.amends_id = c.id) AS amended_by"
        " FROM consultations c LEFT JOIN practitioners pr ON pr.id = c.practitioner_id"
        " WHERE c.patient_id = ? ORDER BY c.finalised_at DESC, c.id DESC", (patient_id,))
