"""The integrity check of a database that is open, with progress, on its own connection.

``PRAGMA quick_check`` gives no progress of its own. SQLite calls a progress handler every so
many virtual-machine steps, and a quick_check takes about the same number of steps per page
(60-70 on this app's databases, blobs included), so the share done is estimated from the steps
taken and the file's page count; it is capped below 100 % until the check ends, and the
handler also lets the check be stopped (the app closing).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rejuv_desktop.errors import StorageError
from rejuv_desktop.storage import backup as files
from rejuv_desktop.storage.db import sqlite3

STEPS_PER_PAGE = 65
_STEP_BATCH = 20_000


class CheckStopped(Exception):
    """The check was stopped before it ended (nothing is known about the file)."""


def quick_check(path: Path, on_progress: Callable[[float], None] | None = None,
                should_stop: Callable[[], bool] | None = None) -> list[str]:
    """``["ok"]`` when the database at ``path`` is sound, else SQLite's complaints.

    Runs on a read-only connection, so it never changes the file and can run while the app
    reads and writes it. ``on_progress(share)`` gets estimates between 0 and 1;
    ``should_stop()`` returning True stops the check (``CheckStopped``).
    """
    path = Path(path)
    if not path.exists() or path.stat().st_size == 0:
        return ["ok"]
    try:
        conn = files._connect_read_only(path)
    except sqlite3.Error as exc:
        raise StorageError(f"The database {path} cannot be opened: {exc}.") from exc
    try:
        pages = max(1, conn.execute("PRAGMA page_count").fetchone()[0])
        expected = pages * STEPS_PER_PAGE
        steps = 0

        def handler() -> int:
            nonlocal steps
            steps += _STEP_BATCH
            if should_stop is not None and should_stop():
                return 1
            if on_progress is not None:
                on_progress(min(0.99, steps / expected))
            return 0

        conn.set_progress_handler(handler, _STEP_BATCH)
        try:
            lines = [str(r[0]) for r in conn.execute("PRAGMA quick_check").fetchall()]
        except sqlite3.OperationalError as exc:
            if "interrupt" in str(exc).lower():
                raise CheckStopped() from exc
            raise
        finally:
            conn.set_progress_handler(None, 0)
        if lines == ["ok"]:
            # A file cut short can pass quick_check when the lost pages are free pages.
            size = conn.execute("PRAGMA page_size").fetchone()[0]
            wal = files.companions(path)[0]
            if path.stat().st_size < pages * size and not (wal.exists() and wal.stat().st_size):
                lines = [f"the file is shorter than its {pages} pages: it was cut short"]
        if on_progress is not None:
            on_progress(1.0)
        return lines
    except sqlite3.Error as exc:
        if files._is_damage(exc):
            return [str(exc)]
        raise StorageError(f"The database {path} cannot be checked: {exc}.") from exc
    finally:
        conn.close()
