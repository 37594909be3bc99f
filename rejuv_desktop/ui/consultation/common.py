"""Pieces shared by the wizard's pages."""

from __future__ import annotations

import html

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget, QWizardPage

from rejuv_desktop.ui.forms import message_label

LEVEL_STYLE = {
    "eligible": ("#1b5e20", "#e8f5e9", QT_TRANSLATE_NOOP("Verdict", "Eligible")),
    "caution": ("#8a4b00", "#fff4e5", QT_TRANSLATE_NOOP("Verdict", "Caution")),
    "defer": ("#0d47a1", "#e3f2fd", QT_TRANSLATE_NOOP("Verdict", "Defer")),
    "contraindicated": ("#b3261e", "#fdecea", QT_TRANSLATE_NOOP("Verdict", "Contraindicated")),
}


def esc(text) -> str:
    """User text made safe for a rich-text label (a name with <b> shows literally)."""
    return html.escape(str(text or "")).replace("\n", "<br>")


def level_badge(level: str) -> str:
    fg, bg, text = LEVEL_STYLE[level]
    text = QCoreApplication.translate("Verdict", text)
    return (f'<span style="color:{fg}; background:{bg}; font-weight:600;">&nbsp;{text}&nbsp;'
            "</span>")


class WizardPage(QWizardPage):
    """A page that reads from and writes into the consultation's data dict.

    ``changed`` fires on every edit so the wizard can autosave after a pause in typing.
    ``page_errors`` returns the problems that keep the practitioner on this page.
    """

    changed = Signal()

    shown_problems: tuple[str, ...] = ()

    def notify(self, *_args) -> None:
        """Slot for any widget's change signal (its arguments are not needed)."""
        self.changed.emit()
        if self.shown_problems:
            self.recheck_problems()

    def recheck_problems(self) -> None:
        """After a refused "Next": each message goes as soon as what it asks is done (no new
        message appears while the practitioner is still typing)."""
        wizard = self.wizard()
        if wizard is None:
            return
        wizard.collect()
        now = set(self.page_errors(wizard.data))
        still = tuple(p for p in self.shown_problems if p in now)
        if still != self.shown_problems:
            self.show_problems(still)

    def load(self, data) -> None:  # pragma: no cover - every page overrides
        raise NotImplementedError

    def save_into(self, data) -> None:  # pragma: no cover - every page overrides
        raise NotImplementedError

    def page_errors(self, data) -> list[str]:
        return []

    def data(self):
        return self.wizard().data

    def initializePage(self) -> None:
        self.load(self.data())

    def validatePage(self) -> bool:
        wizard = self.wizard()
        wizard.collect()
        problems = self.page_errors(wizard.data)
        self.show_problems(tuple(problems))
        return not problems

    def show_problems(self, problems: tuple[str, ...]) -> None:
        self.shown_problems = tuple(problems)
        self.problems.setText("<br>".join(esc(p) for p in problems))
        self.problems.setVisible(bool(problems))

    def add_problems_label(self, layout) -> None:
        self.problems = message_label()
        self.problems.setObjectName("page_problems")
        self.problems.setTextFormat(self.problems.textFormat().RichText)
        layout.addWidget(self.problems)


def scrolling_body(page: QWizardPage) -> tuple[QVBoxLayout, QVBoxLayout]:
    """The page's layout and, inside it, a frameless scrolling area's layout for the content.

    A page whose content can be taller than a laptop screen scrolls its content, while what is
    added to the outer layout (the problems label) stays in view below it.
    """
    outer = QVBoxLayout(page)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    inner = QWidget()
    layout = QVBoxLayout(inner)
    layout.setContentsMargins(0, 0, 0, 0)
    scroll.setWidget(inner)
    outer.addWidget(scroll, 1)
    return outer, layout
