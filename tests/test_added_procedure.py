"""A procedure added as content only: a clinic's content folder with a protocol, screening rules
and consent and aftercare wording for a third procedure ("hand_filler", a test fixture) takes it
through the consultation, the plan, the session checklist and both documents, with no code
change."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from rejuv_desktop import content
from rejuv_desktop.documents.phrases import load_phrasebook
from rejuv_desktop.domain import consultation as dc
from rejuv_desktop.domain import screening as scr
from rejuv_desktop.domain.procedures import procedure_ids
from rejuv_desktop.domain.recommendation import Recommendation
from rejuv_desktop.errors import ContentError
from rejuv_desktop.services import consultations as sc
from rejuv_desktop.services import documents as sd
from rejuv_desktop.services import patients as sp
from rejuv_desktop.services import practitioners as pr
from rejuv_desktop.services import recall
from rejuv_desktop.services import sessions as ss
from rejuv_desktop.services import settings as sset
from rejuv_desktop.services.content_check import check_content
from tests.documents.docs_helpers import png
from tests.services.test_content_check import clear_loader_caches

FIXTURE = Path(__file__).parent / "fixtures" / "content_hand_filler"
START = date(2026, 12, 7)


@pytest.fixture
def hand_filler():
    """The clinic's content folder is the fixture, as a clinic's own folder is read."""
    content.use_overrides_dir(FIXTURE)
    clear_loader_caches()
    yield
    content.use_overrides_dir(None)
    clear_loader_caches()


def text_of(pdf: bytes) -> str:
    return " ".join("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def consultation_data(**changes) -> dict:
    """Volume loss on both hands (Merz 3), no skin concern, every screening answer "no"."""
    data = dc.new_data()
    data.update(concerns=["volume_loss"], goals="Fuller hands", expectations_realistic=True,
                fitzpatrick="II", weight_kg=64, donor_fat="adequate")
    for side in dc.SIDES:
        data["hands"][side].update(merz=3, hydration="good", elasticity="good", texture="smooth",
                                   lentigines="none")
    data["answers"] = {q.id: "no" for q in scr.load_rules().questions}
    data["chosen"] = ["hand_filler"]
    data["plan"] = {"hand_filler": dc.default_plan("hand_filler", START)}
    data.update(changes)
    return data


@pytest.fixture
def clinic(store, patient_data):
    sset.save_clinic(store, {"clinic_name": "Harbourside Hand Clinic",
                           "clinic_address": "12 Quay Street, Bristol",
                           "clinic_phone": "0117 496 0000"})
    doctor = pr.create_practitioner(store, {"name": "Claire Martin", "title": "Dr",
                                            "registration": "GMC 7123456"}, "long enough")
    pr.sign_in(store, doctor, "long enough")
    return sp.add_patient(store, patient_data).patient_id


def test_the_packaged_content_offers_two_procedures_and_the_clinic_folder_a_third(hand_filler):
    assert procedure_ids() == ("fat_transfer", "mesotherapy", "hand_filler")
    report = check_content()
    assert report.ok, report.problems
    assert {o.relative for o in report.overrides if o.added} == {
        "protocols/hand_filler.toml", "screening/hand_filler.toml",
        "documents/en/consent_hand_filler.toml", "documents/en/aftercare_hand_filler.toml",
        "documents/fr/consent_hand_filler.toml", "documents/fr/aftercare_hand_filler.toml"}


def test_without_the_clinic_folder_there_is_no_third_procedure():
    assert procedure_ids() == ("fat_transfer", "mesotherapy")


def test_the_added_procedure_goes_through_consultation_plan_session_and_documents(
        store, clock, clinic, hand_filler):
    patient = clinic
    # Consultation: the screening gives it a verdict, the recommendation lists it.
    draft = sc.start_consultation(store, patient)
    sc.save_draft(store, draft.id, consultation_data(), 6)
    consultation_id = sc.finalise(store, draft.id)
    c = sc.get_consultation(store, consultation_id)
    assert c["screening"]["verdicts"]["hand_filler"]["level"] == "eligible"
    assert "hand_filler" in c["recommendation"]["procedures"]
    line = next(x for x in Recommendation.from_json(c["recommendation"]).lines
                if x.procedure == "hand_filler")
    assert (line.code, line.params) == ("procedure", {"procedure": "hand_filler"})
    assert load_phrasebook("en").line(line).startswith("Hyaluronic-acid filler to the backs of the hands")

    # Plan: one session of the added procedure, as its protocol's series says.
    (plan,) = sc.plans_of(store, patient)
    assert (plan["procedure"], plan["sessions"], plan["interval_days"]) == ("hand_filler", 1, None)

    # Consent: issued from the clinic's own wording, then signed.
    consent = sd.issue_consent(store, plan["id"], planned={"hands": "both", "product": "Test HA 20"})
    text = text_of(sd.pdf_bytes(store, consent.id))
    assert "Consent to hand filler (test fixture)" in text and "Test HA 20" in text
    sd.sign_consent(store, consent.id, "screen", "Nurse Aisha Rahman", png(),
                    {"clinical_record": True, "teaching": False, "publication": False},
                    confirmations=sd.confirmations_of(store, consent.id))

    # Session: the checklist is the added protocol's, and it completes.
    clock.now = clock.now.replace(year=START.year, month=START.month, day=START.day)
    session = ss.start_session(store, plan["id"])
    ss.record_value(store, session, "todays_check.pregnant", False)
    ss.tick(store, session, "todays_check.no_infection")
    for point in ("identity", "procedure", "sides"):
        ss.confirm_time_out(store, session, point)
    ss.record_value(store, session, "products.name.1", "Test HA 20")
    ss.record_value(store, session, "products.lot.1", "HA-77")
    ss.record_value(store, session, "products.expiry.1", "2028-06-30")
    for side in ("left", "right"):
        ss.record_value(store, session, f"injection.volume_ml.{side}", 1.5)
    assert ss.open_items(store, session) == []
    ss.complete_session(store, session)
    assert ss.get_session(store, session)["status"] == "completed"
    assert [u.patient_id for u in recall.lot_lookup(store, "ha77")] == [patient]  # a recall finds it

    # Aftercare: the clinic's sheet for the session, dated from it.
    aftercare = sd.issue_aftercare(store, patient, "hand_filler", session)
    text = text_of(sd.pdf_bytes(store, aftercare.id))
    assert "After your hand filler (test fixture)" in text
    assert {d["kind"] for d in sd.documents_of(store, patient)} >= {"consent", "aftercare"}


def test_screening_of_the_added_procedure_follows_its_own_rules(hand_filler):
    rules = scr.load_rules()
    answers = {q.id: "no" for q in rules.questions}
    verdicts = scr.screen(answers | {"bleeding_disorder": "yes"}, rules)
    assert verdicts["hand_filler"].level == "contraindicated"
    assert verdicts["hand_filler"].reasons[0].text.startswith("Test fixture:")
    assert scr.screen(answers | {"anticoagulants": "yes"}, rules)["hand_filler"].level == "caution"


def test_an_added_procedure_without_screening_rules_is_refused(tmp_path):
    folder = tmp_path / "content"
    (folder / "protocols").mkdir(parents=True)
    (folder / "protocols" / "hand_filler.toml").write_text(
        (FIXTURE / "protocols" / "hand_filler.toml").read_text(encoding="utf-8"), encoding="utf-8")
    content.use_overrides_dir(folder)
    clear_loader_caches()
    try:
        with pytest.raises(ContentError, match="no screening rule for hand_filler"):
            scr.load_rules()
    finally:
        content.use_overrides_dir(None)
        clear_loader_caches()


def test_the_print_command_names_the_procedures_the_content_offers(tmp_path, capsys):
    from rejuv_desktop import cli

    code = cli.main(["print", "consent", "--db", str(tmp_path / "x.sqlite3"), "--patient", "1",
                     "--procedure", "hand_filer", "--out", str(tmp_path / "c.pdf")])
    assert code == 2
    err = capsys.readouterr().err
    assert "unknown procedure 'hand_filer'" in err and "fat_transfer, mesotherapy" in err
    assert not (tmp_path / "x.sqlite3").exists()  # refused before any database is opened


def test_help_lists_the_added_procedure_beside_the_packaged_ones(hand_filler):
    from rejuv_desktop.services.help import help_page

    screening = help_page("consultation-screening")
    assert "| Question | fat transfer to the hands | hand mesotherapy | hand filler (test fixture) |" in screening
    plan = help_page("consultation-plan")
    assert "Hyaluronic-acid filler to the backs of the hands (test fixture)" in plan


@pytest.mark.parametrize("left_out,message", [
    ("screening/hand_filler.toml", "'hand_filler' has no screening rules"),
    ("documents/en/aftercare_hand_filler.toml", "has no aftercare wording"),
])
def test_an_added_procedure_missing_a_companion_file_is_named_at_start(tmp_path, left_out, message):
    import shutil

    from rejuv_desktop.services.content_check import check_overrides_at_start

    folder = tmp_path / "content"
    shutil.copytree(FIXTURE, folder)
    (folder / left_out).unlink()
    content.use_overrides_dir(folder)
    clear_loader_caches()
    try:
        problem = check_overrides_at_start()
        assert problem is not None and message in problem and "hand_filler.toml" in problem
    finally:
        content.use_overrides_dir(None)
        clear_loader_caches()
