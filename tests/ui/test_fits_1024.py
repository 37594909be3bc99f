"""At 1024 pixels wide nothing the practitioner needs is pushed out of sight."""

from __future__ import annotations

from rejuv_desktop.services import sessions as ss
from rejuv_desktop.ui.main_window import MainWindow
from tests.sessions.session_helpers import (add_patient, add_plan, add_practitioner,
                                            run_fat_transfer)


def test_sessions_tab_columns_fit_at_1024(qtbot, store, qsettings):
    add_practitioner(store)
    zoe = add_patient(store)
    sid = ss.start_session(store, add_plan(store, zoe, "fat_transfer"))
    run_fat_transfer(store, sid)
    ss.complete_session(store, sid)
    window = MainWindow(store, qsettings)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    window.show_patient(zoe)
    window.record.tabs.setCurrentWidget(window.sessions_tab)
    tree = window.sessions_tab.tree
    qtbot.waitUntil(lambda: tree.viewport().width() > 0)
    header = tree.header()
    visible = tree.viewport().width()
    # Date, status and the start of the key figures are on screen, not scrolled away.
    assert header.sectionViewportPosition(3) + 100 <= visible
    session_row = tree.topLevelItem(0).child(0)
    assert tree.columnWidth(1) >= tree.fontMetrics().horizontalAdvance(session_row.text(1))
    assert tree.columnWidth(2) >= tree.fontMetrics().horizontalAdvance(session_row.text(2))
    # The plan's long title spans the row instead of widening the first column.
    assert tree.topLevelItem(0).isFirstColumnSpanned()
