"""Help > About: the versions the app runs on, and the third-party licences (Qt's LGPL among
them); and the banner that says when the SQLite library is affected by the WAL-reset bug."""

from __future__ import annotations

from html import escape

import PySide6
from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QMainWindow, QTabWidget,
                               QTextBrowser, QVBoxLayout, QWidget)

from rejuv_desktop import APP_NAME, paths
from rejuv_desktop.services import about as about_info

_WARNING_STYLE = ("background: #fdecea; color: #8c1d18; padding: 8px 12px;"
                  " border-bottom: 1px solid #f5c2bd;")


def sqlite_warning(widget: QWidget, status) -> str:
    """The words for an affected SQLite (About and the banner)."""
    return QCoreApplication.translate("About",
        "SQLite {version} is affected by the WAL-reset bug (versions {range}), which can "
        "damage the database when two programs write to it at the same moment. No build of "
        "{app} with a newer SQLite exists for this computer: keep one program writing at a "
        "time, and keep the automatic backups on.").format(
        version=status.version, range=status.bug_range, app=APP_NAME)


def add_sqlite_banner(window: QMainWindow) -> QLabel | None:
    """A lasting strip above the window's banner when SQLite is affected (None when safe)."""
    status = about_info.versions().sqlite
    if not status.affected:
        return None
    label = QLabel(sqlite_warning(window, status))
    label.setObjectName("sqliteBanner")
    label.setWordWrap(True)
    label.setStyleSheet(_WARNING_STYLE)
    layout = window.banner.parentWidget().layout()
    layout.insertWidget(layout.indexOf(window.banner), label)
    return label


class AboutDialog(QDialog):
    """Versions (app, Python, Qt, PySide6, SQLite), where the files are, and the licences."""

    def __init__(self, db_path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("About {app}").format(app=APP_NAME))
        self.resize(640, 520)
        v = about_info.versions()
        tabs = QTabWidget()
        self.about_text = QLabel(self._about_html(v, db_path))
        self.about_text.setObjectName("aboutText")
        self.about_text.setWordWrap(True)
        self.about_text.setTextFormat(Qt.TextFormat.RichText)
        self.about_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.about_text.setAlignment(Qt.AlignmentFlag.AlignTop)
        tabs.addTab(self.about_text, self.tr("About"))
        self.licences = QTextBrowser()
        self.licences.setObjectName("licences")
        self.licences.setOpenExternalLinks(False)
        self.licences.setHtml(self._licences_html())
        tabs.addTab(self.licences, self.tr("Third-party licences"))
        self.tabs = tabs
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)

    def _about_html(self, v: about_info.Versions, db_path) -> str:
        sqlite = (escape(v.sqlite.version) if not v.sqlite.affected else
                  f"<span style='color:#8c1d18'><b>{escape(sqlite_warning(self, v.sqlite))}"
                  "</b></span>")
        build = self.tr("installed build") if v.frozen else self.tr("source install")
        rows = [(self.tr("Version"), escape(f"{v.app} ({build})")),
                (self.tr("Python"), escape(v.python)),
                (self.tr("Qt"), escape(f"{qVersion()} (PySide6 {PySide6.__version__})")),
                (self.tr("SQLite"), sqlite),
                (self.tr("System"), escape(v.system)),
                (self.tr("Database"), escape(str(db_path or self.tr("in memory")))),
                (self.tr("Data folder"), escape(str(paths.data_dir()))),
                (self.tr("Logs"), escape(str(paths.log_dir())))]
        table = "".join(f"<tr><td valign='top'><b>{k}</b>&nbsp;&nbsp;</td><td>{val}</td></tr>"
                        for k, val in rows)
        return (f"<h3>{escape(APP_NAME)} {escape(v.app)}</h3><p>"
                + escape(self.tr(
                    "Consultation assistant for hand rejuvenation: autologous fat transfer to the "
                    "hands and hand mesotherapy. Works offline; all records stay in one local "
                    "file."))
                + f"</p><table>{table}</table><p>"
                + escape(self.tr("Proprietary software. It includes the third-party components "
                                 "listed under Third-party licences, each under its own "
                                 "licence."))
                + "</p>")

    def _licences_html(self) -> str:
        intro = self.tr("The components below are part of this program. Their licence texts "
                        "follow, and are in the licenses folder of the installation.")
        parts = [f"<p>{escape(intro)}</p>"]
        texts: list = []
        for c in about_info.third_party():
            parts.append(f"<h4>{escape(c.name)}</h4><p>" + escape(self.tr("Licence"))
                         + f": <b>{escape(c.licence)}</b><br>{escape(c.url)}</p>")
            if c.note:
                parts.append(f"<p>{escape(c.note.format(qt=qVersion()))}</p>")
            texts += [t for t in c.texts if t not in texts and t.is_file()]
        for text in texts:  # each licence text once, at the end
            parts.append(f"<h4>{escape(text.name)}</h4><pre style='font-size:small'>"
                         f"{escape(text.read_text(encoding='utf-8'))}</pre>")
        return "".join(parts)


def show_about(db_path, parent: QWidget | None = None) -> None:
    AboutDialog(db_path, parent).exec()
