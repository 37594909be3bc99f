"""Idle lock, sign-out and switch of practitioner; the audit trail viewer."""

import pytest

from rejuv_desktop.services import consultations as sc
from rejuv_desktop.services import history as sh
from rejuv_desktop.services import patients as sp
from rejuv_desktop.services import practitioners as pr
from rejuv_desktop.ui.audit_view import AuditDialog
from rejuv_desktop.ui.consultation.wizard import ConsultationWizard, Page
from rejuv_desktop.ui.main_window import MainWindow


@pytest.fixture
def people(store):
    claire = pr.create_practitioner(store, {"name": "Claire Martin", "title": "Dr"}, "claire-pass")
    store.actor_id = claire
    sam = pr.create_practitioner(store, {"name": "Sam Okafor", "title": "Dr"}, "sam-password")
    pr.sign_in(store, claire, "claire-pass")
    return claire, sam


@pytest.fixture
def window(qtbot, store, qsettings, people, patient_data):
    sp.add_patient(store, patient_data)
    w = MainWindow(store, qsettings)
    qtbot.addWidget(w)
    w.show()
    return w


def events(store):
    return [r["event"] for r in store.query("SELECT event FROM sign_in_events ORDER BY id")]


def test_idle_window_locks_hides_data_and_keeps_the_draft(qtbot, window, store, people):
    window.select_row(0)
    wizard = ConsultationWizard(store, sc.start_consultation(store, window.record.patient_id),
                                window)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.pages[Page.CONCERNS].goals.setPlainText("typed just before walking away")
    guard = window.session_guard
    guard.timer.setInterval(50)
    guard.timer.start()
    qtbot.waitUntil(lambda: guard.locked, timeout=3000)
    assert guard.stack.currentWidget() is guard.page
    assert not wizard.isVisible() and not window.menuBar().isEnabled()
    assert "locked" in events(store)
    guard.page.password.setText("wrong")
    guard.try_unlock()
    assert guard.locked and guard.page.error.isVisible()
    assert events(store)[-1] == "failed"
    guard.page.password.setText("claire-pass")
    guard.try_unlock()
    assert not guard.locked and wizard.isVisible()
    assert wizard.pages[Page.CONCERNS].goals.toPlainText() == "typed just before walking away"
    assert events(store)[-1] == "unlocked"


def test_switch_practitioner_from_the_lock(qtbot, window, store, people):
    claire, sam = people
    window.session_guard.lock("test")
    page = window.session_guard.page
    page.who.setCurrentIndex(page.who.findData(sam))
    page.password.setText("sam-password")
    window.session_guard.try_unlock()
    assert store.actor_id == sam
    assert "Sam Okafor" in window.who_label.text()


def test_sign_out_requires_sign_in(qtbot, window, store, people):
    window.session_guard.sign_out()
    assert store.actor_id is None and window.session_guard.locked
    assert events(store)[-2:] == ["sign_out", "locked"]


def test_audit_viewer_filters_and_verifies(qtbot, store, people, patient_data, clock):
    claire, sam = people
    pid = sp.add_patient(store, {**patient_data, "given_name": "Anna"}).patient_id
    pr.sign_in(store, sam, "sam-password")
    sp.update_patient(store, pid, {**patient_data, "given_name": "Anna", "phone": "0123 456789"})
    dialog = AuditDialog(store)
    qtbot.addWidget(dialog)
    total = dialog.table.rowCount()
    assert total >= 4
    dialog.patient.setText(str(pid))
    assert dialog.table.rowCount() == 2
    assert "0123 456789" in dialog.table.item(0, 3).text()
    assert dialog.table.item(0, 1).text() == "Dr Sam Okafor"
    dialog.who.setCurrentIndex(dialog.who.findData(claire))
    assert dialog.table.rowCount() == 1 and "created" in dialog.table.item(0, 2).text()
    dialog.table.selectRow(0)
    assert "Anna" in dialog.detail.toPlainText()
    dialog.verify()
    assert "intact" in dialog.verify_result.text()
    store.conn.execute("DROP TRIGGER audit_log_no_update")
    store.conn.execute("UPDATE audit_log SET after_json = '{}' WHERE id = 2")
    dialog.verify()
    assert "audit row 2" in dialog.verify_result.text()


def test_patient_history_spans_tables(store, people, patient_data):
    pid = sp.add_patient(store, patient_data).patient_id
    draft = sc.start_consultation(store, pid)
    from tests.services.test_consultations import complete_data
    sc.save_draft(store, draft.id, complete_data(), 6)
    sc.finalise(store, draft.id)
    tables = {e.table for e in sh.patient_history(store, pid)}
    assert {"patients", "consultations", "plans"} <= tables


def test_read_only_database_shows_a_banner(qtbot, store, qsettings, people, engine):
    # A file the user may not write, or a server session that may only read.
    only, back = (("PRAGMA query_only = ON", "PRAGMA query_only = OFF") if engine == "sqlite"
                  else ("SET default_transaction_read_only = on",
                        "SET default_transaction_read_only = off"))
    store.conn.execute(only)
    w = MainWindow(store, qsettings)
    qtbot.addWidget(w)
    w.show()
    assert w.banner.isVisible() and "read-only" in w.banner.text()
    store.conn.execute(back)
    assert w.check_writable() and not w.banner.isVisible()


def test_the_lock_screen_is_throttled_like_sign_in(qtbot, window, store, people, clock):
    from PySide6.QtCore import Qt

    guard = window.session_guard
    guard.lock("test")
    for _ in range(pr.DELAY_AFTER):
        guard.page.password.setText("wrong")
        qtbot.mouseClick(guard.page.unlock_button, Qt.MouseButton.LeftButton)
    assert "Wait 2 second" in guard.page.error.text()
    guard.page.password.setText("claire-pass")  # right, but too soon: not even checked
    qtbot.mouseClick(guard.page.unlock_button, Qt.MouseButton.LeftButton)
    assert guard.locked and "wait 2 second" in guard.page.error.text()
    clock.advance(seconds=2)
    qtbot.mouseClick(guard.page.unlock_button, Qt.MouseButton.LeftButton)
    assert not guard.locked
    assert pr.guard_state(store, people[0]).failures == 0
