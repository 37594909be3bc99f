"""Procedure sessions in the app: the checklist runner, the patient's Sessions tab, the Due
view beside the patient list, and the search for patients by product lot."""

from __future__ import annotations

DUE_COUNT_DELAY_MS = 300
"""The Due tab's count is read this long after the window is set up, so it never delays the
first paint of the window (a zero timer can run before it)."""


def install(window) -> None:
    """Add the Sessions tab, the Due view, and their menu entries to the main window."""
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QKeySequence
    from rejuv_desktop.ui.sessions.common import SessionEvents
    from rejuv_desktop.ui.sessions.due import DayView, DueView
    from rejuv_desktop.ui.sessions.lots import LotLookupDialog
    from rejuv_desktop.ui.sessions.runner import SessionRunner
    from rejuv_desktop.ui.sessions.tab import SessionsTab

    store = window.store
    events = SessionEvents(window)
    window.session_events = events
    window.session_runners = {}

    tab = SessionsTab(store, window)
    window.record.add_patient_tab(tab, tab.tr("Sessions"), rank=30)
    window.sessions_tab = tab  # handles for scripts and tests; features use the hooks

    def show_sessions_of(patient_id: int) -> None:
        window.show_patient(patient_id)
        window.record.tabs.setCurrentWidget(tab)

    def open_runner(session_id: int) -> SessionRunner:
        runner = window.session_runners.get(session_id)
        if runner is None:
            runner = SessionRunner(store, session_id, window)
            runner.changed.connect(events.changed)
            if window.hooks.aftercare_requested:
                runner.aftercare_requested.connect(
                    lambda *args: window.hooks.aftercare_requested(*args))
            runner.destroyed.connect(lambda *_: window.session_runners.pop(session_id, None))
            window.session_runners[session_id] = runner
        runner.show()
        runner.raise_()
        runner.activateWindow()
        return runner

    window.open_session_runner = open_runner
    tab.open_session.connect(open_runner)
    tab.changed.connect(events.changed)

    # The Due view sits beside the patient list, as a second tab of the left-hand pane.
    due = DueView(store)
    due.open_patient.connect(show_sessions_of)
    due.changed.connect(events.changed)
    window.due_view = due
    window.add_side_tab(due, due.tr("Due"), rank=10)
    tabs = window.left_tabs
    # The front desk's day: who is expected today (or on a chosen day), with phone numbers.
    day = DayView(store)
    day.open_patient.connect(show_sessions_of)
    window.day_view = day
    window.add_side_tab(day, day.tr("Today"), rank=20)

    def update_due_title() -> None:
        waiting = due.counts.get("overdue", 0) + due.counts.get("this_week", 0)
        tabs.setTabText(tabs.indexOf(due), tabs.tr("Due ({n})").format(n=waiting) if waiting
                        else tabs.tr("Due"))

    def on_changed() -> None:
        due.refresh()
        if day.filled:
            day.refresh()
        update_due_title()

    window.hooks.record_changed.append(on_changed)
    events.changed.connect(lambda: window.hooks.record_changed())
    update_due_title()
    # The title's count comes once the window is up (the Due list itself fills when shown).
    def first_count() -> None:
        if window.isVisible():  # a window already closed (and its database) is left alone
            due.refresh_counts()
            update_due_title()

    QTimer.singleShot(DUE_COUNT_DELAY_MS, due, first_count)

    def find_lot() -> None:
        dialog = LotLookupDialog(store, window)
        dialog.open_patient.connect(show_sessions_of)
        window.lot_dialog = dialog
        dialog.show()

    window.add_action("tools", window.tr("Find patients by product &lot…"), find_lot, 100,
                      name="find_lot")
    window.add_action("patient", window.tr("Procedure &sessions"),
                      lambda: window.record.tabs.setCurrentWidget(tab)
                      if window.record.patient_id is not None else None, 70,
                      QKeySequence("Ctrl+Shift+S"), "procedure_sessions", needs_patient=True)
    window.add_action("patient", window.tr("&Due follow-ups"),
                      lambda: tabs.setCurrentWidget(due), 80, QKeySequence("Ctrl+D"),
                      "due_follow_ups")
