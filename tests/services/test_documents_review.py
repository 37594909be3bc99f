"""Documents read as a patient and a physician would: one date format, no line that contradicts
the plan, no sentence that means nothing for this patient, the practitioner named with a title."""

from rejuv_desktop.services import consultations as sc
from rejuv_desktop.services import documents as sd
from rejuv_desktop.services import practitioners as pr
from tests.services.test_consultations import complete_data
from tests.services.test_documents import text_of
from tests.services.test_sessions_plan_binding import OVERRIDE, clinic, pregnant_draft  # noqa: F401


def _flat(pdf: bytes) -> str:
    return " ".join(text_of(pdf).split())


def test_an_overridden_deferral_reads_as_going_ahead_with_one_date_format(store, clinic):
    pr.sign_in(store, clinic["doctor"], "long enough")
    consultation = sc.finalise(store, pregnant_draft(store, clinic["patient"], OVERRIDE).id)
    summary = _flat(sd.pdf_bytes(store, sd.issue_summary(store, consultation).id))
    # 22 November 2026, the day of the override, written as every other date is.
    assert "(Dr Claire Martin, 22 November 2026)." in summary
    assert "22 November 2026" in summary and "07 December" not in summary
    assert " 0" + "7 December 2026" not in summary
    nxt = summary.split("What happens next")[1].split("Notes")[0]
    # The plan books the fat transfer on the doctor's override: next steps must not say it waits.
    assert "Fat transfer to the hands is postponed" not in nxt
    assert "a doctor has recorded why it can go ahead as planned" in nxt
    plan = sc.plans_of(store, clinic["patient"])[0]["id"]
    consent = _flat(sd.pdf_bytes(store, sd.issue_consent(store, plan).id))
    assert "Dr Claire Martin, 22 November 2026" in consent
    assert "Session 1: 7 December 2026" in consent


def test_a_summary_with_nothing_planned_says_nothing_about_reflection(store, clinic):
    pr.sign_in(store, clinic["doctor"], "long enough")
    data = complete_data(chosen=[], plan={})
    data["answers"]["bleeding_disorder"] = "yes"
    data["none_planned_reason"] = "Both procedures ruled out."
    draft = sc.start_consultation(store, clinic["patient"])
    sc.save_draft(store, draft.id, data, 6)
    summary = _flat(sd.pdf_bytes(store, sd.issue_summary(store, sc.finalise(store, draft.id)).id))
    assert "No procedure planned" in summary
    assert "time you are given to reflect" not in summary


def test_a_planned_summary_still_says_no_session_comes_before_the_reflection_end(store, clinic):
    pr.sign_in(store, clinic["doctor"], "long enough")
    draft = sc.start_consultation(store, clinic["patient"])
    sc.save_draft(store, draft.id, complete_data(), 6)
    summary = _flat(sd.pdf_bytes(store, sd.issue_summary(store, sc.finalise(store, draft.id)).id))
    assert "No session is planned before the end of the time you are given to reflect." in summary


def test_the_consent_names_the_practitioner_with_their_title(store, clinic):
    pr.sign_in(store, clinic["doctor"], "long enough")
    draft = sc.start_consultation(store, clinic["patient"])
    sc.save_draft(store, draft.id, complete_data(), 6)
    sc.finalise(store, draft.id)
    for plan in sc.plans_of(store, clinic["patient"]):
        consent = _flat(sd.pdf_bytes(store, sd.issue_consent(store, plan["id"]).id))
        assert "discussed with Dr Claire Martin." in consent
        assert "under the supervision of Dr Claire Martin." in consent


def test_the_summary_lists_concerns_and_skin_findings_as_a_patient_reads_them(store, clinic):
    pr.sign_in(store, clinic["doctor"], "long enough")
    draft = sc.start_consultation(store, clinic["patient"])
    sc.save_draft(store, draft.id, complete_data(), 6)
    summary = _flat(sd.pdf_bytes(store, sd.issue_summary(store, sc.finalise(store, draft.id)).id))
    assert "• Volume loss" in summary and "• volume loss" not in summary
    assert "skin hydration: poor; skin elasticity: moderate; skin texture: crepey" in summary


def test_summary_plan_lines_carry_one_colon_each(store, clinic):
    pr.sign_in(store, clinic["doctor"], "long enough")
    data = complete_data(chosen=["mesotherapy"])
    data["plan"] = {"mesotherapy": {**data["plan"]["mesotherapy"], "start": "2026-11-25"}}
    draft = sc.start_consultation(store, clinic["patient"])
    sc.save_draft(store, draft.id, data, 6)
    summary = _flat(sd.pdf_bytes(store, sd.issue_summary(store, sc.finalise(store, draft.id)).id))
    assert "Hand mesotherapy \u2014 Session 1: 25 November 2026" in summary
    assert "Hand mesotherapy \u2014 please note: your first session is planned for 25 November 2026" in summary
    assert "mesotherapy: Session" not in summary and ": Please note" not in summary
