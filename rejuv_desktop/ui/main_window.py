"""The main window: patient list with search on the left, the patient's record on the right."""

from __future__ import annotations

import importlib
import logging

from PySide6.QtCore import QByteArray, QEvent, QItemSelectionModel, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QHBoxLayout, QHeaderView,
                               QInputDialog, QLabel, QLineEdit, QMainWindow, QMessageBox,
                               QSplitter, QTableView, QTabWidget, QVBoxLayout, QWidget)

from rejuv_desktop import APP_NAME
from rejuv_desktop.domain import patients as dp
from rejuv_desktop.errors import UserError
from rejuv_desktop.services import patients as sp
from rejuv_desktop.ui.errors import reports_errors, show_user_error
from rejuv_desktop.ui.patient_dialog import PatientDialog
from rejuv_desktop.ui.patient_model import PatientTableModel
from rejuv_desktop.ui.record_pane import RecordPane
from rejuv_desktop.ui.geometry import fit_to_screen
from rejuv_desktop.ui.hooks import WindowHooks
from rejuv_desktop.ui.i18n import Menus, fmt_datetime
from rejuv_desktop.ui.names import practitioner_name

log = logging.getLogger(__name__)

WARM_UP_STEPS_MS = 0
"""After the patient list is first painted, what opening the first record needs is loaded a
step at a time, each step a separate event (keys and clicks are handled between them): the
start is not slowed, and the first record opened does not wait for its modules."""
TYPING_PAUSE_MS = 200
"""While a name is typed, the first match's name and alerts show at each keystroke and its
record's tabs once typing pauses this long: the search field never waits for a record."""


def feature_installers():
    """The ``install(window)`` functions of the features that extend the main window. Any
    order gives the same window: features place their entries by rank and meet through
    ``window.hooks``."""
    from rejuv_desktop.ui import (audit_view, backup, documents, help, import_dialog, live,
                                  lock, outcomes, photos, sessions, settings_dialog)

    return [documents.install, sessions.install, outcomes.install, photos.install,
            audit_view.install,
            settings_dialog.install, import_dialog.install, backup.install, help.install,
            lock.install, live.install]


class MainWindow(QMainWindow):
    def __init__(self, store, settings: QSettings | None = None, parent=None):
        super().__init__(parent)
        self.store = store
        self.settings = settings or QSettings()
        self.hooks = WindowHooks()
        self.setWindowTitle(f"{APP_NAME}")
        fit_to_screen(self, 1200, 760)

        # left: search and list
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(8, 8, 4, 8)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Find a patient: name, date of birth or phone"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.on_search)
        self._typing = False  # the selection is moving because of a keystroke
        self._record_fills = 0  # records shown in full on a change of selection
        self.typing_pause = QTimer(self)
        self.typing_pause.setSingleShot(True)
        self.typing_pause.setInterval(TYPING_PAUSE_MS)
        self.typing_pause.timeout.connect(lambda: self.record.finish_showing())
        self.show_archived = QCheckBox(self.tr("Show archived patients"))
        self.show_archived.toggled.connect(lambda on: self.on_search(self.search.text()))
        self.model = PatientTableModel(store, self)
        self.table = QTableView()
        self.table.setObjectName("patient_list")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        # Fixed widths for the date and phone columns: sizing them to their contents would
        # measure every row again at each keystroke.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        metrics = self.table.fontMetrics()
        for column, sample in ((1, "00/00/0000"), (2, "+353 00 000 0000")):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            bold = QFont(header.font())
            bold.setBold(True)  # the style may draw the titles bold: wide enough either way
            header.resizeSection(column, max(metrics.horizontalAdvance(sample),
                                             QFontMetrics(bold).horizontalAdvance(title)) + 24)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.selectionModel().currentRowChanged.connect(self.on_current_changed)
        self.table.activated.connect(lambda idx: self.edit_patient(self.model.patient_id(idx.row())))
        self.count_label = QLabel()
        self.count_label.setStyleSheet("color: #555;")
        ll.addWidget(self.search)
        ll.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addWidget(self.show_archived)
        row.addStretch(1)
        row.addWidget(self.count_label)
        ll.addLayout(row)

        self.record = RecordPane(store)
        self.hooks.record_changed.append(self.record.refresh)
        self.record.edit_requested.connect(self.edit_patient)
        self.record.archive_requested.connect(self.set_archived)
        self.record.consultation_start_requested.connect(self.start_consultation)
        self.record.consultation_open_requested.connect(self.open_consultation)
        self.wizard = None  # the consultation wizard last opened

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.record)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([430, 770])
        self.left_tabs: QTabWidget | None = None
        central = QWidget()
        cl = QVBoxLayout(central)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.setSpacing(0)
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fdecea; color: #8c1d18; padding: 8px 12px;"
                                  " font-weight: 600; border-bottom: 1px solid #f1b0aa;")
        self.banner.hide()
        cl.addWidget(self.banner)
        cl.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self._build_menus()
        # Features add their own tabs, views and menu entries here.
        for install in feature_installers():
            install(self)
        self.who_label = QLabel()
        self.who_label.setObjectName("signed_in")
        self.statusBar().addPermanentWidget(self.who_label)
        self.signed_in_changed()
        from rejuv_desktop.services import database
        from rejuv_desktop.services.leases import workstation_name

        self.on_server = database.on_server(store)
        if self.on_server:
            where = self.tr("Clinic server: {server} · this workstation: {name}").format(
                server=database.location(store), name=workstation_name())
        else:
            where = self.tr("Database: {path}").format(path=store.path or self.tr("in memory"))
        self.location = QLabel(where)
        self.location.setObjectName("records_location")
        self.statusBar().addWidget(self.location, 1)
        self.on_search("")
        self._restore_geometry()
        self.check_writable()
        self._warm_up_steps: list | None = [
            # the module of the tab a record opens on (the tab itself is built when shown)
            lambda: importlib.import_module("rejuv_desktop.ui.consultation.view"),
            lambda: importlib.import_module("rejuv_desktop.services.alerts").prepare(),
            lambda: importlib.import_module("rejuv_desktop.ui.tasks"),  # the Due count's
            lambda: importlib.import_module("rejuv_desktop.services.follow_ups")]
        self.table.viewport().installEventFilter(self)  # the steps start after its first paint

    def eventFilter(self, obj, event) -> bool:
        if (event.type() == QEvent.Type.Paint and obj is self.table.viewport()
                and self._warm_up_steps is not None):
            obj.removeEventFilter(self)
            QTimer.singleShot(WARM_UP_STEPS_MS, self._warm_up)
        return False

    def _warm_up(self) -> None:
        """Run the next step of loading what the first record needs (see WARM_UP_STEPS_MS)."""
        steps = self._warm_up_steps
        if not steps:
            self._warm_up_steps = None
            return
        try:
            steps.pop(0)()
        except Exception:  # noqa: BLE001 - only preparation: the same work runs when needed
            log.exception("preparing the first record failed")
        QTimer.singleShot(WARM_UP_STEPS_MS, self._warm_up)

    # menus ------------------------------------------------------------------------------------
    def add_action(self, menu: str, text: str, slot, rank: int, shortcut=None,
                   name: str | None = None, needs_patient: bool = False) -> QAction:
        """An entry of the ``menu`` ("file", "patient", "tools" or "help"), placed by ``rank``
        (lower first) whatever the order entries are added in. ``needs_patient``: enabled only
        while a patient is selected and shown.

        Ranks in use: File: import 100, backup 200-290, lock 300-390, Quit 1000. Patient: the
        window's own 10-60, sessions 70-80, outcomes 75-76, photographs 85, export 90. Tools:
        lot search 100, outcomes audit 150, photo import folder 160, audit trail 200, settings
        300. Help: help 10-30, About 1000."""
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        if name:
            action.setObjectName(name)
        self._place(menu, action, rank)
        if needs_patient:
            self.patient_actions.append(action)
            action.setEnabled(self.record.patient_id is not None)
        return action

    def add_separator(self, menu: str, rank: int) -> None:
        action = QAction(self)
        action.setSeparator(True)
        self._place(menu, action, rank)

    def _place(self, menu: str, action: QAction, rank: int) -> None:
        action.setProperty("rank", rank)
        target = self.menus[menu]
        after = [a for a in target.actions() if (a.property("rank") or 0) > rank]
        target.insertAction(after[0] if after else None, action)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.menus = {key: bar.addMenu(title) for key, title in (
            ("file", self.tr("&File")), ("patient", self.tr("&Patient")),
            ("tools", self.tr("&Tools")), ("help", self.tr("&Help")))}
        self.patient_menu, self.tools_menu = self.menus["patient"], self.menus["tools"]
        # Actions about the selected patient: enabled only while one is selected and shown.
        self.patient_actions: list[QAction] = []
        self.add_action("file", self.tr("&Quit"), self.close, 1000,
                        QKeySequence.StandardKey.Quit, "quit")
        self.new_action = self.add_action("patient", self.tr("&New patient…"), self.new_patient,
                                          10, QKeySequence.StandardKey.New, "new_patient")
        self.add_action("patient", self.tr("&Find patient"), self.focus_search, 20,
                        QKeySequence.StandardKey.Find, "find_patient")
        self.edit_action = self.add_action(
            "patient", self.tr("&Edit details…"),
            lambda: self.edit_patient(self.record.patient_id), 30, "Ctrl+E", "edit_patient",
            needs_patient=True)
        self.archive_action = self.add_action("patient", self.tr("&Archive / unarchive"),
                                              self.toggle_archive, 40, None, "archive_patient",
                                              needs_patient=True)
        self.add_separator("patient", 50)
        self.consult_action = self.add_action("patient", self.tr("&Consultation…"),
                                              self.start_consultation, 60, "Ctrl+Shift+C",
                                              "start_consultation", needs_patient=True)
        self.add_action("help", self.tr("&About Rejuv Desktop"), self.about, 1000, None,
                        "about")

    def add_side_tab(self, widget: QWidget, title: str, rank: int) -> None:
        """A view beside the patient list, as a further tab of the left-hand pane (placed by
        ``rank``; the patient list is rank 0)."""
        if self.left_tabs is None:
            tabs = QTabWidget()
            tabs.setObjectName("left_tabs")
            tabs.setDocumentMode(True)
            left = self.splitter.widget(0)
            self.splitter.replaceWidget(0, tabs)
            left.setProperty("rank", 0)
            tabs.addTab(left, Menus.tr("Patients"))
            self.left_tabs = tabs
        tabs = self.left_tabs
        widget.setProperty("rank", rank)
        after = [i for i in range(tabs.count()) if (tabs.widget(i).property("rank") or 0) > rank]
        tabs.insertTab(after[0] if after else tabs.count(), widget, title)

    def _patient_shown(self) -> None:
        """The record shows another patient (or nobody): actions follow, features are told."""
        has = self.record.patient_id is not None
        for action in self.patient_actions:
            action.setEnabled(has)
        self.hooks.patient_selected(self.record.patient_id)

    # slots ------------------------------------------------------------------------------------
    @reports_errors
    def on_search(self, text: str) -> None:
        from rejuv_desktop.errors import ServerUnreachable

        current = self.record.patient_id
        try:
            self.model.search(text, self.show_archived.isChecked())
        except ServerUnreachable:  # the banner says why; no box at each keystroke
            self.count_label.setText(self.tr("Search waits for the clinic server"))
            return
        self._update_count()
        row = self.model.row_of(current) if current is not None else None
        if row is not None or (text.strip() and self.model.rows):
            self._typing = True
            try:
                self.select_row(0 if row is None else row)
            finally:
                self._typing = False
            if self.record.pending:
                self.typing_pause.start()  # still typing: the pause starts again
        else:
            self.typing_pause.stop()
            # The record shows a patient of the current results or nobody: never one the list
            # no longer shows (a query with no match must not leave the last patient open).
            self.table.selectionModel().clearSelection()
            self.table.selectionModel().setCurrentIndex(
                self.model.index(-1, -1), QItemSelectionModel.SelectionFlag.NoUpdate)
            self.record.show_patient(None)
            self._patient_shown()

    def _update_count(self) -> None:
        text = self.search.text()
        if text.strip():
            shown = len(self.model.rows)
            self.count_label.setText(self.tr("{n} found").format(
                n=f"{shown}+" if self.model.canFetchMore() else shown))
        else:
            total = sp.count_patients(self.store, include_archived=self.show_archived.isChecked())
            self.count_label.setText(self.tr("{n} patients").format(n=total))

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)

    @reports_errors
    def on_current_changed(self, current, _previous) -> None:
        patient_id = self.model.patient_id(current.row()) if current.isValid() else None
        if self._typing and patient_id == self.record.patient_id:
            return  # the patient shown is still listed: nothing to read again
        if self._typing and patient_id is not None:
            # Name and alerts now; the tabs when typing pauses (each keystroke restarts it).
            self.record.show_patient(patient_id, pending=True)
            self.typing_pause.start()
        else:
            self.typing_pause.stop()
            self.record.show_patient(patient_id)
            self._record_fills += 1
        self._patient_shown()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    @reports_errors
    def new_patient(self) -> None:
        dialog = PatientDialog(self.store, None, self)
        if dialog.exec() and dialog.saved_id is not None:
            self.show_patient(dialog.saved_id)

    @reports_errors
    def edit_patient(self, patient_id: int | None) -> None:
        if patient_id is None:
            return
        dialog = PatientDialog(self.store, patient_id, self)
        if dialog.exec() and dialog.saved_id is not None:
            self.show_patient(dialog.saved_id)

    def show_patient(self, patient_id: int) -> None:
        """Select a patient in the list (clearing the search if it hides them)."""
        self.model.refresh()
        row = self.model.row_of(patient_id)
        if row is None:
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
            p = sp.get_patient(self.store, patient_id)
            if p["archived"] and not self.show_archived.isChecked():
                self.show_archived.setChecked(True)
            self.model.search(dp.display_name(p), self.show_archived.isChecked())
            row = self.model.row_of(patient_id)
        filled = self._record_fills
        if row is not None:
            self.select_row(row)
        self._update_count()
        if self._record_fills == filled or self.record.patient_id != patient_id:
            self.record.show_patient(patient_id)  # not read again when selecting just did
        self._patient_shown()

    @reports_errors
    def set_archived(self, patient_id: int, archived: bool) -> None:
        if archived:
            answer = QMessageBox.question(
                self, self.tr("Archive patient"),
                self.tr("Archive this patient? The record is kept and can be brought back; it "
                        "is hidden from the list unless 'Show archived patients' is ticked."))
            if answer != QMessageBox.StandardButton.Yes:
                return
        try:
            sp.set_archived(self.store, patient_id, archived, expected_version=(
                self.record.version if self.record.patient_id == patient_id else None))
        except UserError as exc:
            show_user_error(self, exc, self.tr("Not saved"))
            return
        self.on_search(self.search.text())
        if self.model.row_of(patient_id) is not None:
            self.record.show_patient(patient_id)
        else:
            self.record.show_patient(None)
        self._patient_shown()

    def toggle_archive(self) -> None:
        if self.record.patient_id is not None:
            p = sp.get_patient(self.store, self.record.patient_id)
            self.set_archived(p["id"], not p["archived"])

    # consultations ----------------------------------------------------------------------------
    @reports_errors
    def start_consultation(self) -> None:
        """Start a consultation for the selected patient, or resume their unfinished one."""
        from rejuv_desktop.services import consultations as sc

        if self.record.patient_id is None:
            return
        try:
            draft = sc.start_consultation(self.store, self.record.patient_id)
        except UserError as exc:
            show_user_error(self, exc)
            return
        self.open_wizard(draft)

    def open_wizard(self, draft):
        from rejuv_desktop.services import leases
        from rejuv_desktop.ui import holds
        from rejuv_desktop.ui.consultation.wizard import ConsultationWizard

        # One workstation at a time writes a draft: held while the wizard is open.
        if holds.hold(self, self.store, leases.CONSULTATION, draft.id, draft.patient_id) is None:
            return None
        wizard = ConsultationWizard(self.store, draft, self)
        wizard.keeper = holds.LeaseKeeper(wizard, self.store, leases.CONSULTATION, draft.id)
        wizard.finalised.connect(self._consultation_finalised)
        wizard.finished.connect(lambda _r: self.record.show_patient(self.record.patient_id)
                                if self.record.patient_id else None)
        self.wizard = wizard
        wizard.show()
        wizard.resume()
        return wizard

    def _consultation_finalised(self, consultation_id: int) -> None:
        self.statusBar().showMessage(self.tr("Consultation finalised."), 5000)
        if self.record.patient_id is not None:
            self.record.show_patient(self.record.patient_id)
        self.open_consultation(consultation_id)

    @reports_errors
    def open_consultation(self, consultation_id: int) -> None:
        from rejuv_desktop.ui.consultation.view import ConsultationDialog

        dialog = ConsultationDialog(self.store, consultation_id, self)
        dialog.amend_requested.connect(self.amend_consultation)
        if self.hooks.summary_requested:
            dialog.summary_requested.connect(
                lambda c: self.hooks.summary_requested(self.record.patient_id, c))
        dialog.show()

    @reports_errors
    def amend_consultation(self, consultation_id: int) -> None:
        reason, ok = QInputDialog.getText(
            self, self.tr("Amend consultation"),
            self.tr("Why is this consultation being amended? (kept with the amendment)"))
        if not ok:
            return
        from rejuv_desktop.services import consultations as sc

        try:
            draft = sc.start_amendment(self.store, consultation_id, reason)
        except UserError as exc:
            show_user_error(self, exc)
            return
        self.open_wizard(draft)

    @reports_errors
    def offer_resume(self) -> None:
        """At start: offer to resume consultations left unfinished (closed or interrupted)."""
        from rejuv_desktop.services import consultations as sc

        drafts = sc.all_drafts(self.store)
        if self.on_server:
            # Several workstations: this practitioner's own drafts that no other window holds
            # (the others' unfinished consultations are theirs to resume).
            from rejuv_desktop.services import leases

            def free(d) -> bool:
                held = leases.current(self.store, leases.CONSULTATION, d["id"])
                return held is None or held.mine or held.lapsed

            drafts = [d for d in drafts if d.get("practitioner_id") in (None, self.store.actor_id)
                      and free(d)]
        if not drafts:
            return
        labels = [self.tr("{name} — last saved {when}").format(
            name=dp.display_name(d),
            when=fmt_datetime(d["updated_at"]))
            for d in drafts]
        choice, ok = QInputDialog.getItem(
            self, self.tr("Unfinished consultations"),
            self.tr("These consultations were not finalised. Resume one now?"), labels, 0, False)
        if ok and choice:
            draft = drafts[labels.index(choice)]
            self.show_patient(draft["patient_id"])
            self.open_wizard(sc.find_draft(self.store, draft["patient_id"]))

    def show_banner(self, text: str | None) -> None:
        """A strip across the top for what the practitioner must know (read-only database)."""
        self.banner.setText(text or "")
        self.banner.setVisible(bool(text))

    def check_writable(self) -> bool:
        """Warn at once when nothing can be saved, rather than at the first failed save."""
        from rejuv_desktop.errors import StorageError
        from rejuv_desktop.services.database import probe_writable

        try:
            probe_writable(self.store)
        except StorageError as exc:
            self.show_banner(self.tr("Changes cannot be saved: {why}").format(why=exc))
            return False
        self.show_banner(None)
        return True

    def signed_in_changed(self) -> None:
        """Show who is signed in (after sign-in, unlock or a switch of practitioner)."""
        from rejuv_desktop.services import practitioners as pr

        if self.store.actor_id is None:
            self.who_label.setText(self.tr("Not signed in"))
            return
        p = pr.get_practitioner(self.store, self.store.actor_id)
        self.who_label.setText(self.tr("Signed in: {name}").format(
            name=practitioner_name(p)))

    def about(self) -> None:
        from rejuv_desktop.ui.about import show_about

        from rejuv_desktop.services.database import location

        show_about(location(self.store) or None, self)

    # geometry ---------------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry = self.settings.value("main/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        splitter = self.settings.value("main/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)

    def closeEvent(self, event) -> None:
        self.settings.setValue("main/geometry", self.saveGeometry())
        self.settings.setValue("main/splitter", self.splitter.saveState())
        super().closeEvent(event)
