"""The full start-up check runs before opening only after an unclean exit; otherwise it runs in
the background and a problem shows a banner and asks for the full check at the next start."""

from rejuv_desktop.services import backup as sb
from rejuv_desktop.ui.app import check_after_start
from rejuv_desktop.ui.main_window import MainWindow


def test_background_check_of_a_sound_database(qtbot, store, db_path, qsettings):
    window = MainWindow(store, qsettings)
    qtbot.addWidget(window)
    assert sb.check_in_background(db_path) is None
    checked = []
    window.hooks.database_checked.append(checked.append)
    check_after_start(window, db_path)
    qtbot.waitUntil(lambda: checked == [None], timeout=5000)  # it ran, and found it sound
    assert not window.banner.isVisible()
    assert not sb.needs_check_marker(db_path).exists()


def test_background_check_finds_damage_and_asks_for_the_full_check(qtbot, tmp_path, qsettings,
                                                                  store, monkeypatch):
    window = MainWindow(store, qsettings)
    qtbot.addWidget(window)
    window.show()
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 8000)
    check_after_start(window, damaged)
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=5000)
    assert "integrity check" in window.banner.text()
    assert sb.needs_check_marker(damaged).exists()
