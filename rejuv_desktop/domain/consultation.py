"""A consultation's content: what the wizard collects, and what it takes to finalise it.

The wizard, the command line and the tests share this module: the data is a plain JSON-able
dict (so a draft can be saved at any keystroke), and ``evaluate`` / ``check_complete`` turn it
into verdicts, a recommendation and the list of what is still missing.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from rejuv_desktop.domain import plan_binding as pb
from rejuv_desktop.domain import recommendation as rec
from rejuv_desktop.domain.consultation_record import SIDES, ConsultationRecord
from rejuv_desktop.domain import screening as scr
from rejuv_desktop.domain import text as dt
from rejuv_desktop.domain.dose import MAX_WEIGHT_KG, MIN_WEIGHT_KG
from rejuv_desktop.domain.procedures import is_procedure
from rejuv_desktop.domain.procedures import procedure as registered
from rejuv_desktop.domain.protocols import load_protocol
from rejuv_desktop.domain.scales import load_scales
from rejuv_desktop.domain.schedule import PlannedSession, plan_sessions
from rejuv_desktop.errors import ValidationError

LENTIGINES = {"none": "None", "few": "A few", "many": "Many"}
COMBINED = "combined"
# MIN_WEIGHT_KG and MAX_WEIGHT_KG come from the dose module: one allowed weight range for the
# whole app (consultation, session, dose check).


def new_data() -> dict[str, Any]:
    """An empty consultation, as the wizard starts it (a ``ConsultationRecord`` as a dict)."""
    return ConsultationRecord().to_dict()


def merged(data: dict | None) -> dict[str, Any]:
    """``data``, stored by any version of the app, in today's shape (see
    ``consultation_record.upgrade``)."""
    return ConsultationRecord.from_dict(data).to_dict()


def record(data: dict | ConsultationRecord | None) -> ConsultationRecord:
    """The typed record of ``data`` (the wizard's dict, or a stored record of any shape)."""
    return data if isinstance(data, ConsultationRecord) else ConsultationRecord.from_dict(data)


def weight(data: dict | ConsultationRecord) -> float | None:
    value = record(data).weight_kg
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def suspicious_lesion(data: dict | ConsultationRecord) -> bool:
    return record(data).suspicious_lesion


def findings(data: dict | ConsultationRecord, verdicts: dict[str, scr.Verdict]) -> rec.Findings:
    """The recommendation engine's view of the consultation."""
    r = record(data)

    def skin(side: str) -> rec.SkinQuality:
        h = r.hand(side)
        return rec.SkinQuality(h.hydration, h.elasticity, h.texture)

    return rec.Findings(
        concerns=frozenset(c for c in r.concerns if c in rec.CONCERNS),
        merz_left=r.hand("left").merz, merz_right=r.hand("right").merz,
        skin_left=skin("left"), skin_right=skin("right"),
        lentigines_present=any(r.hand(s).lentigines in ("few", "many") for s in SIDES),
        suspicious_lesion=r.suspicious_lesion,
        donor_fat=r.donor_fat, verdicts=verdicts)


DERIVED_FROM = {"suspicious_skin_lesion": "hands", "insufficient_donor_fat": "hands",
                "unrealistic_expectations": "concerns"}
"""Screening questions a finding of the examination can answer, and the page it is found on."""


def derived_answers(data: dict | ConsultationRecord) -> dict[str, str]:
    """The screening answers the examination gives, worked out from the findings each time.

    A suspicious lesion ticked on either hand, donor fat judged insufficient, or expectations
    judged unrealistic is a "yes" to the matching question. These answers are never stored with
    the typed ones (``data["answers"]``): untick the finding and its "yes" is gone, and the
    question goes back to whatever was typed for it, or to unanswered.
    """
    r = record(data)
    derived = {}
    if r.suspicious_lesion:
        derived["suspicious_skin_lesion"] = "yes"
    if r.donor_fat == "insufficient":
        derived["insufficient_donor_fat"] = "yes"
    if r.expectations_realistic is False:
        derived["unrealistic_expectations"] = "yes"
    return derived


def derived_origins(data: dict | ConsultationRecord) -> dict[str, str]:
    """For each derived answer, the page whose finding gave it (e.g. "hands")."""
    return {qid: DERIVED_FROM[qid] for qid in derived_answers(data)}


def screening_answers(data: dict | ConsultationRecord) -> dict[str, str]:
    """The answers the verdict reads: the typed ones, with the examination's findings laid over
    them where they answer a question (a finding only ever adds a "yes")."""
    r = record(data)
    return {**r.answers, **derived_answers(r)}


@dataclass(frozen=True)
class Evaluation:
    verdicts: dict[str, scr.Verdict]
    recommendation: rec.Recommendation

    @property
    def stop(self) -> bool:
        """Nothing can be planned: every procedure is contraindicated, or a suspicious lesion
        must be seen by a dermatologist first."""
        if "refer_dermatology" in self.recommendation.codes():
            return True
        return all(v.level == "contraindicated" for v in self.verdicts.values())

    def allowed(self, procedure: str) -> bool:
        return not self.stop and self.verdicts[procedure].level != "contraindicated"

    def recommended(self, procedure: str) -> bool:
        return procedure in self.recommendation.procedures

    def binding(self, procedure: str, today: date) -> pb.Binding:
        """What the verdict and the recommendation allow for planning ``procedure``."""
        return pb.binding(procedure, self.verdicts[procedure], self.recommended(procedure), today)


def evaluate(data: dict | ConsultationRecord,
             rules: scr.ScreeningRules | None = None) -> Evaluation:
    """Verdicts for both procedures and the reasoned recommendation."""
    r = record(data)
    verdicts = scr.screen(screening_answers(r), rules, derived_origins(r))
    return Evaluation(verdicts, rec.recommend(findings(r, verdicts)))


def planned_sessions(procedure: str, plan: dict) -> list[PlannedSession]:
    """Dates of the planned sessions of one procedure (ValidationError if out of range)."""
    protocol = load_protocol(procedure)
    start = plan.get("start")
    if not start:
        raise ValidationError({"start": "Choose the date of the first session"})
    day = iso_day(start)
    if day is None:
        raise ValidationError({"start": "The first session's date is not a date: choose it again "
                                        "(DD/MM/YYYY)"})
    interval = plan.get("interval_days") if protocol.series.interval_default_days else None
    return plan_sessions(protocol, day, plan.get("sessions"), interval)


def iso_day(value) -> date | None:
    """A stored day (``YYYY-MM-DD`` exactly) as a date; None for anything else."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def default_plan(procedure: str, start: date) -> dict:
    series = load_protocol(procedure).series
    return {"sessions": series.sessions_default, "interval_days": series.interval_default_days,
            "start": start.isoformat()}



def _free_texts(data: dict, prefix: str = ""):
    """Every text typed into a consultation, with the key its error is shown under
    (``justification.fat_transfer`` for a justification's text)."""
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, str):
            yield path, value
        elif isinstance(value, dict):
            inner = "justification." if key == "justifications" else f"{path}."
            for sub, text in _free_texts(value, inner):
                yield (sub[:-len(".text")] if sub.endswith(".text") else sub), text


def plan_start(data: dict | ConsultationRecord, procedure: str) -> date | None:
    """The first-session date written in the plan, None when missing or not a date."""
    try:
        return iso_day(record(data).plan.get(procedure, {}).get("start"))
    except AttributeError:
        return None


def plan_warnings(data: dict | ConsultationRecord, today: date, cooling_off_days: int,
                  rules: scr.ScreeningRules | None = None) -> dict[str, str]:
    """Per chosen procedure, the warning for a first session inside the reflection period."""
    rules = rules or scr.load_rules()
    r = record(data)
    out = {}
    for p in r.chosen:
        start = plan_start(r, p)
        if start is not None and is_procedure(p):
            warning = pb.reflection_warning(rules.procedure_name(p), start, today, cooling_off_days)
            if warning:
                out[p] = warning
    return out


def spacing_warnings(data: dict | ConsultationRecord,
                     rules: scr.ScreeningRules | None = None) -> list[str]:
    """Planned sessions of one procedure too soon after another's on the same hands (the
    protocols' spacing, e.g. mesotherapy within three weeks of a fat graft): each would need a
    doctor's reason to start on its date."""
    rules = rules or scr.load_rules()
    r = record(data)
    dates: dict[str, list[date]] = {}
    for p in r.chosen:
        try:
            dates[p] = [s.target for s in planned_sessions(p, r.plan.get(p) or {})]
        except (ValidationError, ValueError, TypeError):
            continue
    out = []
    for later, later_dates in dates.items():
        protocol = load_protocol(later)
        for earlier, earlier_dates in dates.items():
            rule = protocol.spacing_after(earlier) if earlier != later else None
            if rule is None:
                continue
            clash = next(((a, b) for b in later_dates for a in earlier_dates
                          if a <= b < a + timedelta(days=rule.days)), None)
            if clash:
                out.append(f"{rules.procedure_name(later).capitalize()} on {pb.fmt(clash[1])} "
                           f"is less than {rule.days} days after {rules.procedure_name(earlier)} "
                           f"on {pb.fmt(clash[0])}: {rule.reason}")
    return out


def spaced_start(procedure: str, start: date, data: dict | ConsultationRecord,
                 horizon_days: int = 400) -> date:
    """The first day from ``start`` on which the procedure's planned sessions keep the
    protocols' spacing from the other procedures already planned (``start`` when none is
    near, or when no day within ``horizon_days`` does)."""
    r = record(data)
    others = [p for p in r.chosen if p != procedure and plan_start(r, p)]
    if not others:
        return start
    plan = dict(r.plan.get(procedure) or default_plan(procedure, start))
    for offset in range(horizon_days):
        day = start + timedelta(days=offset)
        trial = ConsultationRecord(chosen=[*others, procedure],
                                   plan={**{p: r.plan[p] for p in others},
                                         procedure: {**plan, "start": day.isoformat()}})
        if not spacing_warnings(trial):
            return day
    return start


def check_complete(data: dict, evaluation: Evaluation,
                   rules: scr.ScreeningRules | None = None,
                   today: date | None = None) -> dict[str, str]:
    """What still stops the consultation from being finalised, by field (empty when none).

    ``today`` is the day of the consultation: with it, the plan's dates are held to the
    verdict (a deferral's wait) and to a sensible range.
    """
    rules = rules or scr.load_rules()
    r = record(data)
    errors: dict[str, str] = {}
    for key, text in _free_texts(r.to_dict()):
        problem = dt.length_problem(text, dt.NOTE_LIMIT) or dt.text_problem(
            text, multiline=True, strict=False)
        if problem:
            errors[key] = problem
    if not r.concerns:
        errors["concerns"] = "Tick at least one concern"
    if "other" in r.concerns and not r.concern_other.strip():
        errors["concern_other"] = "Describe the other concern"
    if r.expectations_realistic is None:
        errors["expectations_realistic"] = "Say whether the expectations are realistic"
    elif r.expectations_realistic is False and not r.expectations_note.strip():
        errors["expectations_note"] = "Note why the expectations are not realistic"
    merz = load_scales().merz
    for side in SIDES:
        if r.hand(side).merz not in merz.values():
            errors[f"{side}.merz"] = f"Grade the {side} hand (Merz 0–4)"
    if not r.fitzpatrick:
        errors["fitzpatrick"] = "Confirm the Fitzpatrick skin type"
    w = weight(r)
    if r.weight_kg not in (None, "") and (w is None or not MIN_WEIGHT_KG <= w <= MAX_WEIGHT_KG):
        errors["weight_kg"] = f"Weight must be between {MIN_WEIGHT_KG:.0f} and {MAX_WEIGHT_KG:.0f} kg"
    asked = screening_answers(r)
    effective = scr.effective_answers(asked, rules)
    missing = [q.id for q in rules.questions
               if q.id not in asked and not (q.follows and effective.get(q.follows) == "no")]
    if missing:
        errors["answers"] = f"{len(missing)} screening question(s) not answered"
    if evaluation.stop:
        return errors  # nothing to plan: a stop is finalised with its reasons
    chosen = [p for p in r.chosen if is_procedure(p)]
    if not chosen and not r.none_planned_reason.strip():
        errors["chosen"] = "Choose the procedure(s) to plan, or say why none is planned"
    for procedure in chosen:
        verdict = evaluation.verdicts[procedure]
        name = rules.procedure_name(procedure)
        if today is not None:
            errors.update(pb.plan_errors(name, evaluation.binding(procedure, today), r,
                                         plan_start(r, procedure), today))
        elif verdict.level == "contraindicated":
            errors[f"chosen.{procedure}"] = f"{name.capitalize()} is contraindicated: it cannot be planned"
        if pb.needs_justification(verdict) and \
                not (r.justifications.get(procedure) or {}).get("text", "").strip():
            errors[f"justification.{procedure}"] = f"Write the justification for {name}"
        if w is None and load_protocol(procedure).dose_limits:
            errors["weight_kg"] = (f"Weight is needed for {registered(procedure).label.lower()} "
                                   "(anaesthetic dose limits)")
        try:
            planned_sessions(procedure, r.plan.get(procedure) or {})
        except ValidationError as exc:
            for key, message in exc.errors.items():
                errors.setdefault(f"plan.{procedure}.{key}", message)
    return errors
