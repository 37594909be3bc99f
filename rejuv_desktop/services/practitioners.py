"""Practitioner accounts: the first administrator, sign-in, and who is acting.

Passwords are hashed with argon2id. Every sign-in attempt, failed or not, is recorded.
Once signed in, ``store.actor_id`` names the practitioner, and every clinical write records it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from rejuv_desktop.errors import UserError, ValidationError
from rejuv_desktop.storage import practitioners as repo

log = logging.getLogger(__name__)
_hasher = PasswordHasher()  # argon2id, 64 MiB, t=3, p=4 (the library's defaults)
MIN_PASSWORD = 8
ROLES = {"practitioner": "Practitioner", "admin": "Administrator"}


@dataclass(frozen=True)
class Practitioner:
    id: int
    name: str
    title: str
    registration: str
    role: str
    doctor: bool = False
    """A registered medical doctor: may override a deferral or start a session early."""

    @property
    def display(self) -> str:
        return f"{self.title} {self.name}".strip()

    @property
    def display_with_qualification(self) -> str:
        """The name as lists show it, with "(doctor)" for a doctor."""
        return f"{self.display} (doctor)" if self.doctor else self.display

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


def _from_row(row: dict) -> Practitioner:
    return Practitioner(row["id"], row["name"], row["title"], row["registration"], row["role"],
                        bool(row.get("is_doctor")))


def validate(record: dict, password: str | None, confirm: str | None = None) -> dict:
    """Check an account's fields; raises ValidationError naming each invalid field."""
    errors = {}
    clean = {k: str(record.get(k, "") or "").strip() for k in ("name", "title", "registration")}
    clean["role"] = record.get("role", "practitioner")
    clean["is_doctor"] = 1 if record.get("is_doctor") else 0
    if not clean["name"]:
        errors["name"] = "Required"
    elif len(clean["name"]) > 200:
        errors["name"] = "Too long: at most 200 characters"
    if clean["role"] not in ROLES:
        errors["role"] = "Choose practitioner or administrator"
    if password is not None:
        if len(password) < MIN_PASSWORD:
            errors["password"] = f"At least {MIN_PASSWORD} characters"
        elif confirm is not None and confirm != password:
            errors["confirm"] = "The two passwords differ"
    if errors:
        raise ValidationError(errors)
    return clean


def has_accounts(store) -> bool:
    return repo.count(store) > 0


def create_practitioner(store, record: dict, password: str, confirm: str | None = None) -> int:
    """Create an account. The very first account is always an administrator."""
    clean = validate(record, password, confirm)
    if not has_accounts(store):
        clean["role"] = "admin"
    with store.write():
        pid = repo.insert(store, clean, _hasher.hash(password))
    log.info("practitioner %s created (%s)", pid, clean["role"])
    return pid


def update_practitioner(store, practitioner_id: int, record: dict) -> None:
    clean = validate(record, None)
    clean["active"] = record.get("active", 1)
    with store.write():
        repo.update(store, practitioner_id, clean)


def change_password(store, practitioner_id: int, new_password: str,
                    confirm: str | None = None) -> None:
    validate({"name": "x"}, new_password, confirm)
    with store.write():
        repo.set_password_hash(store, practitioner_id, _hasher.hash(new_password))


def require_doctor(store, what: str) -> Practitioner:
    """The signed-in practitioner, who must be a doctor to do ``what`` (UserError otherwise)."""
    if store.actor_id is None:
        raise UserError(f"Sign in first: {what} records who did it.")
    actor = get_practitioner(store, store.actor_id)
    if not actor.doctor:
        raise UserError(f"Only a doctor can {what}. {actor.display} is not recorded as a "
                        "doctor: ask a doctor to sign in (Settings > Accounts records who is one).")
    return actor


def list_practitioners(store) -> list[Practitioner]:
    return [_from_row(r) for r in repo.list_all(store)]


def get_practitioner(store, practitioner_id: int) -> Practitioner:
    return _from_row(repo.get(store, practitioner_id))


def sign_in(store, practitioner_id: int, password: str) -> Practitioner:
    """Check the password; on success the practitioner becomes the acting one."""
    stored = repo.password_hash(store, practitioner_id)
    try:
        ok = bool(stored) and _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        ok = False
    with store.write(while_held=True):
        repo.record_event(store, "sign_in" if ok else "failed", practitioner_id)
        if ok and _hasher.check_needs_rehash(stored):
            repo.set_password_hash(store, practitioner_id, _hasher.hash(password))
    if not ok:
        log.info("failed sign-in for practitioner %s", practitioner_id)
        raise UserError("Wrong password.")
    store.actor_id = practitioner_id
    log.info("practitioner %s signed in", practitioner_id)
    return get_practitioner(store, practitioner_id)


def verify_password(store, practitioner_id: int, password: str) -> bool:
    """Password check without changing who is signed in (used to unlock)."""
    stored = repo.password_hash(store, practitioner_id)
    try:
        return bool(stored) and _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def record_event(store, event: str, practitioner_id: int | None) -> None:
    with store.write(while_held=True):
        repo.record_event(store, event, practitioner_id)


def sign_out(store) -> None:
    if store.actor_id is not None:
        record_event(store, "sign_out", store.actor_id)
    store.actor_id = None
