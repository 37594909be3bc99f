"""Reading the audit trail back: rows matching a filter, newest first (``audit.py`` writes
and verifies the trail)."""

from __future__ import annotations

import json


def audit_rows(store, *, patient_id: int | None = None, practitioner_id: int | None = None,
               table: str | None = None, since: str | None = None, until: str | None = None,
               text: str | None = None, limit: int = 1000,
               before_id: int | None = None) -> list[dict]:
    """Audit rows matching every filter given, newest first, ``before`` and ``after`` parsed
    and the acting practitioner's title and name as ``who_title`` and ``who``.

    ``patient_id`` matches the patient's own record and every row that carries their
    ``patient_id``; ``since``/``until`` are ISO dates (inclusive); ``text`` searches the row's
    before and after values. ``before_id`` gives the next page: rows older than that one.
    """
    where, params = [], []
    server = store.engine != "sqlite"
    # A JSON field of the row as SQLite reads it, or as a clinic server's (text) does.
    field = (lambda name: f"((a.after_json::jsonb) ->> '{name}')") if server else (
        lambda name: f"json_extract(a.after_json, '$.{name}')")
    if before_id is not None:
        where.append("a.id < ?")
        params.append(before_id)
    if patient_id is not None:
        where.append("((a.table_name = 'patients' AND a.row_id = ?)"
                     f" OR {field('patient_id')} = ?)")
        params += [patient_id, str(patient_id) if server else patient_id]
        # A consultation's own hand grades are part of its entry, not entries of their own.
        where.append("NOT (a.table_name = 'hand_assessments'"
                     f" AND {field('context')} IS NOT DISTINCT FROM 'baseline')"
                     if server else "NOT (a.table_name = 'hand_assessments'"
                     f" AND {field('context')} = 'baseline')")
    if practitioner_id is not None:
        where.append("a.practitioner_id = ?")
        params.append(practitioner_id)
    if table:
        where.append("a.table_name = ?")
        params.append(table)
    if since:
        where.append("a.at >= ?")
        params.append(since)
    if until:
        where.append("a.at < CAST(CAST(? AS date) + 1 AS text)" if server
                     else "a.at < date(?, '+1 day')")
        params.append(until)
    if text:
        where.append("(a.after_json LIKE ? OR a.before_json LIKE ?)")
        params += [f"%{text}%", f"%{text}%"]
    sql = ("SELECT a.id, a.at, a.table_name, a.row_id, a.action, a.before_json, a.after_json,"
           " pr.title AS who_title, pr.name AS who FROM audit_log a"
           " LEFT JOIN practitioners pr ON pr.id = a.practitioner_id"
           + (" WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY a.id DESC LIMIT ?")
    rows = store.query(sql, [*params, limit])
    for r in rows:
        for key in ("before", "after"):
            value = r.pop(f"{key}_json")
            r[key] = json.loads(value) if value else None
    return rows


def audited_tables(store) -> list[str]:
    """The tables the audit trail has rows about, by name."""
    return [r["table_name"] for r in store.query(
        "SELECT DISTINCT table_name FROM audit_log ORDER BY table_name")]
