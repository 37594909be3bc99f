"""Issuing, signing and archiving documents (consent forms, aftercare sheets, summaries)."""

from __future__ import annotations

from rejuv_desktop.storage import documents as repo


def signed_consent(store, plan_id: int) -> dict | None:
    """The signed consent on file for a planned procedure, or None (the session gate)."""
    return repo.signed_consent_for_plan(store, plan_id)
