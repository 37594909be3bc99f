"""No stored code ever reaches paper: every choice a document's context can hold is rendered
through the services, and the extracted text is searched for snake_case codes."""

import re
from datetime import date, timedelta

import pytest

from rejuv_desktop.domain import consultation as dc
from rejuv_desktop.domain.recommendation import CONCERN_CODES
from rejuv_desktop.domain.scales import load_scales
from rejuv_desktop.services import consultations as sc
from rejuv_desktop.services import documents as sd
from rejuv_desktop.services import patients as sp
from rejuv_desktop.services import practitioners as pr
from rejuv_desktop.services import settings as sset
from tests.documents.docs_helpers import png as docs_png
from tests.services.test_consultations import complete_data
from tests.services.test_documents import text_of

SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
# One date format throughout: "7 December 2026", never "07 December" or "07/12/2026".
OTHER_DATES = re.compile(r"\b0\d (January|February|March|April|May|June|July|August|September|"
                         r"October|November|December)\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{4}-\d\d-\d\d\b")


def assert_clean(pdf: bytes, what: str) -> str:
    text = text_of(pdf)
    assert not SNAKE.findall(text), f"{what} prints codes: {sorted(set(SNAKE.findall(text)))}"
    assert not OTHER_DATES.findall(text), f"{what} prints another date format: {OTHER_DATES.findall(text)}"
    return text


@pytest.fixture
def clinic(store):
    sset.save_clinic(store, {"clinic_name": "Harbourside Hand Clinic", "clinic_phone": "0117 496 0000"})
    doctor = pr.create_practitioner(store, {"name": "Claire Martin", "title": "Dr",
                                            "registration": "GMC 7123456"}, "long enough")
    pr.sign_in(store, doctor, "long enough")
    return doctor


def _finalised(store, patient_data, n, data):
    patient = sp.add_patient(store, {**patient_data, "given_name": f"Test{n}",
                                     "phone": f"07700 90{n:04d}"}).patient_id
    draft = sc.start_consultation(store, patient)
    sc.save_draft(store, draft.id, data, 6)
    return patient, sc.finalise(store, draft.id)


def _variants():
    """Consultations that between them hold every skin grade, brown-spot amount, concern,
    donor-fat grade and verdict level."""
    scales = load_scales()
    grades = {k: [g.value for g in scales.get(k).grades] for k in ("hydration", "elasticity", "texture")}
    concerns = [c for c in CONCERN_CODES if c != "other"]
    lentigines = list(dc.LENTIGINES)
    out = []
    for i in range(3):
        data = complete_data(concerns=concerns[i::3] + (["other"] if i == 0 else []),
                             concern_other="Rings no longer fit" if i == 0 else "",
                             donor_fat=[g.value for g in scales.get("donor_fat").grades][i])
        for side in dc.SIDES:
            data["hands"][side].update(lentigines=lentigines[i], merz=[1, 2, 4][i],
                                       **{k: v[i % len(v)] for k, v in grades.items()})
        # Planned although the recommendation may not support it: the reason is written.
        data["unsupported_reasons"] = {p: {"text": "Patient's informed choice", "by": "Dr Claire Martin"}
                                       for p in data["chosen"]}
        if i == 2:
            data["chosen"], data["plan"] = [], {}
            data["none_planned_reason"] = "Wants to think about it"
        out.append(data)
    caution = complete_data(chosen=["fat_transfer"])
    caution["answers"]["smoker"] = "yes"
    caution["justifications"] = {"fat_transfer": {"text": "Stopped 8 weeks ago"}}
    caution["plan"] = {"fat_transfer": caution["plan"]["fat_transfer"]}
    out.append(caution)
    pregnant = complete_data(chosen=[], plan={}, none_planned_reason="Pregnant: later")
    pregnant["answers"]["pregnant"] = "yes"
    out.append(pregnant)
    bleeding = complete_data(chosen=[], plan={}, none_planned_reason="Bleeding disorder")
    bleeding["answers"]["bleeding_disorder"] = "yes"
    out.append(bleeding)
    lesion = complete_data(chosen=[], plan={})
    lesion["hands"]["left"]["suspicious_lesion"] = True
    out.append(lesion)
    return out


def test_summaries_print_words_never_codes(store, clinic, patient_data):
    levels = set()
    for n, data in enumerate(_variants()):
        _, cid = _finalised(store, patient_data, n, data)
        c = sc.get_consultation(store, cid)
        levels |= {v["level"] for v in c["screening"]["verdicts"].values()}
        text = assert_clean(sd.pdf_bytes(store, sd.issue_summary(store, cid).id), f"summary {n}")
        nxt = text.split("What happens next")[1].split("Notes")[0]
        if data["hands"]["left"].get("suspicious_lesion"):
            assert "Referral to a dermatologist" in nxt  # what happens next, not just a verdict
        elif any(v["level"] == "contraindicated" for v in c["screening"]["verdicts"].values()):
            assert "not possible for you" in nxt and "valid choice" in nxt
        elif any(v["level"] == "defer" for v in c["screening"]["verdicts"].values()):
            assert "is postponed" in nxt
    assert levels == {"eligible", "caution", "defer", "contraindicated"}


def test_consents_and_aftercare_print_words_never_codes(store, clinic, patient_data, tmp_path):
    patient, cid = _finalised(store, patient_data, 90, complete_data())
    plans = {p["procedure"]: p["id"] for p in sc.plans_of(store, patient)}
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4 scanned form")
    for procedure, plan_id in plans.items():
        choices = sd.planned_choices(procedure)
        coded = {k: list(v) for k, v in choices.items() if v}
        widest = max(len(v) for v in coded.values())
        for i in range(widest):
            planned = {}
            for key, values in choices.items():
                if key == "actives":
                    planned[key] = list(values)[: i + 1]
                elif values:
                    planned[key] = list(values)[i % len(values)]
                else:
                    planned[key] = "Product X"
            doc = sd.issue_consent(store, plan_id, None, planned)
            assert_clean(sd.pdf_bytes(store, doc.id), f"{procedure} consent {planned}")
        for method, role in (("screen", "witness"), ("paper", "interpreter")):
            doc = sd.issue_consent(store, plan_id, {"clinical_record": True, "teaching": False,
                                                    "publication": False})
            ticks = [True] * len(sd.confirmations_of(store, doc.id))
            png = docs_png()
            signed = sd.sign_consent(store, doc.id, method, "Ana Silva",
                                     png if method == "screen" else None, witness_role=role,
                                     confirmations=ticks, scan_path=scan)
            assert_clean(sd.pdf_bytes(store, signed.id), f"{procedure} signed {method}")
        assert_clean(sd.pdf_bytes(store, sd.issue_aftercare(store, patient, procedure).id),
                     f"{procedure} aftercare")


def test_summary_prints_the_consultation_date_not_the_issue_date(store, clinic, patient_data, clock):
    _, cid = _finalised(store, patient_data, 95, complete_data())
    consulted = sc.get_consultation(store, cid)["finalised_at"][:10]
    clock.advance(days=9)  # the summary is printed later
    text = text_of(sd.pdf_bytes(store, sd.issue_summary(store, cid).id))
    d = date.fromisoformat(consulted)
    months = ["January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December"]
    assert f"Consultation on {d.day} {months[d.month - 1]} {d.year}" in text
    later = d + timedelta(days=9)
    assert f"consultation of {later.day} {months[later.month - 1]}" not in text


def test_outcome_summary_prints_words_not_codes(store, clinic):
    from rejuv_desktop.domain import outcomes as do
    from rejuv_desktop.services import follow_ups as fu
    from rejuv_desktop.services import outcomes as so
    from rejuv_desktop.services import sessions as ss
    from tests.session_helpers import add_patient, add_plan, run_fat_transfer

    patient = add_patient(store)
    now = store.clock
    store.clock = lambda: now() - timedelta(days=100)
    sid = ss.start_session(store, add_plan(store, patient, "fat_transfer", merz=(3, 2)))
    run_fat_transfer(store, sid)
    ss.complete_session(store, sid)
    store.clock = now
    visit = next(f for f in fu.follow_ups_of_patient(store, patient)
                 if f["rule_id"] == "review_3_months")
    so.record_assessment(store, visit["id"], do.Assessment(
        merz={"left": 2, "right": 2}, gais_practitioner=2, gais_patient=3))
    for type_ in ("lumps_oil_cysts", "other"):
        so.record_complication(store, patient, do.Complication(
            sid, type_, "moderate", "donor_site", now().date() - timedelta(days=90),
            detail="Scar tenderness" if type_ == "other" else ""))
    text = assert_clean(so.outcome_summary_pdf(store, patient), "outcome summary")
    flat = " ".join(text.split())
    assert "Your results so far" in flat and "Before treatment" in flat
    assert "Lumps or oil cysts (donor site), moderate" in flat
    assert "Scar tenderness (donor site), moderate" in flat
    assert "improvement as your practitioner rated it 2 (much improved)" in flat
    assert "Review at 3 months" in flat
