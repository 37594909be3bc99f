"""A deterministic clinic of any size, for benchmarks: a decade of patients and their records.

``generate_clinic`` fills an empty database with ``patients`` patients (names of many origins
and scripts, dates of birth, phones), about three finalised consultations each with their
screening snapshots and plans, a signed consent per plan, procedure sessions with about thirty
checklist entries each, follow-ups and product lots, and outcomes (what the 3-, 6- and 12-month
reviews found, with each hand's grade, and complications). One patient has many consultations and
sessions (the heavy record to open) and one has a session in progress (to tick items in).

Rows are written through the real schema, so audit triggers, the search index and constraints
run as in real use; only the round trips are batched. The same size and seed always give the
same records.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta

from rejuv_desktop.domain import consultation as dc
from rejuv_desktop.domain import recommendation as rec
from rejuv_desktop.domain import screening as scr
from rejuv_desktop.domain.consultation_record import ConsultationRecord, HandFindings
from rejuv_desktop.domain.protocols import SIDES, load_protocol
from rejuv_desktop.domain.schedule import follow_ups_after_session
from rejuv_desktop.services import settings
from rejuv_desktop.services.generate_sessions import (ENTRY_COLUMNS, PRODUCT_COLUMNS, ZONE,
                                                      session_entries, stamp, stand_in_pdf)
from rejuv_desktop.services.sample_names import ORIGINS
from rejuv_desktop.storage import bulk
from rejuv_desktop.storage import practitioners as practitioners_repo

GENERATOR_VERSION = 6
"""Bumped whenever the records generated for a size and seed change (cached files expire)."""
REFERENCE_DAY = date(2026, 11, 1)
"""'Today' for the generated clinic: records span the ten years before it."""
FIRST_DAY = REFERENCE_DAY - timedelta(days=3652)
BUSY_CONSULTATIONS = 50
PLANNED_SHARE = 0.30
WRITE_CACHE_KIB = 1024 * 1024
"""SQLite's page cache while a clinic is written (1 GiB; the app's own is 32 MiB)."""

CLINIC = {"clinic_name": "Harbourside Hand Clinic",
          "clinic_address": "12 Quay Street, Bristol BS1 4DJ", "clinic_phone": "0117 496 0000"}
PRACTITIONERS = [("Claire Martin", "Dr", "GMC 7123456", "admin"),
                 ("Samuel Okafor", "Dr", "GMC 7654321", "practitioner"),
                 ("Aisha Rahman", "Nurse", "NMC 12A3456E", "practitioner"),
                 ("Hélène Dubois", "Dr", "RPPS 10003456789", "practitioner")]
"""The clinic's accounts: (name, title, registration, role); the "Dr" ones are recorded as
doctors (a doctor may start a session early or override a deferral)."""
STREETS = ["High Street", "Church Lane", "Station Road", "Victoria Road", "Mill Lane",
           "rue de la République", "Park Avenue", "Queen's Road", "ulica Długa", "Hauptstraße"]
TOWNS = ["Bath BA1", "Harrogate HG1", "Cheltenham GL50", "Guildford GU1", "Chester CH1",
         "York YO1", "Winchester SO23", "Lyon 69002", "Bristol BS1", "Annecy 74000"]
AMENDMENT_REASONS = ["Weight recorded wrongly", "Screening answer corrected after the GP's letter",
                     "Plan changed at the patient's request", "Hand assessment completed"]

_PATIENT_COLUMNS = ("id", "given_name", "family_name", "date_of_birth", "sex", "phone", "email",
                    "address", "preferred_language", "fitzpatrick", "notes", "archived",
                    "created_at", "updated_at", "search_text", "name_key")
_CONSULTATION_COLUMNS = ("id", "patient_id", "practitioner_id", "started_at", "finalised_at",
                         "amends_id", "amendment_reason", "data_json", "screening_json",
                         "recommendation_json", "verdict_fat_transfer", "verdict_mesotherapy",
                         "outcome")
_VERDICT_COLUMNS = ("consultation_id", "procedure", "level", "reasons_json")
_HAND_COLUMNS = ("patient_id", "context", "consultation_id", "side", "scale", "grade",
                 "assessed_at", "practitioner_id")
_PLAN_COLUMNS = ("id", "patient_id", "consultation_id", "procedure", "sessions",
                 "interval_days", "start_date", "combined", "status", "created_at")
_DOCUMENT_COLUMNS = ("id", "number", "patient_id", "kind", "procedure", "consultation_id",
                     "plan_id", "template_id", "template_version", "lang", "created_at",
                     "created_by", "sha256", "pdf", "signed_of", "signature_method", "signed_at")
_SESSION_COLUMNS = ("id", "patient_id", "plan_id", "procedure", "session_number",
                    "series_length", "maintenance", "status", "started_at", "started_by",
                    "completed_at", "completed_by", "session_date", "protocol_id",
                    "protocol_version", "sides", "weight_kg", "consent_document_id")
_FOLLOW_UP_COLUMNS = ("id", "patient_id", "session_id", "plan_id", "kind", "rule_id", "label",
                      "due_from", "due_to", "status", "done_at", "done_by", "note", "created_at")
_ASSESSMENT_COLUMNS = ("follow_up_id", "patient_id", "assessed_on", "practitioner_id", "asked",
                       "gais_practitioner", "gais_patient", "gais_version", "satisfaction",
                       "touch_up_wanted", "hand_q_taken", "hand_q_score", "notes", "created_at")
# The grade of each hand at an outcome review: hand assessments too, written after the visits.
_FOLLOW_UP_GRADE_COLUMNS = ("patient_id", "context", "follow_up_id", "side", "scale", "grade",
                            "assessed_at", "practitioner_id")
_COMPLICATION_COLUMNS = ("patient_id", "session_id", "type", "severity", "site", "onset_date",
                         "resolved_date", "recorded_at", "recorded_by")
TABLES = ("patients", "consultations", "procedure_verdicts", "hand_assessments", "plans",
          "documents", "sessions", "session_entries", "follow_ups", "session_products",
          "follow_up_assessments", "complications")
# Complications per session and their mix (a clinic's log, not published rates).
COMPLICATION_SHARE = 0.06
COMPLICATION_TYPES = ("bruising", "bruising", "bruising", "numbness", "numbness",
                      "prolonged_swelling", "lumps_oil_cysts", "infection", "asymmetry", "nodules")


@dataclass(frozen=True)
class GeneratedClinic:
    """What was generated: sizes, seed, the ids the benchmark needs, and row counts."""

    patients: int
    seed: int
    busy_patient_id: int
    """The patient with ``BUSY_CONSULTATIONS`` consultations, plans and sessions."""
    tick_session_id: int
    """A mesotherapy session in progress, with a signed consent, to record ticks in."""
    counts: dict[str, int] = field(default_factory=dict)
    version: int = GENERATOR_VERSION

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> GeneratedClinic:
        return cls(**json.loads(text))


class _Clock:
    """The time the audit triggers stamp: moved along as the decade is written."""

    def __init__(self) -> None:
        self.now = datetime.combine(FIRST_DAY, time(9), ZONE)

    def __call__(self) -> datetime:
        return self.now


def _digits(rng: random.Random, pattern: str) -> str:
    return "".join(str(rng.randrange(10)) if ch == "#" else ch for ch in pattern)


class _Generator:
    def __init__(self, store, patients: int, seed: int):
        self.store = store
        self.n = patients
        self.rng = random.Random(f"rejuv-clinic-{seed}")
        self.seed = seed
        self.protocols = {p: load_protocol(p) for p in ("fat_transfer", "mesotherapy")}
        self.pdf = stand_in_pdf()
        self.pdf_sha = hashlib.sha256(self.pdf).hexdigest()
        self.ids = {t: bulk.next_id(store, t) for t in ("patients", "consultations", "plans",
                                                         "documents", "sessions", "follow_ups")}
        self.counts = dict.fromkeys(TABLES, 0)
        self.busy_index = patients // 2
        self.tick_index = patients // 3 if patients > 2 else 0
        self.first_patient_id = self.ids["patients"]
        self.busy_patient_id = self.first_patient_id + self.busy_index
        self.tick_session_id = 0
        self._screenings = self._screening_variants()
        self._cum = []
        total = 0.0
        for origin in ORIGINS:
            total += origin.weight
            self._cum.append(total)

    # --- reusable JSON -------------------------------------------------------------------------
    def _screening_variants(self) -> list[tuple[str, str, dict[str, tuple[str, str]]]]:
        """A few real (screening, recommendation, verdicts) results, serialised once: the
        verdicts by procedure as (level, reasons as JSON)."""
        rules = scr.load_rules()
        out = []
        for chosen, concerns in ((["mesotherapy"], ["crepey_skin", "dryness"]),
                                 (["fat_transfer"], ["volume_loss", "prominent_veins"]),
                                 (["mesotherapy"], ["lentigines", "loss_of_elasticity"])):
            data = ConsultationRecord(concerns=concerns, chosen=chosen)
            answers = {q.id: "no" for q in rules.questions}
            evaluation = dc.evaluate(data, rules)
            snapshot = scr.snapshot(answers, rules)
            verdicts = {p: (v["level"], json.dumps(v["reasons"], ensure_ascii=False))
                        for p, v in snapshot.pop("verdicts").items()}
            out.append((json.dumps(snapshot, ensure_ascii=False),
                        json.dumps(rec.to_dict(evaluation.recommendation), ensure_ascii=False),
                        verdicts))
        return out

    @staticmethod
    def _typed_rows(out: dict, cid: int, pid: int, actor: int, at: str,
                    verdicts: dict[str, tuple[str, str]], record: ConsultationRecord,
                    stopped: bool = False) -> str:
        """The verdict and hand-assessment rows of a generated consultation; returns the
        record's JSON as stored (its grades are in the hand assessments)."""
        for procedure, (level, reasons) in verdicts.items():
            out["procedure_verdicts"].append(
                (cid, procedure, "contraindicated" if stopped else level, reasons))
        for side, scale, grade in record.hand_grades():
            out["hand_assessments"].append((pid, "baseline", cid, side, scale, grade, at, actor))
        return record.to_json(without_grades=True)

    # --- one patient ---------------------------------------------------------------------------
    def _person(self, pid: int, created: date) -> tuple:
        rng = self.rng
        origin = ORIGINS[self._pick_origin()]
        sex = "female" if rng.random() < 0.88 else "male"
        given = rng.choice(origin.female if sex == "female" else origin.male)
        family = rng.choice(origin.family)
        if rng.random() < 0.05:
            family = f"{family}-{rng.choice(origin.family)}"
        age = rng.randint(32, 76)
        dob = created - timedelta(days=age * 365 + rng.randrange(365))
        record = {"given_name": given, "family_name": family, "date_of_birth": dob.isoformat(),
                  "phone": _digits(rng, origin.phone_format) if rng.random() < 0.95 else ""}
        search_text, name_key = bulk.patient_derived(record)
        at = stamp(created, rng.randrange(540))
        return (pid, given, family, record["date_of_birth"], sex, record["phone"],
                f"patient{pid}@example.org" if rng.random() < 0.6 else "",
                f"{rng.randint(1, 140)} {rng.choice(STREETS)}, {rng.choice(TOWNS)}",
                origin.language, rng.choice(["", "I", "II", "II", "III", "III", "IV", "V", "VI"]),
                "", int(rng.random() < 0.02), at, at, search_text, name_key)

    def _pick_origin(self) -> int:
        x = self.rng.random() * self._cum[-1]
        return next(i for i, c in enumerate(self._cum) if x < c)

    def _patient_records(self, pid: int, created: date, busy: bool, out: dict) -> None:
        """Consultations, plans, consents, sessions, entries and follow-ups of one patient."""
        rng = self.rng
        count = BUSY_CONSULTATIONS if busy else rng.choice((1, 2, 2, 3, 3, 3, 4, 4, 5))
        span = max(1, (REFERENCE_DAY - created).days - 1)
        days = sorted(created + timedelta(days=rng.randrange(span)) for _ in range(count))
        previous = None
        for index, day in enumerate(days):
            actor = rng.randint(1, len(PRACTITIONERS))
            cid = self._take("consultations")
            roll = rng.random()
            # Many visits are reviews that plan nothing new: about a third leads to a plan, so
            # a clinic of 100,000 patients holds about 3,000,000 checklist entries.
            outcome = "planned" if busy or roll < PLANNED_SHARE else (
                "not_planned" if roll < 0.97 else "stopped")
            amends = previous if previous and rng.random() < 0.03 else None
            snapshot, recommendation, verdicts = rng.choice(self._screenings)
            procedure = ("fat_transfer" if index % 2 else "mesotherapy") if busy else (
                "fat_transfer" if rng.random() < 0.35 else "mesotherapy")
            record = ConsultationRecord(weight_kg=round(rng.uniform(48, 92), 1))
            record.concerns = rng.sample(["volume_loss", "prominent_veins", "crepey_skin",
                                          "dryness", "lentigines"], 2)
            for side in SIDES:
                record.hands[side] = HandFindings(merz=rng.randint(1, 3), hydration="moderate",
                                                  elasticity=rng.choice(["good", "moderate"]),
                                                  texture="slightly_rough", lentigines="few")
            record.chosen = [procedure] if outcome == "planned" else []
            start = day + timedelta(days=14)
            if outcome == "planned":
                record.plan = {procedure: dc.default_plan(procedure, start)}
            stored = self._typed_rows(out, cid, pid, actor, stamp(day, 40), verdicts, record,
                                      outcome == "stopped")
            out["consultations"].append((
                cid, pid, actor, stamp(day, 0), stamp(day, 40), amends,
                rng.choice(AMENDMENT_REASONS) if amends else "",
                stored, snapshot, recommendation, "", "", outcome))
            previous = cid
            if outcome == "planned":
                baseline = {side: record.hands[side].merz for side in SIDES}
                self._plan(pid, cid, procedure, start, actor, busy, out, baseline)

    def _plan(self, pid: int, cid: int, procedure: str, start: date, actor: int, busy: bool,
              out: dict, baseline: dict[str, int]) -> None:
        rng = self.rng
        protocol = self.protocols[procedure]
        series = protocol.series.sessions_default
        interval = protocol.series.interval_default_days or 0
        plan_id = self._take("plans")
        issued, signed = self._take("documents"), self._take("documents")
        at = stamp(start - timedelta(days=14), 50)
        number = f"CF-{start:%Y%m%d}-{issued:06X}"
        for doc_id, num, signed_of in ((issued, number, None), (signed, number + "-S", issued)):
            out["documents"].append((
                doc_id, num, pid, "consent", procedure, cid, plan_id, f"consent_{procedure}", "1",
                "en", at, actor, self.pdf_sha, self.pdf, signed_of,
                "paper" if signed_of else None, at if signed_of else None))
        rules = {r.id: r for r in protocol.follow_ups if r.outcome_months is not None}
        wanted = 1 if busy or procedure == "fat_transfer" else rng.choice((1, 1, 1, 2))
        done = 0
        for n in range(1, min(wanted, series) + 1):
            day = start + timedelta(days=(n - 1) * interval)
            if day >= REFERENCE_DAY:
                break
            sid = self._take("sessions")
            entries, products = session_entries(protocol, rng, sid, pid, day, n, actor)
            out["session_entries"].extend(entries)
            out["session_products"].extend(products)
            out["sessions"].append((
                sid, pid, plan_id, procedure, n, series, 0, "completed", stamp(day, 25), actor,
                stamp(day, 95), actor, day.isoformat(), protocol.id, protocol.version,
                "left,right", round(rng.uniform(48, 92), 1), signed))
            for f in follow_ups_after_session(protocol, day, n, series, include_proposed=False):
                closed = f.due_to < REFERENCE_DAY - timedelta(days=30)
                status = ("done" if rng.random() < 0.92 else "cancelled") if closed else "due"
                fid = self._take("follow_ups")
                out["follow_ups"].append((
                    fid, pid, sid, plan_id, f.kind, f.rule_id, f.label, f.due_from.isoformat(),
                    f.due_to.isoformat(), status,
                    stamp(f.due_from, 60) if closed else None, actor if closed else None,
                    "" if status != "cancelled" else "Patient did not come back",
                    stamp(day, 95)))
                if status == "done":
                    self._outcome(pid, fid, rules.get(f.rule_id), f.due_from, actor, baseline,
                                  out)
            if rng.random() < COMPLICATION_SHARE:
                onset = day + timedelta(days=rng.randint(1, 40))
                resolved = onset + timedelta(days=rng.randint(3, 90))
                out["complications"].append((
                    pid, sid, rng.choice(COMPLICATION_TYPES),
                    rng.choice(("mild", "mild", "mild", "moderate", "severe")),
                    rng.choice(("left", "right", "donor_site" if procedure == "fat_transfer"
                                else "left")),
                    onset.isoformat(),
                    resolved.isoformat() if resolved < REFERENCE_DAY else None,
                    stamp(min(onset, REFERENCE_DAY), 70), actor))
            done += 1
        status = "planned" if done == 0 else ("completed" if done >= series else "in_progress")
        out["plans"].append((plan_id, pid, cid, procedure, series,
                             interval or None, start.isoformat(), 0, status, at))

    def _outcome(self, pid: int, fid: int, rule, day: date, actor: int,
                 baseline: dict[str, int], out: dict) -> None:
        """What an outcome review found: most hands a grade better, some unchanged."""
        if rule is None:
            return
        rng = self.rng
        asks = rule.assess
        improved = rng.random() < 0.7
        gais = lambda: rng.choice((1, 2, 2, 3, 3) if improved else (3, 4, 4, 5))  # noqa: E731
        out["follow_up_assessments"].append((
            fid, pid, day.isoformat(), actor, ",".join(asks),
            gais() if "gais_practitioner" in asks else None,
            gais() if "gais_patient" in asks else None,
            "GAIS 1-5, 1 = best" if "gais_practitioner" in asks else "",
            rng.choice((3, 4, 4, 5, 5)) if "satisfaction" in asks else None,
            int(rng.random() < 0.15) if "touch_up" in asks else None,
            int("hand_q" in asks), rng.randint(40, 95) if "hand_q" in asks else None,
            "", stamp(day, 62)))
        if "merz" in asks:
            for side in SIDES:
                before = baseline[side]
                after = max(0, before - rng.choice((1, 1, 2))) if improved else before
                out["follow_up_grades"].append((pid, "follow_up", fid, side, "merz", after,
                                                day.isoformat(), actor))

    def _take(self, table: str) -> int:
        value = self.ids[table]
        self.ids[table] += 1
        return value

    # --- the whole clinic -----------------------------------------------------------------------
    def practitioners(self) -> None:
        """The clinic's details (documents need them) and its practitioners."""
        with self.store.write():
            settings.save_clinic(self.store, CLINIC)
            for name, title, registration, role in PRACTITIONERS:
                practitioners_repo.insert(self.store, {"name": name, "title": title,
                                                       "registration": registration,
                                                       "role": role,
                                                       "is_doctor": title == "Dr"}, "")

    def write_chunk(self, first: int, last: int, clock: _Clock) -> None:
        out: dict[str, list] = {t: [] for t in (*TABLES, "follow_up_grades")}
        span = (REFERENCE_DAY - FIRST_DAY).days - 1
        for i in range(first, last):
            pid = self._take("patients")
            created = FIRST_DAY + timedelta(days=span * i // max(1, self.n))
            out["patients"].append(self._person(pid, created))
            self._patient_records(pid, created, i == self.busy_index, out)
        clock.now = datetime.combine(FIRST_DAY + timedelta(days=span * first // max(1, self.n)),
                                     time(18), ZONE)
        self.store.actor_id = 1 + first // 1000 % len(PRACTITIONERS)
        columns = {"patients": _PATIENT_COLUMNS, "consultations": _CONSULTATION_COLUMNS,
                   "procedure_verdicts": _VERDICT_COLUMNS, "hand_assessments": _HAND_COLUMNS,
                   "plans": _PLAN_COLUMNS, "documents": _DOCUMENT_COLUMNS,
                   "sessions": _SESSION_COLUMNS, "session_entries": ENTRY_COLUMNS,
                   "follow_ups": _FOLLOW_UP_COLUMNS, "session_products": PRODUCT_COLUMNS,
                   "follow_up_assessments": _ASSESSMENT_COLUMNS,
                   "complications": _COMPLICATION_COLUMNS}
        with self.store.write():
            for table in TABLES:  # parents before children, for the foreign keys
                self.counts[table] += bulk.insert_rows(self.store, table, columns[table],
                                                       out[table])
            self.counts["hand_assessments"] += bulk.insert_rows(
                self.store, "hand_assessments", _FOLLOW_UP_GRADE_COLUMNS, out["follow_up_grades"])

    def tick_session(self, clock: _Clock) -> None:
        """A mesotherapy session in progress today, consent signed: where ticks are timed."""
        pid = self.first_patient_id + self.tick_index
        out: dict[str, list] = {t: [] for t in TABLES}
        day = REFERENCE_DAY
        cid = self._take("consultations")
        snapshot, recommendation, verdicts = self._screenings[0]
        record = ConsultationRecord(chosen=["mesotherapy"],
                                    plan={"mesotherapy": dc.default_plan("mesotherapy", day)})
        stored = self._typed_rows(out, cid, pid, 1, stamp(day - timedelta(days=14), 40),
                                  verdicts, record)
        out["consultations"].append((cid, pid, 1, stamp(day - timedelta(days=14), 0),
                                     stamp(day - timedelta(days=14), 40), None, "",
                                     stored, snapshot, recommendation, "", "", "planned"))
        protocol = self.protocols["mesotherapy"]
        plan_id, issued, signed = (self._take("plans"), self._take("documents"),
                                   self._take("documents"))
        at = stamp(day, 0)
        for doc_id, num, signed_of in ((issued, f"CF-TICK-{issued}", None),
                                       (signed, f"CF-TICK-{issued}-S", issued)):
            out["documents"].append((doc_id, num, pid, "consent", "mesotherapy", cid, plan_id,
                                     "consent_mesotherapy", "1", "en", at, 1, self.pdf_sha,
                                     self.pdf, signed_of, "paper" if signed_of else None,
                                     at if signed_of else None))
        out["plans"].append((plan_id, pid, cid, "mesotherapy", protocol.series.sessions_default,
                             protocol.series.interval_default_days, day.isoformat(), 0,
                             "in_progress", at))
        sid = self._take("sessions")
        out["sessions"].append((sid, pid, plan_id, "mesotherapy", 1,
                                protocol.series.sessions_default, 0, "in_progress",
                                stamp(day, 25), 1, None, None, day.isoformat(), protocol.id,
                                protocol.version, "left,right", 64.0, signed))
        out["session_entries"].append((sid, "todays_check.session_kind", "field",
                                       json.dumps("series"), 1, stamp(day, 26)))
        clock.now = datetime.combine(day, time(9), ZONE)
        with self.store.write():
            for table in ("consultations", "procedure_verdicts", "plans", "documents", "sessions",
                          "session_entries"):
                cols = {"consultations": _CONSULTATION_COLUMNS, "documents": _DOCUMENT_COLUMNS,
                        "procedure_verdicts": _VERDICT_COLUMNS,
                        "plans": _PLAN_COLUMNS, "sessions": _SESSION_COLUMNS,
                        "session_entries": ENTRY_COLUMNS}[table]
                self.counts[table] += bulk.insert_rows(self.store, table, cols, out[table])
        self.tick_session_id = sid


def generate_clinic(store, patients: int, seed: int = 1, *, chunk: int = 1000,
                    progress: Callable[[int, int], None] | None = None) -> GeneratedClinic:
    """Fill an empty database with a generated clinic of ``patients`` patients.

    ``progress(done, total)`` is called after each batch. The store's clock and acting
    practitioner are borrowed while writing and given back at the end.
    """
    if patients < 1:
        raise ValueError("A clinic needs at least one patient")
    if bulk.row_count(store, "patients"):
        raise ValueError("The database already has patients: generate into an empty one")
    gen = _Generator(store, patients, seed)
    saved = store.clock, store.actor_id
    clock = _Clock()
    store.clock = clock
    # A large page cache while writing: the indexes (names, search words, the audit trail's
    # by-patient index) take rows all over their B-trees, and past the everyday cache each
    # batch would read and write the same pages again.
    cache = bulk.cache_kib(store, WRITE_CACHE_KIB)
    try:
        gen.practitioners()
        for first in range(0, patients, chunk):
            gen.write_chunk(first, min(patients, first + chunk), clock)
            if progress:
                progress(min(patients, first + chunk), patients)
        gen.tick_session(clock)
        bulk.checkpoint(store)
    finally:
        store.clock, store.actor_id = saved
        bulk.cache_kib(store, cache)
    counts = {t: bulk.row_count(store, t) for t in (*TABLES, "audit_log")}
    return GeneratedClinic(patients, seed, gen.busy_patient_id, gen.tick_session_id, counts)
