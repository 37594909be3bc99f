"""Lidocaine dose against the maximum for the patient's weight, with the limits from the protocol."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rejuv_desktop.domain.dose import (STATUSES, DoseCheck, DoseLine, DoseReduction, lidocaine_dose,
                                      max_volume_ml, total_dose)
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
        # Plain: 4.5 mg/kg, capped at 200 mg (the lower, UK product-information figure).
        (1, 20.1, 70, False, 201, 200, "over"),      # 70 x 4.5 = 315, capped at 200
        (1, 20, 70, False, 200, 200, "warning"),
        (1, 16, 40, False, 160, 180, "warning"),     # 40 x 4.5 = 180, under the cap
        (0.5, 20, 60, False, 100, 200, "ok"),
        (1, 19, 40, False, 190, 180, "over"),
        (2, 0, 70, False, 0, 200, "ok"),
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
    assert over.message.startswith("400 mg of plain lidocaine (5.71 mg/kg) is over the 200 mg maximum")
    assert "Do not give more: at 2% the maximum is 10 ml in all." in over.message
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
    ((1, 10, 29.9), "weight_kg"),   # the app's one weight range: 30-250 kg
    ((1, 10, 250.1), "weight_kg"),
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
    st.floats(min_value=30, max_value=250),
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


# --- every anaesthetic of a session, summed -------------------------------------------------------

EPI = next(x for x in LIMITS if x.with_epinephrine)
PLAIN = next(x for x in LIMITS if not x.with_epinephrine)


def test_the_cap_defaults_to_the_lower_figure_and_names_both_sources():
    assert PLAIN.max_mg == 200 and not PLAIN.verified
    assert "200 mg" in PLAIN.source and "300 mg" in PLAIN.source
    assert "BNF" in PLAIN.source and "[U]" in PLAIN.source
    assert EPI.max_mg == 500


@pytest.mark.parametrize("value", ["no", "yes", 0, 1, None, "false"])
def test_with_epinephrine_must_be_a_real_bool(value):
    # The string "no" is truthy: it once counted as "with epinephrine" and its higher limit.
    with pytest.raises(ValidationError) as info:
        lidocaine_dose(1, 10, 70, value, LIMITS)
    assert "with_epinephrine" in info.value.errors


def test_donor_site_tumescent_and_hand_blocks_add_up():
    lines = [DoseLine(EPI, 1, 10, "wrist block, left"), DoseLine(EPI, 1, 10, "wrist block, right"),
             DoseLine(EPI, 0.05, 500, "donor site (tumescent)")]
    result = total_dose(lines, 70)
    assert result.mg == pytest.approx(450)            # 100 + 100 + 250
    assert result.max_mg == pytest.approx(490)
    assert result.status == "warning" and result.percent == 91
    assert result.volume_ml == pytest.approx(520)
    assert not result.mixed


def test_mixed_epinephrine_and_plain_takes_the_stricter_limit_and_says_so():
    lines = [DoseLine(EPI, 1, 15), DoseLine(PLAIN, 1, 6)]
    result = total_dose(lines, 70)
    assert result.mg == pytest.approx(210)
    assert result.max_mg == pytest.approx(200)          # plain: 4.5 x 70 = 315, capped at 200
    assert result.limit is PLAIN and result.mixed
    assert result.status == "over"
    assert "the stricter limit, that of plain lidocaine, applies to the total" in result.message
    # The same milligrams all with epinephrine pass.
    assert total_dose([DoseLine(EPI, 1, 21)], 70).status == "ok"


def test_a_reason_to_lower_the_dose_cuts_the_maximum_and_says_why():
    cut = DoseReduction(0.4, ("the patient has liver disease",))
    result = total_dose([DoseLine(EPI, 1, 30)], 70, cut)
    assert result.unreduced_max_mg == pytest.approx(490)
    assert result.max_mg == pytest.approx(294)
    assert result.status == "over"                      # 300 mg is over 294
    assert "lowered by 40%" in result.message and "liver disease" in result.message
    assert total_dose([DoseLine(EPI, 1, 30)], 70).status == "ok"
    # A reduction without a reason is no reduction.
    assert total_dose([DoseLine(EPI, 1, 30)], 70, DoseReduction(0.4, ())).max_mg == 490


def test_max_volume_before_anything_is_drawn_up():
    assert max_volume_ml([EPI], 1, 70) == pytest.approx((49, 49))
    assert max_volume_ml([EPI], 0.1, 70, given_mg=200) == pytest.approx((490, 290))
    # Adding plain lidocaine to epinephrine already given: the stricter limit for the total.
    total, left = max_volume_ml([EPI, PLAIN], 1, 70, given_mg=150)
    assert total == pytest.approx(20) and left == pytest.approx(5)
    total, left = max_volume_ml([EPI], 1, 70, DoseReduction(0.4, ("x",)), given_mg=500)
    assert total == pytest.approx(29.4) and left == 0


def test_true_percentage_is_not_capped():
    result = lidocaine_dose(1, 70, 70, True, LIMITS)     # 700 of 490 mg
    assert result.percent == 142 and result.status == "over"


entry = st.tuples(st.sampled_from([EPI, PLAIN]), st.floats(min_value=0.05, max_value=2),
                  st.floats(min_value=0, max_value=1000))


@settings(max_examples=300)
@given(st.lists(entry, min_size=1, max_size=6), st.floats(min_value=30, max_value=250),
       st.sampled_from([None, 0.3, 0.4]))
def test_sum_is_the_sum_and_the_stricter_limit_applies(entries, kg, fraction):
    lines = [DoseLine(limit, c, v) for limit, c, v in entries]
    cut = DoseReduction(fraction, ("reason",)) if fraction else None
    result = total_dose(lines, kg, cut)
    assert result.mg == pytest.approx(sum(c * 10 * v for _l, c, v in entries))
    strictest = min(min(x.mg_per_kg * kg, x.max_mg) for x, _c, _v in entries)
    assert result.max_mg == pytest.approx(strictest * (1 - (fraction or 0)))
    assert result.max_mg <= strictest + 1e-9
    assert (result.status == "over") == (result.mg > result.max_mg * (1 + 1e-9))
    assert result.percent == math.floor(result.mg / result.max_mg * 100 + 1e-9)
    # Each entry alone is never judged more harshly than all of them together.
    for line in lines:
        alone = total_dose([line], kg, cut)
        assert alone.mg <= result.mg + 1e-9 and alone.max_mg >= result.max_mg - 1e-9
