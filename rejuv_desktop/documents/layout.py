"""Pages: the clinic header, the running header and footer, and building the PDF bytes.

"Page x of y" needs the page count before the footer is drawn, so the canvas keeps each page's
state and draws headers and footers only when the document is saved (one layout pass, not two).
The build is ``invariant``: the same input gives byte-identical PDFs, which the archive relies on
to show that a reprint is the document that was issued.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4, letter
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Image, Paragraph, Table, TableStyle
from reportlab.platypus.doctemplate import LayoutError, SimpleDocTemplate

from rejuv_desktop.documents.fonts import MAIN
from rejuv_desktop.documents.styles import RULE, Styles
from rejuv_desktop.errors import UserError

PAGE_SIZES = {"A4": A4, "letter": letter}
FRAME_PADDING = 6  # ReportLab's default padding inside a page frame, in points


@dataclass(frozen=True)
class PageDecor:
    """Markup drawn on every page: footer lines and, from page 2, a header naming the patient."""

    footer_left: str
    footer_right_pattern: str  # holds {page} and {pages}
    continuation_left: str
    continuation_right: str
    initials: str | None


def image_flowable(png: bytes, max_w: float, max_h: float, what: str) -> Image:
    """An image scaled to fit ``max_w`` x ``max_h`` keeping its proportions."""
    try:
        reader = ImageReader(io.BytesIO(png))
        w, h = reader.getSize()
    except Exception as exc:  # PIL raises many kinds of error for a damaged file
        raise UserError(f"The {what} image cannot be read ({type(exc).__name__}); please choose another.") from None
    if w <= 0 or h <= 0:
        raise UserError(f"The {what} image is empty; please choose another.")
    scale = min(max_w / w, max_h / h)
    return Image(io.BytesIO(png), width=w * scale, height=h * scale, mask="auto")


def clinic_header(name: str, lines: list[str], logo_png: bytes | None, st: Styles, width: float) -> Flowable:
    """The clinic's logo (left, optional) and name, address and phone (right), over a rule."""
    text = [Paragraph(name, st.clinic_name)] + [Paragraph(line, st.clinic_line) for line in lines]
    logo: Flowable | str = image_flowable(logo_png, 55 * mm, 22 * mm, "logo") if logo_png else ""
    table = Table([[logo, text]], colWidths=[width * 0.4, width * 0.6], splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, -1), MAIN),  # empty cells too: no stray Helvetica
                ("ALIGN", (0, 0), (0, 0), "LEFT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, RULE),
            ]
        )
    )
    return table


def _make_canvas_class(decor: PageDecor, st: Styles) -> type[Canvas]:
    class DecoratedCanvas(Canvas):
        """Keeps each page until the end, then draws its header and footer with the page count."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):  # noqa: N802 - ReportLab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                _decorate(self, decor, st, number, total)
                super().showPage()
            super().save()

    return DecoratedCanvas


def _draw(canvas: Canvas, markup: str, style, x: float, y_top: float, width: float, max_height: float) -> None:
    para = Paragraph(markup, style)
    _, h = para.wrapOn(canvas, width, max_height)
    if h > max_height:
        # An absurdly long value (a 5,000-character name): the page body still carries it in
        # full; the running header and footer show what fits on one line.
        parts = para.split(width, max_height)
        if not parts:
            return
        para = parts[0]
        _, h = para.wrapOn(canvas, width, max_height)
    para.drawOn(canvas, x, y_top - h)


def _decorate(canvas: Canvas, decor: PageDecor, st: Styles, page: int, pages: int) -> None:
    page_w, page_h = canvas._pagesize
    # Aligned with the text column, which the frame's padding sets in from the margins.
    left, right = st.margin + FRAME_PADDING, page_w - st.margin - FRAME_PADDING
    width = right - left
    line_h = st.page_text.leading
    canvas.saveState()
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    footer_top = st.bottom_margin - 5 * mm
    canvas.line(left, footer_top + 1.5 * mm, right, footer_top + 1.5 * mm)
    right_text = decor.footer_right_pattern.replace("{page}", str(page)).replace("{pages}", str(pages))
    _draw(canvas, right_text, st.page_text_right, right - width * 0.2, footer_top, width * 0.2, line_h * 2)
    _draw(canvas, decor.footer_left, st.page_text, left, footer_top, width * 0.79, line_h * 2)
    if decor.initials:
        # A place for initials, or on a copy signed on screen the statement that the one
        # signature covers every page, which may need the whole width.
        _draw(canvas, decor.initials, st.page_text_right, left, footer_top - line_h * 2.2, width, line_h * 2)
    if page > 1:
        top = page_h - st.top_margin + 9 * mm
        _draw(canvas, decor.continuation_left, st.page_text, left, top, width * 0.55, line_h)
        _draw(canvas, decor.continuation_right, st.page_text_right, left + width * 0.57, top, width * 0.43, line_h)
        canvas.line(left, top - line_h - 1.5 * mm, right, top - line_h - 1.5 * mm)
    canvas.restoreState()


def build_pdf(
    story: list[Flowable],
    st: Styles,
    decor: PageDecor,
    page_size: str,
    lang: str,
    title: str,
    author: str,
    subject: str,
) -> bytes:
    """Lay out ``story`` and return the PDF bytes (identical for identical input)."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=PAGE_SIZES[page_size],
        leftMargin=st.margin,
        rightMargin=st.margin,
        topMargin=st.top_margin + (4 * mm),
        bottomMargin=st.bottom_margin + (2 * mm),
        title=title,
        author=author,
        subject=subject,
        creator="Rejuv Desktop",
        producer="Rejuv Desktop",
        invariant=True,
        lang=lang,
        initialFontName=MAIN,
    )
    try:
        doc.build(story, canvasmaker=_make_canvas_class(decor, st))
    except LayoutError as exc:
        # Every table splits inside rows and every image is bounded, so this means a bug; the
        # person still gets a message rather than a traceback.
        raise UserError(f"The document could not be laid out on the page: {str(exc)[:200]}") from None
    return buffer.getvalue()


def frame_width(page_size: str, st: Styles) -> float:
    """Width available to the story between the margins (less the frame's own padding)."""
    return PAGE_SIZES[page_size][0] - 2 * (st.margin + FRAME_PADDING)


def page_height(page_size: str, st: Styles) -> float:
    """Height available to the story between the top and bottom margins."""
    return PAGE_SIZES[page_size][1] - st.top_margin - st.bottom_margin - 6 * mm
