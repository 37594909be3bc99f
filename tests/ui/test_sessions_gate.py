"""The session gate on the Sessions tab: flagged before Start, refused, or started early by a
doctor with a written reason shown on the session record."""

from datetime import date

import pytest

from rejuv_desktop.services import sessions as ss
from rejuv_desktop.storage import practitioners as practitioners_repo
from rejuv_desktop.ui.main_window import MainWindow
from rejuv_desktop.ui.sessions import tab as tab_module
from tests.session_helpers import add_patient, add_plan, add_practitioner

REASON = "Leaves for six months abroad next week; agreed with the patient."


@pytest.fixture
def clinic(store):
    nurse = add_practitioner(store, "Aisha Rahman", "Nurse")
    with store.write():
        doctor = practitioners_repo.insert(store, {"name": "Claire Martin", "title": "Dr",
                                                   "is_doctor": True}, "")
    patient = add_patient(store)
    plan = add_plan(store, patient, "mesotherapy", start=date(2027, 1, 12))
    return {"nurse": nurse, "doctor": doctor, "patient": patient, "plan": plan}


@pytest.fixture
def window(qtbot, store, qsettings, clinic):
    w = MainWindow(store, qsettings)
    qtbot.addWidget(w)
    w.show()
    w.show_patient(clinic["patient"])
    return w


def test_a_session_before_its_date_is_flagged_and_refused_to_a_nurse(
        window, store, clinic, monkeypatch):
    tab = window.sessions_tab
    plan_row = tab.tree.topLevelItem(0)
    assert plan_row.text(1) == "not before 12/01/2027" and plan_row.text(0).startswith("\u26a0")
    assert "Not before 12/01/2027" in tab.hint.text()
    shown = []

    def cancel(dialog):
        shown.append((dialog.findChild(type(dialog.error), "early_waits").text(),
                      dialog.reason.isVisible(), hasattr(dialog, "start")))
        return 0

    monkeypatch.setattr(tab_module.EarlyStartDialog, "exec", cancel)
    tab.start_button.click()
    (text, reason_box, can_start), = shown
    assert "The plan dates this session 12/01/2027." in text and not can_start
    assert store.scalar("SELECT count(*) FROM sessions") == 0 and not window.session_runners


def test_a_doctor_starts_early_with_a_reason_kept_on_the_session(
        qtbot, window, store, clinic, monkeypatch):
    store.actor_id = clinic["doctor"]

    def write_reason(dialog):
        qtbot.keyClicks(dialog.reason, REASON)
        dialog.start.click()
        return dialog.result()

    monkeypatch.setattr(tab_module.EarlyStartDialog, "exec", write_reason)
    window.sessions_tab.start_button.click()
    (session_id, runner), = window.session_runners.items()
    assert ss.session_status(store, session_id).early_start.value["reason"] == REASON
    note = runner.findChild(type(window.sessions_tab.hint), "early_start")
    assert note is not None and REASON in note.text() and "Dr Claire Martin" in note.text()
    tab = window.sessions_tab
    session_row = tab.tree.topLevelItem(0).child(0)
    assert "started early" in session_row.text(2)
    tab.tree.setCurrentItem(session_row)
    assert REASON in tab.details.text()


def test_a_session_started_early_leaves_the_key_figures_in_sight_at_1024(
        qtbot, window, store, clinic, monkeypatch):
    store.actor_id = clinic["doctor"]

    def write_reason(dialog):
        qtbot.keyClicks(dialog.reason, REASON)
        dialog.start.click()
        return dialog.result()

    monkeypatch.setattr(tab_module.EarlyStartDialog, "exec", write_reason)
    window.resize(1008, 652)
    window.show()
    qtbot.waitExposed(window)
    window.record.tabs.setCurrentWidget(window.sessions_tab)
    window.sessions_tab.start_button.click()
    for runner in window.session_runners.values():
        runner.close()
    tab = window.sessions_tab
    window.activateWindow()
    window.show_patient(tab.patient_id)
    window.record.tabs.setCurrentWidget(tab)
    tree = tab.tree
    qtbot.waitUntil(lambda: tree.viewport().width() > 0 and tree.isVisible())
    row = tree.topLevelItem(0).child(0)
    assert "started early" in row.text(2)
    # The status keeps to its column; the key figures start within the visible list.
    assert tree.header().sectionViewportPosition(3) + 100 <= tree.viewport().width()
