"""Issuing, previewing, signing and printing documents from the patient's record."""

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QDialog

from rejuv_desktop.services import documents as sd
from rejuv_desktop.ui.documents import tab as doc_tab
from rejuv_desktop.ui.documents.signature_pad import SignaturePad
from rejuv_desktop.ui.documents.viewer import PdfPreview, print_pdf
from rejuv_desktop.ui.main_window import MainWindow
from tests.test_documents_service import planned  # noqa: F401 - fixture


@pytest.fixture
def window(qtbot, store, qsettings, planned):  # noqa: F811
    w = MainWindow(store, qsettings)
    qtbot.addWidget(w)
    w.show()
    w.show_patient(planned["patient"])
    return w


def test_documents_tab_issues_and_previews_a_consent(qtbot, window, planned, monkeypatch):
    tab = window.documents_tab
    monkeypatch.setattr(doc_tab.IssueConsentDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    tab.issue_consent()
    qtbot.waitUntil(lambda: tab.last_issued is not None, timeout=10000)
    assert tab.table.rowCount() == 1
    assert "Not signed yet" in tab.table.item(0, 4).text()
    preview = tab.preview
    assert isinstance(preview, PdfPreview)
    assert preview.document.pageCount() >= 2
    assert preview.sign_button is not None


def test_signature_pad_draws_and_exports_png(qtbot):
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.show()
    assert pad.is_empty() and pad.to_png() == b""
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=pad.rect().center() - pad.rect().center() / 2)
    for x in range(10, 200, 10):
        qtbot.mouseMove(pad, pos=pad.rect().topLeft() + QPointF(x, 60 + x % 30).toPoint())
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton)
    assert not pad.is_empty()
    assert pad.to_png().startswith(b"\x89PNG")


def test_sign_on_screen_from_the_tab(qtbot, window, store, planned, monkeypatch):
    doc = sd.issue_consent(store, planned["plans"]["fat_transfer"])
    tab = window.documents_tab
    tab.show_patient(planned["patient"])
    dialog = doc_tab.SignDialog(store, doc.id, tab)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.submit()
    assert dialog.error.isVisible()  # nothing drawn, no witness
    dialog.pad._begin(QPointF(10, 10))
    dialog.pad._extend(QPointF(120, 60))
    dialog.pad._end()
    dialog.witness.setText("Nurse Aisha Rahman")
    dialog.submit()
    assert dialog.result() == QDialog.DialogCode.Accepted
    tab.last_issued = None
    tab._run(dialog.job, then=lambda issued: None)
    qtbot.waitUntil(lambda: tab.last_issued is not None, timeout=10000)
    assert sd.signed_consent(store, planned["plans"]["fat_transfer"])["signature_method"] == "screen"
    texts = [tab.table.item(r, 4).text() for r in range(tab.table.rowCount())]
    assert any("Signed copy (on screen)" in t for t in texts)


def test_print_renders_every_page(qtbot, store, planned, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    doc = sd.issue_summary(store, planned["consultation"])
    preview = PdfPreview(store, doc.id)
    qtbot.addWidget(preview)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert print_pdf(preview.document, printer) == preview.document.pageCount()
    assert (tmp_path / "printed.pdf").stat().st_size > 1000


def test_save_as_writes_the_archived_bytes(qtbot, store, planned, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    doc = sd.issue_summary(store, planned["consultation"])
    preview = PdfPreview(store, doc.id)
    qtbot.addWidget(preview)
    target = tmp_path / "copy.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    preview.save_as()
    assert target.read_bytes() == sd.pdf_bytes(store, doc.id)


def test_aftercare_for_a_completed_session_from_the_checklist(qtbot, tmp_path, qsettings):
    from datetime import date

    from rejuv_desktop.services.demo import build_demo
    from rejuv_desktop.storage import open_store

    store = open_store(tmp_path / "demo.sqlite3")
    build_demo(store, today=date(2026, 11, 22))
    session = store.query_one("SELECT id, patient_id, procedure FROM sessions"
                              " WHERE procedure = 'mesotherapy' ORDER BY id DESC LIMIT 1")
    w = MainWindow(store, qsettings)
    qtbot.addWidget(w)
    tab = w.documents_tab
    tab.last_issued = None
    tab.issue_aftercare_for(session["patient_id"], "mesotherapy", session["id"])
    qtbot.waitUntil(lambda: tab.last_issued is not None, timeout=10000)
    meta = sd.document(store, tab.last_issued.id)
    assert meta["kind"] == "aftercare" and meta["session_id"] == session["id"]
    w.close()
    store.close()


def test_save_as_to_an_unwritable_name_says_why(qtbot, store, planned, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    doc = sd.issue_summary(store, planned["consultation"])
    preview = PdfPreview(store, doc.id)
    qtbot.addWidget(preview)
    target = tmp_path / ("x" * 300 + ".pdf")
    warnings = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warnings.append(a[2]))
    preview.save_as()
    assert len(warnings) == 1 and "File name too long" in warnings[0]
