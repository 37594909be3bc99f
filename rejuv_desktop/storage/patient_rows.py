"""Every row held about one patient, found from the schema (for the patient export).

Which rows belong to the patient is read from the schema when asked, so a table added later is
found without changing this module:

- the patient's own row in ``patients``;
- every row of a table with a ``patient_id`` column (or a foreign key to ``patients``) for
  that patient;
- rows of tables without one that point (by foreign key) to rows already selected, followed
  as far as the keys go (a session's checklist entries, for instance);
- the audit trail of all those rows.
"""

from __future__ import annotations

from dataclasses import dataclass

PATIENTS = "patients"
AUDIT = "audit_log"


@dataclass(frozen=True)
class Selection:
    """How to find a table's rows for one patient: a WHERE clause and its parameters."""

    table: str
    where: str
    params: tuple


def tables(store) -> list[str]:
    """Ordinary tables of the app (no SQLite internals, migrations or search indexes)."""
    rows = store.query("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name")
    virtual = [r["name"] for r in rows if (r["sql"] or "").upper().startswith("CREATE VIRTUAL")]
    return [r["name"] for r in rows
            if not r["name"].startswith(("sqlite_", "_"))
            and r["name"] not in virtual
            and not any(r["name"].startswith(v + "_") for v in virtual)]


def columns(store, table: str) -> list[str]:
    return [r["name"] for r in store.query(f'PRAGMA table_info("{table}")')]


def foreign_keys(store, table: str) -> list[tuple[str, str, str]]:
    """(column, referenced table, referenced column) for each single-column foreign key."""
    out = []
    for r in store.query(f'PRAGMA foreign_key_list("{table}")'):
        out.append((r["from"], r["table"], r["to"] or "id"))
    return out


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def patient_exists(store, patient_id: int) -> bool:
    return store.scalar("SELECT 1 FROM patients WHERE id = ?", (patient_id,)) is not None


def patient_selections(store, patient_id: int) -> list[Selection]:
    """For every table holding rows of this patient, how to select exactly those rows.

    Tables are found from the schema: a ``patient_id`` column or a foreign key to
    ``patients`` selects directly; a table with neither is linked through its foreign keys to
    tables already selected (repeated until nothing new is found). Raises ``LookupError``
    when the database has no patients table.
    """
    names = tables(store)
    if PATIENTS not in names:
        raise LookupError("no patients table")
    fks = {t: foreign_keys(store, t) for t in names}
    chosen: dict[str, Selection] = {PATIENTS: Selection(PATIENTS, "id = ?", (patient_id,))}
    for t in names:
        if t == PATIENTS:
            continue
        direct = ["patient_id"] if "patient_id" in columns(store, t) else []
        direct += [col for col, ref, _to in fks[t] if ref == PATIENTS and col not in direct]
        if direct:
            where = " OR ".join(f"{_q(c)} = ?" for c in direct)
            chosen[t] = Selection(t, where, (patient_id,) * len(direct))
    # Tables without a patient column: a row belongs to the patient when it points to a row
    # that does. Self-references (a row amending another of its table) add nothing new.
    grew = True
    while grew:
        grew = False
        for t in names:
            if t in chosen or t == AUDIT:
                continue
            links = [(col, ref, to) for col, ref, to in fks[t] if ref in chosen and ref != t]
            if not links:
                continue
            parts, params = [], []
            for col, ref, to in links:
                parent = chosen[ref]
                parts.append(f"{_q(col)} IN (SELECT {_q(to)} FROM {_q(ref)} "
                             f"WHERE {parent.where})")
                params.extend(parent.params)
            chosen[t] = Selection(t, " OR ".join(parts), tuple(params))
            grew = True
    if AUDIT in names:
        parts, params = [], []
        for sel in chosen.values():
            parts.append(f"(table_name = ? AND row_id IN (SELECT id FROM {_q(sel.table)} "
                         f"WHERE {sel.where}))")
            params.extend((sel.table, *sel.params))
        chosen[AUDIT] = Selection(AUDIT, " OR ".join(parts), tuple(params))
    return list(chosen.values())


def selected_rows(store, selection: Selection) -> list[dict]:
    """The rows a selection finds, in the order they were written."""
    return store.query(f"SELECT * FROM {_q(selection.table)} WHERE {selection.where}"
                       " ORDER BY rowid", selection.params)


def practitioners_by_id(store, ids) -> list[dict]:
    """Id, name, title and registration of the practitioners with these ids."""
    ids = tuple(sorted(ids))
    if not ids:
        return []
    marks = ", ".join("?" * len(ids))
    return store.query(f"SELECT id, name, title, registration FROM practitioners"
                       f" WHERE id IN ({marks}) ORDER BY id", ids)
