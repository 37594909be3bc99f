"""A session in progress: gates, what is still open, and the checks across fields."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from rejuv_desktop.domain.checklist import (
    SessionState,
    anaesthetic_dose,
    can_start,
    finish_blockers,
    open_required,
    problems,
    validate_field,
)
from rejuv_desktop.domain.protocols import load_protocol

FAT = load_protocol("fat_transfer")
MESO = load_protocol("mesotherapy")
DAY = date(2025, 3, 1)
AT = datetime(2025, 3, 1, 9, 30)
BY = "Dr Lee"

FAT_VALUES = {
    "anaesthesia.site.1": "wrist block, left",
    "anaesthesia.agent.1": "lidocaine with epinephrine",
    "anaesthesia.concentration_percent.1": 1,
    "anaesthesia.volume_ml.1": 20,
    "anaesthesia.lot.1": "LID-2207",
    "sedation.given": False,
    "sign_out.fingers.left": "pink, warm, brisk refill",
    "sign_out.fingers.right": "pink, warm, brisk refill",
    "donor_site.site": "abdomen",
    "harvest.cannula": "blunt 3 mm",
    "harvest.volume_ml": 80,
    "processing.method": ["centrifugation"],
    "processing.usable_volume_ml": 50,
    "injection.volume_ml.left": 20,
    "injection.volume_ml.right": 20,
    "injection.entry_points.left": 5,
    "injection.entry_points.right": 5,
    "injection.cannula_gauge.left": 17,
    "injection.cannula_gauge.right": 17,
    "closure.method": "adhesive strips",
}

MESO_VALUES = {
    "todays_check.session_kind": "series",
    "todays_check.session_number": 1,
    "todays_check.pregnant": False,
    "todays_check.breastfeeding": False,
    "todays_check.new_medicines": False,
    "todays_check.vaccine_or_dental": False,
    "todays_check.recent_laser": False,
    "sign_out.fingers.left": "pink, warm, brisk refill",
    "sign_out.fingers.right": "pink, warm, brisk refill",
    "products.name.1": "Hyaluronic acid 20 mg/ml",
    "products.lot.1": "L123",
    "products.expiry.1": date(2026, 1, 31),
    "products.quantity_ml.1": 2.0,
    "injection.technique": "manual",
    "injection.depth_mm": 1.5,
    "injection.needle_gauge": 30,
    "injection.duration_min": 20,
    "reactions.observed": ["redness"],
}


def done(protocol, values, **changes) -> SessionState:
    """A session where everything has been done and recorded."""
    state = SessionState(
        session_date=DAY,
        consent_signed=True,
        weight_kg=70,
        completed_steps=frozenset(s.id for s in protocol.steps),
        completed_items={f"{s.id}.{i.id}": (BY, AT) for s in protocol.steps if s.id != "time_out"
                         for i in s.items},
        time_out={i.id: (BY, AT) for i in protocol.step("time_out").items},
        field_values=dict(values),
    )
    return replace(state, **changes)


def with_values(state: SessionState, **changes) -> SessionState:
    values = dict(state.field_values)
    for key, value in changes.items():
        key = key.replace("__", ".")
        if value is None:
            values.pop(key, None)
        else:
            values[key] = value
    return replace(state, field_values=values)


# --- a complete session -------------------------------------------------------------------------

@pytest.mark.parametrize("protocol, values", [(FAT, FAT_VALUES), (MESO, MESO_VALUES)])
def test_a_complete_session_has_nothing_open(protocol, values):
    state = done(protocol, values)
    assert open_required(protocol, state) == []
    assert problems(protocol, state) == []
    assert finish_blockers(protocol, state) == []
    assert all(can_start(step, state) == [] for step in protocol.steps)


# --- gates --------------------------------------------------------------------------------------

def test_consent_gate():
    fresh = SessionState(session_date=DAY)
    assert can_start(FAT.step("sign_in"), fresh) == ["Consent is not signed"]
    assert can_start(FAT.step("sign_in"), replace(fresh, consent_signed=True)) == []


def test_step_gates_name_the_step_to_finish_first():
    state = SessionState(session_date=DAY, consent_signed=True, completed_steps=frozenset({"sign_in"}))
    assert can_start(FAT.step("time_out"), state) == []
    assert can_start(FAT.step("processing"), state) == ["Harvesting is not completed"]
    assert can_start(FAT.step("donor_site"), state) == []


def test_time_out_gate_lists_what_is_not_confirmed():
    state = SessionState(session_date=DAY, consent_signed=True, completed_steps=frozenset({"sign_in"}),
                         time_out={"identity": (BY, AT), "procedure": (BY, AT), "sides": (BY, AT)})
    assert can_start(FAT.step("anaesthesia"), state) == [
        "Time-out is not complete: consent and allergies not confirmed"]
    state = replace(state, time_out={**state.time_out, "consent": (BY, AT), "allergies": (BY, AT)})
    assert can_start(FAT.step("anaesthesia"), state) == []


def test_every_invasive_step_waits_for_the_time_out_even_unlisted():
    # "closure" lists only "injection" as its gate, but it is invasive.
    assert "time_out" not in FAT.step("closure").gates
    state = done(FAT, FAT_VALUES, time_out={})
    reasons = can_start(FAT.step("closure"), state)
    assert len(reasons) == 1 and reasons[0].startswith("Time-out is not complete")
    assert can_start(FAT.step("sign_out"), state) == []


def test_mesotherapy_injection_gates():
    state = SessionState(session_date=DAY, consent_signed=True,
                         completed_steps=frozenset({"todays_check", "disinfection"}))
    reasons = can_start(MESO.step("injection"), state)
    assert reasons[0].startswith("Time-out is not complete")
    assert "Products is not completed" in reasons


# --- open required items and fields -------------------------------------------------------------

def test_open_items_and_fields_are_named_step_then_item():
    state = done(FAT, FAT_VALUES)
    items = dict(state.completed_items)
    del items["sign_in.photos"]
    state = with_values(replace(state, completed_items=items), harvest__volume_ml=None)
    assert open_required(FAT, state) == [
        "Before the procedure \u2014 Pre-procedure photographs of both hands taken",
        "Harvesting \u2014 Volume harvested",
    ]


def test_optional_item_is_not_required():
    state = done(FAT, FAT_VALUES)
    items = {k: v for k, v in state.completed_items.items() if k != "sign_out.concerns"}
    assert open_required(FAT, replace(state, completed_items=items)) == []


def test_time_out_confirmations_are_required():
    state = done(FAT, FAT_VALUES, time_out={"identity": (BY, AT)})
    assert open_required(FAT, state) == [
        "Time-out \u2014 Procedure", "Time-out \u2014 Side or sides",
        "Time-out \u2014 Consent", "Time-out \u2014 Allergies"]


def test_per_hand_fields_follow_the_hands_treated():
    state = with_values(done(FAT, FAT_VALUES), injection__volume_ml__right=None,
                        injection__entry_points__right=None, injection__cannula_gauge__right=None,
                        sign_out__fingers__right=None)
    assert open_required(FAT, state) == [
        "Injection \u2014 Volume injected (right hand)",
        "Injection \u2014 Entry points (right hand)",
        "Injection \u2014 Injection cannula (right hand)",
        "Sign-out \u2014 Fingers: colour and capillary refill (right hand)",
    ]
    left_only = replace(state, sides=("left",))
    assert open_required(FAT, left_only) == []
    assert problems(FAT, left_only) == []


def test_value_for_an_untreated_hand_is_an_error():
    state = done(FAT, FAT_VALUES, sides=("left",))
    messages = [p.message for p in problems(FAT, state)]
    assert "Injection \u2014 Volume injected (right hand): recorded, but the right hand is not treated " \
           "in this session" in messages


def test_sides_must_be_hands():
    with pytest.raises(ValueError):
        SessionState(session_date=DAY, sides=("middle",))
    with pytest.raises(ValueError):
        SessionState(session_date=DAY, sides=())


def test_required_when_other_is_chosen():
    state = with_values(done(FAT, FAT_VALUES), donor_site__site="other",
                        processing__method=["centrifugation", "other"])
    assert open_required(FAT, state) == ["Donor site \u2014 Other donor site",
                                         "Processing \u2014 Other processing method"]
    state = with_values(state, donor_site__site_other="inner knee", processing__method_other="wicking")
    assert open_required(FAT, state) == []


def test_required_when_a_bool_is_true():
    state = with_values(done(MESO, MESO_VALUES), topical_anaesthesia__used=True)
    assert open_required(MESO, state) == ["Topical anaesthetic cream \u2014 Time the cream was left on"]
    assert open_required(MESO, with_values(state, topical_anaesthesia__minutes=45)) == []
    # A maintenance session has no number in the series.
    state = with_values(done(MESO, MESO_VALUES), todays_check__session_kind="maintenance",
                        todays_check__session_number=None)
    assert open_required(MESO, state) == []


def test_product_rows():
    state = done(MESO, MESO_VALUES)
    empty = replace(state, field_values={k: v for k, v in state.field_values.items()
                                         if not k.startswith("products.")})
    assert open_required(MESO, empty) == ["Products \u2014 at least one entry"]
    second = with_values(state, products__name__2="Vitamin complex", products__quantity_ml__2=1.0)
    assert open_required(MESO, second) == ["Products \u2014 Lot number (entry 2)",
                                           "Products \u2014 Expiry date (entry 2)"]


def test_deviation_leaves_an_item_open_on_purpose_but_never_the_time_out():
    state = done(FAT, FAT_VALUES, time_out={})
    items = {k: v for k, v in state.completed_items.items() if k != "sign_in.photos"}
    state = replace(state, completed_items=items,
                    deviations={"sign_in.photos": "Camera broken; photos taken on the clinic phone",
                                "time_out.allergies": "skipped"})
    open_items = open_required(FAT, state)
    assert not any("photographs" in text for text in open_items)
    assert "Time-out \u2014 Allergies" in open_items
    blank_reason = replace(state, deviations={"sign_in.photos": "  "})
    assert any("photographs" in text for text in open_required(FAT, blank_reason))


# --- checks across fields -----------------------------------------------------------------------

def test_injected_volume_cannot_exceed_usable():
    state = with_values(done(FAT, FAT_VALUES), injection__volume_ml__left=30, injection__volume_ml__right=25)
    [problem] = problems(FAT, state)
    assert problem.key == "injected_within_usable"
    assert problem.severity == "error"
    assert problem.message == ("Total injected in both hands (55 ml) cannot be more than the usable fat "
                               "(50 ml)")
    assert problem.message in finish_blockers(FAT, state)


def test_injected_equal_to_usable_is_fine_despite_float_sums():
    state = with_values(done(FAT, FAT_VALUES), processing__usable_volume_ml=40,
                        injection__volume_ml__left=20.1, injection__volume_ml__right=19.9)
    assert problems(FAT, state) == []


def test_one_hand_counts_alone():
    state = with_values(done(FAT, FAT_VALUES, sides=("left",)), injection__volume_ml__right=None,
                        injection__entry_points__right=None, injection__cannula_gauge__right=None,
                        sign_out__fingers__right=None,
                        injection__volume_ml__left=35, processing__usable_volume_ml=30)
    assert [p.key for p in problems(FAT, state)] == ["injected_within_usable"]


def test_usable_cannot_exceed_harvested():
    state = with_values(done(FAT, FAT_VALUES), processing__usable_volume_ml=90)
    [problem] = problems(FAT, state)  # 40 ml injected is within 90 ml usable
    assert problem.key == "usable_within_harvested"
    assert problem.message == "Usable fat (90 ml) cannot be more than the volume harvested (80 ml)"


def test_out_of_range_value_is_reported_once_not_as_a_sum():
    state = with_values(done(FAT, FAT_VALUES), injection__volume_ml__left=45)
    [problem] = problems(FAT, state)
    assert problem.key == "injection.volume_ml.left"
    assert problem.message == "Injection \u2014 Volume injected (left hand): Must be between 0 and 40 ml"


@pytest.mark.parametrize("volume, severity", [(20, None), (40, "warning"), (49, "warning"), (50, "error")])
def test_anaesthetic_dose(volume, severity):
    state = with_values(done(FAT, FAT_VALUES), anaesthesia__volume_ml__1=volume)
    found = [p for p in problems(FAT, state) if p.key == "lidocaine"]
    if severity is None:
        assert found == []
    else:
        assert found[0].severity == severity
        assert "490 mg maximum for 70 kg" in found[0].message
    dose = anaesthetic_dose(FAT, state)
    assert dose is not None and dose.mg == pytest.approx(volume * 10)


def test_plain_lidocaine_uses_its_own_limit():
    state = with_values(done(FAT, FAT_VALUES), anaesthesia__agent__1="lidocaine plain",
                        anaesthesia__volume_ml__1=20.5)
    [problem] = problems(FAT, state)
    assert problem.severity == "error"
    assert "200 mg maximum" in problem.message  # the lower, UK product-information cap


def test_missing_weight_blocks_the_dose_check():
    state = done(FAT, FAT_VALUES, weight_kg=None)
    [problem] = problems(FAT, state)
    assert problem.key == "lidocaine" and problem.severity == "error"
    assert "weight is not recorded" in problem.message
    assert anaesthetic_dose(FAT, state) is None


def test_dose_not_checked_until_all_values_are_in():
    state = with_values(done(FAT, FAT_VALUES), anaesthesia__volume_ml__1=None)
    assert [p.key for p in problems(FAT, state)] == []
    assert anaesthetic_dose(FAT, state) is None


# --- expired products ---------------------------------------------------------------------------

@pytest.mark.parametrize("expiry, refused", [
    (date(2025, 2, 28), True),
    (date(2025, 3, 1), False),   # still usable on its expiry day
    ("2025-02-01", True),
    ("2026-01-01", False),
])
def test_expired_product_is_refused(expiry, refused):
    state = with_values(done(MESO, MESO_VALUES), products__expiry__1=expiry)
    expiry_field = MESO.field("products.expiry")
    message = validate_field(expiry_field, expiry, state)
    found = problems(MESO, state)
    if refused:
        assert message.startswith("Expired on ")
        assert "before the session date 01/03/2025" in message
        assert [p.key for p in found] == ["products.expiry.1"]
        assert found[0].severity == "error"
    else:
        assert message is None and found == []


def test_validate_field_uses_the_range_message():
    state = done(MESO, MESO_VALUES)
    assert validate_field(MESO.field("injection.needle_gauge"), 40, state) == "Must be between 25 and 34 G"
    assert validate_field(MESO.field("injection.needle_gauge"), None, state) is None


# --- every anaesthetic of the session, and what the day adds -------------------------------------

from rejuv_desktop.domain.checklist import stop_reasons, volume_advice  # noqa: E402
from rejuv_desktop.domain.dose import DoseReduction  # noqa: E402

TUMESCENT = {"anaesthesia.site.2": "donor site (tumescent)",
             "anaesthesia.agent.2": "lidocaine with epinephrine",
             "anaesthesia.concentration_percent.2": 0.05}


def test_rows_are_summed_and_advice_counts_the_other_rows():
    state = with_values(done(FAT, {**FAT_VALUES, **TUMESCENT}))
    [advice] = [a for a in volume_advice(FAT, state) if a.row == 2]
    assert advice.remaining_ml == pytest.approx((490 - 200) / 0.5)
    state = with_values(state, anaesthesia__volume_ml__2=500, anaesthesia__lot__2="T-1")
    dose = anaesthetic_dose(FAT, state)
    assert dose.mg == pytest.approx(450) and len(dose.lines) == 2
    assert dose.lines[1].where == "donor site (tumescent)"


def test_a_reduction_in_the_state_lowers_the_check():
    state = done(FAT, FAT_VALUES, dose_reduction=DoseReduction(0.4, ("the patient has liver disease",)))
    dose = anaesthetic_dose(FAT, state)
    assert dose.max_mg == pytest.approx(294) and dose.status == "ok"   # 200 of 294 mg
    state = with_values(state, anaesthesia__volume_ml__1=25)
    assert [p.severity for p in problems(FAT, state) if p.key == "lidocaine"] == ["warning"]


def test_items_the_app_satisfies_are_never_open():
    state = done(FAT, FAT_VALUES)
    items = {k: v for k, v in state.completed_items.items()
             if k not in ("sign_out.aftercare", "sign_out.follow_up")}
    assert open_required(FAT, replace(state, completed_items=items)) == []


def test_a_yes_today_is_a_stop_and_a_deep_injection_needs_its_reason():
    state = with_values(done(MESO, MESO_VALUES), todays_check__vaccine_or_dental=True,
                        injection__depth_mm=3)
    assert stop_reasons(MESO, state) == [MESO.field("todays_check.vaccine_or_dental").stop_reason]
    keys = {p.key for p in problems(MESO, state) if p.severity == "error"}
    assert keys == {"todays_check.vaccine_or_dental", "deep_injection"}
    fixed = with_values(state, todays_check__vaccine_or_dental=False,
                        injection__depth_reason="Scar, deeper nappage agreed")
    assert problems(MESO, fixed) == [] and stop_reasons(MESO, fixed) == []


def test_fingers_not_pink_keep_the_patient():
    state = with_values(done(FAT, FAT_VALUES),
                        sign_out__fingers__left="pale, blue, cold or slow refill")
    [problem] = problems(FAT, state)
    assert problem.key == "sign_out.fingers.left" and problem.severity == "error"
    assert "the patient does not leave" in problem.message


def test_recorded_text_has_a_length_limit_and_no_control_characters():
    state = done(FAT, FAT_VALUES)
    cannula = next(f for s in FAT.steps for f in s.fields if f.id == "cannula")
    assert validate_field(cannula, "Coleman 3 mm", state) is None
    assert "Too long" in validate_field(cannula, "x" * 5_001, state)
    assert "control" in validate_field(cannula, "3 mm\x1b[2J", state)
