"""The benchmark runs end to end on tiny generated clinics (no timing is asserted here)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from rejuv_desktop.services import patients as sp
from rejuv_desktop.services.generate import generate_clinic
from rejuv_desktop.storage import open_store

ROOT = Path(__file__).resolve().parents[1]


def test_bench_quick_prints_every_figure_with_its_baseline(tmp_path):
    out = tmp_path / "results.json"
    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--data", str(tmp_path),
         "--out", str(out)],
        capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert run.returncode == 0, run.stderr[-3000:]
    text = run.stdout
    assert "Machine:" in text and "SQLite" in text and "Qt" in text
    for figure in ("1. Cold start", "1b. Start after an unclean exit", "1c. The integrity check", "2. Search as you type",
                   "3. Open the patient", "4. Checklist tick", "5. Consent PDF",
                   "6. Peak memory", "7. Growth", "8. Outcomes audit",
                   "8b. Open a record's outcome view"):
        assert figure in text, figure
    results = json.loads(out.read_text(encoding="utf-8"))
    rows = {row["figure"].split(" ", 1)[0]: row for row in results["rows"]}
    assert {"1.", "2.", "3.", "4.", "5.", "6.", "7.", "8.", "8b."} <= set(rows)
    for row in results["rows"]:
        assert row["baseline"] and row["ratio"] > 0 and row["target"]
    assert results["ui"]["600"]["keystrokes"] > 20
    assert results["ui"]["600"]["tabs"]["Consultations"] == 50


def test_generated_clinic_is_deterministic_and_complete(store, tmp_path):
    clinic = generate_clinic(store, 40, seed=3, chunk=15)
    counts = clinic.counts
    assert counts["patients"] == 40
    assert 80 <= counts["consultations"] <= 160 + 50
    assert counts["session_entries"] >= 20 * counts["sessions"]
    assert counts["audit_log"] > counts["session_entries"]  # written through the triggers
    busy = store.scalar("SELECT count(*) FROM consultations WHERE patient_id = ?",
                        (clinic.busy_patient_id,))
    assert busy == 50
    assert store.scalar("SELECT status FROM sessions WHERE id = ?",
                        (clinic.tick_session_id,)) == "in_progress"
    names = store.query("SELECT given_name, family_name, date_of_birth, phone FROM patients"
                        " ORDER BY id")
    # Found by search like any patient typed in by hand (search text and name key derived).
    first = names[0]
    assert any(r["id"] == 1 for r in sp.search_patients(store, first["family_name"][:4],
                                                          limit=500))
    # The same clinic again, in a SQLite file whichever engine the first is on.
    again = open_store(tmp_path / "again.sqlite3", clock=store.clock)
    try:
        generate_clinic(again, 40, seed=3, chunk=7)
        assert again.query("SELECT given_name, family_name, date_of_birth, phone FROM patients"
                           " ORDER BY id") == names
        assert again.scalar("SELECT count(*) FROM session_entries") == counts["session_entries"]
    finally:
        again.close()


def test_photo_bench_runs_and_reports_each_figure_against_its_baseline(tmp_path):
    out = tmp_path / "photos.json"
    run = subprocess.run([sys.executable, str(ROOT / "bench" / "photos.py"), "--quick",
                          "--out", str(out)], capture_output=True, text=True, timeout=300,
                         cwd=ROOT, env={**__import__("os").environ,
                                        "QT_QPA_PLATFORM": "offscreen"})
    assert run.returncode == 0, run.stderr[-3000:]
    rows = json.loads(out.read_text(encoding="utf-8"))["rows"]
    assert [r["figure"][:2] for r in rows] == ["8.", "8.", "9."]
    assert all(r["baseline_s"] > 0 and r["ratio"] > 0 for r in rows)


def test_server_bench_reports_workstations_and_the_conflict_run(tmp_path):
    """Five workstation processes on a throw-away server, and the conflict run: every figure
    with its baseline, and no lost or merged edit (the bench fails otherwise)."""
    from tests import pg

    if pg.find_bindir() is None:
        pytest.skip("no PostgreSQL server binaries (apt-get install postgresql)")
    out = tmp_path / "server.json"
    run = subprocess.run([sys.executable, str(ROOT / "bench" / "server.py"), "--quick",
                          "--out", str(out)], capture_output=True, text=True, timeout=600,
                         cwd=ROOT)
    assert run.returncode == 0, (run.stdout + run.stderr)[-3000:]
    results = json.loads(out.read_text(encoding="utf-8"))
    assert [r["figure"][:3] for r in results["rows"]] == ["9. ", "9a.", "9b."]
    assert all(r["ratio"] > 0 for r in results["rows"][:2])
    conflict = results["conflict"]
    assert conflict["lost"] == 0 and conflict["merged"] == 0
    assert conflict["saves"] == 60 and conflict["history"] == 60
    assert len(results["workstations"]["tick"]) == 25
    assert results["chain_ok"]
