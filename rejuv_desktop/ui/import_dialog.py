"""File ▸ Import patients: bring a CSV of patients in, from this app's columns or another
system's export, with every problem listed by line."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog,
                               QFormLayout, QHBoxLayout, QLineEdit, QPlainTextEdit, QPushButton,
                               QVBoxLayout, QWidget)

from rejuv_desktop.errors import UserError
from rejuv_desktop.ui.i18n import Menus

FORMATS = {"rejuv": QT_TRANSLATE_NOOP(
               "ImportDialog", "This app's columns (given_name, family_name, date_of_birth, …)"),
           "synthea": QT_TRANSLATE_NOOP("ImportDialog", "Synthea export (FIRST, LAST, BIRTHDATE, …)")}


class ImportDialog(QDialog):
    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.imported = 0
        self.setWindowTitle(self.tr("Import patients"))
        self.resize(680, 480)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        row = QWidget()
        rl = QHBoxLayout(row)
        rl.setContentsMargins(0, 0, 0, 0)
        self.path = QLineEdit()
        self.path.setObjectName("import_path")
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._choose)
        rl.addWidget(self.path, 1)
        rl.addWidget(browse)
        form.addRow(self.tr("CSV file"), row)
        self.format = QComboBox()
        self.format.setObjectName("import_format")
        for key, label in FORMATS.items():
            self.format.addItem(self.tr(label), key)
        form.addRow(self.tr("Columns"), self.format)
        self.skip = QCheckBox(self.tr("Import the valid rows and list the others "
                                      "(otherwise nothing is imported if a row has a problem)"))
        form.addRow("", self.skip)
        layout.addLayout(form)
        self.report = QPlainTextEdit()
        self.report.setObjectName("import_report")
        self.report.setReadOnly(True)
        layout.addWidget(self.report, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.run_button = buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.ActionRole)
        self.run_button.clicked.connect(self.run)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Patients to import"), "",
                                              self.tr("CSV files (*.csv);;All files (*)"))
        if path:
            self.path.setText(path)

    def run(self) -> None:
        path = self.path.text().strip()
        if not path:
            self.report.setPlainText(self.tr("Choose the CSV file first."))
            return
        try:
            from rejuv_desktop.services.importer import import_patients  # loaded when used

            result = import_patients(self.store, path, fmt=self.format.currentData(),
                                     skip_invalid=self.skip.isChecked())
        except UserError as exc:
            self.report.setPlainText(str(exc))
            return
        lines = []
        if result.problems and not self.skip.isChecked():
            lines.append(self.tr("Nothing imported: %n row(s) have problems. Correct them, or "
                                 "tick the box to import the valid rows.", "",
                                 len(result.problems)))
        else:
            lines.append(self.tr("Imported %n patient(s).", "", result.imported))
        if result.ignored_columns:
            lines.append(self.tr("Columns not imported: {c}").format(
                c=", ".join(result.ignored_columns)))
        for title, items in ((self.tr("Problems"), result.problems),
                             (self.tr("Not imported"), result.skipped),
                             (self.tr("Warnings"), result.warnings)):
            if items:
                lines.append(f"\n{title}:")
                lines.extend(f"  line {p.line}: {p.message}" for p in items)
        self.imported += result.imported
        self.report.setPlainText("\n".join(lines))


def install(window) -> None:
    def open_dialog():
        dialog = ImportDialog(window.store, window)
        dialog.exec()
        if dialog.imported:
            window.on_search(window.search.text())

    window.add_action("file", Menus.tr("&Import patients…"), open_dialog, 100,
                      name="import_patients")
