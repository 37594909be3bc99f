"""The Due list and the front desk's day view in the main window; marking a visit done."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt

from rejuv_desktop.services import follow_ups as fu
from rejuv_desktop.services import sessions as ss
from rejuv_desktop.ui.main_window import MainWindow
from rejuv_desktop.ui.sessions import due as due_module
from tests.session_helpers import (add_patient, add_plan, add_practitioner,
                                            run_fat_transfer)


def window_with(qtbot, store, qsettings):
    w = MainWindow(store, qsettings)
    qtbot.addWidget(w)
    w.show()
    return w


def test_today_tab_shows_who_is_expected_with_phones(qtbot, store, qsettings):
    add_practitioner(store)
    margaret = add_patient(store, "Margaret", "O'Brien")
    store.conn.execute("UPDATE patients SET phone = '0117 496 0123' WHERE id = ?", (margaret,))
    add_plan(store, margaret, "mesotherapy")
    window = window_with(qtbot, store, qsettings)
    tabs = window.left_tabs
    tabs.setCurrentWidget(window.day_view)
    day = window.day_view
    assert day.tree.topLevelItemCount() == 1
    row = day.tree.topLevelItem(0)
    assert [row.text(c) for c in range(3)] == ["Margaret O'Brien", "0117 496 0123",
                                               "Session 1 of 4 (planned)\nMesotherapy"]
    assert "1 expected" in day.summary.text()
    qtbot.mouseClick(day.next, Qt.MouseButton.LeftButton)  # tomorrow: nobody
    assert day.tree.topLevelItemCount() == 0
    day.tree.clear()
    qtbot.mouseClick(day.today_button, Qt.MouseButton.LeftButton)
    day.tree.itemActivated.emit(day.tree.topLevelItem(0), 0)
    assert window.record.patient_id == margaret
    # The Due list shows the planned session with the phone number.
    tabs.setCurrentWidget(window.due_view)
    due_tree = window.due_view.content().actions.tree
    assert due_tree.topLevelItem(1).child(0).text(1) == "22/11/2026\n☎ 0117 496 0123"


def test_marking_a_visit_done_asks_the_day_seen(qtbot, store, qsettings, clock, monkeypatch):
    add_practitioner(store)
    zoe = add_patient(store)
    sid = ss.start_session(store, add_plan(store, zoe, "fat_transfer"))
    run_fat_transfer(store, sid)
    ss.complete_session(store, sid)
    clock.advance(days=8)  # 30/11, the strip check's window (27/11 - 02/12) is open
    window = window_with(qtbot, store, qsettings)
    window.left_tabs.setCurrentWidget(window.due_view)
    window.due_view.refresh()
    actions = window.due_view.content().actions
    actions.tree.setCurrentItem(actions.tree.topLevelItem(1).child(0))
    seen = {}

    def drive(dialog):
        dialog.show()
        edit = dialog.visit_date
        assert edit.maximumDate() == QDate(2026, 11, 30)  # no visit in the future
        assert not dialog.early.isVisible()
        edit.edit.selectAll()
        qtbot.keyClicks(edit.edit, "01/12/2026")  # tomorrow: refused, nothing saved
        assert not dialog.save_button.isEnabled() and dialog.date_error.isVisible()
        edit.edit.selectAll()
        qtbot.keyClicks(edit.edit, "28/11/2026")
        assert dialog.save_button.isEnabled() and not dialog.date_error.isVisible()
        seen["date"] = dialog.seen_on()
        qtbot.keyClicks(dialog.note, "Healing well")
        return 1

    monkeypatch.setattr(due_module.VisitDoneDialog, "exec", drive)
    actions.done_button.click()
    assert seen["date"] == date(2026, 11, 28)
    row = fu.follow_ups_of_patient(store, zoe)[0]
    assert (row["status"], row["visit_date"], row["note"]) == ("done", "2026-11-28",
                                                               "Healing well")
    tab = window.sessions_tab
    window.show_patient(zoe)
    assert "seen 28/11/2026" in tab.follow_ups.tree.topLevelItem(0).text(2)
