"""What must be seen at a glance wherever the patient is on screen: allergies and cautions.

Read from the latest finalised consultation (an amendment replaces what it amends): the
screening answers of its "Allergies" section with the details written for them, the cautions
accepted for the procedures planned, and every deferral with its wait.
"""

from __future__ import annotations

from dataclasses import dataclass

from rejuv_desktop.domain import screening as scr
from rejuv_desktop.storage import consultations as consultations_repo

ALLERGY_SECTION = "Allergies"


@dataclass(frozen=True)
class Alert:
    """One line of the strip. ``kind`` is ``allergy``, ``allergy_unknown``, ``caution``,
    ``defer``, ``no_screening`` or ``complication`` (a severe complication not yet resolved:
    ``text`` its type code, ``detail`` its site code, ``wait`` its onset date);
    ``procedure`` is set for cautions, deferrals and complications."""

    kind: str
    text: str
    detail: str = ""
    procedure: str = ""
    wait: str = ""


@dataclass(frozen=True)
class PatientAlerts:
    consultation_id: int | None
    finalised_at: str | None
    alerts: tuple[Alert, ...]

    @property
    def allergies(self) -> tuple[Alert, ...]:
        return tuple(a for a in self.alerts if a.kind in ("allergy", "allergy_unknown"))

    @property
    def cautions(self) -> tuple[Alert, ...]:
        return tuple(a for a in self.alerts if a.kind in ("caution", "defer"))

    @property
    def complications(self) -> tuple[Alert, ...]:
        return tuple(a for a in self.alerts if a.kind == "complication")


def _statement(rules: scr.ScreeningRules, question: dict) -> str:
    try:
        statement = rules.question(question["id"]).statement
    except KeyError:
        statement = ""
    return statement or question["text"]


def latest_consultation_id(store, patient_id: int) -> int | None:
    """The newest finalised consultation that no later one amends."""
    return consultations_repo.newest_unamended_id(store, patient_id)


def prepare() -> None:
    """Load what ``patient_alerts`` reads besides the records (the screening rules, the
    outcomes content), so that the first record opened does not wait for it."""
    from rejuv_desktop.domain import outcomes as do
    from rejuv_desktop.storage import outcomes as repo  # noqa: F401 - loaded, used later

    scr.load_rules()
    do.load_outcomes()


def patient_alerts(store, patient_id: int) -> PatientAlerts:
    """Allergies and active cautions of the patient, newest consultation first."""
    consultation_id = latest_consultation_id(store, patient_id)
    if consultation_id is None:
        return PatientAlerts(None, None, (Alert("no_screening", "No screening on record: ask "
                                                "about allergies before any procedure."),))
    c = consultations_repo.get_consultation(store, consultation_id)
    screening = c.get("screening") or {}
    record = c["record"]
    rules = scr.load_rules()
    alerts: list[Alert] = []
    for q in screening.get("questions", []):
        if q.get("section") != ALLERGY_SECTION:
            continue
        if q.get("answer") == "yes":
            alerts.append(Alert("allergy", _statement(rules, q), q.get("detail") or ""))
        elif q.get("answer") == "unknown" and q.get("asked", True):
            alerts.append(Alert("allergy_unknown", _statement(rules, q)))
    chosen = set(record.chosen)
    for procedure, verdict in (screening.get("verdicts") or {}).items():
        for reason in verdict.get("reasons", []):
            if reason.get("level") == "caution" and procedure in chosen:
                # Accepted with a written justification: shown with it, and who wrote it.
                j = record.justifications.get(procedure) or {}
                why = (j.get("text") or "").strip()
                if why and j.get("by"):
                    why = f"{why} ({j['by']})"
                alerts.append(Alert("caution", reason["text"], why, procedure=procedure))
            elif reason.get("level") == "defer":
                alerts.append(Alert("defer", reason["text"], procedure=procedure,
                                    wait=reason.get("wait") or ""))
    alerts += _complications(store, patient_id)
    return PatientAlerts(consultation_id, c.get("finalised_at"), tuple(alerts))


def _complications(store, patient_id: int) -> list[Alert]:
    """Severe complications not yet resolved: they flag the record until they resolve (as
    ``services.outcomes.record_flags`` says, read here without loading the outcome services:
    the first record opened after the start does not wait for them)."""
    from rejuv_desktop.domain import outcomes as do
    from rejuv_desktop.storage import outcomes as repo

    flagged = repo.unresolved_with_severity(store, patient_id,
                                            do.load_outcomes().flagging_severities())
    return [Alert("complication", c["type"], c["site"], procedure=c["procedure"],
                  wait=c["onset_date"]) for c in flagged]
