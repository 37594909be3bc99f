"""The clinic's content: which files it overrides, and whether every file is valid.

Behind ``rejuv-desktop content check`` (for clinic IT), the start-up check of the GUI, and the
lists shown in Settings and Help. Each content file is read by the same reader the app uses, so
a mistake is reported exactly as the app would report it: file, line and what is wrong.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from rejuv_desktop import content
from rejuv_desktop.errors import ContentError

_LANG = r"[a-z]{2,3}(?:_[A-Z]{2})?"


def _with_words(parse, name: str, lang: str, content_path: Path, words_path: Path, checked: Path) -> None:
    """Check a content file and its words in ``lang`` together. A mistake is reported for the
    file it is in: when the other file of the pair is the clinic's and wrong, the one being
    checked is read with the packaged other."""
    from rejuv_desktop.content import load_toml, packaged_path
    from rejuv_desktop.content.words import load_words

    try:
        parse(load_toml(content_path), words=load_words(name, lang, words_path))
    except ContentError as exc:
        if exc.path == str(checked):
            raise
        if checked == content_path:
            words_path = packaged_path("text", lang, f"{name}.toml")
        else:
            content_path = packaged_path(f"{name}.toml")
        parse(load_toml(content_path), words=load_words(name, lang, words_path))


def _parse_screening(cf, *, words):
    """The screening file read with the per-procedure rule files beside it, as the app reads it."""
    from rejuv_desktop.domain.screening import procedure_rule_files
    from rejuv_desktop.domain.screening_reader import parse_rules

    return parse_rules(cf, procedure_rule_files(), words=words)


def _screening(path: Path, _m: re.Match) -> None:
    from rejuv_desktop.content.words import words_path

    _with_words(_parse_screening, "screening", "en", path, words_path("screening"), path)


def _screening_words(path: Path, m: re.Match) -> None:
    from rejuv_desktop.content import resource_path

    _with_words(_parse_screening, "screening", m.group("lang"), resource_path("screening.toml"), path, path)


def _procedure_screening(path: Path, _m: re.Match) -> None:
    from rejuv_desktop.domain.screening import load_procedure_rules

    load_procedure_rules(path)


def _scales(path: Path, _m: re.Match) -> None:
    from rejuv_desktop.content.words import words_path
    from rejuv_desktop.domain.scales import parse_scales

    _with_words(parse_scales, "scales", "en", path, words_path("scales"), path)


def _scales_words(path: Path, m: re.Match) -> None:
    from rejuv_desktop.content import resource_path
    from rejuv_desktop.domain.scales import parse_scales

    _with_words(parse_scales, "scales", m.group("lang"), resource_path("scales.toml"), path, path)


def _thresholds(path: Path, _m: re.Match) -> None:
    from rejuv_desktop.domain.thresholds import load_thresholds

    load_thresholds(path)


def _protocol(path: Path, m: re.Match) -> None:
    from rejuv_desktop.domain.protocols import load_protocol

    load_protocol(m.group("procedure"), path)
    _companions(path, m.group("procedure"))
    from rejuv_desktop.domain.photos import read_schedule, view_ids

    read_schedule(content.load_toml(path), view_ids())  # its [[photos]] section: known views


def _photo_views(path: Path, _m: re.Match) -> None:
    from rejuv_desktop.domain.photos import read_views

    read_views(content.load_toml(path))


def _companions(path: Path, procedure: str) -> None:
    """A procedure the app offers needs its screening rules and, in every language the app
    prints, its consent and aftercare wording: a clinic adding one learns at start what is
    missing, not in front of a patient."""
    from rejuv_desktop.documents.templates import template_path
    from rejuv_desktop.domain.procedures import is_procedure
    from rejuv_desktop.domain.screening import DEFAULT_PATH, PROCEDURE_RULES_DIR

    if not is_procedure(procedure):
        return  # a file the registry does not read; its own check says why
    try:
        rules = content.load_toml(content.resource_path(DEFAULT_PATH)).data.get("rules")
    except ContentError:
        return  # the screening file's own check names that mistake
    screened = (content.resource_path(PROCEDURE_RULES_DIR, f"{procedure}.toml").is_file()
                or any(isinstance(r, dict) and r.get("procedure") == procedure
                       for r in (rules if isinstance(rules, list) else ())))
    if not screened:
        raise ContentError(path, None, f"'{procedure}' has no screening rules: add them to "
                                       f"screening.toml or to screening/{procedure}.toml")
    # The languages patient documents print in: those with a phrasebook (a folder holding only
    # a quote is not one; see services.documents._lang).
    languages = sorted(d.name for d in content.packaged_path("documents").iterdir()
                       if (d / "phrases.toml").is_file())
    for lang in languages:
        for kind in ("consent", "aftercare"):
            if not template_path(kind, procedure, lang).is_file():
                raise ContentError(path, None, f"'{procedure}' has no {kind} wording: add "
                                               f"documents/{lang}/{kind}_{procedure}.toml")


def _labels(path: Path, m: re.Match) -> None:
    from rejuv_desktop.documents.labels import load_labels_file

    load_labels_file(path, m.group("lang"))
    from rejuv_desktop.content.words import words_path

    # A language the documents are printed in needs the words of the screening and scales too.
    for name in ("screening", "scales"):
        words = words_path(name, m.group("lang"))
        if not words.is_file():
            raise ContentError(words, None, f"missing translation: documents are printed in "
                                            f"'{m.group('lang')}' but text/{m.group('lang')}/"
                                            f"{name}.toml is missing")


def _outcomes(path: Path, _m: re.Match) -> None:
    from rejuv_desktop.domain.outcomes import load_outcomes

    load_outcomes(path)


def _phrases(path: Path, m: re.Match) -> None:
    from rejuv_desktop.documents.phrases import load_phrases_file

    load_phrases_file(path, m.group("lang"))


def _template(path: Path, m: re.Match) -> None:
    from rejuv_desktop.documents.templates import KINDS, load_template_file

    name = m.group("name")
    kind, _, procedure = (name, "", "") if name in KINDS else name.partition("_")
    load_template_file(path, kind, procedure or None, m.group("lang"))


def _legal(path: Path, m: re.Match) -> None:
    from rejuv_desktop.domain import legal
    from rejuv_desktop.documents.templates import template_path

    rules = legal.read_rules(content.load_toml(path))
    for procedure in rules.devis:  # a quote the rules ask for must have its wording
        if not template_path("devis", procedure, rules.lang).is_file():
            raise ContentError(path, None, f"a quote is required for '{procedure}' but there is "
                                           f"no documents/{rules.lang}/devis_{procedure}.toml")
    if m.group("name") == "default":
        for country, name in (content.load_toml(path).data.get("countries") or {}).items():
            if not content.resource_path("legal", f"{name}.toml").is_file():
                raise ContentError(path, None, f"the rules of {country} name legal/{name}.toml, "
                                               "which does not exist")


def _prices(path: Path, _m: re.Match) -> None:
    from rejuv_desktop.domain import legal

    legal.read_price_list(content.load_toml(path))


def _help(path: Path, _m: re.Match) -> None:
    from rejuv_desktop.services.help import known_placeholders

    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ContentError(path, None, f"not valid UTF-8 ({exc.reason})") from None
    for number, line in enumerate(text.splitlines(), start=1):
        for name in re.findall(r"\{\{(\w+)\}\}", line):
            if name not in known_placeholders():
                raise ContentError(path, number, f"unknown placeholder {{{{{name}}}}}")


# Which reader checks which file, by its name relative to resources/.
_READERS: tuple[tuple[re.Pattern, Callable[[Path, re.Match], None]], ...] = (
    (re.compile(r"screening\.toml"), _screening),
    (re.compile(rf"text/(?P<lang>{_LANG})/screening\.toml"), _screening_words),
    (re.compile(r"screening/(?P<procedure>\w+)\.toml"), _procedure_screening),
    (re.compile(r"scales\.toml"), _scales),
    (re.compile(rf"text/(?P<lang>{_LANG})/scales\.toml"), _scales_words),
    (re.compile(r"recommendation\.toml"), _thresholds),
    (re.compile(r"outcomes\.toml"), _outcomes),
    (re.compile(r"protocols/(?P<procedure>\w+)\.toml"), _protocol),
    (re.compile(r"photos/views\.toml"), _photo_views),
    (re.compile(rf"documents/(?P<lang>{_LANG})/labels\.toml"), _labels),
    (re.compile(rf"documents/(?P<lang>{_LANG})/phrases\.toml"), _phrases),
    (re.compile(rf"documents/(?P<lang>{_LANG})/(?P<name>\w+)\.toml"), _template),
    (re.compile(rf"help/(?P<lang>{_LANG})/[\w-]+\.md"), _help),
    (re.compile(r"legal/(?P<name>\w+)\.toml"), _legal),
    (re.compile(r"prices\.toml"), _prices),
)


def _reader(relative: str):
    for pattern, reader in _READERS:
        match = pattern.fullmatch(relative)
        if match:
            return reader, match
    return None, None


def validate(relative: str, path: Path) -> None:
    """Check one content file with the app's own reader; ContentError (file, line) if wrong."""
    reader, match = _reader(relative)
    if reader is None:
        raise ContentError(path, None, "not a content file the app reads")
    if not path.is_file():
        raise ContentError(path, None, "file not found")
    try:
        reader(path, match)
    except OSError as exc:  # unreadable (permissions, a disk error): a message, not a traceback
        raise ContentError(path, None, f"cannot be read ({exc.strerror or exc})") from None


def packaged_files() -> list[str]:
    """Every content file of the installation, by its name relative to ``resources/``."""
    root = content.resources_root()
    names = (p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    return sorted(n for n in names if _reader(n)[0] is not None)


def _identity(path: Path) -> tuple[str | None, str | None]:
    """The file's ``id`` and ``version`` (TOML files); (None, None) if it has none or is unreadable."""
    if path.suffix != ".toml":
        return None, None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None, None
    ident, version = data.get("id"), data.get("version")
    return (str(ident) if ident is not None else None, str(version) if version is not None else None)


@dataclass(frozen=True)
class Override:
    """One file of the clinic's overrides folder."""

    relative: str  # e.g. "screening.toml" or "documents/en/summary.toml"
    path: Path
    used: bool  # False when it replaces no packaged content file (a misspelt name, a font)
    id: str | None = None
    version: str | None = None
    packaged_version: str | None = None
    missing: tuple[str, ...] = ()  # packaged screening questions this copy lacks (e.g. added by an upgrade)
    added: bool = False  # content of a procedure the clinic adds (no packaged file to replace)

    @property
    def why_unused(self) -> str | None:
        if self.used:
            return None
        if self.relative.split("/")[0] in content.NOT_OVERRIDABLE:
            return "fonts and icons are part of the program and are never replaced"
        return ("no packaged content file has this name, and it names no procedure of the clinic's "
                "protocols: check the spelling and the folder")


def overrides() -> list[Override]:
    """The files in the clinic's overrides folder, each with its id and version, and the
    version of the packaged file it replaces."""
    folder = content.overrides_dir()
    if not folder.is_dir():
        return []
    packaged = set(packaged_files())
    out = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")):
        relative = path.relative_to(folder).as_posix()
        overridable = content.override_path(*relative.split("/")) is not None
        added = overridable and relative not in packaged and _adds_procedure_content(relative)
        used = overridable and (relative in packaged or added)
        ident, version = _identity(path)
        packaged_version = _identity(content.packaged_path(*relative.split("/")))[1] if used else None
        missing = _missing_questions(path) if used and relative == "screening.toml" else ()
        out.append(Override(relative, path, used, ident, version, packaged_version, missing, added))
    return out


def _adds_procedure_content(relative: str) -> bool:
    """A file the app reads for a procedure the clinic adds: its protocol, its screening rules,
    its consent, aftercare and quote wording."""
    from rejuv_desktop.domain.procedures import is_procedure

    reader, match = _reader(relative)
    if reader in (_protocol, _procedure_screening):
        return is_procedure(match.group("procedure"))
    if reader is _template:
        kind, _, procedure = match.group("name").partition("_")
        return kind in ("consent", "aftercare", "devis") and is_procedure(procedure)
    return False


def _question_ids(path: Path) -> list[str]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return []
    questions = data.get("questions")
    return [q.get("id") for q in questions if isinstance(q, dict)] if isinstance(questions, list) else []


def _missing_questions(path: Path) -> tuple[str, ...]:
    """Questions of the packaged screening that the clinic's copy lacks: after an upgrade adds
    a question, a copy made earlier would otherwise never ask it, and nobody would know."""
    own = set(_question_ids(path))
    return tuple(q for q in _question_ids(content.packaged_path("screening.toml")) if q not in own)


@dataclass(frozen=True)
class Problem:
    relative: str
    overridden: bool
    message: str  # names the file and, where it can, the line


@dataclass
class ContentReport:
    checked: list[tuple[str, Path]]
    problems: list[Problem]
    overrides: list[Override]

    @property
    def ok(self) -> bool:
        return not self.problems and all(o.used for o in self.overrides)


def check_content(include_packaged: bool = True) -> ContentReport:
    """Validate the clinic's overrides and (unless told not to) every packaged content file.

    An override that replaces nothing is reported too (``ContentReport.ok`` is then False): the
    clinic believes an edit is in force that is not.
    """
    found = overrides()
    checked: list[tuple[str, Path]] = []
    problems: list[Problem] = []
    targets = [(o.relative, o.path, True) for o in found if o.used]
    if include_packaged:
        targets = [(r, content.packaged_path(*r.split("/")), False) for r in packaged_files()] + targets
    for relative, path, overridden in targets:
        checked.append((relative, path))
        try:
            validate(relative, path)
        except ContentError as exc:
            problems.append(Problem(relative, overridden, str(exc)))
    return ContentReport(checked, problems, found)


def check_overrides_at_start() -> str | None:
    """A message for the person starting the app when an override has a mistake, else None.

    Only the clinic's files are read here (the packaged ones are checked before release), so a
    clinic without overrides starts as fast as before.
    """
    report = check_content(include_packaged=False)
    if not report.problems:
        return None
    problem = report.problems[0]
    return (f"A content file of this clinic has a mistake, so Rejuv Desktop cannot start:\n\n"
            f"{problem.message}\n\nCorrect the file, or move it out of {content.overrides_dir()} "
            "to use the packaged version. Nothing in the database was changed.")
