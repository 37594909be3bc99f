"""Child process of the benchmark: the yardstick for start-up, a bare PySide6 process that shows
an empty ``QMainWindow``; reports its first paint and peak memory, then ends."""

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow

from peak import peak_kib


class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print(f"READY {time.perf_counter():.6f} rows=0 peak_kib={peak_kib()}", flush=True)
            os._exit(0)
        return False


app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1200, 760)
paint = FirstPaint(window)
window.installEventFilter(paint)
window.show()
app.exec()
