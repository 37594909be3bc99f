"""Building blocks for session tests: a signed-in practitioner, a plan with a signed consent,
and the values of a complete session of each procedure."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

from rejuv_desktop.domain import consultation as dc
from rejuv_desktop.domain.screening import load_rules
from rejuv_desktop.services import patients as sp
from rejuv_desktop.services import sessions as ss
from rejuv_desktop.storage import consultations as consultations_repo
from rejuv_desktop.storage import plans as plans_repo
from rejuv_desktop.storage import practitioners as practitioners_repo

PDF = b"%PDF-1.4 test"
FINGERS_OK = "pink, warm, brisk refill"

FAT_ITEMS = ["sign_in.identity", "sign_in.photos", "anaesthesia.hands_prepared",
             "donor_site.prepared", "donor_site.sterilised", "closure.dressing",
             "sign_out.recorded"]
TIME_OUT_POINTS = ["identity", "procedure", "sides", "consent", "allergies"]
FAT_VALUES = [
    ("anaesthesia.site.1", "wrist block, left"),
    ("anaesthesia.agent.1", "lidocaine with epinephrine"),
    ("anaesthesia.concentration_percent.1", 1),
    ("anaesthesia.volume_ml.1", 20),
    ("anaesthesia.lot.1", "LID-2207"),
    ("donor_site.site", "abdomen"),
    ("harvest.cannula", "blunt 3 mm"),
    ("harvest.volume_ml", 80),
    ("processing.method", ["centrifugation"]),
    ("processing.usable_volume_ml", 40),
    ("injection.volume_ml.left", 18),
    ("injection.volume_ml.right", 20),
    ("injection.entry_points.left", 5),
    ("injection.entry_points.right", 5),
    ("injection.cannula_gauge.left", 17),
    ("injection.cannula_gauge.right", 17),
    ("closure.method", "adhesive strips"),
    ("sedation.given", False),
]
MESO_ITEMS = ["todays_check.no_infection", "todays_check.no_allergy",
              "disinfection.disinfected", "sign_out.recorded"]
MESO_TODAY = [("todays_check.pregnant", False), ("todays_check.breastfeeding", False),
              ("todays_check.new_medicines", False), ("todays_check.vaccine_or_dental", False),
              ("todays_check.recent_laser", False)]
MESO_VALUES = [
    ("topical_anaesthesia.used", False),
    ("products.name.1", "Hyaluronic acid 20 mg/ml"),
    ("products.lot.1", "HA-2291"),
    ("products.expiry.1", "2028-06-30"),
    ("products.quantity_ml.1", 2.0),
    ("products.name.2", "Vitamin cocktail"),
    ("products.lot.2", "VC 118"),
    ("products.expiry.2", "2028-01-31"),
    ("products.quantity_ml.2", 1.5),
    ("injection.technique", "manual"),
    ("injection.depth_mm", 1.5),
    ("injection.needle_gauge", 30),
    ("injection.duration_min", 20),
    ("reactions.observed", ["redness"]),
    ("sign_out.fingers.left", "pink, warm, brisk refill"),
    ("sign_out.fingers.right", "pink, warm, brisk refill"),
]


def add_practitioner(store, name="Claire Martin", title="Dr") -> int:
    """A practitioner signed in without hashing a password (fast). The clinic's first account
    is its administrator, as at the app's first run."""
    with store.write():
        first = store.scalar("SELECT count(*) FROM practitioners WHERE id > 0") == 0
        pid = practitioners_repo.insert(
            store, {"name": name, "title": title, "role": "admin" if first else "practitioner"},
            "")
    store.actor_id = pid
    return pid


def add_patient(store, given="Zoë", family="Łukasiewicz-Ødegård") -> int:
    return sp.add_patient(store, {"given_name": given, "family_name": family,
                                  "date_of_birth": "1971-03-12", "sex": "female"}).patient_id


CONSULTED_DAYS_AGO = 30
"""A plan made here comes from a consultation (and consent) a month back: the reflection
period is over and its first session is due today, as when a patient comes for it."""


def add_plan(store, patient_id: int, procedure: str, sessions: int | None = None,
             weight: float | None = 64, consent: bool = True, answers: dict | None = None,
             justification: str = "", consulted_at: str | None = None,
             start: date | None = None, days_ago: int = CONSULTED_DAYS_AGO,
             merz: tuple[int, int] | None = None) -> int:
    """A finalised consultation with one plan (and, by default, a signed consent for it).

    Every screening answer is "no" unless ``answers`` says otherwise; ``merz``: the baseline
    grades of the left and right hands."""
    data = dc.new_data()
    data["weight_kg"] = weight
    for side, grade in zip(dc.SIDES, merz or ()):
        data["hands"][side]["merz"] = grade
    data["answers"] = {q.id: "no" for q in load_rules().questions} | (answers or {})
    if justification:
        data["justifications"] = {procedure: {"text": justification}}
    plan = dc.default_plan(procedure, start or store.clock().date())
    then = consulted_at or (store.clock() - timedelta(days=days_ago)).isoformat(timespec="seconds")
    with store.write():
        cid = consultations_repo.insert_consultation(store, {
            "patient_id": patient_id, "practitioner_id": store.actor_id,
            "started_at": then, "finalised_at": then, "record": dc.record(data),
            "screening": {}, "recommendation": {},
            "verdicts": {p: {"level": "eligible", "reasons": []}
                         for p in ("fat_transfer", "mesotherapy")}, "outcome": "planned"})
        plan_id = plans_repo.insert(store, {
            "patient_id": patient_id, "consultation_id": cid, "procedure": procedure,
            "sessions": sessions or plan["sessions"], "interval_days": plan["interval_days"],
            "start_date": plan["start"]})
    if consent:
        sign_consent(store, patient_id, plan_id, procedure, days_ago)
    return plan_id


def sign_consent(store, patient_id: int, plan_id: int, procedure: str,
                 days_ago: int = CONSULTED_DAYS_AGO) -> int:
    """An issued consent and its signed copy, written straight into the archive table."""
    digest = hashlib.sha256(PDF).hexdigest()
    row = {"patient_id": patient_id, "kind": "consent", "procedure": procedure,
           "plan_id": plan_id, "template_id": f"consent_{procedure}", "template_version": "1",
           "created_at": (store.clock() - timedelta(days=days_ago)).isoformat(timespec="seconds"), "created_by": store.actor_id, "sha256": digest,
           "pdf": PDF}
    with store.write():
        n = store.scalar("SELECT count(*) FROM documents") + 1
        issued = store.conn.execute(
            "INSERT INTO documents (number, patient_id, kind, procedure, plan_id, template_id,"
            " template_version, created_at, created_by, sha256, pdf) VALUES"
            " (?, :patient_id, :kind, :procedure, :plan_id, :template_id, :template_version,"
            " :created_at, :created_by, :sha256, :pdf)".replace("?", f"'T-{n}'"), row).lastrowid
        signed = store.conn.execute(
            "INSERT INTO documents (number, patient_id, kind, procedure, plan_id, template_id,"
            " template_version, created_at, created_by, sha256, pdf, signed_of,"
            " signature_method, signed_at) VALUES"
            f" ('T-{n}-S', :patient_id, :kind, :procedure, :plan_id, :template_id,"
            " :template_version, :created_at, :created_by, :sha256, :pdf, :issued, 'paper',"
            " :created_at)", {**row, "issued": issued}).lastrowid
    return signed


def run_fat_transfer(store, session_id: int, last_step: str | None = None) -> None:
    """Record a whole fat transfer session in the order the gates allow."""
    ss.tick(store, session_id, "sign_in.identity")
    ss.tick(store, session_id, "sign_in.photos")
    for point in TIME_OUT_POINTS:
        ss.confirm_time_out(store, session_id, point)
    for key in ("donor_site.prepared", "donor_site.sterilised"):
        ss.tick(store, session_id, key)
    ss.tick(store, session_id, "anaesthesia.hands_prepared")
    for key, value in FAT_VALUES:
        ss.record_value(store, session_id, key, value)
        if key == "closure.method":
            ss.tick(store, session_id, "closure.dressing")
    ss.tick(store, session_id, "sign_out.recorded")
    for side in ("left", "right"):
        ss.record_value(store, session_id, f"sign_out.fingers.{side}", FINGERS_OK)


def run_mesotherapy(store, session_id: int) -> None:
    """Record a whole mesotherapy session in the order the gates allow."""
    for key in MESO_ITEMS[:2]:
        ss.tick(store, session_id, key)
    for key, value in MESO_TODAY:
        ss.record_value(store, session_id, key, value)
    for point in TIME_OUT_POINTS:
        ss.confirm_time_out(store, session_id, point)
    ss.tick(store, session_id, "disinfection.disinfected")
    for key, value in MESO_VALUES:
        ss.record_value(store, session_id, key, value)
    for key in MESO_ITEMS[3:]:
        ss.tick(store, session_id, key)
