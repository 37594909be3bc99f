"""Outcomes in the app: the follow-up assessment (from the Due list and the record), the
complication log, the record's Outcomes tab with its outcome summary PDF, and Tools ▸ Outcomes."""

from __future__ import annotations


def install(window) -> None:
    """Add the Outcomes tab, the visit actions and the menu entries to the main window."""
    from PySide6.QtGui import QKeySequence

    from rejuv_desktop.services import outcomes as so
    from rejuv_desktop.ui.errors import reports_errors
    from rejuv_desktop.ui.outcomes import audit_view
    from rejuv_desktop.ui.outcomes.assessment import AssessmentDialog
    from rejuv_desktop.ui.outcomes.complication import ComplicationDialog
    from rejuv_desktop.ui.outcomes.record_tab import OutcomesTab
    from rejuv_desktop.ui.outcomes.summary import OutcomeSummaryDialog

    store = window.store
    tab = OutcomesTab(store, window)
    sessions_tab = getattr(window, "sessions_tab", None)
    index = (window.record.tabs.indexOf(sessions_tab) + 1 if sessions_tab is not None
             else window.record.tabs.count())
    window.record.add_patient_tab(tab, tab.tr("Outcomes"), index=index)
    window.outcomes_tab = tab
    events = getattr(window, "session_events", None)

    def changed() -> None:
        if events is not None:
            events.changed.emit()
        else:
            window.record.refresh()

    tab.changed.connect(changed)

    @reports_errors
    def summary(patient_id: int) -> None:
        pdf = so.outcome_summary_pdf(store, patient_id)
        dialog = OutcomeSummaryDialog(pdf, window)
        window.outcome_summary_dialog = dialog
        dialog.show()

    tab.summary_requested.connect(summary)

    def assessable(visit) -> bool:
        if visit is None or visit.id is None or visit.status not in ("due", "done"):
            return False
        form = so.assessment_form(store, visit.id)
        return form.recorded is not None or bool(form.asks)

    @reports_errors
    def assess(visit) -> None:
        if not assessable(visit):
            return
        dialog = AssessmentDialog(store, visit.id, window)
        window.assessment_dialog = dialog
        if dialog.exec() and dialog.saved:
            changed()

    @reports_errors
    def complication(visit) -> None:
        if visit is None or visit.id is None:
            return
        form = so.assessment_form(store, visit.id)
        dialog = ComplicationDialog(store, visit.patient_id, form.session_id, visit.id, window)
        window.complication_dialog = dialog
        if dialog.exec():
            changed()

    for actions in (getattr(getattr(window, "due_view", None), "actions", None),
                    getattr(sessions_tab, "follow_ups", None)):
        if actions is None:
            continue
        actions.add_visit_action(actions.tr("Assess…"), "follow_up_assess", assess, assessable)
        actions.add_visit_action(actions.tr("Complication…"), "follow_up_complication",
                                 complication,
                                 lambda v: v is not None and v.id is not None)

    def show_outcomes() -> None:
        if window.record.patient_id is not None:
            window.record.tabs.setCurrentWidget(tab)

    action = window._action(window.patient_menu, window.tr("&Outcomes"), show_outcomes,
                            QKeySequence("Ctrl+Shift+O"), "patient_outcomes")
    window.patient_actions.append(action)
    action = window._action(window.patient_menu, window.tr("Record a &complication…"),
                            tab.record_complication, None, "record_complication_menu")
    window.patient_actions.append(action)
    window._update_actions()
    audit_view.install(window)
