from PySide6.QtWidgets import QMessageBox

from rejuv_desktop.services import patients as sp
from rejuv_desktop.services.demo import build_demo
from rejuv_desktop.ui.main_window import MainWindow
from rejuv_desktop.ui.patient_dialog import PatientDialog


def make_window(qtbot, store, qsettings):
    window = MainWindow(store, qsettings)
    qtbot.addWidget(window)
    window.show()
    return window


def test_list_shows_patients_and_search_filters_as_you_type(qtbot, store, qsettings):
    build_demo(store)
    window = make_window(qtbot, store, qsettings)
    assert window.model.rowCount() == sp.count_patients(store) == 59
    qtbot.keyClicks(window.search, "zoe")
    assert window.model.rowCount() == 1
    assert "ŁUKASIEWICZ" in window.model.index(0, 0).data()
    # the first match is selected and its record shown
    assert window.record.patient_id == window.model.patient_id(0)
    assert window.record.name_label.text() == "Zoë Łukasiewicz-Ødegård"
    window.search.clear()
    assert window.model.rowCount() == 59


def test_new_patient_dialog_shows_message_next_to_invalid_field(qtbot, store):
    dialog = PatientDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.inputs["given_name"], "Anna")
    qtbot.keyClicks(dialog.inputs["date_of_birth"], "31/02/1980")
    dialog.save()
    assert dialog.isVisible()
    assert dialog.errors["family_name"].isVisible()
    assert dialog.errors["family_name"].text() == "Required"
    assert "does not exist" in dialog.errors["date_of_birth"].text()
    assert not dialog.errors["given_name"].isVisible()
    assert sp.count_patients(store) == 0
    # correcting the fields saves and closes
    qtbot.keyClicks(dialog.inputs["family_name"], "Smirnova")
    dialog.inputs["date_of_birth"].setText("28/02/1980")
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert sp.get_patient(store, dialog.saved_id)["family_name"] == "Smirnova"


def test_duplicate_warning_can_cancel(qtbot, store, patient_data, no_modal, monkeypatch):
    sp.add_patient(store, patient_data)
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Cancel)
    dialog = PatientDialog(store)
    qtbot.addWidget(dialog)
    for name in ("given_name", "family_name", "date_of_birth"):
        dialog.set_value(name, patient_data[name])
    dialog.save()
    assert dialog.saved_id is None and sp.count_patients(store) == 1


def test_edit_and_archive_from_the_window(qtbot, store, qsettings, patient_data, no_modal):
    pid = sp.add_patient(store, patient_data).patient_id
    window = make_window(qtbot, store, qsettings)
    window.select_row(0)
    assert window.record.patient_id == pid
    window.record.archive_button.click()
    assert any(kind == "question" for kind, *_ in no_modal)
    assert window.model.rowCount() == 0 and window.record.patient_id is None
    window.show_archived.setChecked(True)
    assert window.model.rowCount() == 1
    assert "(archived)" in window.model.index(0, 0).data()
    window.select_row(0)
    window.record.archive_button.click()  # unarchive
    assert sp.get_patient(store, pid)["archived"] == 0
    assert "History" in [window.record.tabs.tabText(i) for i in range(window.record.tabs.count())]
    assert window.record.history.rowCount() == 3  # created, archived, unarchived


def test_shortcuts(qtbot, store, qsettings):
    window = make_window(qtbot, store, qsettings)
    assert window.new_action.shortcut().toString() == "Ctrl+N"
    find = window.findChild(type(window.new_action), "find_patient")
    assert find.shortcut().toString() == "Ctrl+F"
    window.activateWindow()
    find.trigger()
    assert window.search.hasFocus() or window.focusWidget() is window.search


def test_geometry_is_remembered(qtbot, store, qsettings, monkeypatch):
    window = make_window(qtbot, store, qsettings)
    window.resize(900, 600)
    window.close()
    saved = qsettings.value("main/geometry")
    assert saved is not None and not saved.isEmpty()
    restored = []
    monkeypatch.setattr(MainWindow, "restoreGeometry", lambda self, g: restored.append(g))
    window.splitter.setSizes([300, 600])
    again = MainWindow(store, qsettings)
    qtbot.addWidget(again)
    # the offscreen platform has no window manager, so compare what is handed back to Qt
    assert restored == [saved]
