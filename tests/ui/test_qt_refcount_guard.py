"""Thousands of signals and Qt calls must not bring the interpreter down (see ui/__init__)."""

import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent("""
    import rejuv_desktop.ui  # the guard
    from PySide6.QtCore import QObject, Signal
    from PySide6.QtWidgets import QApplication, QLabel
    app = QApplication([])
    label = QLabel()

    class Source(QObject):
        fired = Signal()

    source = Source()
    for i in range(30_000):
        label.setText(str(i))
        source.fired.emit()
    print("survived")
""")


def test_many_signals_and_calls_do_not_abort():
    run = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                         timeout=120, env={**__import__("os").environ,
                                           "QT_QPA_PLATFORM": "offscreen"})
    assert run.returncode == 0, run.stderr[-2000:]
    assert "survived" in run.stdout
