"""Starting the GUI: logging, exception hook, single-instance lock, database, main window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QLockFile, QSettings
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from rejuv_desktop import APP_ID, APP_NAME, __version__, paths
from rejuv_desktop.content import resource_path
from rejuv_desktop.errors import UserError

log = logging.getLogger(__name__)


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setOrganizationName("RejuvDesktop")
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    icon = resource_path("icons", "rejuv-desktop.png")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def acquire_lock(db_path: Path) -> QLockFile | str:
    """Lock the database for this process; a message if another instance holds it.

    The lock file sits beside the database, so two users of one workstation cannot both open
    it. A lock left by a process that was killed is detected (by PID) and taken over.
    """
    lock = QLockFile(str(db_path) + ".lock")
    lock.setStaleLockTime(0)
    if lock.tryLock(100):
        return lock
    info = lock.getLockInfo()  # (pid, host, app); some bindings prefix a success flag
    info = info[1:] if len(info) == 4 else info
    pid, host = (info[0], info[1]) if info and info[0] else (None, None)
    who = f" (process {pid} on {host})" if pid else ""
    return (f"{APP_NAME} is already open on this database{who}. Switch to that window, or "
            "close it first.")


def sign_in_at_start(store) -> bool:
    """First run sets up the clinic and its administrator; later runs ask who is signing in."""
    from rejuv_desktop.services import practitioners as pr
    from rejuv_desktop.ui.accounts import FirstRunWizard, SignInDialog

    dialog = SignInDialog(store) if pr.has_accounts(store) else FirstRunWizard(store)
    return bool(dialog.exec()) and store.actor_id is not None


def check_content_at_start() -> bool:
    """The clinic's own content files (overrides) are read before anything else: a mistake
    stops the start with the file, the line and what to do, never a traceback."""
    from rejuv_desktop.services.content_check import check_overrides_at_start

    problem = check_overrides_at_start()
    if problem is None:
        return True
    log.error("start stopped: a content override has a mistake")
    QMessageBox.critical(None, APP_NAME, problem)
    return False


def check_database_at_start(db_path: Path) -> bool:
    """Before opening: quick_check the database. A damaged file is moved aside (with its
    journal files) and the newest good backup offered; False when the user chooses to quit."""
    from rejuv_desktop.ui.backup import recover_at_start

    try:
        return recover_at_start(db_path)
    except UserError as exc:
        QMessageBox.critical(None, APP_NAME, str(exc))
        return False


def check_after_start(window, db_path: Path) -> None:
    """The start-up integrity check, run off the GUI thread; a problem shows a banner."""
    from rejuv_desktop.services import backup as sb
    from rejuv_desktop.ui.tasks import run_in_background

    def done(problem: str | None) -> None:
        if problem:
            window.show_banner(window.tr(
                "The database failed its integrity check ({problem}). Close Rejuv Desktop and "
                "open it again: the damaged file will be set aside and a backup offered.").format(
                problem=problem))

    def failed(exc: Exception) -> None:
        log.warning("background integrity check did not run: %s", type(exc).__name__)

    run_in_background(lambda: sb.check_in_background(db_path), done, failed)


def run_gui(db_path: Path | None = None) -> int:
    from rejuv_desktop.storage import open_store
    from rejuv_desktop.ui.errors import excepthook
    from rejuv_desktop.ui.main_window import MainWindow

    app = make_application()
    sys.excepthook = excepthook
    if not check_content_at_start():
        return 1
    db_path = Path(db_path) if db_path else paths.default_db_path()
    db_path.parent.mkdir(parents=True, exist_ok=True)
    from rejuv_desktop.services import backup as sb

    # A clean exit removes the lock file: one left behind means the app was killed or the
    # machine lost power, so the database is checked in full before it is opened. Otherwise the
    # check runs in the background once the window is up: on a large database it takes minutes.
    unclean = Path(str(db_path) + ".lock").exists() or sb.needs_check_marker(db_path).exists()
    lock = acquire_lock(db_path)
    if isinstance(lock, str):
        QMessageBox.critical(None, APP_NAME, lock)
        return 1
    if unclean:
        if not check_database_at_start(db_path):
            lock.unlock()
            return 1
        sb.needs_check_marker(db_path).unlink(missing_ok=True)
    try:
        store = open_store(db_path)
    except UserError as exc:
        QMessageBox.critical(None, APP_NAME, str(exc))
        return 1
    log.info("started %s", __version__)
    if not sign_in_at_start(store):
        store.close()
        lock.unlock()
        return 0
    window = MainWindow(store, QSettings())
    window.show()
    if not unclean:
        check_after_start(window, db_path)
    window.offer_resume()
    try:
        return app.exec()
    finally:
        store.close()
        lock.unlock()
