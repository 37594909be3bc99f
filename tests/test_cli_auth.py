"""Headless commands that touch patient records need a practitioner (``--as``)."""

from __future__ import annotations

import os

import pytest

from rejuv_desktop import cli
from rejuv_desktop.services import practitioners as pr
from rejuv_desktop.storage import open_store
from tests.cli_login import login

CSV = "given_name,family_name,date_of_birth\nZoë,Łukasiewicz,12/03/1971\n"


@pytest.fixture
def clinic(db_path, clock, tmp_path):
    s = open_store(db_path, clock=clock)
    admin = pr.create_practitioner(s, {"name": "Claire Martin", "title": "Dr"}, "correct horse")
    s.actor_id = admin
    nurse = pr.create_practitioner(s, {"name": "Aisha Rahman", "title": "Nurse"},
                                   "battery staple")
    s.close()
    csv = tmp_path / "in.csv"
    csv.write_text(CSV, encoding="utf-8")
    return db_path, csv, admin, nurse


def patients_and_actors(db_path):
    s = open_store(db_path)
    try:
        return (s.scalar("SELECT count(*) FROM patients"),
                [r["practitioner_id"] for r in s.query(
                    "SELECT practitioner_id FROM audit_log WHERE table_name = 'patients'")])
    finally:
        s.close()


def test_patient_commands_refuse_without_a_practitioner(clinic, capsys, tmp_path):
    db, csv, *_ = clinic
    for argv in (["import-patients", "--db", str(db), str(csv)],
                 ["lot-lookup", "--db", str(db), "X-1"],
                 ["export-patient", "--db", str(db), "--patient", "1", "--out",
                  str(tmp_path / "out")],
                 ["print", "consent", "--db", str(db), "--patient", "1", "--out",
                  str(tmp_path / "c.pdf")]):
        assert cli.main(argv) == 1
        assert "--as PRACTITIONER" in capsys.readouterr().err
    assert patients_and_actors(db) == (0, [])
    assert not (tmp_path / "out").exists() and not (tmp_path / "c.pdf").exists()


def test_writes_are_attributed_to_the_practitioner_named_by_as(clinic, capsys, tmp_path):
    db, csv, admin, nurse = clinic
    argv = ["import-patients", "--db", str(db), str(csv),
            *login(tmp_path, "nurse aisha  RAHMAN", "battery staple")]
    assert cli.main(argv) == 0, capsys.readouterr().err
    assert patients_and_actors(db) == (1, [nurse])


def test_password_asked_on_the_terminal(clinic, capsys, monkeypatch):
    db, csv, admin, _ = clinic
    asked = []
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("getpass.getpass", lambda prompt: asked.append(prompt) or "correct horse")
    assert cli.main(["import-patients", "--db", str(db), str(csv), "--as", str(admin)]) == 0
    assert asked == ["Password for Dr Claire Martin: "]
    assert patients_and_actors(db) == (1, [admin])


def test_a_password_file_others_can_read_is_refused(clinic, capsys, tmp_path):
    db, csv, admin, _ = clinic
    args = login(tmp_path, admin, "correct horse")
    os.chmod(args[-1], 0o644)
    assert cli.main(["import-patients", "--db", str(db), str(csv), *args]) == 1
    err = capsys.readouterr().err
    assert "can be read or changed by other users" in err and "chmod 600" in err
    assert patients_and_actors(db) == (0, [])


def test_wrong_passwords_on_the_command_line_are_throttled_like_the_app(clinic, capsys,
                                                                        tmp_path):
    db, csv, admin, _ = clinic
    wrong = login(tmp_path / "wrong", admin, "not the password")
    for _ in range(pr.DELAY_AFTER):
        assert cli.main(["import-patients", "--db", str(db), str(csv), *wrong]) == 1
        assert "Wrong password" in capsys.readouterr().err
    # Even the right password now waits: the count is in the database, shared with the app.
    right = login(tmp_path, admin, "correct horse")
    assert cli.main(["import-patients", "--db", str(db), str(csv), *right]) == 1
    assert "wait" in capsys.readouterr().err
    assert patients_and_actors(db) == (0, [])


@pytest.mark.parametrize("who,message", [
    ("0", "no practitioner account number 0"), ("42", "no practitioner account number 42"),
    ("Nobody Here", 'no practitioner account named "Nobody Here"')])
def test_unknown_and_system_accounts_are_refused(clinic, capsys, tmp_path, who, message):
    db, csv, *_ = clinic
    assert cli.main(["import-patients", "--db", str(db), str(csv),
                     *login(tmp_path, "x", "correct horse")[2:], "--as", who]) == 1
    assert message in capsys.readouterr().err


def test_check_runs_unattended_as_the_system_account(clinic, capsys, caplog):
    db, *_ = clinic
    caplog.set_level("INFO")
    assert cli.main(["check", "--db", str(db)]) == 0
    assert "healthy" in capsys.readouterr().out
    assert any("run unattended as the system account by OS user" in r.getMessage()
               for r in caplog.records)


@pytest.mark.sqlite_file("backing up and restoring the SQLite file")
def test_restore_needs_a_practitioner_of_the_clinic_it_replaces(clinic, capsys, tmp_path):
    db, *_ = clinic
    assert cli.main(["backup", "--db", str(db), "--to", str(tmp_path / "b")]) == 0
    backup = next((tmp_path / "b").glob("*.sqlite3"))
    assert cli.main(["restore", "--db", str(db), "--from", str(backup)]) == 1
    assert "--as PRACTITIONER" in capsys.readouterr().err
    assert not list(db.parent.glob("*.before-restore-*"))


@pytest.mark.sqlite_file("backing up and restoring the SQLite file")
def test_restore_over_a_clinic_never_set_up_needs_no_one(clinic, tmp_path, capsys):
    db, *_ = clinic
    assert cli.main(["backup", "--db", str(db), "--to", str(tmp_path / "b")]) == 0
    backup = next((tmp_path / "b").glob("*.sqlite3"))
    empty = tmp_path / "empty.sqlite3"
    open_store(empty).close()  # what a start with no database leaves: no accounts at all
    assert cli.main(["restore", "--db", str(empty), "--from", str(backup)]) == 0, \
        capsys.readouterr().err
    restored = open_store(empty)
    try:
        assert pr.has_accounts(restored)  # the clinic's accounts came back with the backup
    finally:
        restored.close()
