"""What a new version would change in a database before it opens it for writing."""

from __future__ import annotations

from pathlib import Path

from rejuv_desktop.storage import schema
from rejuv_desktop.storage.backup import companions
from rejuv_desktop.storage.db import BUSY_TIMEOUT_MS, sqlite3


def pending_migrations(path: Path) -> list[str]:
    """The migrations this version would apply to the clinic's database at ``path``.

    Empty for a missing or empty file, a file that is not this app's (no migration applied: a
    new clinic has nothing to keep), or one that is up to date. Read without writing, as
    ``db._refuse_newer_without_writing`` does: a file with no journal beside it is read as
    immutable, so not even ``-wal``/``-shm`` files appear.
    """
    path = Path(path)
    if not path.is_file() or path.stat().st_size == 0:
        return []
    option = "immutable=1" if not any(p.exists() for p in companions(path)) else "mode=ro"
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?{option}", uri=True,
                               isolation_level=None, check_same_thread=False,
                               timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error:
        return []  # not readable as a database: the normal open says why
    try:
        if not schema.applied_names(conn):
            return []
        return schema.pending_names(conn)
    except sqlite3.Error:
        return []
    finally:
        conn.close()
