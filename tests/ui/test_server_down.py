"""The clinic server goes away: the window says so at once, keeps what is being typed,
refuses saves with a clear message, and reconnects; once back, the save can be made."""

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from rejuv_desktop.services import patients as sp
from rejuv_desktop.services.database import open_database
from rejuv_desktop.ui.main_window import MainWindow
from rejuv_desktop.ui.patient_dialog import PatientDialog
from tests.session_helpers import add_practitioner

WAIT_MS = 20000  # a ceiling for a loaded machine (reconnecting is tried every 2 s)


@pytest.fixture
def room(qtbot, pg_url, clock, tmp_path, patient_data):
    store = open_database(pg_url, clock=clock)
    add_practitioner(store, "Claire Martin", "Dr")
    pid = sp.add_patient(store, patient_data).patient_id
    window = MainWindow(store, QSettings(str(tmp_path / "room.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    window.show_patient(pid)
    yield window, pid
    window.live_updates.close()
    window.close()
    store.close()


@pytest.fixture(autouse=True)
def app_excepthook(monkeypatch):
    """As in the app: an error escaping a slot goes to the window's hook (which lets a
    refresh that found the server away pass quietly, the banner saying it)."""
    import sys

    from rejuv_desktop.ui.errors import excepthook

    monkeypatch.setattr(sys, "excepthook", excepthook)


@pytest.fixture
def warnings_shown(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text, *a, **k: shown.append((title, text)))
    return shown


@pytest.mark.qt_no_exception_capture
def test_the_server_stops_and_comes_back_while_a_form_is_open(qtbot, room, pg_cluster,
                                                              warnings_shown, patient_data):
    window, pid = room
    banner = window.live_updates.banner
    dialog = PatientDialog(window.store, pid, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.inputs["notes"].setPlainText("Typed while the server was away.")
    pg_cluster.stop_server()
    try:
        qtbot.waitUntil(lambda: not banner.isHidden(), timeout=WAIT_MS)  # at once, unasked
        assert "clinic server cannot be reached" in banner.text()
        dialog.save()
        assert dialog.saved_id is None and dialog.isVisible()
        assert warnings_shown and "cannot be reached" in warnings_shown[-1][1]
        assert "Nothing was saved" in warnings_shown[-1][1]
        assert dialog.inputs["notes"].toPlainText() == "Typed while the server was away."
        window.search.setText("Zo")  # searching meanwhile says so too, without a crash
    finally:
        pg_cluster.start_server()
    qtbot.waitUntil(lambda: banner.isHidden(), timeout=WAIT_MS)
    dialog.save()  # the same save, again
    assert dialog.saved_id == pid
    assert sp.get_patient(window.store, pid)["notes"] == "Typed while the server was away."


@pytest.mark.qt_no_exception_capture
def test_a_cut_connection_is_taken_up_again_and_nothing_is_lost(qtbot, room, pg_cluster,
                                                                 warnings_shown, patient_data):
    """The server stays up but the window's connections are cut (a network blip, the server
    restarted): the window reconnects by itself, and the next save goes through."""
    window, pid = room
    import psycopg

    listener_pid = window.live_updates.listener._pg.raw.info.backend_pid
    store_pid = window.store.backend_pid()
    with psycopg.connect(pg_cluster.url(), autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                      " WHERE pid = ANY(%s)", ([listener_pid, store_pid],))
    qtbot.waitUntil(lambda: window.live_updates.listener is not None
                    and window.live_updates.listener._pg.raw.info.backend_pid != listener_pid,
                    timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.live_updates.banner.isHidden(), timeout=WAIT_MS)
    sp.update_patient(window.store, pid, {**patient_data, "notes": "After the blip."})
    assert sp.get_patient(window.store, pid)["notes"] == "After the blip."
    assert window.store.backend_pid() != store_pid
    assert not warnings_shown
