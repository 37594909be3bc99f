"""Live on a clinic server: what one workstation writes appears in another's window within
moments (the patient list, the open record, the Due list, who holds what)."""

import pytest
from PySide6.QtCore import QSettings

from rejuv_desktop.services import patients as sp
from rejuv_desktop.services import leases
from rejuv_desktop.services.database import open_database
from rejuv_desktop.ui.main_window import MainWindow
from tests.session_helpers import add_patient, add_plan, add_practitioner, run_mesotherapy

WAIT_MS = 5000  # a ceiling for a slow machine, not the measure: it is in the bench


@pytest.fixture
def reception_and_room(qtbot, pg_url, clock, tmp_path):
    """Reception writes with its connection; room 1's window is open on another."""
    reception = open_database(pg_url, clock=clock)
    add_practitioner(reception, "Claire Martin", "Dr")
    room_store = open_database(pg_url, clock=clock, migrate=False)
    room_store.actor_id = 1
    window = MainWindow(room_store, QSettings(str(tmp_path / "room.ini"),
                                              QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    yield reception, window
    window.live_updates.close()
    window.close()
    reception.close()
    room_store.close()


def test_a_patient_added_at_reception_appears_in_the_rooms_list(qtbot, reception_and_room):
    reception, room = reception_and_room
    assert room.model.rowCount() == 0 and room.live_updates.listener is not None
    add_patient(reception, "Ana", "Silva")
    qtbot.waitUntil(lambda: room.model.rowCount() == 1, timeout=WAIT_MS)
    assert room.model.index(0, 0).data() == "SILVA, Ana"
    assert room.count_label.text() == "1 patients"


def test_the_open_record_and_the_due_list_follow_the_other_workstation(
        qtbot, reception_and_room, patient_data):
    from rejuv_desktop.services import sessions as ss

    reception, room = reception_and_room
    pid = sp.add_patient(reception, patient_data).patient_id
    qtbot.waitUntil(lambda: room.model.rowCount() == 1, timeout=WAIT_MS)
    room.show_patient(pid)
    sp.update_patient(reception, pid, {**patient_data, "phone": "01179 460000"})
    qtbot.waitUntil(lambda: room.record.detail_labels["phone"].text() == "01179 460000",
                    timeout=WAIT_MS)
    room.left_tabs.setCurrentWidget(room.due_view)  # the Due list, built
    due = room.due_view.content()
    before = dict(due.counts)
    plan = add_plan(reception, pid, "mesotherapy")
    session_id = ss.start_session(reception, plan)
    run_mesotherapy(reception, session_id)
    ss.complete_session(reception, session_id)
    qtbot.waitUntil(lambda: due.counts != before, timeout=WAIT_MS)
    # Who holds what shows on the record too.
    leases.acquire(reception, leases.CONSULTATION, 99, pid)
    qtbot.waitUntil(lambda: not room.record.held_label.isHidden(), timeout=WAIT_MS)


def test_the_windows_own_writes_are_not_announced_back_to_it(qtbot, reception_and_room):
    reception, room = reception_and_room
    add_patient(room.store, "Ben", "Hale")
    add_patient(reception, "Ana", "Silva")
    qtbot.waitUntil(lambda: room.model.rowCount() == 2, timeout=WAIT_MS)
    qtbot.wait(300)
    assert room.live_updates.applied == 1  # reception's change only


def test_at_start_a_workstation_is_offered_only_its_practitioners_free_drafts(
        qtbot, reception_and_room, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from rejuv_desktop.services import consultations as sc

    reception, room = reception_and_room
    aisha = add_practitioner(room.store, "Aisha Rahman", "Nurse")
    reception.actor_id = 1
    claires = sc.start_consultation(reception, add_patient(reception, "Ana", "Silva"))
    room.store.actor_id = aisha
    held_elsewhere = sc.start_consultation(room.store, add_patient(room.store, "Ben", "Hale"))
    own = sc.start_consultation(room.store, add_patient(room.store, "Cara", "Dunne"))
    leases.acquire(reception, leases.CONSULTATION, held_elsewhere.id, held_elsewhere.patient_id)
    offered = []
    monkeypatch.setattr(QInputDialog, "getItem",
                        lambda parent, title, text, items, *a: (offered.extend(items), ("", False))[1])
    room.offer_resume()
    assert len(offered) == 1 and offered[0].startswith("Cara Dunne")
    assert claires.id not in (held_elsewhere.id, own.id)
