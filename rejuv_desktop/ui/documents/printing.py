"""Printing an archived PDF without freezing the window or filling the memory.

Three ways, best first:

- a PDF file chosen as the printer ("Print to file"): the archived bytes are written as they
  are (what was signed, identical, and as small as the original);
- a real printer on a system with a CUPS print queue (``lp``/``lpr``): the PDF file itself is
  handed to the queue, which prints it at the printer's own resolution;
- otherwise: pages are rendered one at a time at no more than ``MAX_RENDER_DPI`` and drawn
  onto the printer, so at most one page image is in memory.

All three run off the GUI thread, report progress, and can be cancelled.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
import threading

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter

from rejuv_desktop.errors import UserError
from rejuv_desktop.ui.i18n import Context
from rejuv_desktop.ui.tasks import run_with_progress

log = logging.getLogger(__name__)


class Printing(Context):
    """The context of the printing messages in the catalogues."""

MAX_RENDER_DPI = 300
"""Enough for text and a signature on paper; a 1200 dpi A4 page would be 560 MB in memory."""


class Cancelled(Exception):
    """The print was cancelled before it reached the printer."""


def print_queue_command() -> list[str] | None:
    """``lp`` or ``lpr`` when the system has a print queue, else None."""
    for name in ("lp", "lpr"):
        path = shutil.which(name)
        if path:
            return [path]
    return None


def page_range(printer: QPrinter, pages: int) -> tuple[int, int]:
    """The first and last page (1-based) the print dialog asked for."""
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = max(1, printer.fromPage())
        last = min(pages, printer.toPage() or pages)
        return first, max(first, last)
    return 1, pages


def queue_arguments(command: str, printer: QPrinter, title: str, path: str,
                    pages: tuple[int, int] | None) -> list[str]:
    """The ``lp``/``lpr`` command line for the options chosen in the print dialog."""
    copies = max(1, printer.copyCount())
    name = printer.printerName()
    options = []
    if pages is not None:
        options += ["-o", f"page-ranges={pages[0]}-{pages[1]}"]
    if printer.duplex() in (QPrinter.DuplexMode.DuplexLongSide, QPrinter.DuplexMode.DuplexAuto):
        options += ["-o", "sides=two-sided-long-edge"]
    elif printer.duplex() == QPrinter.DuplexMode.DuplexShortSide:
        options += ["-o", "sides=two-sided-short-edge"]
    if os.path.basename(command) == "lp":
        args = [command] + (["-d", name] if name else []) + ["-n", str(copies), "-t", title]
    else:
        args = [command] + (["-P", name] if name else []) + ["-#", str(copies), "-T", title]
    return args + options + ["--", path]


class PrintJob(QObject):
    """One print of a PDF. ``start()``, then ``progress(done, total)`` and at the end
    ``finished(how)`` (``file``, ``queue`` or ``rendered``), ``cancelled()`` or ``failed(exc)``."""

    progress = Signal(int, int)
    finished = Signal(str)
    cancelled = Signal()
    failed = Signal(object)

    def __init__(self, data: bytes, printer: QPrinter, title: str, parent=None):
        super().__init__(parent)
        self.data, self.printer, self.title = data, printer, title
        self._cancel = threading.Event()
        self._process: subprocess.Popen | None = None
        self.force_raster = False  # render even where the bytes or the queue would do
        self.running = False

    # deciding -----------------------------------------------------------------------------------
    def method(self) -> str:
        p = self.printer
        if self.force_raster:
            return "rendered"
        if p.outputFormat() == QPrinter.OutputFormat.PdfFormat and p.outputFileName() \
                and p.printRange() != QPrinter.PrintRange.PageRange:
            return "file"
        if p.outputFormat() == QPrinter.OutputFormat.NativeFormat and p.printerName() \
                and print_queue_command():
            return "queue"
        return "rendered"

    def start(self) -> None:
        self.running = True
        how = self.method()
        work = {"file": self._write_file, "queue": self._to_queue,
                "rendered": self._render}[how]
        log.info("printing %s (%s)", self.title, how)
        run_with_progress(work, lambda _r: self._end(how), self._error,
                          lambda done, total: self.progress.emit(done, total))

    def cancel(self) -> None:
        self._cancel.set()
        process = self._process
        if process is not None and process.poll() is None:
            process.terminate()

    def _end(self, how: str) -> None:
        self.running = False
        self.finished.emit(how)

    def _error(self, exc) -> None:
        self.running = False
        if isinstance(exc, Cancelled):
            self.cancelled.emit()
        else:
            self.failed.emit(exc)

    # the three ways (each runs on a worker thread) ----------------------------------------------
    def _write_file(self, report) -> None:
        report(0, 1)
        path = self.printer.outputFileName()
        try:
            with open(path + ".part", "wb") as f:
                f.write(self.data)
                f.flush()
                os.fsync(f.fileno())
            if self._cancel.is_set():
                os.unlink(path + ".part")
                raise Cancelled()
            os.replace(path + ".part", path)
        except OSError as exc:
            raise UserError(Printing.tr("The file could not be written: {problem}").format(
                problem=exc.strerror or exc)) from exc
        report(1, 1)

    def _to_queue(self, report) -> None:
        report(0, 0)
        command = print_queue_command()
        pages = None
        if self.printer.printRange() == QPrinter.PrintRange.PageRange:
            pages = (max(1, self.printer.fromPage()), max(1, self.printer.toPage()))
        with tempfile.TemporaryDirectory(prefix="rejuv-print-") as folder:
            path = os.path.join(folder, "document.pdf")
            with open(path, "wb") as f:
                f.write(self.data)
            if self._cancel.is_set():
                raise Cancelled()
            self._process = subprocess.Popen(
                queue_arguments(command[0], self.printer, self.title, path, pages),
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            _out, err = self._process.communicate(timeout=120)
            code = self._process.returncode
        if self._cancel.is_set():
            raise Cancelled()
        if code != 0:
            raise UserError(Printing.tr("The print queue refused the document: {problem}").format(
                problem=(err or "").strip()
                or Printing.tr("exit code {code}").format(code=code)))
        report(1, 1)

    def _render(self, report) -> None:
        from PySide6.QtPdf import QPdfDocument

        # A document of this thread's own: the one on screen belongs to the GUI thread.
        document = QPdfDocument()
        buffer = QBuffer()
        buffer.setData(QByteArray(self.data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        document.load(buffer)
        if document.status() != QPdfDocument.Status.Ready:
            raise UserError(Printing.tr("The document could not be read for printing."))
        first, last = page_range(self.printer, document.pageCount())
        total = last - first + 1
        dpi = min(self.printer.resolution(), MAX_RENDER_DPI)
        painter = QPainter()
        if not painter.begin(self.printer):
            raise UserError(Printing.tr("The printer could not be started."))
        try:
            for n, page in enumerate(range(first - 1, last)):
                if self._cancel.is_set():
                    self.printer.abort()
                    raise Cancelled()
                report(n, total)
                if n:
                    self.printer.newPage()
                points = document.pagePointSize(page)
                size = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
                image = document.render(page, size).convertToFormat(QImage.Format.Format_RGB888)
                target = painter.viewport()
                scaled = size.scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                # Drawn scaled by the painter: no second, printer-sized copy of the page.
                painter.drawImage(target.adjusted(0, 0, scaled.width() - target.width(),
                                                  scaled.height() - target.height()), image)
                del image
            report(total, total)
        finally:
            painter.end()
            document.close()
