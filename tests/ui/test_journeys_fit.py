"""Screens seen on the way through a journey stay inside a 1024x700 screen."""

from __future__ import annotations

from rejuv_desktop.ui.main_window import MainWindow
from tests.session_helpers import add_patient, add_practitioner


def test_the_documents_tab_fits_beside_the_patient_list_at_1024(qtbot, store, qsettings):
    add_practitioner(store)
    zoe = add_patient(store)
    window = MainWindow(store, qsettings)
    qtbot.addWidget(window)
    window.show_patient(zoe)
    for i in range(window.record.tabs.count()):
        page = window.record.tabs.widget(i)
        # The patient list keeps about 400 pixels; each record tab fits in what is left.
        assert page.minimumSizeHint().width() <= 1024 - 420, window.record.tabs.tabText(i)


def test_a_plan_not_yet_due_shows_its_date_and_status_whole_at_1024(qtbot, store, qsettings):
    from datetime import timedelta

    from PySide6.QtCore import QRect, Qt

    from tests.session_helpers import add_plan

    add_practitioner(store)
    zoe = add_patient(store)
    add_plan(store, zoe, "fat_transfer", start=store.clock().date() + timedelta(days=40))
    window = MainWindow(store, qsettings)
    qtbot.addWidget(window)
    window.resize(1008, 652)
    window.show()
    qtbot.waitExposed(window)
    window.show_patient(zoe)
    window.record.tabs.setCurrentWidget(window.sessions_tab)
    tree = window.sessions_tab.tree
    qtbot.waitUntil(lambda: tree.viewport().width() > 0)
    plan = tree.topLevelItem(0)
    assert plan.text(1).startswith("not before ")
    metrics = tree.fontMetrics()
    for column in (1, 2):
        # Wrapped in its column, each word whole: no "13/0…" or "plann…".
        for word in plan.text(column).split():
            assert metrics.horizontalAdvance(word) <= tree.columnWidth(column) - 8, word
        rect = tree.visualItemRect(plan)
        needed = metrics.boundingRect(QRect(0, 0, tree.columnWidth(column) - 8, 10_000),
                                      int(Qt.TextFlag.TextWordWrap), plan.text(column)).height()
        assert rect.height() >= needed


def test_the_sessions_list_keeps_its_rows_beside_long_session_details(qtbot, store, qsettings):
    from rejuv_desktop.services import sessions as ss
    from tests.session_helpers import add_plan, run_fat_transfer

    add_practitioner(store)
    zoe = add_patient(store)
    sid = ss.start_session(store, add_plan(store, zoe, "fat_transfer"))
    run_fat_transfer(store, sid)
    ss.complete_session(store, sid)
    window = MainWindow(store, qsettings)
    qtbot.addWidget(window)
    window.resize(1008, 560)
    window.show()
    qtbot.waitExposed(window)
    window.show_patient(zoe)
    tab = window.sessions_tab
    window.record.tabs.setCurrentWidget(tab)
    tab.tree.setCurrentItem(tab.tree.topLevelItem(0))
    # A plan's details as long as a series of many sessions.
    tab.details.setText("<br>".join(f"Session {n}: lot ABC-{n}, 2 ml" for n in range(1, 80)))
    qtbot.waitUntil(lambda: tab.tree.viewport().height() > 0)
    # The plan and its session stay on screen in the list, not squeezed to a clipped row.
    plan = tab.tree.topLevelItem(0)
    needed = tab.tree.visualItemRect(plan).height() + tab.tree.visualItemRect(plan.child(0)).height()
    qtbot.waitUntil(lambda: tab.tree.viewport().height() >= needed)
    assert tab.follow_ups.isVisible() and tab.follow_ups.height() > 40
    # ... and the window still fits a 700-pixel-high screen: the details scroll instead.
    assert window.minimumSizeHint().height() <= 700
    # On a short window the list keeps room for a plan of three lines and a session or two.
    assert tab.tree.height() >= 115


def test_the_day_view_says_its_counts_in_words_and_shows_each_visit_whole(qtbot, store,
                                                                          qsettings):
    from PySide6.QtCore import QDate

    from rejuv_desktop.services import sessions as ss
    from tests.session_helpers import add_plan, run_fat_transfer

    add_practitioner(store)
    zoe = add_patient(store, "Margaret", "O'Brien")
    sid = ss.start_session(store, add_plan(store, zoe, "fat_transfer"))
    run_fat_transfer(store, sid)
    ss.complete_session(store, sid)
    window = MainWindow(store, qsettings)
    qtbot.addWidget(window)
    window.resize(1008, 652)
    window.show()
    qtbot.waitExposed(window)
    day = window.day_view
    window.left_tabs.setCurrentWidget(day)
    # The first visit after a fat transfer, on a day inside its window.
    from rejuv_desktop.services import follow_ups as fu
    from datetime import date

    visit = next(v for v in fu.follow_ups_of_patient(store, zoe)
                 if v["due_from"] != v["due_to"])
    first = date.fromisoformat(str(visit["due_from"])[:10])
    day.day_edit.setDate(QDate(first.year, first.month, first.day))
    assert day.tree.topLevelItemCount() >= 1
    assert "(s)" not in day.summary.text()
    assert "1 follow-up visit" in day.summary.text()
    tree = day.tree
    row = tree.topLevelItem(0)
    assert "window" in row.text(2)

    # Visit, procedure and window on lines of their own, each fitting the column whole (the
    # window's dates were cut to "(window 29/11 – …" at 1024 wide).
    lines = row.text(2).split("\n")
    assert len(lines) == 3 and lines[-1].startswith("window ")
    qtbot.waitUntil(lambda: tree.columnWidth(2) > 0)
    for line in lines:
        assert tree.fontMetrics().horizontalAdvance(line) <= tree.columnWidth(2) - 8, line


def test_the_consultations_list_shows_verdicts_in_words(qtbot, store):
    from rejuv_desktop.ui.consultation.view import ConsultationsTab
    from tests.session_helpers import add_plan

    add_practitioner(store)
    zoe = add_patient(store)
    add_plan(store, zoe, "mesotherapy")
    tab = ConsultationsTab(store)
    qtbot.addWidget(tab)
    tab.show_patient(zoe)
    row = [tab.table.item(0, c).text() for c in range(4)]
    assert row[1:4] == ["Eligible", "Eligible", "Planned"]
