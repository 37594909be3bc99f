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
