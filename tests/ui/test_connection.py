"""Where a workstation keeps its records, chosen in Settings or at its first start, and the
window opened on the clinic server."""

import sys

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from rejuv_desktop import paths
from rejuv_desktop.services import practitioners as pr
from rejuv_desktop.services import patients as sp
from rejuv_desktop.services import workstation as sw
from rejuv_desktop.ui import app as app_module
from rejuv_desktop.ui.connection import ConnectionForm, WhereRecordsDialog
from rejuv_desktop.ui.main_window import MainWindow


@pytest.fixture
def config(tmp_path, monkeypatch):
    folder = tmp_path / "config"
    monkeypatch.setattr(paths, "config_dir", lambda: folder)
    return folder


def fill(form: ConnectionForm, url: str, password: str = "") -> None:
    from psycopg.conninfo import conninfo_to_dict

    info = conninfo_to_dict(url)
    form.server_choice.click()
    for key, value in (("host", info["host"]), ("port", info["port"]),
                       ("database", info["dbname"]), ("user", info["user"]),
                       ("password", password)):
        form.edits[key].setText(value)


def test_test_connection_says_what_it_found(qtbot, config, pg_url):
    form = ConnectionForm()
    qtbot.addWidget(form)
    form.show()
    assert form.file_choice.isChecked() and not form.server_box.isEnabled()
    fill(form, pg_url)
    assert form.server_box.isEnabled()
    with qtbot.waitSignal(form.tested) as done:
        form.test_button.click()
    assert done.args == [True]
    assert "Connected" in form.result.text() and "0 patient" in form.result.text()
    form.edits["port"].setText("1")
    with qtbot.waitSignal(form.tested) as done:
        form.test_button.click()
    assert done.args == [False] and "Cannot connect" in form.result.text()
    form.edits["host"].setText("")
    form.test_button.click()
    assert not form.errors["host"].isHidden() and not form.testing


def test_first_start_asks_where_the_records_are_and_opens_the_server(qtbot, config, pg_url,
                                                                     monkeypatch):
    """A workstation's first start: the clinic server is chosen, saved, and the window opens
    on it; the next start opens it without asking."""
    from rejuv_desktop.services.database import open_database

    setup = open_database(pg_url)
    admin = pr.create_practitioner(setup, {"name": "Claire Martin", "title": "Dr"},
                                   "claire-pass")
    setup.actor_id = admin
    sp.add_patient(setup, {"given_name": "Ana", "family_name": "Silva",
                           "date_of_birth": "01/02/1960"})
    setup.close()
    monkeypatch.setattr(paths, "data_dir", lambda: config.parent / "data")
    asked = []

    def choose_server(dialog):
        asked.append(dialog.windowTitle())
        fill(dialog.form, pg_url, "unused-with-trust")
        dialog.accept()
        return dialog.result()

    seen = {}

    def signed_in(store):
        store.actor_id = admin
        return True

    def run_event_loop(app):
        window = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, MainWindow) and w.isVisible())
        seen["rows"] = window.model.rowCount()
        seen["where"] = window.location.text()
        window.close()
        window.deleteLater()
        return 0

    monkeypatch.setattr(WhereRecordsDialog, "exec", choose_server)
    monkeypatch.setattr(app_module, "sign_in_at_start", signed_in)
    monkeypatch.setattr(QApplication, "exec", run_event_loop)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(MainWindow, "offer_resume", lambda self: None)
    assert app_module.run_gui(None) == 0
    assert asked == ["Welcome to Rejuv Desktop"]
    assert seen["rows"] == 1 and seen["where"].startswith("Clinic server: 127.0.0.1:")
    assert sw.load().is_server and sw.load_password() == "unused-with-trust"
    assert not paths.default_db_path().exists()  # no file was made on this computer
    seen.clear()
    assert app_module.run_gui(None) == 0  # the next start: no question
    assert asked == ["Welcome to Rejuv Desktop"] and seen["rows"] == 1


def test_an_unreachable_server_is_said_and_no_file_is_made(qtbot, config, tmp_path,
                                                            monkeypatch, capsys):
    from rejuv_desktop import cli

    shown = []

    def quit_at_once(box):
        shown.append(box.text())
        box.setProperty("clicked", "quit")
        return 0

    monkeypatch.setattr(QMessageBox, "exec", quit_at_once)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["--db", "postgresql://rejuv_app@127.0.0.1:1/rejuv_clinic"]) == 1
    assert shown and "cannot be used" in shown[0] and "cannot be reached" in shown[0]
    assert list(tmp_path.iterdir()) == []


def test_settings_saves_this_workstations_connection_for_the_next_start(qtbot, config, store,
                                                                          pg_url, no_modal):
    from rejuv_desktop.ui.settings_dialog import SettingsDialog

    admin = pr.create_practitioner(store, {"name": "Claire Martin", "title": "Dr"},
                                   "claire-pass")
    store.actor_id = admin
    nurse = pr.create_practitioner(store, {"name": "Aisha Rahman", "title": "Nurse"},
                                   "aisha-pass")
    pr.sign_in(store, nurse, "aisha-pass")
    dialog = SettingsDialog(store)
    qtbot.addWidget(dialog)
    form = dialog.connection_form
    # Nothing saved yet: the form shows where the records open now are (a file, or a server).
    assert form.server_choice.isChecked() == (store.engine == "postgresql")
    fill(form, pg_url, "s3cret")
    assert dialog.save_button.isEnabled()  # anyone at this computer may change it
    dialog.save()
    assert sw.load().is_server and sw.load_password() == "s3cret"
    assert any("on the clinic server" in text for _k, _t, text in no_modal)
    assert dialog.restart_needed
