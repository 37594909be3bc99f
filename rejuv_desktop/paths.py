"""Where the app keeps its files: the platform's user data and log folders (platformdirs)."""

from __future__ import annotations

from pathlib import Path

import platformdirs

from rejuv_desktop import APP_ID

_AUTHOR = "RejuvDesktop"


def data_dir() -> Path:
    return platformdirs.user_data_path(APP_ID, _AUTHOR)


def log_dir() -> Path:
    return platformdirs.user_log_path(APP_ID, _AUTHOR)


def default_db_path() -> Path:
    """The database used when no ``--db`` is given."""
    return data_dir() / "rejuv.sqlite3"


def config_dir() -> Path:
    """This workstation's own settings (where its records are kept: a file or a server)."""
    return platformdirs.user_config_path(APP_ID, _AUTHOR)
