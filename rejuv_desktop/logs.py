"""Logging to a rotating file in the platform's log folder.

Log lines carry record ids and events, never names or other identifying data. Each line says
which process wrote it and which database it concerns (the database's file name), so the log
of a clinic where the app and a command ran at the same time can be read apart.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from rejuv_desktop import paths

LOG_FILE = "rejuv-desktop.log"
LINE_FORMAT = "%(asctime)s [%(process)d] [%(database)s] %(levelname)s %(name)s: %(message)s"
_database = "-"


def set_database(path: Path | str | None) -> None:
    """Name the database the following log lines concern (its file name; ``-`` for none)."""
    global _database
    _database = Path(path).name if path else "-"


def current_database() -> str:
    return _database


class DatabaseFilter(logging.Filter):
    """Adds ``database`` to every record the handler writes."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "database"):
            record.database = _database
        return True


def setup_logging(level: int = logging.INFO, directory: Path | None = None) -> Path:
    """Send the app's log to ``<log dir>/rejuv-desktop.log`` (1 MB × 5 files); the folder is
    the user's alone (0700), and so is the file."""
    from rejuv_desktop.storage.private_files import private_dir

    directory = private_dir(directory or paths.log_dir())
    path = directory / LOG_FILE
    root = logging.getLogger()
    if not any(getattr(h, "baseFilename", None) == str(path) for h in root.handlers):
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5,
                                                       encoding="utf-8")
        handler.setFormatter(logging.Formatter(LINE_FORMAT))
        handler.addFilter(DatabaseFilter())
        root.addHandler(handler)
        if path.exists():
            path.chmod(0o600)
    root.setLevel(level)
    return path
