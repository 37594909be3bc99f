"""The "Sessions" tab of a patient's record: plans with their sessions, key figures, follow-ups."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFontMetrics
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QFrame,
                               QHBoxLayout, QHeaderView, QLabel, QPlainTextEdit, QPushButton,
                               QScrollArea, QSplitter, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from rejuv_desktop.errors import UserError
from rejuv_desktop.services import follow_ups as fu
from rejuv_desktop.services import practitioners as pr
from rejuv_desktop.services import sessions as ss
from rejuv_desktop.ui.legal_words import refusal_text, wait_text, warning_text
from rejuv_desktop.ui.errors import reports_errors, show_user_error
from rejuv_desktop.ui.sessions.common import status_name, esc, fmt_day
from rejuv_desktop.ui.sessions.due import FollowUpActions

PLAN_ROLE = Qt.ItemDataRole.UserRole
SESSION_ROLE = Qt.ItemDataRole.UserRole + 1
WARN = QColor("#8a4b00")


class EarlyStartDialog(QDialog):
    """Why a session may not start today; a doctor may start it with a written reason."""

    def __init__(self, waits, until, doctor: bool, parent=None, waivable: bool = True):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Too early for this session"))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        text = QLabel(self.tr("This session should not start before {day}:").format(
            day=fmt_day(until.isoformat())) + "\n" + "\n".join(
            f"• {wait_text(w)}" + ("" if w.verified else self.tr(" (a clinic setting from practice, "
                                                            "not published evidence)"))
            for w in waits))
        text.setObjectName("early_waits")
        text.setWordWrap(True)
        layout.addWidget(text)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("early_reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText(self.tr("The doctor's reason to start now (kept on the "
                                               "session record)"))
        self.reason.setFixedHeight(70)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        if not waivable:
            self.reason.hide()
            note = QLabel(self.tr("No one can start this session early."))
            note.setObjectName("not_waivable")
            note.setWordWrap(True)
            layout.addWidget(note)
        elif doctor:
            layout.addWidget(QLabel(self.tr("Start it now only for a clinical reason, written "
                                            "here:")))
            layout.addWidget(self.reason)
            self.start = buttons.addButton(self.tr("Start early"),
                                           QDialogButtonBox.ButtonRole.AcceptRole)
            self.start.setObjectName("start_early")
        else:
            self.reason.hide()
            note = QLabel(self.tr("Only a doctor can start it early, with a written reason: ask "
                                  "a doctor to sign in."))
            note.setWordWrap(True)
            layout.addWidget(note)
        layout.addWidget(self.error)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _accept(self) -> None:
        if len(self.reason.toPlainText().strip()) < 10:
            self.error.setText(self.tr("Write the reason for starting this session early."))
            self.error.show()
            return
        self.accept()


class SessionsTab(QWidget):
    """Start or resume a session of a plan, open a past one; the patient's follow-ups below."""

    open_session = Signal(int)
    changed = Signal()

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.patient_id: int | None = None
        self.plans: list[dict] = []
        self.sessions: dict[int, tuple[str, dict]] = {}
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.start_button = QPushButton(self.tr("Start session"))
        self.start_button.setObjectName("start_session")
        self.start_button.clicked.connect(self.start_selected)
        self.open_button = QPushButton(self.tr("Open session"))
        self.open_button.setObjectName("open_session")
        self.open_button.clicked.connect(self.open_selected)
        self.hint = QLabel()
        self.hint.setStyleSheet("color: #555;")
        self.hint.setWordWrap(True)
        self.hint.setObjectName("sessions_hint")
        row.addWidget(self.start_button)
        row.addWidget(self.open_button)
        row.addStretch(1)
        layout.addLayout(row)
        # Below the buttons, full width: why the next session may not start is read whole.
        layout.addWidget(self.hint)

        self.tree = QTreeWidget()
        self.tree.setObjectName("sessions_tree")
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels([self.tr("Plan and sessions"), self.tr("Date"),
                                   self.tr("Status"), self.tr("Key figures")])
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.header().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        # A plan's long title wraps in its column instead of pushing the dates and key
        # figures out of sight on a 1024-pixel screen.
        self.tree.setWordWrap(True)
        self.tree.viewport().installEventFilter(self)  # columns fitted again on a resize
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.tree.itemActivated.connect(lambda *_: self.open_selected())
        self.details = QLabel()
        self.details.setObjectName("session_details")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setStyleSheet("background: #fafafa; border: 1px solid #ddd; padding: 6px;")
        self.follow_ups = FollowUpActions(store, patient_column=False)
        self.follow_ups.changed.connect(self._follow_ups_changed)
        split = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        # The details of a plan with many sessions scroll in their own area: grown to their
        # full height they squeezed the list of plans to a single clipped row.
        details_scroll = QScrollArea()
        details_scroll.setObjectName("session_details_scroll")
        details_scroll.setWidgetResizable(True)
        details_scroll.setFrameShape(QFrame.Shape.NoFrame)
        details_scroll.setWidget(self.details)
        self.tree.setMinimumHeight(120)
        tl.addWidget(self.tree, 3)
        tl.addWidget(details_scroll, 2)
        split.addWidget(top)
        box = QWidget()
        bl = QVBoxLayout(box)
        bl.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("Follow-up visits"))
        title.setStyleSheet("font-weight: 600;")
        bl.addWidget(title)
        bl.addWidget(self.follow_ups)
        split.addWidget(box)
        split.setSizes([320, 200])
        layout.addWidget(split, 1)

    def show_patient(self, patient_id: int) -> None:
        self.patient_id = patient_id
        self.plans = ss.patient_sessions(self.store, patient_id)
        self.tree.clear()
        self.sessions: dict[int, tuple[str, dict]] = {}
        for plan in self.plans:
            done = plan["completed_sessions"]
            text = self.tr("{title}: %n session(s) planned from {start}", "",
                           int(plan["sessions"])).format(
                title=plan["title"], start=fmt_day(plan["start_date"]))
            item = QTreeWidgetItem([text, "", self.tr("{status} · {done} of {n} done").format(
                status=status_name(plan["status"]), done=done,
                n=plan["sessions"]), ""])
            item.setData(0, PLAN_ROLE, plan["id"])
            flags = []
            if plan.get("reflection_warning"):
                flags.append(plan["reflection_warning"])
            if plan.get("devis_warning"):
                flags.append(warning_text(plan["devis_warning"]))
            if plan.get("blocked"):
                flags.append(plan["blocked"])
            if plan.get("devis_refusal"):
                flags.append(refusal_text(plan["devis_refusal"]))
            if plan.get("waits"):
                until = max(w.until for w in plan["waits"])
                item.setText(1, self.tr("not before {day}").format(day=fmt_day(until.isoformat())))
                flags += [wait_text(w) for w in plan["waits"]]
            if flags:
                item.setText(0, "\u26a0 " + text)
                item.setToolTip(0, "\n".join(dict.fromkeys([text, *flags])))
            else:
                item.setToolTip(0, text)
                for column in (0, 1):
                    item.setForeground(column, QBrush(WARN))
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
            self.tree.addTopLevelItem(item)
            for s in plan["sessions_list"]:
                name = self.tr("Maintenance session") if s["maintenance"] else \
                    self.tr("Session {n} of {total}").format(n=s["session_number"],
                                                             total=s["series_length"])
                status_text = status_name(s["status"])
                if s.get("early_start"):
                    # On a line of its own: beside the status it widened the column and
                    # pushed the key figures out of sight at 1024 wide.
                    status_text += "\n" + self.tr("started early")
                child = QTreeWidgetItem([name, fmt_day(s["session_date"]), status_text,
                                         "; ".join(s["figures"])])
                child.setData(0, PLAN_ROLE, plan["id"])
                child.setData(0, SESSION_ROLE, s["id"])
                self.sessions[s["id"]] = (name, s)
                child.setToolTip(3, "\n".join(s["figures"]))
                item.addChild(child)
            item.setExpanded(True)
        self._fit_columns()
        if self.plans and self.tree.currentItem() is None:
            self.tree.setCurrentItem(self.tree.topLevelItem(len(self.plans) - 1))
        self.follow_ups.show_rows(fu.follow_ups_of_patient(self.store, patient_id),
                                  self.store.clock().date())
        self._update_buttons()

    def eventFilter(self, obj, event) -> bool:
        if obj is self.tree.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(obj, event)

    def _fit_columns(self) -> None:
        """Date and status as wide as the sessions' text (a plan's longer ones wrap); the first
        column as wide as it needs up to 40 % of the list (a longer plan title wraps); key
        figures take the rest (each in full in its tooltip and in the details below)."""
        metrics = self.tree.fontMetrics()
        bold = self.tree.font()
        bold.setBold(True)
        bold_metrics = QFontMetrics(bold)
        rows = [(self.tree.topLevelItem(i), True) for i in range(self.tree.topLevelItemCount())]
        rows += [(plan.child(j), False) for plan, _ in list(rows) for j in range(plan.childCount())]
        changed = False
        for column in range(3):
            width = metrics.horizontalAdvance(self.tree.headerItem().text(column))
            for item, is_plan in rows:
                # A plan's "not before" date is the gate's answer: it is never cut short. Its
                # status wraps under its sessions' width, a word never cut. A session's status
                # may hold a second line ("started early").
                m = bold_metrics if is_plan and column == 0 else metrics
                extra = self.tree.indentation() * (1 if is_plan else 2) if column == 0 else 0
                text = item.text(column)
                if is_plan and column == 2:
                    text = max(text.split() or [""], key=m.horizontalAdvance)
                width = max([width] + [m.horizontalAdvance(line) + extra
                                       for line in text.split("\n")])
            width += 16
            if column == 0:
                width = min(width, max(180, int(self.tree.viewport().width() * 0.4)))
            if self.tree.columnWidth(column) != width:
                self.tree.setColumnWidth(column, width)
                changed = True
        # A plan's row as tall as its wrapped title, status and flag.
        flags = int(Qt.TextFlag.TextWordWrap)
        for item, is_plan in rows:
            if not is_plan:
                continue
            height = 0
            for column in range(3):
                m = bold_metrics if column == 0 else metrics
                room = self.tree.columnWidth(column) - 8 - (
                    self.tree.indentation() if column == 0 else 0)
                height = max(height, m.boundingRect(0, 0, max(room, 20), 10_000, flags,
                                                    item.text(column)).height())
            hint = QSize(self.tree.columnWidth(0), height + 6)
            if item.sizeHint(0) != hint:
                item.setSizeHint(0, hint)
                changed = True
        if changed:
            self.tree.doItemsLayout()

    def _selected_plan(self) -> dict | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        plan_id = item.data(0, PLAN_ROLE)
        return next((p for p in self.plans if p["id"] == plan_id), None)

    def _show_details(self, plan: dict | None, session_id: int | None) -> None:
        """The selected session's key figures in full (or the plan's sessions, briefly)."""
        if plan is None:
            self.details.setText("")
            self.details.setVisible(False)
            return
        chosen = [self.sessions[session_id]] if session_id is not None else \
            [self.sessions[s["id"]] for s in plan["sessions_list"]]
        parts = []
        for name, s in chosen:
            who = s.get("started_by_name") or ""
            head = (f"<b>{esc(name)}</b> · {fmt_day(s['session_date'])} · "
                    f"{esc(status_name(s['status']))}"
                    + (f" · {esc(who)}" if who else ""))
            if s["end_reason"]:
                head += " · " + self.tr("stopped") + f": {esc(s['end_reason'])}"
            early = s.get("early_start")
            if early:
                head += ("<br><span style='color:#8a4b00'>" + esc(self.tr(
                    "Started early on a doctor's reason ({who}): {reason}").format(
                    who=early["who"], reason=early["value"].get("reason", ""))) + "</span>")
            lines = "".join(f"<li>{esc(line)}</li>" for line in s["figures"])
            parts.append(head + (f"<ul style='margin:2px 0 6px 0'>{lines}</ul>" if lines
                                 else "<br>"))
        self.details.setText("".join(parts) or self.tr("No session yet."))
        self.details.setVisible(True)

    def _update_buttons(self) -> None:
        plan = self._selected_plan()
        item = self.tree.currentItem()
        session_id = item.data(0, SESSION_ROLE) if item is not None else None
        self._show_details(plan, session_id)
        if plan is None:
            self.start_button.setEnabled(False)
            self.open_button.setEnabled(False)
            self.hint.setText(self.tr("No procedure is planned: plan one in a consultation.")
                              if not self.plans else "")
            return
        resume = plan["open_session_id"] is not None
        self.start_button.setText(self.tr("Resume session") if resume else
                                  self.tr("Start session"))
        self.start_button.setEnabled(resume or plan["can_start"])
        self.open_button.setEnabled(session_id is not None)
        if resume:
            self.hint.setText(self.tr("A session of this plan is in progress."))
        elif plan["can_start"]:
            n = plan["completed_sessions"] + 1
            hint = (self.tr("Next: session {n} of {total}.").format(n=n, total=plan["sessions"])
                    if n <= plan["sessions"]
                    else self.tr("Series done: the next session is a maintenance session."))
            if plan.get("waits"):
                until = max(w.until for w in plan["waits"])
                hint += " " + self.tr("Not before {day}: {why}").format(
                    day=fmt_day(until.isoformat()), why=" ".join(wait_text(w) for w in plan["waits"]))
            elif plan.get("reflection_warning"):
                hint += " " + plan["reflection_warning"] + "."
            if plan.get("devis_warning"):
                hint += " " + warning_text(plan["devis_warning"])
            self.hint.setText(hint)
            self.hint.setStyleSheet("color: #8a4b00;" if plan.get("waits")
                                    or plan.get("reflection_warning") else "color: #555;")
        elif plan.get("blocked") or plan.get("devis_refusal"):
            self.hint.setText(plan.get("blocked") or refusal_text(plan["devis_refusal"]))
            self.hint.setStyleSheet("color: #8a4b00;")
        else:
            self.hint.setText(self.tr("All sessions of this plan are done."))
            self.hint.setStyleSheet("color: #555;")

    @reports_errors
    def start_selected(self) -> None:
        plan = self._selected_plan()
        if plan is None:
            return
        try:
            try:
                session_id = ss.start_session(self.store, plan["id"])
            except ss.StartTooEarly as early:
                doctor = self.store.actor_id is not None and pr.get_practitioner(
                    self.store, self.store.actor_id).doctor
                dialog = EarlyStartDialog(early.waits, early.until, doctor, self,
                                          waivable=early.waivable)
                if not dialog.exec() or not early.waivable:
                    return
                session_id = ss.start_session(self.store, plan["id"],
                                              early_reason=dialog.reason.toPlainText())
        except UserError as exc:
            show_user_error(self, exc, self.tr("Cannot start the session"))
            return
        self.show_patient(self.patient_id)
        self.changed.emit()
        self.open_session.emit(session_id)

    def open_selected(self) -> None:
        item = self.tree.currentItem()
        session_id = item.data(0, SESSION_ROLE) if item is not None else None
        if session_id is not None:
            self.open_session.emit(session_id)

    def _follow_ups_changed(self) -> None:
        if self.patient_id is not None:
            self.show_patient(self.patient_id)
        self.changed.emit()
