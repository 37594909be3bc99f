"""Export one patient's records (right of access, portability): JSON plus the issued PDFs.

Which rows belong to the patient is read from the schema when the export runs, so a table
added later is exported without changing this module:

- the patient's own row in ``patients``;
- every row of a table with a ``patient_id`` column (or a foreign key to ``patients``) for
  that patient;
- rows of tables without one that point (by foreign key) to rows already selected, followed
  as far as the keys go (a session's checklist entries, for instance);
- the audit trail of all those rows (without the chain hashes, which link to other rows).

Nothing about any other patient is written. Binary values (the PDFs) are not put in the JSON:
each is a file, and the JSON names it with its SHA-256. ``manifest.json`` lists every file
with its size and SHA-256. The export folder and its files are readable by their owner only.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from rejuv_desktop import __version__
from rejuv_desktop.errors import NotFound, UserError

FORMAT_NAME = "Rejuv Desktop patient export"
FORMAT_VERSION = 1
RECORDS_FILE = "records.json"
MANIFEST_FILE = "manifest.json"
# Derived from the record (search keys), not part of it.
_DERIVED_COLUMNS = {"search_text", "name_key", "password_hash"}
# The audit chain's hashes link each row to the one before it, which may be another
# patient's: they cannot be checked without the whole chain and are left out.
_AUDIT_CHAIN_COLUMNS = {"prev_hash", "hash"}
_PATIENTS = "patients"
_AUDIT = "audit_log"
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class ExportResult:
    """An export written: its folder, the record file, the manifest, what it holds."""

    folder: Path
    records_file: Path
    manifest_file: Path
    counts: dict[str, int]
    documents: int
    files: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class _Selection:
    """How to find a table's rows for one patient: a WHERE clause and its parameters."""

    table: str
    where: str
    params: tuple


def _tables(store) -> list[str]:
    """Ordinary tables of the app (no SQLite internals, migrations or search indexes)."""
    rows = store.query("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name")
    virtual = [r["name"] for r in rows if (r["sql"] or "").upper().startswith("CREATE VIRTUAL")]
    return [r["name"] for r in rows
            if not r["name"].startswith(("sqlite_", "_"))
            and r["name"] not in virtual
            and not any(r["name"].startswith(v + "_") for v in virtual)]


def _columns(store, table: str) -> list[str]:
    return [r["name"] for r in store.query(f'PRAGMA table_info("{table}")')]


def _foreign_keys(store, table: str) -> list[tuple[str, str, str]]:
    """(column, referenced table, referenced column) for each single-column foreign key."""
    out = []
    for r in store.query(f'PRAGMA foreign_key_list("{table}")'):
        out.append((r["from"], r["table"], r["to"] or "id"))
    return out


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def patient_selections(store, patient_id: int) -> list[_Selection]:
    """For every table holding rows of this patient, how to select exactly those rows.

    Tables are found from the schema: a ``patient_id`` column or a foreign key to
    ``patients`` selects directly; a table with neither is linked through its foreign keys to
    tables already selected (repeated until nothing new is found).
    """
    tables = _tables(store)
    if _PATIENTS not in tables:
        raise UserError("This database has no patients table.")
    fks = {t: _foreign_keys(store, t) for t in tables}
    chosen: dict[str, _Selection] = {
        _PATIENTS: _Selection(_PATIENTS, "id = ?", (patient_id,))}
    for t in tables:
        if t == _PATIENTS:
            continue
        direct = ["patient_id"] if "patient_id" in _columns(store, t) else []
        direct += [col for col, ref, _to in fks[t] if ref == _PATIENTS and col not in direct]
        if direct:
            where = " OR ".join(f"{_q(c)} = ?" for c in direct)
            chosen[t] = _Selection(t, where, (patient_id,) * len(direct))
    # Tables without a patient column: a row belongs to the patient when it points to a row
    # that does. Self-references (a row amending another of its table) add nothing new.
    grew = True
    while grew:
        grew = False
        for t in tables:
            if t in chosen or t == _AUDIT:
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
            chosen[t] = _Selection(t, " OR ".join(parts), tuple(params))
            grew = True
    if _AUDIT in tables:
        parts, params = [], []
        for sel in chosen.values():
            parts.append(f"(table_name = ? AND row_id IN (SELECT id FROM {_q(sel.table)} "
                         f"WHERE {sel.where}))")
            params.extend((sel.table, *sel.params))
        chosen[_AUDIT] = _Selection(_AUDIT, " OR ".join(parts), tuple(params))
    return list(chosen.values())


def _safe_name(text: str) -> str:
    return _SAFE.sub("_", str(text)).strip("._") or "file"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _write_private(path: Path, data: bytes) -> None:
    # No fsync per file: the export is a copy of what stays in the database, and the folder
    # only takes its final name once every file is written.
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)


def _blob_path(table: str, row: dict, column: str) -> str:
    if table == "documents" and column == "pdf" and row.get("number"):
        return f"documents/{_safe_name(row['number'])}.pdf"
    if table == "document_scans" and column == "file_bytes":
        # The scan of a signed paper form, under the name it was attached with.
        return f"scans/{row.get('id', 'row')}-{_safe_name(row.get('file_name', 'scan'))}"
    return f"files/{_safe_name(table)}-{row.get('id', 'row')}-{_safe_name(column)}.bin"


def _collect(store, selections: list[_Selection]) -> tuple[dict, dict[str, bytes]]:
    """The rows of each selection (binary values replaced by file references) and the files."""
    tables: dict[str, list[dict]] = {}
    blobs: dict[str, bytes] = {}
    for sel in selections:
        rows = store.query(f"SELECT * FROM {_q(sel.table)} WHERE {sel.where} ORDER BY rowid",
                           sel.params)
        out = []
        for row in rows:
            clean = {}
            for col, value in row.items():
                if col in _DERIVED_COLUMNS or (sel.table == _AUDIT
                                               and col in _AUDIT_CHAIN_COLUMNS):
                    continue
                if isinstance(value, (bytes, bytearray, memoryview)):
                    data = bytes(value)
                    rel = _blob_path(sel.table, row, col)
                    blobs[rel] = data
                    value = {"file": rel, "bytes": len(data), "sha256": _sha256(data)}
                clean[col] = value
            out.append(clean)
        tables[sel.table] = out
    return tables, blobs


def _photo_files(store, rows: list[dict]) -> dict[str, bytes]:
    """The patient's photographs, kept beside the database: each a file of the export, named
    in its row (checked against its SHA-256 as it is read)."""
    from rejuv_desktop.services.photos import image_bytes

    files = {}
    for row in rows:
        rel = f"photos/{row['id']}-{_safe_name(row['view'])}.jpg"
        files[rel] = image_bytes(store, row["id"])
        row["file"] = rel
    return files


def _practitioners(store, tables: dict[str, list[dict]]) -> list[dict]:
    """The staff named in the records (who saw, treated, signed), by id: name and title."""
    ids: set[int] = set()
    for table, rows in tables.items():
        cols = {col for col, ref, _to in _foreign_keys(store, table) if ref == "practitioners"}
        if table == _AUDIT:
            cols.add("practitioner_id")
        for row in rows:
            ids.update(row[c] for c in cols if isinstance(row.get(c), int))
    if not ids:
        return []
    marks = ", ".join("?" * len(ids))
    return store.query(f"SELECT id, name, title, registration FROM practitioners"
                       f" WHERE id IN ({marks}) ORDER BY id", tuple(sorted(ids)))


def export_patient(store, patient_id: int, out_dir: Path) -> ExportResult:
    """Write all of one patient's records into a new folder inside ``out_dir``.

    The folder ``patient-<id>-<YYYYMMDD-HHMMSS>`` holds ``records.json`` (every row, table by
    table, and the staff they name), ``documents/<number>.pdf`` (each issued PDF, byte for
    byte) and ``manifest.json`` (app version, time, patient, counts, SHA-256 of each file).
    It is written under a temporary name and renamed when complete. Raises ``NotFound`` for an
    unknown patient and ``UserError`` when the folder cannot be written.
    """
    out_dir = Path(out_dir)
    if store.scalar("SELECT 1 FROM patients WHERE id = ?", (patient_id,)) is None:
        raise NotFound(f"There is no patient with id {patient_id}.")
    now = store.clock()
    own_tx = not store.conn.in_transaction
    if own_tx:  # one snapshot: rows written meanwhile cannot half-appear
        store.conn.execute("BEGIN")
    try:
        selections = patient_selections(store, patient_id)
        tables, blobs = _collect(store, selections)
        staff = _practitioners(store, tables)
        blobs.update(_photo_files(store, tables.get("photos", [])))
    finally:
        if own_tx:
            store.conn.execute("COMMIT")
    counts = {t: len(rows) for t, rows in tables.items()}
    exported_at = now.isoformat(timespec="seconds")
    records = {"format": FORMAT_NAME, "format_version": FORMAT_VERSION,
               "app_version": __version__, "exported_at": exported_at,
               "patient_id": patient_id, "tables": tables, "practitioners": staff}
    record_bytes = json.dumps(records, ensure_ascii=False, indent=1, default=str).encode("utf-8")

    name = f"patient-{patient_id}-{now.strftime('%Y%m%d-%H%M%S')}"
    final = out_dir / name
    try:
        if final.exists():
            raise UserError(f"{final} exists already; an export never overwrites files.")
        out_dir.mkdir(parents=True, exist_ok=True)
        work = out_dir / f".{name}.{secrets.token_hex(4)}.partial"
        work.mkdir(mode=0o700)
    except OSError as exc:
        raise UserError(f"The folder {out_dir} cannot be written: {exc.strerror or exc}.") from exc
    try:
        manifest_files = []
        for rel, data in [(RECORDS_FILE, record_bytes), *sorted(blobs.items())]:
            path = work / rel
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            _write_private(path, data)
            manifest_files.append({"path": rel, "bytes": len(data), "sha256": _sha256(data)})
        manifest = {
            "format": FORMAT_NAME, "format_version": FORMAT_VERSION,
            "about": ("All records held about one patient by Rejuv Desktop. records.json holds "
                      "every row, table by table; binary values (the issued PDF documents) and "
                      "the photographs are separate files named in the rows with their "
                      "SHA-256. Times are ISO 8601 with their offset."),
            "app_version": __version__, "exported_at": exported_at, "patient_id": patient_id,
            "counts": counts, "files": manifest_files}
        _write_private(work / MANIFEST_FILE,
                       json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8"))
        os.replace(work, final)
    except OSError as exc:
        shutil.rmtree(work, ignore_errors=True)
        raise UserError(f"The export could not be written to {out_dir}: "
                        f"{exc.strerror or exc}.") from exc
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return ExportResult(final, final / RECORDS_FILE, final / MANIFEST_FILE, counts,
                        sum(1 for rel in blobs if rel.startswith("documents/")), manifest_files)
