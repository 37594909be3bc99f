import hashlib
import io

import pytest
from pypdf import PdfReader

from rejuv_desktop.errors import UserError, ValidationError
from rejuv_desktop.services import consultations as sc
from rejuv_desktop.services import documents as sd
from rejuv_desktop.services import patients as sp
from rejuv_desktop.services import practitioners as pr
from rejuv_desktop.services import settings as ss
from tests.test_consultations import complete_data


def text_of(pdf: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split())  # table cells wrap lines; compare words


@pytest.fixture
def planned(store, patient_data):
    ss.save_clinic(store, {"clinic_name": "Harbourside Hand Clinic",
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


def test_signing_on_screen_archives_a_signed_copy_beside_the_issued_one(store, planned):
    plan = planned["plans"]["mesotherapy"]
    doc = sd.issue_consent(store, plan)
    assert sd.signed_consent(store, plan) is None
    with pytest.raises(ValidationError) as err:
        sd.sign_consent(store, doc.id, "screen", "", None)
    assert {"witness", "signature"} <= set(err.value.errors)
    png = _png()
    signed = sd.sign_consent(store, doc.id, "screen", "Nurse Aisha Rahman", png,
                             {"clinical_record": True, "teaching": False, "publication": False})
    assert sd.signed_consent(store, plan)["id"] == signed.id
    issued_pdf, signed_pdf = sd.pdf_bytes(store, doc.id), sd.pdf_bytes(store, signed.id)
    assert issued_pdf != signed_pdf
    assert "Nurse Aisha Rahman" in text_of(signed_pdf)
    with pytest.raises(UserError, match="signed already"):
        sd.sign_consent(store, doc.id, "paper", "Dr Claire Martin")


def test_paper_signature_is_recorded(store, planned):
    doc = sd.issue_consent(store, planned["plans"]["fat_transfer"])
    signed = sd.sign_consent(store, doc.id, "paper", "Dr Claire Martin")
    meta = sd.document(store, signed.id)
    assert meta["signature_method"] == "paper" and meta["signed_of"] == doc.id


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
