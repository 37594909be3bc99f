"""Pages 5 to 7: the reasoned recommendation, the plan, and finalising (or the stop page)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (QCheckBox, QDateEdit, QFormLayout, QGroupBox, QLabel, QLineEdit, QPlainTextEdit, QSpinBox, QVBoxLayout)

from rejuv_desktop.domain import consultation as dc
from rejuv_desktop.domain import screening as scr
from rejuv_desktop.domain.protocols import load_protocol
from rejuv_desktop.domain.schedule import planned_session_line
from rejuv_desktop.errors import ValidationError
from rejuv_desktop.ui.consultation.common import WizardPage, esc, level_badge


def recommendation_html(evaluation: dc.Evaluation) -> str:
    items = []
    for line in evaluation.recommendation.lines:
        because = ""
        if line.findings:
            because = ("<br><span style='color:#555'>Because: "
                       + esc("; ".join(line.findings)) + "</span>")
        items.append(f"<li style='margin-bottom:6px'>{esc(line.text)}{because}</li>")
    return "<ul style='margin-left:-20px'>" + "".join(items) + "</ul>"


class RecommendationPage(WizardPage):
    def __init__(self):
        super().__init__()
        self.rules = scr.load_rules()
        self.setTitle(self.tr("Recommendation"))
        self.setSubTitle(self.tr("What the findings point to, and why. Choose what you and the "
                                 "patient agree to plan."))
        layout = QVBoxLayout(self)
        self.lines = QLabel()
        self.lines.setObjectName("recommendation_lines")
        self.lines.setWordWrap(True)
        self.lines.setTextFormat(Qt.TextFormat.RichText)
        self.lines.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.lines)
        box = QGroupBox(self.tr("Plan"))
        bl = QVBoxLayout(box)
        self.choices: dict[str, QCheckBox] = {}
        for p in scr.PROCEDURES:
            check = QCheckBox()
            check.setObjectName(f"choose_{p}")
            check.toggled.connect(self.notify)
            check.toggled.connect(self._update_none)
            bl.addWidget(check)
            self.choices[p] = check
        self.none_label = QLabel(self.tr("No procedure chosen: say why (recorded with the "
                                         "consultation)"))
        self.none_reason = QLineEdit()
        self.none_reason.setObjectName("none_planned_reason")
        self.none_reason.textChanged.connect(self.notify)
        bl.addWidget(self.none_label)
        bl.addWidget(self.none_reason)
        layout.addWidget(box)
        layout.addStretch(1)
        self.add_problems_label(layout)

    def _update_none(self) -> None:
        none = not any(c.isChecked() for c in self.choices.values())
        self.none_label.setVisible(none)
        self.none_reason.setVisible(none)

    def load(self, data: dict) -> None:
        evaluation = dc.evaluate(data, self.rules)
        self.lines.setText(recommendation_html(evaluation))
        recommended = set(evaluation.recommendation.procedures)
        for p, check in self.choices.items():
            evaluation.verdicts[p]
            name = self.rules.procedure_name(p)
            suffix = ""
            if p in recommended:
                suffix = self.tr(" (recommended)")
            check.setText(f"{name[:1].upper()}{name[1:]}{suffix}")
            allowed = evaluation.allowed(p)
            check.setEnabled(allowed)
            check.setToolTip("" if allowed else self.tr("Contraindicated: cannot be planned"))
            check.blockSignals(True)
            check.setChecked(allowed and p in data["chosen"])
            check.blockSignals(False)
        self.none_reason.setText(data.get("none_planned_reason", ""))
        self._update_none()

    def save_into(self, data: dict) -> None:
        data["chosen"] = [p for p, c in self.choices.items() if c.isChecked()]
        data["none_planned_reason"] = self.none_reason.text()
        for p in data["chosen"]:
            if p not in data["plan"]:
                data["plan"][p] = dc.default_plan(p, self.wizard().default_start)

    def page_errors(self, data: dict) -> list[str]:
        if not data["chosen"] and not data["none_planned_reason"].strip():
            return [self.tr("Choose a procedure to plan, or say why none is planned.")]
        return []


class PlanBox(QGroupBox):
    """Sessions, interval and first date of one procedure, with the dates they give."""

    def __init__(self, procedure: str, title: str, changed):
        super().__init__(title)
        self.procedure = procedure
        self.series = load_protocol(procedure).series
        form = QFormLayout(self)
        self.sessions = QSpinBox()
        self.sessions.setObjectName(f"{procedure}_sessions")
        self.sessions.setRange(self.series.sessions_min, self.series.sessions_max)
        self.sessions.setSuffix(self.tr(" session(s)"))
        self.interval = QSpinBox()
        self.interval.setObjectName(f"{procedure}_interval")
        self.interval.setSuffix(self.tr(" days apart"))
        has_interval = self.series.interval_default_days is not None
        if has_interval:
            self.interval.setRange(self.series.interval_min_days, self.series.interval_max_days)
        self.start = QDateEdit()
        self.start.setObjectName(f"{procedure}_start")
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("dd/MM/yyyy")
        self.dates = QLabel()
        self.dates.setWordWrap(True)
        self.dates.setStyleSheet("color: #333;")
        form.addRow(self.tr("Sessions"), self.sessions)
        if has_interval:
            form.addRow(self.tr("Interval"), self.interval)
        else:
            self.interval.hide()
        form.addRow(self.tr("First session"), self.start)
        form.addRow(self.tr("Dates"), self.dates)
        if not self.series.verified:
            hint = QLabel(self.tr("Series length and interval are clinic settings from "
                                  "practice, not from published trials."))
            hint.setWordWrap(True)
            hint.setStyleSheet("color: #666; font-style: italic;")
            form.addRow(hint)
        for w in (self.sessions, self.interval):
            w.valueChanged.connect(changed)
            w.valueChanged.connect(self.refresh)
        self.start.dateChanged.connect(changed)
        self.start.dateChanged.connect(self.refresh)

    def load(self, plan: dict) -> None:
        for w in (self.sessions, self.interval, self.start):
            w.blockSignals(True)
        self.sessions.setValue(plan.get("sessions") or self.series.sessions_default)
        if plan.get("interval_days"):
            self.interval.setValue(plan["interval_days"])
        start = date.fromisoformat(plan["start"])
        self.start.setDate(QDate(start.year, start.month, start.day))
        for w in (self.sessions, self.interval, self.start):
            w.blockSignals(False)
        self.refresh()

    def values(self) -> dict:
        qd = self.start.date()
        return {"sessions": self.sessions.value(),
                "interval_days": self.interval.value() if self.interval.isVisibleTo(self)
                or self.series.interval_default_days is not None else None,
                "start": date(qd.year(), qd.month(), qd.day()).isoformat()}

    def refresh(self) -> None:
        try:
            sessions = dc.planned_sessions(self.procedure, self.values())
        except ValidationError as exc:
            self.dates.setText("; ".join(exc.errors.values()))
            return
        self.dates.setText("\n".join(planned_session_line(s, "short") for s in sessions))


class PlanPage(WizardPage):
    def __init__(self):
        super().__init__()
        self.rules = scr.load_rules()
        self.setTitle(self.tr("Plan"))
        self.setSubTitle(self.tr("Sessions and intervals come from the procedure protocols; "
                                 "adjust them within the allowed range."))
        layout = QVBoxLayout(self)
        self.boxes = {p: PlanBox(p, self.rules.procedure_name(p).capitalize(), self.notify)
                      for p in scr.PROCEDURES}
        for box in self.boxes.values():
            layout.addWidget(box)
        self.none = QLabel()
        self.none.setWordWrap(True)
        layout.addWidget(self.none)
        layout.addStretch(1)
        self.add_problems_label(layout)

    def load(self, data: dict) -> None:
        for p, box in self.boxes.items():
            chosen = p in data["chosen"]
            box.setVisible(chosen)
            if chosen:
                box.load(data["plan"].get(p) or dc.default_plan(p, self.wizard().default_start))
        self.none.setVisible(not data["chosen"])
        self.none.setText(self.tr("No procedure is planned: {why}").format(
            why=data.get("none_planned_reason", "")))

    def save_into(self, data: dict) -> None:
        for p in data["chosen"]:
            data["plan"][p] = self.boxes[p].values()

    def page_errors(self, data: dict) -> list[str]:
        errors = []
        for p in data["chosen"]:
            try:
                dc.planned_sessions(p, data["plan"][p])
            except ValidationError as exc:
                errors.extend(exc.errors.values())
        return errors


class FinalisePage(WizardPage):
    """Everything at a glance before it becomes read-only."""

    def __init__(self, stop: bool = False):
        super().__init__()
        self.rules = scr.load_rules()
        self.stop = stop
        if stop:
            self.setTitle(self.tr("No treatment can be planned"))
            self.setSubTitle(self.tr("The screening or the examination stops the consultation "
                                     "here. Explain the reasons to the patient; finalising "
                                     "records them."))
        else:
            self.setTitle(self.tr("Review and finalise"))
            self.setSubTitle(self.tr("Once finalised the consultation is read-only; a later "
                                     "correction is an amendment with its reason."))
        self.setFinalPage(True)
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setObjectName("summary" if not stop else "stop_reasons")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel(self.tr("Notes for the record")))
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("final_notes" if not stop else "stop_notes")
        self.notes.setTabChangesFocus(True)
        self.notes.textChanged.connect(self.notify)
        layout.addWidget(self.notes, 1)
        self.add_problems_label(layout)

    def nextId(self) -> int:
        return -1

    def load(self, data: dict) -> None:
        evaluation = dc.evaluate(data, self.rules)
        parts = []
        if self.stop:
            reasons = [r for v in evaluation.verdicts.values() for r in v.reasons
                       if r.level == "contraindicated"]
            parts.append("<b>" + esc(self.tr("Why")) + "</b>")
            parts.append(recommendation_html(evaluation))
            if reasons:
                parts.append("<ul style='margin-left:-20px'>" + "".join(
                    f"<li>{esc(r.text)}</li>" for r in dict.fromkeys(reasons)) + "</ul>")
        else:
            concerns = ", ".join(c.replace("_", " ") for c in data["concerns"])
            hands = data["hands"]
            parts.append(f"<b>Concerns:</b> {esc(concerns)}")
            parts.append(f"<b>Merz grade:</b> left {hands['left']['merz']}, right "
                         f"{hands['right']['merz']}")
            for p, v in evaluation.verdicts.items():
                parts.append(f"<b>{esc(self.rules.procedure_name(p).capitalize())}:</b> "
                             f"{level_badge(v.level)}")
            chosen = data["chosen"]
            if chosen:
                for p in chosen:
                    plan = data["plan"].get(p, {})
                    try:
                        dates = dc.planned_sessions(p, plan)
                        when = f"{len(dates)} session(s) from {dates[0].target:%d/%m/%Y}"
                    except ValidationError:
                        when = "dates to correct"
                    parts.append(f"<b>Planned:</b> {esc(self.rules.procedure_name(p))} — {when}")
            else:
                parts.append(f"<b>Nothing planned:</b> {esc(data['none_planned_reason'])}")
            missing = dc.check_complete(data, evaluation, self.rules)
            if missing:
                parts.append("<span style='color:#b3261e'><b>Still missing:</b><br>"
                             + "<br>".join(esc(m) for m in missing.values()) + "</span>")
        self.summary.setText("<br>".join(parts))
        if self.notes.toPlainText() != data.get("notes", ""):
            self.notes.setPlainText(data.get("notes", ""))

    def save_into(self, data: dict) -> None:
        data["notes"] = self.notes.toPlainText()
