"""Procedure sessions: the session rows, their entries, follow-ups and the product lots used.

Entries are append-only (a correction is a newer entry for the same key); the latest entry of
a key is what the session holds now. Callers wrap writes in ``store.write()``.
"""

from __future__ import annotations

import json

from rejuv_desktop.domain.consultation_record import ConsultationRecord
from rejuv_desktop.errors import NotFound
from rejuv_desktop.storage import consultations, versions
from rejuv_desktop.storage.bulk import insert_row

_WHO = "trim(coalesce(pr.title, '') || ' ' || coalesce(pr.name, ''))"


def lot_key(lot: str) -> str:
    """A lot number as compared in a recall: letters and digits only, upper case.

    A recall must not miss a patient because a lot was typed "HA 2291" once and "ha-2291"
    another time; the exact lot as recorded is listed beside each match.
    """
    return "".join(c for c in str(lot) if c.isalnum()).upper()


# --- the consultation behind a plan ---------------------------------------------------------------

def consultation_data_of_plan(store, plan_id: int) -> dict:
    """The finalised consultation a plan comes from: its ``record`` (a ``ConsultationRecord``)
    and when it was held."""
    row = store.query_one(
        "SELECT c.id, c.started_at, c.finalised_at, c.data_json FROM plans pl"
        " JOIN consultations c ON c.id = pl.consultation_id WHERE pl.id = ?", (plan_id,))
    if row is None:
        raise NotFound(f"Plan {plan_id} does not exist")
    row["record"] = consultations.stored_record(store, row["id"], row.pop("data_json"))
    return row


def aftercare_issued(store, session_id: int) -> dict | None:
    """The first aftercare sheet issued for a session (number and when), or None."""
    return store.query_one(
        "SELECT id, number, created_at FROM documents WHERE kind = 'aftercare' AND session_id = ?"
        " AND signed_of IS NULL ORDER BY id LIMIT 1", (session_id,))


def newest_screening(store, patient_id: int) -> dict | None:
    """The patient's newest finalised consultation that no amendment corrects: its id, date,
    stored verdicts and overrides (None when there is none)."""
    row = store.query_one(
        "SELECT c.id, c.finalised_at, c.data_json FROM consultations c"
        " WHERE c.patient_id = ? AND NOT EXISTS"
        " (SELECT 1 FROM consultations a WHERE a.amends_id = c.id)"
        " ORDER BY c.finalised_at DESC, c.id DESC LIMIT 1", (patient_id,))
    if row is None:
        return None
    record = ConsultationRecord.from_json(row.pop("data_json"))
    row.update(verdicts=consultations.verdicts_of(store, [row["id"]])[row["id"]],
               overrides=record.overrides, chosen=record.chosen)
    row["screened_at"] = screened_at(store, row["id"])
    # The consultations it corrects, through every amendment in between.
    row["corrects"] = [r[0] for r in store.conn.execute(
        "WITH RECURSIVE back(id) AS (SELECT amends_id FROM consultations WHERE id = ?"
        " UNION SELECT c.amends_id FROM consultations c JOIN back ON c.id = back.id"
        " WHERE c.amends_id IS NOT NULL) SELECT id FROM back WHERE id IS NOT NULL",
        (row["id"],))]
    return row


# --- sessions -------------------------------------------------------------------------------------

def insert_session(store, row: dict) -> int:
    return insert_row(store, "sessions", row)


def get_session(store, session_id: int) -> dict:
    row = store.query_one(
        f"SELECT s.*, p.given_name, p.family_name, p.date_of_birth, {_WHO} AS started_by_name,"
        " (SELECT trim(c.title || ' ' || c.name) FROM practitioners c WHERE c.id = s.completed_by)"
        " AS completed_by_name"
        " FROM sessions s JOIN patients p ON p.id = s.patient_id"
        " LEFT JOIN practitioners pr ON pr.id = s.started_by WHERE s.id = ?", (session_id,))
    if row is None:
        raise NotFound(f"Session {session_id} does not exist")
    return row


def update_session(store, session_id: int, *, expected_version: int | None = None,
                   **values) -> int:
    """Save values over a session; returns its new version (``RecordChanged`` when it was
    saved elsewhere after ``expected_version``)."""
    return versions.save_over(store, "sessions", session_id, values,
                              expected_version=expected_version,
                              not_found=f"Session {session_id} does not exist")


def open_session_of_plan(store, plan_id: int) -> dict | None:
    return store.query_one("SELECT * FROM sessions WHERE plan_id = ? AND status = 'in_progress'",
                           (plan_id,))


def completed_count(store, plan_id: int) -> int:
    return store.scalar("SELECT count(*) FROM sessions WHERE plan_id = ? AND status = 'completed'",
                        (plan_id,))


def sessions_of_patient(store, patient_id: int) -> list[dict]:
    return store.query(
        f"SELECT s.*, {_WHO} AS started_by_name FROM sessions s"
        " LEFT JOIN practitioners pr ON pr.id = s.started_by"
        " WHERE s.patient_id = ? ORDER BY s.session_date, s.id", (patient_id,))


def session_of_patient(store, session_id: int, patient_id: int) -> dict | None:
    """The session's row when it is one of this patient's sessions, else None."""
    return store.query_one("SELECT * FROM sessions WHERE id = ? AND patient_id = ?",
                           (session_id, patient_id))


def last_session(store, patient_id: int, procedure: str) -> dict | None:
    """The patient's latest completed session of a procedure, or None.

    Keys: id, session_date, session_number, series_length, plan_id (the aftercare sheet takes
    its dates from it).
    """
    return store.query_one(
        "SELECT id, session_date, session_number, series_length, plan_id FROM sessions"
        " WHERE patient_id = ? AND procedure = ? AND status = 'completed'"
        " ORDER BY session_date DESC, id DESC LIMIT 1", (patient_id, procedure))


# --- entries --------------------------------------------------------------------------------------

def insert_entry(store, session_id: int, key: str, kind: str, value) -> int:
    return insert_row(store, "session_entries", {
        "session_id": session_id, "key": key, "kind": kind,
        "value_json": json.dumps(value, ensure_ascii=False),
        "practitioner_id": store.actor_id, "at": store.now_iso()})


def entries_of(store, session_id: int) -> list[dict]:
    """Every entry of a session, oldest first, with the name of who made it."""
    rows = store.query(
        f"SELECT e.id, e.key, e.kind, e.value_json, e.practitioner_id, e.at, {_WHO} AS who"
        " FROM session_entries e LEFT JOIN practitioners pr ON pr.id = e.practitioner_id"
        " WHERE e.session_id = ? ORDER BY e.id", (session_id,))
    for row in rows:
        row["value"] = json.loads(row.pop("value_json"))
    return rows


def entry(store, entry_id: int) -> dict:
    """One entry, with the name of who made it."""
    row = store.query_one(
        f"SELECT e.id, e.key, e.kind, e.value_json, e.practitioner_id, e.at, {_WHO} AS who"
        " FROM session_entries e LEFT JOIN practitioners pr ON pr.id = e.practitioner_id"
        " WHERE e.id = ?", (entry_id,))
    if row is None:
        raise NotFound(f"Session entry {entry_id} does not exist")
    row["value"] = json.loads(row.pop("value_json"))
    return row


def latest_values(store, session_ids: list[int], prefix: str = "") -> dict[int, dict]:
    """The latest value of each field key per session (only keys starting with ``prefix``)."""
    if not session_ids:
        return {}
    marks = ", ".join("?" * len(session_ids))
    rows = store.query(
        "SELECT e.session_id, e.key, e.value_json FROM session_entries e"
        f" WHERE e.session_id IN ({marks}) AND e.kind = 'field' AND e.key LIKE ? ESCAPE '\\'"
        " AND e.id = (SELECT max(x.id) FROM session_entries x WHERE x.session_id = e.session_id"
        "             AND x.kind = 'field' AND x.key = e.key)",
        [*session_ids, prefix.replace("_", "\\_") + "%"])
    out: dict[int, dict] = {sid: {} for sid in session_ids}
    for row in rows:
        out[row["session_id"]][row["key"]] = json.loads(row["value_json"])
    return out


# --- follow-ups -----------------------------------------------------------------------------------

def insert_follow_up(store, row: dict) -> int:
    return insert_row(store, "follow_ups", {**row, "created_at": store.now_iso()})


def get_follow_up(store, follow_up_id: int) -> dict:
    row = store.query_one("SELECT * FROM follow_ups WHERE id = ?", (follow_up_id,))
    if row is None:
        raise NotFound(f"Follow-up {follow_up_id} does not exist")
    return row


def update_follow_up(store, follow_up_id: int, *, expected_version: int | None = None,
                     **values) -> int:
    """Save values over a follow-up; returns its new version (``RecordChanged`` when it was
    saved elsewhere after ``expected_version``)."""
    return versions.save_over(store, "follow_ups", follow_up_id, values,
                              expected_version=expected_version,
                              not_found=f"Follow-up {follow_up_id} does not exist")


def follow_ups_due(store) -> list[dict]:
    """Open follow-ups of patients not archived, earliest window first, with names."""
    return store.query(
        "SELECT f.*, p.given_name, p.family_name, p.phone, s.procedure, s.session_number,"
        " s.series_length, s.maintenance"
        " FROM follow_ups f JOIN patients p ON p.id = f.patient_id"
        " LEFT JOIN sessions s ON s.id = f.session_id"
        " WHERE f.status = 'due' AND p.archived = 0 ORDER BY f.due_from, f.due_to, f.id")


def due_windows(store) -> list[tuple[str, str]]:
    """``(due_from, due_to)`` of every open follow-up that ``follow_ups_due`` lists."""
    return store.conn.execute(
        "SELECT f.due_from, f.due_to FROM follow_ups f"
        " JOIN patients p INDEXED BY patients_by_id ON p.id = f.patient_id"
        " WHERE f.status = 'due' AND p.archived = 0").fetchall()


def follow_ups_of_patient(store, patient_id: int) -> list[dict]:
    return store.query(
        "SELECT f.*, s.procedure FROM follow_ups f LEFT JOIN sessions s ON s.id = f.session_id"
        " WHERE f.patient_id = ? ORDER BY f.due_from, f.id", (patient_id,))


def visits_booked_after(store, session_id: int) -> list[dict]:
    """The follow-ups a session booked that are not cancelled (due or done): kind, label and
    window, earliest first."""
    return store.query("SELECT kind, label, due_from, due_to FROM follow_ups"
                       " WHERE session_id = ? AND status IN ('due', 'done')"
                       " ORDER BY due_from, id", (session_id,))


def due_reviews_before(store, patient_id: int, day: str) -> list[dict]:
    """The patient's open reviews whose window ended before ``day`` (ISO date): their ids."""
    return store.query("SELECT id FROM follow_ups WHERE patient_id = ? AND kind = 'review'"
                       " AND status = 'due' AND due_to < ?", (patient_id, day))


def open_follow_ups_of_plan(store, plan_id: int, kinds: tuple[str, ...]) -> list[dict]:
    marks = ", ".join("?" * len(kinds))
    return store.query(f"SELECT * FROM follow_ups WHERE plan_id = ? AND status = 'due'"
                       f" AND kind IN ({marks})", (plan_id, *kinds))


# --- product lots ---------------------------------------------------------------------------------

def insert_product(store, row: dict) -> int:
    return insert_row(store, "session_products", {**row, "lot_key": lot_key(row["lot"])})


def products_of(store, session_ids: list[int]) -> list[dict]:
    if not session_ids:
        return []
    marks = ", ".join("?" * len(session_ids))
    return store.query(f"SELECT * FROM session_products WHERE session_id IN ({marks})"
                       " ORDER BY session_id, row_number", session_ids)


_LOT_COLUMNS = ("s.id AS session_id, s.session_date, s.status, s.procedure, s.session_number,"
                " s.series_length, s.maintenance, p.id AS patient_id, p.given_name,"
                " p.family_name, p.date_of_birth, p.phone, p.archived")


def sessions_with_lot(store, lot: str) -> list[dict]:
    """Ended sessions (completed or abandoned) that recorded the lot, with patient details."""
    return store.query(
        f"SELECT {_LOT_COLUMNS}, sp.product, sp.lot, sp.expiry, sp.quantity_ml"
        " FROM session_products sp JOIN sessions s ON s.id = sp.session_id"
        " JOIN patients p ON p.id = s.patient_id WHERE sp.lot_key = ?"
        " ORDER BY s.session_date, s.id, sp.row_number", (lot_key(lot),))


def open_sessions_with_lot_entries(store) -> list[dict]:
    """Sessions still in progress that have product entries (searched live by the caller)."""
    return store.query(
        f"SELECT {_LOT_COLUMNS} FROM sessions s JOIN patients p ON p.id = s.patient_id"
        " WHERE s.status = 'in_progress' AND EXISTS (SELECT 1 FROM session_entries e"
        " WHERE e.session_id = s.id AND e.kind = 'field')")


def overrides_of(store, session_ids: list[int], key: str) -> dict[int, dict]:
    """The latest ``override`` entry under ``key`` per session (value, who, when)."""
    if not session_ids:
        return {}
    marks = ", ".join("?" * len(session_ids))
    rows = store.query(
        f"SELECT e.session_id, e.value_json, e.at, {_WHO} AS who FROM session_entries e"
        " LEFT JOIN practitioners pr ON pr.id = e.practitioner_id"
        f" WHERE e.session_id IN ({marks}) AND e.kind = 'override' AND e.key = ?"
        " ORDER BY e.id", [*session_ids, key])
    return {r["session_id"]: {"value": json.loads(r["value_json"]), "at": r["at"], "who": r["who"]}
            for r in rows}


def consultation_of_plan(store, plan_id: int) -> dict:
    """The finalised date, stored verdicts and overrides of the consultation behind a plan."""
    row = store.query_one(
        "SELECT c.finalised_at, c.data_json, c.id AS consultation_id"
        " FROM plans pl JOIN consultations c ON c.id = pl.consultation_id WHERE pl.id = ?",
        (plan_id,))
    if row is None:
        raise NotFound(f"Plan {plan_id} does not exist")
    cid = row["consultation_id"]
    row.update(verdicts=consultations.verdicts_of(store, [cid])[cid],
               overrides=ConsultationRecord.from_json(row.pop("data_json")).overrides)
    row["screened_at"] = screened_at(store, cid)
    return row


def screened_at(store, consultation_id: int) -> str:
    """When the patient was screened for a consultation: an amendment's is the finalising of
    the first consultation it corrects (its answers describe that day)."""
    return store.conn.execute(
        "WITH RECURSIVE back(id, amends_id, finalised_at) AS (SELECT id, amends_id, finalised_at"
        " FROM consultations WHERE id = ? UNION ALL SELECT c.id, c.amends_id, c.finalised_at"
        " FROM consultations c JOIN back ON c.id = back.amends_id)"
        " SELECT finalised_at FROM back WHERE amends_id IS NULL", (consultation_id,)).fetchone()[0]
