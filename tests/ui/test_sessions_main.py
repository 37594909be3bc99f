"""Sessions in the main window: the patient's Sessions tab, the Due view, the lot search."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog

from rejuv_desktop.services import follow_ups as fu
from rejuv_desktop.services import sessions as ss
from rejuv_desktop.ui.main_window import MainWindow
from rejuv_desktop.ui.sessions import due as due_module
from tests.session_helpers import (add_patient, add_plan, add_practitioner,
                                            run_fat_transfer, run_mesotherapy, sign_consent)


@pytest.fixture
def clinic(store):
    add_practitioner(store)
    zoe = add_patient(store)
    margaret = add_patient(store, "Margaret", "O'Brien")
    return {"zoe": zoe, "margaret": margaret,
            "fat": add_plan(store, zoe, "fat_transfer"),
            "meso": add_plan(store, margaret, "mesotherapy", consent=False)}


@pytest.fixture
def window(qtbot, store, qsettings, clinic):
    w = MainWindow(store, qsettings)
    qtbot.addWidget(w)
    w.show()
    return w


def visit_rows(window):
    """The rows of the Due view, as a user sees them on its tab."""
    window.left_tabs.setCurrentWidget(window.due_view)
    tree = window.due_view.content().actions.tree
    return {tree.topLevelItem(i).text(0): [tree.topLevelItem(i).child(j).text(0)
                                           for j in range(tree.topLevelItem(i).childCount())]
            for i in range(tree.topLevelItemCount())}


def test_start_needs_a_signed_consent_then_opens_the_checklist(window, store, clinic, no_modal):
    window.show_patient(clinic["margaret"])
    tab = window.sessions_tab
    assert "Hand mesotherapy: 4 session(s) planned" in tab.tree.topLevelItem(0).text(0)
    assert tab.start_button.isEnabled() and tab.hint.text() == "Next: session 1 of 4."
    tab.start_button.click()
    assert no_modal[-1][0] == "warning" and "Consent is not signed" in no_modal[-1][2]
    assert not window.session_runners
    sign_consent(store, clinic["margaret"], clinic["meso"], "mesotherapy")
    tab.start_button.click()
    (session_id, runner), = window.session_runners.items()
    assert runner.isVisible() and runner.status.session["session_number"] == 1
    assert tab.start_button.text() == "Resume session"
    tab.start_button.click()  # resuming shows the same window, not a second session
    assert list(window.session_runners) == [session_id]
    assert store.scalar("SELECT count(*) FROM sessions") == 1


def test_completed_sessions_show_their_key_figures_and_fill_the_due_view(
        window, store, clinic, no_modal, qtbot):
    session_id = ss.start_session(store, clinic["fat"])
    run_fat_transfer(store, session_id)
    window.show_patient(clinic["zoe"])
    runner = window.open_session_runner(session_id)
    runner.complete()
    assert ss.get_session(store, session_id)["status"] == "completed"
    # The Due tab's title follows (counted apart from the window, which never waits for it).
    # Margaret's mesotherapy series, planned from today, is there too.
    qtbot.waitUntil(lambda: window.left_tabs.tabText(
        window.left_tabs.indexOf(window.due_view)) == "Due (2)")
    rows = visit_rows(window)
    assert rows["This week (2)"] == ["Margaret O'Brien\nSession 1 of 4 (planned) · Mesotherapy",
                                     "Zoë Łukasiewicz-Ødegård\nStrip or stitch check · "
                                     "Fat transfer"]
    # Upcoming: the 1-, 3-, 6- and 12-month reviews.
    assert len(rows["Upcoming (4)"]) == 4 and rows["Overdue (0)"] == []
    tab = window.sessions_tab
    tab.tree.setCurrentItem(tab.tree.topLevelItem(0).child(0))
    details = tab.details.text()
    assert "Volume injected: left 18 ml, right 20 ml" in details
    assert "completed" in details and "Dr Claire Martin" in details
    assert not tab.start_button.isEnabled()
    assert tab.follow_ups.tree.topLevelItemCount() == 5


def test_due_rows_open_the_patient_and_can_be_done_rescheduled_cancelled(
        window, store, clinic, monkeypatch, qtbot):
    session_id = ss.start_session(store, clinic["fat"])
    run_fat_transfer(store, session_id)
    wound, month, quarter, *later = (f["id"] for f in ss.complete_session(store, session_id))
    window.due_view.refresh()
    window.show_patient(clinic["margaret"])
    actions = window.due_view.content().actions
    tree = actions.tree
    first = tree.topLevelItem(1).child(1)  # this week: the strip check
    tree.setCurrentItem(first)
    actions.open_button.click()
    assert window.record.patient_id == clinic["zoe"]
    assert window.record.tabs.currentWidget() is window.sessions_tab

    def seen_early(dialog):  # the window opens in five days: only "seen early" with a reason
        assert not dialog.save_button.isEnabled()
        dialog.early.setChecked(True)
        dialog.early_reason.setText("Came back early, worried about a dressing")
        dialog.note.setText("Strips off, healing well")
        return 1

    monkeypatch.setattr(due_module.VisitDoneDialog, "exec", seen_early)
    actions.done_button.click()
    done = fu.follow_ups_of_patient(store, clinic["zoe"])[0]
    assert (done["status"], done["visit_date"], done["early_reason"]) == (
        "done", "2026-11-22", "Came back early, worried about a dressing")
    # Margaret's first planned session is what remains this week.
    assert window.left_tabs.tabText(window.left_tabs.indexOf(window.due_view)) == "Due (1)"

    def reschedule(dialog):
        dialog.due_from.setDate(QDate(2027, 1, 4))
        dialog.due_to.setDate(QDate(2027, 1, 8))
        dialog.reason.setText("Away over Christmas")
        return 1

    monkeypatch.setattr(due_module.RescheduleDialog, "exec", reschedule)
    tree.setCurrentItem(next(tree.topLevelItem(2).child(i) for i in range(2)
                             if "1 month" in tree.topLevelItem(2).child(i).text(0)))
    actions.move_button.click()
    rows = {r["id"]: r for r in fu.follow_ups_of_patient(store, clinic["zoe"])}
    assert rows[month]["status"] == "rescheduled"
    moved = next(r for r in rows.values() if r["rescheduled_from"] == month)
    assert (moved["due_from"], moved["due_to"], moved["note"]) == (
        "2027-01-04", "2027-01-08", "Away over Christmas")

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Moved abroad", True))
    tree.setCurrentItem(next(tree.topLevelItem(2).child(i) for i in range(2)
                             if "3 months" in tree.topLevelItem(2).child(i).text(0)))
    actions.cancel_button.click()
    rows = {r["id"]: r for r in fu.follow_ups_of_patient(store, clinic["zoe"])}
    assert (rows[quarter]["status"], rows[quarter]["note"]) == ("cancelled", "Moved abroad")
    assert rows[wound]["note"] == "Strips off, healing well"
    assert [d.id for g in fu.due_list(store, date(2026, 12, 1)).values() for d in g
            if d.kind != "planned_session"] == [moved["id"], *later]  # and the 6, 12 months


def test_find_patients_by_lot_from_the_tools_menu(window, store, clinic, qtbot):
    sign_consent(store, clinic["margaret"], clinic["meso"], "mesotherapy")
    session_id = ss.start_session(store, clinic["meso"])
    run_mesotherapy(store, session_id)
    ss.complete_session(store, session_id)
    action = window.findChild(QAction, "find_lot")
    assert action is not None and action.text() == "Find patients by product &lot…"
    action.trigger()
    dialog = window.lot_dialog
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.lot, "vc-118")
    qtbot.keyClick(dialog.lot, Qt.Key.Key_Return)
    assert dialog.result.text() == "Lot vc-118: 1 patient(s), 1 session(s)."
    assert dialog.table.rowCount() == 1
    assert [dialog.table.item(0, c).text() for c in (1, 5, 6, 8)] == [
        "Margaret O'Brien", "Vitamin cocktail", "VC 118", "1.5 ml"]
    dialog.table.cellDoubleClicked.emit(0, 1)
    assert window.record.patient_id == clinic["margaret"]
    qtbot.keyClicks(dialog.lot, "0")
    dialog.search()
    assert dialog.result.text() == "No patient has received lot vc-1180."
