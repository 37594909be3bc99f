"""The single-writer lock lives in storage: every process that opens a database for writing
takes it (the app and every writing command), a second writer is refused at once naming the
holder, and a holder that is killed releases it by itself. Real processes, as in use."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import textwrap

import pytest

from rejuv_desktop.services import patients as sp
from rejuv_desktop.storage import open_store, writer_lock
from tests.cli_login import login

pytestmark = pytest.mark.sqlite_file("the single-writer lock of a SQLite file")

HOLDER = textwrap.dedent("""
    import sys
    from rejuv_desktop.storage import open_store, writer_lock
    writer_lock.set_program(sys.argv[2])
    store = open_store(sys.argv[1])
    print("open", flush=True)
    sys.stdin.readline()
""")

# A real command, paused at the moment it has the database open: ``import-patients`` once it
# has read the file, ``restore`` just before it swaps the files.
PAUSED_COMMAND = textwrap.dedent("""
    import sys
    from rejuv_desktop import cli
    from rejuv_desktop.services import backup, importer

    def pause(real):
        def wrapper(*args, **kwargs):
            print("paused", flush=True)
            sys.stdin.readline()
            return real(*args, **kwargs)
        return wrapper

    importer.import_patients = pause(importer.import_patients)
    backup.restore = pause(backup.restore)
    sys.exit(cli.main(sys.argv[1:]))
""")


def cli(*args):
    return subprocess.run([sys.executable, "-m", "rejuv_desktop", *map(str, args)],
                          capture_output=True, text=True, timeout=120)


def write_csv(path, n):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["given_name", "family_name", "date_of_birth"])
        for i in range(n):
            w.writerow([f"Import{i}", "Batch", "01/02/1970"])


def count(db):
    store = open_store(db, read_only=True)
    try:
        return sp.count_patients(store)
    finally:
        store.close()


@pytest.fixture
def clinic(tmp_path):
    db = tmp_path / "clinic.sqlite3"
    assert cli("demo", "--db", db).returncode == 0
    assert cli("backup", "--db", db, "--to", tmp_path / "b").returncode == 0
    return db, next((tmp_path / "b").glob("*.sqlite3"))


def test_restore_is_refused_while_import_patients_writes_and_nothing_is_lost(clinic, tmp_path):
    db, backup = clinic
    before = count(db)
    rows = tmp_path / "patients.csv"
    write_csv(rows, 300)
    importing = subprocess.Popen(
        [sys.executable, "-c", PAUSED_COMMAND, "import-patients", "--db", str(db), str(rows),
         *login(tmp_path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert importing.stdout.readline().strip() == "paused"
        restore = cli("restore", "--db", db, "--from", backup, *login(tmp_path))
        assert restore.returncode == 1
        assert "open in rejuv-desktop import-patients" in restore.stderr
        assert f"process {importing.pid}" in restore.stderr and "Nothing was changed" in restore.stderr
        assert not list(db.parent.glob("*.before-restore-*"))
        out, err = importing.communicate("\n", timeout=120)
    finally:
        if importing.poll() is None:
            importing.kill()
    assert importing.returncode == 0, err
    assert "Imported 300 patient(s)" in out
    assert count(db) == before + 300  # every acknowledged import is in the live file


def test_import_and_print_are_refused_while_restore_swaps(clinic, tmp_path):
    db, backup = clinic
    restoring = subprocess.Popen(
        [sys.executable, "-c", PAUSED_COMMAND, "restore", "--db", str(db), "--from", str(backup),
         *login(tmp_path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    rows = tmp_path / "patients.csv"
    write_csv(rows, 5)
    try:
        assert restoring.stdout.readline().strip() == "paused"
        run = cli("import-patients", "--db", db, rows, *login(tmp_path))
        assert run.returncode == 1 and "Imported" not in run.stdout
        assert "open in rejuv-desktop restore" in run.stderr
        assert f"process {restoring.pid}" in run.stderr
        printed = cli("print", "consent", "--db", db, "--patient", 1,
                      "--procedure", "fat_transfer", "--out", tmp_path / "c.pdf",
                      *login(tmp_path))
        assert printed.returncode == 1 and "open in rejuv-desktop restore" in printed.stderr
        assert not (tmp_path / "c.pdf").exists()
        out, err = restoring.communicate("\n", timeout=120)
    finally:
        if restoring.poll() is None:
            restoring.kill()
    assert restoring.returncode == 0, err
    assert "Restored" in out
    # the reader runs beside any writer: check takes no lock
    assert cli("check", "--db", db).returncode == 0


def test_a_killed_writer_releases_the_lock_and_leaves_a_record_of_it(db_path):
    open_store(db_path).close()
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db_path), "Rejuv Desktop"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(writer_lock.WriterLockHeld) as refused:
            open_store(db_path)
        message = str(refused.value)
        assert message.startswith("The database is open in Rejuv Desktop (process ")
        assert str(holder.pid) in message and "since " in message
        assert refused.value.holder["pid"] == holder.pid
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
    finally:
        if holder.poll() is None:
            holder.kill()
    lock = writer_lock.acquire(db_path)  # taken over at once
    try:
        assert lock.left_by is not None and lock.left_by["pid"] == holder.pid
    finally:
        lock.release()
    assert not writer_lock.lock_path(db_path).exists()  # a clean release leaves nothing
    lock = writer_lock.acquire(db_path)
    assert lock.left_by is None
    lock.release()


def test_one_process_shares_its_lock_and_releases_it_with_the_last_store(db_path):
    first = open_store(db_path)
    second = open_store(db_path)  # a worker thread's own connection joins the lock
    lock_file = writer_lock.lock_path(db_path)
    assert lock_file.read_text().splitlines()[0] == str(os.getpid())
    first.close()
    assert writer_lock.held_here(db_path) and lock_file.exists()
    second.close()
    assert not writer_lock.held_here(db_path) and not lock_file.exists()


def test_read_only_open_takes_no_lock_and_cannot_write(db_path, patient_data):
    open_store(db_path).close()
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db_path), "Rejuv Desktop"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        reader = open_store(db_path, read_only=True)
        assert sp.count_patients(reader) == 0
        with pytest.raises(Exception):
            sp.add_patient(reader, patient_data)
        reader.close()
    finally:
        holder.communicate("\n", timeout=30)


def test_check_reads_only_an_empty_file_stays_empty(tmp_path):
    db = tmp_path / "empty.sqlite3"
    db.touch()
    run = cli("check", "--db", db)
    assert run.returncode == 1 and "is empty" in run.stdout and "Traceback" not in run.stderr
    assert db.stat().st_size == 0 and sorted(p.name for p in tmp_path.iterdir()) == [db.name]


def test_the_restore_service_itself_refuses_while_another_process_writes(db_path, tmp_path):
    """Whoever calls it (the command line, the app, a script), a restore holds the lock."""
    from datetime import datetime

    from rejuv_desktop.services import backup as sb

    store = open_store(db_path)
    made = sb.backup_now(store.path, tmp_path / "backups", datetime(2026, 12, 1, 18, 0))
    store.close()
    before = db_path.read_bytes()
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db_path), "rejuv-desktop import"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(writer_lock.WriterLockHeld) as refused:
            sb.restore(db_path, made.path, datetime(2026, 12, 2, 9, 0))
        assert str(holder.pid) in str(refused.value)
        assert db_path.read_bytes() == before
        assert not list(db_path.parent.glob("*.before-restore-*"))
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)
    result = sb.restore(db_path, made.path, datetime(2026, 12, 2, 9, 5))  # free again: it runs
    assert result.verified
