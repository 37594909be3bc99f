import pytest
from PySide6.QtCore import QSettings


@pytest.fixture
def qsettings(tmp_path):
    return QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def no_modal(monkeypatch):
    """Answer every QMessageBox without showing it; records what was asked."""
    from PySide6.QtWidgets import QMessageBox

    asked = []

    def answer(kind, default):
        def fake(parent, title, text, *args, **kwargs):
            asked.append((kind, title, text))
            return default
        return fake

    monkeypatch.setattr(QMessageBox, "question",
                        answer("question", QMessageBox.StandardButton.Yes))
    monkeypatch.setattr(QMessageBox, "warning", answer("warning", QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "critical", answer("critical", QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "information",
                        answer("information", QMessageBox.StandardButton.Ok))
    return asked
