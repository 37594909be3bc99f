"""Today's weight in the session window: saved through the service, a large change confirmed.

A weight far from the consultation's (41 -> 141 kg) is asked about in a dialog before it is
saved; the note beside the field says where the weight the dose limit rests on comes from.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from rejuv_desktop.services import sessions as ss
from rejuv_desktop.ui.i18n import Context, fmt_number
from rejuv_desktop.ui.sessions.common import fmt_day


class WeightCheck(Context):
    """The context of the weight check's words in the catalogues."""


def save_weight(parent: QWidget, store, session_id: int, weight: float | None) -> bool:
    """Save today's weight; a change the protocol wants confirmed is asked first.

    Returns False when the practitioner does not confirm (nothing saved). Other errors
    (UserError, ValidationError) are raised for the caller to show.
    """
    try:
        ss.set_weight(store, session_id, weight)
        return True
    except ss.WeightChangeToConfirm as exc:
        answer = QMessageBox.question(
            parent, WeightCheck.tr("Check the weight"),
            WeightCheck.tr("{message}\n\nThe maximum anaesthetic dose is worked out from it. Save "
                      "{kg} kg?").format(message=str(exc), kg=fmt_number(exc.after, 0 if float(exc.after).is_integer() else 1)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return False
    ss.set_weight(store, session_id, weight, confirm_change=True)
    return True


def weight_note(parent: QWidget, status: ss.SessionStatus) -> str:
    """Where the weight comes from: weighed today, or the consultation's (and whether too old)."""
    weighed = status.weighed_today
    if weighed is not None:
        note = WeightCheck.tr("weighed today")
        if isinstance(weighed.value, dict) and weighed.value.get("confirmed_change"):
            note += WeightCheck.tr(" (change confirmed)")
        return note
    if status.consultation_day is None:
        return ""
    day = fmt_day(status.consultation_day.isoformat())
    if status.weight_stale:
        return WeightCheck.tr("from {day}: weigh today").format(day=day)
    return WeightCheck.tr("from the consultation of {day}").format(day=day)

