"""The Sessions tab says why a plan cannot go ahead when a newer screening stops it."""

import pytest

from rejuv_desktop.services import consultations as sc
from rejuv_desktop.services import practitioners as pr
from rejuv_desktop.ui.main_window import MainWindow
from tests.services.test_consultations import complete_data
from tests.services.test_sessions_plan_binding import clinic, signed_plan  # noqa: F401


@pytest.fixture
def pregnant_since(store, clock, clinic):  # noqa: F811
    pr.sign_in(store, clinic["nurse"], "long enough")
    plan = signed_plan(store, clinic, "2026-12-07")
    clock.advance(days=15)
    data = complete_data(chosen=[])
    data["answers"]["pregnant"] = "yes"
    data["none_planned_reason"] = "Pregnant: everything waits."
    data["plan"] = {}
    draft = sc.start_consultation(store, clinic["patient"])
    sc.save_draft(store, draft.id, data, 6)
    sc.finalise(store, draft.id)
    return plan


def test_the_tab_says_a_newer_screening_stops_the_plan(qtbot, store, qsettings, clinic,  # noqa: F811
                                                       pregnant_since):
    w = MainWindow(store, qsettings)
    qtbot.addWidget(w)
    w.show()
    w.show_patient(clinic["patient"])
    tab = w.sessions_tab
    tab.tree.setCurrentItem(tab.tree.topLevelItem(0))
    assert not tab.start_button.isEnabled()
    assert "The screening of 07/12/2026 found hand mesotherapy contraindicated" in tab.hint.text()
    assert "All sessions of this plan are done" not in tab.hint.text()
    assert store.scalar("SELECT count(*) FROM sessions") == 0


def test_a_deferred_procedure_with_an_unknown_answer_asks_for_its_justification(
        qtbot, store, clinic):  # noqa: F811
    from rejuv_desktop.ui.consultation.wizard import Page
    from tests.ui.test_consultation_wizard import answer_all, fill_intake, open_wizard

    pr.sign_in(store, clinic["doctor"], "long enough")
    wizard = open_wizard(qtbot, store, clinic["patient"])
    fill_intake(wizard)
    answer_all(wizard, {"pregnant": "yes", "heart_disease": "unknown"})
    wizard.next()
    card = wizard.pages[Page.VERDICT].cards["fat_transfer"]
    assert "Defer" in card.level.text()
    assert card.justification.isVisible()


def test_the_not_before_date_and_the_reason_are_in_sight_at_1024_wide(qtbot, store, qsettings,
                                                                      clinic):  # noqa: F811
    pr.sign_in(store, clinic["nurse"], "long enough")
    signed_plan(store, clinic, "2027-01-12")
    w = MainWindow(store, qsettings)
    qtbot.addWidget(w)
    w.resize(1024, 700)
    w.show()
    w.show_patient(clinic["patient"])
    tab = w.sessions_tab
    tab.parentWidget().parentWidget().setCurrentWidget(tab)
    qtbot.waitUntil(tab.tree.isVisible)
    w.show_patient(clinic["patient"])  # laid out at its real width
    tree = tab.tree
    date_column_right = tree.columnViewportPosition(1) + tree.columnWidth(1)
    assert tree.topLevelItem(0).text(1) == "not before 12/01/2027"
    assert date_column_right <= tree.viewport().width()
    # The reason reads on its own line, as wide as the tab, not squeezed beside the buttons.
    assert "Not before 12/01/2027" in tab.hint.text()
    assert tab.hint.width() > tab.width() * 0.8


def test_a_typed_date_before_a_deferral_ends_says_so_and_the_plan_follows_new_answers(
        qtbot, store, clinic):  # noqa: F811
    from rejuv_desktop.ui.consultation.wizard import Page
    from tests.ui.test_consultation_wizard import answer_all, fill_intake, open_wizard
    from tests.ui.test_plan_binding_wizard import type_into

    pr.sign_in(store, clinic["nurse"], "long enough")
    wizard = open_wizard(qtbot, store, clinic["patient"])
    fill_intake(wizard)
    answer_all(wizard)
    wizard.next()
    wizard.next()
    rec = wizard.pages[Page.RECOMMENDATION]
    rec.choices["mesotherapy"].click()
    if rec.choices["fat_transfer"].isChecked():
        rec.choices["fat_transfer"].click()
    wizard.next()
    box = wizard.pages[Page.PLAN].boxes["mesotherapy"]
    assert box.start.text() == "06/12/2026"
    # Back to the screening: laser on the hands a week ago defers mesotherapy for 42 days.
    for _ in range(3):
        wizard.back()
    wizard.pages[Page.SCREENING].rows["recent_laser_or_peel"].buttons["yes"].setChecked(True)
    for _ in range(3):
        wizard.next()
    assert wizard.currentId() == Page.PLAN
    assert box.start.text() == "03/01/2027"  # moved to the end of the wait, and said so
    assert "on 03/01/2027 or later" in box.binding_note.text()
    type_into(qtbot, box.start.edit, "10/12/2026")
    assert box.dates.text() == "Choose a date from 03/01/2027 to 21/11/2028"
    wizard.next()
    assert wizard.currentId() == Page.PLAN
    assert box.start.text() == "10/12/2026"  # what was typed stays, to be corrected
    type_into(qtbot, box.start.edit, "03/01/2027")
    assert box.dates.text().startswith("1: 03/01/2027")
    wizard.next()
    assert wizard.currentId() == Page.FINALISE


def test_the_review_page_lists_each_caution_beside_a_deferral_with_its_justification(
        qtbot, store, clinic):  # noqa: F811
    from rejuv_desktop.ui.consultation.wizard import Page
    from tests.services.test_sessions_plan_binding import OVERRIDE
    from tests.ui.test_consultation_wizard import answer_all, fill_intake, open_wizard

    pr.sign_in(store, clinic["doctor"], "long enough")
    wizard = open_wizard(qtbot, store, clinic["patient"])
    fill_intake(wizard)
    answer_all(wizard, {"pregnant": "yes", "heart_disease": "unknown"})
    wizard.next()
    qtbot.keyClicks(wizard.pages[Page.VERDICT].cards["fat_transfer"].justification,
                    "Cardiology letter: no heart disease.")
    wizard.next()
    rec = wizard.pages[Page.RECOMMENDATION]
    rec.choices["fat_transfer"].click()
    qtbot.keyClicks(rec.rows["fat_transfer"].override, OVERRIDE)
    wizard.next()
    wizard.next()
    assert wizard.currentId() == Page.FINALISE
    summary = wizard.pages[Page.FINALISE].summary.text()
    assert "Not known whether the patient has heart disease" in summary
    assert "Justification:</b> Cardiology letter: no heart disease." in summary
    assert "Still missing" not in summary


def test_the_not_before_date_of_a_plan_is_never_cut_short(qtbot, store, qsettings,
                                                          clinic):  # noqa: F811
    pr.sign_in(store, clinic["nurse"], "long enough")
    signed_plan(store, clinic, "2027-01-12")
    w = MainWindow(store, qsettings)
    qtbot.addWidget(w)
    w.resize(1024, 700)
    w.show()
    w.show_patient(clinic["patient"])
    tab = w.sessions_tab
    tab.parentWidget().parentWidget().setCurrentWidget(tab)
    qtbot.waitUntil(tab.tree.isVisible)
    w.show_patient(clinic["patient"])
    tree = tab.tree
    text = tree.topLevelItem(0).text(1)
    assert text == "not before 12/01/2027"
    assert tree.columnWidth(1) >= tree.fontMetrics().horizontalAdvance(text)
