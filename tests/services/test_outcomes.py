"""The follow-up assessment, the complication log, the patient's outcomes and the clinic audit,
through the services, on a real database."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from rejuv_desktop.domain import outcomes as do
from rejuv_desktop.errors import UserError, ValidationError
from rejuv_desktop.services import follow_ups as fu
from rejuv_desktop.services import outcomes as so
from rejuv_desktop.services import sessions as ss
from tests.session_helpers import (add_patient, add_plan, add_practitioner,
                                            run_fat_transfer)


@pytest.fixture
def treated(store, clock):
    """A fat transfer done 100 days ago on a patient graded 3 (left) and 2 (right)."""
    add_practitioner(store)
    patient = add_patient(store)
    clock.advance(days=-100)
    plan = add_plan(store, patient, "fat_transfer", merz=(3, 2))
    sid = ss.start_session(store, plan)
    run_fat_transfer(store, sid)
    ss.complete_session(store, sid)
    clock.advance(days=100)
    return patient, sid


def _visit(store, patient, rule_id):
    return next(f for f in fu.follow_ups_of_patient(store, patient) if f["rule_id"] == rule_id)


def test_the_three_month_review_asks_merz_and_both_gais_and_closes_the_visit(store, treated):
    patient, sid = treated
    visit = _visit(store, patient, "review_3_months")
    form = so.assessment_form(store, visit["id"])
    assert form.asks == ("merz", "gais_practitioner", "gais_patient")
    assert form.outcome_months == 3 and form.sides == ("left", "right")
    assert so.baseline_grades(store, visit["id"]) == {"left": 3, "right": 2}
    with pytest.raises(ValidationError) as err:  # half-filled: nothing is kept
        so.record_assessment(store, visit["id"], do.Assessment(merz={"left": 2}))
    assert err.value.errors["merz_right"] == do.REQUIRED
    assert so.assessment_form(store, visit["id"]).status == "due"
    so.record_assessment(store, visit["id"], do.Assessment(
        merz={"left": 2, "right": 2}, gais_practitioner=3, gais_patient=2, notes="Pleased."))
    form = so.assessment_form(store, visit["id"])
    assert form.status == "done"
    assert form.recorded["merz"] == {"left": 2, "right": 2}
    assert form.recorded["gais_version"] and form.recorded["asked"] == \
        "merz,gais_practitioner,gais_patient"
    with pytest.raises(UserError):
        so.record_assessment(store, visit["id"], do.Assessment(
            merz={"left": 2, "right": 2}, gais_practitioner=3, gais_patient=2))
    outcomes = so.patient_outcomes(store, patient)
    assert [(g.grade, g.follow_up_id is None) for g in outcomes.series("left")] == \
        [(3, True), (2, False)]
    assert [t.kind for t in outcomes.timeline] == ["baseline", "assessment"]


def test_complications_are_logged_resolved_and_flag_the_record_while_severe(store, treated, clock):
    patient, sid = treated
    today = clock().date()
    with pytest.raises(ValidationError):
        so.record_complication(store, patient, do.Complication(
            sid, "infection", "severe", "left", today + timedelta(days=1)))
    cid = so.record_complication(store, patient, do.Complication(
        sid, "infection", "severe", "left", today - timedelta(days=90), product_lot="LID-2207",
        treatment="Oral antibiotics", reported_maker=True, report_reference="MFR-77"))
    so.record_complication(store, patient, do.Complication(
        sid, "bruising", "mild", "donor_site", today - timedelta(days=99)))
    assert [f["id"] for f in so.record_flags(store, patient)] == [cid]
    so.resolve_complication(store, cid, today - timedelta(days=60))
    assert so.record_flags(store, patient) == []
    kinds = [t.kind for t in so.patient_outcomes(store, patient).timeline]
    assert kinds == ["baseline", "complication", "complication", "resolved"]
    audit = {a.procedure: a for a in so.clinic_audit(store)}
    figures = {c.type: c for c in audit["fat_transfer"].complications}
    assert (figures["infection"].rate.count, figures["infection"].rate.total) == (1, 1)
    assert figures["infection"].by_baseline == {3: figures["infection"].rate}


def test_the_audit_counts_responders_and_the_visits_lost(store, treated, clock):
    patient, sid = treated
    visit = _visit(store, patient, "review_3_months")
    so.record_assessment(store, visit["id"], do.Assessment(
        merz={"left": 2, "right": 2}, gais_practitioner=3, gais_patient=4))
    # The strip check and 1-month review windows closed without a visit: not outcome visits.
    [fat] = so.clinic_audit(store, procedure="fat_transfer")
    three = fat.responders[0]
    assert (three.months, three.rate.count, three.rate.total) == (3, 1, 2)  # left better only
    assert fat.lost_at(3).due == 1 and fat.lost_at(3).done == 1
    assert fat.lost_at(12).due == 0  # not due for months yet
    # A year on, the 6- and 12-month windows have closed with nobody seen: lost.
    [fat] = so.clinic_audit(store, procedure="fat_transfer", today=clock().date() + timedelta(days=400))
    assert (fat.lost_at(12).due, fat.lost_at(12).done) == (1, 0)
    # The period and the practitioner filter the sessions.
    [fat] = so.clinic_audit(store, procedure="fat_transfer",
                            since=clock().date() - timedelta(days=10))
    assert fat.sessions == 0 and fat.responders[0].rate.total == 0
    csv_text = so.audit_csv(so.clinic_audit(store))
    assert "fat_transfer,merz_responders,3,,all,1,2,0.5000" in csv_text
