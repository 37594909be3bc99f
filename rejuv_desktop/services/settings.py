"""Clinic settings: the details printed on every document, and the app's preferences.

Settings live in the database (one file holds everything, and changes are audited).
"""

from __future__ import annotations

from pathlib import Path

from rejuv_desktop.errors import PermissionDenied, ValidationError
from rejuv_desktop.storage import settings as settings_repo

CLINIC_KEYS = ("clinic_name", "clinic_address", "clinic_phone", "clinic_out_of_hours_phone",
               "clinic_country", "emergency_number")
# The emergency number printed on aftercare sheets when the clinic has not set its own: by the
# country the clinic is in (112 works across the European Union and in many other countries).
EMERGENCY_NUMBERS = {"GB": "999", "IE": "112", "FR": "15", "BE": "112", "DE": "112", "ES": "112",
                     "IT": "112", "NL": "112", "PT": "112", "CH": "144", "US": "911", "CA": "911",
                     "AU": "000", "NZ": "111", "OTHER": "112"}
COUNTRIES = {"GB": "United Kingdom", "IE": "Ireland", "FR": "France", "BE": "Belgium",
             "DE": "Germany", "ES": "Spain", "IT": "Italy", "NL": "Netherlands", "PT": "Portugal",
             "CH": "Switzerland", "US": "United States", "CA": "Canada", "AU": "Australia",
             "NZ": "New Zealand", "OTHER": "Another country"}
# Every setting the app knows, with a check of its value (None = any text).
KNOWN = {
    "clinic_name": None, "clinic_address": None, "clinic_phone": None,
    "clinic_logo_path": "logo", "document_language": "language",
    "idle_lock_minutes": "minutes", "backup_extra_dir": None,
    "clinic_out_of_hours_phone": "phone", "clinic_country": "country",
    "emergency_number": "emergency",
    "cooling_off_days": "cooling_off",
    "lease_timeout_minutes": "minutes",
}
LANGUAGES = {"en": "English", "fr": "French"}
MAX_LOGO_BYTES = 2_000_000
ANYONE_KEYS = ("backup_extra_dir",)  # settings a practitioner who is not an administrator sets


def get_settings(store) -> dict[str, str]:
    """Every setting the clinic saved, by key."""
    return settings_repo.all_settings(store)


def save_clinic(store, values: dict[str, str]) -> None:
    """Save the clinic's details; unknown keys are refused."""
    unknown = set(values) - set(CLINIC_KEYS)
    if unknown:
        raise ValueError(f"unknown settings: {sorted(unknown)}")
    save_settings(store, values)


def validate_settings(values: dict[str, str]) -> dict[str, str]:
    """Clean values, or ValidationError naming each invalid setting."""
    errors, clean = {}, {}
    for key, value in values.items():
        if key not in KNOWN:
            errors[key] = "Unknown setting"
            continue
        value = str(value if value is not None else "").strip()
        kind = KNOWN[key]
        if key in ("clinic_name",) and not value:
            errors[key] = "Required"
        elif key == "clinic_phone" and sum(ch.isdigit() for ch in value) < 6:
            errors[key] = "Required: patients call this number when something is wrong"
        elif kind == "phone" and value and sum(ch.isdigit() for ch in value) < 6:
            errors[key] = "A phone number patients can call out of hours (at least 6 digits), or leave empty"
        elif kind == "country" and value and value not in COUNTRIES:
            errors[key] = "Choose the clinic's country"
        elif kind == "emergency" and value and not (value.isdigit() and 2 <= len(value) <= 4):
            errors[key] = "The emergency number is 2 to 4 digits, e.g. 112, 999 or 15"
        elif kind == "minutes":
            try:
                minutes = float(value)
            except ValueError:
                minutes = -1
            if not 1 <= minutes <= 240:
                errors[key] = "Between 1 and 240 minutes"
        elif kind == "cooling_off":
            if not value.isdigit() or not 0 <= int(value) <= 90:
                errors[key] = "Between 0 and 90 days"
        elif kind == "language" and value not in LANGUAGES:
            errors[key] = "Choose English or French"
        elif kind == "logo" and value:
            path = Path(value)
            if not path.is_file():
                errors[key] = "File not found"
            elif path.stat().st_size > MAX_LOGO_BYTES:
                errors[key] = "The image is too large (at most 2 MB)"
            elif path.read_bytes()[:8] != b"\x89PNG\r\n\x1a\n":
                errors[key] = "Choose a PNG image"
        clean[key] = value
    if errors:
        raise ValidationError(errors)
    return clean


def emergency_number(settings: dict[str, str]) -> str:
    """The emergency number to print: the clinic's own, else its country's default, else 112."""
    own = (settings.get("emergency_number") or "").strip()
    if own:
        return own
    return EMERGENCY_NUMBERS.get(settings.get("clinic_country") or "OTHER", "112")


def settings_versions(store) -> dict[str, int]:
    """The version of each saved setting (a setting never saved is at 0), to pass back to
    ``save_settings`` with the values of a form."""
    return settings_repo.all_versions(store)


def save_settings(store, values: dict[str, str], *,
                  expected_versions: dict[str, int] | None = None) -> None:
    """Validate and save settings in one transaction. The clinic's details and security
    settings need an administrator; the second backup folder any signed-in practitioner may
    choose (backups are everyone's concern). ``expected_versions``: ``settings_versions`` as
    the form was loaded; a setting saved elsewhere since is refused (``RecordChanged``, the
    key in ``record_id``) and nothing is saved."""
    from rejuv_desktop.services import practitioners as pr

    if set(values) - set(ANYONE_KEYS):
        pr.require_admin(store, "change the clinic's settings")
    elif pr.has_accounts(store) and pr.acting(store) is None:
        raise PermissionDenied("Sign in to change settings.")
    clean = validate_settings(values)
    expected = expected_versions
    with store.write():
        for key, value in clean.items():
            settings_repo.put(store, key, value, expected_version=None if expected is None
                              else expected.get(key, 0))


def document_language(store) -> str:
    """The clinic's default document language (English unless the clinic chose another), for
    a patient who has no preferred language the app has documents in."""
    value = (get_settings(store).get("document_language") or "").strip()
    return value if value in LANGUAGES else "en"


def cooling_off_days(store) -> int:
    """The clinic's reflection period before a first session, in days (two weeks unless the
    clinic set another length)."""
    from rejuv_desktop.domain.plan_binding import COOLING_OFF_DAYS_DEFAULT

    value = get_settings(store).get("cooling_off_days", "")
    return int(value) if value.isdigit() else COOLING_OFF_DAYS_DEFAULT
