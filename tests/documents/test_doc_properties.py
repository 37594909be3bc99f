"""Property tests: whatever a person types into a name or a note prints exactly as typed."""

import unicodedata
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rejuv_desktop.documents import render_aftercare, render_consent, render_summary
from rejuv_desktop.documents.fonts import fonts
from tests.documents.docs_helpers import (aftercare, body_text, consent, link_annotations, patient,
                                           squash, summary)

# Letters of the scripts a clinic meets, the characters that mean something in markup, and
# fragments of tags and entities.
_RANGES = [
    (0x20, 0x7E),  # ASCII, with < > & " ' ; /
    (0xC0, 0x17F),  # Latin-1 letters and Latin Extended-A
    (0x1EA0, 0x1EF9),  # Vietnamese
    (0x391, 0x3C9),  # Greek
    (0x410, 0x44F),  # Cyrillic
    (0x4E00, 0x4FFF),  # CJK ideographs
    (0x3041, 0x3094),  # Hiragana
    (0xAC00, 0xAD00),  # Hangul
]
# Only assigned, printable characters some embedded font has: the others are refused up front
# (see test_doc_fonts.py), which is a different promise.
_chars = st.one_of(*[st.characters(min_codepoint=lo, max_codepoint=hi) for lo, hi in _RANGES]).filter(
    lambda c: unicodedata.category(c)[0] in "LNPSZ" and fonts().font_for(c) is not None
)
_fragments = st.sampled_from(
    ["<b>", "</b>", "</para>", "<a href='javascript:x'>", "</a>", "&amp;", "&", "<br/>", "<font size=80>",
     "<", ">", '"', "'", ";", "/", "]]>", "&#169;", "{patient_name}", "{{", "}"]
)
_pieces = st.lists(st.one_of(_chars, _fragments), min_size=1, max_size=40).map("".join)
names = _pieces.filter(lambda s: s.strip())
notes = st.lists(st.one_of(_pieces, st.just("\n"), st.just("\n\n")), min_size=1, max_size=12).map("".join).filter(
    lambda s: s.strip()
)

_settings = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _printed(value: str, pdf: bytes) -> bool:
    return squash(value) in squash(body_text(pdf))


@_settings
@given(name=names, finding=notes, justification=notes)
def test_consent_prints_names_and_findings_exactly(name, finding, justification):
    ctx = consent(name=name, caution_findings=[(finding, justification, name)], planned_sessions=[finding])
    doc = render_consent(ctx)
    for value in (name, finding, justification):
        assert _printed(value, doc.pdf)
    assert link_annotations(doc.pdf) == 0


@_settings
@given(name=names)
def test_aftercare_prints_the_name_exactly(name):
    doc = render_aftercare(replace(aftercare(), patient=patient(name)))
    assert _printed(name, doc.pdf)
    assert link_annotations(doc.pdf) == 0


@_settings
@given(name=names, note=notes, goal=notes)
def test_summary_prints_notes_exactly(name, note, goal):
    doc = render_summary(summary(name=name, notes=note, goals=goal, plan=[note], concerns=[goal]))
    for value in (name, note, goal):
        assert _printed(value, doc.pdf)
    assert link_annotations(doc.pdf) == 0
    text = body_text(doc.pdf)
    assert "\u25a0" not in text and "\x00" not in text
