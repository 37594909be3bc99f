"""Previewing an archived PDF, printing it and saving a copy."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QLabel, QMessageBox,
                               QVBoxLayout)

from rejuv_desktop.errors import UserError
from rejuv_desktop.services import documents as sd


def load_pdf(data: bytes, parent=None) -> tuple[QPdfDocument, QBuffer]:
    """A QPdfDocument reading from memory (the buffer must live as long as the document)."""
    document = QPdfDocument(parent)
    buffer = QBuffer(parent)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    return document, buffer


def print_pdf(document: QPdfDocument, printer: QPrinter) -> int:
    """Render every page onto the printer at its resolution; returns the pages printed."""
    painter = QPainter()
    if not painter.begin(printer):
        raise UserError("The printer could not be started.")
    try:
        dpi = printer.resolution()
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            points = document.pagePointSize(page)
            size = QSize(int(points.width() / 72 * dpi), int(points.height() / 72 * dpi))
            image = document.render(page, size)
            target = painter.viewport()
            scaled = size.scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(target.x(), target.y(), image.scaled(scaled))
        return document.pageCount()
    finally:
        painter.end()


class PdfPreview(QDialog):
    """An archived document on screen, with Print…, Save as… and (for a consent) Sign…."""

    sign_requested = Signal(int)

    def __init__(self, store, document_id: int, parent=None):
        super().__init__(parent)
        self.store = store
        self.meta = sd.document(store, document_id)
        self.data = sd.pdf_bytes(store, document_id)
        self.setWindowTitle(self.tr("{kind} {number}").format(
            kind=self.meta["kind"].capitalize(), number=self.meta["number"]))
        self.resize(820, 960)
        layout = QVBoxLayout(self)
        info = QLabel(self.tr("Archived {when} · SHA-256 {sha}…").format(
            when=self.meta["created_at"][:16].replace("T", " "), sha=self.meta["sha256"][:16]))
        info.setStyleSheet("color: #555;")
        layout.addWidget(info)
        self.document, self._buffer = load_pdf(self.data, self)
        self.view = QPdfView(self)
        self.view.setObjectName("pdf_view")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.print_button = buttons.addButton(self.tr("Print…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button = buttons.addButton(self.tr("Save as…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_as)
        self.sign_button = None
        if self.meta["kind"] == "consent" and self.meta["signed_of"] is None:
            self.sign_button = buttons.addButton(self.tr("Sign…"),
                                                 QDialogButtonBox.ButtonRole.ActionRole)
            self.sign_button.clicked.connect(lambda: self.sign_requested.emit(self.meta["id"]))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def print_document(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.meta["number"])
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            print_pdf(self.document, printer)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("Not printed"), str(exc))

    def save_as(self) -> None:
        suggested = f"{self.meta['number']}.pdf"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save a copy"), suggested,
                                              self.tr("PDF documents (*.pdf)"))
        if not path:
            return
        try:
            sd.write_pdf(self.data, path)
        except UserError as exc:  # the service names the file and the reason
            QMessageBox.warning(self, self.tr("Not saved"), str(exc))
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Not saved"),
                                self.tr("The file could not be written: {why}").format(
                                    why=exc.strerror or exc))
