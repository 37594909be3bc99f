"""The database health check behind ``rejuv-desktop check``.

``check_path`` opens the file read-only and never writes to it (nor creates it): an empty file
is reported as not a database and stays empty. Besides SQLite's own checks it looks for the
tampering someone holding the file and the plain sqlite3 tool could do:

- triggers: every audit and guard trigger is exactly the one the app created (a dropped audit
  trigger lets a record be edited without a trace);
- audit trail: every row's hash recomputed, keyed rows with the clinic key kept outside the file
  (a whole trail re-hashed without the key is seen); rows whose key is not on this machine are
  reported as unverifiable, never passed;
- witness: the chain's head recorded outside the file after each save must still be there
  (rows cut from the end, or the trail emptied, are seen).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from rejuv_desktop.errors import StorageError
from rejuv_desktop.storage import (audit, clinic_key, health, schema, sqlite_safety, triggers,
                                   witness)

_HEADER = b"SQLite format 3\x00"


@dataclass
class CheckReport:
    lines: list[tuple[str, bool, str]] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return bool(self.lines) and all(ok for _name, ok, _detail in self.lines)

    def add(self, name: str, ok: bool, detail: str) -> None:
        self.lines.append((name, ok, detail))

    def problems(self) -> list[str]:
        return [f"{name}: {detail}" for name, ok, detail in self.lines if not ok]


def check_database(store) -> CheckReport:
    """Check an open store (its file's key and witness when it has a file; a clinic server's
    schema, triggers, audit chain and scans)."""
    if store.engine == "postgresql":
        return _server_report(store)
    with health.reading_store(store) as conn:
        return _check(conn, Path(store.path) if store.path else None)


def check_path(path: Path | str) -> CheckReport:
    """Check the database file at ``path`` without changing it (read-only connection); or a
    clinic server's database when ``path`` is its ``postgresql://`` URL."""
    from rejuv_desktop.storage import pg

    if pg.is_url(str(path)):
        return _check_server(str(path))
    path = Path(path)
    if not path.is_file():
        raise StorageError(f"No database at {path}.")
    report = CheckReport()
    size = path.stat().st_size
    if size == 0:
        report.add("file", False, "the file is empty (0 bytes): it is not a database")
        return report
    with open(path, "rb") as fh:
        header = fh.read(len(_HEADER))
    if header != _HEADER:
        report.add("file", False, "this file is not a SQLite database")
        return report
    try:
        with health.reading_file(path) as conn:
            return _check(conn, path, report)
    except health.CannotOpen as exc:
        report.add("file", False, f"the database cannot be opened: {exc}")
        return report
    except health.CannotRead as exc:
        report.add("file", False, f"the database cannot be read: {exc}")
        return report


def _check_server(url: str) -> CheckReport:
    """A clinic server: schema, audit and guard triggers in place and enabled, audit chain."""
    from rejuv_desktop.storage import open_store

    store = open_store(url, read_only=True)
    try:
        return _server_report(store)
    finally:
        store.close()


def _server_report(store) -> CheckReport:
    from rejuv_desktop.storage import pg

    report = CheckReport()
    applied, problems = pg.applied_and_trigger_problems(store)
    _schema_and_triggers(report, applied, problems)
    chain = audit.verify_chain(store)
    report.add("audit trail", chain.ok, chain.message)
    _scans_line(report, store.conn, None)
    return report


def _schema_and_triggers(report: CheckReport, applied: int, problems: list[str]) -> None:
    known = len(schema.known_names())
    report.add("schema", applied == known, f"version {applied} of {known}")
    report.add("triggers", not problems,
               "audit and guard triggers as the app created them" if not problems
               else "; ".join(problems[:6]) + (f" (and {len(problems) - 6} more)"
                                               if len(problems) > 6 else ""))


def _check(conn, path: Path | None, report: CheckReport | None = None) -> CheckReport:
    report = report or CheckReport()
    rows = health.integrity_lines(conn)
    report.add("integrity", rows == ["ok"], "ok" if rows == ["ok"] else "; ".join(rows[:10]))
    fk = health.dangling_references(conn)
    report.add("foreign keys", not fk, "ok" if not fk else f"{fk} rows point to nothing")
    applied = schema.schema_version(conn)
    if not applied:
        report.add("schema", False, "this is not a Rejuv Desktop database (no schema version)")
        return report
    _schema_and_triggers(report, applied, triggers.trigger_problems(conn))
    ring, ring_problem = {}, None
    if path is not None:
        try:
            ring = clinic_key.load(path)
        except StorageError as exc:
            ring_problem = str(exc)
    chain = audit.verify_chain(None, ring=ring, conn=conn)
    report.add("audit trail", chain.ok, chain.message)
    if not chain.missing_table:
        _key_line(report, conn, path, ring, ring_problem)
        if path is not None:
            _witness_line(report, conn, path)
    _scans_line(report, conn, path)
    _photos_line(report, conn, path)
    sqlite = sqlite_safety.current_status()
    report.add("sqlite", not sqlite.affected, sqlite.describe())
    return report


def _scans_line(report, conn, path) -> None:
    """Every scan of a signed paper form still matches its recorded SHA-256."""
    if not health.has_table(conn, "document_scans"):
        return
    bad = [r["id"] for r in health.scan_hashes(conn, path)
           if hashlib.sha256(bytes(r["file_bytes"])).hexdigest() != r["sha256"]]
    report.add("signed-form scans", not bad,
               "ok" if not bad else f"{len(bad)} scan(s) do not match their SHA-256: "
               + ", ".join(map(str, bad[:10])))


def _photos_line(report, conn, path) -> None:
    """Every photograph's file is beside the database with the bytes its SHA-256 names."""
    from rejuv_desktop.services.photos import check_file_rows
    from rejuv_desktop.storage import photos as photos_repo

    found = check_file_rows(photos_repo.hashes_on(conn, path), path)
    if not found.checked:
        return
    problems = []
    if found.missing:
        problems.append(f"{len(found.missing)} missing (photo "
                        + ", ".join(map(str, found.missing[:10])) + ")")
    if found.altered:
        problems.append(f"{len(found.altered)} altered: their bytes no longer match their "
                        "SHA-256 (photo " + ", ".join(map(str, found.altered[:10])) + ")")
    report.add("photographs", found.ok,
               f"ok, {found.checked} files" if found.ok
               else "; ".join(problems))


def _key_line(report, conn, path, ring, ring_problem) -> None:
    stretches = audit.epochs(conn)
    if not stretches:
        report.add("audit key", False, "the audit trail is not keyed with the clinic key, so a "
                   "trail rewritten with the plain sqlite3 tool would not be seen. Open the "
                   "database in the app once to key it")
        return
    needed = sorted({e.key_id for e in stretches})
    missing = [k for k in needed if k not in ring]
    if ring_problem:
        report.add("audit key", False, f"{ring_problem} The keyed part of the trail (from row "
                   f"{stretches[0].from_id}) cannot be verified")
    elif missing:
        where = clinic_key.key_path(path) if path else "beside the database"
        report.add("audit key", False, f"the clinic key {', '.join(missing)} is not in {where}: "
                   f"the keyed part of the trail (from row {stretches[0].from_id}) cannot be "
                   "verified")
    else:
        older = ("; rows before it predate the key and are verified as SHA-256"
                 if stretches[0].from_id > 1 else "")
        report.add("audit key", True, f"keyed from row {stretches[0].from_id} "
                   f"(key {', '.join(needed)}){older}")


def _witness_line(report, conn, path: Path) -> None:
    try:
        found = witness.read(path)
    except witness.WitnessUnreadable as exc:
        report.add("witness", False, f"{exc}: rows cut from the end of the trail cannot be "
                   "ruled out")
        return
    if found is None:
        report.add("witness", False, f"there is no witness file ({witness.witness_path(path).name}) "
                   "beside the database, so rows cut from the end of the trail cannot be "
                   "ruled out")
        return
    problem = witness.problem(conn, found)
    if problem:
        report.add("witness", False, problem)
        return
    last_id, _ = audit.head(conn)
    report.add("witness", True, f"the trail continues its witness (row {found.last_id}; "
               f"the trail ends at row {last_id})")
