"""The consultation wizard driven as a practitioner would, end to end."""

import pytest
from PySide6.QtWidgets import QWizard

from rejuv_desktop.services import consultations as sc
from rejuv_desktop.services import patients as sp
from rejuv_desktop.services import practitioners as pr
from rejuv_desktop.ui.consultation.wizard import ConsultationWizard, Page


@pytest.fixture
def patient(store, patient_data):
    pid = pr.create_practitioner(store, {"name": "Claire Martin", "title": "Dr"}, "long enough")
    pr.sign_in(store, pid, "long enough")
    return sp.add_patient(store, patient_data).patient_id


def open_wizard(qtbot, store, patient):
    wizard = ConsultationWizard(store, sc.start_consultation(store, patient))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.resume()
    return wizard


def fill_intake(wizard, merz=3):
    concerns = wizard.pages[Page.CONCERNS]
    concerns.concerns["volume_loss"].setChecked(True)
    concerns.concerns["crepey_skin"].setChecked(True)
    concerns.goals.setPlainText("Less bony, smoother hands")
    concerns.realistic.setChecked(True)
    wizard.next()
    assert wizard.currentId() == Page.HANDS
    hands = wizard.pages[Page.HANDS]
    for box in hands.boxes.values():
        box.merz.setCurrentIndex(box.merz.findData(merz))
        box.texture.setCurrentIndex(box.texture.findData("crepey"))
    hands.fitzpatrick.setCurrentIndex(hands.fitzpatrick.findData("II"))
    hands.weight.setText("64")
    hands.donor.setCurrentIndex(hands.donor.findData("adequate"))
    wizard.next()
    assert wizard.currentId() == Page.SCREENING


def answer_all(wizard, overrides=None):
    overrides = overrides or {}
    for qid, row in wizard.pages[Page.SCREENING].rows.items():
        row.buttons[overrides.get(qid, "no")].setChecked(True)


def test_page_stays_until_required_fields_are_given(qtbot, store, patient):
    wizard = open_wizard(qtbot, store, patient)
    wizard.next()
    assert wizard.currentId() == Page.CONCERNS
    problems = wizard.pages[Page.CONCERNS].problems
    assert problems.isVisible() and "Tick at least one concern" in problems.text()


def test_full_consultation_end_to_end(qtbot, store, patient):
    wizard = open_wizard(qtbot, store, patient)
    fill_intake(wizard)
    answer_all(wizard, {"smoker": "yes"})
    wizard.next()
    assert wizard.currentId() == Page.VERDICT
    verdict = wizard.pages[Page.VERDICT]
    assert "Caution" in verdict.cards["fat_transfer"].level.text()
    assert verdict.cards["fat_transfer"].justification.isVisible()
    assert "Eligible" in verdict.cards["mesotherapy"].level.text()
    verdict.cards["fat_transfer"].justification.setPlainText("Stopped smoking 8 weeks ago.")
    wizard.next()
    assert wizard.currentId() == Page.RECOMMENDATION
    rec = wizard.pages[Page.RECOMMENDATION]
    assert "Merz" in rec.lines.text()
    rec.choices["fat_transfer"].setChecked(True)
    rec.choices["mesotherapy"].setChecked(True)
    wizard.next()
    assert wizard.currentId() == Page.PLAN
    plan = wizard.pages[Page.PLAN]
    assert plan.boxes["mesotherapy"].isVisible()
    plan.boxes["mesotherapy"].sessions.setValue(4)
    wizard.next()
    assert wizard.currentId() == Page.FINALISE
    assert "Still missing" not in wizard.pages[Page.FINALISE].summary.text()
    with qtbot.waitSignal(wizard.finalised) as signal:
        wizard.button(QWizard.WizardButton.FinishButton).click()
    c = sc.get_consultation(store, signal.args[0])
    assert c["verdicts"]["fat_transfer"]["level"] == "caution"
    assert c["record"].justifications["fat_transfer"]["by"] == "Dr Claire Martin"
    assert c["record"].plan["mesotherapy"]["sessions"] == 4
    assert {p["procedure"] for p in sc.plans_of(store, patient)} == {"fat_transfer",
                                                                      "mesotherapy"}


def test_contraindication_branches_to_the_stop_page(qtbot, store, patient):
    wizard = open_wizard(qtbot, store, patient)
    fill_intake(wizard)
    answer_all(wizard, {"pregnant": "yes", "keloid_tendency": "yes",
                        "allergy_injected_products": "yes", "bleeding_disorder": "yes"})
    wizard.next()
    verdicts = {p: c.level.text() for p, c in wizard.pages[Page.VERDICT].cards.items()}
    assert all("Contraindicated" in t for t in verdicts.values())
    wizard.next()
    assert wizard.currentId() == Page.STOP
    assert wizard.pages[Page.STOP].summary.text()
    with qtbot.waitSignal(wizard.finalised) as signal:
        wizard.button(QWizard.WizardButton.FinishButton).click()
    assert sc.get_consultation(store, signal.args[0])["outcome"] == "stopped"
    assert sc.plans_of(store, patient) == []


def test_contraindicated_procedure_cannot_be_chosen(qtbot, store, patient):
    wizard = open_wizard(qtbot, store, patient)
    fill_intake(wizard)
    answer_all(wizard, {"keloid_tendency": "yes"})
    wizard.next()
    wizard.next()
    assert wizard.currentId() == Page.RECOMMENDATION
    assert not wizard.pages[Page.RECOMMENDATION].choices["mesotherapy"].isEnabled()
    assert wizard.pages[Page.RECOMMENDATION].choices["fat_transfer"].isEnabled()


def test_close_and_resume_where_it_was(qtbot, store, patient):
    wizard = open_wizard(qtbot, store, patient)
    fill_intake(wizard)
    answer_all(wizard, {"smoker": "unknown"})
    wizard.pages[Page.SCREENING].rows["anticoagulants"].detail.setText("Aspirin 75 mg")
    wizard.reject()  # "Close (keep draft)"
    draft = sc.find_draft(store, patient)
    assert draft.page == Page.SCREENING
    assert draft.data.answers["smoker"] == "unknown"
    assert draft.data.hand("left").merz == 3
    again = open_wizard(qtbot, store, patient)
    assert again.currentId() == Page.SCREENING
    row = again.pages[Page.SCREENING].rows["smoker"]
    assert row.answer() == "unknown"
    assert again.pages[Page.HANDS].weight.text() == "64"


def test_typing_is_saved_after_a_pause(qtbot, store, patient):
    wizard = open_wizard(qtbot, store, patient)
    qtbot.keyClicks(wizard.pages[Page.CONCERNS].goals, "Wants <b>smoother</b> & fuller")
    qtbot.waitUntil(lambda: "smoother" in sc.find_draft(store, patient).data.goals,
                    timeout=3000)
    assert sc.find_draft(store, patient).data.goals == "Wants <b>smoother</b> & fuller"


def test_save_failure_is_shown_and_nothing_is_lost(qtbot, store, patient, monkeypatch, no_modal):
    from rejuv_desktop.errors import StorageError

    wizard = open_wizard(qtbot, store, patient)
    wizard.pages[Page.CONCERNS].goals.setPlainText("typed before the disk filled")

    def full(*a, **k):
        raise StorageError("The disk is full. Nothing was saved; free some space and try again.")

    monkeypatch.setattr(sc, "save_draft", full)
    assert wizard.save_now() is False
    assert "NOT SAVED" in wizard.windowTitle()
    assert any("disk is full" in text for _k, _t, text in no_modal)
    assert wizard.pages[Page.CONCERNS].goals.toPlainText() == "typed before the disk filled"
    monkeypatch.undo()
    assert wizard.save_now() is True
    assert "NOT SAVED" not in wizard.windowTitle()


def test_lesion_ticked_on_hands_page_stops_and_unticking_it_lifts_the_stop(qtbot, store, patient):
    wizard = open_wizard(qtbot, store, patient)
    wizard.next()
    wizard.pages[Page.CONCERNS].concerns["volume_loss"].setChecked(True)
    wizard.pages[Page.CONCERNS].realistic.setChecked(True)
    wizard.pages[Page.CONCERNS].goals.setPlainText("Fuller hands")
    wizard.next()
    hands = wizard.pages[Page.HANDS]
    for box in hands.boxes.values():
        box.merz.setCurrentIndex(box.merz.findData(3))
    hands.boxes["left"].suspicious.setChecked(True)
    hands.fitzpatrick.setCurrentIndex(hands.fitzpatrick.findData("II"))
    hands.weight.setText("64")
    hands.donor.setCurrentIndex(hands.donor.findData("adequate"))
    wizard.next()
    assert wizard.currentId() == Page.SCREENING
    rows = wizard.pages[Page.SCREENING].rows
    lesion = rows["suspicious_skin_lesion"]
    # The finding answers the question, read-only, and says where it comes from.
    assert lesion.answer() == "yes"
    assert not lesion.buttons["no"].isEnabled() and "Hands page" in lesion.label.text()
    for qid, row in rows.items():
        if qid != "suspicious_skin_lesion":
            row.buttons["no"].setChecked(True)
    wizard.next()
    assert wizard.currentId() == Page.VERDICT
    assert "From the Hands page" in wizard.pages[Page.VERDICT].cards["fat_transfer"].reasons.text()
    wizard.next()
    assert wizard.currentId() == Page.STOP
    assert "suspicious_skin_lesion" not in wizard.data.answers

    # Back to the Hands page, untick the lesion: the question is the practitioner's again.
    while wizard.currentId() != Page.HANDS:
        wizard.back()
    hands.boxes["left"].suspicious.setChecked(False)
    wizard.next()
    assert lesion.answer() is None and lesion.buttons["no"].isEnabled()
    assert "Hands page" not in lesion.label.text()
    lesion.buttons["no"].setChecked(True)
    wizard.next()
    assert wizard.currentId() == Page.VERDICT
    assert "Defer" not in wizard.pages[Page.VERDICT].cards["fat_transfer"].level.text()
    wizard.next()
    assert wizard.currentId() == Page.RECOMMENDATION  # the stop is gone


def test_verdict_shows_the_evidence_grade_beside_each_reason(qtbot, store, patient):
    wizard = open_wizard(qtbot, store, patient)
    fill_intake(wizard)
    answer_all(wizard, {"anticoagulants": "yes"})
    wizard.next()
    cards = wizard.pages[Page.VERDICT].cards
    meso, fat = cards["mesotherapy"].reasons.text(), cards["fat_transfer"].reasons.text()
    assert "[C] clinic or guideline page" in meso
    assert "[U] unverified" in fat and "to confirm" in fat
    assert "Why the procedures differ" in meso and "align" in fat


def test_consultation_stored_with_verified_flags_opens_with_evidence_grades(qtbot, store, patient):
    from rejuv_desktop.domain import consultation as dc
    from rejuv_desktop.domain import screening as scr
    from rejuv_desktop.storage import consultations as consultations_repo
    from rejuv_desktop.ui.consultation.view import ConsultationDialog

    answers = {q.id: "no" for q in scr.load_rules().questions} | {"nickel_allergy": "yes"}
    snap = scr.snapshot(answers)
    for verdict in snap["verdicts"].values():  # as stored before evidence grades
        for reason in verdict["reasons"]:
            reason["verified"] = True
            del reason["evidence"], reason["level_note"], reason["derived"]
    data = dc.new_data()
    data["answers"] = answers
    with store.write():
        cid = consultations_repo.insert_consultation(store, {
            "patient_id": patient, "practitioner_id": store.actor_id, "started_at": store.now_iso(),
            "finalised_at": store.now_iso(), "amends_id": None, "amendment_reason": "",
            "record": dc.record(data), "screening": snap, "verdicts": snap["verdicts"],
            "recommendation": {"procedures": [], "lines": []}, "outcome": "not_planned"})
    dialog = ConsultationDialog(store, cid)
    qtbot.addWidget(dialog)
    assert "[C] clinic or guideline page" in dialog.browser.toPlainText()


def test_many_reasons_are_all_readable_and_the_justification_reachable_at_1024_by_700(qtbot, store, patient):
    wizard = open_wizard(qtbot, store, patient)
    wizard.resize(1024, 700)
    fill_intake(wizard)
    for row in wizard.pages[Page.SCREENING].rows.values():
        row.buttons["unknown"].setChecked(True)
    wizard.next()
    assert wizard.currentId() == Page.VERDICT and wizard.height() <= 700
    page = wizard.pages[Page.VERDICT]
    for card in page.cards.values():  # every reason gets its full height: none is cut off
        assert card.reasons.height() >= card.reasons.heightForWidth(card.reasons.width())
    box = page.cards["fat_transfer"].justification
    assert box.isVisible()
    page.scroll.ensureWidgetVisible(box)
    qtbot.waitUntil(lambda: not box.visibleRegion().isEmpty())
    box.setFocus()
    qtbot.keyClicks(box, "Confirmed by phone: nothing known applies.")
    assert "Confirmed by phone" in box.toPlainText()
