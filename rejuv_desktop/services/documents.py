"""Issuing, signing and archiving documents: consent forms, aftercare sheets, summaries.

Issuing renders the PDF from the record and archives it (bytes, SHA-256, template id and
version, who and when) in one transaction. An archived document never changes: a reprint gives
the same bytes, and signing adds a signed copy beside the issued one.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, Callable

from rejuv_desktop.documents.context import (AftercareContext, ClinicInfo, ConsentContext,
                                             Countersignature, PatientInfo, PractitionerInfo,
                                             SignatureInfo, SummaryContext)
from rejuv_desktop.domain import consultation as dc
from rejuv_desktop.domain import patients as dp
from rejuv_desktop.domain import screening as scr
from rejuv_desktop.documents.consultation_words import ConsultationWords
from rejuv_desktop.documents.phrases import load_phrasebook
from rejuv_desktop.domain.recommendation import Recommendation
from rejuv_desktop.domain.procedures import procedure_ids
from rejuv_desktop.errors import NotFound, UserError, ValidationError
from rejuv_desktop.services import devis
from rejuv_desktop.services import settings as sset
from rejuv_desktop.storage import consultations as consultations_repo
from rejuv_desktop.storage import documents as documents_repo
from rejuv_desktop.storage import patients as patients_repo
from rejuv_desktop.storage import plans as plans_repo
from rejuv_desktop.storage import practitioners as practitioners_repo

log = logging.getLogger(__name__)
KINDS = ("consent", "aftercare", "summary", "devis")
PHOTO_USES = ("clinical_record", "teaching", "publication")
WITNESS_ROLES = ("witness", "interpreter")
# The scan or photo of a signed paper form: what it may be, recognised by its first bytes.
SCAN_TYPES = {b"%PDF-": "application/pdf", b"\xff\xd8\xff": "image/jpeg",
              b"\x89PNG\r\n\x1a\n": "image/png"}
MAX_SCAN_BYTES = 25_000_000


def render_consent(ctx: ConsentContext, lang: str = "en"):
    """The consent PDF (ReportLab is imported here, on first use, not when the app starts)."""
    from rejuv_desktop.documents.render import render_consent as render

    return render(ctx, lang)


def render_aftercare(ctx: AftercareContext, lang: str = "en"):
    """The aftercare sheet PDF (ReportLab imported on first use)."""
    from rejuv_desktop.documents.render import render_aftercare as render

    return render(ctx, lang)


def render_summary(ctx: SummaryContext, lang: str = "en"):
    """The consultation summary PDF (ReportLab imported on first use)."""
    from rejuv_desktop.documents.render import render_summary as render

    return render(ctx, lang)


@dataclass(frozen=True)
class IssuedDocument:
    id: int
    number: str
    kind: str
    sha256: str


@dataclass
class IssueJob:
    """A document to issue, in two halves: ``render()`` touches no database and can run on a
    worker thread; ``finish(rendered)`` archives the result on the thread that owns the store.
    ``run()`` does both."""

    kind: str
    render: Callable[[], Any]
    finish: Callable[[Any], IssuedDocument]

    def run(self) -> IssuedDocument:
        return self.finish(self.render())


# ------------------------------------------------------------------------------ contexts
def _clinic(store) -> ClinicInfo:
    s = sset.get_settings(store)
    if not s.get("clinic_name") or not s.get("clinic_phone"):
        raise UserError("The clinic's name and phone number are not set: add them in "
                        "Settings before issuing documents (they are printed on every page).")
    logo = s.get("clinic_logo_path")
    logo_png = Path(logo).read_bytes() if logo and Path(logo).is_file() else None
    return ClinicInfo(s["clinic_name"], s.get("clinic_address", ""), s["clinic_phone"], logo_png)


def _patient(store, patient_id: int) -> tuple[dict, PatientInfo]:
    p = patients_repo.get(store, patient_id)
    return p, PatientInfo(dp.display_name(p),
                          date.fromisoformat(p["date_of_birth"]))


def _practitioner(store, practitioner_id: int | None) -> PractitionerInfo:
    if practitioner_id is None:
        raise UserError("Sign in before issuing documents: your name is printed on them.")
    pr = practitioners_repo.get(store, practitioner_id)
    return PractitionerInfo(pr["name"], pr["title"], pr["registration"])


def _new_number(store, kind: str) -> str:
    """The next document number of the day, e.g. CF-20261122-0003 (consent form): the one a
    new document is rendered with. It is taken only by ``_numbered_job``'s finish, inside the
    transaction that stores the document."""
    prefix = {"consent": "CF", "aftercare": "AC", "summary": "CS"}[kind]
    return documents_repo.next_number(store, f"{prefix}-{store.clock():%Y%m%d}-")


def _numbered_job(store, kind: str, number: str, render_numbered: Callable[[str], Any],
                  patient_id: int, **links) -> IssueJob:
    """A new document that prints its own number.

    It is rendered with the number free when the job is made (``number``, from
    ``_new_number``); finishing allocates the number again inside the write transaction that
    stores the document, so two documents never share one and a save that fails takes none.
    When another document took that number meanwhile (a second job finished first), the
    document is rendered again with the number it now gets: the printed number is always the
    stored one.
    """
    stem = number.rsplit("-", 1)[0] + "-"

    def finish(rendered) -> IssuedDocument:
        with store.write():
            allocated = documents_repo.next_number(store, stem)
            if allocated != number:
                rendered = render_numbered(allocated)
            return _archive(store, kind, rendered, patient_id, allocated, **links)

    return IssueJob(kind, lambda: render_numbered(number), finish)


def document_language(store, patient: dict, override: str | None = None) -> str:
    """The language a patient's documents are issued in: ``override`` when given (``--lang``),
    else the patient's preferred language when the app has documents in it, else the clinic's
    default document language (English when the clinic has not chosen one). A language the
    app has no documents in is an error naming it, never a silent switch to another one."""
    lang = override
    if not lang:
        preferred = (patient.get("preferred_language") or "").strip().lower()
        lang = preferred if preferred in sset.LANGUAGES else sset.document_language(store)
    if lang not in sset.LANGUAGES:
        raise UserError(f"No documents are available in '{lang}': choose one of "
                        f"{', '.join(sset.LANGUAGES)}.")
    return lang


def _session_lines(procedure: str, plan: dict, lang: str = "en") -> list[str]:
    """The planned sessions as the documents print them, dates in the document's one format."""
    from rejuv_desktop.documents.labels import load_labels

    labels = load_labels(lang)
    sessions = dc.planned_sessions(procedure, {"sessions": plan["sessions"],
                                               "interval_days": plan["interval_days"],
                                               "start": plan["start_date"]})
    out = []
    for s in sessions:
        if s.earliest == s.latest:
            out.append(labels.format("planned_session", n=s.number, date=labels.date(s.target)))
        else:
            out.append(labels.format("planned_session_window", n=s.number,
                                     date=labels.date(s.target),
                                     range=labels.date_range(s.earliest, s.latest)))
    return out


def active_plan(store, patient_id: int, procedure: str) -> dict | None:
    """The patient's newest plan for a procedure that is not superseded or cancelled."""
    return plans_repo.current_plan(store, patient_id, procedure)


def _capital(text: str) -> str:
    """A list item as a patient reads it: "Volume loss", not "volume loss"."""
    return text[:1].upper() + text[1:]


def _words(lang: str) -> ConsultationWords:
    """The consultation's printed wording in the document's language."""
    from rejuv_desktop.documents.labels import load_labels

    # Screening reasons are stored as English sentences; another language words them again.
    rules = None if lang == "en" else scr.load_rules(lang=lang)
    return ConsultationWords(load_phrasebook(lang), load_labels(lang), rules)


def _reflection_from(store, plan: dict, given_on: date) -> tuple[date, int, bool]:
    """(from when, how many days, whether it is the law's wait) for the reflection warning of a
    plan's first session: the clinic's period from ``given_on``, or, where the law of the
    clinic's country sets a wait after the signed quote at least as long, that wait from the
    quote's signature (from ``given_on`` while it is not signed)."""
    days = devis.reflection_days(store, plan["procedure"])
    if not devis.law_covers_reflection(store, plan["procedure"]):
        return given_on, days, False
    signed_on = devis.status(store, plan).signed_on if plan.get("id") else None
    return signed_on or given_on, days, True


def consent_context(store, plan_id: int, photo_consent: dict | None = None,
                    signature: SignatureInfo | None = None, number: str = "",
                    planned: dict | None = None,
                    issued_on: date | None = None, lang: str | None = None) -> ConsentContext:
    plan = plans_repo.get(store, plan_id)
    patient, patient_info = _patient(store, plan["patient_id"])
    consultation = consultations_repo.get_consultation(store, plan["consultation_id"])
    procedure = plan["procedure"]
    lang = lang or document_language(store, patient)
    words = _words(lang)
    findings = [(text, what, by) for _, text, what, by in words.screening_points(consultation, (procedure,))]
    issued_on = issued_on or store.clock().date()
    given_on = max(date.fromisoformat(consultation["finalised_at"][:10]), issued_on)
    # In France the legal 15 days for fat transfer, which the French consent states, counted
    # from the signed quote (from today at the earliest while it is not signed).
    warning = words.reflection_warning(date.fromisoformat(plan["start_date"]),
                                       *_reflection_from(store, plan, given_on))
    answers = dc.screening_answers(consultation["record"])
    flags = frozenset(q for q, a in answers.items() if a == "yes")
    from rejuv_desktop.domain.protocols import load_protocol

    volume = load_protocol(procedure).volume_per_hand_ml
    return ConsentContext(
        clinic=_clinic(store), patient=patient_info,
        practitioner=_practitioner(store, store.actor_id or consultation["practitioner_id"]),
        procedure=procedure, issued_on=issued_on, document_id=number,
        planned_sessions=_session_lines(procedure, plan, lang), caution_findings=findings,
        plan_warnings=[warning] if warning else [],
        photo_consent=photo_consent, signature=signature, planned=planned,
        screening_flags=flags, volume_per_hand_ml=volume)


def planned_choices(procedure: str, lang: str = "en") -> dict[str, dict[str, str]]:
    """What the consent asks to be named for this procedure, and the choices of each, as the
    template words them: ``{"hands": {"both": "Both hands", ...}, "product": {}}`` (an empty
    dict is typed text)."""
    from rejuv_desktop.documents.markup import plain
    from rejuv_desktop.documents.templates import planned_choices as choices

    return {key: {code: plain(text) for code, text in values.items()}
            for key, values in choices("consent", procedure, lang).items()}


def check_planned(procedure: str, planned: dict | None, lang: str = "en") -> dict | None:
    """``planned`` cleaned (what is planned for this patient, printed on the consent), or
    ValidationError naming each missing or unknown choice. None leaves lines to fill on paper."""
    if planned is None:
        return None
    choices = planned_choices(procedure, lang)
    errors, clean = {}, {}
    unknown = set(planned) - set(choices) - {"donor_site_other"}
    if unknown:
        errors["planned"] = f"unknown item(s): {', '.join(sorted(unknown))}"
    for key, values in choices.items():
        value = planned.get(key)
        if key == "actives":
            items = [v for v in (value or []) if isinstance(v, str) and v.strip()]
            if not items:
                errors[key] = "Tick what the product contains"
            elif any(v not in values for v in items):
                errors[key] = "Unknown ingredient"
            clean[key] = [v for v in values if v in items]  # in the template's order
        elif not values:  # typed text, e.g. the product's name
            if not isinstance(value, str) or not value.strip():
                errors[key] = "Name the product"
            clean[key] = (value or "").strip() if isinstance(value, str) else ""
        elif key == "donor_site" and value == "other":
            other = str(planned.get("donor_site_other") or "").strip()
            if not other:
                errors["donor_site_other"] = "Say where the fat is taken from"
            clean[key] = other
        elif value not in values:
            errors[key] = "Choose one"
        else:
            clean[key] = value
    if errors:
        raise ValidationError(errors)
    return clean


# ------------------------------------------------------------------------------ issuing
def _archive(store, kind: str, rendered, patient_id: int, number: str, **links) -> IssuedDocument:
    digest = hashlib.sha256(rendered.pdf).hexdigest()
    with store.write():
        doc_id = documents_repo.insert(store, {
            "number": number, "patient_id": patient_id, "kind": kind,
            "template_id": rendered.template_id, "template_version": str(rendered.template_version),
            "sha256": digest, "pdf": rendered.pdf, **links})
    log.info("%s %s issued for patient %s", kind, doc_id, patient_id)
    return IssuedDocument(doc_id, number, kind, digest)


def issue_consent(store, plan_id: int, photo_consent: dict | None = None,
                  planned: dict | None = None, lang: str | None = None) -> IssuedDocument:
    """Render and archive the consent form of a planned procedure."""
    return consent_job(store, plan_id, photo_consent, planned, lang).run()


def consent_job(store, plan_id: int, photo_consent: dict | None = None,
                planned: dict | None = None, lang: str | None = None) -> IssueJob:
    """The consent form of a planned procedure, ready to render and archive.

    ``planned`` names what is planned for this patient (see ``check_planned``); None prints
    lines for the practitioner to fill in on paper."""
    if photo_consent is not None:
        unknown = set(photo_consent) - set(PHOTO_USES)
        if unknown:
            raise ValidationError({"photo_consent": f"unknown use(s): {', '.join(sorted(unknown))}"})
    plan = plans_repo.get(store, plan_id)
    planned = check_planned(plan["procedure"], planned)
    if plan["status"] in ("superseded", "cancelled"):
        raise UserError("This plan was replaced by an amended consultation: issue the consent "
                        "for the current plan.")
    from rejuv_desktop.services.sessions import later_screening  # it imports this module

    stopped, _wait = later_screening(store, plan)
    if stopped:  # a newer screening or amendment stops the plan: no consent to sign for it
        raise UserError(stopped)
    number = _new_number(store, "consent")
    lang = document_language(store, patients_repo.get(store, plan["patient_id"]), lang)
    ctx = consent_context(store, plan_id, photo_consent, number=number, planned=planned, lang=lang)
    return _numbered_job(
        store, "consent", number, lambda n: render_consent(replace(ctx, document_id=n), lang),
        plan["patient_id"], procedure=plan["procedure"], consultation_id=plan["consultation_id"],
        plan_id=plan_id, lang=lang, photo_consent=photo_consent, planned=planned)


def sign_consent(store, document_id: int, method: str, witness: str,
                 image_png: bytes | None = None, photo_consent: dict | None = None,
                 **options) -> IssuedDocument:
    """Record the patient's signature on an issued consent and archive the signed copy
    (see ``sign_job`` for the options)."""
    return sign_job(store, document_id, method, witness, image_png, photo_consent, **options).run()


def confirmations_of(store, document_id: int) -> list[str]:
    """The lines of "Your confirmation" of an issued consent, for the patient to tick."""
    from rejuv_desktop.documents.templates import confirmation_items

    meta = documents_repo.get_meta(store, document_id)
    return confirmation_items(meta["procedure"], meta["lang"])


def photo_consent_of(store, document_id: int) -> dict | None:
    """The photo-consent choices made when the consent was issued (None: left for paper)."""
    import json

    raw = documents_repo.get_meta(store, document_id)["photo_consent_json"]
    return json.loads(raw) if raw else None


def _read_scan(path: Path | str | None) -> tuple[str, str, bytes]:
    """(file name, media type, bytes) of the scan or photo of a signed paper form."""
    if path is None or not str(path).strip():
        raise ValidationError({"scan": "Attach the scan or photo of the signed paper form"})
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_SCAN_BYTES:
            raise ValidationError({"scan": f"The file is too large ({size // 1_000_000} MB; at "
                                           f"most {MAX_SCAN_BYTES // 1_000_000} MB)"})
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError({"scan": f"The file cannot be read ({exc.strerror or exc})"}) from None
    if not data:
        raise ValidationError({"scan": "The file is empty"})
    media = next((m for magic, m in SCAN_TYPES.items() if data.startswith(magic)), None)
    if media is None:
        raise ValidationError({"scan": "Choose a PDF, JPEG or PNG file"})
    return path.name, media, data


def sign_job(store, document_id: int, method: str, witness: str,
             image_png: bytes | None = None, photo_consent: dict | None = None, *,
             witness_role: str = "witness", confirmations: list[bool] | None = None,
             countersign_png: bytes | None = None,
             scan_path: Path | str | None = None) -> IssueJob:
    """Record the patient's signature on an issued consent and archive the signed copy.

    ``method`` is "screen" (the drawn signature is placed in the PDF, each line of "Your
    confirmation" ticked by the patient on screen) or "paper" (the patient signed, ticked and
    initialled the printed form; its scan or photo at ``scan_path``, a PDF, JPEG or PNG file,
    is archived beside the issued form with its SHA-256). Either way the patient's answer to
    each use of photographs is recorded (the choices made at issue, unless changed), and the
    practitioner countersigns: drawn (``countersign_png``) or, without a drawing, attested
    with the signed-in practitioner's name, registration and the time. The issued document
    is unchanged.
    """
    meta = documents_repo.get_meta(store, document_id)
    errors: dict[str, str] = {}
    if meta["kind"] not in ("consent", "devis") or meta["signed_of"] is not None:
        raise UserError("Only an issued consent form or quote can be signed.")
    quote = meta["kind"] == "devis"  # signed like a consent, without photographs or ticks
    if documents_repo.signed_copy_of(store, document_id):
        raise UserError("This quote is signed already." if quote
                        else "This consent form is signed already.")
    if method not in ("screen", "paper"):
        errors["method"] = "Choose signed on screen or on paper"
    if not witness.strip():
        errors["witness"] = "Who witnessed the signature (or interpreted)?"
    if witness_role not in WITNESS_ROLES:
        errors["witness_role"] = "Choose witness or interpreter"
    if photo_consent is None and not quote:
        photo_consent = photo_consent_of(store, document_id)
    if not quote and (not isinstance(photo_consent, dict) or set(photo_consent) != set(PHOTO_USES)
                      or not all(isinstance(v, bool) for v in photo_consent.values())):
        errors["photo_consent"] = "Record the patient's yes or no for each use of photographs"
    items = [] if quote else confirmations_of(store, document_id)
    scan = None
    if method == "screen":
        if not image_png:
            errors["signature"] = "Draw the signature first"
        ticks = list(confirmations or [])
        if len(ticks) != len(items) or not all(t is True for t in ticks):
            errors["confirmations"] = ("The patient ticks each confirmation on screen. If they do "
                                       "not agree with one, do not sign: talk it through first.")
    elif method == "paper":
        try:
            scan = _read_scan(scan_path)
        except ValidationError as exc:
            errors.update(exc.errors)
    signer = None
    if store.actor_id is not None:
        pr = practitioners_repo.get(store, store.actor_id)
        signer = (store.actor_id, f"{pr['title']} {pr['name']}".strip(), pr["registration"])
    if not countersign_png and signer is None:
        errors["countersign"] = "Sign in, or draw the practitioner's signature"
    if errors:
        raise ValidationError(errors)
    import json

    signed_at = store.clock()
    scan_digest = hashlib.sha256(scan[2]).hexdigest() if scan else None
    counter = Countersignature(
        name=signer[1] if signer else "", registration=signer[2] if signer else "",
        signed_at=signed_at, image_png=countersign_png or None)
    signature = SignatureInfo(
        method, image_png if method == "screen" else None, signed_at, witness.strip(),
        witness_role=witness_role,
        confirmations=tuple(confirmations or ()) if method == "screen" else (),
        countersignature=counter, scan_sha256=scan_digest)
    planned = json.loads(meta["planned_json"]) if meta["planned_json"] else None
    if quote:
        meta = {**meta, "quote_json": documents_repo.quote_json(store, document_id)}
        render = devis.signed_render(store, meta, signature)
    else:
        # The signed copy keeps the issue date of the form the patient read, and its warnings.
        ctx = consent_context(store, meta["plan_id"], photo_consent, signature, meta["number"],
                              planned, issued_on=date.fromisoformat(meta["created_at"][:10]),
                              lang=meta["lang"])

        def render():
            return render_consent(ctx, meta["lang"])
    signing = {
        "witness_role": witness_role,
        "confirmations": list(signature.confirmations) if method == "screen" else None,
        "countersign": {"method": "drawn" if countersign_png else "attested",
                        "practitioner_id": signer[0] if signer else None,
                        "name": counter.name, "registration": counter.registration,
                        "at": signed_at.isoformat(timespec="seconds")},
    }

    def finish(rendered) -> IssuedDocument:
        with store.write():
            issued = _archive(
                store, meta["kind"], rendered, meta["patient_id"], meta["number"] + "-S",
                procedure=meta["procedure"], consultation_id=meta["consultation_id"],
                plan_id=meta["plan_id"], lang=meta["lang"], signed_of=document_id,
                signature_method=method, signed_at=signed_at.isoformat(timespec="seconds"),
                witness=witness.strip(), photo_consent=photo_consent, signing=signing,
                planned=planned, **({"quote": json.loads(meta["quote_json"])} if quote else {}))
            if scan is not None:
                # Beside the issued form, which is what the patient signed on paper.
                documents_repo.insert_scan(store, {
                    "document_id": document_id, "patient_id": meta["patient_id"],
                    "file_name": scan[0], "media_type": scan[1], "size": len(scan[2]),
                    "sha256": scan_digest, "file_bytes": scan[2]})
        return issued

    return IssueJob(meta["kind"], render, finish)


def scans_of(store, document_id: int) -> list[dict]:
    """Scans of the signed paper form kept beside an issued consent (metadata only)."""
    return documents_repo.scans_of_document(store, document_id)


def scan_file(store, scan_id: int) -> tuple[dict, bytes]:
    """A scan's metadata and bytes, checked against their recorded SHA-256."""
    meta = documents_repo.scan_meta(store, scan_id)
    data = documents_repo.scan_bytes(store, scan_id)
    if hashlib.sha256(data).hexdigest() != meta["sha256"]:
        raise UserError(f"The scan {meta['file_name']} does not match its recorded fingerprint: "
                        "the archive has been altered. Run 'rejuv-desktop check'.")
    return meta, data


def _aftercare_dates(store, patient_id: int, procedure: str, session_id: int | None):
    """(session date, session id, next-session window, check window) for an aftercare sheet:
    the given or last completed session, else the planned first session."""
    try:
        from rejuv_desktop.storage import sessions as sessions_repo
    except ImportError:  # pragma: no cover - sessions not installed in this build
        sessions_repo = None
    session = None
    if sessions_repo is not None:
        if session_id is not None:
            session = sessions_repo.session_of_patient(store, session_id, patient_id)
            if session is None:
                raise NotFound(f"Session {session_id} is not one of this patient's sessions")
        else:
            session = sessions_repo.last_session(store, patient_id, procedure)
    if session is not None:
        booked = sessions_repo.visits_booked_after(store, session["id"])
        windows = {f["kind"]: (date.fromisoformat(f["due_from"]), date.fromisoformat(f["due_to"]))
                   for f in booked}
        review = next((f for f in booked if f["kind"] == "review"), None)
        check = ((date.fromisoformat(review["due_from"]), date.fromisoformat(review["due_to"]))
                 if review else None)
        nxt = windows.get("next_session") or windows.get("maintenance")
        return date.fromisoformat(session["session_date"]), session["id"], nxt, check
    plan = active_plan(store, patient_id, procedure)
    if plan is None:
        raise UserError("There is no session and no plan for this procedure yet, so the "
                        "aftercare dates cannot be worked out.")
    return date.fromisoformat(plan["start_date"]), None, None, None


def _sedation_given(store, session_id: int | None) -> bool:
    """Whether the session recorded sedation (its aftercare then warns about driving)."""
    if session_id is None:
        return False
    from rejuv_desktop.storage import sessions as sessions_repo

    values = sessions_repo.latest_values(store, [session_id], "sedation.").get(session_id, {})
    return values.get("sedation.given") is True


def _booked_visits(store, session_id: int | None) -> tuple[tuple[str, date, date], ...]:
    """The visits booked after a session (reviews, next session, maintenance), in date order:
    the aftercare sheet prints these and no others."""
    if session_id is None:
        return ()
    from rejuv_desktop.storage import sessions as sessions_repo

    # A protocol names a visit, then what the clinician does there ("Review at 3 months: hand
    # grading and improvement scale against baseline"): the patient reads the visit's name.
    return tuple((f["label"].split(": ")[0], date.fromisoformat(f["due_from"]),
                  date.fromisoformat(f["due_to"]))
                 for f in sessions_repo.visits_booked_after(store, session_id))


def issue_aftercare(store, patient_id: int, procedure: str,
                    session_id: int | None = None, lang: str | None = None) -> IssuedDocument:
    """Render and archive the aftercare sheet, dated from the session (or the planned date)."""
    return aftercare_job(store, patient_id, procedure, session_id, lang).run()


def aftercare_job(store, patient_id: int, procedure: str,
                  session_id: int | None = None, lang: str | None = None) -> IssueJob:
    """The aftercare sheet, dated from the session (or the planned date)."""
    patient, patient_info = _patient(store, patient_id)
    session_date, session_id, nxt, check = _aftercare_dates(store, patient_id, procedure,
                                                            session_id)
    number = _new_number(store, "aftercare")
    settings = sset.get_settings(store)
    plan = active_plan(store, patient_id, procedure)
    fallback = None
    if plan is not None:
        fallback = plans_repo.practitioner_of(store, plan["id"])
    ctx = AftercareContext(
        clinic=_clinic(store), patient=patient_info,
        practitioner=_practitioner(store, store.actor_id or fallback),
        procedure=procedure, session_date=session_date, issued_on=store.clock().date(),
        document_id=number, next_session_window=nxt, check_date=check,
        visits=_booked_visits(store, session_id),
        out_of_hours_phone=settings.get("clinic_out_of_hours_phone", ""),
        emergency_number=sset.emergency_number(settings),
        sedation=_sedation_given(store, session_id))
    lang = document_language(store, patient, lang)
    return _numbered_job(
        store, "aftercare", number, lambda n: render_aftercare(replace(ctx, document_id=n), lang),
        patient_id, procedure=procedure, session_id=session_id,
        plan_id=plan["id"] if plan else None, lang=lang)


def issue_summary(store, consultation_id: int, lang: str | None = None) -> IssuedDocument:
    """Render and archive the summary of a finalised consultation."""
    return summary_job(store, consultation_id, lang).run()


def summary_job(store, consultation_id: int, lang: str | None = None) -> IssueJob:
    """The summary of a finalised consultation, ready to render and archive."""
    c = consultations_repo.get_consultation(store, consultation_id)
    patient, patient_info = _patient(store, c["patient_id"])
    d = c["record"]
    lang = document_language(store, patient, lang)
    rules = scr.load_rules(lang=lang)
    words = _words(lang)
    concerns = [_capital(words.book.concern(x)) for x in d.concerns if x != "other"]
    if d.concern_other:
        concerns.append(d.concern_other)
    from rejuv_desktop.domain.scales import load_scales

    scales = load_scales(lang=lang)
    skin = []
    for side in dc.SIDES:
        h = d.hand(side)
        parts = []
        for k in ("hydration", "elasticity", "texture"):
            if getattr(h, k):
                scale = scales.get(k)
                # The scale's own words ("Skin texture: slightly rough"), never its stored code.
                try:
                    word = scale.label(getattr(h, k))
                except (KeyError, ValueError):
                    word = str(getattr(h, k)).replace("_", " ")
                parts.append(words.hand_finding(scale.name.lower(), word.lower()))
        if h.lentigines:
            parts.append(words.brown_spots(words.book.word(f"lentigines_{h.lentigines}")
                                           if h.lentigines in dc.LENTIGINES else h.lentigines))
        if h.suspicious_lesion:
            parts.append(words.suspicious_lesion())
        if h.notes:
            parts.append(h.notes)
        if parts:
            skin.append(words.hand(side, parts))
    verdicts = [(rules.procedure_name(p).capitalize(), v["level"], [words.reason(p, r) for r in v["reasons"]])
                for p, v in c["screening"]["verdicts"].items()]
    plan_lines, warnings = [], []
    consulted_on = date.fromisoformat(c["finalised_at"][:10])
    for p in d.chosen:
        plan = {"sessions": d.plan[p]["sessions"], "interval_days": d.plan[p].get("interval_days"),
                "start_date": d.plan[p]["start"]}
        name = rules.procedure_name(p).capitalize()
        plan_lines.append(words.plan_line(name, _session_lines(p, plan, lang), d, p))
        warning = words.reflection_warning(
            date.fromisoformat(plan["start_date"]),
            *_reflection_from(store, {**plan, "procedure": p}, consulted_on))
        if warning:
            warnings.append(words.plan_warning(name, warning))
    if not d.chosen:
        plan_lines.append(words.nothing_planned(d.none_planned_reason or ""))
    next_steps = words.next_steps(c, rules)
    number = _new_number(store, "summary")
    ctx = SummaryContext(
        clinic=_clinic(store), patient=patient_info,
        practitioner=_practitioner(store, c["practitioner_id"]),
        issued_on=store.clock().date(), document_id=number, concerns=concerns,
        goals=d.goals, merz={s: d.hand(s).merz for s in dc.SIDES},
        skin_notes=skin, verdicts=verdicts,
        recommendation=list(Recommendation.from_json(c["recommendation"]).lines),
        plan=plan_lines, notes=d.notes, next_steps=next_steps,
        consulted_on=consulted_on,
        screening_points=[(words.screening_point(rules.procedure_name(p).capitalize(), text), what, by)
                          for p, text, what, by in words.screening_points(c, procedure_ids())],
        plan_warnings=warnings, nothing_planned=not d.chosen,
        photo_pairs=_photo_pairs(store, c["patient_id"]))
    return _numbered_job(
        store, "summary", number, lambda n: render_summary(_for_print(replace(ctx, document_id=n)), lang),
        c["patient_id"], consultation_id=consultation_id, lang=lang)


def _for_print(ctx: SummaryContext) -> SummaryContext:
    """The summary's photographs downscaled for print (run with the rendering, off the GUI
    thread)."""
    from rejuv_desktop.services.photos import print_copy

    return replace(ctx, photo_pairs=[replace(p, before=print_copy(p.before),
                                             after=print_copy(p.after))
                                     for p in ctx.photo_pairs])


def _photo_pairs(store, patient_id: int):
    """Before and after: the graded views photographed on two days (downscaled for print as
    the summary is rendered)."""
    from rejuv_desktop.documents.context import PhotoPair
    from rejuv_desktop.services import photos as sph

    try:
        return [PhotoPair(a.view, sph.image_bytes(store, a.id), a.day,
                          sph.image_bytes(store, b.id), b.day, a.illustration or b.illustration)
                for a, b in sph.pairs(store, patient_id, sph.PRINTED_VIEWS)]
    except UserError:  # no photo folder (a database in memory) or a file missing: none printed
        log.warning("the photographs could not be added to the summary", exc_info=True)
        return []


def print_document(store, kind: str, patient_id: int, procedure: str | None = None,
                   session_id: int | None = None, lang: str | None = None) -> IssuedDocument:
    """Issue and archive a document for the command line (see ``document_job``); ``lang``
    overrides the patient's document language."""
    return document_job(store, kind, patient_id, procedure, session_id, lang).run()


def document_job(store, kind: str, patient_id: int, procedure: str | None = None,
                 session_id: int | None = None, lang: str | None = None) -> IssueJob:
    """Issue a document the way the command line asks for it: the patient's current plan for
    a consent, their latest consultation for a summary, the last session for aftercare.
    Says clearly what is missing when the patient has nothing to print it from."""
    patient = patients_repo.get(store, patient_id)
    name = dp.display_name(patient)
    procedure_name = scr.load_rules().procedure_name(procedure) if procedure else ""
    if kind == "consent":
        if not procedure:
            raise UserError("Say which procedure the consent is for (--procedure).")
        plan = active_plan(store, patient_id, procedure)
        if plan is None:
            raise UserError(f"{name} has no plan for {procedure_name}: a consent form is issued "
                            "for a procedure planned in a finalised consultation.")
        # What is planned was named when the consent was last issued for this plan; a reprint
        # from the command line names it again (or leaves lines to fill in on paper).
        import json

        previous = documents_repo.last_issued_for_plan(store, plan["id"])
        planned = json.loads(previous["planned_json"]) if previous and previous["planned_json"] else None
        return consent_job(store, plan["id"], planned=planned, lang=lang)
    if kind == "summary":
        history = consultations_repo.consultations_of(store, patient_id)
        if not history:
            raise UserError(f"{name} has no finalised consultation to summarise.")
        return summary_job(store, history[0]["id"], lang)
    if kind == "aftercare":
        if not procedure:
            raise UserError("Say which procedure the aftercare sheet is for (--procedure).")
        return aftercare_job(store, patient_id, procedure, session_id, lang)
    if kind == "devis":
        return devis.devis_for_cli(store, patient_id, procedure, lang)
    raise UserError(f"Unknown document kind {kind!r}: use consent, aftercare, summary or devis.")


# ------------------------------------------------------------------------------ reading
def signed_consent(store, plan_id: int) -> dict | None:
    """The signed consent on file for a planned procedure, or None (the session gate)."""
    return documents_repo.signed_consent_for_plan(store, plan_id)


def documents_of(store, patient_id: int) -> list[dict]:
    """The patient's archived documents, newest first (metadata only)."""
    return documents_repo.documents_of(store, patient_id)


def document(store, document_id: int) -> dict:
    return documents_repo.get_meta(store, document_id)


def pdf_bytes(store, document_id: int) -> bytes:
    """The archived bytes, checked against their recorded SHA-256."""
    meta = documents_repo.get_meta(store, document_id)
    data = documents_repo.get_pdf(store, document_id)
    if hashlib.sha256(data).hexdigest() != meta["sha256"]:
        raise UserError(f"Document {meta['number']} does not match its recorded fingerprint: "
                        "the archive has been altered. Run 'rejuv-desktop check'.")
    return data


def check_pdf_target(path: Path | str, *, overwrite: bool = False) -> Path:
    """Check, before anything is issued, that a PDF can be written at ``path``: a name the
    file system accepts, not a folder, not an existing file (unless ``overwrite``), inside a
    folder that exists or can be made. Raises ``UserError`` saying what to change."""
    path = Path(path)
    anchor = path.parent
    try:
        while not anchor.exists() and anchor != anchor.parent:
            anchor = anchor.parent
        name_max = os.pathconf(anchor, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        name_max = 255
    for part in path.parts:
        size = len(os.fsencode(part))
        if size > name_max:
            raise UserError(f'The name "{part[:40]}…" is too long for this disk ({size} bytes; '
                            f"at most {name_max}). Choose a shorter name.")
    try:
        if str(path).endswith(os.sep) or path.is_dir():
            raise UserError(f"{path} is a folder: give the file's name too, for example "
                            f"{path / 'document.pdf'}.")
        if path.exists() or path.is_symlink():
            if not overwrite:
                raise UserError(f"{path} exists already. Choose another name, or add --force "
                                "to replace it.")
            if not path.is_file():
                raise UserError(f"{path} is not a regular file: choose another name.")
        if anchor.exists() and not anchor.is_dir():
            raise UserError(f"{anchor} is a file, not a folder: the PDF cannot be written "
                            "inside it.")
        if not os.access(anchor, os.W_OK | os.X_OK):
            raise UserError(f"The folder {anchor} cannot be written to: choose another place.")
    except OSError as exc:
        raise UserError(f"The PDF cannot be written to {path}: {exc.strerror or exc}.") from exc
    return path


def write_pdf(data: bytes, path: Path | str) -> Path:
    """Write a PDF atomically: a temporary file beside the target, then a rename. A target
    that cannot be written is a ``UserError`` (the archived copy in the database is kept)."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".rejuv-", suffix=".pdf", dir=path.parent)
    except OSError as exc:
        raise UserError(f"The PDF cannot be written to {path}: {exc.strerror or exc}.") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        if os.path.exists(tmp):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise UserError(f"The PDF cannot be written to {path}: "
                            f"{exc.strerror or exc}.") from exc
        raise
    return path
