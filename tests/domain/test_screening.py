"""Screening: the packaged rules, clinical vignettes, unknown answers, content errors, snapshots."""

import copy
import dataclasses
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rejuv_desktop.content import resource_path
from rejuv_desktop.domain.procedures import procedure_ids
from rejuv_desktop.domain.screening import (
    LEVELS,
    REQUIRED_QUESTION_IDS,
    ScreeningRules,
    answers_from_snapshot,
    effective_answers,
    load_rules,
    most_severe,
    screen,
    severity,
    snapshot,
    upgrade_snapshot,
)
from rejuv_desktop.errors import ContentError, ValidationError

PROCEDURES = procedure_ids()

RULES = load_rules()
ALL_IDS = tuple(q.id for q in RULES.questions)


def healthy(**overrides):
    """Every question answered "no", with the given answers on top."""
    answers = {qid: "no" for qid in ALL_IDS}
    answers.update(overrides)
    return answers


# name, answers, expected fat_transfer level, expected mesotherapy level
VIGNETTES = [
    ("healthy patient", healthy(), "eligible", "eligible"),
    ("nothing answered yet", {}, "caution", "caution"),
    ("everything unknown", {q: "unknown" for q in ALL_IDS}, "caution", "caution"),
    ("pregnant, not breastfeeding", healthy(pregnant="yes"), "defer", "contraindicated"),
    ("breastfeeding, not pregnant", healthy(breastfeeding="yes"), "defer", "contraindicated"),
    ("pregnant and breastfeeding", healthy(pregnant="yes", breastfeeding="yes"), "defer", "contraindicated"),
    ("pregnancy not known", healthy(pregnant="unknown"), "caution", "caution"),
    ("allergic to an injected product", healthy(allergy_injected_products="yes"), "eligible", "contraindicated"),
    ("allergic to lidocaine", healthy(allergy_lidocaine="yes"), "caution", "contraindicated"),
    ("nickel allergy", healthy(nickel_allergy="yes"), "eligible", "contraindicated"),
    ("active skin infection", healthy(active_skin_infection="yes"), "defer", "defer"),
    ("on a blood thinner", healthy(anticoagulants="yes"), "caution", "contraindicated"),
    ("takes fish oil and ibuprofen", healthy(blood_thinning_supplements="yes"), "caution", "caution"),
    ("bleeding disorder", healthy(bleeding_disorder="yes"), "contraindicated", "contraindicated"),
    ("smoker", healthy(smoker="yes"), "caution", "eligible"),
    ("smoking not known", healthy(smoker="unknown"), "caution", "eligible"),
    ("lupus", healthy(autoimmune_disease="yes"), "caution", "contraindicated"),
    ("keloid scarring in the family", healthy(keloid_tendency="yes"), "caution", "contraindicated"),
    ("isotretinoin this year", healthy(isotretinoin_last_12_months="yes"), "eligible", "defer"),
    ("isotretinoin not known", healthy(isotretinoin_last_12_months="unknown"), "eligible", "caution"),
    ("laser on the hands last month", healthy(recent_laser_or_peel="yes"), "eligible", "defer"),
    ("on steroid tablets", healthy(immunosuppressed="yes"), "caution", "contraindicated"),
    ("diabetes on tablets", healthy(diabetes="yes", insulin_treated_diabetes="no"), "caution", "eligible"),
    ("diabetes on insulin", healthy(diabetes="yes", insulin_treated_diabetes="yes"), "caution", "contraindicated"),
    ("diabetes, insulin not asked yet", {**healthy(diabetes="yes"), "insulin_treated_diabetes": "unknown"}, "caution", "caution"),
    ("no diabetes, insulin question skipped", {k: v for k, v in healthy().items() if k != "insulin_treated_diabetes"}, "eligible", "eligible"),
    ("very slim, no fat to harvest", healthy(insufficient_donor_fat="yes"), "contraindicated", "eligible"),
    ("losing weight", healthy(unstable_weight="yes"), "caution", "eligible"),
    ("chemotherapy this year", healthy(cancer_treatment="yes"), "caution", "contraindicated"),
    ("suspicious spot on the hand", healthy(suspicious_skin_lesion="yes"), "defer", "defer"),
    ("expects volume from mesotherapy", healthy(unrealistic_expectations="yes"), "caution", "caution"),
    ("treated high blood pressure", healthy(heart_disease="yes"), "caution", "caution"),
    ("flu vaccine last week", healthy(recent_vaccine_or_dental="yes"), "eligible", "defer"),
    ("smoker on a blood thinner after isotretinoin",
     healthy(smoker="yes", anticoagulants="yes", isotretinoin_last_12_months="yes"), "caution", "contraindicated"),
    ("infected cut and a smoker", healthy(active_skin_infection="yes", smoker="yes"), "defer", "defer"),
    ("suspicious spot and no donor fat", healthy(suspicious_skin_lesion="yes", insufficient_donor_fat="yes"),
     "contraindicated", "defer"),
    ("pregnant with unknown allergies", healthy(pregnant="yes", allergy_injected_products="unknown"),
     "defer", "contraindicated"),
]


@pytest.mark.parametrize("name, answers, fat_level, meso_level", VIGNETTES, ids=[v[0] for v in VIGNETTES])
def test_vignette(name, answers, fat_level, meso_level):
    verdicts = screen(answers, RULES)
    assert set(verdicts) == set(PROCEDURES)
    assert verdicts["fat_transfer"].level == fat_level
    assert verdicts["mesotherapy"].level == meso_level
    for procedure, verdict in verdicts.items():
        # The level is the most severe reason, and the reasons come most severe first.
        assert verdict.level == most_severe(r.level for r in verdict.reasons)
        ranks = [severity(r.level) for r in verdict.reasons]
        assert ranks == sorted(ranks, reverse=True)
        if verdict.level == "eligible":
            assert verdict.reasons == ()
        assert all(reason.text.strip() for reason in verdict.reasons)
        # Every "yes" that weighs on the procedure is named, never just the worst one.
        yes_ids = {r.question_id for r in verdict.reasons if r.answer == "yes"}
        expected_yes = {
            rule.question_id
            for rule in RULES.rules_for(procedure)
            if effective_answers(answers, RULES)[rule.question_id] == "yes"
        }
        assert yes_ids == expected_yes


def test_there_are_enough_vignettes():
    assert len(VIGNETTES) >= 25


def test_pregnancy_and_breastfeeding_both_listed():
    verdict = screen(healthy(pregnant="yes", breastfeeding="yes"), RULES)["fat_transfer"]
    assert [r.question_id for r in verdict.reasons] == ["pregnant", "breastfeeding"]
    assert all(r.wait for r in verdict.reasons)


def test_unknown_answer_says_what_to_confirm():
    verdict = screen(healthy(pregnant="unknown"), RULES)["mesotherapy"]
    (reason,) = verdict.reasons
    assert reason.answer == "unknown" and reason.level == "caution"
    assert reason.text.startswith("Not known whether the patient is pregnant")
    assert "confirm before treatment" in reason.text
    assert "contraindicated" in reason.text


def test_unknown_answer_to_irrelevant_question_is_no_reason():
    # Smoking has no mesotherapy rule, so not knowing it does not hold mesotherapy up.
    verdicts = screen(healthy(smoker="unknown"), RULES)
    assert verdicts["mesotherapy"].reasons == ()


def test_defer_carries_the_wait():
    verdict = screen(healthy(isotretinoin_last_12_months="yes"), RULES)["mesotherapy"]
    assert verdict.waits == ("6–12 months after the end of the isotretinoin course",)
    assert "6–12 months" in verdict.reasons[0].text


def test_suspicious_lesion_defers_both_until_dermatology():
    verdicts = screen(healthy(suspicious_skin_lesion="yes"), RULES)
    for verdict in verdicts.values():
        assert "dermatologist" in verdict.reasons[0].text


def test_missing_answers_count_as_unknown_and_none_too():
    answers = healthy()
    del answers["pregnant"]
    assert screen(answers, RULES) == screen(healthy(pregnant=None), RULES) == screen(healthy(pregnant="unknown"), RULES)


@pytest.mark.parametrize("bad", ["maybe", "Yes", "", "true", 1, True])
def test_invalid_answer_is_refused(bad):
    with pytest.raises(ValidationError) as info:
        screen(healthy(pregnant=bad), RULES)
    assert "pregnant" in info.value.errors


def test_answer_to_unknown_question_is_refused():
    with pytest.raises(ValidationError) as info:
        screen(healthy(pregant="yes"), RULES)
    assert "pregant" in info.value.errors


def test_levels_and_helpers():
    assert LEVELS == ("eligible", "caution", "defer", "contraindicated")
    assert most_severe([]) == "eligible"
    assert most_severe(["caution", "contraindicated", "defer"]) == "contraindicated"
    with pytest.raises(ValueError):
        severity("forbidden")


# ----------------------------------------------------------------------------- the packaged file


def test_packaged_rules_hold_every_required_question():
    assert set(REQUIRED_QUESTION_IDS) <= set(ALL_IDS)
    assert RULES.id == "screening" and RULES.version
    assert RULES.sections()[:2] == ("Pregnancy", "Allergies")
    assert RULES.question("pregnant").section == "Pregnancy"
    assert RULES.questions_in("Feasibility")[0].id == "insufficient_donor_fat"
    assert load_rules() is load_rules()  # cached
    assert set(dict(RULES.levels)) == set(LEVELS)


def test_packaged_rules_follow_the_clinical_facts():
    def rule(question, procedure):
        return next(r for r in RULES.rules if r.question_id == question and r.procedure == procedure)

    assert rule("pregnant", "mesotherapy").level == "contraindicated"
    assert rule("pregnant", "fat_transfer").level == "defer"
    # Fat-transfer severities are only proposed by the sources, so they are graded unverified.
    assert rule("pregnant", "fat_transfer").evidence == "U"
    assert all(r.evidence == "U" for r in RULES.rules_for("fat_transfer")
               if r.question_id not in ("suspicious_skin_lesion", "appearance_distress_or_impact"))
    # A level taken from a clinic's web page is graded as such, never as verified evidence.
    assert rule("nickel_allergy", "mesotherapy").evidence == "C"
    assert rule("anticoagulants", "mesotherapy").evidence == "C"
    assert rule("suspicious_skin_lesion", "fat_transfer").evidence == "S"
    assert rule("keloid_tendency", "mesotherapy").level == "contraindicated"
    assert rule("recent_laser_or_peel", "mesotherapy").wait.startswith("4–6 weeks")
    assert not any(r.question_id == "insufficient_donor_fat" for r in RULES.rules_for("mesotherapy"))
    assert all(r.source for r in RULES.rules)


# ----------------------------------------------------------------------------- content errors

SOURCE = resource_path("screening.toml").read_text(encoding="utf-8")

BROKEN = [
    ("unknown level", ('level = "caution"\nsource = "http://mcosmeticsurgery', 'level = "sometimes"\nsource = "http://mcosmeticsurgery'),
     "unknown level 'sometimes'", 'level = "sometimes"'),
    ("rule for unknown question", ('question = "smoker"', 'question = "smokr"'),
     "unknown question 'smokr'", 'question = "smokr"'),
    ("duplicate question id", ('id = "breastfeeding"', 'id = "pregnant"'),
     "duplicate question id 'pregnant'", 'id = "pregnant"'),
    ("missing required question", ('id = "unstable_weight"', 'id = "weight_changes"'),
     "required question(s) missing: unstable_weight", "[[questions]]"),
    ("unknown procedure", ('procedure = "mesotherapy"\nlevel = "defer"', 'procedure = "meso"\nlevel = "defer"'),
     "unknown procedure 'meso'", 'procedure = "meso"'),
    ("misspelt key", ('follows = "diabetes"', 'folows = "diabetes"'),
     "unknown key 'folows'", "folows"),
    ("TOML syntax", ('id = "smoker"', "id = smoker"), "not valid TOML", "id = smoker"),
    ("unknown evidence grade", ('evidence = "C"', 'evidence = "verified"'),
     "'evidence' must be one of S, P, C, U", 'evidence = "verified"'),
    ("evidence and verified both", ('evidence = "C"', 'evidence = "C"\nverified = true'),
     "give 'evidence' only", "verified = true"),
]


@pytest.mark.parametrize("name, change, message, bad_line", BROKEN, ids=[b[0] for b in BROKEN])
def test_content_mistake_names_file_and_line(tmp_path, name, change, message, bad_line):
    old, new = change
    assert old in SOURCE
    text = SOURCE.replace(old, new, 1)
    path = tmp_path / "screening.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_rules(path)
    error = info.value
    assert message in error.message
    assert error.path == str(path) and str(path) in str(error)
    assert error.line is not None and f"line {error.line}" in str(error)
    assert bad_line in text.splitlines()[error.line - 1]


WORDS = resource_path("text", "en", "screening.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize("old, key", [
    ('wait = "4–6 weeks after the laser, peel or cryotherapy"\n', "wait"),
    ('reason = "Mesotherapy waits after laser', "reason"),
])
def test_a_rule_missing_its_words_names_the_words_file_and_key(tmp_path, old, key):
    from rejuv_desktop.content import ContentFile, load_toml
    from rejuv_desktop.domain.screening_reader import parse_rules

    assert old in WORDS
    start = WORDS.index("[rules.recent_laser_or_peel.mesotherapy]")
    at = WORDS.index(old, start)
    text = WORDS[:at] + ("" if key == "wait" else "# " + old) + WORDS[at + len(old):]
    path = tmp_path / "screening.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as info:
        parse_rules(load_toml(resource_path("screening.toml")), words=load_toml(path))
    assert str(path) in str(info.value)
    assert "[rules.recent_laser_or_peel.mesotherapy]" in info.value.message
    assert f"missing '{key}'" in info.value.message


def test_missing_file_is_a_content_error(tmp_path):
    with pytest.raises(ContentError):
        load_rules(tmp_path / "nope.toml")


# ----------------------------------------------------------------------------- snapshots


def test_snapshot_is_json_and_complete():
    answers = healthy(pregnant="yes", anticoagulants="unknown")
    snap = snapshot(answers, RULES, details={"pregnant": " 12 weeks "})
    assert json.loads(json.dumps(snap)) == snap
    assert snap["rules_id"] == RULES.id and snap["rules_version"] == RULES.version
    by_id = {q["id"]: q for q in snap["questions"]}
    assert set(by_id) == set(ALL_IDS)
    assert by_id["pregnant"]["text"] == RULES.question("pregnant").text
    assert by_id["pregnant"]["answer"] == "yes" and by_id["pregnant"]["detail"] == "12 weeks"
    assert by_id["anticoagulants"]["answer"] == "unknown" and by_id["anticoagulants"]["detail"] is None
    assert snap["verdicts"]["mesotherapy"]["level"] == "contraindicated"
    assert answers_from_snapshot(snap) == effective_answers(answers, RULES)


def test_skipped_follow_up_is_stored_as_not_asked():
    answers = {k: v for k, v in healthy().items() if k != "insulin_treated_diabetes"}
    by_id = {q["id"]: q for q in snapshot(answers, RULES)["questions"]}
    assert by_id["insulin_treated_diabetes"]["asked"] is False
    assert by_id["insulin_treated_diabetes"]["answer"] == "no"
    assert by_id["diabetes"]["asked"] is True


def test_detail_for_unknown_question_is_refused():
    with pytest.raises(ValidationError):
        snapshot(healthy(), RULES, details={"nonsense": "x"})


def test_snapshot_unchanged_after_the_rules_change():
    answers = healthy(smoker="yes", pregnant="unknown")
    stored = snapshot(answers, RULES)
    before = copy.deepcopy(stored)

    # The clinic rewords a question and makes smoking a contraindication for fat transfer.
    questions = tuple(
        dataclasses.replace(q, text="Do you use tobacco in any form?") if q.id == "smoker" else q
        for q in RULES.questions
    )
    rules = tuple(
        dataclasses.replace(r, level="contraindicated") if (r.question_id, r.procedure) == ("smoker", "fat_transfer") else r
        for r in RULES.rules
    )
    changed = dataclasses.replace(RULES, version="2099.1", questions=questions, rules=rules)
    assert screen(answers, changed)["fat_transfer"].level == "contraindicated"
    assert snapshot(answers, changed)["questions"] != stored["questions"]

    assert stored == before
    smoker = next(q for q in stored["questions"] if q["id"] == "smoker")
    assert smoker["text"] == RULES.question("smoker").text
    assert stored["rules_version"] == RULES.version
    assert stored["verdicts"]["fat_transfer"]["level"] == "caution"


def test_snapshot_unchanged_after_the_file_changes(tmp_path):
    answers = healthy(keloid_tendency="yes")
    stored = snapshot(answers, RULES)
    before = json.dumps(stored, sort_keys=True)
    path = tmp_path / "screening.toml"
    path.write_text(SOURCE.replace('version = "2025.1"', 'version = "2025.2"').replace(
        "Have you or a close relative ever formed raised", "Do you or your family form raised"), encoding="utf-8")
    reloaded = load_rules(path)
    assert reloaded.version == "2025.2"
    assert snapshot(answers, reloaded)["rules_version"] == "2025.2"
    assert json.dumps(stored, sort_keys=True) == before


# ----------------------------------------------------------------------------- properties

answers_strategy = st.dictionaries(st.sampled_from(ALL_IDS), st.sampled_from(["yes", "no", "unknown"]))


def _effectively_unknown(rules: ScreeningRules, answers, question_id) -> bool:
    """Independent reading of the follow-up rule: skipped after a "no" to the parent."""
    question = rules.question(question_id)
    if answers.get(question_id, "unknown") != "unknown":
        return False
    if question.follows and answers.get(question.follows, "unknown") == "no":
        return False
    return True


@settings(max_examples=300, deadline=None)
@given(answers_strategy)
def test_never_eligible_when_a_contraindicating_question_is_unknown(answers):
    verdicts = screen(answers, RULES)
    for procedure in PROCEDURES:
        for rule in RULES.rules_for(procedure):
            if rule.level in ("defer", "contraindicated") and _effectively_unknown(RULES, answers, rule.question_id):
                assert verdicts[procedure].level != "eligible"
                assert any(r.question_id == rule.question_id and r.answer == "unknown" for r in verdicts[procedure].reasons)


@settings(max_examples=300, deadline=None)
@given(answers_strategy)
def test_verdict_is_at_least_as_severe_as_every_yes(answers):
    verdicts = screen(answers, RULES)
    for procedure in PROCEDURES:
        level = verdicts[procedure].level
        for rule in RULES.rules_for(procedure):
            if answers.get(rule.question_id) == "yes":
                assert severity(level) >= severity(rule.level)


# ----------------------------------------------------------------------------- questions hands need

HAND_QUESTIONS = {
    # question: (fat transfer level, mesotherapy level)
    "raynaud_phenomenon": ("contraindicated", "contraindicated"),
    "hand_surgery_or_condition": ("caution", "caution"),
    "lymphoedema_or_node_clearance": ("contraindicated", "contraindicated"),
    "complex_regional_pain_syndrome": ("contraindicated", "contraindicated"),
    "previous_hand_filler_or_fat": ("caution", "caution"),
    "permanent_hand_filler": ("contraindicated", "contraindicated"),
    "anaphylaxis_history": ("caution", "contraindicated"),
    "allergy_latex_antiseptic_antibiotic_dressing": ("caution", "caution"),
    "allergy_mesotherapy_product": ("eligible", "contraindicated"),
    "epilepsy": ("caution", "caution"),
    "thyroid_disease": ("caution", "caution"),
    "appearance_distress_or_impact": ("caution", "caution"),
}


@pytest.mark.parametrize("question, levels", HAND_QUESTIONS.items(), ids=list(HAND_QUESTIONS))
def test_questions_hands_need_give_their_level_per_procedure(question, levels):
    answers = healthy(**{question: "yes"})
    if RULES.question(question).follows:
        answers[RULES.question(question).follows] = "yes"
    verdicts = screen(answers, RULES)
    assert (verdicts["fat_transfer"].level, verdicts["mesotherapy"].level) == levels
    for verdict in verdicts.values():
        for reason in verdict.reasons:
            assert reason.text and reason.source and reason.evidence in "SPCU"


def test_new_questions_come_after_the_stored_ones():
    # Stored consultations refer to the original ids: they all stay, and the hand questions
    # were added after the last of them.
    ids = [q.id for q in RULES.questions]
    assert set(REQUIRED_QUESTION_IDS) <= set(ids)
    assert ids.index("raynaud_phenomenon") > ids.index("unrealistic_expectations")


def test_body_image_screen_needs_both_prompts():
    # Preoccupation alone gives no reason; with distress or impact it calls for a referral note.
    alone = screen(healthy(appearance_preoccupation="yes"), RULES)
    assert alone["fat_transfer"].level == "eligible"
    both = screen(healthy(appearance_preoccupation="yes", appearance_distress_or_impact="yes"), RULES)
    assert "referral note" in both["mesotherapy"].reasons[0].text
    skipped = {k: v for k, v in healthy().items() if k != "appearance_distress_or_impact"}
    assert screen(skipped, RULES)["fat_transfer"].level == "eligible"  # not asked after a no


def test_every_level_that_differs_between_procedures_says_why():
    for q in RULES.questions:
        rules = {r.procedure: r for r in RULES.rules if r.question_id == q.id}
        if len(rules) == 2 and rules["fat_transfer"].level != rules["mesotherapy"].level:
            assert rules["fat_transfer"].level_note and rules["mesotherapy"].level_note, q.id
    note = next(r for r in RULES.rules if r.question_id == "anticoagulants").level_note
    assert "clinic" in note and "align" in note
    reason = screen(healthy(anticoagulants="yes"), RULES)["mesotherapy"].reasons[0]
    assert reason.level_note == note and reason.evidence == "C"


def test_unverified_levels_are_the_stricter_default_where_the_sources_are_silent():
    silent = [r for r in RULES.rules if r.source.startswith("Not covered by the reference")]
    assert silent and all(r.level == "contraindicated" and r.evidence == "U" for r in silent)


def test_an_older_file_with_verified_still_loads_with_honest_grades(tmp_path):
    text = SOURCE.replace('evidence = "P"', "verified = true").replace('evidence = "U"', "verified = false")
    path = tmp_path / "screening.toml"
    path.write_text(text, encoding="utf-8")
    old = load_rules(path)
    # "verified = true" never reads as more than a clinic page.
    assert {r.evidence for r in old.rules} <= {"C", "S", "U"}
    assert next(r for r in old.rules if r.question_id == "pregnant").evidence == "U"


def test_stored_snapshot_with_verified_is_read_with_evidence():
    stored = snapshot(healthy(pregnant="yes"), RULES)
    for verdict in stored["verdicts"].values():
        for reason in verdict["reasons"]:
            del reason["evidence"], reason["level_note"], reason["derived"]
            reason["verified"] = reason["level"] == "contraindicated"
    for q in stored["questions"]:
        del q["derived_from"]
    before = copy.deepcopy(stored)
    upgraded = upgrade_snapshot(stored)
    assert stored == before  # the stored record itself is untouched
    meso = upgraded["verdicts"]["mesotherapy"]["reasons"][0]
    fat = upgraded["verdicts"]["fat_transfer"]["reasons"][0]
    assert (meso["evidence"], fat["evidence"]) == ("C", "U")
    assert "verified" not in meso and meso["derived"] is None
    assert upgrade_snapshot(upgrade_snapshot(stored)) == upgraded


def test_reason_from_a_finding_says_where_it_came_from():
    answers = healthy(suspicious_skin_lesion="yes")
    verdict = screen(answers, RULES, {"suspicious_skin_lesion": "hands"})["fat_transfer"]
    assert verdict.reasons[0].derived == "hands"
    snap = snapshot(answers, RULES, derived={"suspicious_skin_lesion": "hands"})
    assert next(q for q in snap["questions"] if q["id"] == "suspicious_skin_lesion")["derived_from"] == "hands"
    assert snap["verdicts"]["fat_transfer"]["reasons"][0]["derived"] == "hands"


# ----------------------------------------------------------------------------- words per language

WORDS = resource_path("text", "en", "screening.toml").read_text(encoding="utf-8")


def _load_with_words(tmp_path, words_text):
    from rejuv_desktop.content import load_toml
    from rejuv_desktop.content.words import load_words
    from rejuv_desktop.domain.screening_reader import parse_rules

    path = tmp_path / "screening.toml"
    path.write_text(words_text, encoding="utf-8")
    return path, lambda: parse_rules(load_toml(resource_path("screening.toml")), words=load_words("screening", "en", path))


def test_the_questions_words_come_from_the_language_file_keyed_by_id(tmp_path):
    assert 'text = "Are you pregnant' not in SOURCE  # the screening file says what, not how
    q = RULES.question("pregnant")
    assert q.text.startswith("Are you pregnant") and q.section == "Pregnancy"
    old = 'text = "Are you pregnant, or planning to become pregnant in the coming months?"'
    assert old in WORDS
    _, load = _load_with_words(tmp_path, WORDS.replace(old, 'text = "Are you expecting a baby?"'))
    assert load().question("pregnant").text == "Are you expecting a baby?"


@pytest.mark.parametrize("change, message, bad", [
    (('[questions.smoker]\nsection = "Medicines"\n', '[questions.smoker]\n'),
     "[questions.smoker] is missing 'section'", "[questions.smoker]"),
    (('text = "Are you pregnant', 'txet = "Are you pregnant'),
     "unknown key 'txet' in [questions.pregnant]", "txet ="),
    (('lang = "en"', 'lang = "fr"'), "'lang' must be \"en\"", 'lang = "fr"'),
])
def test_a_mistake_in_the_questions_words_names_the_file_and_line(tmp_path, change, message, bad):
    assert change[0] in WORDS
    path, load = _load_with_words(tmp_path, WORDS.replace(change[0], change[1], 1))
    with pytest.raises(ContentError) as info:
        load()
    assert message in info.value.message and info.value.path == str(path)
    assert bad in path.read_text(encoding="utf-8").splitlines()[info.value.line - 1]


def test_a_question_without_words_is_a_content_error(tmp_path):
    start = WORDS.index("[questions.smoker]")
    end = WORDS.index("[questions.", start + 1)
    path, load = _load_with_words(tmp_path, WORDS[:start] + WORDS[end:])
    with pytest.raises(ContentError, match=r"no \[questions.smoker\] table"):
        load()
