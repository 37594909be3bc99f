"""Migration 0014_procedures_as_content: the schema no longer lists the procedures, and a
database made before it keeps every row, index and trigger (audit and immutability) through it."""

from __future__ import annotations

import pytest

from rejuv_desktop.storage import audit, open_store, schema
from rejuv_desktop.storage import plans as plans_repo
from rejuv_desktop.storage import sessions as sessions_repo
from tests import session_helpers as h

MIGRATION = "0014_procedures_as_content"


def _migrate_until(store, last: str) -> None:
    """Apply the app's migrations up to and including ``last``, as an older version did."""
    from sqlite_utils.migrations import Migrations

    older = Migrations(schema.MIGRATION_SET)
    for m in schema.migrations._migrations:
        older(name=m.name)(m.fn)
        if m.name == last:
            break
    older.apply(store.db)


def _schema_objects(conn, kind: str) -> dict[str, str]:
    return {name: sql for name, sql in conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = ? AND sql IS NOT NULL", (kind,))}


def _plan_row(patient_id: int, consultation_id: int, procedure: str) -> dict:
    return {"patient_id": patient_id, "consultation_id": consultation_id, "procedure": procedure,
            "sessions": 1, "interval_days": None, "start_date": "2026-12-07"}


@pytest.fixture
def older_database(db_path, clock):
    """A clinic's database at the schema before the migration, with a plan, its signed consent
    and a session in it."""
    names = schema.known_names()
    before = names[names.index(MIGRATION) - 1]
    store = open_store(db_path, clock=clock, migrate=False)
    _migrate_until(store, before)
    h.add_practitioner(store)
    patient = h.add_patient(store)
    plan = h.add_plan(store, patient, "mesotherapy")
    # A session started, written as the app of that version wrote it (today's services write
    # columns later migrations add).
    consent = store.scalar("SELECT id FROM documents WHERE plan_id = ? AND signed_of IS NOT NULL",
                           (plan,))
    with store.write():
        sessions_repo.insert_session(store, {
            "patient_id": patient, "plan_id": plan, "procedure": "mesotherapy",
            "session_number": 1, "series_length": 1, "maintenance": 0,
            "status": "in_progress", "started_at": store.now_iso(),
            "started_by": store.actor_id, "session_date": store.clock().date().isoformat(),
            "protocol_id": "mesotherapy", "protocol_version": "1", "sides": "left,right",
            "weight_kg": None, "consent_document_id": consent})
        store.conn.execute("UPDATE plans SET status = 'in_progress' WHERE id = ?", (plan,))
    consultation = store.scalar("SELECT consultation_id FROM plans WHERE id = ?", (plan,))
    with pytest.raises(Exception, match="CHECK"):
        with store.write():
            plans_repo.insert(store, _plan_row(patient, consultation, "hand_filler"))
    triggers = _schema_objects(store.conn, "trigger")
    indexes = _schema_objects(store.conn, "index")
    counts = {t: store.scalar(f"SELECT count(*) FROM {t}")
              for t in ("plans", "documents", "sessions", "audit_log")}
    store.close()
    return {"patient": patient, "consultation": consultation, "triggers": triggers,
            "indexes": indexes, "counts": counts}


def test_the_schema_lists_no_procedure(store):
    for name, sql in _schema_objects(store.conn, "table").items():
        assert "fat_transfer" not in sql.replace("verdict_fat_transfer", ""), name
        assert "'mesotherapy'" not in sql, name


def test_an_older_database_keeps_its_rows_indexes_and_triggers(older_database, db_path, clock):
    # Applies this migration (and no later one, which may change tables of its own).
    store = open_store(db_path, clock=clock, migrate=False)
    _migrate_until(store, MIGRATION)
    try:
        assert MIGRATION in schema.applied_names(store.conn)
        # Every trigger and index it had is there unchanged (later migrations may add theirs).
        for kind, had in (("trigger", older_database["triggers"]),
                          ("index", older_database["indexes"])):
            now = _schema_objects(store.conn, kind)
            assert {name: now.get(name) for name in had} == had
        for table, count in older_database["counts"].items():
            assert store.scalar(f"SELECT count(*) FROM {table}") == count, table
        assert [r[0] for r in store.conn.execute("PRAGMA integrity_check")] == ["ok"]
        assert audit.verify_chain(store).ok

        # A procedure the content adds can now be planned, and the audit trail records it.
        store.actor_id = store.scalar("SELECT max(id) FROM practitioners")
        with store.write():
            plan = plans_repo.insert(store, _plan_row(
                older_database["patient"], older_database["consultation"], "hand_filler"))
        assert store.scalar("SELECT count(*) FROM audit_log WHERE table_name = 'plans' AND "
                            "row_id = ? AND action = 'insert'", (plan,)) == 1
        assert audit.verify_chain(store).ok

        # What was immutable stays immutable.
        with pytest.raises(Exception, match="never changes"):
            store.conn.execute("UPDATE documents SET pdf = x'00'")
        with pytest.raises(Exception, match="never deleted"):
            store.conn.execute("DELETE FROM consultations")
        with pytest.raises(Exception, match="cannot be deleted|append-only|never"):
            store.conn.execute("DELETE FROM audit_log")
    finally:
        store.close()
