"""One step of the checklist: its items, its fields (per hand, or in rows), its state.

The box shows the step as the service judges it: waiting for a gate (body disabled, the reason
in words), open (what is left), or done. Entries go to the runner (``on_tick``, ``on_value``,
``on_deviation``, ``on_override``), which saves them and calls ``update_from`` with the new
status. Plain calls rather than Qt signals, and widgets touched only when what they show
changes: see ``fields`` for the PySide6 reference-count fault this avoids.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton,
                               QVBoxLayout, QWidget)

from rejuv_desktop.domain import checklist as cl
from rejuv_desktop.domain.protocols import SIDES, TIME_OUT, Protocol, Step, is_empty
from rejuv_desktop.services.sessions import SessionStatus
from rejuv_desktop.ui.sessions.common import (DONE_STYLE, WARNING_STYLE, esc,
                                              message_label, muted_label, who_when)
from rejuv_desktop.ui.sessions.dose_panel import DosePanel
from rejuv_desktop.ui.sessions.fields import FieldEditor


def set_text(label: QLabel, text: str) -> None:
    """Set a label's text, shown only while it has some; untouched when nothing changes."""
    if label.text() != text:
        label.setText(text)
    set_shown(label, bool(text))


def set_style(widget: QWidget, style: str) -> None:
    if widget.styleSheet() != style:
        widget.setStyleSheet(style)


def set_enabled(widget: QWidget, on: bool) -> None:
    # The widget's own setting, not isEnabled(), which is also false inside a disabled step.
    if widget.testAttribute(Qt.WidgetAttribute.WA_ForceDisabled) == on:
        widget.setEnabled(on)


def hold_space(widget: QWidget) -> QWidget:
    """Keep the room of a widget that hides during the session: the checklist around it
    stays where the practitioner is about to click."""
    policy = widget.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    widget.setSizePolicy(policy)
    return widget


WHO_SAMPLE = "withdrawn: Dr Claire Martin-Rousseau, 10:30"
"""The width kept for "who ticked it, when" beside each item, so the item's text never
re-wraps (and the rows below never move) when it appears."""


def set_who(label: QLabel, text: str) -> None:
    """Who and when, shortened with an ellipsis to the width kept for it."""
    shown = label.fontMetrics().elidedText(text, Qt.TextElideMode.ElideMiddle,
                                           label.width() or label.minimumWidth())
    if label.text() != shown:
        label.setText(shown)
    if label.toolTip() != text:
        label.setToolTip(text)


def set_held_text(label: QLabel, text: str) -> None:
    """Like ``set_text`` for a label kept by ``hold_space``: its room never shrinks during
    the session (a shorter message, or none, leaves the rows below where they were)."""
    if label.isVisible() and label.height() > label.minimumHeight():
        label.setMinimumHeight(label.height())
    if text and label.text() != text:
        label.setText(text)
    if text:
        hold_space(label)  # from its first message on
    set_shown(label, bool(text))


def set_shown(widget: QWidget, on: bool) -> None:
    if widget.isHidden() == on:
        widget.setVisible(on)
        if widget.parentWidget() is not None:
            widget.parentWidget().updateGeometry()

def _compact(editor: FieldEditor) -> None:
    """Rows of several columns (anaesthetics, products) fit the window: choice lists and the
    "who, when" line may be narrower than their longest text."""
    if editor.combo is not None:
        editor.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        editor.combo.setMinimumContentsLength(10)
    if editor.line is not None and editor.field.type in ("number", "integer"):
        editor.line.setMaximumWidth(72)
    editor.who.setWordWrap(True)


BOX_STYLE = "QFrame#step_%s { border: 1px solid #ccc; border-radius: 4px; background: %s; }"


def which(f, instance) -> str:
    """How the domain names one instance of a field in its messages."""
    if instance is None:
        return ""
    return f" ({instance} hand)" if f.repeat == "sides" else \
        f" (entry {instance})" if f.repeat == "list" else f" ({instance})"


def open_choices(step: Step, status: SessionStatus) -> list[tuple[str, str]]:
    """(key, text) of each required item or value of the step still open: what a deviation
    can be recorded for."""
    wanted = set(status.step_status(step.id).open)
    prefix = f"{step.title}{cl.DASH}"
    out = [(f"{step.id}.{i.id}", prefix + i.text) for i in step.items]
    if any(f.repeat == "list" for f in step.fields):
        out.append((step.id, f"{prefix}at least one entry"))
    for f in step.fields:
        out += [(f.key(n), f"{prefix}{f.label}{which(f, n)}")
                for n in cl.instances(f, step, status.state)]
    return [(k, t) for k, t in out if t in wanted]


class _ClickLabel(QLabel):
    """The text of a checklist item: wraps, and a click on it ticks the box."""

    def __init__(self, text: str, check: QCheckBox):
        super().__init__(text)
        self.check = check
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def mouseReleaseEvent(self, event) -> None:
        if self.check.isEnabled() and event.button() == Qt.MouseButton.LeftButton:
            self.check.click()
        super().mouseReleaseEvent(event)


class StepBox(QFrame):
    """A step of the protocol as a framed section of the checklist.

    ``handler`` receives the entries: ``on_tick(key, done)``, ``on_value(key, value)``,
    ``on_deviation(step_id)`` and ``on_override(reason)``.
    """

    def __init__(self, number: int, step: Step, protocol: Protocol, handler, parent=None):
        super().__init__(parent)
        self.step, self.protocol, self.handler = step, protocol, handler
        self.is_time_out = step.id == TIME_OUT
        self.setObjectName(f"step_{step.id}")
        self.setStyleSheet(BOX_STYLE % (step.id, "#fffbea" if self.is_time_out else "#ffffff"))
        layout = QVBoxLayout(self)
        header = QHBoxLayout()
        self.title = QLabel(f"{number}. {step.title}")
        self.title.setStyleSheet("font-size: 15px; font-weight: 600; border: none;")
        self.badge = QLabel()
        self.badge.setObjectName(f"badge:{step.id}")
        header.addWidget(self.title)
        if step.invasive:
            header.addWidget(muted_label(self.tr("invasive")))
        header.addStretch(1)
        header.addWidget(self.badge)
        layout.addLayout(header)
        self.reason = message_label(WARNING_STYLE, f"reason:{step.id}")
        layout.addWidget(self.reason)
        if step.help:
            help_label = muted_label(step.help)
            help_label.setWordWrap(True)
            layout.addWidget(help_label)

        self.body = QWidget()
        self.body.setObjectName(f"body:{step.id}")
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        self.checks: dict[str, QCheckBox] = {}
        self.check_who: dict[str, QLabel] = {}
        for item in step.items:
            key = f"{TIME_OUT}.{item.id}" if self.is_time_out else f"{step.id}.{item.id}"
            row = QHBoxLayout()
            text = item.text + ("" if item.required else self.tr(" (optional)"))
            if item.by_app == "photos":
                text += self.tr(" (ticked by the photographs, or the refusal recorded)")
            elif item.by_app:
                text += self.tr(" (done by the app)")
            check = QCheckBox()
            check.setObjectName(key)
            check.setAccessibleName(text)
            check.setToolTip(item.help)
            check.clicked.connect(lambda on, k=key: handler.on_tick(k, on))
            label = _ClickLabel(text, check)
            label.setToolTip(item.help)
            who = muted_label()
            who.setObjectName(f"who:{key}")
            who.setFixedWidth(who.fontMetrics().horizontalAdvance(WHO_SAMPLE))
            row.addWidget(check, 0, Qt.AlignmentFlag.AlignTop)
            row.addWidget(label, 1)
            row.addWidget(who, 0, Qt.AlignmentFlag.AlignTop)
            body.addLayout(row)
            self.checks[key], self.check_who[key] = check, who
        self.editors: dict[str, FieldEditor] = {}
        self._build_fields(body)
        self.problems = message_label(name=f"problems:{step.id}")
        self.warnings = message_label(WARNING_STYLE, f"warnings:{step.id}")
        self.deviations = message_label(WARNING_STYLE, f"deviations:{step.id}")
        self.deviations.setTextFormat(Qt.TextFormat.RichText)
        body.addWidget(self.problems)
        body.addWidget(self.warnings)
        self.dose_check = next((c.id for c in protocol.checks if c.kind == "lidocaine_dose"
                                and (c.volume or "").startswith(f"{step.id}.")), None)
        self.dose = DosePanel(handler.on_override) if self.dose_check else None
        if self.dose:
            body.addWidget(self.dose)
        layout.addWidget(self.body)
        layout.addWidget(self.deviations)
        if not self.is_time_out and (step.items or step.fields):
            row = QHBoxLayout()
            row.addStretch(1)
            self.deviation_button = QPushButton(self.tr("Record a deviation…"))
            self.deviation_button.setObjectName(f"deviation:{step.id}")
            self.deviation_button.setToolTip(self.tr(
                "A required item deliberately not done: record why"))
            self.deviation_button.clicked.connect(lambda: handler.on_deviation(step.id))
            hold_space(self.deviation_button)
            row.addWidget(self.deviation_button)
            layout.addLayout(row)
        else:
            self.deviation_button = None

    # building -----------------------------------------------------------------------------------
    def _editor(self, f, instance) -> FieldEditor:
        editor = FieldEditor(f, f.key(instance), self.handler.on_value)
        self.editors[editor.key] = editor
        return editor

    def _label(self, f) -> QLabel:
        label = QLabel(f.label + (" *" if f.required else ""))
        label.setToolTip(f.help)
        label.setWordWrap(True)  # a long label wraps rather than lose its end
        return label

    def _build_fields(self, body: QVBoxLayout) -> None:
        plain = [f for f in self.step.fields if f.repeat is None or isinstance(f.repeat, tuple)]
        sides = [f for f in self.step.fields if f.repeat == "sides"]
        self.listed = [f for f in self.step.fields if f.repeat == "list"]
        if plain:
            grid = QGridLayout()
            grid.setColumnStretch(1, 1)
            r = 0
            for f in plain:
                for instance in ([None] if f.repeat is None else list(f.repeat)):
                    grid.addWidget(self._label(f), r, 0, Qt.AlignmentFlag.AlignTop)
                    grid.addWidget(self._editor(f, instance), r, 1)
                    r += 1
            body.addLayout(grid)
        if sides:
            grid = QGridLayout()
            grid.setColumnStretch(1, 1)
            grid.setColumnStretch(2, 1)
            for c, side in enumerate(SIDES, start=1):
                head = QLabel(self.tr("Left hand") if side == "left" else self.tr("Right hand"))
                head.setStyleSheet("font-weight: 600;")
                grid.addWidget(head, 0, c)
            for r, f in enumerate(sides, start=1):
                grid.addWidget(self._label(f), r, 0, Qt.AlignmentFlag.AlignTop)
                for c, side in enumerate(SIDES, start=1):
                    grid.addWidget(self._editor(f, side), r, c)
            body.addLayout(grid)
        if self.listed:
            self.rows_grid = QGridLayout()
            for c, f in enumerate(self.listed):
                self.rows_grid.addWidget(self._label(f), 0, c)
                # Share the width: a product name is not squeezed to its last letters.
                self.rows_grid.setColumnStretch(c, 2 if c == 0 else 1)
            self.row_numbers: list[int] = []
            self.pending_rows: set[int] = set()
            self.row_widgets: list[QWidget] = []
            body.addLayout(self.rows_grid)
            ids = {f.id for f in self.listed}
            add = QPushButton(self.tr("Add an anaesthetic") if "agent" in ids else
                              self.tr("Add a product") if "lot" in ids else self.tr("Add a row"))
            add.setObjectName(f"{self.step.id}.add_row")
            add.clicked.connect(self.add_row)
            row = QHBoxLayout()
            row.addWidget(add)
            row.addStretch(1)
            body.addLayout(row)

    def add_row(self) -> int:
        """A new empty row (saved as soon as one of its values is entered)."""
        number = max(self.row_numbers, default=0) + 1
        self.pending_rows.add(number)
        self._set_rows(sorted(set(self.row_numbers) | {number}))
        first = self.editors.get(self.listed[0].key(number))
        if first is not None and first.line is not None:
            first.line.setFocus()
        return number

    def _set_rows(self, numbers: list[int]) -> None:
        if numbers == self.row_numbers:
            return
        for w in self.row_widgets:
            self.rows_grid.removeWidget(w)
            w.deleteLater()
        self.row_widgets = []
        for key in [k for k in self.editors if any(k.startswith(f.ref + ".") for f in self.listed)]:
            del self.editors[key]
        for r, n in enumerate(numbers, start=1):
            for c, f in enumerate(self.listed):
                editor = self._editor(f, n)
                _compact(editor)
                self.rows_grid.addWidget(editor, r, c, Qt.AlignmentFlag.AlignTop)
                self.row_widgets.append(editor)
            remove = QPushButton(self.tr("Remove"))
            remove.setObjectName(f"{self.step.id}.remove_row.{n}")
            remove.clicked.connect(lambda _c=False, n=n: self.remove_row(n))
            self.rows_grid.addWidget(remove, r, len(self.listed), Qt.AlignmentFlag.AlignTop)
            self.row_widgets.append(remove)
        self.row_numbers = list(numbers)

    def remove_row(self, number: int) -> None:
        """Clear a row: each of its saved values gets an empty correction."""
        self.pending_rows.discard(number)
        for f in self.listed:
            editor = self.editors.get(f.key(number))
            if editor is not None and not is_empty(editor.saved):
                self.handler.on_value(f.key(number), None)
        self._set_rows([n for n in self.row_numbers if n != number])

    # showing the status -------------------------------------------------------------------------
    def update_from(self, status: SessionStatus) -> None:
        st = status.step_status(self.step.id)
        day = status.session["session_date"]
        if st.done:
            badge, style = self.tr("✓ Done"), DONE_STYLE
        elif st.blocked_by:
            badge, style = self.tr("Waiting"), "color: #666;"
        else:
            badge = self.tr("{n} to do").format(n=len(st.open)) if st.open else \
                self.tr("To correct")
            style = WARNING_STYLE
        set_text(self.badge, badge)
        set_style(self.badge, style + " font-weight: 600;")
        tip = "\n".join(st.open)
        if self.badge.toolTip() != tip:
            self.badge.setToolTip(tip)
        set_held_text(self.reason, self.tr("Cannot start yet: {why}.").format(
            why="; ".join(st.blocked_by)) if st.blocked_by and status.editable else "")
        set_enabled(self.body, status.editable and not st.blocked_by)
        if self.deviation_button is not None:
            set_shown(self.deviation_button, status.editable and not st.done)
            set_enabled(self.deviation_button,
                        not st.blocked_by and bool(open_choices(self.step, status)))
        for key, check in self.checks.items():
            kind, k = ("time_out", key.partition(".")[2]) if self.is_time_out else ("item", key)
            entry = status.entry(kind, k)
            by_app = status.state.completed_items.get(k) if kind == "item" else None
            on = bool(entry and entry.value is True) or by_app is not None
            if check.isChecked() != on:
                check.setChecked(not check.isChecked())
            text = ""
            if entry is not None:
                text = who_when(entry.who, entry.at, day)
                if entry.value is not True:
                    text = self.tr("withdrawn: {who}").format(who=text)
            elif by_app is not None:
                text = who_when(by_app[0], by_app[1].isoformat(), day)
            set_who(self.check_who[key], text)
        if self.listed:
            self._set_rows(sorted(set(cl.rows(self.step, status.state)) | self.pending_rows))
        for key, editor in self.editors.items():
            entry = status.entry("field", key)
            editor.set_value(entry.value if entry else None,
                             who_when(entry.who, entry.at, day) if entry else "")
            if editor.field.repeat == "sides":
                set_enabled(editor, key.rsplit(".", 1)[1] in status.state.sides)
            elif editor.field.required_when is not None:
                # "Other donor site" and the like only matter once their answer is chosen.
                set_enabled(editor, self._wanted(editor.field, status)
                            or not is_empty(editor.saved))
        mine = [p for p in st.problems if p.key != self.dose_check]
        set_text(self.problems, "\n".join(p.message for p in mine if p.severity == "error"))
        set_text(self.warnings, "\n".join(p.message for p in mine if p.severity == "warning"))
        if self.dose is not None:
            self.dose.update_from(status, self.dose_check)
        notes = []
        for (kind, key), entry in status.latest.items():
            if kind == "deviation" and (key == self.step.id or key.startswith(self.step.id + "."))\
                    and not is_empty(entry.value):
                notes.append("<b>" + self.tr("Deviation") + "</b>"
                             f" ({esc(self._name(key))}): {esc(entry.value)} "
                             f"<span style='color:#666'>— {esc(who_when(entry.who, entry.at, day))}"
                             "</span>")
        set_text(self.deviations, "<br>".join(notes))

    def _wanted(self, f, status: SessionStatus) -> bool:
        other, value = f.required_when
        chosen = status.value(self.step.field(other).key())
        return value in chosen if isinstance(chosen, list) else chosen == value

    def _name(self, key: str) -> str:
        if key == self.step.id:
            return self.tr("no entry")
        item = next((i for i in self.step.items if f"{self.step.id}.{i.id}" == key), None)
        if item is not None:
            return item.text
        parts = key.split(".")
        f = self.step.field(parts[1])
        return f.label + which(f, parts[2] if len(parts) > 2 else None)
