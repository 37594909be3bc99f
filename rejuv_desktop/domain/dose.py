"""Local anaesthetic dose: milligrams given, per kilogram, against the maximum for the patient.

The limits (mg/kg, absolute cap, warning threshold) are clinic content in the protocol file, not
constants here, because they differ between product labels and countries.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Iterable

from rejuv_desktop.domain.protocols import DoseLimit
from rejuv_desktop.errors import ValidationError

MG_PER_ML_PER_PERCENT = 10.0
"""A 1% solution holds 1 g per 100 ml, that is 10 mg per ml."""

STATUSES = ("ok", "warning", "over")

# Plausibility bounds: outside them the input is a typo, not a patient, and the arithmetic would
# stop meaning anything (a 1e-300 kg patient gives an infinite mg/kg).
MAX_WEIGHT_KG = 500.0
MIN_WEIGHT_KG = 1.0
MAX_VOLUME_ML = 10_000.0
_TOLERANCE = 1e-9  # 392 mg of a 490 mg maximum is 80 %, whatever the last bit of the float says


@dataclass(frozen=True)
class DoseCheck:
    """The result of checking one dose against its limit."""

    agent: str
    concentration_percent: float
    volume_ml: float
    weight_kg: float
    mg: float
    mg_per_kg: float
    max_mg: float
    """min(mg/kg limit x weight, cap)."""
    max_ml: float
    """The volume at this concentration that reaches ``max_mg``."""
    fraction_of_max: float
    status: str
    """``ok``, ``warning`` (from the warning threshold, 80 % by default) or ``over``."""
    message: str
    """A sentence for the practitioner."""
    verified: bool
    """False when the limit used is not confirmed by a primary source."""


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


MIN_CONCENTRATION = 0.01


def lidocaine_dose(
    concentration_percent: float,
    volume_ml: float,
    weight_kg: float,
    with_epinephrine: bool,
    limits: DoseLimit | Iterable[DoseLimit] | Any,
) -> DoseCheck:
    """Check a lidocaine dose against the maximum for the patient's weight.

    ``limits`` is a DoseLimit, a list of them, or a Protocol; the one matching
    ``with_epinephrine`` is used. Bad input (weight not above 0, a negative volume, NaN,
    implausible values) raises ValidationError naming the argument.
    """
    errors: dict[str, str] = {}
    concentration = _number(concentration_percent, "concentration_percent", errors)
    volume = _number(volume_ml, "volume_ml", errors)
    weight = _number(weight_kg, "weight_kg", errors)
    # A concentration below 0.01 % is no anaesthetic solution (and would make volumes infinite).
    if concentration is not None and not MIN_CONCENTRATION <= concentration <= 100:
        errors["concentration_percent"] = "Must be between 0.01% and 100%"
    if volume is not None and not 0 <= volume <= MAX_VOLUME_ML:
        errors["volume_ml"] = f"Must be between 0 and {_fmt(MAX_VOLUME_ML)} ml"
    if weight is not None and not MIN_WEIGHT_KG <= weight <= MAX_WEIGHT_KG:
        errors["weight_kg"] = f"Must be between {_fmt(MIN_WEIGHT_KG)} and {_fmt(MAX_WEIGHT_KG)} kg"
    if errors:
        raise ValidationError(errors)
    assert concentration is not None and volume is not None and weight is not None
    limit = _pick_limit(limits, bool(with_epinephrine))

    mg = concentration * MG_PER_ML_PER_PERCENT * volume
    mg_per_kg = mg / weight
    max_mg = min(limit.mg_per_kg * weight, limit.max_mg)
    max_ml = max_mg / (concentration * MG_PER_ML_PER_PERCENT)
    fraction = mg / max_mg
    if mg > max_mg * (1 + _TOLERANCE):
        status = "over"
    elif fraction >= limit.warn_fraction - _TOLERANCE:
        status = "warning"
    else:
        status = "ok"
    return DoseCheck(
        agent=limit.label, concentration_percent=concentration, volume_ml=volume, weight_kg=weight,
        mg=mg, mg_per_kg=mg_per_kg, max_mg=max_mg, max_ml=max_ml, fraction_of_max=fraction,
        status=status, message=_message(limit, status, concentration, weight, mg, mg_per_kg, max_mg,
                                        max_ml, fraction),
        verified=limit.verified,
    )


def _message(limit: DoseLimit, status: str, concentration: float, weight: float, mg: float,
             mg_per_kg: float, max_mg: float, max_ml: float, fraction: float) -> str:
    given = f"{_fmt(mg)} mg of {limit.label} ({_fmt(mg_per_kg, 2)} mg/kg)"
    ceiling = (f"the {_fmt(max_mg)} mg maximum for {_fmt(weight)} kg "
               f"(limit {_fmt(limit.mg_per_kg, 2)} mg/kg, capped at {_fmt(limit.max_mg)} mg)")
    at_most = f"at {_fmt(concentration, 2)}% the maximum is {_fmt(max_ml)} ml in all"
    # Floor, so 79.6 % never reads as "80 %" next to a status that is still ok.
    percent = math.floor(fraction * 100 + _TOLERANCE)
    if status == "over":
        text = f"{given} is over {ceiling}. Do not give more: {at_most}."
    elif status == "warning":
        text = f"{given} is {percent}% of {ceiling}. Close to the limit: {at_most}."
    else:
        text = f"{given} is {percent}% of {ceiling}."
    if not limit.verified:
        text += " This limit is not verified: check it against the product information."
    return text
