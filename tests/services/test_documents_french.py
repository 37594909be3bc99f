"""Documents in French: a French patient gets French documents, written anew rather than
translated line by line, and a missing French word is an error naming the file and key."""

import re
import shutil
from datetime import date

import pytest

from rejuv_desktop import content
from rejuv_desktop.errors import ContentError, UserError
from rejuv_desktop.services import consultations as sc
from rejuv_desktop.services import documents as sd
from rejuv_desktop.services import patients as sp
from rejuv_desktop.services import practitioners as pr
from rejuv_desktop.services import settings as sset
from tests.services.test_consultations import complete_data
from tests.services.test_documents import text_of

# Typed by the practitioner into the record, printed as typed in every language.
RECORD_TEXT = ("Hands that look like mine",)


@pytest.fixture
def clinic(store):
    sset.save_clinic(store, {"clinic_name": "Cabinet des Mains", "clinic_phone": "01 23 45 67 89",
                             "clinic_country": "FR"})
    doctor = pr.create_practitioner(store, {"name": "Claire Martin", "title": "Dr",
                                            "registration": "10001234567"}, "long enough")
    pr.sign_in(store, doctor, "long enough")
    return doctor


def _patient(store, patient_data, lang, n):
    data = {**patient_data, "given_name": f"Test{n}", "phone": f"07700 90{n:04d}"}
    if lang is not None:
        data["preferred_language"] = lang
    patient = sp.add_patient(store, data).patient_id
    draft = sc.start_consultation(store, patient)
    sc.save_draft(store, draft.id, complete_data(), 6)
    return patient, sc.finalise(store, draft.id)


def _documents(store, patient, cid, **lang):
    """Every document of a consultation planning both procedures: kind -> extracted text."""
    out = {"summary": sd.issue_summary(store, cid, **lang)}
    for plan in sc.plans_of(store, patient):
        p = plan["procedure"]
        out[f"consent {p}"] = sd.issue_consent(store, plan["id"], **lang)
        out[f"aftercare {p}"] = sd.issue_aftercare(store, patient, p, **lang)
    return {k: (doc, text_of(sd.pdf_bytes(store, doc.id))) for k, doc in out.items()}


def _sentences(text: str) -> set[str]:
    """The sentences of a document's text with four words or more (names, dates and figures
    alone are the same in every language)."""
    parts = re.split(r"(?<=[.:;!?])\s+|•", text)
    return {s.strip() for s in parts
            if len(re.findall(r"[A-Za-z]{3,}", s)) >= 4 and not any(r in s for r in RECORD_TEXT)}


def test_a_french_patient_gets_french_documents_with_no_english_sentence(store, clinic, patient_data):
    en_patient, en_cid = _patient(store, patient_data, "en", 1)
    fr_patient, fr_cid = _patient(store, patient_data, "fr", 2)
    english = _documents(store, en_patient, en_cid)
    french = _documents(store, fr_patient, fr_cid)
    assert set(english) == set(french) == {"summary", "consent fat_transfer", "consent mesotherapy",
                                           "aftercare fat_transfer", "aftercare mesotherapy"}
    for kind, (doc, text) in french.items():
        assert sd.document(store, doc.id)["lang"] == "fr", kind
        en_doc, en_text = english[kind]
        assert sd.document(store, en_doc.id)["lang"] == "en", kind
        shared = sorted(s for s in _sentences(en_text) if s in text)
        assert not shared, f"French {kind} repeats English sentences: {shared}"
        # French dates, the way a French reader writes them: "7 décembre 2026".
        assert re.search(r"\b\d{1,2} (janvier|février|mars|avril|mai|juin|juillet|août|septembre|"
                         r"octobre|novembre|décembre) 20\d\d\b", text), kind
        assert not re.search(r"\b(January|February|March|April|May|June|July|August|September|"
                             r"October|November|December)\b", text), kind
        assert not re.search(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", text), kind
    assert "Consentement au lipofilling des mains" in french["consent fat_transfer"][1]
    assert "Compte rendu de consultation" in french["summary"][1]


def test_the_clinic_default_language_applies_when_the_patient_has_none(store, clinic, patient_data):
    patient, cid = _patient(store, patient_data, None, 3)
    store.conn.execute("UPDATE patients SET preferred_language = '' WHERE id = ?", (patient,))
    assert sd.document(store, sd.issue_summary(store, cid).id)["lang"] == "en"
    sset.save_settings(store, {"document_language": "fr"})
    doc = sd.issue_summary(store, cid)
    assert sd.document(store, doc.id)["lang"] == "fr"
    assert "Compte rendu de consultation" in text_of(sd.pdf_bytes(store, doc.id))


def test_lang_overrides_the_patients_language(store, clinic, patient_data):
    patient, cid = _patient(store, patient_data, "fr", 4)
    doc = sd.print_document(store, "summary", patient, lang="en")
    assert sd.document(store, doc.id)["lang"] == "en"
    assert "Consultation summary" in text_of(sd.pdf_bytes(store, doc.id))
    with pytest.raises(UserError, match="'de'"):
        sd.print_document(store, "summary", patient, lang="de")


def test_a_signed_french_consent_stays_french(store, clinic, patient_data):
    patient, _ = _patient(store, patient_data, "fr", 5)
    plan = next(p for p in sc.plans_of(store, patient) if p["procedure"] == "mesotherapy")
    doc = sd.issue_consent(store, plan["id"], {"clinical_record": True, "teaching": False,
                                               "publication": False})
    ticks = [True] * len(sd.confirmations_of(store, doc.id))
    from tests.documents.docs_helpers import png

    signed = sd.sign_consent(store, doc.id, "screen", "Ana Silva", png(), confirmations=ticks)
    assert sd.document(store, signed.id)["lang"] == "fr"
    text = text_of(sd.pdf_bytes(store, signed.id))
    assert "Signé à l’écran le" in text and "Signed on screen" not in text


@pytest.fixture
def overrides(tmp_path):
    content.use_overrides_dir(tmp_path / "content")
    yield tmp_path / "content"
    content.use_overrides_dir(None)


def test_a_missing_french_key_is_an_error_naming_file_and_key(overrides):
    from rejuv_desktop.documents.phrases import load_phrasebook
    from rejuv_desktop.services.content_check import check_content

    target = overrides / "documents" / "fr" / "phrases.toml"
    target.parent.mkdir(parents=True)
    text = content.packaged_path("documents", "fr", "phrases.toml").read_text(encoding="utf-8")
    target.write_text(re.sub(r"(?m)^refer_pigment = .*\n", "", text), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_phrasebook("fr")
    assert "phrases.toml" in str(caught.value) and "refer_pigment" in str(caught.value)
    report = check_content(include_packaged=False)
    assert any("refer_pigment" in str(p) and "fr" in str(p) for p in report.problems), report.problems


def test_a_language_without_its_screening_words_is_reported(tmp_path, monkeypatch):
    """Documents printed in a language whose screening words are missing: the check names the
    missing file instead of printing English screening reasons on French paper."""
    from rejuv_desktop.services import content_check

    packaged = content.packaged_path("text", "fr", "screening.toml")
    real_is_file = type(packaged).is_file
    monkeypatch.setattr(type(packaged), "is_file",
                        lambda self: False if self == packaged else real_is_file(self))
    with pytest.raises(ContentError) as caught:
        content_check.validate("documents/fr/labels.toml",
                               content.packaged_path("documents", "fr", "labels.toml"))
    assert "text/fr/screening.toml" in str(caught.value)


def test_a_new_patient_starts_with_the_clinics_document_language(qtbot, store, clinic):
    from rejuv_desktop.ui.patient_dialog import PatientDialog

    sset.save_settings(store, {"document_language": "fr"})
    dialog = PatientDialog(store)
    qtbot.addWidget(dialog)
    assert dialog.inputs["preferred_language"].currentData() == "fr"


def test_print_lang_on_the_command_line(db_path, clock, tmp_path, patient_data, capsys):
    from rejuv_desktop import cli
    from rejuv_desktop.storage import open_store
    from tests.cli_login import login
    from tests.services.test_documents import text_of as pdf_text

    s = open_store(db_path, clock=clock)
    sset.save_clinic(s, {"clinic_name": "Cabinet des Mains", "clinic_phone": "01 23 45 67 89"})
    doctor = pr.create_practitioner(s, {"name": "Claire Martin", "title": "Dr"}, "correct horse")
    pr.sign_in(s, doctor, "correct horse")
    patient, _ = _patient(s, patient_data, "en", 6)
    s.close()
    out = tmp_path / "summary.pdf"
    argv = ["print", "summary", "--db", str(db_path), "--patient", str(patient), "--out", str(out),
            "--lang", "fr", *login(tmp_path, "Claire Martin", "correct horse")]
    assert cli.main(argv) == 0, capsys.readouterr().err
    assert "Compte rendu de consultation" in pdf_text(out.read_bytes())
    s = open_store(db_path, clock=clock)
    try:
        assert [d["lang"] for d in sd.documents_of(s, patient)] == ["fr"]
    finally:
        s.close()


def test_french_punctuation_keeps_its_no_break_space():
    from datetime import date as day

    from rejuv_desktop.documents.labels import load_labels

    fr, en = load_labels("fr"), load_labels("en")
    assert (fr.colon, fr.semicolon) == ("\u00a0: ", "\u00a0; ")
    assert (en.colon, en.semicolon) == (": ", "; ")
    assert fr.date(day(2026, 12, 4)) == "4 décembre 2026"
    assert fr.date(day(2026, 12, 4), weekday=True) == "vendredi 4 décembre 2026"
