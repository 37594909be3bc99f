"""The core layers never import Qt: the command line and tests depend on it."""

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "rejuv_desktop"
QT_FREE = ("domain", "services", "storage", "documents", "content")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_layers_import_no_qt():
    offenders = []
    for layer in QT_FREE:
        for path in (PACKAGE / layer).rglob("*.py"):
            bad = {m for m in imported_modules(path) if m.split(".")[0] in ("PySide6", "shiboken6")
                   or m.startswith("rejuv_desktop.ui")}
            if bad:
                offenders.append(f"{path.relative_to(PACKAGE)}: {sorted(bad)}")
    assert not offenders, offenders


def test_only_storage_touches_sqlite():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if "storage" in path.parts:
            continue
        mods = imported_modules(path)
        if {"sqlite3", "sqlite_utils", "pysqlite3"} & {m.split(".")[0] for m in mods}:
            offenders.append(str(path.relative_to(PACKAGE)))
    assert not offenders, offenders


# --- words at the edges ---------------------------------------------------------------------------
# The domain and the services return codes with parameters; sentences are made only in the UI
# (through tr()) and in documents/ (per-language content). A sentence is a string literal of four
# or more words; an f-string counts as one string. Not counted: docstrings, SQL, error messages
# (anything raised, an *Error(...) call, a value put in an ``errors``/``warnings``/``problems``
# collection) and log calls: they are for the person who hits the problem, at once, and are
# never part of a record, a screen's content or a document.
SENTENCE = re.compile(r"[A-Za-z]+(?:[,;:'()\"-]*\s+[,;:'()\"-]*[A-Za-z]+){3,}")
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
SQL_STATEMENT = re.compile(r"\b(SELECT|INSERT INTO|UPDATE|DELETE FROM|CREATE|PRAGMA|DROP|ALTER TABLE)\b")
ERRORISH = re.compile(r"error|exception|warning|problem", re.IGNORECASE)

# What is still worded in the core, by module, at most this many sentences each. It may only go
# down: a module not listed must make none (the recommendation, the schedule, the consultation's
# printed outcome were moved to the edges). What is left, and why it is allowed for now:
# - messages shown at once next to a field or in a dialog, returned rather than raised (text
#   checks, dose and gate warnings, session-context notes, password advice); never stored;
# - command-line and check reports (check, restore, integrity, content_check, backup, export's
#   read-me), read in a terminal or a start-up dialog;
# - the demo clinic's sample records (demo, demo_clinic, sample_names, generate*): English data
#   by design, like any clinic's own entries;
# - help pages assembled from content (help), and the evidence grades' names (evidence);
# - the connecting words of a screening reason ("Not known whether ..."), stored with the
#   screening snapshot, which the screening content's own per-language text will replace.
PROSE_STILL_IN_CORE = {
    "domain/checklist.py": 6,
    "domain/consultation.py": 1,
    "domain/dose.py": 8,
    "domain/evidence.py": 3,
    "domain/plan_binding.py": 2,
    "domain/protocol_reader.py": 4,
    "domain/protocols.py": 9,
    "domain/scales.py": 1,
    "domain/screening.py": 3,
    "domain/session_context.py": 4,
    "domain/session_gate.py": 4,
    "domain/text.py": 13,
    "services/alerts.py": 1,
    "services/backup.py": 1,
    "services/check.py": 17,
    "services/consultations.py": 1,
    "services/content_check.py": 3,
    "services/demo.py": 6,
    "services/demo_clinic.py": 22,
    "services/export.py": 2,
    "services/follow_ups.py": 1,
    "services/generate.py": 5,
    "services/help.py": 26,
    "services/history.py": 1,
    "services/importer.py": 2,
    "services/integrity.py": 3,
    "services/practitioners.py": 7,
    "services/restore.py": 8,
    "services/sample_names.py": 14,
    "services/sessions.py": 12,
}


def _literal_text(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    return None


def is_sentence(text: str) -> bool:
    """Four or more words, a placeholder counting as a word, at least two of them written out."""
    words_only = PLACEHOLDER.sub("x", text)
    return (bool(SENTENCE.search(words_only)) and not SQL_STATEMENT.search(text)
            and len(re.findall(r"[A-Za-z]{2,}", PLACEHOLDER.sub(" ", text))) >= 2)


def _collection_name(node: ast.AST) -> str:
    """The name a value is stored under: ``errors`` for ``errors["x"]`` or ``errors.append``."""
    while isinstance(node, (ast.Subscript, ast.Attribute, ast.Call)):
        if isinstance(node, ast.Attribute) and ERRORISH.search(node.attr):
            return node.attr
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else ""


def sentences_in(path: Path) -> list[tuple[int, str]]:
    """The sentences a module writes in code (see above for what does not count)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    exempt: set[int] = set()

    def exempt_all(node: ast.AST) -> None:
        exempt.update(id(sub) for sub in ast.walk(node))

    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            exempt.add(id(node.value))  # a docstring
        elif isinstance(node, ast.Raise):
            exempt_all(node)
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            owner = getattr(func.value, "id", "") if isinstance(func, ast.Attribute) else ""
            if ERRORISH.search(name) or owner in ("log", "logger", "logging", "warnings"):
                exempt_all(node)
            elif (isinstance(func, ast.Attribute) and func.attr in ("append", "extend", "update", "setdefault")
                  and ERRORISH.search(_collection_name(func.value))):
                exempt_all(node)
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(ERRORISH.search(_collection_name(t)) for t in targets):
                exempt_all(node)
    found = []
    for node in ast.walk(tree):
        text = _literal_text(node) if id(node) not in exempt else None
        if text and is_sentence(text):
            found.append((node.lineno, text))
            exempt_all(node)  # an f-string counts once, not once per part
    return found


def test_domain_and_services_make_no_new_sentences():
    over = {}
    for layer in ("domain", "services"):
        for path in sorted((PACKAGE / layer).rglob("*.py")):
            name = path.relative_to(PACKAGE).as_posix()
            found = sentences_in(path)
            if len(found) > PROSE_STILL_IN_CORE.get(name, 0):
                over[name] = [f"line {line}: {text[:70]!r}" for line, text in found]
    assert not over, ("Sentences made in the core: return a code with parameters and word it in "
                      f"the UI (tr()) or in documents/ (per-language content): {over}")


def test_the_sentence_check_sees_what_it_should():
    probe = PACKAGE.parent / "tests" / "fixtures" / "prose_probe.py"
    found = [text for _, text in sentences_in(probe)]
    assert found == ["Fat transfer to the backs of the hands.", "Session {}: around {}"]
