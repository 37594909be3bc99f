"""Backups: verified, private, complete, consistent while another connection writes."""

import hashlib
import os
import stat
import threading
import time
from datetime import datetime
from pathlib import Path

import pytest

from rejuv_desktop.errors import StorageError
from rejuv_desktop.services import backup as sb
from rejuv_desktop.storage import backup as files
from rejuv_desktop.storage import open_store, schema

from tests.backup_records import seed_bulk

pytestmark = pytest.mark.sqlite_file(
    "backups of the SQLite file (a clinic server's: server backup, in test_postgresql.py)")

NOW = datetime(2026, 11, 22, 18, 5, 0)


def counts(path: Path) -> dict[str, int]:
    s = open_store(path, migrate=False)
    try:
        return {t: s.scalar(f"SELECT count(*) FROM {t}") for t in
                ("patients", "documents", "audit_log", "practitioners")}
    finally:
        s.close()


def test_backup_is_verified_private_and_complete(filled_db, tmp_path):
    dest = tmp_path / "out"
    result = sb.backup_now(filled_db, dest, NOW)
    assert result.path == dest / "rejuv-20261122-180500.sqlite3"
    assert result.verified and result.size == result.path.stat().st_size > 500_000
    assert stat.S_IMODE(result.path.stat().st_mode) == 0o600
    # One self-contained file and its manifest: no journal beside it, no temporary left over.
    assert sorted(p.name for p in dest.iterdir()) == [result.path.name,
                                                      result.path.name + ".manifest.json"]
    manifest = files.read_manifest(result.path)
    assert manifest["sha256"] == hashlib.sha256(result.path.read_bytes()).hexdigest()
    assert manifest["size"] == result.size
    assert manifest["audit_head"] == {"id": result.audit_head_id, "hash": result.audit_head}
    assert manifest["schema_version"] == len(schema.known_names())
    assert manifest["app_version"] and manifest["created_at"] == "2026-11-22T18:05:00"
    assert stat.S_IMODE(files.manifest_path(result.path).stat().st_mode) == 0o600
    assert files.describe(result.path).integrity == ["ok"]
    assert counts(result.path) == counts(filled_db)
    assert result.counts["patients"] == 300

    assert result.path.read_bytes()[:16] == b"SQLite format 3\x00"


def test_backup_includes_what_is_only_in_the_wal(store, db_path, tmp_path):
    """Committed rows not yet checkpointed into the main file are in the backup."""
    seed_bulk(store, 25)
    assert Path(str(db_path) + "-wal").stat().st_size > 0
    result = sb.backup_now(db_path, tmp_path / "b", NOW)
    assert counts(result.path)["patients"] == 25


def test_two_backups_in_one_second_both_kept(filled_db, tmp_path):
    a = sb.backup_now(filled_db, tmp_path / "b", NOW)
    b = sb.backup_now(filled_db, tmp_path / "b", NOW)
    assert a.path != b.path and b.path.name == "rejuv-20261122-180500-2.sqlite3"
    assert [x.path for x in sb.list_backups(tmp_path / "b")] == [b.path, a.path]


def test_backup_while_another_connection_writes(filled_db, tmp_path, clock):
    """T-BAK-1 in small: a writer commits every 2 ms on its own connection while the backup
    runs; the copy is sound and holds a consistent snapshot."""
    before = counts(filled_db)["patients"]
    stop = threading.Event()
    writing = threading.Event()  # set once the writer has committed 20 times
    commits = []
    errors = []

    def writer():
        s = open_store(filled_db, clock=clock)
        try:
            i = 0
            while not stop.is_set():
                with s.write():
                    s.conn.execute(
                        "INSERT INTO patients (given_name, family_name, date_of_birth,"
                        " created_at, updated_at) VALUES ('W', ?, '1970-01-01', 'x', 'x')",
                        (f"Writer{i}",))
                commits.append(time.monotonic())
                if len(commits) >= 20:
                    writing.set()
                i += 1
                time.sleep(0.002)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            s.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert writing.wait(timeout=60), errors
        started = time.monotonic()
        results = [sb.backup_now(filled_db, tmp_path / "live", NOW) for _ in range(3)]
        elapsed = time.monotonic() - started
        during = sum(1 for c in commits if c >= started)
    finally:
        stop.set()
        thread.join()
    assert not errors
    after = counts(filled_db)["patients"]
    assert elapsed < 10
    assert during > 0  # the writer did commit while backups ran
    for r in results:
        assert files.describe(r.path).integrity == ["ok"]
        n = counts(r.path)["patients"]
        assert before < n <= after
        # the snapshot is whole: every writer row in the copy has its audit row
        s = open_store(r.path, migrate=False)
        try:
            assert s.scalar("SELECT count(*) FROM audit_log WHERE table_name = 'patients'") == n
        finally:
            s.close()


def test_backup_of_missing_database_refused(tmp_path):
    with pytest.raises(StorageError, match="no database"):
        sb.backup_now(tmp_path / "nope.sqlite3", tmp_path / "b", NOW)
    assert not (tmp_path / "nope.sqlite3").exists()


def test_backup_of_damaged_database_refused_and_nothing_kept(tmp_path):
    bad = tmp_path / "bad.sqlite3"
    bad.write_text("this is a text file, not a database\n" * 200)
    with pytest.raises(StorageError):
        sb.backup_now(bad, tmp_path / "b", NOW)
    assert list((tmp_path / "b").iterdir()) == []
    assert bad.read_text().startswith("this is a text file")


def test_backup_into_unwritable_folder_is_a_clear_error(filled_db, tmp_path):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    with pytest.raises(StorageError, match="cannot be used for backups"):
        sb.backup_now(filled_db, blocker / "sub", NOW)


def test_failed_copy_leaves_no_temporary(filled_db, tmp_path, monkeypatch):
    def broken(source, temp):
        temp.write_bytes(b"half a file")
        raise files.sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(files, "_copy_into", broken)
    with pytest.raises(StorageError, match="disk is full"):
        sb.backup_now(filled_db, tmp_path / "b", NOW)
    assert list((tmp_path / "b").iterdir()) == []


def test_stale_temporaries_are_cleared(filled_db, tmp_path):
    dest = tmp_path / "b"
    dest.mkdir()
    stale = dest / ".rejuv-copy-abc.tmp"
    stale.write_bytes(b"left by a crash")
    os.utime(stale, (time.time() - 7200, time.time() - 7200))
    fresh = dest / ".rejuv-copy-def.tmp"
    fresh.write_bytes(b"another backup running now")
    sb.backup_now(filled_db, dest, NOW)
    assert not stale.exists() and fresh.exists()


def test_backup_never_opens_the_database_file_directly(filled_db, tmp_path, monkeypatch):
    """T-SQL-3: only SQLite touches the database file (a Python open() would drop its
    locks)."""
    import builtins
    import io

    real_open = builtins.open
    touched = []

    def guarded(file, *args, **kwargs):
        name = str(file)
        if name == str(filled_db) or name.startswith(str(filled_db) + "-"):
            touched.append(file)
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded)
    monkeypatch.setattr(io, "open", guarded)
    sb.backup_now(filled_db, tmp_path / "b", NOW)
    assert sb.startup_check(filled_db).ok
    assert touched == []


def test_only_the_move_aside_routine_renames_journal_files():
    """T-SQL-2: -wal/-shm/-journal are named in one module only, which moves them as a set."""
    package = Path(__file__).resolve().parents[2] / "rejuv_desktop"
    offenders = []
    for path in package.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if any(s in text for s in ('"-wal"', '"-shm"', '"-journal"', "'-wal'", "'-shm'")):
            offenders.append(path.relative_to(package).as_posix())
    assert offenders == ["storage/backup.py"]
