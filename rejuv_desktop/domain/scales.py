"""Grading scales (Merz hand grading, Fitzpatrick, GAIS) and the fixed assessment options.

The wording lives in ``resources/scales.toml``; the values stored in records are fixed here
(``EXPECTED_VALUES``) so that a clinic can reword a grade but never change what a stored score
means. Every scale carries a version, stored with each score, because variants of some scales
(GAIS in particular) circulate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Union

from rejuv_desktop.content import ContentFile, load_toml, resource_path
from rejuv_desktop.content.words import load_words, missing_word, table_words
from rejuv_desktop.domain.evidence import EVIDENCE, UNVERIFIED, evidence_from_verified
from rejuv_desktop.errors import ContentError, ValidationError

Value = Union[int, str]

EXPECTED_VALUES: dict[str, tuple[Value, ...]] = {
    "merz": (0, 1, 2, 3, 4),
    "fitzpatrick": (1, 2, 3, 4, 5, 6),
    "gais": (1, 2, 3, 4, 5),
    "hydration": ("good", "moderate", "poor"),
    "elasticity": ("good", "moderate", "poor"),
    "texture": ("smooth", "slightly_rough", "crepey"),
    "donor_fat": ("adequate", "limited", "insufficient"),
}
"""The values each scale must offer, in order; the rest of the app stores and compares these."""

DEFAULT_PATH = "scales.toml"

_SCALE_KEYS = {"id", "name", "version", "note", "source", "evidence", "verified", "grades"}
_GRADE_KEYS = {"value", "label", "description"}
_SCALE_WORDS = {"name", "note"}
_GRADE_WORDS = {"label", "description"}


@dataclass(frozen=True)
class Grade:
    """One point of a scale: the stored value, a short label and what it means."""

    value: Value
    label: str
    description: str


@dataclass(frozen=True)
class Scale:
    """A scale or option list, with its grades in order."""

    id: str
    name: str
    version: str
    grades: tuple[Grade, ...]
    note: str = ""
    source: str = ""
    evidence: str = UNVERIFIED  # grade of the source (see domain/evidence.py)

    def values(self) -> tuple[Value, ...]:
        """The allowed values, in order."""
        return tuple(g.value for g in self.grades)

    def grade(self, value: Value) -> Grade:
        """The grade with this value; ValidationError when the scale has no such value."""
        for g in self.grades:
            if g.value == value and type(g.value) is type(value):
                return g
        allowed = ", ".join(str(v) for v in self.values())
        raise ValidationError({self.id: f"{value!r} is not a {self.name} value (allowed: {allowed})"})

    def check(self, value: Value | None, *, required: bool = False) -> Value | None:
        """Return ``value`` if the scale allows it (None passes unless required), else ValidationError."""
        if value is None:
            if required:
                raise ValidationError({self.id: f"{self.name} is required"})
            return None
        return self.grade(value).value

    def label(self, value: Value) -> str:
        """The short label of a value."""
        return self.grade(value).label

    def describe(self, value: Value) -> str:
        """The description of a value, in plain words."""
        return self.grade(value).description


@dataclass(frozen=True)
class Scales:
    """All the scales of the content file."""

    id: str
    version: str
    scales: tuple[Scale, ...]

    def get(self, scale_id: str) -> Scale:
        """The scale with this id; KeyError when absent."""
        for s in self.scales:
            if s.id == scale_id:
                return s
        raise KeyError(scale_id)

    @property
    def merz(self) -> Scale:
        return self.get("merz")

    @property
    def fitzpatrick(self) -> Scale:
        return self.get("fitzpatrick")

    @property
    def gais(self) -> Scale:
        return self.get("gais")

    @property
    def hydration(self) -> Scale:
        return self.get("hydration")

    @property
    def elasticity(self) -> Scale:
        return self.get("elasticity")

    @property
    def texture(self) -> Scale:
        return self.get("texture")

    @property
    def donor_fat(self) -> Scale:
        return self.get("donor_fat")


_SCALE_HEADER = re.compile(r"^\s*\[\[\s*scales\s*\]\]")
_GRADE_HEADER = re.compile(r"^\s*\[\[\s*scales\.grades\s*\]\]")


def _line(cf: ContentFile, scale: int, grade: int | None, *needles: str) -> int | None:
    """Line of the needles inside the given scale (and grade) entry, else of the entry's header.

    ``ContentFile.line_of`` finds the first match in the whole file; a mistake in the fifth scale
    must point inside the fifth scale.
    """
    lines = cf.text.splitlines()
    scale_starts = [i for i, line in enumerate(lines) if _SCALE_HEADER.match(line)]
    if scale >= len(scale_starts):
        return cf.line_of(*needles) if needles else None
    start = scale_starts[scale]
    end = scale_starts[scale + 1] if scale + 1 < len(scale_starts) else len(lines)
    if grade is not None:
        grade_starts = [i for i in range(start, end) if _GRADE_HEADER.match(lines[i])]
        if grade < len(grade_starts):
            start = grade_starts[grade]
            end = grade_starts[grade + 1] if grade + 1 < len(grade_starts) else end
    for i in range(start + 1, end):
        if needles and all(_matches(n, lines[i]) for n in needles):
            return i + 1
    return start + 1


def _matches(needle: str, line: str) -> bool:
    # A needle ending in "=" names a key: match the line that sets it, not a mention in a text.
    if needle.endswith("="):
        return re.match(r"\s*" + re.escape(needle[:-1].strip()) + r"\s*=", line) is not None
    return needle in line


class _At:
    """Where a scale or grade sits in the file, to raise errors that name its line."""

    def __init__(self, cf: ContentFile, scale: int, grade: int | None = None, where: str = ""):
        self.cf, self.scale, self.grade, self.where = cf, scale, grade, where

    def fail(self, message: str, *needles: str) -> ContentError:
        return ContentError(self.cf.path, _line(self.cf, self.scale, self.grade, *needles), f"{self.where}{message}")

    def text(self, entry: dict, key: str, required: bool = True) -> str:
        value = entry.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or not value.strip():
            # A missing key has no line of its own: name the entry's header instead.
            raise self.fail(f"'{key}' must be non-empty text", *([f"{key} ="] if key in entry else []))
        return value.strip()


def _parse_scale(cf: ContentFile, index: int, entry: dict, words: ContentFile) -> Scale:
    sid = entry.get("id")
    if not isinstance(sid, str) or sid not in EXPECTED_VALUES:
        raise _At(cf, index).fail(f"unknown scale id {sid!r} (expected one of {', '.join(EXPECTED_VALUES)})", "id =")
    at = _At(cf, index, where=f"scale '{sid}': ")
    for key in entry:
        if key not in _SCALE_KEYS:
            raise at.fail(f"unknown key '{key}'", f"{key} =")
    # The words, from text/<lang>/scales.toml; a clinic's older copy may hold them inline.
    entry = {**table_words(words, "scales", None, _SCALE_WORDS).get(sid, {}), **entry}
    if "name" not in entry:
        raise missing_word(words, "scales", sid, "name")
    grade_words = table_words(words, f"grades.{sid}", None, _GRADE_WORDS)
    unworded: list[tuple[str, str]] = []
    raw_grades = entry.get("grades", [])
    if not isinstance(raw_grades, list):
        raise at.fail("'grades' must be a list of [[scales.grades]] tables", "grades")
    grades = []
    for j, g in enumerate(raw_grades):
        gat = _At(cf, index, j, where=f"scale '{sid}', grade {j + 1}: ")
        for key in g:
            if key not in _GRADE_KEYS:
                raise gat.fail(f"unknown key '{key}'", f"{key} =")
        value = g.get("value")
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise gat.fail("'value' must be a whole number or text", "value =")
        g = {**grade_words.get(str(value), {}), **g}
        lacking = [key for key in ("label", "description") if key not in g]
        if lacking:  # reported once the values are known to be right
            unworded.append((str(value), lacking[0]))
            g = {key: str(value) for key in lacking} | g
        grades.append(Grade(value, gat.text(g, "label"), gat.text(g, "description")))
    values = tuple(g.value for g in grades)
    if values != EXPECTED_VALUES[sid]:
        expected = ", ".join(repr(v) for v in EXPECTED_VALUES[sid])
        found = ", ".join(repr(v) for v in values) or "none"
        # Point at the first grade that differs, or at the scale when grades are missing.
        wrong = next((j for j, (a, b) in enumerate(zip(values, EXPECTED_VALUES[sid])) if a != b), None)
        where = _At(cf, index, wrong, at.where) if wrong is not None else at
        raise where.fail(f"grade values must be exactly {expected}, in this order (found {found})", "value =")
    if unworded:
        raise missing_word(words, f"grades.{sid}", *unworded[0])
    if "verified" in entry:
        # The older form: a clinic's copy written before grades keeps loading, read no higher
        # than a clinic page.
        if "evidence" in entry:
            raise at.fail("give 'evidence' only: 'verified' is the older form of it", "verified =")
        if not isinstance(entry["verified"], bool):
            raise at.fail("'verified' must be true or false (better: replace it with 'evidence')", "verified =")
        evidence = evidence_from_verified(entry["verified"])
    else:
        evidence = entry.get("evidence", UNVERIFIED)
    if evidence not in EVIDENCE:
        raise at.fail(f"'evidence' must be one of {', '.join(EVIDENCE)}, not {evidence!r}", "evidence =")
    return Scale(
        id=sid,
        name=at.text(entry, "name"),
        version=at.text(entry, "version"),
        grades=tuple(grades),
        note=at.text(entry, "note", required=False),
        source=at.text(entry, "source"),
        evidence=evidence,
    )


def parse_scales(cf: ContentFile, *, words: ContentFile | None = None) -> Scales:
    """Check a parsed scales file and build the scales, with their words from ``words``
    (``text/en/scales.toml`` unless given); a mistake names the file and line."""
    words = words if words is not None else load_words("scales")
    for key in ("id", "version"):
        if not isinstance(cf.data.get(key), str) or not cf.data[key].strip():
            raise cf.error(f"'{key}' must be given as text at the top of the file", key)
    entries = cf.data.get("scales")
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise cf.error("the file has no [[scales]]")
    scales: list[Scale] = []
    for index, entry in enumerate(entries):
        scale = _parse_scale(cf, index, entry, words)
        if any(s.id == scale.id for s in scales):
            raise _At(cf, index).fail(f"scale '{scale.id}' is defined twice", "id =")
        scales.append(scale)
    missing = [sid for sid in EXPECTED_VALUES if sid not in {s.id for s in scales}]
    if missing:
        raise cf.error(f"missing scale(s): {', '.join(missing)}")
    return Scales(id=cf.data["id"], version=cf.data["version"], scales=tuple(scales))


@lru_cache(maxsize=4)
def _default_scales(lang: str = "en") -> Scales:
    return parse_scales(load_toml(resource_path(DEFAULT_PATH)), words=load_words("scales", lang))


def load_scales(path: Path | str | None = None, lang: str = "en") -> Scales:
    """Load and check the scales file, with its words in ``lang``; the packaged one (cached)
    when no path is given."""
    if path is None:
        return _default_scales(lang)
    return parse_scales(load_toml(path), words=load_words("scales", lang))


def merz_description(grade: int) -> str:
    """What a Merz hand grade (0-4) means, e.g. 3 -> "Severe loss of fatty tissue; ..."."""
    return load_scales().merz.describe(grade)


def fitzpatrick_description(skin_type: int | str) -> str:
    """What a Fitzpatrick type means; accepts 1-6 or the Roman numeral ("IV")."""
    scale = load_scales().fitzpatrick
    if isinstance(skin_type, str):
        for g in scale.grades:
            if g.label == skin_type.strip().upper():
                return g.description
    return scale.describe(skin_type)


def gais_label(score: int) -> str:
    """The GAIS label of a score 1-5, e.g. 2 -> "Much improved"."""
    return load_scales().gais.label(score)


def gais_description(score: int) -> str:
    """What a GAIS score 1-5 means."""
    return load_scales().gais.describe(score)


def option_label(scale_id: str, value: Value) -> str:
    """The label of an assessment option, e.g. ("texture", "crepey") -> "Crepey"."""
    return load_scales().get(scale_id).label(value)
