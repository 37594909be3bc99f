"""Recommendation: the rule table, case by case, plus properties that must always hold."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rejuv_desktop.domain.procedures import procedure_ids
from rejuv_desktop.domain.recommendation import (
    CONCERNS,
    RULES,
    Findings,
    SkinQuality,
    recommend,
)
from rejuv_desktop.documents.phrases import load_phrasebook
from rejuv_desktop.domain.screening import LEVELS, Verdict, load_rules, screen

PROCEDURES = procedure_ids()
from rejuv_desktop.errors import ValidationError

SCREENING = load_rules()
# The domain gives codes; the wording tests read them through the documents' English.
BOOK = load_phrasebook("en")


def text(line):
    return BOOK.line(line)


def findings_of(line):
    return tuple(BOOK.findings(line))


def verdicts(**answers):
    """Screening verdicts for a patient who answered "no" to all but the given questions."""
    base = {q.id: "no" for q in SCREENING.questions}
    base.update(answers)
    return screen(base, SCREENING)


CLEAR = verdicts()
VOLUME = {"volume_loss"}

# name, findings, expected line codes in order, expected procedures
CASES = [
    ("volume loss, Merz 3/2",
     Findings(concerns=VOLUME, merz_left=3, merz_right=2, verdicts=CLEAR),
     ["fat_transfer", "mesotherapy_no_volume"], ("fat_transfer",)),
    ("Merz 2 on one hand is enough",
     Findings(concerns={"prominent_veins"}, merz_left=2, verdicts=CLEAR),
     ["fat_transfer", "mesotherapy_no_volume"], ("fat_transfer",)),
    ("crepey skin only",
     Findings(concerns={"crepey_skin"}, merz_left=0, merz_right=0, verdicts=CLEAR),
     ["mesotherapy"], ("mesotherapy",)),
    ("dryness and lost elasticity",
     Findings(concerns={"dryness", "loss_of_elasticity"}, verdicts=CLEAR),
     ["mesotherapy"], ("mesotherapy",)),
    ("volume and skin: combined protocol",
     Findings(concerns={"volume_loss", "prominent_tendons", "crepey_skin"}, merz_left=3, merz_right=3, verdicts=CLEAR),
     ["fat_transfer", "mesotherapy", "combined"], ("fat_transfer", "mesotherapy")),
    ("examination finds crepey skin the patient did not raise",
     Findings(skin_right=SkinQuality(texture="crepey"), verdicts=CLEAR),
     ["mesotherapy"], ("mesotherapy",)),
    ("moderate skin values alone call for nothing",
     Findings(skin_left=SkinQuality(hydration="moderate", elasticity="moderate", texture="slightly_rough"), verdicts=CLEAR),
     ["no_indication"], ()),
    ("Merz 3 but the patient only worries about crepe",
     Findings(concerns={"crepey_skin"}, merz_left=3, merz_right=3, verdicts=CLEAR),
     ["mesotherapy"], ("mesotherapy",)),
    ("mild volume loss",
     Findings(concerns=VOLUME, merz_left=1, merz_right=1, verdicts=CLEAR),
     ["volume_mild", "mesotherapy_no_volume"], ()),
    ("volume concern, hands not graded",
     Findings(concerns=VOLUME, verdicts=CLEAR),
     ["grade_hands_first", "mesotherapy_no_volume"], ()),
    ("age spots only",
     Findings(concerns={"lentigines"}, verdicts=CLEAR),
     ["refer_pigment", "no_indication"], ()),
    ("age spots seen on examination with crepey skin",
     Findings(concerns={"crepey_skin"}, lentigines_present=True, verdicts=CLEAR),
     ["mesotherapy", "refer_pigment"], ("mesotherapy",)),
    ("suspicious spot stops everything",
     Findings(concerns={"volume_loss", "crepey_skin", "lentigines"}, merz_left=4, merz_right=4,
              suspicious_lesion=True, verdicts=CLEAR),
     ["refer_dermatology"], ()),
    ("suspicious spot reported at screening",
     Findings(concerns={"crepey_skin"}, verdicts=verdicts(suspicious_skin_lesion="yes")),
     ["refer_dermatology"], ()),
    ("bleeding disorder rules out fat transfer",
     Findings(concerns=VOLUME, merz_left=3, merz_right=3, verdicts=verdicts(bleeding_disorder="yes")),
     ["fat_transfer_contraindicated", "mesotherapy_no_volume"], ()),
    ("a contraindicated verdict without reasons is still never recommended",
     Findings(concerns=VOLUME, merz_left=3, verdicts={"fat_transfer": Verdict("contraindicated"), "mesotherapy": Verdict("eligible")}),
     ["fat_transfer_contraindicated", "mesotherapy_no_volume"], ()),
    ("pregnant: mesotherapy ruled out",
     Findings(concerns={"dryness"}, verdicts=verdicts(pregnant="yes")),
     ["mesotherapy_contraindicated"], ()),
    ("pregnant with volume and skin concerns",
     Findings(concerns={"volume_loss", "dryness"}, merz_left=3, merz_right=2, verdicts=verdicts(pregnant="yes")),
     ["fat_transfer_after_wait", "mesotherapy_contraindicated"], ("fat_transfer",)),
    ("isotretinoin: mesotherapy after the wait",
     Findings(concerns={"crepey_skin"}, verdicts=verdicts(isotretinoin_last_12_months="yes")),
     ["mesotherapy_after_wait"], ("mesotherapy",)),
    ("no donor fat found on examination",
     Findings(concerns=VOLUME, merz_left=3, merz_right=3, donor_fat="insufficient", verdicts=CLEAR),
     ["fat_transfer_not_feasible", "mesotherapy_no_volume"], ()),
    ("no donor fat answered at screening",
     Findings(concerns=VOLUME, merz_left=3, merz_right=3, verdicts=verdicts(insufficient_donor_fat="yes")),
     ["fat_transfer_not_feasible", "mesotherapy_no_volume"], ()),
    ("no donor fat and a bleeding disorder",
     Findings(concerns=VOLUME, merz_left=3, donor_fat="insufficient",
              verdicts=verdicts(insufficient_donor_fat="yes", bleeding_disorder="yes")),
     ["fat_transfer_not_feasible", "fat_transfer_contraindicated", "mesotherapy_no_volume"], ()),
    ("limited donor fat",
     Findings(concerns=VOLUME, merz_left=3, merz_right=3, donor_fat="limited", verdicts=CLEAR),
     ["fat_transfer", "donor_fat_limited", "mesotherapy_no_volume"], ("fat_transfer",)),
    ("smoker: fat transfer with caution",
     Findings(concerns=VOLUME, merz_left=3, merz_right=3, verdicts=verdicts(smoker="yes")),
     ["fat_transfer", "mesotherapy_no_volume", "fat_transfer_caution"], ("fat_transfer",)),
    ("nothing answered at screening yet",
     Findings(concerns={"volume_loss", "crepey_skin"}, merz_left=2, merz_right=2, verdicts=screen({}, SCREENING)),
     ["fat_transfer", "mesotherapy", "combined", "fat_transfer_caution", "mesotherapy_caution"],
     ("fat_transfer", "mesotherapy")),
    ("screening not recorded",
     Findings(concerns={"volume_loss", "crepey_skin"}, merz_left=2, merz_right=2),
     ["fat_transfer", "mesotherapy", "combined", "screening_missing"], ("fat_transfer", "mesotherapy")),
    ("other concern",
     Findings(concerns={"other"}, verdicts=CLEAR),
     ["other_concern", "no_indication"], ()),
    ("nothing found",
     Findings(verdicts=CLEAR),
     ["no_indication"], ()),
]


@pytest.mark.parametrize("name, findings, codes, procedures", CASES, ids=[c[0] for c in CASES])
def test_rule_table(name, findings, codes, procedures):
    result = recommend(findings)
    assert list(result.codes()) == codes
    assert result.procedures == procedures
    for line in result.lines:
        assert text(line).strip()
        assert line.procedure in (None, *PROCEDURES)


def test_every_rule_is_exercised_and_codes_are_unique():
    codes = [rule.code for rule in RULES]
    assert len(codes) == len(set(codes))
    exercised = {code for case in CASES for code in case[2]}
    assert exercised == set(codes)


def line(result, code):
    return next(l for l in result.lines if l.code == code)


def test_volume_line_names_its_findings_and_the_filler_alternative():
    result = recommend(Findings(concerns=VOLUME, merz_left=3, merz_right=2, verdicts=CLEAR))
    fat = line(result, "fat_transfer")
    assert findings_of(fat) == ("Volume loss with Merz grade 3 (left) / 2 (right)",)
    assert fat.procedure == "fat_transfer"
    assert "hyaluronic-acid or calcium hydroxylapatite filler" in text(fat).lower()
    assert "restores no volume" in text(line(result, "mesotherapy_no_volume"))


def test_deferred_procedure_is_recommended_after_the_wait():
    result = recommend(Findings(concerns={"crepey_skin"}, verdicts=verdicts(isotretinoin_last_12_months="yes")))
    meso = line(result, "mesotherapy_after_wait")
    assert "after the wait" in text(meso) and "6–12 months" in text(meso)
    assert any("isotretinoin" in f for f in findings_of(meso))


def test_contraindication_says_why_and_offers_the_alternative():
    result = recommend(Findings(concerns=VOLUME, merz_left=3, verdicts=verdicts(bleeding_disorder="yes")))
    refused = line(result, "fat_transfer_contraindicated")
    assert refused.procedure is None
    # A bleeding disorder rules fillers out too: none is offered in its place.
    assert "Fillers are not an alternative" in text(refused)
    assert "alternative for volume is" not in text(refused)
    assert any("bleeding or clotting disorder" in f for f in findings_of(refused))


def test_ruled_out_mesotherapy_is_worded_as_a_practitioner_would():
    words = text(line(recommend(Findings(concerns={"dryness"}, verdicts=verdicts(pregnant="yes"))),
                      "mesotherapy_contraindicated"))
    assert "The alternative is no" not in words
    assert words == ("Mesotherapy is not recommended: screening rules it out. No other treatment for "
                    "skin quality is advised for now; this can be reviewed if the reason no longer applies.")


def test_a_caution_line_reads_to_the_patient_as_well_as_to_the_practitioner():
    # Printed on the patient's summary too: a statement of what happens, not an order to staff.
    words = text(line(recommend(Findings(concerns=VOLUME, merz_left=3, verdicts=verdicts(smoker="yes"))),
                      "fat_transfer_caution"))
    assert "settle these screening points" not in words
    assert words.startswith("Fat transfer needs extra care for the screening points found")


def test_pigment_referral_says_mesotherapy_does_not_treat_spots():
    words = text(line(recommend(Findings(lentigines_present=True, verdicts=CLEAR)), "refer_pigment"))
    assert "laser" in words and "Mesotherapy does not treat them" in words


@pytest.mark.parametrize(
    "kwargs, field",
    [
        ({"concerns": {"wrinkles"}}, "concerns"),
        ({"merz_left": 5}, "merz_left"),
        ({"merz_right": True}, "merz_right"),
        ({"donor_fat": "plenty"}, "donor_fat"),
        ({"verdicts": {"botox": Verdict("eligible")}}, "verdicts.botox"),
    ],
)
def test_invalid_findings_are_refused(kwargs, field):
    with pytest.raises(ValidationError) as info:
        Findings(**kwargs)
    assert field in info.value.errors


def test_invalid_skin_value_is_refused():
    with pytest.raises(ValidationError):
        SkinQuality(texture="silky")


# ----------------------------------------------------------------------------- properties

skin = st.none() | st.builds(
    SkinQuality,
    hydration=st.sampled_from([None, "good", "moderate", "poor"]),
    elasticity=st.sampled_from([None, "good", "moderate", "poor"]),
    texture=st.sampled_from([None, "smooth", "slightly_rough", "crepey"]),
)
findings_strategy = st.builds(
    Findings,
    concerns=st.frozensets(st.sampled_from(sorted(CONCERNS))),
    merz_left=st.none() | st.integers(0, 4),
    merz_right=st.none() | st.integers(0, 4),
    skin_left=skin,
    skin_right=skin,
    lentigines_present=st.booleans(),
    suspicious_lesion=st.booleans(),
    donor_fat=st.sampled_from([None, "adequate", "limited", "insufficient"]),
    verdicts=st.dictionaries(st.sampled_from(PROCEDURES), st.builds(Verdict, st.sampled_from(LEVELS))),
)


@settings(max_examples=400, deadline=None)
@given(findings_strategy)
def test_recommendation_invariants(findings):
    result = recommend(findings)
    assert result.lines, "there is always something to say"
    for procedure in result.procedures:
        verdict = findings.verdicts.get(procedure)
        assert verdict is None or verdict.level != "contraindicated"
    if findings.suspicious_lesion:
        assert result.procedures == () and result.codes() == ("refer_dermatology",)
    if "fat_transfer" in result.procedures:
        assert max(m for m in (findings.merz_left, findings.merz_right) if m is not None) >= 2
        assert findings.donor_fat != "insufficient"
    assert set(result.procedures) == {l.procedure for l in result.lines if l.procedure}


# ----------------------------------------------------------------------------- clinic-set Merz threshold


def test_mild_volume_reason_names_the_clinic_threshold_and_where_it_is_borrowed_from():
    result = recommend(Findings(concerns=VOLUME, merz_left=1, merz_right=1, verdicts=CLEAR))
    mild = next(line for line in result.lines if line.code == "volume_mild")
    assert "threshold of Merz grade 2" in text(mild)
    assert "borrowed from the entry criteria of the hand-filler trials" in text(mild)
    assert any("Clinic threshold" in f and "[U]" in f for f in findings_of(mild))


def test_the_merz_threshold_is_the_clinic_setting():
    from dataclasses import replace

    from rejuv_desktop.domain.thresholds import load_thresholds

    packaged = load_thresholds().merz_volume
    assert packaged.grade == 2 and packaged.evidence == "U"
    stricter = replace(packaged, grade=3)
    findings = Findings(concerns=VOLUME, merz_left=2, merz_right=2, verdicts=CLEAR)
    assert "fat_transfer" in recommend(findings).procedures
    at_three = recommend(findings, merz_threshold=stricter)
    assert "fat_transfer" not in at_three.procedures
    assert "threshold of Merz grade 3" in text(next(l for l in at_three.lines if l.code == "volume_mild"))


@pytest.mark.parametrize("change, message, bad", [
    (("grade = 2", "grade = 5"), "Merz grade from 0 to 4", "grade = 5"),
    (("grade = 2", "grade = true"), "Merz grade from 0 to 4", "grade = true"),
    (('evidence = "U"', 'evidence = "verified"'), "'evidence' must be one of", 'evidence = "verified"'),
    (("borrowed_from =", "borowed_from ="), "unknown key 'borowed_from'", "borowed_from ="),
])
def test_threshold_file_mistakes_name_the_line(tmp_path, change, message, bad):
    from rejuv_desktop.content import resource_path
    from rejuv_desktop.domain.thresholds import load_thresholds
    from rejuv_desktop.errors import ContentError

    text = resource_path("recommendation.toml").read_text(encoding="utf-8")
    assert change[0] in text
    path = tmp_path / "recommendation.toml"
    path.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_thresholds(path)
    assert message in str(info.value)
    assert bad in path.read_text(encoding="utf-8").splitlines()[info.value.line - 1]


# ----------------------------------------------------------------------------- what a record stores

import json  # noqa: E402
from pathlib import Path  # noqa: E402

from rejuv_desktop.domain.recommendation import Recommendation, RecommendationLine, StoredLine  # noqa: E402

STORED_AS_WORDS = Path(__file__).resolve().parents[1] / "fixtures" / "recommendation_stored_as_words.json"


def _words(value) -> list[str]:
    """Every string inside a JSON value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [w for v in value.values() for w in _words(v)]
    if isinstance(value, list):
        return [w for v in value for w in _words(v)]
    return []


@settings(max_examples=200, deadline=None)
@given(findings_strategy)
def test_a_recommendation_is_stored_as_codes_and_reads_back_the_same(findings):
    result = recommend(findings)
    stored = json.loads(json.dumps(result.to_json()))
    # No sentence in the record: only codes (snake_case), numbers, and evidence grades.
    assert all(" " not in w for w in _words(stored)), stored
    again = Recommendation.from_json(stored)
    assert again == result
    assert [text(l) for l in again.lines] == [text(l) for l in result.lines]
    assert [findings_of(l) for l in again.lines] == [findings_of(l) for l in result.lines]


def test_a_record_stored_as_english_sentences_reads_exactly_as_stored():
    stored = json.loads(STORED_AS_WORDS.read_text(encoding="utf-8"))
    result = Recommendation.from_json(stored)
    assert all(isinstance(l, StoredLine) for l in result.lines)
    assert result.codes() == ("fat_transfer_contraindicated", "mesotherapy_contraindicated")
    for kept, line in zip(stored["lines"], result.lines):
        assert text(line) == kept["text"]
        assert list(findings_of(line)) == kept["findings"]
    # Written back unchanged (an amendment or an export never rewrites what was stored).
    assert result.to_json()["lines"] == stored["lines"]
    # The words come from the record, not from today's rules: a changed sentence stays changed.
    stored["lines"][0]["text"] = "Worded by an earlier version."
    assert text(Recommendation.from_json(stored).lines[0]) == "Worded by an earlier version."


def test_lines_from_both_shapes_can_stand_side_by_side():
    new = recommend(Findings(concerns=VOLUME, merz_left=3, merz_right=2, verdicts=CLEAR)).to_json()
    old = json.loads(STORED_AS_WORDS.read_text(encoding="utf-8"))
    mixed = Recommendation.from_json({"procedures": [], "lines": new["lines"] + old["lines"]})
    kinds = [type(l) for l in mixed.lines]
    assert kinds == [RecommendationLine, RecommendationLine, StoredLine, StoredLine]


def test_the_records_module_functions_read_and_write_the_same_shapes():
    from rejuv_desktop.domain.recommendation import from_dict, to_dict

    result = recommend(Findings(concerns=VOLUME, merz_left=3, merz_right=2, verdicts=CLEAR))
    assert to_dict(result) == result.to_json() and from_dict(to_dict(result)) == result
    assert from_dict(None) == Recommendation((), ())
    old = json.loads(STORED_AS_WORDS.read_text(encoding="utf-8"))
    assert to_dict(from_dict(old))["lines"] == old["lines"]
