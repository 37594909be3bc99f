"""Evaluating a procedure session in progress against its protocol.

Pure functions over a plain record of what was done (``SessionState``): which steps may start,
what required items and fields are still open, and the checks across fields (volumes that must add
up, the anaesthetic dose, expired products). Nothing here stores or timestamps anything; the
service that records the session builds the state and acts on the answers.

Keys (see ``protocols``): a checklist item is ``"<step>.<item>"``; a field value is
``"<step>.<field>"``, or ``"<step>.<field>.<instance>"`` when repeated, where the instance is
``left``/``right`` for ``repeat = "sides"`` and a row number (1, 2, ...) for ``repeat = "list"``,
e.g. ``"injection.volume_ml.left"`` or ``"products.expiry.2"``. Time-out confirmations are keyed
by the time-out item id alone (``"allergies"``).
"""

from __future__ import annotations

from dataclasses import dataclass, field as dc_field
from datetime import date, datetime
from typing import Any, Mapping

from rejuv_desktop.domain import text as dt
from rejuv_desktop.domain.dose import DoseCheck, lidocaine_dose
from rejuv_desktop.domain.protocols import (
    SIDES,
    TIME_OUT,
    Check,
    Field,
    Protocol,
    Step,
    format_number,
    as_date,
    is_empty,
)
from rejuv_desktop.errors import ValidationError
from rejuv_desktop.domain.dates import format_day

DASH = " \u2014 "
_TOLERANCE = 1e-9  # volumes are decimals typed by a person: 20.1 + 19.9 must not exceed 40


@dataclass(frozen=True)
class SessionState:
    """What has been done so far in one session, as recorded."""

    session_date: date
    consent_signed: bool = False
    weight_kg: float | None = None
    sides: tuple[str, ...] = SIDES
    """The hands treated in this session; per-hand fields are required for these only."""
    completed_steps: frozenset[str] = frozenset()
    completed_items: Mapping[str, tuple[str, datetime]] = dc_field(default_factory=dict)
    """``"<step>.<item>"`` -> (who ticked it, when)."""
    time_out: Mapping[str, tuple[str, datetime]] = dc_field(default_factory=dict)
    """Time-out item id -> (who confirmed it, when)."""
    field_values: Mapping[str, Any] = dc_field(default_factory=dict)
    deviations: Mapping[str, str] = dc_field(default_factory=dict)
    """Key of a required item or field deliberately left open -> the reason recorded for it.
    A deviation never waives a gate, the time-out, or a failed check."""

    def __post_init__(self) -> None:
        if not self.sides or any(s not in SIDES for s in self.sides):
            raise ValueError(f"sides must be one or both of {SIDES}, not {self.sides!r}")


@dataclass(frozen=True)
class Problem:
    """A value or combination of values that is wrong (``error``) or needs attention (``warning``)."""

    key: str
    message: str
    severity: str  # "error" or "warning"


def can_start(step: Step, state: SessionState) -> list[str]:
    """Why the step cannot start yet, one sentence per unmet gate; empty when it can start."""
    reasons: list[str] = []
    for gate in step.requires:
        if gate.kind == "consent":
            if not state.consent_signed:
                reasons.append("Consent is not signed")
        elif gate.kind == "time_out":
            missing = [_lower_first(i.text) for i in gate.items if i.id not in state.time_out]
            if missing:
                reasons.append(f"{gate.title} is not complete: {_join(missing)} not confirmed")
        elif gate.id not in state.completed_steps:
            reasons.append(f"{gate.title} is not completed")
    return list(dict.fromkeys(reasons))


def validate_field(field: Field, value: Any, state: SessionState) -> str | None:
    """A message for a person when the value is wrong for this field in this session, else None."""
    message = field.validate(value)
    if message or is_empty(value):
        return message
    if isinstance(value, str):
        message = dt.length_problem(value, dt.NOTE_LIMIT) or dt.text_problem(
            value, multiline=True, strict=False)
        if message:
            return message
    if field.not_before == "session_date":
        day = as_date(value)
        if day is not None and day < state.session_date:
            return (f"Expired on {format_day(day)}, before the session date "
                    f"{format_day(state.session_date)}: this product cannot be used")
    return None


def rows(step: Step, state: SessionState) -> list[int]:
    """Row numbers present for the step's ``repeat = "list"`` fields, in order."""
    found: set[int] = set()
    prefixes = [f"{f.ref}." for f in step.fields if f.repeat == "list"]
    for key, value in state.field_values.items():
        for prefix in prefixes:
            tail = key[len(prefix):]
            if key.startswith(prefix) and tail.isdigit() and int(tail) > 0 and not is_empty(value):
                found.add(int(tail))
    return sorted(found)


def instances(field: Field, step: Step, state: SessionState) -> list[str | int | None]:
    """The instances of a field that this session records (the treated hands, the rows present)."""
    if field.repeat is None:
        return [None]
    if field.repeat == "sides":
        return [s for s in SIDES if s in state.sides]
    if field.repeat == "list":
        return list(rows(step, state))
    return list(field.repeat)


def _required_now(field: Field, step: Step, state: SessionState) -> bool:
    if field.required:
        return True
    if field.required_when is None:
        return False
    other_id, wanted = field.required_when
    value = state.field_values.get(step.field(other_id).key())
    if isinstance(value, (list, tuple, set, frozenset)):
        return wanted in value
    return value == wanted and type(value) is type(wanted)


def _open(protocol: Protocol, state: SessionState) -> list[tuple[str, str]]:
    """(key, "Step — item") for every required item or field not done, deviations included."""
    found: list[tuple[str, str]] = []
    for step in protocol.steps:
        for item in step.items:
            if not item.required:
                continue
            if step.id == TIME_OUT:
                if item.id not in state.time_out:
                    found.append((f"{TIME_OUT}.{item.id}", f"{step.title}{DASH}{item.text}"))
            elif f"{step.id}.{item.id}" not in state.completed_items:
                found.append((f"{step.id}.{item.id}", f"{step.title}{DASH}{item.text}"))
        listed = [f for f in step.fields if f.repeat == "list"]
        if any(f.required for f in listed) and not rows(step, state):
            found.append((step.id, f"{step.title}{DASH}at least one entry"))
        for f in step.fields:
            if not _required_now(f, step, state):
                continue
            for instance in instances(f, step, state):
                if is_empty(state.field_values.get(f.key(instance))):
                    found.append((f.key(instance), f"{step.title}{DASH}{f.label}{_which(f, instance)}"))
    return found


def open_required(protocol: Protocol, state: SessionState) -> list[str]:
    """Each required item or field still open, named ``"Step — item"``, in protocol order.

    Items and fields with a recorded deviation are left out; time-out confirmations never are.
    """
    return [text for key, text in _open(protocol, state)
            if key.startswith(f"{TIME_OUT}.") or is_empty(state.deviations.get(key))]


def problems(protocol: Protocol, state: SessionState) -> list[Problem]:
    """Every wrong value (range, type, expired product) and every failed check across fields."""
    found: list[Problem] = []
    invalid: set[str] = set()
    for step in protocol.steps:
        for f in step.fields:
            for instance in _present(f, step, state):
                key = f.key(instance)
                value = state.field_values.get(key)
                message = validate_field(f, value, state)
                if f.repeat == "sides" and instance not in state.sides and not is_empty(value):
                    message = f"recorded, but the {instance} hand is not treated in this session"
                if message:
                    invalid.add(f.ref)
                    found.append(Problem(key, f"{step.title}{DASH}{f.label}{_which(f, instance)}: "
                                              f"{message}", "error"))
    for check in protocol.checks:
        if check.kind == "sum_at_most":
            problem = _sum_problem(protocol, check, state, invalid)
        else:
            problem = _dose_problem(protocol, check, state, invalid)
        if problem is not None:
            found.append(problem)
    return found


def finish_blockers(protocol: Protocol, state: SessionState) -> list[str]:
    """Everything that stops the session being signed off: open required entries, then errors."""
    return open_required(protocol, state) + [p.message for p in problems(protocol, state)
                                             if p.severity == "error"]


def anaesthetic_dose(protocol: Protocol, state: SessionState) -> DoseCheck | None:
    """The anaesthetic dose check for the values recorded so far; None until it can be computed."""
    for check in protocol.checks:
        if check.kind != "lidocaine_dose" or state.weight_kg is None:
            continue
        inputs = _dose_inputs(protocol, check, state)
        if inputs is None:
            continue
        try:
            return lidocaine_dose(inputs[1], inputs[2], state.weight_kg, inputs[0].with_epinephrine,
                                  inputs[0])
        except ValidationError:
            return None
    return None


# --- helpers ----------------------------------------------------------------------------------

def _sum_problem(protocol: Protocol, check: Check, state: SessionState,
                 invalid: set[str]) -> Problem | None:
    refs = list(check.sum) + [check.limit or ""]
    if any(r in invalid for r in refs):
        return None  # the bad value itself is already reported
    limit_field = protocol.field(check.limit or "")
    limit = state.field_values.get(limit_field.key())
    values = []
    for ref in check.sum:
        f = protocol.field(ref)
        step = protocol.step(f.step_id)
        values += [state.field_values.get(f.key(i)) for i in _present(f, step, state)]
    values = [v for v in values if not is_empty(v)]
    if is_empty(limit) or not values:
        return None
    total = sum(values)
    if total <= limit + _TOLERANCE:
        return None
    text = check.message.format(total=format_number(total), limit=format_number(limit),
                                unit=limit_field.unit)
    return Problem(check.id, text, "error")


def _dose_inputs(protocol: Protocol, check: Check, state: SessionState):
    values = [state.field_values.get(protocol.field(ref).key())
              for ref in (check.agent or "", check.concentration or "", check.volume or "")]
    if any(is_empty(v) for v in values):
        return None
    try:
        limit = protocol.dose_limit(values[0])
    except KeyError:
        return None
    return limit, values[1], values[2]


def _dose_problem(protocol: Protocol, check: Check, state: SessionState,
                  invalid: set[str]) -> Problem | None:
    refs = (check.agent, check.concentration, check.volume)
    if any(r in invalid for r in refs):
        return None
    inputs = _dose_inputs(protocol, check, state)
    if inputs is None:
        return None
    if state.weight_kg is None:
        return Problem(check.id, "The patient's weight is not recorded, so the anaesthetic dose "
                                 "cannot be checked against its maximum", "error")
    try:
        result = lidocaine_dose(inputs[1], inputs[2], state.weight_kg, inputs[0].with_epinephrine,
                                inputs[0])
    except ValidationError as exc:
        return Problem(check.id, f"The anaesthetic dose cannot be checked: {exc.message}", "error")
    if result.status == "ok":
        return None
    return Problem(check.id, result.message, "error" if result.status == "over" else "warning")


def _present(f: Field, step: Step, state: SessionState) -> list[str | int | None]:
    """All instances with a value, treated hand or not: a volume is a volume wherever it went."""
    if f.repeat == "sides":
        return list(SIDES)
    return instances(f, step, state)


def _which(f: Field, instance: str | int | None) -> str:
    if instance is None:
        return ""
    if f.repeat == "sides":
        return f" ({instance} hand)"
    if f.repeat == "list":
        return f" (entry {instance})"
    return f" ({instance})"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
