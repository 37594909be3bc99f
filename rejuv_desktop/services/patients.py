"""Patient registry use cases: add, edit, archive, find."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from rejuv_desktop.domain import patients as dp
from rejuv_desktop.storage import patients as patients_repo

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SaveResult:
    patient_id: int
    warnings: list[dp.PatientWarning] = field(default_factory=list)


def check_patient(store, data: dict, patient_id: int | None = None) -> tuple[dict, list]:
    """Validate without saving: the clean record and warnings (implausible age, likely
    duplicate). Raises ``ValidationError`` for invalid fields."""
    today = store.clock().date()
    clean = dp.validate_patient(data, today)
    warnings = dp.patient_warnings(clean, today)
    same = patients_repo.find_same(store, clean["given_name"], clean["family_name"],
                          clean["date_of_birth"], exclude_id=patient_id)
    if same:
        ids = ", ".join(str(r["id"]) for r in same)
        warnings.append(dp.PatientWarning(
            "duplicate", f"A patient with the same names and date of birth exists already "
                         f"(record {ids}). Check before creating a second record."))
    return clean, warnings


def add_patient(store, data: dict) -> SaveResult:
    """Create a patient from form data; raises ``ValidationError`` naming invalid fields."""
    clean, warnings = check_patient(store, data)
    with store.write():
        patient_id = patients_repo.insert(store, clean)
    log.info("patient %s created", patient_id)
    return SaveResult(patient_id, warnings)


def update_patient(store, patient_id: int, data: dict, *,
                   expected_version: int | None = None) -> SaveResult:
    """Replace a patient's details with the form's values. ``expected_version``: the
    ``version`` the form was loaded at; a save over a version saved elsewhere since (another
    workstation) raises ``RecordChanged`` (who and when) and writes nothing."""
    clean, warnings = check_patient(store, data, patient_id)
    with store.write():
        patients_repo.update(store, patient_id, clean, expected_version=expected_version)
    log.info("patient %s updated", patient_id)
    return SaveResult(patient_id, warnings)


def set_archived(store, patient_id: int, archived: bool, *,
                 expected_version: int | None = None) -> None:
    """Archive (hide from lists) or bring back a patient. Nothing is ever deleted. With
    ``expected_version``, refused (``RecordChanged``) when the record was saved elsewhere."""
    with store.write():
        patients_repo.set_archived(store, patient_id, archived,
                                   expected_version=expected_version)
    log.info("patient %s %s", patient_id, "archived" if archived else "unarchived")


def get_patient(store, patient_id: int) -> dict:
    return patients_repo.get(store, patient_id)


def search_patients(store, query: str, *, include_archived: bool = False,
                    limit: int = 200, offset: int = 0) -> list[dict]:
    """Patients matching a typed query (names, date of birth, phone), best matches first."""
    return patients_repo.search(store, query, include_archived=include_archived, limit=limit,
                       offset=offset)


def count_patients(store, *, include_archived: bool = False) -> int:
    return patients_repo.count(store, include_archived=include_archived)
