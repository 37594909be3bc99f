"""A new version's first start backs the database up before migrating it; a new clinic or an
up-to-date one is not backed up for nothing; a failed backup leaves the database unmigrated."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rejuv_desktop import cli
from rejuv_desktop.errors import StorageError, UserError
from rejuv_desktop.services import backup as sb
from rejuv_desktop.services.upgrade import backup_before_upgrade
from rejuv_desktop.storage import open_store, schema

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def old_db(tmp_path, monkeypatch):
    """A database written by the version before: every migration but the last applied."""
    path = tmp_path / "clinic.sqlite3"
    with monkeypatch.context() as m:
        m.setattr(schema.migrations, "_migrations", schema.migrations._migrations[:-1])
        store = open_store(path)
        store.close()
    assert schema.known_names()[-1] not in _applied(path)
    return path


def _applied(path: Path) -> list[str]:
    store = open_store(path, read_only=True)
    try:
        return schema.applied_names(store.conn)
    finally:
        store.close()


def test_nothing_to_migrate_makes_no_backup(tmp_path):
    path = tmp_path / "clinic.sqlite3"
    assert backup_before_upgrade(path) is None  # no database yet
    open_store(path).close()
    assert backup_before_upgrade(path) is None  # up to date
    assert not sb.default_backup_dir(path).exists()


def test_first_writer_of_a_new_version_backs_up_then_migrates(old_db):
    before = _applied(old_db)
    store = cli._open(old_db)  # what every writing command does
    store.close()
    backups = sb.list_backups(sb.default_backup_dir(old_db))
    assert len(backups) == 1
    assert _applied(backups[0].path) == before  # the copy is the database as it was
    assert _applied(old_db) == schema.known_names()  # and the database is migrated
    manifest = sb.files.read_manifest(backups[0].path)
    assert manifest["last_migration"] == before[-1]
    assert sb.check_backup(backups[0].path).info.intact
    store = cli._open(old_db)  # the next start: nothing pending, no second backup
    store.close()
    assert len(sb.list_backups(sb.default_backup_dir(old_db))) == 1


def test_a_failed_backup_stops_the_migration(old_db):
    before = _applied(old_db)
    sb.default_backup_dir(old_db).write_text("a file where the backups folder should be")
    with pytest.raises(StorageError) as exc:
        backup_before_upgrade(old_db)
    assert "has not been changed" in str(exc.value)
    with pytest.raises(UserError):
        cli._open(old_db)
    assert _applied(old_db) == before


def test_the_window_starts_after_the_backup(old_db, tmp_path):
    """The app's own start (``--quit-when-shown``: the sign-in window, then quit)."""
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(old_db),
                             "--quit-when-shown"], capture_output=True, text=True, timeout=120,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("SHOWN ")
    assert len(sb.list_backups(sb.default_backup_dir(old_db))) == 1
    assert _applied(old_db) == schema.known_names()


def test_a_file_from_the_version_before_is_backed_up_as_it_was(tmp_path):
    """The previous release's real file (tests/fixtures/schema): backed up, then migrated."""
    previous = sorted((ROOT / "tests" / "fixtures" / "schema").glob("v*.sqlite"))[-1]
    path = tmp_path / "clinic.sqlite3"
    shutil.copyfile(previous, path)
    before = _applied(path)
    assert before == schema.known_names()[:len(before)] and len(before) < len(schema.known_names())
    store = cli._open(path)
    store.close()
    (backup,) = sb.list_backups(sb.default_backup_dir(path))
    assert _applied(backup.path) == before
    assert sb.files.read_manifest(backup.path)["last_migration"] == before[-1]
    assert _applied(path) == schema.known_names()
