"""The checklist runner driven as a practitioner would: a whole session of each procedure."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QProgressBar, QPushButton

from rejuv_desktop.services import recall
from rejuv_desktop.services import sessions as ss
from rejuv_desktop.ui.sessions import runner as runner_module
from rejuv_desktop.ui.sessions.runner import SessionRunner
from tests.session_helpers import (TIME_OUT_POINTS, add_patient, add_plan,
                                            add_practitioner)


@pytest.fixture
def patient(store):
    add_practitioner(store)
    return add_patient(store)


def open_runner(qtbot, store, plan_id) -> SessionRunner:
    runner = SessionRunner(store, ss.start_session(store, plan_id))
    qtbot.addWidget(runner)
    runner.show()
    return runner


def tick(qtbot, runner, key):
    box = runner.findChild(QCheckBox, key)
    assert box is not None and box.isEnabled(), key
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)


def type_in(qtbot, runner, key, text):
    edit = runner.findChild(QLineEdit, key)
    assert edit is not None and edit.isEnabled(), key
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def choose(runner, key, text):
    combo = runner.findChild(QComboBox, key)
    assert combo is not None and combo.isEnabled(), key
    combo.setCurrentIndex(combo.findText(text))


def label(runner, name) -> QLabel:
    found = runner.findChild(QLabel, name)
    assert found is not None, name
    return found


def add_anaesthetic(qtbot, runner, row, site, agent, percent, ml, lot="LID-2207"):
    qtbot.mouseClick(runner.findChild(QPushButton, "anaesthesia.add_row"),
                     Qt.MouseButton.LeftButton)
    choose(runner, f"anaesthesia.site.{row}", site)
    choose(runner, f"anaesthesia.agent.{row}", agent)
    type_in(qtbot, runner, f"anaesthesia.concentration_percent.{row}", percent)
    if ml is not None:
        type_in(qtbot, runner, f"anaesthesia.volume_ml.{row}", ml)
        type_in(qtbot, runner, f"anaesthesia.lot.{row}", lot)


def time_out(qtbot, runner):
    for point in TIME_OUT_POINTS:
        tick(qtbot, runner, f"time_out.{point}")


def test_fat_transfer_end_to_end(qtbot, store, patient, no_modal):
    runner = open_runner(qtbot, store, add_plan(store, patient, "fat_transfer", weight=64))
    # Gated steps are disabled, with the reason in words.
    assert not runner.box("anaesthesia").body.isEnabled()
    assert "Time-out is not complete" in label(runner, "reason:anaesthesia").text()
    tick(qtbot, runner, "sign_in.identity")
    tick(qtbot, runner, "sign_in.photos")
    assert label(runner, "who:sign_in.photos").text() == "Dr Claire Martin, 10:30"
    time_out(qtbot, runner)
    assert runner.box("anaesthesia").body.isEnabled()
    tick(qtbot, runner, "anaesthesia.hands_prepared")
    # Before anything is drawn up: the volume allowed at this concentration, from the weight.
    add_anaesthetic(qtbot, runner, 1, "wrist block, left", "lidocaine with epinephrine", "1",
                    None)
    assert "at most <b>44.8 ml</b> can still be given" in label(runner, "dose_advice").text()
    type_in(qtbot, runner, "anaesthesia.volume_ml.1", "36")
    type_in(qtbot, runner, "anaesthesia.lot.1", "LID-2207")
    # 360 mg of a 448 mg maximum: the 80 % warning, live.
    assert "80% of the 448 mg maximum" in label(runner, "dose_text").text()
    assert label(runner, "dose_percent").text() == "80% of the maximum dose"
    assert not runner.findChild(QPushButton, "dose_override").isVisible()
    type_in(qtbot, runner, "anaesthesia.volume_ml.1", "20")
    assert "3.12 mg/kg" in label(runner, "dose_text").text()
    tick(qtbot, runner, "donor_site.prepared")
    tick(qtbot, runner, "donor_site.sterilised")
    choose(runner, "donor_site.site", "thighs")
    assert runner.box("harvest").body.isEnabled()
    type_in(qtbot, runner, "harvest.cannula", "blunt 3 mm")
    type_in(qtbot, runner, "harvest.volume_ml", "80")
    tick(qtbot, runner, "processing.method:centrifugation")
    type_in(qtbot, runner, "processing.usable_volume_ml", "40")
    # A value out of range: the message sits under the field and nothing is saved.
    type_in(qtbot, runner, "injection.volume_ml.left", "55")
    assert label(runner, "error:injection.volume_ml.left").text() == \
        "Must be between 0 and 40 ml"
    assert ss.session_state(store, runner.session_id).field_values.get(
        "injection.volume_ml.left") is None
    type_in(qtbot, runner, "injection.volume_ml.left", "18")
    assert not label(runner, "error:injection.volume_ml.left").isVisible()
    # Volumes that do not add up are named in the step.
    type_in(qtbot, runner, "injection.volume_ml.right", "25")
    assert "cannot be more than the usable fat (40 ml)" in \
        label(runner, "problems:injection").text()
    type_in(qtbot, runner, "injection.volume_ml.right", "20,5")
    assert not label(runner, "problems:injection").isVisible()
    for side in ("left", "right"):
        type_in(qtbot, runner, f"injection.entry_points.{side}", "5")
        type_in(qtbot, runner, f"injection.cannula_gauge.{side}", "17")
    choose(runner, "closure.method", "adhesive strips")
    tick(qtbot, runner, "closure.dressing")
    choose(runner, "sedation.given", "No")
    tick(qtbot, runner, "sign_out.recorded")
    # Completing with something open lists it, and completes nothing.
    qtbot.mouseClick(runner.complete_button, Qt.MouseButton.LeftButton)
    assert no_modal[-1][0] == "warning"
    assert "Sign-out — Fingers: colour and capillary refill (left hand)" in no_modal[-1][2]
    # The items the app satisfies itself never wait for a tick.
    assert "Follow-up visits booked" not in no_modal[-1][2]
    assert "Aftercare explained" not in no_modal[-1][2]
    assert ss.get_session(store, runner.session_id)["status"] == "in_progress"
    for side in ("left", "right"):
        choose(runner, f"sign_out.fingers.{side}", "pink, warm, brisk refill")
    assert "can be completed" in runner.open_label.text()
    with qtbot.waitSignals([runner.changed, runner.aftercare_requested]):
        qtbot.mouseClick(runner.complete_button, Qt.MouseButton.LeftButton)
    assert [kind for kind, _t, _m in no_modal[-2:]] == ["question", "question"]
    assert "aftercare sheet" in no_modal[-1][2]
    assert "Strip or stitch check: 27/11 – 02/12/2026" in no_modal[-1][2]
    s = ss.get_session(store, runner.session_id)
    assert s["status"] == "completed"
    assert "Volume injected: left 18 ml, right 20.5 ml" in \
        ss.patient_sessions(store, patient)[0]["sessions_list"][0]["figures"]
    assert runner.findChild(QCheckBox, "sign_out.follow_up").isChecked()
    # A completed session is read-only.
    assert not runner.complete_button.isVisible()
    assert not runner.box("sign_in").body.isEnabled()


def test_mesotherapy_end_to_end(qtbot, store, patient, no_modal, clock):
    runner = open_runner(qtbot, store, add_plan(store, patient, "mesotherapy"))
    assert runner.findChild(QLineEdit, "todays_check.session_number").text() == "1"
    for key in ("no_infection", "no_allergy"):
        tick(qtbot, runner, f"todays_check.{key}")
    for key in ("pregnant", "breastfeeding", "new_medicines", "vaccine_or_dental", "recent_laser"):
        choose(runner, f"todays_check.{key}", "No")
    clock.advance(minutes=2)
    time_out(qtbot, runner)
    assert label(runner, "who:time_out.allergies").text() == "Dr Claire Martin, 10:32"
    tick(qtbot, runner, "disinfection.disinfected")
    choose(runner, "topical_anaesthesia.used", "Yes")
    assert runner.findChild(QLineEdit, "topical_anaesthesia.minutes").isEnabled()
    type_in(qtbot, runner, "topical_anaesthesia.minutes", "30")
    # Products: one row each, with lot and expiry; an expired product is refused.
    qtbot.mouseClick(runner.findChild(QPushButton, "products.add_row"), Qt.MouseButton.LeftButton)
    type_in(qtbot, runner, "products.name.1", "Hyaluronic acid 20 mg/ml")
    type_in(qtbot, runner, "products.lot.1", "HA-2291")
    type_in(qtbot, runner, "products.expiry.1", "31/10/2026")
    assert "this product cannot be used" in label(runner, "error:products.expiry.1").text()
    type_in(qtbot, runner, "products.expiry.1", "30/06/2028")
    type_in(qtbot, runner, "products.quantity_ml.1", "2")
    qtbot.mouseClick(runner.findChild(QPushButton, "products.add_row"), Qt.MouseButton.LeftButton)
    type_in(qtbot, runner, "products.name.2", "Vitamin cocktail")
    type_in(qtbot, runner, "products.lot.2", "VC 118")
    type_in(qtbot, runner, "products.expiry.2", "2028-01-31")
    type_in(qtbot, runner, "products.quantity_ml.2", "1.5")
    assert runner.box("products").badge.text() == "✓ Done"
    choose(runner, "injection.technique", "electronic injector")
    type_in(qtbot, runner, "injection.depth_mm", "2")
    type_in(qtbot, runner, "injection.needle_gauge", "32")
    type_in(qtbot, runner, "injection.duration_min", "25")
    tick(qtbot, runner, "reactions.observed:redness")
    tick(qtbot, runner, "reactions.observed:pinpoint bruising")
    tick(qtbot, runner, "sign_out.recorded")
    for side in ("left", "right"):
        choose(runner, f"sign_out.fingers.{side}", "pink, warm, brisk refill")
    qtbot.mouseClick(runner.complete_button, Qt.MouseButton.LeftButton)
    assert "Next session: 07/12 – 13/12/2026" in no_modal[-1][2]
    assert ss.get_session(store, runner.session_id)["status"] == "completed"
    assert [u.patient_id for u in recall.lot_lookup(store, "vc118")] == [patient]
    state = ss.session_state(store, runner.session_id)
    assert state.field_values["reactions.observed"] == ["redness", "pinpoint bruising"]
    assert state.field_values["topical_anaesthesia.minutes"] == 30


def test_dose_over_the_maximum_needs_a_written_reason(qtbot, store, patient):
    runner = open_runner(qtbot, store, add_plan(store, patient, "fat_transfer", weight=50))
    tick(qtbot, runner, "sign_in.identity")
    tick(qtbot, runner, "sign_in.photos")
    time_out(qtbot, runner)
    tick(qtbot, runner, "donor_site.prepared")
    tick(qtbot, runner, "donor_site.sterilised")
    choose(runner, "donor_site.site", "abdomen")
    tick(qtbot, runner, "anaesthesia.hands_prepared")
    add_anaesthetic(qtbot, runner, 1, "wrist block, left", "lidocaine with epinephrine", "1", "20")
    add_anaesthetic(qtbot, runner, 2, "wrist block, right", "lidocaine with epinephrine", "1",
                    "30")
    text = label(runner, "dose_text").text()
    assert "500 mg" in text and "10.00 mg/kg" in text and "Stop." in text
    # The true share of the maximum, not capped at 100 %, beside the bar (not painted on it).
    assert label(runner, "dose_percent").text() == "142% of the maximum dose"
    assert "#b3261e" in label(runner, "dose_percent").styleSheet()
    assert not runner.findChild(QProgressBar, "dose_bar").isTextVisible()
    assert runner.findChild(QPushButton, "dose_override").isVisible()
    assert not runner.box("harvest").body.isEnabled()
    qtbot.mouseClick(runner.findChild(QPushButton, "dose_override"), Qt.MouseButton.LeftButton)
    assert label(runner, "dose_override_error").text() == \
        "Write the reason for going over the maximum dose"
    qtbot.keyClicks(runner.findChild(QLineEdit, "dose_override_reason"),
                    "Extra ring block needed; monitored, no signs of toxicity")
    qtbot.mouseClick(runner.findChild(QPushButton, "dose_override"), Qt.MouseButton.LeftButton)
    assert "reason recorded by Dr Claire Martin" in label(runner, "dose_text").text()
    assert runner.box("harvest").body.isEnabled()


def test_a_deviation_closes_an_item_with_its_note(qtbot, store, patient, monkeypatch):
    runner = open_runner(qtbot, store, add_plan(store, patient, "fat_transfer"))
    tick(qtbot, runner, "sign_in.identity")

    def fill(dialog):
        assert dialog.what.currentData() == "sign_in.photos"
        dialog.note.setPlainText("Camera broken; photographs taken at the day-5 visit")
        return 1

    monkeypatch.setattr(runner_module.DeviationDialog, "exec", fill)
    qtbot.mouseClick(runner.findChild(QPushButton, "deviation:sign_in"),
                     Qt.MouseButton.LeftButton)
    assert "Camera broken" in label(runner, "deviations:sign_in").text()
    assert runner.box("sign_in").badge.text() == "✓ Done"
    assert runner.box("time_out").body.isEnabled()


def test_one_hand_only_disables_the_other_hand(qtbot, store, patient):
    runner = open_runner(qtbot, store, add_plan(store, patient, "fat_transfer"))
    qtbot.mouseClick(runner.side_checks["right"], Qt.MouseButton.LeftButton)
    assert ss.get_session(store, runner.session_id)["sides"] == "left"
    assert not runner.findChild(QLineEdit, "injection.volume_ml.right").parent().isEnabled()
    qtbot.mouseClick(runner.side_checks["left"], Qt.MouseButton.LeftButton)  # none: refused
    assert "Choose the left hand" in runner.header_error.text()
    assert runner.side_checks["left"].isChecked()


def test_a_session_reopened_shows_what_was_saved(qtbot, store, patient):
    plan = add_plan(store, patient, "fat_transfer")
    first = open_runner(qtbot, store, plan)
    tick(qtbot, first, "sign_in.identity")
    first.close()
    again = SessionRunner(store, ss.start_session(store, plan))
    qtbot.addWidget(again)
    assert again.session_id == first.session_id
    assert again.findChild(QCheckBox, "sign_in.identity").isChecked()
    assert again.findChild(QLabel, "who:sign_in.identity").text() == "Dr Claire Martin, 10:30"
