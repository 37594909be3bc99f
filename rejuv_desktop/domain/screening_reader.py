"""Reading and checking the screening file: every mistake names its file and line.

A clinic edits ``resources/screening.toml`` by hand, so each question and rule is checked when the
file is read (known keys, known levels and procedures, no duplicates, every question the app relies
on present) and a mistake raises ContentError with the line inside the entry where it stands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rejuv_desktop.content import ContentFile
from rejuv_desktop.content.words import load_words, missing_word, table_words
from rejuv_desktop.domain.procedures import is_procedure, procedure_ids
from rejuv_desktop.domain.screening import (EVIDENCE, LEVELS, REQUIRED_QUESTION_IDS,
                                            RULE_LEVELS, UNVERIFIED, Question, Rule, ScreeningRules,
                                            evidence_from_verified)
from rejuv_desktop.errors import ContentError

_QUESTION_KEYS = {"id", "section", "text", "statement", "detail", "help", "follows"}
# The words of a question, from text/<lang>/screening.toml (a clinic's older copy of the
# screening file may still hold them inline: those are used as written).
_QUESTION_WORDS = {"section", "text", "statement", "detail", "help"}
_RULE_KEYS = {"question", "procedure", "level", "reason", "wait", "source", "evidence", "level_note", "wait_days"}
# The words of a rule, from [rules.<question>.<procedure>] in text/<lang>/screening.toml (a
# clinic's older screening file may still hold them inline: those are used as written).
_RULE_WORDS = {"reason", "wait", "level_note"}
_TOP_KEYS = {"id", "version", "title", "levels", "procedures", "questions", "rules"}


def _entry_line(cf: ContentFile, table: str, index: int, *needles: str) -> int | None:
    """Line of the needles inside the index-th ``[[table]]`` entry (or of its header).

    ``ContentFile.line_of`` finds the first match in the whole file; a mistake in the seventh
    rule needs the line inside the seventh rule, so search from that entry's header.
    """
    header = re.compile(r"^\s*\[\[\s*" + re.escape(table) + r"\s*\]\]")
    any_header = re.compile(r"^\s*\[")
    lines = cf.text.splitlines()
    seen = -1
    start = None
    for number, line in enumerate(lines, start=1):
        if header.match(line):
            seen += 1
            if seen == index:
                start = number
                break
    if start is None:
        return cf.line_of(*needles) if needles else None
    if needles:
        for number in range(start + 1, len(lines) + 1):
            line = lines[number - 1]
            if any_header.match(line):
                break
            if all(_matches(n, line) for n in needles):
                return number
    return start


def _matches(needle: str, line: str) -> bool:
    # A needle ending in "=" names a key: match the line that sets it, not a mention in a text.
    if needle.endswith("="):
        return re.match(r"\s*" + re.escape(needle[:-1].strip()) + r"\s*=", line) is not None
    return needle in line


@dataclass(frozen=True)
class _Entry:
    """One ``[[table]]`` entry of the file, able to name its own lines in an error."""

    cf: ContentFile
    table: str
    index: int
    data: dict

    def fail(self, message: str, *needles: str) -> ContentError:
        return ContentError(self.cf.path, _entry_line(self.cf, self.table, self.index, *needles), message)

    def check_keys(self, allowed: set[str]) -> None:
        for key in self.data:
            if key not in allowed:
                raise self.fail(f"unknown key '{key}' in [[{self.table}]]", f"{key} =")

    def text(self, key: str, *, required: bool = True) -> str | None:
        value = self.data.get(key)
        if value is None:
            if required:
                raise self.fail(f"[[{self.table}]] entry is missing '{key}'")
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"'{key}' must be non-empty text", f"{key} =")
        return value.strip()


def _entries(cf: ContentFile, table: str) -> list[_Entry]:
    entries = cf.data.get(table, [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise cf.error(f"'{table}' must be a list of [[{table}]] tables", table)
    return [_Entry(cf, table, i, e) for i, e in enumerate(entries)]


def _parse_questions(cf: ContentFile, words: ContentFile) -> tuple[Question, ...]:
    questions: list[Question] = []
    seen: set[str] = set()
    # Words for a question the file lacks are unused (a clinic's copy may leave questions out).
    texts = table_words(words, "questions", None, _QUESTION_WORDS)
    unworded: list[tuple[str, str]] = []
    for entry in _entries(cf, "questions"):
        entry.check_keys(_QUESTION_KEYS)
        qid = entry.text("id")
        entry = _Entry(cf, "questions", entry.index, {**texts.get(qid, {}), **entry.data})
        lacking = [key for key in ("section", "text", "statement") if key not in entry.data]
        if lacking:  # reported once the file itself is known to be right
            unworded.append((qid, lacking[0]))
            entry = _Entry(cf, "questions", entry.index, {k: qid for k in lacking} | entry.data)
        if not re.fullmatch(r"[a-z][a-z0-9_]*", qid):
            raise entry.fail(f"question id '{qid}' must be lower_case_with_underscores", qid)
        if qid in seen:
            raise entry.fail(f"duplicate question id '{qid}'", f'"{qid}"')
        follows = entry.text("follows", required=False)
        if follows is not None and follows not in seen:
            raise entry.fail(f"question '{qid}' follows '{follows}', which is not an earlier question", "follows =")
        seen.add(qid)
        questions.append(
            Question(
                id=qid,
                section=entry.text("section"),
                text=entry.text("text"),
                detail=entry.text("detail", required=False),
                help=entry.text("help", required=False),
                statement=entry.text("statement"),
                follows=follows,
            )
        )
    missing = [q for q in REQUIRED_QUESTION_IDS if q not in seen]
    if missing:
        # A missing question has no line of its own: point at the first question, if any.
        raise ContentError(cf.path, _entry_line(cf, "questions", 0), f"required question(s) missing: {', '.join(missing)}")
    if unworded:
        raise missing_word(words, "questions", *unworded[0])
    return tuple(questions)


def _rule_words(words: ContentFile | None, question_ids: set[str]) -> dict[str, dict[str, dict]]:
    """The [rules.<question>.<procedure>] tables of a words file, by question then procedure."""
    if words is None:
        return {}
    table = words.data.get("rules", {})
    if not isinstance(table, dict):
        raise words.error("'rules' must be tables named [rules.<question>.<procedure>]", "[rules")
    return {qid: table_words(words, f"rules.{qid}", None, _RULE_WORDS) for qid in table}


def _parse_rules(cf: ContentFile, question_ids: set[str], seen: set[tuple[str, str]],
                 only: str | None = None, words: ContentFile | None = None) -> tuple[Rule, ...]:
    rules: list[Rule] = []
    worded = _rule_words(words, question_ids)
    for entry in _entries(cf, "rules"):
        entry.check_keys(_RULE_KEYS | {"verified"})
        qid = entry.text("question")
        if qid not in question_ids:
            raise entry.fail(f"rule names unknown question '{qid}'", "question =", f'"{qid}"')
        procedure = entry.text("procedure", required=only is None) or only
        if not is_procedure(procedure):
            raise entry.fail(f"unknown procedure '{procedure}' (use {', '.join(procedure_ids())})", f'"{procedure}"')
        if only is not None and procedure != only:
            raise entry.fail(f"this file holds the rules of '{only}', not of '{procedure}'", f'"{procedure}"')
        if (qid, procedure) in seen:
            raise entry.fail(f"a second rule for question '{qid}' and {procedure}", "question =")
        seen.add((qid, procedure))
        inline = "reason" in entry.data  # a clinic's older file, its words written in the rule
        entry = _Entry(cf, "rules", entry.index, {**worded.get(qid, {}).get(procedure, {}), **entry.data})
        if "reason" not in entry.data and words is not None:
            raise missing_word(words, f"rules.{qid}", procedure, "reason")
        level = entry.text("level")
        if level not in RULE_LEVELS:
            raise entry.fail(
                f"unknown level '{level}' (use {', '.join(RULE_LEVELS)}; to make a question irrelevant "
                "to a procedure, remove its rule)", "level =", f'"{level}"'
            )
        wait = entry.text("wait", required=False)
        if level == "defer" and wait is None and words is not None and not inline:
            raise missing_word(words, f"rules.{qid}", procedure, "wait")
        if level == "defer" and wait is None:
            raise entry.fail(f"the rule for '{qid}' defers {procedure} but gives no 'wait'", "level =")
        evidence = _evidence(entry)
        if evidence not in EVIDENCE:
            raise entry.fail(f"'evidence' must be one of {', '.join(EVIDENCE)} (S systematic or secondary, "
                             f"P primary, C clinic or guideline page, U unverified), not {evidence!r}",
                             "evidence =")
        wait_days = entry.data.get("wait_days")
        if wait_days is not None:
            if level != "defer":
                raise entry.fail(f"'wait_days' is for a rule that defers, not one at '{level}'", "wait_days =")
            if isinstance(wait_days, bool) or not isinstance(wait_days, int) or not 1 <= wait_days <= 3660:
                raise entry.fail("'wait_days' must be a whole number of days from 1 to 3660", "wait_days =")
        rules.append(Rule(qid, procedure, level, entry.text("reason"), wait, entry.text("source"),
                          evidence=evidence, level_note=entry.text("level_note", required=False),
                          wait_days=wait_days))
    return tuple(rules)


def _evidence(entry: _Entry) -> str:
    # Files written before evidence grades said "verified = true/false"; a clinic's own copy of
    # such a file keeps loading, read as the weakest grade the old flag allows (see
    # screening.evidence_from_verified), until the clinic grades it.
    if "verified" in entry.data:
        if "evidence" in entry.data:
            raise entry.fail("give 'evidence' only: 'verified' is the older form of it", "verified =")
        if not isinstance(entry.data["verified"], bool):
            raise entry.fail("'verified' must be true or false (better: replace it with 'evidence')", "verified =")
        return evidence_from_verified(entry.data["verified"])
    return entry.data.get("evidence", UNVERIFIED)


def _parse_named_table(cf: ContentFile, key: str, expected: tuple[str, ...],
                       complete: bool = True) -> tuple[tuple[str, str], ...]:
    table = cf.data.get(key)
    if table is None and not complete:
        return ()
    if not isinstance(table, dict):
        raise cf.error(f"missing [{key}] table")
    for name, value in table.items():
        if name not in expected:
            raise cf.error(f"unknown entry '{name}' in [{key}] (expected {', '.join(expected)})", name)
        if not isinstance(value, str) or not value.strip():
            raise cf.error(f"[{key}] {name} must be non-empty text", name)
    missing = [name for name in expected if name not in table]
    if missing and complete:
        raise cf.error(f"[{key}] is missing {', '.join(missing)}", f"[{key}]")
    return tuple((name, table[name].strip()) for name in expected if name in table)


_PROCEDURE_FILE_KEYS = {"id", "version", "procedure", "rules"}


def parse_rules(cf: ContentFile, extra: tuple[ContentFile, ...] = (), *,
                words: ContentFile | None = None) -> ScreeningRules:
    """Check a parsed screening file and build the rules, with the questions' words from
    ``words`` (``text/en/screening.toml`` unless given); a mistake names the file and line.

    ``extra`` are per-procedure rule files (``screening/<procedure>.toml``): ``[[rules]]`` for
    that one procedure, on the questions of the main file. Every procedure needs at least one
    rule somewhere, since a procedure no question weighs on would pass any patient.
    """
    for key in cf.data:
        if key not in _TOP_KEYS:
            raise cf.error(f"unknown top-level key '{key}'", key)
    for key in ("id", "version"):
        value = cf.data.get(key)
        if not isinstance(value, str) or not value.strip():
            raise cf.error(f"'{key}' must be given as text at the top of the file", key)
    words = words if words is not None else load_words("screening")
    questions = _parse_questions(cf, words)
    question_ids = {q.id for q in questions}
    seen: set[tuple[str, str]] = set()
    rules = _parse_rules(cf, question_ids, seen, words=words)
    for more in extra:
        for key in more.data:
            if key not in _PROCEDURE_FILE_KEYS:
                raise more.error(f"unknown top-level key '{key}'", key)
        rules += _parse_rules(more, question_ids, seen, only=more.path.stem, words=words)
    unscreened = [p for p in procedure_ids() if not any(r.procedure == p for r in rules)]
    if unscreened:
        raise cf.error(f"no screening rule for {', '.join(unscreened)}: give each procedure its "
                       "[[rules]], here or in screening/<procedure>.toml")
    return ScreeningRules(
        id=cf.data["id"],
        version=cf.data["version"],
        questions=questions,
        rules=rules,
        title=str(cf.data.get("title", "")),
        # The verdicts' words: in the words file, or inline in a clinic's older screening file.
        levels=_parse_named_table(cf if "levels" in cf.data else words, "levels", LEVELS),
        # Procedures are named in their protocol files, and in each language's words file; an
        # older clinic file may still name them.
        procedure_names=(_parse_named_table(cf, "procedures", procedure_ids(), complete=False)
                         or _parse_named_table(words, "procedures", procedure_ids(), complete=False)),
    )
