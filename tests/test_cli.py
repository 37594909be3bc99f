import subprocess
import sys

from rejuv_desktop.services import patients as sp
from rejuv_desktop.storage import open_store


def cli(*args):
    return subprocess.run([sys.executable, "-m", "rejuv_desktop", *map(str, args)],
                          capture_output=True, text=True, timeout=120)


def test_demo_then_check(tmp_path, clock):
    db = tmp_path / "demo.sqlite3"
    run = cli("demo", "--db", db)
    assert run.returncode == 0, run.stderr
    store = open_store(db, clock=clock)
    try:
        names = {r["family_name"] for r in sp.search_patients(store, "", limit=500)}
        assert sp.count_patients(store) >= 55
        assert {"Łukasiewicz-Ødegård", "Παπαδοπούλου", "Смирнова"} <= names
    finally:
        store.close()
    run = cli("check", "--db", db)
    assert run.returncode == 0 and "healthy" in run.stdout
    assert cli("demo", "--db", db).returncode == 1  # never overwrites a database


def test_demo_is_deterministic(tmp_path):
    from datetime import date
    from rejuv_desktop.services.demo import build_demo

    dumps = []
    for name in ("a", "b"):
        s = open_store(tmp_path / f"{name}.sqlite3")
        build_demo(s, today=date(2026, 11, 22))
        dumps.append(s.query("SELECT given_name, family_name, date_of_birth, phone, address,"
                             " fitzpatrick, archived FROM patients ORDER BY id"))
        s.close()
    assert dumps[0] == dumps[1]


def test_check_reports_damage(tmp_path):
    db = tmp_path / "d.sqlite3"
    assert cli("demo", "--db", db).returncode == 0
    store = open_store(db)
    store.conn.execute("DROP TRIGGER audit_log_no_update")
    store.conn.execute("UPDATE audit_log SET after_json = '{}' WHERE id = 3")
    store.close()
    run = cli("check", "--db", db)
    assert run.returncode == 1
    assert "audit row 3" in run.stdout


def test_check_on_missing_database(tmp_path):
    run = cli("check", "--db", tmp_path / "nope.sqlite3")
    assert run.returncode == 1 and "No database" in run.stderr


def test_headless_commands_do_not_load_qt(tmp_path):
    code = ("import sys; from rejuv_desktop.cli import main; "
            f"rc = main(['demo', '--db', r'{tmp_path / 'x.sqlite3'}']); "
            "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt loaded'; "
            "sys.exit(rc)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


def test_outcomes_command_prints_the_audit_as_json(tmp_path):
    import json
    from datetime import date

    from rejuv_desktop.services import outcomes as so
    from rejuv_desktop.services.demo import build_demo
    from rejuv_desktop.domain.outcome_audit import audit_json

    db = tmp_path / "demo.sqlite3"
    s = open_store(db)
    build_demo(s, today=date(2026, 11, 22))
    expected = audit_json(so.clinic_audit(s, today=s.clock().date()))
    s.close()
    run = cli("outcomes", "--db", db, "--json")
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert out == expected
    fat = out["procedures"]["fat_transfer"]
    assert [r["months"] for r in fat["responders"]] == [3, 6, 12]
    assert set(fat["responders"][0]) == {"months", "hands", "responders", "rate", "ci_low",
                                         "ci_high"}
    assert all(0 <= c["rate"] <= 1 for c in fat["complications"])
    assert {c["type"]: c["published_rate"] for c in fat["complications"]}["bruising"] == 0.07
    assert set(fat["lost_to_follow_up"][0]) == {"months", "due", "done"}
    run = cli("outcomes", "--db", db, "--from", "2026-01-01", "--to", "2025-01-01")
    assert run.returncode == 1 and "before" in run.stderr
    text = cli("outcomes", "--db", db)
    assert text.returncode == 0 and "Merz responders" in text.stdout
