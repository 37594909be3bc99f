"""Starting the GUI: logging, exception hook, single-instance lock, database, main window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from rejuv_desktop import APP_ID, APP_NAME, DESKTOP_ID, __version__, paths
from rejuv_desktop.content import resource_path
from rejuv_desktop.errors import UserError
from rejuv_desktop.ui import i18n
from rejuv_desktop.ui.i18n import Context

log = logging.getLogger(__name__)


class Startup(Context):
    """The context of the words said while the app starts."""


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setOrganizationName("RejuvDesktop")
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    # Wayland finds the window's icon and name through the installed desktop file's name.
    app.setDesktopFileName(DESKTOP_ID)
    icon = resource_path("icons", "rejuv-desktop.png")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def acquire_lock(db_path: Path):
    """Take the database's single-writer lock for this process,
    or the message naming the process that holds it.

    The lock file sits beside the database, so two users of one workstation, or the app and a
    command, cannot both write to it. A lock left by a process that was killed is released by
    the system and taken over at once.
    """
    from rejuv_desktop.services import database

    try:
        return database.take_writer_lock(db_path)
    except database.WriterLockHeld as exc:
        who = database.describe_holder(exc.holder)
        if exc.holder.get("program") == APP_NAME:
            return Startup.tr("The database is open in {who}. Switch to that window, or close it "
                              "first.").format(who=who)
        return Startup.tr("The database is open in {who}. Wait for it to finish, then open {app} "
                          "again.").format(who=who, app=APP_NAME)


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


class _AfterFirstPaint(QObject):
    """Runs ``fn`` once, just after ``widget`` is first painted."""

    def __init__(self, widget, fn):
        super().__init__(widget)
        self.fn = fn
        widget.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint and self.fn is not None:
            fn, self.fn = self.fn, None
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self, fn)
        return False


def after_first_paint(widget, fn) -> None:
    """Run ``fn`` once ``widget`` is on screen: a question asked at start comes over the
    window, and the window is never kept waiting for it."""
    _AfterFirstPaint(widget, fn)


def check_after_start(window, db_path: Path) -> None:
    """The start-up integrity check, run off the GUI thread; a problem shows a banner."""
    from rejuv_desktop.services import backup as sb
    from rejuv_desktop.ui.tasks import run_in_background

    def done(problem: str | None) -> None:
        if problem:
            window.show_banner(Startup.tr(
                "The database failed its integrity check ({problem}). Close Rejuv Desktop and "
                "open it again: the damaged file will be set aside and a backup offered.").format(
                problem=problem))
        window.hooks.database_checked(problem)

    def failed(exc: Exception) -> None:
        log.warning("background integrity check did not run: %s", type(exc).__name__)

    run_in_background(lambda: sb.check_in_background(db_path), done, failed)


def _open_after_unclean_exit(db_path: Path):
    """Open a database left by an unclean exit; one too damaged to open goes through the
    start-up check (set aside, a backup offered) first."""
    from rejuv_desktop.services.database import open_database

    try:
        return open_database(db_path)
    except UserError as exc:
        log.warning("database did not open after an unclean exit: %s", type(exc).__name__)
        if not check_database_at_start(db_path):
            return None
        return open_database(db_path)


def records_target():
    """Where the window opens the records when no ``--db`` was given: the server this
    workstation was set up for, or the file in the user's data folder. On the first run of a
    workstation (neither saved nor a file yet) the practitioner is asked; ``None`` to quit."""
    from rejuv_desktop.services import workstation
    from rejuv_desktop.services.database import make_private_dir

    default = paths.default_db_path()
    if not default.parent.exists():
        make_private_dir(default.parent)
    saved = workstation.load()
    if saved is not None:
        return saved.url(workstation.load_password()) if saved.is_server else default
    if default.exists():
        return default
    from rejuv_desktop.ui.connection import WhereRecordsDialog

    dialog = WhereRecordsDialog()
    if not dialog.exec():
        return None
    return dialog.target() or default


def open_server_at_start(url: str):
    """Open the clinic server's records; when it cannot be reached, say so and offer to try
    again or change this workstation's connection. ``None`` to quit."""
    from rejuv_desktop.services import workstation
    from rejuv_desktop.services.database import open_database

    while True:
        try:
            return open_database(url)
        except UserError as exc:
            box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, Startup.tr(
                "<p><b>The clinic server cannot be used.</b></p><p>{why}</p><p>Check that "
                "the server is on and this computer is on the clinic's network, or change "
                "this workstation's connection.</p>").format(why=str(exc)))
            box.setObjectName("server_unreachable")
            retry = box.addButton(Startup.tr("Try again"), QMessageBox.ButtonRole.AcceptRole)
            change = box.addButton(Startup.tr("Change connection…"),
                                   QMessageBox.ButtonRole.ActionRole)
            box.addButton(Startup.tr("Quit"), QMessageBox.ButtonRole.RejectRole)
            box.setDefaultButton(retry)
            box.exec()
            if box.clickedButton() is retry:
                continue
            if box.clickedButton() is not change:
                return None
            from rejuv_desktop.ui.connection import WhereRecordsDialog

            dialog = WhereRecordsDialog(workstation.load())
            if not dialog.exec():
                return None
            target = dialog.target()
            if target is None:  # the file on this computer, from the next start
                QMessageBox.information(None, APP_NAME, Startup.tr(
                    "This workstation will keep its records in a file on this computer from "
                    "the next start."))
                return None
            url = target


def run_on_server(app, url: str) -> int:
    """The window on a clinic server: no file lock or file check (the server arbitrates
    between workstations and keeps its own backups); sign-in, then the window."""
    from rejuv_desktop.ui.main_window import MainWindow

    store = open_server_at_start(url)
    if store is None:
        return 1
    try:
        log.info("started %s on a clinic server", __version__)
        if not sign_in_at_start(store):
            return 0
        window = MainWindow(store, QSettings())
        window.show()
        after_first_paint(window.table.viewport(), window.offer_resume)
        return app.exec()
    finally:
        store.close()


def run_gui(db_path: Path | None = None, *, quit_when_shown: bool = False) -> int:
    from rejuv_desktop.services.database import make_private_dir, open_database
    from rejuv_desktop.ui.errors import excepthook
    from rejuv_desktop.ui.main_window import MainWindow

    app = make_application()
    i18n.install(i18n.ui_language())
    sys.excepthook = excepthook
    if quit_when_shown:
        from rejuv_desktop.ui.first_window import quit_when_shown as quit_at_first_window

        quit_at_first_window(app)
    if not check_content_at_start():
        return 1
    from rejuv_desktop.services.database import is_server

    if db_path is None:
        db_path = records_target()
        if db_path is None:
            return 0
    if is_server(db_path):
        return run_on_server(app, str(db_path))
    db_path = Path(db_path)
    if not db_path.parent.exists():
        make_private_dir(db_path.parent)
    from rejuv_desktop.services import backup as sb

    lock = acquire_lock(db_path)
    if isinstance(lock, str):
        QMessageBox.critical(None, APP_NAME, lock)
        return 1
    store = None
    try:
        from rejuv_desktop.ui.backup import offer_found_at_start

        if not offer_found_at_start(db_path):  # no database, but one set aside: offer it
            return 1
        # A clean exit removes the lock file: one found on taking the lock was left by a run
        # that was killed or lost power. The database then opens at once and is checked in the
        # background while writes wait (start_check.py). A "needs check" marker (damage found by
        # an earlier check) runs the start-up check before opening: the damaged file is set
        # aside and a backup offered. A check after an unclean exit that did not end (the app
        # was closed during it) runs again. Otherwise the check runs in the background.
        from rejuv_desktop.services import integrity as si

        unclean = lock.left_by is not None or si.check_pending(db_path)
        if sb.needs_check_marker(db_path).exists():
            if not check_database_at_start(db_path):
                return 1
            sb.needs_check_marker(db_path).unlink(missing_ok=True)
            si.pending_marker(db_path).unlink(missing_ok=True)  # the full check just ran
            unclean = False
        try:
            from rejuv_desktop.services.upgrade import backup_before_upgrade

            backup_before_upgrade(db_path)  # a new version's first start: before migrating
            store = _open_after_unclean_exit(db_path) if unclean else open_database(db_path)
        except UserError as exc:
            QMessageBox.critical(None, APP_NAME, str(exc))
            return 1
        if store is None:
            return 1
        log.info("started %s", __version__)
        checker = None
        if unclean:
            from rejuv_desktop.ui.start_check import StartupCheck

            checker = StartupCheck(store, db_path)
            checker.start()
        if not sign_in_at_start(store):
            return 0
        window = MainWindow(store, QSettings())
        from rejuv_desktop.ui.about import add_sqlite_banner

        add_sqlite_banner(window)
        window.show()
        if checker is not None:
            checker.attach(window)
        else:
            check_after_start(window, db_path)
        after_first_paint(window.table.viewport(), window.offer_resume)
        return app.exec()
    finally:
        if store is not None:
            store.close()
        lock.release()
