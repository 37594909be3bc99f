"""Dates as people read them, one way everywhere on screen: 22/11/2026 and 22/11/2026 10:30.

Stored dates stay ISO (2026-11-22); only what a person reads goes through here, so a message
from the domain never shows 2026-11-22 beside 22/11/2026 on the same screen.
"""

from __future__ import annotations

from datetime import date, datetime

DAY_FORMAT = "%d/%m/%Y"
MOMENT_FORMAT = "%d/%m/%Y %H:%M"
QT_DAY_FORMAT = "dd/MM/yyyy"
"""The same format for Qt date fields (QDateEdit.setDisplayFormat)."""


def format_day(value: str | date | datetime | None) -> str:
    """``22/11/2026`` from a date, a datetime or an ISO string; empty for nothing."""
    if not value:
        return ""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value) if "T" in value or " " in value.strip() \
                else date.fromisoformat(value)
        except ValueError:
            return value  # shown as stored rather than lost
    return value.strftime(DAY_FORMAT)


def format_moment(value: str | datetime | None) -> str:
    """``22/11/2026 10:30`` from a datetime or an ISO string; empty for nothing."""
    if not value:
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.strftime(MOMENT_FORMAT)
