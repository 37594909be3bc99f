"""The session window on the day: today's weight, the reasons on the dose panel, questions that
stop mesotherapy, and the written reason for a deeper injection, driven as a practitioner would."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from rejuv_desktop.services import sessions as ss
from tests.session_helpers import add_patient, add_plan, add_practitioner, run_mesotherapy
from tests.ui.test_sessions_runner import (add_anaesthetic, choose, label, open_runner, tick,
                                           time_out, type_in)


@pytest.fixture
def patient(store):
    add_practitioner(store)
    return add_patient(store)


def test_a_large_weight_change_is_asked_about_and_refused_unless_confirmed(
        qtbot, store, patient, monkeypatch):
    runner = open_runner(qtbot, store, add_plan(store, patient, "fat_transfer", weight=41))
    asked = []
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes,
                    QMessageBox.StandardButton.No])

    def question(parent, title, text, *args, **kwargs):
        asked.append(text)
        return next(answers)

    monkeypatch.setattr(QMessageBox, "question", question)
    type_in(qtbot, runner, "weight_kg", "141")
    assert "141 kg is 244% away from the 41 kg recorded at the consultation" in asked[0]
    assert ss.get_session(store, runner.session_id)["weight_kg"] == 41
    assert runner.weight.text() == "41"                  # shown as saved, not as typed
    type_in(qtbot, runner, "weight_kg", "141")           # asked again; confirmed this time
    assert len(asked) == 2
    assert ss.get_session(store, runner.session_id)["weight_kg"] == 141
    assert "change confirmed" in label(runner, "weight_note").text()
    type_in(qtbot, runner, "weight_kg", "140")           # still far from the consultation: asked
    assert len(asked) == 3


def test_an_old_weight_blocks_until_the_patient_is_weighed(qtbot, store, patient, no_modal):
    plan = add_plan(store, patient, "fat_transfer", weight=64,
                    consulted_at="2026-09-01T10:00:00+01:00")
    runner = open_runner(qtbot, store, plan)
    assert label(runner, "weight_note").text() == "from 01/09/2026: weigh today"
    tick(qtbot, runner, "sign_in.identity")
    tick(qtbot, runner, "sign_in.photos")
    time_out(qtbot, runner)
    tick(qtbot, runner, "anaesthesia.hands_prepared")
    add_anaesthetic(qtbot, runner, 1, "wrist block, left", "lidocaine with epinephrine", "1", "10")
    assert "Weigh the patient today" in label(runner, "problems:anaesthesia").text()
    type_in(qtbot, runner, "weight_kg", "64")            # the same figure, confirmed today
    assert label(runner, "weight_note").text() == "weighed today"
    assert not label(runner, "problems:anaesthesia").isVisible()
    assert runner.box("anaesthesia").badge.text() == "✓ Done"


def test_the_dose_panel_says_why_the_maximum_is_lower(qtbot, store, patient):
    plan = add_plan(store, patient, "fat_transfer", weight=70,
                    answers={"liver_disease": "yes"}, justification="Hepatology letter on file")
    runner = open_runner(qtbot, store, plan)
    for item in ("identity", "photos", "caution_liver_disease"):
        tick(qtbot, runner, f"sign_in.{item}")
    time_out(qtbot, runner)
    add_anaesthetic(qtbot, runner, 1, "wrist block, left", "lidocaine with epinephrine", "1", "10")
    add_anaesthetic(qtbot, runner, 2, "entry points", "lidocaine plain", "1", "5")
    text = label(runner, "dose_text").text()
    assert "maximum 120 mg for 70 kg" in text             # plain 200 mg cap, less 40 %
    assert "lowered by 40%" in text and "the patient has liver disease" in text
    assert "the stricter limit, that of plain lidocaine, applies to the total" in text
    assert label(runner, "dose_percent").text() == "125% of the maximum dose"


def test_a_yes_today_stops_mesotherapy_and_the_stop_reason_is_offered(
        qtbot, store, patient, monkeypatch):
    runner = open_runner(qtbot, store, add_plan(store, patient, "mesotherapy"))
    choose(runner, "todays_check.pregnant", "Yes")
    assert "Stop: Pregnancy reported today" in label(runner, "problems:todays_check").text()
    assert not runner.box("time_out").body.isEnabled()
    offered = []

    def get_text(parent, title, prompt, *args, **kwargs):
        offered.append(kwargs.get("text", ""))
        return offered[-1], True

    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getText", get_text)
    qtbot.mouseClick(runner.abandon_button, Qt.MouseButton.LeftButton)
    assert offered[0].startswith("Pregnancy reported today")
    s = ss.get_session(store, runner.session_id)
    assert s["status"] == "abandoned" and s["end_reason"].startswith("Pregnancy reported today")


def test_a_deeper_injection_asks_for_its_reason_and_says_why(qtbot, store, patient):
    plan = add_plan(store, patient, "mesotherapy")
    sid = ss.start_session(store, plan)
    run_mesotherapy(store, sid)
    runner = open_runner(qtbot, store, plan)
    type_in(qtbot, runner, "injection.depth_mm", "4")
    problems = label(runner, "problems:injection")
    assert problems.isVisible()
    assert "dorsal veins and sensory nerves lie just below" in problems.text()
    assert runner.box("injection").badge.text() != "✓ Done"
    type_in(qtbot, runner, "injection.depth_reason", "Nappage over a scar, as agreed")
    assert not problems.isVisible()
    assert runner.box("injection").badge.text() == "✓ Done"
