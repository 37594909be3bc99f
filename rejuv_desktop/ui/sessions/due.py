"""Follow-up visits: the clinic's Due view (overdue, this week, upcoming) and the actions on a
visit (mark done, reschedule, cancel), also used in the patient's Sessions tab."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QDialog, QDialogButtonBox,
                               QFormLayout, QGridLayout, QHBoxLayout, QHeaderView, QInputDialog, QLabel,
                               QLineEdit, QPushButton, QToolButton, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

from rejuv_desktop.errors import UserError, ValidationError
from rejuv_desktop.services import follow_ups as fu
from rejuv_desktop.ui.errors import reports_errors, show_user_error
from rejuv_desktop.ui.legal_words import legal_note
from rejuv_desktop.ui.date_field import DateField
from rejuv_desktop.ui.i18n import date_format
from rejuv_desktop.ui.sessions.common import (procedure_label, status_name, fmt_day,
                                              fmt_window, message_label, show_text)

ID_ROLE = Qt.ItemDataRole.UserRole
PATIENT_ROLE = Qt.ItemDataRole.UserRole + 1
GROUPS = (("overdue", QT_TRANSLATE_NOOP("FollowUpActions", "Overdue"), "#b3261e"),
          ("this_week", QT_TRANSLATE_NOOP("FollowUpActions", "This week"), "#8a4b00"),
          ("upcoming", QT_TRANSLATE_NOOP("FollowUpActions", "Upcoming"), "#333333"))


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
    phone: str = ""
    key: str = ""
    """Unique in a list: ``follow_up:<id>``, or ``plan:<id>`` for a planned session (whose
    ``id`` is None and ``status`` ``planned``: it is started from the Sessions tab)."""
    visit_date: str | None = None
    legal: str = ""
    """What the law still asks before this planned session (the quote, the wait after it)."""


def _from_row(row: dict) -> Visit:
    return Visit(row["id"], row["patient_id"], "", row["label"], row.get("procedure"),
                 date.fromisoformat(row["due_from"]), date.fromisoformat(row["due_to"]),
                 row["status"], row["note"], key=f"follow_up:{row['id']}",
                 visit_date=row.get("visit_date"))


def _planned_label(item: fu.DueItem) -> str:
    """A planned session as the lists name it, in the interface's language."""
    if item.session_count and item.session_count > 1:
        return QCoreApplication.translate("FollowUpActions", "Session {n} of {total} (planned)"
                                          ).format(n=item.session_number, total=item.session_count)
    return QCoreApplication.translate("FollowUpActions", "Session (planned)")


def _from_due(item: fu.DueItem) -> Visit:
    label = _planned_label(item) if item.kind == "planned_session" else item.label
    return Visit(item.id, item.patient_id, item.patient_name, label, item.procedure,
                 item.due_from, item.due_to, "due" if item.id is not None else "planned",
                 item.note, item.phone, item.key,
                 legal=legal_note(item.legal) if item.legal else "")


class VisitDoneDialog(QDialog):
    """The day the patient was seen (today unless changed; never in the future), a note, and
    for a visit before its window opens, why the patient was seen early."""

    def __init__(self, visit: Visit, today: date, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Visit done"))
        self.visit, self.today = visit, today
        self.setMinimumWidth(440)
        layout = QFormLayout(self)
        layout.addRow(QLabel(self.tr("{visit} (due {window})").format(
            visit=visit.label, window=fmt_window(visit.due_from, visit.due_to))))
        self.visit_date = DateField()
        self.visit_date.setObjectName("visit_date")
        self.visit_date.setDateRange(QDate(2000, 1, 1), QDate(today.year, today.month, today.day))
        self.visit_date.setDate(QDate(today.year, today.month, today.day))
        self.visit_date.dateChanged.connect(lambda *_: self._update())
        self.visit_date.edit.textEdited.connect(lambda *_: self._update())
        self.date_error = message_label(name="visit_date_error")
        self.early = QCheckBox(self.tr("Seen early (before the window opened)"))
        self.early.setObjectName("seen_early")
        self.early.toggled.connect(lambda *_: self._update())
        self.early_reason = QLineEdit()
        self.early_reason.setObjectName("early_reason")
        self.early_reason.setPlaceholderText(self.tr("Why the patient was seen early"))
        self.early_error = message_label(name="early_reason_error")
        self.note = QLineEdit()
        self.note.setObjectName("visit_note")
        self.note.setPlaceholderText(self.tr("How it went (optional)"))
        layout.addRow(self.tr("Seen on:"), self.visit_date)
        layout.addRow(self.date_error)
        layout.addRow(self.early)
        layout.addRow(self.tr("Reason:"), self.early_reason)
        layout.addRow(self.early_error)
        layout.addRow(self.tr("Note:"), self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("visit_done_save")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)
        self._update()

    def seen_on(self) -> date | None:
        """The day typed or picked; None while it is not a whole date up to today."""
        day = self.visit_date.date()
        return day.toPython() if day.isValid() else None

    def _update(self) -> None:
        seen = self.seen_on()
        if seen is None:
            show_text(self.date_error, self.visit_date.problem())
            self.save_button.setEnabled(False)
            return
        show_text(self.date_error, "")
        before = seen < self.visit.due_from
        self.early.setVisible(before)
        self.early_reason.setVisible(before)
        self.early_reason.setEnabled(self.early.isChecked())
        layout = self.layout()
        for widget in (self.early, self.early_reason):
            label = layout.labelForField(widget)
            if label is not None:
                label.setVisible(before)
        if before and not self.early.isChecked():
            show_text(self.early_error, self.tr(
                "This visit's window opens on {day}: it cannot be marked done before then. "
                "If the patient was seen early, tick \"Seen early\" and say why.").format(
                day=fmt_day(self.visit.due_from)))
        else:
            show_text(self.early_error, "")
        self.save_button.setEnabled(not before or self.early.isChecked())

    def reason(self) -> str:
        return self.early_reason.text() if self.early.isChecked() else ""


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
            edit.setDisplayFormat(date_format())
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
        self.visits: dict[str, Visit] = {}
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
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        if patient_column:
            self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            self.tree.header().setStretchLastSection(False)
            # Rows grow to the wrapped text when the pane is narrow: nothing is cut off.
            self.tree.header().sectionResized.connect(lambda *_: self._fit_rows())
        else:
            self.tree.header().setStretchLastSection(True)
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
        buttons = (self.open_button, self.done_button, self.move_button, self.cancel_button)
        if patient_column:
            # The Due view sits in the narrow pane beside the record: two rows of two, so a
            # longer wording (French) is never cut.
            grid = QGridLayout()
            for n, b in enumerate(buttons):
                grid.addWidget(b, n // 2, n % 2)
            grid.setColumnStretch(2, 1)
            layout.addLayout(grid)
        else:
            for b in buttons:
                row.addWidget(b)
            row.addStretch(1)
            layout.addLayout(row)
        # Features' own buttons, on a row of their own (the pane beside the patient list is
        # narrow on a 1024-pixel screen).
        self.extra_row = QHBoxLayout()
        self.extra_row.addStretch(1)
        layout.addLayout(self.extra_row)
        self.extra_actions: list[tuple[QPushButton, object]] = []
        self._update_buttons()

    def add_visit_action(self, text: str, name: str, slot, enabled) -> QPushButton:
        """A feature's own button acting on the selected visit: ``slot(visit)`` when clicked,
        enabled while ``enabled(visit)`` is true (the visit is None when none is selected)."""
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(lambda: slot(self.selected()))
        self.extra_row.insertWidget(self.extra_row.count() - 1, button)
        self.extra_actions.append((button, enabled))
        self._update_buttons()
        return button

    # filling ------------------------------------------------------------------------------------
    def _item(self, v: Visit, today: date | None = None) -> QTreeWidgetItem:
        what = v.label + (f" · {procedure_label(v.procedure, '')}" if v.procedure else "")
        when = fmt_window(v.due_from, v.due_to)
        if self.patient_column:
            # Name and what on the left; the dates and the phone to call on the right.
            # What the law still asks before a planned session shows on the row itself.
            # The mark beside the name stays in sight when a narrow list cuts the row short.
            legal = f"\n\u26a0 {v.legal}" if v.legal else ""
            name = f"\u26a0 {v.patient_name}" if v.legal else v.patient_name
            item = QTreeWidgetItem([f"{name}\n{what}{legal}",
                                    when + (f"\n☎ {v.phone}" if v.phone else "")])
            item.setToolTip(0, f"{v.patient_name}\n{what}{legal}"
                            + (f"\n{v.note}" if v.note else ""))
            item.setToolTip(1, item.text(1))
        else:
            status = status_name(v.status)
            if v.status == "due" and today is not None and v.due_to < today:
                status = self.tr("overdue")
            if v.status == "done" and v.visit_date:
                status = self.tr("done, seen {day}").format(day=fmt_day(v.visit_date))
            item = QTreeWidgetItem([what, when, status + (f" — {v.note}" if v.note else "")])
            for column in range(3):
                item.setToolTip(column, item.text(column))
        item.setData(0, ID_ROLE, v.key)
        item.setData(0, PATIENT_ROLE, v.patient_id)
        self.visits[v.key] = v
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
                if current is not None and d.key == current.key:
                    self.tree.setCurrentItem(child)
            head.setExpanded(True)
        self._fit()

    def _fit(self) -> None:
        if self.patient_column:
            self.tree.resizeColumnToContents(1)
            self._fit_rows()
        else:
            # The visit's name wraps rather than push when and status out of sight.
            self.tree.resizeColumnToContents(1)
            wanted = self.tree.sizeHintForColumn(0) + 12
            room = max(160, int(self.tree.viewport().width() * 0.45))
            self.tree.setColumnWidth(0, min(wanted, room))
        self._update_buttons()

    def _fit_rows(self) -> None:
        """Each row as tall as its text wrapped to the column's width. Room for every line
        whatever the script: a fallback font for a Chinese or Greek name is taller than the
        list's own font, and Qt sizes rows by the latter."""
        metrics = self.tree.fontMetrics()
        width = max(40, self.tree.columnWidth(0) - 2 * self.tree.indentation() - 8)
        flags = int(Qt.TextFlag.TextWordWrap)
        for i in range(self.tree.topLevelItemCount()):
            head = self.tree.topLevelItem(i)
            for j in range(head.childCount()):
                item = head.child(j)
                lines = sum(max(1, metrics.boundingRect(0, 0, width, 10_000, flags, part)
                                .height() // metrics.lineSpacing())
                            for part in item.text(0).split("\n"))
                lines = max(lines, item.text(1).count("\n") + 1)
                hint = QSize(width, lines * metrics.lineSpacing() + 10)
                if item.sizeHint(0) != hint:
                    item.setSizeHint(0, hint)

    # acting -------------------------------------------------------------------------------------
    def selected(self) -> Visit | None:
        item = self.tree.currentItem()
        key = item.data(0, ID_ROLE) if item is not None else None
        return self.visits.get(key) if key is not None else None

    def _update_buttons(self) -> None:
        v = self.selected()
        open_ = v is not None and v.status == "due"
        self.open_button.setEnabled(v is not None)
        for b in (self.done_button, self.move_button, self.cancel_button):
            b.setEnabled(open_)
        for button, enabled in getattr(self, "extra_actions", ()):
            button.setEnabled(bool(enabled(v)))

    def _activated(self, item) -> None:
        if item is not None and item.data(0, PATIENT_ROLE) is not None:
            self.open_patient.emit(item.data(0, PATIENT_ROLE))

    @reports_errors
    def mark_done(self) -> None:
        v = self.selected()
        if v is None or v.id is None:
            return
        dialog = VisitDoneDialog(v, self.store.clock().date(), self)
        while dialog.exec():
            if dialog.seen_on() is None:  # never today in place of a half-typed date
                show_text(dialog.date_error, dialog.visit_date.problem())
                continue
            try:
                fu.mark_follow_up_done(self.store, v.id, dialog.note.text(), dialog.seen_on(),
                                       dialog.reason())
            except ValidationError as exc:
                show_text(dialog.early_error, "\n".join(exc.errors.values()))
                continue
            except UserError as exc:
                show_user_error(self, exc, self.tr("Not saved"))
                return
            self.changed.emit()
            return

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
        layout.setContentsMargins(4, 4, 4, 0)
        top = QHBoxLayout()
        self.summary = QLabel()
        self.summary.setObjectName("due_summary")
        self.summary.setWordWrap(True)
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
            day=fmt_day(today), overdue=self.counts["overdue"], week=self.counts["this_week"]))
        self.summary.setToolTip(self.tr("Follow-up visits and planned sessions"))

    @reports_errors
    def refresh_counts(self) -> None:
        """Only the counts by class (for the tab's title), without building the list."""
        self.counts = fu.due_counts(self.store, self.store.clock().date())

    def _changed(self) -> None:
        self.refresh()
        self.changed.emit()


class DayView(QWidget):
    """The front desk's day: who is expected (planned sessions and follow-up visits whose
    window includes the day), with their phone numbers; a row opens the patient."""

    open_patient = Signal(int)

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.setObjectName("day_view")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        top = QHBoxLayout()
        self.previous = QToolButton()
        self.previous.setText("◀")
        self.previous.setToolTip(self.tr("Day before"))
        self.previous.clicked.connect(lambda: self.day_edit.setDate(
            self.day_edit.date().addDays(-1)))
        self.day_edit = DateField()
        self.day_edit.setObjectName("day_view_date")
        self.next = QToolButton()
        self.next.setText("▶")
        self.next.setToolTip(self.tr("Day after"))
        self.next.clicked.connect(lambda: self.day_edit.setDate(self.day_edit.date().addDays(1)))
        self.today_button = QPushButton(self.tr("Today"))
        self.today_button.clicked.connect(self.go_today)
        top.addWidget(self.previous)
        top.addWidget(self.day_edit)
        top.addWidget(self.next)
        top.addWidget(self.today_button)
        top.addStretch(1)
        layout.addLayout(top)
        self.summary = QLabel()
        self.summary.setObjectName("day_summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.tree = QTreeWidget()
        self.tree.setObjectName("day_list")
        self.tree.setHeaderLabels([self.tr("Patient"), self.tr("Phone"), self.tr("Expected for")])
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        # Rows as tall as their wrapped text at the column's width of the moment (the view
        # keeps the heights of the first layout otherwise, and the visit's window is elided).
        self.tree.header().sectionResized.connect(lambda *_: self.tree.scheduleDelayedItemsLayout())
        self.tree.itemActivated.connect(
            lambda item, _c: self.open_patient.emit(item.data(0, PATIENT_ROLE)))
        layout.addWidget(self.tree, 1)
        self.items: list[fu.DueItem] = []
        self.filled = False
        self.day_edit.dateChanged.connect(lambda *_: self.refresh())

    def go_today(self) -> None:
        today = self.store.clock().date()
        day = QDate(today.year, today.month, today.day)
        if self.day_edit.date() == day:
            self.refresh()
        else:
            self.day_edit.setDate(day)

    def showEvent(self, event) -> None:
        if not self.filled:
            self.go_today()
        super().showEvent(event)

    @reports_errors
    def refresh(self) -> None:
        if not self.day_edit.date().isValid():
            return  # a date still being typed
        day = self.day_edit.date().toPython()
        self.items = fu.expected_on(self.store, day)
        self.filled = True
        self.tree.clear()
        for i in self.items:
            # Visit, procedure and window each on a line of its own: wrapped by the view, the
            # window's dates were cut to "(window 29/11 – …".
            lines = [_from_due(i).label] + ([procedure_label(i.procedure, "")] if i.procedure else [])
            if i.due_from != i.due_to:
                lines.append(self.tr("window {window}").format(
                    window=fmt_window(i.due_from, i.due_to)))
            what = " · ".join(lines)
            item = QTreeWidgetItem([i.patient_name, i.phone or "—",
                                    "\n".join(lines) if len(what) > 28 else what])
            for column in range(3):
                item.setToolTip(column, item.text(column))
            item.setData(0, PATIENT_ROLE, i.patient_id)
            self.tree.addTopLevelItem(item)
        for column in (0, 1):
            self.tree.resizeColumnToContents(column)
        sessions = sum(1 for i in self.items if i.kind == "planned_session")
        visits = len(self.items) - sessions
        parts = []
        if sessions:
            parts.append(self.tr("1 planned session") if sessions == 1 else
                         self.tr("{n} planned sessions").format(n=sessions))
        if visits:
            parts.append(self.tr("1 follow-up visit") if visits == 1 else
                         self.tr("{n} follow-up visits").format(n=visits))
        self.summary.setText(
            self.tr("{day}: nobody expected").format(day=f"{day:%A} {fmt_day(day)}")
            if not parts else
            self.tr("{day}: {n} expected ({what})").format(
                day=f"{day:%A} {fmt_day(day)}", n=len(self.items),
                what=self.tr(" and ").join(parts)))
