"""Editors for the values a protocol records: numbers with units, text, dates, choices, yes/no.

Each editor calls ``on_commit(key, value)`` when the practitioner finishes an entry (Enter, Tab,
a choice made, or a pause in typing); the runner saves it at once. A value that cannot be read
gets its message under the field and is not sent.

A plain callback rather than a Qt signal, and no Python ``None`` stored in or read from Qt
items: PySide6 6.12 on Python 3.11 loses a reference to ``None``/``True`` at each Python-side
emit and each call returning nothing, and the process aborts once the count runs out. The
editors only touch a widget when what it shows changes, for the same reason.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (QCheckBox, QComboBox, QGridLayout, QHBoxLayout, QLabel,
                               QLineEdit, QVBoxLayout, QWidget)

from rejuv_desktop.domain.protocols import Field, format_number, is_empty
from rejuv_desktop.errors import ValidationError
from rejuv_desktop.services import sessions as ss
from rejuv_desktop.ui.sessions.common import fmt_day, message_label, muted_label, show_text
from rejuv_desktop.ui.date_field import date_placeholder

CHOICES_PER_LINE = 3
PAUSE_MS = 1500  # a pause in typing this long saves the value, like the consultation drafts


def _tooltip(f: Field) -> str:
    parts = [f.help] if f.help else []
    if not f.verified:
        parts.append(QCoreApplication.translate("FieldEditor", "Not verified by a published source")
                     + (f": {f.source}" if f.source else ""))
    return "\n".join(parts)


class FieldEditor(QWidget):
    """One value of one field (one hand, one row): the input, its unit, who entered it, errors."""

    def __init__(self, f: Field, key: str, on_commit: Callable[[str, Any], None], parent=None):
        super().__init__(parent)
        self.field, self.key = f, key
        self.on_commit = on_commit
        self.saved: Any = None
        self.options: list[Any] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(1)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(row)
        self.line: QLineEdit | None = None
        self.combo: QComboBox | None = None
        self.checks: dict[str, QCheckBox] = {}
        if f.type == "choice" and f.multiple:
            # Three to a line, so a long list of choices never widens the window.
            grid = QGridLayout()
            grid.setContentsMargins(0, 0, 0, 0)
            for n, choice in enumerate(f.choices):
                check = QCheckBox(choice)
                check.setObjectName(f"{key}:{choice}")
                check.toggled.connect(self._checks_changed)
                grid.addWidget(check, n // CHOICES_PER_LINE, n % CHOICES_PER_LINE)
                self.checks[choice] = check
            row.addLayout(grid)
            row.addStretch(1)
        elif f.type in ("choice", "bool"):
            self.combo = QComboBox()
            self.combo.setObjectName(key)
            options = [("—", None)] + ([(self.tr("Yes"), True), (self.tr("No"), False)]
                                      if f.type == "bool"
                                      else [(c, c) for c in f.choices])
            for text, _value in options:
                self.combo.addItem(text)
            self.options = [value for _text, value in options]
            self.combo.currentIndexChanged.connect(self._combo_changed)
            row.addWidget(self.combo)
            row.addStretch(1)
        else:
            self.line = QLineEdit()
            self.line.setObjectName(key)
            if f.type in ("number", "integer"):
                self.line.setMaximumWidth(110)
                self.line.setAlignment(Qt.AlignmentFlag.AlignRight)
                if f.min is not None and f.max is not None:
                    self.line.setPlaceholderText(f"{format_number(f.min)}–{format_number(f.max)}")
            elif f.type == "date":
                self.line.setMaximumWidth(110)
                self.line.setPlaceholderText(date_placeholder())
            self.timer = QTimer(self)
            self.timer.setSingleShot(True)
            self.timer.setInterval(PAUSE_MS)
            self.timer.timeout.connect(self.commit_text)
            self.line.textEdited.connect(lambda _t: self.timer.start())
            self.line.editingFinished.connect(self.commit_text)
            row.addWidget(self.line, 1 if f.type == "text" else 0)
            if f.unit:
                row.addWidget(QLabel(f.unit))
            if f.type != "text":
                row.addStretch(1)
        self.setToolTip(_tooltip(f))
        self.who = muted_label()
        self.who.setObjectName(f"who:{key}")
        self.error = message_label(name=f"error:{key}")
        outer.addWidget(self.who)  # always there, so rows keep their height as entries arrive
        outer.addWidget(self.error)

    # showing what is saved ------------------------------------------------------------------
    def set_value(self, value: Any, who: str = "") -> None:
        """Show the saved value (without sending it back); an unsaved typed value is kept."""
        if self.who.text() != who:
            self.who.setText(who)
        if not self.error.isHidden() and self.line is not None:
            return  # what was typed is wrong and not saved: leave it for the practitioner to fix
        self.saved = value
        if self.line is not None:
            if self.line.hasFocus() and self.timer.isActive():
                return
            text = self._as_text(value)
            if self.line.text() != text:
                self.line.setText(text)
        elif self.combo is not None:
            index = next((i for i, v in enumerate(self.options)
                          if v == value and type(v) is type(value)), 0)
            if self.combo.currentIndex() != index:
                self.combo.blockSignals(True)
                self.combo.setCurrentIndex(index)
                self.combo.blockSignals(False)
        else:
            for choice, check in self.checks.items():
                if check.isChecked() != (choice in (value or [])):
                    check.blockSignals(True)
                    check.setChecked(not check.isChecked())
                    check.blockSignals(False)

    def _as_text(self, value: Any) -> str:
        if is_empty(value):
            return ""
        if self.field.type == "date":
            return fmt_day(value)
        if self.field.type in ("number", "integer"):
            return format_number(value)
        return str(value)

    def show_error(self, message: str) -> None:
        if self.error.text() != message or self.error.isHidden() == bool(message):
            show_text(self.error, message)

    # sending what was entered ---------------------------------------------------------------
    def commit_text(self) -> None:
        self.timer.stop()
        try:
            value = ss.parse_text(self.field, self.line.text())
        except ValidationError as exc:
            self.show_error(exc.errors["value"])
            return
        self.show_error("")
        if value != self.saved:
            self.on_commit(self.key, value)

    def _combo_changed(self, index: int) -> None:
        self.on_commit(self.key, self.options[index] if 0 <= index < len(self.options) else None)

    def _checks_changed(self, _on: bool) -> None:
        chosen = [c for c, check in self.checks.items() if check.isChecked()]
        self.on_commit(self.key, chosen or None)
