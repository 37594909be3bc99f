"""Consent to photographs, per use: the clinical record (per patient, needed to take any
photograph; a refusal is recorded instead), teaching and marketing (per photograph, with an
expiry); withdrawals; and the anonymous copies exported for teaching or marketing, refused for
any photograph without that consent in force.

The answers are judged by ``domain.photos.consent_state``: the newest event wins, a signed
consent form's answer counts as an event, and a withdrawal blocks every later use.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from rejuv_desktop.domain import photos as dph
from rejuv_desktop.errors import NotFound
from rejuv_desktop.services import photo_images as images
from rejuv_desktop.services.photo_images import PhotoError
from rejuv_desktop.storage import photos as photos_repo

log = logging.getLogger(__name__)

EXPORT_MAX_SIDE = 2400
"""Longest side of a copy exported for teaching or marketing, in pixels."""


# -- consent -------------------------------------------------------------------------------

def _when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _events(store, patient_id: int, use: str, photo_id: int | None = None):
    events = []
    if use == "clinical_record":
        for row in photos_repo.signed_photo_answers(store, patient_id):
            answers = json.loads(row["photo_consent_json"] or "{}")
            if isinstance(answers.get("clinical_record"), bool):
                events.append(dph.ConsentEvent(_when(row["signed_at"] or row["created_at"]),
                                               answers["clinical_record"], "form"))
    for row in photos_repo.consents_of(store, patient_id):
        if row["use"] != use or (photo_id is not None and row["photo_id"] != photo_id):
            continue
        events.append(dph.ConsentEvent(
            _when(row["recorded_at"]), bool(row["granted"]), "app", row["id"],
            date.fromisoformat(row["expires_on"]) if row["expires_on"] else None,
            _when(row["withdrawn_at"])))
    return events


def clinical_consent(store, patient_id: int) -> dph.ConsentState:
    """Whether photographs may be taken for the patient's record now (and why not)."""
    return dph.consent_state(_events(store, patient_id, "clinical_record"),
                             store.clock().date())


def use_consent(store, photo_id: int, use: str) -> dph.ConsentState:
    """Whether one photograph may be used for teaching or marketing today. The patient's
    consent to the clinical record must still stand as well."""
    photo = photos_repo.get_photo(store, photo_id)
    clinical = clinical_consent(store, photo["patient_id"])
    state = dph.consent_state(_events(store, photo["patient_id"], use, photo_id),
                              store.clock().date())
    if state.allowed and clinical.reason == "withdrawn":
        return dph.ConsentState(False, "withdrawn", clinical.event, state.history)
    return state


def record_clinical_consent(store, patient_id: int, granted: bool, note: str = "") -> int:
    """Record the patient's yes or no to photographs for the clinical record. A no is the
    recorded refusal that stands in for the photographs on the session checklist."""
    if not photos_repo.patient_exists(store, patient_id):
        raise NotFound(f"There is no patient with id {patient_id}.")
    with store.write():
        return photos_repo.insert_consent(store, {"patient_id": patient_id, "photo_id": None,
                                           "use": "clinical_record", "granted": int(granted),
                                           "note": note.strip()})


def grant_use(store, photo_id: int, use: str, expires_on: date | None, note: str = "") -> int:
    """Record the patient's consent to one photograph's use for teaching or marketing, until
    ``expires_on`` (None: until withdrawn)."""
    if use not in dph.PER_PHOTO_USES:
        raise PhotoError("unknown_use", f"Unknown use '{use}'.", use=use)
    photo = photos_repo.get_photo(store, photo_id)
    if expires_on is not None and expires_on < store.clock().date():
        raise PhotoError("expiry_past", "The expiry date has already passed.")
    with store.write():
        return photos_repo.insert_consent(store, {
            "patient_id": photo["patient_id"], "photo_id": photo_id, "use": use, "granted": 1,
            "expires_on": expires_on.isoformat() if expires_on else None, "note": note.strip()})


def withdraw(store, consent_id: int, reason: str) -> None:
    """Record a withdrawal (kept with its reason); every later use is refused."""
    if not reason.strip():
        raise PhotoError("reason_needed", "Say why the consent is withdrawn.")
    consent = photos_repo.get_consent(store, consent_id)
    if consent["withdrawn_at"]:
        raise PhotoError("already_withdrawn", "This consent was already withdrawn.")
    with store.write():
        photos_repo.withdraw_consent(store, consent_id, reason.strip())


def consents(store, patient_id: int) -> list[dict]:
    """Every consent row recorded for the patient's photographs, oldest first."""
    return photos_repo.consents_of(store, patient_id)


# -- export for teaching or marketing ------------------------------------------------------

@dataclass(frozen=True)
class UseExport:
    folder: Path
    files: list[Path]


def export_for_use(store, photo_ids: list[int], use: str, out_dir: Path | str) -> UseExport:
    """Write copies of photographs for teaching or marketing into a new folder in
    ``out_dir``: refused as a whole (nothing written) when any photograph lacks a consent to
    that use in force today. Each copy is pixels only, under a random name: no patient name in
    the file, its name or its metadata."""
    if use not in dph.PER_PHOTO_USES:
        raise PhotoError("unknown_use", f"Unknown use '{use}'.", use=use)
    if not photo_ids:
        raise PhotoError("nothing_chosen", "Choose the photographs to export.")
    refused = [(pid, use_consent(store, pid, use)) for pid in photo_ids]
    refused = [(pid, s.reason) for pid, s in refused if not s.allowed]
    if refused:
        raise PhotoError("no_use_consent",
                         f"Not exported: {len(refused)} photograph(s) have no consent to {use} "
                         "in force (" + ", ".join(f"photo {pid}: {why.replace('_', ' ')}"
                                                  for pid, why in refused) + ").",
                         refused=refused, use=use)
    out_dir = Path(out_dir)
    target = out_dir / f"{use}-{store.clock().strftime('%Y%m%d-%H%M%S')}-{secrets.token_hex(3)}"
    try:
        target.mkdir(parents=True, mode=0o700)
        written = []
        for pid in photo_ids:
            copy = images.anonymous_copy(_stored(store, pid), EXPORT_MAX_SIDE)
            path = target / f"{use}-{secrets.token_hex(6)}.jpg"
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            with os.fdopen(fd, "wb") as f:
                f.write(copy)
            written.append(path)
    except OSError as exc:
        raise PhotoError("export_failed", f"The copies could not be written to {out_dir}: "
                         f"{exc.strerror or exc}.") from exc
    log.info("%d photo(s) exported for %s", len(written), use)
    return UseExport(target, written)




def _stored(store, photo_id: int) -> bytes:
    from rejuv_desktop.services.photos import image_bytes

    return image_bytes(store, photo_id)
