"""Archived documents: issued PDFs and their signed copies. Rows never change."""

from __future__ import annotations

import json

from rejuv_desktop.errors import NotFound
from rejuv_desktop.storage.bulk import insert_row

META = ("id, number, patient_id, kind, procedure, consultation_id, plan_id, session_id,"
        " template_id, template_version, lang, created_at, created_by, sha256, signed_of,"
        " signature_method, signed_at, witness, photo_consent_json, signing_json, planned_json")

META_D = ", ".join("d." + c.strip() for c in META.split(","))


def insert(store, row: dict) -> int:
    row = {**row, "created_at": store.now_iso(), "created_by": store.actor_id}
    if "photo_consent" in row:
        pc = row.pop("photo_consent")
        row["photo_consent_json"] = json.dumps(pc) if pc is not None else None
    for key in ("signing", "planned", "quote"):
        if key in row:
            value = row.pop(key)
            row[f"{key}_json"] = json.dumps(value, sort_keys=True) if value is not None else None
    cols = ", ".join(row)
    cur = store.conn.execute(
        f"INSERT INTO documents ({cols}) VALUES ({', '.join('?' * len(row))})",
        list(row.values()))
    return cur.lastrowid


def get_meta(store, document_id: int) -> dict:
    row = store.query_one(
        f"SELECT {META_D}, p.name AS created_by_name"
        " FROM documents d LEFT JOIN practitioners p ON p.id = d.created_by WHERE d.id = ?",
        (document_id,))
    if row is None:
        raise NotFound(f"Document {document_id} does not exist")
    return row


def get_pdf(store, document_id: int) -> bytes:
    pdf = store.scalar("SELECT pdf FROM documents WHERE id = ?", (document_id,))
    if pdf is None:
        raise NotFound(f"Document {document_id} does not exist")
    return bytes(pdf)


def documents_of(store, patient_id: int) -> list[dict]:
    return store.query(
        f"SELECT {META_D}, p.name AS created_by_name,"
        " (SELECT max(s.id) FROM documents s WHERE s.signed_of = d.id) AS signed_copy,"
        " (SELECT max(x.id) FROM document_scans x WHERE x.document_id = d.id) AS scan_id"
        " FROM documents d LEFT JOIN practitioners p ON p.id = d.created_by"
        " WHERE d.patient_id = ? ORDER BY d.created_at DESC, d.id DESC", (patient_id,))


def signed_copy_of(store, document_id: int) -> dict | None:
    return store.query_one(f"SELECT {META} FROM documents WHERE signed_of = ? ORDER BY id DESC"
                           " LIMIT 1", (document_id,))


def signed_consent_for_plan(store, plan_id: int) -> dict | None:
    return store.query_one(
        f"SELECT {META} FROM documents WHERE plan_id = ? AND kind = 'consent'"
        " AND signed_of IS NOT NULL ORDER BY id DESC LIMIT 1", (plan_id,))


def last_issued_for_plan(store, plan_id: int) -> dict | None:
    return store.query_one(
        f"SELECT {META} FROM documents WHERE plan_id = ? AND kind = 'consent'"
        " AND signed_of IS NULL ORDER BY id DESC LIMIT 1", (plan_id,))


def devis_of_plan(store, plan_id: int) -> tuple[dict | None, dict | None]:
    """(the newest quote issued for a plan, its signed copy) - either may be None. A quote
    issued again (new fees) replaces the earlier one: only its own signature counts."""
    issued = store.query_one(
        f"SELECT {META}, quote_json FROM documents WHERE plan_id = ? AND kind = 'devis'"
        " AND signed_of IS NULL ORDER BY id DESC LIMIT 1", (plan_id,))
    if issued is None:
        return None, None
    return issued, signed_copy_of(store, issued["id"])


def quote_json(store, document_id: int) -> str | None:
    """What a quote was issued with (its lines, total, operator), as stored."""
    return store.scalar("SELECT quote_json FROM documents WHERE id = ?", (document_id,))


def number_exists(store, number: str) -> bool:
    return store.scalar("SELECT 1 FROM documents WHERE number = ?", (number,)) is not None


def next_number(store, stem: str) -> str:
    """The first free document number after the issued documents numbered ``stem`` (the kind
    and the day, e.g. ``CF-20261122-``): ``CF-20261122-0003`` after two.

    A number is only taken by inserting its document: read it again inside the write
    transaction that inserts the row, where no other writer can take it meanwhile (on SQLite
    the write transaction is the only writer; on a clinic server the transaction first takes
    the lock that serialises the audit chain, which the document's insert takes anyway, so
    two workstations numbering at once are served one after the other).
    """
    if store.engine == "postgresql":
        from rejuv_desktop.storage import pg

        pg.serialise_writers(store)
    n = store.scalar("SELECT count(*) FROM documents WHERE number LIKE ? AND signed_of IS NULL",
                     (stem + "%",)) + 1
    while number_exists(store, f"{stem}{n:04d}"):
        n += 1
    return f"{stem}{n:04d}"


SCAN_META = "id, document_id, patient_id, file_name, media_type, size, sha256, created_at, created_by"


def insert_scan(store, row: dict) -> int:
    """Keep the scan or photo of a signed paper form beside the signed copy it belongs to."""
    row = {**row, "created_at": store.now_iso(), "created_by": store.actor_id}
    return insert_row(store, "document_scans", row)


def scan_meta(store, scan_id: int) -> dict:
    row = store.query_one(f"SELECT {SCAN_META} FROM document_scans WHERE id = ?", (scan_id,))
    if row is None:
        raise NotFound(f"Scan {scan_id} does not exist")
    return row


def scan_bytes(store, scan_id: int) -> bytes:
    data = store.scalar("SELECT file_bytes FROM document_scans WHERE id = ?", (scan_id,))
    if data is None:
        raise NotFound(f"Scan {scan_id} does not exist")
    return bytes(data)


def scans_of_document(store, document_id: int) -> list[dict]:
    return store.query(f"SELECT {SCAN_META} FROM document_scans WHERE document_id = ?"
                       " ORDER BY id", (document_id,))


def all_scan_hashes(store) -> list[dict]:
    """Every scan's id and recorded SHA-256 with its bytes' own hash, for the integrity check."""
    return store.query("SELECT id, sha256, file_bytes FROM document_scans ORDER BY id")
