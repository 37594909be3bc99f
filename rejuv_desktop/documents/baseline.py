"""A bare ReportLab build, the yardstick for document rendering speed.

The benchmark compares a consent form with this: the same text, in the same embedded fonts, laid
out as plain paragraphs with no templates, tables, header or page numbering.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate

from rejuv_desktop.documents.fonts import fonts, with_font_runs


def render_plain_text_baseline(text_blocks: list[str], font_size: float = 10.5) -> bytes:
    """PDF bytes of ``text_blocks`` as plain paragraphs in the embedded fonts.

    Text is escaped and split into font runs as the real renderer does, so both builds print the
    same glyphs; what the comparison measures is the cost of everything else.
    """
    fs = fonts()
    style = ParagraphStyle("plain", fontName=fs.main, fontSize=font_size, leading=font_size * 1.42)
    story = [Paragraph(with_font_runs(escape(t).replace("\n", "<br/>")), style) for t in text_blocks]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, invariant=True).build(story)
    return buffer.getvalue()
