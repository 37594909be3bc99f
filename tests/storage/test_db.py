import os
import stat

import pytest

from rejuv_desktop.errors import StorageError
from rejuv_desktop.services import patients as sp
from rejuv_desktop.storage import audit, open_store, schema


@pytest.mark.sqlite_file("SQLite's pragmas")
def test_pragmas_every_connection_needs(store):
    assert store.scalar("PRAGMA journal_mode") == "wal"
    assert store.scalar("PRAGMA synchronous") == 2  # FULL
    assert store.scalar("PRAGMA foreign_keys") == 1
    assert store.scalar("PRAGMA busy_timeout") >= 5000


@pytest.mark.sqlite_file("a SQLite file's permissions")
def test_database_file_is_private(store, db_path):
    assert stat.S_IMODE(os.stat(db_path).st_mode) == 0o600


@pytest.mark.sqlite_file("sqlite-utils' migrations")
def test_migrations_applied_twice_change_nothing(store, db_path, clock):
    before = store.query("SELECT type, name, sql FROM sqlite_master ORDER BY name")
    assert schema.migrate(store.db) == []
    store.close()
    again = open_store(db_path, clock=clock)
    try:
        assert again.query("SELECT type, name, sql FROM sqlite_master ORDER BY name") == before
        assert schema.schema_version(again.db) == len(schema.known_names())
    finally:
        again.close()


@pytest.mark.sqlite_file("a SQLite file's migration table")
def test_newer_database_is_refused_untouched(store, db_path, clock):
    store.conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
        " VALUES ('rejuv_desktop', '9999_from_the_future', '2030-01-01')")
    store.close()
    size = db_path.stat().st_size
    with pytest.raises(StorageError, match="newer version"):
        open_store(db_path, clock=clock)
    assert db_path.stat().st_size == size


def test_write_is_all_or_nothing(store, patient_data):
    with pytest.raises(RuntimeError):
        with store.write():
            store.conn.execute(
                "INSERT INTO settings (key, value) VALUES ('clinic_name', 'X')")
            raise RuntimeError("power cut")
    assert store.scalar("SELECT count(*) FROM settings") == 0
    assert store.scalar("SELECT count(*) FROM audit_log") == 0


def test_audit_row_for_insert_and_update_in_same_transaction(store, patient_data, clock):
    store.actor_id = 7
    pid = sp.add_patient(store, patient_data).patient_id
    clock.advance(minutes=5)
    sp.update_patient(store, pid, {**patient_data, "phone": "01234 567890"})
    rows = store.query("SELECT * FROM audit_log WHERE table_name='patients' ORDER BY id")
    assert [r["action"] for r in rows] == ["insert", "update"]
    assert all(r["practitioner_id"] == 7 and r["row_id"] == pid for r in rows)
    assert '"07700 900123"' in rows[1]["before_json"]
    assert '"01234 567890"' in rows[1]["after_json"]
    assert rows[1]["at"] == clock.now.isoformat(timespec="seconds")


def test_audit_rows_cannot_be_changed_or_deleted(store, patient_data):
    sp.add_patient(store, patient_data)
    with pytest.raises(Exception, match="append-only"):
        store.conn.execute("UPDATE audit_log SET after_json = '{}'")
    with pytest.raises(Exception, match="append-only"):
        store.conn.execute("DELETE FROM audit_log")
    assert store.scalar("SELECT count(*) FROM audit_log") == 1


@pytest.mark.sqlite_file("SQLite's trigger syntax")
def test_audit_chain_detects_a_tampered_row(store, patient_data, db_path):
    for i in range(3):
        sp.add_patient(store, {**patient_data, "given_name": f"P{i}"})
    assert audit.verify_chain(store).ok
    # Tamper as an outsider would: drop the guard trigger, edit a row.
    store.conn.execute("DROP TRIGGER audit_log_no_update")
    store.conn.execute("UPDATE audit_log SET after_json = replace(after_json, 'P1', 'PX')"
                       " WHERE id = 2")
    result = audit.verify_chain(store)
    assert not result.ok and result.broken_at == 2


def test_unchanged_update_writes_no_audit_row(store, patient_data):
    pid = sp.add_patient(store, patient_data).patient_id
    sp.update_patient(store, pid, patient_data)
    assert store.scalar("SELECT count(*) FROM audit_log") == 1


def test_readonly_database_gives_a_readable_error(tmp_path, clock, patient_data):
    path = tmp_path / "ro.sqlite3"
    s = open_store(path, clock=clock)
    s.close()
    uri_store = open_store(path, clock=clock)
    uri_store.conn.execute("PRAGMA query_only = ON")
    with pytest.raises(StorageError, match="read-only"):
        sp.add_patient(uri_store, patient_data)
    uri_store.close()


def test_not_a_database_is_refused_clearly(tmp_path, clock):
    path = tmp_path / "notes.txt"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StorageError, match="not a Rejuv Desktop database|damaged"):
        open_store(path, clock=clock)
