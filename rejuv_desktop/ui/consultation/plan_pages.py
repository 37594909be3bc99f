"""Pages 5 to 7: the reasoned recommendation, the plan, and finalising (or the stop page)."""

from __future__ import annotations

from datetime import date

from datetime import timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (QCheckBox, QFormLayout, QGroupBox, QLabel, QLineEdit,
                               QPlainTextEdit, QSpinBox, QVBoxLayout, QWidget)

from rejuv_desktop.domain import consultation as dc
from rejuv_desktop.domain import plan_binding as pb
from rejuv_desktop.domain import screening as scr
from rejuv_desktop.domain.procedures import procedure_ids
from rejuv_desktop.domain.protocols import load_protocol
from rejuv_desktop.services.devis import StartTooSoon
from rejuv_desktop.ui.i18n import fmt_date
from rejuv_desktop.ui.legal_words import warning_text
from rejuv_desktop.ui.phrases import concern_label, phrasebook, planned_session_line
from rejuv_desktop.errors import ValidationError
from rejuv_desktop.ui.consultation.common import WizardPage, esc, level_badge, scrolling_body
from rejuv_desktop.ui.date_field import DateField

WARN_STYLE = "color: #8a4b00; background: #fff4e5; padding: 4px;"
NOTE_STYLE = "color: #0d47a1; background: #e3f2fd; padding: 4px;"


def _reason_box(name: str, placeholder: str, changed) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setObjectName(name)
    box.setTabChangesFocus(True)
    box.setPlaceholderText(placeholder)
    box.setFixedHeight(54)
    box.textChanged.connect(changed)
    return box


def _set_text(box: QPlainTextEdit, text: str) -> None:
    if box.toPlainText() != text:
        box.blockSignals(True)
        box.setPlainText(text)
        box.blockSignals(False)


class ProcedureChoice(QWidget):
    """One procedure to tick, with what the verdict and the recommendation ask before it can
    be planned: a written reason when the recommendation does not support it, and for a
    deferral its wait or a doctor's written override."""

    def __init__(self, procedure: str, changed):
        super().__init__()
        self.procedure = procedure
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        self.check = QCheckBox()
        self.check.setObjectName(f"choose_{procedure}")
        layout.addWidget(self.check)
        self.note = QLabel()
        self.note.setObjectName(f"{procedure}_binding")
        self.note.setWordWrap(True)
        self.note.setStyleSheet(NOTE_STYLE)
        layout.addWidget(self.note)
        self.unsupported_label = QLabel(self.tr("The recommendation does not support this "
                                                "procedure: why is it planned? *"))
        self.unsupported_label.setWordWrap(True)
        self.unsupported = _reason_box(f"{procedure}_unsupported_reason", self.tr(
            "The reason, stored with your name and shown on the summary"), changed)
        layout.addWidget(self.unsupported_label)
        layout.addWidget(self.unsupported)
        self.override_label = QLabel()
        self.override_label.setWordWrap(True)
        self.override = _reason_box(f"{procedure}_override", self.tr(
            "Doctor's reason to plan it despite the deferral (printed on the consent)"), changed)
        layout.addWidget(self.override_label)
        layout.addWidget(self.override)
        self.check.toggled.connect(self._update)
        self.binding: pb.Binding | None = None
        self.doctor = False

    def show_binding(self, b: pb.Binding, doctor: bool, allowed: bool) -> None:
        self.binding, self.doctor = b, doctor
        waits = "; ".join(b.waits) or self.tr("see the screening")
        if b.deferred and b.open_ended:
            text = self.tr("Deferred: {waits}. It cannot be planned before a new screening, "
                           "unless a doctor records an override.").format(waits=waits)
        elif b.deferred and b.wait_until:
            text = self.tr("Deferred: {waits}. The first session can be on {day} or later, "
                           "or earlier with a doctor's override.").format(
                waits=waits, day=pb.fmt(b.wait_until))
        else:
            text = ""
        self.note.setText(text)
        self.note.setVisible(bool(text) and allowed)
        if doctor and b.open_ended:
            self.override_label.setText(self.tr("Doctor's override: why plan it now despite the "
                                                "deferral *"))
        elif doctor:
            self.override_label.setText(self.tr("Doctor's override, only to plan it before the "
                                                "wait ends: why"))
        else:
            self.override_label.setText(self.tr("Only a doctor can override a deferral: ask a "
                                                "doctor to sign in."))
        self.override.setEnabled(doctor)
        self._update()

    def _update(self) -> None:
        b = self.binding
        on = self.check.isChecked() and b is not None
        unsupported = on and not b.recommended
        self.unsupported_label.setVisible(unsupported)
        self.unsupported.setVisible(unsupported)
        deferred = on and b.deferred
        self.override_label.setVisible(deferred)
        self.override.setVisible(deferred and self.doctor)


def recommendation_html(evaluation: dc.Evaluation) -> str:
    book, items = phrasebook(), []
    for line in evaluation.recommendation.lines:
        because = ""
        findings = book.findings(line)
        if findings:
            because = ("<br><span style='color:#555'>" + esc(book.because(findings)) + "</span>")
        items.append(f"<li style='margin-bottom:6px'>{esc(book.line(line))}{because}</li>")
    return "<ul style='margin-left:-20px'>" + "".join(items) + "</ul>"


class RecommendationPage(WizardPage):
    def __init__(self):
        super().__init__()
        self.rules = scr.load_rules()
        self.setTitle(self.tr("Recommendation"))
        self.setSubTitle(self.tr("What the findings point to, and why. Choose what you and the "
                                 "patient agree to plan."))
        # The reasons a verdict asks for can make the page taller than a laptop screen: the
        # content scrolls, the problems stay in view below it.
        outer, layout = scrolling_body(self)
        self.lines = QLabel()
        self.lines.setObjectName("recommendation_lines")
        self.lines.setWordWrap(True)
        self.lines.setTextFormat(Qt.TextFormat.RichText)
        self.lines.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.lines)
        box = QGroupBox(self.tr("Plan"))
        bl = QVBoxLayout(box)
        self.choices: dict[str, QCheckBox] = {}
        self.rows: dict[str, ProcedureChoice] = {}
        for p in procedure_ids():
            row = ProcedureChoice(p, self.notify)
            check = row.check
            check.toggled.connect(self.notify)
            check.toggled.connect(self._update_none)
            bl.addWidget(row)
            self.choices[p] = check
            self.rows[p] = row
        self.none_label = QLabel(self.tr("No procedure chosen: say why (recorded with the "
                                         "consultation)"))
        self.none_reason = QLineEdit()
        self.none_reason.setObjectName("none_planned_reason")
        self.none_reason.textChanged.connect(self.notify)
        bl.addWidget(self.none_label)
        bl.addWidget(self.none_reason)
        layout.addWidget(box)
        layout.addStretch(1)
        self.add_problems_label(outer)

    def _update_none(self) -> None:
        none = not any(c.isChecked() for c in self.choices.values())
        self.none_label.setVisible(none)
        self.none_reason.setVisible(none)

    def load(self, data: dc.ConsultationRecord) -> None:
        evaluation = dc.evaluate(data, self.rules)
        self.lines.setText(recommendation_html(evaluation))
        context = self.wizard().planning
        for p, check in self.choices.items():
            name = self.rules.procedure_name(p)
            b = evaluation.binding(p, context.today)
            allowed = evaluation.allowed(p)
            if b.recommended:
                suffix = self.tr(" (recommended)")
            elif b.level == "contraindicated":
                suffix = self.tr(" (contraindicated)")
            else:
                suffix = self.tr(" (not recommended)")
            if b.deferred:
                suffix += self.tr(" (deferred)")
            check.setText(f"{name[:1].upper()}{name[1:]}{suffix}")
            # An open-ended deferral can be planned only by a doctor, with a written override.
            blocked = b.deferred and b.open_ended and not context.doctor \
                and pb.override(data, p) is None
            check.setEnabled(allowed and not blocked)
            check.setToolTip("" if allowed and not blocked else
                             self.tr("Contraindicated: cannot be planned") if not allowed else
                             self.tr("Deferred until something resolves: only a doctor can "
                                     "plan it now, with a written override"))
            check.blockSignals(True)
            check.setChecked(allowed and not blocked and p in data.chosen)
            check.blockSignals(False)
            row = self.rows[p]
            _set_text(row.unsupported, (pb.unsupported_reason(data, p) or {}).get("text", ""))
            _set_text(row.override, (pb.override(data, p) or {}).get("text", ""))
            row.show_binding(b, context.doctor, allowed)
        self.none_reason.setText(data.none_planned_reason)
        self._update_none()

    def save_into(self, data: dc.ConsultationRecord) -> None:
        data.chosen = [p for p, c in self.choices.items() if c.isChecked()]
        data.none_planned_reason = self.none_reason.text()
        for key, attr in (("unsupported_reasons", "unsupported"), ("overrides", "override")):
            entries = getattr(data, key)
            for p, row in self.rows.items():
                text = getattr(row, attr).toPlainText()
                if text.strip() and getattr(row, attr).isEnabled():
                    entries[p] = {**(entries.get(p) or {}), "text": text}
                elif getattr(row, attr).isEnabled():
                    entries.pop(p, None)
        context = self.wizard().planning
        evaluation = None
        # A procedure planned before the other keeps its dates; a new one is offered the
        # first date that keeps the protocols' spacing (mesotherapy after a fat graft).
        for p in sorted(data.chosen, key=lambda x: x in data.plan, reverse=True):
            if p not in data.plan:
                evaluation = evaluation or dc.evaluate(data, self.rules)
                start = pb.suggested_start(evaluation.binding(p, context.today),
                                           context.default_start)
                if pb.override(data, p):
                    start = context.default_start
                data.plan[p] = dc.default_plan(p, dc.spaced_start(p, start, data))

    def page_errors(self, data: dc.ConsultationRecord) -> list[str]:
        if not data.chosen and not data.none_planned_reason.strip():
            return [self.tr("Choose a procedure to plan, or say why none is planned.")]
        evaluation = dc.evaluate(data, self.rules)
        today = self.wizard().planning.today
        problems = []
        for p in data.chosen:
            errors = pb.plan_errors(self.rules.procedure_name(p), evaluation.binding(p, today),
                                    data, None, today)
            problems += [m for k, m in errors.items() if not k.startswith("plan.")]
        return problems


def legal_plan_warnings(data, context, rules) -> dict[str, str]:
    """Per chosen procedure, the warning for a first session inside the reflection period or,
    when the law of the clinic's country sets a wait after the signed quote at least as long,
    inside that wait (counted from a quote signed today at the earliest)."""
    out = {}
    for p in data.chosen:
        legal = context.legal_waits.get(p, 0)
        start = dc.plan_start(data, p)
        if legal and context.cooling_off_days <= legal:
            end = context.today + timedelta(days=legal)
            if start is not None and start < end:
                out[p] = warning_text(StartTooSoon(start, end, legal, None))
        else:
            out.update({k: v for k, v in dc.plan_warnings(
                data, context.today, max(context.cooling_off_days, legal), rules).items()
                if k == p})
    return out


class PlanBox(QGroupBox):
    """Sessions, interval and first date of one procedure, with the dates they give."""

    def __init__(self, procedure: str, title: str, changed):
        super().__init__(title)
        self.procedure = procedure
        self.loaded = False
        self.reflection_days = pb.COOLING_OFF_DAYS_DEFAULT
        self.legal_days = 0  # the legal wait after the signed quote (France: fat transfer)
        self.today = None
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
        self.start = DateField()
        self.start.setObjectName(f"{procedure}_start")
        self.start.edit.setObjectName(f"{procedure}_start_text")
        self.binding_note = QLabel()
        self.binding_note.setObjectName(f"{procedure}_deferral")
        self.binding_note.setWordWrap(True)
        self.binding_note.setStyleSheet(NOTE_STYLE)
        self.binding_note.hide()
        self.reflection = QLabel()
        self.reflection.setObjectName(f"{procedure}_reflection")
        self.reflection.setWordWrap(True)
        self.reflection.setStyleSheet(WARN_STYLE)
        self.reflection.hide()
        self.dates = QLabel()
        self.dates.setWordWrap(True)
        self.dates.setStyleSheet("color: #333;")
        form.addRow(self.tr("Sessions"), self.sessions)
        if has_interval:
            form.addRow(self.tr("Interval"), self.interval)
        else:
            self.interval.hide()
        form.addRow(self.tr("First session"), self.start)
        form.addRow(self.binding_note)
        form.addRow(self.reflection)
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
        # A whole date out of range leaves the field empty without a new signal: say why now,
        # not what was wrong with the half-typed text before it.
        self.start.edit.textEdited.connect(self.refresh)
        self.start.edit.editingFinished.connect(self.refresh)

    def load(self, plan: dict, context, binding: pb.Binding, overridden: bool) -> None:
        """Show a plan, its first date held to the plan's range: from the consultation (or the
        end of a timed deferral, without an override) to two years ahead."""
        self.legal_days = context.legal_waits.get(self.procedure, 0)
        # Never shorter than the law's wait; the law's own warning says it when it is as long.
        self.today = context.today
        self.reflection_days = max(context.cooling_off_days, self.legal_days)
        self.law_covers = 0 < self.legal_days and context.cooling_off_days <= self.legal_days
        low = context.today
        if binding.deferred and binding.wait_until and not overridden:
            low = binding.wait_until
        high = context.today + timedelta(days=pb.PLAN_HORIZON_DAYS)
        for w in (self.sessions, self.interval, self.start):
            w.blockSignals(True)
        self.start.setDateRange(QDate(low.year, low.month, low.day),
                                QDate(high.year, high.month, high.day))
        self.sessions.setValue(plan.get("sessions") or self.series.sessions_default)
        if plan.get("interval_days"):
            self.interval.setValue(plan["interval_days"])
        try:
            start = date.fromisoformat(plan.get("start") or "")
        except ValueError:
            start = context.default_start
        self.start.setDate(QDate(start.year, start.month, start.day))
        for w in (self.sessions, self.interval, self.start):
            w.blockSignals(False)
        if binding.deferred:
            waits = "; ".join(binding.waits)
            self.binding_note.setText(
                self.tr("Deferred ({waits}): planned under the doctor's override.").format(
                    waits=waits) if overridden or not binding.wait_until else
                self.tr("Deferred ({waits}): the first session can be on {day} or later.").format(
                    waits=waits, day=pb.fmt(binding.wait_until)))
        self.binding_note.setVisible(binding.deferred)
        self.loaded = True
        self.refresh()

    def values(self) -> dict:
        qd = self.start.date()
        return {"sessions": self.sessions.value(),
                "interval_days": self.interval.value() if self.interval.isVisibleTo(self)
                or self.series.interval_default_days is not None else None,
                "start": date(qd.year(), qd.month(), qd.day()).isoformat() if qd.isValid()
                else None}

    def refresh(self) -> None:
        values = self.values()
        warning = None
        if values["start"] and self.today is not None:
            name = self.title().lower()
            start = date.fromisoformat(values["start"])
            warning = None if self.law_covers else pb.reflection_warning(
                name, start, self.today, self.reflection_days)
            legal_end = self.today + timedelta(days=self.legal_days)
            if self.legal_days and start < legal_end:  # a quote cannot be signed before today
                warning = " ".join(w for w in (warning, warning_text(
                    StartTooSoon(start, legal_end, self.legal_days, None))) if w)
        self.reflection.setText(warning or "")
        self.reflection.setVisible(bool(warning))
        if not values["start"]:
            self.dates.setText(self.start.problem())
            return
        try:
            sessions = dc.planned_sessions(self.procedure, values)
        except ValidationError as exc:
            self.dates.setText("; ".join(exc.errors.values()))
            return
        self.dates.setText("\n".join(planned_session_line(s) for s in sessions))


class PlanPage(WizardPage):
    def __init__(self):
        super().__init__()
        self.rules = scr.load_rules()
        self.setTitle(self.tr("Plan"))
        self.setSubTitle(self.tr("Sessions and intervals come from the procedure protocols; "
                                 "adjust them within the allowed range."))
        outer, layout = scrolling_body(self)
        self.boxes = {p: PlanBox(p, self.rules.procedure_name(p).capitalize(), self.notify)
                      for p in procedure_ids()}
        for box in self.boxes.values():
            layout.addWidget(box)
        self.spacing = QLabel()
        self.spacing.setObjectName("plan_spacing")
        self.spacing.setWordWrap(True)
        self.spacing.setStyleSheet(WARN_STYLE)
        self.spacing.hide()
        layout.addWidget(self.spacing)
        for box in self.boxes.values():
            box.start.dateChanged.connect(self._update_spacing)
            box.sessions.valueChanged.connect(self._update_spacing)
            box.interval.valueChanged.connect(self._update_spacing)
        self.none = QLabel()
        self.none.setWordWrap(True)
        layout.addWidget(self.none)
        layout.addStretch(1)
        self.add_problems_label(outer)

    def load(self, data: dc.ConsultationRecord) -> None:
        context = self.wizard().planning
        evaluation = dc.evaluate(data, self.rules)
        for p, box in self.boxes.items():
            chosen = p in data.chosen
            box.setVisible(chosen)
            if chosen:
                box.load(data.plan.get(p) or dc.default_plan(p, context.default_start),
                         context, evaluation.binding(p, context.today),
                         pb.override(data, p) is not None)
            else:
                box.loaded = False
        self.none.setVisible(not data.chosen)
        self.none.setText(self.tr("No procedure is planned: {why}").format(
            why=data.none_planned_reason))
        self._update_spacing()

    def _update_spacing(self, *_args) -> None:
        wizard = self.wizard()
        if wizard is None:
            return
        chosen = [p for p, box in self.boxes.items() if box.loaded and box.isVisibleTo(self)]
        data = dc.ConsultationRecord(chosen=chosen,
                                     plan={p: self.boxes[p].values() for p in chosen})
        warnings = dc.spacing_warnings(data, self.rules)
        self.spacing.setText("\n".join("\u26a0 " + w + self.tr(" It would need a doctor's "
                                                                "reason to start that day.")
                                        for w in warnings))
        self.spacing.setVisible(bool(warnings))

    def save_into(self, data: dc.ConsultationRecord) -> None:
        # Only a box showing a loaded plan holds the plan: a procedure ticked since this page
        # was last shown keeps the plan the recommendation page made for it.
        for p in data.chosen:
            if self.boxes[p].loaded:
                data.plan[p] = self.boxes[p].values()

    def page_errors(self, data: dc.ConsultationRecord) -> list[str]:
        errors = []
        context = self.wizard().planning
        evaluation = dc.evaluate(data, self.rules)
        for p in data.chosen:
            box = self.boxes[p]
            if box.loaded and box.start.problem():
                errors.append(f"{box.title()}: {box.start.problem()}")
                continue
            found = pb.plan_errors(self.rules.procedure_name(p),
                                   evaluation.binding(p, context.today), data,
                                   dc.plan_start(data, p), context.today)
            errors += [m for k, m in found.items() if k.startswith("plan.")]
            try:
                dc.planned_sessions(p, data.plan[p])
            except ValidationError as exc:
                errors.extend(exc.errors.values())
        return list(dict.fromkeys(errors))


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

    def load(self, data: dc.ConsultationRecord) -> None:
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
            concerns = ", ".join([concern_label(c) for c in data.concerns
                                  if not (c == "other" and data.concern_other)]
                                 + ([data.concern_other] if data.concern_other else []))
            parts.append(self.tr("<b>Concerns:</b> {concerns}").format(concerns=esc(concerns)))
            parts.append(self.tr("<b>Merz grade:</b> left {left}, right {right}").format(
                left=data.hand('left').merz, right=data.hand('right').merz))
            context = self.wizard().planning
            for p, v in evaluation.verdicts.items():
                waits = "; ".join(v.waits)
                parts.append(f"<b>{esc(self.rules.procedure_name(p).capitalize())}:</b> "
                             f"{level_badge(v.level)}"
                             + (" " + esc(self.tr("wait")) + f": {esc(waits)}" if waits else ""))
            chosen = data.chosen
            if chosen:
                warnings = legal_plan_warnings(data, context, self.rules)
                for p in chosen:
                    plan = data.plan.get(p, {})
                    try:
                        dates = dc.planned_sessions(p, plan)
                        when = self.tr("%n session(s) from {start}", "", len(dates)).format(
                            start=fmt_date(dates[0].target))
                    except (ValidationError, ValueError):
                        when = self.tr("dates to correct")
                    parts.append(self.tr("<b>Planned:</b> {procedure} — {when}").format(
                        procedure=esc(self.rules.procedure_name(p)), when=when))
                    b = evaluation.binding(p, context.today)
                    override = pb.override(data, p)
                    if b.deferred and override:
                        parts.append("&nbsp;&nbsp;" + level_badge("defer") + " <b>"
                                     + esc(self.tr("Doctor's override")) + ":</b> "
                                     + esc(override["text"]) + " — "
                                     + esc(override.get("by") or context.actor))
                    elif b.deferred and b.wait_until:
                        parts.append("&nbsp;&nbsp;" + level_badge("defer") + " "
                                     + esc(self.tr("Planned after the wait, from {day}").format(
                                         day=pb.fmt(b.wait_until))))
                    # Every point of caution beside the verdict, with the justification for it.
                    cautions = [r for r in evaluation.verdicts[p].reasons
                                if r.level == "caution"]
                    for r in dict.fromkeys(cautions):
                        parts.append("&nbsp;&nbsp;" + level_badge("caution") + " " + esc(r.text))
                    justification = (data.justifications.get(p) or {}).get("text", "").strip()
                    if cautions and justification:
                        parts.append("&nbsp;&nbsp;<b>" + esc(self.tr("Justification")) + ":</b> "
                                     + esc(justification))
                    reason = pb.unsupported_reason(data, p)
                    if not b.recommended and reason:
                        parts.append("&nbsp;&nbsp;<b>" + esc(self.tr("Not recommended; planned "
                                                                      "because")) + ":</b> "
                                     + esc(reason["text"]))
                    if p in warnings:
                        parts.append(f"<span style='color:#8a4b00'>&nbsp;&nbsp;\u26a0 "
                                     f"{esc(warnings[p])}</span>")
                for warning in dc.spacing_warnings(data, self.rules):
                    parts.append(f"<span style='color:#8a4b00'>\u26a0 {esc(warning)}</span>")
            else:
                parts.append(f"<b>Nothing planned:</b> {esc(data.none_planned_reason)}")
            missing = dc.check_complete(data, evaluation, self.rules, today=context.today)
            if missing:
                parts.append("<span style='color:#b3261e'><b>Still missing:</b><br>"
                             + "<br>".join(esc(m) for m in missing.values()) + "</span>")
        self.summary.setText("<br>".join(parts))
        if self.notes.toPlainText() != data.notes:
            self.notes.setPlainText(data.notes)

    def save_into(self, data: dc.ConsultationRecord) -> None:
        data.notes = self.notes.toPlainText()
