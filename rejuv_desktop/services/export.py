"""Export one patient's records (right of access, portability): JSON plus the issued PDFs.

Which rows belong to the patient is read from the schema when the export runs (see
``storage/patient_rows.py``), so a table added later is exported without changing this module;
the audit trail of those rows is exported without the chain hashes, which link to other rows.

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
from rejuv_desktop.storage import patient_rows as rows_repo

FORMAT_NAME = "Rejuv Desktop patient export"
FORMAT_VERSION = 1
RECORDS_FILE = "records.json"
MANIFEST_FILE = "manifest.json"
# Derived from the record (search keys), not part of it.
_DERIVED_COLUMNS = {"search_text", "name_key", "password_hash"}
# The audit chain's hashes link each row to the one before it, which may be another
# patient's: they cannot be checked without the whole chain and are left out.
_AUDIT_CHAIN_COLUMNS = {"prev_hash", "hash"}
_AUDIT = rows_repo.AUDIT
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


def patient_selections(store, patient_id: int) -> list[rows_repo.Selection]:
    """For every table holding rows of this patient, how to select exactly those rows."""
    try:
        return rows_repo.patient_selections(store, patient_id)
    except LookupError:
        raise UserError("This database has no patients table.") from None


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


def _collect(store, selections: list[rows_repo.Selection]) -> tuple[dict, dict[str, bytes]]:
    """The rows of each selection (binary values replaced by file references) and the files."""
    tables: dict[str, list[dict]] = {}
    blobs: dict[str, bytes] = {}
    for sel in selections:
        rows = rows_repo.selected_rows(store, sel)
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
        cols = {col for col, ref, _to in rows_repo.foreign_keys(store, table)
                if ref == "practitioners"}
        if table == _AUDIT:
            cols.add("practitioner_id")
        for row in rows:
            ids.update(row[c] for c in cols if isinstance(row.get(c), int))
    return rows_repo.practitioners_by_id(store, ids)


def export_patient(store, patient_id: int, out_dir: Path) -> ExportResult:
    """Write all of one patient's records into a new folder inside ``out_dir``.

    The folder ``patient-<id>-<YYYYMMDD-HHMMSS>`` holds ``records.json`` (every row, table by
    table, and the staff they name), ``documents/<number>.pdf`` (each issued PDF, byte for
    byte) and ``manifest.json`` (app version, time, patient, counts, SHA-256 of each file).
    It is written under a temporary name and renamed when complete. Raises ``NotFound`` for an
    unknown patient and ``UserError`` when the folder cannot be written.
    """
    out_dir = Path(out_dir)
    if not rows_repo.patient_exists(store, patient_id):
        raise NotFound(f"There is no patient with id {patient_id}.")
    now = store.clock()
    with store.snapshot():  # one snapshot: rows written meanwhile cannot half-appear
        selections = patient_selections(store, patient_id)
        tables, blobs = _collect(store, selections)
        staff = _practitioners(store, tables)
        blobs.update(_photo_files(store, tables.get("photos", [])))
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
