"""On a clinic server the file backups say they are for a single workstation's file and
point to the server's own backup."""

from PySide6.QtCore import QSettings

from rejuv_desktop.ui.main_window import MainWindow
from tests.session_helpers import add_practitioner


def test_backup_restore_and_folder_point_to_the_server_backup(qtbot, pg_url, clock, tmp_path,
                                                               no_modal):
    from rejuv_desktop.services.database import open_database

    store = open_database(pg_url, clock=clock)
    add_practitioner(store)
    window = MainWindow(store, QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    feature = window.backup_feature
    for action in (feature.backup_now, feature.restore, feature.choose_folder):
        action()
    assert len(no_modal) == 3
    for kind, _title, text in no_modal:
        assert kind == "information" and "rejuv-desktop server backup" in text
    assert "Clinic server: 127.0.0.1:" in window.location.text()
    window.live_updates.close()
    store.close()
