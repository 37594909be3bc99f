"""Upgrades from every earlier schema version, on real files made at that version.

``tests/fixtures/make_schema_fixtures.py`` built each file with the migrations of its time and
the shapes the app stored then. Each is opened with today's code (which migrates it), and what
it held reads back through the services: patients, consultations with their verdicts and hand
assessments, an unfinished consultation, plans, issued documents and sessions.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rejuv_desktop.storage import open_store, schema, triggers
from rejuv_desktop.storage import consultations as consultations_repo

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "schema"
FILES = sorted(FIXTURES.glob("v*.sqlite"))


def _version(path: Path) -> int:
    return int(path.name[1:3])


def test_there_is_a_fixture_for_every_earlier_schema_version():
    names = schema.known_names()
    made = {_version(p): p.name for p in FILES}
    # Every version before the newest migration, each named after its last migration.
    assert sorted(made) == list(range(1, len(names)))
    for k, name in made.items():
        assert name == f"v{k:02d}_{names[k - 1]}.sqlite"


@pytest.fixture(params=FILES, ids=[p.stem for p in FILES])
def upgraded(request, tmp_path, clock):
    path = tmp_path / "clinic.sqlite3"
    shutil.copyfile(request.param, path)
    store = open_store(path, clock=clock)
    yield _version(request.param), store
    store.close()


def test_each_earlier_version_migrates_to_the_current_schema(upgraded):
    k, store = upgraded
    assert schema.applied_names(store.conn) == schema.known_names()
    assert schema.pending_names(store.conn) == []
    # The triggers (audit, append-only) are exactly those a new database has.
    assert triggers.trigger_problems(store.conn) == []
    assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_patients_read_back(upgraded):
    from rejuv_desktop.services import patients as sp

    _k, store = upgraded
    first, second = sp.get_patient(store, 1), sp.get_patient(store, 2)
    assert (first["given_name"], first["family_name"]) == ("Zoë", "Łukasiewicz")
    assert first["notes"] == "Pianist." and second["family_name"] == "Dubois"
    assert [p["id"] for p in sp.search_patients(store, "dubois")] == [2]


def test_consultations_read_back_typed_with_verdicts_and_hand_assessments(upgraded):
    from rejuv_desktop.domain.consultation_record import VERSION, ConsultationRecord
    from rejuv_desktop.services import consultations as sc

    k, store = upgraded
    history = sc.consultation_history(store, 1)
    if k < 3:  # no consultations before migration 3
        assert history == []
        return
    second, first = history
    assert second["amends_id"] == first["id"] and first["amended_by"] == second["id"]
    # The smoker's caution for fat transfer, as the app stored it then.
    assert first["levels"]["fat_transfer"] == "caution"
    assert set(first["levels"]) == {"fat_transfer", "mesotherapy"}
    c = sc.get_consultation(store, first["id"])
    record = c["record"]
    assert isinstance(record, ConsultationRecord) and record.version == VERSION
    assert record.concerns == ["volume_loss", "crepey_skin"]
    assert record.weight_kg == 64 and record.chosen == ["fat_transfer"]
    assert record.hand("left").merz == 3 and record.hand("right").merz == 2
    assert record.hand("left").hydration == "poor"
    assert record.overrides == {} and record.unsupported_reasons == {}
    assert record.justifications["fat_transfer"]["by"] == "Dr Claire Martin"
    assert record.details == {"smoker": "10 a day"}
    # The verdict, stored once, with its reasons; old reasons read with an evidence grade.
    assert c["verdicts"]["fat_transfer"]["level"] == "caution"
    reasons = c["screening"]["verdicts"]["fat_transfer"]["reasons"]
    assert reasons and all("evidence" in r and "verified" not in r for r in reasons)
    assert any(q["id"] == "smoker" and q["answer"] == "yes" for q in c["screening"]["questions"])
    assert c["recommendation"]["lines"]
    # Hand assessments: a baseline grade per side and scale, when and by whom.
    rows = consultations_repo.hand_assessments_of(store, first["id"])
    merz = {r["side"]: r["grade"] for r in rows if r["scale"] == "merz"}
    assert merz == {"left": 3, "right": 2}
    assert {r["context"] for r in rows} == {"baseline"}
    assert {r["assessed_at"] for r in rows} == {c["finalised_at"]}
    assert {r["practitioner_id"] for r in rows} == {1}
    amended = sc.get_consultation(store, second["id"])["record"]
    assert amended.weight_kg == 66.5 and amended.plan["mesotherapy"]["sessions"] == 3


def test_an_unfinished_consultation_resumes_as_the_typed_record(upgraded):
    from rejuv_desktop.domain.consultation_record import VERSION
    from rejuv_desktop.services import consultations as sc

    k, store = upgraded
    draft = sc.find_draft(store, 2)
    if k < 3:
        assert draft is None
        return
    assert draft.page == 2 and draft.data.version == VERSION
    assert draft.data.goals == "Draft goals" and draft.data.hand("left").merz == 3
    assert draft.data.overrides == {} and draft.data.answers["smoker"] == "yes"


def test_plans_sessions_and_documents_read_back(upgraded):
    from rejuv_desktop.services import consultations as sc
    from rejuv_desktop.storage import plans as plans_repo
    from rejuv_desktop.storage import sessions as sessions_repo

    k, store = upgraded
    plans = sc.plans_of(store, 1)
    if k < 3:
        assert plans == []
        return
    assert [(p["procedure"], p["status"]) for p in plans] == [
        ("fat_transfer", "superseded"), ("mesotherapy", "in_progress")]
    plan = plans_repo.get_for_session(store, plans[1]["id"])
    assert plan["weight_kg"] == 66.5  # from the consultation behind the plan
    screening = sessions_repo.consultation_of_plan(store, plans[1]["id"])
    assert screening["verdicts"]["fat_transfer"]["level"] == "caution"
    if k >= 4:
        from rejuv_desktop.services import documents as sd

        assert [d["number"] for d in sd.documents_of(store, 1)] == ["CF-2026-0001"]
    if k >= 5:
        sessions = sessions_repo.sessions_of_patient(store, 1)
        assert [(s["plan_id"], s["session_number"]) for s in sessions] == [(plans[1]["id"], 1)]


def test_an_upgraded_clinic_goes_on_working(upgraded):
    """A consultation finalised after the upgrade stores its verdict once and its grades as
    hand assessments, beside the backfilled ones."""
    from rejuv_desktop.domain import consultation as dc
    from rejuv_desktop.services import consultations as sc
    from tests.services.test_consultations import complete_data

    k, store = upgraded
    if k < 3:
        return
    store.actor_id = 1
    draft = sc.start_consultation(store, 2)
    sc.save_draft(store, draft.id, complete_data(), page=6)
    cid = sc.finalise(store, draft.id)
    c = sc.get_consultation(store, cid)
    assert set(c["verdicts"]) == {"fat_transfer", "mesotherapy"}
    assert store.scalar("SELECT count(*) FROM procedure_verdicts WHERE consultation_id = ?",
                        (cid,)) == 2
    assert c["record"].hand("left").merz == dc.record(complete_data()).hand("left").merz
