"""The bare build the benchmark compares a consent form with."""

from tests.documents.docs_helpers import consent, full_text, reader

from rejuv_desktop.documents import render_consent, render_plain_text_baseline


def test_baseline_prints_the_same_text_in_the_same_fonts():
    blocks = ["Zoë Łukasiewicz-Ødegård 王芳", "O'Brien <b>&amp;</b>\nsecond line"]
    pdf = render_plain_text_baseline(blocks)
    text = full_text(pdf)
    assert "Zoë Łukasiewicz-Ødegård 王芳" in text and "O'Brien <b>&amp;</b>" in text and "second line" in text
    fonts = {str(f.get_object()["/BaseFont"]) for f in reader(pdf).pages[0]["/Resources"]["/Font"].values()}
    assert any("DejaVuSans" in f for f in fonts) and any("DroidSansFallback" in f for f in fonts)
    assert render_plain_text_baseline(blocks) == pdf


def test_baseline_takes_a_consent_forms_text():
    doc = render_consent(consent())
    blocks = [line for page in reader(doc.pdf).pages for line in page.extract_text().splitlines()]
    assert len(reader(render_plain_text_baseline(blocks)).pages) >= 3
