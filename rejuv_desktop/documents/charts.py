"""Charts drawn in a PDF with ReportLab's own graphics: the Merz grade of each hand over time."""

from __future__ import annotations

from datetime import date

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from rejuv_desktop.documents.fonts import MAIN
from rejuv_desktop.documents.styles import INK

SIDE_COLOURS = {"left": colors.HexColor("#1f5fa8"), "right": colors.HexColor("#c0571b")}
GRID = colors.HexColor("#dddddd")
MUTED = colors.HexColor("#666666")


def grade_drawing(series: dict[str, list[tuple[date, int, bool]]], names: dict[str, str],
                  baseline_text: str, width: float, day_text, height: float = 58 * mm) -> Drawing:
    """Grades 0 (no loss, at the top) to 4 against the date; hollow points are baselines.
    ``day_text(day)`` writes a date under the axis (in the document's language)."""
    d = Drawing(width, height)
    size = 8
    left, right, bottom, top = 18, width - 10, 14 + 16, height - 6
    days = sorted({day for points in series.values() for day, _, _ in points})
    first, last = days[0], days[-1]
    span = max(1, (last - first).days)

    def x_of(day: date) -> float:
        if first == last:
            return (left + right) / 2
        return left + 12 + (right - left - 24) * (day - first).days / span

    def y_of(grade: int) -> float:
        return top - (top - bottom) * grade / 4

    for g in range(5):
        y = y_of(g)
        d.add(Line(left, y, right, y, strokeColor=GRID, strokeWidth=0.5))
        d.add(String(left - 5, y - size / 3, str(g), fontName=MAIN, fontSize=size,
                     fillColor=INK, textAnchor="end"))
    shown_right = -1e9
    for day in days:
        x = x_of(day)
        text = day_text(day)
        half = len(text) * (size - 1) * 0.28
        if x - half > shown_right + 4:
            d.add(String(min(max(x, left + half), right - half), bottom - 10, text,
                         fontName=MAIN, fontSize=size - 1, fillColor=MUTED, textAnchor="middle"))
            shown_right = x + half
    offset = {"left": 1.2, "right": -1.2}
    for side, points in series.items():
        colour = SIDE_COLOURS.get(side, INK)
        points = sorted(points)
        coords = []
        for day, grade, _ in points:
            coords += [x_of(day), y_of(grade) + offset.get(side, 0)]
        if len(points) > 1:
            d.add(PolyLine(coords, strokeColor=colour, strokeWidth=1.4))
        for day, grade, baseline in points:
            d.add(Circle(x_of(day), y_of(grade) + offset.get(side, 0), 2.6, strokeColor=colour,
                         strokeWidth=1.2, fillColor=colors.white if baseline else colour))
    x = left
    for side in series:
        colour = SIDE_COLOURS.get(side, INK)
        d.add(Line(x, 4, x + 14, 4, strokeColor=colour, strokeWidth=1.4))
        name = names.get(side, side)
        d.add(String(x + 18, 1.5, name, fontName=MAIN, fontSize=size, fillColor=INK))
        x += 18 + len(name) * size * 0.55 + 14
    d.add(Circle(x + 3, 4, 2.4, strokeColor=INK, strokeWidth=1, fillColor=colors.white))
    d.add(String(x + 9, 1.5, baseline_text, fontName=MAIN, fontSize=size, fillColor=INK))
    return d
