"""Type, colour and spacing of the documents, scaled from one body size.

Consent forms and summaries use a compact body (about 10.5 pt); aftercare sheets a large one
(14 pt) for readers with poor eyesight. Headings keep with the paragraph that follows, so a
heading never sits alone at the bottom of a page.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from rejuv_desktop.documents.fonts import MAIN, MAIN_BOLD, MAIN_ITALIC

INK = colors.HexColor("#1A1A1A")
ACCENT = colors.HexColor("#1F5563")
MUTED = colors.HexColor("#5B6770")
RULE = colors.HexColor("#B8C4CA")
TINT = colors.HexColor("#EAF1F3")
CALLOUT_TINT = colors.HexColor("#FFF4E0")
CALLOUT_EDGE = colors.HexColor("#D9822B")
LEVEL_COLOURS = {
    "eligible": colors.HexColor("#2E7D32"),
    "caution": colors.HexColor("#B26A00"),
    "defer": colors.HexColor("#B26A00"),
    "contraindicated": colors.HexColor("#B3261E"),
}


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of one document and the page margins that go with them."""

    size: float
    body: ParagraphStyle
    lead: ParagraphStyle
    small: ParagraphStyle
    empty: ParagraphStyle
    bullet: ParagraphStyle
    bullet_small: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    title: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    label: ParagraphStyle
    callout: ParagraphStyle
    callout_medium: ParagraphStyle
    callout_large: ParagraphStyle
    clinic_name: ParagraphStyle
    clinic_line: ParagraphStyle
    page_text: ParagraphStyle
    page_text_right: ParagraphStyle
    margin: float
    top_margin: float
    bottom_margin: float


def make_styles(size: float) -> Styles:
    """Styles for a document whose body text is ``size`` points."""
    leading = round(size * 1.42, 1)
    large = size >= 13

    def style(name: str, **kw) -> ParagraphStyle:
        base = dict(fontName=MAIN, fontSize=size, leading=leading, textColor=INK, alignment=TA_LEFT)
        base.update(kw)
        return ParagraphStyle(name, **base)

    body = style("body", spaceAfter=size * 0.55)
    small_size = max(8.0, size * 0.85)
    bullet_indent = size * 1.5
    return Styles(
        size=size,
        body=body,
        lead=style("lead", fontSize=size * 1.1, leading=leading * 1.1, spaceAfter=size * 0.8),
        small=style("small", fontSize=small_size, leading=small_size * 1.35, textColor=MUTED, spaceAfter=size * 0.4),
        empty=style("empty", fontName=MAIN_ITALIC, textColor=MUTED, spaceAfter=size * 0.55),
        bullet=style(
            "bullet", leftIndent=bullet_indent, bulletIndent=size * 0.3, bulletFontName=MAIN,
            spaceAfter=size * (0.45 if large else 0.25),
        ),
        bullet_small=style(
            "bullet_small", fontSize=small_size, leading=small_size * 1.35, leftIndent=bullet_indent,
            bulletIndent=size * 0.3, bulletFontName=MAIN, bulletFontSize=small_size, spaceAfter=size * 0.2,
        ),
        h1=style(
            "h1", fontName=MAIN_BOLD, fontSize=size * 1.3, leading=size * 1.65, textColor=ACCENT,
            spaceBefore=size * 1.2, spaceAfter=size * 0.45, keepWithNext=1,
        ),
        h2=style(
            "h2", fontName=MAIN_BOLD, fontSize=size * 1.08, leading=size * 1.4, textColor=INK,
            spaceBefore=size * 0.8, spaceAfter=size * 0.3, keepWithNext=1,
        ),
        title=style(
            "title", fontName=MAIN_BOLD, fontSize=size * 1.85, leading=size * 2.3, textColor=ACCENT,
            spaceBefore=size * 0.6, spaceAfter=size * 0.9, keepWithNext=1,
        ),
        cell=style("cell", fontSize=size * 0.95, leading=size * 1.3),
        cell_head=style("cell_head", fontName=MAIN_BOLD, fontSize=size * 0.95, leading=size * 1.3, textColor=ACCENT),
        label=style("label", fontName=MAIN_BOLD, fontSize=size * 0.95, leading=size * 1.3),
        callout=style("callout", fontName=MAIN, fontSize=size, leading=leading),
        callout_medium=style("callout_medium", fontSize=size * 1.2, leading=size * 1.2 * 1.35),
        callout_large=style(
            "callout_large", fontName=MAIN_BOLD, fontSize=max(20.0, size * 1.7),
            leading=max(20.0, size * 1.7) * 1.3, textColor=INK,
        ),
        clinic_name=style(
            "clinic_name", fontName=MAIN_BOLD, fontSize=max(13.5, size * 1.05), leading=max(17.0, size * 1.32),
            textColor=ACCENT, alignment=TA_RIGHT,
        ),
        clinic_line=style(
            "clinic_line", fontSize=max(9.0, size * 0.78), leading=max(12.0, size * 1.02), textColor=MUTED,
            alignment=TA_RIGHT,
        ),
        # allowOrphans: a running header cut to its first line must still show that line.
        page_text=style("page_text", fontSize=7.5, leading=9.5, textColor=MUTED, allowOrphans=1),
        page_text_right=style(
            "page_text_right", fontSize=7.5, leading=9.5, textColor=MUTED, alignment=TA_RIGHT, allowOrphans=1
        ),
        margin=(24 if large else 20) * mm,
        top_margin=18 * mm,
        bottom_margin=22 * mm,
    )
