"""Taking photographs into the Photographs tab: chosen files, drag and drop, and the files the
watched import folder offers. Each file is checked at once, then prepared off the GUI thread
(its quick thumbnail shown meanwhile on a tile marked "Saving…"), then recorded."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QFileDialog, QListWidgetItem

from rejuv_desktop.errors import UserError
from rejuv_desktop.services import photos as sph
from rejuv_desktop.ui.photos import words
from rejuv_desktop.ui.tasks import run_in_background

ICON = 150
"""Gallery tile size in pixels."""
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".heic", ".heif")
OK_STYLE = "background: #e8f3ea; color: #1e5631; padding: 4px 8px; border-radius: 3px;"
WARN_STYLE = "background: #fff4e5; color: #8a4b00; padding: 4px 8px; border-radius: 3px;"
BAD_STYLE = "background: #fdecea; color: #8c1d18; padding: 4px 8px; border-radius: 3px;"


def image_files(paths) -> list[Path]:
    """The photographs among dropped or chosen paths (by their suffix)."""
    return [Path(p) for p in paths if Path(p).suffix.lower() in IMAGE_SUFFIXES
            and Path(p).is_file()]


def tile_pixmap(data: bytes) -> QPixmap:
    """A thumbnail scaled once to the tile's size (not at every paint while scrolling)."""
    pixmap = QPixmap()
    pixmap.loadFromData(data)
    if not pixmap.isNull():
        pixmap = pixmap.scaled(ICON, ICON, Qt.AspectRatioMode.KeepAspectRatio,
                               Qt.TransformationMode.SmoothTransformation)
    return pixmap


class PhotoIntake:
    """The taking-in half of ``PhotosTab`` (which provides the widgets it uses)."""

    # taking photographs in ---------------------------------------------------------------
    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Add photographs"), "",
            self.tr("Photographs (*.jpg *.jpeg *.png *.heic *.heif *.JPG *.JPEG *.PNG *.HEIC)"))
        if names:
            self.take_in([Path(n) for n in names], "file")

    def dragEnterEvent(self, event) -> None:
        if self.patient_id is not None and event.mimeData().hasUrls() and image_files(
                u.toLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        files = image_files(u.toLocalFile() for u in event.mimeData().urls())
        if files:
            event.acceptProposedAction()
            self.take_in(files, "file")

    def take_in(self, paths: list[Path], source: str) -> None:
        """Take files in as the chosen view, one after another off the GUI thread."""
        if self.patient_id is None:
            return
        self.problems = []
        self.pending.extend((Path(p), source) for p in paths)
        self._next()

    def _link(self) -> dict:
        data = self.link_combo.currentData()
        if not data:
            return {}
        return {"session_id": data[1]} if data[0] == "session" else {"follow_up_id": data[1]}

    def _next(self) -> None:
        if self.busy:
            return
        if not self.pending:
            self.busy = False
            self._update_buttons()
            if self.problems:
                self.say("\n".join(self.problems), BAD_STYLE)
            return
        path, source = self.pending.pop(0)
        patient, view, link = self.patient_id, self.view_combo.currentData(), self._link()
        try:
            data = path.read_bytes()
            sph.precheck(self.store, patient, view, data, source=source, **link)
            folder = sph.file_store(self.store)
        except OSError as exc:
            self.problems.append(f"{path.name}: {exc.strerror or exc}")
            self._next()
            return
        except UserError as exc:
            self.problems.append(f"{path.name}: {words.error_text(exc)}")
            if getattr(exc, "code", "") == "no_clinical_consent":
                self.pending.clear()
            self._next()
            return
        self.busy = True
        self._update_buttons()
        self.say(self.tr("Taking in {name}…").format(name=path.name))

        def done(ready) -> None:
            self.busy = False
            self._drop_preview()
            try:
                # Saved for the patient it was chosen for, even if another was opened since.
                imported = sph.finish_import(self.store, patient, view, ready, source=source,
                                             **link)
            except UserError as exc:
                self.problems.append(f"{path.name}: {words.error_text(exc)}")
            else:
                if self.patient_id == patient:
                    self._add_tile(imported.photo, imported.thumbnail)
                    self._update_buttons()
                    self.gallery.scrollToBottom()
                    self._fill_due()
                    self._show_last_time(self.view_combo.currentData())
                    self.say(self.tr("{name} taken in as “{view}”.").format(
                        name=path.name, view=words.view_title(view)), OK_STYLE)
                self.changed.emit()
            self._next()

        def failed(exc) -> None:
            self.busy = False
            self._drop_preview()
            if not isinstance(exc, UserError):
                raise exc
            self.problems.append(f"{path.name}: {words.error_text(exc)}")
            self._next()

        emit = self.preview_ready.emit  # queued to the GUI thread from the worker
        run_in_background(lambda: sph.prepare_import(data, folder, emit), done, failed)

    def _show_preview(self, thumb: bytes) -> None:
        """The file being taken in, shown at once as a tile marked as still being saved."""
        if not self.busy:
            return
        self._drop_preview()
        self.pending_tile = QListWidgetItem(QIcon(tile_pixmap(thumb)), self.tr("Saving…"))
        self.pending_tile.setFlags(Qt.ItemFlag.NoItemFlags)  # not a photograph of the record yet
        self.gallery.addItem(self.pending_tile)
        self.gallery.scrollToBottom()
        self._update_buttons()

    def _drop_preview(self) -> None:
        if self.pending_tile is not None:
            self.gallery.takeItem(self.gallery.row(self.pending_tile))
            self.pending_tile = None

    # the watched import folder -------------------------------------------------------------
    def offer_files(self, files: list[Path]) -> None:
        """New files in the import folder: offered for the patient in hand."""
        self.offered.extend(f for f in files if f not in self.offered)
        self._show_offer()

    def _show_offer(self) -> None:
        """Files waiting in the import folder, offered for whichever patient is open (kept
        while none is, so a photograph taken before the record was opened is not lost)."""
        if not self.offered or self.patient_id is None:
            self.offer.hide()
            return
        self.offer_label.setText(self.tr("%n new photograph(s) in the import folder. Take "
                                         "them in for this patient as the view chosen "
                                         "above?", "", len(self.offered)))
        self.offer.show()

    def _take_offered(self) -> None:
        files, self.offered = self.offered, []
        self.offer.hide()
        self.take_in(files, "folder")

    def _skip_offered(self) -> None:
        self.offered = []
        self.offer.hide()
