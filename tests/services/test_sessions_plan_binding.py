"""The verdict binds what is recorded and printed, and the session gate binds the day: the
services refuse, not only the screens."""

from datetime import date

import pytest

from rejuv_desktop.errors import UserError, ValidationError
from rejuv_desktop.services import consultations as sc
from rejuv_desktop.services import documents as sd
from rejuv_desktop.services import patients as sp
from rejuv_desktop.services import practitioners as pr
from rejuv_desktop.services import sessions as ss
from rejuv_desktop.services import settings as sset
from tests.services.test_consultations import complete_data
from tests.services.test_documents import text_of

OVERRIDE = "Pregnancy ended in October (GP letter on file); not breastfeeding."


@pytest.fixture
def clinic(store, patient_data):
    sset.save_clinic(store, {"clinic_name": "Harbourside Hand Clinic",
                           "clinic_address": "12 Quay Street, Bristol",
                           "clinic_phone": "0117 496 0000"})
    nurse = pr.create_practitioner(store, {"name": "Aisha Rahman", "title": "Nurse"}, "long enough")
    store.actor_id = nurse  # the first account administers: it adds the doctor's
    doctor = pr.create_practitioner(store, {"name": "Claire Martin", "title": "Dr",
                                            "is_doctor": True}, "long enough")
    store.actor_id = None
    patient = sp.add_patient(store, patient_data).patient_id
    return {"nurse": nurse, "doctor": doctor, "patient": patient}


def pregnant_draft(store, patient, override: str | None):
    data = complete_data(chosen=["fat_transfer"])
    data["plan"] = {"fat_transfer": data["plan"]["fat_transfer"]}
    data["answers"]["pregnant"] = "yes"
    if override:
        data["overrides"] = {"fat_transfer": {"text": override}}
    draft = sc.start_consultation(store, patient)
    sc.save_draft(store, draft.id, data, 6)
    return draft


def test_the_doctor_qualification_is_kept_with_the_account(store, clinic):
    assert pr.get_practitioner(store, clinic["doctor"]).doctor
    nurse = pr.get_practitioner(store, clinic["nurse"])
    assert not nurse.doctor and nurse.display_with_qualification == "Nurse Aisha Rahman"
    pr.sign_in(store, clinic["nurse"], "long enough")  # the administrator (first account)
    pr.update_practitioner(store, clinic["nurse"], {"name": "Aisha Rahman", "title": "Dr",
                                                    "role": "admin", "is_doctor": True})
    assert pr.get_practitioner(store, clinic["nurse"]).display_with_qualification == \
        "Dr Aisha Rahman (doctor)"


def test_a_deferred_procedure_is_not_finalised_without_an_override(store, clinic):
    pr.sign_in(store, clinic["doctor"], "long enough")
    draft = pregnant_draft(store, clinic["patient"], None)
    with pytest.raises(ValidationError) as err:
        sc.finalise(store, draft.id)
    assert "defer.fat_transfer" in err.value.errors
    assert sc.plans_of(store, clinic["patient"]) == []


def test_only_a_doctor_can_record_an_override(store, clinic):
    pr.sign_in(store, clinic["nurse"], "long enough")
    draft = pregnant_draft(store, clinic["patient"], OVERRIDE)
    with pytest.raises(UserError, match="Only a doctor"):
        sc.finalise(store, draft.id)
    assert sc.plans_of(store, clinic["patient"]) == []
    pr.sign_in(store, clinic["doctor"], "long enough")
    consultation = sc.get_consultation(store, sc.finalise(store, draft.id))
    override = consultation["record"].overrides["fat_transfer"]
    assert override["text"] == OVERRIDE and override["by"] == "Dr Claire Martin"
    assert override["by_id"] == clinic["doctor"] and override["at"]


def test_the_consent_and_summary_print_the_deferral_and_the_override(store, clinic):
    pr.sign_in(store, clinic["doctor"], "long enough")
    draft = pregnant_draft(store, clinic["patient"], OVERRIDE)
    consultation = sc.finalise(store, draft.id)
    plan = sc.plans_of(store, clinic["patient"])[0]["id"]
    consent = text_of(sd.pdf_bytes(store, sd.issue_consent(store, plan).id))
    assert "None: nothing in your screening" not in consent
    assert "it waits until after pregnancy" in consent
    assert "Doctor's override: " + OVERRIDE in consent and "Dr Claire Martin" in consent
    summary = text_of(sd.pdf_bytes(store, sd.issue_summary(store, consultation).id))
    assert "Your screening: points that need care" in summary
    assert "Doctor's override" in summary and "Not suitable" in summary  # mesotherapy too


def test_unknown_answers_and_cautions_are_listed_never_none(store, clinic):
    pr.sign_in(store, clinic["nurse"], "long enough")
    data = complete_data(chosen=["mesotherapy"])
    data["plan"] = {"mesotherapy": data["plan"]["mesotherapy"]}
    data["answers"]["heart_disease"] = "unknown"
    data["justifications"] = {"mesotherapy": {"text": "Cardiologist's letter requested first."}}
    draft = sc.start_consultation(store, clinic["patient"])
    sc.save_draft(store, draft.id, data, 6)
    sc.finalise(store, draft.id)
    plan = sc.plans_of(store, clinic["patient"])[0]["id"]
    consent = text_of(sd.pdf_bytes(store, sd.issue_consent(store, plan).id))
    assert "None: nothing in your screening" not in consent
    assert "Not known whether" in consent and "Cardiologist's letter requested" in consent


def test_an_early_first_session_is_printed_with_a_warning(store, clinic):
    pr.sign_in(store, clinic["nurse"], "long enough")
    data = complete_data(chosen=["mesotherapy"])
    data["plan"] = {"mesotherapy": {**data["plan"]["mesotherapy"], "start": "2026-11-25"}}
    draft = sc.start_consultation(store, clinic["patient"])
    sc.save_draft(store, draft.id, data, 6)
    consultation = sc.finalise(store, draft.id)
    plan = sc.plans_of(store, clinic["patient"])[0]
    consent = text_of(sd.pdf_bytes(store, sd.issue_consent(store, plan["id"]).id))
    assert "before the end of the 14 days you are given to reflect (until 6 December 2026)" \
        in consent
    summary = text_of(sd.pdf_bytes(store, sd.issue_summary(store, consultation).id))
    assert "before the end of the 14 days" in summary
    assert "reflection period" in ss.patient_sessions(store, clinic["patient"])[0][
        "reflection_warning"]


def signed_plan(store, clinic, start: str):
    """A finalised mesotherapy plan with its consent signed on paper."""
    data = complete_data(chosen=["mesotherapy"])
    data["plan"] = {"mesotherapy": {**data["plan"]["mesotherapy"], "start": start}}
    draft = sc.start_consultation(store, clinic["patient"])
    sc.save_draft(store, draft.id, data, 6)
    sc.finalise(store, draft.id)
    plan = sc.plans_of(store, clinic["patient"])[-1]["id"]
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        scan = Path(tmp) / "signed-form.pdf"
        scan.write_bytes(b"%PDF-1.4 scan of the signed form")
        sd.sign_consent(store, sd.issue_consent(store, plan).id, "paper", "Nurse Aisha Rahman",
                        photo_consent={"clinical_record": True, "teaching": False,
                                       "publication": False}, scan_path=scan)
    return plan


def test_a_session_does_not_start_before_its_planned_date(store, clock, clinic):
    pr.sign_in(store, clinic["nurse"], "long enough")
    plan = signed_plan(store, clinic, "2027-01-12")
    clock.advance(days=15)  # 7 December 2026: the reflection period is over
    with pytest.raises(ss.StartTooEarly) as err:
        ss.start_session(store, plan)
    assert err.value.until == date(2027, 1, 12)
    assert "The plan dates this session 12/01/2027." in str(err.value)
    assert [w.code for w in ss.patient_sessions(store, clinic["patient"])[0]["waits"]] == [
        "planned_date"]
    with pytest.raises(UserError, match="Only a doctor"):
        ss.start_session(store, plan, early_reason="Patient travelling abroad in January.")
    assert store.scalar("SELECT count(*) FROM sessions") == 0
    pr.sign_in(store, clinic["doctor"], "long enough")
    with pytest.raises(ValidationError):
        ss.start_session(store, plan, early_reason="  ")
    session = ss.start_session(store, plan, early_reason="Patient travelling abroad in January.")
    early = ss.session_status(store, session).early_start
    assert early.value["reason"] == "Patient travelling abroad in January."
    assert early.who == "Dr Claire Martin" and early.value["until"] == "2027-01-12"
    listed = ss.patient_sessions(store, clinic["patient"])[0]["sessions_list"][0]
    assert listed["early_start"]["value"]["reason"].startswith("Patient travelling")
    clock.advance(days=60)
    # On its day, a session starts with no reason asked.
    ss.abandon_session(store, session, "Test over")


def test_the_reflection_period_and_the_series_interval_hold_the_start(store, clock, clinic):
    pr.sign_in(store, clinic["nurse"], "long enough")
    plan = signed_plan(store, clinic, "2026-11-25")
    clock.advance(days=3)
    with pytest.raises(ss.StartTooEarly, match="reflection period"):
        ss.start_session(store, plan)
    clock.advance(days=11)  # 6 December: 14 days after the consultation
    session = ss.start_session(store, plan)
    ss.abandon_session(store, session, "Fainted before the first injection")
    clock.advance(days=1)
    with pytest.raises(ss.StartTooEarly) as err:
        ss.start_session(store, plan)
    assert {w.code for w in err.value.waits} == {"spacing"}
    clock.advance(days=14)
    assert ss.start_session(store, plan)


def test_mesotherapy_is_refused_an_hour_after_a_fat_graft(store, clock, clinic):
    from tests.session_helpers import add_plan, run_fat_transfer

    pr.sign_in(store, clinic["nurse"], "long enough")
    fat = ss.start_session(store, add_plan(store, clinic["patient"], "fat_transfer"))
    run_fat_transfer(store, fat)
    ss.complete_session(store, fat)
    meso = add_plan(store, clinic["patient"], "mesotherapy")
    clock.advance(hours=1)
    with pytest.raises(ss.StartTooEarly, match="21 days must pass after the fat transfer"):
        ss.start_session(store, meso)
    clock.advance(days=21)
    assert ss.start_session(store, meso)


def test_the_reflection_period_is_a_clinic_setting(store, clinic):
    pr.sign_in(store, clinic["nurse"], "long enough")  # the administrator (first account)
    sset.save_settings(store, {"cooling_off_days": "7"})
    assert sset.cooling_off_days(store) == 7
    assert sc.default_start(store) == date(2026, 11, 29)
    with pytest.raises(ValidationError):
        sset.save_settings(store, {"cooling_off_days": "-1"})


def test_an_amendment_counts_dates_and_waits_from_the_consultation_it_corrects(
        store, clock, clinic):
    pr.sign_in(store, clinic["nurse"], "long enough")
    data = complete_data(chosen=["mesotherapy"], weight_kg=84)
    data["plan"] = {"mesotherapy": data["plan"]["mesotherapy"]}  # from 07/12/2026
    draft = sc.start_consultation(store, clinic["patient"])
    sc.save_draft(store, draft.id, data, 6)
    first = sc.finalise(store, draft.id)
    clock.advance(days=20)  # 12 December: the weight was misheard
    draft = sc.start_amendment(store, first, "Weight misheard: 48 kg")
    assert sc.planning_context(store, draft.amends_id).today == date(2026, 11, 22)
    amended = draft.data.to_dict()
    amended["weight_kg"] = 48
    sc.save_draft(store, draft.id, amended, 6)
    assert sc.get_consultation(store, sc.finalise(store, draft.id))["amends_id"] == first
