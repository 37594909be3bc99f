"""Crash and fault safety, run against the real code in subprocesses.

reliability-tests.md T-SQL-4 (kill -9 during a loop of saves: integrity ok 50/50, no
acknowledged save lost), T-ERR-1/2 (disk full, read-only: clear error, no partial rows,
integrity ok) and T-CONC-2 (a second process holding the write lock: message, data kept).
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from rejuv_desktop.errors import StorageError
from rejuv_desktop.services import patients as sp
from rejuv_desktop.storage import open_store

SAVER = textwrap.dedent("""
    import sys
    from rejuv_desktop.storage import open_store
    from rejuv_desktop.services import patients as sp
    store = open_store(sys.argv[1])
    i = 0
    while True:
        i += 1
        result = sp.add_patient(store, {"given_name": f"Crash{i}", "family_name": "Test",
                                        "date_of_birth": "1970-01-01", "notes": "x" * 500})
        print(result.patient_id, flush=True)   # acknowledged: committed before this line
""")


def test_kill_9_during_saves_loses_no_acknowledged_save(tmp_path):
    db = tmp_path / "crash.sqlite3"
    open_store(db).close()
    rng = random.Random(7)
    runs, acknowledged = 50, set()
    for run in range(runs):
        child = subprocess.Popen([sys.executable, "-c", SAVER, str(db)], stdout=subprocess.PIPE,
                                 text=True)
        # wait for the first acknowledged save, then kill at a random moment
        first = child.stdout.readline()
        assert first.strip(), "the child saved nothing"
        acknowledged.add(int(first))
        time.sleep(rng.uniform(0.0, 0.05))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
        acknowledged.update(int(line) for line in out.split() if line.strip())
        store = open_store(db)
        try:
            assert store.scalar("PRAGMA integrity_check") == "ok", f"run {run}"
            present = {r[0] for r in store.conn.execute("SELECT id FROM patients")}
        finally:
            store.close()
        missing = acknowledged - present
        assert not missing, f"run {run}: acknowledged saves lost: {sorted(missing)[:5]}"
    assert len(acknowledged) >= runs


def test_disk_full_gives_a_clear_error_and_no_partial_rows(store, patient_data):
    sp.add_patient(store, patient_data)
    pages = store.scalar("PRAGMA page_count")
    store.conn.execute(f"PRAGMA max_page_count = {pages + 1}")
    before = store.scalar("SELECT count(*) FROM patients")
    audit_before = store.scalar("SELECT count(*) FROM audit_log")
    big = {**patient_data, "notes": "n" * 90_000}
    with pytest.raises(StorageError, match="disk is full"):
        for _ in range(20):
            sp.add_patient(store, big)
    # every save either completed whole (patient + its audit row) or left nothing
    patients = store.scalar("SELECT count(*) FROM patients")
    audits = store.scalar("SELECT count(*) FROM audit_log")
    assert patients - before == audits - audit_before
    assert store.scalar("PRAGMA integrity_check") == "ok"


def test_read_only_database_refuses_writes_clearly(db_path, clock, patient_data):
    s = open_store(db_path, clock=clock)
    sp.add_patient(s, patient_data)
    s.close()
    ro = open_store(db_path, clock=clock)
    ro.conn.execute("PRAGMA query_only = ON")
    with pytest.raises(StorageError, match="read-only"):
        sp.update_patient(ro, 1, {**patient_data, "phone": "0123 456789"})
    assert sp.get_patient(ro, 1)["phone"] == patient_data["phone"]
    ro.close()


HOLDER = textwrap.dedent("""
    import sys, time
    from rejuv_desktop.storage.db import connect
    db = connect(sys.argv[1])
    db.conn.execute("BEGIN IMMEDIATE")
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
    db.conn.execute("ROLLBACK")
""")


def test_second_process_holding_the_write_lock(db_path, clock, patient_data):
    s = open_store(db_path, clock=clock)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db_path), "10"],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    started = time.monotonic()
    with pytest.raises(StorageError, match="busy"):
        sp.add_patient(s, patient_data)
    waited = time.monotonic() - started
    assert 4.5 <= waited < 9  # the 5 s busy timeout, then a message
    assert sp.count_patients(s) == 0
    holder.kill()  # the other program lets go
    holder.wait(timeout=15)
    sp.add_patient(s, patient_data)  # then saving works
    assert sp.count_patients(s) == 1
    s.close()


def test_short_lock_is_waited_out(db_path, clock, patient_data):
    s = open_store(db_path, clock=clock)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db_path), "1.5"],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    sp.add_patient(s, patient_data)  # waits about 1.5 s, then succeeds
    assert sp.count_patients(s) == 1
    holder.wait(timeout=10)
    s.close()


DRAFTER = textwrap.dedent("""
    import sys
    from rejuv_desktop.storage import open_store
    from rejuv_desktop.services import consultations as sc
    store = open_store(sys.argv[1])
    draft = sc.start_consultation(store, 1)
    data = draft.data.to_dict()
    i = 0
    while True:
        i += 1
        data["goals"] = "typed " + str(i)
        sc.save_draft(store, draft.id, data, 0)
        print(i, flush=True)   # acknowledged
""")


def test_kill_9_while_typing_a_consultation_loses_nothing_acknowledged(tmp_path, patient_data):
    db = tmp_path / "drafts.sqlite3"
    s = open_store(db)
    sp.add_patient(s, patient_data)
    s.close()
    from rejuv_desktop.services import consultations as sc

    for run in range(10):
        child = subprocess.Popen([sys.executable, "-c", DRAFTER, str(db)], stdout=subprocess.PIPE,
                                 text=True)
        assert child.stdout.readline().strip()
        time.sleep(0.02 * (run % 4))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
        last = max([0] + [int(x) for x in out.split()])
        s = open_store(db)
        try:
            goals = sc.find_draft(s, 1).data.goals
            assert int(goals.split()[1]) >= last, f"run {run}: lost typing"
            assert s.scalar("PRAGMA integrity_check") == "ok"
        finally:
            s.close()
