"""Restore: the drill, the refusals, and the current database always kept aside."""

import stat
from datetime import datetime
from pathlib import Path

import pytest

from rejuv_desktop.errors import StorageError
from rejuv_desktop.services import backup as sb
from rejuv_desktop.services import check as schk
from rejuv_desktop.storage import backup as files
from rejuv_desktop.storage import open_store

from tests.backup_records import add

pytestmark = pytest.mark.sqlite_file(
    "restoring a SQLite file from its backup")

NOW = datetime(2026, 11, 22, 18, 5, 0)
LATER = datetime(2026, 11, 23, 9, 0, 0)


def names(path: Path) -> list[str]:
    s = open_store(path, migrate=False)
    try:
        return [r["family_name"] for r in s.query("SELECT family_name FROM patients ORDER BY id")]
    finally:
        s.close()


def test_restore_drill(db_path, tmp_path, clock):
    """T-BAK-3: back up, change the data, restore: the data is back, the audit chain
    verifies, and the database that was replaced is kept aside unchanged."""
    add(db_path, "Before", clock)
    backup = sb.backup_now(db_path, tmp_path / "b", NOW)
    add(db_path, "After", clock)
    assert names(db_path) == ["Before", "After"]

    started = datetime.now()
    result = sb.restore(db_path, backup.path, LATER)
    assert (datetime.now() - started).total_seconds() < 60
    assert names(db_path) == ["Before"]
    assert result.restored_from == backup.path
    assert result.backup_taken_at == NOW
    aside = result.moved_aside[0]
    assert aside.name == "clinic.sqlite3.before-restore-20261123-090000"
    assert names(aside) == ["Before", "After"]  # the replaced data is all still there
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    s = open_store(db_path)
    try:
        report = schk.check_database(s)
        assert report.healthy, report.lines
    finally:
        s.close()


def test_restore_keeps_wal_and_shm_with_the_database_set_aside(db_path, tmp_path, clock):
    add(db_path, "Before", clock)
    backup = sb.backup_now(db_path, tmp_path / "b", NOW)
    # A live connection keeps -wal and -shm on disk; copy that state as a crash would leave it.
    live = open_store(db_path, clock=clock)
    live.conn.execute("PRAGMA wal_autocheckpoint=0")
    with live.write():
        live.conn.execute("INSERT INTO patients (given_name, family_name, date_of_birth,"
                          " created_at, updated_at) VALUES ('X', 'InWal', '1970-01-01', 'x',"
                          " 'x')")
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for suffix in ("", "-wal", "-shm"):
        (crashed / f"clinic.sqlite3{suffix}").write_bytes(Path(f"{db_path}{suffix}").read_bytes())
    live.close()
    target = crashed / "clinic.sqlite3"
    wal_before = (crashed / "clinic.sqlite3-wal").read_bytes()

    assert wal_before
    result = sb.restore(target, backup.path, LATER)
    # The WAL is folded into the file kept aside (a checkpoint) before the swap, so no WAL of
    # the old database is left beside the new one.
    moved = sorted(p.name for p in result.moved_aside)
    assert moved == ["clinic.sqlite3.before-restore-20261123-090000"]
    assert not Path(f"{target}-wal").exists() or Path(f"{target}-wal").stat().st_size == 0
    assert names(target) == ["Before"]
    # The file kept aside holds the change that was only in its WAL.
    assert names(result.moved_aside[0]) == ["Before", "InWal"]


def test_restore_into_an_empty_profile(tmp_path, filled_db):
    backup = sb.backup_now(filled_db, tmp_path / "b", NOW)
    fresh = tmp_path / "new-pc" / "clinic.sqlite3"
    fresh.parent.mkdir()
    result = sb.restore(fresh, backup.path, LATER)
    assert result.moved_aside == []
    assert len(names(fresh)) == 300 == result.counts["patients"]


def test_restore_twice_never_overwrites_what_was_set_aside(db_path, tmp_path, clock):
    add(db_path, "One", clock)
    backup = sb.backup_now(db_path, tmp_path / "b", NOW)
    first = sb.restore(db_path, backup.path, LATER)
    second = sb.restore(db_path, backup.path, LATER)
    assert first.moved_aside[0] != second.moved_aside[0]
    assert second.moved_aside[0].name.endswith("before-restore-20261123-090000-2")
    assert first.moved_aside[0].exists() and second.moved_aside[0].exists()


def damaged_copy(good: Path, where: Path) -> Path:
    data = bytearray(good.read_bytes())
    page = 4096
    for i in range(3 * page, 6 * page):  # pages 4 to 6: tables in use
        data[i] = (i * 7) % 256
    where.write_bytes(bytes(data))
    return where


@pytest.mark.parametrize("kind", ["damaged", "text", "empty", "other-app", "newer"])
def test_restore_refuses_a_bad_backup_and_changes_nothing(kind, filled_db, tmp_path, clock):
    backup = sb.backup_now(filled_db, tmp_path / "b", NOW).path
    bad = tmp_path / "bad.sqlite3"
    if kind == "damaged":
        damaged_copy(backup, bad)
    elif kind == "text":
        bad.write_text("name,date of birth\nZoë,1970-01-01\n" * 300, encoding="utf-8")
    elif kind == "empty":
        bad.write_bytes(b"")
    elif kind == "other-app":
        from sqlite_utils.utils import sqlite3

        c = sqlite3.connect(str(bad))
        c.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
        c.commit()
        c.close()
    elif kind == "newer":
        bad.write_bytes(backup.read_bytes())
        s = open_store(bad, migrate=False)
        s.conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
                       " VALUES ('rejuv_desktop', '9999_from_the_future', 'x')")
        s.close()
    before = filled_db.read_bytes()
    listing = sorted(p.name for p in filled_db.parent.glob("clinic*"))
    with pytest.raises(StorageError) as err:
        sb.restore(filled_db, bad, LATER)
    message = str(err.value)
    expected = {"damaged": "damaged", "text": "not a database", "empty": "not a Rejuv",
                "other-app": "not a Rejuv", "newer": "newer version"}[kind]
    assert expected in message
    assert filled_db.read_bytes() == before
    assert sorted(p.name for p in filled_db.parent.glob("clinic*")) == listing


def test_restore_refuses_the_database_itself(filled_db):
    with pytest.raises(StorageError, match="database itself"):
        sb.restore(filled_db, filled_db, LATER)


def test_failed_swap_puts_the_current_database_back(filled_db, tmp_path, monkeypatch):
    backup = sb.backup_now(filled_db, tmp_path / "b", NOW).path
    before = filled_db.read_bytes()
    real_replace = files.os.replace
    calls = []

    def failing_replace(src, dst):
        calls.append((src, dst))
        if Path(dst) == filled_db and ".rejuv-restore-" in str(src):
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(files.os, "replace", failing_replace)
    with pytest.raises(OSError):
        sb.restore(filled_db, backup, LATER)
    monkeypatch.undo()
    assert filled_db.read_bytes() == before
    assert not list(filled_db.parent.glob("*.before-restore-*"))
    assert not list(filled_db.parent.glob(".rejuv-copy-*"))


def test_move_aside_keeps_the_set_together(tmp_path):
    db = tmp_path / "x.sqlite3"
    for suffix, data in (("", b"db"), ("-wal", b"wal"), ("-shm", b"shm")):
        Path(f"{db}{suffix}").write_bytes(data)
    moved = files.move_aside(db, "corrupt-20261122-180500")
    assert [p.name for p in moved] == ["x.sqlite3.corrupt-20261122-180500",
                                       "x.sqlite3.corrupt-20261122-180500-wal",
                                       "x.sqlite3.corrupt-20261122-180500-shm"]
    assert [p.read_bytes() for p in moved] == [b"db", b"wal", b"shm"]
    assert not db.exists()
    files.put_back(moved, db)
    assert db.read_bytes() == b"db" and Path(f"{db}-wal").read_bytes() == b"wal"
