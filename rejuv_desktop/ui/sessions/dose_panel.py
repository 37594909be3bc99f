"""The live anaesthetic dose of a session: every entry summed against the patient's maximum.

Shows the true share of the maximum (143 % reads 143 %, the bar simply full), in a label beside
the bar rather than painted on it, so it stays legible on any colour; why the maximum is what it
is (stricter limit for mixed agents, reductions from the screening); and, for each entry whose
agent and concentration are chosen, the volume still allowed before it is drawn up.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QLineEdit, QProgressBar, QPushButton,
                               QVBoxLayout)

from rejuv_desktop.domain.protocols import format_number
from rejuv_desktop.services.sessions import SessionStatus
from rejuv_desktop.ui.i18n import fmt_number
from rejuv_desktop.ui.sessions.common import (DONE_STYLE, ERROR_STYLE, WARNING_STYLE, esc,
                                              message_label, who_when)

COLOURS = {"ok": "#2e7d32", "warning": "#b45309", "over": "#b3261e"}


def _set_text(label: QLabel, text: str) -> None:
    if label.text() != text:
        label.setText(text)
    if label.isHidden() == bool(text):
        label.setVisible(bool(text))


def _set_shown(widget, on: bool) -> None:
    if widget.isHidden() == on:
        widget.setVisible(on)


class DosePanel(QFrame):
    """Live anaesthetic dose: mg, mg/kg, share of the maximum; the stop over the maximum."""

    def __init__(self, on_override, parent=None):
        super().__init__(parent)
        self.setObjectName("dose_panel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        top = QHBoxLayout()
        self.bar = QProgressBar()
        self.bar.setObjectName("dose_bar")
        self.bar.setRange(0, 100)
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(14)
        self.percent = QLabel()
        self.percent.setObjectName("dose_percent")
        top.addWidget(self.bar, 1)
        top.addWidget(self.percent)
        self.text = QLabel()
        self.text.setObjectName("dose_text")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.advice = QLabel()
        self.advice.setObjectName("dose_advice")
        self.advice.setWordWrap(True)
        self.advice.setTextFormat(Qt.TextFormat.RichText)
        self.reason = QLineEdit()
        self.reason.setObjectName("dose_override_reason")
        self.reason.setPlaceholderText(self.tr("Why more than the maximum is given (required to "
                                               "continue)"))
        self.button = QPushButton(self.tr("Record reason and continue"))
        self.button.setObjectName("dose_override")
        self.button.clicked.connect(lambda: on_override(self.reason.text()))
        row = QHBoxLayout()
        row.addWidget(self.reason, 1)
        row.addWidget(self.button)
        self.error = message_label(name="dose_override_error")
        layout.addLayout(top)
        layout.addWidget(self.text)
        layout.addWidget(self.advice)
        layout.addLayout(row)
        layout.addWidget(self.error)

    def update_from(self, status: SessionStatus, check_id: str) -> None:
        dose = status.dose
        missing = next((p.message for p in status.problems if p.key == check_id
                        and status.dose is None), "")
        _set_shown(self, dose is not None or bool(missing) or bool(status.advice))
        stop = dose is not None and dose.status == "over" and status.override is None
        _set_shown(self.reason, stop and status.editable)
        _set_shown(self.button, stop and status.editable)
        _set_text(self.advice, self._advice(status) if status.editable else "")
        if dose is None:
            _set_shown(self.bar, False)
            _set_text(self.percent, "")
            _set_text(self.text, f"<span style='{ERROR_STYLE}'>{esc(missing)}</span>"
                      if missing else "")
            return
        _set_shown(self.bar, True)
        shown = min(100, dose.percent)  # the bar is full from 100 %; the label says how far over
        if self.bar.value() != shown:
            self.bar.setValue(shown)
        colour = COLOURS[dose.status]
        style = f"QProgressBar::chunk {{ background: {colour}; }}"
        if self.bar.styleSheet() != style:
            self.bar.setStyleSheet(style)
        _set_text(self.percent, self.tr("{p}% of the maximum dose").format(p=dose.percent))
        percent_style = f"color: {colour}; font-weight: 700;"
        if self.percent.styleSheet() != percent_style:
            self.percent.setStyleSheet(percent_style)
        figures = self.tr("<b>{mg} mg</b> {agent} · <b>{per_kg} mg/kg</b> · maximum {max} mg for "
                          "{weight} kg").format(
            mg=fmt_number(dose.mg, 0), agent=esc(dose.agent), per_kg=fmt_number(dose.mg_per_kg, 2),
            max=fmt_number(dose.max_mg, 0), weight=fmt_number(dose.weight_kg, 0 if float(dose.weight_kg).is_integer() else 1))
        style = {"ok": DONE_STYLE, "warning": WARNING_STYLE, "over": ERROR_STYLE}[dose.status]
        text = [figures, f"<span style='{style}'>{esc(dose.message)}</span>"]
        if dose.status == "over" and status.override is None:
            text.append(f"<span style='{ERROR_STYLE}'>" + self.tr(
                "<b>Stop.</b> Give no more. To carry on, write why the maximum is exceeded.")
                + "</span>")
        elif status.override is not None:
            o = status.override
            text.append(f"<span style='{WARNING_STYLE}'>" + self.tr(
                "Over the maximum; reason recorded by {who}: {reason}").format(
                who=esc(who_when(o.who, o.at)), reason=esc(o.value['reason'])) + "</span>")
        _set_text(self.text, "<br>".join(text))

    def _advice(self, status: SessionStatus) -> str:
        """For each entry whose agent and concentration are chosen but whose volume is not yet
        recorded: how many ml may still be drawn up, the other entries counted."""
        step = next((c.agent for c in status.protocol.checks if c.kind == "lidocaine_dose"),
                    "").partition(".")[0]
        lines = []
        for a in status.advice:
            if a.row is not None and status.value(f"{step}.volume_ml.{a.row}") is not None:
                continue
            site = status.value(f"{step}.site.{a.row}") if a.row is not None else None
            name = self.tr("Entry {n}").format(n=a.row) + (f" ({esc(site)})" if site else "")
            solution = f"{esc(a.agent)} {format_number(a.concentration_percent)}%"
            if a.remaining_ml > 0:
                lines.append(self.tr("{name}: {solution} — at most <b>{ml} ml</b> can still be "
                                     "given ({alone} ml alone would reach the maximum)").format(
                    name=name, solution=solution, ml=format_number(round(a.remaining_ml, 1)),
                    alone=format_number(round(a.total_ml, 1))))
            else:
                lines.append(self.tr("{name}: {solution} — <b>none</b>: the maximum is already "
                                     "reached").format(name=name, solution=solution))
        if not lines:
            return ""
        head = self.tr("Before drawing up, from today's weight:")
        return f"<b>{head}</b><br>" + "<br>".join(lines)
