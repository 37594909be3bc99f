"""Template blocks to flowables.

Every table splits inside a row (``splitInRow=1``) so a 100,000-character note or a 5,000-
character unbroken word in a cell flows onto the next page instead of raising LayoutError.
"""

from __future__ import annotations

from copy import copy
from dataclasses import dataclass, field
from typing import Any, Callable

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from rejuv_desktop.documents.fonts import MAIN
from rejuv_desktop.documents.labels import Labels
from rejuv_desktop.documents.layout import image_flowable
from rejuv_desktop.documents.markup import Filler, user_markup
from rejuv_desktop.documents.styles import ACCENT, CALLOUT_EDGE, CALLOUT_TINT, INK, LEVEL_COLOURS, RULE, TINT, Styles
from rejuv_desktop.documents.templates import Block

BOX_EMPTY = "\u2610"
BOX_TICKED = "\u2612"


@dataclass
class BlockData:
    """What data blocks read from the record, and the signature to place, if any."""

    lists: dict[str, list[str]]
    tables: dict[str, list[tuple[str, ...]]]
    texts: dict[str, str]
    ticks: dict[str, dict[str, bool] | None]
    merz: dict[str, int | None]
    verdicts: list[tuple[str, str, list[str]]]
    patient_name: str = ""
    practitioner_lines: tuple[str, ...] = ()
    signature_png: bytes | None = None
    signed_date: str | None = None
    signature_note: str | None = None
    # Each "Your confirmation" line as the patient ticked it on screen; None leaves the boxes
    # for the pen.
    confirmations: tuple[bool, ...] | None = None
    confirmations_note: str | None = None  # e.g. "ticked on the paper form: see the scan"
    countersign_png: bytes | None = None
    countersign_text: str | None = None  # an attested countersignature, printed on the line
    countersign_date: str | None = None
    witness_lines: tuple[str, ...] = ()
    planned: dict[str, Any] | None = None
    flags: frozenset[str] = frozenset()
    # The Merz grade of each hand over time, for a "grade_chart": side -> [(day, grade,
    # at baseline)].
    grade_series: dict[str, list[tuple[Any, int, bool]]] = field(default_factory=dict)
    photos: list[Any] = field(default_factory=list)  # context.PhotoPair
    lang: str = "en"


class BlockRenderer:
    """Renders the blocks of one template with one document's values."""

    def __init__(self, st: Styles, labels: Labels, fill: Filler, data: BlockData, width: float):
        self.st = st
        self.labels = labels
        self.fill = fill
        self.data = data
        self.width = width
        self._handlers: dict[str, Callable[[dict[str, Any]], list[Flowable]]] = {
            "heading": self._heading,
            "paragraph": self._paragraph,
            "bullets": self._bullets,
            "callout": self._callout,
            "details": self._details,
            "risk_table": self._risk_table,
            "checkboxes": self._checkboxes,
            "signature": self._signature,
            "list": self._list,
            "table": self._table,
            "text": self._text,
            "merz": self._merz,
            "verdicts": self._verdicts,
            "planned": self._planned,
            "options": self._options,
            "grade_chart": self._grade_chart,
            "photos": self._photos,
        }

    def render(self, blocks: tuple[Block, ...], page_height: float, keep_fraction: float) -> list[Flowable]:  # noqa: C901
        """The flowables of all blocks, in order.

        A heading and the blocks up to the next heading form a section. A section at most
        ``keep_fraction`` of a page high moves to the next page whole rather than being cut, so
        a heading or a table header is never stranded at the foot of a page. A section with
        signatures, or under a heading marked ``keep = true`` (warning signs and the clinic's
        phone number), is kept whole whenever it fits on one page.
        """
        story: list[Flowable] = []
        section: list[Flowable] = []
        whole = False

        def close() -> None:
            if section:
                story.append(_KeepIfShort(section, page_height if whole else page_height * keep_fraction,
                                          page_height))

        for block in blocks:
            if block.type == "heading" and section:
                close()
                section, whole = [], False
            section.extend(self._handlers[block.type](block.data))
            whole = whole or block.type == "signature" or bool(block.data.get("keep", False))
        close()
        return story

    # -- helpers -------------------------------------------------------------------------------

    def _grid(self, rows: list[list[Any]], widths: list[float], header: bool = True) -> Table:
        table = Table(rows, colWidths=[w * self.width for w in widths], repeatRows=1 if header else 0, splitInRow=1)
        commands: list[tuple] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("FONTNAME", (0, 0), (-1, -1), MAIN),  # empty cells too: no stray Helvetica
            ("LEFTPADDING", (0, 0), (-1, -1), 5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 5),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ]
        if header:
            commands += [("BACKGROUND", (0, 0), (-1, 0), TINT), ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT)]
        table.setStyle(TableStyle(commands))
        table.spaceAfter = self.st.size * 0.8
        table.spaceBefore = self.st.size * 0.2
        return table

    def _tabular(
        self, head: list[str] | None, rows: list[list[Any]], lengths: list[int], widths: list[float]
    ) -> list[Flowable]:
        """Rows as a table, except a row holding a huge text, which is printed as stacked text.

        A table re-measures a split row's whole remaining content on every page, so a
        100,000-character cell costs a minute; stacked paragraphs cost a second.
        """
        out: list[Flowable] = []
        pending: list[list[Any]] = []

        def flush() -> None:
            if pending:
                top = [[self._p(h, self.st.cell_head) for h in head]] if head else []
                out.append(self._grid(top + pending, widths, header=bool(head)))
                pending.clear()

        for row, length in zip(rows, lengths):
            if length <= _LONG_ROW:
                pending.append(row)
                continue
            flush()
            for i, cell in enumerate(row):
                if head:
                    out.append(self._p(head[i], self.st.cell_head))
                out.extend(cell if isinstance(cell, list) else [cell])
            out += [Spacer(1, 2 * mm), _Rule(self.width), Spacer(1, self.st.size)]
        flush()
        return out

    def _p(self, markup: str, style=None) -> Paragraph:
        return Paragraph(markup, style or self.st.body)

    def _user_paragraphs(self, text: str, style=None) -> list[Flowable]:
        """User text as paragraphs: blank lines separate paragraphs, newlines are kept.

        A very long paragraph is cut into pieces of a few thousand characters at a line end or
        a space. ReportLab lays out the rest of a paragraph again on every page, so one
        100,000-character paragraph costs seconds per page; pieces keep that cost flat.
        """
        style = style or self.st.body
        joined = _with_space_after(style, 0)
        out: list[Flowable] = []
        for chunk in text.replace("\r\n", "\n").split("\n\n"):
            chunk = chunk.strip("\n")
            if not chunk.strip():
                continue
            pieces = _pieces(chunk, _PIECE)
            out += [Paragraph(user_markup(p), joined) for p in pieces[:-1]]
            out.append(Paragraph(user_markup(pieces[-1]), style))
        return out

    # -- fixed text ----------------------------------------------------------------------------

    def _heading(self, d: dict[str, Any]) -> list[Flowable]:
        return [self._p(self.fill(d["text"]), self.st.h1 if d.get("level", 1) == 1 else self.st.h2)]

    def _paragraph(self, d: dict[str, Any]) -> list[Flowable]:
        return [self._p(self.fill(d["text"]), getattr(self.st, d.get("style", "body")))]

    def _bullets(self, d: dict[str, Any]) -> list[Flowable]:
        style = self.st.bullet_small if d.get("style") == "small" else self.st.bullet
        items = [Paragraph(self.fill(item), style, bulletText="\u2022") for item in d["items"]]
        items[-1].style = _with_space_after(style, self.st.size * 0.7)
        return items

    def _callout(self, d: dict[str, Any]) -> list[Flowable]:
        style = getattr(self.st, "callout" if d.get("size", "normal") == "normal" else f"callout_{d['size']}")
        box = Table([[self._p(self.fill(d["text"]), style)]], colWidths=[self.width], splitInRow=1)
        box.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), CALLOUT_TINT),
                    ("FONTNAME", (0, 0), (-1, -1), MAIN),
                    ("LINEBEFORE", (0, 0), (0, -1), 3, CALLOUT_EDGE),
                    ("LEFTPADDING", (0, 0), (-1, -1), 10),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                    ("TOPPADDING", (0, 0), (-1, -1), 7),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 9),
                ]
            )
        )
        box.spaceBefore = self.st.size * 0.4
        box.spaceAfter = self.st.size * 0.9
        return [box]

    def _details(self, d: dict[str, Any]) -> list[Flowable]:
        values = [self.fill(r["value"]) for r in d["rows"]]
        rows = [[self._p(self.fill(r["label"]), self.st.label), self._p(v, self.st.cell)] for r, v in zip(d["rows"], values)]
        out = self._tabular(None, rows, [len(v) for v in values], [0.3, 0.7])
        if isinstance(out[0], Table):
            out[0].setStyle(TableStyle([("LINEABOVE", (0, 0), (-1, 0), 0.4, RULE)]))
        return out

    def _risk_table(self, d: dict[str, Any]) -> list[Flowable]:
        head = [self._p(self.fill(c), self.st.cell_head) for c in d["columns"]]
        rows = [[self._p(self.fill(r["risk"]), self.st.cell), self._p(self.fill(r["frequency"]), self.st.cell)] for r in d["rows"]]
        out: list[Flowable] = [self._grid([head] + rows, [0.62, 0.38])]
        if "note" in d:
            out.append(self._p(self.fill(d["note"]), self.st.small))
        return out

    def _checkboxes(self, d: dict[str, Any]) -> list[Flowable]:
        box_style = self.st.cell
        if "source" not in d:
            ticks = self.data.confirmations or ()
            rows = [[self._p(BOX_TICKED if n < len(ticks) and ticks[n] else BOX_EMPTY, self.st.lead),
                     self._p(self.fill(i["text"]), box_style)] for n, i in enumerate(d["items"])]
            table = self._grid(rows, [0.06, 0.94], header=False)
            if self.data.confirmations_note:
                return [table, self._p(user_markup(self.data.confirmations_note), self.st.small)]
            return [table]
        answers = self.data.ticks.get(d["source"])
        rows = []
        for item in d["items"]:
            answer = None if answers is None else answers.get(item["key"])
            yes = BOX_TICKED if answer is True else BOX_EMPTY
            no = BOX_TICKED if answer is False else BOX_EMPTY
            choice = f"{yes} {user_markup(self.labels['yes'])}&nbsp;&nbsp;&nbsp;&nbsp;{no} {user_markup(self.labels['no'])}"
            rows.append([self._p(self.fill(item["text"]), box_style), self._p(choice, self.st.cell)])
        return [self._grid(rows, [0.72, 0.28], header=False)]

    def _signature(self, d: dict[str, Any]) -> list[Flowable]:
        lb = self.labels
        area = 18 * mm
        cells: list[list[Flowable]] = []
        heads: list[Flowable] = []  # a row of their own, so every signature line is level
        col = self.width / len(d["parties"])
        attested_para = None
        if self.data.countersign_text and not self.data.countersign_png and "practitioner" in d["parties"]:
            # Printed above the practitioner's line: every party's space grows with it, so the
            # three signature lines stay level however long the statement is.
            attested_para = self._p(user_markup(self.data.countersign_text), self.st.small)
            _, h = attested_para.wrap(col * 0.9, 10 * area)
            area = max(area, h + attested_para.getSpaceBefore() + attested_para.getSpaceAfter())
        for party in d["parties"]:
            title = lb["witness_or_interpreter"] if party == "witness" else lb[party]
            heads.append(self._p(user_markup(title), self.st.cell_head))
            cell: list[Flowable] = []
            png = {"patient": self.data.signature_png, "practitioner": self.data.countersign_png}.get(party)
            attested = self.data.countersign_text if party == "practitioner" and not png else None
            if png:
                image = image_flowable(png, col * 0.85, area - 3 * mm, "signature")
                # The drawn signature sits on the line, as ink on paper would.
                cell += [Spacer(1, area - image.drawHeight), image]
            elif attested and attested_para is not None:
                _, h = attested_para.wrap(col * 0.9, area)
                h += attested_para.getSpaceBefore() + attested_para.getSpaceAfter()
                cell += [Spacer(1, max(0, area - h)), attested_para]
            else:
                cell.append(Spacer(1, area))
            cell.append(_Rule(col * 0.9))
            cell.append(self._p(user_markup(lb["signature"]), self.st.small))
            signed = {"patient": self.data.signed_date, "practitioner": self.data.countersign_date,
                      "witness": self.data.signed_date if self.data.witness_lines else None}[party]
            date_text = user_markup(signed) if signed else "_" * 16
            cell.append(self._p(f"{user_markup(lb['date_label'])}{lb.colon}{date_text}", self.st.cell))
            names = {"patient": [self.data.patient_name], "practitioner": list(self.data.practitioner_lines),
                     "witness": list(self.data.witness_lines)}[party]
            shown = "<br/>".join(user_markup(n) for n in names) if names else "_" * 16
            cell.append(self._p(f"{user_markup(lb['name'])}{lb.colon}" + shown, self.st.cell))
            cells.append(cell)
        table = Table([heads, cells], colWidths=[col] * len(cells), splitInRow=1)
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("FONTNAME", (0, 0), (-1, -1), MAIN),  # empty cells too: no stray Helvetica
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                ]
            )
        )
        parts: list[Flowable] = [Spacer(1, self.st.size * 0.6), table]
        if self.data.signature_note:
            parts += [Spacer(1, 3 * mm), self._p(user_markup(self.data.signature_note), self.st.small)]
        return parts

    def _planned(self, d: dict[str, Any]) -> list[Flowable]:
        """What is planned for this patient, one row per choice; blanks to fill in on paper."""
        planned = self.data.planned
        rows, lengths = [], []
        for row in d["rows"]:
            value = None if planned is None else planned.get(row["key"])
            values = row.get("values") or {}
            if isinstance(value, (list, tuple)):
                words = [self.fill(values[v]) if v in values else user_markup(str(v)) for v in value]
                if words and words[0][:1].isalpha():
                    words[0] = words[0][0].upper() + words[0][1:]
                shown = ", ".join(words) if words else None
            elif isinstance(value, str) and value.strip():
                shown = self.fill(values[value]) if value in values else user_markup(value)
            else:
                shown = None
            shown = shown or self.fill(d["blank"])
            rows.append([self._p(self.fill(row["label"]), self.st.label), self._p(shown, self.st.cell)])
            lengths.append(len(shown))
        out = self._tabular(None, rows, lengths, [0.3, 0.7])
        if isinstance(out[0], Table):
            out[0].setStyle(TableStyle([("LINEABOVE", (0, 0), (-1, 0), 0.4, RULE)]))
        return out

    def _options(self, d: dict[str, Any]) -> list[Flowable]:
        """Bullets, leaving out those the patient's screening rules out (``omit_if``)."""
        items = [i["text"] for i in d["items"] if not set(i.get("omit_if", [])) & self.data.flags]
        return self._bullets({"items": items, "style": d.get("style", "body")}) if items else []

    # -- blocks filled from the record ---------------------------------------------------------

    def _list(self, d: dict[str, Any]) -> list[Flowable]:
        if set(d.get("omit_if", [])) & self.data.flags:
            return []
        items = [i for i in self.data.lists.get(d["source"], []) if i.strip()]
        if not items:
            return [self._p(self.fill(d["empty"]), self.st.empty)]
        out: list[Flowable] = []
        joined = _with_space_after(self.st.bullet, 0)
        for item in items:
            # A long item is cut into pieces (see _user_paragraphs); only the first has a bullet.
            pieces = _pieces(item, _PIECE)
            for n, piece in enumerate(pieces):
                style = self.st.bullet if n == len(pieces) - 1 else joined
                out.append(Paragraph(user_markup(piece), style, bulletText="\u2022" if n == 0 else None))
        out[-1].style = _with_space_after(self.st.bullet, self.st.size * 0.7)
        return out

    def _table(self, d: dict[str, Any]) -> list[Flowable]:
        rows = self.data.tables.get(d["source"], [])
        if not rows:
            return [self._p(self.fill(d["empty"]), self.st.empty)]
        body = [[self._user_paragraphs(v, self.st.cell) or "" for v in row] for row in rows]
        widths = d.get("widths") or ([0.34, 0.44, 0.22] if len(d["columns"]) == 3
                                     else [1 / len(d["columns"])] * len(d["columns"]))
        lengths = [sum(len(v) for v in row) for row in rows]
        return self._tabular([self.fill(c) for c in d["columns"]], body, lengths, widths)

    def _text(self, d: dict[str, Any]) -> list[Flowable]:
        text = self.data.texts.get(d["source"], "")
        if not text.strip():
            return [self._p(self.fill(d["empty"]), self.st.empty)]
        return self._user_paragraphs(text)

    def _merz(self, d: dict[str, Any]) -> list[Flowable]:
        head = [self._p(self.fill(c), self.st.cell_head) for c in d["columns"]]
        rows = [head]
        for hand in ("left", "right"):
            grade = self.data.merz.get(hand)
            if grade is None or str(grade) not in d["grades"]:
                value = self.fill(d["not_graded"])
            else:
                value = f"<b>{grade}</b> \u2014 {self.fill(d['grades'][str(grade)])}"
            rows.append([self._p(self.fill(d["hands"][hand]), self.st.label), self._p(value, self.st.cell)])
        return [self._grid(rows, [0.3, 0.7])]

    def _photos(self, d: dict[str, Any]) -> list[Flowable]:
        """Each view photographed on two days: before and after side by side, dated."""
        import io

        from reportlab.platypus import Image as PdfImage

        from rejuv_desktop.domain.photos import get_view

        if not self.data.photos:
            return [self._p(self.fill(d["empty"]), self.st.empty)]
        out: list[Flowable] = []
        half = (self.width - 12) / 2
        for pair in self.data.photos:
            view = get_view(pair.view)
            title = view.text(self.data.lang)[0] if view else pair.view
            cells = []
            for label, data, day in ((d["columns"][0], pair.before, pair.before_on),
                                     (d["columns"][1], pair.after, pair.after_on)):
                picture = PdfImage(io.BytesIO(data))
                k = min(half / picture.imageWidth, half * 0.75 / picture.imageHeight)
                picture.drawWidth, picture.drawHeight = picture.imageWidth * k, picture.imageHeight * k
                caption = f"<b>{self.fill(label)}</b> \u2014 {self.labels.date(day)}"
                cells.append([picture, self._p(caption, self.st.cell)])
            head = f"<b>{user_markup(title)}</b>"
            if pair.illustration:
                head += f" \u2014 {self.fill(d['illustration'])}"
            table = Table([[self._p(head, self.st.cell), ""], cells], colWidths=[half + 6] * 2)
            table.setStyle(TableStyle([("SPAN", (0, 0), (1, 0)), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                       ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                       ("BOTTOMPADDING", (0, 1), (-1, 1), 8)]))
            out.append(table)
        return out

    def _verdicts(self, d: dict[str, Any]) -> list[Flowable]:
        if not self.data.verdicts:
            return [self._p(self.fill(d["empty"]), self.st.empty)]
        rows, lengths = [], []
        for label, level, reasons in self.data.verdicts:
            colour = LEVEL_COLOURS.get(level)
            shown = self.fill(d["levels"][level]) if level in d["levels"] else user_markup(level)
            if colour is not None:
                shown = f'<font color="{colour.hexval()}"><b>{shown}</b></font>'
            reason_text = [Paragraph(user_markup(r), self.st.bullet_small, bulletText="\u2022") for r in reasons if r.strip()]
            rows.append([self._p(user_markup(label), self.st.label), self._p(shown, self.st.cell), reason_text or ""])
            lengths.append(len(label) + sum(len(r) for r in reasons))
        return self._tabular([self.fill(c) for c in d["columns"]], rows, lengths, [0.25, 0.2, 0.55])


    def _grade_chart(self, d: dict[str, Any]) -> list[Flowable]:
        from rejuv_desktop.documents.charts import grade_drawing

        if not any(self.data.grade_series.values()):
            return [self._p(self.fill(d["empty"]), self.st.empty)]
        months = self.labels.months
        return [grade_drawing(self.data.grade_series, dict(d["hands"]), d["baseline"], self.width,
                              lambda day: f"{day.day} {months[day.month - 1][:3]} {day.year}")]


_PIECE = 3000  # characters per paragraph piece of a long user text
_LONG_ROW = 4000  # characters of user text above which a table row is printed as stacked text


def _pieces(text: str, size: int) -> list[str]:
    """``text`` cut into pieces of about ``size`` characters, at a newline or space if possible."""
    pieces: list[str] = []
    while len(text) > size:
        cut = text.rfind("\n", size // 2, size)
        if cut < 0:
            cut = text.rfind(" ", size // 2, size)
        if cut < 0:
            cut = size
        pieces.append(text[:cut])
        text = text[cut:].lstrip("\n") if text[cut:cut + 1] == "\n" else text[cut:]
    pieces.append(text)
    return pieces


def _with_space_after(style, space: float):
    new = copy(style)
    new.spaceAfter = space
    return new


class _KeepIfShort(KeepTogether):
    """Keeps its flowables on one page when together they are at most ``limit`` high."""

    def __init__(self, flowables: list[Flowable], limit: float, page_height: float | None = None):
        super().__init__(flowables)
        self._limit = limit
        self._page = page_height

    def split(self, aW, aH):
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        # Moving a section that does not fit to the next page must not leave half a page or
        # more empty behind it: then it flows on from here instead.
        half_empty = self._page is not None and self._H > aH >= self._page * 0.5
        if self._H > self._limit or half_empty:
            # Too tall to keep whole: hand the flowables back to flow one by one. The leading
            # no-op tells the document not to insist that the first of them fits here.
            return [self.NullActionFlowable()] + self._content[:]
        return super().split(aW, aH)


class _Rule(Flowable):
    """A signature line."""

    def __init__(self, width: float):
        super().__init__()
        self.width = width
        self.height = 2

    def wrap(self, avail_w, avail_h):
        self.width = min(self.width, avail_w)
        return self.width, self.height

    def draw(self):
        self.canv.setStrokeColor(INK)
        self.canv.setLineWidth(0.7)
        self.canv.line(0, 1, self.width, 1)
