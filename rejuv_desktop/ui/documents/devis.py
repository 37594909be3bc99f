"""Issuing the detailed quote (devis) of a planned procedure: the clinic's price list for the
plan, each line editable, who will operate, and the total as it will print."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QDialogButtonBox,
                               QFormLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout)

from rejuv_desktop.errors import UserError, ValidationError
from rejuv_desktop.services import devis
from rejuv_desktop.ui.errors import show_user_error
from rejuv_desktop.ui.forms import message_label
from rejuv_desktop.ui.i18n import fmt_date, locale
from rejuv_desktop.ui.legal_words import LegalWords, money, procedure_words

ITEM_ROLE = 256  # Qt.ItemDataRole.UserRole: the price-list item a line came from
# The quote service's messages about the lines, for the catalogue (shown translated).
SERVICE_MESSAGES = (
    QT_TRANSLATE_NOOP("LegalWords", "Add at least one line: the act and its fees"),
    QT_TRANSLATE_NOOP("LegalWords", "Not a line"),
    QT_TRANSLATE_NOOP("LegalWords", "Write the quantity and the price as numbers"),
    QT_TRANSLATE_NOOP("LegalWords", "Say what the line is for"),
    QT_TRANSLATE_NOOP("LegalWords", "The quantity must be above 0 and the price 0 or more"),
    QT_TRANSLATE_NOOP("LegalWords", "This amount is too large: check it"),
    QT_TRANSLATE_NOOP("LegalWords", "The quote adds up to 0: enter the fees (the clinic's price "
                                    "list has no amounts for this procedure)"),
    QT_TRANSLATE_NOOP("LegalWords", "Name who will operate"),
)


def service_message(text: str) -> str:
    """One of the quote service's messages in the interface's language (as given otherwise)."""
    return LegalWords.tr(text) if text in SERVICE_MESSAGES else text


def _number(value: Decimal) -> str:
    """A number to edit, with the interface's decimal mark and no thousands separator (the
    quote's service reads both marks): ``2400,00`` in French."""
    return format(value, "f").replace(".", locale().decimalPoint())


class IssueDevisDialog(QDialog):
    """Choose the plan, adjust the lines (what, quantity, unit price), name who operates."""

    def __init__(self, store, plans: list[dict], parent=None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Issue quote (devis)"))
        self.resize(760, 480)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.plan = QComboBox()
        self.plan.setObjectName("plan")
        for p in plans:
            self.plan.addItem(self.tr("{name} — planned from {start}").format(
                name=procedure_words(p["procedure"]), start=fmt_date(p["start_date"])), p["id"])
        form.addRow(self.tr("Procedure"), self.plan)
        self.operator = QLineEdit()
        self.operator.setObjectName("operator")
        self.operator.setPlaceholderText(self.tr("The practitioner who held the consultation"))
        self.operator.setToolTip(self.tr("Name who will operate when it is not the practitioner "
                                         "who held the consultation: the quote must say so."))
        form.addRow(self.tr("Who will operate"), self.operator)
        layout.addLayout(form)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("lines")
        self.table.setHorizontalHeaderLabels([self.tr("Line (as printed)"), self.tr("Quantity"),
                                              self.tr("Unit price")])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(self._update_total)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        add = QPushButton(self.tr("Add line"))
        add.setObjectName("add_line")
        add.clicked.connect(lambda: self._add_line("", "1", "0"))
        remove = QPushButton(self.tr("Remove line"))
        remove.setObjectName("remove_line")
        remove.clicked.connect(self._remove_line)
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        self.total = QLabel()
        self.total.setObjectName("total")
        row.addWidget(self.total)
        layout.addLayout(row)
        note = QLabel(self.tr("The lines come from the clinic's price list; change them for this "
                              "patient as needed. The quote is printed dated, with the legal "
                              "text it must carry."))
        note.setWordWrap(True)
        layout.addWidget(note)
        self.error = message_label()
        self.error.setObjectName("devis_error")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Issue"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.job = None
        self.plan.currentIndexChanged.connect(self._plan_changed)
        self._plan_changed()

    def _add_line(self, label: str, quantity: str, unit: str, item: str = "") -> None:
        self.table.blockSignals(True)
        n = self.table.rowCount()
        self.table.insertRow(n)
        first = QTableWidgetItem(label)
        first.setData(ITEM_ROLE, item)
        self.table.setItem(n, 0, first)
        self.table.setItem(n, 1, QTableWidgetItem(quantity))
        self.table.setItem(n, 2, QTableWidgetItem(unit))
        self.table.blockSignals(False)
        self._update_total()

    def _remove_line(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        for r in rows:
            self.table.removeRow(r)
        self._update_total()

    def _plan_changed(self) -> None:
        self.table.setRowCount(0)
        plan_id = self.plan.currentData()
        if plan_id is None:
            return
        for line in devis.default_lines(self.store, plan_id):
            self._add_line(line.label, _number(line.quantity.normalize()),
                           _number(line.unit_amount.quantize(Decimal("0.01"))), line.item)

    def lines(self) -> list[dict]:
        out = []
        for r in range(self.table.rowCount()):
            cell = [self.table.item(r, c) for c in range(3)]
            out.append({"label": cell[0].text() if cell[0] else "",
                        "quantity": cell[1].text() if cell[1] else "",
                        "unit_amount": cell[2].text() if cell[2] else "",
                        "item": cell[0].data(ITEM_ROLE) if cell[0] else ""})
        return out

    def _update_total(self, *_args) -> None:
        amount = Decimal(0)
        for line in self.lines():
            try:
                amount += devis.parse_amount(line["quantity"]) * \
                    devis.parse_amount(line["unit_amount"])
            except InvalidOperation:
                self.total.setText(self.tr("Total: check the amounts"))
                return
        self.total.setText(self.tr("Total: {amount}").format(
            amount=money(amount, devis.rules(self.store).currency)))

    def submit(self) -> None:
        try:
            self.job = devis.devis_job(self.store, self.plan.currentData(), self.lines(),
                                       self.operator.text().strip() or None)
        except ValidationError as exc:
            self.error.setText("<br>".join(
                self.tr("Line {n}: {message}").format(n=k.split(".")[1],
                                                      message=service_message(m))
                if k.startswith("lines.") else service_message(m)
                for k, m in exc.errors.items()))
            self.error.show()
            return
        except UserError as exc:
            show_user_error(self, exc, self.tr("Not issued"))
            return
        self.accept()
