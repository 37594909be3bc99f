"""The first start of a new version: a verified backup before the database is migrated.

Installing a new version replaces the program's folder only; the clinic's data folder (its
database, backups, keys and content overrides) lives elsewhere and is never touched by an
installer. When the new version brings schema changes, the first program to open the database
for writing (the app, or a command) backs it up first, into the usual backups folder, and only
then migrates; if the backup cannot be made, nothing is migrated and the message says why.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from rejuv_desktop import __version__
from rejuv_desktop.errors import StorageError
from rejuv_desktop.services import backup as sb
from rejuv_desktop.storage import upgrade

log = logging.getLogger(__name__)


def backup_before_upgrade(db_path: Path, now: datetime | None = None) -> sb.BackupResult | None:
    """Back up the database at ``db_path`` when this version would migrate it; None when
    there is nothing to migrate (a new clinic, or one already up to date)."""
    db_path = Path(db_path)
    pending = upgrade.pending_migrations(db_path)
    if not pending:
        return None
    try:
        result = sb.backup_now(db_path, sb.default_backup_dir(db_path), now or datetime.now())
    except StorageError as exc:
        raise StorageError(
            f"Rejuv Desktop {__version__} updates the database's structure ({len(pending)} "
            f"change(s)) and first makes a backup of it, which failed: {exc} The database "
            "has not been changed; free some space or fix the backups folder, then start "
            "again.") from exc
    log.info("backup before upgrading to %s (%d schema change(s)): %s", __version__,
             len(pending), result.path.name)
    return result
