"""The audit's arithmetic against known values: Wilson intervals, responders, loss to follow-up."""

from __future__ import annotations

import pytest

from rejuv_desktop.domain import outcome_audit as oa
from rejuv_desktop.domain.outcomes import load_outcomes


# Newcombe, "Two-sided confidence intervals for the single proportion", Stat Med 1998;17:857,
# Table I, method 3 (Wilson score, no continuity correction), to 4 decimals.
@pytest.mark.parametrize("x, n, low, high", [
    (81, 263, 0.2553, 0.3662),
    (15, 148, 0.0624, 0.1605),
    (0, 20, 0.0, 0.1611),
    (1, 29, 0.0061, 0.1718),
])
def test_wilson_matches_newcombe(x, n, low, high):
    lo, hi = oa.wilson(x, n)
    assert (round(lo, 4), round(hi, 4)) == (low, high)


def test_wilson_edges():
    assert oa.wilson(0, 0) is None
    lo, hi = oa.wilson(10, 10)
    assert hi == 1.0 and round(lo, 4) == 0.7225
    lo, hi = oa.wilson(5, 10)
    assert (round(lo, 4), round(hi, 4)) == (0.2366, 0.7634)  # symmetric about one half
    with pytest.raises(ValueError):
        oa.wilson(3, 2)


def test_rate_of_nothing_is_none_not_zero():
    r = oa.Rate(0, 0)
    assert r.rate is None and r.ci_low is None and r.ci_high is None
    assert oa.Rate(1, 4).rate == 0.25


FAT = "fat_transfer"
ASKS = {3: ("merz", "gais_practitioner", "gais_patient"),
        12: ("merz", "gais_practitioner", "gais_patient", "satisfaction", "touch_up")}


def test_responders_need_one_grade_better_and_count_by_baseline():
    hands = [oa.HandGrade(FAT, 3, 3, 2), oa.HandGrade(FAT, 3, 3, 3),  # one better, one same
             oa.HandGrade(FAT, 3, 2, 0), oa.HandGrade(FAT, 3, 2, 3),  # two better, one worse
             oa.HandGrade(FAT, 12, 3, 2, n=4),
             oa.HandGrade("mesotherapy", 3, 3, 0)]  # another procedure: not counted
    a = oa.audit_procedure(FAT, ASKS, hands, [], [], load_outcomes())
    three = a.responders[0]
    assert (three.months, three.rate.count, three.rate.total) == (3, 2, 4)
    assert {g: (r.count, r.total) for g, r in three.by_baseline.items()} == {2: (1, 2), 3: (1, 2)}
    assert (a.responders[1].rate.count, a.responders[1].rate.total) == (4, 4)


def test_loss_to_follow_up_counts_closed_windows_and_assessed_visits():
    visits = [oa.OutcomeVisit(FAT, 3, closed=True, assessed=True, gais_practitioner=2,
                              gais_patient=4),
              oa.OutcomeVisit(FAT, 3, closed=True, assessed=False, n=2),   # lost
              oa.OutcomeVisit(FAT, 3, closed=False, assessed=False),       # not due yet
              oa.OutcomeVisit(FAT, 12, closed=False, assessed=True, satisfaction=5,
                              touch_up_wanted=True)]                       # seen early
    a = oa.audit_procedure(FAT, ASKS, [], visits, [], load_outcomes())
    assert [(x.months, x.due, x.done) for x in a.lost_to_follow_up] == [(3, 3, 1), (12, 1, 1)]
    assert (a.lost_at(3).lost.count, a.lost_at(3).lost.total) == (2, 3)
    gais = {(g.months, g.rater): (g.rate.count, g.rate.total) for g in a.gais}
    # GAIS 1-3 is "improved" or better; 4 (no change) is not.
    assert gais[(3, "practitioner")] == (1, 1) and gais[(3, "patient")] == (0, 1)
    assert gais[(12, "practitioner")] == (0, 0)
    [sat] = a.satisfaction
    assert (sat.months, sat.rate.count, sat.rate.total, sat.points[5]) == (12, 1, 1, 1)
    assert (a.touch_up.rate.count, a.touch_up.rate.total, a.touch_up.published_rate) == (1, 1, 0.12)


def test_complications_per_session_beside_the_published_rate():
    sessions = [oa.TreatedSession(FAT, 4, frozenset({"bruising", "numbness"})),
                oa.TreatedSession(FAT, 2, frozenset({"bruising"})),
                oa.TreatedSession(FAT, 2, n=8)]
    a = oa.audit_procedure(FAT, ASKS, [], [], sessions, load_outcomes())
    figures = {c.type: c for c in a.complications}
    assert (figures["bruising"].rate.count, figures["bruising"].rate.total) == (2, 10)
    assert figures["bruising"].published_rate == 0.07
    assert figures["any"].rate.count == 2
    assert figures["nodules"].rate.count == 0 and figures["nodules"].published_rate is None
    assert {g: (r.count, r.total) for g, r in figures["numbness"].by_baseline.items()} == \
        {2: (0, 9), 4: (1, 1)}
    assert a.sessions == 10


def test_json_shape():
    sessions = [oa.TreatedSession(FAT, 3, frozenset({"infection"}))]
    hands = [oa.HandGrade(FAT, 3, 3, 1)]
    visits = [oa.OutcomeVisit(FAT, 3, True, True)]
    out = oa.audit_json([oa.audit_procedure(FAT, ASKS, hands, visits, sessions, load_outcomes())])
    fat = out["procedures"][FAT]
    assert set(fat) >= {"responders", "complications", "lost_to_follow_up"}
    assert fat["responders"][0] == {"months": 3, "hands": 1, "responders": 1, "rate": 1.0,
                                    "ci_low": pytest.approx(0.2065, abs=1e-4), "ci_high": 1.0}
    infection = next(c for c in fat["complications"] if c["type"] == "infection")
    assert set(infection) == {"type", "sessions", "events", "rate", "ci_low", "ci_high",
                              "published_rate"}
    assert infection["published_rate"] == 0.0067
    assert fat["lost_to_follow_up"] == [{"months": 3, "due": 1, "done": 1},
                                        {"months": 12, "due": 0, "done": 0}]


def test_satisfaction_counts_from_the_clinic_cut_off_and_by_baseline():
    visits = [oa.OutcomeVisit(FAT, 12, True, True, baseline=3, satisfaction=4, n=3),
              oa.OutcomeVisit(FAT, 12, True, True, baseline=2, satisfaction=3),
              oa.OutcomeVisit(FAT, 12, True, True, baseline=2)]  # not answered: not counted
    [sat] = oa.audit_procedure(FAT, ASKS, [], visits, [], load_outcomes()).satisfaction
    assert (sat.rate.count, sat.rate.total) == (3, 4)  # satisfied from 4 (outcomes.toml)
    assert sat.points == {1: 0, 2: 0, 3: 1, 4: 3, 5: 0}
    assert {g: (r.count, r.total) for g, r in sat.by_baseline.items()} == {2: (0, 1), 3: (3, 3)}
