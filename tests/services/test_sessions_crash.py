"""Killing the app mid-session loses no tick that was shown as saved.

A child process records ticks and notes in a loop, printing each one once the service call has
returned (the moment the screen would show it as saved). The test kills it with SIGKILL at a
random point, reopens the database and finds every acknowledged entry, and a sound file.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from tests.session_helpers import TIME_OUT_POINTS, add_patient, add_plan, add_practitioner

from rejuv_desktop.services import sessions as ss
from rejuv_desktop.storage import audit, open_store

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 10

CHILD = """
import sys
from rejuv_desktop.services import sessions as ss
from rejuv_desktop.storage import open_store

store = open_store(sys.argv[1])
store.actor_id = int(sys.argv[2])
session_id, start = int(sys.argv[3]), int(sys.argv[4])
n = start
while True:
    ss.tick(store, session_id, "sign_in.photos", done=n % 2 == 0)
    print(f"T {n}", flush=True)
    ss.record_deviation(store, session_id, "sign_in.identity", f"note {n}")
    print(f"D {n}", flush=True)
    n += 1
"""


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killing_the_process_loses_no_acknowledged_tick(db_path, store):
    actor = add_practitioner(store)
    plan = add_plan(store, add_patient(store), "fat_transfer")
    session_id = ss.start_session(store, plan)
    store.close()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    rng = random.Random(5)
    acked_ticks, acked_notes, start = 0, [], 0
    for _ in range(ROUNDS):
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(db_path), str(actor),
                                  str(session_id), str(start)], cwd=ROOT, env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        wanted = rng.randint(3, 40)
        lines = []
        try:
            while len(lines) < wanted:
                line = child.stdout.readline()
                assert line, child.stderr.read()
                lines.append(line.split())
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=30)
            child.stdout.close()
            child.stderr.close()
        acked_ticks += sum(kind == "T" for kind, _ in lines)
        acked_notes += [f"note {n}" for kind, n in lines if kind == "D"]
        start = int(lines[-1][1]) + 1

        reopened = open_store(db_path)
        try:
            if reopened.engine == "sqlite":  # a server has no file to check
                assert reopened.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            ticks = reopened.scalar("SELECT count(*) FROM session_entries WHERE kind = 'item'"
                                    " AND session_id = ?", (session_id,))
            notes = {r["value_json"].strip('"') for r in reopened.query(
                "SELECT value_json FROM session_entries WHERE kind = 'deviation'")}
            assert ticks >= acked_ticks
            assert set(acked_notes) <= notes
            assert audit.verify_chain(reopened).ok
        finally:
            reopened.close()
    assert acked_ticks >= ROUNDS * 1


def test_the_time_out_survives_a_reopen(db_path, store):
    """Entries are committed when the call returns: a fresh connection sees them."""
    add_practitioner(store)
    session_id = ss.start_session(store, add_plan(store, add_patient(store), "fat_transfer"))
    ss.tick(store, session_id, "sign_in.identity")
    ss.tick(store, session_id, "sign_in.photos")
    for point in TIME_OUT_POINTS:
        ss.confirm_time_out(store, session_id, point)
    other = open_store(db_path)
    try:
        assert set(ss.session_state(other, session_id).time_out) == set(TIME_OUT_POINTS)
    finally:
        other.close()
