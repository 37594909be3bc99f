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

from PySide6.QtCore import QT_TRANSLATE_NOOP
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


# The messages the services give (a field left empty, a value of the wrong form), so the
# screens say them in the interface's language: ``said()`` looks each up here.
SERVICE_MESSAGES = (
    QT_TRANSLATE_NOOP("ServiceMessages", 'A phone number patients can call out of hours (at least 6 digits), or leave empty'),
    QT_TRANSLATE_NOOP("ServiceMessages", 'Attach the scan or photo of the signed paper form'),
    QT_TRANSLATE_NOOP("ServiceMessages", 'Between 0 and 90 days'),
    QT_TRANSLATE_NOOP("ServiceMessages", 'Between 1 and 240 minutes'),
    QT_TRANSLATE_NOOP("ServiceMessages", 'Cannot be in the future'),
    QT_TRANSLATE_NOOP("ServiceMessages", 'Choose English (en) or French (fr)'),
    QT_TRANSLATE_NOOP("ServiceMessages", 'Choose English or French'),
    QT_TRANSLATE_NOOP("ServiceMessages", 'Choose a PDF, JPEG or PNG file'),
    QT_TRANSLATE_NOOP("ServiceMessages", 'Choose a PNG image'),
    QT_TRANSLATE_NOOP("ServiceMessages", 'Choose a type from I to VI'),
    QT_TRANSLATE_NOOP("ServiceMessages", 'Choose female, male, other or leave it empty'),
    QT_TRANSLATE_NOOP("ServiceMessages", 'Choose one'),
    QT_TRANSLATE_NOOP("ServiceMessages", 'Choose practitioner or administrator'),
    QT_TRANSLATE_NOOP("ServiceMessages", 'Choose signed on screen or on paper'),
    QT_TRANSLATE_NOOP("ServiceMessages", 'Choose the anaesthetic'),
    QT_TRANSLATE_NOOP("ServiceMessages", "Choose the clinic's country"),
    QT_TRANSLATE_NOOP("ServiceMessages", 'Choose the date of the first session'),
    QT_TRANSLATE_NOOP("ServiceMessages", 'Choose the left hand, the right hand or both'),
    QT_TRANSLATE_NOOP("ServiceMessages", 'Choose the procedure(s) to plan, or say why none is planned'),
    QT_TRANSLATE_NOOP("ServiceMessages", 'Choose witness or interpreter'),
    QT_TRANSLATE_NOOP("ServiceMessages", 'Confirm the Fitzpatrick skin type'),
    QT_TRANSLATE_NOOP("ServiceMessages", 'Describe the other concern'),
    QT_TRANSLATE_NOOP("ServiceMessages", 'Digits, spaces and + ( ) - . / only, at least 6 digits'),
    QT_TRANSLATE_NOOP("ServiceMessages", 'Draw the signature first'),
    QT_TRANSLATE_NOOP("ServiceMessages", 'File not found'),
    QT_TRANSLATE_NOOP("ServiceMessages", 'Must be a number'),
    QT_TRANSLATE_NOOP("ServiceMessages", 'Must be a whole number of at least 1'),
    QT_TRANSLATE_NOOP("ServiceMessages", 'Must be between 0.01% and 100%'),
    QT_TRANSLATE_NOOP("ServiceMessages", 'Must not contain control characters or line breaks'),
    QT_TRANSLATE_NOOP("ServiceMessages", 'Name the product'),
    QT_TRANSLATE_NOOP("ServiceMessages", 'No anaesthetic is recorded'),
    QT_TRANSLATE_NOOP("ServiceMessages", 'Not a possible date of birth (over 130 years ago)'),
    QT_TRANSLATE_NOOP("ServiceMessages", 'Not an email address (name@example.org)'),
    QT_TRANSLATE_NOOP("ServiceMessages", 'Note why the expectations are not realistic'),
    QT_TRANSLATE_NOOP("ServiceMessages", "Record the patient's yes or no for each use of photographs"),
    QT_TRANSLATE_NOOP("ServiceMessages", 'Required'),
    QT_TRANSLATE_NOOP("ServiceMessages", 'Required: patients call this number when something is wrong'),
    QT_TRANSLATE_NOOP("ServiceMessages", 'Say where the fat is taken from'),
    QT_TRANSLATE_NOOP("ServiceMessages", 'Say whether the expectations are realistic'),
    QT_TRANSLATE_NOOP("ServiceMessages", 'Say why the consultation is being amended'),
    QT_TRANSLATE_NOOP("ServiceMessages", 'Say why the session is stopped'),
    QT_TRANSLATE_NOOP("ServiceMessages", 'Say why the visit is cancelled'),
    QT_TRANSLATE_NOOP("ServiceMessages", 'Say why the visit is moved'),
    QT_TRANSLATE_NOOP("ServiceMessages", "Sign in, or draw the practitioner's signature"),
    QT_TRANSLATE_NOOP("ServiceMessages", 'The emergency number is 2 to 4 digits, e.g. 112, 999 or 15'),
    QT_TRANSLATE_NOOP("ServiceMessages", 'The file is empty'),
    QT_TRANSLATE_NOOP("ServiceMessages", 'The image is too large (at most 2 MB)'),
    QT_TRANSLATE_NOOP("ServiceMessages", 'The new window ends before it starts'),
    QT_TRANSLATE_NOOP("ServiceMessages", 'The two passwords differ'),
    QT_TRANSLATE_NOOP("ServiceMessages", 'The visit date cannot be in the future'),
    QT_TRANSLATE_NOOP("ServiceMessages", 'The window ends before it starts'),
    QT_TRANSLATE_NOOP("ServiceMessages", 'This procedure is a single session: there is no interval'),
    QT_TRANSLATE_NOOP("ServiceMessages", 'Tick at least one concern'),
    QT_TRANSLATE_NOOP("ServiceMessages", 'Tick what the product contains'),
    QT_TRANSLATE_NOOP("ServiceMessages", 'Type the lot number to look for'),
    QT_TRANSLATE_NOOP("ServiceMessages", 'Unknown ingredient'),
    QT_TRANSLATE_NOOP("ServiceMessages", 'Who witnessed the signature (or interpreted)?'),
    QT_TRANSLATE_NOOP("ServiceMessages", 'Write the reason for going over the maximum dose'),
)


def said(message: str) -> str:
    """A message from the services in the interface's language (as given when it is not one
    of ``SERVICE_MESSAGES``)."""
    return QApplication.translate("ServiceMessages", message) if message else message


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
    return said(str(exc))


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
