"""Treatment plans: one row per procedure a finalised consultation plans.

Every read and write of the ``plans`` table lives here. A plan is ``planned`` until its first
session starts (``in_progress``), then ``completed``; an amendment ``supersede``s the plans of
the consultation it corrects that no session has started. Callers wrap writes in
``store.write()``.
"""

from __future__ import annotations

from rejuv_desktop.domain.consultation_record import ConsultationRecord
from rejuv_desktop.errors import NotFound
from rejuv_desktop.storage import versions

def _marks(values) -> str:
    return ", ".join("?" * len(values))


def insert(store, row: dict) -> int:
    """A new plan (``created_at`` is set here)."""
    row = {**row, "created_at": store.now_iso()}
    cols = ", ".join(row)
    cur = store.conn.execute(f"INSERT INTO plans ({cols}) VALUES ({_marks(row)})",
                             list(row.values()))
    return cur.lastrowid


def get(store, plan_id: int) -> dict:
    """The plan's row; ``NotFound`` when there is none."""
    plan = store.query_one("SELECT * FROM plans WHERE id = ?", (plan_id,))
    if plan is None:
        raise NotFound(f"Plan {plan_id} does not exist")
    return plan


def get_for_session(store, plan_id: int) -> dict:
    """A plan with the patient's weight from the consultation that made it (None if absent)
    and whether the patient is archived: what starting a session needs."""
    row = store.query_one(
        "SELECT pl.*, c.data_json, p.archived"
        " FROM plans pl JOIN consultations c ON c.id = pl.consultation_id"
        " JOIN patients p ON p.id = pl.patient_id WHERE pl.id = ?", (plan_id,))
    if row is None:
        raise NotFound(f"Plan {plan_id} does not exist")
    row["weight_kg"] = ConsultationRecord.from_json(row.pop("data_json")).weight_kg
    return row


def plans_of(store, patient_id: int, active_only: bool = False) -> list[dict]:
    """The patient's plans in the order they were made (only active ones if asked)."""
    where = "AND status IN ('planned', 'in_progress')" if active_only else ""
    return store.query(f"SELECT * FROM plans WHERE patient_id = ? {where} ORDER BY id",
                       (patient_id,))


def plans_by_start(store, patient_id: int) -> list[dict]:
    """The patient's plans in the order their first sessions fall."""
    return store.query("SELECT * FROM plans WHERE patient_id = ? ORDER BY start_date, id",
                       (patient_id,))


def current_plan(store, patient_id: int, procedure: str) -> dict | None:
    """The patient's newest plan for a procedure that is not superseded or cancelled."""
    return store.query_one(
        "SELECT * FROM plans WHERE patient_id = ? AND procedure = ? AND status IN"
        " ('planned', 'in_progress', 'completed') ORDER BY id DESC LIMIT 1",
        (patient_id, procedure))


def practitioner_of(store, plan_id: int) -> int | None:
    """Who held the consultation that made the plan."""
    return store.scalar("SELECT c.practitioner_id FROM plans pl JOIN consultations c"
                        " ON c.id = pl.consultation_id WHERE pl.id = ?", (plan_id,))


def set_status(store, plan_id: int, status: str, *,
               expected_version: int | None = None) -> int:
    """Move a plan to ``status`` (nothing when it is there already); returns its version."""
    return versions.save_over(store, "plans", plan_id, {"status": status},
                              expected_version=expected_version, where="status != ?",
                              where_params=(status,))


def supersede_unstarted(store, consultation_id: int) -> None:
    """Plans of an amended consultation that no session has started are replaced."""
    stamp = versions.stamp(store, "plans")
    store.conn.execute("UPDATE plans SET status = 'superseded', version = version + 1,"
                       " saved_at = ?, updated_by = ? WHERE consultation_id = ?"
                       " AND status = 'planned'",
                       (stamp["saved_at"], stamp["updated_by"], consultation_id))


def awaiting_a_session(store) -> list[dict]:
    """Active plans of patients not archived whose next session is not yet on the Due list:
    nothing in progress and no open next-session or maintenance visit. With the patient's
    name and phone and how many sessions of the plan are completed."""
    return store.query(
        "SELECT pl.id AS plan_id, pl.patient_id, pl.procedure, pl.sessions, pl.interval_days,"
        " pl.start_date, p.given_name, p.family_name, p.phone,"
        " (SELECT count(*) FROM sessions s WHERE s.plan_id = pl.id"
        "  AND s.status = 'completed') AS completed"
        " FROM plans pl JOIN patients p ON p.id = pl.patient_id"
        " WHERE pl.status IN ('planned', 'in_progress') AND p.archived = 0"
        " AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.plan_id = pl.id"
        "                 AND s.status = 'in_progress')"
        " AND NOT EXISTS (SELECT 1 FROM follow_ups f WHERE f.plan_id = pl.id"
        "                 AND f.status = 'due' AND f.kind IN ('next_session', 'maintenance'))"
        " ORDER BY pl.start_date, pl.id")
