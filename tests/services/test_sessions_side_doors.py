"""Side doors around the verdict and the session gate: each path to planning or starting a
session is held to the same rules as the wizard and the Sessions tab."""

import pytest

from rejuv_desktop.errors import UserError, ValidationError
from rejuv_desktop.services import consultations as sc
from rejuv_desktop.services import practitioners as pr
from rejuv_desktop.services import sessions as ss
from tests.services.test_consultations import complete_data
from tests.services.test_sessions_plan_binding import OVERRIDE, clinic, pregnant_draft, signed_plan  # noqa: F401


def test_an_override_of_a_few_characters_is_not_a_reason(store, clinic):
    pr.sign_in(store, clinic["doctor"], "long enough")
    draft = pregnant_draft(store, clinic["patient"], "ok")
    with pytest.raises(ValidationError) as err:
        sc.finalise(store, draft.id)
    assert "defer.fat_transfer" in err.value.errors
    assert "must say why" in err.value.errors["defer.fat_transfer"]
    assert sc.plans_of(store, clinic["patient"]) == []


def test_a_reason_for_an_unsupported_procedure_must_say_something(store, clinic):
    pr.sign_in(store, clinic["nurse"], "long enough")
    data = complete_data(chosen=["fat_transfer"], concerns=["crepey_skin"])
    data["plan"] = {"fat_transfer": data["plan"]["fat_transfer"]}
    assert not sc.evaluate(data).recommended("fat_transfer")
    data["unsupported_reasons"] = {"fat_transfer": {"text": "."}}
    draft = sc.start_consultation(store, clinic["patient"])
    sc.save_draft(store, draft.id, data, 6)
    with pytest.raises(ValidationError) as err:
        sc.finalise(store, draft.id)
    assert "unsupported.fat_transfer" in err.value.errors


@pytest.mark.parametrize("start", ["12/01/2027", "2027-01-12T09:00", 20270112, "soon"])
def test_a_plan_date_that_is_not_a_date_is_refused_clearly(store, clinic, start):
    pr.sign_in(store, clinic["nurse"], "long enough")
    data = complete_data(chosen=["mesotherapy"])
    data["plan"] = {"mesotherapy": {**data["plan"]["mesotherapy"], "start": start}}
    draft = sc.start_consultation(store, clinic["patient"])
    sc.save_draft(store, draft.id, data, 6)
    with pytest.raises(ValidationError) as err:
        sc.finalise(store, draft.id)
    assert "plan.mesotherapy.start" in err.value.errors
    assert sc.plans_of(store, clinic["patient"]) == []


def test_a_later_screening_that_defers_the_procedure_holds_an_earlier_plan(store, clock, clinic):
    pr.sign_in(store, clinic["nurse"], "long enough")
    plan = signed_plan(store, clinic, "2026-12-07")
    clock.advance(days=15)  # 7 December: the plan's day, the reflection period over
    # A new consultation that day: the patient is now pregnant; nothing is planned.
    data = complete_data(chosen=[])
    data["answers"]["pregnant"] = "yes"
    data["none_planned_reason"] = "Pregnant: mesotherapy waits until after pregnancy."
    data["plan"] = {}
    draft = sc.start_consultation(store, clinic["patient"])
    sc.save_draft(store, draft.id, data, 6)
    sc.finalise(store, draft.id)
    assert sc.evaluate(data).verdicts["mesotherapy"].level in ("defer", "contraindicated")
    with pytest.raises(UserError, match="screening of 07/12/2026"):
        ss.start_session(store, plan)
    assert store.scalar("SELECT count(*) FROM sessions") == 0


def test_a_maintenance_session_waits_for_its_window_after_the_series(store, clock):
    from tests.session_helpers import add_patient, add_plan, add_practitioner, \
        run_mesotherapy

    add_practitioner(store, "Aisha Rahman", "Nurse")
    plan = add_plan(store, add_patient(store), "mesotherapy", sessions=4)
    for n in range(4):
        session = ss.start_session(store, plan)
        run_mesotherapy(store, session)
        ss.complete_session(store, session)
        clock.advance(days=15)
    # The series ended 15 days ago; maintenance is due three months after its last session.
    with pytest.raises(ss.StartTooEarly) as err:
        ss.start_session(store, plan)
    assert "maintenance" in str(err.value)
    assert err.value.until >= (clock() - __import__("datetime").timedelta(days=15)).date() \
        + __import__("datetime").timedelta(days=89)
    clock.advance(days=80)
    assert ss.start_session(store, plan)


def test_an_override_of_the_deferral_does_not_answer_a_caution_beside_it(store, clinic):
    pr.sign_in(store, clinic["doctor"], "long enough")
    draft = pregnant_draft(store, clinic["patient"], OVERRIDE)
    data = sc.find_draft(store, clinic["patient"]).data.to_dict()
    data["answers"]["heart_disease"] = "unknown"
    sc.save_draft(store, draft.id, data, 6)
    verdict = sc.evaluate(data).verdicts["fat_transfer"]
    assert verdict.level == "defer" and any(r.level == "caution" for r in verdict.reasons)
    with pytest.raises(ValidationError) as err:
        sc.finalise(store, draft.id)
    assert err.value.errors == {
        "justification.fat_transfer": "Write the justification for fat transfer to the hands"}
    data["justifications"] = {"fat_transfer": {"text": "Cardiology letter: no heart disease."}}
    sc.save_draft(store, draft.id, data, 6)
    assert sc.finalise(store, draft.id)


def test_an_amendment_that_no_longer_plans_a_started_procedure_stops_its_plan(store, clock,
                                                                              clinic):
    from tests.session_helpers import run_mesotherapy

    pr.sign_in(store, clinic["nurse"], "long enough")
    plan = signed_plan(store, clinic, "2026-12-07")
    first = sc.consultation_history(store, clinic["patient"])[0]["id"]
    clock.advance(days=15)
    session = ss.start_session(store, plan)
    run_mesotherapy(store, session)
    ss.complete_session(store, session)
    clock.advance(days=1)
    draft = sc.start_amendment(store, first, "Patient declined further mesotherapy sessions")
    data = draft.data.to_dict()
    data["chosen"], data["plan"] = [], {}
    data["none_planned_reason"] = "Declined further sessions after the first."
    sc.save_draft(store, draft.id, data, 6)
    sc.finalise(store, draft.id)
    clock.advance(days=15)
    with pytest.raises(UserError, match="no longer plans hand mesotherapy"):
        ss.start_session(store, plan)
    listed = ss.patient_sessions(store, clinic["patient"])[0]
    assert not listed["can_start"] and "no longer plans" in listed["blocked"]


def test_no_consent_is_issued_for_a_plan_a_newer_screening_stops(store, clock, clinic):
    from rejuv_desktop.services import documents as sd

    pr.sign_in(store, clinic["nurse"], "long enough")
    data = complete_data(chosen=["mesotherapy"])
    data["plan"] = {"mesotherapy": data["plan"]["mesotherapy"]}
    draft = sc.start_consultation(store, clinic["patient"])
    sc.save_draft(store, draft.id, data, 6)
    sc.finalise(store, draft.id)
    plan = sc.plans_of(store, clinic["patient"])[0]["id"]
    clock.advance(days=2)
    data = complete_data(chosen=[], none_planned_reason="Pregnant: nothing now.", plan={})
    data["answers"]["pregnant"] = "yes"
    draft = sc.start_consultation(store, clinic["patient"])
    sc.save_draft(store, draft.id, data, 6)
    sc.finalise(store, draft.id)
    count = store.scalar("SELECT count(*) FROM documents")
    with pytest.raises(UserError, match="contraindicated: this plan cannot go ahead"):
        sd.issue_consent(store, plan)
    with pytest.raises(UserError, match="contraindicated"):
        sd.print_document(store, "consent", clinic["patient"], "mesotherapy")
    assert store.scalar("SELECT count(*) FROM documents") == count


def test_an_amendment_keeps_the_doctors_override_as_written_and_a_nurse_may_make_it(
        store, clock, clinic):
    pr.sign_in(store, clinic["doctor"], "long enough")
    first = sc.finalise(store, pregnant_draft(store, clinic["patient"], OVERRIDE).id)
    written_at = sc.get_consultation(store, first)["record"].overrides["fat_transfer"]["at"]
    clock.advance(days=1)
    pr.sign_in(store, clinic["nurse"], "long enough")
    draft = sc.start_amendment(store, first, "Weight misheard: 61 kg")
    data = draft.data.to_dict()
    data["weight_kg"] = 61
    sc.save_draft(store, draft.id, data, 6)
    amended = sc.get_consultation(store, sc.finalise(store, draft.id))
    override = amended["record"].overrides["fat_transfer"]
    assert override["by"] == "Dr Claire Martin" and override["by_id"] == clinic["doctor"]
    assert override["at"] == written_at
    # Changing the override's words is a new override: a doctor's again.
    draft = sc.start_amendment(store, amended["id"], "Override reworded")
    data = draft.data.to_dict()
    data["overrides"]["fat_transfer"]["text"] = OVERRIDE + " Checked again."
    sc.save_draft(store, draft.id, data, 6)
    with pytest.raises(UserError, match="Only a doctor"):
        sc.finalise(store, draft.id)


def test_the_gate_counts_an_amendments_deferral_from_the_day_the_plan_page_did(store, clock,
                                                                                clinic, tmp_path):
    from datetime import date

    from rejuv_desktop.services import documents as sd

    pr.sign_in(store, clinic["nurse"], "long enough")
    data = complete_data(chosen=["mesotherapy"])
    data["plan"] = {"mesotherapy": data["plan"]["mesotherapy"]}
    draft = sc.start_consultation(store, clinic["patient"])
    sc.save_draft(store, draft.id, data, 6)
    first = sc.finalise(store, draft.id)  # 22/11/2026
    clock.advance(days=20)
    draft = sc.start_amendment(store, first, "Laser on the hands a week before: not asked")
    data = draft.data.to_dict()
    data["answers"]["recent_laser_or_peel"] = "yes"
    data["plan"]["mesotherapy"]["start"] = "2027-01-03"  # 42 days after 22/11/2026
    sc.save_draft(store, draft.id, data, 6)
    sc.finalise(store, draft.id)
    plan = next(p for p in sc.plans_of(store, clinic["patient"]) if p["status"] == "planned")
    scan = tmp_path / "signed-form.pdf"
    scan.write_bytes(b"%PDF-1.4 scan of the signed form")
    sd.sign_consent(store, sd.issue_consent(store, plan["id"]).id, "paper", "Nurse Aisha Rahman",
                    photo_consent={"clinical_record": True, "teaching": False,
                                   "publication": False}, scan_path=scan)
    clock.advance(days=22)
    assert clock().date() == date(2027, 1, 3)
    assert ss.session_gate(store, plan["id"]) == []
    assert ss.start_session(store, plan["id"])
