"""The consultation wizard: concerns → hands → screening → verdict → recommendation → plan →
finalise, branching to a stop page when nothing may be planned.

Every page saves into the draft when it is left, and typing saves after a short pause, so
closing the window or a crash loses at most the field being typed. Reopening the wizard for the
patient resumes where it was.
"""

from __future__ import annotations

import logging
from enum import IntEnum

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWizard

from rejuv_desktop.domain import consultation as dc
from rejuv_desktop.domain import patients as dp
from rejuv_desktop.errors import UserError, ValidationError
from rejuv_desktop.services import consultations as sc
from rejuv_desktop.services import patients as sp
from rejuv_desktop.ui.holds import say
from rejuv_desktop.ui.consultation.intake_pages import ConcernsPage, HandsPage
from rejuv_desktop.ui.consultation.plan_pages import FinalisePage, PlanPage, RecommendationPage
from rejuv_desktop.ui.consultation.screening_pages import ScreeningPage, VerdictPage

log = logging.getLogger(__name__)
AUTOSAVE_MS = 800


class Page(IntEnum):
    CONCERNS = 0
    HANDS = 1
    SCREENING = 2
    VERDICT = 3
    RECOMMENDATION = 4
    PLAN = 5
    FINALISE = 6
    STOP = 7


class ConsultationWizard(QWizard):
    """Run (or resume) a consultation for one patient. Emits ``finalised`` with its id."""

    finalised = Signal(int)

    def __init__(self, store, draft: sc.Draft, parent=None):
        super().__init__(parent)
        self.store = store
        self.draft = draft
        self.data: dc.ConsultationRecord = draft.data
        # The draft's version this window last read or saved: a save over one made elsewhere
        # since is refused, naming who and when.
        self.version = getattr(draft, "version", None)
        self.planning = sc.planning_context(store, draft.amends_id)
        self.default_start = self.planning.default_start
        self.consultation_id: int | None = None
        self.save_error: str | None = None
        self.last_page = 0
        patient = sp.get_patient(store, draft.patient_id)
        self.patient_name = dp.display_name(patient)
        title = self.tr("Consultation — {name}") if not draft.amends_id else self.tr(
            "Amending consultation — {name}")
        self.base_title = title.format(name=self.patient_name)
        self.setWindowTitle(self.base_title)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self.setMinimumSize(860, 640)
        self.pages = {
            Page.CONCERNS: ConcernsPage(), Page.HANDS: HandsPage(),
            Page.SCREENING: ScreeningPage(), Page.VERDICT: VerdictPage(),
            Page.RECOMMENDATION: RecommendationPage(), Page.PLAN: PlanPage(),
            Page.FINALISE: FinalisePage(), Page.STOP: FinalisePage(stop=True),
        }
        self.loaded: set[int] = set()
        for pid, page in self.pages.items():
            self.setPage(pid, page)
            page.changed.connect(self._schedule_save)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Finalise"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Close (keep draft)"))
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(AUTOSAVE_MS)
        self.timer.timeout.connect(self.save_now)
        self.currentIdChanged.connect(self._page_changed)

    # navigation -------------------------------------------------------------------------------
    def initializePage(self, page_id: int) -> None:
        self.collect()
        self.loaded.add(page_id)
        super().initializePage(page_id)

    def nextId(self) -> int:
        current = self.currentId()
        if current == Page.VERDICT:
            self.collect()
            return Page.STOP if dc.evaluate(self.data).stop else Page.RECOMMENDATION
        if current in (Page.FINALISE, Page.STOP):
            return -1
        if current == Page.PLAN:
            return Page.FINALISE
        return current + 1 if current >= 0 else Page.CONCERNS

    def resume(self) -> None:
        """Walk forward to the page the draft was left on (each page checked on the way)."""
        target = self.draft.page
        while self.currentId() != target and self.currentId() not in (-1, Page.FINALISE,
                                                                       Page.STOP):
            before = self.currentId()
            self.next()
            if self.currentId() == before:
                break  # a page still needs something: stay on it

    def _page_changed(self, page_id: int) -> None:
        if page_id >= 0:  # -1 when the dialog closes: the last page stays the one to resume
            self.last_page = page_id
            self.save_now()

    # saving -------------------------------------------------------------------------------------
    def collect(self) -> None:
        """Copy every visited page's widgets into ``self.data``."""
        for pid in sorted(self.loaded):
            self.pages[pid].save_into(self.data)

    def _schedule_save(self) -> None:
        self.timer.start()

    def save_now(self) -> bool:
        self.timer.stop()
        self.collect()
        page = self.currentId() if self.currentId() >= 0 else self.last_page
        try:
            self.version = sc.save_draft(self.store, self.draft.id, self.data, page,
                                         expected_version=self.version)
        except UserError as exc:
            # Keep everything on screen; say clearly that it is not saved.
            first = self.save_error is None
            self.save_error = say(self.store, exc)
            self.setWindowTitle(f"{self.base_title} — " + self.tr("NOT SAVED"))
            if first:
                QMessageBox.warning(self, self.tr("Draft not saved"), self.save_error)
            return False
        self.save_error = None
        self.setWindowTitle(self.base_title)
        return True

    # finishing ------------------------------------------------------------------------------------
    def accept(self) -> None:
        if not self.save_now():
            return
        try:
            self.consultation_id = sc.finalise(self.store, self.draft.id)
        except ValidationError as exc:
            page = self.currentPage()
            page.problems.setText("<br>".join(exc.errors.values()))
            page.problems.show()
            return
        except UserError as exc:
            QMessageBox.warning(self, self.tr("Not finalised"), say(self.store, exc))
            return
        self.finalised.emit(self.consultation_id)
        super().accept()

    def reject(self) -> None:
        self.save_now()
        super().reject()

    def closeEvent(self, event) -> None:
        self.save_now()
        super().closeEvent(event)
