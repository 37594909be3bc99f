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


@lru_cache(maxsize=1)
def _default_thresholds() -> Thresholds:
    return parse_thresholds(load_toml(resource_path(DEFAULT_PATH)))


def load_thresholds(path: Path | str | None = None) -> Thresholds:
    """Load and check the thresholds file; the packaged one (cached) when no path is given."""
    if path is None:
        return _default_thresholds()
    return parse_thresholds(load_toml(path))
