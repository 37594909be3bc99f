"""Issuing, previewing, signing and printing documents from the patient's record."""

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QDialog, QPushButton

from rejuv_desktop.services import documents as sd
from rejuv_desktop.ui.documents import tab as doc_tab
from rejuv_desktop.ui.documents.signature_pad import SignaturePad
from rejuv_desktop.ui.documents.viewer import PdfPreview, print_pdf
from rejuv_desktop.ui.main_window import MainWindow
from tests.services.test_documents import planned  # noqa: F401 - fixture


@pytest.fixture
def window(qtbot, store, qsettings, planned):  # noqa: F811
    w = MainWindow(store, qsettings)
    qtbot.addWidget(w)
    w.show()
    w.show_patient(planned["patient"])
    return w


def _choose(combo, code):
    combo.setCurrentIndex(combo.findData(code))


def test_documents_tab_issues_and_previews_a_consent(qtbot, window, planned, monkeypatch):
    tab = window.documents_tab
    seen = {}

    def fill_and_issue(dialog):
        # The practitioner names what is planned; an unchosen item is refused first.
        _choose(dialog.plan, planned["plans"]["fat_transfer"])
        dialog.submit()
        seen["refused"] = dialog.error.text()
        box = dialog.planned
        _choose(box.widgets["hands"], "right")
        _choose(box.widgets["donor_site"], "other")
        seen["other_shown"] = box.widgets["donor_site_other"].isVisibleTo(dialog)
        qtbot.keyClicks(box.widgets["donor_site_other"], "Inner knee")
        _choose(box.widgets["anaesthesia"], "local")
        dialog.submit()
        return dialog.result()

    monkeypatch.setattr(doc_tab.IssueConsentDialog, "exec", fill_and_issue)
    tab.issue_consent()
    assert "Donor site: Choose one" in seen["refused"] and seen["other_shown"]
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


def _draw(qtbot, pad):
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=pad.rect().center() / 2)
    for x in range(20, 220, 20):
        qtbot.mouseMove(pad, pos=QPointF(x, 40 + x % 30).toPoint())
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton)


def _click_ok(qtbot, dialog):
    from PySide6.QtWidgets import QDialogButtonBox

    box = dialog.findChild(QDialogButtonBox)
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_sign_on_screen_from_the_tab(qtbot, window, store, planned, monkeypatch):
    doc = sd.issue_consent(store, planned["plans"]["fat_transfer"],
                           {"clinical_record": True, "teaching": False, "publication": True})
    tab = window.documents_tab
    tab.show_patient(planned["patient"])
    dialog = doc_tab.SignDialog(store, doc.id, tab)
    qtbot.addWidget(dialog)
    dialog.show()
    # The photo choices made at issue are carried in.
    assert dialog.photos.value() == {"clinical_record": True, "teaching": False, "publication": True}
    assert dialog.pad.isVisible() and not dialog.on_paper.isVisible()
    _click_ok(qtbot, dialog)
    assert dialog.error.isVisible()  # nothing drawn, nothing ticked, no witness
    assert "ticks each confirmation" in dialog.error.text()
    _draw(qtbot, dialog.pad)
    qtbot.keyClicks(dialog.witness, "Nurse Aisha Rahman")
    for check in dialog.confirmations[:-1]:
        qtbot.mouseClick(check, Qt.MouseButton.LeftButton, pos=QPointF(5, check.height() / 2).toPoint())
    _click_ok(qtbot, dialog)
    assert dialog.result() != QDialog.DialogCode.Accepted  # one line still unticked
    last = dialog.confirmations[-1]
    qtbot.mouseClick(last, Qt.MouseButton.LeftButton, pos=QPointF(5, last.height() / 2).toPoint())
    assert dialog.attest.isChecked() and not dialog.counter_pad.isVisible()
    _click_ok(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    tab.last_issued = None
    tab._run(dialog.job, then=lambda issued: None)
    qtbot.waitUntil(lambda: tab.last_issued is not None, timeout=10000)
    signed = sd.signed_consent(store, planned["plans"]["fat_transfer"])
    assert signed["signature_method"] == "screen"
    texts = [tab.table.item(r, 4).text() for r in range(tab.table.rowCount())]
    assert any("Signed copy (on screen)" in t for t in texts)
    from tests.services.test_documents import text_of
    text = text_of(sd.pdf_bytes(store, signed["id"]))
    assert text.count("\u2612") == 8 + 3
    assert "Confirmed on screen by Dr Claire Martin" in text


def test_practitioner_can_draw_the_countersignature(qtbot, window, store, planned):
    doc = sd.issue_consent(store, planned["plans"]["mesotherapy"],
                           {"clinical_record": True, "teaching": True, "publication": False})
    dialog = doc_tab.SignDialog(store, doc.id, window.documents_tab)
    qtbot.addWidget(dialog)
    dialog.show()
    _draw(qtbot, dialog.pad)
    qtbot.keyClicks(dialog.witness, "Ana Silva")
    _choose(dialog.witness_role, "interpreter")
    for check in dialog.confirmations:
        check.setChecked(True)
    qtbot.mouseClick(dialog.draw_counter, Qt.MouseButton.LeftButton,
                     pos=QPointF(5, dialog.draw_counter.height() / 2).toPoint())
    assert dialog.counter_pad.isVisible()
    _click_ok(qtbot, dialog)
    assert "Draw the practitioner's signature" in dialog.error.text()
    _draw(qtbot, dialog.counter_pad)
    _click_ok(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    issued = dialog.job.run()
    import json
    signing = json.loads(sd.document(store, issued.id)["signing_json"])
    assert signing["countersign"]["method"] == "drawn" and signing["witness_role"] == "interpreter"


def test_paper_signature_hides_the_pad_and_attaches_the_scan(qtbot, window, store, planned,
                                                             monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    doc = sd.issue_consent(store, planned["plans"]["fat_transfer"])  # photo boxes left for paper
    tab = window.documents_tab
    dialog = doc_tab.SignDialog(store, doc.id, tab)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.paper, Qt.MouseButton.LeftButton,
                     pos=QPointF(5, dialog.paper.height() / 2).toPoint())
    assert not dialog.pad.isVisible() and dialog.on_paper.isVisible()
    qtbot.keyClicks(dialog.witness, "Dr Claire Martin")
    _click_ok(qtbot, dialog)
    errors = dialog.error.text()
    assert "scan or photo of the signed paper form" in errors and "each use of photographs" in errors
    scan = tmp_path / "signed.png"
    scan.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(scan), ""))
    qtbot.mouseClick(dialog.findChild(QPushButton, "choose_scan"), Qt.MouseButton.LeftButton)
    assert dialog.scan.text() == str(scan)
    for use in ("clinical_record", "teaching", "publication"):
        dialog.photos.answers[use][1 if use == "publication" else 0].setChecked(True)
    _click_ok(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    tab.show_patient(planned["patient"])
    tab.last_issued = None
    tab._run(dialog.job, then=lambda issued: None)
    qtbot.waitUntil(lambda: tab.last_issued is not None, timeout=10000)
    row = next(r for r in range(tab.table.rowCount()) if tab.rows[r]["id"] == doc.id)
    assert "Signed on paper (scan attached)" in tab.table.item(row, 4).text()
    window.record.tabs.setCurrentWidget(tab)  # the user is on the Documents tab
    tab.table.selectRow(row)
    assert tab.scan_button.isEnabled()
    qtbot.mouseClick(tab.scan_button, Qt.MouseButton.LeftButton)
    viewer = tab.scan_viewer
    qtbot.addWidget(viewer)
    assert viewer.data == scan.read_bytes() and viewer.meta["file_name"] == "signed.png"


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
