"""The words for the codes the photograph services return (views come with their own texts
from ``resources/photos/views.toml``)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from rejuv_desktop.domain import photos as dph
from rejuv_desktop.domain.dates import format_day


def tr(text: str) -> str:
    return QCoreApplication.translate("photos", text)


def view_title(view_id: str) -> str:
    view = dph.get_view(view_id)
    return view.text("en")[0] if view else view_id


def view_instructions(view_id: str) -> str:
    view = dph.get_view(view_id)
    return view.text("en")[1] if view else ""


def procedure_name(code: str | None) -> str:
    return {"fat_transfer": tr("fat transfer"), "mesotherapy": tr("mesotherapy")}.get(
        code or "", code or "")


def consent_reason(reason: str) -> str:
    return {"granted": tr("consent given"), "refused": tr("refused"),
            "withdrawn": tr("consent withdrawn"), "expired": tr("consent expired"),
            "not_asked": tr("not asked yet")}.get(reason, reason)


def use_name(use: str) -> str:
    return {"clinical_record": tr("clinical record"), "teaching": tr("teaching"),
            "marketing": tr("marketing")}.get(use, use)


def occasion_text(occasion: dph.Occasion) -> str:
    proc = procedure_name(occasion.procedure)
    if occasion.kind == "baseline":
        what = tr("Baseline ({procedure})").format(procedure=proc)
    elif occasion.kind == "after_session":
        what = tr("Session {n} ({procedure})").format(n=occasion.session_number, procedure=proc)
    elif occasion.kind == "end_of_course":
        what = tr("End of the course, session {n} ({procedure})").format(
            n=occasion.session_number, procedure=proc)
    else:
        what = tr("{visit} ({procedure})").format(visit=occasion.label or tr("Review"),
                                                  procedure=proc)
    if occasion.day is not None:
        what += " · " + format_day(occasion.day.isoformat())
    return what


def error_text(exc) -> str:
    """A photograph error in words (the message for any other error)."""
    code = getattr(exc, "code", None)
    params = getattr(exc, "params", {}) or {}
    texts = {
        "heic_unsupported": tr("This is a HEIC photo (from a phone), which this installation "
                               "cannot read. Export it as JPEG, or ask for the HEIC plug-in "
                               "(pillow-heif) to be installed."),
        "too_large": tr("This image is too large to be a photograph."),
        "not_an_image": tr("This file is not a photograph the app can read (JPEG, PNG or "
                           "HEIC)."),
        "duplicate": tr("This photograph is already in the patient's record (photo {id})."
                        ).format(id=params.get("photo_id")),
        "no_clinical_consent": tr("The patient has not consented to photographs for the "
                                  "clinical record ({why}). Record their consent first, or "
                                  "their refusal.").format(
            why=consent_reason(params.get("reason", ""))),
        "unknown_view": tr("Choose one of the standard views."),
        "not_this_patient": tr("That session or visit is not this patient's."),
        "session_or_follow_up": tr("A photograph belongs to a session or to a visit, not "
                                   "both."),
        "reason_needed": tr("Write the reason."),
        "already_archived": tr("This photograph is already archived."),
        "already_withdrawn": tr("This consent was already withdrawn."),
        "expiry_past": tr("The expiry date has already passed."),
        "nothing_chosen": tr("Choose the photographs first."),
        "no_use_consent": tr("Nothing was exported: {n} photograph(s) have no consent to {use} "
                             "in force. Record the patient's consent for each photograph "
                             "first.").format(n=len(params.get("refused", [])),
                                              use=use_name(params.get("use", ""))),
        "unreadable": tr("{name} cannot be read.").format(name=params.get("name", "")),
    }
    return texts.get(code, str(exc))
