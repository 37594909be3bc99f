"""The patient's allergies and active cautions, in a strip seen at a glance."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

from rejuv_desktop.services import alerts as sa
from rejuv_desktop.ui.consultation.common import esc
from rejuv_desktop.ui.sessions.common import fmt_day, procedure_label

ALERT_STYLE = ("QFrame#alert_strip { background: #fdecea; border: 1px solid #e6a39d;"
               " border-left: 5px solid #b3261e; border-radius: 3px; }"
               " QLabel { color: #5f1410; font-size: 13px; background: transparent; }")
CLEAR_STYLE = ("QFrame#alert_strip { background: #edf5ee; border: 1px solid #b9d8bd;"
               " border-left: 5px solid #2e7d32; border-radius: 3px; }"
               " QLabel { color: #1b4d20; font-size: 13px; background: transparent; }")


class AlertStrip(QFrame):
    """Allergies (with what the patient said) and the cautions and deferrals in force."""

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.setObjectName("alert_strip")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        self.label = QLabel()
        self.label.setObjectName("alert_text")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.label)
        self.alerts: sa.PatientAlerts | None = None

    def show_patient(self, patient_id: int | None) -> None:
        if patient_id is None:
            self.alerts = None
            self.label.clear()
            self.hide()
            return
        self.alerts = alerts = sa.patient_alerts(self.store, patient_id)
        lines: list[str] = []
        allergies = [a for a in alerts.allergies if a.kind == "allergy"]
        unknown = [a for a in alerts.allergies if a.kind == "allergy_unknown"]
        if alerts.consultation_id is None:
            lines.append("<b>" + esc(self.tr("Allergies: not known.")) + "</b> "
                         + esc(self.tr("No screening on record: ask about allergies before any "
                                       "procedure.")))
        elif allergies:
            items = "; ".join(esc(_sentence(a.text)) + (f" — <i>{esc(a.detail)}</i>"
                                                        if a.detail else "")
                              for a in allergies)
            lines.append("<b>⚠ " + esc(self.tr("Allergies:")) + f"</b> {items}")
        else:
            lines.append("<b>" + esc(self.tr("Allergies:")) + "</b> "
                         + esc(self.tr("none reported at screening")))
        if unknown:
            lines.append("; ".join(esc(self.tr("Not known whether {what}").format(what=a.text))
                                   for a in unknown))
        # One line per reason, naming every procedure it holds back.
        grouped: dict[tuple[str, str, str, str], list[str]] = {}
        for a in alerts.cautions:
            grouped.setdefault((a.kind, a.text, a.wait, a.detail), []).append(
                procedure_label(a.procedure))
        for (kind, text, wait, detail), names in grouped.items():
            procedures = ", ".join(names)
            if kind == "defer":
                shown_wait = wait and wait.lower() not in text.lower()
                head = self.tr("Deferred ({procedures}{wait}):").format(
                    procedures=procedures, wait=f", {wait}" if shown_wait else "")
            else:
                head = self.tr("Caution ({procedures}):").format(procedures=procedures)
            accepted = (" — <i>" + esc(self.tr("accepted: {why}").format(why=detail)) + "</i>"
                        if detail else "")
            lines.append(f"<b>{esc(head)}</b> {esc(text)}{accepted}")
        if alerts.complications:
            from rejuv_desktop.ui.outcomes.words import Words

            words = Words(self)
            for a in alerts.complications:
                lines.append("<b>⚠ " + esc(self.tr("Severe complication:")) + "</b> " + esc(
                    self.tr("{what} ({site}) after {procedure}, since {day}; not resolved")
                    .format(what=words.complication(a.text), site=words.side(a.detail).lower(),
                            procedure=words.procedure(a.procedure).lower(),
                            day=fmt_day(a.wait))))
        if alerts.finalised_at:
            source = self.tr("From the consultation of {day}").format(
                day=fmt_day(alerts.finalised_at[:10]))
            lines.append(f"<span style='font-size:11px'>{esc(source)}</span>")
        text = "<br>".join(lines)
        if self.label.text() != text:
            self.label.setText(text)
        warn = bool(allergies or unknown or alerts.cautions or alerts.complications
                    or alerts.consultation_id is None)
        self.setStyleSheet(ALERT_STYLE if warn else CLEAR_STYLE)
        self.setProperty("warning", warn)
        self.show()


def _sentence(statement: str) -> str:
    """"the patient is allergic to nickel" -> "Allergic to nickel"."""
    text = statement.strip()
    for prefix in ("the patient is ", "the patient has ", "the patient "):
        if text.lower().startswith(prefix):
            text = text[len(prefix):]
            break
    return text[:1].upper() + text[1:]
