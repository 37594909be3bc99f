"""``rejuv-desktop backup``, ``restore`` and ``export-patient`` in a subprocess."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rejuv_desktop.storage import open_store
from tests.cli_login import login

pytestmark = [pytest.mark.slow, pytest.mark.sqlite_file(
    "backups, restores and exports of the SQLite file (and its photograph files)")]


def cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "rejuv_desktop", *map(str, args)],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, **(env or {})})


def patients(db: Path, where: str = "1") -> int:
    s = open_store(db, migrate=False)
    try:
        return s.scalar(f"SELECT count(*) FROM patients WHERE {where}")
    finally:
        s.close()


def test_backup_restore_round_trip(tmp_path):
    db = tmp_path / "clinic.sqlite3"
    assert cli("demo", "--db", db).returncode == 0
    count = patients(db)
    active = patients(db, "archived = 0")

    run = cli("backup", "--db", db, "--to", tmp_path / "usb")
    assert run.returncode == 0, run.stderr
    assert "Verified: integrity_check ok" in run.stdout
    assert f"{count} patient(s)" in run.stdout
    backup = next((tmp_path / "usb").glob("rejuv-*.sqlite3"))
    assert str(backup) in run.stdout

    s = open_store(db)
    with s.write():
        s.conn.execute("UPDATE patients SET archived = 1")
    s.close()

    run = cli("restore", "--db", db, "--from", backup, *login(tmp_path))
    assert run.returncode == 0, run.stderr
    assert "kept, unchanged, as:" in run.stdout
    aside = [p for p in tmp_path.glob("clinic.sqlite3.before-restore-*")
             if not p.name.endswith(("-wal", "-shm", ".witness"))]
    assert len(aside) == 1 and str(aside[0]) in run.stdout
    assert patients(db, "archived = 0") == active  # as at the backup
    assert patients(aside[0], "archived = 1") == count  # the replaced file, unchanged


def test_backup_default_folder_is_beside_the_database(tmp_path):
    db = tmp_path / "clinic.sqlite3"
    assert cli("demo", "--db", db).returncode == 0
    run = cli("backup", "--db", db)
    assert run.returncode == 0, run.stderr
    assert len(list((tmp_path / "backups").glob("rejuv-*.sqlite3"))) == 1


APP_HOLDER = """
import sys, time
from rejuv_desktop.storage import open_store, writer_lock
writer_lock.set_program("Rejuv Desktop")
store = open_store(sys.argv[1])
print("open", flush=True)
time.sleep(60)
"""


def test_restore_refused_while_the_app_has_the_database_open(tmp_path):
    db = tmp_path / "clinic.sqlite3"
    assert cli("demo", "--db", db).returncode == 0
    assert cli("backup", "--db", db, "--to", tmp_path / "b").returncode == 0
    backup = next((tmp_path / "b").glob("*.sqlite3"))
    holder = subprocess.Popen([sys.executable, "-c", APP_HOLDER, str(db)], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        before = db.read_bytes()
        run = cli("restore", "--db", db, "--from", backup, *login(tmp_path))
        assert run.returncode == 1
        assert f"process {holder.pid}" in run.stderr and "Close it" in run.stderr
        assert "Nothing was changed" in run.stderr
        assert db.read_bytes() == before
        assert not list(tmp_path.glob("*.before-restore-*"))
    finally:
        holder.kill()
        holder.wait()
    # a lock left by a process that was killed does not block
    run = cli("restore", "--db", db, "--from", backup, *login(tmp_path))
    assert run.returncode == 0, run.stderr


def test_restore_of_a_bad_file_is_a_clear_error(tmp_path):
    db = tmp_path / "clinic.sqlite3"
    assert cli("demo", "--db", db).returncode == 0
    bad = tmp_path / "holiday.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0" + bytes(5000))
    run = cli("restore", "--db", db, "--from", bad, *login(tmp_path))
    assert run.returncode == 1
    assert "cannot be restored" in run.stderr
    assert "Traceback" not in run.stderr
    run = cli("restore", "--db", db, "--from", tmp_path / "missing.sqlite3", *login(tmp_path))
    assert run.returncode == 1 and "no backup file" in run.stderr


def test_backup_of_missing_database(tmp_path):
    run = cli("backup", "--db", tmp_path / "none.sqlite3", "--to", tmp_path / "b")
    assert run.returncode == 1 and "no database" in run.stderr
    assert not (tmp_path / "none.sqlite3").exists()


def test_export_patient(tmp_path):
    db = tmp_path / "clinic.sqlite3"
    assert cli("demo", "--db", db).returncode == 0
    run = cli("export-patient", "--db", db, "--patient", 1, "--out", tmp_path / "out",
              *login(tmp_path))
    assert run.returncode == 0, run.stderr
    folder = next((tmp_path / "out").glob("patient-1-*"))
    assert str(folder) in run.stdout
    records = json.loads((folder / "records.json").read_text(encoding="utf-8"))
    assert records["tables"]["patients"][0]["id"] == 1
    assert json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["patient_id"] == 1
    run = cli("export-patient", "--db", db, "--patient", 999, "--out", tmp_path / "out",
              *login(tmp_path))
    assert run.returncode == 1 and "no patient with id 999" in run.stderr
