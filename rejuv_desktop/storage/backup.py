"""Copies of the database file: online backup, verification, moving a file aside, restore.

Everything here works on paths and opens its own connections, so it can run on a worker thread
or from the command line while the app has the database open.

- A live database is only ever copied with SQLite's online backup API in one step
  (``pages=-1``): copying the file itself while a transaction is open can give a corrupt copy,
  and an incremental backup restarts for ever while another connection keeps writing.
- A copy is written to a temporary file, checked with ``integrity_check``, then renamed into
  place, so a backup file under its final name is always complete and verified.
- A database and its ``-wal``, ``-shm`` and ``-journal`` files are a matched pair: they are
  only ever moved together (``move_aside``), never deleted, never separated.
- Each backup has a manifest beside it, ``<backup>.manifest.json``: its SHA-256 and size, the
  audit chain's head, app and schema version, when it was made. It is written before the
  backup takes its final name, so a backup under its final name always has one.
- A restore never leaves a moment without a database at its path: the copy is prepared and
  verified in a temporary file in the same folder, the current file is kept aside by a hard
  link (its ``-wal`` folded in first), then one ``os.replace`` swaps the copy in.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import secrets
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from rejuv_desktop.storage.db import sqlite3

from rejuv_desktop.errors import StorageError

log = logging.getLogger(__name__)

FILE_MODE = 0o600
DIR_MODE = 0o700
COMPANION_SUFFIXES = ("-wal", "-shm", "-journal")
MIGRATION_SET = "rejuv_desktop"
_TEMP_PREFIX = ".rejuv-copy-"
_TEMP_SUFFIX = ".tmp"
# A restore's copy in the database's folder names the process making it, so a copy left by a
# process that has ended is recognised and removed, and one still being made is left alone.
RESTORE_PREFIX = ".rejuv-restore-"
MANIFEST_SUFFIX = ".manifest.json"


@dataclass(frozen=True)
class DatabaseInfo:
    """What a database file holds, read without changing it."""

    path: Path
    size: int
    integrity: list[str]
    migrations: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    audit_head: str | None = None
    audit_head_id: int = 0
    keyed_from: int | None = None
    last_key_id: str | None = None

    @property
    def intact(self) -> bool:
        return self.integrity == ["ok"]

    @property
    def is_rejuv(self) -> bool:
        """True when the file carries this app's schema (at least its first migration)."""
        return bool(self.migrations)


def companions(path: Path) -> list[Path]:
    """The files SQLite keeps beside a database: ``-wal``, ``-shm`` and ``-journal``."""
    return [path.with_name(path.name + s) for s in COMPANION_SUFFIXES]


def _connect_read_only(path: Path, untouched: bool = False):
    """A connection that cannot change the file (and does not checkpoint on close).

    ``untouched``: when no journal file is beside the database (closed cleanly, nothing
    mid-write), read it as immutable, so not even SQLite's empty ``-wal``/``-shm`` are created
    beside it (``check`` leaves the folder as it found it)."""
    option = "mode=ro"
    if untouched and not any(p.exists() for p in companions(Path(path))):
        option = "immutable=1"
    uri = Path(path).resolve().as_uri() + "?" + option
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False,
                           timeout=5)
    conn.execute("PRAGMA busy_timeout=5000")
    return conn


connect_read_only = _connect_read_only


def _connect_source(path: Path):
    """A connection to copy from: read-only when SQLite allows it, else read-write (a WAL
    left by a crash needs a writer to be recovered). Never creates the file."""
    if not Path(path).is_file():
        raise StorageError(f"There is no database file at {path}.")
    try:
        conn = _connect_read_only(path)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        uri = Path(path).resolve().as_uri() + "?mode=rw"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False,
                               timeout=5)
        conn.execute("PRAGMA busy_timeout=5000")
        return conn


def _fsync_dir(directory: Path) -> None:
    """Make a rename durable (POSIX); Windows has no directory handles to sync."""
    if os.name == "posix":
        _fsync_file(directory)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _new_private_file(directory: Path, prefix: str = _TEMP_PREFIX) -> Path:
    """An empty temporary file in ``directory`` readable by its owner only."""
    directory.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    while True:
        path = directory / f"{prefix}{secrets.token_hex(6)}{_TEMP_SUFFIX}"
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE)
        except FileExistsError:
            continue
        os.close(fd)
        return path


def _discard_temp(path: Path) -> None:
    """Remove an unfinished copy (and the rollback journal SQLite may have left with it)."""
    for p in [path, *companions(path)]:
        with contextlib.suppress(FileNotFoundError):
            p.unlink()


def remove_stale_temps(directory: Path, older_than_s: float = 3600) -> int:
    """Remove unfinished copies left by a crash during a backup; returns how many."""
    if not directory.is_dir():
        return 0
    removed = 0
    cutoff = time.time() - older_than_s
    for p in directory.glob(f"{_TEMP_PREFIX}*{_TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            if p.stat().st_mtime < cutoff:
                _discard_temp(p)
                removed += 1
    return removed


def _copy_into(source: Path, temp: Path) -> None:
    """Online backup of ``source`` into the empty file ``temp``, left as one self-contained
    file (rollback-journal mode, so it opens without a ``-wal`` beside it)."""
    src = _connect_source(source)
    try:
        dst = sqlite3.connect(str(temp), isolation_level=None)
        try:
            # One step: a stepped backup restarts whenever another connection writes.
            src.backup(dst, pages=-1)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def _query_lines(conn, pragma: str) -> list[str]:
    return [str(r[0]) for r in conn.execute(pragma).fetchall()]


def describe(path: Path, *, full_check: bool = True) -> DatabaseInfo:
    """Check and describe a database file that no one is writing to (a backup, a candidate
    for restore). ``integrity`` holds ``["ok"]`` or SQLite's complaints; a file that is not
    a database at all gives its error message there."""
    path = Path(path)
    size = path.stat().st_size if path.exists() else 0
    try:
        conn = _connect_read_only(path)
    except sqlite3.Error as exc:
        return DatabaseInfo(path, size, [f"cannot open: {exc}"])
    try:
        pragma = "PRAGMA integrity_check" if full_check else "PRAGMA quick_check"
        integrity = _query_lines(conn, pragma)
        if integrity != ["ok"]:
            return DatabaseInfo(path, size, integrity)
        tables = {r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()}
        migrations: list[str] = []
        if "_sqlite_migrations" in tables:
            migrations = [r[0] for r in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
                (MIGRATION_SET,)).fetchall()]
        counts = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
                  for t in ("patients", "consultations", "documents", "sessions", "audit_log")
                  if t in tables}
        head, head_id, keyed = None, 0, None
        if "audit_log" in tables:
            row = conn.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1"
                               ).fetchone()
            head_id, head = (row[0], row[1]) if row else (0, None)
        last_key = None
        if "audit_keys" in tables:
            row = conn.execute("SELECT min(from_audit_id) FROM audit_keys").fetchone()
            keyed = row[0] if row else None
            row = conn.execute("SELECT key_id FROM audit_keys ORDER BY from_audit_id DESC, id"
                               " DESC LIMIT 1").fetchone()
            last_key = row[0] if row else None
        return DatabaseInfo(path, size, integrity, migrations, counts, head, head_id, keyed,
                            last_key)
    except sqlite3.Error as exc:
        return DatabaseInfo(path, size, [str(exc)])
    finally:
        conn.close()


def backup_database(source: Path, target: Path, manifest_fields: dict | None = None,
                    ring: dict[str, bytes] | None = None) -> DatabaseInfo:
    """Copy the live database ``source`` to ``target`` (which must not exist) and verify it.

    The copy is made with the online backup API, reopened and checked with
    ``integrity_check`` before it takes its final name, and is readable by its owner only.
    Its manifest (``manifest_fields`` added: app version, time) is written beside it first,
    sealed with the clinic key (from ``ring``) that keys the copy's audit chain.
    Raises ``StorageError`` when the source cannot be read, the disk is full, or the copy does
    not pass the check (the unfinished copy is then removed; the source is never touched).
    """
    source, target = Path(source), Path(target)
    if target.exists():
        raise StorageError(f"{target} exists already; a backup never overwrites a file.")
    temp = _new_private_file(target.parent)
    try:
        try:
            _copy_into(source, temp)
        except sqlite3.Error as exc:
            raise StorageError(_copy_error(source, exc)) from exc
        info = describe(temp)
        if not info.intact:
            raise StorageError(
                "The backup copy failed its integrity check, so it was not kept: "
                + "; ".join(info.integrity[:3]) + ". Run 'rejuv-desktop check' on the database.")
        os.chmod(temp, FILE_MODE)
        _fsync_file(temp)
        manifest = make_manifest(temp, info, target.name, manifest_fields or {})
        if info.last_key_id and ring and info.last_key_id in ring:
            manifest = seal_manifest(manifest, info.last_key_id, ring[info.last_key_id])
        write_manifest(target, manifest)
        os.replace(temp, target)
        _fsync_dir(target.parent)
    except BaseException:
        _discard_temp(temp)
        with contextlib.suppress(OSError):
            if not target.exists():
                manifest_path(target).unlink()
        raise
    return DatabaseInfo(target, target.stat().st_size, info.integrity, info.migrations,
                        info.counts, info.audit_head, info.audit_head_id, info.keyed_from,
                        info.last_key_id)


def manifest_path(backup: Path) -> Path:
    backup = Path(backup)
    return backup.with_name(backup.name + MANIFEST_SUFFIX)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def make_manifest(path: Path, info: DatabaseInfo, name: str, extra: dict) -> dict:
    """What a backup's manifest records about the file at ``path`` (to be named ``name``)."""
    return {"format": 1, "file": name, "sha256": sha256_of(path),
            "size": Path(path).stat().st_size,
            "audit_head": {"id": info.audit_head_id, "hash": info.audit_head},
            "keyed_from": info.keyed_from,
            "schema_version": len(info.migrations),
            "last_migration": info.migrations[-1] if info.migrations else None,
            **extra}


def _manifest_mac(manifest: dict, secret: bytes) -> str:
    import hmac

    body = {k: v for k, v in manifest.items() if k != "seal"}
    return hmac.new(secret, json.dumps(body, sort_keys=True).encode("utf-8"),
                    hashlib.sha256).hexdigest()


def seal_manifest(manifest: dict, key_id: str, secret: bytes) -> dict:
    """The manifest with an HMAC-SHA256 of its content under the clinic key: a manifest
    rewritten to match an altered backup is seen by anyone holding the key."""
    return {**manifest, "seal": {"key_id": key_id, "hmac": _manifest_mac(manifest, secret)}}


def manifest_seal_ok(manifest: dict, ring: dict[str, bytes]) -> bool | None:
    """True when sealed by a key in ``ring`` and intact, False when the seal does not match,
    None when it cannot be checked here (not sealed, or its key is not in ``ring``)."""
    seal = manifest.get("seal")
    if not isinstance(seal, dict) or seal.get("key_id") not in ring:
        return None
    import hmac

    return hmac.compare_digest(str(seal.get("hmac", "")),
                               _manifest_mac(manifest, ring[seal["key_id"]]))


def write_manifest(backup: Path, manifest: dict) -> Path:
    """Write ``<backup>.manifest.json`` (0600) in one rename, synced."""
    target = manifest_path(backup)
    temp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(manifest, fh, indent=1)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    return target


def read_manifest(backup: Path) -> dict | None:
    """A backup's manifest; ``None`` when it has none. A manifest that cannot be read raises
    ``StorageError``."""
    path = manifest_path(backup)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise StorageError(f"The manifest of {Path(backup).name} cannot be read ({exc}), so "
                           "the backup cannot be verified.") from exc
    if not isinstance(data, dict) or not isinstance(data.get("sha256"), str):
        raise StorageError(f"The manifest of {Path(backup).name} is damaged, so the backup "
                           "cannot be verified.")
    return data


def _copy_error(source: Path, exc: Exception) -> str:
    text = str(exc).lower()
    if "full" in text:
        return "The disk is full: the backup could not be written. Free some space or choose " \
               "another folder."
    if "not a database" in text or "malformed" in text:
        return f"The database {source} is damaged, so it cannot be backed up ({exc})."
    return f"The backup of {source} could not be made: {exc}"


def _is_damage(exc: Exception) -> bool:
    """SQLite errors that mean the file itself is bad (not busy, not unreadable)."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    return (name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))
            or "malformed" in text or "not a database" in text)


def quick_check(path: Path) -> list[str]:
    """``PRAGMA quick_check`` of a database that no other process has open (start-up).

    Returns ``["ok"]`` when sound, else SQLite's complaints (including "file is not a
    database", or a file cut short). A missing or empty file is sound: it becomes a new
    database. An error that says nothing about the file's health (locked by another program, no
    permission, I/O) raises ``StorageError``: a sound database must never be moved aside for
    being busy. The check itself is the one the app runs with progress (``integrity.py``).
    """
    from rejuv_desktop.storage import integrity

    return integrity.quick_check(path)


def move_aside(path: Path, label: str) -> list[Path]:
    """Rename a database and its ``-wal``/``-shm``/``-journal`` to ``<name>.<label>`` (plus
    the same suffixes), as one set; returns the new paths of the files that existed.

    The set keeps SQLite's naming, so the moved database still opens with its own journal.
    Nothing is deleted; if a name is taken, ``-2``, ``-3`` … is added to the label.
    """
    path = Path(path)
    present = [p for p in [path, *companions(path)] if p.exists()]
    if not present:
        return []
    n = 1
    while True:
        tag = label if n == 1 else f"{label}-{n}"
        base = path.with_name(f"{path.name}.{tag}")
        targets = [base, *companions(base)]
        if not any(t.exists() for t in targets):
            break
        n += 1
    moved = []
    # The database first: if anything fails after that, the journal files still sit beside
    # the original name, and ``put_back`` restores the set.
    for original, target in zip([path, *companions(path)], targets):
        if original.exists():
            os.replace(original, target)
            moved.append(target)
    _fsync_dir(path.parent)
    log.info("moved a database set aside (%d files)", len(moved))
    return moved


def put_back(moved: list[Path], path: Path) -> None:
    """Undo :func:`move_aside` (used when a restore fails half-way)."""
    if not moved:
        return
    base = moved[0]
    for original, target in zip([path, *companions(path)], [base, *companions(base)]):
        if target.exists() and not original.exists():
            os.replace(target, original)
    _fsync_dir(path.parent)


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":  # pragma: no cover - no signal 0 on Windows: keep what may be in use
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def restore_temps(directory: Path) -> list[Path]:
    """A restore's temporary copies in ``directory`` (its own prefix, and the older one)."""
    directory = Path(directory)
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir()
                  if p.name.endswith(_TEMP_SUFFIX)
                  and p.name.startswith((RESTORE_PREFIX, _TEMP_PREFIX)))


def remove_stale_restore_temps(directory: Path) -> int:
    """Remove restore copies left by a process that has ended (and older copies of the
    previous naming after an hour); returns how many."""
    removed = 0
    for p in restore_temps(directory):
        if p.name.startswith(RESTORE_PREFIX):
            try:
                pid = int(p.name[len(RESTORE_PREFIX):].split("-", 1)[0])
            except ValueError:
                continue
            if _pid_alive(pid):
                continue
        else:
            with contextlib.suppress(OSError):
                if p.stat().st_mtime > time.time() - 3600:
                    continue
        _discard_temp(p)
        removed += 1
    return removed


def _copy_bytes(source: Path, target: Path) -> None:
    with open(source, "rb") as src, open(target, "wb") as dst:
        shutil.copyfileobj(src, dst, 1 << 20)
        dst.flush()
        os.fsync(dst.fileno())


def _free_aside_name(path: Path, label: str) -> Path:
    n = 1
    while True:
        tag = label if n == 1 else f"{label}-{n}"
        base = path.with_name(f"{path.name}.{tag}")
        if not any(t.exists() for t in [base, *companions(base)]):
            return base
        n += 1


def keep_aside(path: Path, label: str) -> list[Path]:
    """Keep the database at ``path`` as ``<name>.<label>`` without ever removing it from its
    path: its ``-wal`` is folded into the file (a checkpoint), then the file gets a second
    name (a hard link; a synced copy where links are not possible). A ``-wal`` that cannot be
    folded in (a damaged file) is copied beside the kept file and then emptied, so it cannot
    be applied to the database that replaces this one. Returns the kept files."""
    path = Path(path)
    if not path.exists() or path.stat().st_size == 0:
        return []
    wal = companions(path)[0]
    try:
        uri = path.resolve().as_uri() + "?mode=rw"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=5)
        try:
            conn.execute("PRAGMA busy_timeout=5000")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        log.warning("the database to be replaced could not be checkpointed: %s", exc)
    base = _free_aside_name(path, label)
    try:
        os.link(path, base)
    except OSError:
        temp = _new_private_file(path.parent)
        try:
            _copy_bytes(path, temp)
            os.replace(temp, base)
        except BaseException:
            _discard_temp(temp)
            raise
    kept = [base]
    if wal.exists() and wal.stat().st_size > 0:
        base_wal = companions(base)[0]
        _copy_bytes(wal, base_wal)
        os.chmod(base_wal, FILE_MODE)
        kept.append(base_wal)
        _fsync_dir(path.parent)
        # The live file now reads as of its last checkpoint, until it is replaced.
        wal.unlink()
    _fsync_dir(path.parent)
    log.info("the database to be replaced is kept aside (%d files)", len(kept))
    return kept


def replace_database(db_path: Path, backup: Path, aside_label: str,
                     expected_sha256: str | None = None) -> list[Path]:
    """Put a copy of ``backup`` in place of ``db_path``; the current database is kept aside.

    There is never a moment without a database at ``db_path``: the copy is made in a
    temporary file in the same folder and checked (with ``expected_sha256``, a byte copy
    whose SHA-256 must match; else SQLite's online backup, which also reads a ``-wal``), the
    current file is kept aside (``keep_aside``: hard link after a checkpoint), then one
    ``os.replace`` swaps the copy in, and the folder is synced. A kill at any moment leaves
    the old or the new database at its path, whole. The caller must make sure no connection
    has ``db_path`` open. Returns where the previous database is kept (empty when there was
    none).
    """
    db_path, backup = Path(db_path), Path(backup)
    remove_stale_restore_temps(db_path.parent)
    temp = _new_private_file(db_path.parent, f"{RESTORE_PREFIX}{os.getpid()}-")
    try:
        if expected_sha256 is not None:
            _copy_bytes(backup, temp)
            if sha256_of(temp) != expected_sha256:
                raise StorageError(f"The backup {backup.name} changed while it was being "
                                   "copied; nothing was restored.")
        else:
            try:
                _copy_into(backup, temp)
            except sqlite3.Error as exc:
                raise StorageError(f"The backup {backup} could not be copied: {exc}") from exc
        check = quick_check(temp)
        if check != ["ok"]:
            raise StorageError("The copy of the backup failed its check: " + "; ".join(check[:3]))
        os.chmod(temp, FILE_MODE)
        _fsync_file(temp)
        kept = keep_aside(db_path, aside_label)
        try:
            os.replace(temp, db_path)
        except BaseException:
            # The live file is still in place: the second name given to it goes again.
            if len(kept) == 1 and os.path.samefile(kept[0], db_path):
                kept[0].unlink()
            raise
        _fsync_dir(db_path.parent)
    except BaseException:
        _discard_temp(temp)
        raise
    # What is left of the previous database's journal files (an empty -wal, a -shm) goes: it
    # belongs to the file that was replaced.
    for stale in companions(db_path):
        with contextlib.suppress(FileNotFoundError):
            if stale.name.endswith("-shm") or stale.stat().st_size == 0:
                stale.unlink()
    return kept
