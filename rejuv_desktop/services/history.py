"""A patient's history of changes, read from the audit trail, in words."""

from __future__ import annotations

import json
from dataclasses import dataclass

_LABELS = {"given_name": "given name", "family_name": "family name",
           "date_of_birth": "date of birth", "preferred_language": "language",
           "fitzpatrick": "Fitzpatrick type"}
_HIDDEN = {"id", "created_at", "updated_at"}


@dataclass(frozen=True)
class HistoryEntry:
    at: str
    who: str
    what: str
    changes: str


def _describe(before: dict | None, after: dict) -> str:
    if before is None:
        return "Record created"
    parts = []
    for key, new in after.items():
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
            parts.append(f"{label}: “{old}” → “{new}”")
    return "; ".join(parts) or "no visible change"


def patient_history(store, patient_id: int) -> list[HistoryEntry]:
    """Every recorded change to a patient's own record, newest first."""
    rows = store.query(
        "SELECT a.at, a.action, a.before_json, a.after_json, pr.name AS who"
        " FROM audit_log a LEFT JOIN practitioners pr ON pr.id = a.practitioner_id"
        " WHERE a.table_name = 'patients' AND a.row_id = ? ORDER BY a.id DESC", (patient_id,))
    out = []
    for r in rows:
        before = json.loads(r["before_json"]) if r["before_json"] else None
        after = json.loads(r["after_json"])
        what = "Created" if r["action"] == "insert" else "Changed"
        out.append(HistoryEntry(r["at"], r["who"] or "", what, _describe(before, after)))
    return out
