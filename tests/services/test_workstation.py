"""Where a workstation keeps its records: saved per workstation, the password private."""

import stat

import pytest

from rejuv_desktop import paths
from rejuv_desktop.errors import ValidationError
from rejuv_desktop.services import workstation as sw


@pytest.fixture
def config(tmp_path, monkeypatch):
    folder = tmp_path / "config"
    monkeypatch.setattr(paths, "config_dir", lambda: folder)
    return folder


def server_of(url: str) -> sw.Connection:
    from psycopg.conninfo import conninfo_to_dict

    info = conninfo_to_dict(url)
    return sw.Connection(kind=sw.SERVER, host=info["host"], port=int(info["port"]),
                         database=info["dbname"], user=info["user"])


def test_nothing_saved_means_the_file_on_this_computer(config):
    assert sw.load() is None and sw.saved_target() is None


def test_a_server_is_saved_with_its_password_readable_by_the_user_only(config):
    connection = sw.validate({"kind": "server", "host": "clinic-server", "port": "5433",
                              "database": "rejuv", "user": "rejuv_app", "tls": True})
    sw.save(connection, "p@ss:w/rd é")
    assert sw.load() == connection
    assert stat.S_IMODE(sw.password_file().stat().st_mode) == 0o600
    assert stat.S_IMODE(sw.connection_file().stat().st_mode) == 0o600
    assert "p@ss" not in sw.connection_file().read_text()
    assert sw.load_password() == "p@ss:w/rd é"
    assert sw.saved_target() == ("postgresql://rejuv_app:p%40ss%3Aw%2Frd%20%C3%A9@"
                                 "clinic-server:5433/rejuv?sslmode=require")
    sw.save(connection)  # no new password: the saved one stays
    assert sw.load_password() == "p@ss:w/rd é"
    sw.save(sw.Connection(kind=sw.FILE))  # back to a file: the password is not kept
    assert not sw.password_file().exists() and sw.saved_target() is None


def test_bad_details_are_named_field_by_field():
    with pytest.raises(ValidationError) as caught:
        sw.validate({"kind": "server", "host": "my server", "port": "99999", "database": "",
                     "user": ""})
    assert set(caught.value.errors) == {"host", "port", "database", "user"}
    assert sw.validate({"kind": "file", "host": ""}) == sw.Connection(kind=sw.FILE)


def test_trying_a_connection_reports_the_clinic_or_why_not(pg_url, store_on_server):
    from rejuv_desktop.services import patients as sp

    connection = server_of(pg_url)
    found = sw.try_connection(connection, "")
    assert found.ok and found.patients == 0 and found.server_version
    sp.add_patient(store_on_server, {"given_name": "Ana", "family_name": "Silva",
                                     "date_of_birth": "01/02/1960"})
    assert sw.try_connection(connection, "").patients == 1
    closed = sw.Connection(kind=sw.SERVER, host="127.0.0.1", port=1, database="rejuv",
                           user="rejuv_app")
    found = sw.try_connection(closed, "secret-password")
    assert not found.ok and "cannot be reached" in found.message
    assert "secret-password" not in found.message


@pytest.fixture
def store_on_server(pg_url, clock):
    from rejuv_desktop.services.database import open_database

    s = open_database(pg_url, clock=clock)
    yield s
    s.close()
