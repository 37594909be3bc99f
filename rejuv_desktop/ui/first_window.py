"""``--quit-when-shown``: start as usual, and quit once the first window is on screen.

Checks that an installation starts (the installer's smoke test, clinic IT after an upgrade) and
times a start: the line ``SHOWN <window title>`` is printed the moment the first top-level window
(sign-in, first run, or a message) is shown, then every event loop ends, as if it were closed.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget


class _FirstWindow(QObject):
    def __init__(self, app: QApplication):
        super().__init__(app)
        self.seen = False

    def eventFilter(self, obj, event) -> bool:
        if (not self.seen and event.type() == QEvent.Type.Show and isinstance(obj, QWidget)
                and obj.isWindow()):
            self.seen = True
            title = obj.windowTitle() or QApplication.applicationDisplayName()
            if sys.stdout is not None:  # none behind a windowed program on Windows
                print(f"SHOWN {title}", flush=True)
            # After this event: the window is painted, then every loop (a dialog's too) ends.
            QTimer.singleShot(0, lambda: QApplication.exit(0))
        return False


def quit_when_shown(app: QApplication) -> None:
    app.installEventFilter(_FirstWindow(app))
