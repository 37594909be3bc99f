"""A save refused because the record was changed on another workstation since it was opened.

Any form whose service raises ``RecordChanged`` shows the same question: who saved and when,
that nothing was saved and nothing merged, and a choice. "Reload the saved record" replaces
the form's values with what is saved now; "Keep what I typed" leaves the form as it is, and
the next Save then deliberately replaces the other workstation's version (the form says so).
Until the practitioner chooses, what was typed stays in the form.
"""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from rejuv_desktop.errors import RecordChanged, UserError
from rejuv_desktop.ui.i18n import Context, fmt_datetime

RELOAD = "reload"
KEEP = "keep"
NOTE_STYLE = "background: #fff4e5; color: #6b3d00; padding: 6px 8px; border-radius: 3px;"


class Conflicts(Context):
    """The context of this module's words in the catalogues."""


def who(store, practitioner_id: int | None) -> str:
    """The practitioner who saved, as the window names people; "someone" when unknown."""
    if practitioner_id is None:
        return Conflicts.tr("another workstation")
    from rejuv_desktop.services import practitioners as pr

    try:
        return pr.get_practitioner(store, practitioner_id).display_with_qualification
    except UserError:
        return Conflicts.tr("another workstation")


def describe(store, exc: RecordChanged, what: str) -> str:
    return Conflicts.tr("{who} saved {what} at {when}, after you opened the form.").format(
        who=who(store, exc.changed_by), what=what, when=fmt_datetime(exc.changed_at))


def changes_text(changes: list[tuple[str, str]]) -> str:
    """What the other workstation changed, field by field: "Phone: 01179 460123"."""
    if not changes:
        return ""
    return Conflicts.tr("Changed there: {fields}.").format(fields="; ".join(
        Conflicts.tr("{field}: {value}").format(field=f, value=v or Conflicts.tr("(empty)"))
        for f, v in changes))


def ask_after_conflict(parent: QWidget | None, store, exc: RecordChanged, what: str,
                       changes: list[tuple[str, str]] | None = None) -> str:
    """Say that ``what`` (e.g. "this patient's details") were not saved because of ``exc``,
    with the fields the other workstation changed (``changes``: label, value now); returns
    ``RELOAD`` or ``KEEP``."""
    box = QMessageBox(QMessageBox.Icon.Warning, Conflicts.tr("Not saved: changed elsewhere"),
                      Conflicts.tr(
                          "<p><b>Not saved: changed on another workstation.</b></p>"
                          "<p>{saved} {changes}</p><p>Nothing was saved and nothing was merged. "
                          "What you typed is still in the form.</p>").format(
                          saved=describe(store, exc, what),
                          changes=escape(changes_text(changes or []))), parent=parent)
    box.setObjectName("record_changed")
    reload = box.addButton(Conflicts.tr("Reload the saved record"),
                           QMessageBox.ButtonRole.DestructiveRole)
    reload.setObjectName("reload_saved")
    keep = box.addButton(Conflicts.tr("Keep what I typed"), QMessageBox.ButtonRole.RejectRole)
    keep.setObjectName("keep_typed")
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return RELOAD if box.clickedButton() is reload else KEEP


def conflict_note() -> QLabel:
    """The strip a form shows after "Keep what I typed" (hidden until then)."""
    note = QLabel()
    note.setObjectName("conflict_note")
    note.setWordWrap(True)
    note.setStyleSheet(NOTE_STYLE)
    note.hide()
    return note


def show_kept(note: QLabel, store, exc: RecordChanged, what: str,
              changes: list[tuple[str, str]] | None = None) -> None:
    note.setText(Conflicts.tr("{saved} {changes} Saving now replaces their version with what "
                              "is in this form.").format(
        saved=describe(store, exc, what), changes=changes_text(changes or [])).replace("  ", " "))
    note.show()
