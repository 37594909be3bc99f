"""What keeps the main window quick with years of records: the History tab fetches a page at
a time as it scrolls, and the Due list is built only when it is shown."""

from __future__ import annotations

from rejuv_desktop.services import follow_ups as fu
from rejuv_desktop.services import history as sh
from rejuv_desktop.services import patients as sp
from rejuv_desktop.services.generate import generate_clinic
from rejuv_desktop.ui import record_pane
from rejuv_desktop.ui.main_window import MainWindow
from rejuv_desktop.ui.record_pane import fmt_time


def make_window(qtbot, store, qsettings):
    window = MainWindow(store, qsettings)
    qtbot.addWidget(window)
    window.show()
    return window


def test_history_fetches_older_changes_as_it_scrolls(qtbot, store, qsettings, clock,
                                                     patient_data, monkeypatch):
    monkeypatch.setattr(record_pane, "HISTORY_PAGE", 4)
    pid = sp.add_patient(store, patient_data).patient_id
    other = sp.add_patient(store, {**patient_data, "given_name": "Anna"}).patient_id
    for n in range(9):
        clock.advance(minutes=1)
        sp.update_patient(store, pid, {**patient_data, "phone": f"07700 90{n:04d}"})
    window = make_window(qtbot, store, qsettings)
    window.show_patient(pid)
    history = window.record.history
    window.record.tabs.setCurrentWidget(history)
    history.setFixedHeight(90)  # a few rows visible: the rest is reached by scrolling
    assert history.rowCount() == 4
    everything = [fmt_time(e.at) for e in sh.patient_history(store, pid)]
    assert len(everything) == 10
    bar = history.verticalScrollBar()
    while history.rowCount() < len(everything):
        rows = history.rowCount()
        # the scroll range follows the new rows once they are laid out
        qtbot.waitUntil(lambda: bar.maximum() > bar.value())
        bar.setValue(bar.maximum())
        assert history.rowCount() > rows  # scrolling to the end fetched the next page
    assert [history.item(i, 0).text() for i in range(history.rowCount())] == everything
    window.show_patient(other)
    assert history.rowCount() == 1  # another patient starts from their own first page


def test_due_list_is_built_when_shown_and_its_count_follows(qtbot, store, qsettings):
    clinic = generate_clinic(store, 30, seed=2)
    store.actor_id = 1
    window = make_window(qtbot, store, qsettings)
    due = window.due_view
    assert not due.is_built  # neither built nor filled until it is shown
    counts = fu.due_counts(store)
    waiting = counts["overdue"] + counts["this_week"]
    title = f"Due ({waiting})" if waiting else "Due"
    qtbot.waitUntil(lambda: window.left_tabs.tabText(window.left_tabs.indexOf(due)) == title)
    window.left_tabs.setCurrentWidget(due)
    assert due.filled
    groups = fu.due_list(store)
    tree = due.content().actions.tree
    shown = sum(tree.topLevelItem(i).childCount() for i in range(tree.topLevelItemCount()))
    assert shown == sum(len(v) for v in groups.values()) == sum(counts.values()) > 0
    assert {k: len(v) for k, v in groups.items()} == counts
    assert clinic.counts["follow_ups"] >= shown


def test_the_due_count_is_read_apart_from_the_window(qtbot, store, qsettings, monkeypatch):
    """In a large clinic the count takes seconds: it runs on another thread and connection,
    so typing and opening records never wait for it, and the title follows when it is in."""
    import threading

    generate_clinic(store, 30, seed=2)
    store.actor_id = 1
    counted_on = []
    count = fu.due_counts

    def noted(s, today=None):
        counted_on.append((threading.current_thread() is threading.main_thread(), s is store))
        return count(s, today)

    monkeypatch.setattr(fu, "due_counts", noted)
    window = make_window(qtbot, store, qsettings)
    counts = count(store)
    waiting = counts["overdue"] + counts["this_week"]
    assert waiting
    qtbot.waitUntil(lambda: window.left_tabs.tabText(
        window.left_tabs.indexOf(window.due_view)) == f"Due ({waiting})")
    assert counted_on and all(not main and not same for main, same in counted_on)
