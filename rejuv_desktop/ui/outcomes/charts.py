"""Two small charts drawn with QPainter (Qt Charts is not part of the Qt the app ships):
the Merz grade of each hand over time, and rates with their 95 % intervals beside a published
figure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

SIDE_COLOURS = {"left": QColor("#1f5fa8"), "right": QColor("#c0571b")}
BAR = QColor("#4a7fb5")
BAR_LOW_N = QColor("#a9c1da")
WHISKER = QColor("#1c2f45")
PUBLISHED = QColor("#b3261e")
GRID = QColor("#e3e3e3")
TEXT = QColor("#333333")
MUTED = QColor("#777777")


@dataclass(frozen=True)
class GradePoint:
    day: date
    grade: int
    baseline: bool


class GradeChart(QWidget):
    """Merz grade per hand over time; 0 (no loss) at the top, so a line going up is better."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("merz_chart")
        self.series: dict[str, list[GradePoint]] = {}
        self.side_names: dict[str, str] = {}
        self.empty_text = ""
        self.setMinimumHeight(170)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def sizeHint(self) -> QSize:
        return QSize(420, 210)

    def set_series(self, series: dict[str, list[GradePoint]], side_names: dict[str, str],
                   empty_text: str) -> None:
        self.series, self.side_names, self.empty_text = series, side_names, empty_text
        self.update()

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), Qt.GlobalColor.white)
        metrics = p.fontMetrics()
        days = sorted({pt.day for pts in self.series.values() for pt in pts})
        if not days:
            p.setPen(MUTED)
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        left = metrics.horizontalAdvance("4") + 30
        legend_h = metrics.height() + 8
        plot = QRectF(left, 10 + metrics.height() / 2, self.width() - left - 18,
                      self.height() - 16 - metrics.height() * 2.5 - legend_h)
        # Grades 0..4 with 0 at the top.
        p.setPen(QPen(GRID, 1))
        for g in range(5):
            y = plot.top() + plot.height() * g / 4
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(TEXT)
            p.drawText(QRectF(0, y - metrics.height() / 2, left - 8, metrics.height()),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(g))
            p.setPen(QPen(GRID, 1))
        first, last = days[0], days[-1]
        span = max(1, (last - first).days)

        def x_of(day: date) -> float:
            if first == last:
                return plot.center().x()
            return plot.left() + 14 + (plot.width() - 28) * (day - first).days / span

        def y_of(grade: int) -> float:
            return plot.top() + plot.height() * grade / 4

        # Dates under the axis, skipping any that would overlap the one before.
        p.setPen(TEXT)
        shown_right = -1e9
        for day in days:
            text = day.strftime("%d/%m/%y")
            w = metrics.horizontalAdvance(text)
            x = x_of(day) - w / 2
            if x > shown_right + 6:
                p.drawText(QPointF(max(0, min(x, self.width() - w)),
                                   plot.bottom() + metrics.height() / 2 + metrics.ascent() + 4),
                           text)
                shown_right = x + w
        offset = {"left": -3, "right": 3}
        many = sum(len(pts) for pts in self.series.values()) > 80
        radius = 3.0 if many else 4.5
        for side, pts in self.series.items():
            colour = SIDE_COLOURS.get(side, TEXT)
            points = [(QPointF(x_of(pt.day), y_of(pt.grade) + offset.get(side, 0)), pt.baseline)
                      for pt in sorted(pts, key=lambda pt: pt.day)]
            # A record of many years has hundreds of points: a plain line and plain markers draw
            # in a fraction of the time of smoothed ones, and at that density look the same.
            p.setRenderHint(QPainter.RenderHint.Antialiasing, not many)
            p.setPen(QPen(colour, 2))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPolyline(QPolygonF([point for point, _ in points]))
            p.setPen(QPen(colour, 1.5))
            for point, baseline in points:
                p.setBrush(Qt.GlobalColor.white if baseline else colour)
                p.drawEllipse(point, radius, radius)
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
        # Legend: each hand, and what a hollow point means.
        y = self.height() - legend_h + 4
        x = plot.left()
        for side in self.series:
            colour = SIDE_COLOURS.get(side, TEXT)
            p.setPen(QPen(colour, 2))
            p.drawLine(QPointF(x, y + metrics.height() / 2), QPointF(x + 18, y + metrics.height() / 2))
            p.setPen(TEXT)
            name = self.side_names.get(side, side)
            p.drawText(QPointF(x + 24, y + metrics.ascent()), name)
            x += 24 + metrics.horizontalAdvance(name) + 18
        p.setPen(QPen(TEXT, 1.5))
        p.setBrush(Qt.GlobalColor.white)
        p.drawEllipse(QPointF(x + 5, y + metrics.height() / 2), 4, 4)
        p.drawText(QPointF(x + 14, y + metrics.ascent()), self.side_names.get("_baseline", ""))


@dataclass(frozen=True)
class RateBar:
    """One row of a rate chart: a rate and its interval (fractions), a published figure."""

    label: str
    rate: float | None
    low: float | None
    high: float | None
    published: float | None = None
    note: str = ""
    """Printed after the bar: counts and loss to follow-up."""
    small: bool = False
    """Drawn pale: too few cases to read much into."""


class RateChart(QWidget):
    """Horizontal bars with 95 % whiskers and a red diamond at the published rate."""

    def __init__(self, parent=None, name: str = "rate_chart"):
        super().__init__(parent)
        self.setObjectName(name)
        self.rows: list[RateBar] = []
        self.scale_max = 1.0
        self.empty_text = ""
        self.published_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_rows(self, rows: list[RateBar], empty_text: str, published_text: str,
                 scale_max: float | None = None) -> None:
        self.rows, self.empty_text, self.published_text = rows, empty_text, published_text
        tops = [v for r in rows for v in (r.high, r.published, r.rate) if v is not None]
        self.scale_max = scale_max or _nice_max(max(tops) if tops else 0.1)
        self.setFixedHeight(self.sizeHint().height())
        self.update()

    def row_height(self) -> int:
        return self.fontMetrics().height() + 10

    def sizeHint(self) -> QSize:
        rows = max(1, len(self.rows))
        key = any(r.published is not None for r in self.rows)
        return QSize(520, 16 + rows * self.row_height()
                     + self.fontMetrics().height() * (2 if key else 1) + (12 if key else 6))

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), Qt.GlobalColor.white)
        m = p.fontMetrics()
        if not self.rows:
            p.setPen(MUTED)
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        label_w = min(max(m.horizontalAdvance(r.label) for r in self.rows) + 12,
                      int(self.width() * 0.3))
        note_w = min(max(m.horizontalAdvance(r.note) for r in self.rows) + 12,
                     int(self.width() * 0.3))
        plot = QRectF(label_w, 8, max(60, self.width() - label_w - note_w - 10),
                      len(self.rows) * self.row_height())
        # Grid at quarters of the scale, labelled in percent.
        for i in range(5):
            x = plot.left() + plot.width() * i / 4
            p.setPen(QPen(GRID, 1))
            p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            p.setPen(MUTED)
            text = _pct(self.scale_max * i / 4)
            w = m.horizontalAdvance(text)
            p.drawText(QPointF(min(x - w / 2, self.width() - w), plot.bottom() + m.ascent() + 3),
                       text)

        def x_of(v: float) -> float:
            return plot.left() + plot.width() * min(v, self.scale_max) / self.scale_max

        for i, r in enumerate(self.rows):
            top = plot.top() + i * self.row_height()
            mid = top + self.row_height() / 2
            p.setPen(TEXT)
            label = m.elidedText(r.label, Qt.TextElideMode.ElideRight, label_w - 8)
            p.drawText(QRectF(0, top, label_w - 8, self.row_height()),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
            if r.rate is not None:
                bar = QRectF(plot.left(), top + 4, x_of(r.rate) - plot.left(),
                             self.row_height() - 8)
                p.fillRect(bar, BAR_LOW_N if r.small else BAR)
            if r.low is not None and r.high is not None:
                p.setPen(QPen(WHISKER, 1.5))
                p.drawLine(QPointF(x_of(r.low), mid), QPointF(x_of(r.high), mid))
                for v in (r.low, r.high):
                    p.drawLine(QPointF(x_of(v), mid - 4), QPointF(x_of(v), mid + 4))
            if r.published is not None:
                x = x_of(r.published)
                p.setPen(QPen(PUBLISHED, 1))
                p.setBrush(PUBLISHED)
                p.drawPolygon(QPolygonF([QPointF(x, mid - 6), QPointF(x + 5, mid),
                                         QPointF(x, mid + 6), QPointF(x - 5, mid)]))
                p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(TEXT)
            note = m.elidedText(r.note, Qt.TextElideMode.ElideRight, note_w - 6)
            p.drawText(QRectF(plot.right() + 8, top, note_w, self.row_height()),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, note)
        # Key: the diamond is the published figure.
        if any(r.published is not None for r in self.rows):
            y = plot.bottom() + m.height() + 8
            p.setPen(QPen(PUBLISHED, 1))
            p.setBrush(PUBLISHED)
            x = plot.left()
            p.drawPolygon(QPolygonF([QPointF(x, y - 5), QPointF(x + 4, y), QPointF(x, y + 5),
                                     QPointF(x - 4, y)]))
            p.setPen(TEXT)
            small = QFont(p.font())
            p.drawText(QPointF(x + 10, y + m.ascent() / 2 - 1), self.published_text)
            p.setFont(small)


def _nice_max(value: float) -> float:
    for top in (0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 0.75, 1.0):
        if value <= top:
            return top
    return 1.0


def _pct(value: float) -> str:
    percent = value * 100
    return f"{percent:.0f}%" if percent >= 10 or percent == 0 else f"{percent:.1f}%"
