"""Pages 3 and 4: the medical screening, and the verdict for each procedure with its reasons."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (QButtonGroup, QFrame, QGridLayout, QGroupBox, QHBoxLayout,
                               QLabel, QLineEdit, QPlainTextEdit, QRadioButton, QScrollArea,
                               QVBoxLayout, QWidget)

from rejuv_desktop.domain import consultation as dc
from rejuv_desktop.domain import plan_binding as pb
from rejuv_desktop.domain import screening as scr
from rejuv_desktop.domain.procedures import procedure_ids
from rejuv_desktop.ui.consultation.common import WizardPage, esc, level_badge
from rejuv_desktop.ui.i18n import Context

ANSWER_LABELS = (("yes", QT_TRANSLATE_NOOP("Screening", "Yes")),
                 ("no", QT_TRANSLATE_NOOP("Screening", "No")),
                 ("unknown", QT_TRANSLATE_NOOP("Screening", "Not known")))
DERIVED_PAGES = {"hands": QT_TRANSLATE_NOOP("Screening", "Hands page"),
                 "concerns": QT_TRANSLATE_NOOP("Screening", "Concerns page")}


class Screening(Context):
    """The context of the screening's and verdict's words in the catalogues."""


def _derived_page(origin: str) -> str:
    return Screening.tr(DERIVED_PAGES[origin]) if origin in DERIVED_PAGES else origin


class AnswerKeys(QObject):
    """Arrow keys on the answers: left and right choose the previous or next answer of the
    same question (one key per answer, as in any radio group); up and down go to the
    previous or next question without changing any answer."""

    def __init__(self, page: "ScreeningPage"):
        super().__init__(page)
        self.page = page

    def eventFilter(self, obj, event) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(obj, QRadioButton):
            return False
        key = event.key()
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self.page.step_answer(obj, -1 if key == Qt.Key.Key_Left else 1)
            return True
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.page.step_question(obj, -1 if key == Qt.Key.Key_Up else 1)
            return True
        return False


class QuestionRow:
    """One question: its text, Yes / No / Not known, and a detail box when asked."""

    def __init__(self, question: scr.Question, grid: QGridLayout, row: int, changed):
        self.question = question
        self.label = QLabel(question.text)
        self.label.setWordWrap(True)
        if question.help:
            self.label.setToolTip(question.help)
        grid.addWidget(self.label, row, 0)
        self.group = QButtonGroup(grid)
        self.buttons: dict[str, QRadioButton] = {}
        for col, (value, text) in enumerate(ANSWER_LABELS, start=1):
            button = QRadioButton(Screening.tr(text))
            button.setObjectName(f"{question.id}_{value}")
            self.group.addButton(button)
            button.toggled.connect(changed)
            button.toggled.connect(self._show_detail)
            grid.addWidget(button, row, col)
            self.buttons[value] = button
        self.detail = QLineEdit()
        self.detail.setObjectName(f"{question.id}_detail")
        self.detail.setPlaceholderText(question.detail or "")
        self.detail.textChanged.connect(changed)
        self.detail.hide()
        grid.addWidget(self.detail, row + 1, 0, 1, 4)
        self.derived_from: str | None = None  # set while a finding answers this question

    def set_derived(self, value: str | None, origin: str | None) -> None:
        """Show the answer a finding gives (read-only), or give the question back to typing."""
        self.derived_from = origin
        for button in self.buttons.values():
            button.setEnabled(origin is None)
        if origin is None:
            self.label.setText(self.question.text)
        else:
            self.label.setText(f"{esc(self.question.text)}<br><i>" + Screening.tr(
                "Answered from the {page}: change it there.").format(
                page=esc(_derived_page(origin))) + "</i>")
            self.set_answer(value)

    def _show_detail(self) -> None:
        self.detail.setVisible(bool(self.question.detail) and self.answer() == "yes"
                               and self.label.isVisibleTo(self.label.parentWidget()))

    def answer(self) -> str | None:
        for value, button in self.buttons.items():
            if button.isChecked():
                return value
        return None

    def set_answer(self, value: str | None) -> None:
        self.group.setExclusive(False)
        for v, button in self.buttons.items():
            button.setChecked(v == value)
        self.group.setExclusive(True)
        self._show_detail()

    def set_visible(self, visible: bool) -> None:
        self.label.setVisible(visible)
        for button in self.buttons.values():
            button.setVisible(visible)
        self._show_detail()

    def focus_button(self) -> QRadioButton:
        """The answer given, or the first one: where the keyboard lands on this question."""
        answer = self.answer()
        return self.buttons[answer] if answer else next(iter(self.buttons.values()))


class ScreeningPage(WizardPage):
    def __init__(self):
        super().__init__()
        self.rules = scr.load_rules()
        self.setTitle(self.tr("Medical history and screening"))
        self.setSubTitle(self.tr("Ask each question. Answer \u201cNot known\u201d when the patient "
                                 "cannot say: it is never treated as a no."))
        outer = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        self.rows: dict[str, QuestionRow] = {}
        self.keys = AnswerKeys(self)
        for section in self.rules.sections():
            box = QGroupBox(section)
            grid = QGridLayout(box)
            grid.setColumnStretch(0, 1)
            for i, question in enumerate(self.rules.questions_in(section)):
                row = QuestionRow(question, grid, i * 2, self._changed)
                for button in row.buttons.values():
                    button.installEventFilter(self.keys)
                self.rows[question.id] = row
            layout.addWidget(box)
        layout.addStretch(1)
        scroll.setWidget(inner)
        self.scroll = scroll
        outer.addWidget(scroll, 1)
        self.add_problems_label(outer)
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                              | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.problems.linkActivated.connect(lambda _link: self.go_to_first_missing())

    # keyboard -------------------------------------------------------------------------------
    def _row_of(self, button: QRadioButton) -> QuestionRow | None:
        return next((r for r in self.rows.values() if button in r.buttons.values()), None)

    def step_answer(self, button: QRadioButton, step: int) -> None:
        row = self._row_of(button)
        if row is None:
            return
        buttons = list(row.buttons.values())
        # From the answer given (or, with none yet, choose the one the focus is on).
        current = buttons.index(button)
        target = buttons[max(0, min(len(buttons) - 1, current + step))] \
            if row.answer() is not None else button
        target.setChecked(True)
        target.setFocus(Qt.FocusReason.TabFocusReason)

    def step_question(self, button: QRadioButton, step: int) -> None:
        shown = [r for r in self.rows.values() if r.label.isVisibleTo(self)]
        row = self._row_of(button)
        if row not in shown:
            return
        i = shown.index(row) + step
        if 0 <= i < len(shown):
            self.focus_question(shown[i])

    def focus_question(self, row: QuestionRow) -> None:
        button = row.focus_button()
        self.scroll.ensureWidgetVisible(row.label, 8, 24)
        button.setFocus(Qt.FocusReason.TabFocusReason)

    def missing(self, data: dc.ConsultationRecord) -> list[scr.Question]:
        effective = scr.effective_answers(dc.screening_answers(data), self.rules)
        given = dc.screening_answers(data)
        return [q for q in self.rules.questions if q.id not in given
                and not (q.follows and effective.get(q.follows) == "no")]

    def go_to_first_missing(self) -> None:
        """Scroll to the first question not answered and put the keyboard on it."""
        wizard = self.wizard()
        if wizard is not None:
            wizard.collect()
            missing = self.missing(wizard.data)
            if missing:
                self.focus_question(self.rows[missing[0].id])

    def initializePage(self) -> None:
        super().initializePage()
        # A control has the focus, shown, as the page opens: the first question not answered.
        QTimer.singleShot(0, self, self._first_focus)

    def _first_focus(self) -> None:
        wizard = self.wizard()
        missing = self.missing(wizard.data) if wizard is not None else []
        row = self.rows[missing[0].id] if missing else next(iter(self.rows.values()))
        self.focus_question(row)

    def validatePage(self) -> bool:
        if super().validatePage():
            return True
        self.go_to_first_missing()
        return False

    def show_problems(self, problems: tuple[str, ...]) -> None:
        super().show_problems(problems)
        if problems:
            self.problems.setText(self.problems.text() + " &nbsp;<a href='#missing'>"
                                  + esc(self.tr("Show it")) + "</a>")

    def recheck_problems(self) -> None:
        # The count of questions left follows each answer, until none is left.
        wizard = self.wizard()
        if wizard is None:
            return
        wizard.collect()
        now = tuple(self.page_errors(wizard.data))
        if now != self.shown_problems:
            self.show_problems(now)

    def _changed(self) -> None:
        self._apply_follows()
        self.notify()

    def _apply_follows(self) -> None:
        for row in self.rows.values():
            parent = row.question.follows
            if parent:
                row.set_visible(self.rows[parent].answer() != "no")

    def load(self, data: dc.ConsultationRecord) -> None:
        derived = dc.derived_answers(data)
        origins = dc.derived_origins(data)
        for qid, row in self.rows.items():
            row.set_answer(data.answers.get(qid))
            row.detail.setText(data.details.get(qid, ""))
            # A finding of the examination answers this question: shown, never stored as typed.
            row.set_derived(derived.get(qid), origins.get(qid))
        self._apply_follows()

    def save_into(self, data: dc.ConsultationRecord) -> None:
        answers, details = {}, {}
        for qid, row in self.rows.items():
            if row.derived_from is not None:
                if qid in data.answers:  # what was typed before the finding, kept for later
                    answers[qid] = data.answers[qid]
            elif row.answer() and row.label.isVisibleTo(self):
                answers[qid] = row.answer()
            elif row.answer() and not row.question.follows:
                answers[qid] = row.answer()
            if row.detail.text().strip():
                details[qid] = row.detail.text()
        data.answers, data.details = answers, details

    def page_errors(self, data: dc.ConsultationRecord) -> list[str]:
        missing = self.missing(data)
        if not missing:
            return []
        first = missing[0].text
        return [self.tr("%n question(s) not answered, starting with: {q}", "",
                        len(missing)).format(q=first)]


def reason_html(r: scr.Reason) -> str:
    """A reason as the verdict page shows it: its text, the evidence grade of its rule, why the
    level differs between procedures, and where a derived answer came from."""
    grade = scr.evidence_label(r.evidence)
    colour = "#b3261e" if r.evidence == scr.UNVERIFIED else "#555555"
    evidence = (Screening.tr("evidence: {grade}; clinic-set level, to confirm")
                if r.evidence == scr.UNVERIFIED else Screening.tr("evidence: {grade}"))
    out = (f"{esc(r.text)} <span style='color:{colour}'>("
           + evidence.format(grade=esc(grade)) + ")</span>")
    if r.derived:
        out += " <i>" + Screening.tr("From the {page}.").format(
            page=esc(_derived_page(r.derived))) + "</i>"
    if r.level_note and r.answer == "yes":
        out += "<br><small>" + Screening.tr("Why the procedures differ: {note}").format(
            note=esc(r.level_note)) + "</small>"
    return out


class VerdictCard(QGroupBox):
    """One procedure's verdict: level, every reason, and the justification when cautious."""

    def __init__(self, procedure: str, name: str, changed):
        super().__init__(name[:1].upper() + name[1:])
        self.procedure = procedure
        layout = QVBoxLayout(self)
        self.level = QLabel()
        self.level.setObjectName(f"{procedure}_level")
        self.level.setTextFormat(Qt.TextFormat.RichText)
        self.level.setWordWrap(True)
        self.reasons = QLabel()
        self.reasons.setObjectName(f"{procedure}_reasons")
        self.reasons.setWordWrap(True)
        self.reasons.setTextFormat(Qt.TextFormat.RichText)
        self.reasons.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.level)
        layout.addWidget(self.reasons)
        self.justify_label = QLabel(self.tr("Your justification (or the doctor's letter you "
                                            "hold) — stored with your name *"))
        self.justify_label.setWordWrap(True)
        self.justification = QPlainTextEdit()
        self.justification.setObjectName(f"{procedure}_justification")
        self.justification.setTabChangesFocus(True)
        self.justification.setFixedHeight(70)
        self.justification.textChanged.connect(changed)
        layout.addWidget(self.justify_label)
        layout.addWidget(self.justification)
        layout.addStretch(1)

    def show_verdict(self, verdict: scr.Verdict, meaning: str) -> None:
        self.level.setText(f"{level_badge(verdict.level)} &nbsp; {esc(meaning)}")
        if verdict.reasons:
            items = "".join(f"<li>{level_badge(r.level)} {reason_html(r)}</li>" for r in verdict.reasons)
            self.reasons.setText(f"<ul style='margin-left:-20px'>{items}</ul>")
        else:
            self.reasons.setText("")  # the level's own sentence says it all
        self.reasons.setVisible(bool(verdict.reasons))
        cautious = pb.needs_justification(verdict)
        self.justify_label.setVisible(cautious)
        self.justification.setVisible(cautious)


class VerdictPage(WizardPage):
    def __init__(self):
        super().__init__()
        self.rules = scr.load_rules()
        self.setTitle(self.tr("Screening verdict"))
        self.setSubTitle(self.tr("Each procedure's verdict with every reason behind it. A "
                                 "contraindicated procedure cannot be planned."))
        layout = QVBoxLayout(self)
        self.cards = {p: VerdictCard(p, self.rules.procedure_name(p), self.notify)
                      for p in procedure_ids()}
        # Many reasons (several answers not known) must never push a card's justification box
        # out of sight at 1024 x 700: the cards scroll together.
        cards = QWidget()
        row = QHBoxLayout(cards)
        row.setContentsMargins(0, 0, 0, 0)
        for card in self.cards.values():
            row.addWidget(card, 1)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("verdict_scroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(cards)
        layout.addWidget(self.scroll, 1)
        self.add_problems_label(layout)

    def load(self, data: dc.ConsultationRecord) -> None:
        evaluation = dc.evaluate(data, self.rules)
        for p, card in self.cards.items():
            verdict = evaluation.verdicts[p]
            card.show_verdict(verdict, self.rules.level_description(verdict.level))
            text = (data.justifications.get(p) or {}).get("text", "")
            if card.justification.toPlainText() != text:
                card.justification.setPlainText(text)

    def save_into(self, data: dc.ConsultationRecord) -> None:
        for p, card in self.cards.items():
            text = card.justification.toPlainText()
            if text.strip():
                data.justifications[p] = {"text": text}
            else:
                data.justifications.pop(p, None)
