"""The audit chain's witness (its head, outside the file) and the clinic key (outside it too)."""

from __future__ import annotations

import stat
import sqlite3

import pytest

from rejuv_desktop.services import patients as sp
from rejuv_desktop.services.check import check_path
from rejuv_desktop.storage import audit, clinic_key, open_store, witness

pytestmark = pytest.mark.sqlite_file("the clinic key and witness files beside a SQLite file (not yet on a clinic server)")


def test_a_new_clinic_gets_a_private_key_and_a_keyed_chain(db_path, patient_data):
    s = open_store(db_path)
    try:
        sp.add_patient(s, patient_data)
        assert audit.keyed_from(s.conn) == 1
        row = s.query_one("SELECT * FROM audit_log WHERE id = 1")
        secret = clinic_key.load(db_path)[audit.epochs(s.conn)[0].key_id]
        assert row["hash"] == audit.keyed_row_hash(
            secret, audit.GENESIS, row["at"], row["practitioner_id"], row["table_name"],
            row["row_id"], row["action"], row["before_json"], row["after_json"])
    finally:
        s.close()
    key = clinic_key.key_path(db_path)
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert secret.hex() not in db_path.read_bytes().hex()  # never inside the database


def test_witness_follows_every_commit(db_path, patient_data):
    s = open_store(db_path)
    try:
        for i in range(3):
            sp.add_patient(s, {**patient_data, "given_name": f"W{i}"})
            assert witness.read(db_path).last_id == audit.head(s.conn)[0]
            assert witness.read(db_path).hash == audit.head(s.conn)[1]
    finally:
        s.close()
    assert stat.S_IMODE(witness.witness_path(db_path).stat().st_mode) == 0o600


def test_a_torn_witness_slot_leaves_the_other_one(db_path, patient_data):
    s = open_store(db_path)
    try:
        sp.add_patient(s, patient_data)
        sp.add_patient(s, {**patient_data, "given_name": "Second"})
        last = audit.head(s.conn)[0]
    finally:
        s.close()
    path = witness.witness_path(db_path)
    data = bytearray(path.read_bytes())
    # Spoil the newest slot as a write cut by a crash would: the older one is read.
    newest = max(range(2), key=lambda i: witness._decode(bytes(data[i * 512:(i + 1) * 512]))[0])
    data[newest * 512 + 10:newest * 512 + 40] = b"\x00" * 30
    path.write_bytes(bytes(data))
    assert witness.read(db_path).last_id == last - 1
    assert check_path(db_path).healthy  # a witness behind the database is accepted


def test_the_app_never_moves_the_witness_back(db_path, patient_data):
    """A database cut behind its witness: opening it in the app keeps the witness as it is
    (the evidence), and check keeps reporting it."""
    s = open_store(db_path)
    try:
        for i in range(4):
            sp.add_patient(s, {**patient_data, "given_name": f"C{i}"})
    finally:
        s.close()
    recorded = witness.read(db_path)
    conn = sqlite3.connect(str(db_path))
    conn.execute("DROP TRIGGER audit_log_no_delete")
    conn.execute("DELETE FROM audit_log WHERE id > 2")
    conn.commit()
    conn.close()
    s = open_store(db_path)
    try:
        assert s.witness_problem and "missing" in s.witness_problem
        sp.add_patient(s, {**patient_data, "given_name": "After"})
    finally:
        s.close()
    assert witness.read(db_path) == recorded
    assert any(name == "witness" and not ok for name, ok, _ in check_path(db_path).lines)


def test_a_chain_older_than_the_key_is_keyed_from_the_next_row(db_path, patient_data):
    """A database whose chain predates the key: rows before it keep their SHA-256 hashes and
    are verified so; the chain is keyed from the next row on."""
    s = open_store(db_path)
    try:
        sp.add_patient(s, patient_data)
    finally:
        s.close()
    # As an older version left it: no keying recorded, no key, no witness.
    conn = sqlite3.connect(str(db_path))
    conn.execute("DROP TRIGGER audit_keys_no_delete")
    conn.execute("DELETE FROM audit_keys")
    conn.execute("DROP TRIGGER audit_log_no_update")
    prev = audit.GENESIS
    for row in conn.execute("SELECT id, at, practitioner_id, table_name, row_id, action,"
                            " before_json, after_json FROM audit_log ORDER BY id").fetchall():
        digest = audit.row_hash(prev, *row[1:])
        conn.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?",
                     (prev, digest, row[0]))
        prev = digest
    conn.execute("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log\n"
                 "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be changed');"
                 " END")
    conn.execute("CREATE TRIGGER audit_keys_no_delete BEFORE DELETE ON audit_keys\n"
                 "BEGIN SELECT RAISE(ABORT, 'audit_keys is append-only: rows cannot be deleted');"
                 " END")
    conn.commit()
    conn.close()
    clinic_key.key_path(db_path).unlink()
    witness.witness_path(db_path).unlink()
    assert any(name == "audit key" and not ok for name, ok, _ in check_path(db_path).lines)

    s = open_store(db_path)
    try:
        assert audit.keyed_from(s.conn) == 2
        sp.add_patient(s, {**patient_data, "given_name": "Keyed"})
        result = audit.verify_chain(s)
        assert result.ok and "keyed from row 2" in result.message
    finally:
        s.close()
    report = check_path(db_path)
    assert report.healthy, report.problems()
    assert any("predate the key" in detail for _, _, detail in report.lines)


def test_recovery_code_round_trip():
    secret = bytes(range(32))
    code = clinic_key.recovery_code(secret)
    assert len(code.replace("-", "")) == 64
    assert clinic_key.parse_recovery_code(code.lower().replace("-", " ")) == secret


def test_a_damaged_key_file_is_set_aside_and_saving_goes_on(db_path, patient_data):
    s = open_store(db_path)
    sp.add_patient(s, patient_data)
    s.close()
    clinic_key.key_path(db_path).write_text("{not json")
    s = open_store(db_path)
    try:
        sp.add_patient(s, {**patient_data, "given_name": "Still saved"})
        assert len(audit.epochs(s.conn)) == 2
    finally:
        s.close()
    assert clinic_key.key_path(db_path).with_name(
        clinic_key.key_path(db_path).name + ".damaged-1").read_text() == "{not json"
    lines = {name: (ok, detail) for name, ok, detail in check_path(db_path).lines}
    assert not lines["audit key"][0] and "cannot be verified" in lines["audit key"][1]


def test_a_second_swap_after_an_interrupted_one_keeps_the_head_in_place(db_path, patient_data):
    """A restore killed after the swap leaves the witness naming the old head with the new one
    as its alternate; the next restore must keep the head of the database really there."""
    s = open_store(db_path)
    try:
        sp.add_patient(s, patient_data)
        new = audit.head(s.conn)
    finally:
        s.close()
    # The database holds `new` (swapped in); the witness, as the interrupted swap left it,
    # still names the head of the database that was replaced (not in this one).
    witness.write(db_path, 7, "e" * 64, 1, alternate=witness.Witness(new[0], new[1], 1))
    assert check_path(db_path).healthy
    incoming = witness.Witness(99, "f" * 64, 1)
    witness.begin_swap(db_path, incoming)
    w = witness.read(db_path)
    assert (w.last_id, w.hash) == new and w.alternate == incoming
    assert check_path(db_path).healthy


def test_a_read_only_database_from_before_the_key_still_opens(db_path, patient_data,
                                                             monkeypatch):
    """Keying needs a write; a database that cannot be written still opens to be read."""
    from rejuv_desktop.storage import db as storage_db

    s = open_store(db_path)
    sp.add_patient(s, patient_data)
    s.close()
    conn = sqlite3.connect(str(db_path))
    conn.execute("DROP TRIGGER audit_keys_no_delete")
    conn.execute("DELETE FROM audit_keys")  # as a version before the key left it
    conn.commit()
    conn.close()
    real = storage_db._connection

    def read_only(path):
        conn = real(path)
        conn.execute("PRAGMA query_only = ON")  # every write refused, as on a read-only file
        return conn

    monkeypatch.setattr(storage_db, "_connection", read_only)
    s = open_store(db_path)
    try:
        assert s.query_one("SELECT given_name FROM patients")["given_name"] == "Zoë"
        assert audit.keyed_from(s.conn) is None
    finally:
        s.close()
