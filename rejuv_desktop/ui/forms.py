"""Messages next to the fields of a form: the red label under a field, and filling it in.

Bad input gets a message next to the field it is about, so every form builds its rows and shows
a ValidationError's messages the same way.
"""

from __future__ import annotations

from typing import Mapping

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from rejuv_desktop.ui.errors import said

ERROR_STYLE = "color: #b3261e;"


def message_label(style: str = ERROR_STYLE, name: str = "") -> QLabel:
    """A label for messages next to fields: wraps, hidden while empty."""
    label = QLabel()
    label.setStyleSheet(style)
    label.setWordWrap(True)
    label.hide()
    if name:
        label.setObjectName(name)
    return label


def add_field_row(form: QFormLayout, label: str, widget: QWidget,
                  spacing: int | None = None) -> QLabel:
    """Add ``widget`` as a row of ``form`` with its error label right under it; returns the label."""
    box = QWidget()
    inner = QVBoxLayout(box)
    inner.setContentsMargins(0, 0, 0, 0)
    if spacing is not None:
        inner.setSpacing(spacing)
    inner.addWidget(widget)
    error = message_label()
    inner.addWidget(error)
    form.addRow(label, box)
    return error


def show_field_errors(labels: Mapping[str, QLabel], errors: Mapping[str, str]) -> None:
    """Show each field's message under it; the labels of fields without one are hidden."""
    for key, label in labels.items():
        label.setText(said(errors.get(key, "")))
        label.setVisible(key in errors)
