"""The clinic's database as the window and the command line see it: opening it, its single-writer
lock, whether it can be written, the engine's version.

The interface and the command line never import ``storage``; they come here. Then the engine
behind the records (SQLite today) can change inside ``storage/`` alone.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from rejuv_desktop.storage import db as storage_db
from rejuv_desktop.storage import private_files, writer_lock
from rejuv_desktop.storage.writer_lock import WriterLockHeld, describe_holder

__all__ = ["WriterLockHeld", "describe_holder", "engine_version", "hold_writer_lock",
           "make_private_dir", "open_database", "private_umask", "probe_writable",
           "set_program", "take_writer_lock", "witness_file"]


def open_database(path: Path | str | None, *, clock: Callable[[], datetime] | None = None,
                  migrate: bool = True, read_only: bool = False):
    """Open (creating if needed) the clinic's database at ``path`` and bring it up to date.

    For writing (the default) this takes the single-writer lock: while another process writes
    to it, ``WriterLockHeld`` (a ``StorageError``) names that process and nothing is opened.
    ``read_only`` opens without the lock, migrations or any write; ``migrate=False`` opens a
    second connection to a database another connection keeps up to date. A database written
    by a newer version of the app is refused with a ``StorageError``.
    """
    return storage_db.open_store(path, clock=clock or storage_db.local_now, migrate=migrate,
                          read_only=read_only)


def engine_version() -> str:
    """Version of the SQLite library the records are kept with (About and ``check``)."""
    return storage_db.sqlite_version()


def probe_writable(store) -> None:
    """Raise the ``StorageError`` a save would meet now (read-only file or folder, a full disk,
    writes held by the start-up check); return quietly when a save can go ahead. Writes
    nothing."""
    with store.write():
        store.refuse_if_read_only()


def take_writer_lock(path: Path):
    """Take the database's single-writer lock for this process (held until released or the
    process ends); ``WriterLockHeld`` names the process holding it."""
    return writer_lock.acquire(path)


def hold_writer_lock(path: Path):
    """A context manager holding the single-writer lock across a block (a restore's swap)."""
    return writer_lock.holding(path)


def set_program(name: str) -> None:
    """How this process is named to another that finds the database's lock taken."""
    writer_lock.set_program(name)


def make_private_dir(path: Path) -> Path:
    """Create a folder (and its parents) readable by its owner only."""
    return private_files.private_dir(path)


def private_umask() -> None:
    """Files this process creates from now on are readable by their owner only."""
    private_files.private_umask()


def witness_file(path: Path) -> Path:
    """The file beside the database that keeps the audit trail's head (the witness)."""
    from rejuv_desktop.storage import witness

    return witness.witness_path(path)


def is_server(target) -> bool:
    """True when ``target`` names a clinic server (a ``postgresql://`` URL), not a file."""
    from rejuv_desktop.storage import pg

    return pg.is_url(str(target)) if target is not None else False


def init_server(admin_url: str, *, app_password: str | None = None) -> dict:
    """For clinic IT: create the schema on the server and the app's least-privilege role."""
    from rejuv_desktop.storage import pg

    return pg.server_init(admin_url, app_password=app_password)


def move_to_server(source_path: Path, url: str) -> dict:
    """Move a single-workstation clinic (a SQLite file) onto an empty clinic server.

    The file's audit chain is verified before anything is copied, every table's rows are
    counted on both sides, and the chain is verified again on the server with the same clinic
    key, which is copied beside this workstation's record of the server. Returns
    ``{"counts": {table: (file, server)}, "audit": (file message, server message)}``.
    Raises ``StorageError`` (nothing left half-copied) when anything does not match.
    """
    import shutil

    from rejuv_desktop.errors import StorageError
    from rejuv_desktop.storage import audit, clinic_key, pg

    source = storage_db.open_store(source_path, read_only=True)
    try:
        before = audit.verify_chain(source)
        if not before.ok:
            raise StorageError(f"The file's audit trail does not verify ({before.message}); "
                               "nothing was copied. Run rejuv-desktop check on it first.")
        counts = pg.copy_from_sqlite(source, url)
    finally:
        source.close()
    key_file = clinic_key.key_path(source_path)
    anchor = pg.key_anchor(url)
    if key_file.exists():
        make_private_dir(anchor.parent)
        shutil.copy2(key_file, clinic_key.key_path(anchor))
    server = storage_db.open_store(url)
    try:
        after = audit.verify_chain(server, ring=clinic_key.load(source_path))
    finally:
        server.close()
    if not after.ok or after.head != before.head:
        raise StorageError(f"The audit trail copied to the server does not verify "
                           f"({after.message}).")
    mismatched = [t for t, (a, b) in counts.items() if a != b]
    if mismatched:
        raise StorageError(f"Row counts differ for {', '.join(mismatched)}.")
    return {"counts": counts,
            "audit": (before.message, after.message)}


def probe_server(url: str) -> dict:
    """Connect to a clinic server and report ``server_version`` and ``patients`` (``None``
    when no clinic is set up on it yet); ``StorageError`` says why it cannot be used. Writes
    nothing."""
    from rejuv_desktop.errors import StorageError
    from rejuv_desktop.storage import pg

    found = pg.probe(url)
    if found["newer"]:
        raise StorageError("This clinic server's database was written by a newer version of "
                           "Rejuv Desktop: install the newer version on this workstation.")
    return found


def on_server(store) -> bool:
    """True when ``store`` holds the records on a clinic server (several workstations)."""
    return getattr(store, "engine", "sqlite") == "postgresql"


def location(store) -> str:
    """Where the records are, for a person: the file's path, or the server as
    ``host:port/database`` (never the password), or ``""`` in memory."""
    if on_server(store):
        from psycopg.conninfo import conninfo_to_dict

        info = conninfo_to_dict(store.url)
        return f"{info.get('host', '')}:{info.get('port', 5432)}/{info.get('dbname', '')}"
    return str(store.path) if store.path else ""


def address(store) -> Path | str | None:
    """What opens the same records on another connection (for a thread of its own): the
    file's path, or the server's URL; None for a database in memory."""
    return store.url if on_server(store) else store.path


def backup_server(url: str, out: Path) -> dict:
    """For clinic IT: a ``pg_dump`` of the clinic server, kept only once it was restored into a
    scratch database and found whole (every table's rows counted, the audit chain verified).
    The clinic key this workstation keeps for the server verifies keyed audit rows."""
    from rejuv_desktop.storage import clinic_key, pg

    return pg.backup(url, out, ring=clinic_key.load(pg.key_anchor(url)))
