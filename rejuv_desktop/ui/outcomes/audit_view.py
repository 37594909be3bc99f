"""Tools ▸ Outcomes: the clinic audit for a period, a procedure and a practitioner, as charts
with their 95 % intervals beside the published figures, with loss to follow-up beside every
rate of a time point; exported as CSV."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDialog,
                               QDialogButtonBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel,
                               QMessageBox, QPushButton, QScrollArea, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from rejuv_desktop.domain import outcome_audit as oa
from rejuv_desktop.domain.procedures import procedure_ids
from rejuv_desktop.services import outcomes as so
from rejuv_desktop.services import practitioners as pr
from rejuv_desktop.ui.date_field import DateField
from rejuv_desktop.ui.errors import reports_errors
from rejuv_desktop.ui.geometry import fit_to_screen
from rejuv_desktop.ui.outcomes.charts import RateBar, RateChart
from rejuv_desktop.ui.outcomes.words import Words

SMALL = 10
"""Rates from fewer cases than this are drawn pale: the interval says how little they show."""


def pct(value: float | None) -> str:
    if value is None:
        return "—"
    percent = value * 100
    return f"{percent:.0f}%" if percent >= 10 or percent == 0 else f"{percent:.2g}%"


class OutcomesAuditDialog(QDialog):
    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.words = Words(self)
        self.audits: list[oa.ProcedureAudit] = []
        self.setWindowTitle(self.tr("Outcomes audit"))
        self.setObjectName("outcomes_audit")
        fit_to_screen(self, 1000, 720)
        layout = QVBoxLayout(self)
        filters = QHBoxLayout()
        today = store.clock().date()
        self.use_since = QCheckBox(self.tr("From"))
        self.use_since.setObjectName("audit_use_from")
        self.since = DateField(QDate(today.year - 1, today.month, 1))
        self.since.setObjectName("audit_from")
        self.use_until = QCheckBox(self.tr("to"))
        self.use_until.setObjectName("audit_use_to")
        self.until = DateField(QDate(today.year, today.month, today.day))
        self.until.setObjectName("audit_to")
        self.procedure = QComboBox()
        self.procedure.setObjectName("audit_procedure")
        self.procedure.addItem(self.tr("All procedures"), None)
        for p in procedure_ids():
            self.procedure.addItem(self.words.procedure(p), p)
        self.who = QComboBox()
        self.who.setObjectName("audit_practitioner")
        self.who.addItem(self.tr("All practitioners"), None)
        for p in pr.list_practitioners(store, include_inactive=True):
            self.who.addItem(p.display, p.id)
        refresh = QPushButton(self.tr("Show"))
        refresh.setObjectName("audit_refresh")
        refresh.clicked.connect(self.refresh)
        self.export_button = QPushButton(self.tr("Export CSV…"))
        self.export_button.setObjectName("audit_export")
        self.export_button.clicked.connect(self.export)
        for w in (self.use_since, self.since, self.use_until, self.until, self.procedure,
                  self.who):
            filters.addWidget(w)
        filters.addStretch(1)
        filters.addWidget(refresh)
        filters.addWidget(self.export_button)
        layout.addLayout(filters)
        for signal in (self.use_since.toggled, self.use_until.toggled,
                       self.procedure.currentIndexChanged, self.who.currentIndexChanged):
            signal.connect(lambda *_: self.refresh())
        self.summary = QLabel()
        self.summary.setObjectName("audit_summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        layout.addWidget(self.scroll, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.charts: dict[str, RateChart] = {}
        self.refresh()

    # ------------------------------------------------------------------------------------------
    def period(self):
        since = self.since.date() if self.use_since.isChecked() else None
        until = self.until.date() if self.use_until.isChecked() else None
        return (since.toPython() if since is not None and since.isValid() else None,
                until.toPython() if until is not None and until.isValid() else None)

    @reports_errors
    def refresh(self) -> None:
        since, until = self.period()
        self.audits = so.clinic_audit(self.store, since, until, self.procedure.currentData(),
                                      self.who.currentData())
        body = QWidget()
        body.setObjectName("audit_body")
        layout = QVBoxLayout(body)
        self.charts = {}
        for a in self.audits:
            layout.addWidget(self._procedure_section(a))
        layout.addStretch(1)
        self.scroll.setWidget(body)
        self.summary.setText(self.tr(
            "Sessions {period}. Bars: the clinic's rate; whiskers: its 95% interval (Wilson); "
            "◆ the published figure. Pale bars rest on fewer than {n} cases.").format(
            period=self._period_text(since, until), n=SMALL))

    def _period_text(self, since, until) -> str:
        from rejuv_desktop.ui.sessions.common import fmt_day

        if since and until:
            return self.tr("from {a} to {b}").format(a=fmt_day(since), b=fmt_day(until))
        if since:
            return self.tr("from {a}").format(a=fmt_day(since))
        if until:
            return self.tr("up to {b}").format(b=fmt_day(until))
        return self.tr("of every date")

    def _seen(self, a: oa.ProcedureAudit, months: int) -> str:
        lost = a.lost_at(months)
        if lost is None or lost.due == 0:
            return self.tr("none due yet")
        return self.tr("{done} of {due} seen").format(done=lost.done, due=lost.due)

    def _bar(self, label: str, rate: oa.Rate, note: str, published: float | None = None) -> RateBar:
        return RateBar(label, rate.rate, rate.ci_low, rate.ci_high, published, note,
                       small=rate.total < SMALL)

    def _chart(self, key: str, rows: list[RateBar], scale: float | None = None) -> RateChart:
        chart = RateChart(name=f"chart_{key}")
        chart.set_rows(rows, self.tr("Nothing recorded yet."), self.tr("published figure"),
                       scale)
        self.charts[key] = chart
        return chart

    def _heading(self, text: str, big: bool = False) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setStyleSheet("font-weight: 600; font-size: 15px; margin-top: 8px;" if big
                            else "font-weight: 600; margin-top: 6px;")
        return label

    def _procedure_section(self, a: oa.ProcedureAudit) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._heading(self.tr("{procedure}: {n} session(s)").format(
            procedure=self.words.procedure(a.procedure), n=a.sessions), big=True))
        months = self.words.months
        if a.responders:
            layout.addWidget(self._heading(self.tr(
                "Merz responders: hands at least one grade better than at baseline")))
            layout.addWidget(self._chart(f"{a.procedure}_responders", [
                self._bar(months(r.months), r.rate, self.tr("{n} of {total} hands · {seen}").format(
                    n=r.rate.count, total=r.rate.total, seen=self._seen(a, r.months)))
                for r in a.responders], 1.0))
        if a.gais:
            layout.addWidget(self._heading(self.tr("GAIS \"improved\" or better")))
            raters = {"practitioner": self.tr("practitioner"), "patient": self.tr("patient")}
            layout.addWidget(self._chart(f"{a.procedure}_gais", [
                self._bar(f"{months(g.months)}, {raters[g.rater]}", g.rate,
                          self.tr("{n} of {total} · {seen}").format(
                              n=g.rate.count, total=g.rate.total, seen=self._seen(a, g.months)))
                for g in a.gais], 1.0))
        satisfaction = list(a.satisfaction)
        if satisfaction or a.touch_up:
            layout.addWidget(self._heading(self.tr("Satisfied, and touch-up wanted")))
            rows = [self._bar(self.tr("satisfied, {m}").format(m=months(s.months)), s.rate,
                              self.tr("{n} of {total} · {seen}").format(
                                  n=s.rate.count, total=s.rate.total,
                                  seen=self._seen(a, s.months)))
                    for s in satisfaction]
            if a.touch_up:
                rows.append(self._bar(self.tr("touch-up wanted"), a.touch_up.rate,
                                      self.tr("{n} of {total} asked").format(
                                          n=a.touch_up.rate.count, total=a.touch_up.rate.total),
                                      a.touch_up.published_rate))
            layout.addWidget(self._chart(f"{a.procedure}_satisfaction", rows, 1.0))
        layout.addWidget(self._heading(self.tr("Complications per session")))
        shown = [c for c in a.complications if c.rate.count or c.published_rate is not None]
        layout.addWidget(self._chart(f"{a.procedure}_complications", [
            self._bar(self.words.complication(c.type) if c.type != "any"
                      else self.tr("any complication"), c.rate,
                      self.tr("{n} of {total} sessions").format(n=c.rate.count,
                                                                total=c.rate.total),
                      c.published_rate) for c in shown]))
        layout.addWidget(self._heading(self.tr("By baseline Merz grade (worse hand for "
                                               "sessions and visits)")))
        layout.addWidget(self._baseline_table(a))
        return box

    def _baseline_table(self, a: oa.ProcedureAudit) -> QTableWidget:
        rows: list[tuple[str, dict[int, oa.Rate]]] = []
        for r in a.responders:
            rows.append((self.tr("Responders, {m} months").format(m=r.months), r.by_baseline))
        for g in a.gais:
            rows.append((self.tr("GAIS improved ({rater}), {m} months").format(
                rater=g.rater, m=g.months), g.by_baseline))
        for sat in a.satisfaction:
            rows.append((self.tr("Satisfied, {m} months").format(m=sat.months), sat.by_baseline))
        for c in a.complications:
            if c.type == "any":
                rows.append((self.tr("Any complication per session"), c.by_baseline))
        grades = sorted({g for _, groups in rows for g in groups})
        table = QTableWidget(len(rows), len(grades) + 1)
        table.setObjectName(f"baseline_{a.procedure}")
        table.setHorizontalHeaderLabels(
            [self.tr("Figure")] + [self.tr("unknown") if g == oa.NO_BASELINE
                                   else self.tr("grade {g}").format(g=g) for g in grades])
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for i, (label, groups) in enumerate(rows):
            table.setItem(i, 0, QTableWidgetItem(label))
            for j, g in enumerate(grades, start=1):
                r = groups.get(g)
                text = "—" if r is None or r.total == 0 else \
                    f"{pct(r.rate)} ({r.count}/{r.total}; {pct(r.ci_low)}–{pct(r.ci_high)})"
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                table.setItem(i, j, item)
        table.resizeColumnsToContents()
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        height = table.horizontalHeader().height() + sum(table.rowHeight(i)
                                                         for i in range(len(rows))) + 4
        table.setFixedHeight(height)
        return table

    @reports_errors
    def export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the audit"),
                                              str(Path.home() / "outcomes-audit.csv"),
                                              self.tr("CSV files (*.csv)"))
        if not path:
            return
        self.write_csv(Path(path))

    def write_csv(self, path: Path) -> None:
        try:
            path.write_text(so.audit_csv(self.audits), encoding="utf-8")
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Not exported"), self.tr(
                "The file could not be written: {why}").format(why=exc.strerror or exc))
            return
        self.summary.setText(self.tr("Exported to {path}.").format(path=path))
