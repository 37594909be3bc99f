"""The recommendation's codes turned into sentences, in one language.

The domain returns each line as a code with parameters (``Phrase``, ``RecommendationLine``) and
records store them so; the words are made here, from patterns keyed by code. Documents read
the patterns from ``resources/documents/<lang>/phrases.toml``; the screens pass their own,
translated through Qt, to the same ``Phrasebook``. Lines stored as sentences by earlier
versions (``StoredLine``) are shown as they were stored.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Mapping

from rejuv_desktop.content import ContentFile, load_toml, resource_path
from rejuv_desktop.documents.labels import fill_plain, placeholders
from rejuv_desktop.domain import screening as scr
from rejuv_desktop.domain.procedures import procedure as registered
from rejuv_desktop.domain.recommendation import Phrase, RecommendationLine, StoredLine
from rejuv_desktop.domain.thresholds import load_thresholds
from rejuv_desktop.errors import ContentError

# Each table of the phrases file, its keys and the placeholders each pattern may use.
PHRASE_FIELDS: dict[str, dict[str, frozenset[str]]] = {
    "concern": {k: frozenset() for k in ("volume_loss", "prominent_veins", "prominent_tendons",
                                         "crepey_skin", "dryness", "loss_of_elasticity",
                                         "lentigines", "other")},
    "word": {k: frozenset() for k in ("left", "right", "list_and", "fat_transfer", "mesotherapy",
                                      "hydration", "elasticity", "texture", "poor", "crepey",
                                      "insufficient", "limited", "waits_unknown",
                                      "lentigines_none", "lentigines_few", "lentigines_many")},
    "filler": {k: frozenset() for k in ("alternative", "alternative_if_safe", "ruled_out")},
    "line": {
        "refer_dermatology": frozenset(),
        "fat_transfer_not_feasible": frozenset({"filler"}),
        "fat_transfer_contraindicated": frozenset({"filler"}),
        "fat_transfer_after_wait": frozenset({"waits", "filler"}),
        "fat_transfer": frozenset({"filler"}),
        "donor_fat_limited": frozenset({"low", "high"}),
        "volume_mild": frozenset({"grade", "borrowed_from"}),
        "grade_hands_first": frozenset(),
        "mesotherapy_contraindicated": frozenset(),
        "mesotherapy_after_wait": frozenset({"waits"}),
        "mesotherapy": frozenset(),
        "mesotherapy_no_volume": frozenset(),
        "combined": frozenset(),
        "fat_transfer_caution": frozenset(),
        "mesotherapy_caution": frozenset(),
        "screening_missing": frozenset({"procedures"}),
        "procedure": frozenset({"recommendation"}),
        "procedure_after_wait": frozenset({"recommendation", "waits"}),
        "procedure_caution": frozenset({"label"}),
        "refer_pigment": frozenset(),
        "other_concern": frozenset(),
        "no_indication": frozenset(),
    },
    "finding": {
        "volume": frozenset({"concerns", "left", "right"}),
        "merz_side": frozenset({"grade", "side"}),
        "merz_not_graded": frozenset({"side"}),
        "donor_fat": frozenset({"value"}),
        "screening": frozenset({"reason"}),
        "skin_sign": frozenset({"value", "scale", "side"}),
        "merz_threshold": frozenset({"label", "grade", "evidence"}),
        "suspicious_spot": frozenset(),
        "lentigines": frozenset(),
        "other_concern": frozenset(),
        "because": frozenset({"findings"}),
    },
    "summary": {
        "not_suitable": frozenset(), "not_planned_wait": frozenset(), "not_planned": frozenset(),
        "override": frozenset({"text"}), "planned_after_wait_on": frozenset({"date"}),
        "planned_after_wait": frozenset(), "to_confirm": frozenset(),
        "written_by": frozenset({"by", "date"}),
        "reason_wait": frozenset({"reason", "wait"}),
        "reason_unknown": frozenset({"statement"}),
        "reflection_warning": frozenset({"first", "days", "end"}),
        "reflection_warning_legal": frozenset({"first", "days", "end"}),
        "plan_line": frozenset({"procedure", "sessions"}),
        "planned_unsupported": frozenset({"text", "by"}), "planned_override": frozenset({"by"}),
        "plan_warning": frozenset({"procedure", "warning"}),
        "nothing_planned": frozenset({"reason"}),
        "screening_point": frozenset({"procedure", "text"}),
        "left_hand": frozenset({"findings"}), "right_hand": frozenset({"findings"}),
        "hand_finding": frozenset({"name", "value"}), "brown_spots": frozenset({"value"}),
        "suspicious_lesion": frozenset(), "referral": frozenset(),
        "ruled_out_one": frozenset({"names"}), "ruled_out_many": frozenset({"names"}),
        "instead": frozenset({"names"}), "ask_own_doctor": frozenset(),
        "spots_options": frozenset(), "no_treatment_valid": frozenset(),
        "deferred_overridden": frozenset({"name"}), "deferred_planned": frozenset({"name"}),
        "deferred_not_planned": frozenset({"name"}),
    },
}


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


class Phrasebook:
    """Sentences for recommendation lines and their findings, from patterns keyed
    ``"<table>.<key>"`` (``"line.fat_transfer"``, ``"finding.volume"``, ``"word.left"`` ...)."""

    def __init__(self, patterns: Mapping[str, str]):
        self.patterns = dict(patterns)

    def _fill(self, key: str, **values: Any) -> str:
        return fill_plain(self.patterns[key], {k: str(v) for k, v in values.items()})

    def word(self, key: str) -> str:
        """One fixed word (``"left"``, ``"fat_transfer"``, ``"poor"`` ...)."""
        return self.patterns[f"word.{key}"]

    def _procedure_word(self, procedure_id: str) -> str:
        """A procedure named in a sentence: the phrasebook's word for the packaged ones, the
        protocol's own name for one the clinic added."""
        return self.patterns.get(f"word.{procedure_id}") or registered(procedure_id).name

    def concern(self, code: str) -> str:
        """A patient's concern in words, lower case (``"volume loss"``)."""
        return self.patterns.get(f"concern.{code}", code.replace("_", " "))

    def _filler(self, line: RecommendationLine) -> str:
        choice = line.params.get("filler", "alternative")
        if choice == "alternative" and line.code == "fat_transfer_contraindicated":
            choice = "alternative_if_safe"
        return self.patterns[f"filler.{choice}"]

    def _waits(self, params: Mapping[str, Any], rules: scr.ScreeningRules) -> str:
        waits = [scr.rule_for(rules, params["procedure"], q).wait for q in params.get("waits", ())]
        return "; ".join(dict.fromkeys(w for w in waits if w)) or self.word("waits_unknown")

    def line(self, line: RecommendationLine | StoredLine,
             rules: scr.ScreeningRules | None = None) -> str:
        """The line's sentence; a line stored as a sentence, exactly as stored."""
        if isinstance(line, StoredLine):
            return line.text
        p = line.params
        values: dict[str, Any] = {}
        if "filler" in PHRASE_FIELDS["line"].get(line.code, ()):
            values["filler"] = self._filler(line)
        if "waits" in p:
            values["waits"] = self._waits(p, rules or scr.load_rules())
        if line.code == "donor_fat_limited":
            values.update(low=p["low"], high=p["high"])
        if line.code == "volume_mild":
            values.update(grade=p["grade"], borrowed_from=load_thresholds().merz_volume.borrowed_from)
        if line.code == "screening_missing":
            values["procedures"] = self.word("list_and").join(self._procedure_word(x)
                                                              for x in p["procedures"])
        if line.code in ("procedure", "procedure_after_wait", "procedure_caution"):
            added = registered(p["procedure"])
            values.update(recommendation=added.recommendation.rstrip(".")
                          if line.code == "procedure_after_wait" else added.recommendation,
                          label=added.label)
        return self._fill(f"line.{line.code}", **values)

    def finding(self, phrase: Phrase, rules: scr.ScreeningRules | None = None) -> str:
        """One finding behind a line, in words."""
        p, code = phrase.params, phrase.code
        if code == "volume":
            def side(name):
                grade = p.get(f"merz_{name}")
                if grade is None:
                    return self._fill("finding.merz_not_graded", side=self.word(name))
                return self._fill("finding.merz_side", grade=grade, side=self.word(name))

            concerns = _first_upper(", ".join(self.concern(c) for c in p["concerns"]))
            return self._fill("finding.volume", concerns=concerns, left=side("left"), right=side("right"))
        if code == "concern":
            return _first_upper(self.concern(p["concern"]))
        if code == "skin_sign":
            return self._fill("finding.skin_sign", value=self.word(p["value"]),
                              scale=self.word(p["scale"]), side=self.word(p["side"]))
        if code == "donor_fat":
            return self._fill("finding.donor_fat", value=self.word(p["value"]))
        if code == "screening":
            reason = scr.reason_text(rules or scr.load_rules(), p["procedure"], p["question"], p["answer"])
            return self._fill("finding.screening", reason=reason)
        if code == "merz_threshold":
            return self._fill("finding.merz_threshold", label=load_thresholds().merz_volume.label,
                              grade=p["grade"], evidence=p["evidence"])
        return self._fill(f"finding.{code}")

    def findings(self, line: RecommendationLine | StoredLine,
                 rules: scr.ScreeningRules | None = None) -> list[str]:
        """The findings behind a line, in words (as stored, for a line stored as words)."""
        if isinstance(line, StoredLine):
            return list(line.findings)
        rules = rules or scr.load_rules()
        return [self.finding(f, rules) for f in line.findings]

    def summary(self, key: str, **values: Any) -> str:
        """One sentence of the consultation's printed outcome (``[summary]`` of the file)."""
        return self._fill(f"summary.{key}", **values)

    def because(self, findings: list[str]) -> str:
        """"Because: a; b" under a line."""
        return self._fill("finding.because", findings="; ".join(findings))


def load_phrasebook(lang: str) -> Phrasebook:
    """The phrasebook of ``resources/documents/<lang>/phrases.toml`` (again when it changes)."""
    if not re.fullmatch(r"[a-z]{2,3}(_[A-Z]{2})?", lang):
        raise ContentError(resource_path("documents"), None, f"'{lang}' is not a language code")
    path = resource_path("documents", lang, "phrases.toml")
    try:
        stat = path.stat()
    except OSError:
        return load_phrases_file(path, lang)
    return _cached(str(path), stat.st_mtime_ns, stat.st_size, lang)


@lru_cache(maxsize=8)
def _cached(path: str, mtime_ns: int, size: int, lang: str) -> Phrasebook:
    return load_phrases_file(Path(path), lang)


def load_phrases_file(path: Path, lang: str) -> Phrasebook:
    """Read and validate a phrases file: every table and key present, as text, with only the
    placeholders its code fills."""
    cf: ContentFile = load_toml(Path(path))
    if cf.data.get("lang") != lang:
        raise cf.error(f"'lang' must be \"{lang}\", the name of its folder", "lang =")
    patterns: dict[str, str] = {}
    for table, keys in PHRASE_FIELDS.items():
        section = cf.data.get(table)
        if not isinstance(section, dict):
            raise cf.error(f"the table [{table}] is missing", f"[{table}]")
        for key, allowed in keys.items():
            value = section.get(key)
            if not isinstance(value, str):
                raise cf.error(f"'{key}' in [{table}] is missing or not text", f"{key} =")
            for name, _ in placeholders(value):
                if name not in allowed:
                    known = ", ".join(sorted(allowed)) or "none"
                    raise cf.error(f"'{key}' in [{table}] uses an unknown placeholder {{{name}}} "
                                   f"(known: {known})", f"{key} =")
            patterns[f"{table}.{key}"] = value
    return Phrasebook(patterns)


