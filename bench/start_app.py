"""Child process of the benchmark: start the app as ``rejuv-desktop --db DB`` does, and report
the moment the patient list is first painted in the main window, with the peak memory so far.

After a clean exit (the benchmark removes the lock file the previous child left) the database's
integrity check starts in the background once the window is shown; after an unclean exit (the
benchmark leaves the lock file a killed app leaves) it starts as soon as the database is open
and runs behind the window while saves wait: the report says whether it was running
(``check_behind=1``). The sign-in dialog is left out (a person types there; the first practitioner
is signed in directly). The process ends at once after reporting, so no quit-time work
(backups) runs.
"""

import os
import sys
import time

from peak import peak_kib

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main() -> None:
    from PySide6.QtCore import QEvent, QObject

    from rejuv_desktop import cli
    from rejuv_desktop.ui import app as app_module
    from rejuv_desktop.ui import main_window

    def signed_in(store) -> bool:
        store.actor_id = 1
        return True

    class FirstPaint(QObject):
        def __init__(self, window):
            super().__init__(window)
            self.window = window

        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                rows = self.window.model.rowCount()
                print(f"READY {time.perf_counter():.6f} rows={rows} peak_kib={peak_kib()} "
                      f"check_behind={int(bool(checks_started))}", flush=True)
                os._exit(0)
            return False

    from rejuv_desktop.ui import start_check

    checks_started = []
    start = start_check.StartupCheck.start

    def start_and_note(checker):
        checks_started.append(checker)
        start(checker)

    start_check.StartupCheck.start = start_and_note
    show = main_window.MainWindow.show

    def show_and_watch(window):
        window.table.viewport().installEventFilter(FirstPaint(window))
        show(window)

    app_module.sign_in_at_start = signed_in
    main_window.MainWindow.show = show_and_watch
    cli.main(["--db", sys.argv[1]])
    print("EXITED without painting the patient list", flush=True)


if __name__ == "__main__":
    main()
