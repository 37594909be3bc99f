"""Follow-up visits: the clinic's Due view (overdue, this week, upcoming) and the actions on a
visit (mark done, reschedule, cancel), also used in the patient's Sessions tab."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox,
                               QFormLayout, QHBoxLayout, QHeaderView, QInputDialog, QLabel,
                               QLineEdit, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
                               QWidget)

from rejuv_desktop.errors import UserError, ValidationError
from rejuv_desktop.services import follow_ups as fu
from rejuv_desktop.ui.errors import reports_errors, show_user_error
from rejuv_desktop.ui.date_field import DateField
from rejuv_desktop.ui.sessions.common import (PROCEDURE_NAMES, STATUS_NAMES, fmt_window,
                                              message_label, show_text)

ID_ROLE = Qt.ItemDataRole.UserRole
PATIENT_ROLE = Qt.ItemDataRole.UserRole + 1
GROUPS = (("overdue", "Overdue", "#b3261e"), ("this_week", "This week", "#8a4b00"),
          ("upcoming", "Upcoming", "#333333"))


@dataclass(frozen=True)
class Visit:
    """A follow-up as these screens show it, whichever service list it came from."""

    id: int
    patient_id: int
    patient_name: str
    label: str
    procedure: str | None
    due_from: date
    due_to: date
    status: str
    note: str


def _from_row(row: dict) -> Visit:
    return Visit(row["id"], row["patient_id"], "", row["label"], row.get("procedure"),
                 date.fromisoformat(row["due_from"]), date.fromisoformat(row["due_to"]),
                 row["status"], row["note"])


def _from_due(item: fu.DueItem) -> Visit:
    return Visit(item.id, item.patient_id, item.patient_name, item.label, item.procedure,
                 item.due_from, item.due_to, "due", item.note)


class RescheduleDialog(QDialog):
    """A new window for a visit, and why it moves."""

    def __init__(self, visit: Visit, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Reschedule visit"))
        layout = QFormLayout(self)
        layout.addRow(QLabel(f"{visit.label} ({fmt_window(visit.due_from, visit.due_to)})"))
        self.due_from, self.due_to = DateField(), DateField()
        for edit, day, name in ((self.due_from, visit.due_from, "reschedule_from"),
                                (self.due_to, visit.due_to, "reschedule_to")):
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setDate(QDate(day.year, day.month, day.day))
        self.reason = QLineEdit()
        self.reason.setObjectName("reschedule_reason")
        self.error = message_label()
        layout.addRow(self.tr("From:"), self.due_from)
        layout.addRow(self.tr("To:"), self.due_to)
        layout.addRow(self.tr("Reason:"), self.reason)
        layout.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)

    def window_dates(self) -> tuple[date | None, date | None]:
        """The typed window; None for a date that is not a whole date (the service says so)."""
        return tuple(d.date().toPython() if d.date().isValid() else None
                     for d in (self.due_from, self.due_to))


class FollowUpActions(QWidget):
    """A list of visits with the buttons that act on the selected one."""

    changed = Signal()
    open_patient = Signal(int)

    def __init__(self, store, patient_column: bool = True, parent=None):
        super().__init__(parent)
        self.store = store
        self.patient_column = patient_column
        self.visits: dict[int, Visit] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.tree = QTreeWidget()
        self.tree.setObjectName("follow_ups")
        headers = [self.tr("Visit"), self.tr("When"), self.tr("Status")]
        if patient_column:
            # Two lines per visit (who, then what) read well in the narrow pane beside the list.
            headers = [self.tr("Patient and visit"), self.tr("When")]
        self.tree.setHeaderLabels(headers)
        self.tree.setRootIsDecorated(patient_column)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setStretchLastSection(False)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.tree.itemActivated.connect(self._activated)
        layout.addWidget(self.tree, 1)
        row = QHBoxLayout()
        self.open_button = QPushButton(self.tr("Open patient"))
        self.open_button.setObjectName("due_open_patient")
        self.open_button.clicked.connect(lambda: self._activated(self.tree.currentItem()))
        self.open_button.setVisible(patient_column)
        self.done_button = QPushButton(self.tr("Mark done…"))
        self.done_button.setObjectName("follow_up_done")
        self.done_button.clicked.connect(self.mark_done)
        self.move_button = QPushButton(self.tr("Reschedule…"))
        self.move_button.setObjectName("follow_up_reschedule")
        self.move_button.clicked.connect(self.reschedule)
        self.cancel_button = QPushButton(self.tr("Cancel visit…"))
        self.cancel_button.setObjectName("follow_up_cancel")
        self.cancel_button.clicked.connect(self.cancel)
        for b in (self.open_button, self.done_button, self.move_button, self.cancel_button):
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        self._update_buttons()

    # filling ------------------------------------------------------------------------------------
    def _item(self, v: Visit, today: date | None = None) -> QTreeWidgetItem:
        what = v.label + (f" · {PROCEDURE_NAMES.get(v.procedure, '')}" if v.procedure else "")
        when = fmt_window(v.due_from, v.due_to)
        if self.patient_column:
            item = QTreeWidgetItem([f"{v.patient_name}\n{what}", when])
            # Room for both lines whatever the script: a fallback font for a Chinese or Greek
            # name is taller than the list's own font, and Qt sizes rows by the latter.
            metrics = self.tree.fontMetrics()
            width = max(metrics.horizontalAdvance(v.patient_name), metrics.horizontalAdvance(what))
            item.setSizeHint(0, QSize(width + 8, 2 * metrics.lineSpacing() + 10))
            item.setToolTip(0, f"{v.patient_name}\n{what}" + (f"\n{v.note}" if v.note else ""))
        else:
            status = STATUS_NAMES.get(v.status, v.status)
            if v.status == "due" and today is not None and v.due_to < today:
                status = self.tr("overdue")
            item = QTreeWidgetItem([what, when, status + (f" — {v.note}" if v.note else "")])
        item.setData(0, ID_ROLE, v.id)
        item.setData(0, PATIENT_ROLE, v.patient_id)
        if v.note and not self.patient_column:
            item.setToolTip(0, v.note)
        self.visits[v.id] = v
        return item

    def show_rows(self, rows: list[dict], today: date) -> None:
        """A flat list (one patient's visits, any status)."""
        self.tree.clear()
        self.visits = {}
        for row in rows:
            self.tree.addTopLevelItem(self._item(_from_row(row), today))
        self._fit()

    def show_groups(self, groups: dict[str, list[fu.DueItem]]) -> None:
        """Open visits grouped as overdue, this week and upcoming."""
        current = self.selected()
        self.tree.clear()
        self.visits = {}
        for key, title, colour in GROUPS:
            items = groups.get(key, [])
            head = QTreeWidgetItem([f"{self.tr(title)} ({len(items)})"])
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            head.setForeground(0, QBrush(QColor(colour)))
            self.tree.addTopLevelItem(head)
            head.setFirstColumnSpanned(True)
            for d in items:
                child = self._item(_from_due(d))
                if key == "overdue":
                    child.setForeground(1, QBrush(QColor(colour)))
                head.addChild(child)
                if current is not None and d.id == current.id:
                    self.tree.setCurrentItem(child)
            head.setExpanded(True)
        self._fit()

    def _fit(self) -> None:
        for column in range(1, self.tree.columnCount()):
            self.tree.resizeColumnToContents(column)
        self._update_buttons()

    # acting -------------------------------------------------------------------------------------
    def selected(self) -> Visit | None:
        item = self.tree.currentItem()
        visit_id = item.data(0, ID_ROLE) if item is not None else None
        return self.visits.get(visit_id) if visit_id is not None else None

    def _update_buttons(self) -> None:
        v = self.selected()
        open_ = v is not None and v.status == "due"
        self.open_button.setEnabled(v is not None)
        for b in (self.done_button, self.move_button, self.cancel_button):
            b.setEnabled(open_)

    def _activated(self, item) -> None:
        if item is not None and item.data(0, PATIENT_ROLE) is not None:
            self.open_patient.emit(item.data(0, PATIENT_ROLE))

    @reports_errors
    def mark_done(self) -> None:
        v = self.selected()
        if v is None:
            return
        note, ok = QInputDialog.getText(self, self.tr("Visit done"), self.tr(
            "{visit}: note (optional)").format(visit=v.label))
        if ok:
            self._act(lambda: fu.mark_follow_up_done(self.store, v.id, note))

    @reports_errors
    def reschedule(self) -> None:
        v = self.selected()
        if v is None:
            return
        dialog = RescheduleDialog(v, self)
        while dialog.exec():
            start, end = dialog.window_dates()
            if start is None or end is None:
                show_text(dialog.error, dialog.due_from.problem() or dialog.due_to.problem())
                continue
            try:
                fu.reschedule_follow_up(self.store, v.id, start, end, dialog.reason.text())
            except ValidationError as exc:
                show_text(dialog.error, "\n".join(exc.errors.values()))
                continue
            except UserError as exc:
                show_user_error(self, exc)
                return
            self.changed.emit()
            return

    @reports_errors
    def cancel(self) -> None:
        v = self.selected()
        if v is None:
            return
        reason, ok = QInputDialog.getText(self, self.tr("Cancel visit"), self.tr(
            "Why will \"{visit}\" not take place? (kept with the record)").format(visit=v.label))
        if ok:
            self._act(lambda: fu.cancel_follow_up(self.store, v.id, reason))

    def _act(self, action) -> None:
        try:
            action()
        except UserError as exc:
            show_user_error(self, exc, self.tr("Not saved"))
            return
        self.changed.emit()


class DueView(QWidget):
    """What is due across the clinic; a row opens the patient."""

    open_patient = Signal(int)
    changed = Signal()

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.setObjectName("due_view")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        top = QHBoxLayout()
        self.summary = QLabel()
        self.summary.setObjectName("due_summary")
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.refresh)
        top.addWidget(self.summary, 1)
        top.addWidget(refresh)
        layout.addLayout(top)
        self.actions = FollowUpActions(store, patient_column=True)
        self.actions.open_patient.connect(self.open_patient)
        self.actions.changed.connect(self._changed)
        layout.addWidget(self.actions, 1)
        self.counts: dict[str, int] = {}
        # The list is built when the view is first shown (or refreshed): a clinic has thousands
        # of open visits, and the main window must be up without waiting for them.
        self.filled = False

    def showEvent(self, event) -> None:
        if not self.filled:
            self.refresh()
        super().showEvent(event)

    @reports_errors
    def refresh(self) -> None:
        today = self.store.clock().date()
        groups = fu.due_list(self.store, today)
        self.counts = {k: len(v) for k, v in groups.items()}
        self.actions.show_groups(groups)
        self.filled = True
        self.summary.setText(self.tr("As of {day}: {overdue} overdue, {week} this week").format(
            day=today.strftime("%d/%m/%Y"), overdue=self.counts["overdue"],
            week=self.counts["this_week"]))

    @reports_errors
    def refresh_counts(self) -> None:
        """Only the counts by class (for the tab's title), without building the list."""
        self.counts = fu.due_counts(self.store, self.store.clock().date())

    def _changed(self) -> None:
        self.refresh()
        self.changed.emit()
