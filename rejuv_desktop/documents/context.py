"""What a document is filled with: plain frozen records, built by the services from the database.

Every string here is user-entered text: the renderer escapes it, so ``<b>`` or ``&`` prints as
typed. Dates are passed in (the documents layer never reads the clock).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal


@dataclass(frozen=True)
class ClinicInfo:
    """The clinic printed in the header of every document; ``logo_png`` is optional."""

    name: str
    address: str
    phone: str
    logo_png: bytes | None = None


@dataclass(frozen=True)
class PatientInfo:
    """The patient's identifiers printed on every page."""

    full_name: str
    date_of_birth: date


@dataclass(frozen=True)
class PractitionerInfo:
    """The practitioner who gives the information and performs or supervises the procedure."""

    name: str
    title: str
    registration: str


@dataclass(frozen=True)
class Countersignature:
    """The practitioner's countersignature on a signed consent.

    Drawn on screen (``image_png``), or attested by the signed-in practitioner (no image: the
    name, registration and time are printed instead).
    """

    name: str
    registration: str
    signed_at: datetime
    image_png: bytes | None = None


@dataclass(frozen=True)
class SignatureInfo:
    """How a consent was signed.

    ``method`` is ``"screen"`` (``image_png`` holds the drawn signature) or ``"paper"`` (nothing
    is drawn; the scan of the paper form, whose SHA-256 is ``scan_sha256``, holds the signature,
    the ticks and the initials). ``witness`` is who saw it signed, as a ``witness_role``
    (``"witness"`` or ``"interpreter"``). ``confirmations`` holds, in order, each line of "Your
    confirmation" as the patient ticked it on screen.
    """

    method: Literal["screen", "paper"]
    image_png: bytes | None
    signed_at: datetime
    witness: str
    witness_role: Literal["witness", "interpreter"] = "witness"
    confirmations: tuple[bool, ...] = ()
    countersignature: Countersignature | None = None
    scan_sha256: str | None = None


@dataclass(frozen=True)
class ConsentContext:
    """Everything a consent form for one procedure prints.

    ``caution_findings`` holds (finding, why the treatment can go ahead, noted by) for every
    screening reason that is not "eligible" (caution, an unknown answer, a deferral with its
    wait or a doctor's override); an empty list prints "none". ``plan_warnings`` holds
    sentences printed under the planned sessions (a first session inside the time to reflect). ``photo_consent`` maps a
    use (``clinical_record``, ``teaching``, ``publication``) to the patient's yes/no; None prints
    empty boxes to tick on paper. ``signature`` set makes the signed copy.

    ``planned`` holds what is planned for this patient, as codes: ``hands`` (``both``, ``left``,
    ``right``), for fat transfer ``donor_site`` and ``anaesthesia``, for mesotherapy ``product``
    (its name as typed) and ``actives`` (codes); None prints lines to fill in on paper.
    ``screening_flags`` are the screening questions answered yes: an alternative the template
    marks ``omit_if`` one of them is not offered. ``volume_per_hand_ml`` is the usual volume
    per hand from the protocol (fat transfer).
    """

    clinic: ClinicInfo
    patient: PatientInfo
    practitioner: PractitionerInfo
    procedure: str
    issued_on: date
    document_id: str
    planned_sessions: list[str] = field(default_factory=list)
    caution_findings: list[tuple[str, str, str]] = field(default_factory=list)
    plan_warnings: list[str] = field(default_factory=list)
    photo_consent: dict[str, bool] | None = None
    signature: SignatureInfo | None = None
    planned: dict[str, object] | None = None
    screening_flags: frozenset[str] = frozenset()
    volume_per_hand_ml: tuple[int, int] | None = None


@dataclass(frozen=True)
class DevisContext:
    """Everything a detailed quote (devis) prints.

    ``lines`` holds (what, quantity, unit price, amount) as the quote prints them, already
    written out; ``total`` likewise. ``operator`` is who will operate (the practitioner issuing
    the quote unless another is named). ``article_title``, ``article_text`` and
    ``article_note`` reproduce the legal text the quote must carry (the note says when that
    text is still to be confirmed). ``signature`` set makes the signed copy.
    """

    clinic: ClinicInfo
    patient: PatientInfo
    practitioner: PractitionerInfo
    procedure: str
    issued_on: date
    document_id: str
    operator: str
    lines: list[tuple[str, str, str, str]]
    total: str
    planned_sessions: list[str] = field(default_factory=list)
    reflection_days: int = 0
    article_title: str = ""
    article_text: str = ""
    article_note: str = ""
    signature: SignatureInfo | None = None


@dataclass(frozen=True)
class AftercareContext:
    """Everything an aftercare sheet prints.

    Dates in the sheet are computed from ``session_date`` with the offsets in the template;
    ``next_session_window`` and ``check_date`` (first and last day) override the template's
    ``next_session`` and ``check`` dates when given. ``visits`` are the visits booked after the
    session (label, first day, last day): only these are printed, never a schedule that was
    not booked. ``out_of_hours_phone`` (the clinic phone when empty) and ``emergency_number``
    are printed with the warning signs.
    """

    clinic: ClinicInfo
    patient: PatientInfo
    practitioner: PractitionerInfo
    procedure: str
    session_date: date
    issued_on: date
    document_id: str
    next_session_window: tuple[date, date] | None = None
    check_date: tuple[date, date] | None = None
    visits: tuple[tuple[str, date, date], ...] = ()
    out_of_hours_phone: str = ""
    emergency_number: str = "112"
    sedation: bool = False
    """Sedation was given in the session: the sheet says no driving for 24 hours and that an
    adult must take the patient home."""


@dataclass(frozen=True)
class PhotoPair:
    """One view photographed on two days: the earliest and the latest photograph (JPEG bytes,
    already downscaled for print), the view's id (its title comes from the views file) and
    whether they are illustrations (the demo's drawings)."""

    view: str
    before: bytes
    before_on: date
    after: bytes
    after_on: date
    illustration: bool = False


@dataclass(frozen=True)
class SummaryContext:
    """Everything a consultation summary prints.

    ``merz`` maps ``"left"``/``"right"`` to a Merz Hand Grading Scale grade (0-4) or None when
    not graded. ``verdicts`` holds (procedure label, level, reason sentences) where level is
    ``eligible``, ``caution``, ``defer`` or ``contraindicated``. ``screening_points`` holds
    (treatment and what was found, what was decided, noted by) for every reason that is not "eligible";
    ``plan_warnings`` sentences printed under the plan. ``consulted_on`` is the day of the
    consultation (the issue date when not given). ``next_steps`` says what happens next when a
    procedure cannot go ahead (a referral, an alternative). ``nothing_planned`` is true when the
    consultation planned no procedure.
    """

    clinic: ClinicInfo
    patient: PatientInfo
    practitioner: PractitionerInfo
    issued_on: date
    document_id: str
    consulted_on: date | None = None
    concerns: list[str] = field(default_factory=list)
    goals: str = ""
    merz: dict[str, int | None] = field(default_factory=dict)
    skin_notes: list[str] = field(default_factory=list)
    verdicts: list[tuple[str, str, list[str]]] = field(default_factory=list)
    # Lines as the domain made them (codes: the renderer puts them into words), or words.
    recommendation: list[Any] = field(default_factory=list)
    plan: list[str] = field(default_factory=list)
    notes: str = ""
    screening_points: list[tuple[str, str, str]] = field(default_factory=list)
    plan_warnings: list[str] = field(default_factory=list)
    next_steps: list[str] = field(default_factory=list)
    nothing_planned: bool = False
    photo_pairs: list[PhotoPair] = field(default_factory=list)


@dataclass(frozen=True)
class RenderedDocument:
    """A finished PDF and what the archive records about it."""

    pdf: bytes
    template_id: str
    template_version: int | str
    kind: str
    sha256: str


@dataclass(frozen=True)
class GradeRow:
    """The Merz grade of each hand on one day: at baseline (``visit`` empty) or a follow-up."""

    day: date
    visit: str
    left: int | None
    right: int | None


@dataclass(frozen=True)
class AssessmentRow:
    """What a follow-up found (codes and scores; None where not asked)."""

    day: date
    visit: str
    gais_practitioner: int | None = None
    gais_patient: int | None = None
    satisfaction: int | None = None
    touch_up_wanted: bool | None = None
    hand_q_score: float | None = None


@dataclass(frozen=True)
class ComplicationRow:
    """A complication (codes of the outcomes content) and when it began and resolved."""

    onset: date
    type: str
    severity: str
    site: str
    detail: str = ""
    resolved: date | None = None


@dataclass(frozen=True)
class OutcomeSummaryContext:
    """Everything the patient's outcome summary prints: the Merz grade of each hand before and
    after treatment (a chart and a table), what each review found, and complications."""

    clinic: ClinicInfo
    patient: PatientInfo
    practitioner: PractitionerInfo
    issued_on: date
    document_id: str
    grades: list[GradeRow] = field(default_factory=list)
    assessments: list[AssessmentRow] = field(default_factory=list)
    complications: list[ComplicationRow] = field(default_factory=list)
