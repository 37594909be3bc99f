"""A draft consultation or a running session is held by one window at a time; a lapsed hold
may be taken over (audited), and the first window learns it at its next save."""

import pytest

from rejuv_desktop.errors import RecordHeld
from rejuv_desktop.services import consultations as sc
from rejuv_desktop.services import leases
from rejuv_desktop.services import sessions as ss
from rejuv_desktop.services import settings as sset
from rejuv_desktop.services.database import open_database
from tests.session_helpers import add_patient, add_plan, add_practitioner


@pytest.fixture
def rooms(store, db_path, clock, monkeypatch):
    """Reception and room 1: two windows (two connections) on the same clinic."""
    claire = add_practitioner(store, "Claire Martin", "Dr")
    reception = store
    room = open_database(db_path, clock=clock, migrate=False)
    aisha = add_practitioner(room, "Aisha Rahman", "Nurse")
    reception.actor_id = claire
    yield reception, room, claire, aisha
    room.close()


def as_workstation(monkeypatch, name):
    monkeypatch.setenv("REJUV_WORKSTATION", name)


def test_a_draft_is_held_by_one_window_and_others_are_told_by_whom(rooms, monkeypatch):
    reception, room, claire, aisha = rooms
    pid = add_patient(reception)
    draft = sc.start_consultation(reception, pid)
    as_workstation(monkeypatch, "Reception")
    held = leases.acquire(reception, leases.CONSULTATION, draft.id, pid)
    assert held.mine and held.workstation == "RECEPTION" and held.since == "2026-11-22T10:30:00+01:00"
    as_workstation(monkeypatch, "Room 1")
    with pytest.raises(RecordHeld) as caught:
        leases.acquire(room, leases.CONSULTATION, draft.id, pid)
    assert caught.value.practitioner_id == claire and caught.value.workstation == "RECEPTION"
    assert caught.value.since == "2026-11-22T10:30:00+01:00" and not caught.value.lapsed
    with pytest.raises(RecordHeld):  # nor saved from the other window
        sc.save_draft(room, draft.id, draft.data, 1)
    sc.save_draft(reception, draft.id, draft.data, 1)  # the holder saves
    seen = leases.of_patient(room, pid)
    assert [(s.workstation, s.mine) for s in seen] == [("RECEPTION", False)]
    leases.release(reception, leases.CONSULTATION, draft.id)
    assert leases.acquire(room, leases.CONSULTATION, draft.id, pid).mine


def test_a_lapsed_hold_is_taken_over_audited_and_the_first_window_learns_it_at_its_save(
        rooms, clock, monkeypatch):
    reception, room, claire, aisha = rooms
    pid = add_patient(reception)
    draft = sc.start_consultation(reception, pid)
    as_workstation(monkeypatch, "Reception")
    leases.acquire(reception, leases.CONSULTATION, draft.id, pid)
    as_workstation(monkeypatch, "Room 1")
    clock.advance(minutes=9)
    assert leases.renew(reception, leases.CONSULTATION, draft.id)  # still open at reception
    clock.advance(minutes=9, seconds=59)
    with pytest.raises(RecordHeld) as caught:  # renewed 9:59 ago: not lapsed
        leases.take_over(room, leases.CONSULTATION, draft.id)
    assert not caught.value.lapsed
    clock.advance(seconds=1)  # ten minutes without renewal (the default time-out)
    with pytest.raises(RecordHeld) as caught:
        leases.acquire(room, leases.CONSULTATION, draft.id, pid)
    assert caught.value.lapsed
    taken = leases.take_over(room, leases.CONSULTATION, draft.id)
    assert taken.mine and taken.workstation == "ROOM 1" and taken.practitioner_id == aisha
    sc.save_draft(room, draft.id, draft.data, 2)
    # Reception comes back: its renewal fails, and its next save says who took it over.
    assert not leases.renew(reception, leases.CONSULTATION, draft.id)
    with pytest.raises(RecordHeld) as caught:
        sc.save_draft(reception, draft.id, draft.data, 3)
    assert caught.value.taken_from_you and caught.value.practitioner_id == aisha
    assert caught.value.workstation == "ROOM 1"
    trail = reception.query("SELECT practitioner_id, table_name, after_json FROM audit_log"
                            " WHERE table_name = 'lease_takeovers'")
    assert len(trail) == 1 and trail[0]["practitioner_id"] == aisha
    assert '"from_workstation": "RECEPTION"' in trail[0]["after_json"].replace('":"', '": "')


def test_the_time_out_is_a_clinic_setting(rooms, clock):
    reception, room, claire, aisha = rooms
    pid = add_patient(reception)
    draft = sc.start_consultation(reception, pid)
    sset.save_settings(reception, {"lease_timeout_minutes": "2"})
    leases.acquire(reception, leases.CONSULTATION, draft.id, pid)
    clock.advance(minutes=2)
    assert leases.take_over(room, leases.CONSULTATION, draft.id).mine
    with pytest.raises(Exception):
        sset.save_settings(reception, {"lease_timeout_minutes": "0"})


def test_a_running_session_is_held_too(rooms):
    reception, room, claire, aisha = rooms
    pid = add_patient(reception)
    plan = add_plan(reception, pid, "mesotherapy")
    session_id = ss.start_session(reception, plan)
    leases.acquire(room, leases.SESSION, session_id, pid)
    with pytest.raises(RecordHeld):
        ss.set_sides(reception, session_id, ["left"])
    ss.set_sides(room, session_id, ["left"])
    leases.release(room, leases.SESSION, session_id)
    ss.set_sides(reception, session_id, ["left", "right"])  # nobody holds it: a command may


def test_finalising_or_discarding_a_draft_ends_its_hold(rooms):
    reception, room, claire, aisha = rooms
    pid = add_patient(reception)
    draft = sc.start_consultation(reception, pid)
    leases.acquire(reception, leases.CONSULTATION, draft.id, pid)
    sc.discard_draft(reception, draft.id)
    assert leases.current(room, leases.CONSULTATION, draft.id) is None
