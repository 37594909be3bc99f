"""The patient's documents: issue, preview, print, save and sign."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QButtonGroup, QCheckBox, QComboBox, QDialog,
                               QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QProgressDialog,
                               QPushButton, QRadioButton, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from rejuv_desktop.domain import screening as scr
from rejuv_desktop.errors import UserError, ValidationError
from rejuv_desktop.services import consultations as sc
from rejuv_desktop.services import documents as sd
from rejuv_desktop.ui.documents.signature_pad import SignaturePad
from rejuv_desktop.ui.errors import excepthook, reports_errors, show_user_error
from rejuv_desktop.ui.forms import message_label
from rejuv_desktop.ui.tasks import run_in_background

KIND_LABELS = {"consent": "Consent form", "aftercare": "Aftercare sheet",
               "summary": "Consultation summary"}
PHOTO_LABELS = {"clinical_record": "Photos for the clinical record",
                "teaching": "Photos for teaching and training (anonymised)",
                "publication": "Photos for publication or marketing"}


def _when(iso: str | None) -> str:
    return datetime.fromisoformat(iso).strftime("%d/%m/%Y %H:%M") if iso else ""


class PhotoConsentBox(QGroupBox):
    """The three photo uses, each its own yes/no (or left to tick on paper)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("Photo consent"))
        layout = QVBoxLayout(self)
        self.on_paper = QCheckBox(self.tr("Leave the boxes empty to tick on paper"))
        self.on_paper.setChecked(True)
        layout.addWidget(self.on_paper)
        self.uses: dict[str, QCheckBox] = {}
        for use, label in PHOTO_LABELS.items():
            check = QCheckBox(self.tr(label))
            check.setObjectName(f"photo_{use}")
            check.setEnabled(False)
            layout.addWidget(check)
            self.uses[use] = check
        self.on_paper.toggled.connect(lambda on: [c.setEnabled(not on) for c in self.uses.values()])

    def value(self) -> dict | None:
        if self.on_paper.isChecked():
            return None
        return {use: check.isChecked() for use, check in self.uses.items()}

    def set_value(self, value: dict | None) -> None:
        self.on_paper.setChecked(value is None)
        for use, check in self.uses.items():
            check.setChecked(bool(value and value.get(use)))


class IssueConsentDialog(QDialog):
    """Choose which planned procedure the consent is for, and the photo choices."""

    def __init__(self, plans: list[dict], parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Issue consent form"))
        rules = scr.load_rules()
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.plan = QComboBox()
        self.plan.setObjectName("plan")
        for p in plans:
            self.plan.addItem(self.tr("{name} — planned from {start}").format(
                name=rules.procedure_name(p["procedure"]).capitalize(),
                start=datetime.fromisoformat(p["start_date"]).strftime("%d/%m/%Y")), p["id"])
        form.addRow(self.tr("Procedure"), self.plan)
        layout.addLayout(form)
        self.photos = PhotoConsentBox()
        layout.addWidget(self.photos)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Issue"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class SignDialog(QDialog):
    """Sign an issued consent: drawn on screen, or recorded as signed on paper."""

    def __init__(self, store, document_id: int, parent=None):
        super().__init__(parent)
        self.store = store
        self.document_id = document_id
        meta = sd.document(store, document_id)
        self.setWindowTitle(self.tr("Sign consent {number}").format(number=meta["number"]))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Before signing, the patient has read the form, had time to "
                               "reflect and had their questions answered."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        methods = QHBoxLayout()
        self.screen = QRadioButton(self.tr("Signed on screen"))
        self.screen.setObjectName("method_screen")
        self.paper = QRadioButton(self.tr("Signed on paper (the printed form)"))
        self.paper.setObjectName("method_paper")
        self.screen.setChecked(True)
        group = QButtonGroup(self)
        for b in (self.screen, self.paper):
            group.addButton(b)
            methods.addWidget(b)
        layout.addLayout(methods)
        self.pad = SignaturePad()
        self.pad.setObjectName("signature_pad")
        layout.addWidget(self.pad, 1)
        clear = QPushButton(self.tr("Clear"))
        clear.clicked.connect(self.pad.clear)
        layout.addWidget(clear, alignment=Qt.AlignmentFlag.AlignRight)
        self.paper.toggled.connect(lambda on: (self.pad.setEnabled(not on), clear.setEnabled(not on)))
        form = QFormLayout()
        self.witness = QLineEdit()
        self.witness.setObjectName("witness")
        self.witness.setPlaceholderText(self.tr("Name of the person who saw it signed"))
        form.addRow(self.tr("Witness *"), self.witness)
        layout.addLayout(form)
        self.photos = PhotoConsentBox()
        import json
        self.photos.set_value(json.loads(meta["photo_consent_json"]) if meta["photo_consent_json"]
                              else None)
        self.photos.on_paper.setChecked(False)
        layout.addWidget(self.photos)
        self.error = message_label()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Record signature"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(620, 560)
        self.job: sd.IssueJob | None = None

    def submit(self) -> None:
        method = "screen" if self.screen.isChecked() else "paper"
        try:
            self.job = sd.sign_job(self.store, self.document_id, method, self.witness.text(),
                                   self.pad.to_png() if method == "screen" else None,
                                   self.photos.value())
        except ValidationError as exc:
            self.error.setText("<br>".join(exc.errors.values()))
            self.error.show()
            return
        except UserError as exc:
            show_user_error(self, exc)
            return
        self.accept()


class DocumentsTab(QWidget):
    """Archived documents of the patient, newest first, with what can be done to them."""

    def __init__(self, store, window=None):
        super().__init__(window)
        self.store = store
        self.window_ = window
        self.patient_id: int | None = None
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.consent_button = QPushButton(self.tr("Consent form…"))
        self.consent_button.setObjectName("issue_consent")
        self.aftercare_button = QPushButton(self.tr("Aftercare sheet…"))
        self.aftercare_button.setObjectName("issue_aftercare")
        self.summary_button = QPushButton(self.tr("Consultation summary"))
        self.summary_button.setObjectName("issue_summary")
        for b in (self.consent_button, self.aftercare_button, self.summary_button):
            row.addWidget(b)
        row.addStretch(1)
        self.open_button = QPushButton(self.tr("Open"))
        self.sign_button = QPushButton(self.tr("Sign…"))
        self.sign_button.setObjectName("sign_consent")
        row.addWidget(self.open_button)
        row.addWidget(self.sign_button)
        layout.addLayout(row)
        self.consent_button.clicked.connect(self.issue_consent)
        self.aftercare_button.clicked.connect(self.issue_aftercare)
        self.summary_button.clicked.connect(self.issue_summary)
        self.open_button.clicked.connect(lambda: self.open_document(self.selected_id()))
        self.sign_button.clicked.connect(lambda: self.sign(self.selected_id()))
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("documents")
        self.table.setHorizontalHeaderLabels([self.tr("Issued"), self.tr("Document"),
                                              self.tr("Procedure"), self.tr("Number"),
                                              self.tr("Signature")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.cellDoubleClicked.connect(lambda r, _c: self.open_document(self.selected_id()))
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table)
        self.rows: list[dict] = []
        self.last_issued: sd.IssuedDocument | None = None
        self.busy = False

    # listing ------------------------------------------------------------------------------------
    def show_patient(self, patient_id: int) -> None:
        self.patient_id = patient_id
        rules = scr.load_rules()
        self.rows = sd.documents_of(self.store, patient_id)
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            if r["kind"] != "consent":
                signature = ""
            elif r["signed_of"]:
                signature = self.tr("Signed copy ({how}), witness {w}").format(
                    how=self.tr("on screen") if r["signature_method"] == "screen"
                    else self.tr("on paper"), w=r["witness"])
            elif r["signed_copy"]:
                signature = self.tr("Signed")
            else:
                signature = self.tr("Not signed yet")
            procedure = rules.procedure_name(r["procedure"]).capitalize() if r["procedure"] else ""
            for j, text in enumerate((_when(r["created_at"]), self.tr(KIND_LABELS[r["kind"]]),
                                      procedure, r["number"], signature)):
                item = QTableWidgetItem(text)
                if j == 4 and signature == self.tr("Not signed yet"):
                    item.setForeground(Qt.GlobalColor.darkYellow)
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self._update_buttons()

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()]["id"] if rows else None

    def _update_buttons(self) -> None:
        doc_id = self.selected_id()
        row = next((r for r in self.rows if r["id"] == doc_id), None)
        self.open_button.setEnabled(row is not None)
        self.sign_button.setEnabled(bool(row and row["kind"] == "consent"
                                         and not row["signed_of"] and not row["signed_copy"]))

    # issuing ------------------------------------------------------------------------------------
    def _run(self, job: sd.IssueJob, then=None) -> None:
        """Render off the GUI thread with a progress dialog, archive, then preview."""
        if self.busy:
            return
        self.busy = True
        progress = QProgressDialog(self.tr("Preparing the document…"), "", 0, 0, self)
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)

        def done(rendered):
            progress.close()
            self.busy = False
            try:
                issued = job.finish(rendered)
            except UserError as exc:
                show_user_error(self, exc, self.tr("Not issued"))
                return
            self.last_issued = issued
            self.show_patient(self.patient_id)
            if then:
                then(issued)
            else:
                self.open_document(issued.id)

        def failed(exc):
            progress.close()
            self.busy = False
            if isinstance(exc, UserError):
                show_user_error(self, exc, self.tr("Not issued"))
            else:
                excepthook(type(exc), exc, exc.__traceback__)

        run_in_background(job.render, done, failed)

    @reports_errors
    def issue_consent(self) -> None:
        plans = [p for p in sc.plans_of(self.store, self.patient_id)
                 if p["status"] in ("planned", "in_progress")]
        if not plans:
            show_user_error(self, UserError(self.tr(
                "Nothing is planned for this patient: a consent form is issued for a procedure "
                "planned in a finalised consultation.")))
            return
        dialog = IssueConsentDialog(plans, self)
        if not dialog.exec():
            return
        try:
            job = sd.consent_job(self.store, dialog.plan.currentData(), dialog.photos.value())
        except UserError as exc:
            show_user_error(self, exc, self.tr("Not issued"))
            return
        self._run(job)

    @reports_errors
    def issue_aftercare(self) -> None:
        procedures = sorted({p["procedure"] for p in sc.plans_of(self.store, self.patient_id)
                             if p["status"] != "superseded"})
        if not procedures:
            show_user_error(self, UserError(self.tr(
                "Nothing is planned or done for this patient yet, so there is no aftercare "
                "sheet to give.")))
            return
        procedure = procedures[0]
        if len(procedures) > 1:
            from PySide6.QtWidgets import QInputDialog
            rules = scr.load_rules()
            names = [rules.procedure_name(p).capitalize() for p in procedures]
            choice, ok = QInputDialog.getItem(self, self.tr("Aftercare sheet"),
                                              self.tr("For which procedure?"), names, 0, False)
            if not ok:
                return
            procedure = procedures[names.index(choice)]
        try:
            job = sd.aftercare_job(self.store, self.patient_id, procedure)
        except UserError as exc:
            show_user_error(self, exc, self.tr("Not issued"))
            return
        self._run(job)

    @reports_errors
    def issue_aftercare_for(self, patient_id: int, procedure: str, session_id: int) -> None:
        """The aftercare sheet of a session just completed (from the checklist window)."""
        self.patient_id = patient_id
        try:
            job = sd.aftercare_job(self.store, patient_id, procedure, session_id)
        except UserError as exc:
            show_user_error(self, exc, self.tr("Not issued"))
            return
        self._run(job)

    @reports_errors
    def issue_summary(self, consultation_id: int | None = None) -> None:
        if not consultation_id:
            history = sc.consultation_history(self.store, self.patient_id)
            if not history:
                show_user_error(self, UserError(self.tr(
                    "This patient has no finalised consultation to summarise.")))
                return
            consultation_id = history[0]["id"]
        try:
            job = sd.summary_job(self.store, consultation_id)
        except UserError as exc:
            show_user_error(self, exc, self.tr("Not issued"))
            return
        self._run(job)

    # viewing and signing --------------------------------------------------------------------------
    @reports_errors
    def open_document(self, document_id: int | None) -> QDialog | None:
        if document_id is None:
            return None
        # Qt PDF and printing load on first use, not at start-up.
        from rejuv_desktop.ui.documents.viewer import PdfPreview

        try:
            preview = PdfPreview(self.store, document_id, self)
        except UserError as exc:
            show_user_error(self, exc)
            return None
        preview.sign_requested.connect(lambda doc: (preview.accept(), self.sign(doc)))
        preview.show()
        self.preview = preview
        return preview

    @reports_errors
    def sign(self, document_id: int | None) -> None:
        if document_id is None:
            return
        dialog = SignDialog(self.store, document_id, self)
        if dialog.exec() and dialog.job is not None:
            self._run(dialog.job)
