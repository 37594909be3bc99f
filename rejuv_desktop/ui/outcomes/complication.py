"""Log a complication against one of the patient's sessions (from the record or a follow-up),
and record when one resolved."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout,
                               QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout,
                               QWidget)

from rejuv_desktop.domain import outcomes as do
from rejuv_desktop.errors import UserError, ValidationError
from rejuv_desktop.services import outcomes as so
from rejuv_desktop.ui.date_field import DateField
from rejuv_desktop.ui.errors import show_user_error
from rejuv_desktop.ui.forms import add_field_row, message_label, show_field_errors
from rejuv_desktop.ui.outcomes.words import Words
from rejuv_desktop.ui.sessions.common import fmt_day, show_text


def _qdate(day) -> QDate:
    return QDate(day.year, day.month, day.day)


class ComplicationDialog(QDialog):
    """Type, severity, where, which session and lot, onset and resolution, treatment, and to
    whom it was reported."""

    def __init__(self, store, patient_id: int, follow_up_session_id: int | None = None,
                 follow_up_id: int | None = None, parent=None):
        super().__init__(parent)
        self.store, self.patient_id, self.follow_up_id = store, patient_id, follow_up_id
        self.words = Words(self)
        self.saved_id: int | None = None
        content = self.words.content
        self.setWindowTitle(self.tr("Record a complication"))
        self.setMinimumWidth(480)
        outer = QVBoxLayout(self)
        form = QFormLayout()
        outer.addLayout(form)
        self.errors: dict[str, QLabel] = {}
        self.sessions = so.sessions_for_complication(store, patient_id)
        self.session = QComboBox()
        self.session.setObjectName("complication_session")
        for s in self.sessions:
            self.session.addItem(self.tr("{procedure}, {day}").format(
                procedure=self.words.procedure(s["procedure"]), day=fmt_day(s["session_date"])),
                s["id"])
        if follow_up_session_id is not None:
            index = self.session.findData(follow_up_session_id)
            if index >= 0:
                self.session.setCurrentIndex(index)
        self.session.currentIndexChanged.connect(lambda *_: self._fill_lots())
        self.errors["session"] = add_field_row(form, self.tr("After the session of:"),
                                               self.session)
        self.type = QComboBox()
        self.type.setObjectName("complication_type")
        self.type.addItem(self.tr("Choose…"), None)
        for t in content.complication_types:
            self.type.addItem(self.words.complication(t.id), t.id)
        self.type.currentIndexChanged.connect(lambda *_: self._update())
        self.errors["type"] = add_field_row(form, self.tr("Type:"), self.type)
        self.detail = QLineEdit()
        self.detail.setObjectName("complication_detail")
        self.detail.setPlaceholderText(self.tr("What it is"))
        self.errors["detail"] = add_field_row(form, "", self.detail)
        self.severity = QComboBox()
        self.severity.setObjectName("complication_severity")
        self.severity.addItem(self.tr("Choose…"), None)
        for s in content.severities:
            self.severity.addItem(self.words.severity(s.id), s.id)
        self.errors["severity"] = add_field_row(form, self.tr("Severity:"), self.severity)
        self.site = QComboBox()
        self.site.setObjectName("complication_site")
        self.site.addItem(self.tr("Choose…"), None)
        for s in content.sites:
            self.site.addItem(self.words.side(s.id), s.id)
        self.errors["site"] = add_field_row(form, self.tr("Where:"), self.site)
        self.lot = QComboBox()
        self.lot.setObjectName("complication_lot")
        self.lot.setEditable(True)
        self.errors["product_lot"] = add_field_row(form, self.tr("Product lot:"), self.lot)
        today = store.clock().date()
        self.onset = DateField(_qdate(today))
        self.onset.setObjectName("complication_onset")
        self.errors["onset"] = add_field_row(form, self.tr("Began on:"), self.onset)
        resolved_row = QWidget()
        rl = QHBoxLayout(resolved_row)
        rl.setContentsMargins(0, 0, 0, 0)
        self.is_resolved = QCheckBox(self.tr("Resolved on"))
        self.is_resolved.setObjectName("complication_is_resolved")
        self.resolved = DateField(_qdate(today))
        self.resolved.setObjectName("complication_resolved")
        self.is_resolved.toggled.connect(lambda *_: self._update())
        rl.addWidget(self.is_resolved)
        rl.addWidget(self.resolved, 1)
        self.errors["resolved"] = add_field_row(form, self.tr("Resolution:"), resolved_row)
        self.treatment = QPlainTextEdit()
        self.treatment.setObjectName("complication_treatment")
        self.treatment.setTabChangesFocus(True)
        self.treatment.setFixedHeight(56)
        self.errors["treatment"] = add_field_row(form, self.tr("Treatment:"), self.treatment)
        reported = QWidget()
        rep = QHBoxLayout(reported)
        rep.setContentsMargins(0, 0, 0, 0)
        self.regulator = QCheckBox(self.tr("to the regulator"))
        self.regulator.setObjectName("reported_regulator")
        self.maker = QCheckBox(self.tr("to the maker"))
        self.maker.setObjectName("reported_maker")
        self.reference = QLineEdit()
        self.reference.setObjectName("report_reference")
        self.reference.setPlaceholderText(self.tr("reference"))
        for w in (self.regulator, self.maker):
            rep.addWidget(w)
        rep.addWidget(self.reference, 1)
        self.errors["report_reference"] = add_field_row(form, self.tr("Reported:"), reported)
        self.general_error = message_label(name="complication_error")
        outer.addWidget(self.general_error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("complication_save")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        self._fill_lots()
        self._update()

    def _fill_lots(self) -> None:
        sid = self.session.currentData()
        lots = next((s["lots"] for s in self.sessions if s["id"] == sid), [])
        self.lot.clear()
        self.lot.addItem("")
        for lot in dict.fromkeys(lots):
            self.lot.addItem(lot)

    def _update(self) -> None:
        t = self.type.currentData()
        needs = any(c.id == t and c.needs_detail for c in self.words.content.complication_types)
        self.detail.setVisible(needs)
        self.resolved.setEnabled(self.is_resolved.isChecked())

    def complication(self) -> do.Complication | None:
        onset = self.onset.date()
        resolved = self.resolved.date() if self.is_resolved.isChecked() else None
        problems = {}
        if not onset.isValid():
            problems["onset"] = self.onset.problem()
        if resolved is not None and not resolved.isValid():
            problems["resolved"] = self.resolved.problem()
        if problems:
            show_field_errors(self.errors, problems)
            return None
        return do.Complication(
            session_id=self.session.currentData(), type=self.type.currentData() or "",
            severity=self.severity.currentData() or "", site=self.site.currentData() or "",
            onset=onset.toPython(), detail=self.detail.text() if self.detail.isVisible() else "",
            resolved=resolved.toPython() if resolved is not None else None,
            treatment=self.treatment.toPlainText(), product_lot=self.lot.currentText(),
            reported_regulator=self.regulator.isChecked(), reported_maker=self.maker.isChecked(),
            report_reference=self.reference.text(), follow_up_id=self.follow_up_id)

    def save(self) -> None:
        c = self.complication()
        if c is None:
            return
        try:
            self.saved_id = so.record_complication(self.store, self.patient_id, c)
        except ValidationError as exc:
            messages = {k: self.words.problem(v, k) for k, v in exc.errors.items()}
            show_field_errors(self.errors, messages)
            show_text(self.general_error, "\n".join(m for k, m in messages.items()
                                                    if k not in self.errors))
            return
        except UserError as exc:
            show_user_error(self, exc, self.tr("Not saved"))
            return
        self.accept()


class ResolveDialog(QDialog):
    """The day a complication resolved, and the treatment if not yet written."""

    def __init__(self, store, complication: dict, parent=None):
        super().__init__(parent)
        self.store, self.complication_id = store, complication["id"]
        self.words = Words(self)
        self.setWindowTitle(self.tr("Complication resolved"))
        layout = QFormLayout(self)
        layout.addRow(QLabel(self.words.esc(self.words.complication_line(complication))))
        today = store.clock().date()
        self.day = DateField(_qdate(today))
        self.day.setObjectName("resolved_on")
        self.errors = {"resolved": add_field_row(layout, self.tr("Resolved on:"), self.day)}
        self.treatment = QLineEdit(complication.get("treatment") or "")
        self.treatment.setObjectName("resolved_treatment")
        layout.addRow(self.tr("Treatment:"), self.treatment)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)

    def save(self) -> None:
        if not self.day.date().isValid():
            show_field_errors(self.errors, {"resolved": self.day.problem()})
            return
        try:
            so.resolve_complication(self.store, self.complication_id,
                                    self.day.date().toPython(), self.treatment.text())
        except ValidationError as exc:
            show_field_errors(self.errors, {k: self.words.problem(v, k)
                                            for k, v in exc.errors.items()})
            return
        except UserError as exc:
            show_user_error(self, exc, self.tr("Not saved"))
            return
        self.accept()
