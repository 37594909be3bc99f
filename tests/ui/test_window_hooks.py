"""Features extend the main window through named hooks and ranked places: the order they are
installed in does not change the window, and none needs another to be there."""

import random

from rejuv_desktop.ui import main_window
from rejuv_desktop.ui.hooks import Hook
from rejuv_desktop.ui.main_window import MainWindow


def window_with(qtbot, store, qsettings, installers):
    original = main_window.feature_installers
    main_window.feature_installers = lambda: installers
    try:
        window = MainWindow(store, qsettings)
    finally:
        main_window.feature_installers = original
    qtbot.addWidget(window)
    return window


def layout(window) -> dict:
    """What a user sees of the window's structure: menus, record tabs, left-hand tabs."""
    menus = {key: [a.objectName() or ("—" if a.isSeparator() else a.text())
                   for a in menu.actions()] for key, menu in window.menus.items()}
    tabs = window.record.tabs
    left = window.left_tabs
    return {"menus": menus, "record": [tabs.tabText(i) for i in range(tabs.count())],
            "left": [left.tabText(i) for i in range(left.count())] if left else []}


def test_any_install_order_gives_the_same_window(qtbot, store, qsettings):
    installers = main_window.feature_installers()
    first = layout(window_with(qtbot, store, qsettings, installers))
    assert layout(window_with(qtbot, store, qsettings, installers[::-1])) == first
    shuffled = installers[:]
    random.Random(14).shuffle(shuffled)
    assert layout(window_with(qtbot, store, qsettings, shuffled)) == first
    # and it is the window users know
    assert first["menus"]["file"] == [
        "import_patients", "backup_now", "restore_backup", "backup_folder", "recovery_code",
        "—", "lock_now", "sign_out", "—", "quit"]
    assert first["menus"]["patient"] == [
        "new_patient", "find_patient", "edit_patient", "archive_patient", "—",
        "start_consultation", "procedure_sessions", "patient_outcomes",
        "record_complication_menu", "due_follow_ups", "photographs", "export_patient"]
    assert first["menus"]["tools"] == ["find_lot", "outcomes_audit", "photo_import_folder",
                                       "audit_trail", "settings"]
    assert first["menus"]["help"] == ["help_screen", "help_guide", "—", "about"]
    assert first["record"] == ["Consultations", "Documents", "Sessions", "Outcomes", "Photographs",
                               "Details",
                               "History"]
    assert first["left"] == ["Patients", "Due", "Today"]


def test_a_feature_works_without_the_others(qtbot, store, qsettings):
    from rejuv_desktop.ui import sessions

    window = window_with(qtbot, store, qsettings, [sessions.install])
    assert not window.hooks.aftercare_requested and not window.hooks.summary_requested
    assert layout(window)["record"] == ["Consultations", "Sessions", "Details", "History"]


def test_patient_actions_follow_the_selected_patient(qtbot, store, qsettings, patient_data):
    from rejuv_desktop.services import patients as sp

    window = window_with(qtbot, store, qsettings, main_window.feature_installers())
    seen = []
    window.hooks.patient_selected.append(seen.append)
    export = window.backup_feature.export_action
    assert not export.isEnabled()
    patient_id = sp.add_patient(store, patient_data).patient_id
    window.show_patient(patient_id)
    assert seen[-1] == patient_id and export.isEnabled()
    window.search.setText("nobody of that name")
    assert seen[-1] is None and not export.isEnabled()


def test_a_hook_calls_its_callbacks_in_order():
    hook: Hook[[int]] = Hook("example", "An example.")
    assert not hook
    calls = []
    first, second = (lambda n: calls.append(("a", n))), (lambda n: calls.append(("b", n)))
    hook.append(first)
    hook.append(second)
    hook(3)
    hook.remove(first)
    hook(4)
    assert hook and calls == [("a", 3), ("b", 3), ("b", 4)]



def test_only_what_is_shown_is_built(qtbot, store, qsettings, patient_data):
    from PySide6.QtCore import Qt

    from rejuv_desktop.services import patients as sp

    patient_id = sp.add_patient(store, patient_data).patient_id
    window = window_with(qtbot, store, qsettings, main_window.feature_installers())
    window.show()
    qtbot.waitExposed(window)
    lazy = {"consultations": window.record.consultations, "documents": window.documents_tab,
            "sessions": window.sessions_tab, "due": window.due_view, "today": window.day_view}
    assert {name for name, tab in lazy.items() if tab.is_built} == set()  # the list only
    window.show_patient(patient_id)
    assert {name for name, tab in lazy.items() if tab.is_built} == {"consultations"}
    bar = window.record.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton,
                     pos=bar.tabRect(window.record.tabs.indexOf(window.documents_tab)).center())
    assert window.documents_tab.is_built and window.documents_tab.content().isVisible()
    assert window.documents_tab.content().patient_id == patient_id  # it shows the patient
    assert not window.sessions_tab.is_built


def test_no_feature_looks_for_another_on_the_window():
    """Handles a feature hangs on the window (for scripts and tests) are read by no other part
    of the app; features meet through ``window.hooks``."""
    import re
    from pathlib import Path

    ui = Path(main_window.__file__).parent
    handles = {"documents_tab": "documents", "sessions_tab": "sessions", "due_view": "sessions",
               "day_view": "sessions", "session_guard": "lock.py", "backup_feature": "backup.py"}
    offenders = []
    for path in ui.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if re.search(r"(get|has)attr\((self\.)?window\b", text):
            offenders.append(f"{path.name}: looks up an attribute of the window")
        for handle, owner in handles.items():
            if re.search(rf"\.{handle}\b", text) and owner not in path.parts + (path.name,):
                offenders.append(f"{path.relative_to(ui)}: {handle}")
    assert not offenders, offenders


def test_a_question_at_start_comes_once_the_window_is_painted(qtbot, store, qsettings):
    from rejuv_desktop.ui.app import after_first_paint

    window = window_with(qtbot, store, qsettings, main_window.feature_installers())
    asked = []
    after_first_paint(window.table.viewport(), lambda: asked.append(window.isVisible()))
    assert asked == []
    window.show()
    qtbot.waitUntil(lambda: asked == [True])
    window.table.viewport().repaint()
    assert asked == [True]  # once
