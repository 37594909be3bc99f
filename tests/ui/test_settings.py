import pytest
from PySide6.QtCore import Qt

from rejuv_desktop.services import practitioners as pr
from rejuv_desktop.services import settings as sset
from rejuv_desktop.ui.settings_dialog import AccountDialog, SettingsDialog


def admin_and_nurse(store):
    admin = pr.create_practitioner(store, {"name": "Claire Martin", "title": "Dr"}, "claire-pass")
    store.actor_id = admin
    nurse = pr.create_practitioner(store, {"name": "Aisha Rahman", "title": "Nurse"}, "aisha-pass")
    return admin, nurse


def test_admin_edits_clinic_settings_with_messages(qtbot, store):
    admin, _ = admin_and_nurse(store)
    pr.sign_in(store, admin, "claire-pass")
    sset.save_clinic(store, {"clinic_name": "Old", "clinic_phone": "0117 496 0000"})
    dialog = SettingsDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.clinic.edits["clinic_name"].setText("Harbourside Hand Clinic")
    dialog.clinic.edits["clinic_phone"].setText("")
    dialog.security.edits["idle_lock_minutes"].setText("0")
    dialog.save()
    assert dialog.clinic.errors["clinic_phone"].isVisible()
    assert not dialog.security.errors["idle_lock_minutes"].isHidden()
    assert sset.get_settings(store)["clinic_name"] == "Old"
    dialog.clinic.edits["clinic_phone"].setText("0117 496 0001")
    dialog.security.edits["idle_lock_minutes"].setText("5")
    dialog.save()
    values = sset.get_settings(store)
    assert values["clinic_name"] == "Harbourside Hand Clinic" and values["idle_lock_minutes"] == "5"


def test_non_admin_sees_settings_read_only(qtbot, store):
    _, nurse = admin_and_nurse(store)
    pr.sign_in(store, nurse, "aisha-pass")
    dialog = SettingsDialog(store)
    qtbot.addWidget(dialog)
    assert not dialog.save_button.isEnabled() and not dialog.add_button.isEnabled()


def test_admin_adds_a_practitioner(qtbot, store):
    admin, _ = admin_and_nurse(store)
    pr.sign_in(store, admin, "claire-pass")
    dialog = AccountDialog(store)
    qtbot.addWidget(dialog)
    dialog.fields.edits["name"].setText("Samuel Okafor")
    dialog.fields.edits["password"].setText("short")
    dialog.save()
    assert not dialog.fields.errors["password"].isHidden()
    dialog.fields.edits["password"].setText("long enough")
    dialog.fields.edits["confirm"].setText("long enough")
    dialog.save()
    assert "Samuel Okafor" in [p.name for p in pr.list_practitioners(store)]


def test_admin_unlocks_a_locked_account_from_the_accounts_tab(qtbot, store, clock):
    admin, nurse = admin_and_nurse(store)
    store.actor_id = None
    for _ in range(pr.LOCK_AFTER):
        clock.advance(seconds=pr.MAX_DELAY_SECONDS)
        try:
            pr.sign_in(store, nurse, "not her password")
        except pr.UserError:
            pass
    assert nurse in pr.locked_accounts(store)
    pr.sign_in(store, admin, "claire-pass")
    dialog = SettingsDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentIndex(1)
    row = [p.id for p in dialog.people].index(nurse)
    assert dialog.accounts.item(row, dialog.status_column).text().startswith("Locked until")
    assert not dialog.unlock_button.isEnabled()  # nothing selected yet
    dialog.accounts.selectRow(row)
    assert dialog.unlock_button.isEnabled()
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert dialog.accounts.item(row, dialog.status_column).text() == "Active"
    assert not dialog.unlock_button.isEnabled()
    assert pr.locked_accounts(store) == {}
    pr.sign_out(store)
    assert pr.sign_in(store, nurse, "aisha-pass").id == nurse


def test_admin_deactivates_an_account_and_it_can_no_longer_sign_in(qtbot, store):
    admin, nurse = admin_and_nurse(store)
    pr.sign_in(store, admin, "claire-pass")
    dialog = AccountDialog(store, pr.get_practitioner(store, nurse))
    qtbot.addWidget(dialog)
    dialog.fields.edits["active"].setChecked(False)
    dialog.save()
    assert not pr.get_practitioner(store, nurse).active
    pr.sign_out(store)
    with pytest.raises(pr.UserError, match="deactivated"):
        pr.sign_in(store, nurse, "aisha-pass")


def test_a_title_typed_into_the_name_is_caught_in_the_account_form(qtbot, store):
    admin, _ = admin_and_nurse(store)
    pr.sign_in(store, admin, "claire-pass")
    dialog = AccountDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.fields.edits["name"].setText("Dr Amélie Rousseau")  # (keyClicks: ASCII only)
    qtbot.keyClicks(dialog.fields.edits["title"], "Dr")
    for key in ("password", "confirm"):
        qtbot.keyClicks(dialog.fields.edits[key], "violet mountain ferry")
    dialog.save()
    assert dialog.fields.errors["name"].isVisible()
    assert 'Leave the title "Dr" out of the name' in dialog.fields.errors["name"].text()
    assert "Amélie Rousseau" not in [p.name for p in pr.list_practitioners(store)]
    dialog.fields.edits["name"].setText("Amélie Rousseau")
    dialog.save()
    assert [p.display for p in pr.list_practitioners(store) if p.name == "Amélie Rousseau"] == [
        "Dr Amélie Rousseau"]


def test_out_of_hours_and_emergency_numbers_for_aftercare(qtbot, store):
    from PySide6.QtCore import Qt

    admin, _ = admin_and_nurse(store)
    pr.sign_in(store, admin, "claire-pass")
    sset.save_clinic(store, {"clinic_name": "Harbourside", "clinic_phone": "0117 496 0000"})
    dialog = SettingsDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    country = dialog.clinic.edits["clinic_country"]
    emergency = dialog.clinic.edits["emergency_number"]
    assert "112" in emergency.placeholderText()
    country.setCurrentIndex(country.findData("FR"))
    assert "15" in emergency.placeholderText()  # the country's default, shown as you choose
    qtbot.keyClicks(dialog.clinic.edits["clinic_out_of_hours_phone"], "12")
    qtbot.keyClicks(emergency, "call")
    dialog.save()
    assert dialog.clinic.errors["emergency_number"].isVisible()
    assert dialog.clinic.errors["clinic_out_of_hours_phone"].isVisible()
    assert "clinic_country" not in sset.get_settings(store)  # nothing half-saved
    dialog.clinic.edits["clinic_out_of_hours_phone"].clear()
    qtbot.keyClicks(dialog.clinic.edits["clinic_out_of_hours_phone"], "0117 496 0999")
    emergency.clear()
    qtbot.keyClick(emergency, Qt.Key.Key_Tab)
    dialog.save()
    values = sset.get_settings(store)
    assert values["clinic_country"] == "FR" and values["clinic_out_of_hours_phone"] == "0117 496 0999"
    assert sset.emergency_number(values) == "15"
