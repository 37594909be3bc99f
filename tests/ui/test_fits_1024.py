"""At 1024 pixels wide nothing the practitioner needs is pushed out of sight."""

from __future__ import annotations

from rejuv_desktop.services import sessions as ss
from rejuv_desktop.ui.main_window import MainWindow
from tests.session_helpers import (add_patient, add_plan, add_practitioner,
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
    # The plan's long title wraps in its column rather than widen it past half the list.
    assert tree.columnWidth(0) <= max(180, visible * 0.4 + 1)


def test_the_expired_lot_message_is_shown_whole(qtbot, store, no_modal):
    from PySide6.QtWidgets import QLabel

    from tests.session_helpers import MESO_TODAY, TIME_OUT_POINTS
    from tests.ui.test_sessions_runner import open_runner, type_in

    add_practitioner(store)
    zoe = add_patient(store)
    runner = open_runner(qtbot, store, add_plan(store, zoe, "mesotherapy"))
    runner.resize(1000, 650)
    sid = runner.session_id
    for key in ("no_infection", "no_allergy"):
        ss.tick(store, sid, f"todays_check.{key}")
    for key, value in MESO_TODAY:
        ss.record_value(store, sid, key, value)
    for point in TIME_OUT_POINTS:
        ss.confirm_time_out(store, sid, point)
    ss.tick(store, sid, "disinfection.disinfected")
    ss.record_value(store, sid, "topical_anaesthesia.used", False)
    runner.refresh()
    box = runner.box("products")
    box.add_row()
    type_in(qtbot, runner, "products.name.1", "Hyaluronic acid 20 mg/ml")
    type_in(qtbot, runner, "products.expiry.1", "01/11/2026")
    message = runner.findChild(QLabel, "error:products.expiry.1")
    assert message.text().startswith("Expired on 01/11/2026, before the session date 22/11/2026")
    runner.scroll.ensureWidgetVisible(message)
    qtbot.waitUntil(lambda: message.isVisible() and message.width() > 0)
    qtbot.waitUntil(lambda: message.height() >= message.heightForWidth(message.width()))
    # The product's name is readable in full in its field.
    from PySide6.QtWidgets import QLineEdit

    name = runner.findChild(QLineEdit, "products.name.1")
    assert name.width() >= name.fontMetrics().horizontalAdvance(name.text()) + 8


def test_windows_open_within_the_screen(qtbot, store, qsettings):
    from rejuv_desktop.ui.audit_view import AuditDialog

    window = MainWindow(store, qsettings)
    qtbot.addWidget(window)
    free = window.screen().availableGeometry()
    assert window.width() <= free.width() and window.height() <= free.height()
    audit = AuditDialog(store, parent=window)
    assert audit.width() <= free.width() and audit.height() <= free.height()
