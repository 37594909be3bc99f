"""Lidocaine dose against the maximum for the patient's weight, with the limits from the protocol."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rejuv_desktop.domain.dose import STATUSES, DoseCheck, lidocaine_dose
from rejuv_desktop.domain.protocols import DoseLimit, load_protocol
from rejuv_desktop.errors import ValidationError

LIMITS = load_protocol("fat_transfer").dose_limits


@pytest.mark.parametrize(
    "percent, ml, kg, epi, mg, max_mg, status",
    [
        # With epinephrine: 7 mg/kg, capped at 500 mg.
        (1, 49, 70, True, 490, 490, "warning"),      # the worked example: 490 mg = 49 ml
        (1, 49.1, 70, True, 491, 490, "over"),
        (1, 30, 70, True, 300, 490, "ok"),
        (1, 39.2, 70, True, 392, 490, "warning"),    # exactly 80 %
        (1, 39.1, 70, True, 391, 490, "ok"),         # just under 80 %
        (1, 50, 80, True, 500, 500, "warning"),      # 80 kg x 7 = 560, capped at 500
        (1, 51, 80, True, 510, 500, "over"),
        (2, 25, 100, True, 500, 500, "warning"),
        (0.5, 40, 60, True, 200, 420, "ok"),
        # Plain: 4.5 mg/kg, capped at 300 mg.
        (1, 31.5, 70, False, 315, 300, "over"),      # 70 x 4.5 = 315, capped at 300
        (1, 30, 70, False, 300, 300, "warning"),
        (1, 27, 60, False, 270, 270, "warning"),
        (0.5, 20, 60, False, 100, 270, "ok"),
        (1, 30, 50, False, 300, 225, "over"),
        (2, 0, 70, False, 0, 300, "ok"),
    ],
)
def test_dose_table(percent, ml, kg, epi, mg, max_mg, status):
    result = lidocaine_dose(percent, ml, kg, epi, LIMITS)
    assert result.mg == pytest.approx(mg)
    assert result.max_mg == pytest.approx(max_mg)
    assert result.mg_per_kg == pytest.approx(mg / kg)
    assert result.fraction_of_max == pytest.approx(mg / max_mg)
    assert result.status == status
    assert result.verified is epi  # the plain-lidocaine limit is marked unverified


def test_worked_example_max_volume_and_sentence():
    result = lidocaine_dose(1, 20, 70, True, LIMITS)
    assert result.max_ml == pytest.approx(49)
    assert result.message == ("200 mg of lidocaine with epinephrine (2.86 mg/kg) is 40% of the 490 mg "
                              "maximum for 70 kg (limit 7 mg/kg, capped at 500 mg).")


def test_sentences_for_warning_over_and_unverified():
    warning = lidocaine_dose(1, 45, 70, True, LIMITS)
    assert "91% of the 490 mg maximum" in warning.message
    assert "Close to the limit: at 1% the maximum is 49 ml in all." in warning.message
    over = lidocaine_dose(2, 20, 70, False, LIMITS)
    assert over.message.startswith("400 mg of plain lidocaine (5.71 mg/kg) is over the 300 mg maximum")
    assert "Do not give more: at 2% the maximum is 15 ml in all." in over.message
    assert "not verified" in over.message
    assert "not verified" not in warning.message


def test_limits_can_be_a_protocol_a_list_or_one_limit():
    protocol = load_protocol("fat_transfer")
    one = protocol.dose_limit("lidocaine with epinephrine")
    for limits in (protocol, list(protocol.dose_limits), one):
        assert lidocaine_dose(1, 10, 70, True, limits).max_mg == 490
    with pytest.raises(ValidationError) as info:
        lidocaine_dose(1, 10, 70, False, one)
    assert "without epinephrine" in info.value.errors["agent"]


def test_custom_warning_threshold():
    limit = DoseLimit("x", "x", True, mg_per_kg=10, max_mg=1000, warn_fraction=0.5)
    assert lidocaine_dose(1, 35, 70, True, limit).status == "warning"   # 350 of 700
    assert lidocaine_dose(1, 34, 70, True, limit).status == "ok"


@pytest.mark.parametrize("args, key", [
    ((1, 10, 0), "weight_kg"),
    ((1, 10, -70), "weight_kg"),
    ((1, 10, float("nan")), "weight_kg"),
    ((1, 10, float("inf")), "weight_kg"),
    ((1, -1, 70), "volume_ml"),
    ((1, float("nan"), 70), "volume_ml"),
    ((0, 10, 70), "concentration_percent"),
    ((float("nan"), 10, 70), "concentration_percent"),
    ((101, 10, 70), "concentration_percent"),
    ((True, 10, 70), "concentration_percent"),
    (("1", 10, 70), "concentration_percent"),
    ((1, 10, 10**400), "weight_kg"),
])
def test_bad_input_is_a_validation_error(args, key):
    with pytest.raises(ValidationError) as info:
        lidocaine_dose(*args, True, LIMITS)
    assert key in info.value.errors


any_float = st.floats(allow_nan=True, allow_infinity=True)


@settings(max_examples=400)
@given(any_float, any_float, any_float, st.booleans())
def test_never_crashes_on_floats(percent, ml, kg, epi):
    try:
        result = lidocaine_dose(percent, ml, kg, epi, LIMITS)
    except ValidationError as exc:
        assert exc.errors
        return
    assert isinstance(result, DoseCheck)
    assert result.status in STATUSES
    for value in (result.mg, result.mg_per_kg, result.max_mg, result.max_ml, result.fraction_of_max):
        assert math.isfinite(value) and value >= 0
    assert result.max_mg <= 500
    assert result.message


@given(
    st.floats(min_value=0.01, max_value=100),
    st.floats(min_value=0, max_value=1000),
    st.floats(min_value=1, max_value=500),
    st.booleans(),
)
def test_mg_is_proportional_to_volume_and_status_follows_the_fraction(percent, ml, kg, epi):
    single = lidocaine_dose(percent, ml, kg, epi, LIMITS)
    double = lidocaine_dose(percent, ml * 2, kg, epi, LIMITS)
    assert single.mg == pytest.approx(percent * 10 * ml)
    assert double.mg == pytest.approx(2 * single.mg)
    assert double.max_mg == single.max_mg
    if single.fraction_of_max > 1 + 1e-6:
        assert single.status == "over"
    elif single.fraction_of_max < 0.8 - 1e-6:
        assert single.status == "ok"
    else:
        assert single.status in ("warning", "over")
