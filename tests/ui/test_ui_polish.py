"""Small things a practitioner meets every day: settings that apply at once, messages that
clear when fixed, one date format, keyboard use of the screening page."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from rejuv_desktop.services import patients as sp
from rejuv_desktop.services import practitioners as pr
from rejuv_desktop.services import settings as ss
from rejuv_desktop.ui import settings_dialog
from rejuv_desktop.ui.main_window import MainWindow


def test_a_new_idle_lock_time_applies_at_once(qtbot, store, qsettings, patient_data,
                                               monkeypatch):
    admin = pr.create_practitioner(store, {"name": "Claire Martin", "title": "Dr"},
                                   "claire-pass")
    pr.sign_in(store, admin, "claire-pass")
    ss.save_clinic(store, {"clinic_name": "Harbourside", "clinic_phone": "0117 496 0000"})
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
    assert ss.get_settings(store)["idle_lock_minutes"] == "2"
    assert guard.timer.interval() == 2 * 60_000 and guard.timer.isActive()
