"""The Photographs tab and the comparison, used as a practitioner would."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog, QInputDialog

from rejuv_desktop.services import photos as sph
from rejuv_desktop.ui.main_window import MainWindow
from tests.photo_images import camera_jpeg, png, scene
from tests.session_helpers import add_patient, add_plan, add_practitioner

pytestmark = pytest.mark.sqlite_file(
    "photographs are files beside the SQLite file; a clinic server does not hold their files yet")


@pytest.fixture
def zoe(store):
    add_practitioner(store)
    pid = add_patient(store)
    add_plan(store, pid, "fat_transfer")
    return pid


@pytest.fixture
def window(qtbot, store, qsettings, zoe):
    w = MainWindow(store, qsettings)
    qtbot.addWidget(w)
    w.show()
    w.show_patient(zoe)
    w.record.tabs.setCurrentWidget(w.photos_tab)
    return w


def settled(tab) -> bool:
    """Nothing being taken in, and no "Saving…" tile left."""
    return not tab.busy and not tab.pending and tab.pending_tile is None


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_consent_first_then_photos_taken_in_from_files(window, qtbot, tmp_path, monkeypatch):
    tab = window.photos_tab
    assert "not asked yet" in tab.consent_label.text()
    assert "Baseline (fat transfer)" in tab.due_label.text()
    first = write(tmp_path, "IMG_0001.JPG", camera_jpeg(scene(seed=1)))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda *a, **k: ([str(first)], ""))
    tab.add_button.click()  # refused without consent: a message, nothing stored
    assert "not consented" in tab.message.text()
    assert tab.gallery.count() == 0
    tab.consent_yes.trigger()
    assert "consent given" in tab.consent_label.text()
    tab.view_combo.setCurrentIndex(tab.view_combo.findData("left_dorsal"))
    assert "Left hand flat" in tab.instructions.text()
    tab.add_button.click()
    qtbot.waitUntil(lambda: settled(tab) and tab.gallery.count() == 1)
    assert "Left hand, back" in tab.gallery.item(0).text()
    assert "Left hand, back" not in tab.due_label.text().split("Baseline")[1]
    # Last time's photograph of the view is shown beside its instructions, for the framing.
    assert tab.last_time.isVisible() and "Last time, 20/11/2026" in tab.last_time.toolTip()  # the camera's date
    tab.view_combo.setCurrentIndex(tab.view_combo.findData("right_dorsal"))
    assert not tab.last_time.isVisible()
    # The same file again is refused with a message; a PNG and a bad file dropped together.
    bad = write(tmp_path, "notes.png", b"not a picture")
    other = write(tmp_path, "IMG_0002.png", png(scene(seed=2)))
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in (first, other, bad)])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    tab.dropEvent(event)
    qtbot.waitUntil(lambda: settled(tab) and tab.gallery.count() == 2)
    qtbot.waitUntil(lambda: "notes.png" in tab.message.text())
    assert "IMG_0001.JPG: This photograph is already" in tab.message.text()
    assert "not a photograph the app can read" in tab.message.text()


def test_watched_folder_offers_new_files_for_the_patient(window, qtbot, tmp_path, store, zoe):
    sph.record_clinical_consent(store, zoe, True)
    window.photos_tab.refresh()
    inbox = tmp_path / "camera"
    inbox.mkdir()
    write(inbox, "old.jpg", camera_jpeg(scene(seed=9)))  # there before: not offered
    window.photo_import_folder.watch(inbox)
    window.on_search("nobody at all")  # no patient open when the camera writes
    write(inbox, "new.jpg", camera_jpeg(scene(seed=4)))
    window.photo_import_folder.scan()
    tab = window.photos_tab
    assert not tab.offer.isVisible()
    window.search.clear()
    window.show_patient(zoe)  # offered once the patient's record is open
    assert tab.offer.isVisible() and "1 new photograph" in tab.offer_label.text()
    tab.offer_take.click()
    qtbot.waitUntil(lambda: settled(tab) and tab.gallery.count() == 1)
    [photo] = sph.photos_of(store, zoe)
    assert photo.source == "folder"


def test_compare_a_view_at_two_dates_in_three_modes(window, qtbot, store, zoe, clock,
                                                    monkeypatch):
    sph.record_clinical_consent(store, zoe, True)
    sph.import_photo(store, zoe, "both_dorsal", png(scene(480, 320)), taken_at=clock())
    clock.advance(days=92)
    sph.import_photo(store, zoe, "both_dorsal", png(scene(480, 320, dx=0.05, scale=1.04,
                                                          seed=3)), taken_at=clock())
    tab = window.photos_tab
    tab.refresh()
    tab.compare_button.click()
    dialog = window.compare_dialog
    qtbot.waitUntil(lambda: "aligned" in dialog.status.text())
    assert dialog.caption_before.text().startswith("22/11/2026")
    assert "Merz grade" in dialog.caption_before.text()
    a = dialog.canvas.alignment
    assert abs(a.dx + (a.scale - 1) / 2 + 0.05) < 0.02  # moved back into place
    for mode in ("side", "slider", "overlay"):
        dialog.findChild(type(dialog.mode_group.buttons()[0]), f"mode_{mode}").click()
        assert dialog.canvas.mode == mode
        dialog.canvas.grab()  # draws without error
    dialog.amount.setValue(30)
    assert dialog.canvas.opacity == pytest.approx(0.3)
    before = dialog.canvas.alignment.dx
    dialog.findChild(type(dialog.full_button), "full_screen").click()
    assert dialog.isFullScreen()
    from PySide6.QtWidgets import QToolButton

    dialog.findChild(QToolButton, "nudge_right").click()
    assert dialog.canvas.alignment.dx == pytest.approx(before + 0.004)
    dialog.full_button.click()
    assert not dialog.isFullScreen()
    dialog.close()


def test_archive_keeps_the_photo_with_its_reason(window, qtbot, store, zoe, monkeypatch):
    sph.record_clinical_consent(store, zoe, True)
    sph.import_photo(store, zoe, "palms", png())
    tab = window.photos_tab
    tab.refresh()
    tab.gallery.item(0).setSelected(True)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Out of focus", True))
    tab.archive_button.click()
    assert tab.gallery.count() == 0
    tab.show_archived.setChecked(True)
    assert "archived" in tab.gallery.item(0).text().splitlines()[-1]


def test_the_file_being_taken_in_shows_at_once_marked_as_saving(window):
    from rejuv_desktop.services.photo_images import preview

    tab = window.photos_tab
    tab.busy = True  # as while a file is prepared on the worker
    tab.preview_ready.emit(preview(camera_jpeg()))
    assert tab.gallery.count() == 1 and tab.gallery.item(0).text() == "Saving…"
    assert not tab.gallery.item(0).flags() & Qt.ItemFlag.ItemIsSelectable
    tab._drop_preview()
    assert tab.gallery.count() == 0


def test_a_photo_being_saved_when_another_patient_is_opened_stays_with_its_own(
        window, qtbot, store, zoe, tmp_path):
    other = add_patient(store, "Margaret", "O'Brien")
    sph.record_clinical_consent(store, zoe, True)
    tab = window.photos_tab
    tab.refresh()
    tab.take_in([write(tmp_path, "a.jpg", camera_jpeg()),
                 write(tmp_path, "b.jpg", camera_jpeg(scene(seed=7)))], "file")
    window.show_patient(other)  # while a.jpg is prepared on the worker
    qtbot.waitUntil(lambda: not tab.busy)
    assert [p.view for p in sph.photos_of(store, zoe)] == ["both_dorsal"]  # a.jpg only
    assert sph.photos_of(store, other) == [] and tab.gallery.count() == 0


def test_baseline_photos_taken_without_leaving_the_consultation(window, qtbot, store, zoe,
                                                                tmp_path, monkeypatch):
    from PySide6.QtWidgets import QPushButton

    window.start_consultation()
    wizard = window.wizard
    button = wizard.findChild(QPushButton, "wizard_photos")
    assert button is not None and button.isVisible()
    button.click()
    tab = wizard.photos_dialog.tab
    assert wizard.photos_dialog.isVisible() and tab.patient_id == zoe
    assert "Baseline" in tab.due_label.text()
    tab.consent_yes.trigger()
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: (
        [str(write(tmp_path, "baseline.jpg", camera_jpeg()))], ""))
    tab.add_button.click()
    qtbot.waitUntil(lambda: settled(tab) and tab.gallery.count() == 1)
    assert [p.view for p in sph.photos_of(store, zoe)] == ["both_dorsal"]
    assert wizard.isVisible()  # the consultation is still open
    wizard.reject()


def test_the_import_folder_is_watched(window, qtbot, tmp_path, store, zoe):
    inbox = tmp_path / "sync"
    inbox.mkdir()
    window.photo_import_folder.watch(inbox)
    write(inbox, "IMG_2040.HEIC.jpg", camera_jpeg(scene(seed=8)))
    # The folder's change is noticed, then offered once the camera has been quiet a moment.
    qtbot.waitUntil(lambda: window.photos_tab.offer.isVisible(), timeout=10000)
    assert "1 new photograph" in window.photos_tab.offer_label.text()


def test_a_recorded_refusal_stands_in_for_the_photographs(window, store, zoe, monkeypatch):
    tab = window.photos_tab
    assert "Baseline" in tab.due_label.text()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Does not want any", True))
    tab.consent_no.trigger()
    assert "refused" in tab.consent_label.text()
    assert "refusal is recorded" in tab.due_label.text()
    [row] = sph.consents(store, zoe)
    assert (row["granted"], row["note"]) == (0, "Does not want any")


def test_an_open_checklist_shows_its_photographs_item_ticked_by_the_photos(
        window, qtbot, store, zoe, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QCheckBox, QLabel

    from rejuv_desktop.services import consultations as sc
    from rejuv_desktop.services import sessions as ss

    plan = sc.plans_of(store, zoe)[0]["id"]
    runner = window.open_session_runner(ss.start_session(store, plan))
    box = runner.findChild(QCheckBox, "sign_in.photos")
    assert not box.isChecked()
    tab = window.photos_tab
    tab.consent_yes.trigger()
    tab.link_combo.setCurrentIndex(1)  # the session just started
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: (
        [str(write(tmp_path, "before.jpg", camera_jpeg()))], ""))
    tab.add_button.click()
    qtbot.waitUntil(lambda: settled(tab) and tab.gallery.count() == 1)
    box = runner.findChild(QCheckBox, "sign_in.photos")
    assert box.isChecked()
    assert runner.findChild(QLabel, "who:sign_in.photos").text().startswith("the app")
    runner.close()
