"""F1 and the Help menu: the help page of the screen in front of the practitioner."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QApplication, QComboBox, QDialog, QDialogButtonBox, QHBoxLayout,
                               QLabel, QTextBrowser, QVBoxLayout, QWidget)

from rejuv_desktop.ui.geometry import fit_to_screen
from rejuv_desktop.ui.i18n import Menus

# Which help page a window or widget shows, by its class name. The consultation wizard has a
# page per step.
TOPICS = {
    "MainWindow": "main", "PatientDialog": "patient", "DocumentsTab": "documents",
    "PdfPreview": "documents", "IssueConsentDialog": "documents", "SignDialog": "sign",
    "SessionRunner": "session", "SessionsTab": "session", "DueView": "due",
    "LotLookupDialog": "lots", "AuditDialog": "audit", "SettingsDialog": "settings",
    "AccountDialog": "settings", "ConsultationDialog": "consultation-finalise",
    "ConsultationsTab": "consultation-concerns", "FirstRunWizard": "settings",
    "ConcernsPage": "consultation-concerns", "HandsPage": "consultation-hands",
    "ScreeningPage": "consultation-screening", "VerdictPage": "consultation-verdict",
    "RecommendationPage": "consultation-recommendation", "PlanPage": "consultation-plan",
    "FinalisePage": "consultation-finalise", "BackupDialog": "backup", "LockPage": "main",
    "OutcomesTab": "outcomes", "AssessmentDialog": "outcomes", "ComplicationDialog": "outcomes",
    "ResolveDialog": "outcomes", "OutcomesAuditDialog": "outcomes",
    "OutcomeSummaryDialog": "outcomes",
    "PhotosTab": "photos", "CompareDialog": "photos", "UseConsentDialog": "photos",
}
TITLES = {
    "index": QT_TRANSLATE_NOOP("HelpDialog", "Guide"), "main": QT_TRANSLATE_NOOP("HelpDialog", "Main window"), "patient": QT_TRANSLATE_NOOP("HelpDialog", "Patient form"),
    "consultation-concerns": QT_TRANSLATE_NOOP("HelpDialog", "Consultation: concerns and goals"),
    "consultation-hands": QT_TRANSLATE_NOOP("HelpDialog", "Consultation: hand evaluation"),
    "consultation-screening": QT_TRANSLATE_NOOP("HelpDialog", "Consultation: screening"),
    "consultation-verdict": QT_TRANSLATE_NOOP("HelpDialog", "Consultation: verdict"),
    "consultation-recommendation": QT_TRANSLATE_NOOP("HelpDialog", "Consultation: recommendation"),
    "consultation-plan": QT_TRANSLATE_NOOP("HelpDialog", "Consultation: plan"), "consultation-finalise": QT_TRANSLATE_NOOP("HelpDialog", "Consultation: finalise"),
    "documents": QT_TRANSLATE_NOOP("HelpDialog", "Documents"), "sign": QT_TRANSLATE_NOOP("HelpDialog", "Signing a consent"), "session": QT_TRANSLATE_NOOP("HelpDialog", "Procedure session"),
    "due": QT_TRANSLATE_NOOP("HelpDialog", "Due follow-ups"), "lots": QT_TRANSLATE_NOOP("HelpDialog", "Product lots"), "audit": QT_TRANSLATE_NOOP("HelpDialog", "Audit trail"),
    "settings": QT_TRANSLATE_NOOP("HelpDialog", "Settings"), "backup": QT_TRANSLATE_NOOP("HelpDialog", "Backups"),
    "outcomes": QT_TRANSLATE_NOOP("HelpDialog", "Outcomes"),
    "photos": QT_TRANSLATE_NOOP("HelpDialog", "Photographs"),
}


def topic_for(widget: QWidget | None) -> str:
    """The help page for a widget: the nearest of it and its parents that has one."""
    while widget is not None:
        if widget.__class__.__name__ == "ConsultationWizard":
            page = widget.currentPage()
            if page is not None and page.__class__.__name__ in TOPICS:
                return TOPICS[page.__class__.__name__]
        name = widget.__class__.__name__
        if name in TOPICS:
            return TOPICS[name]
        widget = widget.parentWidget()
    return "main"


class HelpDialog(QDialog):
    def __init__(self, topic: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Help"))
        fit_to_screen(self, 760, 700)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Topic")))
        self.topics = QComboBox()
        self.topics.setObjectName("help_topics")
        from rejuv_desktop.services import help as shelp  # loaded when help is first asked for

        for t in shelp.topics():
            self.topics.addItem(self.tr(TITLES[t]) if t in TITLES else t, t)
        row.addWidget(self.topics, 1)
        layout.addLayout(row)
        self.browser = QTextBrowser()
        self.browser.setObjectName("help_text")
        self.browser.setOpenExternalLinks(False)
        layout.addWidget(self.browser, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.topics.currentIndexChanged.connect(lambda _i: self.show_topic(self.topics.currentData()))
        self.show_topic(topic)

    def show_topic(self, topic: str) -> None:
        self.topic = topic
        index = self.topics.findData(topic)
        if index >= 0 and index != self.topics.currentIndex():
            self.topics.setCurrentIndex(index)
            return
        from rejuv_desktop.services import help as shelp

        self.browser.setMarkdown(shelp.help_page(topic))


def show_help(parent: QWidget | None = None, topic: str | None = None) -> HelpDialog:
    if topic is None:
        topic = topic_for(QApplication.focusWidget() or QApplication.activeWindow() or parent)
    dialog = HelpDialog(topic, parent)
    dialog.show()
    return dialog


def install(window) -> None:
    screen = window.add_action("help", Menus.tr("Help for this screen"),
                               lambda: setattr(window, "help_dialog", show_help(window)), 10,
                               QKeySequence(QKeySequence.StandardKey.HelpContents),
                               "help_screen")
    screen.setShortcutContext(screen.shortcutContext().ApplicationShortcut)
    window.add_action("help", Menus.tr("Guide"),
                      lambda: setattr(window, "help_dialog", show_help(window, "index")), 20,
                      name="help_guide")
    window.add_separator("help", 30)
