"""The outcome summary PDF on screen, to print or save (it is made afresh each time)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QMessageBox, QPushButton,
                               QVBoxLayout)

from rejuv_desktop.ui.documents.viewer import load_pdf, print_pdf
from rejuv_desktop.ui.geometry import fit_to_screen


class OutcomeSummaryDialog(QDialog):
    def __init__(self, pdf: bytes, parent=None):
        super().__init__(parent)
        self.pdf = pdf
        self.setWindowTitle(self.tr("Outcome summary"))
        self.setObjectName("outcome_summary_preview")
        fit_to_screen(self, 760, 820)
        layout = QVBoxLayout(self)
        self.document, self._buffer = load_pdf(pdf, self)
        view = QPdfView(self)
        view.setDocument(self.document)
        view.setPageMode(QPdfView.PageMode.MultiPage)
        view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        layout.addWidget(view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        save = QPushButton(self.tr("Save as…"))
        save.setObjectName("outcome_summary_save")
        save.clicked.connect(self.save_as)
        printing = QPushButton(self.tr("Print…"))
        printing.clicked.connect(self.print_it)
        buttons.addButton(save, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(printing, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def save_as(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the outcome summary"),
                                              str(Path.home() / "outcome-summary.pdf"),
                                              self.tr("PDF files (*.pdf)"))
        if path:
            self.write(Path(path))

    def write(self, path: Path) -> None:
        try:
            path.write_bytes(self.pdf)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Not saved"), self.tr(
                "The file could not be written: {why}").format(why=exc.strerror or exc))

    def print_it(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec():
            print_pdf(self.document, printer)
