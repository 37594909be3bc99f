"""Consultation use cases: start or resume a draft, autosave it, finalise, amend.

The draft is saved at every page change and after each pause in typing, so closing the app (or
a crash) loses at most the field being typed. Finalising recomputes the verdicts and the
recommendation here, from the data — never trusting what a screen showed — and stores them with
a snapshot of the screening exactly as asked that day.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date

from rejuv_desktop.domain import consultation as dc
from rejuv_desktop.domain import plan_binding as pb
from rejuv_desktop.domain import screening as scr
from rejuv_desktop.domain import recommendation as rec
from rejuv_desktop.domain.procedures import procedure_ids
from rejuv_desktop.domain.protocols import load_protocol
from rejuv_desktop.errors import UserError, ValidationError
from rejuv_desktop.services import devis
from rejuv_desktop.services import practitioners as pr
from rejuv_desktop.services import settings as sset
from rejuv_desktop.storage import consultations as consultations_repo
from rejuv_desktop.storage import patients as patients_repo
from rejuv_desktop.storage import plans as plans_repo

log = logging.getLogger(__name__)


@dataclass
class Draft:
    id: int
    patient_id: int
    data: dc.ConsultationRecord
    page: int
    amends_id: int | None
    amendment_reason: str
    updated_at: str
    version: int = 1  # pass to save_draft (then its return value) as expected_version


def _draft(row: dict) -> Draft:
    return Draft(row["id"], row["patient_id"], dc.record(row["data"]), row["page"],
                 row["amends_id"], row["amendment_reason"], row["updated_at"],
                 row.get("version", 1))


def find_draft(store, patient_id: int) -> Draft | None:
    """The patient's unfinished consultation, if there is one."""
    rows = consultations_repo.drafts_of(store, patient_id)
    return _draft(consultations_repo.get_draft(store, rows[0]["id"])) if rows else None


def all_drafts(store) -> list[dict]:
    """Every unfinished consultation (patient names included), newest first."""
    return consultations_repo.drafts_of(store)


def start_consultation(store, patient_id: int) -> Draft:
    """Resume the patient's draft, or start a new one prefilled from the patient's record."""
    existing = find_draft(store, patient_id)
    if existing:
        return existing
    patient = patients_repo.get(store, patient_id)
    if patient["archived"]:
        raise UserError("This patient is archived. Bring the record back from the archive "
                        "before starting a consultation.")
    record = dc.ConsultationRecord(fitzpatrick=patient["fitzpatrick"] or None)
    with store.write():
        draft_id = consultations_repo.insert_draft(store, patient_id, record.to_dict())
    log.info("consultation draft %s started for patient %s", draft_id, patient_id)
    return _draft(consultations_repo.get_draft(store, draft_id))


def save_draft(store, draft_id: int, data: dc.ConsultationRecord | dict, page: int, *,
               expected_version: int | None = None) -> int:
    """Save the wizard's state (the record, as JSON); cheap enough to call at every pause in
    typing. ``expected_version``: the draft's version this window last read or saved (the
    return value of the previous save); a draft saved elsewhere since is refused
    (``RecordChanged``). Returns the new version."""
    from rejuv_desktop.services import leases

    leases.require_held(store, leases.CONSULTATION, draft_id)  # not while another writes it
    with store.write():
        return consultations_repo.update_draft(store, draft_id, dc.record(data).to_dict(), page,
                                               expected_version=expected_version)


def discard_draft(store, draft_id: int) -> None:
    """Throw away an unfinished consultation (nothing of it is in the record)."""
    from rejuv_desktop.services import leases

    leases.require_held(store, leases.CONSULTATION, draft_id)
    with store.write():
        consultations_repo.delete_draft(store, draft_id)
        leases.forget(store, leases.CONSULTATION, draft_id)
    log.info("consultation draft %s discarded", draft_id)


def evaluate(data: dc.ConsultationRecord | dict) -> dc.Evaluation:
    """Verdicts and recommendation for the data as it stands (for the wizard's pages)."""
    return dc.evaluate(data)


def finalise(store, draft_id: int) -> int:
    """Turn a complete draft into a finalised, read-only consultation, with its plans.

    Raises ``ValidationError`` listing what is missing. Returns the consultation id.
    """
    if store.actor_id is None:
        raise UserError("Sign in before finalising a consultation.")
    from rejuv_desktop.services import leases

    leases.require_held(store, leases.CONSULTATION, draft_id)
    row = consultations_repo.get_draft(store, draft_id)
    record = dc.record(row["data"])
    rules = scr.load_rules()
    evaluation = dc.evaluate(record, rules)
    today = consultation_day(store, row["amends_id"])
    errors = dc.check_complete(record, evaluation, rules, today=today)
    if errors:
        raise ValidationError(errors)
    actor = pr.get_practitioner(store, store.actor_id)
    now = store.now_iso()
    answers = dc.screening_answers(record)
    snapshot = scr.snapshot(answers, rules, {k: v for k, v in record.details.items()
                                             if k in answers and v}, dc.derived_origins(record))
    chosen = [] if evaluation.stop else [p for p in procedure_ids() if p in record.chosen]
    # Justifications are stored with the name of who wrote them and when.
    for procedure in chosen:
        j = record.justifications.get(procedure)
        if j and j.get("text", "").strip():
            j.setdefault("by", actor.display)
            j.setdefault("by_id", actor.id)
            j.setdefault("at", now)
    # An override stands only for a deferred procedure that is planned, and only a doctor may
    # record it; a reason for an unsupported procedure only where the recommendation is silent.
    record.overrides = {p: o for p in chosen if evaluation.verdicts[p].level == "defer"
                        and (o := pb.override(record, p))}
    record.unsupported_reasons = {p: u for p in chosen if not evaluation.recommended(p)
                                  and (u := pb.unsupported_reason(record, p))}
    # An amendment keeps, as they were, the entries it does not change: an override stays the
    # doctor's who wrote it, and a practitioner who is not a doctor may correct the rest.
    kept = _unchanged_entries(store, row["amends_id"], record)
    if any(p not in kept.get("overrides", {}) for p in record.overrides):
        pr.require_doctor(store, "override a screening deferral")
    for key in ("overrides", "unsupported_reasons"):
        for p, entry in getattr(record, key).items():
            entry["text"] = entry["text"].strip()
            entry.update(kept.get(key, {}).get(p) or dict(by=actor.display, by_id=actor.id,
                                                          at=now))
    record.chosen = chosen
    record.plan = {p: record.plan[p] for p in chosen}
    outcome = "stopped" if evaluation.stop else ("planned" if chosen else "not_planned")
    with store.write():
        leases.forget(store, leases.CONSULTATION, draft_id)  # the draft becomes the record
        consultation_id = consultations_repo.insert_consultation(store, {
            "patient_id": row["patient_id"], "practitioner_id": store.actor_id,
            "started_at": row["created_at"], "finalised_at": now,
            "amends_id": row["amends_id"], "amendment_reason": row["amendment_reason"],
            "record": record, "screening": snapshot,
            "verdicts": {p: scr.verdict_to_dict(v) for p, v in evaluation.verdicts.items()},
            "recommendation": rec.to_dict(evaluation.recommendation),
            "outcome": outcome})
        if row["amends_id"]:
            plans_repo.supersede_unstarted(store, row["amends_id"])
        for procedure in chosen:
            plan = record.plan[procedure]
            plans_repo.insert(store, {
                "patient_id": row["patient_id"], "consultation_id": consultation_id,
                "procedure": procedure, "sessions": plan["sessions"],
                "interval_days": (plan.get("interval_days")
                                  if load_protocol(procedure).series.interval_default_days else None),
                "start_date": plan["start"], "combined": int(len(chosen) > 1)})
        consultations_repo.delete_draft(store, draft_id)
    log.info("consultation %s finalised (%s)", consultation_id, outcome)
    return consultation_id


def _unchanged_entries(store, amends_id: int | None,
                       record: dc.ConsultationRecord) -> dict[str, dict]:
    """Of an amendment's overrides and reasons, those the amended consultation holds with the
    same text, by key and procedure, with who wrote them and when."""
    if not amends_id:
        return {}
    before = consultations_repo.get_consultation(store, amends_id)["record"]
    out: dict[str, dict] = {}
    for key in ("overrides", "unsupported_reasons"):
        for p, entry in getattr(record, key).items():
            old = pb.written(before, key, p)
            if old and old.get("by_id") and old["text"].strip() == entry["text"].strip():
                out.setdefault(key, {})[p] = {k: old[k] for k in ("by", "by_id", "at") if k in old}
    return out


def start_amendment(store, consultation_id: int, reason: str) -> Draft:
    """A draft that corrects a finalised consultation; the original stays as it was."""
    if not reason.strip():
        raise ValidationError({"reason": "Say why the consultation is being amended"})
    original = consultations_repo.get_consultation(store, consultation_id)
    if original["amended_by"]:
        raise UserError(f"Consultation {consultation_id} has already been amended (by "
                        f"consultation {original['amended_by']}): amend the newest one.")
    existing = find_draft(store, original["patient_id"])
    if existing:
        raise UserError("This patient has an unfinished consultation: finish or discard it "
                        "before amending.")
    data = original["record"].to_dict()
    with store.write():
        draft_id = consultations_repo.insert_draft(store, original["patient_id"], data,
                                                   consultation_id,
                                     reason.strip())
    return _draft(consultations_repo.get_draft(store, draft_id))


def consultation_history(store, patient_id: int) -> list[dict]:
    """The patient's finalised consultations, newest first, amendments beside what they amend."""
    return consultations_repo.consultations_of(store, patient_id)


def get_consultation(store, consultation_id: int) -> dict:
    """A finalised consultation; its screening snapshot in today's shape, whatever stored it."""
    c = consultations_repo.get_consultation(store, consultation_id)
    if c.get("screening"):
        c["screening"] = scr.upgrade_snapshot(c["screening"])
        c["verdicts"] = c["screening"]["verdicts"]
    return c


def plans_of(store, patient_id: int, active_only: bool = False) -> list[dict]:
    return plans_repo.plans_of(store, patient_id, active_only)


def default_start(store) -> date:
    """First-session date offered by default: after the clinic's reflection period, or the
    legal wait after a quote signed today when the law of the clinic's country sets a longer
    one."""
    return pb.reflection_end(store.clock().date(), devis.longest_reflection_days(store))


@dataclass(frozen=True)
class PlanningContext:
    """What the plan pages need besides the draft: the day, the clinic's reflection period,
    the first date offered, and whether the signed-in practitioner is a doctor."""

    today: date
    default_start: date
    cooling_off_days: int
    doctor: bool
    actor: str
    legal_waits: dict = field(default_factory=dict)
    """Days the law of the clinic's country sets between the signed quote and the first
    session, by procedure (only procedures with such a wait)."""


def consultation_day(store, amends_id: int | None = None) -> date:
    """The day a plan's dates and waits count from: today, or for an amendment the day of the
    consultation it corrects (the patient was screened then)."""
    if amends_id:
        amended = consultations_repo.get_consultation(store, amends_id)
        return date.fromisoformat(amended["finalised_at"][:10])
    return store.clock().date()


def planning_context(store, amends_id: int | None = None) -> PlanningContext:
    """The day and the settings the wizard's plan pages hold a plan to."""
    actor = pr.get_practitioner(store, store.actor_id) if store.actor_id else None
    today = consultation_day(store, amends_id)
    start = max(default_start(store), pb.reflection_end(today, devis.longest_reflection_days(store)))

    waits = {p: r.reflection_days for p, r in devis.rules(store).devis.items()
             if r.reflection_days > 0}
    return PlanningContext(today, start, sset.cooling_off_days(store),
                           bool(actor and actor.doctor), actor.display if actor else "", waits)
