"""The integrity check after an unclean exit, run while the app is already open.

After a crash or a power cut SQLite's atomic commit has already brought the database back to
its last committed state; the full check is the belt and braces. It takes minutes on a large
clinic (200 s at 100,000 patients), so the window opens at once, reading works, and writes wait
(``Store.hold_writes``) until the check passes. Damage leaves the "needs check" marker, so the
next start runs the start-up check that moves the damaged file aside and offers a backup.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from rejuv_desktop.services import backup as sb
from rejuv_desktop.storage import integrity

log = logging.getLogger(__name__)

CHECK_RUNNING = ("The database check is still running after the last unclean exit, so nothing "
                 "can be saved yet. Your entry is kept: save again when the check is done "
                 "(see the bar at the top of the window).")
CHECK_FAILED = ("The database failed its integrity check ({problem}), so nothing more is saved "
                "into it. Close Rejuv Desktop and open it again: the damaged file will be set "
                "aside and a backup offered.")

CheckStopped = integrity.CheckStopped


def hold_writes_for_check(store) -> None:
    """Refuse writes until ``check_open_database`` has passed (see ``release_writes``)."""
    store.hold_writes(CHECK_RUNNING)


def release_writes(store, problem: str | None) -> None:
    """After the check: writes go on when it passed; stay refused, saying why, when not."""
    store.hold_writes(CHECK_FAILED.format(problem=problem) if problem else None)


def lower_thread_priority() -> None:
    """Let the calling thread yield CPU (and, with most Linux disk schedulers, disk) to the
    window: a nice of 10 for this thread only (Linux). Elsewhere nothing changes."""
    if sys.platform.startswith("linux") and hasattr(os, "setpriority"):
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)


def pending_marker(db_path: Path) -> Path:
    """Present while a check after an unclean exit has not ended (the app was closed or killed
    during it): the next start checks again before saves are allowed."""
    return Path(str(db_path) + ".check-pending")


def check_pending(db_path: Path) -> bool:
    return pending_marker(db_path).exists()


def check_open_database(db_path: Path, on_progress: Callable[[float], None] | None = None,
                        should_stop: Callable[[], bool] | None = None) -> str | None:
    """Check the open database on a read-only connection of its own (safe on a worker
    thread): ``None`` when sound, else what SQLite reported (and the marker for the next
    start is left). Raises ``CheckStopped`` when stopped before the end; the check is then
    still pending at the next start."""
    db_path = Path(db_path)
    pending = pending_marker(db_path)
    if not pending.exists():
        pending.write_text("", encoding="utf-8")
    lines = integrity.quick_check(db_path, on_progress, should_stop)
    pending.unlink(missing_ok=True)
    if lines == ["ok"]:
        log.info("integrity check after an unclean exit: ok")
        return None
    problem = "; ".join(lines[:3])
    log.error("integrity check after an unclean exit found damage")
    sb.needs_check_marker(db_path).write_text(problem, encoding="utf-8")
    return problem
