"""One workstation at a time on a draft consultation or a running session.

The window that opens one takes its lease (``acquire``), renews it while open (``renew``,
every ``RENEW_SECONDS``) and gives it back on closing (``release``). Another window finds it
held (``RecordHeld``: by whom, on which workstation, since when) and cannot edit it. A lease
not renewed for the clinic's time-out (``lease_timeout_minutes``, 10 by default: the holder's
computer was switched off, or the app stopped) may be taken over (``take_over``): the
take-over is recorded and audited, and the first window learns it at its next save
(``require_held`` raises ``RecordHeld`` with ``taken_from_you``), nothing of it saved.

On a single workstation's file there is only ever one window (the file's writer lock): the
same code runs, and the lease is always its own.
"""

from __future__ import annotations

import os
import socket
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from rejuv_desktop.errors import RecordHeld
from rejuv_desktop.storage import leases as leases_repo

CONSULTATION = "consultation"
SESSION = "session"
DEFAULT_TIMEOUT_MINUTES = 10
RENEW_SECONDS = 60


@dataclass(frozen=True)
class Lease:
    kind: str
    record_id: int
    patient_id: int | None
    practitioner_id: int | None
    workstation: str
    since: str
    renewed_at: str
    mine: bool
    lapsed: bool


def workstation_name() -> str:
    """How this computer is named to the others: ``REJUV_WORKSTATION`` when set (e.g.
    RECEPTION, ROOM 1), else the computer's name."""
    name = os.environ.get("REJUV_WORKSTATION", "").strip() or socket.gethostname()
    return name[:40].upper()


def holder(store) -> str:
    """This window's own token (one per open connection)."""
    token = getattr(store, "lease_holder", None)
    if token is None:
        token = store.lease_holder = uuid.uuid4().hex
    return token


def timeout(store) -> timedelta:
    from rejuv_desktop.services.settings import get_settings

    value = get_settings(store).get("lease_timeout_minutes", "")
    try:
        minutes = float(value)
    except ValueError:
        minutes = DEFAULT_TIMEOUT_MINUTES
    return timedelta(minutes=minutes if minutes > 0 else DEFAULT_TIMEOUT_MINUTES)


def _lease(store, row: dict, limit: timedelta | None = None) -> Lease:
    limit = timeout(store) if limit is None else limit
    lapsed = store.clock() - datetime.fromisoformat(row["renewed_at"]) >= limit
    return Lease(row["kind"], row["record_id"], row["patient_id"], row["practitioner_id"],
                 row["workstation"], row["since"], row["renewed_at"],
                 row["holder"] == holder(store), lapsed)


def _held(lease: Lease, *, taken_from_you: bool = False) -> RecordHeld:
    what = "consultation" if lease.kind == CONSULTATION else "session"
    # The command line's words; the window says it with who and when in its own.
    error_message = (
        f"This {what} was taken over on {lease.workstation} at {lease.since}: nothing was "
        "saved here." if taken_from_you else
        f"This {what} is held on {lease.workstation} since {lease.since}: it cannot be "
        "edited here.")
    return RecordHeld(
        error_message,
        practitioner_id=lease.practitioner_id, workstation=lease.workstation,
        since=lease.since, renewed_at=lease.renewed_at, lapsed=lease.lapsed,
        taken_from_you=taken_from_you)


def current(store, kind: str, record_id: int) -> Lease | None:
    """Who holds it now (``None``: nobody)."""
    row = leases_repo.get(store, kind, record_id)
    return _lease(store, row) if row else None


def of_patient(store, patient_id: int) -> list[Lease]:
    """The leases on a patient's records, for the record to show who is working on them."""
    limit = timeout(store)
    return [_lease(store, r, limit) for r in leases_repo.of_patient(store, patient_id)]


def _mine(store) -> dict:
    now = store.now_iso()
    return {"practitioner_id": store.actor_id, "workstation": workstation_name(),
            "holder": holder(store), "since": now, "renewed_at": now}


def acquire(store, kind: str, record_id: int, patient_id: int | None = None) -> Lease:
    """Hold the record for this window; ``RecordHeld`` when another holds it."""
    with store.write(while_held=False):
        row = leases_repo.get(store, kind, record_id)
        if row is None:
            if not leases_repo.insert(store, {"kind": kind, "record_id": record_id,
                                              "patient_id": patient_id, **_mine(store)}):
                raise _held(_lease(store, leases_repo.get(store, kind, record_id)))
        elif row["holder"] == holder(store):
            leases_repo.renew(store, kind, record_id, holder(store), store.now_iso())
        else:
            raise _held(_lease(store, row))
    return current(store, kind, record_id)


def take_over(store, kind: str, record_id: int) -> Lease:
    """Take a lapsed lease (audited); ``RecordHeld`` while it is still renewed."""
    with store.write():
        row = leases_repo.get(store, kind, record_id)
        if row is None:
            return acquire(store, kind, record_id)
        lease = _lease(store, row)
        if lease.mine:
            return lease
        if not lease.lapsed:
            raise _held(lease)
        mine = _mine(store)
        leases_repo.insert_takeover(store, {
            "kind": kind, "record_id": record_id, "patient_id": row["patient_id"],
            "from_practitioner_id": row["practitioner_id"],
            "from_workstation": row["workstation"], "from_holder": row["holder"],
            "from_since": row["since"], "from_renewed_at": row["renewed_at"],
            "practitioner_id": mine["practitioner_id"], "workstation": mine["workstation"],
            "holder": mine["holder"], "at": mine["since"]})
        leases_repo.replace_holder(store, kind, record_id, mine)
    return current(store, kind, record_id)


def renew(store, kind: str, record_id: int) -> bool:
    """Renew this window's lease; False when it is no longer this window's."""
    with store.write(while_held=True):
        return leases_repo.renew(store, kind, record_id, holder(store), store.now_iso())


def release(store, kind: str, record_id: int) -> None:
    """Give the record back (the window closes); nothing when another holds it."""
    with store.write(while_held=True):
        leases_repo.delete(store, kind, record_id, holder(store))


def require_held(store, kind: str, record_id: int) -> None:
    """Refuse a save (``RecordHeld``) when another window holds the record; nothing to
    refuse when nobody does (a command, or a record no window has open)."""
    row = leases_repo.get(store, kind, record_id)
    if row is None or row["holder"] == holder(store):
        return
    taken = leases_repo.takeover_from(store, kind, record_id, holder(store)) is not None
    raise _held(_lease(store, row), taken_from_you=taken)


def forget(store, kind: str, record_id: int) -> None:
    """The record was finalised or discarded: its lease goes (call inside its write)."""
    leases_repo.delete_any(store, kind, record_id)
