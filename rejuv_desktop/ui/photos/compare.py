"""Comparing one view at two dates: side by side, a slider (wipe), and an overlay with
adjustable opacity, the later photograph laid over the earlier one (found automatically, then
nudged by hand); date, session and Merz grade under each; full screen for the patient."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from rejuv_desktop.domain.dates import format_day
from rejuv_desktop.errors import UserError
from rejuv_desktop.services import photos as sph
from rejuv_desktop.services.photo_images import Alignment
from rejuv_desktop.ui.photos import words
from rejuv_desktop.ui.tasks import run_in_background

MODES = ("side", "slider", "overlay")
SHOWN_MAX = 2000
"""Longest side of the images kept for drawing (a screen never needs more)."""
NUDGE = 0.004
"""One nudge: this fraction of the earlier photo's width or height."""


def _image(data: bytes) -> QImage:
    image = QImage()
    image.loadFromData(data)
    if max(image.width(), image.height()) > SHOWN_MAX:
        image = image.scaled(SHOWN_MAX, SHOWN_MAX, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
    return image


class CompareCanvas(QWidget):
    """Draws the two photographs in the chosen mode; a drag moves the slider's line."""

    split_moved = Signal(float)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("compare_canvas")
        self.setMinimumSize(320, 220)
        self.earlier = QImage()
        self.later = QImage()
        self.mode = "side"
        self.opacity = 0.5
        self.split = 0.5
        self.alignment = Alignment()
        self.aligned = True
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(self.backgroundRole(), QColor("#1b1b1f"))
        self.setPalette(palette)

    def set_images(self, earlier: QImage, later: QImage) -> None:
        self.earlier, self.later = earlier, later
        self.update()

    def _fit(self, area: QRectF) -> QRectF:
        """Where the earlier photo's frame goes inside ``area`` (aspect kept)."""
        w, h = self.earlier.width(), self.earlier.height()
        if not w or not h:
            return QRectF()
        k = min(area.width() / w, area.height() / h)
        return QRectF(area.center().x() - w * k / 2, area.center().y() - h * k / 2, w * k,
                      h * k)

    def _draw_later(self, p: QPainter, frame: QRectF) -> None:
        """The later photo in the earlier one's frame, moved and scaled as aligned."""
        if self.later.isNull():
            return
        a = self.alignment if self.aligned else Alignment()
        p.save()
        p.translate(frame.topLeft())
        k = frame.width() / self.earlier.width()  # earlier pixels -> screen
        p.scale(k, k)
        w, h = self.earlier.width(), self.earlier.height()
        p.translate(a.dx * w, a.dy * h)
        s = a.scale * w / self.later.width()
        p.scale(s, s)
        p.drawImage(QPointF(0, 0), self.later)
        p.restore()

    def paintEvent(self, _event) -> None:
        if self.earlier.isNull():
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        full = QRectF(self.rect()).adjusted(4, 4, -4, -4)
        if self.mode == "side":
            gap = 8
            left = QRectF(full.left(), full.top(), (full.width() - gap) / 2, full.height())
            right = QRectF(left.right() + gap, full.top(), left.width(), full.height())
            a, b = self._fit(left), self._fit(right)
            p.drawImage(a, self.earlier)
            p.save()
            p.setClipRect(b)
            self._draw_later(p, b)
            p.restore()
        else:
            frame = self._fit(full)
            p.drawImage(frame, self.earlier)
            p.save()
            if self.mode == "slider":
                x = frame.left() + frame.width() * self.split
                p.setClipRect(QRectF(x, frame.top(), frame.right() - x, frame.height()))
            else:
                p.setClipRect(frame)
                p.setOpacity(self.opacity)
            self._draw_later(p, frame)
            p.restore()
            if self.mode == "slider":
                p.setPen(QColor("#ffffff"))
                p.drawLine(QPointF(x, frame.top()), QPointF(x, frame.bottom()))
        p.end()

    def _drag(self, event) -> None:
        if self.mode != "slider" or self.earlier.isNull():
            return
        frame = self._fit(QRectF(self.rect()).adjusted(4, 4, -4, -4))
        if frame.width() > 0:
            split = min(1.0, max(0.0, (event.position().x() - frame.left()) / frame.width()))
            self.split_moved.emit(split)

    def mousePressEvent(self, event) -> None:
        self._drag(event)

    def mouseMoveEvent(self, event) -> None:
        self._drag(event)


class CompareDialog(QDialog):
    """Choose the view and the two dates; three ways of looking; alignment and nudge."""

    def __init__(self, store, patient_id: int, earlier_id: int, later_id: int, parent=None):
        super().__init__(parent)
        self.store, self.patient_id = store, patient_id
        self.setWindowTitle(self.tr("Compare photographs"))
        self.setObjectName("compare_dialog")
        self.resize(1000, 680)
        self.photos = {p.id: p for p in sph.photos_of(store, patient_id)}
        self.found: dict[tuple[int, int], Alignment] = {}
        layout = QVBoxLayout(self)

        choose = QHBoxLayout()
        self.earlier_combo = QComboBox()
        self.earlier_combo.setObjectName("earlier_photo")
        self.later_combo = QComboBox()
        self.later_combo.setObjectName("later_photo")
        self.view_label = QLabel()
        self.view_label.setStyleSheet("font-weight: 600;")
        choose.addWidget(self.view_label)
        choose.addStretch(1)
        choose.addWidget(QLabel(self.tr("Before:")))
        choose.addWidget(self.earlier_combo)
        choose.addWidget(QLabel(self.tr("After:")))
        choose.addWidget(self.later_combo)
        layout.addLayout(choose)

        modes = QHBoxLayout()
        self.mode_group = QButtonGroup(self)
        for mode, text in zip(MODES, (self.tr("Side by side"), self.tr("Slider"),
                                      self.tr("Overlay"))):
            button = QRadioButton(text)
            button.setObjectName(f"mode_{mode}")
            self.mode_group.addButton(button)
            button.toggled.connect(lambda on, m=mode: on and self.set_mode(m))
            modes.addWidget(button)
        self.amount = QSlider(Qt.Orientation.Horizontal)
        self.amount.setObjectName("compare_amount")
        self.amount.setRange(0, 100)
        self.amount.setValue(50)
        self.amount.setMaximumWidth(220)
        self.amount.valueChanged.connect(self._amount_changed)
        self.amount_label = QLabel()
        self.amount_label.setMinimumWidth(
            self.amount_label.fontMetrics().horizontalAdvance(self.tr("Later photo's opacity:")))
        modes.addWidget(self.amount_label)
        modes.addWidget(self.amount)
        modes.addStretch(1)
        self.align_box = QCheckBox(self.tr("Align the later photo"))
        self.align_box.setObjectName("align")
        self.align_box.setChecked(True)
        self.align_box.toggled.connect(self._align_toggled)
        modes.addWidget(self.align_box)
        for name, text, tip, delta in (
                ("nudge_left", "←", self.tr("Move the later photo left"), (-NUDGE, 0, 1)),
                ("nudge_right", "→", self.tr("Move the later photo right"), (NUDGE, 0, 1)),
                ("nudge_up", "↑", self.tr("Move the later photo up"), (0, -NUDGE, 1)),
                ("nudge_down", "↓", self.tr("Move the later photo down"), (0, NUDGE, 1)),
                ("nudge_bigger", "+", self.tr("Enlarge the later photo"), (0, 0, 1.01)),
                ("nudge_smaller", "−", self.tr("Shrink the later photo"), (0, 0, 1 / 1.01))):
            button = QToolButton()
            button.setObjectName(name)
            button.setText(text)
            button.setToolTip(tip)
            button.setAccessibleName(tip)
            button.setAutoRepeat(True)
            button.clicked.connect(lambda _c=False, d=delta: self.nudge(*d))
            modes.addWidget(button)
        self.full_button = QPushButton(self.tr("Full screen"))
        self.full_button.setObjectName("full_screen")
        self.full_button.setCheckable(True)
        self.full_button.toggled.connect(self.set_full_screen)
        modes.addWidget(self.full_button)
        layout.addLayout(modes)

        self.canvas = CompareCanvas()
        self.canvas.split_moved.connect(lambda v: self.amount.setValue(round(v * 100)))
        layout.addWidget(self.canvas, 1)
        captions = QHBoxLayout()
        self.caption_before = QLabel()
        self.caption_before.setObjectName("caption_before")
        self.caption_after = QLabel()
        self.caption_after.setObjectName("caption_after")
        self.caption_after.setAlignment(Qt.AlignmentFlag.AlignRight)
        for c in (self.caption_before, self.caption_after):
            c.setWordWrap(True)
            c.setTextFormat(Qt.TextFormat.PlainText)
            captions.addWidget(c, 1)
        layout.addLayout(captions)
        self.status = QLabel()
        self.status.setObjectName("align_status")
        self.status.setStyleSheet("color: #555;")
        layout.addWidget(self.status)
        QShortcut(QKeySequence(Qt.Key.Key_F11), self, lambda: self.full_button.toggle())
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self._escape)

        first = self.photos[earlier_id]
        self._fill_combos(first.view, earlier_id, later_id)
        self.earlier_combo.currentIndexChanged.connect(self.load)
        self.later_combo.currentIndexChanged.connect(self.load)
        self.mode_group.buttons()[0].setChecked(True)
        self.load()

    def _fill_combos(self, view: str, earlier_id: int, later_id: int) -> None:
        self.view_label.setText(words.view_title(view))
        same = sorted((p for p in self.photos.values() if p.view == view),
                      key=lambda p: (p.taken_at, p.id))
        for combo, chosen in ((self.earlier_combo, earlier_id), (self.later_combo, later_id)):
            combo.blockSignals(True)
            combo.clear()
            for p in same:
                combo.addItem(format_day(p.taken_at) + (self.tr(" (illustration)")
                                                        if p.illustration else ""), p.id)
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
            combo.blockSignals(False)

    def pair(self) -> tuple[int, int]:
        return self.earlier_combo.currentData(), self.later_combo.currentData()

    def load(self) -> None:
        earlier_id, later_id = self.pair()
        try:
            earlier = _image(sph.image_bytes(self.store, earlier_id))
            later = _image(sph.image_bytes(self.store, later_id))
        except UserError as exc:
            self.status.setText(words.error_text(exc))
            return
        self.canvas.alignment = self.found.get((earlier_id, later_id), Alignment())
        self.canvas.set_images(earlier, later)
        for label, pid in ((self.caption_before, earlier_id), (self.caption_after, later_id)):
            label.setText(self.caption(pid))
        if (earlier_id, later_id) not in self.found and self.align_box.isChecked() \
                and earlier_id != later_id:
            self.find_alignment()

    def caption(self, photo_id: int) -> str:
        photo = self.photos[photo_id]
        c = sph.caption(self.store, photo)
        lines = [format_day(c.day.isoformat())]
        if c.session_number is not None:
            lines.append(self.tr("Session {n} ({procedure})").format(
                n=c.session_number, procedure=words.procedure_name(c.procedure)))
        elif c.follow_up_label:
            lines.append(self.tr("Visit: {label}").format(label=c.follow_up_label))
        merz = c.merz
        if merz["left"] is None and merz["right"] is None:
            lines.append(self.tr("Merz grade: not graded yet"))
        else:
            lines.append(self.tr("Merz grade: left {left}, right {right} (graded {day})").format(
                left="—" if merz["left"] is None else merz["left"],
                right="—" if merz["right"] is None else merz["right"],
                day=format_day(merz["graded_on"].isoformat())))
        if photo.illustration:
            lines.append(self.tr("Illustration, not a photograph of a patient"))
        return " · ".join(lines)

    def find_alignment(self) -> None:
        earlier_id, later_id = self.pair()
        self.status.setText(self.tr("Aligning the later photo on the earlier one…"))
        try:
            earlier = sph.image_bytes(self.store, earlier_id)
            later = sph.image_bytes(self.store, later_id)
        except UserError as exc:
            self.status.setText(words.error_text(exc))
            return
        from rejuv_desktop.services.photo_images import register

        def done(found: Alignment) -> None:
            self.found[(earlier_id, later_id)] = found
            if self.pair() == (earlier_id, later_id):
                self.canvas.alignment = found
                self.canvas.update()
                self._show_alignment()

        def failed(exc) -> None:
            self.status.setText(self.tr("The photos could not be aligned automatically: "
                                        "nudge the later one by hand."))

        run_in_background(lambda: register(earlier, later), done, failed)

    def _show_alignment(self) -> None:
        a = self.canvas.alignment
        if not self.align_box.isChecked():
            self.status.setText(self.tr("Shown as taken, not aligned."))
            return
        self.status.setText(self.tr("Later photo aligned: moved {dx:+.1f} % across, {dy:+.1f} % "
                                    "down, scaled {s:.0f} %. Use the arrows to nudge it.").format(
            dx=(a.dx + (a.scale - 1) / 2) * 100, dy=(a.dy + (a.scale - 1) / 2) * 100,
            s=a.scale * 100))

    def nudge(self, dx: float, dy: float, scale: float) -> None:
        a = self.canvas.alignment
        # Scale about the centre, so enlarging does not also move the hands.
        new_scale = a.scale * scale
        centre_x = a.dx + (a.scale - 1) / 2 + dx
        centre_y = a.dy + (a.scale - 1) / 2 + dy
        a = replace(a, dx=centre_x - (new_scale - 1) / 2, dy=centre_y - (new_scale - 1) / 2,
                    scale=new_scale)
        self.canvas.alignment = a
        self.found[self.pair()] = a
        self.align_box.setChecked(True)
        self.canvas.update()
        self._show_alignment()

    def _align_toggled(self, on: bool) -> None:
        self.canvas.aligned = on
        if on and self.pair() not in self.found:
            self.find_alignment()
        self.canvas.update()
        self._show_alignment()

    def set_mode(self, mode: str) -> None:
        self.canvas.mode = mode
        self.amount.setVisible(mode != "side")
        self.amount_label.setVisible(mode != "side")
        if mode == "slider":
            self.amount_label.setText(self.tr("Line:"))
            self.amount.setValue(round(self.canvas.split * 100))
        elif mode == "overlay":
            self.amount_label.setText(self.tr("Later photo's opacity:"))
            self.amount.setValue(round(self.canvas.opacity * 100))
        self.canvas.update()

    def _amount_changed(self, value: int) -> None:
        if self.canvas.mode == "slider":
            self.canvas.split = value / 100
        elif self.canvas.mode == "overlay":
            self.canvas.opacity = value / 100
        self.canvas.update()

    def set_full_screen(self, on: bool) -> None:
        if on:
            self.showFullScreen()
        else:
            self.showNormal()

    def _escape(self) -> None:
        if self.full_button.isChecked():
            self.full_button.setChecked(False)
        else:
            self.reject()
