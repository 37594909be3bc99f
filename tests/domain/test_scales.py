"""Scales: the packaged descriptors load, every grade is there, mistakes name their line."""

import pytest

from rejuv_desktop.content import resource_path
from rejuv_desktop.domain.scales import (
    EXPECTED_VALUES,
    fitzpatrick_description,
    gais_description,
    gais_label,
    load_scales,
    merz_description,
    option_label,
)
from rejuv_desktop.errors import ContentError, ValidationError

SCALES = load_scales()


def test_every_scale_has_every_grade_with_words():
    assert SCALES.id == "scales" and SCALES.version
    assert {s.id for s in SCALES.scales} == set(EXPECTED_VALUES)
    for scale in SCALES.scales:
        assert scale.values() == EXPECTED_VALUES[scale.id]
        assert scale.name and scale.version and scale.source
        for grade in scale.grades:
            assert grade.label.strip() and grade.description.strip()


@pytest.mark.parametrize(
    "grade, words",
    [(0, "No loss"), (1, "slightly visible"), (2, "mildly visible"), (3, "moderately visible"), (4, "markedly visible")],
)
def test_merz_descriptions(grade, words):
    assert words in merz_description(grade)


def test_fitzpatrick_by_number_or_numeral():
    assert fitzpatrick_description(1) == fitzpatrick_description("I")
    assert "never tans" in fitzpatrick_description(1)
    assert "never burns" in fitzpatrick_description("vi")
    assert [g.label for g in SCALES.fitzpatrick.grades] == ["I", "II", "III", "IV", "V", "VI"]


def test_gais_is_lower_is_better():
    assert gais_label(1) == "Very much improved"
    assert gais_label(4) == "No change"
    assert gais_label(5) == "Worse"
    assert "baseline" in gais_description(2)
    assert "1 = best" in SCALES.gais.version


def test_options():
    assert option_label("texture", "crepey") == "Crepey"
    assert SCALES.donor_fat.values() == ("adequate", "limited", "insufficient")
    assert SCALES.hydration.values() == ("good", "moderate", "poor")
    # Clinic options, not validated scales: flagged as such.
    assert SCALES.texture.evidence == "U" and SCALES.merz.evidence == "S"
    assert SCALES.gais.evidence == "C"  # a device manual is a commercial page, not verified evidence


@pytest.mark.parametrize("scale_id, value", [("merz", 5), ("merz", -1), ("merz", "2"), ("merz", True), ("texture", "silky")])
def test_value_outside_the_scale_is_refused(scale_id, value):
    with pytest.raises(ValidationError) as info:
        SCALES.get(scale_id).check(value)
    assert scale_id in info.value.errors


def test_check_allows_none_unless_required():
    assert SCALES.merz.check(None) is None
    assert SCALES.merz.check(3) == 3
    with pytest.raises(ValidationError):
        SCALES.merz.check(None, required=True)


SOURCE = resource_path("scales.toml").read_text(encoding="utf-8")

BROKEN = [
    ("renamed option value", ('value = "limited"', 'value = "some"'), "grade values must be exactly", 'value = "some"'),
    ("merz grade out of range", ('value = 4\n', 'value = 5\n'), "grade values must be exactly", "value = 5"),
    ("misspelt key", ('evidence = "S"', 'evidnce = "S"'), "unknown key 'evidnce'", "evidnce"),
    ("unknown scale", ('id = "texture"', 'id = "colour"'), "unknown scale id 'colour'", 'id = "colour"'),
    ("missing version", ('version = "GAIS 1-5, 1 = best"\n', ""), "'version' must be", '[[scales]]'),
    ("unknown evidence grade", ('evidence = "S"', 'evidence = "yes"'), "'evidence' must be one of", 'evidence = "yes"'),
]


def test_older_scales_file_with_verified_reads_no_higher_than_a_clinic_page(tmp_path):
    path = tmp_path / "scales.toml"
    path.write_text(SOURCE.replace('evidence = "S"', "verified = true"), encoding="utf-8")
    assert load_scales(path).merz.evidence == "C"


@pytest.mark.parametrize("name, change, message, bad_line", BROKEN, ids=[b[0] for b in BROKEN])
def test_content_mistake_names_file_and_line(tmp_path, name, change, message, bad_line):
    old, new = change
    assert old in SOURCE
    text = SOURCE.replace(old, new, 1)
    path = tmp_path / "scales.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_scales(path)
    error = info.value
    assert message in error.message
    assert str(path) in str(error) and error.line is not None
    assert bad_line in text.splitlines()[error.line - 1]


# ----------------------------------------------------------------------------- words per language

SCALE_WORDS = resource_path("text", "en", "scales.toml").read_text(encoding="utf-8")


def _scales_with_words(tmp_path, words_text):
    from rejuv_desktop.content import load_toml
    from rejuv_desktop.content.words import load_words
    from rejuv_desktop.domain.scales import parse_scales

    path = tmp_path / "scales.toml"
    path.write_text(words_text, encoding="utf-8")
    return path, lambda: parse_scales(load_toml(resource_path("scales.toml")), words=load_words("scales", "en", path))


def test_the_scales_words_come_from_the_language_file_keyed_by_id_and_value(tmp_path):
    assert "Merz Hand Grading Scale" not in resource_path("scales.toml").read_text(encoding="utf-8")
    merz = load_scales().get("merz")
    assert merz.name == "Merz Hand Grading Scale" and merz.label(4) == "4 - Very severe"
    _, load = _scales_with_words(tmp_path, SCALE_WORDS.replace('label = "4 - Very severe"', 'label = "4 - Marked"'))
    assert load().get("merz").label(4) == "4 - Marked"


@pytest.mark.parametrize("change, message, bad", [
    (('label = "IV"', 'lable = "IV"'), "unknown key 'lable' in [grades.fitzpatrick.4]", "lable ="),
    (('description = "Thin, finely wrinkled', 'description = "" #'), "must be non-empty text", "description ="),
    (('[grades.merz.3]\nlabel = "3 - Severe"\n', '[grades.merz.3]\n'), "[grades.merz.3] is missing 'label'",
     "[grades.merz.3]"),
])
def test_a_mistake_in_the_scales_words_names_the_file_and_line(tmp_path, change, message, bad):
    assert change[0] in SCALE_WORDS
    path, load = _scales_with_words(tmp_path, SCALE_WORDS.replace(change[0], change[1], 1))
    with pytest.raises(ContentError) as info:
        load()
    assert message in info.value.message and info.value.path == str(path)
    assert bad in path.read_text(encoding="utf-8").splitlines()[info.value.line - 1]
