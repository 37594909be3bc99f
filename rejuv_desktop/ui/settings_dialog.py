"""Settings: the clinic's details, the practitioners' accounts, and security preferences.

Only an administrator may change settings or accounts; everyone else sees them read-only.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDialog,
                               QDialogButtonBox,
                               QFileDialog, QFormLayout, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QMessageBox, QPushButton, QTableWidget,
                               QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget)

from rejuv_desktop.errors import RecordChanged, UserError, ValidationError
from rejuv_desktop.services import practitioners as pr
from rejuv_desktop.services import settings as sset
from rejuv_desktop.ui.legal_words import legal_rules_text
from rejuv_desktop.ui.forms import add_field_row, show_field_errors
from rejuv_desktop.ui.holds import say
from rejuv_desktop.ui import i18n
from rejuv_desktop.ui.i18n import Menus, fmt_time
from rejuv_desktop.ui.names import COUNTRY_NAMES, LANGUAGE_NAMES, ROLE_NAMES, name_of


class _Form(QWidget):
    """Line edits with an error message under each."""

    def __init__(self):
        super().__init__()
        self.form = QFormLayout(self)
        self.edits: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}

    def add(self, key: str, label: str, widget: QWidget | None = None) -> QWidget:
        widget = widget or QLineEdit()
        widget.setObjectName(key)
        self.edits[key], self.errors[key] = widget, add_field_row(self.form, label, widget)
        return widget

    def show_errors(self, errors: dict[str, str]) -> None:
        show_field_errors(self.errors, errors)


class AccountDialog(QDialog):
    """Add a practitioner (with a first password) or edit one."""

    def __init__(self, store, practitioner: pr.Practitioner | None = None, parent=None):
        super().__init__(parent)
        self.store = store
        self.practitioner = practitioner
        self.setWindowTitle(self.tr("Practitioner") if practitioner else self.tr("New practitioner"))
        layout = QVBoxLayout(self)
        self.fields = _Form()
        for key, label in (("name", self.tr("Full name *")), ("title", self.tr("Title")),
                           ("registration", self.tr("Registration number"))):
            self.fields.add(key, label)
        role = QComboBox()
        for value, text in pr.ROLES.items():
            role.addItem(name_of(ROLE_NAMES, value, text), value)
        self.fields.add("role", self.tr("Role"), role)
        self.doctor = QCheckBox(self.tr("Registered medical doctor (may override a screening "
                                        "deferral or start a session early, with a written "
                                        "reason)"))
        self.fields.add("is_doctor", self.tr("Qualification"), self.doctor)
        if practitioner is None:
            for key, label in (("password", self.tr("Password *")),
                               ("confirm", self.tr("Password again *"))):
                edit = self.fields.add(key, label)
                edit.setEchoMode(QLineEdit.EchoMode.Password)
        else:
            for key in ("name", "title", "registration"):
                self.fields.edits[key].setText(getattr(practitioner, key))
            role.setCurrentIndex(role.findData(practitioner.role))
            self.doctor.setChecked(practitioner.doctor)
            self.active = QCheckBox(self.tr("Can sign in (untick when someone leaves the "
                                            "clinic; their records stay)"))
            self.active.setChecked(practitioner.active)
            self.fields.add("active", self.tr("Account"), self.active)
        layout.addWidget(self.fields)
        # The account's version as this form shows it (a save over another's is refused).
        self.version = pr.account_version(store, practitioner.id) if practitioner else None
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def save(self) -> None:
        e = self.fields.edits
        record = {k: e[k].text() for k in ("name", "title", "registration")}
        record["role"] = e["role"].currentData()
        if "active" in e:
            record["active"] = int(e["active"].isChecked())
        record["is_doctor"] = self.doctor.isChecked()
        try:
            if self.practitioner is None:
                pr.create_practitioner(self.store, record, e["password"].text(),
                                       e["confirm"].text())
            else:
                self.version = pr.update_practitioner(self.store, self.practitioner.id, record,
                                                      expected_version=self.version)
        except ValidationError as exc:
            self.fields.show_errors(exc.errors)
            return
        except RecordChanged as exc:  # saved on another workstation since this form opened
            QMessageBox.warning(self, self.tr("Not saved"), say(self.store, exc))
            self.version = exc.version  # told: saving again replaces it
            return
        except UserError as exc:
            QMessageBox.warning(self, self.tr("Not saved"), str(exc))
            return
        self.accept()


class SettingsDialog(QDialog):
    def __init__(self, store, parent=None, settings: QSettings | None = None):
        super().__init__(parent)
        self.store = store
        self.workstation = settings or getattr(parent, "settings", None) or QSettings()
        me = pr.get_practitioner(store, store.actor_id) if store.actor_id else None
        self.is_admin = bool(me and me.is_admin)
        self.setWindowTitle(self.tr("Settings"))
        self.resize(640, 520)
        layout = QVBoxLayout(self)
        if not self.is_admin:
            note = QLabel(self.tr("Only an administrator can change settings and accounts."))
            note.setStyleSheet("color: #8a4b00;")
            layout.addWidget(note)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs)
        values = sset.get_settings(store)
        self.versions = sset.settings_versions(store)  # as loaded: saves over others refused

        self.clinic = _Form()
        for key, label in (("clinic_name", self.tr("Clinic name *")),
                           ("clinic_address", self.tr("Address")),
                           ("clinic_phone", self.tr("Phone *")),
                           ("clinic_out_of_hours_phone", self.tr("Out-of-hours phone"))):
            self.clinic.add(key, label).setText(values.get(key, ""))
        self.clinic.edits["clinic_out_of_hours_phone"].setPlaceholderText(
            self.tr("printed on aftercare sheets; the clinic phone when empty"))
        country = QComboBox()
        country.setObjectName("clinic_country")
        for code, name in sset.COUNTRIES.items():
            country.addItem(name_of(COUNTRY_NAMES, code, name), code)
        country.setCurrentIndex(max(0, country.findData(values.get("clinic_country", "OTHER"))))
        self.clinic.add("clinic_country", self.tr("Country"), country)
        legal = QLabel(legal_rules_text(country.currentData()))
        legal.setObjectName("legal_rules")
        legal.setWordWrap(True)
        legal.setStyleSheet("color: #555;")
        self.clinic.form.addRow("", legal)
        country.currentIndexChanged.connect(
            lambda: legal.setText(legal_rules_text(country.currentData())))
        self.legal_rules = legal
        emergency = self.clinic.add("emergency_number", self.tr("Emergency number"))
        emergency.setText(values.get("emergency_number", ""))

        def show_default() -> None:
            emergency.setPlaceholderText(self.tr("{number} (the default for this country)").format(
                number=sset.EMERGENCY_NUMBERS.get(country.currentData(), "112")))

        country.currentIndexChanged.connect(show_default)
        show_default()
        logo_row = QWidget()
        lr = QHBoxLayout(logo_row)
        lr.setContentsMargins(0, 0, 0, 0)
        self.logo = QLineEdit(values.get("clinic_logo_path", ""))
        self.logo.setPlaceholderText(self.tr("optional PNG, printed in the document header"))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._choose_logo)
        lr.addWidget(self.logo, 1)
        lr.addWidget(browse)
        self.clinic.add("clinic_logo_path", self.tr("Logo"), logo_row)
        self.clinic.edits["clinic_logo_path"] = self.logo
        lang = QComboBox()
        for code, name in sset.LANGUAGES.items():
            lang.addItem(name_of(LANGUAGE_NAMES, code, name), code)
        lang.setCurrentIndex(max(0, lang.findData(values.get("document_language", "en"))))
        self.clinic.add("document_language", self.tr("Default document language"), lang)
        self.clinic.add("cooling_off_days", self.tr("Reflection period before a first session "
                                                    "(days)")).setText(
            values.get("cooling_off_days", str(sset.cooling_off_days(store))))
        self.tabs.addTab(self.clinic, self.tr("Clinic"))

        accounts = QWidget()
        al = QVBoxLayout(accounts)
        headers = [self.tr("Name"), self.tr("Title"), self.tr("Registration"), self.tr("Role"),
                   self.tr("Doctor"), self.tr("Status")]
        self.status_column = headers.index(self.tr("Status"))
        self.accounts = QTableWidget(0, len(headers))
        self.accounts.setObjectName("accounts")
        self.accounts.setHorizontalHeaderLabels(headers)
        self.accounts.verticalHeader().hide()
        self.accounts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.accounts.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.accounts.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, header in enumerate(headers):  # short texts take their own width
            if header not in (self.tr("Name"), self.tr("Registration")):
                self.accounts.horizontalHeader().setSectionResizeMode(
                    column, QHeaderView.ResizeMode.ResizeToContents)
        al.addWidget(self.accounts)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add practitioner…"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.password_button = QPushButton(self.tr("Set password…"))
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.setObjectName("unlock_account")
        self.unlock_button.setToolTip(self.tr("Lift the lockout of an account locked after too "
                                              "many wrong passwords"))
        for b in (self.add_button, self.edit_button, self.password_button, self.unlock_button):
            row.addWidget(b)
            b.setEnabled(self.is_admin)
        row.addStretch(1)
        al.addLayout(row)
        self.add_button.clicked.connect(lambda: self._account(None))
        self.edit_button.clicked.connect(lambda: self._account(self._selected()))
        self.password_button.clicked.connect(self._set_password)
        self.unlock_button.clicked.connect(self._unlock)
        self.accounts.itemSelectionChanged.connect(self._selection_changed)
        self.tabs.addTab(accounts, self.tr("Practitioners"))

        security = _Form()
        ui_lang = QComboBox()
        for code, name in i18n.LANGUAGES.items():
            ui_lang.addItem(name, code)  # each language named in itself
        ui_lang.setCurrentIndex(max(0, ui_lang.findData(i18n.ui_language(self.workstation))))
        ui_lang.setToolTip(self.tr("The language of the screens on this computer, for you; "
                                   "applied when Rejuv Desktop starts again"))
        security.add("ui_language", self.tr("Interface language"), ui_lang)
        self.ui_language = ui_lang
        security.add("idle_lock_minutes", self.tr("Lock after (minutes without activity)")
                     ).setText(values.get("idle_lock_minutes", "10"))
        lease = security.add("lease_timeout_minutes", self.tr(
            "Others may take over a record left open after (minutes)"))
        lease.setText(values.get("lease_timeout_minutes", "10"))
        lease.setToolTip(self.tr(
            "A consultation or a session open on one workstation cannot be edited on another. "
            "When that workstation has not renewed its hold for this long (switched off, or the "
            "app stopped), another may take it over; the take-over is kept in the audit trail."))
        self.security = security
        self.tabs.addTab(security, self.tr("Security"))
        from rejuv_desktop.ui.content_overrides import ContentOverridesTab

        self.content_tab = ContentOverridesTab()
        self.tabs.addTab(self.content_tab, self.tr("Clinical content"))
        from rejuv_desktop.services import workstation as sw
        from rejuv_desktop.ui.connection import ConnectionForm

        self.connection_form = ConnectionForm(sw.current(store))
        self.connection_form.setObjectName("connection_form")
        self.connection_form.layout().setContentsMargins(9, 9, 9, 9)
        self._connection_before = (self.connection_form.values(), "")
        self.connection_form.server_choice.toggled.connect(self._enable_save)
        for edit in self.connection_form.edits.values():
            edit.textChanged.connect(self._enable_save)
        self.connection_form.tls.toggled.connect(self._enable_save)
        self.tabs.addTab(self.connection_form, self.tr("This workstation"))
        self._fill_accounts()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Close)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(self.is_admin)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for form in (self.clinic, self.security):
            for w in form.edits.values():
                w.setEnabled(self.is_admin)
        # The interface language is a preference of whoever is at this computer: anyone may
        # save it (an administrator saves the clinic's settings with it).
        self.ui_language.setEnabled(True)
        self.ui_language.currentIndexChanged.connect(self._enable_save)
        self.restart_needed = False

    def _choose_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Clinic logo"), "",
                                              self.tr("PNG images (*.png)"))
        if path:
            self.logo.setText(path)

    def _fill_accounts(self) -> None:
        self.people = pr.list_practitioners(self.store, include_inactive=True)
        self.locked = pr.locked_accounts(self.store)
        self.accounts.setRowCount(len(self.people))
        for i, p in enumerate(self.people):
            if p.id in self.locked:
                status = self.tr("Locked until {time}").format(
                    time=fmt_time(self.locked[p.id]))
            else:
                status = self.tr("Active") if p.active else self.tr("Deactivated")
            for j, text in enumerate((p.name, p.title, p.registration,
                                      name_of(ROLE_NAMES, p.role, pr.ROLES.get(p.role)),
                                      self.tr("Yes") if p.doctor else self.tr("No"))):
                self.accounts.setItem(i, j, QTableWidgetItem(text))
            self.accounts.setItem(i, self.status_column, QTableWidgetItem(status))
        self._selection_changed()

    def _selection_changed(self) -> None:
        p = self._selected()
        self.unlock_button.setEnabled(self.is_admin and p is not None and p.id in self.locked)

    def _unlock(self) -> None:
        p = self._selected()
        if p is None:
            return
        try:
            pr.unlock_account(self.store, p.id)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("Not unlocked"), str(exc))
            return
        self._fill_accounts()

    def _selected(self) -> pr.Practitioner | None:
        rows = self.accounts.selectionModel().selectedRows()
        return self.people[rows[0].row()] if rows else None

    def _account(self, practitioner) -> None:
        if practitioner is None and self.sender() is self.edit_button:
            return
        if AccountDialog(self.store, practitioner, self).exec():
            self._fill_accounts()

    def _set_password(self) -> None:
        p = self._selected()
        if p is None:
            return
        from PySide6.QtWidgets import QInputDialog

        password, ok = QInputDialog.getText(self, self.tr("Set password"),
                                            self.tr("New password for {name}").format(name=p.display),
                                            QLineEdit.EchoMode.Password)
        if not ok:
            return
        try:
            pr.change_password(self.store, p.id, password)
        except ValidationError as exc:
            QMessageBox.warning(self, self.tr("Not changed"), "; ".join(exc.errors.values()))
        except UserError as exc:
            QMessageBox.warning(self, self.tr("Not changed"), str(exc))

    def values(self) -> dict[str, str]:
        out = {k: w.text() for k, w in self.clinic.edits.items() if isinstance(w, QLineEdit)}
        out["document_language"] = self.clinic.edits["document_language"].currentData()
        out["clinic_country"] = self.clinic.edits["clinic_country"].currentData()
        out["idle_lock_minutes"] = self.security.edits["idle_lock_minutes"].text()
        out["lease_timeout_minutes"] = self.security.edits["lease_timeout_minutes"].text()
        return out

    def _enable_save(self) -> None:
        self.save_button.setEnabled(self.is_admin or self._language_changed()
                                    or self._connection_changed())

    def _connection_changed(self) -> bool:
        """Where this workstation keeps its records was changed (anyone at this computer may
        change it, like the interface language: it is the workstation's, not the clinic's)."""
        form = self.connection_form
        return (form.values(), form.edits["password"].text()) != self._connection_before

    def _language_changed(self) -> bool:
        return self.ui_language.currentData() != i18n.ui_language(self.workstation)

    def save(self) -> None:
        chosen = self.ui_language.currentData()
        if self._language_changed():
            i18n.set_ui_language(chosen, self.workstation)
            self.restart_needed = True
            QMessageBox.information(self, self.tr("Interface language"), self.tr(
                "The interface will be in {language} when Rejuv Desktop starts again.").format(
                language=self.ui_language.currentText()))
        if self._connection_changed():
            connection = self.connection_form.save()
            if connection is None:
                self.tabs.setCurrentWidget(self.connection_form)
                return
            self.restart_needed = True
            QMessageBox.information(self, self.tr("This workstation"), self.tr(
                "Rejuv Desktop will open the records {where} when it starts again.").format(
                where=self.tr("on the clinic server {server}").format(
                    server=connection.label()) if connection.is_server
                else self.tr("in the file on this computer")))
        if not self.is_admin:
            self.accept()
            return
        try:
            sset.save_settings(self.store, self.values(), expected_versions=self.versions)
        except ValidationError as exc:
            self.clinic.show_errors(exc.errors)
            self.security.show_errors(exc.errors)
            return
        except RecordChanged as exc:  # an administrator saved settings elsewhere meanwhile
            QMessageBox.warning(self, self.tr("Not saved"), say(self.store, exc))
            self.versions = sset.settings_versions(self.store)  # told: saving again replaces
            return
        except UserError as exc:
            QMessageBox.warning(self, self.tr("Not saved"), str(exc))
            return
        self.accept()


def install(window) -> None:
    def open_settings() -> None:
        if SettingsDialog(window.store, window).exec():
            window.hooks.settings_changed()

    window.add_action("tools", Menus.tr("&Settings…"), open_settings, 300, name="settings")
