"""Previewing an archived PDF, printing it and saving a copy."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QLabel, QMessageBox,
                               QProgressBar, QProgressDialog, QStackedLayout, QVBoxLayout,
                               QWidget)

from rejuv_desktop.errors import UserError
from rejuv_desktop.services import documents as sd
from rejuv_desktop.ui.documents.printing import MAX_RENDER_DPI, Printing, PrintJob
from rejuv_desktop.ui.geometry import fit_to_screen
from rejuv_desktop.ui.i18n import fmt_datetime as format_moment


def load_pdf(data: bytes, parent=None) -> tuple[QPdfDocument, QBuffer]:
    """A QPdfDocument reading from memory (the buffer must live as long as the document)."""
    document = QPdfDocument(parent)
    buffer = QBuffer(parent)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    return document, buffer


def print_pdf(document: QPdfDocument, printer: QPrinter) -> int:
    """Render every page onto the printer, one page at a time at a bounded resolution, on
    this thread (tests, scripts); the window prints with ``PrintJob``. Returns the pages."""
    painter = QPainter()
    if not painter.begin(printer):
        raise UserError(Printing.tr("The printer could not be started."))
    try:
        dpi = min(printer.resolution(), MAX_RENDER_DPI)
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            points = document.pagePointSize(page)
            size = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
            image = document.render(page, size)
            target = painter.viewport()
            scaled = size.scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(target.topLeft(), scaled), image)
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
        from rejuv_desktop.ui.documents.tab import kind_label

        self.setWindowTitle(self.tr("{kind} {number}").format(
            kind=kind_label(self.meta["kind"]), number=self.meta["number"]))
        fit_to_screen(self, 820, 960)
        layout = QVBoxLayout(self)
        info = QLabel(self.tr("Archived {when} · SHA-256 {sha}…").format(
            when=format_moment(self.meta["created_at"]), sha=self.meta["sha256"][:16]))
        info.setStyleSheet("color: #555;")
        layout.addWidget(info)
        self.document, self._buffer = load_pdf(self.data, self)
        self.view = QPdfView(self)
        self.view.setObjectName("pdf_view")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        # Busy until the pages are on screen: the view is given the document only once this
        # window has painted, so "Preparing the preview" shows at once, never a blank wait.
        busy = QWidget()
        bl = QVBoxLayout(busy)
        bl.addStretch(1)
        self.busy_label = QLabel(self.tr("Preparing the preview…"))
        self.busy_label.setObjectName("preview_busy")
        self.busy_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.busy_label.setStyleSheet("font-size: 15px; color: #444;")
        bar = QProgressBar()
        bar.setRange(0, 0)
        bar.setMaximumWidth(260)
        bl.addWidget(self.busy_label)
        bl.addWidget(bar, 0, Qt.AlignmentFlag.AlignHCenter)
        bl.addStretch(2)
        self.pages = QStackedLayout()
        self.pages.addWidget(busy)
        self.pages.addWidget(self.view)
        layout.addLayout(self.pages, 1)
        self.rendering = True
        self.setCursor(Qt.CursorShape.BusyCursor)
        QTimer.singleShot(0, self, self._show_pages)
        self.print_job: PrintJob | None = None
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.print_button = buttons.addButton(self.tr("Print…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button = buttons.addButton(self.tr("Save as…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_as)
        self.sign_button = None
        if self.meta["kind"] in ("consent", "devis") and self.meta["signed_of"] is None:
            self.sign_button = buttons.addButton(self.tr("Sign…"),
                                                 QDialogButtonBox.ButtonRole.ActionRole)
            self.sign_button.clicked.connect(lambda: self.sign_requested.emit(self.meta["id"]))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _show_pages(self) -> None:
        self.view.setDocument(self.document)
        self.pages.setCurrentWidget(self.view)
        self.rendering = False
        self.unsetCursor()

    def print_document(self) -> None:
        if self.print_job is not None and self.print_job.running:
            return
        # The printer's own resolution: the PDF goes to the print queue as it is, or is drawn
        # a page at a time at no more than MAX_RENDER_DPI (see printing.py).
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.printer.setDocName(self.meta["number"])
        self.printer.setFromTo(1, self.document.pageCount())
        dialog = QPrintDialog(self.printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.start_print(self.printer)

    def start_print(self, printer: QPrinter) -> PrintJob:
        """Print off the GUI thread, with a progress dialog that can cancel."""
        job = PrintJob(self.data, printer, self.meta["number"], self)
        progress = QProgressDialog(self.tr("Printing {number}…").format(
            number=self.meta["number"]), self.tr("Cancel"), 0, 0, self)
        progress.setObjectName("print_progress")
        progress.setWindowTitle(self.tr("Printing"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(job.cancel)

        def step(done: int, total: int) -> None:
            progress.setMaximum(total)
            progress.setValue(done)
            if total:
                progress.setLabelText(self.tr("Printing {number}: page {n} of {total}…").format(
                    number=self.meta["number"], n=min(done + 1, total), total=total))

        def end(*_args) -> None:
            progress.close()
            progress.deleteLater()

        def failed(exc) -> None:
            end()
            QMessageBox.warning(self, self.tr("Not printed"), str(exc) if isinstance(
                exc, UserError) else self.tr("The document could not be printed: {why}").format(
                why=exc))

        job.progress.connect(step)
        job.finished.connect(end)
        job.cancelled.connect(end)
        job.failed.connect(failed)
        self.print_job = job
        job.start()
        progress.show()
        return job

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
