"""Outcomes as content and as records: what a follow-up assesses, the complication log's codes,
and the checks a follow-up assessment or a complication must pass before it is kept.

The lists (complication types, severities, sites, the satisfaction points, published figures)
come from ``resources/outcomes.toml``; records keep their codes. Pure: no Qt, no SQL, no clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from rejuv_desktop.content import ContentFile, load_toml, resource_path
from rejuv_desktop.domain.evidence import EVIDENCE, UNVERIFIED
from rejuv_desktop.errors import ValidationError

DEFAULT_PATH = "outcomes.toml"
ASSESSMENT_CODES = ("merz", "gais_practitioner", "gais_patient", "satisfaction", "touch_up",
                    "hand_q")
"""What a follow-up form knows how to ask; a protocol's follow-up lists some of these."""
SIDES = ("left", "right")
MERZ_GRADES = (0, 1, 2, 3, 4)
GAIS_SCORES = (1, 2, 3, 4, 5)
GAIS_IMPROVED_AT_MOST = 3
"""GAIS 1 to 3 ("improved" or better) counts as a responder (clinical-facts 1.3)."""
ANY = "any"
TOUCH_UP = "touch_up"

# Problems with what was entered, by field: codes the UI turns into words.
REQUIRED = "required"
OUT_OF_RANGE = "out_of_range"
NOT_ASKED = "not_asked"
NOT_TREATED = "side_not_treated"
SCORE_WITHOUT_TAKEN = "score_without_taken"
TOO_LONG = "too_long"
IN_FUTURE = "in_future"
BEFORE_SESSION = "before_session"
BEFORE_ONSET = "before_onset"
REPORTED_TO_NOBODY = "reported_to_nobody"


@dataclass(frozen=True)
class Choice:
    """One entry of a content list: the stored code and what a person reads."""

    id: str
    label: str
    needs_detail: bool = False
    flags_record: bool = False
    note: str = ""


@dataclass(frozen=True)
class Published:
    """A published rate shown beside the clinic's own (a fraction, 0.07 = 7 %)."""

    procedure: str
    type: str
    rate: float
    label: str
    source: str
    evidence: str


@dataclass(frozen=True)
class OutcomesContent:
    id: str
    version: str
    assessments: tuple[Choice, ...]
    complication_types: tuple[Choice, ...]
    severities: tuple[Choice, ...]
    sites: tuple[Choice, ...]
    satisfaction_points: tuple[tuple[int, str], ...]
    satisfied_from: int
    hand_q_range: tuple[float, float]
    published: tuple[Published, ...] = field(default=())

    def label(self, kind: str, code: str) -> str:
        """The label of a code in one of the lists (the code itself if the clinic removed it)."""
        for c in getattr(self, kind):
            if c.id == code:
                return c.label
        return code

    def published_rate(self, procedure: str, type_: str) -> Published | None:
        return next((p for p in self.published if p.procedure == procedure and p.type == type_),
                    None)

    def flagging_severities(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.severities if s.flags_record)


def _choices(cf: ContentFile, key: str, allowed: set[str]) -> tuple[Choice, ...]:
    rows = cf.data.get(key)
    if not isinstance(rows, list) or not rows:
        raise cf.error(f"missing [[{key}]] entries")
    out, seen = [], set()
    for row in rows:
        for k in row:
            if k not in allowed:
                raise cf.error(f"unknown key '{k}' in [[{key}]]", f"{k} =")
        cid, label = row.get("id"), row.get("label")
        if not isinstance(cid, str) or not cid.strip():
            raise cf.error(f"every [[{key}]] entry needs an id", f"[[{key}]]")
        if cid in seen:
            raise cf.error(f"[[{key}]] id '{cid}' is given twice", f'id = "{cid}"')
        if not isinstance(label, str) or not label.strip():
            raise cf.error(f"[[{key}]] '{cid}' needs a label", f'id = "{cid}"')
        seen.add(cid)
        out.append(Choice(cid, label.strip(), bool(row.get("needs_detail", False)),
                          bool(row.get("flags_record", False)), str(row.get("note", ""))))
    return tuple(out)


def parse_outcomes(cf: ContentFile) -> OutcomesContent:
    """Check a parsed outcomes file; a mistake names the file and line."""
    top = {"id", "version", "assessments", "satisfaction", "hand_q", "complication_types",
           "severities", "sites", "published"}
    for key in cf.data:
        if key not in top:
            raise cf.error(f"unknown top-level key '{key}'", key)
    for key in ("id", "version"):
        if not isinstance(cf.data.get(key), str) or not cf.data[key].strip():
            raise cf.error(f"'{key}' must be given as text at the top of the file", key)
    assessments = _choices(cf, "assessments", {"id", "label", "source", "evidence", "note"})
    unknown = [a.id for a in assessments if a.id not in ASSESSMENT_CODES]
    if unknown:
        raise cf.error(f"unknown assessment '{unknown[0]}' (the form knows: "
                       f"{', '.join(ASSESSMENT_CODES)})", f'"{unknown[0]}"')
    types = _choices(cf, "complication_types", {"id", "label", "needs_detail"})
    if any(t.id in (ANY, TOUCH_UP) for t in types):
        raise cf.error(f"'{ANY}' and '{TOUCH_UP}' are reserved for published figures", "[[complication_types]]")
    severities = _choices(cf, "severities", {"id", "label", "flags_record"})
    sites = _choices(cf, "sites", {"id", "label"})
    sat = cf.data.get("satisfaction")
    if not isinstance(sat, dict):
        raise cf.error("missing [satisfaction] table")
    points = []
    for p in sat.get("points", []):
        value, label = p.get("value"), p.get("label")
        if isinstance(value, bool) or not isinstance(value, int) or not isinstance(label, str):
            raise cf.error("each [[satisfaction.points]] needs a whole-number value and a label",
                           "[[satisfaction.points]]")
        points.append((value, label))
    values = [v for v, _ in points]
    if values != list(range(1, 6)):
        raise cf.error("[[satisfaction.points]] must be the values 1 to 5 in order",
                       "[[satisfaction.points]]")
    satisfied_from = sat.get("satisfied_from")
    if satisfied_from not in values:
        raise cf.error("[satisfaction] satisfied_from must be one of the points", "satisfied_from")
    hq = cf.data.get("hand_q") or {}
    low, high = hq.get("score_min", 0), hq.get("score_max", 100)
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (low, high)) \
            or low >= high:
        raise cf.error("[hand_q] needs score_min below score_max", "[hand_q]")
    type_ids = {t.id for t in types} | {ANY, TOUCH_UP}
    published = []
    for row in cf.data.get("published", []):
        rate, type_ = row.get("rate"), row.get("type")
        where = f'type = "{type_}"'
        if type_ not in type_ids:
            raise cf.error(f"[[published]] type '{type_}' is not a complication type, "
                           f"'{ANY}' or '{TOUCH_UP}'", where)
        if not isinstance(row.get("procedure"), str) or not row["procedure"]:
            raise cf.error("[[published]] needs a procedure", where)
        if isinstance(rate, bool) or not isinstance(rate, (int, float)) or not 0 <= rate <= 1:
            raise cf.error("[[published]] rate must be a fraction from 0 to 1 (0.07 = 7 %)",
                           f"rate = {rate}")
        evidence = row.get("evidence", UNVERIFIED)
        if evidence not in EVIDENCE:
            raise cf.error(f"'evidence' must be one of {', '.join(EVIDENCE)}", "evidence =")
        published.append(Published(row["procedure"], type_, float(rate), str(row.get("label", "")),
                                   str(row.get("source", "")), evidence))
    return OutcomesContent(cf.data["id"], cf.data["version"], assessments, types, severities,
                           sites, tuple(points), satisfied_from, (float(low), float(high)),
                           tuple(published))


@lru_cache(maxsize=1)
def _default() -> OutcomesContent:
    return parse_outcomes(load_toml(resource_path(DEFAULT_PATH)))


def load_outcomes(path: Path | str | None = None) -> OutcomesContent:
    """The outcomes content; the packaged (or clinic's) file, cached, when no path is given."""
    if path is None:
        return _default()
    return parse_outcomes(load_toml(path))


# --- records ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Assessment:
    """What was assessed at a follow-up visit. None: not asked or not answered."""

    merz: dict[str, int] = field(default_factory=dict)
    """Merz grade per side ("left", "right"), as graded at this visit."""
    gais_practitioner: int | None = None
    gais_patient: int | None = None
    satisfaction: int | None = None
    touch_up_wanted: bool | None = None
    hand_q_taken: bool = False
    hand_q_score: float | None = None
    notes: str = ""


def check_assessment(a: Assessment, asks: tuple[str, ...], content: OutcomesContent,
                     sides: tuple[str, ...] = SIDES) -> dict[str, str]:
    """Problems with an assessment against what the visit asks (``asks``: codes): a problem
    code by field.

    Everything the visit asks must be answered (the Merz grade of each treated hand); what it
    does not ask must be left empty, so a record never holds an answer nobody was asked for.
    """
    errors: dict[str, str] = {}
    if "merz" in asks:
        for side in sides:
            grade = a.merz.get(side)
            if grade is None:
                errors[f"merz_{side}"] = REQUIRED
            elif isinstance(grade, bool) or grade not in MERZ_GRADES:
                errors[f"merz_{side}"] = OUT_OF_RANGE
        for side in a.merz:
            if side not in sides:
                errors[f"merz_{side}"] = NOT_TREATED
    elif a.merz:
        errors["merz"] = NOT_ASKED
    for code, value, allowed in (("gais_practitioner", a.gais_practitioner, GAIS_SCORES),
                                 ("gais_patient", a.gais_patient, GAIS_SCORES),
                                 ("satisfaction", a.satisfaction,
                                  tuple(v for v, _ in content.satisfaction_points))):
        if code in asks:
            if value is None:
                errors[code] = REQUIRED
            elif isinstance(value, bool) or value not in allowed:
                errors[code] = OUT_OF_RANGE
        elif value is not None:
            errors[code] = NOT_ASKED
    if "touch_up" in asks:
        if a.touch_up_wanted is None:
            errors["touch_up"] = REQUIRED
    elif a.touch_up_wanted is not None:
        errors["touch_up"] = NOT_ASKED
    if "hand_q" in asks:
        if a.hand_q_taken:
            low, high = content.hand_q_range
            if a.hand_q_score is None:
                errors["hand_q_score"] = REQUIRED
            elif not low <= a.hand_q_score <= high:
                errors["hand_q_score"] = OUT_OF_RANGE
        elif a.hand_q_score is not None:
            errors["hand_q_score"] = SCORE_WITHOUT_TAKEN
    elif a.hand_q_taken or a.hand_q_score is not None:
        errors["hand_q_score"] = NOT_ASKED
    if len(a.notes) > 4000:
        errors["notes"] = TOO_LONG
    return errors


@dataclass(frozen=True)
class Complication:
    """A complication as entered (codes from the outcomes content)."""

    session_id: int
    type: str
    severity: str
    site: str
    onset: date
    detail: str = ""
    resolved: date | None = None
    treatment: str = ""
    product_lot: str = ""
    reported_regulator: bool = False
    reported_maker: bool = False
    report_reference: str = ""
    follow_up_id: int | None = None


def check_complication(c: Complication, content: OutcomesContent, today: date,
                       session_date: date | None) -> dict[str, str]:
    """Problems with a complication: a problem code by field (the dialog words each beside
    its field)."""
    errors: dict[str, str] = {}
    types = {t.id: t for t in content.complication_types}
    if c.type not in types:
        errors["type"] = REQUIRED
    elif types[c.type].needs_detail and not c.detail.strip():
        errors["detail"] = REQUIRED
    if c.severity not in {s.id for s in content.severities}:
        errors["severity"] = REQUIRED
    if c.site not in {s.id for s in content.sites}:
        errors["site"] = REQUIRED
    if c.onset > today:
        errors["onset"] = IN_FUTURE
    elif session_date is not None and c.onset < session_date:
        errors["onset"] = BEFORE_SESSION
    if c.resolved is not None:
        if c.resolved < c.onset:
            errors["resolved"] = BEFORE_ONSET
        elif c.resolved > today:
            errors["resolved"] = IN_FUTURE
    if (c.reported_regulator or c.reported_maker) is False and c.report_reference.strip():
        errors["report_reference"] = REPORTED_TO_NOBODY
    for key, text, limit in (("detail", c.detail, 500), ("treatment", c.treatment, 4000),
                             ("product_lot", c.product_lot, 100),
                             ("report_reference", c.report_reference, 200)):
        if len(text) > limit:
            errors[key] = TOO_LONG
    return errors


def responder(baseline: int, follow_up: int) -> bool:
    """A hand responds when its Merz grade is at least one better (lower) than at baseline."""
    return follow_up <= baseline - 1


def gais_improved(score: int) -> bool:
    """GAIS "improved" or better."""
    return score <= GAIS_IMPROVED_AT_MOST


def validate(a: Assessment, asks, content: OutcomesContent, sides=SIDES) -> None:
    """Raise ``ValidationError`` with every problem of an assessment."""
    errors = check_assessment(a, tuple(asks), content, tuple(sides))
    if errors:
        raise ValidationError(errors)
