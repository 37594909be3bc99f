"""The File menu's backup actions, the export on the Patient menu, the backup on quitting and
the start-up recovery, with every dialog patched."""

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import SIGNAL
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox

from rejuv_desktop.services import backup as sb
from rejuv_desktop.services import settings as sset
from rejuv_desktop.storage import open_store
from rejuv_desktop.ui import backup as ub
from rejuv_desktop.ui.main_window import MainWindow

from tests.backup_records import PATIENT_A, PATIENT_B, add_patient_everywhere

pytestmark = pytest.mark.sqlite_file("backing up, restoring and checking the SQLite file from the window")


@pytest.fixture
def qsettings(tmp_path):
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def asked(monkeypatch):
    """Answer every message box without showing it; records (kind, title, text)."""
    log = []

    def answer(kind, default):
        def fake(parent, title, text, *args, **kwargs):
            log.append((kind, title, text))
            return default
        return fake

    monkeypatch.setattr(QMessageBox, "question", answer("question", QMessageBox.StandardButton.Yes))
    monkeypatch.setattr(QMessageBox, "warning", answer("warning", QMessageBox.StandardButton.Yes))
    monkeypatch.setattr(QMessageBox, "critical", answer("critical", QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "information",
                        answer("information", QMessageBox.StandardButton.Ok))
    return log


@pytest.fixture
def window(qtbot, store, qsettings, asked):
    from rejuv_desktop.services import practitioners as pr

    pr.create_practitioner(store, {"name": "Claire Martin", "title": "Dr",
                                   "registration": "GMC 7123456", "role": "admin"},
                           "correct horse battery")
    store.actor_id = 1
    add_patient_everywhere(store, PATIENT_A)
    add_patient_everywhere(store, PATIENT_B)
    w = MainWindow(store, qsettings)
    qtbot.addWidget(w)
    w.show()
    return w


def action(window, name: str) -> QAction:
    found = window.findChild(QAction, name)
    assert found is not None, name
    return found


def family_names(path: Path) -> list[str]:
    s = open_store(path, migrate=False)
    try:
        return [r["family_name"] for r in s.query("SELECT family_name FROM patients ORDER BY id")]
    finally:
        s.close()


def test_menu_entries(window):
    file_menu = window.menuBar().actions()[0].menu()
    names = [a.objectName() for a in file_menu.actions()]
    quit_at = names.index("quit")
    for name in ("backup_now", "restore_backup", "backup_folder"):
        assert names.index(name) < quit_at
    assert action(window, "export_patient") in window.patient_menu.actions()
    assert not action(window, "export_patient").isEnabled()  # no patient selected yet
    window.show_patient(1)
    assert action(window, "export_patient").isEnabled()


def test_back_up_now(window, qtbot, tmp_path, asked, monkeypatch):
    target = tmp_path / "chosen"
    target.mkdir()
    offered = []

    def choose(parent, title, start):
        offered.append(start)
        return str(target)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", choose)
    action(window, "backup_now").trigger()
    qtbot.waitUntil(lambda: any(k == "information" for k, *_ in asked), timeout=10000)
    assert offered == [str(tmp_path / "backups")]  # the automatic folder by default
    made = list(target.glob("rejuv-*.sqlite3"))
    assert len(made) == 1
    title, text = asked[-1][1:]
    assert title == "Backup saved"
    assert str(made[0]) in text and "kB" in text and "sound" in text and "2 patients" in text
    assert family_names(made[0]) == [PATIENT_A["family_name"], PATIENT_B["family_name"]]


def test_back_up_now_cancelled(window, tmp_path, asked, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a: "")
    action(window, "backup_now").trigger()
    assert asked == [] and not (tmp_path / "backups").exists()


def test_back_up_now_failure_is_shown(window, qtbot, tmp_path, asked, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a: str(blocker / "sub"))
    action(window, "backup_now").trigger()
    qtbot.waitUntil(lambda: bool(asked), timeout=10000)
    assert asked[-1][0] == "warning" and "cannot be used for backups" in asked[-1][2]


def test_restore_from_backup(window, store, db_path, tmp_path, asked, monkeypatch):
    backup = sb.backup_now(db_path, tmp_path / "backups", datetime(2026, 11, 22, 9, 0))
    with store.write():
        store.conn.execute("UPDATE patients SET family_name = 'Changed' WHERE id = 1")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a: (str(backup.path), ""))
    feature = window.backup_feature
    action(window, "restore_backup").trigger()
    kinds = [k for k, *_ in asked]
    assert kinds == ["warning", "information"]
    warning = asked[0][2]
    assert "22/11/2026 09:00" in warning and "not deleted" in warning and "close" in warning
    assert "restored from the backup made 22/11/2026 09:00" in asked[1][2]
    assert not window.isVisible()  # the app closes, to be reopened on the restored file
    assert feature.auto_backup_enabled is False
    assert family_names(db_path) == [PATIENT_A["family_name"], PATIENT_B["family_name"]]
    aside = feature.last_result.moved_aside[0]
    assert str(aside) in asked[1][2]
    assert family_names(aside)[0] == "Changed"


@pytest.mark.parametrize("confirm", [False, True])
def test_restore_of_a_backup_without_manifest_asks_first(confirm, window, store, db_path,
                                                        tmp_path, asked, monkeypatch):
    from rejuv_desktop.storage import backup as files

    backup = sb.backup_now(db_path, tmp_path / "backups", datetime(2026, 11, 22, 9, 0))
    files.manifest_path(backup.path).unlink()
    with store.write():
        store.conn.execute("UPDATE patients SET family_name = 'Changed' WHERE id = 1")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a: (str(backup.path), ""))
    shown = {}

    def press(box):
        shown["text"] = box.text()
        wanted = "Restore it anyway" if confirm else "Cancel"
        next(b for b in box.buttons() if b.text().replace("&", "") == wanted).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", press)
    action(window, "restore_backup").trigger()
    assert "has no manifest" in shown["text"] and "cannot be verified" in shown["text"]
    if confirm:
        assert not window.isVisible()
        assert family_names(db_path) == [PATIENT_A["family_name"], PATIENT_B["family_name"]]
    else:
        assert window.isVisible() and asked == []
        assert store.scalar("SELECT family_name FROM patients WHERE id = 1") == "Changed"
        assert not list(db_path.parent.glob("*.before-restore-*"))


def test_restore_cancelled_changes_nothing(window, store, db_path, tmp_path, asked, monkeypatch):
    backup = sb.backup_now(db_path, tmp_path / "backups", datetime(2026, 11, 22, 9, 0))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a: (str(backup.path), ""))
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda *a, **k: QMessageBox.StandardButton.Cancel)
    action(window, "restore_backup").trigger()
    assert window.isVisible()
    assert store.scalar("SELECT count(*) FROM patients") == 2  # the connection still works
    assert not list(db_path.parent.glob("*.before-restore-*"))


def test_restore_refuses_a_file_that_is_not_a_backup(window, store, tmp_path, asked,
                                                     monkeypatch):
    bad = tmp_path / "letter.sqlite3"
    bad.write_text("Dear Dr Martin,\n" * 100)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a: (str(bad), ""))
    action(window, "restore_backup").trigger()
    assert [(k, t) for k, t, _ in asked] == [("warning", "Cannot restore this file")]
    assert window.isVisible() and store.scalar("SELECT count(*) FROM patients") == 2


def test_backup_folder_setting(window, store, tmp_path, monkeypatch):
    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a: str(usb))

    def drive(dialog):
        assert "No backup has been made yet" in dialog.last_label.text()
        dialog.choose()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ub.BackupDialog, "exec", drive)
    action(window, "backup_folder").trigger()
    assert sset.get_settings(store)["backup_extra_dir"] == str(usb)

    def clear(dialog):
        assert dialog.extra.text() == str(usb)
        dialog.extra.clear()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ub.BackupDialog, "exec", clear)
    action(window, "backup_folder").trigger()
    assert sset.get_settings(store)["backup_extra_dir"] == ""


def test_backup_on_quit(window, store, db_path, tmp_path):
    usb = tmp_path / "usb"
    sset.save_settings(store, {"backup_extra_dir": str(usb)})
    feature = window.backup_feature
    feature.backup_on_exit()
    assert len(sb.list_backups(tmp_path / "backups")) == 1
    assert len(sb.list_backups(usb)) == 1
    feature.backup_on_exit()  # same day: not again
    assert len(sb.list_backups(tmp_path / "backups")) == 1


def test_backup_on_quit_never_raises(window, monkeypatch, caplog):
    def broken(*a, **k):
        raise RuntimeError("disk gone")

    monkeypatch.setattr(sb, "auto_backup", broken)
    window.backup_feature.backup_on_exit()
    assert "automatic backup failed" in caplog.text
    assert "disk gone" not in caplog.text  # no details that could name anyone


def test_backup_runs_on_quit_not_on_window_close(qtbot, store, qsettings, db_path, tmp_path):
    app = QApplication.instance()
    before = app.receivers(SIGNAL("aboutToQuit()"))
    w = MainWindow(store, qsettings)
    qtbot.addWidget(w)
    assert app.receivers(SIGNAL("aboutToQuit()")) == before + 1
    w.close()
    assert not (tmp_path / "backups").exists()


def test_export_patient_from_the_menu(window, qtbot, tmp_path, asked, monkeypatch):
    out = tmp_path / "for-patient"
    out.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a: str(out))
    window.show_patient(1)
    action(window, "export_patient").trigger()
    qtbot.waitUntil(lambda: any(k == "information" for k, *_ in asked), timeout=10000)
    folder = next(out.glob("patient-1-*"))
    assert str(folder) in asked[-1][2] and "2 documents" in asked[-1][2]
    text = (folder / "records.json").read_text(encoding="utf-8")
    assert PATIENT_A["family_name"] in text and PATIENT_B["family_name"] not in text


# start-up -----------------------------------------------------------------------------------
@pytest.fixture
def damaged(tmp_path, clock):
    """A damaged database with one good backup beside it."""
    db = tmp_path / "start" / "clinic.sqlite3"
    db.parent.mkdir()
    s = open_store(db, clock=clock)
    with s.write():
        s.conn.execute("INSERT INTO patients (given_name, family_name, date_of_birth,"
                       " created_at, updated_at) VALUES ('A', 'Saved', '1970-01-01', 'x', 'x')")
    s.close()
    good = sb.backup_now(db, db.parent / "backups", datetime(2026, 11, 21, 18, 0))
    db.write_bytes(b"\x00garbage" * 4000)
    return db, good


def test_recover_at_start_restores_the_newest_good_backup(damaged, asked, monkeypatch):
    db, good = damaged
    seen = []
    monkeypatch.setattr(ub, "ask_after_damage", lambda check: seen.append(check) or "restore")
    assert ub.recover_at_start(db) is True
    assert seen[0].newest_good_backup.path == good.path
    assert family_names(db) == ["Saved"]
    assert list(db.parent.glob("clinic.sqlite3.corrupt-*"))
    assert "21/11/2026 18:00" in asked[-1][2]


@pytest.mark.parametrize("choice,opens", [("quit", False), ("empty", True)])
def test_recover_at_start_quit_or_empty(choice, opens, damaged, asked, monkeypatch):
    db, _good = damaged
    monkeypatch.setattr(ub, "ask_after_damage", lambda check: choice)
    assert ub.recover_at_start(db) is opens
    assert not db.exists()  # moved aside (with its -wal and -shm), never deleted
    moved = sorted(p.name[len("clinic.sqlite3.corrupt-20261122-000000"):]
                   for p in db.parent.glob("clinic.sqlite3.corrupt-*"))
    # its witness goes with it: it witnesses that file, not the next one
    assert moved == ["", "-shm", "-wal", ".witness"]


def test_recover_at_start_choose_a_file(damaged, asked, monkeypatch, tmp_path):
    db, good = damaged
    answers = iter(["choose", "choose"])
    monkeypatch.setattr(ub, "ask_after_damage", lambda check: next(answers))
    bad = tmp_path / "not-a-backup.sqlite3"
    bad.write_text("nope\n" * 100)
    files = iter([str(bad), str(good.path)])
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a: (next(files), ""))
    assert ub.recover_at_start(db) is True
    assert asked[0][0] == "warning"  # the bad file was refused, and the user asked again
    assert family_names(db) == ["Saved"]


def test_sound_database_asks_nothing(tmp_path, asked, monkeypatch):
    monkeypatch.setattr(ub, "ask_after_damage", lambda check: pytest.fail("asked"))
    assert ub.recover_at_start(tmp_path / "first-run.sqlite3") is True
    assert asked == []


def test_damage_message_box(damaged, qtbot, monkeypatch):
    db, good = damaged
    check = sb.startup_check(db)
    shown = {}

    def press(box):
        shown["text"] = box.text()
        shown["buttons"] = [b.text() for b in box.buttons()]
        next(b for b in box.buttons() if b.text() == "Restore this backup").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", press)
    assert ub.ask_after_damage(check) == "restore"
    assert "moved aside" in shown["text"] and str(check.moved_aside[0]) in shown["text"]
    assert "Nothing has been deleted" in shown["text"]
    assert "21/11/2026 18:00" in shown["text"]
    assert set(shown["buttons"]) == {"Restore this backup", "Choose a backup file…",
                                     "Start with an empty database", "Quit"}


def test_app_start_check_reports_an_unreadable_database(tmp_path, asked, monkeypatch):
    from rejuv_desktop.errors import StorageError
    from rejuv_desktop.ui import app

    def busy(_path):
        raise StorageError("The database cannot be checked: database is locked.")

    monkeypatch.setattr(ub, "recover_at_start", busy)
    assert app.check_database_at_start(tmp_path / "x.sqlite3") is False
    assert asked[-1][0] == "critical" and "locked" in asked[-1][2]


def test_a_cut_audit_trail_is_shown_in_a_banner(db_path, qtbot, qsettings, asked):
    import sqlite3

    from rejuv_desktop.services import patients as sp

    s = open_store(db_path)
    for i in range(3):
        sp.add_patient(s, {"given_name": f"P{i}", "family_name": "Q",
                           "date_of_birth": "1970-01-01"})
    s.close()
    conn = sqlite3.connect(str(db_path))
    conn.execute("DROP TRIGGER audit_log_no_delete")
    conn.execute("DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)")
    conn.commit()
    conn.close()
    s = open_store(db_path)
    try:
        w = MainWindow(s, qsettings)
        qtbot.addWidget(w)
        w.show()
        qtbot.waitUntil(w.banner.isVisible)
        assert "does not match its witness" in w.banner.text()
    finally:
        s.close()


def test_recovery_code_entered_from_the_file_menu(window, store, db_path, asked, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from rejuv_desktop.services.check import check_path
    from rejuv_desktop.storage import clinic_key

    code = clinic_key.recovery_code(store.audit_secret)
    clinic_key.key_path(db_path).unlink()  # as on another computer
    assert not check_path(db_path).healthy
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("1234" * 16, True))
    monkeypatch.setattr(ub, "show_user_error",
                        lambda parent, exc, title: asked.append(("error", title, str(exc))))
    action(window, "recovery_code").trigger()
    assert asked[-1][:2] == ("error", "Recovery code not taken")
    assert "not the key of this clinic" in asked[-1][2]
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (code.lower(), True))
    action(window, "recovery_code").trigger()
    assert asked[-1][:2] == ("information", "Recovery code taken")
    assert check_path(db_path).healthy
