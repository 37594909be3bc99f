"""Local anaesthetic dose: milligrams given, per kilogram, against the maximum for the patient.

The limits (mg/kg, absolute cap, warning threshold) are clinic content in the protocol file, not
constants here, because they differ between product labels and countries.

A session may give anaesthetic more than once (hand blocks, entry points, the donor site's
dilute tumescent solution): ``total_dose`` adds the milligrams of every entry and compares the sum
with one maximum. When agents with different limits are mixed (plain lidocaine and lidocaine
with epinephrine), the stricter maximum applies to the whole sum. A patient with a risk that
lowers the safe dose (interacting medicines, liver disease, ...) has the maximum cut by a
content-set fraction, and the check says why.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from rejuv_desktop.domain.protocols import DoseLimit
from rejuv_desktop.errors import ValidationError

MG_PER_ML_PER_PERCENT = 10.0
"""A 1% solution holds 1 g per 100 ml, that is 10 mg per ml."""

STATUSES = ("ok", "warning", "over")

# One allowed range for a patient's weight, used by the consultation, the session and the dose
# check alike: outside it the figure is a typo, not an adult patient of this clinic.
MIN_WEIGHT_KG = 30.0
MAX_WEIGHT_KG = 250.0
MAX_VOLUME_ML = 10_000.0
MIN_CONCENTRATION = 0.01
"""Below 0.01 % a solution is no anaesthetic (and volumes would become infinite). Dilute tumescent
solution is about 0.05-0.1 %, so it is well inside the range."""
_TOLERANCE = 1e-9  # 392 mg of a 490 mg maximum is 80 %, whatever the last bit of the float says


@dataclass(frozen=True)
class DoseLine:
    """One anaesthetic given: where, which agent (its limit), how strong and how much."""

    limit: DoseLimit
    concentration_percent: float
    volume_ml: float
    where: str = ""

    @property
    def mg(self) -> float:
        return self.concentration_percent * MG_PER_ML_PER_PERCENT * self.volume_ml


@dataclass(frozen=True)
class DoseReduction:
    """Why the safe maximum is lowered for this patient, and by what fraction (0.4 = 40 %)."""

    fraction: float
    reasons: tuple[str, ...]
    source: str = ""


@dataclass(frozen=True)
class DoseCheck:
    """The result of checking the anaesthetic given against the patient's maximum."""

    agent: str
    """The agent(s) given, as the protocol names them."""
    concentration_percent: float
    """The concentration of the last entry (the one whose volume ``max_ml`` is worked out for)."""
    volume_ml: float
    """Total volume of every entry."""
    weight_kg: float
    mg: float
    mg_per_kg: float
    max_mg: float
    """min(mg/kg limit x weight, cap), the stricter one when agents are mixed, then reduced."""
    max_ml: float
    """The total volume at ``concentration_percent`` that reaches ``max_mg``."""
    fraction_of_max: float
    status: str
    """``ok``, ``warning`` (from the warning threshold, 80 % by default) or ``over``."""
    message: str
    """A sentence for the practitioner."""
    verified: bool
    """False when a limit used is not confirmed by a primary source."""
    lines: tuple[DoseLine, ...] = ()
    limit: DoseLimit | None = None
    """The limit that applies to the sum (the stricter one when agents are mixed)."""
    mixed: bool = False
    """Agents with different limits were given: the stricter limit applies to the total."""
    unreduced_max_mg: float = 0.0
    reduction: DoseReduction | None = None

    @property
    def remaining_mg(self) -> float:
        return max(0.0, self.max_mg - self.mg)

    @property
    def percent(self) -> int:
        """The true share of the maximum, floored (143 % stays 143 %; 79.6 % is not 80 %)."""
        return math.floor(self.fraction_of_max * 100 + _TOLERANCE)


def _fmt(value: float, places: int = 1) -> str:
    text = f"{value:.{places}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _number(value: Any, name: str, errors: dict[str, str]) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        errors[name] = "Must be a number"
        return None
    try:
        number = float(value)
    except OverflowError:  # an int too large for a float is out of any range anyway
        number = math.inf
    if math.isnan(number):
        errors[name] = "Must be a number"
        return None
    return number


def _check_bool(value: Any) -> bool:
    # The string "no" is truthy: a text answer must never pass as "with epinephrine".
    if not isinstance(value, bool):
        raise ValidationError({"with_epinephrine": "Must be true or false (with or without "
                                                   "epinephrine)"})
    return value


def _pick_limit(limits: Any, with_epinephrine: bool) -> DoseLimit:
    if isinstance(limits, DoseLimit):
        candidates: Iterable[DoseLimit] = (limits,)
    else:
        candidates = getattr(limits, "dose_limits", limits)
    for limit in candidates:
        if limit.with_epinephrine == with_epinephrine:
            return limit
    kind = "with" if with_epinephrine else "without"
    raise ValidationError({"agent": f"No maximum dose is set for lidocaine {kind} epinephrine"})


def _weight(weight_kg: Any, errors: dict[str, str]) -> float | None:
    weight = _number(weight_kg, "weight_kg", errors)
    if weight is not None and not MIN_WEIGHT_KG <= weight <= MAX_WEIGHT_KG:
        errors["weight_kg"] = f"Must be between {_fmt(MIN_WEIGHT_KG)} and {_fmt(MAX_WEIGHT_KG)} kg"
    return weight


def _concentration(value: Any, name: str, errors: dict[str, str]) -> float | None:
    concentration = _number(value, name, errors)
    if concentration is not None and not MIN_CONCENTRATION <= concentration <= 100:
        errors[name] = "Must be between 0.01% and 100%"
    return concentration


def _reduction(reduction: DoseReduction | None) -> float:
    if reduction is None or not reduction.reasons:
        return 0.0
    fraction = reduction.fraction
    if isinstance(fraction, bool) or not isinstance(fraction, (int, float)) \
            or not 0 <= fraction < 1:
        raise ValidationError({"reduction": "The dose reduction must be a fraction from 0 to "
                                            "below 1"})
    return float(fraction)


def limit_max_mg(limit: DoseLimit, weight_kg: float) -> float:
    """The maximum for one agent: mg/kg x weight, never above its cap."""
    return min(limit.mg_per_kg * weight_kg, limit.max_mg)


def stricter_limit(limits: Sequence[DoseLimit], weight_kg: float) -> DoseLimit:
    """Of the agents given, the one with the lowest maximum for this weight (ties: the first)."""
    return min(limits, key=lambda x: (limit_max_mg(x, weight_kg), x.warn_fraction))


def max_volume_ml(limits: Sequence[DoseLimit], concentration_percent: float, weight_kg: float,
                  reduction: DoseReduction | None = None, given_mg: float = 0.0) -> tuple[float, float]:
    """(total, still allowed) volume in ml of a solution at this concentration, before it is
    drawn up: the maximum for the agents given so far plus this one, less what is given.

    ``limits`` are the limits of every agent used in the session, the new one included.
    """
    errors: dict[str, str] = {}
    concentration = _concentration(concentration_percent, "concentration_percent", errors)
    weight = _weight(weight_kg, errors)
    if errors:
        raise ValidationError(errors)
    if not limits:
        raise ValidationError({"agent": "Choose the anaesthetic"})
    assert concentration is not None and weight is not None
    limit = stricter_limit(limits, weight)
    max_mg = limit_max_mg(limit, weight) * (1 - _reduction(reduction))
    per_ml = concentration * MG_PER_ML_PER_PERCENT
    return max_mg / per_ml, max(0.0, max_mg - given_mg) / per_ml


def total_dose(lines: Sequence[DoseLine], weight_kg: float,
               reduction: DoseReduction | None = None) -> DoseCheck:
    """Check every anaesthetic given in a session, summed, against the patient's maximum.

    With agents of different limits, the stricter maximum applies to the sum (and the message
    says so). A reduction with reasons lowers the maximum by its fraction. Bad input raises
    ValidationError naming the argument (``line.<n>.<what>`` for an entry).
    """
    errors: dict[str, str] = {}
    weight = _weight(weight_kg, errors)
    if not lines:
        errors["lines"] = "No anaesthetic is recorded"
    for n, line in enumerate(lines, start=1):
        _concentration(line.concentration_percent, f"line.{n}.concentration_percent", errors)
        volume = _number(line.volume_ml, f"line.{n}.volume_ml", errors)
        if volume is not None and not 0 <= volume <= MAX_VOLUME_ML:
            errors[f"line.{n}.volume_ml"] = f"Must be between 0 and {_fmt(MAX_VOLUME_ML)} ml"
        if not isinstance(line.limit, DoseLimit):
            errors[f"line.{n}.agent"] = "Choose the anaesthetic"
    if errors:
        raise ValidationError(errors)
    fraction_cut = _reduction(reduction)
    assert weight is not None
    used = list(dict.fromkeys(line.limit for line in lines))
    limit = stricter_limit(used, weight)
    mixed = len({limit_max_mg(x, weight) for x in used}) > 1 or \
        len({x.with_epinephrine for x in used}) > 1
    unreduced = limit_max_mg(limit, weight)
    max_mg = unreduced * (1 - fraction_cut)
    mg = sum(line.mg for line in lines)
    volume = sum(line.volume_ml for line in lines)
    concentration = lines[-1].concentration_percent
    max_ml = max_mg / (concentration * MG_PER_ML_PER_PERCENT)
    fraction = mg / max_mg
    warn = min(x.warn_fraction for x in used)
    if mg > max_mg * (1 + _TOLERANCE):
        status = "over"
    elif fraction >= warn - _TOLERANCE:
        status = "warning"
    else:
        status = "ok"
    agents = " and ".join(dict.fromkeys(x.label for x in used))
    applied = reduction if fraction_cut else None
    check = DoseCheck(
        agent=agents, concentration_percent=concentration, volume_ml=volume, weight_kg=weight,
        mg=mg, mg_per_kg=mg / weight, max_mg=max_mg, max_ml=max_ml, fraction_of_max=fraction,
        status=status, message="", verified=all(x.verified for x in used), lines=tuple(lines),
        limit=limit, mixed=mixed, unreduced_max_mg=unreduced, reduction=applied)
    return _with_message(check)


def lidocaine_dose(
    concentration_percent: float,
    volume_ml: float,
    weight_kg: float,
    with_epinephrine: bool,
    limits: DoseLimit | Iterable[DoseLimit] | Any,
    reduction: DoseReduction | None = None,
) -> DoseCheck:
    """Check one lidocaine dose against the maximum for the patient's weight.

    ``limits`` is a DoseLimit, a list of them, or a Protocol; the one matching
    ``with_epinephrine`` (a real bool: anything else is refused) is used. Bad input (weight
    outside the allowed range, a negative volume, NaN) raises ValidationError naming the argument.
    """
    errors: dict[str, str] = {}
    _concentration(concentration_percent, "concentration_percent", errors)
    volume = _number(volume_ml, "volume_ml", errors)
    if volume is not None and not 0 <= volume <= MAX_VOLUME_ML:
        errors["volume_ml"] = f"Must be between 0 and {_fmt(MAX_VOLUME_ML)} ml"
    _weight(weight_kg, errors)
    if errors:
        raise ValidationError(errors)
    limit = _pick_limit(limits, _check_bool(with_epinephrine))
    return total_dose([DoseLine(limit, concentration_percent, volume_ml)], weight_kg, reduction)


def _with_message(c: DoseCheck) -> DoseCheck:
    from dataclasses import replace

    limit = c.limit
    assert limit is not None
    given = f"{_fmt(c.mg)} mg of {c.agent} ({_fmt(c.mg_per_kg, 2)} mg/kg)"
    ceiling = (f"the {_fmt(c.max_mg)} mg maximum for {_fmt(c.weight_kg)} kg "
               f"(limit {_fmt(limit.mg_per_kg, 2)} mg/kg, capped at {_fmt(limit.max_mg)} mg")
    if c.reduction is not None:
        ceiling += f", lowered by {_fmt(c.reduction.fraction * 100)}%"
    ceiling += ")"
    at_most = f"at {_fmt(c.concentration_percent, 2)}% the maximum is {_fmt(c.max_ml)} ml in all"
    if c.status == "over":
        text = f"{given} is over {ceiling}. Do not give more: {at_most}."
    elif c.status == "warning":
        text = f"{given} is {c.percent}% of {ceiling}. Close to the limit: {at_most}."
    else:
        text = f"{given} is {c.percent}% of {ceiling}."
    if c.mixed:
        text += (f" Agents with different limits were given: the stricter limit, that of "
                 f"{limit.label}, applies to the total.")
    if c.reduction is not None:
        text += (f" The maximum is lowered by {_fmt(c.reduction.fraction * 100)}% because: "
                 f"{'; '.join(c.reduction.reasons)}.")
    if not c.verified:
        text += " A limit used is not verified: check it against the product information."
    return replace(c, message=text)
