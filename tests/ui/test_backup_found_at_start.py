"""A start that finds no database (or an empty file) beside one set aside before a restore, or a
restore's temporary copy: it says what it found and offers it, never a new empty clinic.

The state is the one an older version's restore left when killed between moving the database
aside and moving the copy in."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from datetime import datetime

import pytest
from PySide6.QtWidgets import QMessageBox

from rejuv_desktop.services import backup as sb
from rejuv_desktop.services import restore as sr
from rejuv_desktop.services.check import check_path
from rejuv_desktop.storage import backup as files
from rejuv_desktop.ui import backup as ub

from tests.backup_records import add, families

pytestmark = pytest.mark.sqlite_file("a SQLite file set aside or missing at start")

NOW = datetime(2026, 11, 22, 18, 5, 0)


@pytest.fixture(params=["missing", "empty"])
def interrupted(request, db_path, clock, tmp_path):
    """The database set aside, the restore's copy beside it, nothing (or 0 bytes) at the path."""
    add(db_path, "Before", clock)
    backup = sb.backup_now(db_path, tmp_path / "b", NOW).path
    add(db_path, "Latest", clock)
    moved = files.move_aside(db_path, "before-restore-20261123-090000")
    temp = db_path.parent / ".rejuv-copy-0123456789ab.tmp"
    shutil.copyfile(backup, temp)
    old = time.time() - 7200
    os.utime(temp, (old, old))
    if request.param == "empty":
        db_path.write_bytes(b"")
    return db_path, moved[0], temp


def test_found_at_start_names_the_set_aside_database_first(interrupted):
    db, aside, temp = interrupted
    found = sr.found_at_start(db)
    assert found.state in ("missing", "empty")
    assert [c.path for c in found.candidates] == [aside, temp]
    assert found.usable[0].patients == 2
    text = found.describe()
    assert aside.name in text and "set aside before a restore" in text
    assert temp.name in text and "temporary copy" in text


def test_nothing_found_is_a_first_run(tmp_path):
    assert sr.found_at_start(tmp_path / "new.sqlite3") is None


def cli(*args):
    return subprocess.run([sys.executable, "-m", "rejuv_desktop", *map(str, args)],
                          capture_output=True, text=True, timeout=120, env=dict(os.environ))


@pytest.mark.slow
def test_cli_says_what_it_found_and_creates_no_new_clinic(interrupted, tmp_path):
    db, aside, _temp = interrupted
    existed = db.exists()
    csv = tmp_path / "p.csv"
    csv.write_text("given_name,family_name,date_of_birth\nA,B,1970-01-01\n", encoding="utf-8")
    for args in (("check", "--db", db), ("import-patients", "--db", db, csv),
                 ("lot-lookup", "--db", db, "X1")):
        run = cli(*args)
        assert run.returncode == 1, run.stdout
        assert str(aside.name) in run.stderr and "restore --db" in run.stderr, run.stderr
        assert "Traceback" not in run.stderr
        assert db.exists() == existed and (not existed or db.stat().st_size == 0)
    # The advice given works: the set-aside database is put back.
    run = cli("restore", "--db", db, "--from", aside, "--force")
    assert run.returncode == 0, run.stderr
    assert families(db) == ["Before", "Latest"]


def test_gui_start_offers_the_set_aside_database(interrupted, monkeypatch, qtbot):
    db, aside, temp = interrupted
    shown = {}

    def press(box):
        shown["text"] = box.text()
        shown["buttons"] = [b.text() for b in box.buttons()]
        next(b for b in box.buttons() if b.text() == "Put it back").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", press)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    assert ub.offer_found_at_start(db) is True
    assert aside.name in shown["text"] and temp.name in shown["text"]
    assert set(shown["buttons"]) == {"Put it back", "Start a new, empty clinic", "Quit"}
    assert families(db) == ["Before", "Latest"]
    assert aside.exists()  # nothing deleted
    assert not temp.exists()  # the leftover copy is cleaned
    assert check_path(db).healthy


def test_gui_start_quit_leaves_everything(interrupted, monkeypatch, qtbot):
    db, aside, temp = interrupted
    monkeypatch.setattr(ub, "ask_found_at_start", lambda found: "quit")
    existed = db.exists()
    assert ub.offer_found_at_start(db) is False
    assert db.exists() == existed and aside.exists() and temp.exists()


def test_leftover_copies_of_ended_processes_are_cleaned(db_path, clock):
    add(db_path, "Here", clock)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    left = db_path.parent / f"{files.RESTORE_PREFIX}{dead.pid}-abcdef.tmp"
    left.write_bytes(b"partial")
    mine = db_path.parent / f"{files.RESTORE_PREFIX}{os.getpid()}-abcdef.tmp"
    mine.write_bytes(b"in progress")
    assert sr.clean_leftovers(db_path) == 1
    assert not left.exists() and mine.exists()


def test_a_deleted_database_is_noticed_and_its_newest_backup_offered(db_path, clock,
                                                                     monkeypatch, qtbot):
    add(db_path, "Kept", clock)
    sb.backup_now(db_path, sb.default_backup_dir(db_path), NOW)
    add(db_path, "Lost", clock)
    for p in [db_path, *files.companions(db_path)]:
        p.unlink(missing_ok=True)
    found = sr.found_at_start(db_path)
    assert found.witnessed is not None and found.witnessed > 0
    assert found.usable[0].kind == "the newest backup"
    shown = {}

    def press(box):
        shown["text"] = box.text()
        next(b for b in box.buttons() if b.text() == "Put it back").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", press)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    assert ub.offer_found_at_start(db_path) is True
    assert "moved or deleted" in shown["text"]
    assert families(db_path) == ["Kept"]
    assert check_path(db_path).healthy


@pytest.mark.slow
def test_a_deleted_database_with_nothing_beside_it_is_not_silently_recreated(db_path, clock):
    add(db_path, "Gone", clock)
    for p in [db_path, *files.companions(db_path)]:
        p.unlink(missing_ok=True)
    run = cli("lot-lookup", "--db", db_path, "X1")
    assert run.returncode == 1
    assert "one was there" in run.stderr and ".witness away" in run.stderr
    assert not db_path.exists()


def test_starting_a_new_clinic_instead_sets_the_old_witness_aside(db_path, clock, monkeypatch,
                                                                   qtbot):
    add(db_path, "Gone", clock)
    db_path.unlink()
    monkeypatch.setattr(ub, "ask_found_at_start", lambda found: "new")
    assert ub.offer_found_at_start(db_path) is True
    assert list(db_path.parent.glob("clinic.sqlite3.before-new-*.witness"))
    add(db_path, "Fresh", clock)
    assert check_path(db_path).healthy
