"""Patient fields: validation and the normalised text used for search.

``validate_patient`` returns a clean record or raises ``ValidationError`` naming every invalid
field. Text is kept exactly as typed (any Unicode), only trimmed at the ends.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from rejuv_desktop.domain import text as dt
from rejuv_desktop.errors import ValidationError

FIELDS = ("given_name", "family_name", "date_of_birth", "sex", "phone", "email", "address",
          "preferred_language", "fitzpatrick", "notes")
REQUIRED = ("given_name", "family_name", "date_of_birth")
SEXES = {"": "Not recorded", "female": "Female", "male": "Male", "other": "Other"}
LANGUAGES = {"en": "English", "fr": "French"}
FITZPATRICK = ("", "I", "II", "III", "IV", "V", "VI")
MAX_LENGTH = {"given_name": 200, "family_name": 200, "phone": 40, "email": 254,
              "address": 1000, "notes": 100_000}
MULTILINE = ("address", "notes")  # fields that may hold line breaks
OLDEST_PLAUSIBLE_AGE = 110
YOUNGEST_ADULT_AGE = 18

_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE_RE = re.compile(r"^[0-9+()\-./ ]*$")
# Letters that Unicode does not decompose into a base letter plus an accent.
_FOLD = str.maketrans({"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ð": "d",
                       "ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "þ": "th",
                       "Þ": "th", "ı": "i", "ħ": "h", "ŧ": "t", "ŀ": "l"})
_TOKEN_RE = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class PatientWarning:
    field: str
    message: str


def fold(text: str) -> str:
    """Lower-case, accent-free form of ``text``: "Zoë Łukasz" → "zoe lukasz"."""
    text = text.translate(_FOLD)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold().translate(_FOLD)


def tokens(text: str) -> list[str]:
    """Search tokens of a piece of text (folded words)."""
    return _TOKEN_RE.findall(fold(text))


def parse_date(value) -> date:
    """A date from ``date``, ISO ``YYYY-MM-DD``, ``DD/MM/YYYY`` (also with . or -) or ``DDMMYYYY``."""
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if m:
        y, mo, d = (int(g) for g in m.groups())
    else:
        # DD/MM/YYYY, or the eight digits alone (12031980), as every date field takes them.
        m = (re.fullmatch(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})", text)
             or re.fullmatch(r"(\d{2})(\d{2})(\d{4})", text))
        if not m:
            raise ValueError("Enter the date as DD/MM/YYYY or YYYY-MM-DD")
        d, mo, y = (int(g) for g in m.groups())
    try:
        return date(y, mo, d)
    except ValueError:
        raise ValueError("This date does not exist") from None


def age_on(dob: date, today: date) -> int:
    return today.year - dob.year - ((today.month, today.day) < (dob.month, dob.day))


def validate_patient(data: dict, today: date) -> dict:
    """Check a patient's fields; returns the clean record (all FIELDS present).

    Raises ``ValidationError`` whose ``errors`` map each invalid field to a message.
    """
    unknown = set(data) - set(FIELDS)
    if unknown:
        raise ValidationError({k: "Unknown field" for k in sorted(unknown)})
    clean: dict = {}
    errors: dict[str, str] = {}
    for field in FIELDS:
        value = data.get(field, "")
        if value is None:
            value = ""
        if field == "date_of_birth":
            clean[field] = value
            continue
        if not isinstance(value, str):
            value = str(value)
        value = value.strip() if field != "notes" else value.strip("\n ")
        clean[field] = value
        limit = MAX_LENGTH.get(field)
        if limit and len(value) > limit:
            errors[field] = f"Too long: at most {limit:,} characters (this has {len(value):,})"
    for field in ("given_name", "family_name"):
        if not clean[field] and field not in errors:
            errors[field] = "Required"
        elif any(unicodedata.category(ch) == "Cc" for ch in clean[field]):
            errors[field] = "Must not contain control characters or line breaks"
    for field in ("given_name", "family_name", "phone", "email", "address", "notes"):
        if field not in errors and clean[field]:
            problem = dt.text_problem(clean[field], multiline=field in MULTILINE,
                                      strict=field not in MULTILINE)
            if problem:
                errors[field] = problem
    if "given_name" not in errors:
        problem = dt.title_in_name_problem(clean["given_name"], title_field=False)
        if problem:
            errors["given_name"] = problem
    dob_raw = clean["date_of_birth"]
    if dob_raw in ("", None):
        errors["date_of_birth"] = "Required"
    else:
        try:
            dob = parse_date(dob_raw)
        except ValueError as exc:
            errors["date_of_birth"] = str(exc)
        else:
            if dob > today:
                errors["date_of_birth"] = "Cannot be in the future"
            elif age_on(dob, today) > 130:
                errors["date_of_birth"] = "Not a possible date of birth (over 130 years ago)"
            else:
                clean["date_of_birth"] = dob.isoformat()
    if clean["sex"] not in SEXES:
        errors["sex"] = "Choose female, male, other or leave it empty"
    if not clean["preferred_language"]:
        clean["preferred_language"] = "en"
    if clean["preferred_language"] not in LANGUAGES:
        errors["preferred_language"] = "Choose English (en) or French (fr)"
    if clean["fitzpatrick"] not in FITZPATRICK:
        errors["fitzpatrick"] = "Choose a type from I to VI"
    if clean["email"] and not _EMAIL_RE.match(clean["email"]) and "email" not in errors:
        errors["email"] = "Not an email address (name@example.org)"
    if clean["phone"] and "phone" not in errors:
        if not _PHONE_RE.match(clean["phone"]) or sum(ch.isdigit() for ch in clean["phone"]) < 6:
            errors["phone"] = "Digits, spaces and + ( ) - . / only, at least 6 digits"
    if errors:
        raise ValidationError(errors)
    return clean


def patient_warnings(clean: dict, today: date) -> list[PatientWarning]:
    """Things worth a second look that do not stop a save (an implausible age)."""
    dob = parse_date(clean["date_of_birth"])
    age = age_on(dob, today)
    if age > OLDEST_PLAUSIBLE_AGE:
        return [PatientWarning("date_of_birth", f"Age {age}: please check the date of birth")]
    if age < YOUNGEST_ADULT_AGE:
        return [PatientWarning("date_of_birth",
                               f"Age {age}: a minor; these procedures are for adults")]
    return []


def search_text(record: dict) -> str:
    """The folded text a patient is found by: names, date of birth (several forms), phone."""
    parts = tokens(record.get("given_name", "")) + tokens(record.get("family_name", ""))
    dob = record.get("date_of_birth") or ""
    if dob:
        y, m, d = dob.split("-")
        parts += [f"{y}{m}{d}", f"{d}{m}{y}"]
    digits = re.sub(r"\D", "", record.get("phone", "") or "")
    if digits:
        parts.append(digits)
        if digits.startswith("0"):
            parts.append(digits.lstrip("0"))
        if digits.startswith("44") or digits.startswith("33"):
            parts.append(digits[2:])
    return " ".join(parts)


def query_terms(query: str) -> list[str]:
    """Folded search terms of what the user typed; a typed date becomes its digit form."""
    text = query.strip()
    terms: list[str] = []
    # A whole query of phone characters is one number, spaces and all ("01632 960 001").
    if (re.fullmatch(r"[0-9+()\-. ]+", text) and sum(c.isdigit() for c in text) >= 3
            and not re.fullmatch(r"\d{1,2}[.\-]\d{1,2}([.\-]\d{0,4})?|\d{4}-\d{1,2}(-\d{0,2})?", text)):
        return [re.sub(r"\D", "", text)]
    for chunk in text.split():
        m = re.fullmatch(r"(\d{1,2})[./-](\d{1,2})(?:[./-](\d{0,4}))?", chunk)
        if m:
            d, mo, y = m.group(1).zfill(2), m.group(2).zfill(2), m.group(3) or ""
            terms.append(f"{d}{mo}{y}")
            continue
        m = re.fullmatch(r"(\d{4})-(\d{1,2})(?:-(\d{0,2}))?", chunk)
        if m:
            terms.append(m.group(1) + m.group(2).zfill(2) + (m.group(3) or ""))
            continue
        if re.fullmatch(r"[0-9+()\-./ ]+", chunk) and sum(c.isdigit() for c in chunk) >= 3:
            terms.append(re.sub(r"\D", "", chunk))
            continue
        terms.extend(tokens(chunk))
    return [t for t in terms if t]


def display_name(record) -> str:
    """A patient's name as people read it: "Zoë Łukasiewicz". ``record`` is any mapping (a
    row, a dict) with ``given_name`` and ``family_name``; every screen, document and command
    names a patient through this function (or ``list_name``)."""
    return f"{record['given_name']} {record['family_name']}"


def list_name(record) -> str:
    """Family name in capitals first, as clinic lists show it: "ŁUKASIEWICZ, Zoë"."""
    return f"{record['family_name'].upper()}, {record['given_name']}"
