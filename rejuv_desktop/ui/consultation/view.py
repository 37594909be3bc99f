"""A finalised consultation, read-only, and the patient's list of consultations."""

from __future__ import annotations


from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHBoxLayout,
                               QHeaderView, QLabel, QPushButton, QTableWidget,
                               QTableWidgetItem, QTextBrowser, QVBoxLayout, QWidget)

from rejuv_desktop.domain import screening as scr
from rejuv_desktop.domain.procedures import procedure_ids
from rejuv_desktop.domain.recommendation import Recommendation
from rejuv_desktop.ui.phrases import concern_label, phrasebook
from rejuv_desktop.ui.sessions.common import procedure_label
from rejuv_desktop.services import consultations as sc
from rejuv_desktop.ui.consultation.common import LEVEL_STYLE, esc, level_badge
from rejuv_desktop.ui.geometry import fit_to_screen
from rejuv_desktop.ui.i18n import Context, fmt_date, fmt_datetime

class Shown(Context):
    """The context of the finalised consultation's words in the catalogues."""



def _outcomes() -> dict[str, str]:
    return {"planned": Shown.tr("Planned"), "not_planned": Shown.tr("Nothing planned"),
            "stopped": Shown.tr("Stopped (no treatment possible)")}


def _when(iso: str) -> str:
    return fmt_datetime(iso)


def consultation_html(c: dict) -> str:
    """The whole consultation as it was finalised, for reading on screen."""
    rules = scr.load_rules()
    d = c["record"]
    by = esc((c.get('practitioner_title') or '') + ' ' + (c.get('practitioner_name') or ''))
    out = ["<h2>" + Shown.tr("Consultation of {when}").format(when=_when(c['finalised_at'])) + "</h2>",
           "<p>" + Shown.tr("By {who}").format(who=by) + f" · {esc(_outcomes()[c['outcome']])}</p>"]
    if c["amends_id"]:
        out.append("<p style='background:#fff4e5;padding:4px'>" + Shown.tr(
            "<b>Amends consultation {id}</b> — reason: {reason}").format(
            id=c['amends_id'], reason=esc(c['amendment_reason'])) + "</p>")
    if c.get("amended_by"):
        out.append("<p style='background:#fdecea;padding:4px'>" + Shown.tr(
            "<b>Amended later</b> by consultation {id}; this version is kept as it was.").format(
            id=c['amended_by']) + "</p>")
    concerns = [concern_label(x) for x in d.concerns]
    if d.concern_other:
        concerns.append(d.concern_other)
    out.append("<h3>" + Shown.tr("Concerns and goals") + "</h3>")
    out.append(f"<p>{esc(', '.join(concerns))}</p><p><i>{esc(d.goals)}</i></p>")
    realistic = {True: Shown.tr("Expectations realistic"), False: Shown.tr("Expectations not realistic"),
                 None: Shown.tr("Expectations not assessed")}
    out.append(f"<p>{realistic[d.expectations_realistic]}"
               f"{': ' + esc(d.expectations_note) if d.expectations_note else ''}</p>")
    out.append("<h3>" + Shown.tr("Hands") + "</h3><table cellpadding=3><tr><th></th><th>" + Shown.tr("Left")
               + "</th><th>" + Shown.tr("Right") + "</th></tr>")
    for key, label in (("merz", Shown.tr("Merz grade")), ("hydration", Shown.tr("Hydration")),
                       ("elasticity", Shown.tr("Elasticity")), ("texture", Shown.tr("Texture")),
                       ("lentigines", Shown.tr("Brown spots")), ("suspicious_lesion", Shown.tr("Suspicious lesion")),
                       ("notes", Shown.tr("Notes"))):
        left, right = getattr(d.hand("left"), key), getattr(d.hand("right"), key)
        fmt = lambda v: Shown.tr("yes") if v is True else Shown.tr("no") if v is False else ("—" if v in (None, "") else v)  # noqa: E731
        out.append(f"<tr><td>{label}</td><td>{esc(fmt(left))}</td><td>{esc(fmt(right))}</td></tr>")
    out.append("</table>")
    out.append("<p>" + Shown.tr("Fitzpatrick {type} · weight {weight} kg · donor fat {donor}").format(
        type=esc(d.fitzpatrick or '—'), weight=esc(d.weight_kg or '—'),
        donor=esc(d.donor_fat or '—')) + "</p>")
    out.append("<h3>" + Shown.tr("Screening verdict") + "</h3>")
    for p, v in c["screening"]["verdicts"].items():
        out.append(f"<p><b>{esc(rules.procedure_name(p).capitalize())}</b> "
                   f"{level_badge(v['level'])}</p><ul>")
        for r in v["reasons"]:
            evidence = Shown.tr("evidence: {grade}").format(
                grade=esc(scr.evidence_label(r.get('evidence', scr.UNVERIFIED))))
            if r.get("derived"):
                evidence += Shown.tr("; from the examination")
            out.append(f"<li>{esc(r['text'])} <small>({evidence})</small></li>")
        out.append("</ul>")
        j = d.justifications.get(p)
        if j and p in d.chosen:
            out.append("<p>" + Shown.tr("Justification by {who} ({when}): {text}").format(
                who=esc(j.get('by')), when=_when(j['at']), text=esc(j['text'])) + "</p>")
    out.append("<h3>" + Shown.tr("Recommendation") + "</h3><ul>")
    book = phrasebook()
    for line in Recommendation.from_json(c["recommendation"]).lines:
        findings = book.findings(line)
        because = f"<br><small>{esc(book.because(findings))}</small>" if findings else ""
        out.append(f"<li>{esc(book.line(line))}{because}</li>")
    out.append("</ul><h3>" + Shown.tr("Plan") + "</h3>")
    if d.chosen:
        for p in d.chosen:
            plan = d.plan[p]
            interval = (Shown.tr(", {days} days apart").format(days=plan['interval_days'])
                        if plan.get("interval_days") else "")
            out.append("<p>" + Shown.tr("{procedure}: %n session(s){interval}, from {start}", "", int(plan['sessions'])).format(
                procedure=esc(rules.procedure_name(p).capitalize()),
                interval=interval, start=fmt_date(plan['start'])) + "</p>")
            for key, label in (("overrides", Shown.tr("Deferral overridden by a doctor")),
                               ("unsupported_reasons", Shown.tr("Planned although not recommended"))):
                entry = getattr(d, key).get(p)
                if entry and entry.get("text"):
                    out.append(f"<p style='margin-left:12px'><b>{label}</b> — "
                               f"{esc(entry.get('by'))} ({_when(entry['at'])}): "
                               f"{esc(entry['text'])}</p>")
    else:
        out.append("<p>" + Shown.tr("Nothing planned. {reason}").format(
            reason=esc(d.none_planned_reason)) + "</p>")
    out.append("<h3>" + Shown.tr("Screening answers (as asked that day)") + "</h3><table cellpadding=2>")
    answers = {"yes": Shown.tr("yes"), "no": Shown.tr("no"), "unknown": Shown.tr("unknown")}
    for q in c["screening"]["questions"]:
        if not q["asked"]:
            continue
        detail = f" — {esc(q['detail'])}" if q.get("detail") else ""
        colour = "#b3261e" if q["answer"] == "yes" else "#8a4b00" if q["answer"] == "unknown" else "#333"
        out.append(f"<tr><td>{esc(q['text'])}</td><td style='color:{colour}'><b>"
                   f"{esc(answers.get(q['answer'], q['answer']))}</b>{detail}</td></tr>")
    out.append("</table><p><small>" + Shown.tr("Screening rules {id} version {version}").format(
        id=esc(c['screening']['rules_id']), version=esc(c['screening']['rules_version']))
        + "</small></p>")
    if d.notes:
        out.append("<h3>" + Shown.tr("Notes") + f"</h3><p>{esc(d.notes)}</p>")
    return "".join(out)


class ConsultationDialog(QDialog):
    """Read a finalised consultation; start an amendment from it."""

    amend_requested = Signal(int)
    summary_requested = Signal(int)

    def __init__(self, store, consultation_id: int, parent=None):
        super().__init__(parent)
        self.store = store
        self.consultation = sc.get_consultation(store, consultation_id)
        self.setWindowTitle(self.tr("Consultation {id}").format(id=consultation_id))
        fit_to_screen(self, 760, 720)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setHtml(consultation_html(self.consultation))
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.amend_button = buttons.addButton(self.tr("Amend…"),
                                              QDialogButtonBox.ButtonRole.ActionRole)
        self.amend_button.setEnabled(not self.consultation["amended_by"])
        self.summary_button = buttons.addButton(self.tr("Summary PDF…"),
                                                QDialogButtonBox.ButtonRole.ActionRole)
        self.summary_button.clicked.connect(lambda: self.summary_requested.emit(consultation_id))
        self.amend_button.clicked.connect(lambda: (self.amend_requested.emit(consultation_id),
                                                   self.accept()))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class ConsultationsTab(QWidget):
    """The patient's consultations, newest first, with the unfinished draft on top."""

    start_requested = Signal()
    open_requested = Signal(int)

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.patient_id: int | None = None
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.start_button = QPushButton(self.tr("New consultation…"))
        self.start_button.setObjectName("start_consultation")
        self.start_button.clicked.connect(self.start_requested)
        self.draft_label = QLabel()
        self.draft_label.setStyleSheet("color: #8a4b00;")
        row.addWidget(self.start_button)
        row.addWidget(self.draft_label, 1)
        layout.addLayout(row)
        self.table = QTableWidget(0, 0)
        self.table.setObjectName("consultations")
        self.procedures: list[str] = []
        """The verdict columns, one per procedure, in the registry's order."""
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.cellActivated.connect(self._open)
        self.table.cellDoubleClicked.connect(self._open)
        layout.addWidget(self.table)
        self.rows: list[dict] = []

    def show_patient(self, patient_id: int) -> None:
        self.patient_id = patient_id
        draft = sc.find_draft(self.store, patient_id)
        if draft:
            self.start_button.setText(self.tr("Resume consultation…"))
            self.draft_label.setText(self.tr("Unfinished consultation, last saved {when}").format(
                when=_when(draft.updated_at)))
        else:
            self.start_button.setText(self.tr("New consultation…"))
            self.draft_label.setText("")
        self.rows = sc.consultation_history(self.store, patient_id)
        self._set_columns()
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            amendment = ""
            if r["amends_id"]:
                amendment = self.tr("Amends {id}: {reason}").format(id=r["amends_id"],
                                                                    reason=r["amendment_reason"])
            elif r["amended_by"]:
                amendment = self.tr("Amended by {id}").format(id=r["amended_by"])
            cells = [_when(r["finalised_at"])]
            cells += [_level(r["levels"].get(p)) for p in self.procedures]
            cells += [_outcomes()[r["outcome"]], amendment]
            for j, text in enumerate(cells):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(self.table.columnCount() - 1,
                                                           QHeaderView.ResizeMode.Stretch)

    def _set_columns(self) -> None:
        """A verdict column for each procedure the clinic offers, then for any procedure these
        consultations judged that the content no longer has (its id as its name)."""
        offered = list(procedure_ids())
        judged = [p for r in self.rows for p in r["levels"] if p not in offered]
        self.procedures = offered + sorted(set(judged))
        labels = ([self.tr("Finalised")] + [procedure_label(p) for p in self.procedures]
                  + [self.tr("Outcome"), self.tr("Amendment")])
        self.table.setColumnCount(len(labels))
        self.table.setHorizontalHeaderLabels(labels)

    def _open(self, row: int, _col: int = 0) -> None:
        if 0 <= row < len(self.rows):
            self.open_requested.emit(self.rows[row]["id"])


def _level(code: str | None) -> str:
    """A verdict in words ("Eligible", "Defer"), as on the verdict page, not its stored code."""
    if not code:
        return "—"
    style = LEVEL_STYLE.get(code)
    return QCoreApplication.translate("Verdict", style[2]) if style else code
