"""Procedure protocols: steps, checklist items, recorded fields, gates, series and follow-ups.

A protocol is clinical content in ``resources/protocols/<procedure>.toml`` that a clinic may edit.
It is checked in full when loaded (``protocol_reader``), because a typo in a gate or a range would
otherwise surface in the middle of a procedure; every mistake raises ContentError naming the file
and the line.

Field keys: a recorded value is stored under ``"<step>.<field>"``, and a repeated field under
``"<step>.<field>.<instance>"``. The instance is the hand (``left`` or ``right``) for
``repeat = "sides"``, one of the listed names for ``repeat = ["a", "b"]``, or a 1-based row
number for ``repeat = "list"`` (all list fields of one step with the same row number form one row,
e.g. one product with its lot and expiry).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from rejuv_desktop.content import ContentFile, load_toml, resource_path
from rejuv_desktop.domain.procedures import is_procedure

FIELD_TYPES = ("number", "integer", "text", "choice", "date", "bool")
CONSENT_GATE = "consent_signed"
"""Gate met when the consent on the record is signed; it names no step."""
TIME_OUT = "time_out"
"""Id of the time-out step; every invasive step is gated on it, listed or not."""
SIDES = ("left", "right")
FOLLOW_UP_KINDS = ("next_session", "maintenance", "review")
APPLIES = ("each_session", "between_sessions", "after_series")
CHECK_KINDS = ("sum_at_most", "lidocaine_dose", "reason_above")
BY_APP = ("follow_ups", "aftercare", "photos")
WAITS_FOR_APP = ("photos",)
"""Items the app ticks that still hold up the end of a session until it has (the photographs
taken, or the patient's refusal recorded); the others are ticked by the app as the session
ends (visits booked) or after it (aftercare issued)."""


def format_number(value: float) -> str:
    """A number as a person writes it: 40, 0.5, 2.25 (at most three decimals)."""
    if not math.isfinite(value):
        return str(value)
    return f"{value:.3f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def with_unit(value: float, unit: str) -> str:
    """``40 ml``, ``17 G``, ``2%``: a value with its unit, for messages."""
    if not unit:
        return format_number(value)
    return f"{format_number(value)}{unit}" if unit == "%" else f"{format_number(value)} {unit}"


def as_date(value: Any) -> date | None:
    """A date from a ``date`` or an ISO ``YYYY-MM-DD`` string; None when it is neither."""
    if isinstance(value, date) and not hasattr(value, "hour"):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def is_empty(value: Any) -> bool:
    """True for a value that counts as not recorded (None, blank text, empty list)."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, tuple, set, frozenset)):
        return len(value) == 0
    return False


@dataclass(frozen=True)
class Item:
    """A checklist item the practitioner ticks (time-stamped, with who ticked it)."""

    id: str
    text: str
    required: bool = True
    help: str = ""
    by_app: str | None = None
    """``"follow_ups"`` or ``"aftercare"``: the app satisfies the item when it has booked the
    visits or issued the sheet, so the item never waits for a tick."""


@dataclass(frozen=True)
class Field:
    """A value recorded during a step, with its type, unit and allowed range."""

    step_id: str
    id: str
    label: str
    type: str
    unit: str = ""
    min: float | None = None
    max: float | None = None
    choices: tuple[str, ...] = ()
    multiple: bool = False
    required: bool = False
    required_when: tuple[str, Any] | None = None
    """(id of a field in the same step, value): the field is required only when that one has it."""
    repeat: str | tuple[str, ...] | None = None
    """None, ``"sides"`` (per hand), ``"list"`` (rows) or fixed instance names."""
    not_before: str | None = None
    """``"session_date"``: a date before the session date is refused (an expired product)."""
    help: str = ""
    verified: bool = True
    source: str = ""
    stop_when: Any = None
    """A value that stops the session today (a "yes" to pregnancy asked again)."""
    stop_reason: str = ""

    @property
    def ref(self) -> str:
        """``"<step>.<field>"``, how checks and messages name this field."""
        return f"{self.step_id}.{self.id}"

    def key(self, instance: str | int | None = None) -> str:
        """The key a value is stored under; repeated fields need their instance."""
        if self.repeat is None:
            if instance is not None:
                raise ValueError(f"{self.ref} is not repeated")
            return self.ref
        if instance is None:
            raise ValueError(f"{self.ref} is repeated: give the hand, name or row number")
        return f"{self.ref}.{instance}"

    def range_text(self) -> str:
        """The allowed range as a sentence fragment, e.g. ``between 0 and 40 ml``."""
        if self.min is not None and self.max is not None:
            return f"between {format_number(self.min)} and {with_unit(self.max, self.unit)}"
        if self.min is not None:
            return f"at least {with_unit(self.min, self.unit)}"
        if self.max is not None:
            return f"at most {with_unit(self.max, self.unit)}"
        return ""

    def validate(self, value: Any) -> str | None:
        """A message for a person when the value's form or range is wrong, else None.

        An empty value is not an error here: whether it is needed depends on the session (the
        hands treated, other answers), so ``checklist.open_required`` reports what is missing.
        """
        if is_empty(value):
            return None
        kind = self.type
        if kind in ("number", "integer"):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                return "Must be a number"
            if isinstance(value, float) and not math.isfinite(value):
                return "Must be a number"
            if kind == "integer" and value != int(value):
                return "Must be a whole number"
            too_low = self.min is not None and value < self.min
            too_high = self.max is not None and value > self.max
            if too_low or too_high:
                return f"Must be {self.range_text()}"
            return None
        if kind == "text":
            return None if isinstance(value, str) else "Must be text"
        if kind == "bool":
            return None if isinstance(value, bool) else "Must be yes or no"
        if kind == "date":
            return None if as_date(value) is not None else "Must be a date (YYYY-MM-DD)"
        # choice
        options = ", ".join(self.choices)
        if self.multiple:
            if isinstance(value, str) or not isinstance(value, (list, tuple, set, frozenset)):
                return f"Choose one or more of: {options}"
            wrong = [v for v in value if v not in self.choices]
            return f"Choose only from: {options}" if wrong else None
        return None if value in self.choices else f"Choose one of: {options}"


@dataclass(frozen=True)
class Gate:
    """What a step waits for: the signed consent, the time-out, or another step."""

    kind: str  # "consent", "time_out" or "step"
    id: str
    title: str
    items: tuple[Item, ...] = ()
    """For the time-out: the confirmations it needs."""


@dataclass(frozen=True)
class Step:
    """One step of a procedure, in the order the file lists them."""

    id: str
    title: str
    invasive: bool
    gates: tuple[str, ...]
    """Gates as written in the file."""
    requires: tuple[Gate, ...]
    """Gates resolved at load, including the time-out for every invasive step."""
    items: tuple[Item, ...] = ()
    fields: tuple[Field, ...] = ()
    help: str = ""

    def field(self, field_id: str) -> Field:
        """The field with this id; KeyError if there is none."""
        for f in self.fields:
            if f.id == field_id:
                return f
        raise KeyError(f"{self.id}.{field_id}")


@dataclass(frozen=True)
class Series:
    """How many sessions a course has and how far apart they are."""

    sessions_min: int
    sessions_max: int
    sessions_default: int
    interval_min_days: int | None = None
    interval_max_days: int | None = None
    interval_default_days: int | None = None
    verified: bool = True
    source: str = ""


@dataclass(frozen=True)
class FollowUpRule:
    """A visit due after a session, as a window of offsets from the session date."""

    id: str
    kind: str  # one of FOLLOW_UP_KINDS
    label: str
    applies: str  # one of APPLIES
    unit: str  # "days" or "months"
    offset_from: int
    offset_to: int
    proposed: bool = False
    verified: bool = True
    source: str = ""
    assess: tuple[str, ...] = ()
    """What the visit assesses (codes listed in ``resources/outcomes.toml``): the follow-up
    form asks exactly these."""
    outcome_months: int | None = None
    """The clinic audit's time point this visit stands for (3, 6, 12 months)."""


@dataclass(frozen=True)
class DoseLimit:
    """Maximum dose of a local anaesthetic: mg per kg of body weight, capped at max_mg."""

    agent: str
    label: str
    with_epinephrine: bool
    mg_per_kg: float
    max_mg: float
    warn_fraction: float = 0.8
    verified: bool = True
    source: str = ""


@dataclass(frozen=True)
class Check:
    """A rule across fields: a sum that must stay under a limit, or an anaesthetic dose."""

    id: str
    kind: str  # one of CHECK_KINDS
    message: str = ""
    sum: tuple[str, ...] = ()
    limit: str | None = None
    agent: str | None = None
    concentration: str | None = None
    volume: str | None = None
    site: str | None = None
    """For a dose check over rows: the field saying where each anaesthetic was given."""
    field: str | None = None
    """For ``reason_above``: the number field, the threshold and the text field for the reason."""
    above: float | None = None
    reason: str | None = None


@dataclass(frozen=True)
class DoseReductionRule:
    """Screening questions whose "yes" (or unknown answer) lowers the anaesthetic maximum."""

    fraction: float
    questions: tuple[str, ...]
    verified: bool = False
    source: str = ""


@dataclass(frozen=True)
class WeightRule:
    """When the weight on record is too old for a dose limit, and what change needs confirming."""

    reweigh_after_days: int = 30
    confirm_change_fraction: float = 0.15
    source: str = ""


@dataclass(frozen=True)
class CautionCheck:
    """The session item a caution accepted at the consultation becomes."""

    question: str
    text: str


@dataclass(frozen=True)
class Spacing:
    """The shortest time between an earlier session of ``after`` on the same hands and a
    session of this procedure (``after`` may be this procedure: the gap between sessions)."""

    after: str
    days: int
    reason: str
    verified: bool = True
    source: str = ""


@dataclass(frozen=True)
class Protocol:
    """A procedure protocol as loaded and checked from its content file."""

    id: str
    version: str
    procedure: str
    title: str
    steps: tuple[Step, ...]
    series: Series
    follow_ups: tuple[FollowUpRule, ...]
    dose_limits: tuple[DoseLimit, ...] = ()
    checks: tuple[Check, ...] = ()
    source: str = ""
    path: str = ""
    dose_reduction: DoseReductionRule | None = None
    weight: WeightRule = WeightRule()
    caution_step: str | None = None
    """The step where each caution accepted at the consultation becomes an item to tick."""
    caution_checks: tuple[CautionCheck, ...] = ()
    volume_per_hand_ml: tuple[int, int] | None = None
    spacing: tuple[Spacing, ...] = ()

    def spacing_after(self, procedure: str) -> Spacing | None:
        """The minimum gap after an earlier session of ``procedure``, if the protocol sets one."""
        return next((x for x in self.spacing if x.after == procedure), None)

    def step(self, step_id: str) -> Step:
        """The step with this id; KeyError if there is none."""
        for s in self.steps:
            if s.id == step_id:
                return s
        raise KeyError(step_id)

    def field(self, ref: str) -> Field:
        """A field by ``"<step>.<field>"``; KeyError if there is none."""
        step_id, _, field_id = ref.partition(".")
        return self.step(step_id).field(field_id)

    def all_fields(self) -> Iterator[Field]:
        """Every field of every step, in order."""
        for s in self.steps:
            yield from s.fields

    @property
    def time_out_step(self) -> Step | None:
        """The time-out step, if the protocol has invasive steps."""
        return next((s for s in self.steps if s.id == TIME_OUT), None)

    def dose_limit(self, agent: str) -> DoseLimit:
        """The dose limit for an anaesthetic agent as named in the protocol; KeyError if none."""
        for limit in self.dose_limits:
            if limit.agent == agent:
                return limit
        raise KeyError(agent)


def load_protocol(procedure: str, path: Path | str | None = None) -> Protocol:
    """Load and check a protocol; the packaged file for ``procedure`` unless a path is given.

    The file's ``procedure`` must match. A relative path is taken inside ``resources/``.
    Packaged files are read once and cached. Any mistake raises ContentError with file and line.
    """
    if path is None:
        if not is_procedure(procedure):
            raise ValueError(f"unknown procedure {procedure!r}")
        return _load_default(procedure)
    return _read(load_toml(Path(path)), procedure)


@lru_cache(maxsize=None)
def _load_default(procedure: str) -> Protocol:
    return _read(load_toml(resource_path("protocols", f"{procedure}.toml")), procedure)


def _read(cf: ContentFile, procedure: str) -> Protocol:
    # Imported here, not at the top: the reader builds this module's classes, so it imports them.
    from rejuv_desktop.domain.protocol_reader import read_protocol

    return read_protocol(cf, procedure)
