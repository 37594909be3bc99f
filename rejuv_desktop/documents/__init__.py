"""PDF documents: consent forms, aftercare sheets and consultation summaries.

Record in, PDF bytes out: no Qt, no SQL, no clock. Texts come from templates in
``resources/documents/<lang>/``; every value from the record is escaped, and fonts with
Latin, Greek, Cyrillic and CJK coverage are embedded so any name prints as typed.
"""

from rejuv_desktop.documents.baseline import render_plain_text_baseline
from rejuv_desktop.documents.context import (
    AftercareContext,
    ClinicInfo,
    ConsentContext,
    PatientInfo,
    PractitionerInfo,
    RenderedDocument,
    SignatureInfo,
    SummaryContext,
)
from rejuv_desktop.documents.labels import Labels, load_labels
from rejuv_desktop.documents.render import render_aftercare, render_consent, render_summary
from rejuv_desktop.documents.templates import Template, load_template

__all__ = [
    "AftercareContext",
    "ClinicInfo",
    "ConsentContext",
    "Labels",
    "PatientInfo",
    "PractitionerInfo",
    "RenderedDocument",
    "SignatureInfo",
    "SummaryContext",
    "Template",
    "load_labels",
    "load_template",
    "render_aftercare",
    "render_consent",
    "render_plain_text_baseline",
    "render_summary",
]
