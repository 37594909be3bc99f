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
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Callable

from rejuv_desktop.documents.context import (AftercareContext, ClinicInfo, ConsentContext,
                                             PatientInfo, PractitionerInfo, SignatureInfo,
                                             SummaryContext)
from rejuv_desktop.domain import consultation as dc
from rejuv_desktop.domain import plan_binding as pb
from rejuv_desktop.domain import screening as scr
from rejuv_desktop.domain.recommendation import CONCERN_LABELS
from rejuv_desktop.domain.schedule import planned_session_line
from rejuv_desktop.errors import NotFound, UserError, ValidationError
from rejuv_desktop.services import settings as ss
from rejuv_desktop.storage import consultations as consult_repo
from rejuv_desktop.storage import documents as repo
from rejuv_desktop.storage import patients as patients_repo
from rejuv_desktop.storage import practitioners as practitioners_repo

log = logging.getLogger(__name__)
KINDS = ("consent", "aftercare", "summary")
PHOTO_USES = ("clinical_record", "teaching", "publication")


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
    s = ss.get_settings(store)
    if not s.get("clinic_name") or not s.get("clinic_phone"):
        raise UserError("The clinic's name and phone number are not set: add them in "
                        "Settings before issuing documents (they are printed on every page).")
    logo = s.get("clinic_logo_path")
    logo_png = Path(logo).read_bytes() if logo and Path(logo).is_file() else None
    return ClinicInfo(s["clinic_name"], s.get("clinic_address", ""), s["clinic_phone"], logo_png)


def _patient(store, patient_id: int) -> tuple[dict, PatientInfo]:
    p = patients_repo.get(store, patient_id)
    return p, PatientInfo(f"{p['given_name']} {p['family_name']}",
                          date.fromisoformat(p["date_of_birth"]))


def _practitioner(store, practitioner_id: int | None) -> PractitionerInfo:
    if practitioner_id is None:
        raise UserError("Sign in before issuing documents: your name is printed on them.")
    pr = practitioners_repo.get(store, practitioner_id)
    return PractitionerInfo(pr["name"], pr["title"], pr["registration"])


def _new_number(store, kind: str) -> str:
    """The next document number of the day, e.g. CF-20261122-0003 (consent form)."""
    prefix = {"consent": "CF", "aftercare": "AC", "summary": "CS"}[kind]
    stem = f"{prefix}-{store.clock():%Y%m%d}-"
    n = store.scalar("SELECT count(*) FROM documents WHERE number LIKE ? AND signed_of IS NULL",
                     (stem + "%",)) + 1
    while repo.number_exists(store, f"{stem}{n:04d}"):
        n += 1
    return f"{stem}{n:04d}"


def _lang(patient: dict) -> str:
    from rejuv_desktop.content import resource_path

    lang = patient.get("preferred_language") or "en"
    return lang if resource_path("documents", lang).is_dir() else "en"


def _session_lines(procedure: str, plan: dict) -> list[str]:
    sessions = dc.planned_sessions(procedure, {"sessions": plan["sessions"],
                                               "interval_days": plan["interval_days"],
                                               "start": plan["start_date"]})
    return [planned_session_line(s) for s in sessions]


def _plan(store, plan_id: int) -> dict:
    plan = store.query_one("SELECT * FROM plans WHERE id = ?", (plan_id,))
    if plan is None:
        raise NotFound(f"Plan {plan_id} does not exist")
    return plan


def active_plan(store, patient_id: int, procedure: str) -> dict | None:
    """The patient's newest plan for a procedure that is not superseded or cancelled."""
    return store.query_one(
        "SELECT * FROM plans WHERE patient_id = ? AND procedure = ? AND status IN"
        " ('planned', 'in_progress', 'completed') ORDER BY id DESC LIMIT 1",
        (patient_id, procedure))


def _long(day: date) -> str:
    return f"{day:%d %B %Y}"


def _by(entry: dict) -> str:
    when = (entry.get("at") or "")[:10]
    return f"{entry.get('by', '')}, {_long(date.fromisoformat(when))}" if when else entry.get("by", "")


def _consulted_by(consultation: dict) -> str:
    return " ".join(x for x in (consultation.get("practitioner_title"),
                                consultation.get("practitioner_name")) if x)


def _decision(consultation: dict, procedure: str, reason: dict) -> tuple[str, str] | None:
    """(what was decided, by whom) for one screening reason of a procedure, as printed."""
    data = consultation["data"]
    chosen = procedure in data.get("chosen", [])
    level = reason["level"]
    if level == "contraindicated":
        return "Not suitable: this treatment is not offered.", _consulted_by(consultation)
    if not chosen:
        what = ("Not planned: to be reviewed after the wait." if level == "defer"
                else "Not planned.")
        return what, _consulted_by(consultation)
    if level == "defer":
        override = pb.override(data, procedure)
        if override:
            return f"Doctor's override: {override['text']}", _by(override)
        start = data["plan"].get(procedure, {}).get("start")
        return (f"Planned after the wait: first session on {_long(date.fromisoformat(start))}."
                if start else "Planned after the wait.", _consulted_by(consultation))
    justification = data.get("justifications", {}).get(procedure) or {}
    return justification.get("text", "") or "To confirm before treatment.", justification.get(
        "by", _consulted_by(consultation))


def screening_points(consultation: dict, procedures: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """(procedure, what was found, what was decided, by) for every reason that is not eligible."""
    rows = []
    for p in procedures:
        verdict = consultation["screening"].get("verdicts", {}).get(p) or {}
        for r in verdict.get("reasons", []):
            if r["level"] == "eligible":
                continue
            what, by = _decision(consultation, p, r)
            rows.append((p, r["text"], what, by))
    return rows


def _reflection_warning(first: date, given_on: date, days: int) -> str | None:
    end = pb.reflection_end(given_on, days)
    if first >= end:
        return None
    return (f"Please note: your first session is planned for {_long(first)}, before the end "
            f"of the {days} days you are given to reflect (until {_long(end)}). It will not "
            "start before then unless a doctor records why, and you may change your mind at "
            "any time.")


def consent_context(store, plan_id: int, photo_consent: dict | None = None,
                    signature: SignatureInfo | None = None, number: str = "",
                    issued_on: date | None = None) -> ConsentContext:
    plan = _plan(store, plan_id)
    patient, patient_info = _patient(store, plan["patient_id"])
    consultation = consult_repo.get_consultation(store, plan["consultation_id"])
    procedure = plan["procedure"]
    findings = [(text, what, by) for _, text, what, by in screening_points(consultation, (procedure,))]
    issued_on = issued_on or store.clock().date()
    given_on = max(date.fromisoformat(consultation["finalised_at"][:10]), issued_on)
    warning = _reflection_warning(date.fromisoformat(plan["start_date"]), given_on,
                                  ss.cooling_off_days(store))
    return ConsentContext(
        clinic=_clinic(store), patient=patient_info,
        practitioner=_practitioner(store, store.actor_id or consultation["practitioner_id"]),
        procedure=procedure, issued_on=issued_on, document_id=number,
        planned_sessions=_session_lines(procedure, plan), caution_findings=findings,
        plan_warnings=[warning] if warning else [],
        photo_consent=photo_consent, signature=signature)


# ------------------------------------------------------------------------------ issuing
def _archive(store, kind: str, rendered, patient_id: int, number: str, **links) -> IssuedDocument:
    digest = hashlib.sha256(rendered.pdf).hexdigest()
    with store.write():
        doc_id = repo.insert(store, {
            "number": number, "patient_id": patient_id, "kind": kind,
            "template_id": rendered.template_id, "template_version": str(rendered.template_version),
            "sha256": digest, "pdf": rendered.pdf, **links})
    log.info("%s %s issued for patient %s", kind, doc_id, patient_id)
    return IssuedDocument(doc_id, number, kind, digest)


def issue_consent(store, plan_id: int, photo_consent: dict | None = None) -> IssuedDocument:
    """Render and archive the consent form of a planned procedure."""
    return consent_job(store, plan_id, photo_consent).run()


def consent_job(store, plan_id: int, photo_consent: dict | None = None) -> IssueJob:
    """The consent form of a planned procedure, ready to render and archive."""
    if photo_consent is not None:
        unknown = set(photo_consent) - set(PHOTO_USES)
        if unknown:
            raise ValidationError({"photo_consent": f"unknown use(s): {', '.join(sorted(unknown))}"})
    plan = _plan(store, plan_id)
    if plan["status"] in ("superseded", "cancelled"):
        raise UserError("This plan was replaced by an amended consultation: issue the consent "
                        "for the current plan.")
    number = _new_number(store, "consent")
    ctx = consent_context(store, plan_id, photo_consent, number=number)
    patient = patients_repo.get(store, plan["patient_id"])
    lang = _lang(patient)
    return IssueJob("consent", lambda: render_consent(ctx, lang), lambda rendered: _archive(
        store, "consent", rendered, plan["patient_id"], number, procedure=plan["procedure"],
        consultation_id=plan["consultation_id"], plan_id=plan_id, lang=lang,
        photo_consent=photo_consent))


def sign_consent(store, document_id: int, method: str, witness: str,
                 image_png: bytes | None = None, photo_consent: dict | None = None) -> IssuedDocument:
    """Record the patient's signature on an issued consent and archive the signed copy."""
    return sign_job(store, document_id, method, witness, image_png, photo_consent).run()


def sign_job(store, document_id: int, method: str, witness: str,
             image_png: bytes | None = None, photo_consent: dict | None = None) -> IssueJob:
    """Record the patient's signature on an issued consent and archive the signed copy.

    ``method`` is "screen" (the drawn signature is placed in the PDF) or "paper" (the
    practitioner records that the printed form was signed). The issued document is unchanged.
    """
    meta = repo.get_meta(store, document_id)
    errors = {}
    if meta["kind"] != "consent" or meta["signed_of"] is not None:
        raise UserError("Only an issued consent form can be signed.")
    if repo.signed_copy_of(store, document_id):
        raise UserError("This consent form is signed already.")
    if method not in ("screen", "paper"):
        errors["method"] = "Choose signed on screen or on paper"
    if not witness.strip():
        errors["witness"] = "Who witnessed the signature?"
    if method == "screen" and not image_png:
        errors["signature"] = "Draw the signature first"
    if errors:
        raise ValidationError(errors)
    import json

    if photo_consent is None and meta["photo_consent_json"]:
        photo_consent = json.loads(meta["photo_consent_json"])
    signed_at = store.clock()
    signature = SignatureInfo(method, image_png if method == "screen" else None, signed_at,
                              witness.strip())
    # The signed copy keeps the issue date of the form the patient read, and its warnings.
    ctx = consent_context(store, meta["plan_id"], photo_consent, signature, meta["number"],
                          issued_on=date.fromisoformat(meta["created_at"][:10]))
    return IssueJob("consent", lambda: render_consent(ctx, meta["lang"]), lambda rendered: _archive(
        store, "consent", rendered, meta["patient_id"], meta["number"] + "-S",
        procedure=meta["procedure"], consultation_id=meta["consultation_id"],
        plan_id=meta["plan_id"], lang=meta["lang"], signed_of=document_id,
        signature_method=method, signed_at=signed_at.isoformat(timespec="seconds"),
        witness=witness.strip(), photo_consent=photo_consent))


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
            session = store.query_one("SELECT * FROM sessions WHERE id = ? AND patient_id = ?",
                                      (session_id, patient_id))
            if session is None:
                raise NotFound(f"Session {session_id} is not one of this patient's sessions")
        else:
            session = sessions_repo.last_session(store, patient_id, procedure)
    if session is not None:
        windows = {f["kind"]: (date.fromisoformat(f["due_from"]), date.fromisoformat(f["due_to"]))
                   for f in store.query("SELECT kind, label, due_from, due_to FROM follow_ups"
                                        " WHERE session_id = ? AND status IN ('due', 'done')"
                                        " ORDER BY due_from", (session["id"],))}
        check = None
        for f in store.query("SELECT label, due_from, due_to FROM follow_ups WHERE session_id = ?"
                             " AND kind = 'review' AND status IN ('due', 'done')"
                             " ORDER BY due_from LIMIT 1", (session["id"],)):
            check = (date.fromisoformat(f["due_from"]), date.fromisoformat(f["due_to"]))
        nxt = windows.get("next_session") or windows.get("maintenance")
        return date.fromisoformat(session["session_date"]), session["id"], nxt, check
    plan = active_plan(store, patient_id, procedure)
    if plan is None:
        raise UserError("There is no session and no plan for this procedure yet, so the "
                        "aftercare dates cannot be worked out.")
    return date.fromisoformat(plan["start_date"]), None, None, None


def issue_aftercare(store, patient_id: int, procedure: str,
                    session_id: int | None = None) -> IssuedDocument:
    """Render and archive the aftercare sheet, dated from the session (or the planned date)."""
    return aftercare_job(store, patient_id, procedure, session_id).run()


def aftercare_job(store, patient_id: int, procedure: str,
                  session_id: int | None = None) -> IssueJob:
    """The aftercare sheet, dated from the session (or the planned date)."""
    patient, patient_info = _patient(store, patient_id)
    session_date, session_id, nxt, check = _aftercare_dates(store, patient_id, procedure,
                                                            session_id)
    number = _new_number(store, "aftercare")
    plan = active_plan(store, patient_id, procedure)
    fallback = None
    if plan is not None:
        fallback = store.scalar("SELECT practitioner_id FROM consultations WHERE id = ?",
                                (plan["consultation_id"],))
    ctx = AftercareContext(
        clinic=_clinic(store), patient=patient_info,
        practitioner=_practitioner(store, store.actor_id or fallback),
        procedure=procedure, session_date=session_date, issued_on=store.clock().date(),
        document_id=number, next_session_window=nxt, check_date=check)
    lang = _lang(patient)
    return IssueJob("aftercare", lambda: render_aftercare(ctx, lang), lambda rendered: _archive(
        store, "aftercare", rendered, patient_id, number, procedure=procedure,
        session_id=session_id, plan_id=plan["id"] if plan else None, lang=lang))


def issue_summary(store, consultation_id: int) -> IssuedDocument:
    """Render and archive the summary of a finalised consultation."""
    return summary_job(store, consultation_id).run()


def summary_job(store, consultation_id: int) -> IssueJob:
    """The summary of a finalised consultation, ready to render and archive."""
    c = consult_repo.get_consultation(store, consultation_id)
    patient, patient_info = _patient(store, c["patient_id"])
    rules = scr.load_rules()
    d = c["data"]
    concerns = [CONCERN_LABELS.get(x, x) for x in d["concerns"] if x != "other"]
    if d.get("concern_other"):
        concerns.append(d["concern_other"])
    skin = []
    for side in dc.SIDES:
        h = d["hands"][side]
        parts = [f"{k} {h[k]}" for k in ("hydration", "elasticity", "texture") if h.get(k)]
        if h.get("lentigines"):
            parts.append(f"brown spots: {dc.LENTIGINES.get(h['lentigines'], h['lentigines'])}")
        if h.get("suspicious_lesion"):
            parts.append("suspicious lesion: referral before any treatment")
        if h.get("notes"):
            parts.append(h["notes"])
        if parts:
            skin.append(f"{side.capitalize()} hand: " + ", ".join(parts))
    verdicts = [(rules.procedure_name(p).capitalize(), v["level"], [r["text"] for r in v["reasons"]])
                for p, v in c["screening"]["verdicts"].items()]
    plan_lines, warnings = [], []
    consulted_on = date.fromisoformat(c["finalised_at"][:10])
    for p in d["chosen"]:
        plan = {"sessions": d["plan"][p]["sessions"], "interval_days": d["plan"][p].get("interval_days"),
                "start_date": d["plan"][p]["start"]}
        line = rules.procedure_name(p).capitalize() + ": " + "; ".join(_session_lines(p, plan))
        unsupported = pb.unsupported_reason(d, p)
        if unsupported:
            line += (f". Planned although the recommendation did not support it, because: "
                     f"{unsupported['text']} ({_by(unsupported)})")
        override = pb.override(d, p)
        if override:
            line += f". Planned despite a screening deferral, on a doctor's override ({_by(override)})"
        plan_lines.append(line)
        warning = _reflection_warning(date.fromisoformat(plan["start_date"]), consulted_on,
                                      ss.cooling_off_days(store))
        if warning:
            warnings.append(f"{rules.procedure_name(p).capitalize()}: {warning}")
    if not d["chosen"]:
        plan_lines.append("No procedure planned. " + (d.get("none_planned_reason") or ""))
    number = _new_number(store, "summary")
    ctx = SummaryContext(
        clinic=_clinic(store), patient=patient_info,
        practitioner=_practitioner(store, c["practitioner_id"]),
        issued_on=store.clock().date(), document_id=number, concerns=concerns,
        goals=d.get("goals", ""), merz={s: d["hands"][s].get("merz") for s in dc.SIDES},
        skin_notes=skin, verdicts=verdicts,
        recommendation=[line["text"] for line in c["recommendation"]["lines"]],
        plan=plan_lines, notes=d.get("notes", ""),
        screening_points=[(f"{rules.procedure_name(p).capitalize()}: {text}", what, by)
                          for p, text, what, by in screening_points(c, scr.PROCEDURES)],
        plan_warnings=warnings)
    lang = _lang(patient)
    return IssueJob("summary", lambda: render_summary(ctx, lang), lambda rendered: _archive(
        store, "summary", rendered, c["patient_id"], number, consultation_id=consultation_id,
        lang=lang))


def print_document(store, kind: str, patient_id: int, procedure: str | None = None,
                   session_id: int | None = None) -> IssuedDocument:
    """Issue and archive a document for the command line (see ``document_job``)."""
    return document_job(store, kind, patient_id, procedure, session_id).run()


def document_job(store, kind: str, patient_id: int, procedure: str | None = None,
                 session_id: int | None = None) -> IssueJob:
    """Issue a document the way the command line asks for it: the patient's current plan for
    a consent, their latest consultation for a summary, the last session for aftercare.
    Says clearly what is missing when the patient has nothing to print it from."""
    patient = patients_repo.get(store, patient_id)
    name = f"{patient['given_name']} {patient['family_name']}"
    procedure_name = scr.load_rules().procedure_name(procedure) if procedure else ""
    if kind == "consent":
        if not procedure:
            raise UserError("Say which procedure the consent is for (--procedure).")
        plan = active_plan(store, patient_id, procedure)
        if plan is None:
            raise UserError(f"{name} has no plan for {procedure_name}: a consent form is issued "
                            "for a procedure planned in a finalised consultation.")
        return consent_job(store, plan["id"])
    if kind == "summary":
        history = consult_repo.consultations_of(store, patient_id)
        if not history:
            raise UserError(f"{name} has no finalised consultation to summarise.")
        return summary_job(store, history[0]["id"])
    if kind == "aftercare":
        if not procedure:
            raise UserError("Say which procedure the aftercare sheet is for (--procedure).")
        return aftercare_job(store, patient_id, procedure, session_id)
    raise UserError(f"Unknown document kind {kind!r}: use consent, aftercare or summary.")


# ------------------------------------------------------------------------------ reading
def signed_consent(store, plan_id: int) -> dict | None:
    """The signed consent on file for a planned procedure, or None (the session gate)."""
    return repo.signed_consent_for_plan(store, plan_id)


def documents_of(store, patient_id: int) -> list[dict]:
    """The patient's archived documents, newest first (metadata only)."""
    return repo.documents_of(store, patient_id)


def document(store, document_id: int) -> dict:
    return repo.get_meta(store, document_id)


def pdf_bytes(store, document_id: int) -> bytes:
    """The archived bytes, checked against their recorded SHA-256."""
    meta = repo.get_meta(store, document_id)
    data = repo.get_pdf(store, document_id)
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
