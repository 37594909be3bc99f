"""Session series and follow-up dates, from the windows in the protocol file.

Dates only, never "now": the caller passes the session date and today's date, so the same input
always gives the same plan.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from rejuv_desktop.domain.protocols import FollowUpRule, Protocol
from rejuv_desktop.errors import ValidationError

DUE_CLASSES = ("overdue", "this_week", "upcoming")
WEEK_DAYS = 7


@dataclass(frozen=True)
class PlannedSession:
    """One session of a planned series: the window it may fall in and the date aimed for."""

    number: int
    earliest: date
    latest: date
    target: date


@dataclass(frozen=True)
class FollowUp:
    """A visit due after a session, between ``due_from`` and ``due_to`` inclusive."""

    kind: str  # "next_session", "maintenance" or "review"
    label: str
    due_from: date
    due_to: date
    rule_id: str
    proposed: bool = False
    verified: bool = True


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later; the last day of the month when that day does not exist."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _offset(day: date, amount: int, unit: str) -> date:
    return add_months(day, amount) if unit == "months" else day + timedelta(days=amount)


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def plan_sessions(protocol: Protocol, start_date: date, sessions: int | None = None,
                  interval_days: int | None = None) -> list[PlannedSession]:
    """Plan a series from its first session date.

    ``sessions`` and ``interval_days`` default to the protocol's and must stay within its range
    (ValidationError otherwise). Each later session's window runs from the shortest to the longest
    allowed interval after the previous target date, and its target is ``interval_days`` after it.
    """
    series = protocol.series
    count = series.sessions_default if sessions is None else sessions
    errors: dict[str, str] = {}
    if not _whole(count) or not series.sessions_min <= count <= series.sessions_max:
        errors["sessions"] = (
            f"Must be {series.sessions_min} session" if series.sessions_min == series.sessions_max
            else f"Must be between {series.sessions_min} and {series.sessions_max} sessions")
    low, high = series.interval_min_days or 0, series.interval_max_days or 0
    if series.interval_default_days is None:
        if interval_days is not None:
            errors["interval_days"] = "This procedure is a single session: there is no interval"
        interval = 0
    else:
        interval = series.interval_default_days if interval_days is None else interval_days
        if not _whole(interval) or not low <= interval <= high:
            errors["interval_days"] = f"Must be between {low} and {high} days"
    if errors:
        raise ValidationError(errors)

    plan = [PlannedSession(1, start_date, start_date, start_date)]
    for number in range(2, count + 1):
        previous = plan[-1].target
        plan.append(PlannedSession(number, previous + timedelta(days=low),
                                   previous + timedelta(days=high),
                                   previous + timedelta(days=interval)))
    return plan


def _applies(rule: FollowUpRule, session_number: int, series_length: int) -> bool:
    last = session_number >= series_length
    if rule.applies == "between_sessions":
        return not last
    if rule.applies == "after_series":
        return last
    return True


def follow_ups_after_session(protocol: Protocol, session_date: date, session_number: int,
                             series_length: int, include_proposed: bool = True) -> list[FollowUp]:
    """The visits due after a session, earliest first.

    A session before the last of its series gives the next-session window; the last one gives the
    maintenance window; reviews follow every session. For a maintenance session, pass a session
    number equal to the series length. Proposed visits (not yet clinic policy) can be left out,
    except those that assess outcomes at a time point of the clinic audit: without them the
    audit would have no 6- or 12-month figure.
    """
    errors: dict[str, str] = {}
    if not _whole(series_length) or series_length < 1:
        errors["series_length"] = "Must be a whole number of at least 1"
    elif not _whole(session_number) or not 1 <= session_number <= series_length:
        errors["session_number"] = f"Must be between 1 and {series_length}"
    if errors:
        raise ValidationError(errors)
    due = [
        FollowUp(kind=rule.kind, label=rule.label,
                 due_from=_offset(session_date, rule.offset_from, rule.unit),
                 due_to=_offset(session_date, rule.offset_to, rule.unit),
                 rule_id=rule.id, proposed=rule.proposed, verified=rule.verified)
        for rule in protocol.follow_ups
        if _applies(rule, session_number, series_length)
        and (include_proposed or not rule.proposed or rule.outcome_months is not None)
    ]
    return sorted(due, key=lambda f: (f.due_from, f.due_to))


def classify_due(due_from: date, due_to: date, today: date) -> str:
    """``overdue`` once the window has closed, ``this_week`` when it touches today to today + 7
    days (both included), else ``upcoming``."""
    if due_to < due_from:
        raise ValidationError({"due_to": "The window ends before it starts"})
    if due_to < today:
        return "overdue"
    if due_from <= today + timedelta(days=WEEK_DAYS):
        return "this_week"
    return "upcoming"
