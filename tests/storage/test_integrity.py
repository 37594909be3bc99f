"""The integrity check the app runs behind its window after an unclean exit: progress from
0 to 1, a sound file is "ok", a damaged one is named, and the file is never changed."""

from __future__ import annotations

import hashlib

import pytest

from rejuv_desktop.services import patients as sp
from rejuv_desktop.storage import integrity, open_store

pytestmark = pytest.mark.sqlite_file("SQLite's own integrity check of a file")


def test_progress_runs_to_the_end_on_a_sound_database(store, db_path, patient_data,
                                                      monkeypatch):
    monkeypatch.setattr(integrity, "_STEP_BATCH", 200)  # reports often on a small file
    for i in range(300):
        sp.add_patient(store, {**patient_data, "given_name": f"P{i}", "notes": "n" * 400})
    shares = []
    assert integrity.quick_check(db_path, shares.append) == ["ok"]
    assert len(shares) > 2 and shares[-1] == 1.0
    assert all(0 <= a <= b <= 1 for a, b in zip(shares, shares[1:]))
    assert max(shares[:-1]) <= 0.99  # never "done" before it is


def test_damage_is_reported_and_the_file_left_as_it_is(db_path, clock, patient_data):
    store = open_store(db_path, clock=clock)
    for i in range(300):
        sp.add_patient(store, {**patient_data, "given_name": f"P{i}", "notes": "n" * 400})
    page = store.scalar("PRAGMA page_size")
    root = store.scalar("SELECT rootpage FROM sqlite_master WHERE name = 'patients'")
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = bytearray(db_path.read_bytes())
    start = (root - 1) * page
    data[start:start + page] = b"\x0d" + b"\xff" * (page - 1)  # a leaf page with nonsense cells
    db_path.write_bytes(bytes(data))
    digest = hashlib.sha256(db_path.read_bytes()).hexdigest()
    lines = integrity.quick_check(db_path)
    assert lines != ["ok"] and lines
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == digest
