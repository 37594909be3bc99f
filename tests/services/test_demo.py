"""The demo clinic shows every state a new user should be able to find (one test per state)."""

import subprocess
import sys
from datetime import date

import pytest

from rejuv_desktop.services import consultations as sc
from rejuv_desktop.services import follow_ups as fu
from rejuv_desktop.services import recall
from rejuv_desktop.services import sessions as ss
from rejuv_desktop.services.check import check_database
from rejuv_desktop.services.demo import build_demo
from rejuv_desktop.storage import open_store

TODAY = date(2026, 11, 22)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    store = open_store(tmp_path_factory.mktemp("demo") / "demo.sqlite3")
    build_demo(store, today=TODAY)
    yield store
    store.close()


def test_each_screening_outcome_is_present(demo):
    levels = {r["level"] for r in demo.query("SELECT level FROM procedure_verdicts")}
    assert {"eligible", "caution", "defer", "contraindicated"} <= levels


def test_caution_comes_with_a_justification(demo):
    rows = demo.query("SELECT c.id FROM consultations c JOIN procedure_verdicts v"
                      " ON v.consultation_id = c.id WHERE v.procedure = 'fat_transfer'"
                      " AND v.level = 'caution' AND c.outcome = 'planned'")
    c = sc.get_consultation(demo, rows[0]["id"])
    assert c["record"].justifications["fat_transfer"]["text"]
    assert c["record"].justifications["fat_transfer"]["by"]


def test_stopped_consultations_contraindicated_and_referral(demo):
    outcomes = [r["outcome"] for r in demo.query("SELECT outcome FROM consultations")]
    assert outcomes.count("stopped") >= 2
    assert "not_planned" in outcomes


def test_plans_of_each_kind(demo):
    plans = demo.query("SELECT procedure, combined, sessions FROM plans WHERE status != 'superseded'")
    assert any(p["procedure"] == "fat_transfer" and not p["combined"] for p in plans)
    assert any(p["procedure"] == "mesotherapy" and p["sessions"] >= 4 for p in plans)
    assert any(p["combined"] for p in plans)


def test_completed_sessions_with_volumes_products_and_lots(demo):
    assert demo.scalar("SELECT count(*) FROM sessions WHERE status = 'completed'") >= 5
    assert recall.lot_lookup(demo, "HA24-1187")
    rows = demo.query("SELECT s.id, s.procedure, s.patient_id FROM sessions s")
    fat = next(r for r in rows if r["procedure"] == "fat_transfer")
    plans = ss.patient_sessions(demo, fat["patient_id"])
    figures = [f for p in plans for s in p["sessions_list"] for f in s["figures"]]
    assert any("left 15 ml, right 14 ml" in f for f in figures)
    assert any("lot HA24-1187" in f for f in figures)


def test_consents_issued_and_signed_and_aftercare(demo):
    kinds = demo.query("SELECT kind, signed_of, signature_method FROM documents")
    assert any(k["kind"] == "consent" and k["signed_of"] and k["signature_method"] == "screen" for k in kinds)
    assert any(k["kind"] == "consent" and k["signature_method"] == "paper" for k in kinds)
    unsigned = demo.query("SELECT d.id FROM documents d WHERE d.kind = 'consent' AND d.signed_of IS NULL"
                          " AND NOT EXISTS (SELECT 1 FROM documents s WHERE s.signed_of = d.id)")
    assert unsigned
    assert any(k["kind"] == "aftercare" for k in kinds)


def test_follow_ups_overdue_this_week_and_upcoming(demo):
    due = fu.due_list(demo, TODAY)
    assert all(due[k] for k in ("overdue", "this_week", "upcoming")), {k: len(v) for k, v in due.items()}


def test_one_amended_consultation(demo):
    amended = demo.query("SELECT id, amends_id, amendment_reason FROM consultations"
                         " WHERE amends_id IS NOT NULL")
    assert len(amended) == 1 and amended[0]["amendment_reason"]


def test_demo_database_is_healthy(demo):
    assert check_database(demo).healthy


def test_demo_is_deterministic_for_a_date(tmp_path):
    dumps = []
    for name in ("a", "b"):
        s = open_store(tmp_path / f"{name}.sqlite3")
        build_demo(s, today=TODAY)
        dumps.append((s.query("SELECT number, sha256 FROM documents ORDER BY id"),
                      s.query("SELECT due_from, due_to, status FROM follow_ups ORDER BY id")))
        s.close()
    assert dumps[0] == dumps[1]


def test_print_works_on_demo_patients_and_says_what_is_missing(tmp_path):
    db = tmp_path / "demo.sqlite3"
    assert subprocess.run([sys.executable, "-m", "rejuv_desktop", "demo", "--db", str(db)],
                          capture_output=True).returncode == 0
    from tests.cli_login import login

    ok = subprocess.run([sys.executable, "-m", "rejuv_desktop", "print", "consent", "--db", str(db),
                         "--patient", "1", "--procedure", "mesotherapy", "--out",
                         str(tmp_path / "c.pdf"), *login(tmp_path)], capture_output=True,
                        text=True)
    assert ok.returncode == 0, ok.stderr
    assert (tmp_path / "c.pdf").read_bytes().startswith(b"%PDF")
    missing = subprocess.run([sys.executable, "-m", "rejuv_desktop", "print", "consent", "--db",
                              str(db), "--patient", "20", "--procedure", "fat_transfer",
                              "--out", str(tmp_path / "x.pdf"), *login(tmp_path)],
                             capture_output=True, text=True)
    assert missing.returncode == 1 and "no plan for" in missing.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_a_patient_on_an_interacting_medicine_with_donor_site_anaesthetic_near_the_limit(demo):
    rows = demo.query("SELECT s.id FROM sessions s WHERE s.procedure = 'fat_transfer'"
                      " AND s.status = 'completed'")
    statuses = [ss.session_status(demo, r["id"]) for r in rows]
    reduced = [st for st in statuses if st.dose is not None and st.dose.reduction is not None]
    assert len(reduced) == 1
    dose = reduced[0].dose
    assert "slows the breakdown of lidocaine" in dose.message
    assert dose.status == "warning" and 85 <= dose.percent < 100
    assert any(line.where == "donor site (tumescent)" and line.concentration_percent == 0.05
               for line in dose.lines)
    # Its aftercare was issued, so the app ticked the sign-out item itself.
    assert reduced[0].state.completed_items["sign_out.aftercare"][0] == "the app"


def test_outcomes_show_responders_non_responders_losses_and_complications(demo):
    from rejuv_desktop.services import outcomes as so

    audits = {a.procedure: a for a in so.clinic_audit(demo, today=TODAY)}
    fat = audits["fat_transfer"]
    for r in fat.responders:
        if r.months in (3, 12):
            assert 0 < r.rate.count < r.rate.total  # responders and non-responders
    assert all(x.due > x.done for x in fat.lost_to_follow_up if x.months in (3, 6, 12))
    seen = {c.type for a in audits.values() for c in a.complications if c.rate.count}
    assert {"bruising", "prolonged_swelling", "numbness", "lumps_oil_cysts", "infection",
            "nodules", "allergic_reaction"} <= seen
    assert audits["mesotherapy"].gais[0].rate.total > 0
    # A severe complication still open flags one record; a 12-month and a 3-month review are
    # due this week, ready to run.
    flagged = [p for p in (r["id"] for r in demo.query("SELECT id FROM patients"))
               if so.record_flags(demo, p)]
    assert len(flagged) == 1
    due = [i for i in fu.due_list(demo, TODAY)["this_week"] if i.id is not None]
    asks = {so.assessment_form(demo, i.id).outcome_months for i in due}
    assert {3, 12} <= asks
