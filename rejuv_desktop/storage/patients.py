"""Patient rows: insert, update, fetch and search."""

from __future__ import annotations

from rejuv_desktop.domain import patients as dp
from rejuv_desktop.errors import NotFound
from rejuv_desktop.storage import patient_search, versions

LIST_COLUMNS = "p.id, p.given_name, p.family_name, p.date_of_birth, p.phone, p.archived"


def derived_columns(record: dict) -> dict:
    """The columns computed from a patient's fields: folded search text and sort key."""
    return {
        "search_text": dp.search_text(record),
        "name_key": f"{' '.join(dp.tokens(record['family_name']))} "
                    f"{' '.join(dp.tokens(record['given_name']))}".strip(),
    }


def insert(store, clean: dict) -> int:
    """Insert a validated patient; returns its id. Call inside ``store.write()``."""
    now = store.now_iso()
    row = {**clean, **derived_columns(clean), "archived": 0, "created_at": now, "updated_at": now}
    cols = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    cur = store.conn.execute(f"INSERT INTO patients ({cols}) VALUES ({marks})", list(row.values()))
    return cur.lastrowid


def update(store, patient_id: int, clean: dict, *, expected_version: int | None = None) -> int:
    """Replace a patient's fields with a validated record; returns the new version. Call
    inside ``store.write()``.

    With ``expected_version`` (the version the form was loaded at) the save is refused with
    ``RecordChanged`` when the record was saved elsewhere since: nothing is written.
    """
    return versions.save_over(store, "patients", patient_id,
                              {**clean, **derived_columns(clean)},
                              expected_version=expected_version,
                              not_found=f"Patient {patient_id} does not exist")


def set_archived(store, patient_id: int, archived: bool, *,
                 expected_version: int | None = None) -> int:
    return versions.save_over(store, "patients", patient_id, {"archived": int(archived)},
                              expected_version=expected_version,
                              not_found=f"Patient {patient_id} does not exist")


def get(store, patient_id: int) -> dict:
    row = store.query_one(
        "SELECT id, given_name, family_name, date_of_birth, sex, phone, email, address,"
        " preferred_language, fitzpatrick, notes, archived, created_at, updated_at, version,"
        " updated_by FROM patients WHERE id = ?", (patient_id,))
    if row is None:
        raise NotFound(f"Patient {patient_id} does not exist")
    return row


def find_same(store, given_name: str, family_name: str, dob: str,
              exclude_id: int | None = None) -> list[dict]:
    """Patients with the same names (ignoring case and accents) and date of birth."""
    key = f"{' '.join(dp.tokens(family_name))} {' '.join(dp.tokens(given_name))}".strip()
    return store.query(
        f"SELECT {LIST_COLUMNS} FROM patients p WHERE p.name_key = ? AND p.date_of_birth = ?"
        " AND p.id IS NOT ?", (key, dob, exclude_id))


def search(store, query: str, *, include_archived: bool = False, limit: int = 200,
           offset: int = 0) -> list[dict]:
    """Patients matching what was typed, best first: family-name prefix, then given name,
    then date of birth or phone; alphabetical within each rank (see ``patient_search``)."""
    return patient_search.search(store, query, include_archived=include_archived, limit=limit,
                                 offset=offset)


def count(store, *, include_archived: bool = False) -> int:
    total = store.scalar("SELECT count(*) FROM patients")
    if include_archived:
        return total
    # All rows are counted from the smallest index and the archived few from the list index:
    # counting the active ones directly would read the whole (wide) list index.
    return total - store.scalar("SELECT count(*) FROM patients WHERE archived = 1")


def all_ids(store) -> list[int]:
    """Every patient's id, archived or not, in the order they were added."""
    return [r["id"] for r in store.query("SELECT id FROM patients ORDER BY id")]
