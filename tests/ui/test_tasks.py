"""Background work: results and progress reach the GUI thread, and the object carrying them is
deleted there, never by the garbage collector on a worker thread."""

from __future__ import annotations

from PySide6.QtCore import QThread

from rejuv_desktop.ui import tasks


def test_progress_and_result_reach_the_gui_thread_and_the_carrier_is_deleted_there(qtbot):
    seen, done, threads = [], [], []

    def work(report):
        for n in range(3):
            report(n, 3)
        return "ok"

    tasks.run_with_progress(work, done.append, done.append,
                            lambda d, t: (seen.append((d, t)),
                                          threads.append(QThread.currentThread())))
    (carrier,) = list(tasks._alive.values())[-1:]
    deleted_on = []
    carrier.destroyed.connect(lambda *_: deleted_on.append(QThread.currentThread()))
    qtbot.waitUntil(lambda: done == ["ok"])
    assert seen == [(0, 3), (1, 3), (2, 3)]
    main = QThread.currentThread()
    assert all(t is main or t == main for t in threads)
    qtbot.waitUntil(lambda: bool(deleted_on))
    assert deleted_on[0] == main
    assert carrier not in tasks._alive.values()


def test_an_error_is_handed_back_with_its_traceback(qtbot):
    errors = []

    def boom():
        raise ValueError("bad input")

    tasks.run_in_background(boom, lambda _r: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], ValueError)
    assert "bad input" in errors[0].__traceback_text__
