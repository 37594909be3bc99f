"""Procedure sessions: start with a signed consent, save every tick at once, complete with
follow-ups (``follow_ups`` handles them afterwards; ``recall`` finds who received a product lot).

Every tick, value, time-out confirmation and deviation is its own write transaction, so a crash
loses nothing already shown as saved. What the session holds now is rebuilt from its entries
(``session_status``) and judged by the pure checklist rules of ``domain.checklist``; a step
counts as done when it may start, nothing required in it is open and none of its values is
wrong.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field as dc_field, replace
from datetime import date, datetime, timedelta
from typing import Any

from rejuv_desktop.domain import checklist as cl
from rejuv_desktop.domain import consultation as dc
from rejuv_desktop.domain import plan_binding as pb
from rejuv_desktop.domain import screening as scr
from rejuv_desktop.domain import session_context as sctx
from rejuv_desktop.domain import session_gate as gate
from rejuv_desktop.domain.dose import MAX_WEIGHT_KG, MIN_WEIGHT_KG, DoseCheck
from rejuv_desktop.domain.screening import load_rules
from rejuv_desktop.domain.protocol_words import caution_words
from rejuv_desktop.domain.protocols import (SIDES, TIME_OUT, Field, Protocol, Step, as_date,
                                            format_number, is_empty, load_protocol, phrase,
                                            with_unit)
from rejuv_desktop.domain.schedule import follow_ups_after_session, plan_sessions
from rejuv_desktop.domain.dates import format_day
from rejuv_desktop.errors import UserError, ValidationError
from rejuv_desktop.services import devis
from rejuv_desktop.services import practitioners as pr
from rejuv_desktop.services.documents import signed_consent
from rejuv_desktop.storage import documents as documents_repo
from rejuv_desktop.storage import plans as plans_repo
from rejuv_desktop.storage import sessions as sessions_repo
from rejuv_desktop.storage.sessions import last_session  # noqa: F401 - part of this API

log = logging.getLogger(__name__)


class WeightChangeToConfirm(UserError):
    """Today's weight differs from the consultation's by more than the clinic allows unasked."""

    def __init__(self, message: str, before: float, after: float):
        self.before, self.after = before, after
        super().__init__(message)


class OpenItems(UserError):
    """The session cannot be completed: ``items`` lists what is open or wrong."""

    def __init__(self, items: list[str]):
        self.items = list(items)
        super().__init__("The session cannot be completed yet. Still to do or correct:\n"
                         + "\n".join(f"• {i}" for i in self.items))


BY_THE_APP = "the app"
"""Who ticked an item the app satisfies itself (photographs, aftercare, visits booked)."""


@dataclass(frozen=True)
class Entry:
    """The latest entry recorded under a key: value, who and when."""

    key: str
    kind: str
    value: Any
    who: str
    at: str


@dataclass(frozen=True)
class StepStatus:
    step: Step
    blocked_by: list[str]
    """Why the step cannot start yet (empty when it can)."""
    done: bool
    open: list[str]
    problems: list[cl.Problem]


@dataclass(frozen=True)
class SessionStatus:
    """A session as it stands: its record, the protocol it runs and the verdict on each step."""

    session: dict
    protocol: Protocol
    state: cl.SessionState
    latest: dict[tuple[str, str], Entry]
    steps: list[StepStatus]
    problems: list[cl.Problem]
    dose: DoseCheck | None
    override: Entry | None
    """The written reason for giving more anaesthetic than the maximum, if recorded."""
    open: list[str]
    blockers: list[str]
    consultation_weight: float | None = None
    consultation_day: date | None = None
    weighed_today: Entry | None = None
    """The entry recording today's weighing (the weight and whether a large change was
    confirmed), if the patient was weighed in this session."""
    weight_stale: bool = False
    """The only weight is the consultation's, older than the protocol allows for a dose limit."""
    advice: list = dc_field(default_factory=list)
    """``checklist.VolumeAdvice`` for each anaesthetic entry with agent and concentration."""
    stops: list[str] = dc_field(default_factory=list)
    """Answers given today that stop the session, as reasons."""
    aftercare: dict | None = None
    """The aftercare sheet issued for this session (number, created_at), if any."""

    @property
    def editable(self) -> bool:
        return self.session["status"] == "in_progress"

    def entry(self, kind: str, key: str) -> Entry | None:
        return self.latest.get((kind, key))

    @property
    def early_start(self) -> Entry | None:
        """The doctor's recorded reason for starting this session early, if it was."""
        return self.latest.get(("override", EARLY_START))

    def value(self, key: str) -> Any:
        return self.state.field_values.get(key)

    def step_status(self, step_id: str) -> StepStatus:
        return next(s for s in self.steps if s.step.id == step_id)


def require_actor(store) -> None:
    """Refuse (UserError) while nobody is signed in: every entry records who made it."""
    if store.actor_id is None:
        raise UserError("Sign in first: every entry of a session records who made it.")


# --- reading a session ----------------------------------------------------------------------------

def _check_step(protocol: Protocol) -> dict[str, str]:
    """The step each cross-field check belongs to: where its result is shown and where it blocks."""
    out = {}
    for check in protocol.checks:
        ref = check.sum[0] if check.sum else (check.volume or check.field or "")
        out[check.id] = ref.partition(".")[0]
    return out


def _state_of(session: dict, latest: dict[tuple[str, str], Entry],
              protocol: Protocol) -> cl.SessionState:
    def on(kind: str) -> dict:
        return {k: (e.who, datetime.fromisoformat(e.at)) for (t, k), e in latest.items()
                if t == kind and e.value is True}

    return cl.SessionState(
        session_date=date.fromisoformat(session["session_date"]),
        consent_signed=session["consent_document_id"] is not None,
        weight_kg=session["weight_kg"],
        sides=tuple(s for s in SIDES if s in session["sides"].split(",")),
        completed_items=on("item"), time_out=on("time_out"),
        field_values=cl.upgrade_values(protocol, {k: e.value for (t, k), e in latest.items()
                                                  if t == "field" and not is_empty(e.value)}),
        deviations={k: e.value for (t, k), e in latest.items()
                    if t == "deviation" and not is_empty(e.value)})


def _day(iso: str | None) -> date | None:
    try:
        return datetime.fromisoformat(iso).date() if iso else None
    except ValueError:
        return None


def _context(store, session: dict, protocol: Protocol, lang: str = "en"):
    """(protocol with the consultation's caution items, dose reduction, consultation weight and
    its date) for a session; the items worded in ``lang``, the protocol's language."""
    consultation = sessions_repo.consultation_data_of_plan(store, session["plan_id"])
    record = consultation["record"]
    answers = dc.screening_answers(record)
    rules = load_rules(lang=lang)
    justification = (record.justifications.get(session["procedure"]) or {}).get("text", "")
    items = sctx.caution_items(protocol, session["procedure"], answers, justification or "", rules,
                               caution_words(session["procedure"], lang))
    reduction = sctx.dose_reduction(protocol, answers, rules)
    return (sctx.with_items(protocol, items), reduction, dc.weight(record),
            _day(consultation["started_at"]))


def _photos_item(store, session: dict, protocol: Protocol, state):
    """The "photographs taken" item is ticked by the photographs of the session themselves,
    or by the patient's recorded refusal of photographs (see services/photos.py)."""
    keys = [f"{step.id}.{item.id}" for step in protocol.steps for item in step.items
            if item.by_app == "photos"]
    keys = [k for k in keys if k not in state.completed_items]
    if not keys:
        return state
    from rejuv_desktop.services.photos import photos_satisfy_session

    when = photos_satisfy_session(store, session)
    if when is None:
        return state
    return replace(state, completed_items={**state.completed_items,
                                           **{k: (BY_THE_APP, when) for k in keys}})


def session_status(store, session_id: int, lang: str = "en") -> SessionStatus:
    """Rebuild a session from its entries and judge every step (see the module doc); the
    protocol's words in ``lang`` (the checklist shows the interface's language)."""
    session = sessions_repo.get_session(store, session_id)
    protocol, reduction, consult_weight, consult_day = _context(
        store, session, load_protocol(session["procedure"], lang=lang), lang)
    latest = {(r["kind"], r["key"]): Entry(r["key"], r["kind"], r["value"], r["who"] or "", r["at"])
              for r in sessions_repo.latest_entries_of(store, session_id)}
    state = replace(_state_of(session, latest, protocol), dose_reduction=reduction)
    aftercare = sessions_repo.aftercare_issued(store, session_id)
    if aftercare is not None:  # the app has issued it: its item is satisfied, by the app
        items = dict(state.completed_items)
        for step in protocol.steps:
            for item in step.items:
                if item.by_app == "aftercare" and f"{step.id}.{item.id}" not in items:
                    items[f"{step.id}.{item.id}"] = (BY_THE_APP,
                                                     datetime.fromisoformat(aftercare["created_at"]))
        state = replace(state, completed_items=items)
    state = _photos_item(store, session, protocol, state)
    dose = cl.anaesthetic_dose(protocol, state)
    override = latest.get(("override", "anaesthetic_dose"))
    if override is not None and (is_empty(override.value) or dose is None
                                 or dose.mg > override.value.get("mg", 0) + 1e-9):
        override = None  # withdrawn, or written for a smaller dose than the one now recorded
    found = []
    for p in cl.problems(protocol, state):
        if override and dose and dose.status == "over" and p.severity == "error" \
                and p.key in {c.id for c in protocol.checks if c.kind == "lidocaine_dose"}:
            p = cl.Problem(p.key, f"{p.message} Given over the maximum, reason recorded: "
                                  f"{override.value['reason']}", "warning")
        found.append(p)
    weighed = latest.get(("override", "weight"))
    dose_checks = [c for c in protocol.checks if c.kind == "lidocaine_dose"]
    stale = bool(dose_checks) and weighed is None and sctx.weight_is_stale(
        consult_day, state.session_date, protocol.weight.reweigh_after_days)
    if stale:
        dose_step = (dose_checks[0].volume or "").partition(".")[0]
        since = (f"from {consult_day.strftime('%d/%m/%Y')}" if consult_day
                 else "of unknown date")
        found.append(cl.Problem(f"{dose_step}.weight", (
            f"Weigh the patient today: the weight on record is {since}, more than "
            f"{protocol.weight.reweigh_after_days} days ago, and the anaesthetic maximum rests "
            "on it (type today's weight at the top and press Enter)"), "error"))
    by_step = _check_step(protocol)
    # Gates guard the start of a step. A step with entries has started, and stays open for
    # corrections even if an earlier tick is withdrawn later (completion still needs it back).
    started = {TIME_OUT if kind == "time_out" else key.partition(".")[0]
               for kind, key in latest if kind != "override"}
    steps: list[StepStatus] = []
    completed: set[str] = set()
    for step in protocol.steps:  # gates name earlier steps only, so one pass in order suffices
        current = replace(state, completed_steps=frozenset(completed))
        blocked = [] if step.id in started else cl.can_start(step, current)
        open_here = cl.open_required(replace(protocol, steps=(step,), checks=()), current)
        mine = [p for p in found if by_step.get(p.key, p.key.partition(".")[0]) == step.id]
        done = not blocked and not open_here and not any(p.severity == "error" for p in mine)
        if done:
            completed.add(step.id)
        steps.append(StepStatus(step, blocked, done, open_here, mine))
    state = replace(state, completed_steps=frozenset(completed))
    open_all = cl.open_required(protocol, state)
    blockers = open_all + [p.message for p in found if p.severity == "error"]
    return SessionStatus(session, protocol, state, latest, steps, found, dose, override,
                         open_all, blockers, consultation_weight=consult_weight,
                         consultation_day=consult_day, weighed_today=weighed, weight_stale=stale,
                         advice=cl.volume_advice(protocol, state),
                         stops=cl.stop_reasons(protocol, state), aftercare=aftercare)


def session_state(store, session_id: int) -> cl.SessionState:
    """What has been done so far, as the checklist rules see it."""
    return session_status(store, session_id).state


def open_items(store, session_id: int) -> list[str]:
    """Everything that still stops the session being completed, in protocol order."""
    return session_status(store, session_id).blockers


def get_session(store, session_id: int) -> dict:
    """A session's row, with the patient's name and date of birth and who started it."""
    return sessions_repo.get_session(store, session_id)


# --- starting -------------------------------------------------------------------------------------

EARLY_START = "early_start"
"""The key of the override entry recording a doctor's reason to start a session early."""


class StartTooEarly(UserError):
    """The session may not start today: ``waits`` says why and until when."""

    def __init__(self, waits: list[gate.Wait]):
        self.waits = list(waits)
        self.until = gate.earliest(self.waits)
        self.waivable = not gate.unwaivable(self.waits)
        super().__init__(
            f"This session should not start before {pb.fmt(self.until)}:\n"
            + "\n".join(f"• {w.text or w.code}" for w in self.waits)
            + ("\nStarting earlier needs a doctor's written reason." if self.waivable else ""))


def _day(iso: str | None) -> date | None:
    return date.fromisoformat(iso[:10]) if iso else None


def session_gate(store, plan_id: int, sides: frozenset[str] = frozenset(SIDES)) -> list[gate.Wait]:
    """Why the next session of a plan may not start today (empty when it may)."""
    plan = plans_repo.get_for_session(store, plan_id)
    protocol = load_protocol(plan["procedure"])
    done = sessions_repo.completed_count(store, plan_id)
    consultation = sessions_repo.consultation_of_plan(store, plan_id)
    given_on = _day(consultation["finalised_at"])
    planned = reflection = deferral = maintenance = None
    if done < plan["sessions"]:
        interval = plan["interval_days"] if protocol.series.interval_default_days else None
        dates = plan_sessions(protocol, date.fromisoformat(plan["start_date"]), plan["sessions"],
                              interval)
        planned = dates[done].earliest
    else:
        maintenance = _maintenance_from(store, plan, protocol)
    if done == 0 and given_on:
        consent = signed_consent(store, plan_id)
        issued = _day(documents_repo.get_meta(store, consent["signed_of"])["created_at"]) \
            if consent and consent.get("signed_of") else None
        reflection = pb.reflection_end(max(d for d in (given_on, issued) if d),
                                       devis.reflection_days(store, plan["procedure"]))
    verdict = consultation["verdicts"].get(plan["procedure"]) or {}
    screened = _day(consultation["screened_at"])  # as the plan page counted the wait
    if verdict.get("level") == "defer" and screened \
            and not pb.override(consultation, plan["procedure"]):
        days = [r.get("wait_days") for r in verdict.get("reasons", []) if r.get("level") == "defer"]
        if days and all(days):
            deferral = screened + timedelta(days=max(days))
    rules = scr.load_rules()
    earlier = [gate.Earlier(s["procedure"], date.fromisoformat(s["session_date"]),
                            frozenset(s["sides"].split(",")), rules.procedure_name(s["procedure"]))
               for s in sessions_repo.sessions_of_patient(store, plan["patient_id"])]
    found = gate.waits(protocol, store.clock().date(), planned=planned,
                       reflection_end=reflection, deferral_end=deferral, earlier=earlier,
                       sides=sides)
    if maintenance and store.clock().date() < maintenance:
        found.insert(0, gate.Wait("maintenance", maintenance,
                                  f"The series is done: the maintenance session is due from "
                                  f"{pb.fmt(maintenance)}."))
    _refusal, later = later_screening(store, plan)
    if later is not None and store.clock().date() < later.until:
        found.append(later)
    legal_wait = devis.session_wait(store, plan, store.clock().date())
    if legal_wait is not None:
        # The legal wait after the signed quote says it all when it ends last: the reflection
        # period counted from the consultation adds nothing a doctor could lift.
        found = [w for w in found if not (w.code == "reflection" and w.until <= legal_wait.until)]
        found.append(legal_wait)
    return found


def _maintenance_from(store, plan: dict, protocol: Protocol) -> date | None:
    """The first day of a plan's maintenance window once its series is done: the open
    maintenance visit's (as booked or moved), else counted from the last session held."""
    pending = sessions_repo.open_follow_ups_of_plan(store, plan["id"], ("maintenance",))
    if pending:
        return min(date.fromisoformat(f["due_from"]) for f in pending)
    held = [date.fromisoformat(s["session_date"])
            for s in sessions_repo.sessions_of_patient(store, plan["patient_id"])
            if s["plan_id"] == plan["id"] and s["status"] == "completed"]
    if not held:
        return None
    due = [f.due_from for f in follow_ups_after_session(
        protocol, max(held), plan["sessions"], plan["sessions"]) if f.kind == "maintenance"]
    return min(due, default=None)


def later_screening_facts(store, plan: dict) -> dict | None:
    """Why a screening newer than the plan's own stops it, as facts the screens word:
    ``{"code": "contraindicated" | "amended" | "deferred", "day": date, "questions": [...]}``
    (the questions whose answers deferred it); None when nothing stops it (a deferral
    counted in days is a wait, see ``later_screening``)."""
    newest = sessions_repo.newest_screening(store, plan["patient_id"])
    if newest is None or newest["id"] == plan["consultation_id"]:
        return None
    verdict = newest["verdicts"].get(plan["procedure"]) or {}
    level, day = verdict.get("level"), _day(newest["finalised_at"])
    if level == "contraindicated":
        return {"code": "contraindicated", "day": day, "questions": []}
    if plan["consultation_id"] in newest["corrects"] \
            and plan["procedure"] not in newest["chosen"]:
        return {"code": "amended", "day": day, "questions": []}
    if level != "defer" or pb.override(newest, plan["procedure"]):
        return None
    defers = [r for r in verdict.get("reasons", []) if r.get("level") == "defer"]
    if [r.get("wait_days") for r in defers] and all(r.get("wait_days") for r in defers):
        return None
    return {"code": "deferred", "day": day,
            "questions": [r.get("question_id") for r in defers if r.get("question_id")]}


def later_screening(store, plan: dict) -> tuple[str | None, gate.Wait | None]:
    """What a screening newer than the plan's own says against its procedure.

    Returns ``(refusal, wait)``: a refusal when the newest screening found the procedure
    contraindicated, or deferred it until something resolves; a wait when it deferred it for a
    number of days. A doctor's override recorded in that consultation lifts a deferral.
    """
    newest = sessions_repo.newest_screening(store, plan["patient_id"])
    if newest is None or newest["id"] == plan["consultation_id"]:
        return None, None
    verdict = newest["verdicts"].get(plan["procedure"]) or {}
    level = verdict.get("level")
    day = _day(newest["finalised_at"])
    name = scr.load_rules().procedure_name(plan["procedure"])
    when = f"The screening of {pb.fmt(day)}"
    if level == "contraindicated":
        return (f"{when} found {name} contraindicated: this plan cannot go ahead. Sessions "
                "follow the newest screening: plan again in a new consultation when it "
                "allows."), None
    if plan["consultation_id"] in newest["corrects"] \
            and plan["procedure"] not in newest["chosen"]:
        return (f"The amendment of {pb.fmt(day)} to the consultation that made this plan no "
                f"longer plans {name}: this plan does not continue. Plan it again in a new "
                "consultation if it should."), None
    if level != "defer" or pb.override(newest, plan["procedure"]):
        return None, None
    defers = [r for r in verdict.get("reasons", []) if r.get("level") == "defer"]
    waits = "; ".join(dict.fromkeys(r["wait"] for r in defers if r.get("wait"))) \
        or "see the screening"
    days = [r.get("wait_days") for r in defers]
    if not days or not all(days):
        return (f"{when} deferred {name} ({waits}): this plan cannot go ahead until a new "
                "screening, or a doctor records an override in a consultation."), None
    until = _day(newest["screened_at"]) + timedelta(days=max(days))
    return None, gate.Wait("later_screening", until,
                           f"{when} deferred {name} until {pb.fmt(until)} ({waits}).")


def reflection_dates(store, plan: dict) -> dict | None:
    """When a plan's first session is dated inside the reflection period: its date, the
    period's end and length (the screens word the warning); None otherwise."""
    consultation = sessions_repo.consultation_of_plan(store, plan["id"])
    given_on = _day(consultation["finalised_at"])
    if given_on is None or devis.law_covers_reflection(store, plan["procedure"]):
        return None  # the legal wait after the quote has its own warning (devis_warning)
    days = devis.reflection_days(store, plan["procedure"])
    start, end = date.fromisoformat(plan["start_date"]), pb.reflection_end(given_on, days)
    return {"start": start, "end": end, "days": days} if start < end else None


def reflection_warning(store, plan: dict) -> str | None:
    """A warning when a plan's first session is dated inside the reflection period."""
    consultation = sessions_repo.consultation_of_plan(store, plan["id"])
    given_on = _day(consultation["finalised_at"])
    if given_on is None or devis.law_covers_reflection(store, plan["procedure"]):
        return None  # the legal wait after the quote has its own warning (devis_warning)
    return pb.reflection_warning(scr.load_rules().procedure_name(plan["procedure"]),
                                 date.fromisoformat(plan["start_date"]), given_on,
                                 devis.reflection_days(store, plan["procedure"]))


def start_session(store, plan_id: int, early_reason: str | None = None) -> int:
    """Start the next session of a plan, or return the one already in progress.

    Refused without a signed consent for the plan. Refused (``StartTooEarly``) before the
    session's planned date, the end of the reflection period or of a deferral, or the
    protocol's spacing after an earlier session on the same hands, unless a doctor gives
    ``early_reason`` (recorded on the session). The session's number counts the completed
    sessions of the plan; once the series is done, further sessions are maintenance sessions
    (for a procedure whose protocol has a maintenance visit).
    """
    require_actor(store)
    plan = plans_repo.get_for_session(store, plan_id)
    existing = sessions_repo.open_session_of_plan(store, plan_id)
    if existing:
        return existing["id"]
    if plan["archived"]:
        raise UserError("This patient is archived: bring the record back before starting a "
                        "session.")
    if plan["status"] in ("superseded", "cancelled"):
        raise UserError(f"This plan was {plan['status']}: sessions follow the current plan.")
    refusal, _wait = later_screening(store, plan)
    if refusal:
        raise UserError(refusal)
    consent = signed_consent(store, plan_id)
    if consent is None:
        raise UserError("Consent is not signed for this procedure. Issue the consent form and "
                        "record the patient's signature before starting the session.")
    quote = devis.session_refusal(store, plan)
    if quote and quote[0] == "devis_missing":
        raise UserError("The law of the clinic's country requires a detailed quote (devis) "
                        "signed by the patient before this procedure. Issue the quote and record "
                        "the patient's signature before starting the session.")
    if quote:
        raise UserError(f"The quote {quote[1]} is not signed yet. Record the patient's "
                        "signature on the quote before starting the session.")
    protocol = load_protocol(plan["procedure"])
    done = sessions_repo.completed_count(store, plan_id)
    maintenance = done >= plan["sessions"]
    if maintenance and not any(r.kind == "maintenance" for r in protocol.follow_ups):
        raise UserError(f"All {plan['sessions']} planned session(s) of this plan are done. "
                        "A further session needs a new consultation and plan.")
    waits = session_gate(store, plan_id)
    early = None
    if waits:
        if early_reason is None or gate.unwaivable(waits):
            raise StartTooEarly(waits)
        doctor = pr.require_doctor(store, "start a session before its date")
        if len(early_reason.strip()) < pb.MIN_REASON_CHARS:
            raise ValidationError({"early_reason": "Write the reason for starting this session "
                                                   "early"})
        early = {"reason": early_reason.strip(), "by": doctor.display,
                 "until": gate.earliest(waits).isoformat(), "waits": [w.text for w in waits]}
    weight = plan["weight_kg"]
    weight = float(weight) if isinstance(weight, (int, float)) and weight > 0 else None
    with store.write():
        session_id = sessions_repo.insert_session(store, {
            "patient_id": plan["patient_id"], "plan_id": plan_id, "procedure": plan["procedure"],
            "session_number": done + 1, "series_length": plan["sessions"],
            "maintenance": int(maintenance), "status": "in_progress",
            "started_at": store.now_iso(), "started_by": store.actor_id,
            "session_date": store.clock().date().isoformat(), "protocol_id": protocol.id,
            "protocol_version": protocol.version, "sides": ",".join(SIDES), "weight_kg": weight,
            "consent_document_id": consent["id"]})
        if plan["status"] == "planned":
            plans_repo.set_status(store, plan_id, "in_progress")
        if early:
            sessions_repo.insert_entry(store, session_id, EARLY_START, "override", early)
        # The session's place in the series is known: record it rather than ask for it.
        for f in protocol.all_fields():
            if f.id == "session_kind" and f.repeat is None:
                sessions_repo.insert_entry(store, session_id, f.key(), "field",
                                  "maintenance" if maintenance else "series")
            elif f.id == "session_number" and f.repeat is None and not maintenance:
                sessions_repo.insert_entry(store, session_id, f.key(), "field", done + 1)
    log.info("session %s started (plan %s)", session_id, plan_id)
    return session_id


# --- recording ------------------------------------------------------------------------------------

def _editable(store, session_id: int, lang: str = "en") -> SessionStatus:
    require_actor(store)
    from rejuv_desktop.services import leases

    leases.require_held(store, leases.SESSION, session_id)  # not while another runs it
    status = session_status(store, session_id, lang)
    if not status.editable:
        raise UserError(f"This session is {status.session['status']}: it can no longer be changed.")
    return status


def _startable(status: SessionStatus, step: Step) -> None:
    reasons = status.step_status(step.id).blocked_by
    if reasons:
        raise UserError(f"{step.title} cannot start yet: {'; '.join(reasons)}.")


def _step(protocol: Protocol, step_id: str) -> Step:
    try:
        return protocol.step(step_id)
    except KeyError:
        raise UserError(f"This protocol has no step '{step_id}'.") from None


def tick(store, session_id: int, key: str, done: bool = True) -> Entry:
    """Tick (or untick, as a correction) the checklist item ``"<step>.<item>"``; saved at once."""
    status = _editable(store, session_id)
    step_id, _, item_id = key.partition(".")
    step = _step(status.protocol, step_id)
    if step.id == TIME_OUT:
        return confirm_time_out(store, session_id, item_id, done)
    if item_id not in {i.id for i in step.items}:
        raise UserError(f"{step.title} has no checklist item '{item_id}'.")
    _startable(status, step)
    return _save(store, session_id, key, "item", bool(done))


def confirm_time_out(store, session_id: int, item_id: str, confirmed: bool = True) -> Entry:
    """Confirm one time-out point (identity, procedure, sides, consent, allergies)."""
    status = _editable(store, session_id)
    step = status.protocol.time_out_step
    if step is None or item_id not in {i.id for i in step.items}:
        raise UserError(f"The time-out has no point '{item_id}'.")
    _startable(status, step)
    return _save(store, session_id, item_id, "time_out", bool(confirmed))


def _field_and_instance(status: SessionStatus, key: str) -> tuple[Field, str | int | None]:
    parts = key.split(".")
    try:
        f = status.protocol.field(".".join(parts[:2]))
    except KeyError:
        raise UserError(f"This protocol records no value '{key}'.") from None
    instance = parts[2] if len(parts) == 3 else None
    wrong = len(parts) > 3 or (f.repeat is None) != (instance is None)
    if f.repeat == "sides" and instance is not None and instance not in status.state.sides:
        raise ValidationError({key: f"The {instance} hand is not treated in this session"})
    if f.repeat == "list":
        wrong = wrong or not (instance or "").isdigit() or int(instance) < 1
        instance = int(instance) if not wrong else instance
    elif isinstance(f.repeat, tuple):
        wrong = wrong or instance not in f.repeat
    if wrong:
        raise UserError(f"'{key}' does not name a value of this protocol.")
    return f, instance


def _normalise(f: Field, value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
    if f.type == "date" and isinstance(value, date):
        return value.isoformat()
    if f.type == "integer" and isinstance(value, float) and value.is_integer():
        return int(value)
    if f.type == "choice" and f.multiple and isinstance(value, (tuple, set, frozenset)):
        return [c for c in f.choices if c in value]
    return None if is_empty(value) else value


def record_value(store, session_id: int, key: str, value: Any, lang: str = "en") -> Entry:
    """Record a field value (``None`` clears it); a wrong value raises ValidationError, unsaved,
    its message in ``lang``."""
    status = _editable(store, session_id, lang)
    f, _instance = _field_and_instance(status, key)
    _startable(status, _step(status.protocol, f.step_id))
    value = _normalise(f, value)
    message = cl.validate_field(f, value, status.state)
    if message:
        raise ValidationError({key: message})
    return _save(store, session_id, key, "field", value)


def record_deviation(store, session_id: int, key: str, note: str) -> Entry:
    """Record that a required item or value is deliberately left undone, and why.

    An empty note withdraws the deviation. A deviation never waives a gate or the time-out.
    """
    status = _editable(store, session_id)
    step = _step(status.protocol, key.partition(".")[0])
    if step.id == TIME_OUT:
        raise UserError("Time-out points cannot be skipped: each one must be confirmed.")
    _startable(status, step)
    return _save(store, session_id, key, "deviation", note.strip())


def override_dose(store, session_id: int, reason: str) -> Entry:
    """Allow an anaesthetic dose over the maximum, with the written reason for it."""
    status = _editable(store, session_id)
    if status.dose is None or status.dose.status != "over":
        raise UserError("The anaesthetic dose recorded is not over the maximum: nothing to "
                        "override.")
    if len(reason.strip()) < 10:
        raise ValidationError({"reason": "Write the reason for going over the maximum dose"})
    return _save(store, session_id, "anaesthetic_dose", "override",
                 {"reason": reason.strip(), "mg": status.dose.mg})


def set_sides(store, session_id: int, sides: list[str] | tuple[str, ...], *,
              expected_version: int | None = None) -> None:
    """Which hands this session treats (per-hand values are required for these only).
    Refused (``RecordChanged``) when the session was saved elsewhere after
    ``expected_version`` (default: the version read here)."""
    status = _editable(store, session_id)
    chosen = [s for s in SIDES if s in sides]
    if not chosen or len(chosen) != len(set(sides)):
        raise ValidationError({"sides": "Choose the left hand, the right hand or both"})
    if status.state.time_out.get("sides"):
        raise UserError("The sides were confirmed at the time-out: withdraw that confirmation "
                        "before changing them.")
    with store.write():
        sessions_repo.update_session(store, session_id, sides=",".join(chosen),
                                     expected_version=_read(status, expected_version))


def set_weight(store, session_id: int, weight_kg: float | None,
               confirm_change: bool = False, *, expected_version: int | None = None) -> None:
    """The patient's weight today, used for the anaesthetic dose limit.

    The allowed range is the app's one range (``dose.MIN_WEIGHT_KG`` to ``MAX_WEIGHT_KG``). A
    weight that differs from the consultation's by more than the protocol's share raises
    WeightChangeToConfirm unless ``confirm_change`` says the practitioner confirmed it (a slip
    of 41 -> 141 kg must not pass silently). Saving a weight records that the patient was
    weighed today, with the confirmation, so an old consultation weight no longer blocks.
    """
    status = _editable(store, session_id)
    if weight_kg is not None and (isinstance(weight_kg, bool)
                                  or not isinstance(weight_kg, (int, float))
                                  or not MIN_WEIGHT_KG <= weight_kg <= MAX_WEIGHT_KG):
        raise ValidationError({"weight_kg": f"Must be between {MIN_WEIGHT_KG:.0f} and "
                                            f"{MAX_WEIGHT_KG:.0f} kg"})
    before = status.consultation_weight
    change = sctx.weight_change(before, weight_kg) if weight_kg is not None else None
    limit = status.protocol.weight.confirm_change_fraction
    if change is not None and change > limit + 1e-9 and not confirm_change:
        raise WeightChangeToConfirm(
            f"{format_number(weight_kg)} kg is {round(change * 100)}% away from the "
            f"{format_number(before)} kg recorded at the consultation (more than "
            f"{round(limit * 100)}%). Is {format_number(weight_kg)} kg right?", before, weight_kg)
    with store.write():
        sessions_repo.update_session(store, session_id, weight_kg=weight_kg,
                                     expected_version=_read(status, expected_version))
        if weight_kg is not None:
            sessions_repo.insert_entry(store, session_id, "weight", "override",
                              {"kg": weight_kg, "confirmed_change": bool(
                                  change is not None and change > limit + 1e-9)})


def _save(store, session_id: int, key: str, kind: str, value: Any) -> Entry:
    with store.write():
        entry_id = sessions_repo.insert_entry(store, session_id, key, kind, value)
    row = sessions_repo.entry(store, entry_id)  # the saved row alone, not the whole session again
    return Entry(key, kind, value, row["who"] or "", row["at"])


def parse_text(f: Field, text: str) -> Any:
    """A value typed by a person, as the field stores it (``12,5`` is 12.5, 31/01/2027 a date).

    Raises ValidationError with the field's key-less message ``{"value": ...}`` when it cannot be
    read at all; range checks happen when it is recorded.
    """
    text = (text or "").strip()
    if not text:
        return None
    if f.type in ("number", "integer"):
        try:
            number = float(text.replace(",", ".").replace(" ", ""))
        except ValueError:
            raise ValidationError({"value": phrase(f.lang, "must_number")}) from None
        if f.type == "integer":
            if not number.is_integer():
                raise ValidationError({"value": phrase(f.lang, "must_whole")})
            return int(number)
        return number
    if f.type == "date":
        m = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
        iso = f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}" if m else text
        if as_date(iso) is None:
            raise ValidationError({"value": phrase(f.lang, "must_typed_date")})
        return iso
    if f.type == "bool":
        if text.lower() in ("yes", "y", "true"):
            return True
        if text.lower() in ("no", "n", "false"):
            return False
        raise ValidationError({"value": phrase(f.lang, "must_bool")})
    return text


# --- completing -----------------------------------------------------------------------------------

def product_rows(protocol: Protocol, values: dict) -> list[dict]:
    """The products recorded in a session (steps with a ``lot`` list field), one dict per row.

    Anaesthetic rows (an ``agent`` instead of a ``name``) are products too, named by agent and
    concentration, so a recall of a lidocaine lot finds its patients.
    """
    out = []
    values = cl.upgrade_values(protocol, values)
    for step in protocol.steps:
        ids = {f.id for f in step.fields if f.repeat == "list"}
        if "lot" not in ids:
            continue
        state = cl.SessionState(session_date=date.min, field_values=values)
        for n in cl.rows(step, state):
            get = lambda fid: values.get(f"{step.id}.{fid}.{n}")  # noqa: E731
            if is_empty(get("lot")):
                continue
            name = get("name")
            if is_empty(name) and not is_empty(get("agent")):
                strength = get("concentration_percent")
                name = get("agent") + (f" {format_number(strength)}%"
                                       if isinstance(strength, (int, float)) else "")
                name += f" ({get('site')})" if not is_empty(get("site")) else ""
            quantity = get("quantity_ml")
            out.append({"row_number": n, "product": name or "", "lot": get("lot"),
                        "expiry": get("expiry"),
                        "quantity_ml": quantity if quantity is not None else get("volume_ml")})
    return out


def _write_products(store, status: SessionStatus) -> None:
    for row in product_rows(status.protocol, status.state.field_values):
        sessions_repo.insert_product(store, {**row, "session_id": status.session["id"],
                                    "patient_id": status.session["patient_id"]})


def _read(status: SessionStatus, expected_version: int | None) -> int:
    """The version a change is made over: the caller's, else the one just read."""
    return status.session["version"] if expected_version is None else expected_version


def complete_session(store, session_id: int, *,
                     expected_version: int | None = None) -> list[dict]:
    """Sign off a session: refused (OpenItems) while anything required is open or wrong.

    Creates the follow-ups the protocol schedules from the session date (proposed visits not yet
    clinic policy are left out), closes the plan's pending next-session or maintenance visit,
    keeps the product lots for recall and updates the plan. Returns the follow-ups created.
    """
    status = _editable(store, session_id)
    if status.blockers:
        raise OpenItems(status.blockers)
    s = status.session
    day = date.fromisoformat(s["session_date"])
    number = min(s["session_number"], s["series_length"])
    due = follow_ups_after_session(status.protocol, day, number, s["series_length"],
                                   include_proposed=False)
    created = []
    with store.write():
        for pending in sessions_repo.open_follow_ups_of_plan(store, s["plan_id"],
                                                    ("next_session", "maintenance")):
            sessions_repo.update_follow_up(store, pending["id"], status="done",
                                           done_at=store.now_iso(),
                                  done_by=store.actor_id,
                                  note=f"Session {s['session_number']} on {format_day(day)}",
                                  visit_date=day.isoformat())
        for f in due:
            row = {"patient_id": s["patient_id"], "session_id": session_id,
                   "plan_id": s["plan_id"], "kind": f.kind, "rule_id": f.rule_id,
                   "label": f.label, "due_from": f.due_from.isoformat(),
                   "due_to": f.due_to.isoformat()}
            created.append({**row, "id": sessions_repo.insert_follow_up(store, row)})
        _write_products(store, status)
        # The visits are booked now, by the app: its sign-out item says so, with who and when.
        for step in status.protocol.steps:
            for item in step.items:
                if item.by_app == "follow_ups":
                    sessions_repo.insert_entry(store, session_id, f"{step.id}.{item.id}", "item",
                                               True)
        sessions_repo.update_session(store, session_id, status="completed",
                                     completed_at=store.now_iso(),
                                     completed_by=store.actor_id,
                                     expected_version=_read(status, expected_version))
        plan = plans_repo.get_for_session(store, s["plan_id"])
        if sessions_repo.completed_count(store, s["plan_id"]) >= plan["sessions"]:
            plans_repo.set_status(store, s["plan_id"], "completed")
    log.info("session %s completed, %d follow-ups", session_id, len(created))
    return created


def abandon_session(store, session_id: int, reason: str, *,
                    expected_version: int | None = None) -> None:
    """Stop a session before the end (kept, with the reason; products already used are kept)."""
    status = _editable(store, session_id)
    if not reason.strip():
        raise ValidationError({"reason": "Say why the session is stopped"})
    with store.write():
        _write_products(store, status)
        sessions_repo.update_session(store, session_id, status="abandoned",
                                     completed_at=store.now_iso(),
                                     completed_by=store.actor_id, end_reason=reason.strip(),
                                     expected_version=_read(status, expected_version))


# --- the patient's sessions, with their key figures -----------------------------------------------

def key_figures(protocol: Protocol, values: dict) -> list[str]:
    """Lines a practitioner looks for first: volumes (per hand) and products with their lots
    (in English; the screens word ``key_figure_parts`` in their language)."""
    lines = []
    for kind, p in key_figure_parts(protocol, values):
        if kind == "anaesthetic":
            lines.append(f"Anaesthetic: {format_number(round(p['mg']))} mg in all "
                         f"({p['entries']} {'entry' if p['entries'] == 1 else 'entries'})")
        elif kind == "volume":
            label = protocol.field(p["field"]).label
            if p["sides"]:
                lines.append(f"{label}: " + ", ".join(f"{side} {with_unit(v, p['unit'])}"
                                                      for side, v in p["sides"]))
            else:
                lines.append(f"{label}: {with_unit(p['value'], p['unit'])}")
        else:
            qty = (f", {format_number(p['quantity_ml'])} ml" if p["quantity_ml"] is not None
                   else "")
            exp = f", expires {format_day(p['expiry'])}" if p["expiry"] else ""
            lines.append(f"{p['product']}: lot {p['lot']}{exp}{qty}")
    return lines


def key_figure_parts(protocol: Protocol, values: dict) -> list[tuple[str, dict]]:
    """The key figures as codes and values: ``("anaesthetic", {mg, entries})``,
    ``("volume", {field, unit, value, sides})`` (``sides``: (hand, value) pairs),
    ``("product", {product, lot, expiry, quantity_ml})``."""
    out: list[tuple[str, dict]] = []
    values = cl.upgrade_values(protocol, values)
    for check in protocol.checks:
        if check.kind != "lidocaine_dose":
            continue
        state = cl.SessionState(session_date=date.min, field_values=values, weight_kg=None)
        given = cl.dose_lines(protocol, check, state)
        if given:
            # The total first; each entry, with its lot and volume, is among the products.
            out.append(("anaesthetic", {"mg": sum(x.mg for x in given), "entries": len(given)}))
    for step in protocol.steps:
        for f in step.fields:
            if f.unit != "ml" or f.repeat == "list":
                continue
            if f.repeat == "sides":
                sides = [(side, values[f.key(side)]) for side in SIDES
                         if not is_empty(values.get(f.key(side)))]
                if sides:
                    out.append(("volume", {"field": f.ref, "unit": f.unit, "value": None,
                                           "sides": sides}))
            elif not is_empty(values.get(f.key())):
                out.append(("volume", {"field": f.ref, "unit": f.unit, "value": values[f.key()],
                                       "sides": []}))
    for p in product_rows(protocol, values):
        # An anaesthetic row is named by its agent and site: the codes, for the screens to word.
        anaesthetic = {}
        for step in protocol.steps:
            key = f"{step.id}.agent.{p['row_number']}"
            if is_empty(values.get(f"{step.id}.name.{p['row_number']}")) \
                    and not is_empty(values.get(key)):
                anaesthetic = {"step": step.id, "agent": values[key],
                               "strength": values.get(f"{step.id}.concentration_percent."
                                                      f"{p['row_number']}"),
                               "site": values.get(f"{step.id}.site.{p['row_number']}")}
        out.append(("product", {**p, **anaesthetic}))
    return out


def patient_sessions(store, patient_id: int) -> list[dict]:
    """The patient's plans, each with its sessions (key figures included) and what can be done:
    ``open_session_id`` to resume, ``can_start`` for a next session."""
    plans = plans_repo.plans_by_start(store, patient_id)
    sessions = sessions_repo.sessions_of_patient(store, patient_id)
    values = sessions_repo.latest_values(store, [s["id"] for s in sessions])
    early = sessions_repo.overrides_of(store, [s["id"] for s in sessions], EARLY_START)
    for plan in plans:
        protocol = load_protocol(plan["procedure"])
        mine = [s for s in sessions if s["plan_id"] == plan["id"]]
        for s in mine:
            s["figures"] = key_figures(protocol, values[s["id"]])
            s["figure_parts"] = key_figure_parts(protocol, values[s["id"]])
            s["early_start"] = early.get(s["id"])
        plan["sessions_list"] = mine
        plan["open_session_id"] = next((s["id"] for s in mine if s["status"] == "in_progress"),
                                       None)
        done = sum(s["status"] == "completed" for s in mine)
        more = done < plan["sessions"] or any(r.kind == "maintenance" for r in protocol.follow_ups)
        plan["completed_sessions"] = done
        live = plan["status"] not in ("superseded", "cancelled", "completed")
        plan["blocked_facts"] = later_screening_facts(store, plan) if live else None
        plan["blocked"] = later_screening(store, plan)[0] if live else None
        # The quote the law requires, not signed: (code, quote number) for the UI to word.
        plan["devis_refusal"] = devis.session_refusal(store, plan) if live else None
        plan["can_start"] = plan["status"] not in ("superseded", "cancelled") and more \
            and not plan["blocked"] and not plan["devis_refusal"]
        plan["title"] = protocol.title
        # Why the next session may not start today: shown before anyone presses Start.
        plan["waits"] = (session_gate(store, plan["id"]) if plan["can_start"]
                         and not plan["open_session_id"] else [])
        plan["reflection_warning"] = reflection_warning(store, plan) if done == 0 else None
        plan["reflection"] = reflection_dates(store, plan) if done == 0 else None
        # A first session dated inside the legal wait after the quote (a running wait says it).
        plan["devis_warning"] = devis.planning_warning(store, plan, store.clock().date()) \
            if done == 0 and not plan["waits"] and live else None
    return plans
