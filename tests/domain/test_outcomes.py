"""Outcomes content and the checks on what a follow-up records or a complication says."""

from __future__ import annotations

from datetime import date

import pytest

from rejuv_desktop.content import ContentFile
from rejuv_desktop.domain import outcomes as do
from rejuv_desktop.domain.protocols import load_protocol
from rejuv_desktop.errors import ContentError

C = do.load_outcomes()


def test_content_lists():
    assert [t.id for t in C.complication_types][:3] == ["bruising", "prolonged_swelling",
                                                        "numbness"]
    assert C.flagging_severities() == ("severe",)
    assert [s.id for s in C.sites] == ["left", "right", "donor_site"]
    assert C.published_rate("fat_transfer", "infection").rate == 0.0067
    assert C.published_rate("mesotherapy", "any").rate == 0.0019


def test_each_protocol_says_what_its_reviews_assess():
    fat = {f.id: f for f in load_protocol("fat_transfer").follow_ups}
    assert fat["review_3_months"].assess == ("merz", "gais_practitioner", "gais_patient")
    assert fat["review_3_months"].outcome_months == 3
    assert fat["review_12_months"].outcome_months == 12
    assert fat["wound_check"].assess == () and fat["wound_check"].outcome_months is None


def test_bad_published_rate_names_the_line(tmp_path):
    text = (do.DEFAULT_PATH and (C and open(__import__("rejuv_desktop.content", fromlist=["x"])
                                             .resource_path("outcomes.toml"), encoding="utf-8")
                                 .read())).replace("rate = 0.07", "rate = 7")
    with pytest.raises(ContentError) as err:
        do.parse_outcomes(ContentFile(tmp_path / "outcomes.toml", text,
                                      __import__("tomllib").loads(text)))
    assert "fraction" in str(err.value) and err.value.line is not None


def test_assessment_asks_exactly_what_the_visit_asks():
    asks = ("merz", "gais_practitioner", "gais_patient")
    ok = do.Assessment(merz={"left": 2, "right": 1}, gais_practitioner=2, gais_patient=3)
    assert do.check_assessment(ok, asks, C) == {}
    missing = do.Assessment(merz={"left": 2}, gais_practitioner=6, satisfaction=4)
    assert do.check_assessment(missing, asks, C) == {
        "merz_right": do.REQUIRED, "gais_practitioner": do.OUT_OF_RANGE,
        "gais_patient": do.REQUIRED, "satisfaction": do.NOT_ASKED}
    one_hand = do.Assessment(merz={"left": 2, "right": 1}, gais_practitioner=2, gais_patient=3)
    assert do.check_assessment(one_hand, asks, C, ("left",)) == {"merz_right": do.NOT_TREATED}


def test_hand_q_score_only_when_taken_and_in_range():
    asks = ("hand_q",)
    assert do.check_assessment(do.Assessment(hand_q_taken=True, hand_q_score=72), asks, C) == {}
    assert do.check_assessment(do.Assessment(hand_q_taken=True), asks, C) == \
        {"hand_q_score": do.REQUIRED}
    assert do.check_assessment(do.Assessment(hand_q_taken=True, hand_q_score=140), asks, C) == \
        {"hand_q_score": do.OUT_OF_RANGE}
    assert do.check_assessment(do.Assessment(hand_q_score=50), asks, C) == \
        {"hand_q_score": do.SCORE_WITHOUT_TAKEN}


def test_complication_checks():
    today, session = date(2026, 11, 22), date(2026, 10, 1)
    c = do.Complication(1, "bruising", "mild", "left", date(2026, 10, 2))
    assert do.check_complication(c, C, today, session) == {}
    bad = do.Complication(1, "other", "awful", "elbow", date(2026, 9, 1),
                          resolved=date(2026, 8, 1), report_reference="MHRA 123")
    assert do.check_complication(bad, C, today, session) == {
        "detail": do.REQUIRED, "severity": do.REQUIRED, "site": do.REQUIRED,
        "onset": do.BEFORE_SESSION, "resolved": do.BEFORE_ONSET,
        "report_reference": do.REPORTED_TO_NOBODY}
    future = do.Complication(1, "bruising", "mild", "left", date(2026, 12, 1))
    assert do.check_complication(future, C, today, session) == {"onset": do.IN_FUTURE}


def test_responder_rules():
    assert do.responder(3, 2) and do.responder(2, 0)
    assert not do.responder(3, 3) and not do.responder(1, 2)
    assert do.gais_improved(3) and not do.gais_improved(4)
