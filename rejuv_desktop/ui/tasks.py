"""Running slow work (PDF rendering, printing, backups) off the GUI thread.

The work function must not touch the database connection: services split such work into a
pure part (run here) and a finishing part run back on the GUI thread.

Lifetime: the object that carries a task's signals lives on the GUI thread and is deleted
there, with ``deleteLater`` once its result is delivered. It is never left to Python's garbage
collector, which may run on a worker thread and delete a QObject of the GUI thread under Qt
(the cause of "QObject: shared QObject was deleted directly" and of rare crashes).
"""

from __future__ import annotations

import itertools
import sys
import traceback

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int)


class _Task(QRunnable):
    def __init__(self, fn, signals: _Signals, with_progress: bool):
        super().__init__()
        self.fn = fn
        self.signals = signals
        self.with_progress = with_progress

    def run(self) -> None:
        signals, self.signals = self.signals, None  # the worker keeps no reference afterwards
        try:
            result = self.fn(_reporter(signals)) if self.with_progress else self.fn()
        except Exception as exc:  # noqa: BLE001 - handed to the GUI thread to report
            exc.__traceback_text__ = "".join(traceback.format_exception(*sys.exc_info()))
            _deliver(signals.failed, exc)
            return
        _deliver(signals.done, result)


def _deliver(signal, value) -> None:
    try:
        signal.emit(value)
    except RuntimeError:
        # The application closed while this ran: nobody is left to tell.
        pass


def _reporter(signals: _Signals):
    def report(done: int, total: int) -> None:
        try:
            signals.progress.emit(done, total)
        except RuntimeError:
            pass
    return report


QUIT_WAIT_MS = 5000
"""At quit, how long work still running may take to finish before the window goes."""


def _wait_at_quit() -> None:
    QThreadPool.globalInstance().waitForDone(QUIT_WAIT_MS)


_alive: dict[int, _Signals] = {}
"""Signals of running tasks, and of finished ones until Qt has deleted them."""
_numbers = itertools.count()


_quit_hooked = False


def _start(fn, on_done, on_error, on_progress) -> None:
    global _quit_hooked
    app = QCoreApplication.instance()
    if app is not None and not _quit_hooked:
        # Short work (a PDF, a check) ends before the objects it reports to are torn down.
        app.aboutToQuit.connect(_wait_at_quit)
        _quit_hooked = True
    signals = _Signals()
    number = next(_numbers)
    _alive[number] = signals
    # Slots hold the task's number, not the signals object: no reference cycle for the
    # collector to break on some other thread.
    signals.destroyed.connect(lambda *_: _alive.pop(number, None))

    def finished(callback):
        def slot(value):
            s = _alive.get(number)
            try:
                callback(value)
            finally:
                if s is not None:
                    s.deleteLater()
        return slot

    signals.done.connect(finished(on_done))
    signals.failed.connect(finished(on_error))
    if on_progress is not None:
        signals.progress.connect(on_progress)
    QThreadPool.globalInstance().start(_Task(fn, signals, on_progress is not None))


def run_in_background(fn, on_done, on_error) -> None:
    """Run ``fn()`` on the thread pool; ``on_done(result)`` or ``on_error(exc)`` then run on
    the GUI thread."""
    _start(fn, on_done, on_error, None)


def run_with_progress(fn, on_done, on_error, on_progress) -> None:
    """Like ``run_in_background`` for ``fn(report)``: each ``report(done, total)`` it makes
    reaches ``on_progress(done, total)`` on the GUI thread (``total`` 0 while unknown)."""
    _start(fn, on_done, on_error, on_progress)
