"""Window sizes that fit the screen the window opens on."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Size a window to ``width`` x ``height``, or to the screen's free area when that is
    smaller (a 1366x768 laptop): the window frame stays on screen; its content scrolls."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        free = screen.availableGeometry()
        # Room for the title bar and frame, which the window manager adds around it.
        width = min(width, free.width() - 16)
        height = min(height, free.height() - 48)
    window.resize(max(width, 320), max(height, 240))
