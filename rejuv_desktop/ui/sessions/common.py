"""Small pieces shared by the session screens: dates as people read them, colours, labels."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QLabel

from rejuv_desktop.domain.procedures import procedure as registered
from rejuv_desktop.ui.consultation.common import esc  # noqa: F401 - shared
from rejuv_desktop.ui.forms import ERROR_STYLE, message_label  # noqa: F401 - shared
from rejuv_desktop.ui.i18n import fmt_date, fmt_datetime, fmt_day_month, fmt_time

WARNING_STYLE = "color: #8a4b00;"
DONE_STYLE = "color: #1b5e20;"
MUTED_STYLE = "color: #666; font-size: 11px;"
STATUS_NAMES = {"in_progress": QT_TRANSLATE_NOOP("Status", "in progress"),
                "completed": QT_TRANSLATE_NOOP("Status", "completed"),
                "abandoned": QT_TRANSLATE_NOOP("Status", "stopped"),
                "planned": QT_TRANSLATE_NOOP("Status", "planned"),
                "superseded": QT_TRANSLATE_NOOP("Status", "superseded"),
                "cancelled": QT_TRANSLATE_NOOP("Status", "cancelled"),
                "due": QT_TRANSLATE_NOOP("Status", "due"),
                "done": QT_TRANSLATE_NOOP("Status", "done"),
                "rescheduled": QT_TRANSLATE_NOOP("Status", "rescheduled")}


def status_name(code: str) -> str:
    """A session's, plan's or visit's status in words (the code itself if unknown)."""
    return QCoreApplication.translate("Status", STATUS_NAMES[code]) if code in STATUS_NAMES else code


class SessionEvents(QObject):
    """One per main window: screens that show sessions or follow-ups refresh on ``changed``."""

    changed = Signal()


def procedure_label(procedure: str, unknown: str | None = None) -> str:
    """The short name lists show for a procedure ("Mesotherapy"), as its protocol declares it;
    ``unknown`` (else the id itself) for one the content no longer has."""
    try:
        return registered(procedure).label
    except KeyError:
        return procedure if unknown is None else unknown


def fmt_day(value: str | date | None) -> str:
    return fmt_date(value)


def fmt_window(start: date, end: date) -> str:
    """``27/11 – 02/12/2026``: a follow-up window, the year written once when it is the same."""
    if start == end:
        return fmt_day(start)
    first = fmt_day_month(start) if start.year == end.year else fmt_day(start)
    return f"{first} – {fmt_day(end)}"


def who_when(who: str, at: str, session_day: str | None = None) -> str:
    """``Dr Claire Martin, 10:32`` (the date too when it is not the session's day)."""
    moment = datetime.fromisoformat(at)
    same_day = session_day and moment.date().isoformat() == session_day
    when = fmt_time(moment) if same_day else fmt_datetime(moment)
    return f"{who}, {when}" if who else when


def muted_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(MUTED_STYLE)
    return label


def show_text(label: QLabel, text: str) -> None:
    """Set a message label's text, hidden while empty."""
    label.setText(text)
    label.setVisible(bool(text))
    # A nested layout that grows or shrinks while its window is hidden does not tell the
    # layout around it; without this an editor keeps the height it had before the message.
    if label.parentWidget() is not None:
        label.parentWidget().updateGeometry()
