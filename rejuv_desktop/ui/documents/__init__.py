"""Documents in the app: preview, print, save, sign, and the patient's document list."""


def install(window) -> None:
    """Add the Documents tab to the patient's record."""
    from rejuv_desktop.ui.documents.tab import DocumentsTab

    tab = DocumentsTab(window.store, window)
    window.record.add_patient_tab(tab, tab.tr("Documents"), index=1)
    window.documents_tab = tab
