"""Outcomes in the app: the follow-up assessment (from the Due list and the record), the
complication log, the record's Outcomes tab with its outcome summary PDF, and Tools ▸ Outcomes."""

from __future__ import annotations
from rejuv_desktop.ui.i18n import Menus


def install(window) -> None:
    """Add the Outcomes tab, the visit actions and the menu entries to the main window."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QKeySequence

    from rejuv_desktop.ui.errors import reports_errors
    from rejuv_desktop.ui.lazy_tab import LazyTab

    store = window.store

    def changed() -> None:
        window.hooks.record_changed()

    @reports_errors
    def summary(patient_id: int) -> None:
        from rejuv_desktop.services import outcomes as so
        from rejuv_desktop.ui.outcomes.summary import OutcomeSummaryDialog

        pdf = so.outcome_summary_pdf(store, patient_id)
        dialog = OutcomeSummaryDialog(pdf, window)
        window.outcome_summary_dialog = dialog
        dialog.show()

    def build_tab():
        from rejuv_desktop.ui.outcomes.record_tab import OutcomesTab

        outcomes = OutcomesTab(store, window)
        outcomes.changed.connect(changed)
        outcomes.summary_requested.connect(summary)
        return outcomes

    tab = LazyTab(build_tab)  # built when first shown
    window.record.add_patient_tab(tab, QCoreApplication.translate("OutcomesTab", "Outcomes"),
                                  rank=35)
    window.outcomes_tab = tab  # a handle for scripts and tests; features use the hooks

    def assessable(visit) -> bool:
        from rejuv_desktop.services import outcomes as so

        if visit is None or visit.id is None or visit.status not in ("due", "done"):
            return False
        form = so.assessment_form(store, visit.id)
        return form.recorded is not None or bool(form.asks)

    @reports_errors
    def assess(visit) -> None:
        from rejuv_desktop.ui.outcomes.assessment import AssessmentDialog

        if not assessable(visit):
            return
        dialog = AssessmentDialog(store, visit.id, window)
        window.assessment_dialog = dialog
        if dialog.exec() and dialog.saved:
            changed()

    @reports_errors
    def complication(visit) -> None:
        from rejuv_desktop.services import outcomes as so
        from rejuv_desktop.ui.outcomes.complication import ComplicationDialog

        if visit is None or visit.id is None:
            return
        form = so.assessment_form(store, visit.id)
        dialog = ComplicationDialog(store, visit.patient_id, form.session_id, visit.id, window)
        window.complication_dialog = dialog
        if dialog.exec():
            changed()

    def add_buttons(actions) -> None:
        actions.add_visit_action(Menus.tr("Assess…"), "follow_up_assess", assess, assessable)
        actions.add_visit_action(Menus.tr("Complication…"), "follow_up_complication",
                                 complication, lambda v: v is not None and v.id is not None)

    window.hooks.visit_list_built.append(add_buttons)

    def show_outcomes() -> None:
        if window.record.patient_id is not None:
            window.record.tabs.setCurrentWidget(tab)

    def record_complication() -> None:
        show_outcomes()
        tab.record_complication()

    window.add_action("patient", Menus.tr("&Outcomes"), show_outcomes, 75,
                      QKeySequence("Ctrl+Shift+O"), "patient_outcomes", needs_patient=True)
    window.add_action("patient", Menus.tr("Record a &complication…"), record_complication, 76,
                      None, "record_complication_menu", needs_patient=True)
    def show_audit() -> None:
        # Loaded when first asked for: the audit's charts and counts are no part of the start.
        from rejuv_desktop.ui.outcomes.audit_view import OutcomesAuditDialog

        dialog = OutcomesAuditDialog(window.store, window)
        window.outcomes_dialog = dialog
        dialog.show()

    window.add_action("tools", Menus.tr("&Outcomes…"), show_audit, 150, name="outcomes_audit")
