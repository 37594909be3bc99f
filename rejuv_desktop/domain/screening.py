"""Medical screening: questions, the clinic's rules, and the verdict per procedure.

The questions and what a "yes" means for each procedure live in ``resources/screening.toml`` so a
clinic can change them without touching code. This module loads that file (``screening_reader``
checks it), turns a set of answers into a verdict per procedure, and snapshots what was asked and
answered so a consultation keeps exactly that, whatever the file says later.

Safety rule: an answer that is not known never passes for a "no". An unknown answer to any question
that matters for a procedure gives at least ``caution`` for it, with a reason that says what to
confirm.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping

from rejuv_desktop.content import ContentFile, load_toml, resource_path
from rejuv_desktop.domain.evidence import (  # noqa: F401
    EVIDENCE,
    UNVERIFIED,
    evidence_from_verified,
    evidence_label,
)
from rejuv_desktop.domain.procedures import procedure as registered
from rejuv_desktop.domain.procedures import procedure_ids
from rejuv_desktop.errors import ValidationError

LEVELS = ("eligible", "caution", "defer", "contraindicated")
"""Verdict levels, least to most severe."""

RULE_LEVELS = LEVELS[1:]
"""Levels a rule may give to a "yes"; a question irrelevant to a procedure simply has no rule."""

ANSWERS = ("yes", "no", "unknown")

REQUIRED_QUESTION_IDS = tuple(
    """pregnant breastfeeding allergy_injected_products allergy_lidocaine active_skin_infection
    anticoagulants bleeding_disorder smoker autoimmune_disease keloid_tendency
    isotretinoin_last_12_months recent_laser_or_peel immunosuppressed diabetes
    insufficient_donor_fat unstable_weight cancer_treatment suspicious_skin_lesion
    unrealistic_expectations""".split()
)
"""Question ids the rest of the app relies on; stored consultations point to them forever."""

DEFAULT_PATH = "screening.toml"



def severity(level: str) -> int:
    """Rank of a level in ``LEVELS`` (0 = eligible); raises ValueError for an unknown level."""
    try:
        return LEVELS.index(level)
    except ValueError:
        raise ValueError(f"unknown screening level {level!r}") from None


def most_severe(levels: Iterable[str]) -> str:
    """The most severe of the given levels, ``eligible`` when there are none."""
    return max(levels, key=severity, default="eligible")


@dataclass(frozen=True)
class Question:
    """One screening question as the clinic wrote it."""

    id: str
    section: str
    text: str
    detail: str | None = None
    help: str | None = None
    statement: str = ""  # completes "Not known whether ..." for an unknown answer
    follows: str | None = None  # asked only after a "yes" to this earlier question


@dataclass(frozen=True)
class Rule:
    """What a "yes" to one question means for one procedure."""

    question_id: str
    procedure: str
    level: str
    reason: str
    wait: str | None = None
    source: str = ""
    evidence: str = UNVERIFIED  # a key of EVIDENCE
    level_note: str | None = None  # why the level differs from the other procedure's
    wait_days: int | None = None
    """The wait in days counted from the consultation, when it is a length of time; None when
    it lasts until something resolves (then nothing can be dated before a new screening)."""


@dataclass(frozen=True)
class ScreeningRules:
    """The loaded screening content: questions in asking order and the rules behind them."""

    id: str
    version: str
    questions: tuple[Question, ...]
    rules: tuple[Rule, ...]
    title: str = ""
    levels: tuple[tuple[str, str], ...] = ()  # (level, what it means), least severe first
    procedure_names: tuple[tuple[str, str], ...] = ()  # (procedure, name in plain words)

    def question(self, question_id: str) -> Question:
        """The question with this id; KeyError when the file has no such question."""
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)

    def sections(self) -> tuple[str, ...]:
        """Section names in the order they first appear, for grouping questions on screen."""
        return tuple(dict.fromkeys(q.section for q in self.questions))

    def questions_in(self, section: str) -> tuple[Question, ...]:
        """The questions of one section, in asking order."""
        return tuple(q for q in self.questions if q.section == section)

    def rules_for(self, procedure: str) -> tuple[Rule, ...]:
        """The rules that apply to one procedure, in file order."""
        return tuple(r for r in self.rules if r.procedure == procedure)

    def level_description(self, level: str) -> str:
        """What a verdict level means, as the clinic described it."""
        return dict(self.levels).get(level, level)

    def procedure_name(self, procedure: str) -> str:
        """The procedure's name in plain words (e.g. "hand mesotherapy"): as the protocol file
        declares it, unless a clinic's older screening file still names it."""
        named = dict(self.procedure_names).get(procedure)
        if named:
            return named
        try:
            return registered(procedure).name
        except KeyError:
            return procedure.replace("_", " ")


@dataclass(frozen=True)
class Reason:
    """One answer that weighs on a verdict, with a sentence a person can read."""

    question_id: str
    answer: str
    level: str
    text: str
    wait: str | None = None
    source: str = ""
    evidence: str = UNVERIFIED
    level_note: str | None = None
    derived: str | None = None  # where a derived answer came from (e.g. "hands"), None if typed
    wait_days: int | None = None


@dataclass(frozen=True)
class Verdict:
    """The screening outcome for one procedure: its level and every reason behind it."""

    level: str
    reasons: tuple[Reason, ...] = ()

    @property
    def allowed(self) -> bool:
        """False only when the procedure must not be done at all."""
        return self.level != "contraindicated"

    @property
    def waits(self) -> tuple[str, ...]:
        """The waits of the deferring reasons, in the order given."""
        return tuple(r.wait for r in self.reasons if r.level == "defer" and r.wait)


# ----------------------------------------------------------------------------- loading

@lru_cache(maxsize=4)
def _default_rules(lang: str = "en") -> ScreeningRules:
    return _read(load_toml(resource_path(DEFAULT_PATH)), procedure_rule_files(), lang)


PROCEDURE_RULES_DIR = "screening"
"""``screening/<procedure>.toml``: the rules of one procedure in a file of its own, so a clinic
adding a procedure adds files and does not have to copy the whole screening file."""


def procedure_rule_files() -> tuple[ContentFile, ...]:
    files = []
    for pid in procedure_ids():
        path = resource_path(PROCEDURE_RULES_DIR, f"{pid}.toml")
        if path.is_file():
            files.append(load_toml(path))
    return tuple(files)


def load_rules(path: Path | str | None = None, lang: str = "en") -> ScreeningRules:
    """Load and check the screening file; the packaged one (cached) when no path is given.

    Raises ContentError naming the file and line of a mistake: an unknown level or procedure, a
    rule naming an unknown question, a duplicate question id, a missing required question. The
    per-procedure rule files (``screening/<procedure>.toml``) are read with it either way.
    """
    if path is None:
        return _default_rules(lang)
    return _read(load_toml(path), procedure_rule_files(), lang)


def load_procedure_rules(path: Path | str) -> ScreeningRules:
    """The screening as it reads with this per-procedure rules file (``screening/<id>.toml``)
    in place of the one the content has: how a clinic's new file is checked."""
    cf = load_toml(path)
    others = tuple(f for f in procedure_rule_files() if f.path.stem != cf.path.stem)
    return _read(load_toml(resource_path(DEFAULT_PATH)), others + (cf,))


def _read(cf: ContentFile, extra: tuple[ContentFile, ...] = (), lang: str = "en") -> ScreeningRules:
    # Imported here, not at the top: the reader builds this module's classes, so it imports them.
    from rejuv_desktop.content.words import load_words
    from rejuv_desktop.domain.screening_reader import parse_rules

    return parse_rules(cf, extra, words=load_words("screening", lang))


# ----------------------------------------------------------------------------- screening


def effective_answers(answers: Mapping[str, str | None], rules: ScreeningRules) -> dict[str, str]:
    """One answer per question, as the rules will read it.

    A missing answer (or None) is "unknown". A follow-up question whose parent was answered "no"
    was never asked and counts as "no", unless it was answered anyway. Anything other than
    "yes", "no" or "unknown", or an answer to a question the file does not have, raises
    ValidationError naming the question.
    """
    known = {q.id for q in rules.questions}
    errors = {}
    for qid, value in answers.items():
        if qid not in known:
            errors[str(qid)] = "not a question of this screening"
        elif value is not None and value not in ANSWERS:
            errors[qid] = f"answer must be yes, no or unknown, not {value!r}"
    if errors:
        raise ValidationError(errors)
    result: dict[str, str] = {}
    for q in rules.questions:
        answer = answers.get(q.id) or "unknown"
        if answer == "unknown" and q.follows is not None and result[q.follows] == "no":
            answer = "no"
        result[q.id] = answer
    return result


_MEANING = {
    "contraindicated": "{name} is contraindicated",
    "defer": "{name} must wait",
    "caution": "{name} needs a documented justification",
}


def _yes_text(rule: Rule) -> str:
    return f"{rule.reason} Wait: {rule.wait}." if rule.wait else rule.reason


def _unknown_text(question: Question, rule: Rule, rules: ScreeningRules) -> str:
    meaning = _MEANING[rule.level].format(name=rules.procedure_name(rule.procedure))
    return f"Not known whether {question.statement}: confirm before treatment. A yes means {meaning}."


def screen(
    answers: Mapping[str, str | None],
    rules: ScreeningRules | None = None,
    derived: Mapping[str, str] | None = None,
) -> dict[str, Verdict]:
    """Turn screening answers into a verdict for each procedure.

    ``answers`` maps question id to "yes", "no" or "unknown"; a missing question is unknown. A
    "yes" gives the level of the question's rule for that procedure; an unknown answer to any
    question with a rule for the procedure gives ``caution`` with a sentence saying what to
    confirm, so it can never pass as eligible. The verdict is the most severe reason, and lists
    every reason, most severe first. ``derived`` maps the question ids whose answer came from
    the examination (not typed) to where it came from; their reasons say so.
    """
    rules = rules or load_rules()
    derived = dict(derived or {})
    effective = effective_answers(answers, rules)
    verdicts: dict[str, Verdict] = {}
    for procedure in procedure_ids():
        reasons: list[Reason] = []
        for rule in rules.rules_for(procedure):
            answer = effective[rule.question_id]
            if answer == "yes":
                text, level, wait, days = _yes_text(rule), rule.level, rule.wait, rule.wait_days
            elif answer == "unknown":
                text, level, wait, days = (_unknown_text(rules.question(rule.question_id), rule, rules),
                                           "caution", None, None)
            else:
                continue
            reasons.append(Reason(rule.question_id, answer, level, text, wait, rule.source,
                                  evidence=rule.evidence, level_note=rule.level_note,
                                  derived=derived.get(rule.question_id),
                                  wait_days=days if level == "defer" else None))
        # sorted() is stable: reasons of equal severity keep the order of the questionnaire.
        reasons.sort(key=lambda r: severity(r.level), reverse=True)
        verdicts[procedure] = Verdict(most_severe(r.level for r in reasons), tuple(reasons))
    return verdicts


def verdict_to_dict(verdict: Verdict) -> dict[str, Any]:
    """A JSON-able copy of a verdict, for storing with the consultation."""
    reasons = [
        {"question_id": r.question_id, "answer": r.answer, "level": r.level, "text": r.text,
         "wait": r.wait, "wait_days": r.wait_days, "evidence": r.evidence, "level_note": r.level_note,
         "derived": r.derived}
        for r in verdict.reasons
    ]
    return {"level": verdict.level, "reasons": reasons}


def snapshot(
    answers: Mapping[str, str | None],
    rules: ScreeningRules | None = None,
    details: Mapping[str, str] | None = None,
    derived: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Everything asked and answered today, as a JSON-able dict independent of the rules file.

    Holds the rules id and version, each question's id, section and text exactly as shown, its
    answer (after the follow-up rule of ``effective_answers``), whether it was asked, the detail
    written for it, where the answer came from when the examination gave it (``derived``), and the
    verdicts reached. A later edit of the screening file changes none of it.
    """
    rules = rules or load_rules()
    derived = dict(derived or {})
    effective = effective_answers(answers, rules)
    details = dict(details or {})
    unknown = [qid for qid in details if qid not in effective]
    if unknown:
        raise ValidationError({qid: "detail given for a question this screening does not have" for qid in unknown})
    questions = []
    for q in rules.questions:
        given = answers.get(q.id) or "unknown"
        detail = details.get(q.id)
        questions.append(
            {
                "id": q.id,
                "section": q.section,
                "text": q.text,
                "detail_prompt": q.detail,
                "answer": effective[q.id],
                "asked": not (q.follows is not None and given == "unknown" and effective[q.id] == "no"),
                "detail": detail.strip() if isinstance(detail, str) and detail.strip() else None,
                "derived_from": derived.get(q.id),
            }
        )
    return {
        "rules_id": rules.id,
        "rules_version": rules.version,
        "questions": questions,
        "verdicts": {p: verdict_to_dict(v) for p, v in screen(answers, rules, derived).items()},
    }


def upgrade_snapshot(stored: Mapping[str, Any]) -> dict[str, Any]:
    """A stored snapshot in today's shape, whatever version of the app stored it.

    Snapshots stored before evidence grades carry ``verified`` on each reason: it becomes
    ``evidence`` (see ``evidence_from_verified``). Keys added since (``level_note``, ``derived``,
    ``derived_from``) are filled with None. The stored record itself is never rewritten.
    """
    out = copy.deepcopy(dict(stored or {}))
    for verdict in (out.get("verdicts") or {}).values():
        for reason in verdict.get("reasons") or []:
            if "evidence" not in reason:
                reason["evidence"] = evidence_from_verified(reason.get("verified"))
            reason.pop("verified", None)
            reason.setdefault("level_note", None)
            reason.setdefault("derived", None)
            reason.setdefault("wait_days", None)
    for question in out.get("questions") or []:
        question.setdefault("derived_from", None)
    return out


def answers_from_snapshot(stored: Mapping[str, Any]) -> dict[str, str]:
    """The answers held in a stored snapshot, e.g. to start an amendment from them."""
    return {q["id"]: q["answer"] for q in stored.get("questions", [])}


def rule_for(rules: ScreeningRules, procedure: str, question_id: str) -> Rule:
    """The rule of one question for one procedure; KeyError when the content has none."""
    for rule in rules.rules_for(procedure):
        if rule.question_id == question_id:
            return rule
    raise KeyError((procedure, question_id))


def reason_text(rules: ScreeningRules, procedure: str, question_id: str, answer: str) -> str:
    """The reason a screening answer gives for a procedure, in the screening content's words
    (what ``screen`` puts in each ``Reason``)."""
    rule = rule_for(rules, procedure, question_id)
    if answer == "unknown":
        return _unknown_text(rules.question(question_id), rule, rules)
    return _yes_text(rule)
