"""The doctor qualification on an account, and the clinic's reflection period, in Settings."""

from PySide6.QtCore import Qt

from rejuv_desktop.services import practitioners as pr
from rejuv_desktop.services import settings as sset
from rejuv_desktop.ui.settings_dialog import AccountDialog, SettingsDialog
from tests.ui.test_settings import admin_and_nurse


def test_an_administrator_records_who_is_a_doctor(qtbot, store):
    admin, nurse = admin_and_nurse(store)
    pr.sign_in(store, admin, "claire-pass")
    dialog = AccountDialog(store, pr.get_practitioner(store, nurse))
    qtbot.addWidget(dialog)
    assert not dialog.doctor.isChecked()
    qtbot.mouseClick(dialog.doctor, Qt.MouseButton.LeftButton)
    dialog.save()
    assert pr.get_practitioner(store, nurse).doctor
    settings = SettingsDialog(store)
    qtbot.addWidget(settings)
    rows = {settings.accounts.item(i, 0).text(): settings.accounts.item(i, 4).text()
            for i in range(settings.accounts.rowCount())}
    assert rows == {"Aisha Rahman": "Yes", "Claire Martin": "No"}


def test_the_reflection_period_is_set_in_settings(qtbot, store):
    admin, _ = admin_and_nurse(store)
    pr.sign_in(store, admin, "claire-pass")
    sset.save_clinic(store, {"clinic_name": "Harbourside", "clinic_phone": "0117 496 0000"})
    dialog = SettingsDialog(store)
    qtbot.addWidget(dialog)
    field = dialog.clinic.edits["cooling_off_days"]
    assert field.text() == "14"
    field.setText("")
    qtbot.keyClicks(field, "21")
    dialog.save()
    assert sset.cooling_off_days(store) == 21


def test_a_doctor_is_named_as_one_where_people_sign_in(qtbot, store):
    from rejuv_desktop.ui.accounts import SignInDialog

    store.actor_id = pr.create_practitioner(
        store, {"name": "Claire Martin", "title": "Dr", "is_doctor": True}, "claire-pass")
    pr.create_practitioner(store, {"name": "Aisha Rahman", "title": "Nurse"}, "aisha-pass")
    store.actor_id = None
    dialog = SignInDialog(store)
    qtbot.addWidget(dialog)
    names = [dialog.who.itemText(i) for i in range(dialog.who.count())]
    assert names == ["Nurse Aisha Rahman", "Dr Claire Martin (doctor)"]


def test_the_first_administrator_can_say_they_are_a_doctor(qtbot, store):
    from PySide6.QtWidgets import QWizard

    from rejuv_desktop.ui.accounts import FirstRunWizard

    wizard = FirstRunWizard(store)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.clinic.edits["clinic_name"].setText("Harbourside Hand Clinic")
    wizard.clinic.edits["clinic_phone"].setText("0117 496 0000")
    wizard.next()
    wizard.admin.edits["name"].setText("Claire Martin")
    wizard.admin.edits["password"].setText("long enough")
    wizard.admin.edits["confirm"].setText("long enough")
    qtbot.mouseClick(wizard.admin.doctor, Qt.MouseButton.LeftButton)
    wizard.next()  # the clinic's recovery code, written down before finishing (on a file:
    if wizard.recovery is not None:  # a clinic set up on a server has no code to write down)
        wizard.recovery.written.setChecked(True)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert pr.get_practitioner(store, store.actor_id).doctor
