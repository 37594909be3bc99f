"""Consultation drafts and finalised consultations (the plans they create: ``plans.py``)."""

from __future__ import annotations

import json

from rejuv_desktop.domain.consultation_record import ConsultationRecord
from rejuv_desktop.errors import NotFound
from rejuv_desktop.storage import versions


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


def update_draft(store, draft_id: int, data: dict, page: int, *,
                 expected_version: int | None = None) -> int:
    """Save a draft over; returns its new version (``RecordChanged`` when it was saved
    elsewhere after ``expected_version``)."""
    return versions.save_over(
        store, "consultation_drafts", draft_id,
        {"data_json": json.dumps(data, ensure_ascii=False), "page": page},
        expected_version=expected_version,
        not_found="This consultation draft no longer exists (it was finalised or discarded in "
                  "another window).")


def get_draft(store, draft_id: int) -> dict:
    row = _loads(store.query_one("SELECT * FROM consultation_drafts WHERE id = ?", (draft_id,)),
                 "data_json")
    if row is None:
        raise NotFound("This consultation draft no longer exists.")
    return row


def drafts_of(store, patient_id: int | None = None) -> list[dict]:
    where, params = ("WHERE d.patient_id = ?", (patient_id,)) if patient_id else ("", ())
    return store.query(
        "SELECT d.id, d.patient_id, d.practitioner_id, d.page, d.updated_at, d.amends_id,"
        " p.given_name, p.family_name FROM consultation_drafts d JOIN patients p ON p.id = d.patient_id"
        f" {where} ORDER BY d.updated_at DESC", params)


def delete_draft(store, draft_id: int) -> None:
    store.conn.execute("DELETE FROM consultation_drafts WHERE id = ?", (draft_id,))


def insert_consultation(store, row: dict) -> int:
    """Store a finalised consultation: ``record`` (a ``ConsultationRecord``), ``screening``
    (the snapshot of what was asked, its verdicts aside), ``verdicts`` (procedure id -> the
    verdict as ``screening.verdict_to_dict``), ``recommendation`` (as
    ``recommendation.to_dict``) and the rest of the consultations row.

    The verdict is stored once, a row per procedure; the hand grades once, a row per side and
    scale (the record's JSON leaves them out)."""
    row = dict(row)
    record: ConsultationRecord = row.pop("record")
    verdicts: dict = row.pop("verdicts")
    screening = {k: v for k, v in row.pop("screening").items() if k != "verdicts"}
    row.update(data_json=record.to_json(without_grades=True),
               screening_json=json.dumps(screening, ensure_ascii=False),
               recommendation_json=json.dumps(row.pop("recommendation"), ensure_ascii=False),
               # Columns of the first schema that nothing reads any more (see migration 0014).
               verdict_fat_transfer="", verdict_mesotherapy="")
    cols = ", ".join(row)
    cur = store.conn.execute(f"INSERT INTO consultations ({cols}) VALUES ({', '.join('?' * len(row))})",
                             list(row.values()))
    consultation_id = cur.lastrowid
    for procedure, verdict in verdicts.items():
        store.conn.execute(
            "INSERT INTO procedure_verdicts (consultation_id, procedure, level, reasons_json)"
            " VALUES (?, ?, ?, ?)", (consultation_id, procedure, verdict["level"],
                                     json.dumps(verdict.get("reasons") or [], ensure_ascii=False)))
    for side, scale, grade in record.hand_grades():
        insert_hand_assessment(store, patient_id=row["patient_id"], context="baseline",
                               consultation_id=consultation_id, side=side, scale=scale,
                               grade=grade, assessed_at=row["finalised_at"],
                               practitioner_id=row.get("practitioner_id"))
    return consultation_id


def insert_hand_assessment(store, *, patient_id: int, context: str, side: str, scale: str,
                           grade, assessed_at: str, practitioner_id: int | None,
                           consultation_id: int | None = None,
                           follow_up_id: int | None = None) -> int:
    """One grade on one scale for one hand, at baseline (a consultation) or at a follow-up."""
    return store.conn.execute(
        "INSERT INTO hand_assessments (patient_id, context, consultation_id, follow_up_id, side,"
        " scale, grade, assessed_at, practitioner_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (patient_id, context, consultation_id, follow_up_id, side, scale, grade, assessed_at,
         practitioner_id)).lastrowid


def hand_assessments_of(store, consultation_id: int) -> list[dict]:
    """The baseline hand assessments of a consultation, by side and scale."""
    rows = store.query(
        "SELECT side, scale, grade, assessed_at, practitioner_id, context FROM hand_assessments"
        " WHERE consultation_id = ? ORDER BY side, scale, id", (consultation_id,))
    if store.engine != "sqlite":  # a server keeps the any-type grade as text: a number back
        for r in rows:
            if isinstance(r["grade"], str) and r["grade"].isdigit():
                r["grade"] = int(r["grade"])
    return rows


def verdicts_of(store, consultation_ids, *,
                with_reasons: bool = True) -> dict[int, dict[str, dict]]:
    """Per consultation, its verdict per procedure: ``{"level": ..., "reasons": [...]}``
    (the level alone without ``with_reasons``)."""
    ids = list(consultation_ids)
    out: dict[int, dict[str, dict]] = {i: {} for i in ids}
    reasons = ", reasons_json" if with_reasons else ""
    for start in range(0, len(ids), 500):
        part = ids[start:start + 500]
        for r in store.query(
                f"SELECT consultation_id, procedure, level{reasons} FROM procedure_verdicts"
                f" WHERE consultation_id IN ({', '.join('?' * len(part))}) ORDER BY id", part):
            verdict = {"level": r["level"]}
            if with_reasons:
                verdict["reasons"] = json.loads(r["reasons_json"])
            out[r["consultation_id"]][r["procedure"]] = verdict
    return out


def stored_record(store, consultation_id: int, data_json: str | None) -> ConsultationRecord:
    """A finalised consultation's record, in today's shape, with its hand grades."""
    return ConsultationRecord.from_json(data_json).with_grades(
        hand_assessments_of(store, consultation_id))


def get_consultation(store, consultation_id: int) -> dict:
    """A finalised consultation: its row, ``record`` (a ``ConsultationRecord``), ``screening``
    with the stored ``verdicts`` laid in, ``verdicts`` and ``recommendation`` (as stored)."""
    row = store.query_one(
        "SELECT c.*, pr.name AS practitioner_name, pr.title AS practitioner_title,"
        " (SELECT max(a.id) FROM consultations a WHERE a.amends_id = c.id) AS amended_by"
        " FROM consultations c LEFT JOIN practitioners pr ON pr.id = c.practitioner_id"
        " WHERE c.id = ?", (consultation_id,))
    if row is None:
        raise NotFound(f"Consultation {consultation_id} does not exist")
    for legacy in ("verdict_fat_transfer", "verdict_mesotherapy"):
        row.pop(legacy, None)
    row["record"] = stored_record(store, consultation_id, row.pop("data_json"))
    row = _loads(row, "screening_json", "recommendation_json")
    row["verdicts"] = verdicts_of(store, [consultation_id])[consultation_id]
    row["screening"] = {**(row.get("screening") or {}), "verdicts": row["verdicts"]}
    return row


def newest_unamended_id(store, patient_id: int) -> int | None:
    """The id of the patient's newest consultation that no later one amends (the first of
    ``consultations_of`` without ``amended_by``), read alone."""
    return store.scalar(
        "SELECT c.id FROM consultations c WHERE c.patient_id = ? AND NOT EXISTS"
        " (SELECT 1 FROM consultations a WHERE a.amends_id = c.id)"
        " ORDER BY c.finalised_at DESC, c.id DESC LIMIT 1", (patient_id,))


def consultations_of(store, patient_id: int) -> list[dict]:
    """The patient's finalised consultations, newest first, each with ``levels`` (procedure
    id -> verdict level)."""
    rows = store.query(
        "SELECT c.id, c.finalised_at, c.amends_id, c.amendment_reason, c.outcome,"
        " pr.name AS practitioner_name,"
        " (SELECT max(a.id) FROM consultations a WHERE a.amends_id = c.id) AS amended_by"
        " FROM consultations c LEFT JOIN practitioners pr ON pr.id = c.practitioner_id"
        " WHERE c.patient_id = ? ORDER BY c.finalised_at DESC, c.id DESC", (patient_id,))
    verdicts = verdicts_of(store, [r["id"] for r in rows], with_reasons=False)
    for r in rows:
        r["levels"] = {p: v["level"] for p, v in verdicts[r["id"]].items()}
    return rows
