"""Is the SQLite library the app runs on safe from the WAL-reset bug?

SQLite 3.7.0 to 3.51.2 can corrupt a database in WAL mode (the mode this app uses) when one
connection resets the write-ahead log while another is writing or checkpointing at the same
moment: the app, a backup and a command, say. 3.51.3 fixed it. The app bundles a newer SQLite
through ``pysqlite3`` wherever a wheel exists (Linux x86_64, Windows amd64, macOS arm64);
elsewhere it runs on the system's own library, and ``check``, About and a banner in the window
say when that one is affected instead of reporting it OK.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

AFFECTED_FROM = (3, 7, 0)
FIXED_IN = (3, 51, 3)


def parse_version(text: str) -> tuple[int, int, int]:
    """``"3.51.2"`` -> ``(3, 51, 2)``; a missing part counts as 0. ValueError when unreadable."""
    match = re.fullmatch(r"\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.\d+)*\s*", text or "")
    if not match:
        raise ValueError(f"not a SQLite version: {text!r}")
    major, minor, patch = (int(part or 0) for part in match.groups())
    return major, minor, patch


def wal_reset_affected(version: str) -> bool:
    """True for the versions with the WAL-reset bug, 3.7.0 to 3.51.2 (both included).

    A version that cannot be read counts as affected: nothing unknown is reported safe."""
    try:
        parsed = parse_version(version)
    except ValueError:
        return True
    return AFFECTED_FROM <= parsed < FIXED_IN


def _dotted(version: tuple[int, int, int]) -> str:
    return ".".join(map(str, version))


@dataclass(frozen=True)
class SqliteStatus:
    version: str
    affected: bool

    @property
    def bug_range(self) -> str:
        return f"{_dotted(AFFECTED_FROM)} to {_dotted((*FIXED_IN[:2], FIXED_IN[2] - 1))}"

    def describe(self) -> str:
        """One line for ``check`` and the log."""
        if not self.affected:
            return self.version
        return (f"{self.version} is affected by SQLite's WAL-reset bug (versions "
                f"{self.bug_range}), which can corrupt the database when two programs write "
                f"to it at the same moment. This platform has no build with SQLite "
                f"{_dotted(FIXED_IN)} or newer: keep one program writing at a time, and the "
                "automatic backups on")


def current_status() -> SqliteStatus:
    """The status of the SQLite library this process uses."""
    from rejuv_desktop.storage.db import sqlite_version

    version = sqlite_version()
    return SqliteStatus(version, wal_reset_affected(version))
