"""The words for the codes the photograph services return (views come with their own texts
from ``resources/photos/views.toml``)."""

from __future__ import annotations

from rejuv_desktop.domain import photos as dph
from rejuv_desktop.domain.dates import format_day
from rejuv_desktop.ui.i18n import Context, current_language


class PhotoWords(Context):
    """The context of the photograph screens' shared words in the catalogues."""


tr = PhotoWords.tr


def view_title(view_id: str) -> str:
    """The view's title in the interface's language (from ``photos/views.toml``)."""
    view = dph.get_view(view_id)
    return view.text(current_language())[0] if view else view_id


def view_instructions(view_id: str) -> str:
    view = dph.get_view(view_id)
    return view.text(current_language())[1] if view else ""


def procedure_name(code: str | None) -> str:
    return {"fat_transfer": PhotoWords.tr("fat transfer"), "mesotherapy": PhotoWords.tr("mesotherapy")}.get(
        code or "", code or "")


def consent_reason(reason: str) -> str:
    return {"granted": PhotoWords.tr("consent given"), "refused": PhotoWords.tr("refused"),
            "withdrawn": PhotoWords.tr("consent withdrawn"), "expired": PhotoWords.tr("consent expired"),
            "not_asked": PhotoWords.tr("not asked yet")}.get(reason, reason)


def use_name(use: str) -> str:
    return {"clinical_record": PhotoWords.tr("clinical record"), "teaching": PhotoWords.tr("teaching"),
            "marketing": PhotoWords.tr("marketing")}.get(use, use)


def occasion_text(occasion: dph.Occasion) -> str:
    proc = procedure_name(occasion.procedure)
    if occasion.kind == "baseline":
        what = PhotoWords.tr("Baseline ({procedure})").format(procedure=proc)
    elif occasion.kind == "after_session":
        what = PhotoWords.tr("Session {n} ({procedure})").format(n=occasion.session_number, procedure=proc)
    elif occasion.kind == "end_of_course":
        what = PhotoWords.tr("End of the course, session {n} ({procedure})").format(
            n=occasion.session_number, procedure=proc)
    else:
        what = PhotoWords.tr("{visit} ({procedure})").format(visit=occasion.label or PhotoWords.tr("Review"),
                                                  procedure=proc)
    if occasion.day is not None:
        what += " · " + format_day(occasion.day.isoformat())
    return what


def error_text(exc) -> str:
    """A photograph error in words (the message for any other error)."""
    code = getattr(exc, "code", None)
    params = getattr(exc, "params", {}) or {}
    texts = {
        "heic_unsupported": PhotoWords.tr("This is a HEIC photo (from a phone), which this installation "
                               "cannot read. Export it as JPEG, or ask for the HEIC plug-in "
                               "(pillow-heif) to be installed."),
        "too_large": PhotoWords.tr("This image is too large to be a photograph."),
        "not_an_image": PhotoWords.tr("This file is not a photograph the app can read (JPEG, PNG or "
                           "HEIC)."),
        "duplicate": PhotoWords.tr("This photograph is already in the patient's record (photo {id})."
                        ).format(id=params.get("photo_id")),
        "no_clinical_consent": PhotoWords.tr("The patient has not consented to photographs for the "
                                  "clinical record ({why}). Record their consent first, or "
                                  "their refusal.").format(
            why=consent_reason(params.get("reason", ""))),
        "unknown_view": PhotoWords.tr("Choose one of the standard views."),
        "not_this_patient": PhotoWords.tr("That session or visit is not this patient's."),
        "session_or_follow_up": PhotoWords.tr("A photograph belongs to a session or to a visit, not "
                                   "both."),
        "reason_needed": PhotoWords.tr("Write the reason."),
        "already_archived": PhotoWords.tr("This photograph is already archived."),
        "already_withdrawn": PhotoWords.tr("This consent was already withdrawn."),
        "expiry_past": PhotoWords.tr("The expiry date has already passed."),
        "nothing_chosen": PhotoWords.tr("Choose the photographs first."),
        "no_use_consent": PhotoWords.tr(
            "Nothing was exported: %n photograph(s) have no consent to {use} in force. Record "
            "the patient's consent for each photograph first.", "",
            len(params.get("refused", []))).format(use=use_name(params.get("use", ""))),
        "unreadable": PhotoWords.tr("{name} cannot be read.").format(name=params.get("name", "")),
    }
    return texts.get(code, str(exc))
