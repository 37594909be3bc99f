"""How the screening verdict and the recommendation bind the plan.

- A contraindicated procedure is never planned.
- A deferred procedure is planned only with a first session after its wait (the wait in days
  comes from the screening content, counted from the consultation), or with a doctor's written
  override. A wait that lasts until something resolves (pregnancy, a skin infection) has no
  date: nothing can be planned before a new screening, unless a doctor overrides.
- A procedure the recommendation does not support is planned only with a written reason.
- A first session before the end of the reflection (cooling-off) period is allowed but flagged:
  the session gate refuses to start it early without a doctor's written reason.

Pure functions of the consultation data and the day of the consultation; no clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Mapping

from rejuv_desktop.domain import screening as scr

COOLING_OFF_DAYS_DEFAULT = 14
"""Reflection period before a first session. Plastic surgeons (BAAPS) offer two weeks before
cosmetic surgery (reported by MDDUS, 2015); the GMC fixes no length. A clinic setting."""

PLAN_HORIZON_DAYS = 730
"""The latest first session a plan may hold, counted from the consultation (two years)."""

MIN_REASON_CHARS = 10
"""A written reason shorter than this is not a reason (an override, an early start)."""


def fmt(day: date) -> str:
    """The app's one date format on screen and in messages."""
    return f"{day:%d/%m/%Y}"


@dataclass(frozen=True)
class Binding:
    """What the screening and the recommendation allow for one procedure."""

    procedure: str
    level: str
    recommended: bool
    wait_until: date | None
    """First allowed day of a deferral counted in days (None: no timed wait)."""
    open_ended: bool
    """A deferral that lasts until something resolves: it has no date."""
    waits: tuple[str, ...]

    @property
    def deferred(self) -> bool:
        return self.level == "defer"


def binding(procedure: str, verdict: scr.Verdict, recommended: bool, today: date) -> Binding:
    """The constraints a verdict puts on planning ``procedure`` at a consultation on ``today``."""
    defers = [r for r in verdict.reasons if r.level == "defer"]
    days = [r.wait_days for r in defers if r.wait_days]
    open_ended = any(not r.wait_days for r in defers)
    until = today + timedelta(days=max(days)) if days else None
    return Binding(procedure, verdict.level, recommended, until, open_ended,
                   tuple(dict.fromkeys(r.wait for r in defers if r.wait)))


def needs_justification(verdict: scr.Verdict) -> bool:
    """A procedure with any point of caution (an unknown answer included) is planned only with
    a written justification, whatever else the verdict says: a doctor's override of a deferral
    answers the deferral, not the caution beside it."""
    return verdict.level == "caution" or (
        verdict.level != "contraindicated" and any(r.level == "caution" for r in verdict.reasons))


def written(data: Mapping, key: str, procedure: str) -> dict | None:
    """A written entry (override, unsupported-procedure reason) with its text, or None."""
    entries = data.get(key) if isinstance(data, Mapping) else getattr(data, key, None)
    entry = (entries or {}).get(procedure)
    if isinstance(entry, dict) and str(entry.get("text", "")).strip():
        return entry
    return None


def override(data: Mapping, procedure: str) -> dict | None:
    """The doctor's override of a deferral, when one is written."""
    return written(data, "overrides", procedure)


def unsupported_reason(data: Mapping, procedure: str) -> dict | None:
    """Why a procedure the recommendation does not support is planned, when written."""
    return written(data, "unsupported_reasons", procedure)


def too_short(data: Mapping, key: str, procedure: str) -> bool:
    """A written entry is there but says too little to stand as a reason."""
    entry = written(data, key, procedure)
    return entry is not None and len(str(entry["text"]).strip()) < MIN_REASON_CHARS


def reflection_end(given_on: date, cooling_off_days: int) -> date:
    """The first day a first session may take place after information given on ``given_on``."""
    return given_on + timedelta(days=max(0, int(cooling_off_days)))


def suggested_start(b: Binding, default: date) -> date:
    """The first-session date to offer: the default, or the end of a timed wait if later."""
    return max(default, b.wait_until) if b.wait_until else default


def plan_errors(name: str, b: Binding, data: Mapping, start: date | None,
                today: date) -> dict[str, str]:
    """What stops ``procedure`` being planned as it stands, keyed like ``check_complete``."""
    p = b.procedure
    errors: dict[str, str] = {}
    title = name[:1].upper() + name[1:]
    if b.level == "contraindicated":
        return {f"chosen.{p}": f"{title} is contraindicated: it cannot be planned"}
    if not b.recommended and unsupported_reason(data, p) is None:
        errors[f"unsupported.{p}"] = (f"The recommendation does not support {name}: write why it "
                                      "is planned")
    elif not b.recommended and too_short(data, "unsupported_reasons", p):
        errors[f"unsupported.{p}"] = (f"Say in a sentence why {name} is planned when the "
                                      f"recommendation does not support it (at least "
                                      f"{MIN_REASON_CHARS} characters)")
    waits = "; ".join(b.waits) or "see the screening"
    if b.deferred and too_short(data, "overrides", p):
        errors[f"defer.{p}"] = (f"{title} is deferred ({waits}): the doctor's override must say "
                                f"why it goes ahead (at least {MIN_REASON_CHARS} characters)")
    elif b.deferred and override(data, p) is None:
        if b.open_ended:
            errors[f"defer.{p}"] = (f"{title} is deferred ({waits}): it cannot be planned until "
                                    "a new screening, unless a doctor records an override")
        elif start is not None and b.wait_until and start < b.wait_until:
            errors[f"plan.{p}.start"] = (
                f"{title} is deferred until {fmt(b.wait_until)} ({waits}): choose a first "
                "session on or after that date, or a doctor records an override")
    if start is not None:
        if start < today:
            errors.setdefault(f"plan.{p}.start", f"The first {name} session cannot be before "
                                                 f"the consultation ({fmt(today)})")
        elif start > today + timedelta(days=PLAN_HORIZON_DAYS):
            errors.setdefault(f"plan.{p}.start", f"The first {name} session is more than two "
                                                 "years ahead: check the date")
    return errors


def reflection_warning(name: str, start: date, given_on: date, cooling_off_days: int) -> str | None:
    """A warning when the first session falls inside the reflection period, else None."""
    end = reflection_end(given_on, cooling_off_days)
    if start >= end:
        return None
    return (f"The first {name} session ({fmt(start)}) is before the end of the "
            f"{cooling_off_days}-day reflection period ({fmt(end)}): it needs a doctor's written "
            "reason to start early")
