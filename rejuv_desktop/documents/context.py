"""What a document is filled with: plain frozen records, built by the services from the database.

Every string here is user-entered text: the renderer escapes it, so ``<b>`` or ``&`` prints as
typed. Dates are passed in (the documents layer never reads the clock).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

PROCEDURES = ("fat_transfer", "mesotherapy")


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
class SignatureInfo:
    """How a consent was signed.

    ``method`` is ``"screen"`` (``image_png`` holds the drawn signature) or ``"paper"`` (nothing
    is drawn; the paper copy holds the signature). ``witness`` is who saw it signed.
    """

    method: Literal["screen", "paper"]
    image_png: bytes | None
    signed_at: datetime
    witness: str


@dataclass(frozen=True)
class ConsentContext:
    """Everything a consent form for one procedure prints.

    ``caution_findings`` holds (finding, why the treatment can go ahead, noted by) for every
    screening reason that is not "eligible" (caution, an unknown answer, a deferral with its
    wait or a doctor's override); an empty list prints "none". ``plan_warnings`` holds
    sentences printed under the planned sessions (a first session inside the time to reflect). ``photo_consent`` maps a
    use (``clinical_record``, ``teaching``, ``publication``) to the patient's yes/no; None prints
    empty boxes to tick on paper. ``signature`` set makes the signed copy.
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


@dataclass(frozen=True)
class AftercareContext:
    """Everything an aftercare sheet prints.

    Dates in the sheet are computed from ``session_date`` with the offsets in the template;
    ``next_session_window`` and ``check_date`` (first and last day) override the template's
    ``next_session`` and ``check`` dates when given.
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


@dataclass(frozen=True)
class SummaryContext:
    """Everything a consultation summary prints.

    ``merz`` maps ``"left"``/``"right"`` to a Merz Hand Grading Scale grade (0-4) or None when
    not graded. ``verdicts`` holds (procedure label, level, reason sentences) where level is
    ``eligible``, ``caution``, ``defer`` or ``contraindicated``. ``screening_points`` holds
    (treatment and what was found, what was decided, noted by) for every reason that is not "eligible";
    ``plan_warnings`` sentences printed under the plan.
    """

    clinic: ClinicInfo
    patient: PatientInfo
    practitioner: PractitionerInfo
    issued_on: date
    document_id: str
    concerns: list[str] = field(default_factory=list)
    goals: str = ""
    merz: dict[str, int | None] = field(default_factory=dict)
    skin_notes: list[str] = field(default_factory=list)
    verdicts: list[tuple[str, str, list[str]]] = field(default_factory=list)
    recommendation: list[str] = field(default_factory=list)
    plan: list[str] = field(default_factory=list)
    notes: str = ""
    screening_points: list[tuple[str, str, str]] = field(default_factory=list)
    plan_warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RenderedDocument:
    """A finished PDF and what the archive records about it."""

    pdf: bytes
    template_id: str
    template_version: int | str
    kind: str
    sha256: str
