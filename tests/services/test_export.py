"""Patient export (T-GDPR-1): every row of the patient, nothing of any other."""

import hashlib
import json
import stat
import time

import pytest

from rejuv_desktop.errors import NotFound
from rejuv_desktop.services import export as se

from tests.backup_records import PATIENT_A, PATIENT_B, add_patient_everywhere, seed_bulk



def exported_bytes(folder) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def test_fixture_covers_every_table_with_patient_records(two_patients):
    """The two patients have rows in every table that holds patient records, so the tests
    below cover them all; a new table must be added to the fixture."""
    store, a, _b = two_patients
    tables = {s.table for s in se.patient_selections(store, a["patient_id"][0])} - {"audit_log"}
    assert tables == set(a) - {"patient_id"}, (
        "a table holding patient records is not in tests/backup_records.py")


def test_export_holds_every_row_of_the_patient(two_patients, tmp_path):
    store, a, b = two_patients
    pid = a["patient_id"][0]
    result = se.export_patient(store, pid, tmp_path)
    records = json.loads(result.records_file.read_text(encoding="utf-8"))
    assert records["patient_id"] == pid
    for table, ids in a.items():
        if table == "patient_id":
            continue
        got = {row["id"] for row in records["tables"][table]}
        assert got == set(ids), table
        assert result.counts[table] == len(ids)
    # every column of the stored row is there (bar derived search keys and binary values)
    stored = store.query_one("SELECT * FROM consultations WHERE id = ?", (a["consultations"][0],))
    exported = next(r for r in records["tables"]["consultations"]
                    if r["id"] == a["consultations"][0])
    assert exported == stored
    patient = records["tables"]["patients"][0]
    assert patient["family_name"] == PATIENT_A["family_name"]
    assert "search_text" not in patient
    # the audit trail of each exported row is there, and only of those rows
    # (drafts are a working copy, not part of the record, nor is a workstation's hold on one:
    # they are not audited; a take-over is)
    own = {(t, i) for t, ids in a.items()
           if t not in ("patient_id", "consultation_drafts", "leases") for i in ids}
    audit = records["tables"]["audit_log"]
    assert {(r["table_name"], r["row_id"]) for r in audit} == own
    expected_audit = sum(store.scalar(
        "SELECT count(*) FROM audit_log WHERE table_name = ? AND row_id = ?", key)
        for key in own)
    assert len(audit) == expected_audit
    assert any(r["action"] == "update" and r["table_name"] == "patients" for r in audit)
    assert [p["name"] for p in records["practitioners"]] == ["Claire Martin"]


def test_export_holds_nothing_of_the_other_patient(two_patients, tmp_path):
    store, a, b = two_patients
    result = se.export_patient(store, a["patient_id"][0], tmp_path)
    blob = exported_bytes(result.folder)
    text = blob.decode("utf-8", errors="replace")
    for value in (PATIENT_B["given_name"], PATIENT_B["family_name"], PATIENT_B["phone"],
                  PATIENT_B["email"], PATIENT_B["marker"]):
        assert value not in text, value
        assert value.encode("utf-8") not in blob
    for sha in store.query("SELECT number, sha256 FROM documents WHERE patient_id = ?",
                           (b["patient_id"][0],)):
        assert sha["number"] not in text and sha["sha256"] not in text
    for digest in store.query("SELECT hash FROM audit_log"):  # chain hashes are not exported
        assert digest["hash"] not in text
    records = json.loads(result.records_file.read_text(encoding="utf-8"))
    theirs = {(t, i) for t, ids in b.items() if t != "patient_id" for i in ids}
    mine = {(t, r["id"]) for t, rows in records["tables"].items() if t != "audit_log"
            for r in rows}
    assert not (mine & theirs)
    for rows in records["tables"].values():
        for row in rows:
            assert row.get("patient_id", a["patient_id"][0]) == a["patient_id"][0]
    # and A's own values are present (the search above would pass on an empty export)
    assert PATIENT_A["marker"] in text and PATIENT_A["family_name"] in text


def test_pdfs_are_files_matching_their_sha256(two_patients, tmp_path):
    store, a, _b = two_patients
    result = se.export_patient(store, a["patient_id"][0], tmp_path)
    records = json.loads(result.records_file.read_text(encoding="utf-8"))
    docs = records["tables"]["documents"]
    assert result.documents == len(docs) == 2
    for doc in docs:
        ref = doc["pdf"]
        path = result.folder / ref["file"]
        assert ref["file"] == f"documents/{doc['number']}.pdf"
        data = path.read_bytes()
        assert hashlib.sha256(data).hexdigest() == ref["sha256"] == doc["sha256"]
        stored = store.scalar("SELECT pdf FROM documents WHERE id = ?", (doc["id"],))
        assert data == bytes(stored)


def test_manifest_lists_every_file_with_its_hash(two_patients, tmp_path, clock):
    store, a, _b = two_patients
    result = se.export_patient(store, a["patient_id"][0], tmp_path)
    manifest = json.loads(result.manifest_file.read_text(encoding="utf-8"))
    assert manifest["patient_id"] == a["patient_id"][0]
    assert manifest["exported_at"] == clock.now.isoformat(timespec="seconds")
    assert manifest["app_version"]
    assert manifest["counts"]["session_entries"] == 2
    listed = {f["path"]: f for f in manifest["files"]}
    on_disk = {p.relative_to(result.folder).as_posix() for p in result.folder.rglob("*")
               if p.is_file()} - {"manifest.json"}
    assert set(listed) == on_disk
    for rel, entry in listed.items():
        data = (result.folder / rel).read_bytes()
        assert entry["bytes"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
    assert result.folder.name == "patient-{}-20261122-103000".format(a["patient_id"][0])
    for p in result.folder.rglob("*"):
        mode = stat.S_IMODE(p.stat().st_mode)
        assert mode == (0o700 if p.is_dir() else 0o600), p
    assert not list(tmp_path.glob(".*.partial"))


def test_export_never_overwrites(two_patients, tmp_path):
    store, a, _b = two_patients
    se.export_patient(store, a["patient_id"][0], tmp_path)
    with pytest.raises(Exception, match="exists already"):
        se.export_patient(store, a["patient_id"][0], tmp_path)


def test_unknown_patient(store, tmp_path):
    with pytest.raises(NotFound):
        se.export_patient(store, 4242, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_new_table_is_exported_without_code_changes(two_patients, tmp_path):
    """Tables are found from the schema: one with a patient_id, and one linked to it only by
    a foreign key, are both exported, for this patient only."""
    store, a, b = two_patients
    store.conn.execute("CREATE TABLE drawings (id INTEGER PRIMARY KEY, patient_id INTEGER"
                       " REFERENCES patients (id), caption TEXT, image BLOB)")
    store.conn.execute("CREATE TABLE drawing_marks (id INTEGER PRIMARY KEY, drawing_id INTEGER"
                       " REFERENCES drawings (id), note TEXT)")
    for who, ids in (("A", a), ("B", b)):
        pid = ids["patient_id"][0]
        cur = store.conn.execute("INSERT INTO drawings (patient_id, caption, image) VALUES"
                                 " (?, ?, ?)", (pid, f"dorsum {who}-photo", b"\x89PNG" + bytes(9)))
        store.conn.execute("INSERT INTO drawing_marks (drawing_id, note) VALUES (?, ?)",
                           (cur.lastrowid, f"vein {who}-mark"))
    result = se.export_patient(store, a["patient_id"][0], tmp_path)
    records = json.loads(result.records_file.read_text(encoding="utf-8"))
    assert [r["caption"] for r in records["tables"]["drawings"]] == ["dorsum A-photo"]
    assert [r["note"] for r in records["tables"]["drawing_marks"]] == ["vein A-mark"]
    image = records["tables"]["drawings"][0]["image"]
    assert (result.folder / image["file"]).read_bytes().startswith(b"\x89PNG")
    assert b"B-photo" not in exported_bytes(result.folder)
    assert b"B-mark" not in exported_bytes(result.folder)


def test_export_of_a_long_history_is_fast(two_patients, tmp_path):
    """T-GDPR-1: under 10 s for a patient with 500 visits' worth of records, among 2,000
    other patients."""
    store, a, _b = two_patients
    seed_bulk(store, 2000)
    pid = a["patient_id"][0]
    for visit in range(500):
        add_patient_everywhere(store, PATIENT_A, patient_id=pid, number=f"-{visit}")
    started = time.monotonic()
    result = se.export_patient(store, pid, tmp_path)
    assert time.monotonic() - started < 10
    assert result.counts["consultations"] == 2 * 501
    assert result.documents == 2 * 501
