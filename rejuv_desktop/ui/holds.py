"""Holding a draft consultation or a running session while its window is open (leases).

``hold`` takes the record for this window, or says who holds it (and offers to take over a
hold that has lapsed); ``LeaseKeeper`` renews it while the window is open and gives it back
when the window closes; ``say`` turns a refused save into the practitioner's words.
"""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from rejuv_desktop.errors import RecordChanged, RecordHeld, UserError
from rejuv_desktop.services import leases
from rejuv_desktop.ui.conflicts import who
from rejuv_desktop.ui.i18n import Context, fmt_datetime, fmt_time

log = logging.getLogger(__name__)


class Holds(Context):
    """The context of this module's words in the catalogues."""


def _when(iso: str, store) -> str:
    """A time today as 10:02, another day with its date."""
    moment = datetime.fromisoformat(iso)
    return fmt_time(moment) if moment.date() == store.clock().date() else fmt_datetime(moment)


def what_of(kind: str) -> str:
    return Holds.tr("This consultation") if kind == leases.CONSULTATION \
        else Holds.tr("This session")


def held_text(store, exc: RecordHeld, kind: str) -> str:
    """Who holds the record, where and since when, and what can be done."""
    by = who(store, exc.practitioner_id)
    if exc.taken_from_you:
        return Holds.tr(
            "{what} was taken over by {who} on {workstation} at {when}, after this window had "
            "not renewed its hold. Nothing was saved here; what is on screen stays until you "
            "close it.").format(what=what_of(kind), who=by, workstation=exc.workstation,
                                when=_when(exc.since, store))
    text = Holds.tr("{what} is held by {who} on {workstation} since {when}: it cannot be "
                    "edited here.").format(what=what_of(kind), who=by,
                                           workstation=exc.workstation,
                                           when=_when(exc.since, store))
    if exc.lapsed:
        text += " " + Holds.tr("That workstation has not renewed its hold since {when} (it may "
                               "be switched off): you can take it over.").format(
            when=_when(exc.renewed_at, store))
    return text


def held_line(store, lease: leases.Lease) -> str:
    """One line of the record: what another workstation has open, by whom, since when."""
    args = dict(who=who(store, lease.practitioner_id), workstation=lease.workstation,
                when=_when(lease.since, store))
    if lease.kind == leases.CONSULTATION:
        return Holds.tr("Consultation held by {who} on {workstation} since {when}").format(**args)
    return Holds.tr("Session held by {who} on {workstation} since {when}").format(**args)


def say(store, exc: UserError, kind: str | None = None) -> str:
    """A refused save in the practitioner's words (held elsewhere, changed elsewhere)."""
    if isinstance(exc, RecordHeld):
        return held_text(store, exc, kind or leases.CONSULTATION)
    if isinstance(exc, RecordChanged):
        from rejuv_desktop.ui.conflicts import describe

        return Holds.tr("Not saved: {saved}").format(
            saved=describe(store, exc, Holds.tr("this record")))
    return str(exc)


def hold(parent: QWidget | None, store, kind: str, record_id: int,
         patient_id: int | None) -> leases.Lease | None:
    """Take the record for this window; when another holds it, say so (offering to take
    over a lapsed hold). ``None`` when it stays with the other."""
    try:
        return leases.acquire(store, kind, record_id, patient_id)
    except RecordHeld as exc:
        box = QMessageBox(QMessageBox.Icon.Information, Holds.tr("Open on another workstation"),
                          held_text(store, exc, kind), parent=parent)
        box.setObjectName("record_held")
        take = None
        if exc.lapsed:
            take = box.addButton(Holds.tr("Take it over"), QMessageBox.ButtonRole.AcceptRole)
            take.setObjectName("take_over")
        close = box.addButton(QMessageBox.StandardButton.Close)
        box.setDefaultButton(close)
        box.exec()
        if take is None or box.clickedButton() is not take:
            return None
        try:
            return leases.take_over(store, kind, record_id)
        except RecordHeld as again:  # renewed meanwhile: it is in use after all
            QMessageBox.information(parent, Holds.tr("Open on another workstation"),
                                    held_text(store, again, kind))
            return None


class LeaseKeeper(QObject):
    """Renews a window's hold while it is open and gives it back when it closes."""

    lost = Signal()  # the hold was taken over (seen at a renewal)

    def __init__(self, window: QWidget, store, kind: str, record_id: int,
                 interval_ms: int | None = None):
        super().__init__(window)
        self.store, self.kind, self.record_id = store, kind, record_id
        self.released = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms or leases.RENEW_SECONDS * 1000)
        self.timer.timeout.connect(self.renew)
        self.timer.start()
        if isinstance(window, QDialog):
            window.finished.connect(lambda _r: self.release())
        window.installEventFilter(self)
        # Quitting with the window still open gives the hold back too (a crash lets it lapse).
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.release)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Close:
            QTimer.singleShot(0, self, self._release_if_closed)
        return False

    def _release_if_closed(self) -> None:
        window = self.parent()
        if window is not None and not window.isVisible():
            self.release()

    def renew(self) -> None:
        try:
            still = leases.renew(self.store, self.kind, self.record_id)
        except UserError:  # the server is away: the next renewal tries again
            log.info("a hold could not be renewed now")
            return
        if not still:
            self.timer.stop()
            self.lost.emit()

    def release(self) -> None:
        if self.released:
            return
        self.released = True
        self.timer.stop()
        try:
            leases.release(self.store, self.kind, self.record_id)
        except UserError:  # the server is away: the hold lapses by itself
            log.info("a hold could not be given back now")
