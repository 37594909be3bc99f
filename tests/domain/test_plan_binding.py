"""The screening verdict binds the plan, and the session gate binds the day (pure domain)."""

from datetime import date, timedelta

import pytest

from rejuv_desktop.domain import consultation as dc
from rejuv_desktop.domain import plan_binding as pb
from rejuv_desktop.domain import screening as scr
from rejuv_desktop.domain import session_gate as gate
from rejuv_desktop.domain.protocols import load_protocol
from rejuv_desktop.errors import ContentError

TODAY = date(2026, 12, 1)


def data_with(answers=None, chosen=("fat_transfer",), start=TODAY + timedelta(days=14), **changes):
    data = dc.new_data()
    data.update(concerns=["volume_loss"], expectations_realistic=True, fitzpatrick="II",
                weight_kg=64, donor_fat="adequate")
    for side in dc.SIDES:
        data["hands"][side].update(merz=3)
    data["answers"] = {q.id: "no" for q in scr.load_rules().questions}
    data["answers"].update(answers or {})
    data["chosen"] = list(chosen)
    data["plan"] = {p: dc.default_plan(p, start) for p in chosen}
    data.update(changes)
    return data


def errors_of(data):
    return dc.check_complete(data, dc.evaluate(data), today=TODAY)


def test_pregnancy_defers_fat_transfer_with_no_date_so_it_cannot_be_planned():
    data = data_with({"pregnant": "yes"})
    errors = errors_of(data)
    assert "deferred" in errors["defer.fat_transfer"] and "doctor" in errors["defer.fat_transfer"]
    # Any date at all: the wait lasts until after the pregnancy.
    data["plan"]["fat_transfer"]["start"] = (TODAY + timedelta(days=600)).isoformat()
    assert "defer.fat_transfer" in errors_of(data)


def test_a_doctors_override_is_what_lets_a_deferred_procedure_be_planned():
    data = data_with({"pregnant": "yes"}, overrides={"fat_transfer": {"text": "  "}})
    assert "defer.fat_transfer" in errors_of(data)  # an empty text is no override
    data["overrides"] = {"fat_transfer": {"text": "Miscarriage confirmed last month; seen by GP."}}
    assert errors_of(data) == {}


def test_a_timed_deferral_holds_the_first_session_after_its_wait():
    # A vaccine last week defers mesotherapy 14 days (wait_days in the screening content).
    data = data_with({"recent_vaccine_or_dental": "yes"}, chosen=("mesotherapy",),
                     concerns=["crepey_skin"], start=TODAY + timedelta(days=10))
    for side in dc.SIDES:
        data["hands"][side].update(merz=1, texture="crepey")
    errors = errors_of(data)
    assert "deferred until 15/12/2026" in errors["plan.mesotherapy.start"]
    data["plan"]["mesotherapy"]["start"] = (TODAY + timedelta(days=14)).isoformat()
    assert errors_of(data) == {}


def test_a_procedure_the_recommendation_does_not_support_needs_a_written_reason():
    # Volume loss only, no skin sign: mesotherapy is not recommended.
    data = data_with(chosen=("mesotherapy",))
    assert "mesotherapy" not in dc.evaluate(data).recommendation.procedures
    assert "write why" in errors_of(data)["unsupported.mesotherapy"]
    data["unsupported_reasons"] = {"mesotherapy": {"text": "Patient asks for skin quality too."}}
    assert errors_of(data) == {}


@pytest.mark.parametrize("start, message", [
    (date(2000, 1, 1), "cannot be before the consultation"),
    (TODAY + timedelta(days=pb.PLAN_HORIZON_DAYS + 1), "more than two years ahead"),
])
def test_the_first_date_stays_within_the_plans_range(start, message):
    assert message in errors_of(data_with(start=start))["plan.fat_transfer.start"]


def test_a_first_session_inside_the_reflection_period_is_flagged_not_refused():
    data = data_with(start=TODAY + timedelta(days=3))
    assert errors_of(data) == {}
    warning = dc.plan_warnings(data, TODAY, 14)["fat_transfer"]
    assert "04/12/2026" in warning and "15/12/2026" in warning and "reflection" in warning
    assert dc.plan_warnings(data_with(start=TODAY + timedelta(days=14)), TODAY, 14) == {}


def test_wait_days_belongs_to_a_deferral_only(tmp_path):
    path = scr.resource_path(scr.DEFAULT_PATH)
    text = path.read_text(encoding="utf-8").replace(
        'level = "caution"', 'level = "caution"\nwait_days = 3', 1)
    bad = tmp_path / "screening.toml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError, match="wait_days"):
        scr.load_rules(bad)


MESO = load_protocol("mesotherapy")
BOTH = frozenset({"left", "right"})


def fat_graft(day, sides=BOTH):
    return gate.Earlier("fat_transfer", day, frozenset(sides), "fat transfer")


def test_mesotherapy_waits_three_weeks_after_a_fat_graft_on_the_same_hands():
    waits = gate.waits(MESO, TODAY, planned=None, reflection_end=None, deferral_end=None,
                       earlier=[fat_graft(TODAY)], sides=BOTH)
    assert [w.code for w in waits] == ["spacing"]
    assert gate.earliest(waits) == TODAY + timedelta(days=21)
    assert not waits[0].verified and waits[0].source  # labelled as content to confirm
    # The other hand only: nothing to wait for.
    assert gate.waits(MESO, TODAY, planned=None, reflection_end=None, deferral_end=None,
                      earlier=[fat_graft(TODAY, {"left"})], sides=frozenset({"right"})) == []


def test_every_wait_is_listed_and_the_latest_wins():
    waits = gate.waits(MESO, TODAY, planned=TODAY + timedelta(days=5),
                       reflection_end=TODAY + timedelta(days=2),
                       deferral_end=TODAY + timedelta(days=9),
                       earlier=[gate.Earlier("mesotherapy", TODAY - timedelta(days=3), BOTH,
                                             "hand mesotherapy")], sides=BOTH)
    assert [w.code for w in waits] == ["planned_date", "reflection", "deferral", "spacing"]
    assert gate.earliest(waits) == TODAY + timedelta(days=12)
    assert gate.waits(MESO, TODAY + timedelta(days=12), planned=TODAY, reflection_end=TODAY,
                      deferral_end=TODAY, earlier=[], sides=BOTH) == []


def test_a_combined_plan_keeps_mesotherapy_three_weeks_after_the_fat_graft():
    data = data_with(chosen=("fat_transfer", "mesotherapy"), start=TODAY + timedelta(days=14))
    warnings = dc.spacing_warnings(data)  # the same day: each is too close to the other
    assert "Hand mesotherapy on 15/12/2026 is less than 21 days after fat transfer to the " \
           "hands on 15/12/2026: A fat graft must not be pressed" in "\n".join(warnings)
    del data["plan"]["mesotherapy"]
    assert dc.spaced_start("mesotherapy", TODAY + timedelta(days=14), data) == \
        TODAY + timedelta(days=35)
    data["plan"]["mesotherapy"] = dc.default_plan("mesotherapy", TODAY + timedelta(days=35))
    assert dc.spacing_warnings(data) == []


def test_a_spacing_rule_names_a_known_procedure_and_its_line(tmp_path):
    from rejuv_desktop.content import resource_path

    text = resource_path("protocols", "mesotherapy.toml").read_text(encoding="utf-8")
    text = text.replace('after = "fat_transfer"', 'after = "fat_transfr"', 1)
    path = tmp_path / "mesotherapy.toml"
    path.write_text(text, encoding="utf-8")
    line = next(n for n, s in enumerate(text.splitlines(), 1) if 'after = "fat_transfr"' in s)
    with pytest.raises(ContentError) as info:
        load_protocol("mesotherapy", path)
    assert info.value.line == line and "no such procedure" in str(info.value)
