"""A procedure the clinic adds as content appears in the consultation wizard as the packaged
ones do: its verdict card, its choice on the recommendation page, its plan box."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWizard

from rejuv_desktop import content
from rejuv_desktop.services import consultations as sc
from rejuv_desktop.services import sessions as ss
from rejuv_desktop.ui.consultation.view import ConsultationsTab
from rejuv_desktop.ui.consultation.wizard import Page
from tests.session_helpers import add_patient, add_plan, add_practitioner
from tests.test_added_procedure import FIXTURE
from tests.services.test_content_check import clear_loader_caches
from tests.ui.test_consultation_wizard import (
    answer_all,
    fill_intake,
    open_wizard,
    patient,  # noqa: F401 - fixture
)
from tests.ui.test_sessions_runner import choose, open_runner, tick, type_in


@pytest.fixture
def hand_filler():
    content.use_overrides_dir(FIXTURE)
    clear_loader_caches()
    yield
    content.use_overrides_dir(None)
    clear_loader_caches()


def test_the_wizard_screens_recommends_and_plans_the_added_procedure(qtbot, store, patient,  # noqa: F811
                                                                   hand_filler):
    wizard = open_wizard(qtbot, store, patient)
    fill_intake(wizard)
    answer_all(wizard, {"anticoagulants": "yes"})
    wizard.next()
    assert wizard.currentId() == Page.VERDICT
    verdict = wizard.pages[Page.VERDICT]
    assert list(verdict.cards) == ["fat_transfer", "mesotherapy", "hand_filler"]
    card = verdict.cards["hand_filler"]
    assert "Caution" in card.level.text() and card.justification.isVisible()
    for p in ("fat_transfer", "mesotherapy", "hand_filler"):
        if verdict.cards[p].justification.isVisible():
            verdict.cards[p].justification.setPlainText("Doctor's letter seen.")
    wizard.next()
    assert wizard.currentId() == Page.RECOMMENDATION
    rec = wizard.pages[Page.RECOMMENDATION]
    assert "Hyaluronic-acid filler to the backs of the hands" in rec.lines.text()
    assert "(recommended)" in rec.choices["hand_filler"].text()
    rec.choices["hand_filler"].setChecked(True)
    wizard.next()
    assert wizard.currentId() == Page.PLAN
    plan = wizard.pages[Page.PLAN]
    assert plan.boxes["hand_filler"].isVisible()
    assert not plan.boxes["mesotherapy"].isVisible()
    wizard.next()
    assert wizard.currentId() == Page.FINALISE
    assert "Still missing" not in wizard.pages[Page.FINALISE].summary.text()
    with qtbot.waitSignal(wizard.finalised) as signal:
        wizard.button(QWizard.WizardButton.FinishButton).click()
    c = sc.get_consultation(store, signal.args[0])
    assert c["record"].justifications["hand_filler"]["text"] == "Doctor's letter seen."
    assert [p["procedure"] for p in sc.plans_of(store, patient)] == ["hand_filler"]


def test_the_consultation_history_has_a_column_for_the_added_procedure(qtbot, store, patient,  # noqa: F811
                                                                      hand_filler):
    wizard = open_wizard(qtbot, store, patient)
    fill_intake(wizard)
    answer_all(wizard, {"anticoagulants": "yes"})
    wizard.next()
    for card in wizard.pages[Page.VERDICT].cards.values():
        if card.justification.isVisible():
            card.justification.setPlainText("Doctor's letter seen.")
    wizard.next()
    wizard.pages[Page.RECOMMENDATION].choices["hand_filler"].setChecked(True)
    wizard.next()
    wizard.next()
    with qtbot.waitSignal(wizard.finalised):
        wizard.button(QWizard.WizardButton.FinishButton).click()

    tab = ConsultationsTab(store)
    qtbot.addWidget(tab)
    tab.show_patient(patient)
    table = tab.table
    headers = [table.horizontalHeaderItem(j).text() for j in range(table.columnCount())]
    assert headers == ["Finalised", "Fat transfer", "Mesotherapy", "Hand filler", "Outcome",
                       "Amendment"]
    assert table.rowCount() == 1
    assert table.item(0, headers.index("Hand filler")).text() == "Caution"
    assert table.item(0, headers.index("Outcome")).text() == "Planned"


def test_the_session_checklist_of_the_added_procedure_runs_to_completion(qtbot, store, no_modal,
                                                                       hand_filler):
    add_practitioner(store)
    plan = add_plan(store, add_patient(store), "hand_filler")
    runner = open_runner(qtbot, store, plan)
    choose(runner, "todays_check.pregnant", "No")
    tick(qtbot, runner, "todays_check.no_infection")
    for point in ("identity", "procedure", "sides"):
        tick(qtbot, runner, f"time_out.{point}")
    qtbot.mouseClick(runner.findChild(QPushButton, "products.add_row"), Qt.MouseButton.LeftButton)
    type_in(qtbot, runner, "products.name.1", "Test HA 20")
    type_in(qtbot, runner, "products.lot.1", "HA-77")
    type_in(qtbot, runner, "products.expiry.1", "30/06/2028")
    for side in ("left", "right"):
        type_in(qtbot, runner, f"injection.volume_ml.{side}", "1.5")
    qtbot.mouseClick(runner.complete_button, Qt.MouseButton.LeftButton)
    assert ss.get_session(store, runner.session_id)["status"] == "completed"
