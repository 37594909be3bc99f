"""Sign out, switch user, and the lock that hides patient data after a time without activity.

Locking hides the record and every other open window but changes nothing: a consultation in
progress stays exactly as it was, and comes back when the same practitioner unlocks. Signing in
as someone else first closes the previous practitioner's open windows (their drafts are saved).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QApplication, QComboBox, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QStackedWidget, QVBoxLayout, QWidget)

from rejuv_desktop.errors import UserError
from rejuv_desktop.services import practitioners as pr
from rejuv_desktop.services import settings as sset
from rejuv_desktop.ui.i18n import Menus

log = logging.getLogger(__name__)
DEFAULT_IDLE_MINUTES = 10
_ACTIVITY = {QEvent.Type.MouseMove, QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress,
             QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TabletPress}


def idle_minutes(store) -> float:
    """Minutes without activity before the window locks (clinic setting, default 10)."""
    try:
        value = float(sset.get_settings(store).get("idle_lock_minutes", DEFAULT_IDLE_MINUTES))
    except ValueError:
        return DEFAULT_IDLE_MINUTES
    return value if value > 0 else DEFAULT_IDLE_MINUTES


class LockPage(QWidget):
    """What a locked window shows: no patient data, a password field and a way to switch."""

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        box = QWidget()
        box.setMaximumWidth(460)
        layout = QVBoxLayout(box)
        title = QLabel(self.tr("Locked"))
        title.setStyleSheet("font-size: 22px; font-weight: 600;")
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(title)
        layout.addWidget(self.message)
        form = QFormLayout()
        self.who = QComboBox()
        self.who.setObjectName("lock_who")
        self.password = QLineEdit()
        self.password.setObjectName("lock_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Practitioner"), self.who)
        form.addRow(self.tr("Password"), self.password)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        row = QHBoxLayout()
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.setObjectName("unlock")
        self.unlock_button.setDefault(True)
        row.addStretch(1)
        row.addWidget(self.unlock_button)
        layout.addLayout(row)
        h = QHBoxLayout()
        h.addStretch(1)
        h.addWidget(box)
        h.addStretch(1)
        outer.addLayout(h)
        outer.addStretch(2)
        self.password.returnPressed.connect(self.unlock_button.click)

    def prepare(self, current: int | None, reason: str) -> None:
        self.who.clear()
        for p in pr.list_practitioners(self.store):
            self.who.addItem(p.display_with_qualification, p.id)
        if current is not None:
            self.who.setCurrentIndex(max(0, self.who.findData(current)))
        self.message.setText(reason)
        self.password.clear()
        self.error.hide()
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)


class SessionGuard(QObject):
    """Watches for activity and locks the window when there is none for the set time."""

    def __init__(self, window, interval_ms: int | None = None):
        super().__init__(window)
        self.window = window
        self.store = window.store
        self.locked = False
        self.hidden: list[QWidget] = []
        self.signed_in = self.store.actor_id
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.fixed_interval = interval_ms
        self.timer.setInterval(interval_ms or int(idle_minutes(self.store) * 60_000))
        self.timer.timeout.connect(lambda: self.lock(self.tr(
            "The window locked itself after a time without activity. Patient data is hidden; "
            "nothing you were doing has been lost.")))
        self.stack = QStackedWidget()
        self.content = window.takeCentralWidget()
        self.stack.addWidget(self.content)
        self.page = LockPage(self.store)
        self.stack.addWidget(self.page)
        window.setCentralWidget(self.stack)
        self.page.unlock_button.clicked.connect(self.try_unlock)
        QApplication.instance().installEventFilter(self)
        self.timer.start()

    def settings_changed(self) -> None:
        """A new idle time applies at once, counted from now."""
        if self.fixed_interval:
            return
        self.timer.setInterval(int(idle_minutes(self.store) * 60_000))
        if not self.locked:
            self.timer.start()

    def eventFilter(self, obj, event) -> bool:
        if obj is self.window and event.type() == QEvent.Type.Close:
            self.stop()
        elif not self.locked and event.type() in _ACTIVITY and self.timer.isActive():
            self.timer.start()
        return False

    def stop(self) -> None:
        """The window is closing: no more locking."""
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def lock(self, reason: str) -> None:
        if self.locked:
            return
        self.locked = True
        self.timer.stop()
        try:
            pr.record_event(self.store, "locked", self.store.actor_id)
        except Exception:  # noqa: BLE001 - locking must never fail, even on a broken disk
            log.warning("lock event not recorded")
        self.hidden = [w for w in QApplication.topLevelWidgets()
                       if w.isVisible() and w is not self.window]
        for w in self.hidden:
            w.hide()
        self.window.menuBar().setEnabled(False)
        self.page.prepare(self.store.actor_id, reason)
        self.stack.setCurrentWidget(self.page)
        log.info("window locked")

    def try_unlock(self) -> None:
        who = self.page.who.currentData()
        password = self.page.password.text()
        if who == self.signed_in:
            try:  # the same throttle and lockout as signing in
                pr.unlock_screen(self.store, who, password)
            except UserError as exc:
                self._fail(str(exc))
                return
            for w in self.hidden:
                w.show()
        else:
            try:
                pr.sign_in(self.store, who, password)
            except UserError as exc:
                self._fail(str(exc))
                return
            # Another practitioner: the previous one's open windows close (drafts are saved).
            for w in self.hidden:
                w.close()
            self.signed_in = who
        self.hidden = []
        self.locked = False
        self.window.menuBar().setEnabled(True)
        self.stack.setCurrentWidget(self.content)
        self.window.signed_in_changed()
        self.timer.start()

    def _fail(self, message: str = "") -> None:
        self.page.error.setText(message or self.tr("Wrong password."))
        self.page.error.show()
        self.page.password.selectAll()

    def sign_out(self) -> None:
        """Sign out and show the sign-in page (the same page as the lock)."""
        pr.sign_out(self.store)
        self.signed_in = None
        self.lock(self.tr("Signed out. Sign in to continue."))
        for w in self.hidden:
            w.close()
        self.hidden = []


def install(window, interval_ms: int | None = None) -> SessionGuard:
    guard = SessionGuard(window, interval_ms)
    window.session_guard = guard  # a handle for scripts and tests; features use the hooks
    window.hooks.settings_changed.append(guard.settings_changed)
    window.add_action("file", Menus.tr("&Lock now"), lambda: guard.lock(Menus.tr(
        "Locked. Patient data is hidden; nothing you were doing has been lost.")), 300,
        QKeySequence("Ctrl+L"), "lock_now")
    window.add_action("file", Menus.tr("Sign &out / switch practitioner"), guard.sign_out, 310,
                      name="sign_out")
    window.add_separator("file", 390)
    return guard
