"""The integrity check after an unclean exit, shown while the window is already in use.

The check starts as soon as the database is open (before sign-in, so it gains the time a person
takes to type a password), on a worker thread with a read-only connection of its own. Until it
passes, writes are held by the store: a save gets "the database check is still running" and the
form keeps what was typed. The window shows a bar with the check's progress; when it passes the
bar goes and saving works; when it finds damage the bar says so and writes stay refused (the
next start sets the damaged file aside and offers a backup, as before).
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (QApplication, QHBoxLayout, QLabel, QProgressBar, QWidget)

from rejuv_desktop.services import integrity as si

log = logging.getLogger(__name__)


class CheckBar(QWidget):
    """A strip across the top of the window: what is being checked, and how far it is."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("check_bar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("#check_bar { background: #fff4d6; border-bottom: 1px solid #e6c35c; }"
                           " QLabel { color: #5c4400; }")
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 12, 6)
        self.label = QLabel()
        self.label.setObjectName("check_text")
        self.label.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setObjectName("check_progress")
        self.progress.setRange(0, 100)
        self.progress.setFixedWidth(180)
        self.progress.setFormat(self.tr("about %p %"))
        row.addWidget(self.label, 1)
        row.addWidget(self.progress)


class StartupCheck(QObject):
    """Runs the check, holds the store's writes until it passes, and shows it in a window."""

    progressed = Signal(int)
    finished = Signal(object)  # None when sound, else the problem found
    _ended = Signal(object, object)  # (problem, exception) from the checking thread

    def __init__(self, store, db_path, parent=None):
        super().__init__(parent)
        self.store = store
        self.db_path = db_path
        self.percent = 0
        self.running = True
        self.problem: str | None = None
        self.bar: CheckBar | None = None
        self.window = None
        self._stop = threading.Event()
        self.progressed.connect(self._on_progress)
        self._ended.connect(self._on_ended)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._stop.set)

    def start(self) -> None:
        si.hold_writes_for_check(self.store)
        log.info("integrity check after an unclean exit started in the background")
        # A thread of its own, at a lower priority, so the window's start and the typing that
        # follows come first; it ends with the app (stopped through the progress handler).
        threading.Thread(target=self._work, name="integrity-check", daemon=True).start()

    def _work(self) -> None:  # checking thread
        si.lower_thread_priority()
        try:
            problem = si.check_open_database(self.db_path, self._report, self._stop.is_set)
        except Exception as exc:  # noqa: BLE001 - handed to the GUI thread
            self._ended.emit(None, exc)
            return
        self._ended.emit(problem, None)

    def _on_ended(self, problem, exc) -> None:
        if exc is not None:
            self._failed(exc)
        else:
            self._done(problem)

    def _report(self, share: float) -> None:  # worker thread: hand over through a signal
        percent = int(share * 100)
        if percent != self.percent:
            self.progressed.emit(percent)

    def attach(self, window) -> None:
        """Show the check in ``window`` (a bar above the record while it runs)."""
        self.window = window
        if not self.running:
            self._show_result()
            return
        self.bar = CheckBar(window)
        self.bar.label.setText(self.tr(
            "Checking the database after the last unclean exit. You can search and read "
            "records now; saving waits until the check is done."))
        self.bar.progress.setValue(self.percent)
        layout = window.banner.parentWidget().layout()  # beside the window's banner
        layout.insertWidget(layout.indexOf(window.banner), self.bar)
        self.bar.show()
        window.show_banner(None)  # the bar says it better than "changes cannot be saved"

    def _on_progress(self, percent: int) -> None:
        self.percent = max(self.percent, percent)
        if self.bar is not None:
            self.bar.progress.setValue(self.percent)

    def _done(self, problem: str | None) -> None:
        self.running = False
        self.problem = problem
        si.release_writes(self.store, problem)
        self._show_result()
        self.finished.emit(problem)

    def _failed(self, exc: Exception) -> None:
        self.running = False
        if isinstance(exc, si.CheckStopped):
            return
        # The check could not run (file unreadable for a moment…): say so, keep writes held.
        log.warning("integrity check after an unclean exit did not run: %s", type(exc).__name__)
        self.problem = str(exc)
        si.release_writes(self.store, self.problem)
        self._show_result()
        self.finished.emit(self.problem)

    def _show_result(self) -> None:
        if self.bar is not None:
            self.bar.hide()
            self.bar.deleteLater()
            self.bar = None
        if self.window is None:
            return
        if self.problem:
            self.window.show_banner(self.store.writes_held)
        else:
            self.window.check_writable()  # clears the banner, or says why saving still fails
            self.window.statusBar().showMessage(
                self.tr("Database check done: the database is sound."), 8000)
