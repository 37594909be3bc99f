"""The follow-up assessment: exactly what the protocol says the visit assesses. The hands are
graded before their baseline grade is shown; showing it locks the new grades."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout,
                               QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
                               QPushButton, QScrollArea, QVBoxLayout, QWidget)

from rejuv_desktop.domain import outcomes as do
from rejuv_desktop.domain.scales import load_scales
from rejuv_desktop.errors import UserError, ValidationError
from rejuv_desktop.services import outcomes as so
from rejuv_desktop.ui.date_field import DateField
from rejuv_desktop.ui.errors import show_user_error
from rejuv_desktop.ui.forms import add_field_row, message_label, show_field_errors
from rejuv_desktop.ui.geometry import fit_to_screen
from rejuv_desktop.ui.outcomes.words import Words
from rejuv_desktop.ui.sessions.common import fmt_day, fmt_window, show_text


def _combo(name: str, items: list[tuple[object, str]], placeholder: str) -> QComboBox:
    box = QComboBox()
    box.setObjectName(name)
    box.addItem(placeholder, None)
    for value, label in items:
        box.addItem(label, value)
    return box


class AssessmentDialog(QDialog):
    """Record what a follow-up visit assessed, and close the visit."""

    def __init__(self, store, follow_up_id: int, parent=None):
        super().__init__(parent)
        self.store = store
        self.words = Words(self)
        self.form = so.assessment_form(store, follow_up_id)
        self.saved = False
        self.revealed = False
        self.setWindowTitle(self.tr("Follow-up assessment"))
        fit_to_screen(self, 560, 560)
        outer = QVBoxLayout(self)
        head = QLabel()
        head.setObjectName("assessment_head")
        head.setWordWrap(True)
        procedure = self.words.procedure(self.form.procedure)
        head.setText(self.tr("<b>{visit}</b><br>{procedure} of {day} · due {window}").format(
            visit=self.words.esc(self.form.label), procedure=procedure,
            day=fmt_day(self.form.session_date) if self.form.session_date else "—",
            window=fmt_window(self.form.due_from, self.form.due_to)))
        outer.addWidget(head)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self.errors: dict[str, QLabel] = {}
        if self.form.recorded is not None:
            layout.addWidget(self._recorded_view())
            buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
            buttons.rejected.connect(self.reject)
            outer.addWidget(buttons)
            return
        asks = self.form.asks
        visit = QFormLayout()
        self.seen_on = DateField()
        self.seen_on.setObjectName("assessed_on")
        today = store.clock().date()
        self.seen_on.setDateRange(QDate(2000, 1, 1), QDate(today.year, today.month, today.day))
        self.seen_on.setDate(QDate(today.year, today.month, today.day))
        self.seen_on.dateChanged.connect(lambda *_: self._update())
        self.early_reason = QLineEdit()
        self.early_reason.setObjectName("assessment_early_reason")
        self.early_reason.setPlaceholderText(self.tr("Seen before the window opened: why"))
        if self.form.status == "due":
            self.errors["visit_date"] = add_field_row(visit, self.tr("Seen on:"), self.seen_on)
            self.errors["early_reason"] = add_field_row(visit, "", self.early_reason)
        layout.addLayout(visit)
        scales = load_scales()
        content = do.load_outcomes()
        self.merz: dict[str, QComboBox] = {}
        if "merz" in asks:
            box = QGroupBox(self.tr("Merz grade of each hand"))
            column = QVBoxLayout(box)
            note = QLabel(self.tr("Grade each hand as you see it today. The baseline grade is "
                                  "shown once both are graded."))
            note.setWordWrap(True)
            note.setStyleSheet("color: #555;")
            column.addWidget(note)
            form = QFormLayout()
            column.addLayout(form)
            for side in self.form.sides:
                combo = _combo(f"merz_{side}", [(g.value, g.label) for g in scales.merz.grades],
                               self.tr("Choose a grade"))
                combo.currentIndexChanged.connect(lambda *_: self._update())
                self.merz[side] = combo
                self.errors[f"merz_{side}"] = add_field_row(form, self.words.side(side) + ":",
                                                            combo)
            row = QHBoxLayout()
            self.reveal_button = QPushButton(self.tr("Show the baseline grades"))
            self.reveal_button.setObjectName("reveal_baseline")
            self.reveal_button.clicked.connect(self.reveal)
            self.baseline_label = QLabel(self.tr("Baseline: hidden until both hands are graded."))
            self.baseline_label.setObjectName("baseline_grades")
            self.baseline_label.setWordWrap(True)
            self.baseline_label.setTextFormat(Qt.TextFormat.RichText)
            row.addWidget(self.reveal_button)
            row.addStretch(1)
            column.addLayout(row)
            column.addWidget(self.baseline_label)
            layout.addWidget(box)
        self.gais: dict[str, QComboBox] = {}
        gais_items = [(g.value, f"{g.value} - {g.label}") for g in scales.gais.grades]
        for code, text in (("gais_practitioner", self.tr("Improvement (GAIS), practitioner:")),
                           ("gais_patient", self.tr("Improvement (GAIS), patient:"))):
            if code in asks:
                self.gais[code] = _combo(code, gais_items, self.tr("Choose a score"))
        self.satisfaction = None
        if "satisfaction" in asks:
            self.satisfaction = _combo("satisfaction", list(content.satisfaction_points),
                                       self.tr("Ask the patient"))
        self.touch_up = None
        if "touch_up" in asks:
            self.touch_up = _combo("touch_up", [(True, self.tr("Yes")), (False, self.tr("No"))],
                                   self.tr("Ask the patient"))
        self.hand_q_taken = self.hand_q_score = None
        if "hand_q" in asks:
            self.hand_q_taken = QCheckBox(self.tr("HAND-Q taken"))
            self.hand_q_taken.setObjectName("hand_q_taken")
            self.hand_q_score = QLineEdit()
            self.hand_q_score.setObjectName("hand_q_score")
            self.hand_q_score.setPlaceholderText(self.tr("score, {low:g} to {high:g}").format(
                low=content.hand_q_range[0], high=content.hand_q_range[1]))
            self.hand_q_taken.toggled.connect(lambda *_: self._update())
        answers = QFormLayout()
        for code, combo in self.gais.items():
            label = (self.tr("Improvement (GAIS), practitioner:") if code == "gais_practitioner"
                     else self.tr("Improvement (GAIS), patient:"))
            self.errors[code] = add_field_row(answers, label, combo)
        if self.satisfaction is not None:
            self.errors["satisfaction"] = add_field_row(answers, self.tr("Satisfaction:"),
                                                        self.satisfaction)
        if self.touch_up is not None:
            self.errors["touch_up"] = add_field_row(answers, self.tr("Touch-up wanted:"),
                                                    self.touch_up)
        if self.hand_q_taken is not None:
            row = QWidget()
            rl = QHBoxLayout(row)
            rl.setContentsMargins(0, 0, 0, 0)
            rl.addWidget(self.hand_q_taken)
            rl.addWidget(self.hand_q_score, 1)
            self.errors["hand_q_score"] = add_field_row(answers, self.tr("HAND-Q:"), row)
            licence = QLabel(self.tr("Record the score only: the questionnaire is licensed."))
            licence.setStyleSheet("color: #666; font-size: 11px;")
            answers.addRow("", licence)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("assessment_notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(64)
        self.errors["notes"] = add_field_row(answers, self.tr("Notes:"), self.notes)
        layout.addLayout(answers)
        if not asks:
            nothing = QLabel(self.tr("The protocol asks nothing to be assessed at this visit: "
                                     "notes only."))
            nothing.setWordWrap(True)
            layout.addWidget(nothing)
        layout.addStretch(1)
        self.general_error = message_label(name="assessment_error")
        outer.addWidget(self.general_error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("assessment_save")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        self._update()

    # --------------------------------------------------------------------------------------
    def _recorded_view(self) -> QWidget:
        r = self.form.recorded
        label = QLabel()
        label.setObjectName("assessment_recorded")
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        lines = [self.tr("Assessed on {day} by {who}.").format(
            day=fmt_day(r["assessed_on"]), who=self.words.esc(r["who"] or "—"))]
        lines += self.words.assessment_lines(r)
        label.setText("<br>".join(lines))
        return label

    def _merz_values(self) -> dict[str, int]:
        return {side: c.currentData() for side, c in self.merz.items()
                if c.currentData() is not None}

    def _update(self) -> None:
        if self.form.recorded is not None:
            return
        if self.merz:
            graded = len(self._merz_values()) == len(self.merz)
            self.reveal_button.setEnabled(graded and not self.revealed)
        if self.hand_q_score is not None:
            self.hand_q_score.setEnabled(self.hand_q_taken.isChecked())
        if self.form.status == "due":
            day = self.seen_on.date()
            before = day.isValid() and day.toPython() < self.form.due_from
            self.early_reason.setVisible(before)

    def reveal(self) -> None:
        """Show the baseline grades beside the new ones; the new ones can no longer change."""
        baseline = so.baseline_grades(self.store, self.form.follow_up_id)
        now = self._merz_values()
        parts = []
        for side in self.form.sides:
            before = baseline.get(side)
            if before is None:
                parts.append(self.tr("{side}: no baseline grade").format(
                    side=self.words.side(side)))
                continue
            change = self.words.merz_change(before, now[side])
            parts.append(self.tr("{side}: {before} → {now} ({change})").format(
                side=self.words.side(side), before=before, now=now[side], change=change))
        self.baseline_label.setText(self.tr("Baseline") + ": " + "<br>".join(parts))
        for combo in self.merz.values():
            combo.setEnabled(False)
        self.revealed = True
        self._update()

    def assessment(self) -> do.Assessment:
        score = None
        if self.hand_q_score is not None and self.hand_q_taken.isChecked():
            text = self.hand_q_score.text().strip().replace(",", ".")
            try:
                score = float(text) if text else None
            except ValueError:
                score = float("nan")
        return do.Assessment(
            merz=self._merz_values(),
            gais_practitioner=self.gais["gais_practitioner"].currentData()
            if "gais_practitioner" in self.gais else None,
            gais_patient=self.gais["gais_patient"].currentData()
            if "gais_patient" in self.gais else None,
            satisfaction=self.satisfaction.currentData() if self.satisfaction else None,
            touch_up_wanted=self.touch_up.currentData() if self.touch_up else None,
            hand_q_taken=bool(self.hand_q_taken and self.hand_q_taken.isChecked()),
            hand_q_score=score, notes=self.notes.toPlainText())

    def save(self) -> None:
        visit_day: date | None = None
        if self.form.status == "due":
            if not self.seen_on.date().isValid():
                show_field_errors(self.errors, {"visit_date": self.seen_on.problem()})
                return
            visit_day = self.seen_on.date().toPython()
        try:
            so.record_assessment(self.store, self.form.follow_up_id, self.assessment(),
                                 visit_day, self.early_reason.text())
        except ValidationError as exc:
            messages = {k: self.words.problem(v, k) for k, v in exc.errors.items()}
            show_field_errors(self.errors, messages)
            unplaced = [m for k, m in messages.items() if k not in self.errors]
            show_text(self.general_error, "\n".join(unplaced))
            return
        except UserError as exc:
            show_user_error(self, exc, self.tr("Not saved"))
            return
        self.saved = True
        self.accept()
