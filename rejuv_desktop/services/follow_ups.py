"""Follow-up visits after a session: the Due list, and marking a visit done, moved or cancelled.

Completing a session creates its follow-ups (``sessions.complete_session``); from then on each
one is closed here. A closed visit is kept with who closed it, when and why; a moved visit stays,
marked rescheduled, beside the new one that points back to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rejuv_desktop.domain import consultation as dc
from rejuv_desktop.domain import patients as dp
from rejuv_desktop.domain.dates import format_day
from rejuv_desktop.domain.schedule import classify_due
from rejuv_desktop.errors import UserError, ValidationError
from rejuv_desktop.services import devis
from rejuv_desktop.services.sessions import require_actor
from rejuv_desktop.storage import plans as plans_repo
from rejuv_desktop.storage import sessions as sessions_repo


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
    plan_id: int | None = None
    session_number: int | None = None
    """Set for a planned session (``kind`` ``planned_session``), whose ``id`` is None."""
    session_count: int | None = None
    """The plan's number of sessions, for a planned session (the screens word the label)."""
    rule_id: str = ""
    """The protocol's follow-up rule it was booked from (its label in another language)."""
    legal: tuple | None = None
    """What the law of the clinic's country still asks before this planned session, as a
    code: ``("devis_missing", "")``, ``("devis_unsigned", number)``, or
    ``("devis_reflection", first allowed day, signed on)``."""

    @property
    def key(self) -> str:
        """Unique among the items of a list, follow-ups and planned sessions alike."""
        return f"follow_up:{self.id}" if self.id is not None else f"plan:{self.plan_id}"


def planned_sessions_due(store, today: date | None = None) -> list[DueItem]:
    """The next session of each active plan that nothing else on the list stands for: a plan
    not started yet (its first session) or a series whose next-session visit is not open."""
    today = today or store.clock().date()
    out = []
    quotes = bool(devis.rules(store).devis)  # only a country whose law asks for quotes
    for r, number, window in _next_sessions(plans_repo.awaiting_a_session(store)):
        label = f"Session {number} of {r['sessions']} (planned)" if r["sessions"] > 1 else \
            "Session (planned)"
        out.append(DueItem(None, r["patient_id"], dp.display_name(r),
                           r["phone"] or "", label, "planned_session", r["procedure"],
                           window[0], window[1], classify_due(window[0], window[1], today), "",
                           r["plan_id"], number, r["sessions"],
                           legal=_legal(store, r["plan_id"], today) if quotes else None))
    return out


def _next_sessions(rows):
    """(row, session number, (first day, last day)) of the next session of each plan row."""
    for r in rows:
        number = r["completed"] + 1
        if number > r["sessions"]:
            continue
        try:
            planned = dc.planned_sessions(r["procedure"], {
                "start": r["start_date"], "sessions": r["sessions"],
                "interval_days": r["interval_days"]})
        except ValidationError:  # a plan the current protocol no longer allows: its first day
            start = date.fromisoformat(r["start_date"])
            window = (start, start)
        else:
            window = (planned[number - 1].earliest, planned[number - 1].latest)
        yield r, number, window


def _legal(store, plan_id: int, today: date) -> tuple | None:
    """What the quote the law requires still asks before a plan's session (see DueItem)."""
    st = devis.status(store, plan_id)
    if not st.needed:
        return None
    if st.signed is None:
        return ("devis_unsigned", st.issued["number"]) if st.issued else ("devis_missing", "")
    if today < st.reflection_end:
        return ("devis_reflection", st.reflection_end, st.signed_on)
    return None


def due_list(store, today: date | None = None) -> dict[str, list[DueItem]]:
    """Open follow-ups and planned sessions of patients not archived, by class: overdue, this
    week, upcoming; earliest first in each."""
    today = today or store.clock().date()
    out: dict[str, list[DueItem]] = {"overdue": [], "this_week": [], "upcoming": []}
    for r in sessions_repo.follow_ups_due(store):
        start, end = date.fromisoformat(r["due_from"]), date.fromisoformat(r["due_to"])
        klass = classify_due(start, end, today)
        out[klass].append(DueItem(r["id"], r["patient_id"], dp.display_name(r),
                                  r["phone"] or "", r["label"], r["kind"], r["procedure"], start,
                                  end, klass, r["note"], r["plan_id"],
                                  rule_id=r["rule_id"] or ""))
    planned = planned_sessions_due(store, today)
    for item in planned:
        out[item.due_class].append(item)
    if planned:
        for items in out.values():
            items.sort(key=lambda i: (i.due_from, i.due_to, i.patient_name))
    return out


def expected_on(store, day: date) -> list[DueItem]:
    """Who is expected on ``day`` (the front desk's day view): planned sessions and open
    visits whose window includes that day, by patient name."""
    items = [i for group in due_list(store, day).values() for i in group
             if i.due_from <= day <= i.due_to]
    return sorted(items, key=lambda i: (i.patient_name.casefold(), i.due_from))


def due_counts(store, today: date | None = None) -> dict[str, int]:
    """How many items ``due_list`` would show in each class, without building the list."""
    today = today or store.clock().date()
    out = {"overdue": 0, "this_week": 0, "upcoming": 0}
    for start, end in sessions_repo.due_windows(store):
        out[classify_due(date.fromisoformat(start), date.fromisoformat(end), today)] += 1
    # The plans' next sessions counted one at a time: none is kept (tens of thousands in a
    # large clinic, where keeping them all took 100 MiB).
    for _row, _number, window in _next_sessions(plans_repo.each_awaiting_a_session(store)):
        out[classify_due(window[0], window[1], today)] += 1
    return out


COUNT_CACHE_KIB = 4 * 1024
"""The page cache of the Due count's own connection (the window's holds 32 MiB)."""


def due_counts_of_file(path, today: date) -> dict[str, int]:
    """``due_counts`` on a read-only connection of its own to the database at ``path`` (a
    file, or a clinic server's URL): for a
    thread other than the one holding the window's store (a clinic of 100,000 patients takes
    seconds to count, which the window must not wait for)."""
    from rejuv_desktop.storage import bulk, open_store

    store = open_store(path, read_only=True)
    try:
        bulk.cache_kib(store, COUNT_CACHE_KIB)  # read once, in order: no large cache to keep
        return due_counts(store, today)
    finally:
        store.close()


def open_follow_up(store, follow_up_id: int) -> dict:
    require_actor(store)
    row = sessions_repo.get_follow_up(store, follow_up_id)
    if row["status"] != "due":
        raise UserError(f"This follow-up is already {row['status']}.")
    return row


def mark_follow_up_done(store, follow_up_id: int, note: str = "",
                        visit_date: date | None = None, early_reason: str = "", *,
                        expected_version: int | None = None) -> None:
    """The visit took place on ``visit_date`` (default today; never in the future). A visit
    before its window opens is refused unless ``early_reason`` says why the patient was seen
    early. An optional note says how it went. A follow-up saved elsewhere after
    ``expected_version`` (default: the version read here) is refused (``RecordChanged``)."""
    row = _at(open_follow_up(store, follow_up_id), expected_version)
    visit_date = check_visit_date(store, row, visit_date, early_reason)
    with store.write():
        close_done(store, row, note, visit_date, early_reason)


def _at(row: dict, expected_version: int | None) -> dict:
    """The follow-up as read, at the caller's version when given."""
    return row if expected_version is None else {**row, "version": expected_version}


def close_done(store, row: dict, note: str, visit_date: date, early_reason: str) -> None:
    """Mark an open follow-up done (inside the caller's write), after ``check_visit_date``;
    refused (``RecordChanged``) when it was saved elsewhere after ``row``'s version."""
    opens = date.fromisoformat(row["due_from"])
    sessions_repo.update_follow_up(store, row["id"], expected_version=row["version"],
                                   status="done", done_at=store.now_iso(),
                          done_by=store.actor_id, note=note.strip(),
                          visit_date=visit_date.isoformat(),
                          early_reason=early_reason.strip() if visit_date < opens else "")


def check_visit_date(store, row: dict, visit_date: date | None, early_reason: str) -> date:
    """The day a follow-up took place (default today), refused in the future, before the
    session it follows, or before its window opens without a reason."""
    today = store.clock().date()
    visit_date = visit_date or today
    opens = date.fromisoformat(row["due_from"])
    made = date.fromisoformat(row["created_at"][:10])
    if visit_date > today:
        raise ValidationError({"visit_date": "The visit date cannot be in the future"})
    if visit_date < made:
        raise ValidationError({"visit_date": "The visit cannot be before the session it follows "
                                             f"({format_day(made)})"})
    if visit_date < opens and not early_reason.strip():
        raise ValidationError({"early_reason": (
            f"This visit's window opens on {format_day(opens)}: it cannot be marked done before "
            "then. If the patient was seen early, tick \"Seen early\" and say why.")})
    return visit_date


def reschedule_follow_up(store, follow_up_id: int, due_from: date, due_to: date,
                         reason: str, *, expected_version: int | None = None) -> int:
    """Move a visit to a new window; the old one stays, marked rescheduled. Returns the new id.
    Refused (``RecordChanged``) when it was saved elsewhere after ``expected_version``
    (default: the version read here)."""
    row = _at(open_follow_up(store, follow_up_id), expected_version)
    errors = {}
    if not reason.strip():
        errors["reason"] = "Say why the visit is moved"
    if due_to < due_from:
        errors["due_to"] = "The new window ends before it starts"
    if errors:
        raise ValidationError(errors)
    with store.write():
        sessions_repo.update_follow_up(store, follow_up_id, expected_version=row["version"],
                                       status="rescheduled",
                                       done_at=store.now_iso(),
                              done_by=store.actor_id, note=reason.strip())
        return sessions_repo.insert_follow_up(store, {
            "patient_id": row["patient_id"], "session_id": row["session_id"],
            "plan_id": row["plan_id"], "kind": row["kind"], "rule_id": row["rule_id"],
            "label": row["label"], "due_from": due_from.isoformat(), "due_to": due_to.isoformat(),
            "note": reason.strip(), "rescheduled_from": follow_up_id})


def cancel_follow_up(store, follow_up_id: int, reason: str, *,
                     expected_version: int | None = None) -> None:
    """The visit will not take place (kept, with the reason). Refused (``RecordChanged``)
    when it was saved elsewhere after ``expected_version`` (default: the version read here)."""
    row = _at(open_follow_up(store, follow_up_id), expected_version)
    if not reason.strip():
        raise ValidationError({"reason": "Say why the visit is cancelled"})
    with store.write():
        sessions_repo.update_follow_up(store, follow_up_id, expected_version=row["version"],
                                       status="cancelled",
                                       done_at=store.now_iso(),
                              done_by=store.actor_id, note=reason.strip())


def follow_ups_of_patient(store, patient_id: int) -> list[dict]:
    """Every follow-up of a patient (open or not), earliest first."""
    return sessions_repo.follow_ups_of_patient(store, patient_id)
