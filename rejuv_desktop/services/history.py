"""The audit trail in words: who changed what and when, before and after.

Used by the patient's History tab (everything about one patient, across tables) and by the
overall audit viewer, both filterable.
"""

from __future__ import annotations

from dataclasses import dataclass

from rejuv_desktop.storage import audit
from rejuv_desktop.storage import history as history_repo

_LABELS = {"given_name": "given name", "family_name": "family name",
           "date_of_birth": "date of birth", "preferred_language": "language",
           "fitzpatrick": "Fitzpatrick type"}
_HIDDEN = {"id", "created_at", "updated_at", "data_json", "screening_json",
           "recommendation_json", "reasons_json"}
TABLE_LABELS = {"patients": "Patient record", "practitioners": "Practitioner",
                "settings": "Setting", "consultations": "Consultation", "plans": "Plan",
                "documents": "Document", "sessions": "Session", "checklist_entries": "Checklist",
                "follow_ups": "Follow-up", "product_lots": "Product lot",
                "account_lockouts": "Account lockout", "procedure_verdicts": "Screening verdict",
                "follow_up_assessments": "Follow-up assessment", "complications": "Complication",
                "hand_assessments": "Hand assessment"}


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    at: str
    who: str
    table: str
    row_id: int
    what: str
    changes: str
    before: dict | None
    after: dict | None


def describe(before: dict | None, after: dict | None) -> str:
    """A readable summary of a change: created, or each field old → new."""
    if before is None:
        return "Created"
    parts = []
    for key, new in (after or {}).items():
        if key in _HIDDEN or before.get(key) == new:
            continue
        if key == "archived":
            parts.append("archived" if new else "brought back from the archive")
            continue
        label = _LABELS.get(key, key.replace("_", " "))
        old = before.get(key)
        if key == "notes" or len(str(new)) > 80 or len(str(old)) > 80:
            parts.append(f"{label} changed")
        else:
            parts.append(f"{label}: “{old if old not in (None, '') else '—'}” → “{new}”")
    return "; ".join(parts) or "no visible change"


def audit_entries(store, *, patient_id: int | None = None, practitioner_id: int | None = None,
                  table: str | None = None, since: str | None = None, until: str | None = None,
                  text: str | None = None, limit: int = 1000,
                  before_id: int | None = None) -> list[HistoryEntry]:
    """Audit rows matching every filter given, newest first.

    ``patient_id`` matches the patient's own record and every row that carries their
    ``patient_id``; ``since``/``until`` are ISO dates (inclusive); ``text`` searches the row's
    before and after values. ``before_id`` gives the next page: rows older than that one.
    """
    out = []
    for r in history_repo.audit_rows(store, patient_id=patient_id, practitioner_id=practitioner_id,
                             table=table, since=since, until=until, text=text, limit=limit,
                             before_id=before_id):
        before, after = r["before"], r["after"]
        who = f"{r['who_title'] or ''} {r['who'] or ''}".strip() or "—"
        what = f"{TABLE_LABELS.get(r['table_name'], r['table_name'])} {r['row_id']}: " + (
            "created" if r["action"] == "insert" else "changed")
        out.append(HistoryEntry(r["id"], r["at"], who, r["table_name"], r["row_id"], what,
                                describe(before, after), before, after))
    return out


def patient_history(store, patient_id: int, limit: int = 1000,
                    before_id: int | None = None) -> list[HistoryEntry]:
    """Recorded changes about one patient, newest first (a page of ``limit``; pass the id of
    the last one shown as ``before_id`` for the next page)."""
    return audit_entries(store, patient_id=patient_id, limit=limit, before_id=before_id)


def audited_tables(store) -> list[str]:
    return history_repo.audited_tables(store)


def verify(store) -> audit.ChainCheck:
    """Recompute the hash chain; names the first altered row."""
    return audit.verify_chain(store)
