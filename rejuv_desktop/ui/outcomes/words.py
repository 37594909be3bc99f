"""Words for the outcome screens: the codes the services return, said through ``tr()`` (and
the labels of the outcomes content)."""

from __future__ import annotations

from PySide6.QtCore import QObject

from rejuv_desktop.domain import outcomes as do
from rejuv_desktop.domain.scales import load_scales
from rejuv_desktop.ui.consultation.common import esc as _esc
from rejuv_desktop.ui.sessions.common import fmt_day, procedure_label


class Words(QObject):
    """One per screen; ``tr()`` in the outcome screens' context."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.content = do.load_outcomes()

    @staticmethod
    def esc(text) -> str:
        return _esc(str(text))

    def procedure(self, code: str | None) -> str:
        if not code:
            return ""
        return procedure_label(code)

    def side(self, code: str) -> str:
        names = {"left": self.tr("Left hand"), "right": self.tr("Right hand")}
        return names.get(code) or self.tr(self.content.label("sites", code))

    def complication(self, code: str, detail: str = "") -> str:
        label = self.tr(self.content.label("complication_types", code))
        return f"{label}: {detail}" if detail and code == "other" else label

    def severity(self, code: str) -> str:
        return self.tr(self.content.label("severities", code))

    def gais(self, score: int | None) -> str:
        if score is None:
            return "—"
        return f"{score} - {self.tr(load_scales().gais.label(score))}"

    def satisfaction(self, value: int | None) -> str:
        if value is None:
            return "—"
        return self.tr(dict(self.content.satisfaction_points).get(value, str(value)))

    def merz_change(self, before: int, now: int) -> str:
        if now < before:
            return (self.tr("1 grade better") if before - now == 1 else
                    self.tr("{n} grades better").format(n=before - now))
        if now > before:
            return (self.tr("1 grade worse") if now - before == 1 else
                    self.tr("{n} grades worse").format(n=now - before))
        return self.tr("no change")

    def months(self, n: int) -> str:
        return self.tr("1 month") if n == 1 else self.tr("{n} months").format(n=n)

    def problem(self, code: str, field: str = "") -> str:
        """A problem code of the outcome services, as the field's message."""
        texts = {
            do.REQUIRED: self.tr("Required"),
            do.OUT_OF_RANGE: self.tr("Out of range"),
            do.NOT_ASKED: self.tr("This visit does not ask it"),
            do.NOT_TREATED: self.tr("This hand was not treated"),
            do.SCORE_WITHOUT_TAKEN: self.tr("Tick \"HAND-Q taken\" to record a score"),
            do.TOO_LONG: self.tr("Too long"),
            do.IN_FUTURE: self.tr("Cannot be in the future"),
            do.BEFORE_SESSION: self.tr("Cannot be before the session"),
            do.BEFORE_ONSET: self.tr("Cannot be before the onset"),
            do.REPORTED_TO_NOBODY: self.tr("Tick to whom it was reported"),
        }
        specific = {
            ("merz_left", do.REQUIRED): self.tr("Grade the left hand"),
            ("merz_right", do.REQUIRED): self.tr("Grade the right hand"),
            ("hand_q_score", do.REQUIRED): self.tr("Enter the HAND-Q score"),
            ("hand_q_score", do.OUT_OF_RANGE): self.tr("A HAND-Q score is {low:g} to {high:g}")
            .format(low=self.content.hand_q_range[0], high=self.content.hand_q_range[1]),
            ("touch_up", do.REQUIRED): self.tr("Ask whether a touch-up is wanted"),
            ("detail", do.REQUIRED): self.tr("Say what the complication is"),
            ("session", do.REQUIRED): self.tr("Choose the session it follows"),
        }
        return specific.get((field, code)) or texts.get(code) or str(code)

    def assessment_lines(self, r: dict, html: bool = True) -> list[str]:
        """What a recorded assessment holds, one line each (HTML-escaped unless ``html`` is
        false)."""
        esc = self.esc if html else str
        lines = []
        merz = r.get("merz") or {}
        if merz:
            lines.append(self.tr("Merz grade: {grades}").format(grades=", ".join(
                f"{self.side(s).lower()} {g}" for s, g in sorted(merz.items()))))
        if r.get("gais_practitioner") is not None:
            lines.append(self.tr("GAIS (practitioner): {v}").format(
                v=esc(self.gais(r["gais_practitioner"]))))
        if r.get("gais_patient") is not None:
            lines.append(self.tr("GAIS (patient): {v}").format(
                v=esc(self.gais(r["gais_patient"]))))
        if r.get("satisfaction") is not None:
            lines.append(self.tr("Satisfaction: {v}").format(
                v=esc(self.satisfaction(r["satisfaction"]))))
        if r.get("touch_up_wanted") is not None:
            lines.append(self.tr("Touch-up wanted: {v}").format(
                v=self.tr("yes") if r["touch_up_wanted"] else self.tr("no")))
        if r.get("hand_q_taken"):
            lines.append(self.tr("HAND-Q taken, score {v}").format(
                v="—" if r.get("hand_q_score") is None else f"{r['hand_q_score']:g}"))
        if r.get("notes"):
            lines.append(self.tr("Notes: {v}").format(v=esc(r["notes"])))
        return lines

    def complication_line(self, c: dict) -> str:
        """``Infection (left hand), severe — from 12/03/2026, resolved 30/03/2026``."""
        text = self.tr("{type} ({site}), {severity}").format(
            type=self.complication(c["type"], c.get("detail", "")),
            site=self.side(c["site"]).lower(), severity=self.severity(c["severity"]).lower())
        when = self.tr("from {day}").format(day=fmt_day(c["onset_date"]))
        if c.get("resolved_date"):
            when += ", " + self.tr("resolved {day}").format(day=fmt_day(c["resolved_date"]))
        else:
            when += ", " + self.tr("not resolved")
        return f"{text} — {when}"
