"""The checklist stays still under the pointer; the session window fits a laptop screen and
shows the patient's allergies and cautions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QCheckBox

from rejuv_desktop.domain.consultation_record import ConsultationRecord
from rejuv_desktop.storage import consultations as consultations_repo
from rejuv_desktop.storage import plans as plans_repo
from tests.session_helpers import (CONSULTED_DAYS_AGO, add_patient, add_plan,
                                            add_practitioner, sign_consent)
from tests.ui.test_sessions_runner import open_runner, tick, time_out


@pytest.fixture
def patient(store):
    add_practitioner(store)
    return add_patient(store)


def laid_out() -> None:
    """Carry out every layout change already asked for (nothing is waited for by the clock)."""
    QApplication.sendPostedEvents(None, 0)
    QApplication.processEvents()


def where(runner, key) -> QPoint:
    check = runner.findChild(QCheckBox, key)
    return check.mapTo(runner, QPoint(0, 0))


def test_ticking_an_item_moves_no_other_item(qtbot, store, patient):
    runner = open_runner(qtbot, store, add_plan(store, patient, "fat_transfer", weight=64))
    runner.resize(1024, 700)
    qtbot.waitExposed(runner)
    watched = ["sign_in.photos", "time_out.identity", "time_out.allergies",
               "donor_site.prepared", "sign_out.recorded", "sign_out.aftercare"]
    before = {key: where(runner, key) for key in watched}
    tick(qtbot, runner, "sign_in.identity")
    tick(qtbot, runner, "sign_in.photos")  # the step is done: nothing below it moves up
    laid_out()
    assert {key: where(runner, key) for key in watched} == before
    # The practitioner works near the end: the shrinking list of what is open does not
    # scroll the checklist under the pointer.
    bar = runner.scroll.verticalScrollBar()
    bar.setValue(bar.maximum())
    laid_out()
    before = {key: where(runner, key) for key in watched}
    time_out(qtbot, runner)
    laid_out()
    assert {key: where(runner, key) for key in watched} == before


def test_the_session_window_fits_the_screen(qtbot, store, patient):
    runner = open_runner(qtbot, store, add_plan(store, patient, "fat_transfer", weight=64))
    available = runner.screen().availableGeometry()
    assert runner.frameGeometry().height() <= available.height()
    assert runner.frameGeometry().width() <= available.width()
    assert runner.minimumSizeHint().height() <= 700


def test_the_session_window_shows_allergies(qtbot, store, patient):
    screening = {"questions": [{"id": "allergy_lidocaine", "section": "Allergies", "text": "t",
                                "answer": "yes", "asked": True,
                                "detail": "Hives after articaine"}],
                 "verdicts": {"fat_transfer": {"level": "caution", "reasons": [
                     {"level": "caution", "text": "Review the anaesthetic plan."}]}}}
    # Consulted and consented long enough ago for the session to start today.
    then = (store.clock() - timedelta(days=CONSULTED_DAYS_AGO)).isoformat(timespec="seconds")
    with store.write():
        cid = consultations_repo.insert_consultation(store, {
            "patient_id": patient, "practitioner_id": store.actor_id,
            "started_at": then, "finalised_at": then,
            "record": ConsultationRecord(chosen=["fat_transfer"], weight_kg=64),
            "screening": screening, "verdicts": screening["verdicts"],
            "recommendation": {}, "outcome": "planned"})
        plan_id = plans_repo.insert(store, {
            "patient_id": patient, "consultation_id": cid, "procedure": "fat_transfer",
            "sessions": 1, "interval_days": None, "start_date": "2026-11-22"})
    sign_consent(store, patient, plan_id, "fat_transfer")
    runner = open_runner(qtbot, store, plan_id)
    text = runner.alerts.label.text()
    assert "Allergic to local anaesthetics" in text and "Hives after articaine" in text
    assert "Review the anaesthetic plan." in text
    assert runner.alerts.isVisible()
