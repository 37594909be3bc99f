"""Contexts to render and ways to look inside the PDFs (pypdf), shared by the document tests."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, datetime

import pypdf
from PIL import Image, ImageDraw

from rejuv_desktop.documents import (
    AftercareContext,
    ClinicInfo,
    ConsentContext,
    PatientInfo,
    PractitionerInfo,
    SignatureInfo,
    SummaryContext,
)

ISSUED = date(2025, 11, 10)
SESSION = date(2025, 11, 24)


def png(width: int = 300, height: int = 90, colour=(20, 30, 90, 255)) -> bytes:
    """A small PNG with a stroke on a transparent background, like a drawn signature."""
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    ImageDraw.Draw(image).line([(10, 60), (60, 20), (90, 70), (140, 25), (280, 30)], fill=colour, width=4)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def clinic(**kw) -> ClinicInfo:
    base = dict(name="Hand Clinic", address="1 Main Street, Springfield", phone="+44 20 7946 0000", logo_png=None)
    return ClinicInfo(**{**base, **kw})


def patient(name: str = "Jane Doe", dob: date = date(1961, 3, 4)) -> PatientInfo:
    return PatientInfo(full_name=name, date_of_birth=dob)


def practitioner(**kw) -> PractitionerInfo:
    base = dict(name="Dr Anne Martin", title="Plastic surgeon", registration="GMC 7654321")
    return PractitionerInfo(**{**base, **kw})


def consent(procedure: str = "fat_transfer", name: str = "Jane Doe", **kw) -> ConsentContext:
    base = dict(
        clinic=clinic(),
        patient=patient(name),
        practitioner=practitioner(),
        procedure=procedure,
        issued_on=ISSUED,
        document_id="C-2025-0042",
        planned_sessions=["Monday 24 November 2025, both hands"],
        volume_per_hand_ml=(10, 30),
        caution_findings=[],
        photo_consent=None,
        signature=None,
    )
    return ConsentContext(**{**base, **kw})


def aftercare(procedure: str = "fat_transfer", name: str = "Jane Doe", **kw) -> AftercareContext:
    base = dict(
        clinic=clinic(),
        patient=patient(name),
        practitioner=practitioner(),
        procedure=procedure,
        session_date=SESSION,
        issued_on=SESSION,
        document_id="A-2025-0007",
    )
    return AftercareContext(**{**base, **kw})


def summary(name: str = "Jane Doe", **kw) -> SummaryContext:
    base = dict(
        clinic=clinic(),
        patient=patient(name),
        practitioner=practitioner(),
        issued_on=ISSUED,
        document_id="S-2025-0003",
        concerns=["Veins very visible"],
        goals="Fuller hands",
        merz={"left": 2, "right": 3},
        skin_notes=["Fitzpatrick II"],
        verdicts=[("Fat transfer", "caution", ["Takes aspirin."]), ("Mesotherapy", "eligible", [])],
        recommendation=["Fat transfer"],
        plan=["Session in two weeks"],
        notes="",
    )
    return SummaryContext(**{**base, **kw})


def signed(ctx: ConsentContext, method: str = "screen", witness: str = "Claire Dubois") -> ConsentContext:
    image = png() if method == "screen" else None
    return replace(ctx, signature=SignatureInfo(method, image, datetime(2025, 11, 24, 9, 5), witness))


def reader(pdf: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf))


def full_text(pdf: bytes) -> str:
    """All text pypdf extracts, pages joined by newlines."""
    return "\n".join(page.extract_text() for page in reader(pdf).pages)


def body_text(pdf: bytes) -> str:
    """The text of the page bodies only, without the running header and footer.

    A value that flows over a page break is contiguous here, where in ``full_text`` the next
    page's header would sit in the middle of it.
    """
    parts: list[str] = []
    for page in reader(pdf).pages:
        height = float(page.mediabox.height)

        def visit(text, cm, tm, font, size, height=height):
            y = cm[5] + tm[5] * cm[3]
            if 60 < y < height - 50:
                parts.append(text)

        page.extract_text(visitor_text=visit)
    return "".join(parts)


def squash(text: str) -> str:
    """Text without any white space or soft hyphen: line wrapping does not change it."""
    return "".join(text.replace("\u00ad", "").split())


def link_annotations(pdf: bytes) -> int:
    """How many link annotations the PDF has."""
    count = 0
    for page in reader(pdf).pages:
        for annot in page.get("/Annots") or []:
            if annot.get_object().get("/Subtype") == "/Link":
                count += 1
    return count


def images_on_page(page) -> int:
    """Image XObjects placed on a page (directly or inside form XObjects)."""

    def count(resources) -> int:
        total = 0
        xobjects = (resources or {}).get("/XObject") or {}
        for ref in xobjects.values():
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Image":
                total += 1
            elif obj.get("/Subtype") == "/Form":
                total += count(obj.get("/Resources"))
        return total

    return count(page.get("/Resources"))
