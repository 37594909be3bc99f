"""Records for the backup, restore, start-up and export tests."""

from __future__ import annotations

import hashlib
import json
import random

# Two patients with records in every table; every text of B carries a marker that must never
# appear in A's export.
PATIENT_A = {"given_name": "Aurélie", "family_name": "Quennell", "phone": "07700 900111",
             "email": "aurelie@example.org", "marker": "ALPHA-MARK"}
PATIENT_B = {"given_name": "Brontë", "family_name": "Zyskowska", "phone": "07700 900222",
             "email": "bronte@example.org", "marker": "BRAVO-MARK"}


def _insert(store, table: str, row: dict) -> int:
    cols = ", ".join(row)
    cur = store.conn.execute(
        f"INSERT INTO {table} ({cols}) VALUES ({', '.join('?' * len(row))})", list(row.values()))
    return cur.lastrowid


def add_patient_everywhere(store, who: dict, patient_id: int | None = None,
                           number: str = "") -> dict:
    """A patient with rows in every table that holds patient records; returns their ids.
    With ``patient_id``, another visit's worth of records for that existing patient."""
    now = store.now_iso()
    m = who["marker"]
    ids: dict[str, list[int]] = {}

    def add(table, row):
        rid = _insert(store, table, row)
        ids.setdefault(table, []).append(rid)
        return rid

    with store.write():
        pid = patient_id or add("patients", {
            "given_name": who["given_name"], "family_name": who["family_name"],
            "date_of_birth": "1968-04-02", "phone": who["phone"], "email": who["email"],
            "notes": f"notes {m}", "created_at": now, "updated_at": now,
            "search_text": f"{who['given_name']} {who['family_name']}".lower()})
        draft = add("consultation_drafts", {"patient_id": pid, "practitioner_id": 1,
                                            "data_json": json.dumps({"note": f"draft {m}"}),
                                            "created_at": now, "updated_at": now})
        # The draft open on a workstation (its hold), taken over once from another.
        add("leases", {"kind": "consultation", "record_id": draft, "patient_id": pid,
                       "practitioner_id": 1, "workstation": "ROOM 1", "holder": f"w{m}{draft}",
                       "since": now, "renewed_at": now})
        add("lease_takeovers", {"kind": "consultation", "record_id": draft, "patient_id": pid,
                                "from_practitioner_id": 1, "from_workstation": "RECEPTION",
                                "from_holder": f"r{m}{draft}", "from_since": now,
                                "from_renewed_at": now, "practitioner_id": 1,
                                "workstation": "ROOM 1", "holder": f"w{m}{draft}", "at": now})
        cid = add("consultations", {
            "patient_id": pid, "practitioner_id": 1, "started_at": now, "finalised_at": now,
            "data_json": json.dumps({"concerns": f"volume loss {m}"}),
            "screening_json": "{}", "recommendation_json": "{}",
            "verdict_fat_transfer": "eligible", "verdict_mesotherapy": "eligible",
            "outcome": "planned"})
        add("consultations", {
            "patient_id": pid, "practitioner_id": 1, "started_at": now, "finalised_at": now,
            "amends_id": cid, "amendment_reason": f"typo {m}",
            "data_json": "{}", "screening_json": "{}", "recommendation_json": "{}",
            "verdict_fat_transfer": "eligible", "verdict_mesotherapy": "eligible",
            "outcome": "planned"})
        add("procedure_verdicts", {"consultation_id": cid, "procedure": "mesotherapy",
                                   "level": "caution",
                                   "reasons_json": json.dumps([{"text": f"reason {m}"}])})
        add("hand_assessments", {"patient_id": pid, "context": "baseline", "consultation_id": cid,
                                 "side": "left", "scale": "merz", "grade": 2,
                                 "assessed_at": now, "practitioner_id": 1})
        plan = add("plans", {"patient_id": pid, "consultation_id": cid,
                             "procedure": "mesotherapy", "sessions": 3, "interval_days": 14,
                             "start_date": "2026-12-01", "created_at": now})
        pdf = b"%PDF-1.4\n% consent for " + m.encode() + random.randbytes(2000)
        doc = add("documents", {
            "number": f"CF-20261122-{m[:5]}{number}", "patient_id": pid, "kind": "consent",
            "procedure": "mesotherapy", "consultation_id": cid, "plan_id": plan,
            "template_id": "consent_mesotherapy", "template_version": "1", "created_at": now,
            "created_by": 1, "sha256": hashlib.sha256(pdf).hexdigest(), "pdf": pdf})
        signed = pdf + b"\n% signed"
        add("documents", {
            "number": f"CF-20261122-{m[:5]}{number}-S", "patient_id": pid, "kind": "consent",
            "procedure": "mesotherapy", "plan_id": plan, "template_id": "consent_mesotherapy",
            "template_version": "1", "created_at": now, "created_by": 1,
            "sha256": hashlib.sha256(signed).hexdigest(), "pdf": signed, "signed_of": doc,
            "signature_method": "paper", "signed_at": now})
        scan = b"\xff\xd8\xff\xe0 photo of the signed form " + m.encode()
        add("document_scans", {
            "document_id": doc, "patient_id": pid, "file_name": f"signed {m}.jpg",
            "media_type": "image/jpeg", "size": len(scan),
            "sha256": hashlib.sha256(scan).hexdigest(), "file_bytes": scan,
            "created_at": now, "created_by": 1})
        sid = add("sessions", {
            "patient_id": pid, "plan_id": plan, "procedure": "mesotherapy",
            "session_number": 1, "series_length": 3, "started_at": now, "started_by": 1,
            "session_date": "2026-12-01", "protocol_id": "mesotherapy", "protocol_version": "1",
            "consent_document_id": doc, "end_reason": f"none {m}"})
        for key in ("hand_hygiene", "lidocaine_ml"):
            add("session_entries", {"session_id": sid, "key": key, "kind": "item",
                                    "value_json": json.dumps(f"{key} {m}"),
                                    "practitioner_id": 1, "at": now})
        fid = add("follow_ups", {"patient_id": pid, "session_id": sid, "plan_id": plan,
                                 "kind": "next_session", "label": f"Session 2 {m}",
                                 "due_from": "2026-12-14", "due_to": "2026-12-18",
                                 "created_at": now})
        add("follow_ups", {"patient_id": pid, "session_id": sid, "plan_id": plan,
                           "kind": "review", "label": f"Review {m}", "due_from": "2027-01-10",
                           "due_to": "2027-01-20", "rescheduled_from": fid, "created_at": now})
        add("session_products", {"session_id": sid, "patient_id": pid, "row_number": 1,
                                 "product": f"Hyaluronic acid {m}", "lot": f"LOT-{m}",
                                 "lot_key": f"lot{m}".lower(), "expiry": "2027-06",
                                 "quantity_ml": 2.0})
        add("follow_up_assessments", {"follow_up_id": fid, "patient_id": pid,
                                      "assessed_on": "2026-12-15", "practitioner_id": 1,
                                      "asked": "gais_practitioner", "gais_practitioner": 2,
                                      "notes": f"review {m}", "created_at": now})
        add("complications", {"patient_id": pid, "session_id": sid, "type": "bruising",
                              "severity": "mild", "site": "left", "onset_date": "2026-12-02",
                              "treatment": f"cold packs {m}", "recorded_at": now,
                              "recorded_by": 1})
        # A photograph: its bytes beside the database or on the clinic server (named by its
        # hash), its row, a consent.
        picture = b"\xff\xd8 hands of " + m.encode() + random.randbytes(64)
        sha = hashlib.sha256(picture).hexdigest()
        if store.path is not None or store.engine == "postgresql":
            from rejuv_desktop.storage import photos as photos_repo

            photos_repo.files_of(store).put(picture)
        photo = add("photos", {
            "patient_id": pid, "view": "both_dorsal", "taken_at": now, "session_id": sid,
            "sha256": sha, "source_sha256": sha, "size": len(picture), "width": 600,
            "height": 400, "source": "file", "created_at": now, "created_by": 1})
        add("photo_consents", {"patient_id": pid, "photo_id": photo, "use": "teaching",
                               "granted": 1, "note": f"lectures {m}", "recorded_at": now,
                               "recorded_by": 1})
        store.conn.execute("UPDATE patients SET notes = ? WHERE id = ?", (f"updated {m}", pid))
    ids["patient_id"] = [pid]
    return ids


def seed_bulk(store, patients: int, blob_bytes: int = 0) -> None:
    """Many patients quickly (one transaction), optionally each with a document of
    ``blob_bytes`` random bytes so the file has some size."""
    now = store.now_iso()
    rng = random.Random(7)
    with store.write():
        for i in range(patients):
            pid = _insert(store, "patients", {
                "given_name": f"Given{i}", "family_name": f"Family{i}",
                "date_of_birth": "1970-01-01", "created_at": now, "updated_at": now})
            if blob_bytes:
                data = rng.randbytes(blob_bytes)
                _insert(store, "documents", {
                    "number": f"AC-{i:07d}", "patient_id": pid, "kind": "aftercare",
                    "template_id": "aftercare", "template_version": "1", "created_at": now,
                    "sha256": hashlib.sha256(data).hexdigest(), "pdf": data})


def add(path, family: str, clock) -> None:
    """One patient of that family name, written through the app's store (audited)."""
    from rejuv_desktop.storage import open_store

    s = open_store(path, clock=clock)
    try:
        with s.write():
            s.conn.execute("INSERT INTO patients (given_name, family_name, date_of_birth,"
                           " created_at, updated_at) VALUES ('X', ?, '1970-01-01', 'x', 'x')",
                           (family,))
    finally:
        s.close()


def families(path) -> list[str]:
    """The family names in the file, read without opening it for writing."""
    import sqlite3

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT family_name FROM patients ORDER BY id")]
    finally:
        conn.close()
