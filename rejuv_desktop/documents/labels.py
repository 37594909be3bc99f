"""Per-language fixed words and date formats (``resources/documents/<lang>/labels.toml``).

No word printed on a document lives in code: page numbers, footer, signature captions, month
names and date patterns all come from this file, so a new language is a new folder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from datetime import date, datetime
from typing import Any

from rejuv_desktop.content import ContentFile, load_toml, resource_path
from rejuv_desktop.errors import ContentError

# Each label and the placeholders it must be able to use (it may use fewer).
LABEL_FIELDS: dict[str, frozenset[str]] = {
    "date": frozenset({"weekday", "day", "day2", "month", "month_number", "year"}),
    "date_with_weekday": frozenset({"weekday", "day", "day2", "month", "month_number", "year"}),
    "date_range": frozenset({"start", "end"}),
    "date_time": frozenset({"date", "hour", "minute"}),
    "page_of": frozenset({"page", "pages"}),
    "footer": frozenset({"document_id", "template_id", "template_version", "issued_on"}),
    "continuation_header": frozenset({"patient_name", "patient_dob"}),
    "initials": frozenset(),
    "phone": frozenset(),
    "signature": frozenset(),
    "name": frozenset(),
    "date_label": frozenset(),
    "patient": frozenset(),
    "practitioner": frozenset(),
    "registration": frozenset(),
    "signed_on_screen": frozenset({"signed_at", "witness"}),
    "signed_on_paper": frozenset({"signed_at", "witness"}),
    "yes": frozenset(),
    "no": frozenset(),
    "witness": frozenset(),
    "interpreter": frozenset(),
    "witness_or_interpreter": frozenset(),
    "one_signature_covers": frozenset({"signed_at"}),
    "initials_on_paper": frozenset(),
    "confirmations_on_paper": frozenset(),
    "scan_attached": frozenset({"sha256"}),
    "countersigned_attested": frozenset({"name", "registration", "signed_at"}),
    "countersigned_on_paper": frozenset({"name", "registration", "sha256_short"}),
    "number_range": frozenset({"low", "high"}),
    "visit": frozenset({"when", "what"}),
    "planned_session": frozenset({"n", "date"}),
    "planned_session_window": frozenset({"n", "date", "range"}),
    "sedation_no_driving": frozenset(),
    "sedation_escort": frozenset(),
    "outcome_baseline": frozenset(),
    "outcome_not_graded": frozenset(),
    "outcome_assessment": frozenset({"date", "visit", "answers"}),
    "outcome_gais_practitioner": frozenset({"score", "label"}),
    "outcome_gais_patient": frozenset({"score", "label"}),
    "outcome_satisfaction": frozenset({"label"}),
    "outcome_touch_up": frozenset({"answer"}),
    "outcome_hand_q": frozenset({"score"}),
    "outcome_nothing_assessed": frozenset(),
    "outcome_complication": frozenset({"type", "site", "severity"}),
    "outcome_resolved": frozenset({"date"}),
    "outcome_not_resolved": frozenset(),
}

PAGE_SIZES = ("A4", "letter")

PLACEHOLDER_RE = re.compile(r"\{([a-z_0-9]+)(?::([a-z_0-9]+))?\}")


def placeholders(text: str) -> list[tuple[str, str | None]]:
    """The ``{name}`` and ``{name:key}`` placeholders of ``text`` (``{{`` and ``}}`` are literal)."""
    return [(m.group(1), m.group(2)) for m in PLACEHOLDER_RE.finditer(text.replace("{{", "").replace("}}", ""))]


def fill_plain(pattern: str, values: dict[str, str]) -> str:
    """Fill a label pattern with plain strings (no escaping: for labels and dates)."""

    def sub(m: re.Match[str]) -> str:
        return values.get(m.group(1), m.group(0))

    text = PLACEHOLDER_RE.sub(sub, pattern.replace("{{", "\x00").replace("}}", "\x01"))
    return text.replace("\x00", "{").replace("\x01", "}")


@dataclass(frozen=True)
class Labels:
    """The fixed words of one language, read from its ``labels.toml``."""

    lang: str
    page_size: str
    months: tuple[str, ...]
    weekdays: tuple[str, ...]
    text: dict[str, str]
    colon: str = ": "  # between a caption and its value ("Date: ", in French "Date : ")
    semicolon: str = "; "  # between the items of a list written as one line

    def __getitem__(self, key: str) -> str:
        return self.text[key]

    def format(self, key: str, **values: Any) -> str:
        """The label ``key`` with its placeholders filled (values converted with ``str``)."""
        return fill_plain(self.text[key], {k: str(v) for k, v in values.items()})

    def date(self, value: date, weekday: bool = False) -> str:
        """A date in this language's words, e.g. "24 November 2025"."""
        return fill_plain(
            self.text["date_with_weekday" if weekday else "date"],
            {
                "weekday": self.weekdays[value.weekday()],
                "day": str(value.day),
                "day2": f"{value.day:02d}",
                "month": self.months[value.month - 1],
                "month_number": f"{value.month:02d}",
                "year": str(value.year),
            },
        )

    def date_range(self, start: date, end: date, weekday: bool = False) -> str:
        """A span of days, or a single date when both ends are the same day."""
        if start == end:
            return self.date(start, weekday)
        return self.format("date_range", start=self.date(start, weekday), end=self.date(end, weekday))

    def date_time(self, value: datetime) -> str:
        """A moment, e.g. "10 November 2025 at 14:05"."""
        return self.format(
            "date_time", date=self.date(value.date()), hour=f"{value.hour:02d}", minute=f"{value.minute:02d}"
        )


def _string_list(cf: ContentFile, key: str, length: int) -> tuple[str, ...]:
    value = cf.data.get(key)
    if not isinstance(value, list) or len(value) != length or not all(isinstance(v, str) and v for v in value):
        raise cf.error(f"'{key}' must be a list of {length} words", f"{key} =")
    return tuple(value)


def load_labels(lang: str) -> Labels:
    """Read and validate ``resources/documents/<lang>/labels.toml`` (again when it changes)."""
    if not re.fullmatch(r"[a-z]{2,3}(_[A-Z]{2})?", lang):
        raise ContentError(resource_path("documents"), None, f"'{lang}' is not a language code")
    path = resource_path("documents", lang, "labels.toml")
    try:
        stat = path.stat()
    except OSError:
        return load_labels_file(path, lang)
    return _cached(str(path), stat.st_mtime_ns, stat.st_size, lang)


@lru_cache(maxsize=8)
def _cached(path: str, mtime_ns: int, size: int, lang: str) -> Labels:
    return load_labels_file(Path(path), lang)


def load_labels_file(path: Path, lang: str) -> Labels:
    """Read and validate a labels file at ``path`` for language ``lang``."""
    cf = load_toml(Path(path))
    data = cf.data
    for key in ("id", "version"):
        if key not in data:
            raise cf.error(f"the '{key}' key is missing")
    if data.get("lang") != lang:
        raise cf.error(f"'lang' must be \"{lang}\", the name of its folder", "lang =")
    page_size = data.get("page_size", "A4")
    if page_size not in PAGE_SIZES:
        raise cf.error(f"page_size must be one of {', '.join(PAGE_SIZES)}", "page_size")
    text: dict[str, str] = {}
    for key, allowed in LABEL_FIELDS.items():
        value = data.get(key)
        if not isinstance(value, str):
            raise cf.error(f"the label '{key}' is missing or not text", f"{key} =")
        for name, _ in placeholders(value):
            if name not in allowed:
                known = ", ".join(sorted(allowed)) or "none"
                raise cf.error(f"the label '{key}' uses an unknown placeholder {{{name}}} (known: {known})", f"{key} =")
        text[key] = value
    return Labels(
        lang=lang,
        page_size=page_size,
        months=_string_list(cf, "months", 12),
        weekdays=_string_list(cf, "weekdays", 7),
        text=text,
        colon=_punctuation(cf, "colon", ":"),
        semicolon=_punctuation(cf, "semicolon", ";"),
    )


def _punctuation(cf: ContentFile, key: str, mark: str) -> str:
    """An optional punctuation key (``colon``, ``semicolon``): the mark with the spaces this
    language puts around it ("; " unless set)."""
    value = cf.data.get(key, f"{mark} ")
    if not isinstance(value, str) or mark not in value:
        raise cf.error(f"'{key}' must be text holding a '{mark}', such as \"{mark} \"", f"{key} =")
    return value
