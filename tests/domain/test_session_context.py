"""What the consultation hands on to the session: dose reductions and the cautions to tick."""

from __future__ import annotations

from datetime import date

import pytest

from rejuv_desktop.domain import session_context as sctx
from rejuv_desktop.domain.protocols import load_protocol
from rejuv_desktop.domain.screening import load_rules

FAT = load_protocol("fat_transfer")
MESO = load_protocol("mesotherapy")
RULES = load_rules()
NO = {q.id: "no" for q in RULES.questions}


def test_no_reason_no_reduction():
    assert sctx.dose_reduction(FAT, NO, RULES) is None
    assert sctx.dose_reduction(MESO, {}, RULES) is None  # no anaesthetic limit to lower


@pytest.mark.parametrize("question", FAT.dose_reduction.questions)
def test_each_yes_or_unknown_lowers_the_maximum_once(question):
    yes = sctx.dose_reduction(FAT, NO | {question: "yes"}, RULES)
    assert yes.fraction == 0.4 and len(yes.reasons) == 1
    assert not yes.reasons[0].startswith("not known")
    unknown = sctx.dose_reduction(FAT, NO | {question: "unknown"}, RULES)
    assert unknown.reasons[0].startswith("not known whether")
    missing = dict(NO)
    del missing[question]
    assert sctx.dose_reduction(FAT, missing, RULES).reasons == unknown.reasons


def test_cautions_become_items_only_with_a_justification():
    answers = NO | {"smoker": "yes", "anticoagulants": "yes", "diabetes": "yes"}
    assert sctx.caution_items(FAT, "fat_transfer", answers, "  ", RULES) == ()
    items = sctx.caution_items(FAT, "fat_transfer", answers, "Agreed plan", RULES)
    by_id = {i.id: i for i in items}
    assert by_id["caution_smoker"].text.startswith("Nicotine-free since the date agreed")
    assert by_id["caution_anticoagulants"].text.startswith("Blood-thinner plan")
    assert "diabetes" in by_id["caution_diabetes"].text   # no clinic wording: a generic item
    assert "Agreed plan" in by_id["caution_smoker"].help
    # An unknown answer made a caution too: it is confirmed on the day.
    unknown = sctx.caution_items(FAT, "fat_transfer", NO | {"liver_disease": "unknown"}, "x", RULES)
    assert [i.id for i in unknown] == ["caution_liver_disease"]
    assert unknown[0].text.startswith("Not known at the consultation whether")
    # A caution for another procedure is not this session's.
    assert sctx.caution_items(MESO, "mesotherapy", NO | {"smoker": "yes"}, "x", RULES) == ()


def test_items_join_the_protocols_caution_step():
    items = sctx.caution_items(FAT, "fat_transfer", NO | {"smoker": "yes"}, "ok", RULES)
    joined = sctx.with_items(FAT, items)
    assert [i.id for i in joined.step("sign_in").items][-1] == "caution_smoker"
    assert sctx.with_items(FAT, ()) is FAT


@pytest.mark.parametrize("weighed, stale", [(date(2026, 10, 23), False), (date(2026, 10, 22), True),
                                            (None, True)])
def test_weight_age(weighed, stale):
    assert sctx.weight_is_stale(weighed, date(2026, 11, 22), 30) is stale


def test_weight_change():
    assert sctx.weight_change(41, 141) == pytest.approx(100 / 41)
    assert sctx.weight_change(None, 70) is None


def test_one_weight_range_for_consultation_session_and_dose():
    from rejuv_desktop.domain import consultation as dc
    from rejuv_desktop.domain import dose

    assert (dc.MIN_WEIGHT_KG, dc.MAX_WEIGHT_KG) == (dose.MIN_WEIGHT_KG, dose.MAX_WEIGHT_KG) == (30, 250)
    data = dc.new_data()
    data["weight_kg"] = 251
    errors = dc.check_complete(data, dc.evaluate(data))
    assert errors["weight_kg"] == "Weight must be between 30 and 250 kg"
