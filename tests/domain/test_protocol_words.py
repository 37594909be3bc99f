"""A protocol's words in French (``text/fr/protocols/<procedure>.toml``): every text a person
reads, keyed by the protocol's own ids; the records keep the same codes and choices; a missing
word is a content error naming the file and the key."""

from __future__ import annotations

from datetime import date

import pytest

from rejuv_desktop.content import load_toml, packaged_path
from rejuv_desktop.domain.procedures import procedure_ids
from rejuv_desktop.domain.protocol_words import procedure_words, translate, visit_label
from rejuv_desktop.domain.protocols import load_protocol
from rejuv_desktop.errors import ContentError


def texts(protocol) -> list[str]:
    """Every text of a protocol a person reads."""
    out = [protocol.title]
    for s in protocol.steps:
        out += [s.title, s.help] + [g.title for g in s.requires]
        for i in s.items:
            out += [i.text, i.help]
        for f in s.fields:
            out += [f.label, f.help, f.stop_reason] + [f.choice_label(c) for c in f.choices]
    out += [f.label for f in protocol.follow_ups] + [c.message for c in protocol.checks]
    out += [d.label for d in protocol.dose_limits] + [c.text for c in protocol.caution_checks]
    out += [x.reason for x in protocol.spacing]
    return [t for t in out if t]


@pytest.mark.parametrize("procedure", procedure_ids())
def test_every_text_of_each_protocol_has_its_french(procedure):
    english, french = load_protocol(procedure), load_protocol(procedure, lang="fr")
    assert len(texts(french)) == len(texts(english))
    same = [e for e, f in zip(texts(english), texts(french)) if e == f
            and e not in ("Allergies", "Injection", "Concentration", "abdomen", "ECG",
                          "centrifugation", "filtration", "Infection")]
    assert same == []


@pytest.mark.parametrize("procedure", procedure_ids())
def test_the_french_protocol_keeps_the_codes_records_store(procedure):
    english, french = load_protocol(procedure), load_protocol(procedure, lang="fr")
    assert [s.id for s in french.steps] == [s.id for s in english.steps]
    for s_en, s_fr in zip(english.steps, french.steps):
        for f_en, f_fr in zip(s_en.fields, s_fr.fields):
            assert (f_fr.key(1) if f_fr.repeat == "list" else f_fr.ref) == \
                (f_en.key(1) if f_en.repeat == "list" else f_en.ref)
            assert f_fr.choices == f_en.choices and f_fr.stop_when == f_en.stop_when
            if f_en.choices:
                first = [f_en.choices[0]] if f_en.multiple else f_en.choices[0]
                assert f_fr.validate(first) is None
    assert [d.agent for d in french.dose_limits] == [d.agent for d in english.dose_limits]


def test_french_words_read_as_a_french_clinic_writes_them():
    fat = load_protocol("fat_transfer", lang="fr")
    assert fat.step("time_out").title == "Pause de sécurité"
    assert fat.field("donor_site.site").choice_label("thighs") == "cuisses"
    assert fat.field("injection.volume_ml").help.startswith("Habituellement 10–30 ml par main")
    assert fat.step("anaesthesia").requires[0].title == "Pause de sécurité"
    meso = load_protocol("mesotherapy", lang="fr")
    assert meso.step("todays_check").requires[0].title == "Consentement signé"
    assert procedure_words("fat_transfer", "fr").label == "Lipofilling"
    assert procedure_words("mesotherapy", "fr").name == "mésothérapie des mains"


def test_a_booked_visit_is_named_in_the_language_asked():
    assert visit_label("fat_transfer", "review_1_month", "Review at 1 month", "fr") == \
        "Contrôle à 1 mois"
    assert visit_label("fat_transfer", "review_1_month", "Review at 1 month", "en") == \
        "Review at 1 month"
    # A visit whose rule the protocol no longer has keeps the name it was booked with.
    assert visit_label("fat_transfer", "gone", "Old visit", "fr") == "Old visit"


def words_without(tmp_path, needle: str):
    text = packaged_path("text", "fr", "protocols", "fat_transfer.toml").read_text("utf-8")
    assert needle in text
    path = tmp_path / "fat_transfer.toml"
    path.write_text(text.replace(needle, ""), encoding="utf-8")
    return load_toml(path)


def test_a_missing_step_title_names_the_file_and_the_key(tmp_path):
    cf = words_without(tmp_path, 'title = "Prélèvement"\n')
    with pytest.raises(ContentError) as err:
        translate(load_protocol("fat_transfer"), cf)
    assert "fat_transfer.toml" in str(err.value) and "[steps.harvest]" in str(err.value)
    assert "'title'" in str(err.value) and err.value.line is not None


def test_a_missing_choice_names_the_choice(tmp_path):
    cf = words_without(tmp_path, '"buttocks" = "fesses"\n')
    with pytest.raises(ContentError, match=r"\[steps\.donor_site\.fields\.site\.choices\].*buttocks"):
        translate(load_protocol("fat_transfer"), cf)


def test_a_language_without_the_protocols_words_is_a_content_error():
    from rejuv_desktop.domain.protocol_words import load_protocol_words

    with pytest.raises(ContentError, match="missing translation"):
        load_protocol_words("fat_transfer", "de")


def test_the_checklist_says_its_own_words_in_the_protocols_language():
    from rejuv_desktop.domain import checklist as cl

    french = load_protocol("fat_transfer", lang="fr")
    volume = french.field("injection.volume_ml")
    assert volume.validate(50) == "Doit être entre 0 et 40 ml"
    assert load_protocol("fat_transfer").field("injection.volume_ml").validate(50) == \
        "Must be between 0 and 40 ml"
    assert french.field("donor_site.site").validate("knee").endswith("cuisses, fesses, flancs, autre")
    state = cl.SessionState(session_date=date(2026, 12, 4), field_values={},
                            weight_kg=64.0)
    missing = cl.open_required(french, state)
    assert "Réinjection — Volume injecté (main gauche)" in missing
    assert not any("hand" in m or "entry" in m for m in missing)


def test_a_missing_checklist_phrase_is_a_content_error(tmp_path):
    from rejuv_desktop.domain.protocols import check_phrases

    text = packaged_path("text", "fr", "checklist.toml").read_text("utf-8")
    path = tmp_path / "checklist.toml"
    path.write_text(text.replace('which_entry = " (ligne {n})"\n', ""), "utf-8")
    with pytest.raises(ContentError, match=r"checklist\.toml.*which_entry"):
        check_phrases(load_toml(path))
    path.write_text(text.replace("{hand} n'est", "n'est"), "utf-8")
    with pytest.raises(ContentError, match="placeholders"):
        check_phrases(load_toml(path))
