"""The selected patient's record: identity, details and the history of changes."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (QFormLayout, QHBoxLayout, QLabel, QPushButton, QStackedWidget,
                               QTabWidget, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
                               QHeaderView, QAbstractItemView)

from rejuv_desktop.domain import patients as dp
from rejuv_desktop.ui.i18n import fmt_date as format_day, fmt_datetime as format_moment
from rejuv_desktop.ui.names import (LANGUAGE_NAMES, SEX_NAMES, audit_changes, audit_what,
                                    name_of)
from rejuv_desktop.services import history as sh
from rejuv_desktop.services import patients as sp
from rejuv_desktop.ui.alert_strip import AlertStrip
from rejuv_desktop.ui.lazy_tab import LazyTab


HISTORY_PAGE = 100
"""Changes shown at first in the History tab; more are fetched as it scrolls."""


def fmt_date(iso: str) -> str:
    return format_day(iso)


def fmt_time(iso: str) -> str:
    return format_moment(iso)


class RecordPane(QWidget):
    """Right-hand side of the main window. Emits ``edit_requested`` for the Edit button."""

    edit_requested = Signal(int)
    archive_requested = Signal(int, bool)
    consultation_start_requested = Signal()
    consultation_open_requested = Signal(int)

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.patient_id: int | None = None
        self._archived = False
        self.version: int | None = None
        self.stack = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        empty = QLabel(self.tr("Select a patient on the left, or press Ctrl+N to add one."))
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty.setObjectName("empty_record")
        empty.setStyleSheet("color: #666; font-size: 14px;")
        self.stack.addWidget(empty)

        record = QWidget()
        rl = QVBoxLayout(record)
        rl.setContentsMargins(16, 12, 16, 12)
        header = QHBoxLayout()
        titles = QVBoxLayout()
        self.name_label = QLabel()
        self.name_label.setObjectName("patient_name")
        self.name_label.setStyleSheet("font-size: 20px; font-weight: 600;")
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sub_label = QLabel()
        self.sub_label.setStyleSheet("color: #444; font-size: 13px;")
        self.sub_label.setWordWrap(True)  # a longer language wraps rather than widen the pane
        self.archived_label = QLabel(self.tr("Archived: hidden from the patient list"))
        self.archived_label.setStyleSheet(
            "background: #fff4e5; color: #8a4b00; padding: 3px 8px; border-radius: 3px;")
        titles.addWidget(self.name_label)
        titles.addWidget(self.sub_label)
        titles.addWidget(self.archived_label, alignment=Qt.AlignmentFlag.AlignLeft)
        # What another workstation has open for this patient right now (its hold).
        self.held_label = QLabel()
        self.held_label.setObjectName("held_elsewhere")
        self.held_label.setWordWrap(True)
        self.held_label.setStyleSheet(
            "background: #e8f0fe; color: #1a3e72; padding: 3px 8px; border-radius: 3px;")
        self.held_label.hide()
        header.addLayout(titles, 1)
        self.edit_button = QPushButton(self.tr("Edit details…"))
        self.edit_button.clicked.connect(lambda: self.edit_requested.emit(self.patient_id))
        self.archive_button = QPushButton()
        self.archive_button.clicked.connect(self._toggle_archive)
        header.addWidget(self.edit_button, alignment=Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.archive_button, alignment=Qt.AlignmentFlag.AlignTop)
        rl.addLayout(header)
        rl.addWidget(self.held_label)
        self.alerts = AlertStrip(store)
        rl.addWidget(self.alerts)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.patient_tabs: list[QWidget] = []
        self.consultations = LazyTab(self._build_consultations)  # built when first shown
        self.add_patient_tab(self.consultations, self.tr("Consultations"), rank=10)
        details = QWidget()
        self.details_form = QFormLayout(details)
        self.details_form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.detail_labels: dict[str, QLabel] = {}
        for key, label in (("date_of_birth", self.tr("Date of birth")), ("sex", self.tr("Sex")),
                           ("phone", self.tr("Phone")), ("email", self.tr("Email")),
                           ("address", self.tr("Address")),
                           ("preferred_language", self.tr("Language")),
                           ("fitzpatrick", self.tr("Fitzpatrick type")),
                           ("notes", self.tr("Notes")), ("created_at", self.tr("Created")),
                           ("updated_at", self.tr("Last changed"))):
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setTextFormat(Qt.TextFormat.PlainText)
            self.details_form.addRow(self.tr("{label}:").format(label=label), value)
            self.detail_labels[key] = value
        self._add_tab(details, self.tr("Details"), rank=80)

        self.history = QTableWidget(0, 4)
        self.history.setHorizontalHeaderLabels([self.tr("When"), self.tr("Who"), self.tr("What"),
                                                self.tr("Changes")])
        self.history.verticalHeader().hide()
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setWordWrap(True)
        self.history.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.history.verticalScrollBar().valueChanged.connect(self._history_scrolled)
        self._history_more = False
        self._history_last: int | None = None
        self._history_stale = False  # filled when the History tab is next shown
        self.history.installEventFilter(self)
        self._add_tab(self.history, self.tr("History"), rank=90)
        rl.addWidget(self.tabs, 1)
        # While a name is being typed the record shows the patient's name, alerts and
        # buttons at once and its tabs after the pause (``show_patient(..., pending=True)``):
        # until then a plain cover lies over the tabs (outside any layout, so nothing moves),
        # no tab is read at each keystroke and none is seen with the previous patient's rows.
        self.cover = QWidget(self.tabs)
        self.cover.setObjectName("record_cover")
        self.cover.setAutoFillBackground(True)
        self.cover.hide()
        self.tabs.installEventFilter(self)
        self._pending = False
        self.stack.addWidget(record)

    @property
    def pending(self) -> bool:
        """The patient's name and alerts are shown, their tabs not yet (typing goes on)."""
        return self._pending

    def show_patient(self, patient_id: int | None, pending: bool = False) -> None:
        """Show ``patient_id`` (None: the empty state). Only the tab in view reads its rows;
        the others read theirs when shown. ``pending``: show the name, alerts and buttons now
        and the tabs at ``finish_showing()`` (the main window calls it when typing pauses)."""
        self.patient_id = patient_id
        if patient_id is None or pending:
            # Nothing of the previous patient stays reachable (their actions included).
            self._history_stale = False
            for tab in self.patient_tabs:
                if hasattr(tab, "patient_id"):
                    tab.patient_id = None
        if patient_id is None:
            self._set_pending(False)
            self.stack.setCurrentIndex(0)
            self.alerts.show_patient(None)
            return
        p = sp.get_patient(self.store, patient_id)
        self.version = p.get("version")  # what an archiving from this record is made over
        today = self.store.clock().date()
        self.name_label.setText(dp.display_name(p))
        age = dp.age_on(date.fromisoformat(p["date_of_birth"]), today)
        self.sub_label.setText(self.tr("Born {dob} · {age} years · record {id}").format(
            dob=fmt_date(p["date_of_birth"]), age=age, id=p["id"]))
        self.archived_label.setVisible(bool(p["archived"]))
        self.archive_button.setText(self.tr("Unarchive") if p["archived"] else self.tr("Archive"))
        values = dict(p)
        values["date_of_birth"] = fmt_date(p["date_of_birth"])
        values["sex"] = name_of(SEX_NAMES, p["sex"] or "", dp.SEXES.get(p["sex"], p["sex"]))
        values["preferred_language"] = name_of(LANGUAGE_NAMES, p["preferred_language"], "") \
            if p["preferred_language"] else ""
        values["created_at"] = fmt_time(p["created_at"])
        values["updated_at"] = fmt_time(p["updated_at"])
        for key, label in self.detail_labels.items():
            label.setText(str(values.get(key) or "—"))
        self.show_holds()
        self.alerts.show_patient(patient_id)
        self._archived = bool(p["archived"])
        self._set_pending(pending)
        if not pending:
            self._fill_tabs()
        self.stack.setCurrentIndex(1)  # the tab in view, built or stale, fills as it shows

    def _fill_tabs(self) -> None:
        """Tell every tab the patient: the one in view reads its rows, the others when shown."""
        if self.history.isVisible():
            self._fill_history()
        else:
            self._history_stale = True
        for tab in self.patient_tabs:
            tab.show_patient(self.patient_id)
        if self.consultations.is_built:
            self.consultations.start_button.setEnabled(not self._archived)

    def _set_pending(self, pending: bool) -> None:
        self._pending = pending
        if pending:
            self.cover.setGeometry(self.tabs.rect())
            self.cover.raise_()
        self.cover.setVisible(pending)

    def finish_showing(self) -> None:
        """Show the tabs of a patient shown ``pending``: the one in view reads its rows now."""
        if self._pending and self.patient_id is not None:
            self._set_pending(False)
            self._fill_tabs()

    def show_holds(self) -> None:
        """Say which of this patient's records another workstation has open."""
        from rejuv_desktop.services import leases
        from rejuv_desktop.ui.holds import held_line

        others = [h for h in leases.of_patient(self.store, self.patient_id) if not h.mine] \
            if self.patient_id is not None else []
        self.held_label.setText("\n".join(held_line(self.store, h) for h in others))
        self.held_label.setVisible(bool(others))

    def _build_consultations(self):
        from rejuv_desktop.ui.consultation.view import ConsultationsTab

        tab = ConsultationsTab(self.store)
        tab.start_requested.connect(self.consultation_start_requested)
        tab.open_requested.connect(self.consultation_open_requested)
        tab.start_button.setEnabled(not self._archived)
        return tab

    def eventFilter(self, obj, event) -> bool:
        if obj is self.history and event.type() == QEvent.Type.Show and self._history_stale:
            self._history_stale = False
            self._fill_history()
        elif obj is self.tabs and event.type() == QEvent.Type.Resize:
            self.cover.setGeometry(self.tabs.rect())
        return False

    def add_patient_tab(self, widget: QWidget, title: str, rank: int) -> None:
        """Add a tab that shows part of the record; it must have ``show_patient(id)``. Tabs
        are placed by ``rank`` (Consultations 10, Details 80, History 90), whatever the order
        they are added in."""
        self.patient_tabs.append(widget)
        self._add_tab(widget, title, rank)

    def _add_tab(self, widget: QWidget, title: str, rank: int) -> None:
        widget.setProperty("rank", rank)
        after = [i for i in range(self.tabs.count())
                 if (self.tabs.widget(i).property("rank") or 0) > rank]
        self.tabs.insertTab(after[0] if after else self.tabs.count(), widget, title)

    def refresh(self) -> None:
        if self.patient_id is not None:
            self.show_patient(self.patient_id)

    def _fill_history(self) -> None:
        """The newest changes; older ones are fetched a page at a time as the list scrolls
        (a record kept for years holds hundreds, each row sized to its wrapped text)."""
        self._history_more = False  # clearing may scroll: fetch nothing until reset
        self.history.setRowCount(0)
        self._history_more = True
        self._history_last = None
        self._more_history()
        self.history.resizeColumnsToContents()
        self.history.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)

    def _more_history(self) -> None:
        if not self._history_more or self.patient_id is None:
            return
        entries = sh.patient_history(self.store, self.patient_id, limit=HISTORY_PAGE + 1,
                                     before_id=self._history_last)
        self._history_more = len(entries) > HISTORY_PAGE
        entries = entries[:HISTORY_PAGE]
        start = self.history.rowCount()
        self.history.setRowCount(start + len(entries))
        for i, e in enumerate(entries, start):
            for j, text in enumerate((fmt_time(e.at), e.who,
                                      audit_what(e.table, e.row_id, e.before is None),
                                      audit_changes(e.before, e.changes))):
                self.history.setItem(i, j, QTableWidgetItem(text))
            self.history.resizeRowToContents(i)
        if entries:
            self._history_last = entries[-1].id

    def _history_scrolled(self, value: int) -> None:
        if value >= self.history.verticalScrollBar().maximum() - 2:
            self._more_history()

    def _toggle_archive(self) -> None:
        p = sp.get_patient(self.store, self.patient_id)
        self.archive_requested.emit(self.patient_id, not p["archived"])
