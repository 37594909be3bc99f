"""Session services: the consent gate, entries with who and when, validation, gates, completion."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.session_helpers import (FAT_ITEMS, FAT_VALUES, MESO_TODAY, MESO_VALUES, TIME_OUT_POINTS,
                             add_plan, run_fat_transfer, run_mesotherapy)

from rejuv_desktop.domain.protocols import load_protocol
from rejuv_desktop.errors import UserError, ValidationError
from rejuv_desktop.services import follow_ups as fu
from rejuv_desktop.services import recall
from rejuv_desktop.services import sessions as ss
from rejuv_desktop.storage import audit


def entries(store, session_id):
    return store.query("SELECT * FROM session_entries WHERE session_id = ? ORDER BY id",
                       (session_id,))


def test_no_signed_consent_no_session(store, patient):
    plan = add_plan(store, patient, "fat_transfer", consent=False)
    with pytest.raises(UserError, match="Consent is not signed"):
        ss.start_session(store, plan)
    assert store.scalar("SELECT count(*) FROM sessions") == 0


def test_an_issued_but_unsigned_consent_is_not_enough(store, patient):
    plan = add_plan(store, patient, "mesotherapy", consent=False)
    store.conn.execute(
        "INSERT INTO documents (number, patient_id, kind, procedure, plan_id, template_id,"
        " template_version, created_at, sha256, pdf) VALUES ('X-1', ?, 'consent', 'mesotherapy',"
        " ?, 't', '1', ?, 'x', x'00')", (patient, plan, store.now_iso()))
    with pytest.raises(UserError, match="Consent is not signed"):
        ss.start_session(store, plan)


def test_start_records_the_session_and_resumes_it(store, patient):
    plan = add_plan(store, patient, "fat_transfer")
    sid = ss.start_session(store, plan)
    assert ss.start_session(store, plan) == sid  # the open session is resumed, not doubled
    s = ss.get_session(store, sid)
    assert (s["session_number"], s["series_length"], s["maintenance"]) == (1, 1, 0)
    assert s["session_date"] == "2026-11-22" and s["started_by_name"] == "Dr Claire Martin"
    assert s["protocol_id"] == "protocol.fat_transfer" and s["weight_kg"] == 64
    assert store.scalar("SELECT status FROM plans WHERE id = ?", (plan,)) == "in_progress"


def test_signing_in_is_needed(store, patient):
    plan = add_plan(store, patient, "fat_transfer")
    sid = ss.start_session(store, plan)
    store.actor_id = None
    with pytest.raises(UserError, match="Sign in"):
        ss.tick(store, sid, "sign_in.identity")


def test_each_tick_is_saved_at_once_with_who_and_when(store, patient, clock):
    sid = ss.start_session(store, add_plan(store, patient, "fat_transfer"))
    entry = ss.tick(store, sid, "sign_in.identity")
    assert (entry.who, entry.at) == ("Dr Claire Martin", "2026-11-22T10:30:00+01:00")
    clock.advance(minutes=3)
    ss.tick(store, sid, "sign_in.photos")
    rows = entries(store, sid)
    assert [(r["key"], r["kind"], r["value_json"], r["at"]) for r in rows] == [
        ("sign_in.identity", "item", "true", "2026-11-22T10:30:00+01:00"),
        ("sign_in.photos", "item", "true", "2026-11-22T10:33:00+01:00")]
    state = ss.session_state(store, sid)
    assert state.completed_items["sign_in.photos"][0] == "Dr Claire Martin"
    assert state.completed_items["sign_in.photos"][1] == datetime.fromisoformat(
        "2026-11-22T10:33:00+01:00")
    # The audit trail holds each entry too, with the acting practitioner.
    audited = store.query("SELECT practitioner_id FROM audit_log WHERE table_name ="
                          " 'session_entries'")
    assert len(audited) == 2 and all(a["practitioner_id"] == store.actor_id for a in audited)
    assert audit.verify_chain(store).ok


def test_a_correction_is_a_new_entry_and_the_latest_wins(store, patient):
    sid = ss.start_session(store, add_plan(store, patient, "fat_transfer"))
    ss.tick(store, sid, "sign_in.identity")
    ss.tick(store, sid, "sign_in.identity", done=False)
    assert "sign_in.identity" not in ss.session_state(store, sid).completed_items
    assert [r["value_json"] for r in entries(store, sid)] == ["true", "false"]
    with pytest.raises(Exception, match="never changes"):
        store.conn.execute("UPDATE session_entries SET value_json = 'true'")
    with pytest.raises(Exception, match="never deleted"):
        store.conn.execute("DELETE FROM session_entries")


def through_processing(store, sid, upto="processing.usable_volume_ml"):
    ss.tick(store, sid, "sign_in.identity")
    ss.tick(store, sid, "sign_in.photos")
    for point in TIME_OUT_POINTS:
        ss.confirm_time_out(store, sid, point)
    ss.tick(store, sid, "anaesthesia.hands_prepared")
    ss.tick(store, sid, "donor_site.prepared")
    ss.tick(store, sid, "donor_site.sterilised")
    for key, value in FAT_VALUES:
        ss.record_value(store, sid, key, value)
        if key == upto:
            return


@pytest.mark.parametrize("key, value, message", [
    ("anaesthesia.volume_ml.1", 1250, "Must be between 0 and 1000 ml"),
    ("anaesthesia.concentration_percent.2", "one", "Must be a number"),
    ("anaesthesia.concentration_percent.2", 0.04, "Must be between 0.05 and 2%"),
    ("anaesthesia.agent.1", "bupivacaine", "Choose one of"),
    ("injection.entry_points.left", 2.5, "Must be a whole number"),
    ("injection.volume_ml.left", 41, "Must be between 0 and 40 ml"),
    ("injection.cannula_gauge.right", 30, "Must be between 14 and 22 G"),
])
def test_a_bad_value_gets_a_message_and_is_not_saved(store, patient, key, value, message):
    sid = ss.start_session(store, add_plan(store, patient, "fat_transfer"))
    through_processing(store, sid)
    before = len(entries(store, sid))
    with pytest.raises(ValidationError) as err:
        ss.record_value(store, sid, key, value)
    assert message in err.value.errors[key]
    assert len(entries(store, sid)) == before


def test_an_expired_product_is_refused(store, patient):
    sid = ss.start_session(store, add_plan(store, patient, "mesotherapy"))
    for key in ("no_infection", "no_allergy"):
        ss.tick(store, sid, f"todays_check.{key}")
    for key, value in MESO_TODAY:
        ss.record_value(store, sid, key, value)
    with pytest.raises(ValidationError) as err:
        ss.record_value(store, sid, "products.expiry.1", date(2026, 11, 21))
    assert "cannot be used" in err.value.errors["products.expiry.1"]
    ss.record_value(store, sid, "products.expiry.1", date(2026, 11, 22))  # the last day is fine
    assert ss.session_state(store, sid).field_values["products.expiry.1"] == "2026-11-22"


def test_gates_refuse_entries_in_a_step_that_cannot_start(store, patient):
    sid = ss.start_session(store, add_plan(store, patient, "fat_transfer"))
    with pytest.raises(UserError, match="Time-out cannot start yet: Before the procedure is not"):
        ss.confirm_time_out(store, sid, "identity")
    ss.tick(store, sid, "sign_in.identity")
    ss.tick(store, sid, "sign_in.photos")
    with pytest.raises(UserError, match="Anaesthesia cannot start yet: Time-out is not complete"):
        ss.record_value(store, sid, "anaesthesia.volume_ml.1", 10)
    for point in TIME_OUT_POINTS:
        ss.confirm_time_out(store, sid, point)
    ss.record_value(store, sid, "anaesthesia.volume_ml.1", 10)
    status = ss.session_status(store, sid)
    assert status.step_status("harvest").blocked_by == ["Anaesthesia is not completed",
                                                        "Donor site is not completed"]


def test_time_out_confirmations_are_each_time_stamped(store, patient, clock):
    sid = ss.start_session(store, add_plan(store, patient, "mesotherapy"))
    for key in ("no_infection", "no_allergy"):
        ss.tick(store, sid, f"todays_check.{key}")
    for key, value in MESO_TODAY:
        ss.record_value(store, sid, key, value)
    for i, point in enumerate(TIME_OUT_POINTS):
        clock.advance(seconds=20)
        ss.confirm_time_out(store, sid, point)
    state = ss.session_state(store, sid)
    times = [state.time_out[p][1].isoformat() for p in TIME_OUT_POINTS]
    assert times == [f"2026-11-22T10:3{m}:{s:02d}+01:00"
                     for m, s in ((0, 20), (0, 40), (1, 0), (1, 20), (1, 40))]
    with pytest.raises(UserError, match="cannot be skipped"):
        ss.record_deviation(store, sid, "time_out.allergies", "patient unsure")


def test_required_items_block_completion_and_the_message_lists_them(store, patient):
    sid = ss.start_session(store, add_plan(store, patient, "fat_transfer"))
    run_fat_transfer(store, sid)
    ss.tick(store, sid, "sign_in.photos", done=False)
    ss.record_value(store, sid, "sign_out.fingers.right", None)
    with pytest.raises(ss.OpenItems) as err:
        ss.complete_session(store, sid)
    assert err.value.items == [
        "Before the procedure — Pre-procedure photographs of both hands taken",
        "Sign-out — Fingers: colour and capillary refill (right hand)"]
    assert "Pre-procedure photographs" in str(err.value)
    # A deviation with its note closes a required item; the time-out never.
    ss.record_deviation(store, sid, "sign_in.photos", "Camera broken; photos at day 5 instead")
    ss.record_value(store, sid, "sign_out.fingers.right", "pink, warm, brisk refill")
    assert ss.open_items(store, sid) == []
    ss.complete_session(store, sid)
    assert ss.get_session(store, sid)["status"] == "completed"
    with pytest.raises(UserError, match="completed: it can no longer be changed"):
        ss.tick(store, sid, "sign_in.photos")


def test_fat_transfer_follow_ups_have_exact_dates(store, patient):
    plan = add_plan(store, patient, "fat_transfer")
    sid = ss.start_session(store, plan)
    run_fat_transfer(store, sid)
    created = ss.complete_session(store, sid)
    assert [(f["label"], f["due_from"], f["due_to"]) for f in created] == [
        ("Strip or stitch check", "2026-11-27", "2026-12-02"),
        ("Review at 1 month", "2026-12-20", "2026-12-27"),
        ("Review at 3 months: hand grading and improvement scale against baseline",
         "2027-02-14", "2027-02-28"),
        # Proposed reviews that assess outcomes are booked too (the audit's 6 and 12 months).
        ("Review at 6 months", "2027-05-22", "2027-06-22"),
        ("Review at 12 months: final result, consider a touch-up", "2027-11-22", "2027-12-22")]
    assert store.scalar("SELECT status FROM plans WHERE id = ?", (plan,)) == "completed"
    last = ss.last_session(store, patient, "fat_transfer")
    assert last == {"id": sid, "session_date": "2026-11-22", "session_number": 1,
                    "series_length": 1, "plan_id": plan}
    assert ss.last_session(store, patient, "mesotherapy") is None
    with pytest.raises(UserError, match="needs a new consultation"):
        ss.start_session(store, plan)


def test_mesotherapy_series_then_maintenance(store, patient, clock):
    plan = add_plan(store, patient, "mesotherapy", sessions=4)
    numbers = []
    for n in range(1, 6):
        sid = ss.start_session(store, plan)
        s = ss.get_session(store, sid)
        numbers.append((s["session_number"], s["maintenance"]))
        state = ss.session_state(store, sid)
        if n <= 4:
            assert state.field_values["todays_check.session_number"] == n
            assert state.field_values["todays_check.session_kind"] == "series"
        else:
            assert state.field_values["todays_check.session_kind"] == "maintenance"
            assert "todays_check.session_number" not in state.field_values
        run_mesotherapy(store, sid)
        created = ss.complete_session(store, sid)
        day = clock().date()
        if n < 4:
            assert [(f["kind"], f["due_from"], f["due_to"]) for f in created] == [
                ("next_session", (day + timedelta(days=15)).isoformat(),
                 (day + timedelta(days=21)).isoformat())]
        else:
            assert [f["kind"] for f in created] == ["maintenance"]
        status = store.scalar("SELECT status FROM plans WHERE id = ?", (plan,))
        assert status == ("in_progress" if n < 4 else "completed")
        clock.advance(days=16 if n < 4 else 100)
    assert numbers == [(1, 0), (2, 0), (3, 0), (4, 0), (5, 1)]
    # Each later session closed the visit the one before had scheduled.
    rows = store.query("SELECT kind, status, due_from, due_to FROM follow_ups ORDER BY id")
    assert [r["status"] for r in rows] == ["done"] * 4 + ["due"]
    # The maintenance window: 3 to 6 months after session 4 (on 9 January 2027).
    assert (rows[3]["due_from"], rows[3]["due_to"]) == ("2027-04-09", "2027-07-09")


def test_due_list_classifies_and_names_patients(store, patient, clock):
    sid = ss.start_session(store, add_plan(store, patient, "fat_transfer"))
    run_fat_transfer(store, sid)
    ss.complete_session(store, sid)
    due = fu.due_list(store)
    assert [d.label for d in due["this_week"]] == ["Strip or stitch check"]
    assert len(due["upcoming"]) == 4 and not due["overdue"]
    assert due["this_week"][0].patient_name == "Zoë Łukasiewicz-Ødegård"
    later = fu.due_list(store, today=date(2026, 12, 3))  # the 5-10 day window has closed
    assert [d.label for d in later["overdue"]] == ["Strip or stitch check"]
    assert [d.label for d in later["upcoming"]] == [
        "Review at 1 month", "Review at 3 months: hand grading and improvement scale against "
        "baseline", "Review at 6 months", "Review at 12 months: final result, consider a touch-up"]
    store.conn.execute("UPDATE patients SET archived = 1 WHERE id = ?", (patient,))
    assert fu.due_list(store) == {"overdue": [], "this_week": [], "upcoming": []}


def test_mark_done_reschedule_and_cancel(store, patient, clock):
    sid = ss.start_session(store, add_plan(store, patient, "fat_transfer"))
    run_fat_transfer(store, sid)
    wound, month, quarter, *later = (f["id"] for f in ss.complete_session(store, sid))
    clock.advance(days=6)  # the 5-10 day window is open
    fu.mark_follow_up_done(store, wound, "Strips off, healing well")
    with pytest.raises(UserError, match="already done"):
        fu.mark_follow_up_done(store, wound)
    with pytest.raises(ValidationError) as err:
        fu.reschedule_follow_up(store, month, date(2027, 1, 10), date(2027, 1, 5), "")
    assert set(err.value.errors) == {"reason", "due_to"}
    new = fu.reschedule_follow_up(store, month, date(2027, 1, 4), date(2027, 1, 8),
                                  "Patient away over Christmas")
    rows = {r["id"]: r for r in fu.follow_ups_of_patient(store, patient)}
    assert rows[month]["status"] == "rescheduled"
    assert (rows[new]["due_from"], rows[new]["due_to"], rows[new]["rescheduled_from"],
            rows[new]["status"]) == ("2027-01-04", "2027-01-08", month, "due")
    fu.cancel_follow_up(store, quarter, "Moved abroad; review by her own doctor")
    due = fu.due_list(store, today=date(2026, 12, 30))
    assert [d.id for group in due.values() for d in group] == [new, *later]  # 6, 12 months
    assert rows[wound]["note"] == "Strips off, healing well"


def test_lot_lookup_finds_every_patient_and_session(store, patient, actor):
    from tests.session_helpers import add_patient

    other = add_patient(store, "Margaret", "O'Brien")
    first = ss.start_session(store, add_plan(store, patient, "mesotherapy"))
    run_mesotherapy(store, first)
    ss.complete_session(store, first)
    second = ss.start_session(store, add_plan(store, other, "mesotherapy"))
    run_mesotherapy(store, second)  # still in progress: a recall must find it too
    found = recall.lot_lookup(store, " ha-2291 ")
    assert [(u.patient_name, u.session_id, u.session_status, u.quantity_ml) for u in found] == [
        ("Zoë Łukasiewicz-Ødegård", first, "completed", 2.0),
        ("Margaret O'Brien", second, "in_progress", 2.0)]
    assert [u.lot for u in recall.lot_lookup(store, "vc118")] == ["VC 118", "VC 118"]
    assert recall.lot_lookup(store, "NOPE-1") == []
    ss.abandon_session(store, second, "Patient felt faint")
    assert [u.session_status for u in recall.lot_lookup(store, "HA-2291")] == ["completed",
                                                                               "abandoned"]
    with pytest.raises(ValidationError):
        recall.lot_lookup(store, "  ")


def test_dose_over_the_maximum_stops_until_overridden_with_a_reason(store, patient):
    plan = add_plan(store, patient, "fat_transfer", weight=50)  # max 350 mg: 35 ml of 1%
    sid = ss.start_session(store, plan)
    through_processing(store, sid, upto="donor_site.site")
    ss.record_value(store, sid, "anaesthesia.volume_ml.1", 40)
    status = ss.session_status(store, sid)
    assert status.dose.status == "over" and round(status.dose.mg) == 400
    assert not status.step_status("anaesthesia").done
    assert "Anaesthesia is not completed" in status.step_status("harvest").blocked_by
    with pytest.raises(UserError, match="Harvesting cannot start"):
        ss.record_value(store, sid, "harvest.volume_ml", 80)
    with pytest.raises(ValidationError):
        ss.override_dose(store, sid, "  ")
    ss.override_dose(store, sid, "Extra ring block needed; monitored, no toxicity signs")
    status = ss.session_status(store, sid)
    assert status.step_status("anaesthesia").done
    assert any("reason recorded: Extra ring block" in p.message for p in status.problems)
    # More anaesthetic than the override was written for: the stop comes back.
    ss.record_value(store, sid, "anaesthesia.volume_ml.1", 45)
    assert not ss.session_status(store, sid).step_status("anaesthesia").done
    ss.record_value(store, sid, "anaesthesia.volume_ml.1", 28)  # 80 % of 350 mg
    status = ss.session_status(store, sid)
    assert status.dose.status == "warning" and status.step_status("anaesthesia").done
    with pytest.raises(UserError, match="not over the maximum"):
        ss.override_dose(store, sid, "not needed at all here")


def test_injected_volume_cannot_exceed_the_usable_fat(store, patient):
    sid = ss.start_session(store, add_plan(store, patient, "fat_transfer"))
    run_fat_transfer(store, sid)
    ss.record_value(store, sid, "injection.volume_ml.right", 25)  # 18 + 25 > 40
    status = ss.session_status(store, sid)
    assert not status.step_status("injection").done
    assert ("Total injected in both hands (43 ml) cannot be more than the usable fat (40 ml)"
            in status.blockers)
    with pytest.raises(ss.OpenItems):
        ss.complete_session(store, sid)


def test_one_hand_only(store, patient):
    sid = ss.start_session(store, add_plan(store, patient, "fat_transfer"))
    ss.set_sides(store, sid, ["left"])
    through_processing(store, sid)
    with pytest.raises(ValidationError, match="right hand is not treated"):
        ss.record_value(store, sid, "injection.volume_ml.right", 10)
    for field, value in (("volume_ml", 18), ("entry_points", 5), ("cannula_gauge", 17)):
        ss.record_value(store, sid, f"injection.{field}.left", value)
    assert ss.session_status(store, sid).step_status("injection").done
    with pytest.raises(UserError, match="confirmed at the time-out"):
        ss.set_sides(store, sid, ["left", "right"])


def test_a_whole_session_of_each_procedure_completes(store, clock, patient):
    for procedure, run, items in (("fat_transfer", run_fat_transfer, FAT_ITEMS),
                                  ("mesotherapy", run_mesotherapy, None)):
        if procedure == "mesotherapy":
            clock.advance(days=21)  # the protocol's spacing after a fat graft on these hands
        sid = ss.start_session(store, add_plan(store, patient, procedure))
        run(store, sid)
        status = ss.session_status(store, sid)
        assert status.blockers == [] and all(s.done for s in status.steps), status.blockers
        if items:
            assert set(items) <= set(status.state.completed_items)
        ss.complete_session(store, sid)
    plans = ss.patient_sessions(store, patient)
    assert plans[0]["sessions_list"][0]["figures"] == [
        "Anaesthetic: 200 mg in all (1 entry)",
        "Volume harvested: 80 ml", "Usable fat: 40 ml",
        "Volume injected: left 18 ml, right 20 ml",
        "lidocaine with epinephrine 1% (wrist block, left): lot LID-2207, 20 ml"]
    assert plans[1]["sessions_list"][0]["figures"] == [
        "Hyaluronic acid 20 mg/ml: lot HA-2291, expires 30/06/2028, 2 ml",
        "Vitamin cocktail: lot VC 118, expires 31/01/2028, 1.5 ml"]
    assert (plans[0]["can_start"], plans[1]["can_start"]) == (False, True)
    assert [dict(MESO_VALUES)[k] for k in ("products.lot.1", "products.lot.2")] == [
        "HA-2291", "VC 118"]


FAT = load_protocol("fat_transfer")


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=20))
def test_parse_text_reads_or_explains(text):
    for f in FAT.all_fields():
        try:
            value = ss.parse_text(f, text)
        except ValidationError as exc:
            assert exc.errors["value"].startswith("Must be")
            continue
        assert value is None or f.type not in ("number", "integer") or isinstance(
            value, (int, float))


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(volume=st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers()))
def test_any_number_is_saved_in_range_or_refused(store, patient, volume):
    plan = store.scalar("SELECT id FROM plans WHERE procedure = 'fat_transfer' LIMIT 1")
    if plan is None:
        plan = add_plan(store, patient, "fat_transfer")
        sid = ss.start_session(store, plan)
        through_processing(store, sid)
    sid = store.scalar("SELECT id FROM sessions LIMIT 1")
    try:
        ss.record_value(store, sid, "injection.volume_ml.left", volume)
    except ValidationError:
        return
    assert 0 <= volume <= 40
