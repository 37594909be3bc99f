"""T-CONC: ``import-patients`` and ``restore`` started together, again and again, as real
processes at random offsets. Whichever takes the writer lock first runs; the other is refused
(exit 1, naming the holder) or runs after it. Every acknowledged import is whole in exactly
one place (the live database, or the database the restore kept aside, when it ended before
the restore began), never lost, never cut; the file set aside is never written after."""

from __future__ import annotations

import csv
import hashlib
import random
import subprocess
import sys
import time

from rejuv_desktop.storage import open_store
from tests.cli_login import login

ROUNDS = 8
ROWS = 2000
KILL_ROUNDS = 6


def cli(*args):
    return subprocess.Popen([sys.executable, "-m", "rejuv_desktop", *map(str, args)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def fingerprint(paths) -> dict:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths if p.exists()}


def batch_count(path, tag) -> int:
    # A writing open: a set-aside file may hold a killed writer's journal, which SQLite's
    # recovery replays on opening.
    store = open_store(path, migrate=False)
    try:
        return store.scalar("SELECT count(*) FROM patients WHERE family_name = ?", (tag,))
    finally:
        store.close()


def test_import_and_restore_started_together_never_lose_an_acknowledged_import(tmp_path):
    db = tmp_path / "clinic.sqlite3"
    assert subprocess.run([sys.executable, "-m", "rejuv_desktop", "demo", "--db", str(db)],
                          capture_output=True).returncode == 0
    assert subprocess.run([sys.executable, "-m", "rejuv_desktop", "backup", "--db", str(db),
                           "--to", str(tmp_path / "b")], capture_output=True).returncode == 0
    backup = next((tmp_path / "b").glob("*.sqlite3"))
    rng = random.Random(13)
    outcomes = {"import refused": 0, "restore refused": 0, "both ran": 0}
    for round_ in range(ROUNDS):
        tag = f"Batch{round_}"
        rows = tmp_path / f"{tag}.csv"
        with open(rows, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["given_name", "family_name", "date_of_birth"])
            w.writerows([f"P{i}", tag, "01/02/1970"] for i in range(ROWS))
        asides_before = set(tmp_path.glob("*.before-restore-*"))
        first, second = (("import", "restore") if rng.random() < 0.5 else ("restore", "import"))
        procs = {}
        for name in (first, second):
            procs[name] = (cli("import-patients", "--db", db, rows, *login(tmp_path))
                           if name == "import"
                           else cli("restore", "--db", db, "--from", backup, *login(tmp_path)))
            time.sleep(rng.uniform(0, 0.4))
        # The moment the restore ends, the file it set aside is "kept, unchanged": fingerprint
        # it then, and again when both have ended (a writer still at work in the moved file
        # would change it, and its rows would be missing from the live database).
        kept_at_restore = None
        deadline = time.monotonic() + 300
        while procs["restore"].poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        new_asides = set(tmp_path.glob("*.before-restore-*")) - asides_before
        if procs["restore"].returncode == 0:
            kept_at_restore = fingerprint(new_asides)
        results = {name: (p.wait(timeout=300), *p.communicate()) for name, p in procs.items()}
        if kept_at_restore is not None:
            assert fingerprint(new_asides) == kept_at_restore, f"round {round_}: changed after"
        imported = results["import"][0] == 0
        restored = results["restore"][0] == 0
        assert imported or restored, results
        for name, (code, _out, err) in results.items():
            if code != 0:
                assert "The database is open in rejuv-desktop" in err, (name, err)
                outcomes[f"{name} refused"] += 1
        if imported and restored:
            outcomes["both ran"] += 1
        live = batch_count(db, tag)
        aside = sum(batch_count(p, tag) for p in set(tmp_path.glob("*.before-restore-*"))
                    - asides_before
                    if not p.name.endswith(("-wal", "-shm", "-journal", ".witness")))
        if imported:
            assert f"Imported {ROWS} patient(s)" in results["import"][1]
            assert (live, aside) in ((ROWS, 0), (0, ROWS)), (round_, live, aside)
        else:
            assert live == 0 and aside == 0
    print(f"\n{ROUNDS} rounds: {outcomes}")
    assert sum(outcomes.values()) == ROUNDS


def test_a_writer_killed_at_any_moment_never_blocks_the_next_one(tmp_path):
    """kill -9 of ``import-patients`` at a random moment: the lock goes with the process, so a
    ``restore`` right after it runs (never "open in…"), and the killed import is all or
    nothing in the database the restore kept aside."""
    db = tmp_path / "clinic.sqlite3"
    assert subprocess.run([sys.executable, "-m", "rejuv_desktop", "demo", "--db", str(db)],
                          capture_output=True).returncode == 0
    assert subprocess.run([sys.executable, "-m", "rejuv_desktop", "backup", "--db", str(db),
                           "--to", str(tmp_path / "b")], capture_output=True).returncode == 0
    backup = next((tmp_path / "b").glob("*.sqlite3"))
    rows = tmp_path / "rows.csv"
    with open(rows, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["given_name", "family_name", "date_of_birth"])
        w.writerows([f"P{i}", "Killed", "01/02/1970"] for i in range(2000))
    rng = random.Random(5)
    found = {0: 0, 2000: 0}
    for round_ in range(KILL_ROUNDS):
        importing = cli("import-patients", "--db", db, rows, *login(tmp_path))
        time.sleep(rng.uniform(0.05, 1.0))  # a random moment of its run
        importing.kill()
        importing.communicate()
        asides_before = set(tmp_path.glob("*.before-restore-*"))
        restore = cli("restore", "--db", db, "--from", backup, *login(tmp_path))
        code, out, err = restore.wait(timeout=300), *restore.communicate()
        assert code == 0, (round_, err)
        aside = [p for p in set(tmp_path.glob("*.before-restore-*")) - asides_before
                 if not p.name.endswith(("-wal", "-shm", "-journal", ".witness"))]
        assert len(aside) == 1
        count = batch_count(aside[0], "Killed")
        assert count in (0, 2000), round_
        found[count] += 1
    print(f"\n{KILL_ROUNDS} kills: import whole in {found[2000]}, absent in {found[0]}")
