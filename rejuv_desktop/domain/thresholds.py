"""Clinic-set thresholds the recommendation reads, from ``resources/recommendation.toml``.

Today one threshold: the Merz grade from which volume treatment is recommended. Its figure is
borrowed from the entry criteria of the hand-filler trials, so the file says so and the
recommendation repeats it; the clinic may set its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rejuv_desktop.content import ContentFile, load_toml, resource_path
from rejuv_desktop.domain.scales import EXPECTED_VALUES
from rejuv_desktop.domain.evidence import EVIDENCE, UNVERIFIED

DEFAULT_PATH = "recommendation.toml"
_TOP_KEYS = {"id", "version", "merz_volume"}
_THRESHOLD_KEYS = {"grade", "label", "borrowed_from", "source", "evidence"}


@dataclass(frozen=True)
class MerzThreshold:
    """The lowest Merz grade (either hand) at which volume treatment is recommended."""

    grade: int
    label: str
    borrowed_from: str
    source: str
    evidence: str = UNVERIFIED


@dataclass(frozen=True)
class Thresholds:
    id: str
    version: str
    merz_volume: MerzThreshold


def parse_thresholds(cf: ContentFile) -> Thresholds:
    """Check a parsed thresholds file; a mistake names the file and line."""
    for key in cf.data:
        if key not in _TOP_KEYS:
            raise cf.error(f"unknown top-level key '{key}'", key)
    for key in ("id", "version"):
        if not isinstance(cf.data.get(key), str) or not cf.data[key].strip():
            raise cf.error(f"'{key}' must be given as text at the top of the file", key)
    table = cf.data.get("merz_volume")
    if not isinstance(table, dict):
        raise cf.error("missing [merz_volume] table")
    for key in table:
        if key not in _THRESHOLD_KEYS:
            raise cf.error(f"unknown key '{key}' in [merz_volume]", f"{key} =")
    grade = table.get("grade")
    if isinstance(grade, bool) or grade not in EXPECTED_VALUES["merz"]:
        raise cf.error("[merz_volume] grade must be a Merz grade from 0 to 4", "grade =")
    texts = {}
    for key in ("label", "borrowed_from", "source"):
        value = table.get(key)
        if not isinstance(value, str) or not value.strip():
            raise cf.error(f"[merz_volume] '{key}' must be non-empty text", f"{key} =" if key in table else "[merz_volume]")
        texts[key] = value.strip()
    evidence = table.get("evidence", UNVERIFIED)
    if evidence not in EVIDENCE:
        raise cf.error(f"'evidence' must be one of {', '.join(EVIDENCE)}, not {evidence!r}", "evidence =")
    return Thresholds(cf.data["id"], cf.data["version"], MerzThreshold(grade, evidence=evidence, **texts))


@lru_cache(maxsize=None)
def _default_thresholds(lang: str = "en") -> Thresholds:
    found = parse_thresholds(load_toml(resource_path(DEFAULT_PATH)))
    return found if lang == "en" else thresholds_in(found, lang)


def load_thresholds(path: Path | str | None = None, lang: str = "en") -> Thresholds:
    """Load and check the thresholds file; the packaged one (cached) when no path is given.
    ``lang``: the language of its words (another than English from
    ``text/<lang>/recommendation.toml``, ``[merz_volume]`` label and borrowed_from)."""
    if path is None:
        return _default_thresholds(lang)
    found = parse_thresholds(load_toml(path))
    return found if lang == "en" else thresholds_in(found, lang)


def thresholds_in(found: Thresholds, lang: str, words: ContentFile | None = None) -> Thresholds:
    """``found`` with the words of ``text/<lang>/recommendation.toml``; a missing one is a
    content error naming that file and the key."""
    from dataclasses import replace

    from rejuv_desktop.content.words import load_words

    words = words or load_words("recommendation", lang)
    table = words.data.get("merz_volume")
    if not isinstance(table, dict):
        raise words.error("missing translation: no [merz_volume] table")
    texts = {}
    for key in ("label", "borrowed_from"):
        value = table.get(key)
        if not isinstance(value, str) or not value.strip():
            raise words.error(f"missing translation: [merz_volume] needs '{key}'",
                              "[merz_volume]")
        texts[key] = value.strip()
    return replace(found, merz_volume=replace(found.merz_volume, **texts))
