"""Running slow work (PDF rendering, backups) off the GUI thread.

The work function must not touch the database connection: services split such work into a
pure part (run here) and a finishing part run back on the GUI thread.
"""

from __future__ import annotations

import sys
import traceback

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, fn, signals: _Signals):
        super().__init__()
        self.fn = fn
        self.signals = signals

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # noqa: BLE001 - handed to the GUI thread to report
            exc.__traceback_text__ = "".join(traceback.format_exception(*sys.exc_info()))
            self.signals.failed.emit(exc)
            return
        self.signals.done.emit(result)


_alive: set[_Signals] = set()


def run_in_background(fn, on_done, on_error) -> None:
    """Run ``fn()`` on the thread pool; ``on_done(result)`` or ``on_error(exc)`` then run on
    the GUI thread."""
    signals = _Signals()
    _alive.add(signals)

    def finished(callback):
        def slot(value):
            _alive.discard(signals)
            callback(value)
        return slot

    signals.done.connect(finished(on_done))
    signals.failed.connect(finished(on_error))
    QThreadPool.globalInstance().start(_Task(fn, signals))
