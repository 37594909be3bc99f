"""The clinic audit's arithmetic: rates with Wilson 95 % intervals, responders, GAIS, satisfaction,
complication rates per session beside the published figures, and loss to follow-up.

Pure: the service gathers plain facts (one per hand graded, per outcome visit, per treated
session) and this module counts them. Every rate is a fraction between 0 and 1; a rate from no
cases is None, never 0.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from rejuv_desktop.domain.outcomes import ANY, TOUCH_UP, OutcomesContent, gais_improved, responder

Z95 = 1.959963984540054
"""The normal quantile for a two-sided 95 % interval."""
NO_BASELINE = -1
"""The baseline group of a hand or session whose baseline grade was not recorded."""


def wilson(successes: int, total: int, z: float = Z95) -> tuple[float, float] | None:
    """The Wilson score interval of ``successes`` out of ``total`` (None when total is 0).

    The usual interval for a proportion from small numbers: unlike p ± z·SE it never leaves
    [0, 1] and is not zero-wide at 0 or n events (Newcombe, Stat Med 1998).
    """
    if total < 0 or not 0 <= successes <= total:
        raise ValueError(f"need 0 <= successes <= total, got {successes} of {total}")
    if total == 0:
        return None
    p = successes / total
    denominator = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denominator
    half = z / denominator * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total))
    # At 0 or n events the bound is exactly 0 or 1 (rounding would leave 0.9999999...).
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == total else min(1.0, centre + half)
    return low, high


@dataclass(frozen=True)
class Rate:
    """``count`` of ``total``, as a fraction with its Wilson 95 % interval."""

    count: int
    total: int

    @property
    def rate(self) -> float | None:
        return self.count / self.total if self.total else None

    @property
    def interval(self) -> tuple[float, float] | None:
        return wilson(self.count, self.total)

    @property
    def ci_low(self) -> float | None:
        return self.interval[0] if self.total else None

    @property
    def ci_high(self) -> float | None:
        return self.interval[1] if self.total else None


# --- facts, as the service gathers them ------------------------------------------------------------

@dataclass(frozen=True)
class HandGrade:
    """One hand graded at an outcome visit, with its grade at baseline."""

    procedure: str
    months: int
    baseline: int
    grade: int
    n: int = 1
    """How many hands alike (the service may count alike facts together)."""


@dataclass(frozen=True)
class OutcomeVisit:
    """An outcome visit (a follow-up with an audit time point) in the audit's period."""

    procedure: str
    months: int
    closed: bool
    """Its window has closed: it was due, whether or not it took place."""
    assessed: bool
    baseline: int = NO_BASELINE
    """The worse hand's Merz grade at baseline."""
    gais_practitioner: int | None = None
    gais_patient: int | None = None
    satisfaction: int | None = None
    touch_up_wanted: bool | None = None
    n: int = 1


@dataclass(frozen=True)
class TreatedSession:
    """A completed session in the period, with the complication types recorded against it."""

    procedure: str
    baseline: int = NO_BASELINE
    complications: frozenset[str] = frozenset()
    n: int = 1


# --- figures --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Responders:
    months: int
    rate: Rate
    by_baseline: dict[int, Rate] = field(default_factory=dict)


@dataclass(frozen=True)
class GaisFigure:
    months: int
    rater: str
    """``practitioner`` or ``patient``."""
    rate: Rate
    by_baseline: dict[int, Rate] = field(default_factory=dict)


@dataclass(frozen=True)
class Satisfaction:
    months: int
    rate: Rate
    """Satisfied (from the content's cut-off up) of those asked."""
    points: dict[int, int]
    """How many answered each point of the scale."""
    by_baseline: dict[int, Rate] = field(default_factory=dict)


@dataclass(frozen=True)
class ComplicationFigure:
    type: str
    """A complication type, ``any`` or ``touch_up``."""
    rate: Rate
    """Sessions with at least one such complication, of the sessions in the period."""
    published_rate: float | None
    by_baseline: dict[int, Rate] = field(default_factory=dict)


@dataclass(frozen=True)
class Lost:
    months: int
    due: int
    done: int

    @property
    def lost(self) -> Rate:
        return Rate(self.due - self.done, self.due)


@dataclass(frozen=True)
class ProcedureAudit:
    procedure: str
    sessions: int
    responders: tuple[Responders, ...]
    gais: tuple[GaisFigure, ...]
    satisfaction: tuple[Satisfaction, ...]
    complications: tuple[ComplicationFigure, ...]
    lost_to_follow_up: tuple[Lost, ...]
    touch_up: ComplicationFigure | None = None
    """A touch-up wanted at the last visit that asks it, of the patients asked there, beside
    the published second-graft figure."""

    def lost_at(self, months: int) -> Lost | None:
        return next((x for x in self.lost_to_follow_up if x.months == months), None)


def _by(items, key, hit) -> tuple[Rate, dict[int, Rate]]:
    """How many of ``items`` (each weighing ``n``) are hits, overall and by ``key``."""
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for item in items:
        c = counts[key(item)]
        c[1] += item.n
        if hit(item):
            c[0] += item.n
    groups = {k: Rate(*v) for k, v in sorted(counts.items())}
    return (Rate(sum(r.count for r in groups.values()), sum(r.total for r in groups.values())),
            groups)


def audit_procedure(procedure: str, months_assessing: dict[int, tuple[str, ...]],
                    hands: list[HandGrade], visits: list[OutcomeVisit],
                    sessions: list[TreatedSession], content: OutcomesContent) -> ProcedureAudit:
    """Every figure of one procedure.

    ``months_assessing``: the audit's time points for this procedure (from its protocol's
    follow-ups) with what each visit assesses; figures are given only for what is assessed.
    """
    hands = [h for h in hands if h.procedure == procedure]
    visits = [v for v in visits if v.procedure == procedure]
    sessions = [s for s in sessions if s.procedure == procedure]
    responders, gais, satisfaction, lost = [], [], [], []
    for months in sorted(months_assessing):
        asks = months_assessing[months]
        at = [v for v in visits if v.months == months]
        done = [v for v in at if v.assessed]
        lost.append(Lost(months, sum(v.n for v in at if v.closed or v.assessed),
                         sum(v.n for v in done)))
        if "merz" in asks:
            graded = [h for h in hands if h.months == months]
            rate, groups = _by(graded, lambda h: h.baseline, lambda h: responder(h.baseline, h.grade))
            responders.append(Responders(months, rate, groups))
        for rater in ("practitioner", "patient"):
            if f"gais_{rater}" in asks:
                rated = [v for v in done if getattr(v, f"gais_{rater}") is not None]
                rate, groups = _by(rated, lambda v: v.baseline,
                                   lambda v, r=rater: gais_improved(getattr(v, f"gais_{r}")))
                gais.append(GaisFigure(months, rater, rate, groups))
        if "satisfaction" in asks:
            points = {value: 0 for value, _ in content.satisfaction_points}
            for v in done:
                if v.satisfaction is not None:
                    points[v.satisfaction] = points.get(v.satisfaction, 0) + v.n
            rate, groups = _by([v for v in done if v.satisfaction is not None],
                               lambda v: v.baseline,
                               lambda v: v.satisfaction >= content.satisfied_from)
            satisfaction.append(Satisfaction(months, rate, points, groups))
    figures = []
    types = [t.id for t in content.complication_types] + [ANY]
    for type_ in types:
        rate, groups = _by(sessions, lambda s: s.baseline,
                           lambda s, t=type_: bool(s.complications) if t == ANY
                           else t in s.complications)
        published = content.published_rate(procedure, type_)
        figures.append(ComplicationFigure(type_, rate, published.rate if published else None,
                                          groups))
    touch_up = None
    touch_up_months = [m for m, asks in months_assessing.items() if "touch_up" in asks]
    if touch_up_months:
        last = max(touch_up_months)
        answered = [v for v in visits if v.months == last and v.touch_up_wanted is not None]
        rate, groups = _by(answered, lambda v: v.baseline, lambda v: bool(v.touch_up_wanted))
        published = content.published_rate(procedure, TOUCH_UP)
        touch_up = ComplicationFigure(TOUCH_UP, rate, published.rate if published else None,
                                      groups)
    return ProcedureAudit(procedure, sum(s.n for s in sessions), tuple(responders), tuple(gais),
                          tuple(satisfaction), tuple(figures), tuple(lost), touch_up)


def _rate_fields(rate: Rate) -> dict:
    return {"rate": rate.rate, "ci_low": rate.ci_low, "ci_high": rate.ci_high}


def audit_json(audits: list[ProcedureAudit]) -> dict:
    """The command line's ``--json`` shape: ``procedures`` mapping each procedure id to its
    ``responders``, ``complications`` and ``lost_to_follow_up`` (fractions between 0 and 1)."""
    out = {}
    for a in audits:
        out[a.procedure] = {
            "responders": [{"months": r.months, "hands": r.rate.total,
                            "responders": r.rate.count, **_rate_fields(r.rate)}
                           for r in a.responders],
            "complications": [{"type": c.type, "sessions": c.rate.total,
                               "events": c.rate.count, **_rate_fields(c.rate),
                               "published_rate": c.published_rate} for c in a.complications],
            "lost_to_follow_up": [{"months": x.months, "due": x.due, "done": x.done}
                                  for x in a.lost_to_follow_up],
        }
    return {"procedures": out}
