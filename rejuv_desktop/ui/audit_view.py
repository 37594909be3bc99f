"""The audit trail viewer: every change, who made it and when, before and after; filterable;
with a check of the hash chain that shows whether anything was altered."""

from __future__ import annotations

import json

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDialog,
                               QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPlainTextEdit, QPushButton, QSplitter, QTableWidget,
                               QTableWidgetItem, QVBoxLayout)

from rejuv_desktop.services import history as sh
from rejuv_desktop.services import practitioners as pr
from rejuv_desktop.ui.date_field import DateField
from rejuv_desktop.ui.geometry import fit_to_screen
from rejuv_desktop.ui.i18n import Menus, date_format, fmt_datetime
from rejuv_desktop.ui.names import TABLE_NAMES, audit_changes, audit_what, name_of


class AuditDialog(QDialog):
    """All audit rows, newest first, with filters; the selected row's before and after."""

    def __init__(self, store, patient_id: int | None = None, parent=None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Audit trail"))
        fit_to_screen(self, 1100, 720)
        layout = QVBoxLayout(self)
        filters = QHBoxLayout()
        self.patient = QLineEdit(str(patient_id) if patient_id else "")
        self.patient.setObjectName("filter_patient")
        self.patient.setPlaceholderText(self.tr("patient id"))
        self.patient.setMaximumWidth(90)
        self.who = QComboBox()
        self.who.setObjectName("filter_who")
        self.who.addItem(self.tr("Anyone"), None)
        for p in pr.list_practitioners(store):
            self.who.addItem(p.display, p.id)
        self.table_filter = QComboBox()
        self.table_filter.setObjectName("filter_table")
        self.table_filter.addItem(self.tr("All records"), None)
        for t in sh.audited_tables(store):
            self.table_filter.addItem(name_of(TABLE_NAMES, t, sh.TABLE_LABELS.get(t, t)), t)
        self.use_dates = QCheckBox(self.tr("From"))
        today = QDate.currentDate()
        self.since = DateField(today.addDays(-30))
        self.until = DateField(today)
        for d in (self.since, self.until):
            d.setCalendarPopup(True)
            d.setDisplayFormat(date_format())
        self.text = QLineEdit()
        self.text.setObjectName("filter_text")
        self.text.setPlaceholderText(self.tr("containing…"))
        for label, w in ((self.tr("Patient"), self.patient), (self.tr("Who"), self.who),
                         (self.tr("Record"), self.table_filter)):
            filters.addWidget(QLabel(label))
            filters.addWidget(w)
        filters.addWidget(self.use_dates)
        filters.addWidget(self.since)
        filters.addWidget(QLabel(self.tr("to")))
        filters.addWidget(self.until)
        filters.addWidget(self.text, 1)
        layout.addLayout(filters)
        for signal in (self.patient.textChanged, self.text.textChanged):
            signal.connect(self.refresh)
        for combo in (self.who, self.table_filter):
            combo.currentIndexChanged.connect(self.refresh)
        self.use_dates.toggled.connect(self.refresh)
        self.since.dateChanged.connect(self.refresh)
        self.until.dateChanged.connect(self.refresh)

        split = QSplitter(Qt.Orientation.Vertical)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("audit_rows")
        self.table.setHorizontalHeaderLabels([self.tr("When"), self.tr("Who"), self.tr("What"),
                                              self.tr("Changes")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._show_detail)
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setSizes([460, 180])
        layout.addWidget(split, 1)
        bottom = QHBoxLayout()
        self.count = QLabel()
        self.verify_button = QPushButton(self.tr("Verify the audit trail"))
        self.verify_button.setObjectName("verify_chain")
        self.verify_button.clicked.connect(self.verify)
        self.verify_result = QLabel()
        self.verify_result.setObjectName("verify_result")
        bottom.addWidget(self.count)
        bottom.addStretch(1)
        bottom.addWidget(self.verify_result)
        bottom.addWidget(self.verify_button)
        layout.addLayout(bottom)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.entries: list[sh.HistoryEntry] = []
        self.refresh()

    def refresh(self) -> None:
        patient = self.patient.text().strip()
        self.entries = sh.audit_entries(
            self.store, patient_id=int(patient) if patient.isdigit() else None,
            practitioner_id=self.who.currentData(), table=self.table_filter.currentData(),
            since=self.since.date().toString("yyyy-MM-dd") if self.use_dates.isChecked()
            and self.since.date().isValid() else None,
            until=self.until.date().toString("yyyy-MM-dd") if self.use_dates.isChecked()
            and self.until.date().isValid() else None,
            text=self.text.text().strip() or None, limit=2000)
        self.table.setRowCount(len(self.entries))
        for i, e in enumerate(self.entries):
            when = fmt_datetime(e.at, seconds=True)
            for j, text in enumerate((when, e.who, audit_what(e.table, e.row_id, e.before is None),
                                      audit_changes(e.before, e.changes))):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.count.setText(self.tr("%n change(s) shown", "", len(self.entries)))

    def _show_detail(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.detail.clear()
            return
        e = self.entries[rows[0].row()]
        before = json.dumps(e.before, ensure_ascii=False, indent=1) if e.before else "—"
        after = json.dumps(e.after, ensure_ascii=False, indent=1) if e.after else "—"
        self.detail.setPlainText(self.tr("Before:\n{b}\n\nAfter:\n{a}").format(b=before, a=after))

    def verify(self) -> None:
        result = sh.verify(self.store)
        colour = "#1b5e20" if result.ok else "#b3261e"
        self.verify_result.setStyleSheet(f"color: {colour}; font-weight: 600;")
        self.verify_result.setText(result.message)


def install(window) -> None:
    window.add_action("tools", Menus.tr("&Audit trail…"),
                      lambda: AuditDialog(window.store, None, window).exec(), 200,
                      name="audit_trail")
