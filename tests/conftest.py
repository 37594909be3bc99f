"""Shared fixtures: a temporary database per test, a fixed clock, headless Qt."""

from __future__ import annotations

import os
import tempfile
from datetime import datetime, timezone, timedelta
from pathlib import Path

# Headless by default, and user folders (logs, Qt settings) kept out of the real home.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_HOME = Path(tempfile.mkdtemp(prefix="rejuv-test-home-"))
for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
    os.environ[var] = str(_HOME / var.lower())

import pytest  # noqa: E402

FIXED_NOW = datetime(2026, 11, 22, 10, 30, tzinfo=timezone(timedelta(hours=1)))


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = FIXED_NOW):
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs) -> None:
        self.now = self.now + timedelta(**kwargs)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "clinic.sqlite3"


@pytest.fixture
def store(db_path, clock):
    from rejuv_desktop.storage import open_store

    s = open_store(db_path, clock=clock)
    yield s
    s.close()


@pytest.fixture
def patient_data() -> dict:
    return {"given_name": "Zoë", "family_name": "Łukasiewicz-Ødegård",
            "date_of_birth": "12/03/1971", "sex": "female", "phone": "07700 900123",
            "email": "zoe@example.org", "address": "1 Quay Street, Bristol",
            "preferred_language": "en", "fitzpatrick": "II", "notes": "Pianist."}


@pytest.fixture(autouse=True)
def _no_blocking_error_dialog(monkeypatch):
    """An unexpected error in a test shows no modal dialog (which would hang the run): it is
    recorded instead, and the test fails with its details."""
    try:
        from rejuv_desktop.ui import errors as ui_errors
    except ImportError:  # pragma: no cover - Qt not installed
        yield
        return
    shown: list[str] = []
    original = ui_errors.ErrorDialog.exec
    monkeypatch.setattr(ui_errors.ErrorDialog, "exec", lambda self: shown.append(self.details))
    yield shown
    if ui_errors.ErrorDialog.exec is not original and shown:
        pytest.fail("Unexpected error dialog:\n" + "\n".join(shown))


# Records shared by tests of several layers (backup, restore, sessions, their screens).

@pytest.fixture
def two_patients(store):
    """The store with a practitioner and patients A and B, each in every table."""
    from rejuv_desktop.services import practitioners as pr
    from tests.backup_records import PATIENT_A, PATIENT_B, add_patient_everywhere

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
    from rejuv_desktop.storage import open_store
    from tests.backup_records import seed_bulk

    s = open_store(db_path, clock=clock)
    seed_bulk(s, 300, blob_bytes=3000)
    s.close()
    return db_path


@pytest.fixture
def actor(store):
    """A signed-in practitioner (the sessions tests' default)."""
    from tests.session_helpers import add_practitioner

    return add_practitioner(store)


@pytest.fixture
def patient(store, actor):
    """A patient (the sessions tests' default)."""
    from tests.session_helpers import add_patient

    return add_patient(store)
