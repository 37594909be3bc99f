"""Pages 1 and 2: the patient's concerns and goals, and the evaluation of each hand."""

from __future__ import annotations

from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QFormLayout, QGridLayout,
                               QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
                               QRadioButton, QVBoxLayout)

from rejuv_desktop.domain import consultation as dc
from rejuv_desktop.domain.consultation_record import HandFindings
from rejuv_desktop.domain.recommendation import CONCERN_CODES
from rejuv_desktop.ui.phrases import concern_label
from rejuv_desktop.domain.scales import load_scales
from rejuv_desktop.ui.consultation.common import WizardPage


def _combo(items, changed) -> QComboBox:
    combo = QComboBox()
    combo.addItem("—", None)
    for value, text in items:
        combo.addItem(text, value)
    combo.currentIndexChanged.connect(changed)
    return combo


def _set_combo(combo: QComboBox, value) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(index if index >= 0 else 0)


class ConcernsPage(WizardPage):
    def __init__(self):
        super().__init__()
        self.setTitle(self.tr("Concerns and goals"))
        self.setSubTitle(self.tr("What bothers the patient about their hands, and what they "
                                 "hope for, in their own words."))
        layout = QVBoxLayout(self)
        box = QGroupBox(self.tr("Concerns *"))
        grid = QGridLayout(box)
        self.concerns: dict[str, QCheckBox] = {}
        for i, code in enumerate(CONCERN_CODES):
            label = concern_label(code)
            check = QCheckBox(label[:1].upper() + label[1:])
            check.setObjectName(f"concern_{code}")
            check.toggled.connect(self.notify)
            grid.addWidget(check, i // 2, i % 2)
            self.concerns[code] = check
        self.other = QLineEdit()
        self.other.setObjectName("concern_other_text")
        self.other.setPlaceholderText(self.tr("Describe the other concern"))
        self.other.textChanged.connect(self.notify)
        self.concerns["other"].toggled.connect(self.other.setEnabled)
        grid.addWidget(self.other, (len(CONCERN_CODES) + 1) // 2, 0, 1, 2)
        layout.addWidget(box)

        layout.addWidget(QLabel(self.tr("Goals and expectations, in the patient's words")))
        self.goals = QPlainTextEdit()
        self.goals.setObjectName("goals")
        self.goals.setTabChangesFocus(True)
        self.goals.textChanged.connect(self.notify)
        layout.addWidget(self.goals, 1)

        expect = QGroupBox(self.tr("Are these expectations realistic? *"))
        el = QHBoxLayout(expect)
        self.realistic = QRadioButton(self.tr("Realistic"))
        self.realistic.setObjectName("realistic_yes")
        self.unrealistic = QRadioButton(self.tr("Not realistic"))
        self.unrealistic.setObjectName("realistic_no")
        self.expect_group = QButtonGroup(self)
        for b in (self.realistic, self.unrealistic):
            self.expect_group.addButton(b)
            b.toggled.connect(self.notify)
            el.addWidget(b)
        self.expect_note = QLineEdit()
        self.expect_note.setObjectName("expectations_note")
        self.expect_note.setPlaceholderText(self.tr("Note (why, and what was explained)"))
        self.expect_note.textChanged.connect(self.notify)
        el.addWidget(self.expect_note, 1)
        layout.addWidget(expect)
        self.add_problems_label(layout)

    def load(self, data: dc.ConsultationRecord) -> None:
        for code, check in self.concerns.items():
            check.setChecked(code in data.concerns)
        self.other.setText(data.concern_other)
        self.other.setEnabled("other" in data.concerns)
        self.goals.setPlainText(data.goals)
        self.expect_group.setExclusive(False)
        self.realistic.setChecked(data.expectations_realistic is True)
        self.unrealistic.setChecked(data.expectations_realistic is False)
        self.expect_group.setExclusive(True)
        self.expect_note.setText(data.expectations_note)

    def save_into(self, data: dc.ConsultationRecord) -> None:
        data.concerns = [c for c, check in self.concerns.items() if check.isChecked()]
        data.concern_other = self.other.text()
        data.goals = self.goals.toPlainText()
        data.expectations_realistic = (True if self.realistic.isChecked() else
                                          False if self.unrealistic.isChecked() else None)
        data.expectations_note = self.expect_note.text()

    def page_errors(self, data: dc.ConsultationRecord) -> list[str]:
        errors = []
        if not data.concerns:
            errors.append(self.tr("Tick at least one concern."))
        if "other" in data.concerns and not data.concern_other.strip():
            errors.append(self.tr("Describe the other concern."))
        if data.expectations_realistic is None:
            errors.append(self.tr("Say whether the expectations are realistic."))
        elif data.expectations_realistic is False and not data.expectations_note.strip():
            errors.append(self.tr("Note why the expectations are not realistic."))
        return errors


class HandBox(QGroupBox):
    """The evaluation of one hand."""

    def __init__(self, side: str, changed):
        super().__init__(self.tr("Left hand") if side == "left" else self.tr("Right hand"))
        self.side = side
        scales = load_scales()
        form = QFormLayout(self)
        self.merz = _combo([(g.value, g.label) for g in scales.merz.grades], changed)
        self.merz.setObjectName(f"{side}_merz")
        self.merz_text = QLabel()
        self.merz_text.setWordWrap(True)
        self.merz_text.setStyleSheet("color: #444;")
        self.merz.currentIndexChanged.connect(self._describe)
        form.addRow(self.tr("Merz grade *"), self.merz)
        form.addRow("", self.merz_text)
        self.hydration = _combo([(g.value, g.label) for g in scales.hydration.grades], changed)
        self.elasticity = _combo([(g.value, g.label) for g in scales.elasticity.grades], changed)
        self.texture = _combo([(g.value, g.label) for g in scales.texture.grades], changed)
        self.lentigines = _combo(list(dc.LENTIGINES.items()), changed)
        for name in ("hydration", "elasticity", "texture", "lentigines"):
            getattr(self, name).setObjectName(f"{side}_{name}")
        form.addRow(self.tr("Hydration"), self.hydration)
        form.addRow(self.tr("Elasticity"), self.elasticity)
        form.addRow(self.tr("Texture"), self.texture)
        form.addRow(self.tr("Brown spots"), self.lentigines)
        # The box's own words stay short (a check box cannot wrap); what counts as suspicious
        # wraps beside it, so a longer language is never cut at 1024 pixels.
        self.suspicious = QCheckBox(self.tr("Suspicious lesion"))
        self.suspicious.setObjectName(f"{side}_suspicious")
        self.suspicious.toggled.connect(changed)
        self.suspicious.toggled.connect(self._warn)
        signs = QLabel(self.tr("changing, irregular, raised or bleeding"))
        signs.setWordWrap(True)
        signs.setStyleSheet("color: #555;")
        self.suspicious.setToolTip(signs.text())
        form.addRow(self.suspicious, signs)
        self.warning = QLabel(self.tr("A dermatologist must see this lesion before any "
                                      "treatment: the consultation will end with a referral."))
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b3261e; font-weight: 600;")
        self.warning.hide()
        form.addRow(self.warning)
        self.notes = QLineEdit()
        self.notes.setObjectName(f"{side}_notes")
        self.notes.textChanged.connect(changed)
        form.addRow(self.tr("Notes"), self.notes)

    def _describe(self) -> None:
        grade = self.merz.currentData()
        self.merz_text.setText(load_scales().merz.describe(grade) if grade is not None else
                               self.tr("Choose the grade that matches the back of the hand."))

    def _warn(self, on: bool) -> None:
        self.warning.setVisible(on)

    def load(self, hand: HandFindings) -> None:
        for name in HandFindings.GRADED:
            _set_combo(getattr(self, name), getattr(hand, name))
        self.suspicious.setChecked(bool(hand.suspicious_lesion))
        self.notes.setText(hand.notes or "")
        self._describe()

    def values(self) -> HandFindings:
        return HandFindings(**{name: getattr(self, name).currentData()
                               for name in HandFindings.GRADED},
                            suspicious_lesion=self.suspicious.isChecked(),
                            notes=self.notes.text())


class HandsPage(WizardPage):
    def __init__(self):
        super().__init__()
        self.setTitle(self.tr("Hand evaluation"))
        self.setSubTitle(self.tr("Grade each hand on the Merz Hand Grading Scale (dorsal hand, "
                                 "0 = no loss of fatty tissue to 4 = very severe loss) and note "
                                 "the skin."))
        layout = QVBoxLayout(self)
        hands = QHBoxLayout()
        self.boxes = {side: HandBox(side, self.notify) for side in dc.SIDES}
        for box in self.boxes.values():
            hands.addWidget(box)
        layout.addLayout(hands)
        general = QGroupBox(self.tr("Patient"))
        form = QFormLayout(general)
        scales = load_scales()
        self.fitzpatrick = _combo([(g.label, f"{g.label} — {g.description}")
                                   for g in scales.fitzpatrick.grades], self.notify)
        self.fitzpatrick.setObjectName("fitzpatrick")
        form.addRow(self.tr("Fitzpatrick type (confirmed) *"), self.fitzpatrick)
        self.weight = QLineEdit()
        self.weight.setObjectName("weight_kg")
        self.weight.setPlaceholderText(self.tr("kg — needed for anaesthetic dose limits"))
        self.weight.textChanged.connect(self.notify)
        form.addRow(self.tr("Weight (kg)"), self.weight)
        self.donor = _combo([(g.value, g.label) for g in scales.donor_fat.grades], self.notify)
        self.donor.setObjectName("donor_fat")
        form.addRow(self.tr("Donor fat available"), self.donor)
        layout.addWidget(general)
        self.add_problems_label(layout)

    def load(self, data: dc.ConsultationRecord) -> None:
        for side, box in self.boxes.items():
            box.load(data.hands[side])
        _set_combo(self.fitzpatrick, data.fitzpatrick)
        w = data.weight_kg
        self.weight.setText("" if w in (None, "") else f"{w:g}" if isinstance(w, (int, float))
                            else str(w))
        _set_combo(self.donor, data.donor_fat)

    def save_into(self, data: dc.ConsultationRecord) -> None:
        for side, box in self.boxes.items():
            data.hands[side] = box.values()
        data.fitzpatrick = self.fitzpatrick.currentData()
        text = self.weight.text().strip().replace(",", ".")
        try:
            data.weight_kg = float(text) if text else None
        except ValueError:
            data.weight_kg = text  # kept as typed; the page says what is wrong
        data.donor_fat = self.donor.currentData()

    def page_errors(self, data: dc.ConsultationRecord) -> list[str]:
        errors = []
        for side in dc.SIDES:
            if data.hand(side).merz is None:
                errors.append(self.tr("Grade the left hand.") if side == "left"
                              else self.tr("Grade the right hand."))
        if not data.fitzpatrick:
            errors.append(self.tr("Confirm the Fitzpatrick skin type."))
        w = data.weight_kg
        if w not in (None, ""):
            number = dc.weight(data)
            if number is None or not dc.MIN_WEIGHT_KG <= number <= dc.MAX_WEIGHT_KG:
                errors.append(self.tr("Weight must be a number of kg between {lo:.0f} and "
                                      "{hi:.0f}.").format(lo=dc.MIN_WEIGHT_KG, hi=dc.MAX_WEIGHT_KG))
        return errors
