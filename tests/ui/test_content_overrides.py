"""Settings lists the clinic's content overrides; a broken override stops the start clearly."""

import pytest

from rejuv_desktop import content
from rejuv_desktop.content import packaged_path
from rejuv_desktop.services import practitioners as pr


@pytest.fixture
def overrides(tmp_path):
    folder = tmp_path / "content"
    folder.mkdir()
    content.use_overrides_dir(folder)
    yield folder
    content.use_overrides_dir(None)


def test_settings_shows_which_files_are_overridden_and_their_versions(qtbot, store, overrides):
    from rejuv_desktop.ui.settings_dialog import SettingsDialog

    text = packaged_path("screening.toml").read_text(encoding="utf-8")
    (overrides / "screening.toml").write_text(text.replace('version = "2025.1"', 'version = "clinic-3"'),
                                              encoding="utf-8")
    (overrides / "screnning.toml").write_text("x", encoding="utf-8")
    admin = pr.create_practitioner(store, {"name": "Claire Martin", "title": "Dr"}, "claire-pass")
    pr.sign_in(store, admin, "claire-pass")
    dialog = SettingsDialog(store)
    qtbot.addWidget(dialog)
    table = dialog.content_tab.table
    rows = [[table.item(r, c).text() for c in range(4)] for r in range(table.rowCount())]
    assert rows[0][:3] == ["screening.toml", "screening", "clinic-3"] and "2025.1" in rows[0][3]
    assert rows[1][0] == "screnning.toml" and rows[1][3].startswith("NOT USED")


def test_settings_says_when_nothing_is_overridden(qtbot, store, overrides):
    from rejuv_desktop.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentWidget(dialog.content_tab)
    assert dialog.content_tab.none.isVisible() and not dialog.content_tab.table.isVisible()


def test_help_lists_the_overrides(overrides):
    from rejuv_desktop.services.help import help_page

    text = packaged_path("scales.toml").read_text(encoding="utf-8")
    (overrides / "scales.toml").write_text(text, encoding="utf-8")
    page = help_page("settings")
    assert "`scales.toml`" in page and "replaces the packaged file" in page


def test_broken_override_stops_the_start_with_a_message_not_a_traceback(overrides, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from rejuv_desktop.ui import app

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    assert app.check_content_at_start() and not shown
    path = overrides / "screening.toml"
    path.write_text(packaged_path("screening.toml").read_text(encoding="utf-8")
                    .replace('level = "defer"', 'level = "later"', 1), encoding="utf-8")
    assert app.check_content_at_start() is False
    assert len(shown) == 1 and str(path) in shown[0] and "line" in shown[0]
    assert "unknown level 'later'" in shown[0]
