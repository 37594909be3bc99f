"""A pad to sign on with a mouse, pen or finger; the drawing becomes a PNG."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget


class SignaturePad(QWidget):
    """Captures strokes from mouse, tablet pen or touch. ``changed`` fires after each stroke."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setMinimumSize(420, 150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAccessibleName(self.tr("Signature pad"))
        self.strokes: list[QPainterPath] = []
        self._current: QPainterPath | None = None

    # drawing ------------------------------------------------------------------------------------
    def _begin(self, point: QPointF) -> None:
        self._current = QPainterPath(point)
        self.strokes.append(self._current)

    def _extend(self, point: QPointF) -> None:
        if self._current is not None:
            self._current.lineTo(point)
            self.update()

    def _end(self) -> None:
        if self._current is not None:
            if self._current.elementCount() == 1:  # a dot
                p = self._current.currentPosition()
                self._current.lineTo(p + QPointF(0.5, 0.5))
            self._current = None
            self.update()
            self.changed.emit()

    def mousePressEvent(self, event) -> None:
        self._begin(event.position())

    def mouseMoveEvent(self, event) -> None:
        self._extend(event.position())

    def mouseReleaseEvent(self, event) -> None:
        self._end()

    def tabletEvent(self, event) -> None:
        kind = event.type()
        if kind == event.Type.TabletPress:
            self._begin(event.position())
        elif kind == event.Type.TabletMove:
            self._extend(event.position())
        elif kind == event.Type.TabletRelease:
            self._end()
        event.accept()

    def event(self, event) -> bool:
        kind = event.type()
        if kind in (event.Type.TouchBegin, event.Type.TouchUpdate, event.Type.TouchEnd):
            points = event.points()
            if points:
                pos = points[0].position()
                if kind == event.Type.TouchBegin:
                    self._begin(pos)
                elif kind == event.Type.TouchUpdate:
                    self._extend(pos)
                else:
                    self._end()
            event.accept()
            return True
        return super().event(event)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        painter.setPen(QPen(QColor("#bbbbbb"), 1, Qt.PenStyle.DashLine))
        baseline = self.height() - 30
        painter.drawLine(20, baseline, self.width() - 20, baseline)
        if not self.strokes:
            painter.setPen(QColor("#999999"))
            painter.drawText(QRectF(0, 0, self.width(), baseline - 10),
                             Qt.AlignmentFlag.AlignCenter, self.tr("Sign here"))
        painter.setPen(QPen(QColor("#0b1f5c"), 2.4, Qt.PenStyle.SolidLine,
                            Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
        for path in self.strokes:
            painter.drawPath(path)

    # result ---------------------------------------------------------------------------------------
    def clear(self) -> None:
        self.strokes.clear()
        self._current = None
        self.update()
        self.changed.emit()

    def is_empty(self) -> bool:
        return not self.strokes

    def to_png(self) -> bytes:
        """The signature on a transparent background, cropped to the strokes, at 2x."""
        if not self.strokes:
            return b""
        bounds = QRectF()
        for path in self.strokes:
            bounds = bounds.united(path.boundingRect())
        bounds = bounds.adjusted(-6, -6, 6, 6)
        scale = 2.0
        image = QImage(int(bounds.width() * scale) + 1, int(bounds.height() * scale) + 1,
                       QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(scale, scale)
        painter.translate(-bounds.topLeft())
        painter.setPen(QPen(QColor("#0b1f5c"), 2.4, Qt.PenStyle.SolidLine,
                            Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
        for path in self.strokes:
            painter.drawPath(path)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        return bytes(data)
