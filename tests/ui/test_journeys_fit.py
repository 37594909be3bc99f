"""Screens seen on the way through a journey stay inside a 1024x700 screen."""

from __future__ import annotations

from rejuv_desktop.ui.main_window import MainWindow
from tests.sessions.session_helpers import add_patient, add_practitioner


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
