"""Clinical photographs: the files beside the database and the rows that name them.

Files live in ``<database>.photos/`` next to the database file, each named by the SHA-256 of
its bytes (``ab/abcdef….jpg``), readable by the owner only (0600). A file is written to a
temporary name, synced, renamed into place and its folder synced before the row naming it is
written, so a committed row never names a file that a power cut could lose. The same bytes
stored twice are one file. Files are never deleted (a photo is archived, never removed).

Thumbnails are a cache (``.thumbs/``): rebuilt from the photo whenever missing.
Only this module reads and writes the photo tables.

On a clinic server there is no folder beside the database: the bytes are rows of the server's
own ``photo_files`` table (SHA-256, bytes, thumbnail), written in the same transaction as the
photo row that names them, which the app's role may add to and read but never change or
delete. ``files_of`` gives either store behind one interface (put, get, exists, state, thumb).
"""

from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path

from rejuv_desktop.errors import NotFound, StorageError
from rejuv_desktop.storage.bulk import insert_row

FILE_MODE = 0o600
DIR_MODE = 0o700
SUFFIX = ".jpg"
THUMBS = ".thumbs"
_TEMP = ".incoming-"

PHOTO_COLUMNS = ("id, patient_id, view, taken_at, session_id, follow_up_id, consultation_id,"
                 " sha256, source_sha256, size, width, height, source, illustration,"
                 " created_at, created_by, archived_at, archived_by, archive_reason")


# -- files ---------------------------------------------------------------------------------

def folder_of(db_path: Path | str) -> Path:
    """The photo folder of a database: ``<database file name>.photos`` beside it."""
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".photos")


def file_path(folder: Path, sha256: str) -> Path:
    return Path(folder) / sha256[:2] / f"{sha256}{SUFFIX}"


def thumb_path(folder: Path, sha256: str) -> Path:
    return Path(folder) / THUMBS / sha256[:2] / f"{sha256}{SUFFIX}"


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _fsync_dir(directory: Path) -> None:
    if os.name != "posix":  # Windows has no directory handles to sync
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _private_dir(directory: Path) -> None:
    """Create ``directory`` (0700) and sync its parent so the new entry survives a power cut."""
    if directory.is_dir():
        return
    _private_dir(directory.parent) if not directory.parent.is_dir() else None
    directory.mkdir(mode=DIR_MODE, exist_ok=True)
    _fsync_dir(directory.parent)


def write_file(folder: Path, data: bytes, *, durable: bool = True) -> tuple[str, Path]:
    """Store ``data`` under its SHA-256; returns (hash, path). Written to a temporary file,
    synced, renamed, and the folder synced (``durable``). A file already there with the right
    bytes is kept; one whose bytes no longer match its name is replaced."""
    sha = sha256_bytes(data)
    target = file_path(folder, sha)
    if target.is_file() and target.stat().st_size == len(data) and sha256_file(target) == sha:
        return sha, target
    try:
        _private_dir(target.parent)
        temp = target.parent / f"{_TEMP}{secrets.token_hex(6)}"
        fd = os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                if durable:
                    os.fsync(f.fileno())
            os.replace(temp, target)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        if durable:
            _fsync_dir(target.parent)
    except OSError as exc:
        raise StorageError(f"The photograph could not be written to {folder}: "
                           f"{exc.strerror or exc}. Nothing was saved.") from exc
    return sha, target


def copy_file(source: Path, folder: Path, sha256: str) -> bool:
    """Copy a stored photo into another photo folder when it lacks it (checked against its
    hash on the way). True when a copy was made; a source that does not match is not copied."""
    target = file_path(folder, sha256)
    if target.is_file() and target.stat().st_size == source.stat().st_size:
        return False
    data = Path(source).read_bytes()
    if sha256_bytes(data) != sha256:
        raise StorageError(f"The photograph {sha256[:12]}… does not match its SHA-256; it was "
                           "not copied.")
    write_file(folder, data)
    return True


def read_file(folder: Path, sha256: str) -> bytes:
    """The stored bytes, checked against their name. Raises ``StorageError`` when the file is
    missing or has changed."""
    path = file_path(folder, sha256)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise StorageError(f"The photograph file {path.name} is missing from {folder}.") from None
    if sha256_bytes(data) != sha256:
        raise StorageError(f"The photograph file {path.name} has been altered: its bytes no "
                           "longer match their SHA-256.")
    return data


def file_state(folder: Path, sha256: str) -> str:
    """``ok``, ``missing`` or ``altered``."""
    path = file_path(folder, sha256)
    if not path.is_file():
        return "missing"
    return "ok" if sha256_file(path) == sha256 else "altered"


def read_thumb(folder: Path, sha256: str) -> bytes | None:
    try:
        return thumb_path(folder, sha256).read_bytes()
    except OSError:
        return None


def write_thumb(folder: Path, sha256: str, data: bytes) -> None:
    """Cache a thumbnail (no sync: it is rebuilt from the photo when lost)."""
    try:
        write_to = thumb_path(folder, sha256)
        _private_dir(write_to.parent)
        temp = write_to.with_name(f"{_TEMP}{secrets.token_hex(6)}")
        fd = os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(temp, write_to)
    except OSError:
        pass  # a cache: the next look rebuilds it


# -- one interface for the files beside a database and the bytes on a clinic server --------

SERVER_TABLE = "photo_files"


class FolderFiles:
    """The photographs of a SQLite file: files in the folder beside it, each written and
    synced before the row that names it (so outside the transaction; safe off the GUI
    thread)."""

    in_transaction = False

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def put(self, data: bytes, thumbnail: bytes | None = None) -> str:
        sha, _path = write_file(self.folder, data)
        if thumbnail is not None:
            write_thumb(self.folder, sha, thumbnail)
        return sha

    def get(self, sha256: str) -> bytes:
        return read_file(self.folder, sha256)

    def exists(self, sha256: str) -> bool:
        return file_path(self.folder, sha256).is_file()

    def state(self, sha256: str) -> str:
        return file_state(self.folder, sha256)

    def thumb(self, sha256: str) -> bytes | None:
        return read_thumb(self.folder, sha256)

    def keep_thumb(self, sha256: str, data: bytes) -> None:
        write_thumb(self.folder, sha256, data)


class ServerFiles:
    """The photographs of a clinic server: rows of ``photo_files``. ``put`` is called inside
    the write that adds the photo row, so both commit or neither does."""

    in_transaction = True

    def __init__(self, store):
        self.store = store

    def put(self, data: bytes, thumbnail: bytes | None = None) -> str:
        sha = sha256_bytes(data)
        self.store.conn.execute(
            f"INSERT INTO {SERVER_TABLE} (sha256, bytes, thumbnail) VALUES (?, ?, ?)"
            " ON CONFLICT (sha256) DO NOTHING", (sha, data, thumbnail))
        return sha

    def _bytes(self, sha256: str, column: str = "bytes") -> bytes | None:
        value = self.store.scalar(f"SELECT {column} FROM {SERVER_TABLE} WHERE sha256 = ?",
                                  (sha256,))
        return None if value is None else bytes(value)

    def get(self, sha256: str) -> bytes:
        data = self._bytes(sha256)
        if data is None:
            raise StorageError(f"The photograph {sha256[:12]}… is missing from the clinic "
                               "server.")
        if sha256_bytes(data) != sha256:
            raise StorageError(f"The photograph {sha256[:12]}… on the clinic server has been "
                               "altered: its bytes no longer match their SHA-256.")
        return data

    def exists(self, sha256: str) -> bool:
        return self.store.scalar(f"SELECT 1 FROM {SERVER_TABLE} WHERE sha256 = ?",
                                 (sha256,)) is not None

    def state(self, sha256: str) -> str:
        data = self._bytes(sha256)
        if data is None:
            return "missing"
        return "ok" if sha256_bytes(data) == sha256 else "altered"

    def thumb(self, sha256: str) -> bytes | None:
        return self._bytes(sha256, "thumbnail")

    def keep_thumb(self, sha256: str, data: bytes) -> None:
        pass  # the server's rows are never changed; a missing thumbnail is made on reading


def files_of(store):
    """The photograph store of the open database (see the module doc)."""
    if getattr(store, "engine", "sqlite") == "postgresql":
        return ServerFiles(store)
    if store.path is None:
        raise StorageError("Photographs are kept beside a database file; this database is in "
                           "memory only.")
    return FolderFiles(folder_of(store.path))


# -- rows ----------------------------------------------------------------------------------

def insert_photo(store, row: dict) -> int:
    row = {**row, "created_at": store.now_iso(), "created_by": store.actor_id}
    return insert_row(store, "photos", row)


def get_photo(store, photo_id: int) -> dict:
    row = store.query_one(f"SELECT {PHOTO_COLUMNS} FROM photos WHERE id = ?", (photo_id,))
    if row is None:
        raise NotFound(f"There is no photograph {photo_id}.")
    return row


def photos_of(store, patient_id: int, include_archived: bool = False) -> list[dict]:
    where = "" if include_archived else " AND archived_at IS NULL"
    return store.query(f"SELECT {PHOTO_COLUMNS} FROM photos WHERE patient_id = ?{where}"
                       " ORDER BY taken_at, id", (patient_id,))


def same_photo(store, patient_id: int, sha256: str | None = None,
               source_sha256: str | None = None) -> dict | None:
    """The patient's photo with these stored bytes or imported from this same file."""
    return store.query_one(
        "SELECT id, view, taken_at, archived_at FROM photos WHERE patient_id = ?"
        " AND (sha256 = ? OR source_sha256 = ?) LIMIT 1",
        (patient_id, sha256 or "", source_sha256 or ""))


def archive_photo(store, photo_id: int, reason: str) -> None:
    store.conn.execute("UPDATE photos SET archived_at = ?, archived_by = ?, archive_reason = ?"
                       " WHERE id = ?", (store.now_iso(), store.actor_id, reason, photo_id))


def all_hashes(store) -> list[dict]:
    """(id, sha256, size) of every photograph, archived or not."""
    if not store.scalar("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'photos'"):
        return []
    return store.query("SELECT id, sha256, size FROM photos ORDER BY id")


def hashes_on(conn, db_path: Path | None) -> list[dict]:
    """``all_hashes`` on a bare (read-only) connection, as ``check`` opens the file."""
    from rejuv_desktop.storage.db import Store, local_now

    return all_hashes(Store(conn, db_path, local_now))


def sessions_and_follow_ups(store, patient_id: int) -> tuple[list[dict], list[dict]]:
    """The patient's sessions and follow-ups, to link a photo to one and to tell what is due."""
    sessions = store.query(
        "SELECT id, plan_id, procedure, session_number, series_length, maintenance, status,"
        " session_date FROM sessions WHERE patient_id = ? ORDER BY session_date, id",
        (patient_id,))
    follow_ups = store.query(
        "SELECT id, session_id, plan_id, kind, rule_id, label, due_from, due_to, status,"
        " visit_date FROM follow_ups WHERE patient_id = ? ORDER BY due_from, id", (patient_id,))
    return sessions, follow_ups


def merz_assessments(store, patient_id: int) -> list[dict]:
    """(side, grade, assessed_at) of every Merz grading of the patient's hands, at a
    consultation or a follow-up visit, oldest first."""
    return store.query("SELECT side, grade, assessed_at FROM hand_assessments"
                       " WHERE patient_id = ? AND scale = 'merz' ORDER BY assessed_at, id",
                       (patient_id,))


def plans_of(store, patient_id: int) -> list[dict]:
    return store.query("SELECT id, procedure, sessions, status FROM plans WHERE patient_id = ?"
                       " ORDER BY id", (patient_id,))


def patient_exists(store, patient_id: int) -> bool:
    return store.scalar("SELECT 1 FROM patients WHERE id = ?", (patient_id,)) is not None


# -- consent -------------------------------------------------------------------------------

CONSENT_COLUMNS = ("id, patient_id, photo_id, use, granted, expires_on, note, recorded_at,"
                   " recorded_by, withdrawn_at, withdrawn_by, withdrawal_reason")


def insert_consent(store, row: dict) -> int:
    row = {**row, "recorded_at": store.now_iso(), "recorded_by": store.actor_id}
    cols = ", ".join(row)
    cur = store.conn.execute(
        f"INSERT INTO photo_consents ({cols}) VALUES ({', '.join('?' * len(row))})",
        list(row.values()))
    return cur.lastrowid


def consents_of(store, patient_id: int) -> list[dict]:
    return store.query(f"SELECT {CONSENT_COLUMNS} FROM photo_consents WHERE patient_id = ?"
                       " ORDER BY id", (patient_id,))


def get_consent(store, consent_id: int) -> dict:
    row = store.query_one(f"SELECT {CONSENT_COLUMNS} FROM photo_consents WHERE id = ?",
                          (consent_id,))
    if row is None:
        raise NotFound(f"There is no photo consent {consent_id}.")
    return row


def withdraw_consent(store, consent_id: int, reason: str) -> None:
    store.conn.execute("UPDATE photo_consents SET withdrawn_at = ?, withdrawn_by = ?,"
                       " withdrawal_reason = ? WHERE id = ?",
                       (store.now_iso(), store.actor_id, reason, consent_id))


def signed_photo_answers(store, patient_id: int) -> list[dict]:
    """The photo answers of the patient's signed consent forms (newest first): each form's
    ``photo_consent_json`` and when it was signed."""
    return store.query(
        "SELECT photo_consent_json, signed_at, created_at FROM documents WHERE patient_id = ?"
        " AND signed_of IS NOT NULL AND photo_consent_json IS NOT NULL"
        " ORDER BY created_at DESC, id DESC", (patient_id,))


def hashes_in_file(db_file: Path | str) -> list[str]:
    """The SHA-256 of every photograph a database file names (read-only; none when it has no
    photo table): what a backup of that file must hold beside it."""
    from rejuv_desktop.storage.backup import connect_read_only

    conn = connect_read_only(Path(db_file), untouched=True)
    try:
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table'"
                            " AND name = 'photos'").fetchone():
            return []
        return [r[0] for r in conn.execute("SELECT DISTINCT sha256 FROM photos")]
    finally:
        conn.close()
