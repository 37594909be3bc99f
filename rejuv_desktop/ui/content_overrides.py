"""The Settings tab listing the clinic's own content files (its overrides of the packaged ones)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QLabel, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from rejuv_desktop import content
from rejuv_desktop.services import content_check


class ContentOverridesTab(QWidget):
    """Which packaged content files the clinic replaces, with ids and versions, and any file
    in the folder that replaces nothing."""

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "A file in the clinic's content folder replaces the packaged file of the same name, "
            "and upgrades never touch it. Files are checked when the app starts; IT can run "
            "<code>rejuv-desktop content check</code>. Folder: <b>{folder}</b>").format(
            folder=html.escape(str(content.overrides_dir()))))
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(intro)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("content_overrides")
        self.table.setHorizontalHeaderLabels([self.tr("File"), self.tr("Id"), self.tr("Version"),
                                              self.tr("Status")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.none = QLabel(self.tr("No file is overridden: all content is as packaged."))
        self.none.setObjectName("no_overrides")
        layout.addWidget(self.none)
        self.refresh()

    def refresh(self) -> None:
        found = content_check.overrides()
        self.table.setRowCount(len(found))
        for i, o in enumerate(found):
            status = (self.tr("adds to the packaged content") if o.added
                      else self.tr("replaces the packaged file (version {v})").format(v=o.packaged_version or "—")
                      if o.used else self.tr("NOT USED: {why}").format(why=o.why_unused))
            if o.missing:
                status += self.tr("; lacks {n} packaged question(s): {ids}").format(
                    n=len(o.missing), ids=", ".join(o.missing))
            for j, text in enumerate((o.relative, o.id or "—", o.version or "—", status)):
                item = QTableWidgetItem(text)
                item.setToolTip(str(o.path))
                if not o.used or o.missing:
                    item.setForeground(QBrush(QColor("#b3261e")))
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()
        self.table.setVisible(bool(found))
        self.none.setVisible(not found)
