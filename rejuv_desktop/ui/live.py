"""The window on a clinic server: live with the other workstations, and through a lost
connection.

Each write on the server is announced to every workstation when it commits; this window
listens on a connection of its own (its socket watched by a ``QSocketNotifier``, so nothing
waits), gathers what arrives for a moment, then refreshes what shows it: the patient list (a
patient added at reception appears), the open record, the Due list, who holds what.

When the server cannot be reached the window says so at once in a banner, keeps every form
open (a save is refused with a clear message, what was typed stays), and connects again in
the background; once back, the banner goes, the window catches up, and the save can be made.
On a single workstation's file none of this runs.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QSocketNotifier, QTimer
from PySide6.QtWidgets import QLabel

from rejuv_desktop.errors import StorageError
from rejuv_desktop.services import live
from rejuv_desktop.services.database import on_server
from rejuv_desktop.ui.tasks import run_in_background

log = logging.getLogger(__name__)

GATHER_MS = 150  # changes arriving together are applied together
RETRY_MS = 2000  # how often a lost server is tried again
BANNER_STYLE = ("background: #fff4e5; color: #6b3d00; padding: 8px 12px; font-weight: 600;"
                " border-bottom: 1px solid #f0c27b;")
# Changes that show in the Due list and the record's tabs beyond the patient's details.
_ABOUT_PATIENT_ONLY = ("leases",)


class LiveUpdates(QObject):
    """Listens for the other workstations' changes and watches the connection."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.store = window.store
        self.listener: live.Listener | None = None
        self.notifier: QSocketNotifier | None = None
        self.pending: list[live.Change] = []
        self.is_lost = False
        self.trying = False
        self.applied = 0  # how many batches were applied (for scripts and tests)
        self.gather = QTimer(self)
        self.gather.setSingleShot(True)
        self.gather.setInterval(GATHER_MS)
        self.gather.timeout.connect(self.apply)
        self.retry = QTimer(self)
        self.retry.setInterval(RETRY_MS)
        self.retry.timeout.connect(self.try_again)
        self.banner = QLabel()
        self.banner.setObjectName("server_banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.hide()
        layout = window.banner.parentWidget().layout()
        layout.insertWidget(layout.indexOf(window.banner), self.banner)
        live.watch_connection(self.store, self.server_lost, self.server_back)
        self._listen()

    # listening ---------------------------------------------------------------------------
    def _listen(self) -> None:
        self._stop_listening()
        try:
            self.listener = live.listen(self.store)
        except StorageError:
            self.server_lost()
            return
        self.notifier = QSocketNotifier(self.listener.fileno(), QSocketNotifier.Type.Read, self)
        self.notifier.activated.connect(self._readable)

    def _stop_listening(self) -> None:
        if self.notifier is not None:
            self.notifier.setEnabled(False)
            self.notifier.deleteLater()
            self.notifier = None
        if self.listener is not None:
            self.listener.close()
            self.listener = None

    def _readable(self, *_args) -> None:
        if self.listener is None:
            return
        try:
            self.pending.extend(self.listener.changes())
        except StorageError:
            self.server_lost()
            return
        if self.pending and not self.gather.isActive():
            self.gather.start()

    def apply(self) -> None:
        """Refresh what the other workstations' changes touch."""
        changes, self.pending = self.pending, []
        if not changes or self.is_lost:
            return
        window = self.window
        shown = window.record.patient_id
        try:
            if any(c.table == "patients" for c in changes):
                window.on_search(window.search.text())  # keeps the selection
            if any(c.table not in _ABOUT_PATIENT_ONLY for c in changes):
                window.hooks.record_changed()  # the record, the Due list, the day's list
            elif shown is not None and any(c.patient_id in (shown, None) for c in changes):
                window.record.show_holds()
        except StorageError:  # the server went meanwhile: the banner says so
            log.info("a live refresh did not finish")
        self.applied += 1

    # the connection --------------------------------------------------------------------------
    def server_lost(self) -> None:
        """Say at once that the server cannot be reached; keep trying in the background."""
        if self.is_lost:
            return
        self.is_lost = True
        self._stop_listening()
        self.banner.setText(self.tr(
            "The clinic server cannot be reached. Keep working: what you type stays on screen, "
            "but nothing can be saved until the server is back. Reconnecting…"))
        self.banner.show()
        log.warning("the clinic server cannot be reached")
        self.retry.start()

    def try_again(self) -> None:
        if self.trying:
            return
        self.trying = True
        run_in_background(lambda: live.connect_again(self.store), self._connected,
                          self._still_away)

    def _connected(self, raw) -> None:
        self.trying = False
        if not self.is_lost:  # a save reconnected meanwhile
            raw.close()
            return
        live.take_up(self.store, raw)  # calls server_back

    def _still_away(self, exc: Exception) -> None:
        self.trying = False

    def server_back(self) -> None:
        """A new connection is up: the banner goes and the window catches up."""
        was_lost, self.is_lost = self.is_lost, False
        self.retry.stop()
        self.banner.hide()
        self._listen()
        if was_lost and not self.is_lost:
            log.info("the clinic server is back")
            self.window.statusBar().showMessage(self.tr(
                "The clinic server is back: saving works again."), 8000)
            self.pending.append(live.Change("patients", None))  # what was missed meanwhile
            self.apply()

    def close(self) -> None:
        self.retry.stop()
        self._stop_listening()


def install(window) -> LiveUpdates | None:
    """Live updates and the server banner for a window on a clinic server."""
    if not on_server(window.store):
        return None
    updates = LiveUpdates(window)
    window.live_updates = updates  # a handle for scripts and tests
    return updates
