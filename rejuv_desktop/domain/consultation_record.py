"""The consultation as a typed, versioned record.

What the wizard collects is a ``ConsultationRecord``: the concerns, a ``HandFindings`` per side,
the typed screening answers and details, what was chosen and planned, with the justifications,
overrides and reasons written for it. It is stored as JSON (``to_json``) with its ``version``;
``from_json`` / ``from_dict`` read any shape an earlier version of the app stored, one explicit
upgrade step at a time (``UPGRADES``), so an old record reads back exactly as a new one.

Screening answers that a finding gives (a suspicious lesion, insufficient donor fat,
unrealistic expectations) are not part of the record: they are worked out from the findings
each time (``consultation.derived_answers``), and an upgrade removes any that an older shape
held among the typed answers.
"""

from __future__ import annotations

import copy
import json
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Callable

SIDES = ("left", "right")
VERSION = 3
"""Shapes of the stored record:

1. The first wizard (no ``version``): concerns, hands, screening answers, justifications,
   chosen procedures and their plans.
2. Overrides of a deferral and reasons for a procedure the recommendation does not support
   (``overrides``, ``unsupported_reasons``), still without ``version``.
3. The typed record: ``version`` written, answers that a finding gives never among the typed
   ones, hand grades as numbers.
"""

DERIVED_QUESTIONS = ("suspicious_skin_lesion", "insufficient_donor_fat",
                     "unrealistic_expectations")
"""Screening questions the examination answers (see ``consultation.derived_answers``)."""


@dataclass
class HandFindings:
    """The examination of one hand: its grades on the scales and what was noticed."""

    merz: int | None = None
    hydration: str | None = None
    elasticity: str | None = None
    texture: str | None = None
    lentigines: str | None = None
    suspicious_lesion: bool = False
    notes: str = ""

    GRADED = ("merz", "hydration", "elasticity", "texture", "lentigines")
    """The findings graded on a scale (each scale's id is the field's name)."""

    def grades(self) -> dict[str, Any]:
        """The graded findings given, by scale id."""
        return {scale: getattr(self, scale) for scale in self.GRADED
                if getattr(self, scale) is not None}

    @classmethod
    def from_dict(cls, value: dict | None, *, fresh: bool = False) -> "HandFindings":
        value = value if isinstance(value, dict) else {}
        keep = (lambda v: v) if fresh else copy.deepcopy
        return cls(**{f.name: keep(value[f.name]) for f in fields(cls) if f.name in value})


def _hands() -> dict[str, HandFindings]:
    return {side: HandFindings() for side in SIDES}


@dataclass
class ConsultationRecord:
    """Everything the wizard collects for one consultation."""

    concerns: list[str] = field(default_factory=list)
    concern_other: str = ""
    goals: str = ""
    expectations_realistic: bool | None = None
    expectations_note: str = ""
    hands: dict[str, HandFindings] = field(default_factory=_hands)
    fitzpatrick: str | None = None
    weight_kg: Any = None  # as typed: a number, or text the wizard has not accepted yet
    donor_fat: str | None = None
    answers: dict[str, str] = field(default_factory=dict)
    details: dict[str, str] = field(default_factory=dict)
    justifications: dict[str, dict] = field(default_factory=dict)
    overrides: dict[str, dict] = field(default_factory=dict)
    unsupported_reasons: dict[str, dict] = field(default_factory=dict)
    chosen: list[str] = field(default_factory=list)
    plan: dict[str, dict] = field(default_factory=dict)
    none_planned_reason: str = ""
    notes: str = ""
    version: int = VERSION

    # ---------------------------------------------------------------------- reading
    def hand(self, side: str) -> HandFindings:
        return self.hands[side]

    @property
    def suspicious_lesion(self) -> bool:
        return any(self.hands[s].suspicious_lesion for s in SIDES)

    def hand_grades(self) -> list[tuple[str, str, Any]]:
        """(side, scale id, grade) of every graded finding given, both hands."""
        return [(side, scale, grade) for side in SIDES
                for scale, grade in self.hands[side].grades().items()]

    # ---------------------------------------------------------------------- storing
    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["version"] = VERSION
        return out

    def to_json(self, *, without_grades: bool = False) -> str:
        """The record as stored; ``without_grades`` leaves out the graded hand findings (a
        finalised consultation keeps them as hand assessments, see ``hand_grades``)."""
        out = self.to_dict()
        if without_grades:
            for hand in out["hands"].values():
                for scale in HandFindings.GRADED:
                    hand.pop(scale, None)
        return json.dumps(out, ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: dict | None, *, fresh: bool = False) -> "ConsultationRecord":
        """The record from any stored shape (upgraded step by step to ``VERSION``). ``data``
        is copied unless ``fresh`` (nothing else holds it, e.g. just read from JSON)."""
        data = upgrade(data, copy_first=not fresh)
        keep = (lambda v: v) if fresh else copy.deepcopy
        defaults = cls()
        values = {}
        for f in fields(cls):
            if f.name in ("hands", "version") or f.name not in data:
                continue
            value, default = data[f.name], getattr(defaults, f.name)
            # A container or a text left empty (None) by an older shape reads as empty.
            values[f.name] = keep(value) if value is not None or default is None else default
        record = cls(**values)
        hands = data.get("hands") if isinstance(data.get("hands"), dict) else {}
        record.hands = {side: HandFindings.from_dict(hands.get(side), fresh=fresh)
                        for side in SIDES}
        return record

    @classmethod
    def from_json(cls, text: str | None) -> "ConsultationRecord":
        return cls.from_dict(json.loads(text) if text else {}, fresh=True)

    def with_grades(self, rows) -> "ConsultationRecord":
        """The record with the grades of ``rows`` (each with side, scale and grade) laid over
        its hands (in place; returns the record)."""
        for row in rows:
            if row["side"] in SIDES and row["scale"] in HandFindings.GRADED:
                setattr(self.hands[row["side"]], row["scale"], row["grade"])
        return self


# ------------------------------------------------------------------------------- upgrades

def _v1_to_v2(data: dict) -> dict:
    """Overrides and reasons for unsupported procedures did not exist: none were written."""
    data.setdefault("overrides", {})
    data.setdefault("unsupported_reasons", {})
    return data


def _v2_to_v3(data: dict) -> dict:
    """Answers a finding gives are never typed answers; hand grades are numbers."""
    answers = data.get("answers")
    if isinstance(answers, dict):
        hands = data.get("hands") if isinstance(data.get("hands"), dict) else {}
        given = {"suspicious_skin_lesion": any((hands.get(s) or {}).get("suspicious_lesion")
                                               for s in SIDES),
                 "insufficient_donor_fat": data.get("donor_fat") == "insufficient",
                 "unrealistic_expectations": data.get("expectations_realistic") is False}
        for qid in DERIVED_QUESTIONS:
            # A "yes" stored only because a finding gave it goes: the finding gives it again.
            if given[qid] and answers.get(qid) == "yes":
                answers.pop(qid)
    for hand in (data.get("hands") or {}).values() if isinstance(data.get("hands"), dict) else ():
        if isinstance(hand, dict) and isinstance(hand.get("merz"), str) and hand["merz"].isdigit():
            hand["merz"] = int(hand["merz"])
    return data


UPGRADES: dict[int, Callable[[dict], dict]] = {1: _v1_to_v2, 2: _v2_to_v3}
"""From each stored version, the step to the next one."""


def stored_version(data: dict) -> int:
    """The shape ``data`` was stored in (see ``VERSION``)."""
    if "version" in data:
        return int(data["version"])
    return 2 if "overrides" in data or "unsupported_reasons" in data else 1


def upgrade(data: dict | None, *, copy_first: bool = True) -> dict:
    """``data`` in today's shape, each step from its stored version applied in turn (to a copy
    unless ``copy_first`` is False).

    A record from a newer version of the app is read as it is (its unknown keys are dropped).
    """
    data = copy.deepcopy(dict(data or {})) if copy_first else dict(data or {})
    version = stored_version(data)
    while version < VERSION:
        data = UPGRADES[version](data)
        version += 1
    data["version"] = VERSION
    return data
