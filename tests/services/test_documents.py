import hashlib
import io

import pytest
from pypdf import PdfReader

from rejuv_desktop.errors import UserError, ValidationError
from rejuv_desktop.services import consultations as sc
from rejuv_desktop.services import documents as sd
from rejuv_desktop.services import patients as sp
from rejuv_desktop.services import practitioners as pr
from rejuv_desktop.services import settings as sset
from tests.documents.docs_helpers import png as docs_png
from tests.services.test_consultations import complete_data


def text_of(pdf: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split())  # table cells wrap lines; compare words


@pytest.fixture
def planned(store, patient_data):
    sset.save_clinic(store, {"clinic_name": "Harbourside Hand Clinic",
                           "clinic_address": "12 Quay Street, Bristol",
                           "clinic_phone": "0117 496 0000"})
    doctor = pr.create_practitioner(store, {"name": "Claire Martin", "title": "Dr",
                                            "registration": "GMC 7123456"}, "long enough")
    pr.sign_in(store, doctor, "long enough")
    patient = sp.add_patient(store, {**patient_data, "given_name": "O'Brien <b>&amp;</b>"}).patient_id
    draft = sc.start_consultation(store, patient)
    data = complete_data()
    data["answers"]["smoker"] = "yes"
    data["justifications"] = {"fat_transfer": {"text": "Stopped 8 weeks ago <i>confirmed</i>"}}
    sc.save_draft(store, draft.id, data, 6)
    consultation = sc.finalise(store, draft.id)
    plans = {p["procedure"]: p["id"] for p in sc.plans_of(store, patient)}
    return {"patient": patient, "consultation": consultation, "plans": plans}


def test_consent_is_issued_archived_and_reprints_identically(store, planned):
    doc = sd.issue_consent(store, planned["plans"]["fat_transfer"])
    pdf = sd.pdf_bytes(store, doc.id)
    assert hashlib.sha256(pdf).hexdigest() == doc.sha256
    assert sd.pdf_bytes(store, doc.id) == pdf  # a reprint is the archived bytes
    text = text_of(pdf)
    assert "O'Brien <b>&amp;</b>" in text
    assert "Harbourside Hand Clinic" in text and "0117 496 0000" in text
    assert "Stopped 8 weeks ago <i>confirmed</i>" in text
    assert doc.number in text
    meta = sd.document(store, doc.id)
    assert meta["template_id"] and meta["created_by"] is not None
    with pytest.raises(Exception, match="never changes"):
        store.conn.execute("UPDATE documents SET pdf = x'00' WHERE id = ?", (doc.id,))


PHOTOS = {"clinical_record": True, "teaching": False, "publication": False}


def _all_ticked(store, doc_id):
    return [True] * len(sd.confirmations_of(store, doc_id))


def test_signing_on_screen_archives_a_signed_copy_beside_the_issued_one(store, planned):
    plan = planned["plans"]["mesotherapy"]
    doc = sd.issue_consent(store, plan)
    assert sd.signed_consent(store, plan) is None
    with pytest.raises(ValidationError) as err:
        sd.sign_consent(store, doc.id, "screen", "", None)
    assert {"witness", "signature", "confirmations", "photo_consent"} <= set(err.value.errors)
    png = _png()
    signed = sd.sign_consent(store, doc.id, "screen", "Nurse Aisha Rahman", png, PHOTOS,
                             confirmations=_all_ticked(store, doc.id))
    assert sd.signed_consent(store, plan)["id"] == signed.id
    issued_pdf, signed_pdf = sd.pdf_bytes(store, doc.id), sd.pdf_bytes(store, signed.id)
    assert issued_pdf != signed_pdf
    assert "Nurse Aisha Rahman" in text_of(signed_pdf)
    with pytest.raises(UserError, match="signed already"):
        sd.sign_consent(store, doc.id, "paper", "Dr Claire Martin")


def test_on_screen_signing_completes_everything_the_paper_form_asks(store, planned):
    doc = sd.issue_consent(store, planned["plans"]["fat_transfer"])
    items = sd.confirmations_of(store, doc.id)
    assert len(items) == 8 and items[0] == "I have read this form and I understand it."
    # One confirmation left unticked: nothing is signed.
    with pytest.raises(ValidationError) as err:
        sd.sign_consent(store, doc.id, "screen", "Ana Silva", _png(), PHOTOS,
                        confirmations=[True] * 7 + [False])
    assert "confirmations" in err.value.errors
    assert sd.signed_consent(store, planned["plans"]["fat_transfer"]) is None
    signed = sd.sign_consent(store, doc.id, "screen", "Ana Silva", _png(), PHOTOS,
                             witness_role="interpreter", confirmations=[True] * 8)
    pdf = sd.pdf_bytes(store, signed.id)
    text = text_of(pdf)
    issued_text = text_of(sd.pdf_bytes(store, doc.id))
    # Each confirmation ticked (the issued form has only empty boxes).
    assert issued_text.count("\u2612") == 0
    assert text.count("\u2612") == 8 + 3  # eight confirmations, one tick per photo answer
    # The practitioner's countersignature, attested by the signed-in practitioner, and its date.
    assert "Confirmed on screen by Dr Claire Martin, GMC 7123456, on" in text
    assert "Date: ____" not in text.split("Signatures")[-1].split("Witness or interpreter")[0]
    # The interpreter's line.
    assert "Ana Silva (interpreter)" in text
    # No blank initials: each page says the one signature covers every page.
    from pypdf import PdfReader
    pages = PdfReader(io.BytesIO(pdf)).pages
    for page in pages:
        words = " ".join(page.extract_text().split())
        assert "one signature covers every page" in words
        assert "initials: ____" not in words
    meta = sd.document(store, signed.id)
    import json
    signing = json.loads(meta["signing_json"])
    assert signing["confirmations"] == [True] * 8 and signing["witness_role"] == "interpreter"
    assert signing["countersign"]["method"] == "attested"


def test_photo_choices_made_at_issue_carry_into_signing(store, planned):
    doc = sd.issue_consent(store, planned["plans"]["fat_transfer"],
                           {"clinical_record": True, "teaching": True, "publication": False})
    assert sd.photo_consent_of(store, doc.id) == {"clinical_record": True, "teaching": True,
                                                  "publication": False}
    signed = sd.sign_consent(store, doc.id, "screen", "Nurse Kim", _png(),
                             confirmations=_all_ticked(store, doc.id))
    import json
    assert json.loads(sd.document(store, signed.id)["photo_consent_json"])["teaching"] is True
    text = text_of(sd.pdf_bytes(store, signed.id))
    photos = text.split("Photographs kept in my clinical record")[1].split("No guarantee")[0]
    assert photos.count("\u2612 Yes") == 2 and photos.count("\u2612 No") == 1


def test_drawn_countersignature_is_placed_in_the_practitioner_block(store, planned):
    doc = sd.issue_consent(store, planned["plans"]["mesotherapy"], PHOTOS)
    store.actor_id = None  # nobody signed in: the countersignature must be drawn
    with pytest.raises(ValidationError) as err:
        sd.sign_consent(store, doc.id, "screen", "Nurse Kim", _png(),
                        confirmations=_all_ticked(store, doc.id))
    assert "countersign" in err.value.errors
    signed = sd.sign_consent(store, doc.id, "screen", "Nurse Kim", _png(),
                             confirmations=_all_ticked(store, doc.id),
                             countersign_png=docs_png(200, 80, (0, 0, 0, 255)))
    from pypdf import PdfReader
    last = PdfReader(io.BytesIO(sd.pdf_bytes(store, signed.id))).pages[-1]
    assert len(last.images) == 2  # the patient's and the practitioner's signatures


def test_paper_signature_attaches_the_scan_with_its_hash(store, planned, tmp_path):
    doc = sd.issue_consent(store, planned["plans"]["fat_transfer"], PHOTOS)
    with pytest.raises(ValidationError) as err:
        sd.sign_consent(store, doc.id, "paper", "Dr Claire Martin")
    assert "scan" in err.value.errors
    bad = tmp_path / "notes.txt"
    bad.write_text("not a scan")
    with pytest.raises(ValidationError, match="PDF, JPEG or PNG"):
        sd.sign_consent(store, doc.id, "paper", "Dr Claire Martin", scan_path=bad)
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    with pytest.raises(ValidationError, match="empty"):
        sd.sign_consent(store, doc.id, "paper", "Dr Claire Martin", scan_path=empty)
    assert sd.signed_consent(store, planned["plans"]["fat_transfer"]) is None  # nothing half-written
    photo = tmp_path / "signed form.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0" + b"JFIF-photo-of-the-signed-form" * 100)
    signed = sd.sign_consent(store, doc.id, "paper", "Dr Claire Martin", scan_path=photo)
    meta = sd.document(store, signed.id)
    assert meta["signature_method"] == "paper" and meta["signed_of"] == doc.id
    scans = sd.scans_of(store, doc.id)
    assert len(scans) == 1 and scans[0]["media_type"] == "image/jpeg"
    assert scans[0]["file_name"] == "signed form.jpg"
    scan_meta, data = sd.scan_file(store, scans[0]["id"])
    assert data == photo.read_bytes()
    assert scan_meta["sha256"] == hashlib.sha256(data).hexdigest()
    text = text_of(sd.pdf_bytes(store, signed.id))
    assert scan_meta["sha256"] in text and "ticked by the patient on the paper form" in text
    # The practitioner's line says what happened: signed on paper, the scan kept with its hash.
    flat = " ".join(text.split())
    assert "Confirmed on screen" not in flat
    assert "Signed on paper by Dr Claire Martin, GMC 7123456; scan archived" in flat
    assert f"scan archived (SHA-256 {scan_meta['sha256'][:12]}" in flat
    listed = {d["id"]: d for d in sd.documents_of(store, planned["patient"])}
    assert listed[doc.id]["scan_id"] == scans[0]["id"]
    with pytest.raises(Exception, match="never changes"):
        store.conn.execute("UPDATE document_scans SET sha256 = 'x' WHERE id = ?", (scans[0]["id"],))


def test_consent_names_what_is_planned(store, planned):
    with pytest.raises(ValidationError) as err:
        sd.issue_consent(store, planned["plans"]["fat_transfer"], planned={"hands": "both"})
    assert {"donor_site", "anaesthesia"} <= set(err.value.errors)
    doc = sd.issue_consent(store, planned["plans"]["fat_transfer"], planned={
        "hands": "left", "donor_site": "other", "donor_site_other": "Inner knee",
        "anaesthesia": "local with sedation"})
    text = text_of(sd.pdf_bytes(store, doc.id))
    assert "The left hand only" in text and "Inner knee" in text and "sedation" in text
    assert "about 10 to 30 mL per hand" in text  # the protocol's one range
    meso = sd.issue_consent(store, planned["plans"]["mesotherapy"], planned={
        "hands": "both", "product": "Vitamin complex V2", "actives": ["vitamins", "minerals"]})
    text = text_of(sd.pdf_bytes(store, meso.id))
    assert "Vitamin complex V2" in text and "Vitamins, minerals" in text
    assert "hyaluronic acid (a substance" not in text
    assert "20 to 30 minutes" in text and "every 3 to 6 months" in text
    # Without choices (printed for paper), lines are left to fill in.
    blank = text_of(sd.pdf_bytes(store, sd.issue_consent(store, planned["plans"]["mesotherapy"]).id))
    assert "Product ____" in blank


def test_summary_and_aftercare_from_the_plan(store, planned):
    summary = sd.issue_summary(store, planned["consultation"])
    text = text_of(sd.pdf_bytes(store, summary.id))
    assert "Merz" in text
    aftercare = sd.issue_aftercare(store, planned["patient"], "mesotherapy")
    assert sd.document(store, aftercare.id)["kind"] == "aftercare"
    kinds = [d["kind"] for d in sd.documents_of(store, planned["patient"])]
    assert sorted(kinds) == ["aftercare", "summary"]


def test_tampered_archive_is_detected(store, planned):
    doc = sd.issue_consent(store, planned["plans"]["fat_transfer"])
    store.conn.execute("DROP TRIGGER documents_no_update")
    store.conn.execute("UPDATE documents SET pdf = x'255044462d' WHERE id = ?", (doc.id,))
    with pytest.raises(UserError, match="fingerprint"):
        sd.pdf_bytes(store, doc.id)


def test_clinic_details_are_required(store, planned):
    store.conn.execute("DELETE FROM settings")
    with pytest.raises(UserError, match="clinic"):
        sd.issue_consent(store, planned["plans"]["fat_transfer"])


def test_write_pdf_is_atomic(tmp_path):
    target = tmp_path / "out" / "consent.pdf"
    sd.write_pdf(b"%PDF-1.4 first", target)
    sd.write_pdf(b"%PDF-1.4 second", target)
    assert target.read_bytes() == b"%PDF-1.4 second"
    assert [p.name for p in target.parent.iterdir()] == ["consent.pdf"]


def _png() -> bytes:
    import struct
    import zlib

    width = height = 8
    raw = b"".join(b"\x00" + b"\x00\x00\x00" * width for _ in range(height))
    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def test_aftercare_gives_out_of_hours_and_emergency_numbers(store, planned):
    # No number set: the clinic phone out of hours, the default emergency number 112.
    text = text_of(sd.pdf_bytes(store, sd.issue_aftercare(store, planned["patient"], "mesotherapy").id))
    assert "Out of hours: 0117 496 0000" in text and "Call 112 at once" in text
    sset.save_settings(store, {"clinic_out_of_hours_phone": "0117 496 0999",
                               "clinic_country": "GB"})
    for procedure in ("mesotherapy", "fat_transfer"):
        text = text_of(sd.pdf_bytes(store, sd.issue_aftercare(store, planned["patient"], procedure).id))
        assert "Out of hours: 0117 496 0999" in text and "Call 999 at once" in text
        assert "paracetamol" in text and "aspirin" in text and "ibuprofen" in text
        assert "No visit is booked yet" in text  # nothing booked: no dates promised
    sset.save_settings(store, {"clinic_country": "FR"})
    text = text_of(sd.pdf_bytes(store, sd.issue_aftercare(store, planned["patient"], "mesotherapy").id))
    assert "Call 15 at once" in text
    sset.save_settings(store, {"emergency_number": "112"})  # the clinic's own choice wins
    text = text_of(sd.pdf_bytes(store, sd.issue_aftercare(store, planned["patient"], "mesotherapy").id))
    assert "Call 112 at once" in text
    with pytest.raises(ValidationError) as err:
        sset.save_settings(store, {"emergency_number": "call us",
                                   "clinic_out_of_hours_phone": "12"})
    assert {"emergency_number", "clinic_out_of_hours_phone"} <= set(err.value.errors)


def test_mesotherapy_aftercare_lists_signs_of_infection_and_allergy(store, planned):
    text = text_of(sd.pdf_bytes(store, sd.issue_aftercare(store, planned["patient"], "mesotherapy").id))
    for sign in ("fever", "redness that spreads", "warm", "pain that gets worse", "pus",
                 "lips or face swell", "difficulty breathing"):
        assert sign in text, sign


def test_fat_transfer_aftercare_covers_the_hands(store, planned):
    text = text_of(sd.pdf_bytes(store, sd.issue_aftercare(store, planned["patient"], "fat_transfer").id))
    assert "backs of your hands may feel numb" in text and "Your hands will swell" in text
    assert "dressings on the small cuts of your hands" in text
    assert "Office work and driving" in text and "Light exercise" in text


def test_alternatives_respect_a_bleeding_disorder(store, patient_data):
    """No filler is suggested to a patient with a bleeding disorder: neither in the summary's
    recommendation nor in a consent's other options; calcium hydroxylapatite is named beside
    hyaluronic acid otherwise."""
    sset.save_clinic(store, {"clinic_name": "Harbourside Hand Clinic",
                             "clinic_phone": "0117 496 0000"})
    doctor = pr.create_practitioner(store, {"name": "Claire Martin", "title": "Dr",
                                            "registration": "GMC 7123456"}, "long enough")
    pr.sign_in(store, doctor, "long enough")
    summaries = {}
    for n, answer in enumerate(("no", "yes")):
        patient = sp.add_patient(store, {**patient_data, "phone": f"07700 90012{n}"}).patient_id
        draft = sc.start_consultation(store, patient)
        data = complete_data(chosen=[], plan={}, none_planned_reason="Thinking it over")
        data["answers"]["bleeding_disorder"] = answer
        sc.save_draft(store, draft.id, data, 6)
        summaries[answer] = text_of(sd.pdf_bytes(store, sd.issue_summary(store, sc.finalise(store, draft.id)).id))
    assert "calcium hydroxylapatite" in summaries["no"]
    rec = summaries["yes"].split("Recommendation")[1].split("Plan")[0]
    assert "Fillers are not an alternative" in rec and "alternative for volume is" not in rec
    # What happens next, for a patient for whom both procedures are ruled out.
    nxt = summaries["yes"].split("What happens next")[1]
    assert "not possible for you" in nxt and "filler" not in nxt.lower()

    from tests.documents.docs_helpers import consent
    from rejuv_desktop.documents.render import render_consent

    def options(flags):
        text = text_of(render_consent(consent(screening_flags=frozenset(flags))).pdf)
        return text.split("Other options")[1].split("Your screening")[0]

    assert "hyaluronic acid filler or calcium hydroxylapatite filler" in options([])
    without = options(["bleeding_disorder"])
    assert "filler" not in without and "Poly-L-lactic" not in without and "No treatment" in without


def test_check_verifies_the_scans_of_signed_forms(store, planned, tmp_path):
    from rejuv_desktop.services.check import check_database

    doc = sd.issue_consent(store, planned["plans"]["fat_transfer"], PHOTOS)
    photo = tmp_path / "form.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"scan" * 50)
    sd.sign_consent(store, doc.id, "paper", "Dr Claire Martin", scan_path=photo)
    report = check_database(store)
    assert ("signed-form scans", True, "ok") in report.lines
    store.conn.execute("DROP TRIGGER document_scans_no_update")
    store.conn.execute("UPDATE document_scans SET file_bytes = x'00'")
    report = check_database(store)
    assert not report.healthy
    assert any(name == "signed-form scans" and not ok for name, ok, _ in report.lines)
    with pytest.raises(UserError, match="fingerprint"):
        sd.scan_file(store, sd.scans_of(store, doc.id)[0]["id"])


def test_a_summary_of_a_record_stored_as_english_prints_its_stored_sentences(store, planned):
    from tests.earlier_records import copy_with_recommendation, recommendation_stored_as_words

    stored = recommendation_stored_as_words()
    stored["lines"][1]["text"] = "Mesotherapy, as an earlier version worded it."
    old = copy_with_recommendation(store, planned["consultation"], stored)
    words = " ".join(text_of(sd.pdf_bytes(store, sd.issue_summary(store, old).id)).split())
    assert " ".join(stored["lines"][0]["text"].split()) in words
    assert "Mesotherapy, as an earlier version worded it." in words
    # Today's wording of that line is not printed in place of the stored one.
    assert "No other treatment for skin quality" not in words
    # A record stored as codes prints today's sentences.
    new = " ".join(text_of(sd.pdf_bytes(store, sd.issue_summary(store, planned["consultation"]).id)).split())
    assert "Combined protocol: fat transfer for volume and a mesotherapy series for skin quality." in new
