import pytest

from rejuv_desktop.domain import consultation as dc
from rejuv_desktop.domain import screening as scr
from rejuv_desktop.errors import UserError, ValidationError
from rejuv_desktop.services import consultations as sc
from rejuv_desktop.services import patients as sp
from rejuv_desktop.services import practitioners as pr


@pytest.fixture
def signed_in(store):
    pid = pr.create_practitioner(store, {"name": "Claire Martin", "title": "Dr"}, "long enough")
    pr.sign_in(store, pid, "long enough")
    return pid


@pytest.fixture
def patient(store, patient_data):
    return sp.add_patient(store, patient_data).patient_id


def complete_data(**changes) -> dict:
    data = dc.new_data()
    data.update(concerns=["volume_loss", "crepey_skin"], goals="Hands that look like mine",
                expectations_realistic=True, fitzpatrick="II", weight_kg=64,
                donor_fat="adequate")
    for side in dc.SIDES:
        data["hands"][side].update(merz=3, hydration="poor", elasticity="moderate",
                                   texture="crepey", lentigines="none")
    data["answers"] = {q.id: "no" for q in scr.load_rules().questions}
    data["chosen"] = ["fat_transfer", "mesotherapy"]
    data["plan"] = {p: dc.default_plan(p, __import__("datetime").date(2026, 12, 7))
                    for p in data["chosen"]}
    data.update(changes)
    return data


def test_full_consultation_finalises_with_plans(store, signed_in, patient):
    draft = sc.start_consultation(store, patient)
    sc.save_draft(store, draft.id, complete_data(), page=6)
    cid = sc.finalise(store, draft.id)
    c = sc.get_consultation(store, cid)
    assert c["outcome"] == "planned"
    assert c["verdicts"]["fat_transfer"]["level"] == c["verdicts"]["mesotherapy"]["level"] == "eligible"
    assert "combined" in " ".join(l["code"] for l in c["recommendation"]["lines"])
    plans = sc.plans_of(store, patient)
    assert {p["procedure"] for p in plans} == {"fat_transfer", "mesotherapy"}
    assert all(p["combined"] == 1 for p in plans)
    assert sc.find_draft(store, patient) is None  # the draft became the record


def test_finalised_consultation_is_read_only(store, signed_in, patient):
    draft = sc.start_consultation(store, patient)
    sc.save_draft(store, draft.id, complete_data(), 6)
    cid = sc.finalise(store, draft.id)
    with pytest.raises(Exception, match="cannot be changed"):
        store.conn.execute("UPDATE consultations SET outcome = 'stopped' WHERE id = ?", (cid,))
    with pytest.raises(Exception, match="never deleted"):
        store.conn.execute("DELETE FROM consultations WHERE id = ?", (cid,))


def test_incomplete_draft_lists_what_is_missing(store, signed_in, patient):
    draft = sc.start_consultation(store, patient)
    with pytest.raises(ValidationError) as err:
        sc.finalise(store, draft.id)
    assert {"concerns", "left.merz", "right.merz", "answers"} <= set(err.value.errors)


def test_caution_needs_a_written_justification_stored_with_the_name(store, signed_in, patient):
    draft = sc.start_consultation(store, patient)
    data = complete_data()
    data["answers"]["smoker"] = "yes"
    sc.save_draft(store, draft.id, data, 6)
    with pytest.raises(ValidationError) as err:
        sc.finalise(store, draft.id)
    assert "justification.fat_transfer" in err.value.errors
    data["justifications"] = {"fat_transfer": {"text": "Stopped smoking 8 weeks ago."}}
    sc.save_draft(store, draft.id, data, 6)
    c = sc.get_consultation(store, sc.finalise(store, draft.id))
    assert c["verdicts"]["fat_transfer"]["level"] == "caution"
    j = c["record"].justifications["fat_transfer"]
    assert j["by"] == "Dr Claire Martin" and j["at"]


def test_contraindicated_procedure_cannot_be_planned(store, signed_in, patient):
    draft = sc.start_consultation(store, patient)
    data = complete_data()
    data["answers"]["keloid_tendency"] = "yes"  # excludes mesotherapy
    sc.save_draft(store, draft.id, data, 6)
    with pytest.raises(ValidationError) as err:
        sc.finalise(store, draft.id)
    assert "chosen.mesotherapy" in err.value.errors


def test_suspicious_lesion_stops_with_referral(store, signed_in, patient):
    draft = sc.start_consultation(store, patient)
    data = complete_data(chosen=[], plan={})
    data["hands"]["left"]["suspicious_lesion"] = True
    sc.save_draft(store, draft.id, data, 6)
    c = sc.get_consultation(store, sc.finalise(store, draft.id))
    assert c["outcome"] == "stopped"
    assert sc.plans_of(store, patient) == []
    assert [l["code"] for l in c["recommendation"]["lines"]] == ["refer_dermatology"]


def test_amendment_keeps_the_original(store, signed_in, patient):
    draft = sc.start_consultation(store, patient)
    sc.save_draft(store, draft.id, complete_data(), 6)
    first = sc.finalise(store, draft.id)
    with pytest.raises(ValidationError):
        sc.start_amendment(store, first, "  ")
    amend = sc.start_amendment(store, first, "Weight was misheard: 46 kg")
    data = amend.data.to_dict()
    data["weight_kg"] = 46
    sc.save_draft(store, amend.id, data, 6)
    second = sc.finalise(store, amend.id)
    original = sc.get_consultation(store, first)
    assert original["record"].weight_kg == 64 and original["amended_by"] == second
    history = sc.consultation_history(store, patient)
    assert [h["id"] for h in history] == [second, first]
    assert history[0]["amends_id"] == first
    statuses = sorted(p["status"] for p in sc.plans_of(store, patient))
    assert statuses == ["planned", "planned", "superseded", "superseded"]
    with pytest.raises(UserError, match="already been amended"):
        sc.start_amendment(store, first, "again")


def test_snapshot_is_unchanged_when_the_screening_file_changes(store, signed_in, patient,
                                                              monkeypatch):
    draft = sc.start_consultation(store, patient)
    sc.save_draft(store, draft.id, complete_data(), 6)
    cid = sc.finalise(store, draft.id)
    before = sc.get_consultation(store, cid)["screening"]
    rules = scr.load_rules()
    changed = scr.ScreeningRules(rules.id, "99", tuple(
        scr.Question(q.id, q.section, q.text + " (reworded)", q.detail, q.help, q.statement,
                     q.follows) for q in rules.questions), rules.rules)
    monkeypatch.setattr(scr, "load_rules", lambda path=None: changed)
    assert sc.get_consultation(store, cid)["screening"] == before
    assert "(reworded)" not in str(before)


def test_resume_returns_the_same_draft(store, signed_in, patient):
    draft = sc.start_consultation(store, patient)
    data = draft.data.to_dict()
    data["goals"] = "Zoë's own words: <b>smoother</b> & fuller"
    sc.save_draft(store, draft.id, data, 2)
    again = sc.start_consultation(store, patient)
    assert again.id == draft.id and again.page == 2
    assert again.data.goals == data["goals"]


def test_findings_answer_screening_questions_without_being_stored_as_typed():
    data = complete_data()
    del data["answers"]["suspicious_skin_lesion"]
    data["hands"]["right"]["suspicious_lesion"] = True
    assert dc.derived_answers(data) == {"suspicious_skin_lesion": "yes"}
    assert dc.evaluate(data).stop
    assert "suspicious_skin_lesion" not in data["answers"]  # never written as if typed
    reason = dc.evaluate(data).verdicts["fat_transfer"].reasons[0]
    assert reason.derived == "hands"
    # Untick it: the derived "yes" is gone with it, and the question is unanswered again.
    data["hands"]["right"]["suspicious_lesion"] = False
    assert not dc.evaluate(data).stop
    assert "suspicious_skin_lesion" not in dc.screening_answers(data)
    assert "answers" in dc.check_complete(data, dc.evaluate(data))


def test_a_typed_answer_is_kept_under_a_finding_and_comes_back_when_it_goes():
    data = complete_data()  # "no" typed for every question
    data["hands"]["left"]["suspicious_lesion"] = True
    assert dc.screening_answers(data)["suspicious_skin_lesion"] == "yes"
    data["hands"]["left"]["suspicious_lesion"] = False
    assert dc.screening_answers(data)["suspicious_skin_lesion"] == "no"
    assert not dc.evaluate(data).stop


def test_stored_snapshot_records_which_answers_came_from_findings(store, signed_in, patient):
    draft = sc.start_consultation(store, patient)
    data = complete_data(chosen=["mesotherapy"], donor_fat="insufficient")
    data["answers"].pop("insufficient_donor_fat")
    sc.save_draft(store, draft.id, data, 6)
    c = sc.get_consultation(store, sc.finalise(store, draft.id))
    question = next(q for q in c["screening"]["questions"] if q["id"] == "insufficient_donor_fat")
    assert question["answer"] == "yes" and question["derived_from"] == "hands"
    assert "insufficient_donor_fat" not in c["record"].answers


def test_consultation_stored_with_verified_flags_still_opens(store, signed_in, patient):
    from rejuv_desktop.storage import consultations as consultations_repo

    snap = scr.snapshot({**complete_data()["answers"], "nickel_allergy": "yes", "smoker": "yes"})
    for verdict in snap["verdicts"].values():  # the shape stored before evidence grades
        for reason in verdict["reasons"]:
            reason["verified"] = reason.pop("evidence") != "U"
            del reason["level_note"], reason["derived"]
    for q in snap["questions"]:
        del q["derived_from"]
    with store.write():
        cid = consultations_repo.insert_consultation(store, {
            "patient_id": patient, "practitioner_id": signed_in, "started_at": store.now_iso(),
            "finalised_at": store.now_iso(), "amends_id": None, "amendment_reason": "",
            "record": dc.record(complete_data(chosen=[], plan={})), "screening": snap,
            "verdicts": snap["verdicts"], "recommendation": {"procedures": [], "lines": []},
            "outcome": "not_planned"})
    c = sc.get_consultation(store, cid)
    meso = c["screening"]["verdicts"]["mesotherapy"]["reasons"][0]
    fat = c["screening"]["verdicts"]["fat_transfer"]["reasons"][0]
    assert (meso["evidence"], fat["evidence"]) == ("C", "U")
    assert "verified" not in meso


def test_free_text_has_a_length_limit_and_no_direction_overrides():
    data = complete_data(goals="x" * 5_001,
                         justifications={"fat_transfer": {"text": "ok \u202eevil"}})
    errors = dc.check_complete(data, dc.evaluate(data))
    assert "Too long: at most 5,000" in errors["goals"]
    assert "direction override" in errors["justification.fat_transfer"]
    fine = complete_data(goals="Hands that look like mine")
    assert "goals" not in dc.check_complete(fine, dc.evaluate(fine))


def test_verdict_stored_once_and_hand_grades_as_assessments(store, signed_in, patient):
    import json

    from rejuv_desktop.storage import consultations as consultations_repo

    draft = sc.start_consultation(store, patient)
    sc.save_draft(store, draft.id, complete_data(
        answers={**complete_data()["answers"], "smoker": "yes"},
        justifications={"fat_transfer": {"text": "Stops smoking four weeks before."}}), page=6)
    cid = sc.finalise(store, draft.id)
    row = store.query_one("SELECT * FROM consultations WHERE id = ?", (cid,))
    assert "verdicts" not in json.loads(row["screening_json"])
    assert row["verdict_fat_transfer"] == row["verdict_mesotherapy"] == ""
    stored = store.query("SELECT procedure, level FROM procedure_verdicts"
                         " WHERE consultation_id = ? ORDER BY procedure", (cid,))
    assert [(r["procedure"], r["level"]) for r in stored] == [("fat_transfer", "caution"),
                                                              ("mesotherapy", "eligible")]
    data = json.loads(row["data_json"])
    assert data["version"] == dc.ConsultationRecord().version
    assert "merz" not in data["hands"]["left"]  # kept once, as a hand assessment
    grades = {(r["side"], r["scale"]): r["grade"]
              for r in consultations_repo.hand_assessments_of(store, cid)}
    assert grades[("left", "merz")] == grades[("right", "merz")] == 3
    assert grades[("left", "hydration")] == "poor"
    c = sc.get_consultation(store, cid)
    assert c["record"].hand("right").merz == 3
    assert c["screening"]["verdicts"]["fat_transfer"]["level"] == "caution"
    assert sc.consultation_history(store, patient)[0]["levels"] == {
        "fat_transfer": "caution", "mesotherapy": "eligible"}


def test_patient_history_shows_the_consultation_not_each_baseline_grade(store, signed_in, patient):
    from rejuv_desktop.services import history as sh

    draft = sc.start_consultation(store, patient)
    sc.save_draft(store, draft.id, complete_data(), page=6)
    sc.finalise(store, draft.id)
    tables = {e.table for e in sh.patient_history(store, patient)}
    assert "consultations" in tables and "hand_assessments" not in tables
    # The audit trail itself holds them, as every other row.
    everything = {e.table for e in sh.audit_entries(store)}
    assert {"hand_assessments", "procedure_verdicts"} <= everything
