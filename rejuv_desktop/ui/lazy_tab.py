"""A tab of the patient's record whose content is built the first time it is shown.

At start the window shows the patient list and no record, so the record's Documents and
Sessions tabs (and the modules behind them) need not exist yet: each is a ``LazyTab`` holding
how to build it. It is built when first shown, or when something asks it for more than the
patient it shows (its attributes are those of the content, built on first use).
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QVBoxLayout, QWidget

_OWN = frozenset({"_build", "_content", "_patient"})


class LazyTab(QWidget):
    def __init__(self, build: Callable[[], QWidget], parent: QWidget | None = None):
        super().__init__(parent)
        self._build = build
        self._content: QWidget | None = None
        self._patient: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    @property
    def is_built(self) -> bool:
        return self._content is not None

    def content(self) -> QWidget:
        """The tab's content, built now if it was not yet."""
        if self._content is None:
            content = self._build()
            self._content = content
            self.layout().addWidget(content)
            content.show()  # built while the tab is being shown: Qt has shown its children
            self.layout().activate()  # at the tab's size at once, not at the next layout pass
            if self._patient is not None:
                content.show_patient(self._patient)
        return self._content

    # the record pane tells every tab which patient it shows, built or not
    def show_patient(self, patient_id: int | None) -> None:
        self._patient = patient_id
        if self._content is not None:
            self._content.show_patient(patient_id)

    @property
    def patient_id(self) -> int | None:
        return self._content.patient_id if self._content is not None else self._patient

    @patient_id.setter
    def patient_id(self, value: int | None) -> None:
        self._patient = value
        if self._content is not None:
            self._content.patient_id = value

    def showEvent(self, event) -> None:
        self.content()
        super().showEvent(event)

    def __getattr__(self, name: str):
        # Called only for what the placeholder itself lacks: the content's own attributes
        # (a name Qt's widgets also have, such as ``actions``, is the placeholder's: use
        # ``content()``).
        if name in _OWN or name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.content(), name)

    def __setattr__(self, name: str, value) -> None:
        if name in _OWN or hasattr(type(self), name):
            super().__setattr__(name, value)
        else:
            setattr(self.content(), name, value)
