"""Practitioner accounts: the first administrator, sign-in, who is acting, and who may do what.

Passwords are hashed with argon2id and must not be easy to guess (zxcvbn's estimate). Every
sign-in attempt, failed or not, is recorded. Guessing is slowed and then stopped per account:
after ``DELAY_AFTER`` wrong passwords in a row each further attempt must wait longer, and after
``LOCK_AFTER`` the account is locked for ``LOCK_MINUTES`` or until an administrator unlocks it.
The count lives in the database, so closing the app or running the command line again does not
reset it; each lockout and each unlock is an audited row.
Once signed in, ``store.actor_id`` names the practitioner, and every clinical write records it.
Roles are checked here, not only in the screens: creating or changing accounts and the clinic's
settings needs an administrator.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from rejuv_desktop.domain import text as dt
from rejuv_desktop.errors import NotFound, PermissionDenied, UserError, ValidationError
from rejuv_desktop.storage import practitioners as practitioners_repo

log = logging.getLogger(__name__)
_hasher = PasswordHasher()  # argon2id, 64 MiB, t=3, p=4 (the library's defaults)
MIN_PASSWORD = 8
MAX_PASSWORD = 256
# zxcvbn's score: 0-1 are common or trivially guessable (under a million guesses); 2 needs
# some hundred million guesses, each an argon2 hash, behind the lockout below.
MIN_STRENGTH = 2
ROLES = {"practitioner": "Practitioner", "admin": "Administrator"}
MAX_LENGTH = {"name": 100, "title": 30, "registration": 50}
SYSTEM_ID = practitioners_repo.SYSTEM_ID

DELAY_AFTER = 3        # wrong passwords in a row before attempts are slowed
LOCK_AFTER = 10        # wrong passwords in a row that lock the account
LOCK_MINUTES = 15      # how long a lockout lasts unless an administrator lifts it first
MAX_DELAY_SECONDS = 60


class AccountLocked(UserError):
    """Too many wrong passwords: the account is locked, or must wait before the next try."""

    def __init__(self, message: str, until: datetime | None = None):
        super().__init__(message)
        self.until = until


@dataclass(frozen=True)
class Practitioner:
    id: int
    name: str
    title: str
    registration: str
    role: str
    active: bool = True
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
                        active=bool(row.get("active", 1)),
                        doctor=bool(row.get("is_doctor")))


def password_problem(password: str, related: list[str] = ()) -> str | None:
    """Why a password would be refused, or None. ``related``: words an attacker would try first
    (the practitioner's name, the clinic's)."""
    if len(password) < MIN_PASSWORD:
        return f"At least {MIN_PASSWORD} characters"
    if len(password) > MAX_PASSWORD:
        return f"At most {MAX_PASSWORD} characters"
    from zxcvbn import zxcvbn  # a 1.7 MB word list, loaded only when a password is set

    words = [w.lower() for text in related for w in str(text).split() if len(w) > 1]
    result = zxcvbn(password[:72], user_inputs=words)  # the estimate is made on 72 at most
    letters = "".join(ch for ch in password.casefold() if ch.isalnum())
    if any(letters and letters in "".join(ch for ch in str(text).casefold() if ch.isalnum())
           for text in related):
        return "Too easy to guess: it is your name. Use a few uncommon words together."
    if result["score"] >= MIN_STRENGTH:
        return None
    feedback = result.get("feedback") or {}
    advice = " ".join(x for x in [feedback.get("warning", ""), *feedback.get("suggestions", [])]
                      if x)
    return "Too easy to guess. " + (advice or "A few uncommon words together are strong and "
                                              "easy to remember.")


def validate(record: dict, password: str | None, confirm: str | None = None,
             related: list[str] = ()) -> dict:
    """Check an account's fields; raises ValidationError naming each invalid field."""
    errors = {}
    clean = {k: str(record.get(k, "") or "").strip() for k in ("name", "title", "registration")}
    clean["role"] = record.get("role", "practitioner")
    for field, limit in MAX_LENGTH.items():
        problem = dt.text_problem(clean[field]) or dt.length_problem(clean[field], limit)
        if problem:
            errors[field] = problem
    clean["is_doctor"] = 1 if record.get("is_doctor") else 0
    if not clean["name"]:
        errors["name"] = "Required"
    elif "name" not in errors:
        problem = dt.title_in_name_problem(clean["name"], clean["title"])
        if problem:
            errors["name"] = problem
    if clean["role"] not in ROLES:
        errors["role"] = "Choose practitioner or administrator"
    if password is not None:
        problem = password_problem(password, [clean["name"], *related])
        if problem:
            errors["password"] = problem
        elif confirm is not None and confirm != password:
            errors["confirm"] = "The two passwords differ"
    if errors:
        raise ValidationError(errors)
    return clean


def has_accounts(store) -> bool:
    """Whether any person has an account (the system account does not count)."""
    return practitioners_repo.count(store) > 0


def acting(store) -> Practitioner | None:
    """The practitioner signed in on this store, or None."""
    if store.actor_id is None:
        return None
    row = practitioners_repo.find(store, store.actor_id)
    return _from_row(row) if row else None


def require_admin(store, action: str) -> None:
    """Raise ``PermissionDenied`` unless an active administrator is signed in. Before the first
    account exists (setting up the clinic) there is no one to ask."""
    if not has_accounts(store):
        return
    me = acting(store)
    if me is None or me.id == SYSTEM_ID:
        raise PermissionDenied(f"Sign in as an administrator to {action}.")
    if not (me.active and me.is_admin):
        raise PermissionDenied(f"Only an administrator can {action}. You are signed in as "
                               f"{me.display}, who is not one.")


def create_practitioner(store, record: dict, password: str, confirm: str | None = None) -> int:
    """Create an account (administrators only). The very first account is always an
    administrator, and anyone may create it."""
    first = not has_accounts(store)
    if not first:
        require_admin(store, "add practitioners")
    clean = validate(record, password, confirm)
    if first:
        clean["role"] = "admin"
    with store.write():
        pid = practitioners_repo.insert(store, clean, _hasher.hash(password))
    log.info("practitioner %s created (%s)", pid, clean["role"])
    return pid


def update_practitioner(store, practitioner_id: int, record: dict, *,
                        expected_version: int | None = None) -> int:
    """Change an account's details, role or active state (administrators only). The last
    active administrator cannot be demoted or deactivated: no one could administer the app.
    ``expected_version``: the account's ``version`` the form was loaded at
    (``account_version``); an account saved elsewhere since is refused with
    ``RecordChanged``. Returns the new version."""
    require_admin(store, "change practitioners' accounts")
    _person(store, practitioner_id)
    clean = validate(record, None)
    clean["active"] = int(bool(record.get("active", 1)))
    current = get_practitioner(store, practitioner_id)
    if (current.is_admin and current.active and (clean["role"] != "admin" or not clean["active"])
            and practitioners_repo.count_active_admins(store) <= 1):
        raise ValidationError({"role": "This is the only active administrator: make someone "
                                       "else an administrator first"})
    with store.write():
        return practitioners_repo.update(store, practitioner_id, clean,
                                         expected_version=expected_version)


def account_version(store, practitioner_id: int) -> int:
    """The version of an account's details, for ``update_practitioner``."""
    return practitioners_repo.get(store, practitioner_id)["version"]


def change_password(store, practitioner_id: int, new_password: str,
                    confirm: str | None = None) -> None:
    """Set a new password: one's own, or anyone's for an administrator."""
    person = _person(store, practitioner_id)
    if store.actor_id != practitioner_id:
        require_admin(store, "set another practitioner's password")
    validate({"name": person.name, "title": person.title}, new_password, confirm)
    with store.write():
        practitioners_repo.set_password_hash(store, practitioner_id, _hasher.hash(new_password))


def require_doctor(store, what: str) -> Practitioner:
    """The signed-in practitioner, who must be a doctor to do ``what`` (UserError otherwise)."""
    if store.actor_id is None:
        raise UserError(f"Sign in first: {what} records who did it.")
    actor = get_practitioner(store, store.actor_id)
    if not actor.doctor:
        raise UserError(f"Only a doctor can {what}. {actor.display} is not recorded as a "
                        "doctor: ask a doctor to sign in (Settings > Accounts records who is one).")
    return actor


def list_practitioners(store, include_inactive: bool = False) -> list[Practitioner]:
    """People's accounts (active ones unless asked), by name; never the system account."""
    rows = practitioners_repo.list_all(store, active_only=not include_inactive)
    return [_from_row(r) for r in rows]


def get_practitioner(store, practitioner_id: int) -> Practitioner:
    return _from_row(practitioners_repo.get(store, practitioner_id))


def _person(store, practitioner_id) -> Practitioner:
    """A person's account, or NotFound with a message (the system account is not one)."""
    row = (practitioners_repo.find(store, practitioner_id) if isinstance(practitioner_id, int)
           else None)
    if row is None or practitioner_id == SYSTEM_ID:
        raise NotFound(f"There is no practitioner account number {practitioner_id}.")
    return _from_row(row)


def find_account(store, who: str) -> Practitioner:
    """The account named by a number or a name (as typed on the command line)."""
    who = (who or "").strip()
    if who.isdigit():
        return _person(store, int(who))
    wanted = " ".join(who.split()).casefold()
    ids = [p.id for p in list_practitioners(store, include_inactive=True)
           if wanted in (p.name.casefold(), p.display.casefold())]
    if not ids:
        raise NotFound(f'There is no practitioner account named "{who}". Give the account '
                       "number or the name exactly as it appears in Settings > Practitioners.")
    if len(ids) > 1:
        raise UserError(f'{len(ids)} accounts are named "{who}" (numbers '
                        f"{', '.join(map(str, ids))}): give the number instead.")
    return _person(store, ids[0])


# Throttle and lockout ------------------------------------------------------------------------

@dataclass(frozen=True)
class Guard:
    """Where an account stands after wrong passwords."""
    failures: int                   # wrong passwords in a row
    locked_until: datetime | None   # set while a lockout runs
    wait_until: datetime | None     # set while the next attempt must wait

    @property
    def locked(self) -> bool:
        return self.locked_until is not None


def _at(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def delay_after(failures: int) -> int:
    """Seconds the next attempt waits after so many wrong passwords in a row: none for the
    first few, then doubling (2, 4, 8 …) up to a minute."""
    if failures < DELAY_AFTER:
        return 0
    return min(2 ** (failures - DELAY_AFTER + 1), MAX_DELAY_SECONDS)


def guard_state(store, practitioner_id: int) -> Guard:
    """The account's wrong-password count, lockout and wait, read from the database."""
    now = store.clock()
    failures, last = practitioners_repo.failures_since_success(store, practitioner_id)
    lock = practitioners_repo.open_lockout(store, practitioner_id)
    locked_until = _at(lock["locked_until"]) if lock else None
    if locked_until is not None and locked_until <= now:
        locked_until = None  # ran out: the next wrong password locks it again at once
    wait_until = None
    if last and not locked_until:
        candidate = _at(last) + timedelta(seconds=delay_after(failures))
        wait_until = candidate if candidate > now else None
    return Guard(failures, locked_until, wait_until)


def _refuse_if_guarded(store, person: Practitioner, guard: Guard) -> None:
    if guard.locked:
        raise AccountLocked(
            f"{person.display}'s account is locked after {guard.failures} wrong passwords in a "
            f"row, until {guard.locked_until:%H:%M}. An administrator can unlock it sooner "
            "(Settings > Practitioners > Unlock).", guard.locked_until)
    if guard.wait_until:
        seconds = max(1, int((guard.wait_until - store.clock()).total_seconds() + 0.999))
        raise AccountLocked(
            f"{guard.failures} wrong passwords in a row: wait {seconds} second(s) before trying "
            "again. The password was not checked.", guard.wait_until)


def _check_password(stored: str, password: str) -> bool:
    try:
        return bool(stored) and _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def _attempt(store, practitioner_id, password: str, success_event: str) -> Practitioner:
    """One password attempt under the throttle: refused while waiting or locked; a wrong
    password counted (and locking the account at ``LOCK_AFTER``); a right one resets the
    count. Returns the account on success, raises ``UserError`` otherwise."""
    if not isinstance(practitioner_id, int) or practitioner_id == SYSTEM_ID:
        raise NotFound("Choose a practitioner account to sign in.")
    row = practitioners_repo.find(store, practitioner_id)
    if row is None:
        with store.write(while_held=True):
            practitioners_repo.record_event(store, "failed", None, str(practitioner_id)[:50])
        raise NotFound(f"There is no practitioner account number {practitioner_id}.")
    person = _from_row(row)
    if not person.active:
        with store.write(while_held=True):
            practitioners_repo.record_event(store, "failed", practitioner_id, "inactive account")
        raise UserError(f"{person.display}'s account is deactivated. An administrator can "
                        "reactivate it in Settings > Practitioners.")
    _refuse_if_guarded(store, person, guard_state(store, practitioner_id))
    ok = _check_password(row["password_hash"], password)  # slow on purpose: outside the write
    # Sign-in events are written even while a start-up check holds other writes back.
    with store.write(while_held=True):
        guard = guard_state(store, practitioner_id)  # another process may have tried meanwhile
        _refuse_if_guarded(store, person, guard)
        if ok:
            practitioners_repo.record_event(store, success_event, practitioner_id)
            # one that ran out: close it
            if practitioners_repo.open_lockout(store, practitioner_id):
                practitioners_repo.close_lockouts(store, practitioner_id, practitioner_id)
            if _hasher.check_needs_rehash(row["password_hash"]):
                practitioners_repo.set_password_hash(store, practitioner_id, _hasher.hash(password))
            return person
        practitioners_repo.record_event(store, "failed", practitioner_id)
        failures = guard.failures + 1
        locked_until = None
        if failures >= LOCK_AFTER:
            locked_until = store.clock() + timedelta(minutes=LOCK_MINUTES)
            practitioners_repo.insert_lockout(store, practitioner_id,
                                locked_until.isoformat(timespec="seconds"), failures)
    log.info("failed sign-in for practitioner %s (%d in a row)", practitioner_id, failures)
    if locked_until:
        log.warning("practitioner %s locked out after %d wrong passwords", practitioner_id,
                    failures)
        raise AccountLocked(
            f"Wrong password. {failures} wrong passwords in a row: {person.display}'s account "
            f"is now locked until {locked_until:%H:%M}. An administrator can unlock it sooner "
            "(Settings > Practitioners > Unlock).", locked_until)
    message = "Wrong password."
    wait = delay_after(failures)
    if wait:
        message += f" Wait {wait} second(s) before the next try."
    if failures >= LOCK_AFTER - 3:
        message += (f" After {LOCK_AFTER - failures} more wrong password(s) the account will "
                    f"be locked for {LOCK_MINUTES} minutes.")
    raise UserError(message)


def sign_in(store, practitioner_id: int, password: str) -> Practitioner:
    """Check the password under the throttle; on success the practitioner becomes the acting
    one. Refuses unknown, deactivated and locked accounts with a message."""
    person = _attempt(store, practitioner_id, password, "sign_in")
    store.actor_id = person.id
    log.info("practitioner %s signed in", person.id)
    return get_practitioner(store, person.id)


def unlock_screen(store, practitioner_id: int, password: str) -> Practitioner:
    """The signed-in practitioner types their password to unlock the idle-locked window:
    the same throttle and lockout as signing in."""
    return _attempt(store, practitioner_id, password, "unlocked")


def locked_accounts(store) -> dict[int, datetime]:
    """Accounts locked out now, with the time each lockout ends."""
    now = store.clock()
    out = {}
    for row in practitioners_repo.open_lockouts(store):
        until = _at(row["locked_until"])
        if until > now:
            out[row["practitioner_id"]] = max(until, out.get(row["practitioner_id"], until))
    return out


def unlock_account(store, practitioner_id: int) -> None:
    """Lift an account's lockout and reset its wrong-password count (administrators only).
    The unlock is audited with the administrator's name."""
    require_admin(store, "unlock accounts")
    _person(store, practitioner_id)
    with store.write():
        practitioners_repo.close_lockouts(store, practitioner_id, store.actor_id)
        practitioners_repo.record_event(store, "unlocked", practitioner_id,
                          f"by administrator {store.actor_id}")
    log.info("practitioner %s unlocked by %s", practitioner_id, store.actor_id)


def record_event(store, event: str, practitioner_id: int | None) -> None:
    with store.write(while_held=True):
        practitioners_repo.record_event(store, event, practitioner_id)


def sign_out(store) -> None:
    if store.actor_id is not None and store.actor_id != SYSTEM_ID:
        record_event(store, "sign_out", store.actor_id)
    store.actor_id = None


def act_as_system(store) -> None:
    """Unattended commands (check, backup) act as the system account: what they write, if
    anything, is attributed to it. It cannot sign in."""
    store.actor_id = SYSTEM_ID
