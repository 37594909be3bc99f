"""The words for the codes the services keep (roles, countries, languages, sexes, audited
tables), marked for translation: the services keep codes, the screens name them."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from rejuv_desktop.ui.i18n import Context


class Names(Context):
    """The context of the names of settings' codes in the catalogues."""


# The words for the codes the services keep (roles, countries, document languages).
ROLE_NAMES = {"practitioner": QT_TRANSLATE_NOOP("Names", "Practitioner"),
              "admin": QT_TRANSLATE_NOOP("Names", "Administrator")}
COUNTRY_NAMES = {
    "GB": QT_TRANSLATE_NOOP("Names", "United Kingdom"), "IE": QT_TRANSLATE_NOOP("Names", "Ireland"),
    "FR": QT_TRANSLATE_NOOP("Names", "France"), "BE": QT_TRANSLATE_NOOP("Names", "Belgium"),
    "DE": QT_TRANSLATE_NOOP("Names", "Germany"), "ES": QT_TRANSLATE_NOOP("Names", "Spain"),
    "IT": QT_TRANSLATE_NOOP("Names", "Italy"), "NL": QT_TRANSLATE_NOOP("Names", "Netherlands"),
    "PT": QT_TRANSLATE_NOOP("Names", "Portugal"), "CH": QT_TRANSLATE_NOOP("Names", "Switzerland"),
    "US": QT_TRANSLATE_NOOP("Names", "United States"), "CA": QT_TRANSLATE_NOOP("Names", "Canada"),
    "AU": QT_TRANSLATE_NOOP("Names", "Australia"), "NZ": QT_TRANSLATE_NOOP("Names", "New Zealand"),
    "OTHER": QT_TRANSLATE_NOOP("Names", "Another country")}
LANGUAGE_NAMES = {"en": QT_TRANSLATE_NOOP("Names", "English"),
                  "fr": QT_TRANSLATE_NOOP("Names", "French")}
SEX_NAMES = {"": QT_TRANSLATE_NOOP("Names", "Not recorded"),
             "female": QT_TRANSLATE_NOOP("Names", "Female"),
             "male": QT_TRANSLATE_NOOP("Names", "Male"),
             "other": QT_TRANSLATE_NOOP("Names", "Other")}
# The audited tables, as the audit trail's filter names them.
TABLE_NAMES = {
    "patients": QT_TRANSLATE_NOOP("Names", "Patient record"),
    "practitioners": QT_TRANSLATE_NOOP("Names", "Practitioner"),
    "settings": QT_TRANSLATE_NOOP("Names", "Setting"),
    "consultations": QT_TRANSLATE_NOOP("Names", "Consultation"),
    "plans": QT_TRANSLATE_NOOP("Names", "Plan"),
    "documents": QT_TRANSLATE_NOOP("Names", "Document"),
    "sessions": QT_TRANSLATE_NOOP("Names", "Session"),
    "checklist_entries": QT_TRANSLATE_NOOP("Names", "Checklist"),
    "follow_ups": QT_TRANSLATE_NOOP("Names", "Follow-up"),
    "product_lots": QT_TRANSLATE_NOOP("Names", "Product lot"),
    "account_lockouts": QT_TRANSLATE_NOOP("Names", "Account lockout"),
    "procedure_verdicts": QT_TRANSLATE_NOOP("Names", "Screening verdict"),
    "hand_assessments": QT_TRANSLATE_NOOP("Names", "Hand assessment"),
    "session_entries": QT_TRANSLATE_NOOP("Names", "Session entry"),
    "session_products": QT_TRANSLATE_NOOP("Names", "Session product")}


def audit_what(table: str, row_id: int, created: bool) -> str:
    """One audit entry's subject as the screens say it: ``Plan 2: created``."""
    return (Names.tr("{record} {id}: created") if created else Names.tr(
        "{record} {id}: changed")).format(record=name_of(TABLE_NAMES, table), id=row_id)


def audit_changes(before: dict | None, changes: str) -> str:
    """What changed: "Created" in the interface's language, or the fields, old and new, as the
    audit service lists them (field names and stored codes: the record as kept)."""
    return Names.tr("Created") if before is None else changes


def name_of(names: dict[str, str], code: str, fallback: str | None = None) -> str:
    """A code's name in the interface's language (``fallback``, else the code, if unknown)."""
    return Names.tr(names[code]) if code in names else (fallback or code)
