"""Logging to a rotating file in the platform's log folder.

Log lines carry record ids and events, never names or other identifying data.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from rejuv_desktop import paths

LOG_FILE = "rejuv-desktop.log"


def setup_logging(level: int = logging.INFO, directory: Path | None = None) -> Path:
    """Send the app's log to ``<log dir>/rejuv-desktop.log`` (1 MB × 5 files)."""
    directory = directory or paths.log_dir()
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / LOG_FILE
    root = logging.getLogger()
    if not any(getattr(h, "baseFilename", None) == str(path) for h in root.handlers):
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5,
                                                       encoding="utf-8")
        handler.setFormatter(logging.Formatter(
            "%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(level)
    return path
