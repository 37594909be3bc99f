"""The clinic server: the same records on PostgreSQL, the audit chain written by triggers and
serialised across workstations, a role for the app that cannot rewrite the trail."""

from __future__ import annotations

import sqlite3
import threading

import psycopg
import pytest

from rejuv_desktop.errors import StorageError
from rejuv_desktop.services import patients as sp
from rejuv_desktop.storage import audit, open_store
from rejuv_desktop.storage import pg as engine


@pytest.fixture
def server(pg_url, clock):
    s = open_store(pg_url, clock=clock)
    yield s
    s.close()


def test_patients_round_trip_with_an_audit_row_each(server, patient_data):
    pid = sp.add_patient(server, patient_data).patient_id
    back = sp.get_patient(server, pid)
    assert back["family_name"] == "Łukasiewicz-Ødegård"
    assert server.engine == "postgresql"
    rows = server.query("SELECT table_name, row_id, action, practitioner_id, at FROM audit_log")
    assert [(r["table_name"], r["row_id"], r["action"]) for r in rows] == [
        ("patients", pid, "insert")]
    assert rows[0]["at"] == server.now_iso()
    assert audit.verify_chain(server).ok


def test_update_that_changes_nothing_shown_adds_no_audit_row(server, patient_data):
    pid = sp.add_patient(server, patient_data).patient_id
    with server.write():
        server.conn.execute("UPDATE patients SET search_text = 'x' WHERE id = ?", (pid,))
    assert server.scalar("SELECT count(*) FROM audit_log") == 1


def test_audit_rows_cannot_be_changed_or_deleted(server, patient_data):
    sp.add_patient(server, patient_data)
    for sql in ("UPDATE audit_log SET hash = 'x'", "DELETE FROM audit_log"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            with server.write():
                server.conn.execute(sql)
    assert audit.verify_chain(server).ok


def test_a_change_made_outside_the_app_breaks_the_chain(pg_cluster, server, patient_data):
    sp.add_patient(server, patient_data)
    sp.add_patient(server, {**patient_data, "given_name": "Ann"})
    raw = engine.connect(server.url)
    raw.execute("ALTER TABLE audit_log DISABLE TRIGGER USER")
    raw.execute("UPDATE audit_log SET after_json = '{}' WHERE id = 1")
    raw.close()
    check = audit.verify_chain(server)
    assert not check.ok and check.broken_at == 1


def test_concurrent_workstations_never_fork_the_chain(pg_url, clock, patient_data):
    stores = [open_store(pg_url, clock=clock) for _ in range(4)]
    errors = []

    def work(store, n):
        try:
            for i in range(15):
                sp.add_patient(store, {**patient_data, "given_name": f"W{n} {i}"})
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(s, n)) for n, s in enumerate(stores)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    s = stores[0]
    assert s.scalar("SELECT count(*) FROM audit_log") == 60
    assert s.scalar("SELECT count(DISTINCT prev_hash) FROM audit_log") == 60
    assert audit.verify_chain(s).ok
    for store in stores:
        store.close()


def test_search_gives_the_same_results_as_sqlite(server, tmp_path, clock):
    people = [("Zoë", "Łukasiewicz", "12/03/1971", "07700 900123"),
              ("Anna", "Lukas", "05/05/1990", ""), ("Luke", "Adams", "07/07/1985", ""),
              ("Łukasz", "Nowak", "30/01/1980", "+33 6 12 34 56 78"),
              ("Ελένη", "Παπαδοπούλου", "09/09/1959", ""), ("Luc", "Lukas", "04/04/1975", "")]
    local = open_store(tmp_path / "c.sqlite3", clock=clock)
    for store in (local, server):
        for given, family, dob, phone in people:
            sp.add_patient(store, {"given_name": given, "family_name": family,
                                   "date_of_birth": dob, "phone": phone})
    for q in ("luk", "lu", "an", "1971", "07700", "33 6", "ελ", "zoe luk", "", "z"):
        want = [r["id"] for r in sp.search_patients(local, q)]
        assert [r["id"] for r in sp.search_patients(server, q)] == want, q
    local.close()


def test_server_init_makes_a_role_that_cannot_rewrite_the_audit_trail(pg_cluster, patient_data,
                                                                      clock):
    url = pg_cluster.new_database()
    done = engine.server_init(url)
    assert done["schema"] == "created"
    assert engine.server_init(url)["schema"] == "up to date"
    app_url = url.replace("rejuv_admin@", f"{engine.APP_ROLE}@")
    app = open_store(app_url, clock=clock)
    pid = sp.add_patient(app, patient_data).patient_id
    assert sp.get_patient(app, pid)["given_name"] == "Zoë"
    raw = engine.connect(app_url)
    for sql in ("UPDATE audit_log SET hash = 'x'", "DELETE FROM audit_log",
                "TRUNCATE audit_log", "ALTER TABLE audit_log DISABLE TRIGGER USER",
                "DROP TABLE audit_log", "SET session_replication_role = replica"):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            raw.execute(sql)
    raw.close()
    app.close()


def test_an_unreachable_server_is_said_plainly(pg_cluster, clock):
    with pytest.raises(StorageError, match="cannot be reached"):
        open_store(pg_cluster.url("no_such_clinic"), clock=clock)


def test_server_init_from_the_command_line(pg_cluster, capsys):
    from rejuv_desktop import cli

    url = pg_cluster.new_database()
    assert cli.main(["server", "init", "--db", url]) == 0
    assert "Schema: created" in capsys.readouterr().out
    assert cli.main(["server", "init", "--db", "/tmp/not-a-server"]) == 1
    assert "not a clinic server" in capsys.readouterr().err


def test_a_clinic_moves_from_its_file_to_the_server_with_counts_and_chain_verified(
        pg_cluster, tmp_path, clock, patient_data, capsys):
    from rejuv_desktop import cli

    path = tmp_path / "clinic.sqlite3"
    local = open_store(path, clock=clock)
    ids = [sp.add_patient(local, {**patient_data, "given_name": n}).patient_id
           for n in ("Ann", "Bea", "Cleo")]
    sp.update_patient(local, ids[0], {**patient_data, "given_name": "Anne"})
    local_rows = local.scalar("SELECT count(*) FROM audit_log")
    assert local.scalar("SELECT count(*) FROM audit_keys") == 1  # a keyed chain
    local.close()
    url = pg_cluster.new_database()
    assert cli.main(["migrate", "--from", str(path), "--to", url]) == 0
    out = capsys.readouterr().out
    assert "patients" in out and "audit trail intact" in out
    server = open_store(url, clock=clock)
    assert [r["given_name"] for r in sp.search_patients(server, "")] == ["Anne", "Bea", "Cleo"]
    assert server.scalar("SELECT count(*) FROM audit_log") == local_rows
    # The server continues the same keyed chain, and new ids follow the copied ones.
    new_id = sp.add_patient(server, {**patient_data, "given_name": "Dora"}).patient_id
    assert new_id == max(ids) + 1
    check = audit.verify_chain(server)
    assert check.ok and check.rows == local_rows + 1, check.message
    server.close()
    # A second move onto the same server is refused: it holds records now.
    assert cli.main(["migrate", "--from", str(path), "--to", url]) == 1
    assert "already holds records" in capsys.readouterr().err


def test_check_on_a_server_names_a_disabled_audit_trigger_and_a_broken_chain(
        pg_url, server, patient_data, capsys):
    from rejuv_desktop import cli

    sp.add_patient(server, patient_data)
    assert cli.main(["check", "--db", pg_url]) == 0
    assert "audit trail intact (1 rows)" in capsys.readouterr().out
    raw = engine.connect(pg_url)
    raw.execute("ALTER TABLE patients DISABLE TRIGGER audit_patients")
    raw.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update")
    raw.execute("UPDATE audit_log SET at = '2020-01-01T00:00:00+00:00'")
    raw.close()
    assert cli.main(["check", "--db", pg_url]) == 1
    out = capsys.readouterr().out
    assert "trigger audit_patients on patients is disabled" in out
    assert "audit row 1" in out


@pytest.mark.parametrize("engine_name", ["sqlite", "postgresql"])
def test_a_save_over_a_change_made_elsewhere_is_refused_with_who_and_when(
        request, engine_name, tmp_path, clock, patient_data):
    from rejuv_desktop.errors import RecordChanged

    if engine_name == "postgresql":
        target = request.getfixturevalue("pg_url")
        reception, room = open_store(target, clock=clock), open_store(target, clock=clock)
    else:  # one process may hold the file twice (it shares its writer lock)
        target = tmp_path / "clinic.sqlite3"
        reception, room = open_store(target, clock=clock), open_store(target, clock=clock)
    pid = sp.add_patient(reception, patient_data).patient_id
    loaded = sp.get_patient(room, pid)
    assert loaded["version"] == 1
    reception.actor_id = 4  # the receptionist's account
    clock.advance(minutes=3)
    sp.update_patient(reception, pid, {**patient_data, "phone": "07700 900999"},
                      expected_version=1)
    with pytest.raises(RecordChanged) as refused:
        sp.update_patient(room, pid, {**patient_data, "notes": "Typed in room 1."},
                          expected_version=loaded["version"])
    assert refused.value.changed_by == 4
    assert refused.value.changed_at == clock().isoformat(timespec="seconds")
    assert refused.value.version == 2
    now = sp.get_patient(room, pid)
    assert now["phone"] == "07700 900999" and now["notes"] == "Pianist."  # nothing merged
    # Saving again from the version now read goes through.
    sp.update_patient(room, pid, {**patient_data, "notes": "Typed in room 1."},
                      expected_version=now["version"])
    assert sp.get_patient(reception, pid)["version"] == 3
    reception.close()
    room.close()


def test_a_server_backup_is_kept_only_once_it_restores_whole(pg_cluster, tmp_path, clock,
                                                             patient_data, capsys):
    """``server backup``: pg_dump into a file, restored into a scratch database, every table
    counted and the audit chain verified there; the file restores into a working clinic."""
    from rejuv_desktop import cli

    if engine.find_client("pg_dump") is None:
        pytest.skip("pg_dump is not installed")
    url = pg_cluster.new_database()
    assert cli.main(["server", "init", "--db", url]) == 0
    server = open_store(url, clock=clock)
    for name in ("Ann", "Bea", "Cleo"):
        sp.add_patient(server, {**patient_data, "given_name": name})
    server.close()
    out = tmp_path / "clinic.dump"
    capsys.readouterr()
    assert cli.main(["server", "backup", "--db", url, "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert "found whole" in said and "audit trail intact" in said
    assert out.is_file() and not out.with_name("clinic.dump.partial").exists()
    # No scratch database is left behind.
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT count(*) FROM pg_database WHERE datname LIKE"
                            " 'rejuv_verify_%'").fetchone()[0] == 0
    # The file is a real backup: restored as the README says, the clinic opens and verifies.
    restored = pg_cluster.new_database()
    import subprocess

    subprocess.run([str(engine.find_client("pg_restore")), "--exit-on-error", "--no-owner",
                    f"--dbname={restored}", str(out)], check=True, capture_output=True)
    back = open_store(restored, clock=clock)
    assert sorted(r["given_name"] for r in sp.search_patients(back, "")) == ["Ann", "Bea",
                                                                            "Cleo"]
    assert audit.verify_chain(back).ok
    back.close()


def test_a_server_backup_that_does_not_restore_whole_is_not_kept(pg_cluster, tmp_path, clock,
                                                                 patient_data, monkeypatch):
    if engine.find_client("pg_dump") is None:
        pytest.skip("pg_dump is not installed")
    url = pg_cluster.new_database()
    engine.server_init(url)
    server = open_store(url, clock=clock)
    sp.add_patient(server, patient_data)
    server.close()
    real = engine.table_counts
    calls = []

    def restored_short(raw):  # the second count is the restored copy's: one patient missing
        counts = real(raw)
        calls.append(1)
        if len(calls) == 2:
            counts["patients"] -= 1
        return counts

    monkeypatch.setattr(engine, "table_counts", restored_short)
    out = tmp_path / "clinic.dump"
    with pytest.raises(StorageError, match="row counts differ for patients"):
        engine.backup(url, out)
    assert list(tmp_path.iterdir()) == []  # neither the backup nor its partial file
    with pytest.raises(StorageError, match="does not exist"):
        engine.backup(url, tmp_path / "no-such-folder" / "clinic.dump")


def test_a_file_whose_audit_trail_does_not_verify_is_not_moved(pg_cluster, tmp_path, clock,
                                                                patient_data, capsys):
    from rejuv_desktop import cli
    from rejuv_desktop.storage.db import connect as sqlite_connect

    path = tmp_path / "clinic.sqlite3"
    local = open_store(path, clock=clock)
    sp.add_patient(local, patient_data)
    local.close()
    db = sqlite_connect(path)  # a change made outside the app, over the trail's guard
    db.conn.execute("DROP TRIGGER audit_log_no_update")
    db.conn.execute("UPDATE audit_log SET after_json = replace(after_json, 'Zoë', 'Zoe')")
    db.conn.commit()
    db.conn.close()
    url = pg_cluster.new_database()
    assert cli.main(["migrate", "--from", str(path), "--to", url]) == 1
    assert "does not verify" in capsys.readouterr().err
    with psycopg.connect(url) as conn:  # nothing was copied
        assert conn.execute("SELECT to_regclass('patients')").fetchone()[0] is None


def test_tls_is_asked_for_in_the_address(tmp_path, clock, patient_data):
    """TLS is optional: ``?sslmode=require`` (or ``verify-full`` with the server's certificate)
    in the address encrypts the connection; a server without TLS is then refused plainly."""
    import shutil
    import subprocess

    from tests import pg

    bindir = pg.find_bindir()
    if bindir is None or shutil.which("openssl") is None:
        pytest.skip("needs PostgreSQL's server binaries and openssl")
    certs = tmp_path / "certs"
    certs.mkdir()
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(certs / "server.key"), "-out", str(certs / "server.crt")],
                   check=True, capture_output=True)
    cluster = pg.Cluster(bindir)
    for f in ("server.key", "server.crt"):
        shutil.copy(certs / f, cluster.root / f)
    cluster.options = (f"-c ssl=on -c ssl_cert_file={cluster.root / 'server.crt'} "
                       f"-c ssl_key_file={cluster.root / 'server.key'}")
    import os

    if os.geteuid() == 0:
        for f in ("server.key", "server.crt"):
            shutil.chown(cluster.root / f, "postgres", "postgres")
    os.chmod(cluster.root / "server.key", 0o600)
    try:
        cluster.start()
        url = cluster.new_database()
        for query in ("?sslmode=require",
                      f"?sslmode=verify-full&sslrootcert={certs / 'server.crt'}"):
            server = open_store(url + query, clock=clock)
            try:
                assert server.scalar("SELECT ssl FROM pg_stat_ssl WHERE pid ="
                                     " pg_backend_pid()") is True
                sp.add_patient(server, patient_data)
            finally:
                server.close()
    finally:
        cluster.stop()


def test_a_server_without_tls_is_refused_when_the_address_asks_for_it(pg_url, clock):
    with pytest.raises(StorageError, match="cannot be reached.*SSL"):
        open_store(pg_url + "?sslmode=require", clock=clock)


def test_the_chain_is_read_a_page_at_a_time_and_still_checked_across_pages(
        pg_cluster, server, patient_data, monkeypatch):
    """A clinic's trail is millions of rows: the server's is read by pages, and a change in a
    later page is still found (and the rows of every page counted)."""
    monkeypatch.setattr(audit, "_CHAIN_PAGE", 3)
    for n in range(8):
        sp.add_patient(server, {**patient_data, "given_name": f"P{n}"})
    check = audit.verify_chain(server)
    assert check.ok and check.rows == 8 and check.head[0] == 8
    with psycopg.connect(pg_cluster.url(server.url.rsplit("/", 1)[1]), autocommit=True) as c:
        c.execute("ALTER TABLE audit_log DISABLE TRIGGER USER")
        c.execute("UPDATE audit_log SET after_json = replace(after_json, 'P6', 'P9')"
                  " WHERE id = 7")
    assert audit.verify_chain(server).broken_at == 7


def _clinic_file_with_photographs(path, clock, patient_data):
    from rejuv_desktop.services import photos as sph
    from tests.photo_images import camera_jpeg, png, scene

    local = open_store(path, clock=clock)
    pid = sp.add_patient(local, patient_data).patient_id
    sph.record_clinical_consent(local, pid, True)
    photos = [sph.import_photo(local, pid, "both_dorsal", camera_jpeg()).photo,
              sph.import_photo(local, pid, "palms", png(scene(seed=2))).photo]
    local.close()
    return pid, photos


def test_photographs_move_onto_the_server_checked_by_hash_and_are_in_its_backup(
        pg_cluster, tmp_path, clock, patient_data, capsys):
    from rejuv_desktop import cli
    from rejuv_desktop.services import photos as sph
    from rejuv_desktop.storage import photos as photos_repo

    path = tmp_path / "clinic.sqlite3"
    _pid, photos = _clinic_file_with_photographs(path, clock, patient_data)
    folder = photos_repo.folder_of(path)
    url = pg_cluster.new_database()
    assert cli.main(["migrate", "--from", str(path), "--to", url]) == 0
    out = capsys.readouterr().out
    assert "Photographs: 2 files copied into the server" in out
    server = open_store(url, clock=clock)
    for photo in photos:
        assert sph.image_bytes(server, photo.id) == photos_repo.read_file(folder, photo.sha256)
        assert sph.thumbnail(server, photo.id)
    assert sph.check_files(server).ok and sph.check_files(server).checked == 2
    server.close()
    assert cli.main(["check", "--db", url]) == 0
    assert "ok, 2 files" in capsys.readouterr().out
    # server backup holds them: restored, the photographs are there, byte for byte.
    if engine.find_client("pg_dump") is None:
        pytest.skip("pg_dump is not installed")
    dump = tmp_path / "clinic.dump"
    assert cli.main(["server", "backup", "--db", url, "--out", str(dump)]) == 0
    restored = pg_cluster.new_database()
    import subprocess

    subprocess.run([str(engine.find_client("pg_restore")), "--exit-on-error", "--no-owner",
                    f"--dbname={restored}", str(dump)], check=True, capture_output=True)
    back = open_store(restored, clock=clock)
    assert [sph.image_bytes(back, p.id) for p in photos] == [
        photos_repo.read_file(folder, p.sha256) for p in photos]
    back.close()
    # A photograph's bytes altered behind the app's back (guard trigger set aside): check says so.
    admin = engine.connect(url)
    with admin.transaction():
        admin.execute("ALTER TABLE photo_files DISABLE TRIGGER photo_files_never_change")
        admin.execute("UPDATE photo_files SET bytes = bytes || '\\x00'::bytea WHERE sha256 = %s",
                      (photos[0].sha256,))
        admin.execute("ALTER TABLE photo_files ENABLE TRIGGER photo_files_never_change")
    admin.close()
    assert cli.main(["check", "--db", url]) == 1
    said = capsys.readouterr().out
    assert "1 altered" in said and f"photo {photos[0].id}" in said
    server = open_store(url, clock=clock)
    with pytest.raises(StorageError, match="altered"):
        sph.image_bytes(server, photos[0].id)
    server.close()


def test_a_move_with_an_altered_photograph_copies_nothing(pg_cluster, tmp_path, clock,
                                                          patient_data, capsys):
    from rejuv_desktop import cli
    from rejuv_desktop.storage import photos as photos_repo

    path = tmp_path / "clinic.sqlite3"
    _pid, photos = _clinic_file_with_photographs(path, clock, patient_data)
    damaged = photos_repo.file_path(photos_repo.folder_of(path), photos[1].sha256)
    damaged.write_bytes(damaged.read_bytes()[:-4] + b"0000")
    url = pg_cluster.new_database()
    assert cli.main(["migrate", "--from", str(path), "--to", url]) == 1
    assert "photographs cannot be copied" in capsys.readouterr().err
    raw = engine.connect(url)
    assert raw.execute("SELECT count(*) FROM patients").fetchone()[0] == 0
    assert raw.execute("SELECT count(*) FROM photo_files").fetchone()[0] == 0
    raw.close()


def test_the_apps_role_adds_and_reads_photographs_but_never_changes_them(pg_cluster, clock,
                                                                         patient_data):
    from rejuv_desktop.services import photos as sph
    from tests.photo_images import camera_jpeg

    url = pg_cluster.new_database()
    engine.server_init(url)
    app_url = url.replace("rejuv_admin@", f"{engine.APP_ROLE}@")
    app = open_store(app_url, clock=clock)
    pid = sp.add_patient(app, patient_data).patient_id
    sph.record_clinical_consent(app, pid, True)
    photo = sph.import_photo(app, pid, "both_dorsal", camera_jpeg()).photo
    assert sph.image_bytes(app, photo.id)[:2] == b"\xff\xd8"
    app.close()
    raw = engine.connect(app_url)
    for sql in ("UPDATE photo_files SET bytes = '\\x00'", "DELETE FROM photo_files",
                "TRUNCATE photo_files"):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            raw.execute(sql)
        raw.rollback()
    raw.close()
    admin = engine.connect(url)  # even the administrator's role meets the guard trigger
    with pytest.raises(psycopg.errors.IntegrityConstraintViolation, match="never changed"):
        admin.execute("DELETE FROM photo_files")
    admin.close()
