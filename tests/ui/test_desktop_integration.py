"""The application names its desktop file (Wayland finds its icon and name by it) and carries
its own window icon."""

from pathlib import Path

from rejuv_desktop import DESKTOP_ID
from rejuv_desktop.ui.app import make_application

LINUX = Path(__file__).resolve().parents[2] / "packaging" / "linux"


def test_the_application_names_its_desktop_file_and_has_an_icon(qapp):
    app = make_application()
    assert app is qapp
    assert app.desktopFileName() == DESKTOP_ID
    assert (LINUX / f"{DESKTOP_ID}.desktop").is_file()
    assert not app.windowIcon().isNull()
    assert max(s.width() for s in app.windowIcon().availableSizes()) >= 256
