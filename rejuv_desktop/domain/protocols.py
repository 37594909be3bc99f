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


PHRASE_KEYS = {
    'must_number': (),
    'must_whole': (),
    'must_range': ('range',),
    'between': ('high', 'low'),
    'at_least': ('low',),
    'at_most': ('high',),
    'must_text': (),
    'must_bool': (),
    'must_date': (),
    'must_typed_date': (),
    'choose_many': ('options',),
    'choose_only': ('options',),
    'choose_one': ('options',),
    'left': (),
    'right': (),
    'which_hand': ('hand',),
    'which_entry': ('n',),
    'at_least_one_entry': (),
    'not_treated': ('hand',),
    'stop': ('reason',),
    'no_weight': (),
    'expired': ('day', 'session_day'),
}
"""The checklist's own words (a range, a hand, a row, a stop...), by key with the placeholders
each takes; the words are content, per language: ``text/<lang>/checklist.toml``
(``[phrases]``)."""


def phrase(lang: str, key: str, **values: Any) -> str:
    """One of the checklist's own phrases (``PHRASE_KEYS``) in ``lang``, filled with ``values``; a phrase the
    language's file lacks is a content error naming the file and the key."""
    text = _phrases(lang).get(key)
    if text is None:
        from rejuv_desktop.content.words import words_path
        from rejuv_desktop.errors import ContentError

        path = words_path("checklist", lang)
        raise ContentError(path, None, f"missing translation: [phrases] needs '{key}'")
    return text.format(**values) if values else text


def check_phrases(cf: ContentFile) -> None:
    """A checklist words file has every phrase, each with the placeholders the English has."""
    table = cf.data.get("phrases")
    if not isinstance(table, dict):
        raise cf.error("missing translation: no [phrases] table")
    for key, wanted in PHRASE_KEYS.items():
        text = table.get(key)
        if not isinstance(text, str) or not text.strip():
            raise cf.error(f"missing translation: [phrases] needs '{key}'", "[phrases]")
        if tuple(sorted(re.findall(r"\{(\w+)\}", text))) != wanted:
            raise cf.error(f"[phrases] '{key}' must have the placeholders "
                           f"{', '.join('{' + w + '}' for w in wanted) or 'none'}", f"{key} =")


@lru_cache(maxsize=None)
def _phrases(lang: str) -> dict[str, str]:
    from rejuv_desktop.content.words import load_words

    table = load_words("checklist", lang).data.get("phrases")
    return {k: v for k, v in table.items() if isinstance(v, str)} if isinstance(table, dict) \
        else {}


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
    choice_labels: tuple[tuple[str, str], ...] = ()
    """(stored choice, words shown) in the protocol's language when it is not the file's own
    (see ``protocol_words``); empty: each choice is shown as stored."""
    lang: str = "en"
    """The language of its words and of its messages."""

    def choice_label(self, choice: str) -> str:
        """The words shown for a stored choice."""
        return dict(self.choice_labels).get(choice, choice)

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
        def shown(value: float, unit: str = "") -> str:
            if self.lang == "fr":  # 0,05 ; 2 % (French writes a space before the sign)
                number = format_number(value).replace(".", ",")
                return f"{number} {unit}" if unit else number
            return with_unit(value, unit) if unit else format_number(value)

        if self.min is not None and self.max is not None:
            return phrase(self.lang, "between", low=shown(self.min),
                          high=shown(self.max, self.unit))
        if self.min is not None:
            return phrase(self.lang, "at_least", low=shown(self.min, self.unit))
        if self.max is not None:
            return phrase(self.lang, "at_most", high=shown(self.max, self.unit))
        return ""

    def validate(self, value: Any) -> str | None:
        """A message for a person when the value's form or range is wrong, else None.

        An empty value is not an error here: whether it is needed depends on the session (the
        hands treated, other answers), so ``checklist.open_required`` reports what is missing.
        """
        if is_empty(value):
            return None
        kind, lang = self.type, self.lang
        if kind in ("number", "integer"):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                return phrase(lang, "must_number")
            if isinstance(value, float) and not math.isfinite(value):
                return phrase(lang, "must_number")
            if kind == "integer" and value != int(value):
                return phrase(lang, "must_whole")
            too_low = self.min is not None and value < self.min
            too_high = self.max is not None and value > self.max
            if too_low or too_high:
                return phrase(lang, "must_range", range=self.range_text())
            return None
        if kind == "text":
            return None if isinstance(value, str) else phrase(lang, "must_text")
        if kind == "bool":
            return None if isinstance(value, bool) else phrase(lang, "must_bool")
        if kind == "date":
            return None if as_date(value) is not None else phrase(lang, "must_date")
        # choice
        options = ", ".join(self.choice_label(c) for c in self.choices)
        if self.multiple:
            if isinstance(value, str) or not isinstance(value, (list, tuple, set, frozenset)):
                return phrase(lang, "choose_many", options=options)
            wrong = [v for v in value if v not in self.choices]
            return phrase(lang, "choose_only", options=options) if wrong else None
        return None if value in self.choices else phrase(lang, "choose_one", options=options)


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
    lang: str = "en"
    """The language of its words (``protocol_words``)."""

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


def load_protocol(procedure: str, path: Path | str | None = None, lang: str = "en") -> Protocol:
    """Load and check a protocol; the packaged file for ``procedure`` unless a path is given.

    The file's ``procedure`` must match. A relative path is taken inside ``resources/``.
    Packaged files are read once and cached. Any mistake raises ContentError with file and line.
    ``lang``: the language of its words (English as the file writes them; another from
    ``text/<lang>/protocols/<procedure>.toml``, a missing word being a content error).
    """
    if path is None:
        if not is_procedure(procedure):
            raise ValueError(f"unknown procedure {procedure!r}")
        return _load_default(procedure, lang)
    from rejuv_desktop.domain.protocol_words import protocol_in

    return protocol_in(_read(load_toml(Path(path)), procedure), lang)


@lru_cache(maxsize=None)
def _load_default(procedure: str, lang: str = "en") -> Protocol:
    if lang != "en":
        from rejuv_desktop.domain.protocol_words import protocol_in

        return protocol_in(_load_default(procedure), lang)
    return _read(load_toml(resource_path("protocols", f"{procedure}.toml")), procedure)


def _read(cf: ContentFile, procedure: str) -> Protocol:
    # Imported here, not at the top: the reader builds this module's classes, so it imports them.
    from rejuv_desktop.domain.protocol_reader import read_protocol

    return read_protocol(cf, procedure)
