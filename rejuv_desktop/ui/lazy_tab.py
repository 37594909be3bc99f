"""A tab of the patient's record whose content is built the first time it is shown.

At start the window shows the patient list and no record, so the record's Documents and
Sessions tabs (and the modules behind them) need not exist yet: each is a ``LazyTab`` holding
how to build it. It is built when first shown, or when something asks it for more than the
patient it shows (its attributes are those of the content, built on first use). Once built, it
is filled for a newly opened patient only when it is on screen: opening a record reads what
the tab in view shows, and another tab reads its rows when the practitioner turns to it.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QVBoxLayout, QWidget

_OWN = frozenset({"_build", "_content", "_patient", "_stale"})


class LazyTab(QWidget):
    def __init__(self, build: Callable[[], QWidget], parent: QWidget | None = None):
        super().__init__(parent)
        self._build = build
        self._content: QWidget | None = None
        self._patient: int | None = None
        self._stale = False  # built, and not yet filled for ``_patient``
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

    # the record pane tells every tab which patient it shows, built or not, shown or not
    def show_patient(self, patient_id: int | None) -> None:
        """Show ``patient_id``: at once while the tab is on screen, else when it is next shown
        (opening a record fills only the tab in view). Meanwhile the content already answers
        for the new patient (``patient_id``) and is never seen with the previous one."""
        self._patient = patient_id
        if self._content is None:
            return
        if self.isVisible() or getattr(self._content, "fills_when_shown", False):
            # (content that defers its own filling is told at once: it has more to do)
            self._stale = False
            self._content.show_patient(patient_id)
        else:
            self._stale = True
            self._content.patient_id = patient_id

    @property
    def patient_id(self) -> int | None:
        return self._content.patient_id if self._content is not None else self._patient

    @patient_id.setter
    def patient_id(self, value: int | None) -> None:
        self._patient = value
        if value is None:
            self._stale = False  # nobody to show: the record pane shows its empty state
        if self._content is not None:
            self._content.patient_id = value

    def showEvent(self, event) -> None:
        if self._content is None:
            self.content()
        elif self._stale:
            self._stale = False
            if self._patient is not None:
                self._content.show_patient(self._patient)
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
