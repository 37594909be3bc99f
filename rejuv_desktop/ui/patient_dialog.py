"""Add or edit a patient: a form with a message next to each invalid field."""

from __future__ import annotations


from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QLineEdit, QMessageBox, QPlainTextEdit, QVBoxLayout, QWidget)

from rejuv_desktop.domain import patients as dp
from rejuv_desktop.domain.scales import load_scales
from rejuv_desktop.errors import RecordChanged, UserError, ValidationError
from rejuv_desktop.services import patients as sp
from rejuv_desktop.ui import conflicts
from rejuv_desktop.ui.errors import reports_errors, said, show_user_error
from rejuv_desktop.ui.forms import add_field_row, message_label
from rejuv_desktop.ui.i18n import current_language, fmt_date
from rejuv_desktop.ui.names import LANGUAGE_NAMES, SEX_NAMES, name_of


class PatientDialog(QDialog):
    """Create a patient (``patient_id=None``) or edit one. ``saved_id`` is set on success."""

    def __init__(self, store, patient_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.patient_id = patient_id
        self.saved_id: int | None = None
        self.setWindowTitle(self.tr("New patient") if patient_id is None
                            else self.tr("Edit patient"))
        self.setMinimumWidth(580)
        self.inputs: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self._line("given_name", self.tr("Given name *"), form)
        self._line("family_name", self.tr("Family name *"), form)
        self._line("date_of_birth", self.tr("Date of birth *"), form, self.tr("DD/MM/YYYY"))
        self._combo("sex", self.tr("Sex"), form,
                    [(code, name_of(SEX_NAMES, code, text)) for code, text in dp.SEXES.items()])
        self._line("phone", self.tr("Phone"), form)
        self._line("email", self.tr("Email"), form)
        self._line("address", self.tr("Address"), form)
        self._combo("preferred_language", self.tr("Preferred language"), form,
                    [(code, name_of(LANGUAGE_NAMES, code, text))
                     for code, text in dp.LANGUAGES.items()])
        types = [("", self.tr("Not assessed"))] + [
            (g.label, f"{g.label} — {g.description}") for g in load_scales(lang=current_language()).fitzpatrick.grades]
        self._combo("fitzpatrick", self.tr("Skin type"), form, types)
        notes = QPlainTextEdit()
        notes.setTabChangesFocus(True)
        notes.setFixedHeight(90)
        self._add("notes", self.tr("Notes"), notes, form)

        self.summary = message_label()
        self.conflict = conflicts.conflict_note()
        self.version: int | None = None  # the saved version the form holds (edits only)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.conflict)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        if patient_id is not None:
            self._load(sp.get_patient(store, patient_id))
        else:  # a new patient's documents are in the clinic's language until told otherwise
            from rejuv_desktop.services.settings import document_language

            self.set_value("preferred_language", document_language(store))

    # building ---------------------------------------------------------------------------------
    def _add(self, name: str, label: str, widget: QWidget, form: QFormLayout) -> None:
        widget.setObjectName(name)
        error = add_field_row(form, label, widget, spacing=2)
        error.setObjectName(f"{name}_error")
        self.inputs[name] = widget
        self.errors[name] = error

    def _line(self, name, label, form, placeholder=""):
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        self._add(name, label, edit, form)

    def _combo(self, name, label, form, items):
        combo = QComboBox()
        for value, text in items:
            combo.addItem(text, value)
        self._add(name, label, combo, form)

    # values -----------------------------------------------------------------------------------
    def _load(self, record: dict) -> None:
        self.version = record.get("version")
        for name, widget in self.inputs.items():
            value = record.get(name, "")
            if name == "date_of_birth":
                value = fmt_date(value)
            self.set_value(name, value)
        self.loaded = self.values()  # as opened: what another workstation changed since

    def _shown(self, name: str) -> str:
        """A field's value as the form shows it (the chosen item of a list)."""
        widget = self.inputs[name]
        return widget.currentText() if isinstance(widget, QComboBox) else self.values()[name]

    def _label(self, name: str) -> str:
        text = self.layout().itemAt(0).layout().labelForField(
            self.inputs[name].parentWidget()).text()
        return text.rstrip(" *")

    def their_changes(self) -> list[tuple[str, str]]:
        """The fields saved elsewhere since the form was opened: (label, value saved now)."""
        now = PatientDialog(self.store, self.patient_id, self)
        try:
            return [(self._label(n), now._shown(n)) for n in self.inputs
                    if now.loaded[n] != self.loaded[n]]
        finally:
            now.deleteLater()

    def set_value(self, name: str, value: str) -> None:
        widget = self.inputs[name]
        if isinstance(widget, QLineEdit):
            widget.setText(value)
        elif isinstance(widget, QComboBox):
            widget.setCurrentIndex(max(0, widget.findData(value)))
        else:
            widget.setPlainText(value)

    def values(self) -> dict:
        out = {}
        for name, widget in self.inputs.items():
            if isinstance(widget, QLineEdit):
                out[name] = widget.text()
            elif isinstance(widget, QComboBox):
                out[name] = widget.currentData()
            else:
                out[name] = widget.toPlainText()
        return out

    def show_errors(self, errors: dict[str, str]) -> None:
        for name, label in self.errors.items():
            message = said(errors.get(name) or "")
            label.setText(message)
            label.setVisible(bool(message))
        if errors:
            self.summary.setText(self.tr("Please correct the fields marked in red."))
            self.summary.show()
            first = next(n for n in self.inputs if n in errors)
            self.inputs[first].setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.summary.hide()

    @reports_errors
    def save(self) -> None:
        data = self.values()
        try:
            _clean, warnings = sp.check_patient(self.store, data, self.patient_id)
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return
        self.show_errors({})
        if warnings:
            text = "\n\n".join(w.message for w in warnings)
            answer = QMessageBox.question(
                self, self.tr("Please check"), text + "\n\n" + self.tr("Save anyway?"),
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Save:
                return
        try:
            if self.patient_id is None:
                result = sp.add_patient(self.store, data)
            else:
                result = sp.update_patient(self.store, self.patient_id, data,
                                           expected_version=self.version)
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return
        except RecordChanged as exc:
            self.changed_elsewhere(exc)
            return
        except UserError as exc:
            show_user_error(self, exc, self.tr("Not saved"))
            return
        self.saved_id = result.patient_id
        self.accept()

    def changed_elsewhere(self, exc: RecordChanged) -> None:
        """Saved on another workstation since this form was opened: ask, keeping the form."""
        what = self.tr("this patient's details")
        changes = self.their_changes()
        choice = conflicts.ask_after_conflict(self, self.store, exc, what, changes)
        if choice == conflicts.RELOAD:
            self._load(sp.get_patient(self.store, self.patient_id))
            self.conflict.hide()
        else:  # the next Save deliberately replaces the version saved elsewhere
            self.version = exc.version
            self.loaded = PatientDialog(self.store, self.patient_id).loaded
            conflicts.show_kept(self.conflict, self.store, exc, what, changes)
