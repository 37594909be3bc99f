"""First run (the clinic and its first administrator) and sign-in."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QLabel, QLineEdit, QPushButton, QVBoxLayout, QWizard, QWizardPage)

from rejuv_desktop import APP_NAME
from rejuv_desktop.errors import UserError, ValidationError
from rejuv_desktop.services import practitioners as pr
from rejuv_desktop.services.audit_keys import recovery_code
from rejuv_desktop.services import settings as sset
from rejuv_desktop.ui.forms import add_field_row, message_label, show_field_errors
from rejuv_desktop.ui import i18n
from rejuv_desktop.ui.names import COUNTRY_NAMES, LANGUAGE_NAMES, name_of
from rejuv_desktop.ui.legal_words import legal_rules_text


class _FormPage(QWizardPage):
    """A wizard page of line edits, each with its own error message below it."""

    def __init__(self, title: str, subtitle: str, fields: list[tuple[str, str, bool]]):
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        form = QFormLayout(self)
        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        for name, label, secret in fields:
            edit = QLineEdit()
            edit.setObjectName(name)
            if secret:
                edit.setEchoMode(QLineEdit.EchoMode.Password)
            self.errors[name] = add_field_row(form, label, edit)
            self.edits[name] = edit

    def show_errors(self, errors: dict[str, str]) -> None:
        show_field_errors(self.errors, errors)

    def values(self) -> dict[str, str]:
        return {k: e.text() for k, e in self.edits.items()}


class ClinicPage(_FormPage):
    def __init__(self):
        super().__init__(
            QWizard.tr("Your clinic"),
            QWizard.tr("Printed at the top of every consent form and aftercare sheet. You can "
                       "change it later."),
            [("clinic_name", QWizard.tr("Clinic name *"), False),
             ("clinic_address", QWizard.tr("Address"), False),
             ("clinic_phone", QWizard.tr("Phone *"), False),
             ("clinic_logo_path", QWizard.tr("Logo (optional PNG)"), False)])
        browse = QPushButton(QWizard.tr("Choose logo…"))
        browse.clicked.connect(self._choose_logo)
        self.layout().addRow("", browse)

        self.language = QComboBox()
        self.language.setObjectName("document_language")
        for code, name in sset.LANGUAGES.items():
            self.language.addItem(name_of(LANGUAGE_NAMES, code, name), code)
        # A clinic setting itself up in French most likely issues its documents in French.
        self.language.setCurrentIndex(max(0, self.language.findData(i18n.current_language())))
        self.layout().addRow(QWizard.tr("Document language"), self.language)

        # The country chooses the emergency number printed on aftercare sheets and the legal
        # rules that apply (in France: the signed quote and the wait after it).
        self.country = QComboBox()
        self.country.setObjectName("clinic_country")
        for code, name in sset.COUNTRIES.items():
            self.country.addItem(name_of(COUNTRY_NAMES, code, name), code)
        self.country.setCurrentIndex(self.country.findData("OTHER"))
        self.layout().addRow(QWizard.tr("Country"), self.country)
        self.legal = QLabel()
        self.legal.setObjectName("legal_rules")
        self.legal.setWordWrap(True)
        self.layout().addRow("", self.legal)
        self.country.currentIndexChanged.connect(
            lambda: self.legal.setText(legal_rules_text(self.country.currentData())))
        self.legal.setText(legal_rules_text("OTHER"))

    def _choose_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, QWizard.tr("Clinic logo"), "",
                                              QWizard.tr("PNG images (*.png)"))
        if path:
            self.edits["clinic_logo_path"].setText(path)

    def settings(self) -> dict[str, str]:
        return {**{k: v.strip() for k, v in self.values().items()},
                "document_language": self.language.currentData(),
                "clinic_country": self.country.currentData()}

    def validatePage(self) -> bool:
        try:
            sset.validate_settings(self.settings())
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return False
        self.show_errors({})
        return True


class AdminPage(_FormPage):
    def __init__(self):
        super().__init__(
            QWizard.tr("Your account"),
            QWizard.tr("The first account administers the app. Your name and registration "
                       "number appear on the documents you issue."),
            [("name", QWizard.tr("Full name *"), False),
             ("title", QWizard.tr("Title (Dr, Nurse…)"), False),
             ("registration", QWizard.tr("Registration number"), False),
             ("password", QWizard.tr("Password *"), True),
             ("confirm", QWizard.tr("Password again *"), True)])
        self.doctor = QCheckBox(QWizard.tr("I am a registered medical doctor (may override a "
                                           "screening deferral or start a session early, with "
                                           "a written reason)"))
        self.doctor.setObjectName("is_doctor")
        self.layout().addRow("", self.doctor)

    def values(self) -> dict:
        return {**super().values(), "is_doctor": self.doctor.isChecked()}

    def validatePage(self) -> bool:
        v = self.values()
        try:
            pr.validate(v, v["password"], v["confirm"])
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return False
        self.show_errors({})
        return True


class RecoveryCodePage(QWizardPage):
    """The clinic's recovery code, shown once: the audit trail's key, for another machine."""

    def __init__(self, code: str):
        super().__init__()
        self.setTitle(self.tr("Recovery code"))
        self.setSubTitle(self.tr("Write this code down now: it is shown only once."))
        layout = QVBoxLayout(self)
        about = QLabel(self.tr(
            "Every change to a record is kept in an audit trail sealed with a key kept on this "
            "computer, outside the database file. If the clinic moves to another computer, "
            "enter this code there (<i>rejuv-desktop recovery-code</i>) so the trail can still "
            "be verified. Keep it on paper, apart from the computer: whoever has it could "
            "reseal an altered trail."))
        about.setWordWrap(True)
        layout.addWidget(about)
        # Two lines of eight groups, as it is best copied onto paper.
        self.code = QLabel(code[:39] + "\n" + code[40:] if len(code) == 79 else code)
        self.code.setObjectName("recovery_code")
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code.setStyleSheet("font-family: monospace; font-size: 13pt; padding: 8px;")
        self.code.setWordWrap(True)
        layout.addWidget(self.code)
        self.written = QCheckBox(self.tr("I have written the recovery code down"))
        self.written.setObjectName("recovery_written")
        self.written.toggled.connect(self.completeChanged)
        layout.addWidget(self.written)

    def isComplete(self) -> bool:
        return self.written.isChecked()


class FirstRunWizard(QWizard):
    """Shown once, on a new database: the clinic's details and the first administrator."""

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.practitioner_id: int | None = None
        self.setWindowTitle(self.tr("Set up {app}").format(app=APP_NAME))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.clinic = ClinicPage()
        self.admin = AdminPage()
        self.addPage(self.clinic)
        self.addPage(self.admin)
        code = recovery_code(store)
        self.recovery = RecoveryCodePage(code) if code else None
        if self.recovery:
            self.addPage(self.recovery)
        self.setMinimumWidth(560)

    def accept(self) -> None:
        v = self.admin.values()
        try:
            sset.save_settings(self.store, self.clinic.settings())
            self.practitioner_id = pr.create_practitioner(self.store, v, v["password"],
                                                          v["confirm"])
            pr.sign_in(self.store, self.practitioner_id, v["password"])
        except ValidationError as exc:
            self._back_to_admin()
            self.admin.show_errors(exc.errors)
            return
        except UserError as exc:
            self._back_to_admin()
            self.admin.show_errors({"name": str(exc)})
            return
        super().accept()

    def _back_to_admin(self) -> None:
        while self.currentPage() is not self.admin and self.currentId() > 0:
            self.back()


class SignInDialog(QDialog):
    """Choose your name, type your password. Failed attempts are recorded."""

    def __init__(self, store, parent=None, *, lock_to: int | None = None, message: str = ""):
        super().__init__(parent)
        self.store = store
        self.practitioner: pr.Practitioner | None = None
        self.setWindowTitle(self.tr("Sign in — {app}").format(app=APP_NAME) if lock_to is None
                            else self.tr("Locked — {app}").format(app=APP_NAME))
        layout = QVBoxLayout(self)
        if message:
            intro = QLabel(message)
            intro.setWordWrap(True)
            layout.addWidget(intro)
        form = QFormLayout()
        self.who = QComboBox()
        self.who.setObjectName("who")
        for p in pr.list_practitioners(store):
            self.who.addItem(p.display_with_qualification, p.id)
        if lock_to is not None:
            self.who.setCurrentIndex(max(0, self.who.findData(lock_to)))
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Practitioner"), self.who)
        form.addRow(self.tr("Password"), self.password)
        layout.addLayout(form)
        self.error = message_label()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign in"))
        if lock_to is not None:
            buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
                self.tr("Sign in as someone else"))
        buttons.accepted.connect(self.try_sign_in)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)
        self.setMinimumWidth(420)

    def try_sign_in(self) -> None:
        pid = self.who.currentData()
        try:
            self.practitioner = pr.sign_in(self.store, pid, self.password.text())
        except UserError as exc:
            self.error.setText(str(exc))
            self.error.show()
            self.adjustSize()  # room for a message of several lines
            self.password.selectAll()
            return
        self.accept()
