"""The connection to the clinic server: cut, it is taken up again only where nothing can be
half-done (a read, or the start of a transaction); a write cut in the middle is refused whole."""

import psycopg
import pytest

from rejuv_desktop.errors import ServerUnreachable
from rejuv_desktop.services import patients as sp
from rejuv_desktop.storage import open_store


def cut(pg_cluster, store) -> None:
    with psycopg.connect(pg_cluster.url(), autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (store.backend_pid(),))


@pytest.fixture
def server(pg_url, clock):
    s = open_store(pg_url, clock=clock)
    yield s
    s.close()


def test_a_read_after_a_cut_reconnects_by_itself(server, pg_cluster, patient_data):
    sp.add_patient(server, patient_data)
    before = server.backend_pid()
    cut(pg_cluster, server)
    assert sp.count_patients(server) == 1
    assert server.backend_pid() != before
    sp.add_patient(server, {**patient_data, "given_name": "Ann"})  # and writes again
    assert sp.count_patients(server) == 2


def test_a_write_cut_in_the_middle_is_not_finished_on_a_new_connection(server, pg_cluster,
                                                                       patient_data):
    lost = []
    server.on_lost.append(lambda: lost.append(True))
    with pytest.raises(ServerUnreachable):
        with server.write():
            server.conn.execute("INSERT INTO settings (key, value) VALUES ('clinic_name', 'A')")
            cut(pg_cluster, server)
            server.scalar("SELECT count(*) FROM patients")  # a read inside the write
            server.conn.execute("INSERT INTO settings (key, value) VALUES ('clinic_phone', '1')")
    assert lost == [True]
    assert server.scalar("SELECT count(*) FROM settings") == 0  # nothing half-written
