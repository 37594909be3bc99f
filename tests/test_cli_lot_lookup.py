"""``rejuv-desktop lot-lookup``: the recall from the command line, without Qt."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.session_helpers import add_patient, add_plan, add_practitioner, run_mesotherapy

from rejuv_desktop.services import practitioners as pr
from rejuv_desktop.services import sessions as ss
from tests.cli_login import login

ROOT = Path(__file__).resolve().parents[1]


PASSWORD = "correct horse"


def with_password(store) -> int:
    """The signed-in practitioner (or a new one) gets a real password for the command line."""
    pid = store.actor_id or add_practitioner(store)
    pr.change_password(store, pid, PASSWORD)
    return pid


def lookup(db, lot, *extra):
    args = ["lot-lookup", "--db", str(db), lot, *extra]
    code = ("import sys; from rejuv_desktop.cli import main; "
            f"rc = main({args!r}); "
            "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt loaded'; "
            "sys.exit(rc)")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)


def test_lot_lookup_lists_patients_and_sessions(store, db_path, tmp_path):
    add_practitioner(store)
    for given, family in (("Zoë", "Łukasiewicz-Ødegård"), ("芳", "王")):
        sid = ss.start_session(store, add_plan(store, add_patient(store, given, family),
                                               "mesotherapy"))
        run_mesotherapy(store, sid)
        ss.complete_session(store, sid)
    pid = with_password(store)
    store.close()
    run = lookup(db_path, "ha 2291", *login(tmp_path, pid, PASSWORD))
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == "Lot ha 2291: 2 patient(s), 2 use(s)"
    assert lines[1].split() == ["Date", "Patient", "Born", "Phone", "Session", "Product", "Lot",
                                "Expiry", "Quantity"]
    assert "Zoë Łukasiewicz-Ødegård" in lines[3] and "王" in lines[4]
    assert all("HA-2291" in line and "2 ml" in line and "2026-11-22" in line
               for line in lines[3:])
    # Columns line up, wide characters included: "Product" starts at the same place.
    def at(line, text):
        return sum(2 if ord(c) > 0x2E80 else 1 for c in line[:line.index(text)])
    assert at(lines[3], "Hyaluronic") == at(lines[4], "Hyaluronic") == at(lines[1], "Product")


def test_lot_lookup_says_when_nobody_received_the_lot(store, db_path, tmp_path):
    pid = with_password(store)
    store.close()
    run = lookup(db_path, "X-404", *login(tmp_path, pid, PASSWORD))
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "No patient has received lot X-404."


def test_lot_lookup_on_a_missing_database(tmp_path):
    run = lookup(tmp_path / "nope.sqlite3", "X")
    assert run.returncode == 1 and "No database" in run.stderr
