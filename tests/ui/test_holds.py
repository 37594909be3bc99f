"""Two workstations and one draft consultation or running session: one window holds it,
the other is told by whom, where and since when; a lapsed hold may be taken over, and the
first window is told at its next save, keeping what is on screen."""

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from rejuv_desktop.services import consultations as sc
from rejuv_desktop.services import leases
from rejuv_desktop.services.database import open_database
from rejuv_desktop.ui.main_window import MainWindow
from tests.session_helpers import add_patient, add_plan, add_practitioner


@pytest.fixture
def windows(qtbot, store, db_path, clock, tmp_path, monkeypatch):
    """Reception (Dr Claire Martin) and room 1 (Nurse Aisha Rahman): two windows, two
    connections."""
    add_practitioner(store, "Claire Martin", "Dr")
    room_store = open_database(db_path, clock=clock, migrate=False)
    add_practitioner(room_store, "Aisha Rahman", "Nurse")
    store.actor_id = 1
    pid = add_patient(store)
    made = []
    for s, name in ((store, "reception"), (room_store, "room")):
        monkeypatch.setenv("REJUV_WORKSTATION", "Reception" if name == "reception" else "Room 1")
        w = MainWindow(s, QSettings(str(tmp_path / f"{name}.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(w)
        w.show_patient(pid)
        made.append(w)
    yield made[0], made[1], pid
    for w in made:
        if w.wizard is not None:
            w.wizard.close()
    room_store.close()


@pytest.fixture
def boxes(monkeypatch):
    """Every QMessageBox answered by the button named (``take_over`` or Close); seen texts."""
    seen = []
    choice = {"button": None}

    def exec_(box):
        seen.append((box.objectName(), box.text(), [b.objectName() for b in box.buttons()]))
        for b in box.buttons():
            if choice["button"] and b.objectName() == choice["button"]:
                b.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text, *a, **k: seen.append(("warning", text, [])))
    return seen, choice


def as_workstation(monkeypatch, name):
    monkeypatch.setenv("REJUV_WORKSTATION", name)


def test_a_draft_open_at_reception_cannot_be_edited_in_room_1(windows, boxes, monkeypatch):
    reception, room, pid = windows
    seen, choice = boxes
    as_workstation(monkeypatch, "Reception")
    reception.start_consultation()
    assert reception.wizard is not None and reception.wizard.isVisible()
    as_workstation(monkeypatch, "Room 1")
    room.record.show_patient(pid)
    assert not room.record.held_label.isHidden()
    assert room.record.held_label.text() == (
        "Consultation held by Dr Claire Martin on RECEPTION since 10:30")
    room.start_consultation()
    assert room.wizard is None  # not opened
    name, text, buttons = seen[-1]
    assert name == "record_held" and "held by Dr Claire Martin on RECEPTION since 10:30" in text
    assert "take_over" not in buttons  # renewed: it cannot be taken
    # Closing the wizard at reception gives it back: room 1 may write it now.
    reception.wizard.close()
    room.start_consultation()
    assert room.wizard is not None and room.wizard.isVisible()


def test_a_lapsed_hold_is_taken_over_and_the_first_window_is_told_at_its_next_save(
        windows, boxes, clock, monkeypatch):
    reception, room, pid = windows
    seen, choice = boxes
    as_workstation(monkeypatch, "Reception")
    reception.start_consultation()
    wizard = reception.wizard
    wizard.pages[wizard.currentId()].concerns["volume_loss"].setChecked(True)
    wizard.keeper.renew()
    clock.advance(minutes=10)  # reception's computer went to sleep: no renewal
    as_workstation(monkeypatch, "Room 1")
    choice["button"] = "take_over"
    room.start_consultation()
    name, text, buttons = seen[-1]
    assert name == "record_held" and "take_over" in buttons
    assert "has not renewed its hold since 10:30" in text
    assert room.wizard is not None and room.wizard.isVisible()
    taken = room.store.query("SELECT from_workstation, workstation FROM lease_takeovers")
    assert taken == [{"from_workstation": "RECEPTION", "workstation": "ROOM 1"}]
    # Reception wakes up and saves: refused, saying who took it over; the ticks stay.
    assert not wizard.save_now()
    assert "NOT SAVED" in wizard.windowTitle()
    assert seen[-1][0] == "warning" and (
        "taken over by Nurse Aisha Rahman on ROOM 1 at 10:40" in seen[-1][1])
    assert wizard.pages[wizard.currentId()].concerns["volume_loss"].isChecked()
    draft = sc.find_draft(room.store, pid)
    assert "volume_loss" not in (draft.data.concerns or [])


def test_a_running_session_is_held_by_the_room_running_it(qtbot, windows, boxes, monkeypatch):
    reception, room, pid = windows
    seen, choice = boxes
    from rejuv_desktop.services import sessions as ss

    plan = add_plan(reception.store, pid, "mesotherapy")
    session_id = ss.start_session(reception.store, plan)
    as_workstation(monkeypatch, "Room 2")
    runner = room.open_session_runner(session_id)
    assert runner is not None and runner.isVisible()
    assert leases.current(room.store, leases.SESSION, session_id).workstation == "ROOM 2"
    as_workstation(monkeypatch, "Reception")
    assert reception.open_session_runner(session_id) is None
    assert "This session is held by Nurse Aisha Rahman on ROOM 2" in seen[-1][1]
    runner.close()
    qtbot.waitUntil(lambda: leases.current(room.store, leases.SESSION, session_id) is None)
    runner = reception.open_session_runner(session_id)
    assert runner is not None
    runner.close()


def test_quitting_with_a_draft_open_gives_its_hold_back(windows, boxes, monkeypatch):
    from PySide6.QtCore import QCoreApplication

    reception, room, pid = windows
    reception.start_consultation()
    draft_id = reception.wizard.draft.id
    assert leases.current(room.store, leases.CONSULTATION, draft_id) is not None
    QCoreApplication.instance().aboutToQuit.emit()
    assert leases.current(room.store, leases.CONSULTATION, draft_id) is None
