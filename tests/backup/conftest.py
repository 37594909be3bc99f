"""Databases for the backup, restore, start-up and export tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from rejuv_desktop.storage import open_store

from tests.backup.records import PATIENT_A, PATIENT_B, add_patient_everywhere, seed_bulk


@pytest.fixture
def two_patients(store):
    """The store with a practitioner and patients A and B, each in every table."""
    from rejuv_desktop.services import practitioners as pr

    pr.create_practitioner(store, {"name": "Claire Martin", "title": "Dr",
                                   "registration": "GMC 7123456", "role": "admin"},
                           "correct horse battery")
    store.actor_id = 1
    a = add_patient_everywhere(store, PATIENT_A)
    b = add_patient_everywhere(store, PATIENT_B)
    return store, a, b


@pytest.fixture
def filled_db(db_path, clock) -> Path:
    """A closed database file with 300 patients and some documents (~1 MB)."""
    s = open_store(db_path, clock=clock)
    seed_bulk(s, 300, blob_bytes=3000)
    s.close()
    return db_path
