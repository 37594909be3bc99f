"""Two workstations edit the same patient: the second save is refused, naming who saved and
when; the form keeps what was typed and offers to reload (on SQLite and on the server)."""

import pytest
from PySide6.QtWidgets import QMessageBox

from rejuv_desktop.services import practitioners as pr
from rejuv_desktop.services import patients as sp
from rejuv_desktop.services.database import open_database
from rejuv_desktop.ui import conflicts
from rejuv_desktop.ui.patient_dialog import PatientDialog


@pytest.fixture
def two_workstations(store, db_path, clock, patient_data):
    """Reception (Claire) and room 1 (Aisha), each with its own connection."""
    claire = pr.create_practitioner(store, {"name": "Claire Martin", "title": "Dr"}, "claire harbour quay")
    store.actor_id = claire
    aisha = pr.create_practitioner(store, {"name": "Aisha Rahman", "title": "Nurse"}, "aisha room one lamp")
    pid = sp.add_patient(store, patient_data).patient_id
    room = open_database(db_path, clock=clock, migrate=False)
    room.actor_id = aisha
    yield store, room, pid
    room.close()


@pytest.fixture
def answer(monkeypatch):
    """Answer the conflict question with the button named; records the question."""
    asked = []

    def choose(name):
        def exec_(box):
            asked.append(box.text())
            box.setProperty("chosen", name)
            for button in box.buttons():
                if button.objectName() == name:
                    button.click()
            return 0
        monkeypatch.setattr(QMessageBox, "exec", exec_)
    return choose, asked


def test_the_second_save_is_refused_naming_who_and_when_and_keeps_the_typing(
        qtbot, two_workstations, answer, clock):
    reception, room, pid = two_workstations
    choose, asked = answer
    at_reception = PatientDialog(reception, pid)
    in_room = PatientDialog(room, pid)
    for d in (at_reception, in_room):
        qtbot.addWidget(d)
    at_reception.inputs["phone"].setText("07700 900999")
    clock.advance(minutes=2)
    at_reception.save()
    assert at_reception.saved_id == pid
    in_room.inputs["notes"].setPlainText("Typed in room 1: left hand first.")
    choose("keep_typed")
    in_room.save()
    assert in_room.saved_id is None  # refused
    assert "Dr Claire Martin saved this patient's details at 22/11/2026 10:32" in asked[0]
    assert "Nothing was saved and nothing was merged" in asked[0]
    assert "Changed there: Phone: 07700 900999." in asked[0]  # what saving over would undo
    assert in_room.inputs["notes"].toPlainText() == "Typed in room 1: left hand first."
    assert not in_room.conflict.isHidden() and "replaces their version" in in_room.conflict.text()
    assert "Changed there: Phone: 07700 900999." in in_room.conflict.text()
    saved = sp.get_patient(reception, pid)
    assert saved["phone"] == "07700 900999" and saved["notes"] == "Pianist."
    # Having been told, the practitioner saves deliberately over the other version.
    in_room.save()
    assert in_room.saved_id == pid
    saved = sp.get_patient(reception, pid)
    assert saved["notes"] == "Typed in room 1: left hand first." and saved["version"] == 3


def test_reload_shows_the_saved_record_instead(qtbot, two_workstations, answer, patient_data):
    reception, room, pid = two_workstations
    choose, asked = answer
    in_room = PatientDialog(room, pid)
    qtbot.addWidget(in_room)
    sp.update_patient(reception, pid, {**patient_data, "phone": "01179 460000"})
    in_room.inputs["notes"].setPlainText("Typed in room 1.")
    choose("reload_saved")
    in_room.save()
    assert len(asked) == 1 and in_room.saved_id is None
    assert in_room.inputs["phone"].text() == "01179 460000"
    assert in_room.inputs["notes"].toPlainText() == "Pianist."
    assert in_room.conflict.isHidden()
    in_room.inputs["notes"].setPlainText("Typed again after reading it.")
    in_room.save()  # the reloaded version saves at once
    assert in_room.saved_id == pid and len(asked) == 1


def test_until_the_practitioner_chooses_the_typing_stays(qtbot, two_workstations, monkeypatch,
                                                         patient_data):
    reception, room, pid = two_workstations
    in_room = PatientDialog(room, pid)
    qtbot.addWidget(in_room)
    sp.update_patient(reception, pid, {**patient_data, "phone": "01179 460000"})
    in_room.inputs["notes"].setPlainText("Typed in room 1.")
    seen = {}

    def look(box):  # what the form holds while the question is on screen
        seen["notes"] = in_room.inputs["notes"].toPlainText()
        seen["buttons"] = sorted(b.objectName() for b in box.buttons())
        return 0  # closed without choosing: the same as keeping

    monkeypatch.setattr(QMessageBox, "exec", look)
    in_room.save()
    assert seen == {"notes": "Typed in room 1.", "buttons": ["keep_typed", "reload_saved"]}
    assert in_room.inputs["notes"].toPlainText() == "Typed in room 1."
    assert conflicts.who(room, None) == "another workstation"


def test_a_draft_saved_elsewhere_is_not_saved_over_by_the_wizard(qtbot, two_workstations,
                                                                 monkeypatch):
    from rejuv_desktop.services import consultations as sc
    from rejuv_desktop.ui.consultation.wizard import ConsultationWizard

    reception, room, pid = two_workstations
    warned = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text, *a, **k: warned.append(text))
    draft = sc.start_consultation(room, pid)
    wizard = ConsultationWizard(room, draft)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.resume()
    before = wizard.version
    assert wizard.save_now() and wizard.version == before + 1 > draft.version
    sc.save_draft(reception, draft.id, draft.data, 0)  # saved at reception meanwhile
    wizard.pages[wizard.currentId()].concerns["volume_loss"].setChecked(True)
    assert not wizard.save_now()
    assert "NOT SAVED" in wizard.windowTitle()
    assert warned and warned[0].startswith("Not saved: Dr Claire Martin saved this record at")
    assert wizard.pages[wizard.currentId()].concerns["volume_loss"].isChecked()


def test_settings_saved_elsewhere_are_not_saved_over(qtbot, two_workstations, monkeypatch):
    from rejuv_desktop.services import settings as sset
    from rejuv_desktop.ui.settings_dialog import SettingsDialog

    reception, room, pid = two_workstations
    sset.save_clinic(reception, {"clinic_name": "Harbourside", "clinic_phone": "0117 496 0000"})
    room.actor_id = reception.actor_id  # the administrator, at the room's computer
    warned = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text, *a, **k: warned.append(text))
    dialog = SettingsDialog(room)
    qtbot.addWidget(dialog)
    sset.save_clinic(reception, {"clinic_name": "Harbourside Hand Clinic",
                                 "clinic_phone": "0117 496 0000"})
    dialog.clinic.edits["clinic_phone"].setText("0117 496 0001")
    dialog.save()
    assert warned and "Dr Claire Martin saved this record" in warned[0]
    assert sset.get_settings(reception)["clinic_name"] == "Harbourside Hand Clinic"
    assert dialog.clinic.edits["clinic_phone"].text() == "0117 496 0001"  # the typing stays


def test_archiving_from_a_record_changed_elsewhere_is_refused_naming_who(
        qtbot, two_workstations, no_modal, tmp_path, patient_data):
    from PySide6.QtCore import QSettings

    from rejuv_desktop.ui.main_window import MainWindow

    reception, room, pid = two_workstations
    window = MainWindow(room, QSettings(str(tmp_path / "r.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show_patient(pid)
    sp.update_patient(reception, pid, {**patient_data, "phone": "01179 460000"})
    window.set_archived(pid, True)
    assert not sp.get_patient(reception, pid)["archived"]
    kind, title, text = no_modal[-1]
    assert kind == "warning" and "Dr Claire Martin saved this record" in text
