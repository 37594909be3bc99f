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
from rejuv_desktop.domain.dose import (DoseCheck, DoseLine, DoseReduction, max_volume_ml,
                                      total_dose)
from rejuv_desktop.domain.protocols import (
    SIDES,
    TIME_OUT,
    WAITS_FOR_APP,
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
    dose_reduction: DoseReduction | None = None
    """Why this patient's anaesthetic maximum is lowered (from the consultation's screening)."""

    def __post_init__(self) -> None:
        if not self.sides or any(s not in SIDES for s in self.sides):
            raise ValueError(f"sides must be one or both of {SIDES}, not {self.sides!r}")


@dataclass(frozen=True)
class Problem:
    """A value or combination of values that is wrong (``error``) or needs attention (``warning``)."""

    key: str
    message: str
    severity: str  # "error" or "warning"


def upgrade_values(protocol: Protocol, values: Mapping[str, Any]) -> dict[str, Any]:
    """Values recorded under an older version of the protocol, read by this one.

    Protocol 1.0 of fat transfer recorded one anaesthetic as single values
    (``anaesthesia.volume_ml``); it is now a list of rows. A value stored under the bare
    reference of a field that is now in rows is row 1, unless row 1 was recorded too.
    """
    out = dict(values)
    for f in protocol.all_fields():
        if f.repeat == "list" and f.ref in out:
            value = out.pop(f.ref)
            out.setdefault(f"{f.ref}.1", value)
    return out


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
            # An item the app satisfies itself (visits booked, aftercare issued) never waits.
            if not item.required or (item.by_app and item.by_app not in WAITS_FOR_APP):
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
                elif f.stop_when is not None and value == f.stop_when \
                        and type(value) is type(f.stop_when):
                    found.append(Problem(key, f"Stop: {f.stop_reason}", "error"))
    for check in protocol.checks:
        if check.kind == "sum_at_most":
            problem = _sum_problem(protocol, check, state, invalid)
        elif check.kind == "reason_above":
            problem = _reason_problem(protocol, check, state, invalid)
        else:
            problem = _dose_problem(protocol, check, state, invalid)
        if problem is not None:
            found.append(problem)
    return found


def stop_reasons(protocol: Protocol, state: SessionState) -> list[str]:
    """Each answer given today that stops the session (a "yes" to pregnancy asked again)."""
    out = []
    for f in protocol.all_fields():
        if f.stop_when is None or f.repeat is not None:
            continue
        value = state.field_values.get(f.key())
        if value == f.stop_when and type(value) is type(f.stop_when):
            out.append(f.stop_reason)
    return out


def finish_blockers(protocol: Protocol, state: SessionState) -> list[str]:
    """Everything that stops the session being signed off: open required entries, then errors."""
    return open_required(protocol, state) + [p.message for p in problems(protocol, state)
                                             if p.severity == "error"]


def anaesthetic_dose(protocol: Protocol, state: SessionState) -> DoseCheck | None:
    """The anaesthetic dose check over every entry recorded so far; None until it can be
    computed (no weight, no complete entry)."""
    for check in protocol.checks:
        if check.kind != "lidocaine_dose" or state.weight_kg is None:
            continue
        lines = dose_lines(protocol, check, state)
        if not lines:
            continue
        try:
            return total_dose(lines, state.weight_kg, state.dose_reduction)
        except ValidationError:
            return None
    return None


@dataclass(frozen=True)
class VolumeAdvice:
    """How much of one entry's solution may be drawn up, before it is: from today's weight."""

    row: int | None
    total_ml: float
    """The maximum volume of this solution alone."""
    remaining_ml: float
    """What is still allowed after the other entries recorded."""
    concentration_percent: float
    agent: str


def volume_advice(protocol: Protocol, state: SessionState) -> list[VolumeAdvice]:
    """For each anaesthetic entry with its agent and concentration chosen, the volume allowed.

    The other entries' milligrams count against the maximum; with agents mixed, the stricter
    limit applies. Empty without a weight.
    """
    out: list[VolumeAdvice] = []
    for check in protocol.checks:
        if check.kind != "lidocaine_dose" or state.weight_kg is None:
            continue
        agent_f, conc_f, vol_f = (protocol.field(r or "") for r in
                                  (check.agent, check.concentration, check.volume))
        step = protocol.step(agent_f.step_id)
        numbers = list(rows(step, state)) if agent_f.repeat == "list" else [None]
        lines = {n: line for n, line in _dose_line_items(protocol, check, state)}
        for n in numbers:
            agent = state.field_values.get(agent_f.key(n))
            concentration = state.field_values.get(conc_f.key(n))
            try:
                limit = protocol.dose_limit(agent)
            except (KeyError, TypeError):
                continue
            others = [line for m, line in lines.items() if m != n]
            used = list(dict.fromkeys([x.limit for x in others] + [limit]))
            try:
                total, remaining = max_volume_ml(used, concentration, state.weight_kg,
                                                 state.dose_reduction,
                                                 sum(x.mg for x in others))
            except ValidationError:
                continue
            out.append(VolumeAdvice(n, total, remaining, concentration, limit.label))
    return out


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


def _dose_line_items(protocol: Protocol, check: Check, state: SessionState):
    """(row, DoseLine) for every complete anaesthetic entry (row None when not in rows)."""
    agent_f, conc_f, vol_f = (protocol.field(r or "") for r in
                              (check.agent, check.concentration, check.volume))
    site_f = protocol.field(check.site) if check.site else None
    step = protocol.step(agent_f.step_id)
    numbers = list(rows(step, state)) if agent_f.repeat == "list" else [None]
    out = []
    for n in numbers:
        values = [state.field_values.get(f.key(n)) for f in (agent_f, conc_f, vol_f)]
        if any(is_empty(v) for v in values):
            continue
        try:
            limit = protocol.dose_limit(values[0])
        except (KeyError, TypeError):
            continue
        where = state.field_values.get(site_f.key(n)) if site_f else None
        out.append((n, DoseLine(limit, values[1], values[2], where or "")))
    return out


def dose_lines(protocol: Protocol, check: Check, state: SessionState) -> list[DoseLine]:
    return [line for _n, line in _dose_line_items(protocol, check, state)]


def _dose_problem(protocol: Protocol, check: Check, state: SessionState,
                  invalid: set[str]) -> Problem | None:
    refs = (check.agent, check.concentration, check.volume)
    if any(r in invalid for r in refs):
        return None
    lines = dose_lines(protocol, check, state)
    if not lines:
        return None
    if state.weight_kg is None:
        return Problem(check.id, "The patient's weight is not recorded, so the anaesthetic dose "
                                 "cannot be checked against its maximum", "error")
    try:
        result = total_dose(lines, state.weight_kg, state.dose_reduction)
    except ValidationError as exc:
        return Problem(check.id, f"The anaesthetic dose cannot be checked: {exc.message}", "error")
    if result.status == "ok":
        return None
    return Problem(check.id, result.message, "error" if result.status == "over" else "warning")


def _reason_problem(protocol: Protocol, check: Check, state: SessionState,
                    invalid: set[str]) -> Problem | None:
    if check.field in invalid:
        return None
    value = state.field_values.get(protocol.field(check.field or "").key())
    reason = state.field_values.get(protocol.field(check.reason or "").key())
    if is_empty(value) or check.above is None or value <= check.above + _TOLERANCE \
            or not is_empty(reason):
        return None
    return Problem(check.id, check.message.format(value=format_number(value),
                                                  above=format_number(check.above)), "error")


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
