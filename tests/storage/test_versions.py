"""Record versions on every record saved over in place: a save over a version changed
elsewhere (another workstation) is refused with who and when, nothing written, nothing
merged. Each test runs on the engine of the run (``--engine``): SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import threading
from datetime import date

import pytest

from rejuv_desktop.errors import NotFound, RecordChanged
from rejuv_desktop.services import consultations as sc
from rejuv_desktop.services import follow_ups as fu
from rejuv_desktop.services import practitioners as pr
from rejuv_desktop.services import sessions as ss
from rejuv_desktop.services import settings as sset
from rejuv_desktop.storage import audit, open_store
from rejuv_desktop.storage import documents as documents_repo
from rejuv_desktop.storage import plans as plans_repo
from rejuv_desktop.storage import settings as settings_repo
from rejuv_desktop.storage import versions
from tests import session_helpers as h


@pytest.fixture
def two_desks(db_path, clock):
    """Two workstations on one clinic: reception (signed in as Claire Martin) and room 1
    (Ana Ruiz), each with its own connection."""
    reception = open_store(db_path, clock=clock)
    claire = h.add_practitioner(reception)
    ana = h.add_practitioner(reception, "Ana Ruiz", "Nurse")
    reception.actor_id = claire
    room = open_store(db_path, clock=clock)
    room.actor_id = ana
    yield reception, room, claire, ana
    room.close()
    reception.close()


def _refused_by(refusal, who_id: int, who: str, clock, version: int) -> None:
    assert refusal.changed_by == who_id
    assert refusal.changed_by_name == who
    assert refusal.changed_at == clock().isoformat(timespec="seconds")
    assert refusal.version == version
    assert who in str(refusal) and "nothing was saved" in str(refusal)


def test_every_record_saved_over_in_place_carries_a_version(store):
    for table, (saved_at, _words) in versions.TABLES.items():
        columns = {r["name"] for r in store.query(
            "SELECT name FROM pragma_table_info(?)", (table,))} if store.engine == "sqlite" \
            else {r["column_name"] for r in store.query(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ?",
                (table,))}
        assert {"version", "updated_by", saved_at} <= columns, table


def test_an_account_saved_elsewhere_is_not_saved_over(two_desks, clock):
    reception, room, claire, ana = two_desks
    loaded = pr.account_version(room, ana)
    room.actor_id = claire  # the administrator, at the room's workstation too
    clock.advance(minutes=2)
    pr.update_practitioner(reception, ana, {"name": "Ana Ruiz-Lopez", "title": "Nurse"},
                            expected_version=loaded)
    with pytest.raises(RecordChanged) as refused:
        pr.update_practitioner(room, ana, {"name": "Ana Ruiz", "title": "Dr"},
                                expected_version=loaded)
    _refused_by(refused.value, claire, "Dr Claire Martin", clock, loaded + 1)
    now = pr.get_practitioner(room, ana)
    assert (now.name, now.title) == ("Ana Ruiz-Lopez", "Nurse")  # nothing merged


def test_clinic_settings_saved_elsewhere_are_not_saved_over(two_desks, clock):
    reception, room, claire, _ana = two_desks
    room.actor_id = claire
    seen = sset.settings_versions(room)
    assert seen.get("clinic_name", 0) == 0
    clock.advance(minutes=1)
    sset.save_settings(reception, {"clinic_name": "Quay Street Clinic"},
                       expected_versions=sset.settings_versions(reception))
    with pytest.raises(RecordChanged) as refused:
        sset.save_settings(room, {"clinic_name": "Harbour Clinic", "clinic_phone": "0117 000"},
                           expected_versions=seen)
    _refused_by(refused.value, claire, "Dr Claire Martin", clock, 1)
    assert refused.value.record_id == "clinic_name"
    saved = sset.get_settings(room)
    assert saved["clinic_name"] == "Quay Street Clinic"
    assert "clinic_phone" not in saved or saved["clinic_phone"] != "0117 000"  # none of it
    # Saved over what is there now, it goes through and counts up.
    sset.save_settings(room, {"clinic_name": "Harbour Clinic"},
                       expected_versions=sset.settings_versions(room))
    assert sset.settings_versions(reception)["clinic_name"] == 2


def test_a_consultation_draft_saved_in_another_window_is_not_saved_over(two_desks, clock):
    reception, room, _claire, ana = two_desks
    patient = h.add_patient(reception)
    draft = sc.start_consultation(reception, patient)
    first = sc.save_draft(reception, draft.id, draft.data, 1, expected_version=draft.version)
    assert first == 2
    stale = first
    clock.advance(minutes=1)
    assert sc.save_draft(room, draft.id, draft.data, 2, expected_version=first) == 3
    with pytest.raises(RecordChanged) as refused:
        sc.save_draft(reception, draft.id, draft.data, 4, expected_version=stale)
    _refused_by(refused.value, ana, "Nurse Ana Ruiz", clock, 3)
    assert reception.scalar("SELECT page FROM consultation_drafts WHERE id = ?",
                            (draft.id,)) == 2


def test_a_session_changed_elsewhere_is_not_saved_over(two_desks, clock):
    reception, room, claire, _ana = two_desks
    patient = h.add_patient(reception)
    plan = h.add_plan(reception, patient, "mesotherapy")
    session = ss.start_session(reception, plan)
    seen = reception.query_one("SELECT version FROM sessions WHERE id = ?", (session,))["version"]
    clock.advance(minutes=1)
    ss.set_sides(reception, session, ["left"], expected_version=seen)
    with pytest.raises(RecordChanged) as refused:
        ss.set_weight(room, session, 65, expected_version=seen)
    _refused_by(refused.value, claire, "Dr Claire Martin", clock, seen + 1)
    row = room.query_one("SELECT sides, weight_kg FROM sessions WHERE id = ?", (session,))
    assert row["sides"] == "left" and row["weight_kg"] == 64  # the weight was not saved
    assert room.scalar("SELECT count(*) FROM session_entries WHERE session_id = ?"
                       " AND key = 'weight'", (session,)) == 0


def _a_due_follow_up(store) -> int:
    patient = h.add_patient(store)
    plan = h.add_plan(store, patient, "mesotherapy")
    session = ss.start_session(store, plan)
    h.run_mesotherapy(store, session)
    ss.complete_session(store, session)
    return store.scalar("SELECT min(id) FROM follow_ups WHERE status = 'due'")


def test_a_follow_up_closed_elsewhere_is_not_closed_again_over_it(two_desks, clock):
    reception, room, _claire, ana = two_desks
    follow_up = _a_due_follow_up(reception)
    read_at_reception = fu.open_follow_up(reception, follow_up)  # both see it due
    clock.advance(days=1)
    fu.reschedule_follow_up(room, follow_up, date(2026, 12, 20), date(2026, 12, 30),
                            "Patient away")
    with pytest.raises(RecordChanged) as refused, reception.write():
        fu.close_done(reception, read_at_reception, "Seen", clock().date(), "")
    _refused_by(refused.value, ana, "Nurse Ana Ruiz", clock, read_at_reception["version"] + 1)
    row = reception.query_one("SELECT status, note FROM follow_ups WHERE id = ?", (follow_up,))
    assert row == {"status": "rescheduled", "note": "Patient away"}


def test_a_plan_saved_elsewhere_is_not_saved_over(two_desks, clock):
    reception, room, claire, _ana = two_desks
    plan = h.add_plan(reception, h.add_patient(reception), "mesotherapy")
    seen = room.query_one("SELECT version FROM plans WHERE id = ?", (plan,))["version"]
    with reception.write():
        plans_repo.set_status(reception, plan, "in_progress", expected_version=seen)
    with pytest.raises(RecordChanged) as refused, room.write():
        plans_repo.set_status(room, plan, "cancelled", expected_version=seen)
    _refused_by(refused.value, claire, "Dr Claire Martin", clock, seen + 1)
    assert room.scalar("SELECT status FROM plans WHERE id = ?", (plan,)) == "in_progress"


def test_a_save_over_a_record_that_is_gone_says_so(store):
    with pytest.raises(NotFound), store.write():
        versions.save_over(store, "plans", 999, {"status": "cancelled"}, expected_version=1)


def test_versions_and_who_saved_stay_out_of_the_audit_trail(two_desks):
    reception, _room, claire, ana = two_desks
    with reception.write():
        versions.save_over(reception, "practitioners", ana, {"title": "Dr"})
    last = reception.query_one("SELECT before_json, after_json FROM audit_log"
                               " ORDER BY id DESC LIMIT 1")
    for word in ("version", "updated_by", "saved_at"):
        assert word not in last["after_json"] and word not in last["before_json"]
    assert audit.verify_chain(reception).ok


def test_two_workstations_saving_one_record_lose_and_merge_nothing(db_path, clock):
    """Both read the record, both save over the version they read, at once: exactly one
    save is kept, the other is refused; never both, never a mix."""
    first = open_store(db_path, clock=clock)
    h.add_practitioner(first)
    second = open_store(db_path, clock=clock)
    second.actor_id = first.actor_id
    with first.write():
        settings_repo.put(first, "clinic_name", "start")
    kept, refused = [], []
    for round_ in range(20):
        seen = settings_repo.all_versions(first)["clinic_name"]
        barrier = threading.Barrier(2)

        def save(store, value):
            barrier.wait()
            try:
                with store.write():
                    settings_repo.put(store, "clinic_name", value, expected_version=seen)
                kept.append((round_, value))
            except RecordChanged:
                refused.append((round_, value))

        threads = [threading.Thread(target=save, args=(first, f"a{round_}")),
                   threading.Thread(target=save, args=(second, f"b{round_}"))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len([k for k in kept if k[0] == round_]) == 1, round_
        stored = settings_repo.all_settings(first)["clinic_name"]
        assert (round_, stored) in kept
        assert settings_repo.all_versions(first)["clinic_name"] == seen + 1
    assert len(refused) == 20
    second.close()
    first.close()


def test_document_numbers_are_unique_when_workstations_number_at_once(db_path, clock):
    """Six workstations each issue a document of the same kind and day at the same moment:
    six numbers, none twice, none refused."""
    desks = [open_store(db_path, clock=clock) for _ in range(6)]
    h.add_practitioner(desks[0])
    patient = h.add_patient(desks[0])
    barrier = threading.Barrier(len(desks))
    numbers, errors = [], []

    def issue(store):
        store.actor_id = desks[0].actor_id
        barrier.wait()
        try:
            with store.write():
                number = documents_repo.next_number(store, "CF-20261122-")
                documents_repo.insert(store, {
                    "number": number, "patient_id": patient, "kind": "consent",
                    "procedure": "mesotherapy", "template_id": "consent_mesotherapy",
                    "template_version": "1", "sha256": hashlib.sha256(b"%PDF").hexdigest(),
                    "pdf": b"%PDF"})
            numbers.append(number)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=issue, args=(d,)) for d in desks]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(numbers) == [f"CF-20261122-{n:04d}" for n in range(1, 7)]
    for d in desks:
        d.close()
