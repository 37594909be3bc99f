"""Find patients by product lot: the recall search of the Tools menu."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QPushButton, QTableWidget, QTableWidgetItem,
                               QVBoxLayout)

from rejuv_desktop.errors import ValidationError
from rejuv_desktop.services import recall
from rejuv_desktop.ui.errors import reports_errors
from rejuv_desktop.ui.sessions.common import procedure_label, status_name, fmt_day

COLUMNS = (QT_TRANSLATE_NOOP("LotLookupDialog", "Date"), QT_TRANSLATE_NOOP("LotLookupDialog", "Patient"),
           QT_TRANSLATE_NOOP("LotLookupDialog", "Born"), QT_TRANSLATE_NOOP("LotLookupDialog", "Phone"),
           QT_TRANSLATE_NOOP("LotLookupDialog", "Procedure"),
           QT_TRANSLATE_NOOP("LotLookupDialog", "Product"), QT_TRANSLATE_NOOP("LotLookupDialog", "Lot"),
           QT_TRANSLATE_NOOP("LotLookupDialog", "Expiry"),
           QT_TRANSLATE_NOOP("LotLookupDialog", "Quantity"))


class LotLookupDialog(QDialog):
    """Type a lot number: every patient and session that received it. A row opens the patient."""

    open_patient = Signal(int)

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.uses: list[recall.LotUse] = []
        self.setWindowTitle(self.tr("Find patients by product lot"))
        self.resize(920, 480)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.lot = QLineEdit()
        self.lot.setObjectName("lot_number")
        self.lot.setPlaceholderText(self.tr("Lot number, as printed on the product"))
        self.lot.returnPressed.connect(self.search)
        find = QPushButton(self.tr("Find"))
        find.setObjectName("lot_find")
        find.setAutoDefault(False)
        find.clicked.connect(self.search)
        row.addWidget(QLabel(self.tr("Lot:")))
        row.addWidget(self.lot, 1)
        row.addWidget(find)
        layout.addLayout(row)
        self.result = QLabel(self.tr("Spaces, dashes and capitals are ignored, so HA 2291 finds "
                                     "ha-2291 too."))
        self.result.setObjectName("lot_result")
        self.result.setWordWrap(True)
        layout.addWidget(self.result)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("lot_table")
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.cellActivated.connect(self._open)
        self.table.cellDoubleClicked.connect(self._open)
        layout.addWidget(self.table, 1)
        hint = QLabel(self.tr("Double-click a row to open the patient's record."))
        hint.setStyleSheet("color: #666;")
        layout.addWidget(hint)

    @reports_errors
    def search(self) -> None:
        try:
            self.uses = recall.lot_lookup(self.store, self.lot.text())
        except ValidationError as exc:
            self.result.setText(exc.errors.get("lot", str(exc)))
            self.result.setStyleSheet("color: #b3261e;")
            return
        self.result.setStyleSheet("")
        patients = len({u.patient_id for u in self.uses})
        self.result.setText(
            self.tr("No patient has received lot {lot}.").format(lot=self.lot.text().strip())
            if not self.uses else
            self.tr("Lot {lot}: {p} patient(s), {n} session(s).").format(
                lot=self.lot.text().strip(), p=patients, n=len(self.uses)))
        self.table.setRowCount(len(self.uses))
        for i, u in enumerate(self.uses):
            status = "" if u.session_status == "completed" else \
                f" ({status_name(u.session_status)})"
            values = (fmt_day(u.session_date), u.patient_name, fmt_day(u.date_of_birth),
                      u.phone, procedure_label(u.procedure) + status,
                      u.product, u.lot, fmt_day(u.expiry) if u.expiry else "",
                      "" if u.quantity_ml is None else f"{u.quantity_ml:g} ml")
            for j, text in enumerate(values):
                item = QTableWidgetItem(text)
                if j == 8:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

    def _open(self, row: int, _column: int = 0) -> None:
        if 0 <= row < len(self.uses):
            self.open_patient.emit(self.uses[row].patient_id)
