"""Backups carry a manifest; a restore verifies it before touching the live file."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from rejuv_desktop.errors import StorageError
from rejuv_desktop.services import backup as sb
from rejuv_desktop.services import check as schk
from rejuv_desktop.storage import backup as files
from rejuv_desktop.storage import open_store

from tests.backup_records import add, families

pytestmark = pytest.mark.sqlite_file(
    "a SQLite backup's manifest and restore")

NOW = datetime(2026, 11, 22, 18, 5, 0)
LATER = datetime(2026, 11, 23, 9, 0, 0)


def snapshot(db: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(db.parent.glob(db.name + "*"))}


@pytest.fixture
def clinic(db_path, clock, tmp_path):
    add(db_path, "Before", clock)
    backup = sb.backup_now(db_path, tmp_path / "b", NOW).path
    add(db_path, "After", clock)
    return db_path, backup


def test_intact_backup_restores_verified_and_check_passes(clinic):
    db, backup = clinic
    result = sb.restore(db, backup, LATER)
    assert result.verified
    assert families(db) == ["Before"]
    report = schk.check_path(db)
    assert report.healthy, report.lines  # the witness now names the restored head


def test_altered_backup_is_refused_and_nothing_changes(clinic):
    db, backup = clinic
    # A plain edit of the backup file with sqlite3 (its patient renamed).
    conn = sqlite3.connect(str(backup))
    conn.execute("DROP TRIGGER audit_patients_update")
    conn.execute("UPDATE patients SET family_name = 'Forged'")
    conn.commit()
    conn.close()
    before = snapshot(db)
    with pytest.raises(StorageError, match="altered since it was made"):
        sb.restore(db, backup, LATER)
    assert snapshot(db) == before


@pytest.mark.parametrize("sealed", [True, False])
def test_altered_backup_with_a_rewritten_manifest_is_refused(clinic, sealed):
    """Rewriting the manifest's checksum too does not help: its seal no longer matches, and
    (on a machine without the clinic key, where the seal cannot be checked) the backup's audit
    trail must still end at the manifest's head."""
    db, backup = clinic
    conn = sqlite3.connect(str(backup))
    conn.execute("DROP TRIGGER audit_log_no_delete")
    last = conn.execute("SELECT max(id) FROM audit_log").fetchone()[0]
    conn.execute("DELETE FROM audit_log WHERE id = ?", (last,))
    conn.execute(guard := "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log\n"
                 "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be "
                 "deleted'); END")
    conn.commit()
    conn.close()
    assert guard
    manifest = json.loads(files.manifest_path(backup).read_text())
    manifest["sha256"] = hashlib.sha256(backup.read_bytes()).hexdigest()
    manifest["size"] = backup.stat().st_size
    files.manifest_path(backup).write_text(json.dumps(manifest))
    if not sealed:  # as on a machine without the key
        Path(f"{db}.key").unlink()
    before = snapshot(db)
    with pytest.raises(StorageError, match="seal does not match" if sealed
                       else "does not end where its manifest says"):
        sb.restore(db, backup, LATER)
    assert snapshot(db) == before


def test_backup_without_manifest_needs_force(clinic):
    db, backup = clinic
    files.manifest_path(backup).unlink()
    before = snapshot(db)
    with pytest.raises(sb.UnverifiedBackup, match="no manifest"):
        sb.restore(db, backup, LATER)
    assert snapshot(db) == before
    result = sb.restore(db, backup, LATER, force=True)
    assert not result.verified and families(db) == ["Before"]


def cli(*args):
    return subprocess.run([sys.executable, "-m", "rejuv_desktop", *map(str, args)],
                          capture_output=True, text=True, timeout=120, env=dict(os.environ))


@pytest.mark.slow
def test_cli_restore_without_manifest_warns_and_needs_force(clinic):
    db, backup = clinic
    files.manifest_path(backup).unlink()
    run = cli("restore", "--db", db, "--from", backup)
    assert run.returncode == 1
    assert "no manifest" in run.stderr and "--force" in run.stderr
    assert "Traceback" not in run.stderr
    assert families(db) == ["Before", "After"]
    run = cli("restore", "--db", db, "--from", backup, "--force")
    assert run.returncode == 0, run.stderr
    assert "WARNING" in run.stdout and "unverified" in run.stdout
    assert families(db) == ["Before"]


@pytest.mark.slow
def test_cli_restore_refuses_an_altered_backup(clinic):
    db, backup = clinic
    data = bytearray(backup.read_bytes())
    data[-100] ^= 0xFF  # one byte in the last page
    backup.write_bytes(bytes(data))
    run = cli("restore", "--db", db, "--from", backup)
    assert run.returncode == 1 and "altered" in run.stderr
    assert families(db) == ["Before", "After"]


def test_thinning_deletes_manifests_with_their_backups(db_path, clock, tmp_path):
    add(db_path, "One", clock)
    folder = tmp_path / "auto"
    for day in range(1, 12):
        sb.backup_now(db_path, folder, datetime(2026, 11, day, 18, 0, 0))
    deleted = sb.thin(folder)
    assert deleted
    for path in deleted:
        assert not files.manifest_path(path).exists()
    kept = sb.list_backups(folder)
    assert all(files.manifest_path(b.path).exists() for b in kept)
    assert len(list(folder.glob("*.manifest.json"))) == len(kept)


@pytest.mark.slow
def test_new_machine_restores_then_verifies_with_the_recovery_code(clinic, tmp_path):
    """A backup restored on a machine without the clinic key: the restore checks what it can
    (checksum, chain links, head); check says the keyed part cannot be verified until the
    recovery code is entered, then passes."""
    from rejuv_desktop.services.audit_keys import recovery_code

    db, backup = clinic
    s = open_store(db)
    code = recovery_code(s)
    s.close()
    new = tmp_path / "new-pc" / "clinic.sqlite3"
    new.parent.mkdir()
    result = sb.restore(new, backup, LATER)
    assert result.verified and families(new) == ["Before"]
    run = cli("check", "--db", new)
    assert run.returncode == 1 and "cannot be verified" in run.stdout
    wrong = subprocess.run([sys.executable, "-m", "rejuv_desktop", "recovery-code", "--db", new],
                           input="AB" * 32 + "\n", capture_output=True, text=True, timeout=60)
    assert wrong.returncode == 1 and "not the key of this clinic" in wrong.stderr
    entered = subprocess.run([sys.executable, "-m", "rejuv_desktop", "recovery-code", "--db",
                              new], input=code + "\n", capture_output=True, text=True,
                             timeout=60)
    assert entered.returncode == 0, entered.stderr
    run = cli("check", "--db", new)
    assert run.returncode == 0, run.stdout


def _edit_and_rechecksum(backup: Path, drop_seal: bool = False) -> None:
    """Edit a patient in the backup without an audit row (trigger dropped and put back word
    for word), then rewrite the manifest's checksum to match."""
    conn = sqlite3.connect(str(backup))
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'audit_patients_update'"
                       ).fetchone()[0]
    conn.execute("DROP TRIGGER audit_patients_update")
    conn.execute("UPDATE patients SET family_name = 'Forged'")
    conn.execute(sql)
    conn.commit()
    conn.close()
    manifest = json.loads(files.manifest_path(backup).read_text())
    manifest["sha256"] = hashlib.sha256(backup.read_bytes()).hexdigest()
    manifest["size"] = backup.stat().st_size
    if drop_seal:
        manifest.pop("seal")
    files.manifest_path(backup).write_text(json.dumps(manifest))


@pytest.mark.parametrize("drop_seal", [False, True])
def test_a_rewritten_manifest_is_seen_by_its_seal(clinic, drop_seal):
    db, backup = clinic
    assert "seal" in files.read_manifest(backup)
    _edit_and_rechecksum(backup, drop_seal)
    before = snapshot(db)
    with pytest.raises(StorageError, match="altered|not sealed"):
        sb.restore(db, backup, LATER)
    assert snapshot(db) == before
