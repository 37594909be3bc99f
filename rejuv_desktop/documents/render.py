"""Consent forms, aftercare sheets and consultation summaries: record in, PDF bytes out."""

from __future__ import annotations

import re

import dataclasses
import hashlib
from datetime import date, datetime, timedelta
from typing import Any

from reportlab.platypus import Flowable, Paragraph

from rejuv_desktop.documents.blocks import BlockData, BlockRenderer
from rejuv_desktop.documents.context import (
    AftercareContext,
    ClinicInfo,
    ConsentContext,
    DevisContext,
    PatientInfo,
    PractitionerInfo,
    RenderedDocument,
    SummaryContext,
)
from rejuv_desktop.documents.fonts import check_printable, fonts
from rejuv_desktop.documents.labels import Labels, load_labels
from rejuv_desktop.documents.layout import PageDecor, build_pdf, clinic_header, frame_width, page_height
from rejuv_desktop.documents.markup import Filler, plain, user_markup
from rejuv_desktop.documents.styles import make_styles
from rejuv_desktop.documents.templates import Template, load_template
from rejuv_desktop.domain.procedures import is_procedure
from rejuv_desktop.errors import ValidationError

# Running headers and footers hold one line; the page body prints every value in full.
_RUNNING_MAX = 80


def render_consent(ctx: ConsentContext, lang: str = "en") -> RenderedDocument:
    """The consent form for ``ctx.procedure``; with ``ctx.signature`` set, the signed copy.

    A screen signature places the drawn image in the patient's signature block and notes when
    it was signed and who witnessed it; a paper signature draws nothing and notes the same.
    """
    _require(is_procedure(ctx.procedure), "procedure", f"unknown procedure '{ctx.procedure}'")
    sig = ctx.signature
    _check_signature(sig)
    _check_context(ctx)
    tpl = load_template("consent", ctx.procedure, lang)
    labels = load_labels(lang)
    values = _common_values(ctx, labels) | {"planned_session_count": str(len(ctx.planned_sessions))}
    volume = ctx.volume_per_hand_ml
    if volume is None:
        # The one range the protocol states (the consent, recommendation and session share it).
        from rejuv_desktop.domain.protocols import load_protocol

        volume = load_protocol(ctx.procedure).volume_per_hand_ml
    if volume is not None:
        values["volume_per_hand"] = labels.format("number_range", low=volume[0], high=volume[1])
    data = _block_data(ctx, labels)
    data.lists = {"planned_sessions": list(ctx.planned_sessions),
                  "plan_warnings": list(ctx.plan_warnings)}
    data.tables = {"caution_findings": [tuple(f) for f in ctx.caution_findings]}
    data.ticks = {"photo_consent": dict(ctx.photo_consent) if ctx.photo_consent is not None else None}
    data.planned = dict(ctx.planned) if ctx.planned is not None else None
    data.flags = frozenset(ctx.screening_flags)
    initials = _signed(tpl, labels, data, sig)
    return _render(tpl, labels, ctx, values, _dates(tpl, labels, {"issued_on": ctx.issued_on}), data,
                   initials=initials)


def render_devis(ctx: DevisContext, lang: str = "fr") -> RenderedDocument:
    """The detailed quote (devis) of a planned procedure: the acts, fees and products line by
    line, who operates, the total, and the legal text it must reproduce; with ``ctx.signature``
    set, the signed copy."""
    _require(is_procedure(ctx.procedure), "procedure", f"unknown procedure '{ctx.procedure}'")
    _require(bool(ctx.lines), "lines", "a quote needs at least one line")
    _check_signature(ctx.signature)
    _check_context(ctx)
    tpl = load_template("devis", ctx.procedure, lang)
    labels = load_labels(lang)
    values = _common_values(ctx, labels) | {
        "operator": ctx.operator, "total": ctx.total,
        "reflection_days": str(ctx.reflection_days), "article_title": ctx.article_title,
        "article_text": ctx.article_text, "article_note": ctx.article_note}
    data = _block_data(ctx, labels)
    data.lists = {"planned_sessions": list(ctx.planned_sessions)}
    data.tables = {"lines": [tuple(line) for line in ctx.lines]}
    initials = _signed(tpl, labels, data, ctx.signature)
    return _render(tpl, labels, ctx, values, _dates(tpl, labels, {"issued_on": ctx.issued_on}),
                   data, initials=initials)


def render_aftercare(ctx: AftercareContext, lang: str = "en") -> RenderedDocument:
    """The aftercare sheet for one session, with real dates counted from ``session_date``."""
    _require(is_procedure(ctx.procedure), "procedure", f"unknown procedure '{ctx.procedure}'")
    for name, span in (("next_session_window", ctx.next_session_window), ("check_date", ctx.check_date)):
        _require(span is None or (len(span) == 2 and span[0] <= span[1]), name, "the first day must not be after the last")
    _check_context(ctx)
    tpl = load_template("aftercare", ctx.procedure, lang)
    labels = load_labels(lang)
    values = _common_values(ctx, labels) | {
        "session_date": labels.date(ctx.session_date, weekday=True),
        "out_of_hours_phone": ctx.out_of_hours_phone.strip() or ctx.clinic.phone,
        "emergency_number": ctx.emergency_number,
    }
    overrides = {"next_session": ctx.next_session_window, "check": ctx.check_date}
    dates = _dates(tpl, labels, {"session_date": ctx.session_date, "issued_on": ctx.issued_on}, overrides)
    data = _block_data(ctx, labels)
    data.lists = {"visits": [labels.format("visit", when=labels.date_range(start, end, weekday=True), what=what)
                             for what, start, end in ctx.visits],
                  "sedation": [labels["sedation_no_driving"], labels["sedation_escort"]]
                  if ctx.sedation else []}
    return _render(tpl, labels, ctx, values, dates, data)


def render_summary(ctx: SummaryContext, lang: str = "en") -> RenderedDocument:
    """The consultation summary: concerns, Merz grades, screening verdicts, recommendation, plan."""
    for hand, grade in ctx.merz.items():
        _require(grade is None or (isinstance(grade, int) and 0 <= grade <= 4), "merz", f"the {hand} grade must be 0 to 4")
    _check_context(ctx)
    tpl = load_template("summary", None, lang)
    labels = load_labels(lang)
    data = _block_data(ctx, labels)
    data.lists = {
        "concerns": list(ctx.concerns),
        "skin_notes": list(ctx.skin_notes),
        "recommendation": _recommendation_words(ctx.recommendation, lang),
        "plan": list(ctx.plan),
        "plan_warnings": list(ctx.plan_warnings),
        "next_steps": list(ctx.next_steps),
    }
    data.tables = {"screening_points": [tuple(x) for x in ctx.screening_points]}
    data.flags = frozenset({"nothing_planned"}) if ctx.nothing_planned else frozenset()
    data.texts = {"goals": ctx.goals, "notes": ctx.notes}
    data.merz = dict(ctx.merz)
    data.verdicts = [(label, level, list(reasons)) for label, level, reasons in ctx.verdicts]
    data.photos = list(ctx.photo_pairs)
    data.lang = lang
    values = _common_values(ctx, labels) | {"consulted_on": labels.date(ctx.consulted_on or ctx.issued_on)}
    return _render(tpl, labels, ctx, values, _dates(tpl, labels, {"issued_on": ctx.issued_on}), data)


def _recommendation_words(lines, lang: str) -> list[str]:
    """The recommendation's lines in the document's language (a line already in words, such as
    one stored by an earlier version, as it is)."""
    from rejuv_desktop.documents.phrases import load_phrasebook

    book = load_phrasebook(lang)
    return [line if isinstance(line, str) else book.line(line) for line in lines]


# -- shared steps ---------------------------------------------------------------------------------


def _check_signature(sig) -> None:
    if sig is not None:
        _require(sig.method in ("screen", "paper"), "signature", "the signing method must be 'screen' or 'paper'")
        _require(sig.method != "screen" or bool(sig.image_png), "signature", "a signature on screen needs the drawn image")
        _require(isinstance(sig.signed_at, datetime), "signature", "the signing time is missing")


def _signed(tpl: Template, labels: Labels, data: BlockData, sig) -> str | None:
    """Put a signature (the patient's, witnessed, and the practitioner's countersignature) into
    ``data``; returns what the footer prints in place of the initials line."""
    initials = labels["initials"] if tpl.initials_in_footer else None
    if sig is None:
        return initials
    when = labels.date_time(sig.signed_at)
    role = labels[sig.witness_role] if sig.witness_role in ("witness", "interpreter") else sig.witness_role
    who = f"{sig.witness} ({role})"
    key = "signed_on_screen" if sig.method == "screen" else "signed_on_paper"
    note = labels.format(key, signed_at=when, witness=who)
    if sig.method == "paper" and sig.scan_sha256:
        note += " " + labels.format("scan_attached", sha256=sig.scan_sha256)
    data.signature_note = note
    data.signed_date = labels.date(sig.signed_at.date())
    data.signature_png = sig.image_png if sig.method == "screen" else None
    data.witness_lines = (who,)
    if sig.method == "screen":
        data.confirmations = tuple(sig.confirmations)
        if tpl.initials_in_footer:
            initials = labels.format("one_signature_covers", signed_at=when)
    else:
        data.confirmations_note = labels["confirmations_on_paper"]
        if tpl.initials_in_footer:
            initials = labels["initials_on_paper"]
    cs = sig.countersignature
    if cs is not None:
        data.countersign_png = cs.image_png
        data.countersign_date = labels.date(cs.signed_at.date())
        if cs.image_png is None and sig.method == "paper":
            data.countersign_text = labels.format(
                "countersigned_on_paper", name=cs.name, registration=cs.registration,
                sha256_short=(sig.scan_sha256 or "")[:12])
        elif cs.image_png is None:
            data.countersign_text = labels.format(
                "countersigned_attested", name=cs.name, registration=cs.registration,
                signed_at=labels.date_time(cs.signed_at))
        if data.countersign_text and not cs.registration.strip():
            # No registration number on file: its place in the sentence is left out.
            text = re.sub(r",\s*(?=,)", "", data.countersign_text)
            data.countersign_text = re.sub(r",\s?(?=\s?;)", "", text)
    return initials


def _require(ok: bool, field: str, message: str) -> None:
    if not ok:
        raise ValidationError({field: message})


_FIELD_NAMES = {
    "clinic.name": "The clinic name",
    "clinic.address": "The clinic address",
    "clinic.phone": "The clinic phone number",
    "patient.full_name": "The patient's name",
    "practitioner.name": "The practitioner's name",
    "practitioner.title": "The practitioner's title",
    "practitioner.registration": "The registration number",
    "document_id": "The document id",
    "signature.witness": "The witness's name",
    "signature.countersignature.name": "The practitioner's name",
}


def _strings(value: Any, path: str):
    """Every string in a context record, with where it sits (``patient.full_name``, ``plan[2]``)."""
    if isinstance(value, str):
        yield path, value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _strings(getattr(value, f.name), f"{path}.{f.name}" if path else f.name)
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, f"{path}[{k}]")
    elif isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            yield from _strings(v, f"{path}[{i}]")


def _check_context(ctx: Any) -> None:
    """Refuse, before any layout, a value holding a character no embedded font can print."""
    fonts()
    for path, text in _strings(ctx, ""):
        check_printable(text, _FIELD_NAMES.get(path, f"The field '{path}'"))
    patient: PatientInfo = ctx.patient
    _require(isinstance(patient.date_of_birth, date), "patient.date_of_birth", "the date of birth is missing")


def _common_values(ctx: Any, labels: Labels) -> dict[str, str]:
    clinic: ClinicInfo = ctx.clinic
    prac: PractitionerInfo = ctx.practitioner
    return {
        "document_id": ctx.document_id,
        "issued_on": labels.date(ctx.issued_on),
        "clinic_name": clinic.name,
        "clinic_address": clinic.address,
        "clinic_phone": clinic.phone,
        "patient_name": ctx.patient.full_name,
        "patient_dob": labels.date(ctx.patient.date_of_birth),
        "practitioner_name": prac.name,
        "practitioner_title": prac.title,
        "practitioner_registration": prac.registration,
    }


def _block_data(ctx: Any, labels: Labels) -> BlockData:
    prac: PractitionerInfo = ctx.practitioner
    reg = f"{labels['registration']} {prac.registration}" if prac.registration.strip() else ""
    return BlockData(
        lists={}, tables={}, texts={}, ticks={}, merz={}, verdicts=[],
        patient_name=ctx.patient.full_name,
        practitioner_lines=tuple(x for x in (f"{prac.title} {prac.name}".strip(), reg) if x.strip()),
    )


def _dates(
    tpl: Template,
    labels: Labels,
    bases: dict[str, date],
    overrides: dict[str, tuple[date, date] | None] | None = None,
) -> dict[str, str]:
    """The template's named dates, counted from their base date and written out in words."""
    out: dict[str, str] = {}
    for key, rule in tpl.dates.items():
        span = (overrides or {}).get(key)
        if span is None:
            base = bases[rule.base]
            span = (base + timedelta(days=rule.days[0]), base + timedelta(days=rule.days[1]))
        out[f"date:{key}"] = labels.date_range(span[0], span[1])
        out[f"weekday_date:{key}"] = labels.date_range(span[0], span[1], weekday=True)
    return out


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _RUNNING_MAX else text[: _RUNNING_MAX - 1] + "\u2026"


def _render(
    tpl: Template, labels: Labels, ctx: Any, values: dict[str, str], dates: dict[str, str], data: BlockData,
    initials: str | None = None,
) -> RenderedDocument:
    if initials is None and tpl.initials_in_footer:
        initials = labels["initials"]
    st = make_styles(tpl.font_size)
    width = frame_width(labels.page_size, st)
    fill = Filler(values, dates, tpl.path)
    clinic: ClinicInfo = ctx.clinic
    clinic_lines = [user_markup(clinic.address)] if clinic.address.strip() else []
    if clinic.phone.strip():
        clinic_lines.append(f"{user_markup(labels['phone'])} {user_markup(clinic.phone)}")
    title_markup = fill(tpl.title)
    story: list[Flowable] = [
        clinic_header(user_markup(clinic.name), clinic_lines, clinic.logo_png, st, width),
        Paragraph(title_markup, st.title),
    ]
    story += BlockRenderer(st, labels, fill, data, width).render(tpl.blocks, page_height(labels.page_size, st), tpl.keep_together)
    footer = labels.format(
        "footer",
        document_id=_clip(ctx.document_id),
        template_id=tpl.id.replace("_", "-"),  # a document-control code, not a stored key
        template_version=tpl.version,
        issued_on=labels.date(ctx.issued_on),
    )
    decor = PageDecor(
        footer_left=user_markup(footer),
        footer_right_pattern=user_markup(labels["page_of"]),
        continuation_left=user_markup(
            labels.format(
                "continuation_header",
                patient_name=_clip(ctx.patient.full_name),
                patient_dob=labels.date(ctx.patient.date_of_birth),
            )
        ),
        continuation_right=user_markup(_clip(plain(title_markup))),
        initials=user_markup(initials) if initials else None,
    )
    pdf = build_pdf(
        story, st, decor, labels.page_size, labels.lang,
        title=plain(title_markup), author=_clip(clinic.name), subject=_clip(ctx.document_id),
    )
    return RenderedDocument(
        pdf=pdf,
        template_id=tpl.id,
        template_version=tpl.version,
        kind=tpl.kind,
        sha256=hashlib.sha256(pdf).hexdigest(),
    )
