"""Showing errors: a person's message for ``UserError``, a report dialog for bugs.

PySide6 keeps the event loop running after an exception in a slot, so a failed Save could look
like nothing happened; the hook makes every unexpected error visible, logs it, and lets the
practitioner copy the details. The app keeps running with its data intact.
"""

from __future__ import annotations

import functools
import logging
import sys
import traceback

from PySide6.QtWidgets import (QApplication, QDialog, QDialogButtonBox, QLabel,
                               QMessageBox, QPlainTextEdit, QVBoxLayout, QWidget)

from rejuv_desktop import __version__
from rejuv_desktop.errors import ServerUnreachable, UserError

log = logging.getLogger(__name__)


class ErrorDialog(QDialog):
    """An unexpected error: what happened, that data is safe, and details to copy."""

    def __init__(self, details: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Unexpected error"))
        self.details = details
        layout = QVBoxLayout(self)
        label = QLabel(self.tr(
            "<b>Something went wrong.</b><br>What you had saved is safe. The action you were "
            "doing may not have finished: check it, then carry on. If it happens again, copy "
            "the details below and send them to your IT contact."))
        label.setWordWrap(True)
        layout.addWidget(label)
        text = QPlainTextEdit(details)
        text.setReadOnly(True)
        text.setMinimumSize(560, 220)
        layout.addWidget(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton(self.tr("Copy details"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)

    def copy_details(self) -> None:
        QApplication.clipboard().setText(self.details)


def show_user_error(parent: QWidget | None, exc: UserError, title: str | None = None) -> None:
    QMessageBox.warning(parent, title or QApplication.translate("errors", "Cannot do that"),
                        _words(parent, exc))


def _words(parent: QWidget | None, exc: UserError) -> str:
    """The message of ``exc``; a save refused because of another workstation (changed or
    held there) in the window's own words, naming who and when."""
    from rejuv_desktop.errors import RecordChanged, RecordHeld

    if isinstance(exc, ServerUnreachable):
        return QApplication.translate(
            "errors", "The clinic server cannot be reached. Nothing was saved; what you typed "
            "is still on screen. Try again once the server is back (the banner at the top of "
            "the window goes).")
    if isinstance(exc, (RecordChanged, RecordHeld)):
        widget, store = parent, None
        while widget is not None and store is None:
            store = getattr(widget, "store", None)
            widget = widget.parentWidget()
        if store is not None:
            from rejuv_desktop.ui.holds import say

            kind = getattr(parent, "lease_kind", None)
            return say(store, exc, kind)
    return str(exc)


def excepthook(exc_type, exc, tb) -> None:
    """Global hook: a ``UserError`` becomes a message, anything else a report dialog."""
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    parent = QApplication.activeWindow()
    if isinstance(exc, ServerUnreachable):
        # A refresh on a timer while the clinic server is away: the window's banner says so
        # already (what a person asked for says it in its own message).
        log.info("the clinic server cannot be reached: %s", type(exc).__name__)
        return
    if isinstance(exc, UserError):
        log.info("user error: %s", type(exc).__name__)
        show_user_error(parent, exc)
        return
    details = (f"Rejuv Desktop {__version__}\n"
               + "".join(traceback.format_exception(exc_type, exc, tb)))
    # The traceback holds code locations only; values (which could be names) are not logged.
    log.error("unexpected error\n%s", "".join(traceback.format_tb(tb)) + exc_type.__name__)
    if QApplication.instance() is None:
        sys.__excepthook__(exc_type, exc, tb)
        return
    ErrorDialog(details, parent).exec()


def reports_errors(method):
    """Decorator for slots: any exception is shown instead of vanishing (see module doc)."""

    @functools.wraps(method)
    def wrapper(*args, **kwargs):
        try:
            return method(*args, **kwargs)
        except ServerUnreachable as exc:  # something asked for: say why it did not happen
            show_user_error(QApplication.activeWindow(), exc)
            return None
        except Exception:  # noqa: BLE001 - the hook decides how to show it
            excepthook(*sys.exc_info())
            return None

    return wrapper
