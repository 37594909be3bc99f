"""The demo clinic's outcomes: patients treated about a year ago with their 3-, 6- and 12-month
assessments (responders and non-responders, some lost to follow-up), complications of each
common type, one severe complication still open (its record is flagged), and reviews due now.

Made through the same services as the app, with the clock at the day of each event, after the
rest of the story (``demo_clinic.build_story``).
"""

from __future__ import annotations

from datetime import date, timedelta

from rejuv_desktop.domain import outcomes as do
from rejuv_desktop.services import follow_ups as fu
from rejuv_desktop.services import outcomes as so
from rejuv_desktop.services.demo_clinic import (FAT_VALUES, _consent, _consult, _data,
                                                _meso_values, _plan, _session)

# Fat transfer patients: days since the session, baseline (left, right), then per review
# (3, 6, 12 months) either None (not seen: cancelled) or (left, right, GAIS by practitioner,
# GAIS by patient, satisfaction, touch-up wanted, HAND-Q score or None).
FAT_COHORT = [
    (400, (3, 3), [(2, 1, 2, 2, None, None, None), (2, 2, 2, 2, 4, None, None),
                   (2, 2, 3, 2, 4, False, 71)]),
    (393, (4, 3), [(3, 2, 2, 3, None, None, None), None, (3, 3, 3, 3, 4, True, None)]),
    (386, (2, 2), [(2, 2, 4, 4, None, None, None), (2, 2, 4, 4, 3, None, None),
                   (2, 2, 4, 5, 2, True, 48)]),
    (379, (3, 2), [(1, 1, 1, 1, None, None, None), None, None]),
    (372, (3, 3), [None, (2, 2, 2, 3, 5, None, None), (2, 1, 2, 2, 5, False, 80)]),
    (366, (3, 3), [(2, 2, 2, 2, None, None, None), (2, 3, 3, 3, 4, None, None), "due"]),
    (88, (3, 2), ["due"]),
]
FAT_REVIEWS = ("review_3_months", "review_6_months", "review_12_months")
# Complications: (cohort index, type, severity, site, onset days after the session,
# resolved days after (None: still open), treatment, reported to the regulator, detail).
FAT_COMPLICATIONS = [
    (0, "bruising", "mild", "donor_site", 1, 12, "", False),
    (1, "numbness", "moderate", "left", 2, 60, "Reassurance; reviewed at 1 month", False),
    (1, "lumps_oil_cysts", "moderate", "right", 45, 150,
     "Massage, then one small steroid injection", False),
    (2, "prolonged_swelling", "mild", "right", 15, 25, "Elevation and cold packs", False),
    (2, "asymmetry", "mild", "left", 90, None, "Discussed a touch-up", False),
    (3, "infection", "severe", "left", 6, 30, "Oral antibiotics (flucloxacillin)", True),
    (4, "under_correction", "mild", "right", 90, None, "", False),
]
# Mesotherapy: days since the first of four sessions; maintenance review (GAIS by
# practitioner, by patient, satisfaction, touch-up) or None (did not come back).
MESO_COHORT = [(420, (2, 2, 5, True)), (410, None)]
MESO_COMPLICATIONS = [
    (0, 2, "nodules", "mild", "right", 10, 40, "Watched; settled without treatment"),
    (1, 1, "allergic_reaction", "moderate", "left", 0, 3, "Oral antihistamine"),
    (1, 3, "bruising", "mild", "left", 0, 7, ""),
]
SEVERE_OPEN = ("infection", "severe", "right", 6, "Oral antibiotics; reviewed every 2 days")


def _assess(store, clock, visit: dict, answers) -> None:
    day = date.fromisoformat(visit["due_from"]) + timedelta(days=3)
    clock.at(day, 10)
    form = so.assessment_form(store, visit["id"])
    left, right, gp, gpt, sat, touch, hand_q = answers
    a = do.Assessment(
        merz={"left": left, "right": right} if "merz" in form.asks else {},
        gais_practitioner=gp if "gais_practitioner" in form.asks else None,
        gais_patient=gpt if "gais_patient" in form.asks else None,
        satisfaction=sat if "satisfaction" in form.asks else None,
        touch_up_wanted=touch if "touch_up" in form.asks else None,
        hand_q_taken=hand_q is not None and "hand_q" in form.asks,
        hand_q_score=hand_q if "hand_q" in form.asks else None,
        notes="Photographs taken in the same views as at baseline.")
    so.record_assessment(store, visit["id"], a)


def _visits(store, patient_id: int) -> dict[str, dict]:
    return {f["rule_id"]: f for f in fu.follow_ups_of_patient(store, patient_id)
            if f["status"] == "due"}


def _complication(store, clock, patient_id, session_id, session_day, type_, severity, site,
                  onset, resolved, treatment="", regulator=False, lot="", detail="") -> None:
    clock.at(session_day + timedelta(days=onset), 17)
    cid = so.record_complication(store, patient_id, do.Complication(
        session_id, type_, severity, site, session_day + timedelta(days=onset), detail=detail,
        treatment=treatment, product_lot=lot, reported_regulator=regulator,
        report_reference="Yellow Card submitted" if regulator else ""))
    if resolved is not None:
        clock.at(session_day + timedelta(days=resolved), 17)
        so.resolve_complication(store, cid, session_day + timedelta(days=resolved))


def build_outcomes(store, clock, ids: list[int], today: date) -> None:
    """Add the outcome cohort to the demo clinic (``ids``: patients with no record yet)."""
    d = lambda n: today - timedelta(days=n)  # noqa: E731 - n days ago
    fat_sessions = []
    for n, (ago, merz, reviews) in enumerate(FAT_COHORT):
        p = ids[n]
        _consult(store, clock, p, d(ago + 20), _data(
            ["volume_loss", "prominent_veins"], merz, chosen=["fat_transfer"],
            goals="Fuller, less bony backs of the hands.",
            plans={"fat_transfer": _plan("fat_transfer", d(ago))}),
            practitioner=1 + n % 2)
        plan = _consent(store, clock, p, "fat_transfer", d(ago + 18))
        sid = _session(store, clock, plan, d(ago), FAT_VALUES, practitioner=1 + n % 2)
        fat_sessions.append((p, sid, d(ago)))
        for rule in ("wound_check", "review_1_month"):
            visit = _visits(store, p).get(rule)
            if visit and date.fromisoformat(visit["due_to"]) < today:
                clock.at(date.fromisoformat(visit["due_from"]), 11)
                fu.mark_follow_up_done(store, visit["id"], "Healing well.")
        for rule, answers in zip(FAT_REVIEWS, reviews):
            visit = _visits(store, p).get(rule)
            if visit is None or answers == "due":
                continue
            if answers is None:
                clock.at(min(today, date.fromisoformat(visit["due_to"]) + timedelta(days=2)), 9)
                fu.cancel_follow_up(store, visit["id"], "Did not come back; two calls unanswered.")
            else:
                _assess(store, clock, visit, answers)
    for n, type_, severity, site, onset, resolved, treatment, regulator in FAT_COMPLICATIONS:
        p, sid, day = fat_sessions[n]
        _complication(store, clock, p, sid, day, type_, severity, site, onset, resolved,
                      treatment, regulator, lot="LX-40117" if site != "donor_site" else "")
    meso_sessions = []
    first = len(FAT_COHORT)
    for n, (ago, review) in enumerate(MESO_COHORT):
        p = ids[first + n]
        _consult(store, clock, p, d(ago + 20), _data(
            ["crepey_skin", "dryness"], (1, 2), chosen=["mesotherapy"],
            goals="Smoother, better hydrated skin.",
            plans={"mesotherapy": _plan("mesotherapy", d(ago), 4, 15)}), practitioner=3)
        plan = _consent(store, clock, p, "mesotherapy", d(ago + 18))
        days = [d(ago - 15 * k) for k in range(4)]
        sids = [_session(store, clock, plan, day, _meso_values(day, 10 + n),
                              practitioner=3) for day in days]
        meso_sessions.append((p, list(zip(sids, days))))
        visit = _visits(store, p).get("maintenance")
        if visit is None:
            continue
        if review is None:
            clock.at(min(today, date.fromisoformat(visit["due_to"]) + timedelta(days=2)), 9)
            fu.cancel_follow_up(store, visit["id"], "Did not come back for maintenance.")
        else:
            gp, gpt, sat, touch = review
            _assess(store, clock, visit, (None, None, gp, gpt, sat, touch, None))
    for n, session, type_, severity, site, onset, resolved, treatment in MESO_COMPLICATIONS:
        p, sessions = meso_sessions[n]
        sid, day = sessions[session]
        _complication(store, clock, p, sid, day, type_, severity, site, onset, resolved,
                      treatment, lot=f"HA24-1187-{10 + n}")


def flag_open_severe(store, clock, patient_id: int, session_id: int, session_day: date) -> None:
    """A severe complication still under treatment: the patient's record is flagged."""
    type_, severity, site, onset, treatment = SEVERE_OPEN
    _complication(store, clock, patient_id, session_id, session_day, type_, severity, site,
                  onset, None, treatment, lot="LX-40117")
