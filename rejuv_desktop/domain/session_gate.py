"""The session gate: may a planned session start today?

A session waits for all of these, whichever ends last:
- the date the plan gives that session;
- the end of the reflection (cooling-off) period, counted from the later of the consultation
  and the consent issued for the plan;
- the end of a screening deferral counted in days (unless a doctor overrode it when planning);
- the protocol's minimum spacing after any earlier session on the same hands, of this
  procedure (between sessions of a series) or another (mesotherapy after a fat graft).

Starting before that needs a doctor's written reason (the services record it). Pure: the day
is passed in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Iterable

from rejuv_desktop.domain.plan_binding import fmt
from rejuv_desktop.domain.protocols import Protocol


@dataclass(frozen=True)
class Earlier:
    """A session already held (or under way) for the same patient."""

    procedure: str
    day: date
    sides: frozenset[str]
    name: str  # the procedure in plain words


@dataclass(frozen=True)
class Wait:
    """One reason the session cannot start before ``until``."""

    code: str  # planned_date, reflection, deferral, spacing, devis_reflection
    until: date
    text: str
    verified: bool = True
    source: str = ""
    waivable: bool = True
    """False when no one may start earlier (a legal delay that cannot be waived)."""
    params: dict = field(default_factory=dict, compare=False)
    """What the words for ``code`` need, for a wait the core leaves the UI to word (``text``
    empty)."""


def waits(protocol: Protocol, today: date, *, planned: date | None, reflection_end: date | None,
          deferral_end: date | None, earlier: Iterable[Earlier],
          sides: frozenset[str]) -> list[Wait]:
    """Every reason the session may not start on ``today``; empty when it may."""
    out: list[Wait] = []
    if planned and today < planned:
        out.append(Wait("planned_date", planned, f"The plan dates this session {fmt(planned)}."))
    if reflection_end and today < reflection_end:
        out.append(Wait("reflection", reflection_end,
                        f"The reflection period after the consultation and consent ends "
                        f"{fmt(reflection_end)}."))
    if deferral_end and today < deferral_end:
        out.append(Wait("deferral", deferral_end,
                        f"The screening deferred this procedure until {fmt(deferral_end)}."))
    for e in earlier:
        rule = protocol.spacing_after(e.procedure)
        if rule is None or not (e.sides & sides):
            continue
        until = e.day + timedelta(days=rule.days)
        if today < until:
            out.append(Wait("spacing", until,
                            f"{rule.days} days must pass after the {e.name} session of "
                            f"{fmt(e.day)} on the same hands (until {fmt(until)}): {rule.reason}",
                            rule.verified, rule.source))
    return out


def unwaivable(found: list[Wait]) -> list[Wait]:
    """The waits no doctor's reason can lift."""
    return [w for w in found if not w.waivable]


def earliest(found: list[Wait]) -> date | None:
    """The first day every wait has ended, None when nothing waits."""
    return max((w.until for w in found), default=None)
