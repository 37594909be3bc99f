"""The demo clinic's clinical story: consultations with every screening outcome, plans of each
kind, sessions with their volumes, products and lots, consents issued and signed, aftercare
sheets, follow-ups overdue, due this week and upcoming, one amended consultation, and a year of
outcomes (``demo_outcomes``).

Everything is dated relative to ``today``, so the Due view is never empty; the same date gives
the same clinic. Records are made through the same services the app uses, with the clock set
to the day each event happened.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from rejuv_desktop.domain import consultation as dc
from rejuv_desktop.domain import screening as scr
from rejuv_desktop.domain.consultation_record import HandFindings
from rejuv_desktop.domain.protocols import TIME_OUT
from rejuv_desktop.services import consultations as sc
from rejuv_desktop.services import documents as sd
from rejuv_desktop.services import follow_ups as fu
from rejuv_desktop.services import sessions as ss
from rejuv_desktop.storage import bulk
from rejuv_desktop.storage import patients as patients_repo
from rejuv_desktop.storage import sessions as sessions_repo

SIGNATURE_STROKES = [(10, 40), (30, 10), (45, 45), (60, 15), (80, 40), (100, 20), (130, 35)]


def _signature_png() -> bytes:
    """A small drawn signature (PNG) made without Qt: a zig-zag line on transparency."""
    import struct
    import zlib

    width, height = 140, 50
    pixels = [[(0, 0, 0, 0)] * width for _ in range(height)]
    for (x0, y0), (x1, y1) in zip(SIGNATURE_STROKES, SIGNATURE_STROKES[1:]):
        steps = max(abs(x1 - x0), abs(y1 - y0))
        for i in range(steps + 1):
            x = x0 + (x1 - x0) * i // steps
            y = y0 + (y1 - y0) * i // steps
            for dx in (0, 1):
                for dy in (0, 1):
                    if 0 <= x + dx < width and 0 <= y + dy < height:
                        pixels[y + dy][x + dx] = (11, 31, 92, 255)
    raw = b"".join(b"\x00" + b"".join(struct.pack("4B", *p) for p in row) for row in pixels)

    def chunk(tag: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + tag + data
                + struct.pack(">I", zlib.crc32(tag + data)))

    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


class _Clock:
    """Moves the store's clock to the moment of each event of the story."""

    def __init__(self, store):
        self.store = store
        self.original = store.clock
        self.tz = store.clock().tzinfo

    def at(self, day: date, hour: int = 10, minute: int = 0) -> None:
        moment = datetime.combine(day, time(hour, minute), self.tz)
        self.store.clock = lambda: moment

    def restore(self) -> None:
        self.store.clock = self.original


def _data(concerns, merz, *, answers=None, details=None, skin=None, weight=64, donor="adequate",
          fitzpatrick="II", goals="", chosen=(), plans=None, justification=None,
          none_reason="", suspicious=False, lentigines="none",
          notes="") -> dc.ConsultationRecord:
    hydration, elasticity, texture = skin or ("moderate", "moderate", "slightly_rough")
    return dc.ConsultationRecord(
        concerns=list(concerns), goals=goals, expectations_realistic=True,
        expectations_note="Explained what each treatment can and cannot change.",
        fitzpatrick=fitzpatrick, weight_kg=weight, donor_fat=donor, notes=notes,
        chosen=list(chosen), plan=plans or {}, none_planned_reason=none_reason,
        hands={side: HandFindings(merz=grade, hydration=hydration, elasticity=elasticity,
                                  texture=texture, lentigines=lentigines,
                                  suspicious_lesion=suspicious and side == "left")
               for side, grade in zip(dc.SIDES, merz)},
        answers={**{q.id: "no" for q in scr.load_rules().questions}, **(answers or {})},
        details=dict(details or {}),
        justifications={p: {"text": t} for p, t in (justification or {}).items()})


def _consult(store, clock, patient_id, day, data, practitioner=1) -> int:
    clock.at(day, 9, 30)
    store.actor_id = practitioner
    draft = sc.start_consultation(store, patient_id)
    sc.save_draft(store, draft.id, data, 6)
    return sc.finalise(store, draft.id)


def _plan(procedure: str, start: date, sessions: int | None = None,
          interval: int | None = None) -> dict:
    plan = dc.default_plan(procedure, start)
    if sessions:
        plan["sessions"] = sessions
    if interval:
        plan["interval_days"] = interval
    return plan


DEMO_PLANNED = {
    "fat_transfer": {"hands": "both", "donor_site": "abdomen", "anaesthesia": "local"},
    "mesotherapy": {"hands": "both",
                    "product": "Hyaluronic acid 20 mg/ml with a vitamin and amino-acid complex",
                    "actives": ["hyaluronic_acid", "vitamins", "amino_acids"]},
}


def _consent(store, clock, patient_id, procedure, day, *, sign: str | None = "screen",
             witness="Nurse Aisha Rahman") -> int:
    plan = sd.active_plan(store, patient_id, procedure)
    clock.at(day, 11)
    issued = sd.issue_consent(store, plan["id"], {"clinical_record": True, "teaching": True,
                                                  "publication": False},
                              DEMO_PLANNED[procedure])
    if sign == "screen":
        clock.at(day, 11, 20)
        ticks = [True] * len(sd.confirmations_of(store, issued.id))
        sd.sign_consent(store, issued.id, "screen", witness, _signature_png(),
                        confirmations=ticks)
    elif sign == "paper":
        clock.at(day, 11, 20)
        # The demo's "scan" of the signed paper form is the printed form itself.
        import tempfile
        from pathlib import Path

        with tempfile.TemporaryDirectory() as tmp:
            scan = Path(tmp) / "signed-consent-scan.pdf"
            scan.write_bytes(sd.pdf_bytes(store, issued.id))
            sd.sign_consent(store, issued.id, "paper", witness, scan_path=scan)
    return plan["id"]


def _anaesthetic(*rows) -> dict:
    """Anaesthesia rows: (site, agent, percent, ml, lot) each."""
    values = {}
    for n, (site, agent, percent, ml, lot) in enumerate(rows, start=1):
        values.update({f"anaesthesia.site.{n}": site, f"anaesthesia.agent.{n}": agent,
                       f"anaesthesia.concentration_percent.{n}": percent,
                       f"anaesthesia.volume_ml.{n}": ml, f"anaesthesia.lot.{n}": lot})
    return values


EPI = "lidocaine with epinephrine"
FAT_VALUES = {
    **_anaesthetic(("wrist block, left", EPI, 1, 8, "LX-40117"),
                   ("wrist block, right", EPI, 1, 8, "LX-40117"),
                   ("entry points", EPI, 1, 4, "LX-40117"),
                   ("donor site (tumescent)", EPI, 0.1, 120, "TUM-2611")),
    "sedation.given": False,
    "sign_out.fingers.left": "pink, warm, brisk refill",
    "sign_out.fingers.right": "pink, warm, brisk refill",
    "donor_site.site": "abdomen", "harvest.cannula": "3 mm blunt (Coleman)",
    "harvest.volume_ml": 70, "processing.method": ["centrifugation"],
    "processing.usable_volume_ml": 34, "injection.volume_ml.left": 15,
    "injection.volume_ml.right": 14, "injection.entry_points.left": 3,
    "injection.entry_points.right": 3, "injection.cannula_gauge.left": 17,
    "injection.cannula_gauge.right": 17, "closure.method": "adhesive strips",
}
MESO_PRODUCTS = [("Hyaluronic acid 20 mg/ml, non-cross-linked", "HA24-1187", 2.0),
                 ("Vitamin and amino-acid complex", "VAC-55302", 1.0)]


def _meso_values(day: date, lot_suffix: int) -> dict:
    values = {"todays_check.pregnant": False, "todays_check.breastfeeding": False,
              "todays_check.new_medicines": False, "todays_check.vaccine_or_dental": False,
              "todays_check.recent_laser": False,
              "sign_out.fingers.left": "pink, warm, brisk refill",
              "sign_out.fingers.right": "pink, warm, brisk refill",
              "topical_anaesthesia.used": True, "topical_anaesthesia.minutes": 30,
              "injection.technique": "manual", "injection.depth_mm": 1.5,
              "injection.needle_gauge": 32, "injection.duration_min": 25,
              "reactions.observed": ["redness", "pinpoint bruising"]}
    for row, (name, lot, qty) in enumerate(MESO_PRODUCTS, start=1):
        values[f"products.name.{row}"] = name
        values[f"products.lot.{row}"] = lot if lot_suffix == 0 else f"{lot}-{lot_suffix}"
        values[f"products.expiry.{row}"] = (day + timedelta(days=300)).isoformat()
        values[f"products.quantity_ml.{row}"] = qty
    return values


def _session(store, clock, plan_id: int, day: date, values: dict, practitioner=1) -> int:
    """Run a whole session through the checklist service, as the runner window does."""
    clock.at(day, 14)
    store.actor_id = practitioner
    session_id = ss.start_session(store, plan_id)
    # The protocol as the session runs it: with the consultation's cautions as items.
    protocol = ss.session_status(store, session_id).protocol
    minute = 0
    for step in protocol.steps:
        minute += 4
        clock.at(day, 14 + minute // 60, minute % 60)
        for item in step.items:
            if item.by_app and item.by_app != "photos":
                continue  # the app books the visits and issues the aftercare itself
            if step.id == TIME_OUT:
                ss.confirm_time_out(store, session_id, item.id)
            else:
                ss.tick(store, session_id, f"{step.id}.{item.id}")
        for key, value in values.items():
            if key.split(".")[0] == step.id:
                ss.record_value(store, session_id, key, value)
    clock.at(day, 15, 30)
    ss.complete_session(store, session_id)
    return session_id


def _photos(store, clock, ids: list[int], d) -> int:
    """Illustrations (drawn, marked as such) for the first two patients: the combined protocol
    before and at its last review, and a mesotherapy series at its first and second
    sessions."""
    from rejuv_desktop.services.demo_photos import add_demo_photos
    from rejuv_desktop.services.photos import links

    sessions, follow_ups = links(store, ids[0])
    reviews = [f for f in follow_ups if f["rule_id"] == "review_3_months"]
    clock.at(d(110), 9)
    made = add_demo_photos(store, ids[0], [
        (d(110), 0.1, {"session_id": sessions[0]["id"]}),
        (d(1), 0.9, {"follow_up_id": reviews[-1]["id"]} if reviews else {})])
    series, _ = links(store, ids[1])
    clock.at(d(32), 9)
    made += add_demo_photos(store, ids[1], [(d(32), 0.35, {"session_id": series[0]["id"]}),
                                            (d(14), 0.5, {"session_id": series[1]["id"]})])
    return made


def build_story(store, today: date) -> dict:
    """Add the clinical records to a demo clinic whose patients exist (see ``demo.py``)."""
    ids = patients_repo.all_ids(store)
    clock = _Clock(store)
    counts = {"consultations": 0, "sessions": 0}
    d = lambda n: today - timedelta(days=n)  # noqa: E731 - n days ago
    try:
        # 1. Combined protocol, all done: fat transfer then a mesotherapy series; maintenance
        #    window upcoming; the fat reviews done on time.
        p = ids[0]
        _consult(store, clock, p, d(130), _data(
            ["volume_loss", "prominent_veins", "crepey_skin", "dryness"], (3, 3),
            skin=("poor", "moderate", "crepey"), goals="Less bony hands, smoother skin.",
            chosen=["fat_transfer", "mesotherapy"],
            plans={"fat_transfer": _plan("fat_transfer", d(110)),
                   "mesotherapy": _plan("mesotherapy", d(80), 4, 18)}))
        ft = _consent(store, clock, p, "fat_transfer", d(128))
        meso = _consent(store, clock, p, "mesotherapy", d(128), sign="paper")
        _session(store, clock, ft, d(110), FAT_VALUES)
        clock.at(d(110), 16)
        sd.issue_aftercare(store, p, "fat_transfer")
        for n, ago in enumerate((80, 62, 44, 26)):
            _session(store, clock, meso, d(ago), _meso_values(d(ago), 0))
        for f in sessions_repo.due_reviews_before(store, p, today.isoformat()):
            clock.at(d(1), 9)
            fu.mark_follow_up_done(store, f["id"], "Seen in clinic; healing well.")
        counts["sessions"] += 5

        # 2. Mesotherapy series under way: next session due this week.
        p = ids[1]
        _consult(store, clock, p, d(47), _data(
            ["crepey_skin", "dryness", "loss_of_elasticity"], (1, 1),
            skin=("poor", "poor", "crepey"), goals="Smoother, less crepey skin.",
            chosen=["mesotherapy"], plans={"mesotherapy": _plan("mesotherapy", d(32), 5, 18)}))
        meso = _consent(store, clock, p, "mesotherapy", d(47))
        for ago in (32, 14):
            _session(store, clock, meso, d(ago), _meso_values(d(ago), 1), practitioner=3)
        clock.at(d(14), 16)
        sd.issue_aftercare(store, p, "mesotherapy")
        counts["sessions"] += 2

        # 3. Fat transfer five weeks ago: the strip check was missed (overdue), the 1-month
        #    review is due, the 3-month review upcoming.
        p = ids[2]
        _consult(store, clock, p, d(60), _data(
            ["volume_loss", "prominent_tendons"], (3, 2), goals="Fuller backs of the hands.",
            chosen=["fat_transfer"], plans={"fat_transfer": _plan("fat_transfer", d(33))},
            weight=58))
        ft = _consent(store, clock, p, "fat_transfer", d(50))
        _session(store, clock, ft, d(33), {**FAT_VALUES, "anaesthesia.volume_ml.3": 2},
                 practitioner=2)
        clock.at(d(33), 16)
        sd.issue_aftercare(store, p, "fat_transfer")
        counts["sessions"] += 1

        # 4. Caution with a written justification (smoker); consent issued, not yet signed.
        p = ids[3]
        _consult(store, clock, p, d(6), _data(
            ["volume_loss", "prominent_veins"], (3, 3),
            answers={"smoker": "yes", "previous_hand_filler_or_fat": "yes"},
            details={"smoker": "Five a day; agreed to stop six weeks before.",
                     "previous_hand_filler_or_fat": "Hyaluronic-acid filler, 1 ml per hand, "
                                                    "March 2023, at another clinic."},
            justification={"fat_transfer": "Has agreed to stop all nicotine 6 weeks before "
                                            "the procedure; nicotine-free status to be "
                                            "confirmed at the pre-operative call. Earlier HA "
                                            "filler (2023, 1 ml per hand): no lumps on "
                                            "examination today."},
            chosen=["fat_transfer"], plans={"fat_transfer": _plan("fat_transfer", today + timedelta(days=45))}))
        _consent(store, clock, p, "fat_transfer", d(6), sign=None)

        # 5. Defer: isotretinoin within the last year; nothing planned until the wait is over.
        p = ids[4]
        _consult(store, clock, p, d(20), _data(
            ["crepey_skin", "dryness"], (1, 1), answers={"isotretinoin_last_12_months": "yes"},
            details={"isotretinoin_last_12_months": "Course finished in July."},
            none_reason="Deferred: isotretinoin finished less than a year ago; review in spring."))

        # 6. Contraindicated: both procedures ruled out; the consultation stops with reasons.
        p = ids[5]
        _consult(store, clock, p, d(15), _data(
            ["volume_loss", "dryness"], (3, 2),
            answers={"bleeding_disorder": "yes", "allergy_injected_products": "yes",
                     "anaphylaxis_history": "yes"},
            details={"bleeding_disorder": "Von Willebrand disease, under haematology.",
                     "allergy_injected_products": "Reaction to a lip filler, 2019.",
                     "anaphylaxis_history": "Anaphylaxis after a lip filler, 2019: adrenaline "
                                            "in the emergency department."}))

        # 7. Suspicious lesion: referral to dermatology before any treatment.
        p = ids[6]
        _consult(store, clock, p, d(3), _data(
            ["lentigines", "crepey_skin"], (1, 1), suspicious=True, lentigines="many",
            notes="Irregular, darker spot on the left hand that has grown since summer."))

        # 8. An amended consultation: the weight was misheard; the original is kept.
        p = ids[7]
        first = _consult(store, clock, p, d(10), _data(
            ["volume_loss"], (2, 2), weight=84, chosen=["fat_transfer"],
            plans={"fat_transfer": _plan("fat_transfer", today + timedelta(days=21))}))
        clock.at(d(9), 12)
        draft = sc.start_amendment(store, first, "Weight misheard at the consultation: "
                                                 "48 kg, not 84 kg (weighed again).")
        data = draft.data
        data.weight_kg = 48
        sc.save_draft(store, draft.id, data, 6)
        sc.finalise(store, draft.id)

        # 9. Eligible for both, combined protocol planned, consent signed: first session soon.
        p = ids[8]
        _consult(store, clock, p, d(12), _data(
            ["volume_loss", "crepey_skin"], (2, 3), skin=("moderate", "poor", "crepey"),
            chosen=["fat_transfer", "mesotherapy"],
            plans={"fat_transfer": _plan("fat_transfer", today + timedelta(days=4)),
                   "mesotherapy": _plan("mesotherapy", today + timedelta(days=40))}))
        _consent(store, clock, p, "fat_transfer", d(5))

        # 10. On a medicine that slows the breakdown of lidocaine: the maximum is lowered by
        #     the protocol's fraction, and the donor-site tumescent solution brings the total
        #     close to that lowered limit (about 92 %, a warning, not over).
        p = ids[9]
        _consult(store, clock, p, d(40), _data(
            ["volume_loss", "prominent_tendons"], (3, 3), weight=62,
            answers={"lidocaine_interacting_medicines": "yes"},
            details={"lidocaine_interacting_medicines": "Clarithromycin 500 mg twice daily "
                                                        "(course ends before surgery); "
                                                        "long-term amiodarone."},
            justification={"fat_transfer": "Amiodarone continues: anaesthetic maximum lowered "
                                            "by the app; tumescent volume kept small."},
            chosen=["fat_transfer"], plans={"fat_transfer": _plan("fat_transfer", d(18))}))
        ft = _consent(store, clock, p, "fat_transfer", d(35))
        near = _session(store, clock, ft, d(18), {
            **FAT_VALUES,
            **_anaesthetic(("wrist block, left", EPI, 1, 7, "LX-40117"),
                           ("wrist block, right", EPI, 1, 7, "LX-40117"),
                           ("entry points", EPI, 1, 2, "LX-40117"),
                           ("donor site (tumescent)", EPI, 0.05, 160, "TUM-2611"))})
        clock.at(d(18), 16)
        sd.issue_aftercare(store, p, "fat_transfer", near)

        # 11. Outcomes: patients treated about a year ago, their reviews and complications;
        #     patient 3's severe infection, still under treatment, flags the record.
        from rejuv_desktop.services import demo_outcomes
        from rejuv_desktop.services import outcomes as so

        demo_outcomes.build_outcomes(store, clock, ids[10:20], today)
        [third] = so.sessions_for_complication(store, ids[2])
        demo_outcomes.flag_open_severe(store, clock, ids[2], third["id"],
                                       date.fromisoformat(third["session_date"]))
        counts["photographs"] = _photos(store, clock, ids, d)
        for name, table in (("consultations", "consultations"), ("sessions", "sessions"),
                            ("documents", "documents"), ("follow-ups", "follow_ups"),
                            ("assessments", "follow_up_assessments"),
                            ("complications", "complications")):
            counts[name] = bulk.row_count(store, table)
    finally:
        clock.restore()
        store.actor_id = 1
    return counts
