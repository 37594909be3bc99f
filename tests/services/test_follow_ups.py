"""The Due list holds planned sessions too, the day view says who is expected, and a visit is
marked done only once its window is open (or with a reason), with the day it took place."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from tests.session_helpers import add_plan, run_fat_transfer, run_mesotherapy

from rejuv_desktop.errors import ValidationError
from rejuv_desktop.services import follow_ups as fu
from rejuv_desktop.services import patients as sp
from rejuv_desktop.services import sessions as ss

TODAY = date(2026, 11, 22)


def test_a_planned_mesotherapy_series_is_on_the_due_list_with_the_phone(store, patient):
    store.conn.execute("UPDATE patients SET phone = '07700 900123' WHERE id = ?", (patient,))
    plan = add_plan(store, patient, "mesotherapy", sessions=4)
    due = fu.due_list(store, TODAY)
    (item,) = due["this_week"]
    assert (item.kind, item.label, item.procedure, item.phone, item.due_from, item.plan_id,
            item.id) == ("planned_session", "Session 1 of 4 (planned)", "mesotherapy",
                         "07700 900123", TODAY, plan, None)
    assert fu.due_counts(store, TODAY) == {"overdue": 0, "this_week": 1, "upcoming": 0}
    # Once session 1 is done its next-session visit stands for session 2: no duplicate.
    sid = ss.start_session(store, plan)
    assert not [i for g in fu.due_list(store, TODAY).values() for i in g]  # under way
    run_mesotherapy(store, sid)
    ss.complete_session(store, sid)
    items = [i for g in fu.due_list(store, TODAY).values() for i in g]
    assert "planned_session" not in {i.kind for i in items}
    assert any(i.kind == "next_session" for i in items)
    # An archived patient's plans leave the list.
    sp.set_archived(store, patient, True)
    assert not [i for g in fu.due_list(store, TODAY).values() for i in g]


def test_a_planned_session_not_started_becomes_overdue(store, patient):
    add_plan(store, patient, "fat_transfer")
    due = fu.due_list(store, TODAY + timedelta(days=3))
    assert [i.label for i in due["overdue"]] == ["Session (planned)"]


def test_the_day_view_lists_who_is_expected(store, patient):
    from tests.session_helpers import add_patient

    other = add_patient(store, "Margaret", "O'Brien")
    sid = ss.start_session(store, add_plan(store, patient, "fat_transfer"))
    run_fat_transfer(store, sid)
    ss.complete_session(store, sid)  # strip check 27/11 - 02/12
    add_plan(store, other, "mesotherapy")  # first session today
    assert [(i.patient_name, i.label) for i in fu.expected_on(store, TODAY)] == [
        ("Margaret O'Brien", "Session 1 of 4 (planned)")]
    assert [i.label for i in fu.expected_on(store, date(2026, 11, 28))] == [
        "Strip or stitch check"]
    assert fu.expected_on(store, date(2026, 11, 25)) == []


def test_a_visit_is_not_done_before_its_window_opens(store, patient, clock):
    sid = ss.start_session(store, add_plan(store, patient, "fat_transfer"))
    run_fat_transfer(store, sid)
    wound = ss.complete_session(store, sid)[0]["id"]  # window 27/11 - 02/12
    with pytest.raises(ValidationError) as err:
        fu.mark_follow_up_done(store, wound, "")
    assert "opens on 27/11/2026" in err.value.errors["early_reason"]
    assert fu.follow_ups_of_patient(store, patient)[0]["status"] == "due"
    # Seen early on purpose: accepted with the reason, kept with the visit.
    fu.mark_follow_up_done(store, wound, "Dressing changed", early_reason="Dressing soaked")
    row = fu.follow_ups_of_patient(store, patient)[0]
    assert (row["status"], row["visit_date"], row["early_reason"], row["note"]) == (
        "done", "2026-11-22", "Dressing soaked", "Dressing changed")


def test_the_visit_date_is_recorded_and_never_in_the_future(store, patient, clock):
    sid = ss.start_session(store, add_plan(store, patient, "fat_transfer"))
    run_fat_transfer(store, sid)
    wound = ss.complete_session(store, sid)[0]["id"]
    clock.advance(days=9)  # 01/12: the window is open
    with pytest.raises(ValidationError) as err:
        fu.mark_follow_up_done(store, wound, visit_date=date(2026, 12, 2))
    assert "future" in err.value.errors["visit_date"]
    with pytest.raises(ValidationError):
        fu.mark_follow_up_done(store, wound, visit_date=date(2026, 11, 20))  # before the session
    fu.mark_follow_up_done(store, wound, visit_date=date(2026, 11, 28))  # entered late
    row = fu.follow_ups_of_patient(store, patient)[0]
    assert (row["visit_date"], row["early_reason"]) == ("2026-11-28", "")
