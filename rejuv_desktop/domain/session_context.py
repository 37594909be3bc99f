"""What the consultation hands on to the day of the procedure.

Pure functions over the consultation's screening answers: the reasons that lower this patient's
maximum anaesthetic dose, the cautions accepted with a justification that become items of the
session's checklist, and whether the weight on record is still fit for a dose limit.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Mapping

from rejuv_desktop.domain.dose import DoseReduction
from rejuv_desktop.domain.protocols import Item, Protocol
from rejuv_desktop.domain.screening import ScreeningRules, effective_answers
from rejuv_desktop.errors import ValidationError

CAUTION_PREFIX = "caution_"


def dose_reduction(protocol: Protocol, answers: Mapping[str, str | None],
                   rules: ScreeningRules) -> DoseReduction | None:
    """Why the maximum dose is lowered for this patient, or None.

    A "yes" lowers it; so does an answer that is not known (never answered, or "unknown"),
    because an unknown answer must never pass as "no".
    """
    rule = protocol.dose_reduction
    if rule is None:
        return None
    statements = {q.id: q.statement for q in rules.questions}
    reasons = []
    for qid in rule.questions:
        answer = answers.get(qid) or "unknown"
        statement = statements.get(qid, qid.replace("_", " "))
        if answer == "yes":
            reasons.append(statement)
        elif answer != "no":
            reasons.append(f"not known whether {statement}")
    if not reasons:
        return None
    return DoseReduction(rule.fraction, tuple(reasons), rule.source)


CAUTION_WORDS = {
    "caution": "Caution from the consultation ({statement}): the plan agreed is followed today",
    "unknown": "Not known at the consultation whether {statement}: confirmed \"no\" today",
    "justification": "Justification recorded at the consultation: {text}",
}
"""The words of the items a caution becomes, in English (another language's are in its
protocol words file, ``[caution_items]``)."""


def caution_items(protocol: Protocol, procedure: str, answers: Mapping[str, str | None],
                  justification: str, rules: ScreeningRules,
                  words: Mapping[str, str] = CAUTION_WORDS) -> tuple[Item, ...]:
    """One item to tick for each caution the consultation accepted with a justification.

    The clinic's wording per question comes from the protocol (``caution_checks``); any other
    caution gets an item naming it. Without a justification nothing was accepted, so nothing is
    carried over (the consultation could not have planned the procedure).
    """
    if protocol.caution_step is None or not justification.strip():
        return ()
    texts = {c.question: c.text for c in protocol.caution_checks}
    questions = {q.id: q for q in rules.questions}
    try:
        effective = effective_answers(answers, rules)
    except ValidationError:
        effective = {q.id: answers.get(q.id) or "unknown" for q in rules.questions}
    out = []
    for rule in rules.rules:
        if rule.procedure != procedure:
            continue
        answer = effective.get(rule.question_id, "unknown")
        q = questions.get(rule.question_id)
        statement = q.statement if q else rule.question_id
        if answer == "yes" and rule.level == "caution":
            text = texts.get(rule.question_id) or words["caution"].format(statement=statement)
        elif answer not in ("yes", "no"):
            # An unknown answer made the verdict a caution: it is confirmed before treatment.
            text = words["unknown"].format(statement=statement)
        else:
            continue
        out.append(Item(id=f"{CAUTION_PREFIX}{rule.question_id}", text=text,
                        help=rule.reason + "\n" + words["justification"].format(
                            text=justification.strip())))
    return tuple(out)


def with_items(protocol: Protocol, items: tuple[Item, ...]) -> Protocol:
    """The protocol with the caution items added to its caution step (unchanged if none)."""
    if not items or protocol.caution_step is None:
        return protocol
    steps = tuple(replace(s, items=s.items + items) if s.id == protocol.caution_step else s
                  for s in protocol.steps)
    return replace(protocol, steps=steps)


def weight_is_stale(weighed_on: date | None, today: date, max_age_days: int) -> bool:
    """True when the weight on record is older than the clinic allows for a dose limit."""
    return weighed_on is None or (today - weighed_on).days > max_age_days


def weight_change(before: float | None, after: float) -> float | None:
    """The relative change from the consultation's weight (0.15 = 15 %), or None without one."""
    if before is None or before <= 0:
        return None
    return abs(after - before) / before
