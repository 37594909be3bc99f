"""``rejuv-desktop check`` against tampering done with the database file and the plain sqlite3
tool only (reliability-tests: an attacker holding the file). Each scenario runs the real
command in a subprocess and must end in a BAD line naming what was found, and exit 1.

The attacker has the file, not the clinic key nor the witness beside it, and knows the
algorithms (they are in the source): a re-hash is computed with SHA-256 as the unkeyed chain
did, and written with plain UPDATE statements.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from rejuv_desktop.services import patients as sp
from rejuv_desktop.storage import open_store

pytestmark = pytest.mark.slow

SQLITE3 = shutil.which("sqlite3")


def cli(*args):
    return subprocess.run([sys.executable, "-m", "rejuv_desktop", *map(str, args)],
                          capture_output=True, text=True, timeout=120, env=dict(os.environ))


def plain_sqlite(db: Path, sql: str) -> None:
    """Run statements on the file with the sqlite3 command-line tool (the standard library's
    sqlite3 module where the tool is not installed): no app code, no app functions."""
    if SQLITE3:
        run = subprocess.run([SQLITE3, str(db)], input=sql, capture_output=True, text=True,
                             timeout=60)
        assert run.returncode == 0 and not run.stderr, run.stderr
    else:  # pragma: no cover - depends on the machine
        conn = sqlite3.connect(str(db))
        conn.executescript(sql)
        conn.close()


def plain_rows(db: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def guard_sql(db: Path, name: str) -> str:
    return plain_rows(db, f"SELECT sql FROM sqlite_master WHERE name = '{name}'")[0][0]


@pytest.fixture
def clinic(tmp_path, clock, patient_data) -> Path:
    """A clinic written by the app: patients added and edited, the app closed."""
    db = tmp_path / "clinic.sqlite3"
    s = open_store(db, clock=clock)
    try:
        s.actor_id = None
        for i in range(6):
            pid = sp.add_patient(s, {**patient_data, "given_name": f"Zoë{i}"}).patient_id
            sp.update_patient(s, pid, {**patient_data, "given_name": f"Zoë{i}",
                                       "notes": f"Visit {i}"})
    finally:
        s.close()
    assert cli("check", "--db", db).returncode == 0
    return db


def assert_bad(db: Path, *expected: str) -> str:
    before = db.read_bytes()
    run = cli("check", "--db", db)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "Traceback" not in run.stderr
    bad = [line for line in run.stdout.splitlines() if line.startswith("BAD")]
    assert bad, run.stdout
    for text in expected:
        assert any(text in line for line in bad), (text, run.stdout)
    assert db.read_bytes() == before  # the check never writes
    return run.stdout


def test_healthy_clinic_passes_and_check_never_writes(clinic):
    before = clinic.read_bytes()
    listing = sorted(p.name for p in clinic.parent.iterdir())
    run = cli("check", "--db", clinic)
    assert run.returncode == 0, run.stdout
    for name in ("triggers", "audit trail", "audit key", "witness"):
        assert any(line.startswith("OK") and name in line for line in run.stdout.splitlines())
    assert clinic.read_bytes() == before
    assert sorted(p.name for p in clinic.parent.iterdir()) == listing  # nothing created


def test_deleting_the_last_audit_rows_is_seen(clinic):
    # The guard trigger is dropped, the tail deleted, and the guard put back word for word.
    guard = guard_sql(clinic, "audit_log_no_delete")
    last = plain_rows(clinic, "SELECT max(id) FROM audit_log")[0][0]
    plain_sqlite(clinic, f"DROP TRIGGER audit_log_no_delete;\n"
                         f"DELETE FROM audit_log WHERE id > {last - 3};\n{guard};\n")
    out = assert_bad(clinic, "witness", f"witness recorded row {last}")
    assert "BAD  triggers" not in out  # the guard is back as it was: only the witness sees it


def test_emptying_the_audit_log_is_seen(clinic):
    guard = guard_sql(clinic, "audit_log_no_delete")
    plain_sqlite(clinic, f"DROP TRIGGER audit_log_no_delete;\nDELETE FROM audit_log;\n{guard};\n")
    assert_bad(clinic, "audit rows are missing")


def test_dropping_an_audit_trigger_then_editing_a_patient_is_seen(clinic):
    plain_sqlite(clinic, "DROP TRIGGER audit_patients_update;\n"
                         "UPDATE patients SET notes = 'edited outside the app' WHERE id = 2;\n")
    assert_bad(clinic, "trigger audit_patients_update on patients is missing")


def test_rewriting_an_audit_trigger_is_seen(clinic):
    plain_sqlite(clinic, "DROP TRIGGER audit_patients_update;\n"
                         "CREATE TRIGGER audit_patients_update AFTER UPDATE ON patients "
                         "WHEN 0 BEGIN SELECT 1; END;\n"
                         "CREATE TRIGGER sneaky AFTER INSERT ON patients BEGIN "
                         "UPDATE patients SET notes = '' WHERE id = NEW.id; END;\n")
    assert_bad(clinic, "audit_patients_update on patients has been changed",
               "sneaky on patients was not created by the app")


def _rehash_statements(db: Path, edit_row: int) -> str:
    """The whole chain re-hashed with plain SHA-256 after editing one row, as UPDATEs."""
    rows = plain_rows(db, "SELECT id, at, practitioner_id, table_name, row_id, action,"
                          " before_json, after_json FROM audit_log ORDER BY id")
    prev = "0" * 64
    out = []
    for rid, at, actor, table, row_id, action, before, after in rows:
        if rid == edit_row:
            after = after.replace("Visit", "Visite")
        parts = [prev, at, "" if actor is None else str(actor), table, str(row_id), action,
                 before or "", after or ""]
        digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
        quoted = "NULL" if after is None else "'" + after.replace("'", "''") + "'"
        out.append(f"UPDATE audit_log SET after_json = {quoted}, prev_hash = '{prev}', "
                   f"hash = '{digest}' WHERE id = {rid};")
        prev = digest
    return "\n".join(out)


def test_rehashing_the_whole_chain_is_seen_without_the_witness(clinic):
    """The key alone catches a re-hash: even with the witness gone, the keyed hashes do not
    match what SHA-256 gives."""
    guard = guard_sql(clinic, "audit_log_no_update")
    plain_sqlite(clinic, "DROP TRIGGER audit_log_no_update;\n"
                 + _rehash_statements(clinic, 4) + f"\n{guard};\n")
    Path(f"{clinic}.witness").unlink()
    assert_bad(clinic, "audit row 1 ", "witness")


def test_rehashing_and_unkeying_the_chain_is_seen(clinic):
    """Removing the record of the keying (so every row would be checked as plain SHA-256)
    and re-hashing: the witness still knows from which row the chain is keyed, and the key
    file names a key the database no longer mentions."""
    plain_sqlite(clinic, "DROP TRIGGER audit_log_no_update;\nDROP TRIGGER audit_keys_no_delete;\n"
                 "DELETE FROM audit_keys;\n" + _rehash_statements(clinic, 4) + "\n")
    out = assert_bad(clinic, "not keyed")
    assert "witness" in out


def test_missing_audit_log_is_a_bad_line_not_a_traceback(clinic):
    plain_sqlite(clinic, "DROP TABLE audit_log;\n")
    assert_bad(clinic, "audit_log table is missing")


def test_missing_key_file_is_never_passed(clinic):
    Path(f"{clinic}.key").unlink()
    assert_bad(clinic, "cannot be verified")


def test_zero_byte_file_is_not_a_database_and_stays_empty(tmp_path):
    db = tmp_path / "empty.sqlite3"
    db.write_bytes(b"")
    run = cli("check", "--db", db)
    assert run.returncode == 1
    assert "BAD" in run.stdout and "not a database" in run.stdout
    assert db.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.sqlite3"]


def test_check_of_a_missing_file_creates_nothing(tmp_path):
    run = cli("check", "--db", tmp_path / "none.sqlite3")
    assert run.returncode == 1 and "No database" in run.stderr
    assert not list(tmp_path.iterdir())
