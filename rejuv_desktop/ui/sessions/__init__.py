"""Procedure sessions in the app: the checklist runner, the patient's Sessions tab, the Due
view beside the patient list, and the search for patients by product lot."""

from __future__ import annotations

import logging

from rejuv_desktop.ui.i18n import Menus

log = logging.getLogger(__name__)

DUE_COUNT_DELAY_MS = 300
"""The Due tab's count is read this long after the window is set up, so it never delays the
first paint of the window (a zero timer can run before it)."""


def install(window) -> None:
    """Add the Sessions tab, the Due view, and their menu entries to the main window."""
    from PySide6.QtCore import QCoreApplication, QTimer
    from PySide6.QtGui import QKeySequence

    from rejuv_desktop.ui.lazy_tab import LazyTab
    from rejuv_desktop.ui.sessions.common import SessionEvents

    store = window.store
    events = SessionEvents(window)
    window.session_events = events
    window.session_runners = {}

    def build_tab():
        from rejuv_desktop.ui.sessions.tab import SessionsTab

        sessions = SessionsTab(store, window)
        sessions.open_session.connect(open_runner)
        sessions.changed.connect(events.changed)
        window.hooks.visit_list_built(sessions.follow_ups)
        return sessions

    tab = LazyTab(build_tab)  # built when first shown
    # Titles keep the translation contexts they had before the tabs were built lazily.
    window.record.add_patient_tab(tab, QCoreApplication.translate("SessionsTab", "Sessions"),
                                  rank=30)
    window.sessions_tab = tab  # handles for scripts and tests; features use the hooks

    def show_sessions_of(patient_id: int) -> None:
        window.show_patient(patient_id)
        window.record.tabs.setCurrentWidget(tab)

    def open_runner(session_id: int):
        from rejuv_desktop.ui.sessions.runner import SessionRunner

        from rejuv_desktop.services import leases
        from rejuv_desktop.services import sessions as ss
        from rejuv_desktop.ui import holds

        runner = window.session_runners.get(session_id)
        # A running session is run from one workstation at a time: held while its window is
        # open (a finished session is only read).
        row = ss.get_session(store, session_id)
        running = row["status"] == "in_progress"
        if running:
            if holds.hold(window, store, leases.SESSION, session_id, row["patient_id"]) is None:
                return None
            keeper = getattr(runner, "keeper", None)
            if runner is not None and (keeper is None or keeper.released):
                runner.keeper = holds.LeaseKeeper(runner, store, leases.SESSION, session_id)
        if runner is None:
            runner = SessionRunner(store, session_id, window)
            if running:
                runner.keeper = holds.LeaseKeeper(runner, store, leases.SESSION, session_id)
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

    # The Due view sits beside the patient list, as a second tab of the left-hand pane; it
    # and the Today view are built when first shown.
    def build_due():
        from rejuv_desktop.ui.sessions.due import DueView

        view = DueView(store)
        view.open_patient.connect(show_sessions_of)
        view.changed.connect(events.changed)
        window.hooks.visit_list_built(view.actions)
        return view

    due = LazyTab(build_due)
    window.due_view = due
    window.add_side_tab(due, Menus.tr("Due"), rank=10)
    tabs = window.left_tabs

    # The front desk's day: who is expected today (or on a chosen day), with phone numbers.
    def build_day():
        from rejuv_desktop.ui.sessions.due import DayView

        view = DayView(store)
        view.open_patient.connect(show_sessions_of)
        return view

    day = LazyTab(build_day)
    window.day_view = day
    window.add_side_tab(day, Menus.tr("Today"), rank=20)
    counts: dict[str, int] = {}  # the Due tab's title, before the Due view is built
    counting = {"running": False, "again": False}

    def refresh_counts() -> None:
        """The Due tab's count. Before the Due view is built it is counted on a thread of its
        own, on a connection of its own (seconds in a large clinic): the window never waits
        for it, and its title follows when the count is in."""
        from rejuv_desktop.services import follow_ups as fu

        if due.is_built:
            due.refresh_counts()
            return
        from rejuv_desktop.services.database import address

        path = address(store)
        if path is None:  # a database in memory: no second connection to count on
            counts.update(fu.due_counts(store, store.clock().date()))
            return
        if counting["running"]:
            counting["again"] = True  # counted once more when this count is in
            return
        from rejuv_desktop.ui.tasks import run_in_background

        counting["running"] = True
        today = store.clock().date()

        def counted(found: dict[str, int]) -> None:
            counting["running"] = False
            counts.clear()
            counts.update(found)
            if counting["again"]:
                counting["again"] = False
                refresh_counts()
                return
            try:
                update_due_title()
            except RuntimeError:  # the window was closed while counting
                pass

        def failed(exc: Exception) -> None:
            counting["running"] = False
            log.warning("the Due count failed: %s", exc)

        run_in_background(lambda: fu.due_counts_of_file(path, today), counted, failed)

    def update_due_title() -> None:
        now = due.content().counts if due.is_built else counts
        waiting = now.get("overdue", 0) + now.get("this_week", 0)
        tabs.setTabText(tabs.indexOf(due), Menus.tr("Due ({n})").format(n=waiting) if waiting
                        else Menus.tr("Due"))

    def on_changed() -> None:
        if due.is_built:
            due.refresh()
        else:
            refresh_counts()
        if day.is_built and day.filled:
            day.refresh()
        update_due_title()

    window.hooks.record_changed.append(on_changed)

    def photos_changed(patient_id: int) -> None:
        # The photographs (or a recorded refusal) tick the "photographs taken" item.
        for runner in list(window.session_runners.values()):
            if runner.status.session["patient_id"] == patient_id:
                runner.refresh()

    window.hooks.photos_changed.append(photos_changed)
    events.changed.connect(lambda: window.hooks.record_changed())
    update_due_title()
    # The title's count comes once the window is up (the Due list itself fills when shown).
    def first_count() -> None:
        if window.isVisible():  # a window already closed (and its database) is left alone
            refresh_counts()
            update_due_title()

    QTimer.singleShot(DUE_COUNT_DELAY_MS, due, first_count)

    def find_lot() -> None:
        from rejuv_desktop.ui.sessions.lots import LotLookupDialog

        dialog = LotLookupDialog(store, window)
        dialog.open_patient.connect(show_sessions_of)
        window.lot_dialog = dialog
        dialog.show()

    window.add_action("tools", Menus.tr("Find patients by product &lot…"), find_lot, 100,
                      name="find_lot")
    window.add_action("patient", Menus.tr("Procedure &sessions"),
                      lambda: window.record.tabs.setCurrentWidget(tab)
                      if window.record.patient_id is not None else None, 70,
                      QKeySequence("Ctrl+Shift+S"), "procedure_sessions", needs_patient=True)
    window.add_action("patient", Menus.tr("&Due follow-ups"),
                      lambda: tabs.setCurrentWidget(due), 80, QKeySequence("Ctrl+D"),
                      "due_follow_ups")
