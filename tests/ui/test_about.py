"""Help > About shows the versions the app runs on and the third-party licences; an affected
SQLite is said in About and in a banner across the window."""

import platform

import PySide6
from PySide6.QtCore import qVersion
from PySide6.QtGui import QAction

from rejuv_desktop import __version__
from rejuv_desktop.storage.sqlite_safety import SqliteStatus, current_status
from rejuv_desktop.ui import about
from rejuv_desktop.ui.main_window import MainWindow


def open_about(qtbot, window, monkeypatch) -> about.AboutDialog:
    shown = []
    monkeypatch.setattr(about.AboutDialog, "exec", lambda self: shown.append(self) or 0)
    window.findChild(QAction, "about").trigger()
    assert len(shown) == 1
    qtbot.addWidget(shown[0])
    return shown[0]


def test_about_shows_versions_and_licences(qtbot, store, qsettings, monkeypatch):
    from rejuv_desktop.services.database import location  # the file, or the clinic server

    window = MainWindow(store, qsettings)
    qtbot.addWidget(window)
    dialog = open_about(qtbot, window, monkeypatch)
    text = dialog.about_text.text()
    for expected in (__version__, platform.python_version(), qVersion(), PySide6.__version__,
                     current_status().version, location(store)):
        assert expected in text, expected
    assert "affected" not in text
    licences = dialog.licences.toPlainText()
    assert "Qt" in licences and "LGPL-3.0-only" in licences
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in licences  # the text itself, once
    assert licences.count("GNU LESSER GENERAL PUBLIC LICENSE") == 1
    assert "replace them with your own" in licences
    for name in ("SQLite", "ReportLab", "sqlite-utils", "DejaVu Sans fonts"):
        assert name in licences
    assert window.findChild(about.QLabel, "sqliteBanner") is None


def test_an_affected_sqlite_is_said_in_about_and_in_a_banner(qtbot, store, qsettings,
                                                              monkeypatch):
    monkeypatch.setattr("rejuv_desktop.storage.sqlite_safety.current_status",
                        lambda: SqliteStatus("3.40.1", True))
    window = MainWindow(store, qsettings)
    qtbot.addWidget(window)
    banner = about.add_sqlite_banner(window)
    window.show()
    assert banner.isVisible() and banner.objectName() == "sqliteBanner"
    assert "SQLite 3.40.1 is affected by the WAL-reset bug" in banner.text()
    assert "3.7.0 to 3.51.2" in banner.text()
    window.show_banner(None)  # the other banner's changes leave it in place
    assert banner.isVisible()
    dialog = open_about(qtbot, window, monkeypatch)
    assert "SQLite 3.40.1 is affected" in dialog.about_text.text()
