"""The checklist runner: one procedure session, step by step, every entry saved at once."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout,
                               QHBoxLayout, QInputDialog, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QMessageBox, QPlainTextEdit, QPushButton,
                               QScrollArea, QSplitter, QVBoxLayout, QWidget)

from rejuv_desktop.domain import patients as dp
from rejuv_desktop.domain.protocols import SIDES, format_number
from rejuv_desktop.errors import UserError, ValidationError
from rejuv_desktop.services import sessions as ss
from rejuv_desktop.services.leases import SESSION
from rejuv_desktop.ui.alert_strip import AlertStrip
from rejuv_desktop.ui.errors import reports_errors, show_user_error
from rejuv_desktop.ui.geometry import fit_to_screen
from rejuv_desktop.ui.holds import say
from rejuv_desktop.ui.i18n import current_language
from rejuv_desktop.ui.sessions.common import (DONE_STYLE, WARNING_STYLE, esc, fmt_day,
                                              fmt_window, message_label, muted_label, show_text,
                                              who_when)
from rejuv_desktop.ui.sessions.step_box import (StepBox, open_choices, set_enabled, set_shown,
                                                set_text)
from rejuv_desktop.ui.sessions.weight import save_weight, weight_note


class DeviationDialog(QDialog):
    """Which open item is deliberately left undone, and why."""

    def __init__(self, choices: list[tuple[str, str]], parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Record a deviation"))
        layout = QFormLayout(self)
        self.what = QComboBox()
        self.what.setObjectName("deviation_what")
        for key, text in choices:
            self.what.addItem(text.split(" — ", 1)[-1], key)
        self.note = QPlainTextEdit()
        self.note.setObjectName("deviation_note")
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText(self.tr("What was done instead, and why"))
        self.error = message_label()
        layout.addRow(self.tr("Not done:"), self.what)
        layout.addRow(self.tr("Note:"), self.note)
        layout.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)

    def _accept(self) -> None:
        if not self.note.toPlainText().strip():
            show_text(self.error, self.tr("Write what was done instead, and why."))
            return
        self.accept()


class SessionRunner(QWidget):
    """A window that runs one session. Emits ``changed`` when the session starts or ends."""

    changed = Signal()
    aftercare_requested = Signal(int, str, int)  # patient id, procedure, session id

    def __init__(self, store, session_id: int, parent=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.store, self.session_id = store, session_id
        self.status = ss.session_status(store, session_id, current_language())
        s, protocol = self.status.session, self.status.protocol
        self.setObjectName("session_runner")
        self.setWindowTitle(self.tr("{procedure} — {patient}").format(
            procedure=protocol.title, patient=dp.display_name(s)))
        fit_to_screen(self, 1040, 860)
        layout = QVBoxLayout(self)

        title = QLabel(f"{esc(protocol.title)} — {esc(self._which_session())}")
        title.setStyleSheet("font-size: 18px; font-weight: 600;")
        layout.addWidget(title)
        layout.addWidget(QLabel(self.tr("{patient} · born {dob} · session of {day} · started by "
                                        "{who}").format(
            patient=dp.display_name(s), dob=fmt_day(s["date_of_birth"]),
            day=fmt_day(s["session_date"]), who=s["started_by_name"] or "—")))
        self.alerts = AlertStrip(store)
        self.alerts.show_patient(s["patient_id"])
        layout.addWidget(self.alerts)
        facts = QHBoxLayout()
        facts.addWidget(QLabel(self.tr("Hands treated:")))
        self.side_checks: dict[str, QCheckBox] = {}
        for side in SIDES:
            check = QCheckBox(self.tr("Left") if side == "left" else self.tr("Right"))
            check.setObjectName(f"side_{side}")
            check.clicked.connect(self.on_sides)
            facts.addWidget(check)
            self.side_checks[side] = check
        self.weight = None
        if any(c.kind == "lidocaine_dose" for c in protocol.checks):
            facts.addSpacing(24)
            facts.addWidget(QLabel(self.tr("Weight today:")))
            self.weight = QLineEdit()
            self.weight.setObjectName("weight_kg")
            self.weight.setMaximumWidth(70)
            self.weight.setAlignment(Qt.AlignmentFlag.AlignRight)
            self.weight.editingFinished.connect(self.on_weight)
            facts.addWidget(self.weight)
            facts.addWidget(QLabel(self.tr("kg")))
            self.weight_note = muted_label()
            self.weight_note.setObjectName("weight_note")
            facts.addWidget(self.weight_note)
        facts.addStretch(1)
        self.consent = muted_label(self.tr("Signed consent on file") if s["consent_document_id"]
                                   else "")
        facts.addWidget(self.consent)
        layout.addLayout(facts)
        early = self.status.early_start
        if early is not None:
            # Started before its date: the doctor's reason stays on the record, in view.
            note = QLabel(self.tr("Started early on a doctor's reason ({who}): {reason}").format(
                who=who_when(early.who, early.at), reason=early.value.get("reason", "")))
            note.setObjectName("early_start")
            note.setWordWrap(True)
            note.setStyleSheet("color: #8a4b00; background: #fff4e5; padding: 4px;")
            layout.addWidget(note)
        self.header_error = message_label(name="header_error")

        self.steps_list = QListWidget()
        self.steps_list.setObjectName("steps_list")
        self.steps_list.setMaximumWidth(240)
        self.steps_list.currentRowChanged.connect(self._scroll_to)
        self.boxes: list[StepBox] = []
        inner = QWidget()
        il = QVBoxLayout(inner)
        for n, step in enumerate(protocol.steps, start=1):
            box = StepBox(n, step, protocol, self)
            il.addWidget(box)
            self.boxes.append(box)
            self.steps_list.addItem(QListWidgetItem(f"{n}. {step.title}"))
        il.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(inner)
        split = QSplitter()
        split.addWidget(self.steps_list)
        split.addWidget(self.scroll)
        split.setStretchFactor(1, 1)
        split.setSizes([220, 800])
        layout.addWidget(split, 1)

        self.open_label = QLabel()
        self.open_label.setObjectName("open_items")
        self.open_label.setWordWrap(True)
        self.open_label.setTextFormat(Qt.TextFormat.RichText)
        self.open_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self._status_panel())
        buttons = QHBoxLayout()
        self.abandon_button = QPushButton(self.tr("Stop the session…"))
        self.abandon_button.setObjectName("abandon_session")
        self.abandon_button.clicked.connect(self.abandon)
        self.complete_button = QPushButton(self.tr("Complete session"))
        self.complete_button.setObjectName("complete_session")
        self.complete_button.setDefault(True)
        self.complete_button.clicked.connect(self.complete)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.close)
        buttons.addWidget(self.abandon_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        buttons.addWidget(self.complete_button)
        layout.addLayout(buttons)
        self.refresh()

    def _status_panel(self) -> QScrollArea:
        """What is still open and the last error, in a panel of fixed height: as the list
        shrinks the checklist above keeps its size, so nothing moves under the pointer."""
        panel = QWidget()
        pl = QVBoxLayout(panel)
        pl.setContentsMargins(0, 0, 0, 0)
        pl.addWidget(self.header_error)
        pl.addWidget(self.open_label)
        pl.addStretch(1)
        area = QScrollArea()
        area.setObjectName("status_panel")
        area.setWidgetResizable(True)
        area.setFrameShape(QScrollArea.Shape.NoFrame)
        area.setWidget(panel)
        area.setFixedHeight(self.fontMetrics().lineSpacing() * 6 + 8)
        return area

    def _which_session(self) -> str:
        s = self.status.session
        if s["maintenance"]:
            return self.tr("maintenance session")
        return self.tr("session {n} of {total}").format(n=s["session_number"],
                                                        total=s["series_length"])

    def box(self, step_id: str) -> StepBox:
        return next(b for b in self.boxes if b.step.id == step_id)

    def _scroll_to(self, row: int) -> None:
        if 0 <= row < len(self.boxes):
            self.scroll.ensureWidgetVisible(self.boxes[row], 0, 8)

    # showing ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the session and show every step as it now stands."""
        self.status = status = ss.session_status(self.store, self.session_id,
                                                           current_language())
        for side, check in self.side_checks.items():
            if check.isChecked() != (side in status.state.sides):
                check.setChecked(side in status.state.sides)
            set_enabled(check, status.editable)
        if self.weight is not None:
            w = status.state.weight_kg
            text = "" if w is None else format_number(w)
            if self.weight.text() != text:
                self.weight.setText(text)
            set_enabled(self.weight, status.editable)
            note = weight_note(self, status)
            if self.weight_note.text() != note:
                self.weight_note.setText(note)
            style = ("color: #b3261e; font-weight: 600;" if status.weight_stale
                     else "color: #666; font-size: 11px;")
            if self.weight_note.styleSheet() != style:
                self.weight_note.setStyleSheet(style)
        for box, item in zip(self.boxes, (self.steps_list.item(i)
                                          for i in range(self.steps_list.count()))):
            box.update_from(status)
            st = status.step_status(box.step.id)
            mark = "✓" if st.done else "○" if st.blocked_by else "●"
            text = f"{mark}  {box.title.text()}"
            if item.text() != text:
                item.setText(text)
                item.setForeground(Qt.GlobalColor.darkGreen if st.done else
                                   Qt.GlobalColor.gray if st.blocked_by else
                                   Qt.GlobalColor.black)
        s = status.session
        set_shown(self.abandon_button, status.editable)
        set_shown(self.complete_button, status.editable)
        if not status.editable:
            ended = who_when(s["completed_by_name"] or "", s["completed_at"]) if s["completed_at"] \
                else ""
            word = self.tr("Completed") if s["status"] == "completed" else self.tr("Stopped")
            reason = f": {esc(s['end_reason'])}" if s["end_reason"] else ""
            text = (f"<span style='{DONE_STYLE}'><b>{word}</b> — {esc(ended)}{reason}. "
                    + self.tr("This record can no longer be changed.") + "</span>")
        elif status.blockers:
            shown = status.blockers[:4]  # with the heading and "… more": the panel's 6 lines
            more = len(status.blockers) - len(shown)
            items = "".join(f"<li>{esc(b)}</li>" for b in shown)
            tail = self.tr("<li>… and {n} more</li>").format(n=more) if more else ""
            text = (f"<span style='{WARNING_STYLE}'><b>" + self.tr(
                "%n still open before the session can be completed:", "", len(status.blockers))
                + f"</b></span><ul style='margin:0'>{items}{tail}</ul>")
        else:
            text = (f"<span style='{DONE_STYLE}'>" + self.tr(
                "<b>Everything required is recorded.</b> The session can be completed.")
                + "</span>")
        set_text(self.open_label, text)

    lease_kind = SESSION  # how a refused save names what is held

    def version(self) -> int | None:
        """The session's version as this window last read it: a change over one saved on
        another workstation since is refused, naming who and when."""
        return self.status.session.get("version")

    def _saved(self) -> None:
        set_text(self.header_error, "")
        self.refresh()

    # recording ----------------------------------------------------------------------------------
    @reports_errors
    def on_tick(self, key: str, done: bool) -> None:
        try:
            if key.startswith("time_out."):
                ss.confirm_time_out(self.store, self.session_id, key.partition(".")[2], done)
            else:
                ss.tick(self.store, self.session_id, key, done)
        except UserError as exc:
            show_text(self.header_error, say(self.store, exc, SESSION))
            self.refresh()  # the box shows the tick as it is saved, not as clicked
            return
        self._saved()

    @reports_errors
    def on_value(self, key: str, value) -> None:
        editor = next((b.editors[key] for b in self.boxes if key in b.editors), None)
        try:
            ss.record_value(self.store, self.session_id, key, value, current_language())
        except ValidationError as exc:
            if editor is not None:
                editor.show_error(exc.errors.get(key, str(exc)))
            return
        except UserError as exc:
            show_text(self.header_error, say(self.store, exc, SESSION))
            self.refresh()
            return
        if editor is not None:
            editor.show_error("")
        self._saved()

    @reports_errors
    def on_sides(self) -> None:
        chosen = [s for s, c in self.side_checks.items() if c.isChecked()]
        try:
            ss.set_sides(self.store, self.session_id, chosen, expected_version=self.version())
        except UserError as exc:
            show_text(self.header_error, exc.errors["sides"] if isinstance(exc, ValidationError)
                      else say(self.store, exc, SESSION))
            self.refresh()
            return
        self._saved()

    @reports_errors
    def on_weight(self) -> None:
        text = self.weight.text().strip().replace(",", ".")
        try:
            weight = float(text) if text else None
        except ValueError:
            show_text(self.header_error, self.tr("Weight: must be a number of kg"))
            return
        # The same figure again still counts when it confirms an old weight today.
        if weight == self.status.state.weight_kg and not (self.status.weight_stale and weight):
            return
        try:
            if not save_weight(self, self.store, self.session_id, weight):
                self.refresh()  # not confirmed: show the weight as saved
                return
        except UserError as exc:
            show_text(self.header_error, self.tr("Weight: {msg}").format(
                msg=exc.errors.get("weight_kg", str(exc)) if isinstance(exc, ValidationError)
                else say(self.store, exc, SESSION)))
            return
        self._saved()

    @reports_errors
    def on_deviation(self, step_id: str) -> None:
        choices = open_choices(self.status.protocol.step(step_id), self.status)
        if not choices:
            return
        dialog = DeviationDialog(choices, self)
        if not dialog.exec():
            return
        self.record_deviation(dialog.what.currentData(), dialog.note.toPlainText())

    def record_deviation(self, key: str, note: str) -> None:
        try:
            ss.record_deviation(self.store, self.session_id, key, note)
        except UserError as exc:
            show_user_error(self, exc, self.tr("Not saved"))
            return
        self._saved()

    @reports_errors
    def on_override(self, reason: str) -> None:
        box = next(b for b in self.boxes if b.dose is not None)
        try:
            ss.override_dose(self.store, self.session_id, reason)
        except ValidationError as exc:
            show_text(box.dose.error, exc.errors.get("reason", str(exc)))
            return
        except UserError as exc:
            show_text(box.dose.error, say(self.store, exc, SESSION))
            return
        show_text(box.dose.error, "")
        box.dose.reason.clear()
        self._saved()

    # ending -------------------------------------------------------------------------------------
    @reports_errors
    def complete(self) -> None:
        """List what is still open, or complete the session and say which visits were booked."""
        self.refresh()
        if self.status.blockers:
            QMessageBox.warning(self, self.tr("Session not complete"), self.tr(
                "The session cannot be completed yet. Still to do or correct:\n\n{items}").format(
                items="\n".join(f"• {b}" for b in self.status.blockers)))
            return
        answer = QMessageBox.question(self, self.tr("Complete session"), self.tr(
            "Complete this session? It can no longer be changed afterwards, and its follow-up "
            "visits are scheduled."))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            created = ss.complete_session(self.store, self.session_id,
                                           expected_version=self.version())
        except UserError as exc:
            show_user_error(self, exc)
            self.refresh()
            return
        self.refresh()
        self.changed.emit()
        visits = "\n".join(
            f"• {f['label']}: "
            f"{fmt_window(date.fromisoformat(f['due_from']), date.fromisoformat(f['due_to']))}"
            for f in created)
        answer = QMessageBox.question(self, self.tr("Session completed"), self.tr(
            "Session completed. Follow-up visits now on the Due list:\n\n{visits}\n\n"
            "Prepare the patient's aftercare sheet now?").format(
            visits=visits or self.tr("none")))
        if answer == QMessageBox.StandardButton.Yes:
            s = self.status.session
            self.aftercare_requested.emit(s["patient_id"], s["procedure"], self.session_id)

    @reports_errors
    def abandon(self) -> None:
        reason, ok = QInputDialog.getText(self, self.tr("Stop the session"), self.tr(
            "Why is the session stopped before the end? (kept with the record)"),
            text=" ".join(self.status.stops))
        if not ok:
            return
        try:
            ss.abandon_session(self.store, self.session_id, reason,
                                 expected_version=self.version())
        except UserError as exc:
            show_user_error(self, exc, self.tr("Not stopped"))
            return
        self.refresh()
        self.changed.emit()
