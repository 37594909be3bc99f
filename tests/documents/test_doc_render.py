"""Rendering: names print exactly, user text is never markup, long text flows, output is stable."""

import hashlib
import time
from dataclasses import replace
from datetime import date

import pytest
from tests.documents.docs_helpers import (
    aftercare,
    body_text,
    clinic,
    consent,
    full_text,
    images_on_page,
    link_annotations,
    png,
    reader,
    signed,
    squash,
    summary,
)

from rejuv_desktop.documents import SignatureInfo, render_aftercare, render_consent, render_summary
from rejuv_desktop.errors import UserError, ValidationError

NAMES = [
    "Zoë Łukasiewicz-Ødegård",
    "Ελένη Παπαδοπούλου",
    "Анна Смирнова",
    "王芳",
    "O'Brien <b>&amp;</b>",
    "김민준",
    "Nguyễn Thị Minh Khai",
    "İsmail Işık",
    "Zoë Łukasiewicz-Ødegård 王芳",
]

INJECTIONS = [
    "Allergy: penicillin <b> & latex </para>",
    "unterminated <i>italic",
    "x <font size=80>BIG</font>",
    "<a href='file:///etc/passwd'>link</a>",
    '<img src="x.png"/> <br/> &nbsp; &#169; ]]> <!-- -->',
]


def renders(name: str):
    yield "consent", render_consent(consent(name=name))
    yield "consent_mesotherapy", render_consent(consent("mesotherapy", name=name))
    yield "aftercare", render_aftercare(aftercare(name=name))
    yield "aftercare_mesotherapy", render_aftercare(aftercare("mesotherapy", name=name))
    yield "summary", render_summary(summary(name=name))


def assert_clean(text: str) -> None:
    assert "\u25a0" not in text, "black square: a glyph was missing"
    assert "\x00" not in text, "NUL: a glyph was missing"


@pytest.mark.parametrize("name", NAMES)
def test_names_print_exactly_in_every_document(name):
    for kind, doc in renders(name):
        text = full_text(doc.pdf)
        assert name in text, kind
        assert_clean(text)
        assert link_annotations(doc.pdf) == 0


@pytest.mark.parametrize("value", INJECTIONS)
def test_markup_in_user_text_prints_literally(value):
    ctx = consent(
        name=value,
        planned_sessions=[value],
        caution_findings=[(value, value, value)],
        clinic=clinic(name=value, address=value),
    )
    doc = render_consent(ctx)
    text = squash(body_text(doc.pdf))
    assert text.count(squash(value)) >= 5
    assert link_annotations(doc.pdf) == 0
    notes = render_summary(summary(notes=value, goals=value, concerns=[value], plan=[value]))
    assert squash(body_text(notes.pdf)).count(squash(value)) >= 4
    assert link_annotations(notes.pdf) == 0


def test_every_context_value_is_printed():
    ctx = consent(
        clinic=clinic(name="Clinique Ærø", address="12 rue de la Paix\nParis", phone="+33 1 23 45 67 89"),
        practitioner=replace(consent().practitioner, name="Dr Σοφία", title="Dermatologist", registration="RPPS 1000"),
        document_id="DOC-77",
        planned_sessions=["Session one", "Session two"],
        caution_findings=[("Takes aspirin", "Prescriber agreed", "Dr Σοφία")],
        photo_consent={"clinical_record": True, "teaching": False, "publication": False},
    )
    text = full_text(render_consent(ctx).pdf)
    for value in ["Clinique Ærø", "12 rue de la Paix", "Paris", "+33 1 23 45 67 89", "Dr Σοφία", "Dermatologist",
                  "RPPS 1000", "DOC-77", "Session one", "Session two", "Takes aspirin", "Prescriber agreed",
                  "4 March 1961", "10 November 2025", "24 November 2025"]:
        assert value in text, value
    # One tick per photo use, and the confirmation boxes stay empty for the pen.
    assert text.count("\u2612") == 3


def test_empty_lists_say_none():
    text = full_text(render_consent(consent(caution_findings=[], planned_sessions=[])).pdf)
    assert "None: nothing in your screening called for extra care." in text
    assert "No session has been booked yet." in text
    assert "\u2612" not in text  # no photo answer recorded: empty boxes to tick on paper


def test_footer_on_every_page():
    doc = render_consent(consent(document_id="C-9"))
    pages = reader(doc.pdf).pages
    assert len(pages) > 1
    for number, page in enumerate(pages, start=1):
        text = page.extract_text()
        assert f"Page {number} of {len(pages)}" in text
        assert "Document C-9" in text and "consent-fat-transfer version 3" in text
        assert "Issued 10 November 2025" in text
    assert doc.template_id == "consent_fat_transfer" and doc.template_version == 3 and doc.kind == "consent"


def test_same_input_gives_identical_bytes():
    for make in (lambda: render_consent(signed(consent(name="王芳"))), lambda: render_aftercare(aftercare()),
                 lambda: render_summary(summary(notes="n"))):
        first, second = make(), make()
        assert first.pdf == second.pdf
        assert first.sha256 == second.sha256 == hashlib.sha256(first.pdf).hexdigest()
    assert render_consent(consent(name="A")).pdf != render_consent(consent(name="B")).pdf


def test_hundred_thousand_character_note_flows_over_pages():
    note = ("Patient reports <b>stiffness</b> & swelling; " * 2300)[:100_000]
    started = time.perf_counter()
    doc = render_summary(summary(notes=note))
    elapsed = time.perf_counter() - started
    assert len(reader(doc.pdf).pages) > 10
    assert squash(note) in squash(body_text(doc.pdf))
    assert elapsed < 10  # measured about 1 s; a table-bound layout took a minute


def test_huge_values_in_table_cells_and_names_render():
    token = "x" * 5000
    note = "word " * 20_000
    ctx = consent(name="N" * 5000, caution_findings=[(token, note, "Dr A"), ("short", "short", "Dr B")])
    doc = render_consent(ctx)
    body = squash(body_text(doc.pdf))
    assert "N" * 5000 in body and token in body and squash(note) in body
    notes = render_summary(summary(plan=[token, note], concerns=[note]))
    assert token in squash(body_text(notes.pdf))


def test_pasted_control_characters_do_not_stop_a_document():
    note = "Line one\r\nLine\ttwo\x07 end\rLine three\x00"
    text = squash_spaces(body_text(render_summary(summary(notes=note)).pdf))
    assert "Line one Line two end Line three" in text


def test_unprintable_character_is_refused_before_rendering():
    with pytest.raises(UserError, match="patient's name.*U\\+0915"):
        render_consent(consent(name="Priya \u0915"))
    with pytest.raises(UserError, match="notes"):
        render_summary(summary(notes="fine \U0001d11e"))


def test_aftercare_dates_for_fat_transfer():
    text = squash_spaces(full_text(render_aftercare(aftercare(session_date=date(2025, 11, 24))).pdf))
    assert "Monday 24 November 2025" in text  # the session
    assert "Monday 1 December 2025" in text  # gloves for 7 days
    assert "Friday 28 November 2025" in text  # rest 4 days
    assert "Monday 15 December 2025" in text  # no pressure, no hard hand work for 3 weeks
    assert "+44 20 7946 0000" in text


def test_aftercare_dates_cross_the_year_end():
    text = squash_spaces(full_text(render_aftercare(aftercare("mesotherapy", session_date=date(2025, 12, 30))).pdf))
    assert "Thursday 1 January 2026" in text  # no heat for 2 days
    assert "Tuesday 13 January 2026" in text  # no other treatment for 14 days


def test_aftercare_prints_the_booked_visits_and_no_others():
    booked = (("Strip or stitch check", date(2025, 11, 29), date(2025, 12, 4)),
              ("Review at 1 month", date(2025, 12, 22), date(2025, 12, 29)),
              ("Review at 3 months", date(2026, 2, 16), date(2026, 3, 2)))
    text = squash_spaces(full_text(render_aftercare(aftercare(visits=booked)).pdf))
    assert "Strip or stitch check: between Saturday 29 November 2025 and Thursday 4 December 2025" in text
    assert "Review at 3 months: between Monday 16 February 2026 and Monday 2 March 2026" in text
    for unbooked in ("6 months", "1 year", "12 months", "4 weeks"):
        assert unbooked not in text
    none = squash_spaces(full_text(render_aftercare(aftercare("mesotherapy")).pdf))
    assert "No visit is booked yet" in none and "between" not in none.split("Your next visits")[1][:80]
    one = aftercare("mesotherapy", visits=(("Mesotherapy session 2", date(2025, 12, 8), date(2025, 12, 8)),))
    assert "Mesotherapy session 2: Monday 8 December 2025" in squash_spaces(full_text(render_aftercare(one).pdf))


def test_aftercare_windows_set_by_the_practitioner_are_checked():
    with pytest.raises(ValidationError):
        render_aftercare(aftercare(check_date=(date(2025, 12, 2), date(2025, 12, 1))))


def squash_spaces(text: str) -> str:
    return " ".join(text.split())


def test_signed_copy_places_the_signature_image_on_the_signature_page():
    unsigned = render_consent(consent())
    copy = render_consent(signed(consent()))
    pages = reader(copy.pdf).pages
    last = pages[-1]
    assert images_on_page(last) == 1
    assert "Signed on screen on 24 November 2025 at 09:05, witnessed by Claire Dubois (witness)." in squash_spaces(last.extract_text())
    assert all(images_on_page(p) == 0 for p in pages[:-1])
    assert all(images_on_page(p) == 0 for p in reader(unsigned.pdf).pages)
    assert "Signed on" not in full_text(unsigned.pdf)


def test_paper_signature_draws_nothing_but_records_it():
    copy = render_consent(signed(consent(), method="paper", witness="Nurse <Kim>"))
    assert all(images_on_page(p) == 0 for p in reader(copy.pdf).pages)
    assert "Signed on paper on 24 November 2025 at 09:05, witnessed by Nurse <Kim> (witness)." in squash_spaces(full_text(copy.pdf))


def test_logo_is_placed_on_the_first_page():
    doc = render_consent(consent(clinic=clinic(logo_png=png(400, 140, (31, 85, 99, 255)))))
    pages = reader(doc.pdf).pages
    assert images_on_page(pages[0]) == 1
    assert images_on_page(pages[1]) == 0


def test_bad_signature_input_is_a_clear_error():
    ctx = consent()
    with pytest.raises(ValidationError):
        render_consent(replace(ctx, signature=SignatureInfo("screen", None, signed(ctx).signature.signed_at, "W")))
    with pytest.raises(ValidationError):
        render_consent(replace(ctx, signature=SignatureInfo("fax", None, signed(ctx).signature.signed_at, "W")))
    with pytest.raises(UserError, match="signature image cannot be read"):
        render_consent(replace(ctx, signature=SignatureInfo("screen", b"not a png", signed(ctx).signature.signed_at, "W")))


def test_unknown_procedure_is_refused():
    with pytest.raises(ValidationError):
        render_consent(consent(procedure="botox"))


def test_summary_prints_grades_verdicts_and_plan():
    ctx = summary(
        merz={"left": 1, "right": None},
        verdicts=[("Fat transfer", "defer", ["Active eczema on the left hand."]), ("Mesotherapy", "contraindicated", ["Pregnant."])],
        recommendation=["Mesotherapy after the eczema has healed"],
        plan=["Review in 4 weeks"],
        notes="Line one\nLine two",
    )
    text = squash_spaces(full_text(render_summary(ctx).pdf))
    for value in ["mild loss of fat; veins slightly visible", "Not graded", "Not now: to be reviewed later",
                  "Not suitable", "Active eczema on the left hand.", "Pregnant.",
                  "Mesotherapy after the eczema has healed", "Review in 4 weeks", "Line one Line two"]:
        assert value in text, value
    with pytest.raises(ValidationError):
        render_summary(summary(merz={"left": 7}))


def test_document_metadata_and_fonts_are_embedded():
    doc = render_consent(consent(name="王芳"))
    pdf = reader(doc.pdf)
    assert pdf.metadata.title == "Consent to fat transfer to the back of the hands"
    fonts = set()
    for page in pdf.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert any("DejaVuSans" in f for f in fonts) and any("DroidSansFallback" in f for f in fonts)
    assert not any("Helvetica" in f for f in fonts)


def _body_fill(page) -> float:
    """How far down the page body the text reaches, from 0 (empty) to 1 (full)."""
    h = float(page.mediabox.height)
    ys = []
    page.extract_text(visitor_text=lambda text, cm, tm, fd, fs: ys.append(tm[5] * cm[3] + cm[5])
                      if text.strip() else None)
    body = [y for y in ys if 70 < y < h - 60]
    return 1 - (min(body) - 70) / (h - 130) if body else 0.0


@pytest.mark.parametrize("procedure", ["fat_transfer", "mesotherapy"])
def test_no_section_is_moved_on_leaving_half_a_page_empty(procedure):
    """However long the variable parts, no page before the last is left half empty by a
    section pushed to the next page (a signature block alone on the last page, say)."""
    from datetime import datetime

    from rejuv_desktop.documents import Countersignature

    counter = Countersignature("Dr Anne Martin", "GMC 7654321", datetime(2025, 11, 24, 9, 6))
    for sessions in range(0, 9):
        lines = [f"Session {n}: {n} December 2025" for n in range(1, sessions + 1)]
        findings = [("Smoker", "Stopped 8 weeks ago " * (sessions * 3), "Dr Anne Martin")] * (sessions % 3)
        base = consent(procedure, planned_sessions=lines, caution_findings=findings)
        sig = signed(base).signature
        copy = replace(base, signature=replace(sig, confirmations=(True,) * 8, countersignature=counter,
                                               witness_role="interpreter"))
        for ctx in (base, copy):
            pages = reader(render_consent(ctx).pdf).pages
            fills = [round(_body_fill(p), 2) for p in pages]
            assert all(f >= 0.5 for f in fills[:-1]), (sessions, ctx.signature is not None, fills)
    for procedure_visits in range(0, 6):
        visits = tuple((f"Review {n}", date(2025, 12, n + 1), date(2025, 12, n + 5)) for n in range(procedure_visits))
        pages = reader(render_aftercare(aftercare(procedure, visits=visits)).pdf).pages
        fills = [round(_body_fill(p), 2) for p in pages]
        assert all(f >= 0.5 for f in fills[:-1]), (procedure_visits, fills)


@pytest.mark.parametrize("method", ["screen", "paper"])
def test_the_three_signature_lines_stay_level_under_an_attested_countersignature(method):
    """The practitioner's printed statement sits above their line; it never pushes that line
    below the patient's and the witness's (measured by the "Signature" captions under them)."""
    from datetime import datetime

    from rejuv_desktop.documents import Countersignature

    counter = Countersignature("Dr Anne-Marie Martin-Lefèvre", "GMC 7654321", datetime(2025, 11, 24, 9, 6))
    sig = signed(consent(), method).signature
    sig = replace(sig, countersignature=counter, scan_sha256="ab" * 32 if method == "paper" else None,
                  confirmations=(True,) * 8 if method == "screen" else ())
    page = reader(render_consent(replace(consent(), signature=sig)).pdf).pages[-1]
    heights: list[float] = []

    def visit(text, cm, tm, font, size):
        if text.strip() == "Signature":
            heights.append(round(cm[5] + tm[5] * cm[3], 1))

    page.extract_text(visitor_text=visit)
    assert len(heights) == 3 and len(set(heights)) == 1, heights
