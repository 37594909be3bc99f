"""From the hand assessment and the screening verdicts to a recommended plan.

All the clinical logic is in one table, ``RULES``: each record says when it applies, what line it
adds and which procedure (if any) it puts in the plan. ``recommend`` walks the table in order.
What each procedure can and cannot do follows the clinical sources: fat (or filler) restores
volume; mesotherapy improves the skin surface but restores no volume and does not change veins,
tendons or age spots; age spots respond to pigment laser, IPL or topical tretinoin; a suspicious
spot goes to a dermatologist before any treatment.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping

from rejuv_desktop.domain.procedures import is_procedure, procedure_ids, procedures
from rejuv_desktop.domain.procedures import procedure as registered
from rejuv_desktop.domain.scales import EXPECTED_VALUES
from rejuv_desktop.domain.screening import LEVELS, Reason, Verdict
from rejuv_desktop.domain.thresholds import MerzThreshold, load_thresholds
from rejuv_desktop.errors import ValidationError

# The concerns a patient can raise, in the order the consultation asks them.
CONCERN_CODES = ("volume_loss", "prominent_veins", "prominent_tendons", "crepey_skin", "dryness",
                 "loss_of_elasticity", "lentigines", "other")
CONCERNS = frozenset(CONCERN_CODES)
VOLUME_CONCERNS = ("volume_loss", "prominent_veins", "prominent_tendons")
SKIN_CONCERNS = ("crepey_skin", "dryness", "loss_of_elasticity")

# Examination values that call for skin-quality treatment even if the patient did not raise it.
_SKIN_EXAM_SIGNS = {"hydration": ("poor",), "elasticity": ("poor",), "texture": ("crepey",)}

# Screening answers that rule fillers out as an alternative (a bleeding disorder is a
# contraindication on hand fillers' patient information).
NO_FILLER_QUESTIONS = ("bleeding_disorder",)


def _filler(x) -> str:
    """``alternative`` (a filler can be offered for volume), or ``ruled_out`` when the patient's
    screening rules fillers out."""
    for verdict in x.findings.verdicts.values():
        if any(r.question_id in NO_FILLER_QUESTIONS and r.answer == "yes" for r in verdict.reasons):
            return "ruled_out"
    return "alternative"


@dataclass(frozen=True)
class SkinQuality:
    """Skin quality of one hand; each value from the matching scale in ``scales.toml``."""

    hydration: str | None = None
    elasticity: str | None = None
    texture: str | None = None

    def __post_init__(self):
        errors = {}
        for name in ("hydration", "elasticity", "texture"):
            value = getattr(self, name)
            if value is not None and value not in EXPECTED_VALUES[name]:
                errors[name] = f"must be one of {', '.join(EXPECTED_VALUES[name])}"
        if errors:
            raise ValidationError(errors)


@dataclass(frozen=True)
class Findings:
    """What the consultation found: the patient's concerns, the examination and the screening."""

    concerns: frozenset[str] = frozenset()
    merz_left: int | None = None
    merz_right: int | None = None
    skin_left: SkinQuality | None = None
    skin_right: SkinQuality | None = None
    lentigines_present: bool = False
    suspicious_lesion: bool = False
    donor_fat: str | None = None
    verdicts: Mapping[str, Verdict] = field(default_factory=dict, hash=False)

    def __post_init__(self):
        object.__setattr__(self, "concerns", frozenset(self.concerns))
        errors = {}
        unknown = sorted(self.concerns - CONCERNS)
        if unknown:
            errors["concerns"] = f"unknown concern(s): {', '.join(unknown)}"
        for side in ("merz_left", "merz_right"):
            value = getattr(self, side)
            if value is not None and (isinstance(value, bool) or value not in EXPECTED_VALUES["merz"]):
                errors[side] = "must be a Merz grade from 0 to 4"
        if self.donor_fat is not None and self.donor_fat not in EXPECTED_VALUES["donor_fat"]:
            errors["donor_fat"] = f"must be one of {', '.join(EXPECTED_VALUES['donor_fat'])}"
        for procedure, verdict in self.verdicts.items():
            if not is_procedure(procedure) or not isinstance(verdict, Verdict) or verdict.level not in LEVELS:
                errors[f"verdicts.{procedure}"] = f"must be a screening verdict for one of {', '.join(procedure_ids())}"
        if errors:
            raise ValidationError(errors)


RECOMMENDATION_FORMAT = 2
"""The shape ``Recommendation.to_json`` writes: lines as codes with parameters. Records written
before it (no ``format``) hold each line as an English sentence, kept as a ``StoredLine``."""


@dataclass(frozen=True)
class Phrase:
    """Something said, as a code and its parameters (numbers, codes, lists of them): the UI and
    the documents turn it into words in their own language."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict, hash=False)

    def to_json(self) -> dict:
        """A JSON-able copy."""
        return {"code": self.code, "params": dict(self.params)}

    @classmethod
    def from_json(cls, stored: Mapping[str, Any]) -> "Phrase":
        """The phrase ``to_json`` wrote."""
        return cls(stored["code"], dict(stored.get("params") or {}))


@dataclass(frozen=True)
class RecommendationLine:
    """One line of advice (its rule's code and parameters), the findings behind it, and the
    procedure it recommends (if any)."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict, hash=False)
    findings: tuple[Phrase, ...] = ()
    procedure: str | None = None

    def to_json(self) -> dict:
        """A JSON-able copy."""
        return {"code": self.code, "params": dict(self.params),
                "findings": [f.to_json() for f in self.findings], "procedure": self.procedure}


@dataclass(frozen=True)
class StoredLine:
    """A line recorded by an earlier version, which stored its words (in English) rather than
    codes: shown exactly as it was stored, never rewritten."""

    code: str
    text: str
    findings: tuple[str, ...] = ()
    procedure: str | None = None

    def to_json(self) -> dict:
        """The stored shape, unchanged."""
        return {"code": self.code, "text": self.text, "findings": list(self.findings),
                "procedure": self.procedure}


def _line_from_json(stored: Mapping[str, Any]) -> RecommendationLine | StoredLine:
    if "text" in stored:
        return StoredLine(stored["code"], stored["text"], tuple(stored.get("findings") or ()),
                          stored.get("procedure"))
    return RecommendationLine(stored["code"], dict(stored.get("params") or {}),
                              tuple(Phrase.from_json(f) for f in stored.get("findings") or ()),
                              stored.get("procedure"))


@dataclass(frozen=True)
class Recommendation:
    """The advice lines in reading order, and the procedures recommended."""

    lines: tuple[RecommendationLine | StoredLine, ...]
    procedures: tuple[str, ...]

    def codes(self) -> tuple[str, ...]:
        """The codes of the lines, in order."""
        return tuple(line.code for line in self.lines)

    def to_json(self) -> dict:
        """A JSON-able copy for the consultation's record (codes, never words)."""
        return {"format": RECOMMENDATION_FORMAT, "procedures": list(self.procedures),
                "lines": [line.to_json() for line in self.lines]}

    @classmethod
    def from_json(cls, stored: Mapping[str, Any] | None) -> "Recommendation":
        """The recommendation a record holds, in either stored shape: lines stored as sentences
        by earlier versions come back as ``StoredLine`` and read as they always did. Nothing
        stored reads as an empty recommendation."""
        stored = stored or {}
        return cls(tuple(_line_from_json(line) for line in stored.get("lines") or ()),
                   tuple(stored.get("procedures") or ()))


# ----------------------------------------------------------------------------- derived facts


@dataclass(frozen=True)
class Facts:
    """What the rules read: the findings plus a few conclusions drawn once."""

    findings: Findings
    volume_concern: bool
    merz_max: int | None
    skin_signs: tuple[Phrase, ...]  # skin findings: concerns and examination signs
    suspicious: bool
    merz_threshold: MerzThreshold  # clinic-set, from recommendation.toml

    @property
    def volume_indicated(self) -> bool:
        """A volume concern with a Merz grade at or above the clinic's threshold on at least one hand."""
        return self.volume_concern and self.merz_max is not None and self.merz_max >= self.merz_threshold.grade

    @property
    def volume_mild(self) -> bool:
        """A volume concern with both graded hands below the clinic's Merz threshold."""
        return self.volume_concern and self.merz_max is not None and self.merz_max < self.merz_threshold.grade

    @property
    def skin_indicated(self) -> bool:
        """A skin-quality concern, or a poor or crepey finding on examination."""
        return bool(self.skin_signs)

    @property
    def lentigines(self) -> bool:
        """Age spots raised by the patient or seen on examination."""
        return self.findings.lentigines_present or "lentigines" in self.findings.concerns

    def level(self, procedure: str) -> str | None:
        """The screening level for a procedure, None when it was not screened."""
        verdict = self.findings.verdicts.get(procedure)
        return verdict.level if verdict else None

    def reasons(self, procedure: str, *levels: str) -> tuple[Reason, ...]:
        """The procedure's screening reasons at the given levels."""
        verdict = self.findings.verdicts.get(procedure)
        return tuple(r for r in verdict.reasons if r.level in levels) if verdict else ()

    @property
    def donor_insufficient(self) -> bool:
        """Too little fat to harvest, found on examination or answered at screening."""
        said = any(r.question_id == "insufficient_donor_fat" and r.answer == "yes" for r in self.reasons("fat_transfer", *LEVELS))
        return self.findings.donor_fat == "insufficient" or said

    def ruled_out(self, procedure: str) -> tuple[Reason, ...]:
        """Contraindicating reasons, leaving out lack of donor fat (a feasibility matter of its own)."""
        return tuple(r for r in self.reasons(procedure, "contraindicated") if r.question_id != "insufficient_donor_fat")

    def blocked(self, procedure: str) -> bool:
        """True when screening rules the procedure out."""
        return self.level(procedure) == "contraindicated"

    def planned(self, procedure: str) -> bool:
        """Whether the procedure ends up in the plan (before the suspicious-spot stop): it treats
        what was found (volume or skin quality, as its protocol declares), screening does not
        rule it out, and for a procedure that harvests fat, there is enough of it."""
        p = registered(procedure)
        if p.treats == "volume":
            indicated = self.volume_indicated and not (p.needs_donor_fat and self.donor_insufficient)
        else:
            indicated = p.treats == "skin" and self.skin_indicated
        return indicated and not self.blocked(procedure)


def _volume_finding(facts: Facts) -> Phrase:
    f = facts.findings
    return Phrase("volume", {"concerns": [c for c in VOLUME_CONCERNS if c in f.concerns],
                             "merz_left": f.merz_left, "merz_right": f.merz_right})


def _skin_signs(f: Findings) -> tuple[Phrase, ...]:
    signs = [Phrase("concern", {"concern": c}) for c in SKIN_CONCERNS if c in f.concerns]
    for hand, quality in (("left", f.skin_left), ("right", f.skin_right)):
        for name, values in _SKIN_EXAM_SIGNS.items():
            value = getattr(quality, name, None) if quality else None
            if value in values:
                signs.append(Phrase("skin_sign", {"scale": name, "value": value, "side": hand}))
    return tuple(signs)


def derive_facts(findings: Findings, merz_threshold: MerzThreshold | None = None) -> Facts:
    """Draw the conclusions the rules read from the findings (with the clinic's Merz threshold,
    from ``recommendation.toml`` unless one is given)."""
    merz = [m for m in (findings.merz_left, findings.merz_right) if m is not None]
    screened_spot = any(
        r.question_id == "suspicious_skin_lesion" and r.answer == "yes"
        for v in findings.verdicts.values()
        for r in v.reasons
    )
    return Facts(
        findings=findings,
        volume_concern=any(c in findings.concerns for c in VOLUME_CONCERNS),
        merz_max=max(merz) if merz else None,
        skin_signs=_skin_signs(findings),
        suspicious=findings.suspicious_lesion or screened_spot,
        merz_threshold=merz_threshold or load_thresholds().merz_volume,
    )


def _screening(procedure: str, reasons: Iterable[Reason]) -> tuple[Phrase, ...]:
    return tuple(Phrase("screening", {"procedure": procedure, "question": r.question_id,
                                      "answer": r.answer}) for r in reasons)


def _waits(facts: Facts, procedure: str) -> dict:
    """The deferring answers whose waits the line names (their words are the screening's)."""
    return {"procedure": procedure,
            "waits": [r.question_id for r in facts.reasons(procedure, "defer") if r.wait]}


def _merz_threshold(x: Facts) -> dict:
    return {"grade": x.merz_threshold.grade, "evidence": x.merz_threshold.evidence}


# ----------------------------------------------------------------------------- the table


@dataclass(frozen=True)
class RecommendationRule:
    """One row of the table: when it applies, the line it adds (as parameters for its code),
    the findings behind it, the procedure it recommends."""

    code: str
    applies: Callable[[Facts], bool]
    params: Callable[[Facts], dict]
    findings: Callable[[Facts], tuple[Phrase, ...]]
    procedure: str | None = None
    final: bool = False  # nothing after this row is considered


def _none(_x: Facts) -> dict:
    return {}


def _no_findings(_x: Facts) -> tuple[Phrase, ...]:
    return ()


RULES: tuple[RecommendationRule, ...] = (
    RecommendationRule(
        "refer_dermatology",
        lambda x: x.suspicious,
        _none,
        lambda x: (Phrase("suspicious_spot"),),
        final=True,
    ),
    RecommendationRule(
        "fat_transfer_not_feasible",
        lambda x: x.volume_indicated and x.donor_insufficient,
        lambda x: {"filler": _filler(x)},
        lambda x: (_volume_finding(x), Phrase("donor_fat", {"value": "insufficient"})),
    ),
    RecommendationRule(
        "fat_transfer_contraindicated",
        # Lack of donor fat alone has its own line above.
        lambda x: x.volume_indicated and x.blocked("fat_transfer")
        and (bool(x.ruled_out("fat_transfer")) or not x.donor_insufficient),
        lambda x: {"filler": _filler(x)},
        lambda x: (_volume_finding(x), *_screening("fat_transfer", x.ruled_out("fat_transfer"))),
    ),
    RecommendationRule(
        "fat_transfer_after_wait",
        lambda x: x.planned("fat_transfer") and x.level("fat_transfer") == "defer",
        lambda x: {**_waits(x, "fat_transfer"), "filler": _filler(x)},
        lambda x: (_volume_finding(x), *_screening("fat_transfer", x.reasons("fat_transfer", "defer"))),
        procedure="fat_transfer",
    ),
    RecommendationRule(
        "fat_transfer",
        lambda x: x.planned("fat_transfer") and x.level("fat_transfer") != "defer",
        lambda x: {"filler": _filler(x)},
        lambda x: (_volume_finding(x),),
        procedure="fat_transfer",
    ),
    RecommendationRule(
        "donor_fat_limited",
        lambda x: x.planned("fat_transfer") and x.findings.donor_fat == "limited",
        lambda x: dict(zip(("low", "high"), _volume_range())),
        lambda x: (Phrase("donor_fat", {"value": "limited"}),),
    ),
    RecommendationRule(
        "volume_mild",
        lambda x: x.volume_mild,
        _merz_threshold,
        lambda x: (_volume_finding(x), Phrase("merz_threshold", _merz_threshold(x))),
    ),
    RecommendationRule(
        "grade_hands_first",
        lambda x: x.volume_concern and x.merz_max is None,
        _none,
        lambda x: (_volume_finding(x),),
    ),
    RecommendationRule(
        "mesotherapy_contraindicated",
        lambda x: x.skin_indicated and x.blocked("mesotherapy"),
        _none,
        lambda x: (*x.skin_signs, *_screening("mesotherapy", x.ruled_out("mesotherapy"))),
    ),
    RecommendationRule(
        "mesotherapy_after_wait",
        lambda x: x.planned("mesotherapy") and x.level("mesotherapy") == "defer",
        lambda x: _waits(x, "mesotherapy"),
        lambda x: (*x.skin_signs, *_screening("mesotherapy", x.reasons("mesotherapy", "defer"))),
        procedure="mesotherapy",
    ),
    RecommendationRule(
        "mesotherapy",
        lambda x: x.planned("mesotherapy") and x.level("mesotherapy") != "defer",
        _none,
        lambda x: x.skin_signs,
        procedure="mesotherapy",
    ),
    RecommendationRule(
        "mesotherapy_no_volume",
        lambda x: x.volume_concern and not x.skin_indicated,
        _none,
        lambda x: (_volume_finding(x),),
    ),
    RecommendationRule(
        "combined",
        lambda x: x.planned("fat_transfer") and x.planned("mesotherapy"),
        _none,
        lambda x: (_volume_finding(x), *x.skin_signs),
    ),
    RecommendationRule(
        "fat_transfer_caution",
        lambda x: x.planned("fat_transfer") and bool(x.reasons("fat_transfer", "caution")),
        _none,
        lambda x: _screening("fat_transfer", x.reasons("fat_transfer", "caution")),
    ),
    RecommendationRule(
        "mesotherapy_caution",
        lambda x: x.planned("mesotherapy") and bool(x.reasons("mesotherapy", "caution")),
        _none,
        lambda x: _screening("mesotherapy", x.reasons("mesotherapy", "caution")),
    ),
    RecommendationRule(
        "screening_missing",
        lambda x: any(x.planned(p) and x.level(p) is None for p in procedure_ids()),
        lambda x: {"procedures": [p for p in procedure_ids() if x.planned(p) and x.level(p) is None]},
        _no_findings,
    ),
    RecommendationRule(
        "refer_pigment",
        lambda x: x.lentigines,
        _none,
        lambda x: (Phrase("lentigines"),),
    ),
    RecommendationRule(
        "other_concern",
        lambda x: "other" in x.findings.concerns,
        _none,
        lambda x: (Phrase("other_concern"),),
    ),
    RecommendationRule(
        "no_indication",
        lambda x: not x.volume_concern and not x.skin_indicated,
        _none,
        _no_findings,
    ),
)
"""The recommendation rules, in the order their lines are shown."""


def _content_rules(p) -> tuple[RecommendationRule, ...]:
    """The rows for a procedure the clinic's content adds: its own line (after the wait when
    screening defers it), and the line asking for care when screening found cautions. Their
    codes are the generic ``procedure...`` ones, with the procedure's id as a parameter: the
    words come from its protocol where the line is shown."""
    pid = p.id
    return (
        RecommendationRule(
            "procedure_after_wait",
            lambda x: x.planned(pid) and x.level(pid) == "defer",
            lambda x: _waits(x, pid),
            lambda x: (*_indication(x, p), *_screening(pid, x.reasons(pid, "defer"))),
            procedure=pid,
        ),
        RecommendationRule(
            "procedure",
            lambda x: x.planned(pid) and x.level(pid) != "defer",
            lambda x: {"procedure": pid},
            lambda x: _indication(x, p),
            procedure=pid,
        ),
        RecommendationRule(
            "procedure_caution",
            lambda x: x.planned(pid) and bool(x.reasons(pid, "caution")),
            lambda x: {"procedure": pid},
            lambda x: _screening(pid, x.reasons(pid, "caution")),
        ),
    )


def _indication(facts: Facts, p) -> tuple[Phrase, ...]:
    return (_volume_finding(facts),) if p.treats == "volume" else facts.skin_signs


def rules_with_content() -> tuple[RecommendationRule, ...]:
    """``RULES``, with the rows of every procedure the table does not speak for (one the clinic
    added as content) placed before the screening reminder."""
    covered = {r.procedure for r in RULES if r.procedure}
    added = tuple(row for p in procedures() if p.id not in covered for row in _content_rules(p))
    if not added:
        return RULES
    at = next(i for i, r in enumerate(RULES) if r.code == "screening_missing")
    return RULES[:at] + added + RULES[at:]


def recommend(findings: Findings, rules: tuple[RecommendationRule, ...] | None = None,
              merz_threshold: MerzThreshold | None = None) -> Recommendation:
    """Walk the rule table over the findings and collect the lines and the recommended procedures.

    A procedure whose screening verdict is contraindicated is never recommended; a deferred one is
    recommended "after the wait"; a suspicious spot stops everything but the referral. Each line
    is its rule's code with parameters: the words are made where it is shown. The table is
    ``rules_with_content()`` unless one is given.
    """
    rules = rules_with_content() if rules is None else rules
    facts = derive_facts(findings, merz_threshold)
    lines: list[RecommendationLine] = []
    chosen: set[str] = set()
    for rule in rules:
        if not rule.applies(facts):
            continue
        lines.append(RecommendationLine(rule.code, rule.params(facts), tuple(rule.findings(facts)),
                                        rule.procedure))
        if rule.procedure:
            chosen.add(rule.procedure)
        if rule.final:
            break
    return Recommendation(tuple(lines), tuple(p for p in procedure_ids() if p in chosen))


def _volume_range() -> tuple[int, int]:
    """The usual fat volume per hand, as the fat-transfer protocol states it (one range for
    the consent, the recommendation and the session)."""
    from rejuv_desktop.domain.protocols import load_protocol

    low, high = load_protocol("fat_transfer").volume_per_hand_ml or (10, 30)
    return low, high


# ----------------------------------------------------------------------------- storing


def to_dict(recommendation: Recommendation) -> dict:
    """A JSON-able copy of a recommendation for the consultation's record (``to_json``)."""
    return recommendation.to_json()


def from_dict(stored: Mapping[str, Any] | None) -> Recommendation:
    """A stored recommendation read back, in either stored shape (``Recommendation.from_json``)."""
    return Recommendation.from_json(stored)
