"""A clinic server made by an earlier version, brought up to date in place by ``server init``:
the same catalogue as a new server's, every record and the audit chain kept; what cannot be
done safely is refused, naming the change, with nothing changed."""

from __future__ import annotations

import pytest

from rejuv_desktop.domain.protocols import load_protocol
from rejuv_desktop.errors import StorageError
from rejuv_desktop.services import patients as sp
from rejuv_desktop.services import sessions as ss
from rejuv_desktop.storage import audit, open_store, schema
from rejuv_desktop.storage import pg as engine
from rejuv_desktop.storage import sessions as sessions_repo
from tests import session_helpers as h

pytest.importorskip("psycopg")


def _server_at(pg_cluster, count: int) -> str:
    """A server as an earlier version made it: the schema of the first ``count`` migrations."""
    url = pg_cluster.new_database()
    raw = engine.connect(url)
    try:
        engine.create_schema(raw, count)
    finally:
        raw.close()
    return url


def _old_store(url: str, clock):
    """A store on the old schema, as the earlier version opened it (today's version refuses
    an out-of-date server, so the refusal is stepped around here)."""
    store = engine._store_class()(engine.connect(url), url, clock)
    audit.setup_keying(store, create=False)
    return store


def _session_as_written_before(store, plan_id: int) -> int:
    """A session started and ticked as the earlier version wrote it (today's start and tick
    also count up the plan's version and look at leases, which the old schema lacks)."""
    plan = store.query_one("SELECT * FROM plans WHERE id = ?", (plan_id,))
    protocol = load_protocol(plan["procedure"])
    consent = store.scalar("SELECT id FROM documents WHERE plan_id = ? AND signed_of IS NOT NULL",
                           (plan_id,))
    with store.write():
        session_id = sessions_repo.insert_session(store, {
            "patient_id": plan["patient_id"], "plan_id": plan_id,
            "procedure": plan["procedure"], "session_number": 1,
            "series_length": plan["sessions"], "maintenance": 0, "status": "in_progress",
            "started_at": store.now_iso(), "started_by": store.actor_id,
            "session_date": store.clock().date().isoformat(), "protocol_id": protocol.id,
            "protocol_version": protocol.version, "sides": "left,right",
            "consent_document_id": consent})
        sessions_repo.insert_entry(store, session_id, h.MESO_ITEMS[0], "item", True)
    return session_id


def _catalogue(url: str) -> dict:
    raw = engine.connect(url)
    try:
        q = lambda sql: sorted(tuple(r) for r in raw.execute(sql).fetchall())
        return {
            "columns": q("SELECT table_name::text, column_name::text, ordinal_position,"
                         " data_type::text, is_nullable::text, column_default, collation_name"
                         " FROM information_schema.columns WHERE table_schema = 'public'"),
            "constraints": q("SELECT c.relname::text, pg_get_constraintdef(k.oid)"
                             " FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid"
                             " JOIN pg_namespace n ON n.oid = c.relnamespace"
                             " WHERE n.nspname = 'public'"),
            "indexes": q("SELECT indexname::text, indexdef FROM pg_indexes"
                         " WHERE schemaname = 'public'"),
            "triggers": q("SELECT t.tgname::text, c.relname::text, pg_get_triggerdef(t.oid),"
                          " t.tgenabled::text FROM pg_trigger t JOIN pg_class c"
                          " ON c.oid = t.tgrelid WHERE NOT t.tgisinternal"),
            "functions": q("SELECT p.proname::text, p.prosrc FROM pg_proc p JOIN pg_namespace n"
                           " ON n.oid = p.pronamespace WHERE n.nspname = 'public'"),
            "migrations": [r[0] for r in raw.execute(
                f"SELECT name FROM {engine.MIGRATIONS_TABLE} ORDER BY id")],
        }
    finally:
        raw.close()


def _records(url: str) -> dict:
    raw = engine.connect(url)
    try:
        return {t: raw.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall()
                for t in ("patients", "consultations", "plans", "sessions", "documents",
                          "audit_log")}
    finally:
        raw.close()


def test_a_server_three_versions_behind_is_brought_up_to_date_in_place(pg_cluster, clock,
                                                                       patient_data, capsys):
    from rejuv_desktop import cli

    known = schema.known_names()
    url = _server_at(pg_cluster, len(known) - 3)
    old = _old_store(url, clock)
    h.add_practitioner(old)
    pid = sp.add_patient(old, patient_data).patient_id
    other = h.add_patient(old, given="Ann", family="Bell")
    plan_id = h.add_plan(old, other, "mesotherapy")
    session_id = _session_as_written_before(old, plan_id)
    assert old.scalar("SELECT count(*) FROM audit_log") > 5
    old.close()
    before = _records(url)

    # A workstation refuses the out-of-date server and says who can bring it up to date.
    app_url = url.replace("rejuv_admin@", f"{engine.APP_ROLE}@")
    with pytest.raises(StorageError, match="Ask clinic IT") as refused:
        open_store(url, clock=clock)
    assert "server init --db" in str(refused.value) and known[-1] in str(refused.value)

    assert cli.main(["server", "init", "--db", url]) == 0
    out = capsys.readouterr().out
    assert "brought up to date" in out and known[-1] in out

    # The same catalogue as a server made new by this version.
    fresh = pg_cluster.new_database()
    engine.server_init(fresh)
    assert _catalogue(url) == _catalogue(fresh)

    # Every record kept as it was; the added columns hold their defaults.
    after = _records(url)
    for table, rows in before.items():
        assert [r[:len(r) - len(after[table][0]) + len(rows[0])] if rows else r
                for r in after[table]] == rows, table
    raw = engine.connect(url)
    assert raw.execute("SELECT version, updated_by FROM patients WHERE id = %s",
                       (pid,)).fetchone() == (1, None)
    raw.close()

    # The app's role opens it and saves; the chain goes on and verifies.
    app = open_store(app_url, clock=clock)
    app.actor_id = h.add_practitioner(app, name="Hugo Petit")
    sp.update_patient(app, pid, {**patient_data, "given_name": "Zoé"})
    assert sp.get_patient(app, pid)["given_name"] == "Zoé"
    ss.tick(app, session_id, h.MESO_ITEMS[1])
    check = audit.verify_chain(app)
    assert check.ok, check.message
    assert check.rows > len(before["audit_log"])
    assert engine.trigger_problems(app.conn.raw) == []
    app.close()
    assert engine.server_init(url)["schema"] == "up to date"


def test_a_change_that_cannot_be_made_in_place_is_refused_naming_it(pg_cluster, clock,
                                                                    patient_data):
    known = schema.known_names()
    devis = known.index("0018_french_devis")  # widens a CHECK on the documents table
    url = _server_at(pg_cluster, devis)
    old = _old_store(url, clock)
    sp.add_patient(old, patient_data)
    old.close()
    catalogue, records = _catalogue(url), _records(url)
    with pytest.raises(StorageError, match="0018_french_devis") as refused:
        engine.server_init(url)
    assert "documents" in str(refused.value) and "Nothing was changed" in str(refused.value)
    assert _catalogue(url) == catalogue
    assert _records(url) == records


def test_a_failure_while_upgrading_changes_nothing(pg_cluster, clock, patient_data,
                                                   monkeypatch):
    known = schema.known_names()
    url = _server_at(pg_cluster, len(known) - 3)
    old = _old_store(url, clock)
    sp.add_patient(old, patient_data)
    old.close()
    catalogue, records = _catalogue(url), _records(url)
    plan = engine.upgrade_plan(known[:-3])
    monkeypatch.setattr(engine, "upgrade_plan",
                        lambda applied: [*plan[:5], "ALTER TABLE no_such_table ADD COLUMN x TEXT"])
    with pytest.raises(StorageError, match="could not be brought up to date"):
        engine.server_init(url)
    assert _catalogue(url) == catalogue
    assert _records(url) == records
