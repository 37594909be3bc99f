import json

import pytest

from rejuv_desktop.errors import UserError, ValidationError
from rejuv_desktop.services import patients as sp
from rejuv_desktop.services import practitioners as pr


def test_first_account_is_admin_and_passwords_are_hashed(store):
    first = pr.create_practitioner(store, {"name": "Claire Martin", "title": "Dr",
                                           "role": "practitioner"}, "correct horse")
    store.actor_id = first  # the first administrator adds the others
    second = pr.create_practitioner(store, {"name": "Sam Okafor"}, "battery staple")
    assert pr.get_practitioner(store, first).is_admin
    assert not pr.get_practitioner(store, second).is_admin
    stored = store.scalar("SELECT password_hash FROM practitioners WHERE id = ?", (first,))
    assert stored.startswith("$argon2id$") and "correct horse" not in stored
    audit = store.query("SELECT after_json FROM audit_log WHERE table_name='practitioners'")
    assert audit and all("argon2" not in r["after_json"] for r in audit)


def test_sign_in_sets_the_actor_and_failures_are_recorded(store, patient_data):
    pid = pr.create_practitioner(store, {"name": "Claire Martin"}, "correct horse")
    with pytest.raises(UserError, match="Wrong password"):
        pr.sign_in(store, pid, "wrong")
    assert store.actor_id is None
    pr.sign_in(store, pid, "correct horse")
    assert store.actor_id == pid
    events = [r["event"] for r in store.query("SELECT event FROM sign_in_events ORDER BY id")]
    assert events == ["failed", "sign_in"]
    sp.add_patient(store, patient_data)
    assert store.scalar("SELECT practitioner_id FROM audit_log WHERE table_name='patients'") == pid
    pr.sign_out(store)
    assert store.actor_id is None


@pytest.mark.parametrize("record,password,confirm,field", [
    ({"name": ""}, "long enough", None, "name"),
    ({"name": "A"}, "short", None, "password"),
    ({"name": "A"}, "long enough", "different!", "confirm"),
])
def test_account_validation(store, record, password, confirm, field):
    with pytest.raises(ValidationError) as err:
        pr.create_practitioner(store, record, password, confirm)
    assert field in err.value.errors


# Sign-in that resists guessing ---------------------------------------------------------------

from rejuv_desktop.errors import NotFound, PermissionDenied  # noqa: E402
from rejuv_desktop.storage import open_store  # noqa: E402


@pytest.fixture
def two_accounts(store):
    admin = pr.create_practitioner(store, {"name": "Claire Martin", "title": "Dr"},
                                   "correct horse")
    store.actor_id = admin
    nurse = pr.create_practitioner(store, {"name": "Aisha Rahman", "title": "Nurse"},
                                   "battery staple")
    store.actor_id = None
    return admin, nurse


def _fail(store, pid, times, clock):
    """Wrong passwords, each after the wait the throttle asks for."""
    for _ in range(times):
        clock.advance(seconds=pr.MAX_DELAY_SECONDS)
        with pytest.raises(UserError, match="Wrong password"):
            pr.sign_in(store, pid, "not the password")


def test_wrong_passwords_are_slowed_then_refused_without_checking(store, two_accounts, clock):
    admin, nurse = two_accounts
    for _ in range(pr.DELAY_AFTER - 1):  # the first few: no wait
        with pytest.raises(UserError, match="Wrong password.$"):
            pr.sign_in(store, nurse, "not the password")
    with pytest.raises(UserError, match="Wait 2 second"):
        pr.sign_in(store, nurse, "not the password")
    # During the wait even the right password is refused: it is not checked at all.
    with pytest.raises(pr.AccountLocked, match="wait 2 second"):
        pr.sign_in(store, nurse, "battery staple")
    assert store.actor_id is None
    clock.advance(seconds=2)
    with pytest.raises(UserError, match="Wait 4 second"):
        pr.sign_in(store, nurse, "still wrong")
    clock.advance(seconds=4)
    assert pr.sign_in(store, nurse, "battery staple").id == nurse
    # A success resets the count; the other account was never slowed.
    assert pr.guard_state(store, nurse).failures == 0
    assert pr.guard_state(store, admin).failures == 0


def test_ten_wrong_passwords_lock_the_account_even_after_a_restart(db_path, clock):
    store = open_store(db_path, clock=clock)
    pid = pr.create_practitioner(store, {"name": "Claire Martin"}, "correct horse")
    _fail(store, pid, pr.LOCK_AFTER - 1, clock)
    clock.advance(seconds=pr.MAX_DELAY_SECONDS)
    with pytest.raises(pr.AccountLocked, match="now locked until"):
        pr.sign_in(store, pid, "wrong again")
    store.close()
    store = open_store(db_path, clock=clock)  # closing the app resets nothing
    try:
        with pytest.raises(pr.AccountLocked, match="locked after 10 wrong passwords"):
            pr.sign_in(store, pid, "correct horse")
        assert store.actor_id is None
        audit = store.query("SELECT action, after_json FROM audit_log"
                            " WHERE table_name = 'account_lockouts'")
        assert [a["action"] for a in audit] == ["insert"]
        assert json.loads(audit[0]["after_json"])["failures"] == 10
        # The lockout runs out after its set time; then the right password works.
        clock.advance(minutes=pr.LOCK_MINUTES)
        assert pr.sign_in(store, pid, "correct horse").id == pid
    finally:
        store.close()


def test_a_wrong_password_after_a_lockout_ran_out_locks_again_at_once(store, clock):
    pid = pr.create_practitioner(store, {"name": "Claire Martin"}, "correct horse")
    _fail(store, pid, pr.LOCK_AFTER - 1, clock)
    clock.advance(seconds=pr.MAX_DELAY_SECONDS)
    with pytest.raises(pr.AccountLocked):
        pr.sign_in(store, pid, "wrong")
    clock.advance(minutes=pr.LOCK_MINUTES)
    with pytest.raises(pr.AccountLocked, match="now locked"):
        pr.sign_in(store, pid, "wrong")


def test_an_administrator_unlocks_and_the_unlock_is_audited(store, two_accounts, clock):
    admin, nurse = two_accounts
    _fail(store, nurse, pr.LOCK_AFTER, clock)
    assert nurse in pr.locked_accounts(store)
    store.actor_id = nurse  # a non-administrator cannot unlock
    with pytest.raises(PermissionDenied, match="Only an administrator"):
        pr.unlock_account(store, nurse)
    store.actor_id = None
    pr.sign_in(store, admin, "correct horse")
    pr.unlock_account(store, nurse)
    assert pr.locked_accounts(store) == {}
    row = store.query("SELECT practitioner_id, action, after_json FROM audit_log"
                      " WHERE table_name = 'account_lockouts' ORDER BY id")[-1]
    assert row["action"] == "update" and row["practitioner_id"] == admin
    assert json.loads(row["after_json"])["unlocked_by"] == admin
    assert pr.sign_in(store, nurse, "battery staple").id == nurse


def test_deactivated_unknown_and_system_accounts_cannot_sign_in(store, two_accounts):
    admin, nurse = two_accounts
    pr.sign_in(store, admin, "correct horse")
    pr.update_practitioner(store, nurse, {"name": "Aisha Rahman", "title": "Nurse",
                                          "role": "practitioner", "active": 0})
    pr.sign_out(store)
    with pytest.raises(UserError, match="deactivated"):
        pr.sign_in(store, nurse, "battery staple")
    with pytest.raises(NotFound, match="no practitioner account number 99"):
        pr.sign_in(store, 99, "anything at all")
    with pytest.raises(NotFound):
        pr.sign_in(store, pr.SYSTEM_ID, "")
    assert store.actor_id is None
    assert [p.id for p in pr.list_practitioners(store, include_inactive=True)] == [nurse, admin]


def test_roles_are_checked_in_the_services(store, two_accounts):
    from rejuv_desktop.services import settings as sset

    admin, nurse = two_accounts
    pr.sign_in(store, nurse, "battery staple")
    with pytest.raises(PermissionDenied, match="Only an administrator can add"):
        pr.create_practitioner(store, {"name": "Eve Intruder", "role": "admin"},
                               "purple monkey dishwasher")
    with pytest.raises(PermissionDenied):
        pr.update_practitioner(store, nurse, {"name": "Aisha Rahman", "role": "admin"})
    with pytest.raises(PermissionDenied):
        pr.change_password(store, admin, "purple monkey dishwasher")
    with pytest.raises(PermissionDenied):
        sset.save_clinic(store, {"clinic_name": "Mine now", "clinic_phone": "0117 496 0000"})
    pr.change_password(store, nurse, "purple monkey dishwasher")  # one's own: allowed
    assert pr.get_practitioner(store, nurse).role == "practitioner"
    assert len(pr.list_practitioners(store)) == 2
    pr.sign_out(store)
    with pytest.raises(PermissionDenied, match="Sign in as an administrator"):
        pr.create_practitioner(store, {"name": "Eve Intruder"}, "purple monkey dishwasher")
    pr.sign_in(store, admin, "correct horse")
    with pytest.raises(ValidationError, match="only active administrator"):
        pr.update_practitioner(store, admin, {"name": "Claire Martin", "role": "practitioner"})


@pytest.mark.parametrize("password,advice", [
    ("password1", "very common"),
    ("12345678", "common password"),
    ("aaaaaaaaaa", "Repeats"),
    ("qwertyuiop", "common password"),
    ("claire martin", "Too easy to guess"),
])
def test_common_and_trivial_passwords_are_refused_with_advice(store, password, advice):
    with pytest.raises(ValidationError) as err:
        pr.create_practitioner(store, {"name": "Claire Martin"}, password)
    assert "Too easy to guess" in err.value.errors["password"]
    assert advice in err.value.errors["password"]


@pytest.mark.parametrize("name,title", [
    ("Dr Amélie Rousseau", "Dr"), ("Dr. Amélie Rousseau", ""), ("Nurse Aisha Rahman", "")])
def test_a_title_typed_into_the_name_is_caught(store, name, title):
    with pytest.raises(ValidationError) as err:
        pr.create_practitioner(store, {"name": name, "title": title}, "correct horse")
    assert "title" in err.value.errors["name"]


@pytest.mark.parametrize("name", ["Claire\u202eMartin", "Cla\u200bire Martin", "Claire\x1b[2J"])
def test_hidden_characters_are_refused_in_practitioners_names(store, name):
    with pytest.raises(ValidationError) as err:
        pr.create_practitioner(store, {"name": name}, "correct horse")
    assert "name" in err.value.errors


def test_account_fields_have_length_limits(store):
    with pytest.raises(ValidationError) as err:
        pr.create_practitioner(store, {"name": "A" * 101, "registration": "9" * 51},
                               "correct horse")
    assert set(err.value.errors) == {"name", "registration"}
