"""Command-line output: ``print --out`` checked before anything is issued, stored text made
harmless for the terminal."""

from __future__ import annotations

from datetime import date

import pytest

from rejuv_desktop import cli
from rejuv_desktop.services.demo import build_demo
from rejuv_desktop.storage import open_store
from tests.cli_login import login


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    s = open_store(db)
    build_demo(s, today=date(2026, 11, 22))
    s.close()
    return db


def documents(db) -> int:
    s = open_store(db)
    try:
        return s.scalar("SELECT count(*) FROM documents")
    finally:
        s.close()


def print_consent(db, out, tmp_path, *extra):
    return cli.main(["print", "consent", "--db", str(db), "--patient", "1", "--procedure",
                     "mesotherapy", "--out", str(out), *extra, *login(tmp_path)])


@pytest.mark.parametrize("target,message", [
    (lambda d: d, "is a folder"),
    (lambda d: d / ("x" * 300 + ".pdf"), "too long"),
    (lambda d: d / "a-file.txt" / "c.pdf", "is a file, not a folder"),
])
def test_a_bad_out_path_is_refused_before_anything_is_issued(demo_db, tmp_path, capsys,
                                                            target, message):
    (tmp_path / "a-file.txt").write_text("x")
    before = documents(demo_db)
    assert print_consent(demo_db, target(tmp_path), tmp_path) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert documents(demo_db) == before  # nothing numbered, nothing archived


def test_an_existing_file_is_replaced_only_with_force(demo_db, tmp_path, capsys):
    out = tmp_path / "consent.pdf"
    out.write_bytes(b"the clinic's own file")
    before = documents(demo_db)
    assert print_consent(demo_db, out, tmp_path) == 1
    err = capsys.readouterr().err
    assert "exists already" in err and "--force" in err
    assert out.read_bytes() == b"the clinic's own file"
    assert documents(demo_db) == before
    assert print_consent(demo_db, out, tmp_path, "--force") == 0, capsys.readouterr().err
    assert out.read_bytes().startswith(b"%PDF")
    assert documents(demo_db) == before + 1


def test_lot_lookup_escapes_control_characters_from_stored_text(tmp_path, clock, capsys):
    from tests.session_helpers import (add_patient, add_plan, add_practitioner,
                                                run_mesotherapy)
    from rejuv_desktop.services import practitioners as pr
    from rejuv_desktop.services import sessions as ss

    db = tmp_path / "c.sqlite3"
    store = open_store(db, clock=clock)
    pid = add_practitioner(store)
    pr.change_password(store, pid, "correct horse")
    patient = add_patient(store, "Zoë", "Smith")
    # Text written into the file by other means (an older version, a hand edit) still
    # reaches the terminal only as visible text.
    with store.write():
        store.conn.execute("UPDATE patients SET family_name = ? WHERE id = ?",
                           ("Smith\x1b]0;owned\x07\x1b[2J", patient))
    sid = ss.start_session(store, add_plan(store, patient, "mesotherapy"))
    run_mesotherapy(store, sid)
    ss.complete_session(store, sid)
    store.close()
    assert cli.main(["lot-lookup", "--db", str(db), "HA-2291",
                     *login(tmp_path, pid, "correct horse")]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "Smith\\x1b]0;owned\\x07\\x1b[2J" in out


def test_export_to_an_over_long_folder_name_is_a_message(demo_db, tmp_path, capsys):
    out = tmp_path / ("x" * 300)
    assert cli.main(["export-patient", "--db", str(demo_db), "--patient", "1", "--out",
                     str(out), *login(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "cannot be written: File name too long" in err and "Traceback" not in err
