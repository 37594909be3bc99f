"""The record shows only a patient of the current results, with their allergies and cautions."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo

from rejuv_desktop.services import consultations as sc
from rejuv_desktop.services import patients as sp
from rejuv_desktop.services import practitioners as pr
from rejuv_desktop.ui.main_window import MainWindow
from rejuv_desktop.ui.patient_dialog import PatientDialog
from tests.services.test_consultations import complete_data


def make_window(qtbot, store, qsettings):
    window = MainWindow(store, qsettings)
    qtbot.addWidget(window)
    window.show()
    return window


def add(store, given, family, phone="07700 900111"):
    return sp.add_patient(store, {"given_name": given, "family_name": family,
                                  "date_of_birth": "12/03/1971", "sex": "female",
                                  "phone": phone}).patient_id


def finalised(store, patient_id, **changes) -> int:
    if store.actor_id is None:
        pid = pr.create_practitioner(store, {"name": "Claire Martin", "title": "Dr"},
                                     "long enough")
        pr.sign_in(store, pid, "long enough")
    draft = sc.start_consultation(store, patient_id)
    sc.save_draft(store, draft.id, complete_data(**changes), page=6)
    return sc.finalise(store, draft.id)


def test_a_query_with_no_match_leaves_no_patient_on_screen(qtbot, store, qsettings):
    add(store, "Zoë", "Bernard")
    add(store, "Anna", "Smirnova")
    window = make_window(qtbot, store, qsettings)
    qtbot.keyClicks(window.search, "zoe")
    assert window.record.name_label.text() == "Zoë Bernard"
    assert window.consult_action.isEnabled()
    window.search.selectAll()
    qtbot.keyClicks(window.search, "bx")
    assert window.count_label.text() == "0 found"
    assert window.record.patient_id is None
    assert window.record.stack.currentIndex() == 0  # the empty state, no record
    assert not window.record.consultations.start_button.isVisible()
    for name in ("start_consultation", "edit_patient", "archive_patient", "procedure_sessions"):
        action = next(a for a in window.patient_actions if a.objectName() == name)
        assert not action.isEnabled(), name
    assert window.documents_tab.patient_id is None and window.sessions_tab.patient_id is None
    # A match brings the record back, of the patient now listed.
    qtbot.keyClick(window.search, Qt.Key.Key_Backspace)
    qtbot.keyClick(window.search, Qt.Key.Key_Backspace)
    qtbot.keyClicks(window.search, "smir")
    assert window.record.name_label.text() == "Anna Smirnova"
    assert window.consult_action.isEnabled()


def test_the_patient_count_follows_a_new_patient(qtbot, store, qsettings, monkeypatch):
    add(store, "Anna", "Smirnova")
    window = make_window(qtbot, store, qsettings)
    assert window.count_label.text() == "1 patients"

    def fill_and_save(dialog):
        dialog.set_value("given_name", "Ines")
        dialog.set_value("family_name", "Garcia")
        dialog.set_value("date_of_birth", "02/05/1968")
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(PatientDialog, "exec", fill_and_save)
    window.new_action.trigger()
    assert window.record.name_label.text() == "Ines Garcia"
    assert window.count_label.text() == "2 patients"


def test_alert_strip_shows_allergies_with_details_and_the_cautions(qtbot, store, qsettings):
    pid = add(store, "Zoë", "Bernard")
    other = add(store, "Anna", "Smirnova")
    data = complete_data()
    data["answers"]["allergy_lidocaine"] = "yes"
    data["details"] = {"allergy_lidocaine": "Hives after articaine at the dentist"}
    data["chosen"] = ["fat_transfer"]
    data["plan"] = {"fat_transfer": data["plan"]["fat_transfer"]}
    data["justifications"] = {"fat_transfer": {"text": "Anaesthetist to review; use "
                                               "prilocaine after allergy testing"}}
    finalised(store, pid, **{k: data[k] for k in ("answers", "details", "chosen", "plan",
                                                  "justifications")})
    window = make_window(qtbot, store, qsettings)
    qtbot.keyClicks(window.search, "zoe")
    strip = window.record.alerts
    assert strip.isVisible()
    text = strip.label.text()
    assert "Allergic to local anaesthetics such as lidocaine" in text
    assert "Hives after articaine at the dentist" in text
    assert "Caution (Fat transfer)" in text and "anaesthetic plan" in text
    assert "accepted: Anaesthetist to review; use prilocaine after allergy testing " \
           "(Dr Claire Martin)" in text
    assert strip.property("warning") is True
    # Legible: at least the body font size, dark text on a light background.
    assert QFontInfo(strip.label.font()).pixelSize() >= QFontInfo(window.font()).pixelSize()
    # Another patient with no screening at all: told so, not "none".
    window.search.selectAll()
    qtbot.keyClicks(window.search, "smir")
    assert window.record.patient_id == other
    assert "No screening on record" in strip.label.text()


def test_alert_strip_says_when_nothing_was_reported(qtbot, store, qsettings):
    pid = add(store, "Zoë", "Bernard")
    finalised(store, pid)
    window = make_window(qtbot, store, qsettings)
    window.show_patient(pid)
    assert "none reported" in window.record.alerts.label.text()
    assert window.record.alerts.property("warning") is False
