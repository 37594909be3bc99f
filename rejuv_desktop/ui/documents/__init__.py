"""Documents in the app: preview, print, save, sign, and the patient's document list."""


def install(window) -> None:
    """Add the Documents tab to the patient's record (built when first shown)."""
    from PySide6.QtCore import QCoreApplication

    from rejuv_desktop.ui.lazy_tab import LazyTab

    def build():
        from rejuv_desktop.ui.documents.tab import DocumentsTab

        return DocumentsTab(window.store, window)

    tab = LazyTab(build)
    # The title keeps the translation context it had when the tab built itself.
    window.record.add_patient_tab(tab, QCoreApplication.translate("DocumentsTab", "Documents"),
                                  rank=20)
    window.documents_tab = tab  # a handle for scripts and tests; features use the hooks

    def summary(patient_id: int | None, consultation_id: int) -> None:
        tab.patient_id = patient_id
        tab.issue_summary(consultation_id)

    window.hooks.summary_requested.append(summary)
    window.hooks.aftercare_requested.append(lambda *args: tab.issue_aftercare_for(*args))
