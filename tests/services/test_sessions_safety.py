"""The day of the procedure: every anaesthetic counted, today's weight, what the consultation
hands on (dose reductions, accepted cautions), questions asked again, and the sign-out items the
app satisfies itself."""

from __future__ import annotations

import pytest
from tests.session_helpers import (MESO_TODAY, TIME_OUT_POINTS, add_patient, add_plan,
                             run_fat_transfer, run_mesotherapy)

from rejuv_desktop.errors import UserError, ValidationError
from rejuv_desktop.services import documents as sd
from rejuv_desktop.services import recall
from rejuv_desktop.services import sessions as ss


def to_anaesthesia(store, sid):
    for item in ss.session_status(store, sid).protocol.step("sign_in").items:
        ss.tick(store, sid, f"sign_in.{item.id}")
    for point in TIME_OUT_POINTS:
        ss.confirm_time_out(store, sid, point)


def give(store, sid, row, site, agent, percent, ml, lot="LID-1"):
    for field, value in (("site", site), ("agent", agent), ("concentration_percent", percent),
                         ("volume_ml", ml), ("lot", lot)):
        ss.record_value(store, sid, f"anaesthesia.{field}.{row}", value)


def test_every_anaesthetic_counts_donor_site_tumescent_included(store, patient):
    sid = ss.start_session(store, add_plan(store, patient, "fat_transfer", weight=70))
    to_anaesthesia(store, sid)
    give(store, sid, 1, "wrist block, left", "lidocaine with epinephrine", 1, 10)
    give(store, sid, 2, "wrist block, right", "lidocaine with epinephrine", 1, 10)
    status = ss.session_status(store, sid)
    assert status.dose.mg == pytest.approx(200) and status.dose.status == "ok"
    # Before the tumescent solution is drawn up: how much of it is still allowed.
    ss.record_value(store, sid, "anaesthesia.site.3", "donor site (tumescent)")
    ss.record_value(store, sid, "anaesthesia.agent.3", "lidocaine with epinephrine")
    ss.record_value(store, sid, "anaesthesia.concentration_percent.3", 0.05)
    advice = {a.row: a for a in ss.session_status(store, sid).advice}
    assert advice[3].remaining_ml == pytest.approx(580)   # (490 - 200) mg at 0.5 mg/ml
    assert advice[1].remaining_ml == pytest.approx(39)    # 1 %: (490 - 100) / 10
    ss.record_value(store, sid, "anaesthesia.volume_ml.3", 600)
    ss.record_value(store, sid, "anaesthesia.lot.3", "TUM-7")
    status = ss.session_status(store, sid)
    assert status.dose.mg == pytest.approx(500) and status.dose.status == "over"
    assert not status.step_status("anaesthesia").done
    ss.record_value(store, sid, "anaesthesia.volume_ml.3", 500)
    status = ss.session_status(store, sid)
    assert status.dose.status == "warning" and status.dose.percent == 91


def test_mixed_agents_take_the_stricter_limit(store, patient):
    sid = ss.start_session(store, add_plan(store, patient, "fat_transfer", weight=70))
    to_anaesthesia(store, sid)
    give(store, sid, 1, "wrist block, left", "lidocaine with epinephrine", 1, 15)
    give(store, sid, 2, "entry points", "lidocaine plain", 1, 6)
    status = ss.session_status(store, sid)
    assert status.dose.mixed and status.dose.max_mg == pytest.approx(200)
    assert status.dose.status == "over"
    assert any("stricter limit" in p.message for p in status.problems)


def test_anaesthetic_lots_are_kept_for_a_recall(store, patient):
    sid = ss.start_session(store, add_plan(store, patient, "fat_transfer"))
    run_fat_transfer(store, sid)
    ss.complete_session(store, sid)
    [use] = recall.lot_lookup(store, "lid 2207")
    assert use.product == "lidocaine with epinephrine 1% (wrist block, left)" and use.quantity_ml == 20


@pytest.mark.parametrize("answer", ["yes", "unknown"])
def test_a_reason_to_lower_the_dose_cuts_the_maximum(store, patient, answer):
    plan = add_plan(store, patient, "fat_transfer", weight=70,
                    answers={"lidocaine_interacting_medicines": answer},
                    justification="Clarithromycin course ends next week; dose lowered")
    sid = ss.start_session(store, plan)
    to_anaesthesia(store, sid)
    give(store, sid, 1, "wrist block, left", "lidocaine with epinephrine", 1, 30)
    status = ss.session_status(store, sid)
    assert status.dose.max_mg == pytest.approx(294)       # 490 less 40 %
    assert status.dose.status == "over"
    assert "slows the breakdown of lidocaine" in status.dose.message
    assert ("not known whether" in status.dose.message) is (answer == "unknown")


def test_a_stale_consultation_weight_asks_for_today(store, patient, clock):
    plan = add_plan(store, patient, "fat_transfer", weight=64,
                    consulted_at="2026-10-01T10:00:00+01:00")   # 52 days before the session
    sid = ss.start_session(store, plan)
    to_anaesthesia(store, sid)
    ss.tick(store, sid, "anaesthesia.hands_prepared")
    give(store, sid, 1, "wrist block, left", "lidocaine with epinephrine", 1, 10)
    status = ss.session_status(store, sid)
    assert status.weight_stale
    assert any(p.message.startswith("Weigh the patient today") for p in status.problems)
    assert not status.step_status("anaesthesia").done
    ss.set_weight(store, sid, 63)
    status = ss.session_status(store, sid)
    assert not status.weight_stale and status.step_status("anaesthesia").done
    assert status.weighed_today.value == {"kg": 63, "confirmed_change": False}


def test_a_fresh_consultation_weight_is_enough(store, patient):
    sid = ss.start_session(store, add_plan(store, patient, "fat_transfer",
                                           consulted_at="2026-11-01T10:00:00+01:00"))
    assert not ss.session_status(store, sid).weight_stale


def test_a_large_weight_change_must_be_confirmed(store, patient):
    sid = ss.start_session(store, add_plan(store, patient, "fat_transfer", weight=41))
    with pytest.raises(ss.WeightChangeToConfirm) as err:
        ss.set_weight(store, sid, 141)
    assert "141 kg is 244% away from the 41 kg recorded at the consultation" in str(err.value)
    assert ss.get_session(store, sid)["weight_kg"] == 41     # nothing saved
    ss.set_weight(store, sid, 46)                              # 12 %: no question
    ss.set_weight(store, sid, 141, confirm_change=True)
    status = ss.session_status(store, sid)
    assert status.state.weight_kg == 141
    assert status.weighed_today.value["confirmed_change"] is True


@pytest.mark.parametrize("weight", [29, 251, True, "70"])
def test_the_one_weight_range_is_enforced(store, patient, weight):
    sid = ss.start_session(store, add_plan(store, patient, "fat_transfer"))
    with pytest.raises(ValidationError, match="between 30 and 250 kg"):
        ss.set_weight(store, sid, weight)


def test_accepted_cautions_become_session_items(store, patient):
    plan = add_plan(store, patient, "fat_transfer",
                    answers={"smoker": "yes", "anticoagulants": "yes"},
                    justification="Stopped smoking 6 weeks before; apixaban plan from GP")
    sid = ss.start_session(store, plan)
    status = ss.session_status(store, sid)
    texts = [i.text for i in status.protocol.step("sign_in").items]
    assert "Nicotine-free since the date agreed at the consultation: confirmed with the patient " \
           "today" in texts
    assert "Blood-thinner plan agreed with the prescriber followed (confirmed today)" in texts
    assert any("Nicotine-free" in b for b in status.blockers)
    assert status.step_status("time_out").blocked_by == ["Before the procedure is not completed"]
    ss.tick(store, sid, "sign_in.caution_smoker")
    ss.tick(store, sid, "sign_in.caution_anticoagulants")
    run_fat_transfer(store, sid)
    assert ss.open_items(store, sid) == []


def test_a_changed_answer_today_stops_mesotherapy(store, patient):
    sid = ss.start_session(store, add_plan(store, patient, "mesotherapy"))
    for key in ("no_infection", "no_allergy"):
        ss.tick(store, sid, f"todays_check.{key}")
    for key, value in MESO_TODAY:
        ss.record_value(store, sid, key, value)
    ss.record_value(store, sid, "todays_check.pregnant", True)
    status = ss.session_status(store, sid)
    assert status.stops and "Pregnancy reported today" in status.stops[0]
    assert not status.step_status("todays_check").done
    with pytest.raises(UserError, match="Time-out cannot start yet"):
        ss.confirm_time_out(store, sid, "identity")


def test_a_deeper_injection_needs_a_written_reason(store, patient):
    sid = ss.start_session(store, add_plan(store, patient, "mesotherapy"))
    run_mesotherapy(store, sid)
    ss.record_value(store, sid, "injection.depth_mm", 4)
    status = ss.session_status(store, sid)
    [problem] = [p for p in status.problems if p.key == "deep_injection"]
    assert "dorsal veins and sensory nerves lie just below" in problem.message
    assert not status.step_status("injection").done
    ss.record_value(store, sid, "injection.depth_reason", "Nappage over a scar, per protocol")
    assert ss.session_status(store, sid).step_status("injection").done


def test_the_app_satisfies_follow_ups_and_aftercare(store, patient):
    from rejuv_desktop.services import settings

    settings.save_clinic(store, {"clinic_name": "Harbourside Hand Clinic",
                                 "clinic_phone": "+44 20 7946 0000"})
    sid = ss.start_session(store, add_plan(store, patient, "fat_transfer"))
    run_fat_transfer(store, sid)
    status = ss.session_status(store, sid)
    assert "sign_out.follow_up" not in status.state.completed_items
    assert "sign_out.aftercare" not in status.state.completed_items
    assert status.blockers == []          # neither waits for a tick
    ss.complete_session(store, sid)
    status = ss.session_status(store, sid)
    assert status.state.completed_items["sign_out.follow_up"][0] == "Dr Claire Martin"
    sd.issue_aftercare(store, patient, "fat_transfer", sid)
    status = ss.session_status(store, sid)
    assert status.state.completed_items["sign_out.aftercare"][0] == "the app"
    assert status.aftercare["number"]


def test_optional_topical_cream_never_blocks(store, patient):
    sid = ss.start_session(store, add_plan(store, patient, "mesotherapy"))
    run_mesotherapy(store, sid)
    ss.record_value(store, sid, "topical_anaesthesia.used", None)
    assert ss.open_items(store, sid) == []


def test_sedation_is_recorded_and_its_aftercare_warns_about_driving(store, patient):
    import io

    from pypdf import PdfReader

    from rejuv_desktop.services import settings

    settings.save_clinic(store, {"clinic_name": "Harbourside Hand Clinic",
                                 "clinic_phone": "+44 20 7946 0000"})
    sid = ss.start_session(store, add_plan(store, patient, "fat_transfer"))
    run_fat_transfer(store, sid)
    ss.record_value(store, sid, "sedation.given", True)
    status = ss.session_status(store, sid)
    assert {"Sedation — Sedation agent", "Sedation — Sedation dose and route",
            "Sedation — Monitoring", "Sedation — Discharge criteria met"} <= set(status.open)
    for key, value in (("agent", "midazolam"), ("dose", "2 mg IV"),
                       ("monitoring", ["pulse oximetry", "blood pressure"]),
                       ("discharge", ["awake, oriented", "adult escort"])):
        ss.record_value(store, sid, f"sedation.{key}", value)
    assert ss.open_items(store, sid) == []
    ss.complete_session(store, sid)

    def text(doc):
        pdf = sd.pdf_bytes(store, doc.id)
        return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)

    sheet = " ".join(text(sd.issue_aftercare(store, patient, "fat_transfer", sid)).split())
    assert "You had sedation today. For 24 hours do not drive" in sheet
    assert "An adult must take you home" in sheet
    second = add_patient(store, "Amélie", "Rousseau")
    other = ss.start_session(store, add_plan(store, second, "fat_transfer"))
    run_fat_transfer(store, other)
    ss.complete_session(store, other)
    plain = " ".join(text(sd.issue_aftercare(store, second, "fat_transfer", other)).split())
    assert "do not drive" not in plain and "without sedation" in plain


def test_a_session_recorded_with_the_older_single_anaesthetic_still_reads(store, patient):
    from rejuv_desktop.storage import sessions as sessions_repo

    sid = ss.start_session(store, add_plan(store, patient, "fat_transfer"))
    with store.write():  # as protocol 1.0 stored them: one anaesthetic, no rows
        for key, value in (("anaesthesia.agent", "lidocaine with epinephrine"),
                           ("anaesthesia.concentration_percent", 1),
                           ("anaesthesia.volume_ml", 22)):
            sessions_repo.insert_entry(store, sid, key, "field", value)
    status = ss.session_status(store, sid)
    assert status.dose.mg == pytest.approx(220)
    assert status.state.field_values["anaesthesia.volume_ml.1"] == 22
    [plan] = ss.patient_sessions(store, patient)
    assert plan["sessions_list"][0]["figures"][0] == "Anaesthetic: 220 mg in all (1 entry)"
