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
    window.record.tabs.setCurrentWidget(window.record.history)  # read when shown
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


def _demo_patients_with_consultations(store):
    """Two demo patients with different numbers of finalised consultations: (id, count)."""
    from rejuv_desktop.services import consultations as sc

    counts = {}
    for row in sp.search_patients(store, ""):
        counts[row["id"]] = len(sc.consultation_history(store, row["id"]))
        if len(set(counts.values()) - {0}) >= 2:
            break
    first = next(pid for pid, n in counts.items() if n)
    second = next(pid for pid, n in counts.items() if n and n != counts[first])
    return (first, counts[first]), (second, counts[second])


def _spy(monkeypatch, module, name):
    calls = []
    real = getattr(module, name)
    monkeypatch.setattr(module, name, lambda *a, **k: (calls.append(a[1]), real(*a, **k))[1])
    return calls


def test_typing_shows_the_name_at_once_and_reads_the_record_when_typing_pauses(
        qtbot, store, qsettings, monkeypatch):
    from rejuv_desktop.ui import record_pane
    from rejuv_desktop.ui.consultation import view

    build_demo(store)
    window = make_window(qtbot, store, qsettings)
    other = next(r["id"] for r in sp.search_patients(store, "") if "Zoë" not in r["given_name"])
    window.show_patient(other)  # a record open, its tabs filled
    assert window.record.consultations.patient_id == other
    consultations = _spy(monkeypatch, view.sc, "consultation_history")
    history = _spy(monkeypatch, record_pane.sh, "patient_history")
    window.search.clear()
    qtbot.keyClicks(window.search, "zoe")
    zoe = window.model.patient_id(0)
    # At each keystroke: the list, the first match's name, alerts and actions; no tab is read,
    # and the previous patient's rows are out of sight.
    assert window.record.patient_id == zoe
    assert window.record.name_label.text() == "Zoë Łukasiewicz-Ødegård"
    assert window.consult_action.isEnabled()
    assert window.record.pending and window.record.cover.isVisible()
    assert consultations == [] and history == []
    # Typing pauses: the tab in view is read, for the patient typed, once.
    qtbot.waitUntil(lambda: not window.record.pending, timeout=3000)
    assert not window.record.cover.isVisible()
    assert consultations == [zoe] and history == []
    table = window.record.consultations.table
    from rejuv_desktop.services import consultations as sc
    assert table.rowCount() == len(sc.consultation_history(store, zoe))
    # Choosing a row in the list shows the whole record at once.
    window.select_row(window.model.row_of(zoe))
    window.search.clear()
    window.table.selectRow(window.model.row_of(other))
    assert not window.record.pending and window.record.consultations.patient_id == other


def test_hidden_tabs_are_read_when_shown_and_show_the_patient_opened(
        qtbot, store, qsettings, monkeypatch):
    from rejuv_desktop.ui import record_pane
    from rejuv_desktop.ui.consultation import view

    build_demo(store)
    (first, first_count), (second, second_count) = _demo_patients_with_consultations(store)
    window = make_window(qtbot, store, qsettings)
    record = window.record
    window.show_patient(first)
    record.tabs.setCurrentWidget(record.history)  # the History tab in view
    first_history = record.history.rowCount()
    assert first_history > 0
    consultations = _spy(monkeypatch, view.sc, "consultation_history")
    history = _spy(monkeypatch, record_pane.sh, "patient_history")
    window.show_patient(second)
    # Only the tab in view was read; the Consultations tab answers for the new patient.
    assert history == [second] and consultations == []
    assert record.consultations.patient_id == second
    record.tabs.setCurrentWidget(record.consultations)
    assert consultations == [second]
    assert record.consultations.table.rowCount() == second_count
    # Back to the first patient with Consultations in view: History waits until shown.
    history.clear()
    window.show_patient(first)
    assert record.consultations.table.rowCount() == first_count and history == []
    record.tabs.setCurrentWidget(record.history)
    assert history == [first] and record.history.rowCount() == first_history


def test_what_the_first_record_needs_is_loaded_once_the_list_is_painted(
        qtbot, store, qsettings, monkeypatch):
    from rejuv_desktop.ui import main_window

    loaded = []
    load = main_window.importlib.import_module
    monkeypatch.setattr(main_window.importlib, "import_module",
                        lambda name: (loaded.append(name), load(name))[1])
    window = MainWindow(store, qsettings)
    qtbot.addWidget(window)
    assert loaded == []  # nothing before the window is up
    window.show()
    qtbot.waitUntil(lambda: "rejuv_desktop.services.follow_ups" in loaded)
    assert loaded[0] == "rejuv_desktop.ui.consultation.view"
    assert not window.record.consultations.is_built  # loaded, not built: built when shown
