"""PostgreSQL: the clinic server several workstations share (``--db postgresql://...``).

How the engine is picked: ``open_store`` looks at what it was given. A ``postgresql://`` (or
``postgres://``) URL opens a ``PgStore`` here; anything else is a SQLite file, as before. The
repository modules do not change: they call ``store.query``/``scalar``/``write`` and
``store.conn.execute`` with SQLite's placeholders (``?`` and ``:name``); ``PgConnection``
turns those into psycopg's, adds ``RETURNING id`` to an ``INSERT`` so ``lastrowid`` works,
and keeps the cursor interface (``rowcount``, ``fetchone``, ``description``) the modules use.

The schema: the SQLite migrations are the one definition. They are applied to an empty
in-memory SQLite database and each table, index and guard trigger is translated to
PostgreSQL (text compared byte by byte, ``COLLATE "C"``, as SQLite does, so lists sort and
search the same). The names of the migrations are recorded, so a server written by a newer
version is refused as a newer file is. A server made by an earlier version is brought up to
date by ``server init`` (``upgrade_schema``): the translated schema after each pending
migration is compared with the one before it, and the new tables, columns, indexes and
triggers are added in one transaction; what cannot be done safely in place (a table or column
removed or retyped, a constraint changed) is refused, naming the migration. Search uses the list index walk of
``patient_search`` (the FTS5 shortcut is SQLite's); the results are the same.

The audit trail: a PL/pgSQL trigger on every audited table writes the audit row in the same
transaction. It takes a transaction-level advisory lock before reading the chain's head, so
two workstations saving at once are chained one after the other, never forked. The hash is
the same SHA-256 (or HMAC-SHA256 with the clinic key) over the same fields as on SQLite, so
``audit.verify_chain`` checks both. Who and when come from settings of the transaction
(``rejuv.actor``, ``rejuv.now``) the store sets before each statement of a write.

Roles: ``server_init`` (run by clinic IT with an administrator's URL) creates the schema and
a role for the app that may read and write records but can only add audit rows, never change
or delete them (no UPDATE/DELETE privilege, and guard triggers besides).

Photographs: a server has no folder beside it, so their bytes are the server's own table
``photo_files`` (``SERVER_ONLY``: no SQLite migration makes it), append-only like the audit
trail; ``pg_dump`` holds them with the records, and ``copy_from_sqlite`` brings them from the
folder beside the file, each checked against its SHA-256.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import re
from collections.abc import Callable, Iterator
from datetime import datetime

from rejuv_desktop.errors import ServerUnreachable, StorageError

log = logging.getLogger(__name__)

URL_PREFIXES = ("postgresql://", "postgres://")
MIGRATIONS_TABLE = "rejuv_migrations"
AUDIT_LOCK_KEY = 0x72656A75  # the advisory lock serialising the audit chain
CHANNEL = "rejuv_changes"  # what each write NOTIFYs: "<table> <patient id or nothing>"
# Tables whose changes are not announced: the audit trail (every write has one) and the
# schema's own bookkeeping.
_SILENT = ("audit_log", "audit_keys")
CONNECT_TIMEOUT = 10
APP_ROLE = "rejuv_app"
# Tables the app only ever adds to (no UPDATE or DELETE granted to the app's role).
APPEND_ONLY = ("audit_log", "audit_keys", "photo_files")
# The server's own tables, with no SQLite migration: the photographs' bytes (on a single
# workstation they are files beside the database, see ``storage/photos.py``).
SERVER_ONLY = (
    ('CREATE TABLE IF NOT EXISTS photo_files (sha256 TEXT COLLATE "C" PRIMARY KEY'
     " CHECK (length(sha256) = 64), bytes BYTEA NOT NULL, thumbnail BYTEA)"),
    ("CREATE OR REPLACE FUNCTION photo_files_never_change_fn() RETURNS trigger LANGUAGE"
     " plpgsql AS $$ BEGIN RAISE EXCEPTION '%', 'A stored photograph is never changed or"
     " deleted.' USING ERRCODE = 'integrity_constraint_violation'; END $$"),
    ("CREATE OR REPLACE TRIGGER photo_files_never_change BEFORE UPDATE OR DELETE ON"
     ' "photo_files" FOR EACH ROW EXECUTE FUNCTION photo_files_never_change_fn()'),
)


def is_url(target) -> bool:
    return isinstance(target, str) and target.startswith(URL_PREFIXES)


def redact(url: str) -> str:
    """The URL without its password (for messages and logs)."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


# --- SQL: SQLite's placeholders to psycopg's -------------------------------------------------

_TOKEN = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|\?|:[A-Za-z_]\w*|%|::")


@functools.lru_cache(maxsize=2048)
def translate(sql: str) -> str:
    """``?`` to ``%s``, ``:name`` to ``%(name)s``, ``%`` to ``%%`` (outside quoted text);
    SQLite-only spellings to PostgreSQL's."""
    def swap(m: re.Match) -> str:
        tok = m.group(0)
        if tok[0] in "'\"" or tok == "::":
            return tok.replace("%", "%%") if tok[0] in "'\"" else tok
        if tok == "?":
            return "%s"
        if tok == "%":
            return "%%"
        return f"%({tok[1:]})s"

    # A blob literal (x'00') as a bytea one.
    sql = re.sub(r"\b[xX]'([0-9a-fA-F]*)'", r"'\\x\1'::bytea", sql)
    if re.match(r"\s*CREATE\s+(TEMP\s+|TEMPORARY\s+)?TABLE\b", sql, re.I):
        sql = _table_sql(sql)
    out = _TOKEN.sub(swap, sql)
    out = re.sub(r"\bINDEXED BY \w+", "", out)
    out = re.sub(r"\btemp\.(?=\w)", "pg_temp.", out)
    out = re.sub(r"\browid\b", "id", out)
    out = re.sub(r"\bIS NOT (?!NULL\b|DISTINCT\b|TRUE\b|FALSE\b)", "IS DISTINCT FROM ", out,
                 flags=re.I)
    out = re.sub(r"\bIS (?!NOT\b|NULL\b|DISTINCT\b|TRUE\b|FALSE\b)",
                 "IS NOT DISTINCT FROM ", out, flags=re.I)
    out = re.sub(r"\bINSERT OR IGNORE INTO\b(.*)", r"INSERT INTO\1 ON CONFLICT DO NOTHING", out,
                 flags=re.S)
    return out


# Columns SQLite leaves untyped, kept as text on the server: a hand assessment's grade is a
# number on some scales (Merz 0-4) and a word on others. Read back, a grade written as a
# number is a number again, as SQLite gives it.
ANY_TYPED = ("grade",)


def _any_typed(value):
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return value


class PgCursor:
    """The part of sqlite3's cursor the repository modules use."""

    def __init__(self, cur, lastrowid=None):
        self._cur = cur
        self.lastrowid = lastrowid
        self.rowcount = cur.rowcount
        self.description = cur.description
        self._any = [i for i, d in enumerate(cur.description or ()) if d[0] in ANY_TYPED]

    def _row(self, row):
        if row is None or not self._any:
            return row
        row = list(row)
        for i in self._any:
            row[i] = _any_typed(row[i])
        return tuple(row)

    def fetchone(self):
        return self._row(self._cur.fetchone()) if self._cur.description else None

    def fetchall(self):
        if not self._cur.description:
            return []
        return [self._row(r) for r in self._cur.fetchall()] if self._any else \
            self._cur.fetchall()

    def __iter__(self):
        return iter(self.fetchall())


_INSERT = re.compile(r"^\s*INSERT\s+(?:OR\s+\w+\s+)?INTO\s+\"?(\w+)\"?", re.I)


class PgConnection:
    """A psycopg connection that takes the SQL the repository modules write for SQLite."""

    def __init__(self, conn, store):
        self.raw = conn
        self._store = store
        self._tables_with_id: set[str] | None = None
        self._context: tuple | None = None

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        if self.raw.closed or self.raw.broken:
            return False
        return self.raw.info.transaction_status != TransactionStatus.IDLE

    @property
    def usable(self) -> bool:
        return not (self.raw.closed or self.raw.broken)

    def _with_id(self) -> set[str]:
        if self._tables_with_id is None:
            self._tables_with_id = {r[0] for r in self.raw.execute(
                "SELECT table_name FROM information_schema.columns WHERE column_name = 'id'"
                " AND table_schema = current_schema()").fetchall()}
        return self._tables_with_id

    def set_context(self) -> None:
        """Who is acting and what time it is, for the audit trigger (this transaction)."""
        store = self._store
        context = (store.actor_id, store.now_iso(), getattr(store, "audit_secret", None))
        if context == self._context:
            return
        actor, now, secret = context
        self.raw.execute(
            "SELECT set_config('rejuv.actor', %s, true), set_config('rejuv.now', %s, true),"
            " set_config('rejuv.audit_key', %s, true)",
            ("" if actor is None else str(actor), now, secret.hex() if secret else ""))
        self._context = context

    def execute(self, sql: str, params=()):
        import psycopg

        head = sql.lstrip()[:8].split(" ")[0].upper()
        # Outside a transaction a read, or the start of a transaction, may be tried again on
        # a new connection when the old one was cut (the server restarted, the network came
        # back): nothing was done on it yet.
        # Never inside a write (``_depth``): its statements must all reach one transaction.
        again = (head in ("BEGIN", "SELECT", "WITH", "PRAGMA") and not self._store._depth
                 and not self.in_transaction)
        try:
            return self._execute(head, sql, params)
        except psycopg.OperationalError as exc:
            if self.usable:
                raise
            if again and self._store.reconnect(quietly=True):
                try:
                    return self._execute(head, sql, params)
                except psycopg.OperationalError as exc2:
                    exc = exc2
            raise self._store.lost(exc) from exc

    def _execute(self, head: str, sql: str, params=()):
        import psycopg

        if head in ("BEGIN", "COMMIT", "ROLLBACK"):
            return self._transaction(head, sql)
        if head.startswith("PRAGMA"):
            return self._pragma(sql)
        if head in ("CREATE", "ALTER", "DROP"):
            self._tables_with_id = None  # a table made or changed: which have an id again
        m = re.match(r"\s*DROP\s+TRIGGER\s+(IF\s+EXISTS\s+)?\"?(\w+)\"?\s*;?\s*$", sql, re.I)
        if m:  # SQLite's trigger names are unique in the database; PostgreSQL's per table
            table = self.raw.execute("SELECT c.relname FROM pg_trigger t JOIN pg_class c"
                                     " ON c.oid = t.tgrelid WHERE t.tgname = %s",
                                     (m.group(2),)).fetchone()
            if table is None and m.group(1):
                return PgCursor(self.raw.execute("SELECT NULL WHERE false"))
            sql = f'DROP TRIGGER "{m.group(2)}" ON "{table[0] if table else "-"}"'
            return PgCursor(self.raw.execute(sql))
        text = translate(sql)
        returning = False
        m = _INSERT.match(text)
        if m and "RETURNING" not in text.upper() and m.group(1) in self._with_id():
            text += " RETURNING id"
            returning = True
        if self.in_transaction and self._store._depth:
            self.set_context()
        try:
            cur = self.raw.execute(text, params if params else None)
        except psycopg.errors.RaiseException as exc:
            if "audit key" in str(exc):
                raise StorageError(
                    "The clinic key that seals this server's audit trail is not on this "
                    f"workstation (expected beside {self._store.key_anchor}; copy the file "
                    "ending in .key there from the workstation that moved the clinic onto "
                    "the server). Nothing was saved.") from exc
            raise _integrity(exc) from exc
        except psycopg.errors.IntegrityError as exc:
            raise _integrity(exc) from exc
        lastrowid = None
        if returning:
            row = cur.fetchone()
            lastrowid = row[0] if row else None
        return PgCursor(cur, lastrowid)

    def _pragma(self, sql: str):
        """SQLite's ``PRAGMA table_info``, ``foreign_key_list`` and ``index_list`` from
        PostgreSQL's catalogue
        (same columns); other pragmas (SQLite's settings) read nothing."""
        m = re.match(r"\s*PRAGMA\s+(table_info|foreign_key_list|index_list)\s*\(\s*[\"']?(\w+)[\"']?\s*\)",
                     sql, re.I)
        if not m:
            return PgCursor(self.raw.execute("SELECT NULL WHERE false"))
        kind, table = m.group(1).lower(), m.group(2)
        if kind == "index_list":
            return PgCursor(self.raw.execute(
                "SELECT (row_number() OVER (ORDER BY i.indexrelid)) - 1 AS seq,"
                " c.relname::text AS name, i.indisunique::int AS \"unique\","
                " CASE WHEN i.indisprimary THEN 'pk' ELSE 'c' END AS origin,"
                " (i.indpred IS NOT NULL)::int AS partial"
                " FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                " JOIN pg_class t ON t.oid = i.indrelid WHERE t.relname = %s"
                " AND t.relnamespace = current_schema()::regnamespace", (table,)))
        if kind == "table_info":
            return PgCursor(self.raw.execute(
                "SELECT a.attnum - 1 AS cid, a.attname::text AS name,"
                " format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull::int AS notnull,"
                " pg_get_expr(d.adbin, d.adrelid) AS dflt_value,"
                " COALESCE(array_position(pk.conkey, a.attnum), 0) AS pk"
                " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                " LEFT JOIN pg_constraint pk ON pk.conrelid = c.oid AND pk.contype = 'p'"
                " WHERE c.relname = %s AND c.relnamespace = current_schema()::regnamespace"
                " AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum", (table,)))
        return PgCursor(self.raw.execute(
            "SELECT (row_number() OVER (ORDER BY con.oid)) - 1 AS id, 0 AS seq,"
            " f.relname::text AS \"table\", a1.attname::text AS \"from\","
            " a2.attname::text AS \"to\", 'NO ACTION' AS on_update, 'NO ACTION' AS on_delete,"
            " 'NONE' AS match"
            " FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid"
            " JOIN pg_class f ON f.oid = con.confrelid"
            " JOIN pg_attribute a1 ON a1.attrelid = con.conrelid AND a1.attnum = con.conkey[1]"
            " JOIN pg_attribute a2 ON a2.attrelid = con.confrelid AND a2.attnum = con.confkey[1]"
            " WHERE con.contype = 'f' AND c.relname = %s"
            " AND c.relnamespace = current_schema()::regnamespace", (table,)))

    def executemany(self, sql: str, rows) -> None:
        with self.raw.cursor() as cur:
            cur.executemany(translate(sql), list(rows))

    def _transaction(self, head: str, sql: str):
        self._context = None
        if head == "BEGIN":
            # A write (BEGIN IMMEDIATE) reads committed rows; a snapshot reads one snapshot.
            immediate = "IMMEDIATE" in sql.upper()
            self.raw.execute("BEGIN" if immediate else "BEGIN ISOLATION LEVEL REPEATABLE READ")
        elif head == "COMMIT":
            self.raw.commit()
        else:
            if not self.usable:  # the connection is gone, and its transaction with it
                return PgCursor(_NoRows())
            self.raw.rollback()
        return PgCursor(_NoRows())

    def create_function(self, *args, **kwargs) -> None:
        """SQLite's Python functions have PL/pgSQL counterparts on the server."""

    def close(self) -> None:
        self.raw.close()


class _NoRows:
    description = None
    rowcount = -1

    def fetchone(self):
        return None

    def fetchall(self):
        return []


def serialise_writers(store) -> None:
    """Inside a write: wait for the other workstations' writes that take the audit chain's
    lock (every audited insert or update) to commit, and hold it until this one ends."""
    if store.conn.in_transaction:
        store.conn.execute(f"SELECT pg_advisory_xact_lock({AUDIT_LOCK_KEY})")


def _integrity(exc):
    """A rule of the schema refused a change: the same exception type as on SQLite."""
    import sqlite3

    return sqlite3.IntegrityError(str(exc).splitlines()[0])


# --- The store ----------------------------------------------------------------------------


def _store_class():
    from rejuv_desktop.storage.db import Store

    class PgStore(Store):
        """A ``Store`` on a PostgreSQL server (see the module doc)."""

        engine = "postgresql"

        def __init__(self, raw, url: str, clock: Callable[[], datetime]):
            super().__init__(None, None, clock)
            self.url = url
            self._conn = PgConnection(raw, self)
            # Where this workstation keeps the clinic key of this server's audit chain (a
            # file named like a database; ``clinic_key`` puts ``.key`` after it).
            self.key_anchor = key_anchor(url)
            self.on_lost: list[Callable[[], None]] = []  # the connection was found gone
            self.on_back: list[Callable[[], None]] = []  # a new connection was taken up

        @property
        def db(self):
            raise StorageError("sqlite-utils is not used on a PostgreSQL server")

        def refuse_if_read_only(self) -> None:
            # A transaction begins without error on a session that may only read; the
            # first change would fail. Asked of the server, so a banner can say it at once.
            if self.scalar("SHOW transaction_read_only") == "on":
                raise StorageError(
                    "the clinic server lets this workstation only read (a read-only "
                    "connection), so nothing can be saved. Ask clinic IT to check the "
                    "app's role and the server.")

        @contextlib.contextmanager
        def write(self, *, while_held: bool = False) -> Iterator[Store]:
            import psycopg

            try:
                with super().write(while_held=while_held) as s:
                    yield s
            except psycopg.OperationalError as exc:
                if self._conn.usable:
                    raise StorageError(
                        f"The clinic server could not save this ({str(exc).strip()}). Nothing "
                        "was saved; try again.") from exc
                raise self.lost(exc) from exc

        # The connection: lost, and taken up again -------------------------------------
        def lost(self, exc) -> ServerUnreachable:
            """The connection to the server is gone: tell the window (``on_lost``), and the
            error a save or a read raises meanwhile."""
            self._depth = 0
            for hook in list(self.on_lost):
                try:
                    hook()
                except Exception:  # noqa: BLE001 - a hook must not hide the error
                    log.warning("a connection-lost hook failed", exc_info=True)
            return ServerUnreachable(
                f"The clinic server cannot be reached ({str(exc).strip().splitlines()[0]}). "
                "Nothing was saved; what you typed is still on screen. Try again once the "
                "server is back.")

        def reconnect(self, raw=None, *, quietly: bool = False) -> bool:
            """Take up a new connection (``raw``, or one made now); True when connected.
            ``quietly``: a failure returns False instead of raising."""
            if raw is None:
                try:
                    raw = connect(self.url, timeout=3)
                except StorageError:
                    if quietly:
                        return False
                    raise
            old, self._conn.raw = self._conn.raw, raw
            self._conn._context = None
            self._depth = 0
            try:
                old.close()
            except Exception:  # noqa: BLE001 - it is gone already
                pass
            for hook in list(self.on_back):
                try:
                    hook()
                except Exception:  # noqa: BLE001
                    log.warning("a connection-back hook failed", exc_info=True)
            return True

        @property
        def connected(self) -> bool:
            return self._conn.usable

        def backend_pid(self) -> int | None:
            try:
                return self._conn.raw.info.backend_pid
            except Exception:  # noqa: BLE001 - closed
                return None

        def query(self, sql: str, params=()) -> list[dict]:
            cur = self.conn.execute(sql, params)
            if not cur.description:
                return []
            keys = [d[0] for d in cur.description]
            return [dict(zip(keys, row)) for row in cur.fetchall()]

        def close(self) -> None:
            try:
                self.conn.close()
            except Exception:  # noqa: BLE001 - already closed or the server is gone
                pass

    return PgStore


def key_anchor(url: str):
    """The path the clinic key ring of the server database ``url`` is kept beside, on this
    workstation (copied there by ``migrate``; clinic IT copies it to each workstation)."""
    from psycopg.conninfo import conninfo_to_dict

    from rejuv_desktop import paths

    info = conninfo_to_dict(url)
    name = "-".join(str(info.get(k, "")) for k in ("host", "port", "dbname"))
    return paths.data_dir() / "servers" / re.sub(r"[^\w.-]", "_", name)


def connect(url: str, timeout: int = CONNECT_TIMEOUT):
    try:
        import psycopg
    except ImportError as exc:  # pragma: no cover - psycopg is a dependency
        raise StorageError("PostgreSQL support needs psycopg (pip install psycopg[binary]).") \
            from exc
    try:
        return psycopg.connect(url, autocommit=True, connect_timeout=timeout)
    except psycopg.Error as exc:
        raise StorageError(f"The clinic server {redact(url)} cannot be reached: "
                           f"{str(exc).strip()}") from exc


def probe(url: str, *, timeout: int = 5) -> dict:
    """Connect to ``url`` as a workstation would and read what "Test connection" reports:
    ``server_version``, ``patients`` (``None`` when the clinic's schema is not there yet) and
    ``newer`` (changes this version does not know). Writes nothing."""
    import psycopg

    from rejuv_desktop.storage import schema

    try:
        raw = psycopg.connect(url, autocommit=True, connect_timeout=timeout)
    except psycopg.Error as exc:
        raise StorageError(f"The clinic server {redact(url)} cannot be reached: "
                           f"{str(exc).strip()}") from exc
    try:
        applied = applied_names(raw)
        patients = None
        if applied:
            try:
                patients = raw.execute("SELECT count(*) FROM patients").fetchone()[0]
            except psycopg.Error as exc:
                raise StorageError(f"The clinic server answers, but this user may not read "
                                   f"the clinic's records ({str(exc).strip()}).") from exc
        return {"server_version": raw.info.parameter_status("server_version") or "",
                "patients": patients,
                "newer": [n for n in applied if n not in set(schema.known_names())]}
    finally:
        raw.close()


def open_pg_store(url: str, *, clock, migrate: bool = True, read_only: bool = False):
    """Open the clinic database on a PostgreSQL server; create its schema when empty and
    ``migrate`` (the app's role may not be allowed to: then ``server init`` does it)."""
    raw = connect(url)
    store = _store_class()(raw, url, clock)
    try:
        applied = applied_names(raw)
        from rejuv_desktop.storage import schema

        unknown = [n for n in applied if n not in set(schema.known_names())]
        if unknown:
            raise StorageError(
                "This clinic server's database was written by a newer version of Rejuv "
                f"Desktop (it has changes named {', '.join(unknown)}). Install the newer "
                "version on this workstation; nothing was changed.")
        pending = [n for n in schema.known_names() if n not in set(applied)]
        if pending and not read_only:
            if applied:
                raise StorageError(
                    "This clinic server's database was made by an earlier version of Rejuv "
                    f"Desktop and needs the changes {', '.join(pending)}. Ask clinic IT to run "
                    "`rejuv-desktop server init --db ...` with an administrator's address "
                    "to bring it up to date. Nothing was changed.")
            if migrate:
                create_schema(raw)
        if not read_only:
            from rejuv_desktop.storage import audit

            # A server's chain is keyed only when it came keyed from a single workstation
            # (``migrate``); keying is not started here, as every workstation needs the key.
            audit.setup_keying(store, create=False)
        if read_only:
            raw.execute("SET default_transaction_read_only = on")
    except BaseException:
        store.close()
        raise
    return store


def applied_names(raw) -> list[str]:
    if raw.execute("SELECT to_regclass(%s)", (MIGRATIONS_TABLE,)).fetchone()[0] is None:
        return []
    return [r[0] for r in raw.execute(f"SELECT name FROM {MIGRATIONS_TABLE} ORDER BY id")]


# --- The schema, translated from the SQLite migrations ------------------------------------

_SKIP_TABLES = re.compile(r"^(sqlite_|_sqlite_migrations$|.*_fts($|_))")


def _sqlite_reference(count: int | None = None):
    """An in-memory SQLite database holding the first ``count`` migrations (all of them by
    default)."""
    from rejuv_desktop.storage.db import connect as sqlite_connect
    from rejuv_desktop.storage import schema

    db = sqlite_connect(None)
    for m in schema.migrations._migrations[:count]:
        m.fn(db)
    return db


def _table_sql(sql: str) -> str:
    sql = re.sub(r"\[(\w+)\]", r'"\1"', sql)
    # A column SQLite leaves untyped (any value) is kept as text on the server.
    sql = re.sub(r"(?m)^(\s+\"?\w+\"?)\s+(?=NOT NULL|DEFAULT|REFERENCES|CHECK|,|$)",
                 r"\1 TEXT ", sql)
    sql = re.sub(r"\bINTEGER PRIMARY KEY( AUTOINCREMENT)?\b",
                 "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", sql, flags=re.I)
    sql = re.sub(r"\bINTEGER\b", "BIGINT", sql, flags=re.I)
    sql = re.sub(r"\bTEXT\b", 'TEXT COLLATE "C"', sql, flags=re.I)
    sql = re.sub(r"\bBLOB\b", "BYTEA", sql, flags=re.I)
    sql = re.sub(r"\b(REAL|FLOAT)\b", "DOUBLE PRECISION", sql, flags=re.I)
    return sql


def _guard_sql(name: str, table: str, sql: str) -> list[str]:
    """A SQLite ``RAISE(ABORT, ...)`` guard trigger as a PostgreSQL trigger."""
    m = re.search(r"BEFORE (UPDATE|DELETE)(?: OF [\w, ]+)? ON \"?(\w+)\"?\s*(WHEN (.*?))?\s*"
                  r"BEGIN\s+SELECT RAISE\(ABORT, '((?:[^']|'')*)'\);\s*END", sql, re.S | re.I)
    if not m:
        return []
    event, _table, _w, when, message = m.groups()
    when_sql = ""
    if when:
        when_sql = "WHEN (" + re.sub(r"\bIS NOT\b(?! NULL)", "IS DISTINCT FROM",
                                     re.sub(r"\b(OLD|NEW)\.", lambda x: x.group(1) + ".",
                                            when, flags=re.I)) + ")"
    return [
        f"CREATE FUNCTION {name}_fn() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"RAISE EXCEPTION '%', '{message}' USING ERRCODE = 'integrity_constraint_violation'; "
        "END $$",
        f"CREATE TRIGGER {name} BEFORE {event} ON \"{table}\" FOR EACH ROW {when_sql} "
        f"EXECUTE FUNCTION {name}_fn()",
    ]


_COMPAT = [
    # SQLite functions and catalogue the repository modules' SQL uses.
    "CREATE VIEW sqlite_master AS SELECT 'table'::text AS type, table_name::text AS name,"
    " table_name::text AS tbl_name, NULL::text AS sql FROM information_schema.tables"
    " WHERE table_schema = current_schema() UNION ALL SELECT 'index', indexname::text,"
    " tablename::text, indexdef FROM pg_indexes WHERE schemaname = current_schema()",
    "CREATE FUNCTION instr(text, text) RETURNS integer LANGUAGE sql IMMUTABLE AS "
    "'SELECT strpos($1, $2)'",
    # The audit row's hash, as audit.row_hash / keyed_row_hash compute it.
    """CREATE FUNCTION rejuv_hmac(key bytea, msg bytea) RETURNS text LANGUAGE plpgsql IMMUTABLE
AS $$
DECLARE k bytea; ipad bytea; opad bytea; i int;
BEGIN
  k := key;
  IF length(k) > 64 THEN k := sha256(k); END IF;
  k := k || decode(repeat('00', 64 - length(k)), 'hex');
  ipad := k; opad := k;
  FOR i IN 0..63 LOOP
    ipad := set_byte(ipad, i, get_byte(k, i) # 54);
    opad := set_byte(opad, i, get_byte(k, i) # 92);
  END LOOP;
  RETURN encode(sha256(opad || sha256(ipad || msg)), 'hex');
END $$""",
    f"""CREATE FUNCTION rejuv_audit() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  skip text[] := ARRAY['search_text', 'name_key', 'password_hash', 'pdf', 'file_bytes',
                        'version', 'updated_by', 'saved_at'];
  before_j jsonb; after_j jsonb; prev text; at_ text; actor text; k text; content bytea;
  act text := lower(TG_OP); h text;
BEGIN
  after_j := to_jsonb(NEW) - skip;
  IF TG_OP = 'UPDATE' THEN
    before_j := to_jsonb(OLD) - skip;
    IF before_j = after_j THEN RETURN NULL; END IF;
  END IF;
  PERFORM pg_advisory_xact_lock({AUDIT_LOCK_KEY});
  prev := COALESCE((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), repeat('0', 64));
  at_ := COALESCE(NULLIF(current_setting('rejuv.now', true), ''),
                  to_char(now(), 'YYYY-MM-DD"T"HH24:MI:SSOF'));
  actor := NULLIF(current_setting('rejuv.actor', true), '');
  k := NULLIF(current_setting('rejuv.audit_key', true), '');
  content := convert_to(concat_ws(chr(31), prev, at_, COALESCE(actor, ''), TG_TABLE_NAME,
                                  NEW.id::text, act, COALESCE(before_j::text, ''),
                                  after_j::text), 'UTF8');
  IF k IS NULL THEN
    IF EXISTS (SELECT 1 FROM audit_keys) THEN
      RAISE EXCEPTION 'the clinic audit key is not available';
    END IF;
    h := encode(sha256(content), 'hex');
  ELSE
    h := rejuv_hmac(decode(k, 'hex'), content);
  END IF;
  INSERT INTO audit_log (at, practitioner_id, table_name, row_id, action, before_json,
                         after_json, prev_hash, hash)
  VALUES (at_, actor::bigint, TG_TABLE_NAME, NEW.id, act, before_j::text, after_j::text,
          prev, h);
  RETURN NULL;
END $$""",
]


NOTIFY_FUNCTION = f"""CREATE FUNCTION rejuv_notify() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE j jsonb; pid text;
BEGIN
  IF TG_OP = 'DELETE' THEN j := to_jsonb(OLD); ELSE j := to_jsonb(NEW); END IF;
  IF TG_TABLE_NAME = 'patients' THEN pid := j ->> 'id'; ELSE pid := j ->> 'patient_id'; END IF;
  PERFORM pg_notify('{CHANNEL}', TG_TABLE_NAME || ' ' || COALESCE(pid, ''));
  RETURN NULL;
END $$"""


@functools.cache
def schema_statements(count: int | None = None) -> tuple[str, ...]:
    """The PostgreSQL schema of the current migrations (see the module doc), or of the first
    ``count`` of them (what a server made by an earlier version holds)."""
    ref = _sqlite_reference(count)
    try:
        rows = ref.conn.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL"
            " ORDER BY rowid").fetchall()
    finally:
        ref.conn.close()
    tables, indexes, triggers, audited = [], [], [], []
    for kind, name, table, sql in rows:
        if _SKIP_TABLES.match(table):
            continue
        if kind == "table":
            tables.append((name, _table_sql(sql)))
        elif kind == "index":
            if "json_extract" in sql:  # the audit trail by patient: JSON on PostgreSQL
                sql = ("CREATE INDEX audit_log_patient ON audit_log "
                       "(((after_json::jsonb) ->> 'patient_id'))")
            indexes.append(sql)
        elif kind == "trigger":
            if name.startswith("audit_") and "INSERT INTO audit_log" in sql:
                if table not in audited:
                    audited.append(table)
            else:
                triggers.extend(_guard_sql(name, table, sql))
    statements = (_referenced_first(tables) + list(indexes) + list(_COMPAT) + triggers
                  + list(SERVER_ONLY))
    for table in audited:
        statements.append(f'CREATE TRIGGER audit_{table} AFTER INSERT OR UPDATE ON "{table}" '
                          "FOR EACH ROW EXECUTE FUNCTION rejuv_audit()")
    # Live: each change NOTIFYs the workstations, in the same transaction (delivered when it
    # commits): the table, and the patient it is about when the row names one.
    statements.append(NOTIFY_FUNCTION)
    for kind, name, table, _sql in rows:
        if kind == "table" and not _SKIP_TABLES.match(table) and table not in _SILENT:
            statements.append(f'CREATE TRIGGER notify_{table} AFTER INSERT OR UPDATE OR DELETE '
                              f'ON "{table}" FOR EACH ROW EXECUTE FUNCTION rejuv_notify()')
    statements.append(f"CREATE TABLE {MIGRATIONS_TABLE} (id BIGINT GENERATED ALWAYS AS "
                      "IDENTITY PRIMARY KEY, name TEXT NOT NULL UNIQUE, applied_at "
                      "TIMESTAMPTZ NOT NULL DEFAULT now())")
    return tuple(statements)


def _referenced_first(tables: list[tuple[str, str]]) -> list[str]:
    """CREATE TABLE statements ordered so that each table comes after those it references."""
    pending = dict(tables)
    done: list[str] = []
    out: list[str] = []
    while pending:
        for name, sql in list(pending.items()):
            refs = set(re.findall(r'REFERENCES\s+"?(\w+)"?', sql, re.I)) - {name}
            if refs <= set(done):
                out.append(sql)
                done.append(name)
                del pending[name]
                break
        else:
            raise StorageError(f"tables reference each other in a cycle: {sorted(pending)}")
    return out


def create_schema(raw, count: int | None = None) -> None:
    """Create the whole schema in one transaction and record the migrations it holds (the
    first ``count`` of them: how tests make a server of an earlier version)."""
    from rejuv_desktop.storage import schema

    with raw.transaction():
        for statement in schema_statements(count):
            raw.execute(statement)
        for name in schema.known_names()[:count]:
            raw.execute(f"INSERT INTO {MIGRATIONS_TABLE} (name) VALUES (%s)", (name,))


# --- Bringing a server made by an earlier version up to date --------------------------------

_CONSTRAINT_START = re.compile(r"(CONSTRAINT|CHECK|UNIQUE|PRIMARY|FOREIGN)\b", re.I)


def _kind_and_name(statement: str) -> tuple[str, str]:
    """What a statement of ``schema_statements`` creates: ("table", name), ("index", name),
    ("trigger", "name on table"), ("function", name), ("view", name) or ("other", text)."""
    m = re.match(r'\s*CREATE TABLE\s+(?:IF NOT EXISTS\s+)?"?(\w+)"?', statement, re.I)
    if m:
        return "table", m.group(1)
    m = re.match(r'\s*CREATE (?:UNIQUE )?INDEX\s+(?:IF NOT EXISTS\s+)?"?(\w+)"?', statement, re.I)
    if m:
        return "index", m.group(1)
    m = re.match(r'\s*CREATE (?:OR REPLACE )?TRIGGER (\w+) .*? ON "?(\w+)"?', statement,
                 re.S | re.I)
    if m:
        return "trigger", f"{m.group(1)} {m.group(2)}"
    m = re.match(r"\s*CREATE (?:OR REPLACE )?FUNCTION (\w+)", statement, re.I)
    if m:
        return "function", m.group(1)
    m = re.match(r"\s*CREATE (?:OR REPLACE )?VIEW (\w+)", statement, re.I)
    if m:
        return "view", m.group(1)
    return "other", statement


def _by_kind(statements) -> dict[tuple[str, str], str]:
    return {_kind_and_name(s): s for s in statements}


def _table_items(sql: str) -> list[str]:
    """The column definitions and table constraints of a CREATE TABLE, whitespace folded."""
    body = sql[sql.index("(") + 1:sql.rindex(")")]
    items, depth, quote, start = [], 0, None, 0
    for i, ch in enumerate(body):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            items.append(body[start:i])
            start = i + 1
    items.append(body[start:])
    return [" ".join(re.sub(r"--[^\n]*", "", item).split()) for item in items if item.strip()]


def _or_replace(statement: str) -> str:
    return re.sub(r"^(\s*)CREATE (?!OR REPLACE)(TRIGGER|FUNCTION|VIEW)\b", r"\1CREATE OR REPLACE \2",
                  statement, count=1, flags=re.I)


def upgrade_plan(applied: list[str]) -> list[str]:
    """The statements bringing a server holding the migrations ``applied`` up to the current
    ones, worked out by comparing the translated schema after each pending migration with the
    one before it. What cannot be done safely in place (a table dropped, a column dropped or
    retyped, a constraint changed) raises ``StorageError`` naming the migration."""
    from rejuv_desktop.storage import schema

    known = schema.known_names()
    if known[:len(applied)] != applied:
        raise StorageError(
            "This clinic server's database holds its changes in an order this version does "
            f"not know ({', '.join(applied)}); it cannot be brought up to date in place. "
            "Nothing was changed.")
    plan: list[str] = []
    final = schema_statements()
    before = _by_kind(schema_statements(len(applied)))
    for count in range(len(applied) + 1, len(known) + 1):
        name = known[count - 1]
        after = _by_kind(schema_statements(count) if count < len(known) else final)

        def refuse(what: str, migration: str = name) -> StorageError:
            return StorageError(
                f"This clinic server's database cannot be brought up to date in place: the "
                f"change {migration} {what}, which could lose or reject records already kept. "
                "Nothing was changed.")

        for (kind, obj), statement in after.items():
            old = before.get((kind, obj))
            if kind == "table":
                if old is None:
                    plan.append(statement)
                elif old != statement:
                    # SQLite writes an added column after the last column, before the
                    # table's constraints: the columns kept must be the same, in the same
                    # order, and the constraints unchanged.
                    was, now = _table_items(old), _table_items(statement)
                    was_cols = [i for i in was if not _CONSTRAINT_START.match(i)]
                    now_cols = [i for i in now if not _CONSTRAINT_START.match(i)]
                    if now_cols[:len(was_cols)] != was_cols:
                        gone = [i for i in was_cols if i not in now_cols] or was_cols
                        raise refuse(f"changes or removes the column {gone[0]!r} of the "
                                     f"table {obj}")
                    if [i for i in was if i not in was_cols] != [
                            i for i in now if i not in now_cols]:
                        raise refuse(f"changes the constraints (CHECK, UNIQUE, keys) of the "
                                     f"table {obj}")
                    for item in now_cols[len(was_cols):]:
                        plan.append(f'ALTER TABLE "{obj}" ADD COLUMN {item}')
            elif kind == "index" and old != statement:
                if old is not None:
                    plan.append(f'DROP INDEX IF EXISTS "{obj}"')
                plan.append(statement)
        for (kind, obj) in before.keys() - after.keys():
            if kind == "table":
                raise refuse(f"removes the table {obj}")
            if kind == "index":
                plan.append(f'DROP INDEX IF EXISTS "{obj}"')
            elif kind == "trigger":
                trigger, table = obj.split()
                plan.append(f'DROP TRIGGER IF EXISTS "{trigger}" ON "{table}"')
        before = after
    # Functions, guard, audit and notification triggers: each added or replaced as the
    # current version writes it.
    plan.extend(_or_replace(s) for s in final
                if _kind_and_name(s)[0] in ("function", "trigger", "view"))
    return plan


def upgrade_schema(raw) -> list[str]:
    """Apply the pending migrations to a server in place, in one transaction (all or
    nothing), and record them. Returns their names."""
    from rejuv_desktop.storage import schema

    applied = applied_names(raw)
    pending = [n for n in schema.known_names() if n not in set(applied)]
    if not pending:
        return []
    plan = upgrade_plan(applied)
    try:
        with raw.transaction():
            for statement in plan:
                raw.execute(statement)
            for name in pending:
                raw.execute(f"INSERT INTO {MIGRATIONS_TABLE} (name) VALUES (%s)", (name,))
    except StorageError:
        raise
    except Exception as exc:
        raise StorageError(
            f"This clinic server's database could not be brought up to date "
            f"({', '.join(pending)}): {str(exc).strip()}. Nothing was changed.") from exc
    return pending


def server_init(admin_url: str, *, app_password: str | None = None) -> dict:
    """For clinic IT: the schema, and the app's least-privilege role (``rejuv_app``).

    The role may read every table and write the records, but may only INSERT into the
    append-only tables (the audit trail and its keys). Returns what was done.
    """
    from psycopg import sql as psql

    raw = connect(admin_url)
    try:
        done = {"schema": "up to date", "role": APP_ROLE}
        if not applied_names(raw):
            create_schema(raw)
            done["schema"] = "created"
        else:
            from rejuv_desktop.storage import schema

            unknown = [n for n in applied_names(raw) if n not in set(schema.known_names())]
            if unknown:
                raise StorageError(
                    "This clinic server's database was written by a newer version of Rejuv "
                    f"Desktop (it has changes named {', '.join(unknown)}). Install the newer "
                    "version; nothing was changed.")
            upgraded = upgrade_schema(raw)
            if upgraded:
                done["schema"] = f"brought up to date ({', '.join(upgraded)})"
            with raw.transaction():  # a server created before the photographs' table
                for statement in SERVER_ONLY:
                    raw.execute(statement)
        with raw.transaction():
            exists = raw.execute("SELECT 1 FROM pg_roles WHERE rolname = %s",
                                 (APP_ROLE,)).fetchone()
            if not exists:
                raw.execute(psql.SQL("CREATE ROLE {} LOGIN").format(psql.Identifier(APP_ROLE)))
            if app_password:
                raw.execute(psql.SQL("ALTER ROLE {} PASSWORD {}").format(
                    psql.Identifier(APP_ROLE), psql.Literal(app_password)))
            grant_app_role(raw)
        return done
    finally:
        raw.close()


def grant_app_role(raw, role: str = APP_ROLE) -> None:
    from psycopg import sql as psql

    r = psql.Identifier(role)
    raw.execute(psql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(r))
    raw.execute(psql.SQL("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {}").format(r))
    raw.execute(psql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public "
                         "TO {}").format(r))
    for table in (*APPEND_ONLY, MIGRATIONS_TABLE):
        raw.execute(psql.SQL("REVOKE UPDATE, DELETE, TRUNCATE ON {} FROM {}").format(
            psql.Identifier(table), r))
    raw.execute(psql.SQL("REVOKE INSERT ON {} FROM {}").format(
        psql.Identifier(MIGRATIONS_TABLE), r))
    raw.execute(psql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {}")
                .format(r))


# --- Moving a single-workstation clinic onto the server ------------------------------------


def copy_from_sqlite(source, url: str) -> dict:
    """Copy every record and the audit trail, as they are, from the SQLite store ``source``
    into the empty clinic database at ``url`` (an administrator's URL: the copy writes the
    audit rows as they are, with the triggers set aside for its one transaction).

    Returns ``{table: (rows in the file, rows counted on the server after the copy)}``; raises ``StorageError``
    when the server already holds records or a count differs (then nothing was written).
    """
    from psycopg import sql as psql

    raw = connect(url)
    try:
        if not applied_names(raw):
            create_schema(raw)
        server_tables = [r[0] for r in raw.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema ="
            " current_schema() AND table_type = 'BASE TABLE'").fetchall()]
        order = [t for t in _table_order() if t in server_tables and t != MIGRATIONS_TABLE]
        if any(raw.execute(psql.SQL("SELECT EXISTS (SELECT 1 FROM {})").format(
                psql.Identifier(t))).fetchone()[0] for t in order):
            raise StorageError("The clinic server's database already holds records: a clinic "
                               "is moved onto an empty one only. Nothing was copied.")
        counts: dict[str, int] = {}
        with raw.transaction():
            raw.execute("SET LOCAL session_replication_role = replica")
            for table in order:
                src_cols = [r[1] for r in source.conn.execute(f'PRAGMA table_info("{table}")')]
                dst_cols = {r[0] for r in raw.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = %s"
                    " AND table_schema = current_schema()", (table,)).fetchall()}
                cols = [c for c in src_cols if c in dst_cols]
                if not cols:
                    continue
                read = source.conn.execute(
                    f"SELECT {', '.join(chr(34) + c + chr(34) for c in cols)} FROM \"{table}\""
                    " ORDER BY rowid")
                insert = psql.SQL("INSERT INTO {} ({}) OVERRIDING SYSTEM VALUE VALUES ({})").format(
                    psql.Identifier(table), psql.SQL(", ").join(map(psql.Identifier, cols)),
                    psql.SQL(", ").join(psql.Placeholder() * len(cols)))
                copied = 0
                with raw.cursor() as cur:
                    # A chunk at a time: a large clinic's audit trail is millions of rows.
                    while chunk := read.fetchmany(5000):
                        cur.executemany(insert, chunk)
                        copied += len(chunk)
                if "id" in cols:
                    raw.execute(psql.SQL(
                        "SELECT setval(pg_get_serial_sequence({}, 'id'), "
                        "COALESCE((SELECT max(id) FROM {}), 0) + 1, false)").format(
                        psql.Literal(table), psql.Identifier(table)))
                counted = raw.execute(psql.SQL("SELECT count(*) FROM {}").format(
                    psql.Identifier(table))).fetchone()[0]
                in_file = source.scalar(f'SELECT count(*) FROM "{table}"')
                if counted != copied or counted != in_file:
                    raise StorageError(f"{table}: {in_file} rows in the file, {copied} read, "
                                       f"{counted} written; nothing was copied.")
                counts[table] = (in_file, counted)
            counts[SERVER_PHOTOS] = _copy_photo_files(source, raw)
        return counts
    finally:
        raw.close()


SERVER_PHOTOS = "photo_files"


def _copy_photo_files(source, raw) -> tuple[int, int]:
    """Bring every photograph the file names from the folder beside it into the server's
    ``photo_files``, each checked against its SHA-256 as it is read; (named in the file, held
    by the server). A file missing or altered stops the move (nothing is written)."""
    from rejuv_desktop.storage import photos

    if not source.scalar("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'photos'"):
        return (0, 0)
    hashes = [r[0] for r in source.conn.execute(
        "SELECT DISTINCT sha256 FROM photos ORDER BY sha256")]
    if hashes and source.path is None:
        raise StorageError("The file's photographs cannot be found (a database in memory); "
                           "nothing was copied.")
    folder = photos.folder_of(source.path) if hashes else None
    bad = []
    for sha in hashes:  # one at a time: a clinic's photographs do not fit in memory at once
        try:
            data = photos.read_file(folder, sha)
        except StorageError as exc:
            bad.append(str(exc))
            continue
        raw.execute("INSERT INTO photo_files (sha256, bytes, thumbnail) VALUES (%s, %s, %s)",
                    (sha, data, photos.read_thumb(folder, sha)))
    if bad:
        raise StorageError(f"{len(bad)} of the file's photographs cannot be copied: "
                           + " ".join(bad[:3]) + " Nothing was copied; run rejuv-desktop check "
                           "on the file and bring back the photographs from a backup first.")
    stored = raw.execute("SELECT count(*) FROM photo_files").fetchone()[0]
    server_ok = raw.execute(
        "SELECT count(*) FROM photo_files WHERE encode(sha256(bytes), 'hex') = sha256"
    ).fetchone()[0]
    if stored != len(hashes) or server_ok != stored:
        raise StorageError(f"photographs: {len(hashes)} in the file, {stored} on the server, "
                           f"{server_ok} whose bytes match their SHA-256; nothing was copied.")
    return (len(hashes), server_ok)


def _table_order() -> list[str]:
    return [re.match(r'\s*CREATE TABLE\s+(?:IF NOT EXISTS\s+)?"?(\w+)"?', s, re.I).group(1)
            for s in schema_statements() if re.match(r"\s*CREATE TABLE", s, re.I)]


def trigger_problems(raw) -> list[str]:
    """The guard and audit triggers the schema creates that are missing or disabled."""
    expected = set()
    for statement in schema_statements():
        m = re.match(r'CREATE (?:OR REPLACE )?TRIGGER (\w+) .* ON "?(\w+)"?', statement, re.S)
        if m:
            expected.add((m.group(1), m.group(2)))
    actual = {(name, table): enabled for name, table, enabled in raw.execute(
        "SELECT t.tgname, c.relname, t.tgenabled FROM pg_trigger t JOIN pg_class c"
        " ON c.oid = t.tgrelid WHERE NOT t.tgisinternal").fetchall()}
    problems = []
    for name, table in sorted(expected):
        if (name, table) not in actual:
            problems.append(f"trigger {name} on {table} is missing")
        elif actual[(name, table)] == "D":
            problems.append(f"trigger {name} on {table} is disabled")
    for name, table in sorted(set(actual) - expected):
        problems.append(f"trigger {name} on {table} was not created by the app")
    return problems


def applied_and_trigger_problems(store) -> tuple[int, list[str]]:
    """For ``check``: how many migrations the server's database holds, and its trigger
    problems."""
    raw = store.conn.raw
    return len(applied_names(raw)), trigger_problems(raw)


# --- Live: the changes other workstations make ------------------------------------------------


class Listener:
    """A connection of its own that LISTENs for the changes written on the server.

    ``fileno()`` is its socket, for the window to watch; ``changes()`` reads what has arrived
    without waiting: ``(table, patient id or None)`` pairs, leaving out those written by the
    connections whose backend ids are in ``ignore`` (the window's own). It raises
    ``ServerUnreachable`` when the server is gone.
    """

    def __init__(self, url: str, ignore: Callable[[], set[int]] = set):
        self.raw = connect(url, timeout=3)
        self.raw.execute(f"LISTEN {CHANNEL}")
        self.ignore = ignore

    def fileno(self) -> int:
        return self.raw.fileno()

    def changes(self) -> list[tuple[str, int | None]]:
        import psycopg

        out = []
        try:
            mine = self.ignore()
            for note in self.raw.notifies(timeout=0):
                if note.pid in mine:
                    continue
                table, _, patient = note.payload.partition(" ")
                out.append((table, int(patient) if patient.isdigit() else None))
        except psycopg.OperationalError as exc:
            raise ServerUnreachable(f"The clinic server cannot be reached ({exc}).") from exc
        if self.raw.closed or self.raw.broken:
            raise ServerUnreachable("The clinic server closed the connection.")
        return out

    def close(self) -> None:
        try:
            self.raw.close()
        except Exception:  # noqa: BLE001 - gone already
            pass


# --- Backups of a clinic server: pg_dump, verified by restoring into a scratch database ----


def find_client(name: str):
    """PostgreSQL's ``pg_dump`` or ``pg_restore``: in ``REJUV_PG_BINDIR``, on the PATH, or the
    newest under ``/usr/lib/postgresql/*/bin`` (Debian); None when there is none."""
    import glob
    import os
    import shutil
    from pathlib import Path

    candidates = []
    if os.environ.get("REJUV_PG_BINDIR"):
        candidates.append(Path(os.environ["REJUV_PG_BINDIR"]) / name)
    candidates += [Path(p) / name for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                                                  key=_version_key, reverse=True)]
    if shutil.which(name):
        candidates.append(Path(shutil.which(name)))
    return next((c for c in candidates if c.is_file()), None)


def _version_key(path: str) -> int:
    m = re.search(r"/(\d+)/bin$", path)
    return int(m.group(1)) if m else 0


def table_counts(raw) -> dict[str, int]:
    """Rows of every table of the clinic (not the record of migrations)."""
    from psycopg import sql as psql

    return {t: raw.execute(psql.SQL("SELECT count(*) FROM {}").format(
        psql.Identifier(t))).fetchone()[0]
        for t in _table_order() if t != MIGRATIONS_TABLE}


def _with_dbname(url: str, dbname: str) -> str:
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    return make_conninfo(**{**conninfo_to_dict(url), "dbname": dbname})


def _run_tool(cmd: list[str], what: str) -> None:
    import subprocess

    try:
        run = subprocess.run(cmd, capture_output=True, text=True, timeout=6 * 3600)
    except OSError as exc:
        raise StorageError(f"{what} could not be started: {exc}") from exc
    if run.returncode != 0:
        raise StorageError(f"{what} failed: {(run.stderr or run.stdout).strip()[-800:]}")


def backup(url: str, out, *, ring: dict[str, bytes] | None = None) -> dict:
    """Dump the clinic database at ``url`` (an administrator's URL) into ``out`` with
    ``pg_dump`` (custom format), then prove the file restores: it is restored with
    ``pg_restore`` into a scratch database on the same server, every table is counted there
    and compared with the counts taken in the very snapshot the dump was made from, and the
    audit chain is verified there and compared with the server's head. The scratch database
    is dropped afterwards. The dump is written beside ``out`` and moved into place only once
    verified.

    Returns ``{"counts": {table: (server, restored)}, "audit": (rows, message),
    "size": bytes}``; raises ``StorageError`` (no file left at ``out``) otherwise.
    """
    import os
    import secrets
    from pathlib import Path

    import psycopg
    from psycopg import sql as psql

    from rejuv_desktop.storage import audit

    out = Path(out)
    pg_dump, pg_restore = find_client("pg_dump"), find_client("pg_restore")
    if pg_dump is None or pg_restore is None:
        raise StorageError("A server backup needs PostgreSQL's pg_dump and pg_restore (on "
                           "Debian: apt-get install postgresql-client). Nothing was written.")
    if not out.parent.is_dir():
        raise StorageError(f"The folder {out.parent} does not exist. Nothing was written.")
    partial = out.with_name(out.name + ".partial")
    scratch = f"rejuv_verify_{secrets.token_hex(4)}"
    raw = connect(url)
    try:
        if not applied_names(raw):
            raise StorageError("This server database holds no clinic (run rejuv-desktop "
                               "server init first). Nothing was written.")
        # One snapshot for the counts and for pg_dump: what is counted is what is dumped.
        raw.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        snapshot = raw.execute("SELECT pg_export_snapshot()").fetchone()[0]
        counts = table_counts(raw)
        head = raw.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
        _run_tool([str(pg_dump), "--format=custom", f"--snapshot={snapshot}",
                   f"--file={partial}", f"--dbname={url}"], "pg_dump")
        raw.execute("COMMIT")
        try:
            raw.execute(psql.SQL("CREATE DATABASE {} TEMPLATE template0").format(
                psql.Identifier(scratch)))
        except psycopg.errors.InsufficientPrivilege:
            raise StorageError(
                "A server backup is verified by restoring it into a scratch database: run it "
                "with an administrator's address (a role that may create databases, not the "
                "app's). Nothing was written.") from None
        try:
            scratch_url = _with_dbname(url, scratch)
            _run_tool([str(pg_restore), "--exit-on-error", "--single-transaction",
                       "--no-owner", f"--dbname={scratch_url}", str(partial)], "pg_restore")
            copy = connect(scratch_url)
            try:
                restored = table_counts(copy)
                from rejuv_desktop.storage.db import local_now

                store = _store_class()(copy, scratch_url, local_now)
                check = audit.verify_chain(store, ring=ring)
            finally:
                copy.close()
        finally:
            raw.execute(psql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                psql.Identifier(scratch)))
        differ = [t for t in counts if counts[t] != restored.get(t)]
        if differ:
            raise StorageError(f"The restored backup's row counts differ for {', '.join(differ)}"
                               "; the backup was not kept.")
        if not check.ok or (head is not None and check.head != tuple(head)):
            raise StorageError(f"The restored backup's audit trail does not verify "
                               f"({check.message}); the backup was not kept.")
        os.replace(partial, out)
        return {"counts": {t: (counts[t], restored[t]) for t in counts},
                "audit": (check.rows, check.message), "size": out.stat().st_size}
    except psycopg.Error as exc:
        partial.unlink(missing_ok=True)
        raise StorageError(f"The server backup failed: {str(exc).strip()}. Nothing was "
                           "written.") from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        raw.close()
