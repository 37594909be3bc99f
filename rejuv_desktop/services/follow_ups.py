"""Follow-up visits after a session: the Due list, and marking a visit done, moved or cancelled.

Completing a session creates its follow-ups (``sessions.complete_session``); from then on each
one is closed here. A closed visit is kept with who closed it, when and why; a moved visit stays,
marked rescheduled, beside the new one that points back to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rejuv_desktop.domain.schedule import classify_due
from rejuv_desktop.errors import UserError, ValidationError
from rejuv_desktop.services.sessions import require_actor
from rejuv_desktop.storage import sessions as repo


@dataclass(frozen=True)
class DueItem:
    """An open follow-up as the Due list shows it."""

    id: int
    patient_id: int
    patient_name: str
    phone: str
    label: str
    kind: str
    procedure: str | None
    due_from: date
    due_to: date
    due_class: str
    """``overdue``, ``this_week`` or ``upcoming``."""
    note: str


def due_list(store, today: date | None = None) -> dict[str, list[DueItem]]:
    """Open follow-ups of patients not archived, by class: overdue, this week, upcoming."""
    today = today or store.clock().date()
    out: dict[str, list[DueItem]] = {"overdue": [], "this_week": [], "upcoming": []}
    for r in repo.follow_ups_due(store):
        start, end = date.fromisoformat(r["due_from"]), date.fromisoformat(r["due_to"])
        klass = classify_due(start, end, today)
        out[klass].append(DueItem(r["id"], r["patient_id"], f"{r['given_name']} {r['family_name']}",
                                  r["phone"], r["label"], r["kind"], r["procedure"], start, end,
                                  klass, r["note"]))
    return out


def due_counts(store, today: date | None = None) -> dict[str, int]:
    """How many open follow-ups ``due_list`` would show in each class, without building it."""
    today = today or store.clock().date()
    out = {"overdue": 0, "this_week": 0, "upcoming": 0}
    for start, end in repo.due_windows(store):
        out[classify_due(date.fromisoformat(start), date.fromisoformat(end), today)] += 1
    return out


def _open_follow_up(store, follow_up_id: int) -> dict:
    require_actor(store)
    row = repo.get_follow_up(store, follow_up_id)
    if row["status"] != "due":
        raise UserError(f"This follow-up is already {row['status']}.")
    return row


def mark_follow_up_done(store, follow_up_id: int, note: str = "") -> None:
    """The visit took place (an optional note says how it went)."""
    _open_follow_up(store, follow_up_id)
    with store.write():
        repo.update_follow_up(store, follow_up_id, status="done", done_at=store.now_iso(),
                              done_by=store.actor_id, note=note.strip())


def reschedule_follow_up(store, follow_up_id: int, due_from: date, due_to: date,
                         reason: str) -> int:
    """Move a visit to a new window; the old one stays, marked rescheduled. Returns the new id."""
    row = _open_follow_up(store, follow_up_id)
    errors = {}
    if not reason.strip():
        errors["reason"] = "Say why the visit is moved"
    if due_to < due_from:
        errors["due_to"] = "The new window ends before it starts"
    if errors:
        raise ValidationError(errors)
    with store.write():
        repo.update_follow_up(store, follow_up_id, status="rescheduled", done_at=store.now_iso(),
                              done_by=store.actor_id, note=reason.strip())
        return repo.insert_follow_up(store, {
            "patient_id": row["patient_id"], "session_id": row["session_id"],
            "plan_id": row["plan_id"], "kind": row["kind"], "rule_id": row["rule_id"],
            "label": row["label"], "due_from": due_from.isoformat(), "due_to": due_to.isoformat(),
            "note": reason.strip(), "rescheduled_from": follow_up_id})


def cancel_follow_up(store, follow_up_id: int, reason: str) -> None:
    """The visit will not take place (kept, with the reason)."""
    _open_follow_up(store, follow_up_id)
    if not reason.strip():
        raise ValidationError({"reason": "Say why the visit is cancelled"})
    with store.write():
        repo.update_follow_up(store, follow_up_id, status="cancelled", done_at=store.now_iso(),
                              done_by=store.actor_id, note=reason.strip())


def follow_ups_of_patient(store, patient_id: int) -> list[dict]:
    """Every follow-up of a patient (open or not), earliest first."""
    return repo.follow_ups_of_patient(store, patient_id)
