"""The "Outcomes" tab of a patient's record: the Merz grade of each hand over time, and the
timeline of baselines, follow-up assessments and complications."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from rejuv_desktop.services import outcomes as so
from rejuv_desktop.ui.errors import reports_errors
from rejuv_desktop.ui.outcomes.charts import GradeChart, GradePoint
from rejuv_desktop.ui.outcomes.complication import ComplicationDialog, ResolveDialog
from rejuv_desktop.ui.outcomes.words import Words
from rejuv_desktop.ui.sessions.common import fmt_day

REF_ROLE = Qt.ItemDataRole.UserRole
SEVERE = QColor("#b3261e")


class OutcomesTab(QWidget):
    changed = Signal()
    summary_requested = Signal(int)

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.words = Words(self)
        self.patient_id: int | None = None
        self.outcomes: so.PatientOutcomes | None = None
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Record complication…"))
        self.add_button.setObjectName("record_complication")
        self.add_button.clicked.connect(self.record_complication)
        self.resolve_button = QPushButton(self.tr("Resolved…"))
        self.resolve_button.setObjectName("resolve_complication")
        self.resolve_button.clicked.connect(self.resolve)
        self.summary_button = QPushButton(self.tr("Outcome summary…"))
        self.summary_button.setObjectName("outcome_summary")
        self.summary_button.clicked.connect(lambda: self.summary_requested.emit(self.patient_id)
                                            if self.patient_id is not None else None)
        for b in (self.add_button, self.resolve_button, self.summary_button):
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        title = QLabel(self.tr("Merz grade of each hand (0 no loss, 4 very severe; higher on "
                               "the chart is better)"))
        title.setStyleSheet("font-weight: 600;")
        title.setWordWrap(True)
        layout.addWidget(title)
        self.chart = GradeChart()
        layout.addWidget(self.chart, 2)
        self.timeline = QTreeWidget()
        self.timeline.setObjectName("outcome_timeline")
        self.timeline.setHeaderLabels([self.tr("Date"), self.tr("What")])
        self.timeline.setRootIsDecorated(False)
        self.timeline.setWordWrap(True)
        self.timeline.setUniformRowHeights(False)
        self.timeline.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.timeline.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.timeline.header().setStretchLastSection(True)
        self.timeline.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.timeline.viewport().installEventFilter(self)  # rows fitted again on a resize
        layout.addWidget(self.timeline, 3)

    def eventFilter(self, obj, event) -> bool:
        if obj is self.timeline.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_rows()
        return super().eventFilter(obj, event)

    def _fit_rows(self) -> None:
        """Each row as tall as its text wrapped to the column: nothing of it is cut off."""
        metrics = self.timeline.fontMetrics()
        width = max(60, self.timeline.viewport().width() - self.timeline.columnWidth(0) - 12)
        flags = int(Qt.TextFlag.TextWordWrap)
        changed = False
        for i in range(self.timeline.topLevelItemCount()):
            item = self.timeline.topLevelItem(i)
            height = metrics.boundingRect(0, 0, width, 10_000, flags, item.text(1)).height()
            hint = QSize(width, height + 6)
            if item.sizeHint(1) != hint:
                item.setSizeHint(1, hint)
                changed = True
        if changed:
            self.timeline.doItemsLayout()

    def show_patient(self, patient_id: int | None) -> None:
        self.patient_id = patient_id
        self.timeline.clear()
        if patient_id is None:
            return
        self.outcomes = o = so.patient_outcomes(self.store, patient_id)
        series = {side: [GradePoint(g.day, g.grade, g.follow_up_id is None)
                         for g in o.series(side)] for side in ("left", "right")}
        self.chart.set_series({k: v for k, v in series.items() if v},
                              {"left": self.words.side("left"),
                               "right": self.words.side("right"),
                               "_baseline": self.tr("baseline")},
                              self.tr("No Merz grade recorded yet."))
        for entry in o.timeline:
            what, details = self._describe(entry)
            item = QTreeWidgetItem([fmt_day(entry.day), what + (f"\n{details}" if details else "")])
            item.setData(0, REF_ROLE, (entry.kind, entry.ref))
            if entry.kind == "complication" and entry.row.get("severity") in \
                    self.words.content.flagging_severities():
                for column in range(2):
                    item.setForeground(column, QBrush(SEVERE))
            for column in range(2):
                item.setToolTip(column, item.text(column))
            self.timeline.addTopLevelItem(item)
        self.timeline.resizeColumnToContents(0)
        self._fit_rows()
        self.add_button.setEnabled(bool(so.sessions_for_complication(self.store, patient_id)))
        self._update_buttons()

    def _describe(self, entry: so.TimelineEntry) -> tuple[str, str]:
        procedure = self.words.procedure(entry.procedure)
        r = entry.row
        if entry.kind == "baseline":
            grades = [g for g in self.outcomes.grades
                      if g.follow_up_id is None and g.day == entry.day]
            detail = ", ".join(f"{self.words.side(g.side).lower()} {g.grade}" for g in grades)
            return (self.tr("Baseline ({procedure})").format(procedure=procedure),
                    self.tr("Merz grade: {grades}").format(grades=detail) if detail else "")
        if entry.kind == "assessment":
            return (f"{r['label']} ({procedure})",
                    "; ".join(self.words.assessment_lines(r, html=False)))
        if entry.kind == "complication":
            text = self.tr("Complication: {what}").format(
                what=self.words.complication(r["type"], r.get("detail", "")))
            details = [self.words.complication_line(r)]
            if r.get("product_lot"):
                details.append(self.tr("lot {lot}").format(lot=r["product_lot"]))
            if r.get("treatment"):
                details.append(r["treatment"])
            reported = [w for w, on in ((self.tr("regulator"), r["reported_regulator"]),
                                        (self.tr("maker"), r["reported_maker"])) if on]
            if reported:
                details.append(self.tr("reported to the {whom}").format(
                    whom=self.tr(" and the ").join(reported)))
            return text, "; ".join(details)
        return (self.tr("Complication resolved: {what}").format(
            what=self.words.complication(r["type"], r.get("detail", ""))), "")

    def _selected_complication(self) -> dict | None:
        item = self.timeline.currentItem()
        if item is None or self.outcomes is None:
            return None
        kind, ref = item.data(0, REF_ROLE)
        if kind not in ("complication", "resolved"):
            return None
        return next((c for c in self.outcomes.complications if c["id"] == ref), None)

    def _update_buttons(self) -> None:
        c = self._selected_complication()
        self.resolve_button.setEnabled(c is not None and not c["resolved_date"])

    @reports_errors
    def record_complication(self) -> None:
        if self.patient_id is None:
            return
        dialog = ComplicationDialog(self.store, self.patient_id, parent=self)
        if dialog.exec():
            self.show_patient(self.patient_id)
            self.changed.emit()

    @reports_errors
    def resolve(self) -> None:
        c = self._selected_complication()
        if c is None:
            return
        if ResolveDialog(self.store, c, self).exec():
            self.show_patient(self.patient_id)
            self.changed.emit()
