"""The verdict binds the plan in the wizard, driven the way a practitioner clicks and types."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from rejuv_desktop.services import consultations as sc
from rejuv_desktop.services import documents as sd
from rejuv_desktop.services import patients as sp
from rejuv_desktop.services import practitioners as pr
from rejuv_desktop.services import settings as sset
from rejuv_desktop.ui.consultation.view import consultation_html
from rejuv_desktop.ui.consultation.wizard import Page
from tests.services.test_documents import text_of
from tests.ui.test_consultation_wizard import answer_all, fill_intake, open_wizard

OVERRIDE = "Pregnancy ended in October (GP letter on file); not breastfeeding."


@pytest.fixture
def people(store, patient_data):
    sset.save_clinic(store, {"clinic_name": "Harbourside Hand Clinic",
                           "clinic_address": "12 Quay Street, Bristol",
                           "clinic_phone": "0117 496 0000"})
    nurse = pr.create_practitioner(store, {"name": "Aisha Rahman", "title": "Nurse"}, "long enough")
    store.actor_id = nurse  # the first account administers: it adds the doctor's
    doctor = pr.create_practitioner(store, {"name": "Claire Martin", "title": "Dr",
                                            "is_doctor": True}, "long enough")
    store.actor_id = None
    return {"nurse": nurse, "doctor": doctor,
            "patient": sp.add_patient(store, patient_data).patient_id}


def finish(qtbot, wizard):
    with qtbot.waitSignal(wizard.finalised) as signal:
        wizard.button(QWizard.WizardButton.FinishButton).click()
    return signal.args[0]


def type_into(qtbot, edit, text):
    """Click into a field and type, as a person does (the field selects what it holds)."""
    edit.window().activateWindow()
    qtbot.waitUntil(edit.window().isActiveWindow)
    if edit.hasFocus():  # clicking again into a focused field only moves the cursor
        edit.clearFocus()
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: edit.hasSelectedText() or not edit.text())
    qtbot.keyClicks(edit, text)


def to_recommendation(qtbot, store, patient, answers):
    wizard = open_wizard(qtbot, store, patient)
    fill_intake(wizard)
    answer_all(wizard, answers)
    wizard.next()
    assert wizard.currentId() == Page.VERDICT
    wizard.next()
    assert wizard.currentId() == Page.RECOMMENDATION
    return wizard


def test_pregnant_patient_seen_by_a_nurse_ends_with_no_plan(qtbot, store, people):
    pr.sign_in(store, people["nurse"], "long enough")
    wizard = to_recommendation(qtbot, store, people["patient"], {"pregnant": "yes"})
    rec = wizard.pages[Page.RECOMMENDATION]
    # Deferred until after the pregnancy: not tickable without a doctor; mesotherapy is out.
    assert not rec.choices["fat_transfer"].isEnabled()
    assert not rec.choices["mesotherapy"].isEnabled()
    assert "deferred" in rec.choices["fat_transfer"].text()
    assert "new screening" in rec.rows["fat_transfer"].note.text()
    rec.choices["fat_transfer"].click()
    assert not rec.choices["fat_transfer"].isChecked()
    qtbot.keyClicks(rec.none_reason, "Pregnant: fat transfer after the pregnancy and breastfeeding.")
    wizard.next()
    wizard.next()
    assert wizard.currentId() == Page.FINALISE
    consultation = sc.get_consultation(store, finish(qtbot, wizard))
    assert consultation["outcome"] == "not_planned"
    assert sc.plans_of(store, people["patient"]) == []


def test_pregnant_patient_planned_only_on_a_doctors_override_shown_on_her_consent(
        qtbot, store, people):
    pr.sign_in(store, people["doctor"], "long enough")
    wizard = to_recommendation(qtbot, store, people["patient"], {"pregnant": "yes"})
    rec = wizard.pages[Page.RECOMMENDATION]
    rec.choices["fat_transfer"].click()
    assert rec.rows["fat_transfer"].override.isVisible()
    wizard.next()  # no override written yet: stays, and says why
    assert wizard.currentId() == Page.RECOMMENDATION
    assert "unless a doctor records an override" in rec.problems.text()
    qtbot.keyClicks(rec.rows["fat_transfer"].override, OVERRIDE)
    wizard.next()
    assert wizard.currentId() == Page.PLAN
    plan = wizard.pages[Page.PLAN].boxes["fat_transfer"]
    assert "doctor's override" in plan.binding_note.text()
    wizard.next()
    summary = wizard.pages[Page.FINALISE].summary.text()
    assert "Defer" in summary and "Doctor&#x27;s override" in summary and "GP letter" in summary
    assert "Still missing" not in summary
    consultation = sc.get_consultation(store, finish(qtbot, wizard))
    assert consultation["record"].overrides["fat_transfer"]["by"] == "Dr Claire Martin"
    record = consultation_html(consultation)  # the record pane's view of the consultation
    assert "Deferral overridden by a doctor" in record and "GP letter on file" in record
    plan_id = sc.plans_of(store, people["patient"])[0]["id"]
    consent = text_of(sd.pdf_bytes(store, sd.issue_consent(store, plan_id).id))
    assert "Doctor's override: " + OVERRIDE in consent
    assert "None: nothing in your screening" not in consent


def test_a_procedure_the_recommendation_does_not_support_asks_why(qtbot, store, people):
    pr.sign_in(store, people["nurse"], "long enough")
    wizard = open_wizard(qtbot, store, people["patient"])
    concerns = wizard.pages[Page.CONCERNS]
    concerns.concerns["volume_loss"].setChecked(True)
    concerns.realistic.setChecked(True)
    wizard.next()
    hands = wizard.pages[Page.HANDS]
    for box in hands.boxes.values():
        box.merz.setCurrentIndex(box.merz.findData(3))
    hands.fitzpatrick.setCurrentIndex(hands.fitzpatrick.findData("II"))
    hands.weight.setText("64")
    hands.donor.setCurrentIndex(hands.donor.findData("adequate"))
    wizard.next()
    answer_all(wizard)
    wizard.next()
    wizard.next()
    rec = wizard.pages[Page.RECOMMENDATION]
    assert "not recommended" in rec.choices["mesotherapy"].text()
    rec.choices["mesotherapy"].click()
    assert rec.rows["mesotherapy"].unsupported.isVisible()
    wizard.next()
    assert wizard.currentId() == Page.RECOMMENDATION
    assert "does not support hand mesotherapy" in rec.problems.text()
    qtbot.keyClicks(rec.rows["mesotherapy"].unsupported, "Asks for smoother skin as well.")
    wizard.next()
    wizard.next()
    assert "Asks for smoother skin as well." in wizard.pages[Page.FINALISE].summary.text()
    consultation = sc.get_consultation(store, finish(qtbot, wizard))
    reason = consultation["record"].unsupported_reasons["mesotherapy"]
    assert reason["text"] == "Asks for smoother skin as well." and reason["by"] == "Nurse Aisha Rahman"


def test_plan_dates_default_within_range_and_take_typed_dates(qtbot, store, people):
    pr.sign_in(store, people["nurse"], "long enough")
    wizard = to_recommendation(qtbot, store, people["patient"], {})
    rec = wizard.pages[Page.RECOMMENDATION]
    rec.choices["mesotherapy"].click()
    wizard.next()
    assert wizard.currentId() == Page.PLAN
    wizard.back()
    rec.choices["fat_transfer"].click()
    wizard.next()
    box = wizard.pages[Page.PLAN].boxes["fat_transfer"]
    # Not 01/01/2000: the first date that keeps 14 days after the mesotherapy series planned
    # first (06/12/2026, 21/12, 05/01 and 20/01/2027).
    assert box.start.date().toPython() == date(2027, 2, 3)
    assert wizard.data.plan["fat_transfer"]["start"] == "2027-02-03"
    assert not wizard.pages[Page.PLAN].spacing.isVisible()
    type_into(qtbot, box.start.edit, "12/01/2027")
    assert box.start.date().toPython() == date(2027, 1, 12)
    # Inside the mesotherapy series: flagged, as the session gate would refuse that day.
    spacing = wizard.pages[Page.PLAN].spacing
    assert spacing.isVisible() and "less than 21 days after fat transfer" in spacing.text()
    assert not box.reflection.isVisible()
    meso = wizard.pages[Page.PLAN].boxes["mesotherapy"]
    type_into(qtbot, meso.start.edit, "25112026")  # inside the two weeks to reflect
    assert meso.reflection.isVisible() and "reflection period" in meso.reflection.text()
    type_into(qtbot, meso.start.edit, "01/01/2000")  # before the consultation: refused
    assert not meso.start.date().isValid()
    wizard.next()
    assert wizard.currentId() == Page.PLAN and "Choose a date from 22/11/2026" in \
        wizard.pages[Page.PLAN].problems.text()
    type_into(qtbot, meso.start.edit, "25/11/2026")
    wizard.next()
    assert wizard.currentId() == Page.FINALISE
    assert "reflection period" in wizard.pages[Page.FINALISE].summary.text()
    consultation = sc.get_consultation(store, finish(qtbot, wizard))
    assert consultation["record"].plan["fat_transfer"]["start"] == "2027-01-12"
    assert consultation["record"].plan["mesotherapy"]["start"] == "2026-11-25"
