"""A restore killed at any moment leaves a whole database at its path (reliability-tests:
kill -9 during restore, run as real processes).

Each run restores the backup the database does not hold, in a child process killed with
SIGKILL at a random moment of the restore; some runs start from a database whose last save is
still in its ``-wal`` (a writer killed after committing). After every kill the database at the
path must be there, pass ``integrity_check``, hold exactly the old or the new records, and pass
``rejuv-desktop check`` (its witness agrees); leftover temporary copies are cleaned by the next
restore.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import datetime
from pathlib import Path

import pytest

from rejuv_desktop.services import backup as sb
from rejuv_desktop.services import check as schk
from rejuv_desktop.storage import backup as files
from rejuv_desktop.storage import open_store

from tests.backup_records import seed_bulk

pytestmark = pytest.mark.slow

RUNS = 60

RESTORER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from rejuv_desktop.services import backup as sb
    print("ready", flush=True)
    sys.stdin.readline()
    sb.restore(Path(sys.argv[1]), Path(sys.argv[2]))
    print("done", flush=True)
""")

WAL_WRITER = textwrap.dedent("""
    import sys, os
    from rejuv_desktop.storage import open_store
    from rejuv_desktop.services import patients as sp
    store = open_store(sys.argv[1])
    store.conn.execute("PRAGMA wal_autocheckpoint=0")
    sp.add_patient(store, {"given_name": "Wal", "family_name": sys.argv[2],
                           "date_of_birth": "1970-01-01"})
    print("saved", flush=True)
    sys.stdin.readline()
""")


def families(db: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return [r[0] for r in conn.execute("SELECT family_name FROM patients ORDER BY id")]
    finally:
        conn.close()


def add(db: Path, family: str) -> None:
    s = open_store(db)
    try:
        with s.write():
            s.conn.execute("INSERT INTO patients (given_name, family_name, date_of_birth,"
                           " created_at, updated_at) VALUES ('X', ?, '1970-01-01', 'x', 'x')",
                           (family,))
    finally:
        s.close()


def leave_a_wal(db: Path, family: str) -> None:
    """A committed save left in the -wal, as a killed app leaves it."""
    child = subprocess.Popen([sys.executable, "-c", WAL_WRITER, str(db), family],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "saved"
    child.send_signal(signal.SIGKILL)
    child.communicate()


def restore_child(db: Path, backup: Path, kill_after: float | None) -> bool:
    """Run a restore in a child; kill it ``kill_after`` seconds after it starts (None: let it
    finish). True when it finished."""
    child = subprocess.Popen([sys.executable, "-c", RESTORER, str(db), str(backup)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "ready"
    child.stdin.write("go\n")
    child.stdin.flush()
    if kill_after is None:
        out, err = child.communicate(timeout=120)
        assert "done" in out, err
        return True
    time.sleep(kill_after)
    child.send_signal(signal.SIGKILL)
    out, _ = child.communicate(timeout=120)
    return "done" in out


def test_kill_9_during_restore_always_leaves_a_whole_database(tmp_path):
    db = tmp_path / "clinic.sqlite3"
    s = open_store(db)
    seed_bulk(s, 300, blob_bytes=3000)
    s.close()
    add(db, "Alpha")
    backup_a = sb.backup_now(db, tmp_path / "b", datetime(2026, 11, 20, 9, 0)).path
    add(db, "Bravo")
    backup_b = sb.backup_now(db, tmp_path / "b", datetime(2026, 11, 21, 9, 0)).path
    states = {backup_a: families(backup_a), backup_b: families(backup_b)}

    # How long a whole restore takes here, from the moment it is told to go.
    started = time.monotonic()
    restore_child(db, backup_a, None)
    duration = time.monotonic() - started
    rng = random.Random(int(os.environ.get("REJUV_KILL_SEED", "13")))
    outcomes = {"old": 0, "new": 0}
    for run in range(RUNS):
        target = backup_b if families(db) == states[backup_a] else backup_a
        if run % 3 == 0:
            leave_a_wal(db, f"Wal{run}")
        old = families(db)
        finished = restore_child(db, target, rng.uniform(0.0, duration * 1.1))
        assert db.exists() and db.stat().st_size > 0, f"run {run}: no database at its path"
        now = families(db)  # integrity_check ok, or this fails
        assert now in (old, states[target]), f"run {run}: neither the old nor the new records"
        outcomes["old" if now == old and now != states[target] else "new"] += 1
        if finished:
            assert now == states[target]
        report = schk.check_path(db)
        assert report.healthy, (run, report.problems())
        if now == old:
            # Killed before the swap: bring the database back to a known state for the next run.
            restore_child(db, target, None)
    print(f"\nrestore killed {RUNS} times: old database kept {outcomes['old']}, "
          f"new one in place {outcomes['new']}")
    assert outcomes["old"] and outcomes["new"]
    # Temporary copies of killed restores are gone after the next restore.
    assert not files.restore_temps(db.parent)


WATCHED = textwrap.dedent("""
    import sys
    from pathlib import Path
    from rejuv_desktop.services import backup as sb
    db, a, b = (Path(p) for p in sys.argv[1:4])
    for i in range(int(sys.argv[4])):
        sb.restore(db, a if i % 2 else b)
    print("done", flush=True)
""")


def test_the_database_path_is_never_empty_during_restores(tmp_path):
    """A watcher polls the path while restores run back to back: it never finds it missing."""
    db = tmp_path / "clinic.sqlite3"
    add(db, "Alpha")
    backup_a = sb.backup_now(db, tmp_path / "b", datetime(2026, 11, 20, 9, 0)).path
    add(db, "Bravo")
    backup_b = sb.backup_now(db, tmp_path / "b", datetime(2026, 11, 21, 9, 0)).path
    child = subprocess.Popen([sys.executable, "-c", WATCHED, str(db), str(backup_a),
                              str(backup_b), "20"], stdout=subprocess.PIPE, text=True)
    polls = missing = 0
    path = str(db)
    while child.poll() is None:
        polls += 1
        try:
            if os.stat(path).st_size == 0:
                missing += 1
        except FileNotFoundError:
            missing += 1
    assert child.returncode == 0
    print(f"\n20 restores watched: {polls} polls, {missing} found no database")
    assert polls > 1000
    assert missing == 0, f"{missing} of {polls} looks found no database"


BACKER = textwrap.dedent("""
    import sys
    from datetime import datetime, timedelta
    from pathlib import Path
    from rejuv_desktop.services import backup as sb
    print("ready", flush=True)
    sys.stdin.readline()
    start = datetime(2026, 1, 1, 9, 0)
    for i in range(1000):
        sb.backup_now(Path(sys.argv[1]), Path(sys.argv[2]), start + timedelta(seconds=i))
""")


def test_kill_9_during_backups_leaves_only_verifiable_backups(tmp_path):
    """Every backup under its final name has a manifest it matches, whenever the backup
    process is killed; a manifest left without its backup goes at the next thinning."""
    db = tmp_path / "clinic.sqlite3"
    s = open_store(db)
    seed_bulk(s, 300, blob_bytes=3000)
    s.close()
    folder = tmp_path / "backups"
    rng = random.Random(5)
    runs, verified = 30, 0
    for run in range(runs):
        child = subprocess.Popen([sys.executable, "-c", BACKER, str(db), str(folder)],
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert child.stdout.readline().strip() == "ready"
        child.stdin.write("go\n")
        child.stdin.flush()
        time.sleep(rng.uniform(0.0, 0.4))
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=60)
        for b in sb.list_backups(folder):
            checked = sb.check_backup(b.path)
            assert checked.manifest is not None, f"run {run}: {b.path.name} has no manifest"
            verified += 1
        sb.thin(folder)
        for manifest in folder.glob("*.manifest.json"):
            assert manifest.with_name(manifest.name[:-len(".manifest.json")]).exists()
        for p in folder.iterdir():  # the next run starts from an empty folder
            if p.name.startswith("rejuv-"):
                p.unlink()
    print(f"\nbackup killed {runs} times: {verified} backups left, each verified against its "
          "manifest")
    assert verified
