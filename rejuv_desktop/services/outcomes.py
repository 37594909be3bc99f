"""Outcomes: the follow-up assessment, the complication log, a patient's outcome view and the
clinic audit (the same figures for the window, the command line and the CSV export).

Returns codes and numbers; the UI and ``documents/`` make the words.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date

from rejuv_desktop.domain import outcome_audit as oa
from rejuv_desktop.domain import outcomes as do
from rejuv_desktop.domain.procedures import procedure_ids
from rejuv_desktop.domain.protocols import load_protocol
from rejuv_desktop.domain.scales import load_scales
from rejuv_desktop.errors import UserError, ValidationError
from rejuv_desktop.services import follow_ups as fu
from rejuv_desktop.services.sessions import require_actor
from rejuv_desktop.storage import outcomes as repo


# --- the follow-up assessment --------------------------------------------------------------------

@dataclass(frozen=True)
class AssessmentForm:
    """What a follow-up's assessment form asks, and of which visit. The baseline grades are
    not here: the form shows them only once the hands are graded (``baseline_grades``)."""

    follow_up_id: int
    patient_id: int
    label: str
    procedure: str | None
    session_date: date | None
    due_from: date
    due_to: date
    status: str
    asks: tuple[str, ...]
    sides: tuple[str, ...]
    outcome_months: int | None
    session_id: int | None = None
    recorded: dict | None = None
    """The assessment already recorded for this visit (then the form only shows it)."""


def _rule(procedure: str | None, rule_id: str):
    if not procedure:
        return None
    return next((r for r in load_protocol(procedure).follow_ups if r.id == rule_id), None)


def assessment_form(store, follow_up_id: int) -> AssessmentForm:
    """The form of a follow-up visit: what its protocol says is assessed there."""
    row = repo.follow_up_context(store, follow_up_id)
    rule = _rule(row["procedure"], row["rule_id"])
    sides = tuple(s for s in (row["sides"] or "left,right").split(",") if s in do.SIDES)
    return AssessmentForm(
        row["id"], row["patient_id"], row["label"], row["procedure"],
        date.fromisoformat(row["session_date"]) if row["session_date"] else None,
        date.fromisoformat(row["due_from"]), date.fromisoformat(row["due_to"]), row["status"],
        rule.assess if rule else (), sides, rule.outcome_months if rule else None,
        row["session_id"], repo.assessment_of(store, follow_up_id))


def baseline_grades(store, follow_up_id: int) -> dict[str, int]:
    """The Merz grade of each hand at the consultation behind the visit's treatment: shown
    only after the hands are graded again, so the new grade is not led by the old."""
    return repo.baseline_grades(store, repo.follow_up_context(store, follow_up_id)["consultation_id"])


def record_assessment(store, follow_up_id: int, assessment: do.Assessment,
                      visit_date: date | None = None, early_reason: str = "") -> None:
    """Keep what a follow-up visit assessed and close the visit as done, in one transaction.

    A visit already marked done without an assessment takes one (its date stays). The
    assessment must answer exactly what the visit asks (``assessment_form``).
    """
    require_actor(store)
    form = assessment_form(store, follow_up_id)
    if form.recorded is not None:
        raise UserError("This visit's assessment is already recorded.")
    if form.status not in ("due", "done"):
        raise UserError(f"This follow-up is {form.status}: it has no assessment.")
    row = repo.follow_up_context(store, follow_up_id)
    if form.status == "due":
        row_full = fu.open_follow_up(store, follow_up_id)
        visit_date = fu.check_visit_date(store, row_full, visit_date, early_reason)
    else:
        visit_date = date.fromisoformat(row["visit_date"] or row["created_at"][:10])
    content = do.load_outcomes()
    do.validate(assessment, form.asks, content, form.sides)
    gais = load_scales().gais
    with store.write():
        if form.status == "due":
            fu.close_done(store, row_full, "", visit_date, early_reason)
        repo.insert_assessment(store, {
            "follow_up_id": follow_up_id, "patient_id": form.patient_id,
            "assessed_on": visit_date.isoformat(), "practitioner_id": store.actor_id,
            "asked": ",".join(form.asks), "gais_practitioner": assessment.gais_practitioner,
            "gais_patient": assessment.gais_patient,
            "gais_version": gais.version if ("gais_practitioner" in form.asks
                                             or "gais_patient" in form.asks) else "",
            "satisfaction": assessment.satisfaction,
            "touch_up_wanted": None if assessment.touch_up_wanted is None
            else int(assessment.touch_up_wanted),
            "hand_q_taken": int(assessment.hand_q_taken), "hand_q_score": assessment.hand_q_score,
            "notes": assessment.notes.strip()})
        for side in form.sides:
            if side in assessment.merz:
                repo.insert_hand_grade(store, patient_id=form.patient_id,
                                       follow_up_id=follow_up_id, side=side,
                                       grade=assessment.merz[side],
                                       assessed_at=visit_date.isoformat())


# --- complications ----------------------------------------------------------------------------------

def sessions_for_complication(store, patient_id: int) -> list[dict]:
    """The sessions a complication of this patient may follow (newest first, with lots)."""
    return repo.sessions_for_complication(store, patient_id)


def record_complication(store, patient_id: int, c: do.Complication) -> int:
    """Log a complication against one of the patient's sessions; returns its id."""
    require_actor(store)
    sessions = {s["id"]: s for s in repo.sessions_for_complication(store, patient_id)}
    if c.session_id not in sessions:
        raise ValidationError({"session": do.REQUIRED})
    session_day = date.fromisoformat(sessions[c.session_id]["session_date"])
    errors = do.check_complication(c, do.load_outcomes(), store.clock().date(), session_day)
    if errors:
        raise ValidationError(errors)
    with store.write():
        return repo.insert_complication(store, {
            "patient_id": patient_id, "session_id": c.session_id,
            "follow_up_id": c.follow_up_id, "type": c.type, "detail": c.detail.strip(),
            "severity": c.severity, "site": c.site, "product_lot": c.product_lot.strip(),
            "onset_date": c.onset.isoformat(),
            "resolved_date": c.resolved.isoformat() if c.resolved else None,
            "treatment": c.treatment.strip(), "reported_regulator": int(c.reported_regulator),
            "reported_maker": int(c.reported_maker),
            "report_reference": c.report_reference.strip()})


def resolve_complication(store, complication_id: int, resolved: date, treatment: str = "", *,
                         expected_version: int | None = None) -> None:
    """Record the day a complication resolved (and the treatment, when given). Refused
    (``RecordChanged``) when it was saved elsewhere after ``expected_version`` (default: the
    version read here)."""
    require_actor(store)
    row = repo.get_complication(store, complication_id)
    onset = date.fromisoformat(row["onset_date"])
    if resolved < onset:
        raise ValidationError({"resolved": do.BEFORE_ONSET})
    if resolved > store.clock().date():
        raise ValidationError({"resolved": do.IN_FUTURE})
    values = {"resolved_date": resolved.isoformat()}
    if treatment.strip():
        values["treatment"] = treatment.strip()
    with store.write():
        repo.update_complication(store, complication_id, **values,
                                 expected_version=row["version"] if expected_version is None
                                 else expected_version)


def complications_of_patient(store, patient_id: int) -> list[dict]:
    return repo.complications_of_patient(store, patient_id)


def record_flags(store, patient_id: int) -> list[dict]:
    """The patient's unresolved complications whose severity flags the record (severe)."""
    return repo.unresolved_with_severity(store, patient_id,
                                         do.load_outcomes().flagging_severities())


# --- a patient's outcomes -------------------------------------------------------------------------

@dataclass(frozen=True)
class GradePoint:
    """One Merz grade of one hand: at baseline (``follow_up_id`` None) or at a follow-up."""

    side: str
    day: date
    grade: int
    procedure: str | None
    follow_up_id: int | None = None
    label: str = ""


@dataclass(frozen=True)
class TimelineEntry:
    """One dated event of the outcome timeline: ``kind`` is ``baseline``, ``assessment`` or
    ``complication`` (``resolved``: a complication's resolution); ``ref`` the record's id."""

    day: date
    kind: str
    procedure: str | None
    ref: int
    row: dict = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class PatientOutcomes:
    grades: tuple[GradePoint, ...]
    assessments: tuple[dict, ...]
    complications: tuple[dict, ...]
    timeline: tuple[TimelineEntry, ...]

    def series(self, side: str) -> list[GradePoint]:
        return [g for g in self.grades if g.side == side]


def patient_outcomes(store, patient_id: int) -> PatientOutcomes:
    """Merz per hand over time (baseline and each follow-up), what each follow-up assessed,
    the complications, and all of it as one timeline, oldest first."""
    grades: list[GradePoint] = []
    timeline: list[TimelineEntry] = []
    for b in repo.patient_baselines(store, patient_id):
        day = date.fromisoformat(b["finalised_at"][:10])
        for side, grade in sorted(repo.baseline_grades(store, b["consultation_id"]).items()):
            grades.append(GradePoint(side, day, grade, b["procedure"]))
        timeline.append(TimelineEntry(day, "baseline", b["procedure"], b["consultation_id"], b))
    for g in repo.patient_grades(store, patient_id):
        grades.append(GradePoint(g["side"], date.fromisoformat(g["assessed_at"][:10]), g["grade"],
                                 g["procedure"], g["follow_up_id"], g["label"]))
    assessments = repo.patient_assessments(store, patient_id)
    for a in assessments:
        timeline.append(TimelineEntry(date.fromisoformat(a["assessed_on"]), "assessment",
                                      a["procedure"], a["id"], a))
    complications = repo.complications_of_patient(store, patient_id)
    for c in complications:
        timeline.append(TimelineEntry(date.fromisoformat(c["onset_date"]), "complication",
                                      c["procedure"], c["id"], c))
        if c["resolved_date"]:
            timeline.append(TimelineEntry(date.fromisoformat(c["resolved_date"]), "resolved",
                                          c["procedure"], c["id"], c))
    # Baselines first on a day (a same-day assessment follows its consultation).
    order = {"baseline": 0, "assessment": 1, "complication": 2, "resolved": 3}
    grades.sort(key=lambda g: (g.day, g.follow_up_id is not None, g.side))
    timeline.sort(key=lambda t: (t.day, order[t.kind], t.ref))
    return PatientOutcomes(tuple(grades), tuple(assessments), tuple(complications),
                           tuple(timeline))


# --- the clinic audit --------------------------------------------------------------------------------

def outcome_rules(procedures=None) -> dict[str, tuple[str, int, tuple[str, ...]]]:
    """The follow-ups that stand for the audit's time points: rule id -> (procedure, months,
    what is assessed), from each procedure's protocol."""
    out = {}
    for procedure in procedures or procedure_ids():
        for rule in load_protocol(procedure).follow_ups:
            if rule.outcome_months is not None:
                out[rule.id] = (procedure, rule.outcome_months, rule.assess)
    return out


def clinic_audit(store, since: date | None = None, until: date | None = None,
                 procedure: str | None = None, practitioner_id: int | None = None,
                 today: date | None = None) -> list[oa.ProcedureAudit]:
    """Every audit figure, per procedure, for sessions done in the period (by a practitioner):
    responders, GAIS, satisfaction, complications per session and loss to follow-up."""
    if not repo.has_outcome_tables(store):
        raise UserError("This database has not been opened by this version of Rejuv Desktop "
                        "yet: open it once in the app, then run the audit again.")
    procedures = [procedure] if procedure else list(procedure_ids())
    rules = outcome_rules(procedures)
    today = today or store.clock().date()
    counts = repo.audit_counts(store, list(rules), procedures, today.isoformat(),
                               since.isoformat() if since else None,
                               until.isoformat() if until else None, practitioner_id)
    hands = [oa.HandGrade(r["procedure"], rules[r["rule_id"]][1], r["baseline"], r["grade"], r["n"])
             for r in counts["hands"] if r["baseline"] is not None
             and rules[r["rule_id"]][0] == r["procedure"]]
    visits = [oa.OutcomeVisit(r["procedure"], rules[r["rule_id"]][1], bool(r["closed"]),
                              bool(r["assessed"]), r["baseline"], r["gais_practitioner"],
                              r["gais_patient"], r["satisfaction"],
                              None if r["touch_up_wanted"] is None else bool(r["touch_up_wanted"]),
                              r["n"])
              for r in counts["visits"] if rules[r["rule_id"]][0] == r["procedure"]]
    sessions = [oa.TreatedSession(r["procedure"], r["baseline"],
                                  frozenset(t for t in r["types"].split(",") if t), r["n"])
                for r in counts["sessions"]]
    content = do.load_outcomes()
    audits = []
    for p in procedures:
        months = {m: asks for rid, (proc, m, asks) in rules.items() if proc == p}
        audits.append(oa.audit_procedure(p, months, hands, visits, sessions, content))
    return audits


def _pct(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def audit_csv(audits: list[oa.ProcedureAudit]) -> str:
    """The audit as CSV, one figure a row (codes, counts and fractions; a spreadsheet makes
    percentages of them). Loss to follow-up is on every row that has a time point."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["procedure", "figure", "months", "type", "baseline_grade", "count", "total",
                "rate", "ci_low", "ci_high", "published_rate", "due", "done"])

    def rows(a, figure, months, type_, rate, groups, published=None):
        lost = a.lost_at(months) if months is not None else None
        tail = [lost.due, lost.done] if lost else ["", ""]
        w.writerow([a.procedure, figure, months or "", type_, "all", rate.count, rate.total,
                    _pct(rate.rate), _pct(rate.ci_low), _pct(rate.ci_high),
                    _pct(published), *tail])
        for grade, r in groups.items():
            w.writerow([a.procedure, figure, months or "", type_,
                        "unknown" if grade == oa.NO_BASELINE else grade, r.count, r.total,
                        _pct(r.rate), _pct(r.ci_low), _pct(r.ci_high), "", *tail])

    for a in audits:
        for r in a.responders:
            rows(a, "merz_responders", r.months, "", r.rate, r.by_baseline)
        for g in a.gais:
            rows(a, f"gais_{g.rater}_improved", g.months, "", g.rate, g.by_baseline)
        for s in a.satisfaction:
            rows(a, "satisfied", s.months, "", s.rate, s.by_baseline)
        for c in a.complications:
            rows(a, "complications_per_session", None, c.type, c.rate, c.by_baseline,
                 c.published_rate)
        if a.touch_up:
            rows(a, "touch_up_wanted", None, "", a.touch_up.rate, a.touch_up.by_baseline,
                 a.touch_up.published_rate)
        for x in a.lost_to_follow_up:
            w.writerow([a.procedure, "lost_to_follow_up", x.months, "", "all", x.due - x.done,
                        x.due, _pct(x.lost.rate), _pct(x.lost.ci_low), _pct(x.lost.ci_high), "",
                        x.due, x.done])
    return out.getvalue()


# --- the patient's outcome summary (PDF) ------------------------------------------------------------

def outcome_summary_pdf(store, patient_id: int) -> bytes:
    """The patient's outcome summary as PDF bytes: grades before and after per hand (chart and
    table), each review's findings, complications. Printed or saved; not archived."""
    from rejuv_desktop.documents.context import (AssessmentRow, ComplicationRow, GradeRow,
                                                 OutcomeSummaryContext)
    from rejuv_desktop.documents.outcome_render import render_outcome_summary
    from rejuv_desktop.services.documents import _clinic, _patient, _practitioner

    require_actor(store)
    o = patient_outcomes(store, patient_id)
    rows: dict[tuple, dict] = {}
    for g in o.grades:
        key = (g.day, g.follow_up_id)
        rows.setdefault(key, {"day": g.day, "visit": g.label if g.follow_up_id else "",
                              "left": None, "right": None})[g.side] = g.grade
    today = store.clock().date()
    ctx = OutcomeSummaryContext(
        clinic=_clinic(store), patient=_patient(store, patient_id)[1],
        practitioner=_practitioner(store, store.actor_id), issued_on=today,
        document_id=f"OS-{patient_id}-{today:%Y%m%d}",
        grades=[GradeRow(**r) for _, r in sorted(rows.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0))],
        assessments=[AssessmentRow(date.fromisoformat(a["assessed_on"]), a["label"],
                                   a["gais_practitioner"], a["gais_patient"], a["satisfaction"],
                                   None if a["touch_up_wanted"] is None
                                   else bool(a["touch_up_wanted"]),
                                   a["hand_q_score"]) for a in o.assessments],
        complications=[ComplicationRow(date.fromisoformat(c["onset_date"]), c["type"],
                                       c["severity"], c["site"], c["detail"],
                                       date.fromisoformat(c["resolved_date"])
                                       if c["resolved_date"] else None)
                       for c in o.complications])
    return render_outcome_summary(ctx).pdf
