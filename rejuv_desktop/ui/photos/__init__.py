"""Clinical photographs in the app: the patient's Photographs tab, the comparison window, and
the watched import folder where a tethered camera or a phone's sync drops its files.

Live capture from a camera attached to the workstation needs Qt Multimedia, which is not part
of the PySide6 packages the app installs: the import folder is how photographs arrive from a
camera (its tethering software or a phone's sync writes there; new files are offered for the
patient in hand).
"""

from __future__ import annotations

from pathlib import Path

from rejuv_desktop.ui.i18n import Context

WATCH_KEY = "photos/import_folder"
"""QSettings key of the watched import folder (empty: none)."""


class PhotoMenus(Context):
    """The words the photographs add to the main window and to the consultation wizard."""


def _files_in(folder: Path) -> dict[Path, tuple[int, float]]:
    from rejuv_desktop.ui.photos.tab import image_files

    try:
        return {p: (p.stat().st_size, p.stat().st_mtime)
                for p in image_files(folder.iterdir())}
    except OSError:
        return {}


class ImportFolder:
    """Watches a folder; files that appear after it is watched are offered to the tab."""

    def __init__(self, window, tab):
        from PySide6.QtCore import QFileSystemWatcher, QTimer

        self.window, self.tab = window, tab
        self.watcher = QFileSystemWatcher(window)
        self.watcher.directoryChanged.connect(lambda _p: self.settle.start())
        # A camera writes a file over a moment: look once it has been quiet for a while.
        self.settle = QTimer(window)
        self.settle.setSingleShot(True)
        self.settle.setInterval(700)
        self.settle.timeout.connect(self.scan)
        self.folder: Path | None = None
        self.known: dict[Path, tuple[int, float]] = {}

    def watch(self, folder: str | Path | None) -> None:
        if self.watcher.directories():
            self.watcher.removePaths(self.watcher.directories())
        self.folder = Path(folder) if folder else None
        self.known = _files_in(self.folder) if self.folder else {}
        if self.folder and self.folder.is_dir():
            self.watcher.addPath(str(self.folder))

    def scan(self) -> None:
        if self.folder is None:
            return
        now = _files_in(self.folder)
        new = [p for p, stamp in sorted(now.items()) if self.known.get(p) != stamp]
        self.known = now
        if new:
            self.tab.offer_files(new)


def add_to_wizard(wizard, window, compare, changed) -> None:
    """A "Photographs…" button on the consultation wizard: the patient's photographs in a
    window of their own, so the baseline views are taken without leaving the consultation."""
    from PySide6.QtWidgets import QDialog, QVBoxLayout, QWizard

    from rejuv_desktop.ui.geometry import fit_to_screen
    from rejuv_desktop.ui.photos.tab import PhotosTab

    def open_photos() -> None:
        dialog = getattr(wizard, "photos_dialog", None)
        if dialog is None:
            dialog = QDialog(wizard)
            dialog.setObjectName("consultation_photos")
            fit_to_screen(dialog, 900, 680)
            layout = QVBoxLayout(dialog)
            tab = PhotosTab(window.store, dialog)
            tab.compare_requested.connect(compare)
            tab.changed.connect(lambda: changed(tab.patient_id))
            layout.addWidget(tab)
            dialog.tab = tab
            wizard.photos_dialog = dialog
        from rejuv_desktop.domain import patients as dp
        from rejuv_desktop.services import patients as sp

        patient = sp.get_patient(window.store, wizard.draft.patient_id)
        dialog.setWindowTitle(PhotoMenus.tr("Photographs: {name}").format(
            name=dp.display_name(patient)))
        dialog.tab.show_patient(wizard.draft.patient_id)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    wizard.setOption(QWizard.WizardOption.HaveCustomButton1, True)
    wizard.setButtonText(QWizard.WizardButton.CustomButton1, PhotoMenus.tr("Photographs…"))
    button = wizard.button(QWizard.WizardButton.CustomButton1)
    button.setObjectName("wizard_photos")
    button.setToolTip(PhotoMenus.tr("Take or import the baseline photographs of the hands; the "
                                "consultation stays open"))
    button.clicked.connect(open_photos)


def install(window) -> None:
    """Add the Photographs tab, its menu entries, and the watched import folder."""
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QFileDialog

    from rejuv_desktop.ui.lazy_tab import LazyTab

    def build_tab():
        # Built when first shown or sent files: the imaging libraries are no part of the start.
        from rejuv_desktop.ui.photos.tab import PhotosTab

        photos = PhotosTab(window.store, window)
        photos.compare_requested.connect(compare)
        photos.changed.connect(lambda: photos_changed(photos.patient_id))
        return photos

    tab = LazyTab(build_tab)
    window.record.add_patient_tab(tab, PhotoMenus.tr("Photographs"),
                                  rank=40)
    window.photos_tab = tab

    def compare(earlier_id: int, later_id: int):
        from rejuv_desktop.services import photos as sph
        from rejuv_desktop.ui.photos.compare import CompareDialog

        patient_id = sph.get_photo(window.store, earlier_id).patient_id
        dialog = CompareDialog(window.store, patient_id, earlier_id, later_id, window)
        window.compare_dialog = dialog
        dialog.show()
        return dialog

    # The consultation wizard gets a way to the photographs (its patient's, in a window).
    open_wizard = window.open_wizard

    def photos_changed(patient_id: int | None) -> None:
        """A photograph or a refusal can tick a session's "photographs taken" item: the open
        checklists and the session lists show it at once."""
        if patient_id is not None:
            window.hooks.photos_changed(patient_id)
        window.hooks.record_changed()

    def open_wizard_with_photos(draft):
        wizard = open_wizard(draft)
        if wizard is not None:  # None: another workstation holds the draft
            add_to_wizard(wizard, window, compare, photos_changed)
        return wizard

    window.open_wizard = open_wizard_with_photos

    folder = ImportFolder(window, tab)
    window.photo_import_folder = folder
    folder.watch(window.settings.value(WATCH_KEY, "") or None)

    def choose_folder() -> None:
        chosen = QFileDialog.getExistingDirectory(
            window, PhotoMenus.tr("Photo import folder (where the camera or the phone's sync puts "
                             "new photographs)"), str(folder.folder or ""))
        if chosen:
            window.settings.setValue(WATCH_KEY, chosen)
            folder.watch(chosen)

    def show_tab() -> None:
        if window.record.patient_id is not None:
            window.record.tabs.setCurrentWidget(tab)

    window.add_action("patient", PhotoMenus.tr("&Photographs"),
                      show_tab, 85,
                      QKeySequence("Ctrl+Shift+P"), "photographs", needs_patient=True)
    window.add_action("tools", PhotoMenus.tr("Photo &import folder…"),
                      choose_folder, 160,
                      name="photo_import_folder")
