"""Small things a practitioner meets every day: settings that apply at once, messages that
clear when fixed, one date format, keyboard use of the screening page."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from rejuv_desktop.services import patients as sp
from rejuv_desktop.services import practitioners as pr
from rejuv_desktop.services import settings as sset
from rejuv_desktop.ui import settings_dialog
from rejuv_desktop.ui.main_window import MainWindow


def test_a_new_idle_lock_time_applies_at_once(qtbot, store, qsettings, patient_data,
                                               monkeypatch):
    admin = pr.create_practitioner(store, {"name": "Claire Martin", "title": "Dr"},
                                   "claire-pass")
    pr.sign_in(store, admin, "claire-pass")
    sset.save_clinic(store, {"clinic_name": "Harbourside", "clinic_phone": "0117 496 0000"})
    sp.add_patient(store, patient_data)
    window = MainWindow(store, qsettings)
    qtbot.addWidget(window)
    window.show()
    guard = window.session_guard
    assert guard.timer.interval() == 10 * 60_000

    def type_two_minutes_and_save(dialog):
        edit = dialog.security.edits["idle_lock_minutes"]
        edit.selectAll()
        qtbot.keyClicks(edit, "2")
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(settings_dialog.SettingsDialog, "exec", type_two_minutes_and_save)
    window.findChild(QAction, "settings").trigger()
    assert sset.get_settings(store)["idle_lock_minutes"] == "2"
    assert guard.timer.interval() == 2 * 60_000 and guard.timer.isActive()


def screening_page(qtbot, store, patient_data):
    from tests.ui.test_consultation_wizard import fill_intake, open_wizard

    pid = pr.create_practitioner(store, {"name": "Claire Martin", "title": "Dr"}, "long enough")
    pr.sign_in(store, pid, "long enough")
    patient = sp.add_patient(store, patient_data).patient_id
    wizard = open_wizard(qtbot, store, patient)
    fill_intake(wizard)
    return wizard


def test_screening_page_keyboard(qtbot, store, patient_data):
    from PySide6.QtWidgets import QApplication

    from rejuv_desktop.ui.consultation.wizard import Page

    wizard = screening_page(qtbot, store, patient_data)
    page = wizard.pages[Page.SCREENING]
    rows = list(page.rows.values())
    first, second = rows[0], rows[1]
    # A control shows the focus as the page opens: the first question's first answer.
    qtbot.waitUntil(lambda: QApplication.focusWidget() is first.buttons["yes"])
    # One key per answer: right chooses the next answer of the same question.
    qtbot.keyClick(first.buttons["yes"], Qt.Key.Key_Space)
    assert first.answer() == "yes"
    qtbot.keyClick(first.buttons["yes"], Qt.Key.Key_Right)
    assert first.answer() == "no" and QApplication.focusWidget() is first.buttons["no"]
    qtbot.keyClick(first.buttons["no"], Qt.Key.Key_Right)
    assert first.answer() == "unknown"
    qtbot.keyClick(first.buttons["unknown"], Qt.Key.Key_Left)
    assert first.answer() == "no"
    # Down goes to the next question and changes no answer.
    qtbot.keyClick(first.buttons["no"], Qt.Key.Key_Down)
    assert QApplication.focusWidget() in second.buttons.values()
    assert first.answer() == "no" and second.answer() is None


def test_an_unanswered_question_is_shown_and_focused(qtbot, store, patient_data):
    from PySide6.QtWidgets import QApplication

    from rejuv_desktop.ui.consultation.wizard import Page

    wizard = screening_page(qtbot, store, patient_data)
    page = wizard.pages[Page.SCREENING]
    # The last question asked whatever the other answers (a follow-up is hidden after a no).
    last = [row for row in page.rows.values() if not row.question.follows][-1]
    for row in page.rows.values():
        if row is not last:
            row.buttons["no"].setChecked(True)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    page.scroll.verticalScrollBar().setValue(0)
    wizard.next()
    assert wizard.currentId() == Page.SCREENING
    assert "1 question(s) not answered" in page.problems.text()
    assert QApplication.focusWidget() in last.buttons.values()
    viewport = page.scroll.viewport()
    top = last.label.mapTo(viewport, last.label.rect().topLeft()).y()
    assert 0 <= top and top + last.label.height() <= viewport.height()


def click(qtbot, button):
    """A click on the box of a check box or radio button (the widget may be wider)."""
    from PySide6.QtCore import QPoint

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))


def test_each_message_on_the_first_wizard_page_clears_when_fixed(qtbot, store, patient_data):
    from rejuv_desktop.ui.consultation.wizard import Page
    from tests.ui.test_consultation_wizard import open_wizard

    pid = pr.create_practitioner(store, {"name": "Claire Martin", "title": "Dr"}, "long enough")
    pr.sign_in(store, pid, "long enough")
    wizard = open_wizard(qtbot, store, sp.add_patient(store, patient_data).patient_id)
    page = wizard.pages[Page.CONCERNS]
    wizard.next()
    assert "Tick at least one concern." in page.problems.text()
    assert "Say whether the expectations are realistic." in page.problems.text()
    click(qtbot, page.concerns["volume_loss"])
    assert page.concerns["volume_loss"].isChecked()
    assert "Tick at least one concern." not in page.problems.text()
    assert "Say whether the expectations are realistic." in page.problems.text()
    click(qtbot, page.unrealistic)
    # Fixed; the note a "not realistic" needs is asked at the next "Next", not while typing.
    assert not page.problems.isVisible()
    wizard.next()
    assert "Note why the expectations are not realistic." in page.problems.text()
    qtbot.keyClicks(page.expect_note, "Hopes for hands of 20 years ago; explained limits")
    assert not page.problems.isVisible()
    wizard.next()
    assert wizard.currentId() == Page.HANDS
