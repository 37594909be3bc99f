"""PDF documents: consent forms, aftercare sheets, consultation and outcome summaries.

Record in, PDF bytes out: no Qt, no SQL, no clock. Texts come from templates in
``resources/documents/<lang>/``; every value from the record is escaped, and fonts with
Latin, Greek, Cyrillic and CJK coverage are embedded so any name prints as typed.
"""

from importlib import import_module

# Where each public name lives. They are imported on first use, not with the package: the app
# starts without loading ReportLab, which only the renderers need.
_HOMES = {
    "render_plain_text_baseline": "baseline",
    "AftercareContext": "context",
    "ClinicInfo": "context",
    "Countersignature": "context",
    "ConsentContext": "context",
    "PatientInfo": "context",
    "PractitionerInfo": "context",
    "RenderedDocument": "context",
    "SignatureInfo": "context",
    "SummaryContext": "context",
    "OutcomeSummaryContext": "context",
    "GradeRow": "context",
    "AssessmentRow": "context",
    "ComplicationRow": "context",
    "Labels": "labels",
    "load_labels": "labels",
    "render_aftercare": "render",
    "render_consent": "render",
    "render_summary": "render",
    "render_outcome_summary": "outcome_render",
    "Template": "templates",
    "load_template": "templates",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:  # also lets "from rejuv_desktop.documents import fonts" find the module
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
