"""A date field that takes a typed date as typed, with a calendar beside it.

``QDateEdit`` checks every keystroke against its range, section by section: typing 12/01/2027
into a field whose range starts in 2026 turns the month into 12 or the day into 01, depending
where the cursor was. Here the text is read only once it is a whole date (``12/01/2027``,
``12.1.2027`` or ``12012027``); until then nothing changes, and a whole date outside the range
is shown as a problem rather than silently moved. The API follows ``QDateEdit`` (``date``,
``setDate``, ``setDateRange``, ``dateChanged``) so it replaces one in place.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import (QCalendarWidget, QHBoxLayout, QLineEdit, QMenu, QToolButton,
                               QWidget, QWidgetAction)

FORMAT = "dd/MM/yyyy"  # day first, as both languages offered write a date (i18n.date_format)
_PATTERNS = (re.compile(r"\s*(\d{1,2})\s*[/.\-\s]\s*(\d{1,2})\s*[/.\-\s]\s*(\d{4})\s*"),
             re.compile(r"\s*(\d{2})(\d{2})(\d{4})\s*"))
_BAD = "background: #fdecea; border: 1px solid #b3261e;"


def date_placeholder() -> str:
    """What a date field shows while empty: the format, in the interface's words."""
    return QCoreApplication.translate("DateField", "DD/MM/YYYY")


def parse(text: str) -> QDate:
    """The date written in ``text`` (day first), or an invalid QDate."""
    for pattern in _PATTERNS:
        m = pattern.fullmatch(text)
        if m:
            return QDate(int(m[3]), int(m[2]), int(m[1]))
    return QDate()


class DateField(QWidget):
    """A typed or picked date. ``dateChanged`` fires for each whole, valid date in range."""

    dateChanged = Signal(QDate)

    def __init__(self, day: QDate | None = None, parent=None):
        super().__init__(parent)
        self._date = QDate()
        self._min = QDate(1900, 1, 1)
        self._max = QDate(2200, 12, 31)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(date_placeholder())
        self.edit.setMaxLength(12)
        self.edit.setFixedWidth(self.edit.fontMetrics().horizontalAdvance("00/00/00000") + 16)
        self.edit.setAccessibleName(self.tr("Date, day first"))
        self.button = QToolButton()
        self.button.setText("\u25be")
        self.button.setToolTip(self.tr("Choose from a calendar (Alt+Down)"))
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        menu = QMenu(self)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        self.menu = menu
        self.button.setMenu(menu)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        menu.aboutToShow.connect(self._prepare_calendar)
        layout.addWidget(self.edit)
        layout.addWidget(self.button)
        layout.addStretch(1)
        self.setFocusProxy(self.edit)
        self.edit.textEdited.connect(self._typed)
        self.edit.editingFinished.connect(self._finished)
        self.edit.installEventFilter(self)
        if day is not None:
            self.setDate(day)

    # QDateEdit's API -------------------------------------------------------------------------
    def date(self) -> QDate:
        """The date typed or picked; an invalid QDate while the text is not a whole date in
        range (half typed, or wrong)."""
        return QDate(self._date)

    def setDate(self, day: QDate) -> None:
        """Show ``day`` (kept within the range, as QDateEdit does)."""
        if day is None or not day.isValid():
            return
        day = min(max(day, self._min), self._max)
        self.edit.setText(day.toString(FORMAT))
        self._accept(day)

    def setDateRange(self, low: QDate, high: QDate) -> None:
        self._min, self._max = QDate(low), QDate(high)
        self.calendar.setDateRange(low, high)
        if self._date.isValid() and not low <= self._date <= high:
            self.setDate(self._date)

    def minimumDate(self) -> QDate:
        return QDate(self._min)

    def maximumDate(self) -> QDate:
        return QDate(self._max)

    def setDisplayFormat(self, _fmt: str) -> None:
        """Always day/month/year, the app's one date format."""

    def setCalendarPopup(self, _on: bool) -> None:
        """The calendar button is always there."""

    def text(self) -> str:
        return self.edit.text()

    # state ---------------------------------------------------------------------------------
    def problem(self) -> str:
        """What is wrong with the text typed, or "" when it is a date in range."""
        text = self.edit.text().strip()
        if not text:
            return self.tr("Type a date (DD/MM/YYYY)")
        day = parse(text)
        if not day.isValid():
            return self.tr("Not a date: type it as DD/MM/YYYY")
        if not self._min <= day <= self._max:
            return self.tr("Choose a date from {low} to {high}").format(
                low=self._min.toString(FORMAT), high=self._max.toString(FORMAT))
        return ""

    def _accept(self, day: QDate) -> None:
        self.edit.setStyleSheet("")
        self.edit.setToolTip("")
        if day != self._date:
            self._date = QDate(day)
            self.dateChanged.emit(QDate(day))

    def _typed(self, text: str) -> None:
        day = parse(text)
        if day.isValid() and self._min <= day <= self._max:
            self._accept(day)
        elif day.isValid() or len(text.strip()) >= 10:
            self._finished()  # a whole date that cannot be taken: say so now
        elif self._date.isValid():
            # Half typed: the field holds no date (never the one it showed before).
            self._date = QDate()
            self.dateChanged.emit(QDate())

    def _finished(self) -> None:
        problem = self.problem()
        if problem:
            self.edit.setStyleSheet(_BAD)
            self.edit.setToolTip(problem)
            if self._date.isValid():
                self._date = QDate()
                self.dateChanged.emit(QDate())
            return
        day = parse(self.edit.text())
        self.edit.setText(day.toString(FORMAT))
        self._accept(day)

    def _prepare_calendar(self) -> None:
        self.calendar.setSelectedDate(self._date if self._date.isValid() else
                                      max(self._min, min(QDate.currentDate(), self._max)))

    def _picked(self, day: QDate) -> None:
        self.menu.hide()
        self.setDate(day)
        self.edit.setFocus()

    def eventFilter(self, obj, event) -> bool:
        if obj is self.edit and event.type() == event.Type.KeyPress \
                and event.key() == Qt.Key.Key_Down \
                and event.modifiers() & Qt.KeyboardModifier.AltModifier:
            self.button.showMenu()
            return True
        if obj is self.edit and event.type() == event.Type.FocusIn:
            # Typing replaces the whole date, as a person expects.
            from PySide6.QtCore import QTimer

            QTimer.singleShot(0, self.edit.selectAll)
        return super().eventFilter(obj, event)
