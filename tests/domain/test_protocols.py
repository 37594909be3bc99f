"""Protocol files: the packaged ones load and say what the clinic expects; broken ones name the line."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rejuv_desktop.domain.procedures import procedure_ids
from rejuv_desktop.domain.protocols import (
    Field,
    load_protocol,
)
from rejuv_desktop.errors import ContentError

PROCEDURES = procedure_ids()


# --- the packaged protocols ---------------------------------------------------------------------

@pytest.mark.parametrize("procedure", PROCEDURES)
def test_packaged_protocol_loads_and_is_cached(procedure):
    protocol = load_protocol(procedure)
    assert protocol.procedure == procedure
    assert protocol.id == f"protocol.{procedure}"
    assert protocol.version
    assert load_protocol(procedure) is protocol


@pytest.mark.parametrize("procedure", PROCEDURES)
def test_time_out_comes_before_every_invasive_step_and_gates_it(procedure):
    protocol = load_protocol(procedure)
    ids = [s.id for s in protocol.steps]
    first_invasive = next(i for i, s in enumerate(protocol.steps) if s.invasive)
    assert ids.index("time_out") < first_invasive
    assert protocol.steps[0].gates == ("consent_signed",)
    for step in protocol.steps:
        if step.invasive:
            assert "time_out" in [g.id for g in step.requires], step.id
    time_out = protocol.time_out_step
    assert [i.id for i in time_out.items] == ["identity", "procedure", "sides", "consent", "allergies"]


def test_unknown_procedure_is_refused():
    with pytest.raises(ValueError):
        load_protocol("botox")


def test_fat_transfer_content():
    p = load_protocol("fat_transfer")
    assert [s.id for s in p.steps] == ["sign_in", "time_out", "anaesthesia", "donor_site", "harvest",
                                       "processing", "injection", "closure", "sedation", "sign_out"]
    volume = p.field("injection.volume_ml")
    assert (volume.min, volume.max, volume.unit, volume.repeat) == (0, 40, "ml", "sides")
    concentration = p.field("anaesthesia.concentration_percent")
    # Down to 0.05 %: the donor site's dilute tumescent solution is recorded too.
    assert (concentration.min, concentration.max, concentration.unit, concentration.repeat) == (
        0.05, 2, "%", "list")
    assert p.field("anaesthesia.lot").required
    assert p.field("anaesthesia.volume_ml").label == "Anaesthetic volume"
    assert p.field("donor_site.site").choices == ("abdomen", "thighs", "buttocks", "flanks", "other")
    assert set(p.field("processing.method").choices) == {
        "centrifugation", "decantation", "filtration", "washing", "other"}
    epi, plain = p.dose_limit("lidocaine with epinephrine"), p.dose_limit("lidocaine plain")
    assert (epi.mg_per_kg, epi.max_mg, epi.warn_fraction, epi.verified) == (7, 500, 0.8, True)
    assert (plain.mg_per_kg, plain.max_mg, plain.verified) == (4.5, 200, False)
    assert p.dose_reduction.fraction == 0.4 and not p.dose_reduction.verified
    assert p.weight.reweigh_after_days == 30 and p.weight.confirm_change_fraction == 0.15
    assert (p.series.sessions_min, p.series.sessions_max) == (1, 1)
    windows = {f.id: (f.offset_from, f.offset_to, f.unit, f.proposed) for f in p.follow_ups}
    assert windows["wound_check"] == (5, 10, "days", False)
    assert windows["review_12_months"][3] is True
    assert {c.kind for c in p.checks} == {"sum_at_most", "lidocaine_dose"}
    assert "hands_prepared" in {i.id for i in p.step("anaesthesia").items}


def test_mesotherapy_content():
    p = load_protocol("mesotherapy")
    s = p.series
    assert (s.sessions_min, s.sessions_max, s.interval_min_days, s.interval_max_days) == (4, 6, 15, 21)
    assert s.verified is False
    assert p.field("products.expiry").not_before == "session_date"
    assert all(f.repeat == "list" for f in p.step("products").fields)
    assert p.field("injection.technique").choices == ("manual", "electronic injector")
    maintenance = next(f for f in p.follow_ups if f.kind == "maintenance")
    assert (maintenance.offset_from, maintenance.offset_to, maintenance.unit) == (3, 6, "months")
    assert maintenance.verified is False


# --- Field.validate -----------------------------------------------------------------------------

def _field(**kw) -> Field:
    base = dict(step_id="s", id="f", label="F", type="number")
    base.update(kw)
    return Field(**base)


@pytest.mark.parametrize("value, message", [
    (20, None), (0, None), (40, None), (40.0, None),
    (40.5, "Must be between 0 and 40 ml"), (-0.1, "Must be between 0 and 40 ml"),
    ("20", "Must be a number"), (True, "Must be a number"), (float("nan"), "Must be a number"),
    (float("inf"), "Must be a number"), (None, None),
])
def test_number_field(value, message):
    assert _field(unit="ml", min=0, max=40).validate(value) == message


def test_range_messages_name_the_unit():
    assert _field(unit="%", min=0.5, max=2).validate(3) == "Must be between 0.5 and 2%"
    assert _field(unit="ml", min=0).validate(-1) == "Must be at least 0 ml"
    assert _field(unit="G", max=22).validate(23) == "Must be at most 22 G"
    assert _field(type="integer", unit="G", min=14, max=22).validate(17.5) == "Must be a whole number"
    assert _field(type="integer", min=1, max=10).validate(5) is None


def test_other_field_types():
    choice = _field(type="choice", choices=("a", "b"))
    assert choice.validate("a") is None
    assert choice.validate("c") == "Choose one of: a, b"
    many = _field(type="choice", choices=("a", "b"), multiple=True)
    assert many.validate(["a", "b"]) is None
    assert many.validate(["a", "x"]) == "Choose only from: a, b"
    assert many.validate("a") == "Choose one or more of: a, b"
    day = _field(type="date")
    assert day.validate(date(2025, 1, 1)) is None
    assert day.validate("2025-01-01") is None
    assert day.validate("2025-02-30") == "Must be a date (YYYY-MM-DD)"
    assert _field(type="bool").validate(1) == "Must be yes or no"
    assert _field(type="text").validate(3) == "Must be text"


ANY_VALUE = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(), st.dates(),
    st.lists(st.one_of(st.text(max_size=20), st.integers()), max_size=4),
)
ALL_FIELDS = [f for p in PROCEDURES for f in load_protocol(p).all_fields()]


@given(value=ANY_VALUE)
def test_validate_never_crashes(value):
    for f in ALL_FIELDS:
        message = f.validate(value)
        assert message is None or (isinstance(message, str) and message)


def test_field_keys():
    p = load_protocol("fat_transfer")
    assert p.field("injection.volume_ml").key("left") == "injection.volume_ml.left"
    assert p.field("harvest.volume_ml").key() == "harvest.volume_ml"
    with pytest.raises(ValueError):
        p.field("injection.volume_ml").key()


# --- broken files name their line -----------------------------------------------------------------

VALID = """\
id = "protocol.mesotherapy"
version = "1"
procedure = "mesotherapy"
title = "Test"

[[steps]]
id = "check"
title = "Check"
invasive = false
gates = ["consent_signed"]

[[steps.items]]
id = "ok"
text = "All fine"

[[steps.fields]]
id = "weight"
label = "Weight"
type = "number"
unit = "kg"
min = 1
max = 300

[[steps]]
id = "time_out"
title = "Time-out"
invasive = false
gates = ["check"]

[[steps.items]]
id = "identity"
text = "Identity"

[[steps]]
id = "inject"
title = "Inject"
invasive = true
gates = ["time_out"]

[[steps.fields]]
id = "depth"
label = "Depth"
type = "number"
unit = "mm"
min = 0.5
max = 12

[[steps.fields]]
id = "volume"
label = "Volume"
type = "number"
unit = "ml"
min = 0
max = 10

[series]
sessions_min = 4
sessions_max = 6
sessions_default = 4
interval_min_days = 15
interval_max_days = 21
interval_default_days = 15

[[follow_ups]]
id = "next"
kind = "next_session"
label = "Next session"
from_days = 15
to_days = 21
"""


def _load(tmp_path, text):
    path = tmp_path / "mesotherapy.toml"
    path.write_text(text, encoding="utf-8")
    return load_protocol("mesotherapy", path)


def _expect_error(tmp_path, text, *words):
    """The error names the file and the line marked '# HERE', and its message has the words."""
    expected = next(n for n, line in enumerate(text.splitlines(), 1) if "# HERE" in line)
    with pytest.raises(ContentError) as info:
        _load(tmp_path, text)
    err = info.value
    assert err.path.endswith("mesotherapy.toml")
    assert err.line == expected, str(err)
    assert f"line {expected}" in str(err)
    for word in words:
        assert word in str(err)


def _edit(old, new, count=1):
    assert VALID.count(old) >= count
    return VALID.replace(old, new, count)


def test_the_test_file_is_valid(tmp_path):
    p = _load(tmp_path, VALID)
    assert [s.id for s in p.steps] == ["check", "time_out", "inject"]


def test_unknown_field_type(tmp_path):
    text = _edit('id = "volume"\nlabel = "Volume"\ntype = "number"',
                 'id = "volume"\nlabel = "Volume"\ntype = "numbr"  # HERE')
    _expect_error(tmp_path, text, "unknown type 'numbr'")


def test_min_above_max_points_at_the_right_field(tmp_path):
    # The same "min = 0.5" appears nowhere else, but "min =" does: the line must be this field's.
    text = _edit("min = 0\nmax = 10", "min = 11  # HERE\nmax = 10")
    _expect_error(tmp_path, text, "min (11) is more than max (10)")


def test_gate_naming_an_unknown_step(tmp_path):
    text = _edit('gates = ["time_out"]', 'gates = ["time_out", "harvest"]  # HERE')
    _expect_error(tmp_path, text, "gate 'harvest' names no step")


def test_gate_naming_a_later_step(tmp_path):
    text = _edit('gates = ["check"]', 'gates = ["inject"]  # HERE')
    _expect_error(tmp_path, text, "earlier step")


def test_duplicate_step_id(tmp_path):
    text = _edit('id = "inject"', 'id = "check"  # HERE')
    _expect_error(tmp_path, text, "duplicate step id 'check'")


def test_duplicate_field_id_in_a_step(tmp_path):
    text = _edit('id = "volume"', 'id = "depth"  # HERE')
    _expect_error(tmp_path, text, "duplicate", "'depth'")


def test_missing_key_names_the_table_header(tmp_path):
    text = _edit('[[steps]]\nid = "inject"\ntitle = "Inject"\n', '[[steps]]  # HERE\nid = "inject"\n')
    _expect_error(tmp_path, text, "step 'inject': missing key 'title'")


def test_missing_top_level_key(tmp_path):
    with pytest.raises(ContentError, match="missing key 'title'"):
        _load(tmp_path, VALID.replace('title = "Test"\n', ""))


def test_unknown_key_is_a_mistake_not_ignored(tmp_path):
    text = _edit('max = 12', 'max = 12\nrequierd = true  # HERE')
    _expect_error(tmp_path, text, "unknown key 'requierd'")


def test_wrong_value_type(tmp_path):
    text = _edit("invasive = true", 'invasive = "yes"  # HERE')
    _expect_error(tmp_path, text, "'invasive' must be true or false")


def test_toml_syntax_error_names_the_line(tmp_path):
    text = _edit('label = "Depth"', 'label = "Depth  # HERE')
    _expect_error(tmp_path, text, "not valid TOML")


def test_invasive_step_needs_a_time_out(tmp_path):
    text = VALID.replace('id = "time_out"', 'id = "pause"').replace(
        'gates = ["time_out"]', 'gates = ["pause"]').replace("invasive = true", "invasive = true  # HERE")
    _expect_error(tmp_path, text, "no 'time_out' step")


def test_unit_on_a_text_field(tmp_path):
    text = _edit('type = "number"\nunit = "kg"', 'type = "text"\nunit = "kg"  # HERE')
    _expect_error(tmp_path, text, "'unit' does not apply to a text field")


def test_choice_needs_choices(tmp_path):
    text = _edit('id = "depth"\nlabel = "Depth"\ntype = "number"\nunit = "mm"\nmin = 0.5\nmax = 12',
                 'id = "depth"\nlabel = "Depth"\ntype = "choice"\nchoices = []  # HERE')
    _expect_error(tmp_path, text, "distinct choices")


def test_required_when_names_an_unknown_field(tmp_path):
    text = _edit('max = 10\n', 'max = 10\nrequired_when = { field = "nope", equals = 1 }  # HERE\n')
    _expect_error(tmp_path, text, "required_when")


def test_file_for_another_procedure(tmp_path):
    text = _edit('procedure = "mesotherapy"', 'procedure = "fat_transfer"  # HERE')
    _expect_error(tmp_path, text, "for 'fat_transfer'")


def test_series_out_of_order(tmp_path):
    text = _edit("sessions_min = 4", "sessions_min = 7  # HERE")
    _expect_error(tmp_path, text, "sessions_min")


def test_follow_up_needs_a_window(tmp_path):
    text = _edit('[[follow_ups]]\nid = "next"', '[[follow_ups]]  # HERE\nid = "next"').replace(
        "from_days = 15\nto_days = 21\n", "")
    _expect_error(tmp_path, text, "from_days and to_days")


def test_follow_up_window_reversed(tmp_path):
    text = _edit("from_days = 15\nto_days = 21", "from_days = 22  # HERE\nto_days = 21")
    _expect_error(tmp_path, text, "from_days")


def test_check_naming_an_unknown_field(tmp_path):
    text = VALID + ('\n[[checks]]\nid = "sum"\nkind = "sum_at_most"\nsum = ["inject.volume"]\n'
                    'limit = "inject.nothing"  # HERE\nmessage = "Too much: {total} of {limit}"\n')
    _expect_error(tmp_path, text, "'inject.nothing' is not a number or integer field")


def test_check_message_with_an_unknown_placeholder(tmp_path):
    text = VALID + ('\n[[checks]]\nid = "sum"\nkind = "sum_at_most"\nsum = ["inject.volume"]\n'
                    'limit = "inject.depth"\nmessage = "Too much: {amount}"  # HERE\n')
    _expect_error(tmp_path, text, "{total}")


def test_dose_check_needs_a_limit_for_every_agent(tmp_path):
    text = VALID.replace('[series]', """\
[[steps.fields]]
id = "agent"
label = "Agent"
type = "choice"
choices = ["lidocaine plain", "articaine"]

[[checks]]
id = "dose"
kind = "lidocaine_dose"
agent = "inject.agent"  # HERE
concentration = "inject.depth"
volume = "inject.volume"

[[dose_limits]]
agent = "lidocaine plain"
label = "plain lidocaine"
with_epinephrine = false
mg_per_kg = 4.5
max_mg = 300

[series]""")
    _expect_error(tmp_path, text, "no dose limit for 'articaine'")


def test_dose_limit_must_be_positive(tmp_path):
    text = VALID + ('\n[[dose_limits]]\nagent = "x"\nlabel = "x"\nwith_epinephrine = true\n'
                    "mg_per_kg = 0  # HERE\nmax_mg = 500\n")
    _expect_error(tmp_path, text, "mg_per_kg must be more than 0")


def test_dose_reduction_questions_exist_in_the_screening():
    from rejuv_desktop.domain.screening import load_rules

    rules = load_rules()
    ids = [q.id for q in rules.questions]
    reduction = load_protocol("fat_transfer").dose_reduction
    assert set(reduction.questions) <= set(ids)
    # One block, right after the medicines questions.
    first = ids.index(reduction.questions[0])
    assert ids[first:first + len(reduction.questions)] == list(reduction.questions)
    assert ids[first - 1] == "smoker"
    for procedure in ("fat_transfer", "mesotherapy"):
        assert {c.question for c in load_protocol(procedure).caution_checks} <= set(ids)


def test_sign_out_items_the_app_satisfies_and_the_optional_cream():
    for procedure, items in (("fat_transfer", {"aftercare": "aftercare", "follow_up": "follow_ups"}),
                             ("mesotherapy", {"aftercare": "aftercare", "next_visit": "follow_ups"})):
        p = load_protocol(procedure)
        by_app = {i.id: i.by_app for i in p.step("sign_out").items if i.by_app}
        assert by_app == items
        fingers = p.field("sign_out.fingers")
        assert fingers.repeat == "sides" and fingers.required
        assert fingers.stop_when == "pale, blue, cold or slow refill"
    meso = load_protocol("mesotherapy")
    assert not meso.field("topical_anaesthesia.used").required
    assert {f.id for f in meso.step("todays_check").fields if f.stop_when is True} == {
        "pregnant", "breastfeeding", "new_medicines", "vaccine_or_dental", "recent_laser"}
    [deep] = [c for c in meso.checks if c.kind == "reason_above"]
    assert (deep.field, deep.above, deep.reason) == ("injection.depth_mm", 2, "injection.depth_reason")


# --- the day's safety content names its line too ------------------------------------------------

def test_a_deeper_value_check_and_its_message(tmp_path):
    reason = ('[[steps.fields]]\nid = "why"\nlabel = "Why"\ntype = "text"\n\n'
              '[[checks]]\nid = "deep"\nkind = "reason_above"\nfield = "inject.depth"\nabove = 2\n'
              'reason = "inject.why"\nmessage = "Deeper than {above} mm: {value} mm"\n\n[series]')
    p = _load(tmp_path, VALID.replace("[series]", reason, 1))
    [check] = p.checks
    assert (check.field, check.above, check.reason) == ("inject.depth", 2, "inject.why")
    bad = VALID.replace("[series]", reason.replace(
        'message = "Deeper than {above} mm: {value} mm"',
        'message = "Deeper than {limit} mm"  # HERE'), 1)
    _expect_error(tmp_path, bad, "{value}", "{above}")


@pytest.mark.parametrize("table, words", [
    ('[dose_reduction]\nfraction = 1.4  # HERE\nquestions = ["liver_disease"]\n', ("fraction",)),
    ('[weight]\nconfirm_change_fraction = 0  # HERE\n', ("confirm_change_fraction",)),
])
def test_reduction_and_weight_rules_are_checked(tmp_path, table, words):
    _expect_error(tmp_path, VALID.replace("[series]", table + "\n[series]", 1), *words)


def test_an_item_the_app_satisfies_names_what_it_waits_for(tmp_path):
    text = _edit('id = "ok"\ntext = "All fine"', 'id = "ok"\ntext = "All fine"\nby_app = "coffee"  # HERE')
    _expect_error(tmp_path, text, "by_app")


def test_a_stop_answer_needs_its_reason(tmp_path):
    text = _edit('id = "ok"\ntext = "All fine"\n',
                 'id = "ok"\ntext = "All fine"\n\n[[steps.fields]]\nid = "pregnant"\nlabel = "P"\n'
                 'type = "bool"\nstop_when = true  # HERE\n')
    _expect_error(tmp_path, text, "stop_reason")
