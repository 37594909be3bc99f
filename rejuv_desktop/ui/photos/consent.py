"""Consent to one photograph's use for teaching or marketing: record it with an expiry, see
its history, withdraw it."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from rejuv_desktop.domain.dates import format_day, format_moment
from rejuv_desktop.errors import UserError
from rejuv_desktop.services import photos as sph
from rejuv_desktop.ui.forms import message_label
from rejuv_desktop.ui.photos import words

CONSENT_ROLE = Qt.ItemDataRole.UserRole


class UseConsentDialog(QDialog):
    """The photograph's consents to teaching and marketing, and a new one."""

    def __init__(self, store, photo_id: int, parent=None):
        super().__init__(parent)
        self.store, self.photo_id = store, photo_id
        self.photo = sph.get_photo(store, photo_id)
        self.setWindowTitle(self.tr("Teaching and marketing consent"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Photo {id}, {view}, {day}. Each use needs the patient's "
                               "consent for this photograph; a withdrawal stops every later "
                               "use.").format(id=photo_id,
                                              view=words.view_title(self.photo.view),
                                              day=format_day(self.photo.taken_at)))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.history = QListWidget()
        self.history.setObjectName("use_consents")
        layout.addWidget(self.history)
        self.withdraw_button = QPushButton(self.tr("Withdraw the selected consent…"))
        self.withdraw_button.setObjectName("withdraw_use")
        self.withdraw_button.clicked.connect(self.withdraw)
        layout.addWidget(self.withdraw_button, alignment=Qt.AlignmentFlag.AlignLeft)
        form = QFormLayout()
        self.use = QComboBox()
        self.use.setObjectName("use_kind")
        for use in ("teaching", "marketing"):
            self.use.addItem(words.use_name(use), use)
        self.expires = QDateEdit()
        self.expires.setObjectName("use_expires")
        self.expires.setCalendarPopup(True)
        self.expires.setDisplayFormat("dd/MM/yyyy")
        today = store.clock().date()
        self.expires.setDate(QDate(today.year + 2, today.month, min(today.day, 28)))
        self.no_expiry = QCheckBox(self.tr("No expiry (until withdrawn)"))
        self.no_expiry.toggled.connect(lambda on: self.expires.setEnabled(not on))
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Where it may be shown (website, lectures…)"))
        form.addRow(self.tr("Use:"), self.use)
        form.addRow(self.tr("Until:"), self.expires)
        form.addRow("", self.no_expiry)
        form.addRow(self.tr("Note:"), self.note)
        layout.addLayout(form)
        self.error = message_label(name="use_error")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.record = buttons.addButton(self.tr("Record consent"),
                                        QDialogButtonBox.ButtonRole.ActionRole)
        self.record.setObjectName("record_use")
        self.record.clicked.connect(self.grant)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.fill()

    def fill(self) -> None:
        self.history.clear()
        for row in sph.consents(self.store, self.photo.patient_id):
            if row["photo_id"] != self.photo_id:
                continue
            text = self.tr("{use}: given {when}").format(
                use=words.use_name(row["use"]), when=format_moment(row["recorded_at"]))
            text += (self.tr(", until {day}").format(day=format_day(row["expires_on"]))
                     if row["expires_on"] else self.tr(", no expiry"))
            if row["withdrawn_at"]:
                text += self.tr(" · withdrawn {when}: {why}").format(
                    when=format_moment(row["withdrawn_at"]), why=row["withdrawal_reason"])
            item = QListWidgetItem(text)
            item.setData(CONSENT_ROLE, row["id"])
            self.history.addItem(item)
        for use in ("teaching", "marketing"):
            state = sph.use_consent(self.store, self.photo_id, use)
            self.history.addItem(self.tr("Now, {use}: {state}").format(
                use=words.use_name(use), state=words.consent_reason(state.reason)))

    def grant(self) -> None:
        expires = None if self.no_expiry.isChecked() else self.expires.date().toPython()
        try:
            sph.grant_use(self.store, self.photo_id, self.use.currentData(), expires,
                          self.note.text())
        except UserError as exc:
            self.error.setText(words.error_text(exc))
            self.error.show()
            return
        self.error.hide()
        self.fill()

    def withdraw(self) -> None:
        item = self.history.currentItem()
        consent_id = item.data(CONSENT_ROLE) if item else None
        if consent_id is None:
            self.error.setText(self.tr("Choose the consent to withdraw in the list."))
            self.error.show()
            return
        reason, ok = QInputDialog.getText(self, self.tr("Withdrawal"),
                                          self.tr("Why is this consent withdrawn?"))
        if not ok:
            return
        try:
            sph.withdraw(self.store, consent_id, reason)
        except UserError as exc:
            self.error.setText(words.error_text(exc))
            self.error.show()
            return
        self.error.hide()
        self.fill()
