"""Archived documents: issued PDFs and their signed copies."""

from __future__ import annotations

META = ("id, number, patient_id, kind, procedure, consultation_id, plan_id, session_id,"
        " template_id, template_version, lang, created_at, created_by, sha256, signed_of,"
        " signature_method, signed_at, witness, photo_consent_json")


def signed_consent_for_plan(store, plan_id: int) -> dict | None:
    return store.query_one(
        f"SELECT {META} FROM documents WHERE plan_id = ? AND kind = 'consent'"
        " AND signed_of IS NOT NULL ORDER BY id DESC LIMIT 1", (plan_id,))
