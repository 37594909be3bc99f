"""Regenerate the README's screenshots from a fresh demo clinic (``make screenshots``).

Runs offscreen: ``QT_QPA_PLATFORM=offscreen python docs/make_screenshots.py [OUT_DIR]``.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402

from rejuv_desktop.services import consultations as sc  # noqa: E402
from rejuv_desktop.services import patients as sp  # noqa: E402
from rejuv_desktop.services import practitioners as pr  # noqa: E402
from rejuv_desktop.services.demo import DEMO_PASSWORD, build_demo  # noqa: E402
from rejuv_desktop.storage import open_store  # noqa: E402
from rejuv_desktop.ui.app import make_application  # noqa: E402
from rejuv_desktop.ui.consultation.wizard import ConsultationWizard, Page  # noqa: E402
from rejuv_desktop.ui.main_window import MainWindow  # noqa: E402
from rejuv_desktop.ui.patient_dialog import PatientDialog  # noqa: E402
from PySide6.QtWidgets import QRadioButton  # noqa: E402


def grab(widget, path: Path, app) -> None:
    for _ in range(3):
        app.processEvents()
    widget.grab().save(str(path))
    print(path)


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = make_application()
    tmp = Path(tempfile.mkdtemp())
    store = open_store(tmp / "demo.sqlite3")
    build_demo(store)
    pr.sign_in(store, 1, DEMO_PASSWORD)
    settings = QSettings(str(tmp / "ui.ini"), QSettings.Format.IniFormat)
    window = MainWindow(store, settings)
    window.resize(1280, 800)
    window.show()
    window.search.setText("zoe")
    grab(window, out / "main-window.png", app)

    dialog = PatientDialog(store, None, window)
    dialog.show()
    for name, value in (("given_name", "Anna"), ("date_of_birth", "31/02/1980"),
                        ("email", "anna@")):
        dialog.set_value(name, value)
    dialog.save()
    grab(dialog, out / "patient-dialog.png", app)
    dialog.close()

    patient = sp.search_patients(store, "zoe")[0]["id"]
    wizard = ConsultationWizard(store, sc.start_consultation(store, patient), window)
    wizard.resize(980, 720)
    wizard.show()
    concerns = wizard.pages[Page.CONCERNS]
    for code in ("volume_loss", "prominent_veins", "crepey_skin", "lentigines"):
        concerns.concerns[code].setChecked(True)
    concerns.goals.setPlainText("“I want my hands to look as young as my face.” Bothered by "
                                "the veins and the bony look; would like smoother skin.")
    concerns.realistic.setChecked(True)
    concerns.expect_note.setText("Explained that veins remain visible and spots need laser.")
    grab(wizard, out / "wizard-1-concerns.png", app)
    wizard.next()
    hands = wizard.pages[Page.HANDS]
    for side, grade in (("left", 3), ("right", 2)):
        box = hands.boxes[side]
        box.merz.setCurrentIndex(box.merz.findData(grade))
        box.hydration.setCurrentIndex(box.hydration.findData("poor"))
        box.elasticity.setCurrentIndex(box.elasticity.findData("moderate"))
        box.texture.setCurrentIndex(box.texture.findData("crepey"))
        box.lentigines.setCurrentIndex(box.lentigines.findData("few"))
    hands.fitzpatrick.setCurrentIndex(hands.fitzpatrick.findData("II"))
    hands.weight.setText("61")
    hands.donor.setCurrentIndex(hands.donor.findData("adequate"))
    grab(wizard, out / "wizard-2-hands.png", app)
    wizard.next()
    for qid, row in wizard.pages[Page.SCREENING].rows.items():
        row.buttons["yes" if qid == "smoker" else "no"].setChecked(True)
    wizard.pages[Page.SCREENING].rows["smoker"].detail.setText("5 a day; agreed to stop")
    grab(wizard, out / "wizard-3-screening.png", app)
    wizard.next()
    wizard.pages[Page.VERDICT].cards["fat_transfer"].justification.setPlainText(
        "Stopping 6 weeks before the procedure; nicotine-free confirmed at the pre-op call.")
    grab(wizard, out / "wizard-4-verdict.png", app)
    wizard.next()
    rec = wizard.pages[Page.RECOMMENDATION]
    rec.choices["fat_transfer"].setChecked(True)
    rec.choices["mesotherapy"].setChecked(True)
    grab(wizard, out / "wizard-5-recommendation.png", app)
    wizard.next()
    grab(wizard, out / "wizard-6-plan.png", app)
    wizard.next()
    grab(wizard, out / "wizard-7-finalise.png", app)
    wizard.reject()

    other = sp.search_patients(store, "Смирнова")[0]["id"]
    stop = ConsultationWizard(store, sc.start_consultation(store, other), window)
    stop.resize(980, 720)
    stop.show()
    stop.pages[Page.CONCERNS].concerns["dryness"].setChecked(True)
    stop.pages[Page.CONCERNS].realistic.setChecked(True)
    stop.next()
    for box in stop.pages[Page.HANDS].boxes.values():
        box.merz.setCurrentIndex(box.merz.findData(1))
    stop.pages[Page.HANDS].boxes["left"].suspicious.setChecked(True)
    stop.pages[Page.HANDS].fitzpatrick.setCurrentIndex(3)
    grab(stop, out / "wizard-2-suspicious.png", app)
    stop.next()
    for row in stop.pages[Page.SCREENING].rows.values():
        row.buttons["no"].setChecked(True)
    stop.next()
    stop.next()
    grab(stop, out / "wizard-stop.png", app)
    stop.reject()
    window.record.show_patient(patient)
    grab(window, out / "record-consultations.png", app)

    # Documents of the demo's combined-protocol patient, and a consent in the viewer
    window.show_patient(patient)
    window.record.tabs.setCurrentWidget(window.documents_tab)
    grab(window, out / "documents.png", app)
    consent = next(r["id"] for r in window.documents_tab.rows if r["kind"] == "consent")
    preview = window.documents_tab.open_document(consent)
    preview.resize(820, 1000)
    preview.show()
    from PySide6.QtTest import QTest

    QTest.qWait(2000)  # pages are rendered in the background
    grab(preview, out / "pdf-preview.png", app)
    preview.close()
    window.record.tabs.setCurrentWidget(window.sessions_tab)
    grab(window, out / "sessions-tab.png", app)

    # A fat transfer in progress: the patient of the demo planned for the combined protocol
    from rejuv_desktop.services import documents as sd
    from rejuv_desktop.services import sessions as ss

    planned = sp.search_patients(store, "Żółkiewska")[0]["id"]
    plan = sd.active_plan(store, planned, "fat_transfer")
    # The session is shown on its planned day (the gate refuses it earlier).
    from datetime import date as _date, timedelta as _td

    now = store.clock()
    ahead = _td(days=max(0, (_date.fromisoformat(plan["start_date"]) - now.date()).days))
    store.clock = lambda: now + ahead
    session = ss.start_session(store, plan["id"])
    for key in ("sign_in.identity", "sign_in.photos"):
        ss.tick(store, session, key)
    for item in ("identity", "procedure", "sides", "consent", "allergies"):
        ss.confirm_time_out(store, session, item)
    for key, value in (("anaesthesia.type", "local"),
                       ("anaesthesia.agent", "lidocaine with epinephrine"),
                       ("anaesthesia.concentration_percent", 1), ("anaesthesia.volume_ml", 24),
                       ("donor_site.site", "abdomen")):
        ss.record_value(store, session, key, value)
    ss.tick(store, session, "donor_site.prepared")
    runner = window.open_session_runner(session)
    runner.resize(1100, 820)
    grab(runner, out / "session-runner.png", app)
    runner.close()

    window.left_tabs.setCurrentWidget(window.due_view)
    window.due_view.refresh()
    grab(window, out / "due.png", app)
    photo_screens(window, out, app)
    store.close()


def photo_screens(window, out: Path, app) -> None:
    """Zoë's Photographs tab, and a view compared across two dates as an overlay."""
    import time

    window.left_tabs.setCurrentIndex(0)
    window.search.setText("zoe")
    window.record.tabs.setCurrentWidget(window.photos_tab)
    grab(window, out / "photographs.png", app)
    tab = window.photos_tab
    tab.compare()
    dialog = window.compare_dialog
    dialog.resize(1100, 720)
    dialog.findChild(QRadioButton, "mode_overlay").click()
    deadline = time.monotonic() + 30
    while "aligned" not in dialog.status.text() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)
    grab(dialog, out / "photo-compare.png", app)
    dialog.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent)
