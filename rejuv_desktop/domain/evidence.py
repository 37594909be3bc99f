"""Evidence grades of the clinic's reference material, shared by every content file.

A rule, a threshold or a scale carries the grade of the strongest source behind it: a systematic
review or secondary source ("S"), a primary study or product label ("P"), a clinic or guideline
web page ("C", a template, not evidence), or nothing the clinic can rely on yet ("U").
"""

from __future__ import annotations

from typing import Any

EVIDENCE = {
    "S": "systematic review or secondary source",
    "P": "primary study or product label",
    "C": "clinic or guideline page",
    "U": "unverified",
}
"""Evidence grades of the clinic's reference material, strongest first. A clinic web page ("C")
is a template, not evidence; "U" is for the clinic to confirm before relying on it."""

UNVERIFIED = "U"


def evidence_label(grade: str) -> str:
    """The grade as shown beside a reason, e.g. "[C] clinic or guideline page"."""
    return f"[{grade}] {EVIDENCE.get(grade, EVIDENCE[UNVERIFIED])}"


def evidence_from_verified(verified: Any) -> str:
    """The grade for a snapshot stored before grades existed, when it held ``verified``.

    ``verified = false`` meant unverified. ``verified = true`` was set on rules backed by clinic
    pages as well as by studies; the old flag does not say which, so it maps to the weakest
    sourced grade ("C") and never claims more than was known.
    """
    return "C" if verified is True else UNVERIFIED
