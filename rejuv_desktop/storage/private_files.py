"""Keeping a clinic's files private to the user running the app.

A database holds health data, and so do its journal files (a new patient sits in the ``-wal``
until a checkpoint). Every open tightens the database, its ``-wal``/``-shm``/``-journal`` and its
lock file to 0600 (SQLite creates a new ``-wal``/``-shm`` with the database file's mode, so they
follow), and the app's data and log folders to 0700. Only the owner can change a mode; a file
owned by someone else is left alone and logged.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

log = logging.getLogger(__name__)

FILE_MODE = 0o600
DIR_MODE = 0o700


def database_files(db_path: Path) -> list[Path]:
    """The database and the files SQLite and the app keep beside it."""
    from rejuv_desktop.storage.backup import companions
    from rejuv_desktop.storage.writer_lock import lock_path

    db_path = Path(db_path)
    return [db_path, *companions(db_path), lock_path(db_path)]


def _tighten(path: Path, mode: int) -> None:
    try:
        current = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return
    except OSError as exc:
        log.warning("cannot read the mode of a database file: %s", exc.strerror)
        return
    if current & 0o077 == 0:
        return
    try:
        os.chmod(path, current & mode)
        log.info("tightened a file's mode from %o to %o", current, current & mode)
    except OSError as exc:  # not the owner: say so, do not stop the open
        log.warning("cannot make a file private (%s)", exc.strerror)


def tighten_database(db_path: Path) -> None:
    """Make the database and its journal and lock files readable by their owner only."""
    if os.name != "posix":  # Windows keeps access in ACLs, inherited from the user's folder
        return
    for path in database_files(Path(db_path)):
        _tighten(path, FILE_MODE)


def private_dir(directory: Path) -> Path:
    """Create ``directory`` (and missing parents) for the owner only, and tighten it to 0700
    when it exists with wider access."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    if os.name == "posix":
        _tighten(directory, DIR_MODE)
    return directory


def private_umask() -> None:
    """New files and folders of this process are the user's alone (0600 / 0700): PDFs, exports,
    backups and journal files all hold health data."""
    if os.name == "posix":
        os.umask(0o077)
