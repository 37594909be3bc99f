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
def db_path(request, tmp_path):
    """Where the test's clinic database is: a SQLite file, or with ``--engine=postgresql`` the
    URL of a new database on the test server (``open_store`` takes either)."""
    if request.config.getoption("--engine") == "postgresql":
        return request.getfixturevalue("pg_url")
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


# --- The engines: SQLite (the default) and PostgreSQL (``--engine=postgresql``) -------------

def pytest_addoption(parser):
    parser.addoption("--engine", choices=("sqlite", "postgresql"),
                     default=os.environ.get("REJUV_TEST_ENGINE", "sqlite"),
                     help="the database engine the store fixtures open (default: sqlite; "
                          "postgresql starts a throw-away server from the machine's binaries)")


@pytest.fixture(scope="session")
def pg_cluster():
    """A PostgreSQL server for the whole run (skipped, saying why, without binaries)."""
    from tests import pg

    bindir = pg.find_bindir()
    if bindir is None:
        pytest.skip("no PostgreSQL server binaries found (initdb/pg_ctl): install "
                    "postgresql, or set REJUV_PG_BINDIR")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg is not installed")
    from rejuv_desktop.storage import pg as engine

    cluster = pg.Cluster(bindir)
    try:
        cluster.start()
        # A template database holding the schema: each test gets a quick copy of it.
        cluster.admin('CREATE DATABASE "rejuv_template"')
        raw = engine.connect(cluster.url("rejuv_template"))
        try:
            engine.create_schema(raw)
        finally:
            raw.close()
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def pg_url(pg_cluster):
    """The URL of a new clinic database on the test server, schema already in place."""
    url = pg_cluster.new_database(template="rejuv_template")
    yield url
    pg_cluster.drop_database(url)


@pytest.fixture
def engine(request) -> str:
    return request.config.getoption("--engine")


def pytest_collection_modifyitems(config, items):
    """With ``--engine=postgresql``, tests about the SQLite file itself are skipped, with why."""
    if config.getoption("--engine") != "postgresql":
        return
    folders = {"reliability": "crashes and faults injected into the SQLite file"}
    for item in items:
        folder = Path(str(item.fspath)).parent.name
        if folder in folders:
            item.add_marker(pytest.mark.skip(reason=f"SQLite only: {folders[folder]}"))
            continue
        mark = item.get_closest_marker("sqlite_file")
        if mark is not None:
            why = mark.args[0] if mark.args else "about the SQLite file"
            item.add_marker(pytest.mark.skip(reason=f"SQLite only: {why}"))


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
