"""Every date field of the app takes a date typed on the keyboard, as typed."""

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt

from rejuv_desktop.ui.audit_view import AuditDialog
from rejuv_desktop.ui.date_field import DateField
from rejuv_desktop.ui.sessions.due import RescheduleDialog, Visit
from tests.session_helpers import add_practitioner
from tests.ui.test_plan_binding_wizard import type_into


@pytest.mark.parametrize("typed, expected", [
    ("12/01/2027", date(2027, 1, 12)), ("12012027", date(2027, 1, 12)),
    ("1.2.2027", date(2027, 2, 1)), ("28-02-2027", date(2027, 2, 28)),
])
def test_a_whole_typed_date_is_taken_as_typed(qtbot, typed, expected):
    field = DateField(QDate(2026, 12, 6))
    field.setDateRange(QDate(2026, 11, 22), QDate(2028, 11, 22))
    qtbot.addWidget(field)
    field.show()
    with qtbot.waitSignal(field.dateChanged):
        type_into(qtbot, field.edit, typed)
    assert field.date().toPython() == expected


@pytest.mark.parametrize("typed, problem", [
    ("31/02/2027", "Not a date"), ("12/01/2031", "Choose a date from 22/11/2026 to 22/11/2028"),
])
def test_a_typed_date_that_cannot_be_taken_says_so_and_holds_no_date(qtbot, typed, problem):
    field = DateField(QDate(2026, 12, 6))
    field.setDateRange(QDate(2026, 11, 22), QDate(2028, 11, 22))
    qtbot.addWidget(field)
    field.show()
    type_into(qtbot, field.edit, typed)
    qtbot.keyClick(field.edit, Qt.Key.Key_Tab)
    assert not field.date().isValid() and problem in field.problem()


def test_the_reschedule_window_is_typed(qtbot):
    dialog = RescheduleDialog(Visit(1, 1, "Zoë", "Review at 1 month", "fat_transfer",
                                    date(2026, 12, 20), date(2026, 12, 27), "due", ""))
    qtbot.addWidget(dialog)
    dialog.show()
    type_into(qtbot, dialog.due_from.edit, "04/01/2027")
    type_into(qtbot, dialog.due_to.edit, "08/01/2027")
    assert dialog.window_dates() == (date(2027, 1, 4), date(2027, 1, 8))
    type_into(qtbot, dialog.due_to.edit, "8/1/27")
    assert dialog.window_dates()[1] is None  # not a whole date: never a guessed one


def test_the_audit_filter_dates_are_typed(qtbot, store):
    add_practitioner(store)
    dialog = AuditDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    type_into(qtbot, dialog.since.edit, "01/03/2026")
    assert dialog.since.date().toPython() == date(2026, 3, 1)
