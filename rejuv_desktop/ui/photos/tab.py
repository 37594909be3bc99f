"""The "Photographs" tab of a patient's record: the gallery, taking photographs in (files,
drag and drop, the watched import folder), consent, and the way to the comparison."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rejuv_desktop.domain import photos as dph
from rejuv_desktop.domain.dates import format_day
from rejuv_desktop.errors import UserError
from rejuv_desktop.services import photos as sph
from rejuv_desktop.ui.errors import reports_errors
from rejuv_desktop.ui.photos import words
from rejuv_desktop.ui.photos.intake import (  # noqa: F401 - image_files: part of this API
    BAD_STYLE,
    ICON,
    OK_STYLE,
    WARN_STYLE,
    PhotoIntake,
    image_files,
    tile_pixmap,
)

PHOTO_ROLE = Qt.ItemDataRole.UserRole


class PhotosTab(PhotoIntake, QWidget):
    """The patient's photographs, newest last; the views due; consent; taking photos in."""

    compare_requested = Signal(int, int)  # earlier photo id, later photo id
    changed = Signal()
    fills_when_shown = True
    """``show_patient`` reads the gallery only while the tab is on screen (and drops the
    previous patient's queued files at once), so the record always calls it."""
    preview_ready = Signal(object)  # a quick thumbnail of the file being taken in (any thread)

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.patient_id: int | None = None
        self.pending: list[tuple[Path, str]] = []
        self.busy = False
        self.problems: list[str] = []
        self.pending_tile: QListWidgetItem | None = None
        self.stale = False
        self.refused = False
        self.preview_ready.connect(self._show_preview)
        self.setAcceptDrops(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)

        top = QHBoxLayout()
        self.consent_label = QLabel()
        self.consent_label.setObjectName("photo_consent_state")
        self.consent_label.setWordWrap(True)
        top.addWidget(self.consent_label, 1)
        self.consent_button = QPushButton(self.tr("Consent to photographs"))
        self.consent_button.setObjectName("photo_consent")
        menu = QMenu(self.consent_button)
        self.consent_yes = menu.addAction(self.tr("The patient consents to photographs for the "
                                                  "clinical record"))
        self.consent_yes.triggered.connect(lambda: self.record_consent(True))
        self.consent_no = menu.addAction(self.tr("The patient refuses photographs (record the "
                                                 "refusal)…"))
        self.consent_no.triggered.connect(lambda: self.record_consent(False))
        self.consent_withdraw = menu.addAction(self.tr("The patient withdraws consent…"))
        self.consent_withdraw.triggered.connect(self.withdraw_clinical)
        self.consent_button.setMenu(menu)
        top.addWidget(self.consent_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)

        self.due_label = QLabel()
        self.due_label.setObjectName("photos_due")
        self.due_label.setWordWrap(True)
        self.due_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.due_label)

        take = QHBoxLayout()
        self.view_combo = QComboBox()
        self.view_combo.setObjectName("photo_view")
        self.view_combo.setAccessibleName(self.tr("View"))
        for view in dph.load_views():
            self.view_combo.addItem(words.view_title(view.id), view.id)
        self.view_combo.currentIndexChanged.connect(self._show_instructions)
        self.link_combo = QComboBox()
        self.link_combo.setObjectName("photo_link")
        self.link_combo.setAccessibleName(self.tr("Belongs to"))
        for combo in (self.view_combo, self.link_combo):
            # Long entries are cut in the closed box, not allowed to widen the record pane.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)
        self.add_button = QPushButton(self.tr("Add photographs…"))
        self.add_button.setObjectName("add_photos")
        self.add_button.setToolTip(self.tr("Open photographs (JPEG, PNG, HEIC), or drop them "
                                           "here from the file manager"))
        self.add_button.clicked.connect(self.choose_files)
        take.addWidget(QLabel(self.tr("View:")))
        take.addWidget(self.view_combo, 3)
        take.addWidget(QLabel(self.tr("Belongs to:")))
        take.addWidget(self.link_combo, 2)
        self.show_archived = QCheckBox(self.tr("Show archived"))
        self.show_archived.toggled.connect(lambda _on: self.refresh())
        take.addWidget(self.show_archived)
        layout.addLayout(take)

        self.instructions = QLabel()
        self.instructions.setObjectName("photo_instructions")
        self.instructions.setWordWrap(True)
        self.instructions.setFrameShape(QFrame.Shape.StyledPanel)
        self.instructions.setStyleSheet("padding: 6px; background: #f5f7fa;")
        # The last photograph of the chosen view, to frame the new one the same way.
        self.last_time = QLabel()
        self.last_time.setObjectName("photo_last_time")
        self.last_time.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.last_time.setStyleSheet("color: #555; font-size: 11px;")
        self.last_time.setFixedWidth(ICON + 12)
        guide = QHBoxLayout()
        guide.addWidget(self.instructions, 1)
        guide.addWidget(self.last_time)
        layout.addLayout(guide)

        self.offer = QWidget()
        self.offer.setObjectName("folder_offer")
        offer = QHBoxLayout(self.offer)
        offer.setContentsMargins(0, 0, 0, 0)
        self.offer_label = QLabel()
        self.offer_label.setWordWrap(True)
        self.offer_label.setStyleSheet(WARN_STYLE)
        self.offer_take = QPushButton(self.tr("Take them in"))
        self.offer_take.setObjectName("take_offered")
        self.offer_take.clicked.connect(self._take_offered)
        self.offer_skip = QPushButton(self.tr("Not for this patient"))
        self.offer_skip.clicked.connect(self._skip_offered)
        offer.addWidget(self.offer_label, 1)
        offer.addWidget(self.offer_take)
        offer.addWidget(self.offer_skip)
        self.offer.hide()
        self.offered: list[Path] = []
        layout.addWidget(self.offer)

        self.message = QLabel()
        self.message.setObjectName("photo_message")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.hide()
        layout.addWidget(self.message)

        self.gallery = QListWidget()
        self.gallery.setObjectName("photo_gallery")
        self.gallery.setViewMode(QListView.ViewMode.IconMode)
        self.gallery.setIconSize(QSize(ICON, ICON))
        self.gallery.setGridSize(QSize(ICON + 30, ICON + 72))
        self.gallery.setResizeMode(QListView.ResizeMode.Adjust)
        self.gallery.setMovement(QListView.Movement.Static)
        self.gallery.setUniformItemSizes(True)
        self.gallery.setWordWrap(True)
        self.gallery.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.gallery.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.gallery.itemSelectionChanged.connect(self._update_buttons)
        self.gallery.itemActivated.connect(lambda _item: self.compare())
        self.empty_hint = QLabel(self.tr("No photographs yet. Choose the view above, then "
                                         "Add photographs…, or drop the files here."))
        self.empty_hint.setObjectName("photos_empty")
        self.empty_hint.setStyleSheet("color: #666; padding: 6px;")
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.gallery, 1)

        actions = QHBoxLayout()
        actions.addWidget(self.add_button)
        self.compare_button = QPushButton(self.tr("Compare…"))
        self.compare_button.setObjectName("compare_photos")
        self.compare_button.setToolTip(self.tr("Compare a view at two dates: choose two "
                                               "photographs of one view, or one"))
        self.compare_button.clicked.connect(self.compare)
        self.use_button = QPushButton(self.tr("Consent to use…"))
        self.use_button.setToolTip(self.tr("The patient's consent to this photograph's use for "
                                           "teaching or marketing, with its expiry"))
        self.use_button.setObjectName("photo_use_consent")
        self.use_button.clicked.connect(self.record_use)
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setToolTip(self.tr("Anonymous copies for teaching or marketing "
                                              "(only photographs with that consent)"))
        self.export_button.setObjectName("export_photos")
        self.export_button.clicked.connect(self.export_for_use)
        self.archive_button = QPushButton(self.tr("Archive…"))
        self.archive_button.setObjectName("archive_photo")
        self.archive_button.clicked.connect(self.archive)
        for w in (self.compare_button, self.use_button, self.export_button,
                  self.archive_button):
            actions.addWidget(w)
        actions.addStretch(1)
        layout.addLayout(actions)
        self._show_instructions()
        self._update_buttons()

    # showing -----------------------------------------------------------------------------
    def show_patient(self, patient_id: int | None) -> None:
        if patient_id != self.patient_id:
            self.pending.clear()  # files queued for the previous patient are not taken in
            self.message.hide()
        self.patient_id = patient_id
        self._show_offer()
        if self.isVisible():
            self.refresh()
        else:  # filled when the tab is shown: opening a patient never waits for thumbnails
            self.stale = True
            self.gallery.clear()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.stale:
            self.refresh()

    @reports_errors
    def refresh(self) -> None:
        self.stale = False
        self.gallery.clear()
        self.pending_tile = None
        if self.patient_id is None:
            return
        state = sph.clinical_consent(self.store, self.patient_id)
        if state.allowed:
            self.consent_label.setText(self.tr("Photographs for the clinical record: consent "
                                               "given."))
            self.consent_label.setStyleSheet(OK_STYLE)
        else:
            self.consent_label.setText(self.tr("Photographs for the clinical record: {why}. "
                                               "No photograph can be taken in.").format(
                why=words.consent_reason(state.reason)))
            self.consent_label.setStyleSheet(
                BAD_STYLE if state.reason in ("refused", "withdrawn") else WARN_STYLE)
        self.consent_withdraw.setEnabled(state.allowed)
        self.refused = state.reason in ("refused", "withdrawn")
        self._fill_due()
        self._fill_links()
        self._show_last_time(self.view_combo.currentData())
        for photo in sph.photos_of(self.store, self.patient_id, self.show_archived.isChecked()):
            self._add_tile(photo)
        self.gallery.scrollToBottom()
        self._update_buttons()

    def _fill_due(self) -> None:
        if self.refused:  # the refusal stands in for the photographs
            self.due_label.setText(self.tr("No photographs are due: the patient's refusal is "
                                           "recorded."))
            self.due_label.setStyleSheet("color: #555;")
            return
        due = sph.due(self.store, self.patient_id)
        if not due:
            self.due_label.setText(self.tr("No photographs are due."))
            self.due_label.setStyleSheet("color: #555;")
            return
        lines = [self.tr("Photographs due:")]
        for occasion in due:
            lines.append(f"• {words.occasion_text(occasion)}: "
                         + ", ".join(words.view_title(v) for v in occasion.missing))
        self.due_label.setText("\n".join(lines))
        self.due_label.setStyleSheet(WARN_STYLE)

    def _fill_links(self) -> None:
        current = self.link_combo.currentData()
        self.link_combo.blockSignals(True)
        self.link_combo.clear()
        self.link_combo.addItem(self.tr("Consultation or no visit"), None)
        sessions, follow_ups = sph.links(self.store, self.patient_id)
        for s in reversed(sessions):
            self.link_combo.addItem(self.tr("Session {n} ({procedure}), {day}").format(
                n=s["session_number"], procedure=words.procedure_name(s["procedure"]),
                day=format_day(s["session_date"])), ("session", s["id"]))
        for f in reversed(follow_ups):
            if f["kind"] != "next_session" and f["status"] in ("due", "done"):
                self.link_combo.addItem(self.tr("Visit: {label}, {day}").format(
                    label=f["label"], day=format_day(f["visit_date"] or f["due_from"])),
                    ("follow_up", f["id"]))
        index = self.link_combo.findData(current)
        self.link_combo.setCurrentIndex(max(index, 0))
        self.link_combo.blockSignals(False)

    def _add_tile(self, photo: sph.Photo, thumb: bytes | None = None) -> None:
        try:
            pixmap = tile_pixmap(thumb or sph.thumbnail(self.store, photo.id))
        except UserError:
            pixmap = QPixmap()  # a missing file shows as an empty tile; ``check`` reports it
        text = f"{words.view_title(photo.view)}\n{format_day(photo.taken_at)}"
        if photo.illustration:
            text += " · " + self.tr("illustration")
        if photo.archived_at:
            text += " · " + self.tr("archived")
        item = QListWidgetItem(QIcon(pixmap), text)
        item.setData(PHOTO_ROLE, photo.id)
        item.setToolTip(self.tr("Photo {id} · {w}×{h} · taken {when}").format(
            id=photo.id, w=photo.width, h=photo.height, when=format_day(photo.taken_at))
            + ("\n" + self.tr("Archived: {why}").format(why=photo.archive_reason)
               if photo.archived_at else ""))
        self.gallery.addItem(item)

    def _show_instructions(self) -> None:
        view = self.view_combo.currentData()
        self.instructions.setText(self.tr("<b>{title}</b>: {text}").format(
            title=words.view_title(view), text=words.view_instructions(view)))
        self._show_last_time(view)

    def _show_last_time(self, view: str) -> None:
        """The patient's latest photograph of this view, small, beside the instructions."""
        latest = None
        if self.patient_id is not None:
            same = [p for p in sph.photos_of(self.store, self.patient_id) if p.view == view]
            latest = same[-1] if same else None
        if latest is None:
            self.last_time.hide()
            return
        try:
            pixmap = tile_pixmap(sph.thumbnail(self.store, latest.id))
        except UserError:
            self.last_time.hide()
            return
        small = pixmap.scaled(ICON, ICON * 2 // 3, Qt.AspectRatioMode.KeepAspectRatio,
                              Qt.TransformationMode.SmoothTransformation)
        self.last_time.setPixmap(small)
        self.last_time.setToolTip(self.tr("Last time, {day}: frame the new photograph the "
                                          "same way").format(day=format_day(latest.taken_at)))
        self.last_time.show()

    def selected_ids(self) -> list[int]:
        return [item.data(PHOTO_ROLE) for item in self.gallery.selectedItems()]

    def _update_buttons(self) -> None:
        self.empty_hint.setVisible(self.gallery.count() == 0 and self.patient_id is not None)
        chosen = len(self.gallery.selectedItems())
        self.use_button.setEnabled(chosen == 1)
        self.archive_button.setEnabled(chosen == 1)
        self.export_button.setEnabled(chosen >= 1)
        self.compare_button.setEnabled(self.gallery.count() >= 2)
        self.add_button.setEnabled(self.patient_id is not None and not self.busy)

    def say(self, text: str, style: str = WARN_STYLE) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(style)
        self.message.setVisible(bool(text))

    # consent -----------------------------------------------------------------------------
    @reports_errors
    def record_consent(self, granted: bool) -> None:
        if self.patient_id is None:
            return
        note = ""
        if not granted:
            note, ok = QInputDialog.getText(self, self.tr("Refusal of photographs"), self.tr(
                "The patient refuses photographs. Anything to note (kept with the refusal)?"))
            if not ok:
                return
        sph.record_clinical_consent(self.store, self.patient_id, granted, note)
        self.refresh()
        self.changed.emit()

    @reports_errors
    def withdraw_clinical(self) -> None:
        state = sph.clinical_consent(self.store, self.patient_id)
        reason, ok = QInputDialog.getText(self, self.tr("Withdrawal of consent"), self.tr(
            "Why is consent to photographs withdrawn? (kept with the withdrawal; no new "
            "photograph can be taken in afterwards)"))
        if not ok:
            return
        try:
            if state.event is not None and state.event.consent_id is not None:
                sph.withdraw(self.store, state.event.consent_id, reason)
            else:  # given on the signed consent form: the withdrawal is a new refusal
                if not reason.strip():
                    raise sph.PhotoError("reason_needed", "Write the reason.")
                sph.record_clinical_consent(self.store, self.patient_id, False,
                                            reason.strip())
        except UserError as exc:
            self.say(words.error_text(exc), BAD_STYLE)
            return
        self.refresh()
        self.changed.emit()

    @reports_errors
    def record_use(self) -> None:
        from rejuv_desktop.ui.photos.consent import UseConsentDialog

        ids = self.selected_ids()
        if len(ids) != 1:
            return
        dialog = UseConsentDialog(self.store, ids[0], self)
        dialog.exec()
        self.refresh()

    @reports_errors
    def export_for_use(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        labels = [words.use_name("teaching"), words.use_name("marketing")]
        choice, ok = QInputDialog.getItem(self, self.tr("Export for teaching or marketing"),
                                          self.tr("Use:"), labels, 0, False)
        if not ok:
            return
        use = "teaching" if choice == labels[0] else "marketing"
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for the anonymous "
                                                                "copies"))
        if not folder:
            return
        try:
            result = sph.export_for_use(self.store, ids, use, Path(folder))
        except UserError as exc:
            self.say(words.error_text(exc), BAD_STYLE)
            return
        self.say(self.tr("{n} anonymous copie(s) written to {folder}: no name in the files or "
                         "their metadata.").format(n=len(result.files), folder=result.folder),
                 OK_STYLE)

    @reports_errors
    def archive(self) -> None:
        ids = self.selected_ids()
        if len(ids) != 1:
            return
        reason, ok = QInputDialog.getText(self, self.tr("Archive photograph"), self.tr(
            "Why is this photograph archived? It is kept, hidden from the gallery, never "
            "deleted."))
        if not ok:
            return
        try:
            sph.archive(self.store, ids[0], reason)
        except UserError as exc:
            self.say(words.error_text(exc), BAD_STYLE)
            return
        self.refresh()
        self.changed.emit()

    def compare(self) -> None:
        ids = self.selected_ids()
        photos = {p.id: p for p in sph.photos_of(self.store, self.patient_id)}
        chosen = [photos[i] for i in ids if i in photos]
        earlier = later = None
        if len(chosen) >= 2:
            chosen.sort(key=lambda p: (p.taken_at, p.id))
            earlier, later = chosen[0], chosen[-1]
        else:
            view = chosen[0].view if chosen else None
            for a, b in sph.pairs(self.store, self.patient_id):
                if view is None or a.view == view:
                    earlier, later = a, b
                    break
        if earlier is None:
            self.say(self.tr("To compare, the same view is needed on two different days."))
            return
        self.compare_requested.emit(earlier.id, later.id)
