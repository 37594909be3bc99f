"""Start-up check (T-SQL-8/9): a damaged database is moved aside as a set, nothing is
deleted, and the newest backup that passes its check is offered."""

import os
import random
import shutil
import time
from datetime import datetime
from pathlib import Path

import pytest

from rejuv_desktop.errors import StorageError
from rejuv_desktop.services import backup as sb
from rejuv_desktop.storage import backup as files
from rejuv_desktop.storage import open_store

from tests.backup_records import seed_bulk

NOW = datetime(2026, 11, 23, 8, 0, 0)
PAGE = 4096


def truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


def header_garbage(data: bytes) -> bytes:
    return random.Random(1).randbytes(PAGE) + data[PAGE:]


def text_file(_data: bytes) -> bytes:
    return ("Patient list exported by hand\n" * 400).encode()


def page_in_the_middle(data: bytes) -> bytes:
    middle = (len(data) // PAGE // 2) * PAGE
    return data[:middle] + random.Random(2).randbytes(PAGE) + data[middle + PAGE:]


def page_two_zeroed(data: bytes) -> bytes:
    return data[:PAGE] + bytes(PAGE) + data[2 * PAGE:]


FIXTURES = {"truncated": truncated, "random bytes over the header": header_garbage,
            "a text file": text_file, "a damaged page in the middle": page_in_the_middle,
            "page 2 zeroed": page_two_zeroed}


@pytest.fixture
def clinic(tmp_path, clock):
    """A sound database with three dated backups; the newest backup is itself damaged."""
    db = tmp_path / "clinic.sqlite3"
    s = open_store(db, clock=clock)
    seed_bulk(s, 400, blob_bytes=1500)
    s.close()
    backups = tmp_path / "backups"
    made = [sb.backup_now(db, backups, datetime(2026, 11, d, 18, 0)).path for d in (20, 21, 22)]
    newest = made[-1]
    newest.write_bytes(page_in_the_middle(newest.read_bytes()))
    return db, made


@pytest.mark.parametrize("damage", list(FIXTURES), ids=list(FIXTURES))
def test_damaged_database_moved_aside_and_good_backup_offered(damage, clinic):
    db, made = clinic
    good = db.read_bytes()
    db.write_bytes(FIXTURES[damage](good))
    # Journal files left beside it (as after a crash): they belong with it.
    wal, shm = Path(f"{db}-wal"), Path(f"{db}-shm")
    wal.write_bytes(b"")
    shm.write_bytes(bytes(32768))
    damaged = db.read_bytes()
    everything_before = {p.name: p.read_bytes() for p in db.parent.rglob("*") if p.is_file()}

    started = time.monotonic()
    check = sb.startup_check(db, NOW)
    assert time.monotonic() - started < 2
    assert not check.ok
    assert check.message
    assert [p.name for p in check.moved_aside] == [
        "clinic.sqlite3.corrupt-20261123-080000", "clinic.sqlite3.corrupt-20261123-080000-wal",
        "clinic.sqlite3.corrupt-20261123-080000-shm"]
    assert check.moved_aside[0].read_bytes() == damaged
    assert not db.exists() and not wal.exists() and not shm.exists()
    # The newest backup is damaged too: the one before it is offered.
    assert check.newest_good_backup.path == made[1]
    # Nothing deleted: as many files as before, and every record byte still there under some
    # name (the -shm is SQLite's shared-memory index, rebuilt from the WAL on opening: it
    # holds no records and SQLite may rewrite it).
    files_after = [p for p in db.parent.rglob("*") if p.is_file()]
    assert len(files_after) == len(everything_before)
    after = {p.read_bytes() for p in files_after}
    for name, data in everything_before.items():
        if not name.endswith("-shm"):
            assert data in after, name


def test_sound_database_passes_and_is_untouched(clinic):
    db, _made = clinic
    before = db.read_bytes()
    assert sb.startup_check(db, NOW).ok
    assert db.read_bytes() == before
    assert not list(db.parent.glob("*.corrupt-*"))


def test_first_run_and_empty_file_pass(tmp_path):
    assert sb.startup_check(tmp_path / "none.sqlite3").ok
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(b"")
    assert sb.startup_check(empty).ok
    assert empty.exists()


def test_crash_left_wal_is_read_not_flagged(tmp_path, clock):
    """A database whose last commits are only in its WAL (killed writer) is sound."""
    import subprocess
    import sys

    db = tmp_path / "clinic.sqlite3"
    script = (
        "import os, sys\n"
        "from rejuv_desktop.storage import open_store\n"
        f"s = open_store({str(db)!r})\n"
        "s.conn.execute('PRAGMA wal_autocheckpoint=0')\n"
        "with s.write():\n"
        "    s.conn.execute(\"INSERT INTO patients (given_name, family_name, date_of_birth,"
        " created_at, updated_at) VALUES ('K', 'Killed', '1970-01-01', 'x', 'x')\")\n"
        "os.kill(os.getpid(), 9)\n")
    subprocess.run([sys.executable, "-c", script], timeout=60)
    assert Path(f"{db}-wal").stat().st_size > 0
    assert sb.startup_check(db, NOW).ok
    s = open_store(db)
    try:
        assert s.scalar("SELECT family_name FROM patients") == "Killed"
    finally:
        s.close()


def test_no_backup_at_all(tmp_path):
    db = tmp_path / "clinic.sqlite3"
    db.write_text("not a database\n" * 100)
    check = sb.startup_check(db, NOW)
    assert not check.ok and check.newest_good_backup is None
    assert check.moved_aside[0].read_text().startswith("not a database")


def test_two_damaged_starts_keep_both_files(tmp_path):
    db = tmp_path / "clinic.sqlite3"
    db.write_text("first damaged file\n" * 100)
    first = sb.startup_check(db, NOW).moved_aside[0]
    db.write_text("second damaged file\n" * 100)
    second = sb.startup_check(db, NOW).moved_aside[0]
    assert first != second
    assert first.read_text().startswith("first") and second.read_text().startswith("second")


def test_busy_database_is_not_taken_for_damaged(tmp_path, clock, monkeypatch):
    """An error that says nothing about the file (locked, unreadable) must never move a
    sound database aside."""
    db = tmp_path / "clinic.sqlite3"
    s = open_store(db, clock=clock)
    s.close()

    class Locked:
        def execute(self, *_a):
            raise files.sqlite3.OperationalError("database is locked")

        def close(self):
            pass

    monkeypatch.setattr(files, "_connect_read_only", lambda _p: Locked())
    with pytest.raises(StorageError, match="locked"):
        sb.startup_check(db, NOW)
    assert db.exists() and not list(tmp_path.glob("*.corrupt-*"))


def test_quick_check_speed_scales(tmp_path, clock):
    """T-SQL-8 scaled down: quick_check of a ~20 MB database well under the 2 s allowed for
    200 MB."""
    db = tmp_path / "big.sqlite3"
    s = open_store(db, clock=clock)
    seed_bulk(s, 4000, blob_bytes=5000)
    s.close()
    assert db.stat().st_size > 20_000_000
    started = time.monotonic()
    assert files.quick_check(db) == ["ok"]
    assert time.monotonic() - started < 0.2


def test_newest_good_backup_across_folders(clinic, tmp_path):
    db, made = clinic
    usb = tmp_path / "usb"
    usb.mkdir()
    later = usb / "rejuv-20261122-190000.sqlite3"
    shutil.copyfile(made[0], later)
    os.chmod(later, 0o600)
    assert sb.newest_good_backup([made[0].parent, usb]).path == later
    assert sb.newest_good_backup([made[0].parent]).path == made[1]
