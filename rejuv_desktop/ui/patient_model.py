"""The patient list as a Qt table model, fed by the patient service."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QFont

from rejuv_desktop.domain import patients as dp
from rejuv_desktop.services import patients as sp
from rejuv_desktop.ui.i18n import fmt_date

PAGE = 200


class PatientTableModel(QAbstractTableModel):
    """Search results, fetched a page at a time as the list scrolls."""

    COLUMNS = (QT_TRANSLATE_NOOP("PatientTableModel", "Name"),
               QT_TRANSLATE_NOOP("PatientTableModel", "Date of birth"),
               QT_TRANSLATE_NOOP("PatientTableModel", "Phone"))

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.rows: list[dict] = []
        self.query = ""
        self.include_archived = False
        self._more = False
        # Display texts per row, made once: the view asks for them again at every repaint.
        self._texts: dict[int, tuple[str, str, str]] = {}

    # Qt overrides -------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.COLUMNS[section])
        return None

    def _display(self, n: int) -> tuple[str, str, str]:
        texts = self._texts.get(n)
        if texts is None:
            row = self.rows[n]
            name = dp.list_name(row) + (self.tr(" (archived)") if row["archived"] else "")
            dob = fmt_date(row["date_of_birth"])
            texts = self._texts[n] = (name, dob, row["phone"])
        return texts

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(index.row())[index.column()]
        row = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.UserRole:
            return row["id"]
        if role == Qt.ItemDataRole.ForegroundRole and row["archived"]:
            from PySide6.QtGui import QColor
            return QColor("#888888")
        if role == Qt.ItemDataRole.FontRole and row["archived"]:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.AccessibleTextRole and col == 0:
            return dp.display_name(row)
        return None

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and self._more

    def fetchMore(self, parent=QModelIndex()) -> None:
        more = sp.search_patients(self.store, self.query, include_archived=self.include_archived,
                                  limit=PAGE + 1, offset=len(self.rows))
        self._more = len(more) > PAGE
        more = more[:PAGE]
        if not more:
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
        self.rows.extend(more)
        self.endInsertRows()

    # API ------------------------------------------------------------------------------------
    def search(self, query: str, include_archived: bool | None = None) -> None:
        """Replace the rows with the first page of matches for ``query``."""
        self.query = query
        if include_archived is not None:
            self.include_archived = include_archived
        rows = sp.search_patients(self.store, query, include_archived=self.include_archived,
                                  limit=PAGE + 1)
        self.beginResetModel()
        self._more = len(rows) > PAGE
        self.rows = rows[:PAGE]
        self._texts = {}
        self.endResetModel()

    def refresh(self) -> None:
        self.search(self.query)

    def patient_id(self, row: int) -> int | None:
        return self.rows[row]["id"] if 0 <= row < len(self.rows) else None

    def row_of(self, patient_id: int) -> int | None:
        for i, r in enumerate(self.rows):
            if r["id"] == patient_id:
                return i
        return None
