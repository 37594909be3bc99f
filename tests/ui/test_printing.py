"""Printing: off the GUI thread, with progress and cancel, never a printer-resolution copy of
every page in memory; the preview says it is busy until its pages are on screen."""

from __future__ import annotations

import io
import os
import stat

import pypdf
import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QProgressDialog

from rejuv_desktop.services import documents as sd
from rejuv_desktop.ui.documents import printing
from rejuv_desktop.ui.documents.viewer import PdfPreview
from tests.services.test_documents import planned  # noqa: F401 - fixture


@pytest.fixture
def preview(qtbot, store, planned):  # noqa: F811
    doc = sd.issue_consent(store, planned["plans"]["fat_transfer"])
    view = PdfPreview(store, doc.id)
    qtbot.addWidget(view)
    view.show()
    return view


def pdf_printer(path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)  # 1200 dpi
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_the_preview_is_busy_until_its_pages_are_shown(qtbot, store, planned):  # noqa: F811
    doc = sd.issue_consent(store, planned["plans"]["fat_transfer"])
    view = PdfPreview(store, doc.id)
    qtbot.addWidget(view)
    view.show()
    assert view.rendering and view.busy_label.isVisible()
    assert view.view.document() is None
    qtbot.waitUntil(lambda: not view.rendering)
    assert view.view.document() is view.document and view.view.isVisible()
    assert not view.busy_label.isVisible()


def test_print_to_a_pdf_file_writes_the_archived_document(qtbot, preview, tmp_path):
    target = tmp_path / "printed.pdf"
    job = preview.start_print(pdf_printer(target))
    progress = preview.findChild(QProgressDialog, "print_progress")
    assert progress is not None and progress.isVisible()  # shown while it works
    with qtbot.waitSignal(job.finished) as finished:
        pass
    assert finished.args == ["file"]
    assert target.read_bytes() == preview.data  # identical, and as small as the archive
    assert not job.running


def test_rendered_print_draws_pages_at_a_bounded_resolution(qtbot, preview, tmp_path):
    target = tmp_path / "printed.pdf"
    printer = pdf_printer(target)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)  # pages 2-3: drawn, not copied
    printer.setFromTo(2, 3)
    job = printing.PrintJob(preview.data, printer, "test", preview)
    steps = []
    job.progress.connect(lambda done, total: steps.append((done, total)))
    with qtbot.waitSignal(job.finished, timeout=60000):
        job.start()
    assert steps[-1] == (2, 2) and (0, 2) in steps
    printed = pypdf.PdfReader(io.BytesIO(target.read_bytes()))
    assert len(printed.pages) == 2
    for page in printed.pages:
        for image in page.images:
            # An A4 page is 2480 px wide at 300 dpi; at the printer's 1200 dpi it was 9921.
            assert image.image.width <= 2480 + 1
    assert target.stat().st_size < 4_000_000  # the page-by-page print was 37 MB for 5 pages


def test_a_cancelled_print_prints_nothing(qtbot, preview, tmp_path):
    target = tmp_path / "printed.pdf"
    printer = pdf_printer(target)
    job = printing.PrintJob(preview.data, printer, "test", preview)
    job.force_raster = True
    job.cancel()
    with qtbot.waitSignal(job.cancelled, timeout=60000):
        job.start()
    assert not job.running


def test_a_real_printer_gets_the_pdf_file_through_the_print_queue(qtbot, preview, tmp_path,
                                                                  monkeypatch):
    # A stand-in for CUPS's lp: keeps its arguments and the file it was given.
    spool = tmp_path / "spool"
    spool.mkdir()
    lp = tmp_path / "bin" / "lp"
    lp.parent.mkdir()
    lp.write_text("#!/bin/sh\n"
                  f"printf '%s\\n' \"$@\" > {spool}/args\n"
                  "for last; do :; done\n"
                  f"cp \"$last\" {spool}/job.pdf\n")
    lp.chmod(lp.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{lp.parent}{os.pathsep}{os.environ['PATH']}")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setCopyCount(2)
    job = printing.PrintJob(preview.data, printer, "C-0001", preview)
    monkeypatch.setattr(job, "method", lambda: "queue")  # no CUPS printer on a test machine
    with qtbot.waitSignal(job.finished, timeout=60000) as finished:
        job.start()
    assert finished.args == ["queue"]
    assert (spool / "job.pdf").read_bytes() == preview.data
    args = (spool / "args").read_text().split()
    assert args[:4] == ["-n", "2", "-t", "C-0001"]


def test_queue_command_line_carries_the_dialog_choices(qapp):
    printer = QPrinter()
    printer.setPrinterName("")
    printer.setCopyCount(3)
    args = printing.queue_arguments("/usr/bin/lpr", printer, "C-7", "/tmp/x.pdf", (1, 2))
    assert args[:5] == ["/usr/bin/lpr", "-#", "3", "-T", "C-7"]
    assert args[5:7] == ["-o", "page-ranges=1-2"]
    assert args[-2:] == ["--", "/tmp/x.pdf"]


def test_the_preview_dates_read_like_the_rest_of_the_app(preview):
    from PySide6.QtWidgets import QLabel

    texts = [label.text() for label in preview.findChildren(QLabel)]
    archived = next(t for t in texts if t.startswith("Archived "))
    assert archived.startswith("Archived 22/11/2026 ")  # not 2026-11-22
