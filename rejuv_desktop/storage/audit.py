"""The audit trail: triggers that record every insert and update, in the same transaction.

Each audit row holds when, who (the signed-in practitioner), which table and row, and the row
before and after as JSON. Rows are chained: each carries the SHA-256 of its own content and the
previous row's hash, so an edit made outside the app breaks the chain at that row.
``audit_log`` itself refuses UPDATE and DELETE.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

# Columns never copied into the audit trail: derived search text is not part of the record.
_SKIP_COLUMNS = {"search_text", "name_key", "password_hash", "pdf", "file_bytes"}

_AUDIT_TABLE_SQL = """
CREATE TABLE IF NOT EXISTS audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    practitioner_id INTEGER,
    table_name TEXT NOT NULL,
    row_id INTEGER NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('insert', 'update')),
    before_json TEXT,
    after_json TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_log_row ON audit_log (table_name, row_id);
CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be changed'); END;
CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be deleted'); END;
"""

GENESIS = "0" * 64


def row_hash(prev_hash, at, practitioner_id, table_name, row_id, action, before, after) -> str:
    """SHA-256 over an audit row's content and the previous row's hash."""
    parts = [prev_hash or GENESIS, at, "" if practitioner_id is None else str(practitioner_id),
             table_name, str(row_id), action, before or "", after or ""]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def register_functions(store) -> None:
    """SQL functions the triggers call: the acting practitioner, the clock, the row hash."""
    conn = store.conn
    conn.create_function("rejuv_actor", 0, lambda: store.actor_id)
    conn.create_function("rejuv_now", 0, store.now_iso)
    conn.create_function("rejuv_audit_hash", 8, row_hash, deterministic=True)


def create_audit_table(db) -> None:
    """Create ``audit_log`` and the triggers that make it append-only."""
    for statement in _split(_AUDIT_TABLE_SQL):
        db.conn.execute(statement)


def _split(script: str) -> list[str]:
    """Split a script of CREATE statements (triggers contain ';' inside BEGIN … END)."""
    out, buf = [], []
    for line in script.strip().splitlines():
        buf.append(line)
        joined = "\n".join(buf).strip()
        if joined.endswith(";") and (not joined.upper().startswith("CREATE TRIGGER")
                                     or joined.upper().endswith("END;")):
            out.append(joined)
            buf = []
    return out


def install_triggers(db, table: str) -> None:
    """(Re)create the insert and update audit triggers of ``table`` for its current columns."""
    columns = [c.name for c in db[table].columns if c.name not in _SKIP_COLUMNS]
    pk = "id"

    def json_of(alias: str) -> str:
        pairs = ", ".join(f"'{c}', {alias}.\"{c}\"" for c in columns)
        return f"json_object({pairs})"

    # The WHEN clause skips updates that change nothing the audit shows (for example only
    # the derived search text), so the trail holds real changes only.
    changed = " OR ".join(f'OLD."{c}" IS NOT NEW."{c}"' for c in columns)
    for action, alias_before, alias_after, when in (
        ("insert", None, "NEW", ""),
        ("update", "OLD", "NEW", f"WHEN {changed}"),
    ):
        name = f"audit_{table}_{action}"
        before = json_of(alias_before) if alias_before else "NULL"
        after = json_of(alias_after)
        db.conn.execute(f"DROP TRIGGER IF EXISTS {name}")
        db.conn.execute(f"""
CREATE TRIGGER {name} AFTER {action.upper()} ON "{table}" {when}
BEGIN
    INSERT INTO audit_log (at, practitioner_id, table_name, row_id, action, before_json,
                           after_json, prev_hash, hash)
    SELECT t.at, t.actor, '{table}', NEW."{pk}", '{action}', t.before, t.after, t.prev,
           rejuv_audit_hash(t.prev, t.at, t.actor, '{table}', NEW."{pk}", '{action}',
                            t.before, t.after)
    FROM (SELECT rejuv_now() AS at, rejuv_actor() AS actor, {before} AS before,
                 {after} AS after,
                 COALESCE((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1),
                          '{"0" * 64}') AS prev) AS t;
END""")


@dataclass(frozen=True)
class ChainCheck:
    rows: int
    broken_at: int | None
    message: str

    @property
    def ok(self) -> bool:
        return self.broken_at is None


def verify_chain(store) -> ChainCheck:
    """Recompute every audit row's hash; name the first row that does not match."""
    prev = GENESIS
    count = 0
    cur = store.conn.execute(
        "SELECT id, at, practitioner_id, table_name, row_id, action, before_json, after_json,"
        " prev_hash, hash FROM audit_log ORDER BY id")
    for row in cur:
        count += 1
        (rid, at, actor, table, row_id, action, before, after, prev_hash, digest) = row
        expected = row_hash(prev, at, actor, table, row_id, action, before, after)
        if prev_hash != prev or digest != expected:
            return ChainCheck(count, rid, f"audit row {rid} ({table} row {row_id}, {at}) has "
                              "been altered or a row before it was removed")
        prev = digest
    return ChainCheck(count, None, f"audit trail intact ({count} rows)")
