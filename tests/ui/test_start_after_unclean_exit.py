"""After an unclean exit the window opens at once and reads; the integrity check runs behind it
with its progress shown, and saves wait for it (the form keeps what was typed)."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import threading

import pytest

from PySide6.QtWidgets import QApplication

from rejuv_desktop.services import integrity as si
from rejuv_desktop.services import patients as sp
from rejuv_desktop.services import practitioners as pr
from rejuv_desktop.storage import open_store, writer_lock
from rejuv_desktop.ui import app as app_module
from rejuv_desktop.ui.main_window import MainWindow
from rejuv_desktop.ui.patient_dialog import PatientDialog
from rejuv_desktop.ui.start_check import StartupCheck

pytestmark = pytest.mark.sqlite_file(
    "the integrity check of a SQLite file after an unclean exit")

NEW_PATIENT = {"given_name": "Ines", "family_name": "Marchetti", "date_of_birth": "04/05/1966"}


def held_check(monkeypatch):
    """The real check, held at 42 % until the test lets it go on."""
    go_on = threading.Event()
    real = si.check_open_database

    def held(path, on_progress=None, should_stop=None):
        on_progress(0.42)
        go_on.wait(60)
        return real(path, on_progress, should_stop)

    monkeypatch.setattr(si, "check_open_database", held)
    return go_on


def fill(dialog, values):
    for name, value in values.items():
        dialog.set_value(name, value)


def test_reading_works_and_a_save_waits_for_the_check(qtbot, store, db_path, qsettings,
                                                      patient_data, no_modal, monkeypatch):
    sp.add_patient(store, patient_data)
    go_on = held_check(monkeypatch)
    checker = StartupCheck(store, db_path)
    checker.start()
    window = MainWindow(store, qsettings)
    qtbot.addWidget(window)
    window.show()
    checker.attach(window)
    qtbot.waitUntil(lambda: checker.bar.progress.value() == 42, timeout=5000)
    assert checker.bar.isVisible() and "saving waits" in checker.bar.label.text()
    assert checker.bar.parentWidget() is window.banner.parentWidget()  # above the list
    assert not window.banner.isVisible()
    # a patient can be found and read while the check runs
    qtbot.keyClicks(window.search, "zoe")
    assert window.record.name_label.text() == "Zoë Łukasiewicz-Ødegård"
    # a save during the check: the message, the form kept, nothing written
    dialog = PatientDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    fill(dialog, NEW_PATIENT)
    dialog.save()
    assert any("check is still running" in text for _k, _t, text in no_modal)
    assert dialog.saved_id is None and dialog.isVisible()
    assert dialog.values()["family_name"] == "Marchetti"
    assert sp.count_patients(store) == 1
    # the check passes: the bar goes and the same form saves
    go_on.set()
    qtbot.waitUntil(lambda: not checker.running, timeout=30000)
    assert checker.problem is None and checker.bar is None
    assert store.writes_held is None and not window.banner.isVisible()
    dialog.save()
    assert dialog.saved_id is not None and sp.count_patients(store) == 2


def test_damage_found_by_the_check_keeps_writes_refused_and_asks_for_recovery(
        qtbot, store, db_path, qsettings, patient_data, no_modal, monkeypatch):
    from rejuv_desktop.services import backup as sb

    monkeypatch.setattr(si.integrity, "quick_check",
                        lambda path, on_progress=None, should_stop=None:
                        ["*** in database main ***", "Page 7: btreeInitPage() returns error"])
    checker = StartupCheck(store, db_path)
    window = MainWindow(store, qsettings)
    qtbot.addWidget(window)
    window.show()
    checker.start()
    checker.attach(window)
    qtbot.waitUntil(lambda: not checker.running, timeout=10000)
    assert "failed its integrity check" in window.banner.text() and window.banner.isVisible()
    assert sb.needs_check_marker(db_path).exists()  # the next start sets it aside
    dialog = PatientDialog(store)
    qtbot.addWidget(dialog)
    fill(dialog, NEW_PATIENT)
    dialog.save()
    assert any("failed its integrity check" in text for _k, _t, text in no_modal)
    assert dialog.saved_id is None and sp.count_patients(store) == 0


KILLED_APP = textwrap.dedent("""
    import sys
    from rejuv_desktop.storage import open_store, writer_lock
    writer_lock.set_program("Rejuv Desktop")
    store = open_store(sys.argv[1])
    print("open", flush=True)
    sys.stdin.readline()
""")


def test_start_after_a_killed_app_opens_at_once_and_checks_behind(qtbot, qapp, db_path,
                                                                  patient_data, monkeypatch):
    store = open_store(db_path)
    pr.create_practitioner(store, {"name": "Ada Byrne", "title": "Dr"}, "correct horse battery 9")
    sp.add_patient(store, patient_data)
    store.close()
    killed = subprocess.Popen([sys.executable, "-c", KILLED_APP, str(db_path)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert killed.stdout.readline().strip() == "open"
    killed.send_signal(signal.SIGKILL)
    killed.wait(timeout=10)
    assert writer_lock.lock_path(db_path).exists()  # what an unclean exit leaves

    def no_blocking_check(path):
        raise AssertionError("the window waited for the full check")

    def signed_in(store):
        store.actor_id = 1
        return True

    seen = {}

    def run_event_loop(app):
        window = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, MainWindow) and w.isVisible())
        seen["rows"] = window.model.rowCount()
        seen["held"] = window.store.writes_held
        qtbot.waitUntil(lambda: window.store.writes_held is None, timeout=30000)
        window.close()
        window.deleteLater()
        return 0

    monkeypatch.setattr(app_module, "check_database_at_start", no_blocking_check)
    monkeypatch.setattr(app_module, "sign_in_at_start", signed_in)
    monkeypatch.setattr(QApplication, "exec", run_event_loop)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(MainWindow, "offer_resume", lambda self: None)
    assert app_module.run_gui(db_path) == 0
    assert seen["rows"] == 1 and seen["held"] and "still running" in seen["held"]
    assert not writer_lock.lock_path(db_path).exists()  # a clean exit this time


def test_closing_during_the_check_leaves_it_pending_for_the_next_start(store, db_path,
                                                                       monkeypatch):
    monkeypatch.setattr(si.integrity, "_STEP_BATCH", 50)  # asked often enough on a small file
    closing = threading.Event()
    closing.set()
    with pytest.raises(si.CheckStopped):
        si.check_open_database(db_path, lambda share: None, closing.is_set)
    assert si.check_pending(db_path)  # the next start checks again before allowing saves
    shares = []
    assert si.check_open_database(db_path, shares.append) is None
    assert not si.check_pending(db_path)
    assert shares[-1] == 1.0 and all(0 <= a <= b for a, b in zip(shares, shares[1:]))


def test_a_check_that_cannot_run_keeps_writes_held_and_says_so(qtbot, store, db_path,
                                                              qsettings, monkeypatch):
    from rejuv_desktop.errors import StorageError

    def unreadable(path, on_progress=None, should_stop=None):
        raise StorageError("disk I/O error")

    monkeypatch.setattr(si.integrity, "quick_check", unreadable)
    checker = StartupCheck(store, db_path)
    window = MainWindow(store, qsettings)
    qtbot.addWidget(window)
    window.show()
    checker.start()
    checker.attach(window)
    qtbot.waitUntil(lambda: not checker.running, timeout=10000)
    assert "could not run" in window.banner.text() and "could not run" in store.writes_held
    assert si.check_pending(db_path)  # the next start runs it again
