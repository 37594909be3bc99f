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
from typing import Callable, Iterable, Mapping

from rejuv_desktop.domain.scales import EXPECTED_VALUES
from rejuv_desktop.domain.screening import LEVELS, PROCEDURES, Reason, Verdict
from rejuv_desktop.domain.thresholds import MerzThreshold, load_thresholds
from rejuv_desktop.errors import ValidationError

CONCERN_LABELS = {
    "volume_loss": "volume loss",
    "prominent_veins": "prominent veins",
    "prominent_tendons": "prominent tendons",
    "crepey_skin": "crepey skin",
    "dryness": "dryness",
    "loss_of_elasticity": "loss of elasticity",
    "lentigines": "age spots (lentigines)",
    "other": "other concern",
}
CONCERNS = frozenset(CONCERN_LABELS)
VOLUME_CONCERNS = ("volume_loss", "prominent_veins", "prominent_tendons")
SKIN_CONCERNS = ("crepey_skin", "dryness", "loss_of_elasticity")

# Examination values that call for skin-quality treatment even if the patient did not raise it.
_SKIN_EXAM_SIGNS = {"hydration": ("poor",), "elasticity": ("poor",), "texture": ("crepey",)}

FILLER_ALTERNATIVE = ("Hyaluronic-acid or calcium hydroxylapatite filler is the non-surgical "
                      "alternative for volume.")
# Screening answers that rule fillers out as an alternative (a bleeding disorder is a
# contraindication on hand fillers' patient information).
NO_FILLER_QUESTIONS = ("bleeding_disorder",)
NO_FILLER = "Fillers are not an alternative for this patient: a bleeding or clotting disorder rules them out."


def _filler_alternative(x) -> str:
    """The filler alternative, unless the patient's screening rules fillers out."""
    for verdict in x.findings.verdicts.values():
        if any(r.question_id in NO_FILLER_QUESTIONS and r.answer == "yes" for r in verdict.reasons):
            return NO_FILLER
    return FILLER_ALTERNATIVE


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
            if procedure not in PROCEDURES or not isinstance(verdict, Verdict) or verdict.level not in LEVELS:
                errors[f"verdicts.{procedure}"] = "must be a screening verdict for fat_transfer or mesotherapy"
        if errors:
            raise ValidationError(errors)


@dataclass(frozen=True)
class RecommendationLine:
    """One line of advice, the findings behind it, and the procedure it recommends (if any)."""

    code: str
    text: str
    findings: tuple[str, ...]
    procedure: str | None = None


@dataclass(frozen=True)
class Recommendation:
    """The advice lines in reading order, and the procedures recommended."""

    lines: tuple[RecommendationLine, ...]
    procedures: tuple[str, ...]

    def codes(self) -> tuple[str, ...]:
        """The codes of the lines, in order."""
        return tuple(line.code for line in self.lines)


# ----------------------------------------------------------------------------- derived facts


@dataclass(frozen=True)
class Facts:
    """What the rules read: the findings plus a few conclusions drawn once."""

    findings: Findings
    volume_concern: bool
    merz_max: int | None
    skin_signs: tuple[str, ...]  # readable skin findings: concerns and examination signs
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
        """Whether the procedure ends up in the plan (before the suspicious-spot stop)."""
        if procedure == "fat_transfer":
            return self.volume_indicated and not self.donor_insufficient and not self.blocked(procedure)
        return self.skin_indicated and not self.blocked(procedure)


def _merz_text(f: Findings) -> str:
    def side(value, name):
        return f"{value} ({name})" if value is not None else f"not graded ({name})"

    return f"Merz grade {side(f.merz_left, 'left')} / {side(f.merz_right, 'right')}"


def _volume_finding(facts: Facts) -> str:
    named = [CONCERN_LABELS[c] for c in VOLUME_CONCERNS if c in facts.findings.concerns]
    return f"{', '.join(named).capitalize()} with {_merz_text(facts.findings)}"


def _skin_signs(f: Findings) -> tuple[str, ...]:
    signs = [CONCERN_LABELS[c].capitalize() for c in SKIN_CONCERNS if c in f.concerns]
    for hand, quality in (("left", f.skin_left), ("right", f.skin_right)):
        for name, values in _SKIN_EXAM_SIGNS.items():
            value = getattr(quality, name, None) if quality else None
            if value in values:
                signs.append(f"{value.replace('_', ' ').capitalize()} {name} ({hand})")
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


def _screening(reasons: Iterable[Reason]) -> tuple[str, ...]:
    return tuple(f"Screening: {r.text}" for r in reasons)


def _waits(facts: Facts, procedure: str) -> str:
    waits = "; ".join(dict.fromkeys(r.wait for r in facts.reasons(procedure, "defer") if r.wait))
    return waits or "see the screening"


# ----------------------------------------------------------------------------- the table


@dataclass(frozen=True)
class RecommendationRule:
    """One row of the table: when it applies, the line it adds, the procedure it recommends."""

    code: str
    applies: Callable[[Facts], bool]
    text: Callable[[Facts], str]
    findings: Callable[[Facts], tuple[str, ...]]
    procedure: str | None = None
    final: bool = False  # nothing after this row is considered


RULES: tuple[RecommendationRule, ...] = (
    RecommendationRule(
        "refer_dermatology",
        lambda x: x.suspicious,
        lambda x: "Refer to a dermatologist to assess the suspicious spot before any treatment of the hands. "
        "Nothing else is recommended until the spot has been cleared.",
        lambda x: ("Suspicious spot on the back of the hand",),
        final=True,
    ),
    RecommendationRule(
        "fat_transfer_not_feasible",
        lambda x: x.volume_indicated and x.donor_insufficient,
        lambda x: "Fat transfer is not feasible: there is not enough fat to harvest. " + _filler_alternative(x),
        lambda x: (_volume_finding(x), "Donor fat: insufficient"),
    ),
    RecommendationRule(
        "fat_transfer_contraindicated",
        # Lack of donor fat alone has its own line above.
        lambda x: x.volume_indicated and x.blocked("fat_transfer")
        and (bool(x.ruled_out("fat_transfer")) or not x.donor_insufficient),
        lambda x: "Fat transfer is not recommended: screening rules it out. " + (
            _filler_alternative(x) if _filler_alternative(x) == NO_FILLER else
            "The alternative for volume is a hyaluronic-acid or calcium hydroxylapatite filler, "
            "if it is safe for this patient."),
        lambda x: (_volume_finding(x), *_screening(x.ruled_out("fat_transfer"))),
    ),
    RecommendationRule(
        "fat_transfer_after_wait",
        lambda x: x.planned("fat_transfer") and x.level("fat_transfer") == "defer",
        lambda x: f"Fat transfer to the backs of the hands to restore volume, after the wait: {_waits(x, 'fat_transfer')}. "
        + _filler_alternative(x),
        lambda x: (_volume_finding(x), *_screening(x.reasons("fat_transfer", "defer"))),
        procedure="fat_transfer",
    ),
    RecommendationRule(
        "fat_transfer",
        lambda x: x.planned("fat_transfer") and x.level("fat_transfer") != "defer",
        lambda x: "Fat transfer to the backs of the hands to restore volume. " + _filler_alternative(x),
        lambda x: (_volume_finding(x),),
        procedure="fat_transfer",
    ),
    RecommendationRule(
        "donor_fat_limited",
        lambda x: x.planned("fat_transfer") and x.findings.donor_fat == "limited",
        lambda x: "Donor fat is limited: about 2 mL is harvested for each 1 mL injected, and the usual volume is "
        f"about {_volume_range()} mL per hand. Confirm enough can be harvested, or plan a filler.",
        lambda x: ("Donor fat: limited",),
    ),
    RecommendationRule(
        "volume_mild",
        lambda x: x.volume_mild,
        lambda x: f"Volume loss is mild: fat transfer is not indicated now. Both hands are below the clinic's "
        f"threshold of Merz grade {x.merz_threshold.grade} for volume treatment, a figure "
        f"{x.merz_threshold.borrowed_from}.",
        lambda x: (_volume_finding(x), f"Clinic threshold: {x.merz_threshold.label}, {x.merz_threshold.grade} "
                   f"(evidence [{x.merz_threshold.evidence}])"),
    ),
    RecommendationRule(
        "grade_hands_first",
        lambda x: x.volume_concern and x.merz_max is None,
        lambda x: "Grade both hands on the Merz scale before deciding on volume treatment.",
        lambda x: (_volume_finding(x),),
    ),
    RecommendationRule(
        "mesotherapy_contraindicated",
        lambda x: x.skin_indicated and x.blocked("mesotherapy"),
        lambda x: "Mesotherapy is not recommended: screening rules it out. No other treatment for skin quality "
        "is advised for now; this can be reviewed if the reason no longer applies.",
        lambda x: (*x.skin_signs, *_screening(x.ruled_out("mesotherapy"))),
    ),
    RecommendationRule(
        "mesotherapy_after_wait",
        lambda x: x.planned("mesotherapy") and x.level("mesotherapy") == "defer",
        lambda x: "A series of hand mesotherapy sessions to improve skin hydration, elasticity and texture, "
        f"after the wait: {_waits(x, 'mesotherapy')}.",
        lambda x: (*x.skin_signs, *_screening(x.reasons("mesotherapy", "defer"))),
        procedure="mesotherapy",
    ),
    RecommendationRule(
        "mesotherapy",
        lambda x: x.planned("mesotherapy") and x.level("mesotherapy") != "defer",
        lambda x: "A series of hand mesotherapy sessions to improve skin hydration, elasticity and texture.",
        lambda x: x.skin_signs,
        procedure="mesotherapy",
    ),
    RecommendationRule(
        "mesotherapy_no_volume",
        lambda x: x.volume_concern and not x.skin_indicated,
        lambda x: "Mesotherapy alone is not enough for these concerns: it restores no volume and does not change "
        "how visible veins and tendons are.",
        lambda x: (_volume_finding(x),),
    ),
    RecommendationRule(
        "combined",
        lambda x: x.planned("fat_transfer") and x.planned("mesotherapy"),
        lambda x: "Combined protocol: fat transfer for volume and a mesotherapy series for skin quality.",
        lambda x: (_volume_finding(x), *x.skin_signs),
    ),
    RecommendationRule(
        "fat_transfer_caution",
        lambda x: x.planned("fat_transfer") and bool(x.reasons("fat_transfer", "caution")),
        lambda x: "Fat transfer needs extra care for the screening points found: anything not known is confirmed "
        "first, and the reason to go ahead is recorded (a justification, doctor's letter or counselling note).",
        lambda x: _screening(x.reasons("fat_transfer", "caution")),
    ),
    RecommendationRule(
        "mesotherapy_caution",
        lambda x: x.planned("mesotherapy") and bool(x.reasons("mesotherapy", "caution")),
        lambda x: "Mesotherapy needs extra care for the screening points found: anything not known is confirmed "
        "first, and the reason to go ahead is recorded (a justification, doctor's letter or counselling note).",
        lambda x: _screening(x.reasons("mesotherapy", "caution")),
    ),
    RecommendationRule(
        "screening_missing",
        lambda x: any(x.planned(p) and x.level(p) is None for p in PROCEDURES),
        lambda x: "Screening has not been recorded for "
        + " and ".join(p.replace("_", " ") for p in PROCEDURES if x.planned(p) and x.level(p) is None)
        + ": complete it before treatment.",
        lambda x: (),
    ),
    RecommendationRule(
        "refer_pigment",
        lambda x: x.lentigines,
        lambda x: "Refer for the age spots (lentigines): pigment laser, IPL or topical tretinoin. "
        "Mesotherapy does not treat them.",
        lambda x: ("Age spots (lentigines)",),
    ),
    RecommendationRule(
        "other_concern",
        lambda x: "other" in x.findings.concerns,
        lambda x: "Other concern noted: assess and discuss it separately; these rules do not cover it.",
        lambda x: ("Other concern",),
    ),
    RecommendationRule(
        "no_indication",
        lambda x: not x.volume_concern and not x.skin_indicated,
        lambda x: "No finding calls for fat transfer or mesotherapy.",
        lambda x: (),
    ),
)
"""The recommendation rules, in the order their lines are shown."""


def recommend(findings: Findings, rules: tuple[RecommendationRule, ...] = RULES,
              merz_threshold: MerzThreshold | None = None) -> Recommendation:
    """Walk the rule table over the findings and collect the lines and the recommended procedures.

    A procedure whose screening verdict is contraindicated is never recommended; a deferred one is
    recommended "after the wait"; a suspicious spot stops everything but the referral.
    """
    facts = derive_facts(findings, merz_threshold)
    lines: list[RecommendationLine] = []
    procedures: set[str] = set()
    for rule in rules:
        if not rule.applies(facts):
            continue
        lines.append(RecommendationLine(rule.code, rule.text(facts), tuple(rule.findings(facts)), rule.procedure))
        if rule.procedure:
            procedures.add(rule.procedure)
        if rule.final:
            break
    return Recommendation(tuple(lines), tuple(p for p in PROCEDURES if p in procedures))


def _volume_range() -> str:
    """The usual fat volume per hand, as the fat-transfer protocol states it (one range for
    the consent, the recommendation and the session)."""
    from rejuv_desktop.domain.protocols import load_protocol

    low, high = load_protocol("fat_transfer").volume_per_hand_ml or (10, 30)
    return f"{low} to {high}"


# ----------------------------------------------------------------------------- storing

def to_dict(recommendation: Recommendation) -> dict:
    """A JSON-able copy of a recommendation, for storing with the consultation."""
    return {"procedures": list(recommendation.procedures),
            "lines": [{"code": l.code, "text": l.text, "findings": list(l.findings),
                       "procedure": l.procedure} for l in recommendation.lines]}


def from_dict(stored: dict | None) -> Recommendation:
    """A stored recommendation (``to_dict``) read back; an empty one for nothing stored."""
    stored = stored or {}
    return Recommendation(
        tuple(RecommendationLine(l.get("code", ""), l.get("text", ""),
                                 tuple(l.get("findings") or ()), l.get("procedure"))
              for l in stored.get("lines") or ()),
        tuple(stored.get("procedures") or ()))
