"""The patient's documents: issue, preview, print, save and sign."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (QAbstractItemView, QButtonGroup, QCheckBox, QComboBox, QDialog,
                               QDialogButtonBox, QFileDialog, QFormLayout, QFrame, QGroupBox,
                               QHBoxLayout, QHeaderView, QLabel, QLineEdit, QProgressDialog,
                               QPushButton, QRadioButton, QScrollArea, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from rejuv_desktop.domain import screening as scr
from rejuv_desktop.errors import UserError, ValidationError
from rejuv_desktop.services import consultations as sc
from rejuv_desktop.services import devis
from rejuv_desktop.services import documents as sd
from rejuv_desktop.ui.documents.devis import IssueDevisDialog
from rejuv_desktop.ui.documents.signature_pad import SignaturePad
from rejuv_desktop.ui.errors import excepthook, reports_errors, show_user_error
from rejuv_desktop.ui.forms import message_label
from rejuv_desktop.ui.i18n import Context, fmt_date, fmt_datetime
from rejuv_desktop.ui.tasks import run_in_background

KIND_LABELS = {"consent": QT_TRANSLATE_NOOP("Documents", "Consent form"),
               "aftercare": QT_TRANSLATE_NOOP("Documents", "Aftercare sheet"),
               "summary": QT_TRANSLATE_NOOP("Documents", "Consultation summary"),
               "devis": QT_TRANSLATE_NOOP("Documents", "Quote (devis)")}
SIGNED_KINDS = ("consent", "devis")
PHOTO_LABELS = {"clinical_record": QT_TRANSLATE_NOOP("Documents", "Photos for the clinical record"),
                "teaching": QT_TRANSLATE_NOOP("Documents",
                                              "Photos for teaching and training (anonymised)"),
                "publication": QT_TRANSLATE_NOOP("Documents", "Photos for publication or marketing")}


class Documents(Context):
    """The context of the documents' table words in the catalogues."""


def kind_label(kind: str) -> str:
    """A document's kind in words ("Consent form"), the code itself if unknown."""
    return Documents.tr(KIND_LABELS[kind]) if kind in KIND_LABELS else kind.capitalize()


def _when(iso: str | None) -> str:
    return fmt_datetime(iso)


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
            check = QCheckBox(Documents.tr(label))
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


class PhotoAnswers(QGroupBox):
    """The patient's yes or no to each use of photographs, all three required at signing."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("Photographs: the patient's answer to each use *"))
        layout = QFormLayout(self)
        self.answers: dict[str, tuple[QRadioButton, QRadioButton]] = {}
        for use, label in PHOTO_LABELS.items():
            row = QWidget()
            h = QHBoxLayout(row)
            h.setContentsMargins(0, 0, 0, 0)
            yes, no = QRadioButton(self.tr("Yes")), QRadioButton(self.tr("No"))
            yes.setObjectName(f"photo_{use}_yes")
            no.setObjectName(f"photo_{use}_no")
            group = QButtonGroup(row)
            group.addButton(yes)
            group.addButton(no)
            h.addWidget(yes)
            h.addWidget(no)
            h.addStretch(1)
            layout.addRow(Documents.tr(label), row)
            self.answers[use] = (yes, no)

    def set_value(self, value: dict | None) -> None:
        for use, (yes, no) in self.answers.items():
            answer = (value or {}).get(use)
            if answer is True:
                yes.setChecked(True)
            elif answer is False:
                no.setChecked(True)

    def value(self) -> dict | None:
        """Each use's answer; None while one is unanswered."""
        out = {}
        for use, (yes, no) in self.answers.items():
            if not (yes.isChecked() or no.isChecked()):
                return None
            out[use] = yes.isChecked()
        return out


class PlannedBox(QGroupBox):
    """What is planned for this patient, printed on the consent: the hands, and the donor site
    and anaesthesia (fat transfer) or the product and what it contains (mesotherapy)."""

    LABELS = {"hands": QT_TRANSLATE_NOOP("Documents", "Hands"),
              "donor_site": QT_TRANSLATE_NOOP("Documents", "Donor site"),
              "anaesthesia": QT_TRANSLATE_NOOP("Documents", "Anaesthesia"),
              "product": QT_TRANSLATE_NOOP("Documents", "Product"),
              "actives": QT_TRANSLATE_NOOP("Documents", "Contains"),
              "donor_site_other": QT_TRANSLATE_NOOP("Documents", "Other donor site")}

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("What is planned (printed on the form)"))
        self.form = QFormLayout(self)
        self.rows: list[QWidget] = []
        self.widgets: dict[str, Any] = {}
        self.procedure: str | None = None

    def set_procedure(self, procedure: str) -> None:
        if procedure == self.procedure:
            return
        self.procedure = procedure
        while self.form.rowCount():
            self.form.removeRow(0)
        self.widgets = {}
        for key, choices in sd.planned_choices(procedure).items():
            label = Documents.tr(self.LABELS[key]) if key in self.LABELS else key
            if key == "actives":
                box = QWidget()
                v = QVBoxLayout(box)
                v.setContentsMargins(0, 0, 0, 0)
                checks = {}
                for code, text in choices.items():
                    check = QCheckBox(text)
                    check.setObjectName(f"active_{code}")
                    v.addWidget(check)
                    checks[code] = check
                self.widgets[key] = checks
                self.form.addRow(label, box)
            elif not choices:
                edit = QLineEdit()
                edit.setObjectName(f"planned_{key}")
                edit.setPlaceholderText(self.tr("the product's name, as on its box"))
                self.widgets[key] = edit
                self.form.addRow(label, edit)
            else:
                combo = QComboBox()
                combo.setObjectName(f"planned_{key}")
                combo.addItem(self.tr("Choose…"), None)
                for code, text in choices.items():
                    combo.addItem(text if len(text) < 60 else text[:57] + "…", code)
                    combo.setItemData(combo.count() - 1, text, Qt.ItemDataRole.ToolTipRole)
                if key == "donor_site":
                    combo.addItem(self.tr("Other…"), "other")
                self.widgets[key] = combo
                self.form.addRow(label, combo)
                if key == "donor_site":
                    other = QLineEdit()
                    other.setObjectName("planned_donor_site_other")
                    other.setPlaceholderText(self.tr("where the fat is taken from"))
                    other.setVisible(False)
                    combo.currentIndexChanged.connect(
                        lambda _i, c=combo, o=other: o.setVisible(c.currentData() == "other"))
                    self.widgets["donor_site_other"] = other
                    self.form.addRow("", other)

    def value(self) -> dict:
        out: dict[str, Any] = {}
        for key, w in self.widgets.items():
            if isinstance(w, dict):
                out[key] = [code for code, check in w.items() if check.isChecked()]
            elif isinstance(w, QComboBox):
                out[key] = w.currentData()
            else:
                out[key] = w.text()
        if out.get("donor_site") != "other":
            out.pop("donor_site_other", None)
        return out


class IssueConsentDialog(QDialog):
    """Choose which planned procedure the consent is for, what is planned, and the photo
    choices."""

    def __init__(self, plans: list[dict], parent=None, store=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Issue consent form"))
        self.store = store
        self.plans = {p["id"]: p for p in plans}
        rules = scr.load_rules()
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.plan = QComboBox()
        self.plan.setObjectName("plan")
        for p in plans:
            self.plan.addItem(self.tr("{name} — planned from {start}").format(
                name=rules.procedure_name(p["procedure"]).capitalize(),
                start=fmt_date(p["start_date"])), p["id"])
        form.addRow(self.tr("Procedure"), self.plan)
        layout.addLayout(form)
        self.planned = PlannedBox()
        self.planned.setObjectName("planned")
        layout.addWidget(self.planned)
        self.plan.currentIndexChanged.connect(self._plan_changed)
        self._plan_changed()
        self.photos = PhotoConsentBox()
        layout.addWidget(self.photos)
        self.error = message_label()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Issue"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.job: sd.IssueJob | None = None

    def _plan_changed(self) -> None:
        plan = self.plans.get(self.plan.currentData())
        if plan:
            self.planned.set_procedure(plan["procedure"])

    def submit(self) -> None:
        if self.store is None:  # chosen values only; the caller issues
            self.accept()
            return
        try:
            self.job = sd.consent_job(self.store, self.plan.currentData(), self.photos.value(),
                                      self.planned.value())
        except ValidationError as exc:
            names = PlannedBox.LABELS
            self.error.setText("<br>".join(f"{Documents.tr(names[k]) if k in names else k}: {m}"
                                           for k, m in exc.errors.items()))
            self.error.show()
            return
        except UserError as exc:
            show_user_error(self, exc, self.tr("Not issued"))
            return
        self.accept()


SCAN_FILTER = QT_TRANSLATE_NOOP("Documents",
                                "Signed form (*.pdf *.jpg *.jpeg *.png *.PDF *.JPG *.JPEG *.PNG)")


class SignDialog(QDialog):
    """Sign an issued consent, completing everything the paper form asks for.

    On screen: the patient ticks each confirmation and signs on the pad. On paper: the pad is
    hidden and the scan or photo of the signed paper form is attached. Either way: the
    patient's answer to each use of photographs (as chosen at issue), the witness or
    interpreter, and the practitioner's countersignature, confirmed as the signed-in
    practitioner or drawn.
    """

    def __init__(self, store, document_id: int, parent=None):
        super().__init__(parent)
        self.store = store
        self.document_id = document_id
        meta = sd.document(store, document_id)
        self.quote = meta["kind"] == "devis"
        self.setWindowTitle((self.tr("Sign quote {number}") if self.quote
                             else self.tr("Sign consent {number}")).format(number=meta["number"]))
        outer = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        layout = QVBoxLayout(body)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        intro = QLabel(self.tr("The patient signs the quote handed over today: the waiting "
                               "period the law sets counts from this signature.") if self.quote
                       else self.tr("Before signing, the patient has read the form, had time to "
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

        # On screen: the confirmations, then the patient's signature.
        self.on_screen = QWidget()
        sl = QVBoxLayout(self.on_screen)
        sl.setContentsMargins(0, 0, 0, 0)
        confirm = QGroupBox(self.tr("Your confirmation: the patient ticks each line *"))
        cl = QVBoxLayout(confirm)
        self.confirmations: list[QCheckBox] = []
        for n, text in enumerate([] if self.quote else sd.confirmations_of(store, document_id)):
            check = QCheckBox(text)
            check.setObjectName(f"confirm_{n}")
            cl.addWidget(check)
            self.confirmations.append(check)
        sl.addWidget(confirm)
        confirm.setVisible(not self.quote)  # a quote has no lines to tick
        sl.addWidget(QLabel(self.tr("Patient's signature *")))
        self.pad = SignaturePad()
        self.pad.setObjectName("signature_pad")
        sl.addWidget(self.pad)
        clear = QPushButton(self.tr("Clear"))
        clear.clicked.connect(self.pad.clear)
        sl.addWidget(clear, alignment=Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.on_screen)

        # On paper: the scan or photo of the signed form.
        self.on_paper = QWidget()
        pl = QFormLayout(self.on_paper)
        pl.setContentsMargins(0, 0, 0, 0)
        scan_row = QWidget()
        sr = QHBoxLayout(scan_row)
        sr.setContentsMargins(0, 0, 0, 0)
        self.scan = QLineEdit()
        self.scan.setObjectName("scan")
        self.scan.setPlaceholderText(self.tr("PDF, JPEG or PNG of every signed page"))
        choose = QPushButton(self.tr("Choose file…"))
        choose.setObjectName("choose_scan")
        choose.clicked.connect(self.choose_scan)
        sr.addWidget(self.scan, 1)
        sr.addWidget(choose)
        pl.addRow(self.tr("Scan of the signed form *"), scan_row)
        note = QLabel(self.tr("The ticks, initials and signature are on the paper form: the scan "
                              "is archived beside the issued form, with its fingerprint."))
        note.setWordWrap(True)
        pl.addRow(note)
        self.on_paper.setVisible(False)
        layout.addWidget(self.on_paper)
        self.paper.toggled.connect(self._method_changed)

        self.photos = PhotoAnswers()
        self.photos.set_value(sd.photo_consent_of(store, document_id))
        layout.addWidget(self.photos)
        self.photos.setVisible(not self.quote)

        form = QFormLayout()
        witness_row = QWidget()
        wr = QHBoxLayout(witness_row)
        wr.setContentsMargins(0, 0, 0, 0)
        self.witness = QLineEdit()
        self.witness.setObjectName("witness")
        self.witness.setPlaceholderText(self.tr("Name of the person present at the signing"))
        self.witness_role = QComboBox()
        self.witness_role.setObjectName("witness_role")
        self.witness_role.addItem(self.tr("Witness"), "witness")
        self.witness_role.addItem(self.tr("Interpreter"), "interpreter")
        wr.addWidget(self.witness, 1)
        wr.addWidget(self.witness_role)
        form.addRow(self.tr("Witness or interpreter *"), witness_row)
        layout.addLayout(form)

        counter = QGroupBox(self.tr("Practitioner's countersignature *"))
        kl = QVBoxLayout(counter)
        me = None
        if store.actor_id is not None:
            from rejuv_desktop.services import practitioners as pr

            me = pr.get_practitioner(store, store.actor_id)
        who = (f"{me.title} {me.name}".strip() + (f", {me.registration}" if me.registration else "")
               if me else "")
        self.attest = QRadioButton(self.tr("Confirm as {who}, with today's date and time").format(
            who=who) if me else self.tr("Nobody is signed in"))
        self.attest.setObjectName("countersign_attest")
        self.attest.setEnabled(me is not None)
        self.draw_counter = QRadioButton(self.tr("Draw the practitioner's signature"))
        self.draw_counter.setObjectName("countersign_draw")
        cgroup = QButtonGroup(counter)
        cgroup.addButton(self.attest)
        cgroup.addButton(self.draw_counter)
        (self.attest if me else self.draw_counter).setChecked(True)
        kl.addWidget(self.attest)
        kl.addWidget(self.draw_counter)
        self.counter_pad = SignaturePad()
        self.counter_pad.setObjectName("countersign_pad")
        self.counter_pad.setVisible(self.draw_counter.isChecked())
        kl.addWidget(self.counter_pad)
        self.draw_counter.toggled.connect(self.counter_pad.setVisible)
        layout.addWidget(counter)
        layout.addStretch(1)  # the parts stay together at the top when the pad is hidden

        self.error = message_label()
        self.error.setObjectName("sign_error")
        outer.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Record signature"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        self.resize(720, 660)
        self.job: sd.IssueJob | None = None

    def _method_changed(self) -> None:
        paper = self.paper.isChecked()
        self.on_screen.setVisible(not paper)
        self.on_paper.setVisible(paper)

    def choose_scan(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Scan or photo of the signed form"),
                                              "", Documents.tr(SCAN_FILTER))
        if path:
            self.scan.setText(path)

    def submit(self) -> None:
        method = "screen" if self.screen.isChecked() else "paper"
        photos = self.photos.value()
        try:
            self.job = sd.sign_job(
                self.store, self.document_id, method, self.witness.text(),
                self.pad.to_png() if method == "screen" else None,
                None if self.quote else photos if photos is not None else {},
                witness_role=self.witness_role.currentData(),
                confirmations=[c.isChecked() for c in self.confirmations],
                countersign_png=self.counter_pad.to_png() if self.draw_counter.isChecked() else None,
                scan_path=self.scan.text().strip() or None if method == "paper" else None)
        except ValidationError as exc:
            if self.draw_counter.isChecked() and self.counter_pad.is_empty():
                exc.errors.setdefault("countersign", "Draw the practitioner's signature")
            self.error.setText("<br>".join(exc.errors.values()))
            self.error.show()
            return
        except UserError as exc:
            show_user_error(self, exc)
            return
        if self.draw_counter.isChecked() and self.counter_pad.is_empty():
            self.job = None
            self.error.setText(self.tr("Draw the practitioner's signature"))
            self.error.show()
            return
        self.accept()


class ScanViewer(QDialog):
    """The scan or photo of a signed paper form, as archived (checked against its hash)."""

    def __init__(self, store, scan_id: int, parent=None):
        super().__init__(parent)
        self.meta, self.data = sd.scan_file(store, scan_id)
        self.setWindowTitle(self.tr("Scan of the signed form: {name}").format(
            name=self.meta["file_name"]))
        layout = QVBoxLayout(self)
        info = QLabel(self.tr("Archived {when} · SHA-256 {sha}").format(
            when=self.meta["created_at"][:16].replace("T", " "), sha=self.meta["sha256"]))
        info.setWordWrap(True)
        info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(info)
        if self.meta["media_type"] == "application/pdf":
            from PySide6.QtPdfWidgets import QPdfView

            from rejuv_desktop.ui.documents.viewer import load_pdf

            self.document, self._buffer = load_pdf(self.data, self)
            self.view = QPdfView(self)
            self.view.setDocument(self.document)
            self.view.setPageMode(QPdfView.PageMode.MultiPage)
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        else:
            from PySide6.QtGui import QPixmap

            pixmap = QPixmap()
            pixmap.loadFromData(self.data)
            image = QLabel()
            image.setAlignment(Qt.AlignmentFlag.AlignCenter)
            if pixmap.isNull():
                image.setText(self.tr("This image cannot be shown; use Save as… to open it "
                                      "elsewhere."))
            else:
                image.setPixmap(pixmap.scaledToWidth(min(pixmap.width(), 760),
                                                     Qt.TransformationMode.SmoothTransformation))
            self.view = QScrollArea()
            self.view.setWidget(image)
            self.view.setWidgetResizable(True)
        self.view.setObjectName("scan_view")
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        save = buttons.addButton(self.tr("Save as…"), QDialogButtonBox.ButtonRole.ActionRole)
        save.clicked.connect(self.save_as)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(820, 660)

    def save_as(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save a copy"), self.meta["file_name"])
        if not path:
            return
        try:
            sd.write_pdf(self.data, path)  # an atomic write of the archived bytes
        except OSError as exc:
            show_user_error(self, UserError(self.tr("The file could not be written: {why}").format(
                why=exc.strerror or exc)))


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
        # Shown when the law of the clinic's country asks for a quote (France).
        self.devis_button = QPushButton(self.tr("Quote (devis)…"))
        self.devis_button.setObjectName("issue_devis")
        for b in (self.consent_button, self.devis_button, self.aftercare_button,
                  self.summary_button):
            row.addWidget(b)
        row.addStretch(1)
        self.open_button = QPushButton(self.tr("Open"))
        self.sign_button = QPushButton(self.tr("Sign…"))
        self.sign_button.setObjectName("sign_consent")
        self.scan_button = QPushButton(self.tr("Open scan"))
        self.scan_button.setObjectName("open_scan")
        self.scan_button.setToolTip(self.tr("The scan or photo of the signed paper form"))
        # What to do with the selected document sits under the list, on its own row: seven
        # buttons on one row made the record wider than a 1024-pixel screen.
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.open_button)
        actions.addWidget(self.scan_button)
        actions.addWidget(self.sign_button)
        layout.addLayout(row)
        self.consent_button.clicked.connect(self.issue_consent)
        self.devis_button.clicked.connect(self.issue_devis)
        self.aftercare_button.clicked.connect(self.issue_aftercare)
        self.summary_button.clicked.connect(self.issue_summary)
        self.open_button.clicked.connect(lambda: self.open_document(self.selected_id()))
        self.sign_button.clicked.connect(lambda: self.sign(self.selected_id()))
        self.scan_button.clicked.connect(lambda: self.open_scan(self._selected_scan()))
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("documents")
        self.table.setHorizontalHeaderLabels([self.tr("Issued"), self.tr("Document"),
                                              self.tr("Procedure"), self.tr("Number"),
                                              self.tr("Signature"), self.tr("Language")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.cellDoubleClicked.connect(lambda r, _c: self.open_document(self.selected_id()))
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table)
        layout.addLayout(actions)
        self.rows: list[dict] = []
        self.last_issued: sd.IssuedDocument | None = None
        self.busy = False

    # listing ------------------------------------------------------------------------------------
    def show_patient(self, patient_id: int) -> None:
        self.patient_id = patient_id
        rules = scr.load_rules()
        self.rows = sd.documents_of(self.store, patient_id)
        self.table.setRowCount(len(self.rows))
        self.devis_button.setVisible(bool(devis.rules(self.store).devis))
        languages = {"en": self.tr("English"), "fr": self.tr("French")}
        for i, r in enumerate(self.rows):
            if r["kind"] not in SIGNED_KINDS:
                signature = ""
            elif r["signed_of"]:
                signature = self.tr("Signed copy ({how}), witness {w}").format(
                    how=self.tr("on screen") if r["signature_method"] == "screen"
                    else self.tr("on paper"), w=r["witness"])
            elif r["signed_copy"] and r.get("scan_id"):
                signature = self.tr("Signed on paper (scan attached)")
            elif r["signed_copy"]:
                signature = self.tr("Signed")
            else:
                signature = self.tr("Not signed yet")
            procedure = rules.procedure_name(r["procedure"]).capitalize() if r["procedure"] else ""
            language = languages.get(r["lang"], r["lang"] or "")  # the language it was issued in
            for j, text in enumerate((_when(r["created_at"]), kind_label(r["kind"]),
                                      procedure, r["number"], signature, language)):
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
        self.sign_button.setEnabled(bool(row and row["kind"] in SIGNED_KINDS
                                         and not row["signed_of"] and not row["signed_copy"]))
        self.scan_button.setEnabled(self._selected_scan() is not None)

    def _selected_scan(self) -> int | None:
        """The scan kept with the selected consent (the issued form or its signed copy)."""
        doc_id = self.selected_id()
        row = next((r for r in self.rows if r["id"] == doc_id), None)
        if row is None:
            return None
        if row.get("scan_id"):
            return row["scan_id"]
        issued = next((r for r in self.rows if r["id"] == row["signed_of"]), None)
        return issued.get("scan_id") if issued else None

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
        dialog = IssueConsentDialog(plans, self, self.store)
        if not dialog.exec() or dialog.job is None:
            return
        self._run(dialog.job)

    @reports_errors
    def issue_devis(self) -> None:
        rules = devis.rules(self.store)
        plans = [p for p in sc.plans_of(self.store, self.patient_id)
                 if p["status"] in ("planned", "in_progress") and rules.devis_rule(p["procedure"])]
        if not plans:
            show_user_error(self, UserError(self.tr(
                "Nothing is planned for this patient that needs a quote: a quote is issued for "
                "a procedure planned in a finalised consultation.")))
            return
        dialog = IssueDevisDialog(self.store, plans, self)
        if not dialog.exec() or dialog.job is None:
            return
        self._run(dialog.job)

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
    def open_scan(self, scan_id: int | None) -> QDialog | None:
        if scan_id is None:
            return None
        try:
            viewer = ScanViewer(self.store, scan_id, self)
        except UserError as exc:
            show_user_error(self, exc)
            return None
        viewer.show()
        self.scan_viewer = viewer
        return viewer

    @reports_errors
    def sign(self, document_id: int | None) -> None:
        if document_id is None:
            return
        dialog = SignDialog(self.store, document_id, self)
        if dialog.exec() and dialog.job is not None:
            self._run(dialog.job)
