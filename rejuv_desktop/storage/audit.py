"""The audit trail: triggers that record every insert and update, in the same transaction.

Each audit row holds when, who (the signed-in practitioner), which table and row, and the row
before and after as JSON. Rows are chained: each carries a hash of its own content and the
previous row's hash, so an edit made outside the app breaks the chain at that row.
``audit_log`` itself refuses UPDATE and DELETE.

The hash is keyed: HMAC-SHA256 with the clinic's secret (``clinic_key``), kept outside the
database file, so someone holding only the file cannot rewrite rows and re-hash the chain.
``audit_keys`` records from which audit row each key applies; rows before the first one were
written by a version without keys and are verified the old way (plain SHA-256). Those rows are
covered by the witness (the chain's head kept outside the file) from then on, so they cannot
be cut or re-hashed unseen either once the witness exists. A row whose key is not on this
machine cannot be verified: the check says so and never passes it.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from dataclasses import dataclass

from rejuv_desktop.errors import StorageError
from rejuv_desktop.storage import clinic_key

log = logging.getLogger(__name__)

# Columns never copied into the audit trail: derived search text is not part of the record.
_SKIP_COLUMNS = {"search_text", "name_key", "password_hash", "pdf", "file_bytes",
                 # a record's save counter and who saved it (the trail has who already)
                 "version", "updated_by", "saved_at"}

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


def _content(prev_hash, at, practitioner_id, table_name, row_id, action, before,
             after) -> bytes:
    parts = [prev_hash or GENESIS, at, "" if practitioner_id is None else str(practitioner_id),
             table_name, str(row_id), action, before or "", after or ""]
    return "\x1f".join(parts).encode("utf-8")


def row_hash(prev_hash, at, practitioner_id, table_name, row_id, action, before, after) -> str:
    """SHA-256 over an audit row's content and the previous row's hash (rows written before
    the chain was keyed)."""
    return hashlib.sha256(_content(prev_hash, at, practitioner_id, table_name, row_id, action,
                                   before, after)).hexdigest()


def keyed_row_hash(secret: bytes, prev_hash, at, practitioner_id, table_name, row_id, action,
                   before, after) -> str:
    """HMAC-SHA256 with the clinic's secret over an audit row's content and the previous
    row's hash."""
    return hmac.new(secret, _content(prev_hash, at, practitioner_id, table_name, row_id, action,
                                     before, after), hashlib.sha256).hexdigest()


class AuditKeyMissing(Exception):
    """The chain is keyed but this connection has no key to continue it."""


def register_functions(store) -> None:
    """SQL functions the triggers call: the acting practitioner, the clock, the row hash
    (keyed with ``store.audit_secret`` once the database's chain is keyed)."""
    conn = store.conn

    def audit_hash(*args):
        secret = getattr(store, "audit_secret", None)
        if secret is not None:
            return keyed_row_hash(secret, *args)
        if getattr(store, "audit_keyed", False):
            raise AuditKeyMissing("the clinic audit key is not available")
        return row_hash(*args)

    conn.create_function("rejuv_actor", 0, lambda: store.actor_id)
    conn.create_function("rejuv_now", 0, store.now_iso)
    conn.create_function("rejuv_audit_hash", 8, audit_hash)


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


AUDIT_KEYS_SQL = """
CREATE TABLE audit_keys (
    id INTEGER PRIMARY KEY,
    key_id TEXT NOT NULL,
    from_audit_id INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TRIGGER audit_keys_no_update BEFORE UPDATE ON audit_keys
BEGIN SELECT RAISE(ABORT, 'audit_keys is append-only: rows cannot be changed'); END;
CREATE TRIGGER audit_keys_no_delete BEFORE DELETE ON audit_keys
BEGIN SELECT RAISE(ABORT, 'audit_keys is append-only: rows cannot be deleted'); END;
"""


def create_keys_table(db) -> None:
    """``audit_keys``: from which audit row each clinic key applies (append-only)."""
    for statement in _split(AUDIT_KEYS_SQL):
        db.conn.execute(statement)


@dataclass(frozen=True)
class Epoch:
    """A stretch of the chain keyed with one key: rows from ``from_id`` on (until the next)."""

    key_id: str
    from_id: int


def _has_table(conn, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                        (name,)).fetchone() is not None


def epochs(conn) -> list[Epoch]:
    """The keyed stretches of the chain, in order (empty: not keyed, or no ``audit_keys``)."""
    if not _has_table(conn, "audit_keys"):
        return []
    return [Epoch(k, f) for k, f in conn.execute(
        "SELECT key_id, from_audit_id FROM audit_keys ORDER BY from_audit_id, id")]


def head(conn) -> tuple[int, str]:
    """The chain's head: the last audit row's id and hash (``(0, GENESIS)`` when empty)."""
    row = conn.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    return (row[0], row[1]) if row else (0, GENESIS)


def keyed_from(conn) -> int | None:
    """The first audit row of the keyed scheme (``None``: the chain is not keyed)."""
    found = epochs(conn)
    return found[0].from_id if found else None


def setup_keying(store, *, create: bool) -> None:
    """Load the key that continues this database's chain; with ``create``, start keying
    (a new key, or the key ring's, from the next audit row) when the chain is not keyed yet or
    its current key is not on this machine. In-memory databases are not keyed."""
    store.audit_secret = None
    store.audit_keyed = False
    store.audit_key_note = None
    anchor = getattr(store, "key_anchor", None) or store.path  # a server's: see storage.pg
    if anchor is None or not _has_table(store.conn, "audit_keys"):
        return
    found = epochs(store.conn)
    store.audit_keyed = bool(found)
    try:
        ring = clinic_key.load(anchor)
    except StorageError:
        if not create:
            return
        # A damaged key file must not stop the clinic saving: it is kept aside (nothing is
        # deleted) and a new key continues the chain; check reports the rows it cannot verify.
        clinic_key.set_aside_damaged(store.path)
        ring = {}
    if found and found[-1].key_id in ring:
        store.audit_secret = ring[found[-1].key_id]
        return
    if not create:
        return
    try:
        _start_keying(store)
    except (OSError, StorageError) as exc:
        # A read-only file or folder: the database still opens (to be read; saving will say
        # why it cannot), and keying starts when it can be written.
        log.error("the audit chain could not be keyed: %s", exc)


def _start_keying(store) -> None:
    with store.write():
        found = epochs(store.conn)  # another process may have started it meanwhile
        ring = clinic_key.load(store.path)
        if found and found[-1].key_id in ring:
            kid = found[-1].key_id
        else:
            if found:
                log.warning("the clinic audit key of this database is not on this machine; "
                            "a new key continues the chain")
                store.audit_key_note = (
                    "The clinic key that sealed this database's audit trail is not on this "
                    "computer, so its earlier entries cannot be verified here; new entries are "
                    "sealed with a new key. Enter the clinic's recovery code "
                    "(rejuv-desktop recovery-code) to verify them.")
            kid = sorted(ring)[0] if ring else clinic_key.new_key(store.path)[0]
            ring = clinic_key.load(store.path)
            next_id = head(store.conn)[0] + 1
            store.conn.execute(
                "INSERT INTO audit_keys (key_id, from_audit_id, created_at) VALUES (?, ?, ?)",
                (kid, next_id, store.now_iso()))
        store.audit_secret = ring[kid]
        store.audit_keyed = True


@dataclass(frozen=True)
class ChainCheck:
    """The audit chain recomputed: ``broken_at`` names the first altered row; ``unverified``
    counts keyed rows whose key is not on this machine (they cannot be verified)."""

    rows: int
    broken_at: int | None
    message: str
    unverified: int = 0
    missing_table: bool = False
    head: tuple[int, str] = (0, GENESIS)

    @property
    def ok(self) -> bool:
        return self.broken_at is None and not self.unverified and not self.missing_table


def verify_chain(store, ring: dict[str, bytes] | None = None, conn=None) -> ChainCheck:
    """Recompute every audit row's hash (keyed rows with the clinic key from ``ring``, by
    default the key file beside the database); name the first row that does not match."""
    conn = conn if conn is not None else store.conn
    if ring is None:
        path = getattr(store, "key_anchor", None) or getattr(store, "path", None)
        try:
            ring = clinic_key.load(path) if path else {}
        except Exception:  # noqa: BLE001 - a damaged key file verifies nothing keyed
            ring = {}
    if not _has_table(conn, "audit_log"):
        return ChainCheck(0, None, "the audit_log table is missing: the audit trail has been "
                          "removed", missing_table=True)
    stretches = epochs(conn)
    prev = GENESIS
    count = unverified = 0
    missing_keys: set[str] = set()
    first_unverified = None
    e = -1
    cur = conn.execute(
        "SELECT id, at, practitioner_id, table_name, row_id, action, before_json, after_json,"
        " prev_hash, hash FROM audit_log ORDER BY id")
    last_id = 0
    for row in cur:
        count += 1
        (rid, at, actor, table, row_id, action, before, after, prev_hash, digest) = row
        while e + 1 < len(stretches) and stretches[e + 1].from_id <= rid:
            e += 1
        if e < 0:
            expected = row_hash(prev, at, actor, table, row_id, action, before, after)
        else:
            secret = ring.get(stretches[e].key_id)
            if secret is None:
                expected = None
            else:
                expected = keyed_row_hash(secret, prev, at, actor, table, row_id, action,
                                          before, after)
        if prev_hash != prev or (expected is not None and digest != expected):
            return ChainCheck(count, rid, f"audit row {rid} ({table} row {row_id}, {at}) has "
                              "been altered or a row before it was removed",
                              unverified=unverified)
        if expected is None:
            unverified += 1
            missing_keys.add(stretches[e].key_id)
            first_unverified = first_unverified or rid
        prev = digest
        last_id = rid
    if unverified:
        return ChainCheck(count, None, (
            f"{unverified} of {count} audit rows (from row {first_unverified}) cannot be "
            "verified: they were keyed with a clinic key that is not on this machine (key id "
            f"{', '.join(sorted(missing_keys))}). Put the clinic's key file back beside the "
            "database, or enter its recovery code (rejuv-desktop recovery-code)"),
            unverified=unverified,
            head=(last_id, prev))
    how = "" if not stretches else f", keyed from row {stretches[0].from_id}"
    return ChainCheck(count, None, f"audit trail intact ({count} rows{how})",
                      head=(last_id, prev))
