"""What opening a database writes, and who can read it: a database from a newer version is
refused with no byte changed; the database, its journal and lock files are private (0600),
the data and log folders 0700 (tests run as root: modes are checked, not access); each log line
says which process wrote it and which database it concerns."""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import stat

import pytest

from rejuv_desktop import logs
from rejuv_desktop.errors import StorageError
from rejuv_desktop.services import patients as sp
from rejuv_desktop.storage import open_store, private_files

pytestmark = pytest.mark.sqlite_file("a SQLite file's permissions and journal files")


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def fingerprint(path):
    st = os.stat(path)
    return hashlib.sha256(path.read_bytes()).hexdigest(), st.st_mtime_ns, st.st_size


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_newer_database_is_refused_before_anything_is_written(db_path, clock, journal):
    store = open_store(db_path, clock=clock)
    store.conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
        " VALUES ('rejuv_desktop', '9999_from_the_future', '2030-01-01')")
    store.close()
    if journal == "delete":  # as an older or other tool may leave it: opening must not switch
        conn = sqlite3.connect(db_path)
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.close()
    before = fingerprint(db_path)
    for _ in range(2):
        with pytest.raises(StorageError, match="newer version of Rejuv Desktop"):
            open_store(db_path, clock=clock)
        assert fingerprint(db_path) == before
    leftovers = sorted(p.name for p in db_path.parent.iterdir())
    # no -wal, -shm, -journal or lock file (the audit key and witness are from the first open)
    assert leftovers == [db_path.name, db_path.name + ".key", db_path.name + ".witness"]


def test_an_existing_database_readable_by_others_is_made_private_on_open(db_path, clock,
                                                                         patient_data):
    store = open_store(db_path, clock=clock)
    sp.add_patient(store, patient_data)  # -wal and -shm now exist
    wal, shm = db_path.with_name(db_path.name + "-wal"), db_path.with_name(db_path.name + "-shm")
    assert wal.exists() and shm.exists()
    store.close()
    db_path.chmod(0o644)
    for extra in ("-wal", "-shm", "-journal"):
        p = db_path.with_name(db_path.name + extra)
        p.touch()
        p.chmod(0o644)
    store = open_store(db_path, clock=clock)
    try:
        for p in private_files.database_files(db_path):
            assert mode(p) == 0o600, p.name
    finally:
        store.close()


def test_new_journal_files_are_created_private(db_path, clock, patient_data):
    old = os.umask(0o022)  # even where the process's umask would allow others to read
    try:
        store = open_store(db_path, clock=clock)
        sp.add_patient(store, patient_data)
        try:
            assert mode(db_path) == 0o600
            for extra in ("-wal", "-shm", ".lock"):
                assert mode(db_path.with_name(db_path.name + extra)) == 0o600, extra
        finally:
            store.close()
    finally:
        os.umask(old)


def test_data_and_log_folders_are_private(tmp_path, monkeypatch):
    from rejuv_desktop import cli, paths

    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    data.chmod(0o755)
    monkeypatch.setattr(paths, "data_dir", lambda: data)
    log_dir = tmp_path / "logs"
    log_dir.mkdir()
    log_dir.chmod(0o755)
    monkeypatch.setattr(paths, "log_dir", lambda: log_dir)
    old = os.umask(0o022)
    root = logging.getLogger()
    handlers = list(root.handlers)
    try:
        assert cli.main(["demo", "--db", str(data / "clinic.sqlite3")]) == 0
        assert os.umask(0o022) == 0o077  # the command set it early
    finally:
        os.umask(old)
        for h in root.handlers[:]:
            if h not in handlers:
                root.removeHandler(h)
                h.close()
    assert mode(data) == 0o700 and mode(log_dir) == 0o700
    assert mode(log_dir / logs.LOG_FILE) == 0o600
    assert mode(data / "clinic.sqlite3") == 0o600


def test_log_lines_carry_the_process_and_the_database(tmp_path, db_path, clock, patient_data):
    root = logging.getLogger()
    handlers = list(root.handlers)
    try:
        path = logs.setup_logging(directory=tmp_path / "logs")
        store = open_store(db_path, clock=clock)
        pid = sp.add_patient(store, patient_data).patient_id
        logging.getLogger("rejuv_desktop.test").info("patient %s saved", pid)
        store.close()
    finally:
        for h in root.handlers[:]:
            if h not in handlers:
                root.removeHandler(h)
                h.close()
    text = path.read_text(encoding="utf-8")
    line = next(l for l in text.splitlines() if f"patient {pid} saved" in l)
    assert f"[{os.getpid()}]" in line and f"[{db_path.name}]" in line
    assert patient_data["family_name"] not in text and patient_data["given_name"] not in text
