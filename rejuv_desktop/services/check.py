"""The database health check behind ``rejuv-desktop check``."""

from __future__ import annotations

from dataclasses import dataclass, field

import hashlib

from rejuv_desktop.storage import audit, schema
from rejuv_desktop.storage import documents as documents_repo
from rejuv_desktop.storage.db import sqlite_version


@dataclass
class CheckReport:
    lines: list[tuple[str, bool, str]] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return all(ok for _name, ok, _detail in self.lines)

    def add(self, name: str, ok: bool, detail: str) -> None:
        self.lines.append((name, ok, detail))


def check_database(store) -> CheckReport:
    """integrity_check, foreign_key_check, schema version and the audit chain."""
    report = CheckReport()
    rows = [r[0] for r in store.conn.execute("PRAGMA integrity_check").fetchall()]
    report.add("integrity", rows == ["ok"], "ok" if rows == ["ok"] else "; ".join(rows[:10]))
    fk = store.conn.execute("PRAGMA foreign_key_check").fetchall()
    report.add("foreign keys", not fk, "ok" if not fk else f"{len(fk)} rows point to nothing")
    applied = schema.schema_version(store.db)
    known = len(schema.known_names())
    report.add("schema", applied == known, f"version {applied} of {known}")
    chain = audit.verify_chain(store)
    report.add("audit trail", chain.ok, chain.message)
    if "document_scans" in store.db.table_names():
        bad = [r["id"] for r in documents_repo.all_scan_hashes(store)
               if hashlib.sha256(bytes(r["file_bytes"])).hexdigest() != r["sha256"]]
        report.add("signed-form scans", not bad,
                   "ok" if not bad else f"{len(bad)} scan(s) do not match their SHA-256: "
                   + ", ".join(map(str, bad[:10])))
    report.add("sqlite", True, sqlite_version())
    return report
