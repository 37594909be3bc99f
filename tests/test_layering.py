"""The layers keep to their rules: the core never imports Qt (the command line and tests depend
on it); only ``storage/`` touches SQL, so a second database engine is a change inside storage
alone; the interface and the command line reach the database through services."""

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


# What reaches into a database connection: the Store's and DB-API's query methods.
SQL_CALLS = {"query", "query_one", "scalar", "execute", "executemany", "executescript"}
SQL_ATTRIBUTES = {"conn"}
# A string that reads as an SQL statement (keywords in capitals, as the app writes them).
SQL_STATEMENT = re.compile(
    r"\bSELECT\b[^;]*?\bFROM\b|\bINSERT\s+(?:OR\s+[A-Z]+\s+)?INTO\b|\bUPDATE\s+\S+\s+SET\b"
    r"|\bDELETE\s+FROM\b|\bCREATE\s+(?:TEMP\s+|UNIQUE\s+|VIRTUAL\s+)?(?:TABLE|INDEX|TRIGGER|VIEW)\b"
    r"|\bDROP\s+(?:TABLE|INDEX|TRIGGER|VIEW)\b|\bPRAGMA\s+\w+|\bjson_extract\s*\(")
# Layers that reach the database only through services.
THROUGH_SERVICES = ("ui", "cli.py", "cli_auth.py")


def _outside_storage():
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        if rel.parts[0] != "storage":
            yield rel, ast.parse(path.read_text(encoding="utf-8"))


def _string_text(node) -> str | None:
    """The text of a string literal; an f-string's replacement fields read as ``{}``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    return None


def sql_outside_storage(modules) -> list[str]:
    """``file:line: what`` for every touch of SQL outside storage in ``modules`` ((path, tree)
    pairs)."""
    found = []
    for rel, tree in modules:
        for node in ast.walk(tree):
            what = None
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in SQL_CALLS):
                what = f"calls .{node.func.attr}()"
            elif isinstance(node, ast.Attribute) and node.attr in SQL_ATTRIBUTES:
                what = f"uses .{node.attr}"
            elif (isinstance(node, ast.Attribute) and node.attr == "db"
                  and _names_a_store(node.value)):
                what = "uses the store's sqlite-utils database (.db)"
            else:
                text = _string_text(node)
                match = SQL_STATEMENT.search(text) if text else None
                if match:
                    what = f"holds SQL {match.group(0)[:40]!r}"
            if what:
                found.append((str(rel), node.lineno, what))
    return [f"{rel}:{line}: {what}" for rel, line, what in sorted(set(found))]


def storage_imports(modules) -> list[str]:
    """``file:line`` of every import of ``rejuv_desktop.storage`` (or a store's transaction
    opened directly) in ``modules``."""
    found = []
    for rel, tree in modules:
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            if any(n == "rejuv_desktop.storage" or n.startswith("rejuv_desktop.storage.")
                   for n in names):
                found.append(f"{rel}:{node.lineno}: imports storage")
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "write" and _names_a_store(node.func.value)):
                found.append(f"{rel}:{node.lineno}: opens a store's write transaction")
    return found


def _names_a_store(node) -> bool:
    return ((isinstance(node, ast.Name) and node.id == "store")
            or (isinstance(node, ast.Attribute) and node.attr == "store"))


def test_only_storage_touches_sql():
    """Services, documents, the domain, the interface and the command line never query, hold
    a connection or write SQL: storage's repositories do, under names that say what they
    read or write."""
    offenders = sql_outside_storage(_outside_storage())
    assert not offenders, "SQL outside storage/:\n" + "\n".join(offenders)


def test_interface_and_command_line_never_import_storage():
    """They open the database, take its lock and probe it through ``services``."""
    modules = [(rel, tree) for rel, tree in _outside_storage()
               if rel.parts[0] in THROUGH_SERVICES]
    assert {rel.parts[0] for rel, _ in modules} >= {"ui", "cli.py"}
    offenders = storage_imports(modules)
    assert not offenders, "storage reached past services:\n" + "\n".join(offenders)


def _parsed(source: str):
    return [(Path("services/example.py"), ast.parse(source))]


def test_the_sql_rule_sees_each_way_of_touching_sql():
    """The check itself: each way SQL leaks is caught, with its line; words are not."""
    source = (
        "def a(store):\n"
        "    store.query('SELECT id FROM patients')\n"
        "    store.conn.execute('x')\n"
        "    n = store.scalar(f'SELECT count(*) FROM {table}')\n"
        "    sql = 'UPDATE plans SET status = ?'\n"
        "    'DELETE FROM documents'\n"
        "    'CREATE TABLE t (id)'\n"
        "    \"json_extract(data_json, '$.x')\"\n"
        "    'INSERT OR REPLACE INTO settings'\n"
        "    self.store.db['patients'].count\n"
        "def b(store, args):\n"
        "    args.db.exists()\n"
        "    return 'Select the patient from the list; update the plan, then delete it.'\n")
    found = sql_outside_storage(_parsed(source))
    lines = {int(f.split(":")[1]) for f in found}
    assert lines == {2, 3, 4, 5, 6, 7, 8, 9, 10}, found
    assert "services/example.py:3: uses .conn" in found


def test_the_import_rule_sees_storage_and_store_writes():
    source = ("from rejuv_desktop.storage.db import sqlite_version\n"
              "from rejuv_desktop import storage\n"
              "import rejuv_desktop.storage.writer_lock\n"
              "from rejuv_desktop.services import database\n"
              "with self.store.write():\n    pass\n"
              "handle.write(b'x')\n")
    found = storage_imports([(Path("ui/example.py"), ast.parse(source))])
    assert [int(f.split(":")[1]) for f in found] == [1, 2, 3, 5], found


# --- words at the edges ---------------------------------------------------------------------------
# The domain and the services return codes with parameters; sentences are made only in the UI
# (through tr()) and in documents/ (per-language content). A sentence is a string literal of four
# or more words; an f-string counts as one string. Not counted: docstrings, SQL, error messages
# (anything raised, an *Error(...) call, a value put in an ``errors``/``warnings``/``problems``
# collection) and log calls: they are for the person who hits the problem, at once, and are
# never part of a record, a screen's content or a document.
PROSE_SENTENCE = re.compile(r"[A-Za-z]+(?:[,;:'()\"-]*\s+[,;:'()\"-]*[A-Za-z]+){3,}")
PROSE_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
PROSE_SQL = re.compile(r"\b(SELECT|INSERT INTO|UPDATE|DELETE FROM|CREATE|PRAGMA|DROP|ALTER TABLE)\b")
PROSE_ERRORISH = re.compile(r"error|exception|warning|problem", re.IGNORECASE)

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
    "services/demo_outcomes.py": 9,  # the demo clinic's notes and treatments, as typed
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


def _prose_literal(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    return None


def is_sentence(text: str) -> bool:
    """Four or more words, a placeholder counting as a word, at least two of them written out."""
    words_only = PROSE_PLACEHOLDER.sub("x", text)
    return (bool(PROSE_SENTENCE.search(words_only)) and not PROSE_SQL.search(text)
            and len(re.findall(r"[A-Za-z]{2,}", PROSE_PLACEHOLDER.sub(" ", text))) >= 2)


def _prose_collection(node: ast.AST) -> str:
    """The name a value is stored under: ``errors`` for ``errors["x"]`` or ``errors.append``."""
    while isinstance(node, (ast.Subscript, ast.Attribute, ast.Call)):
        if isinstance(node, ast.Attribute) and PROSE_ERRORISH.search(node.attr):
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
            if PROSE_ERRORISH.search(name) or owner in ("log", "logger", "logging", "warnings"):
                exempt_all(node)
            elif (isinstance(func, ast.Attribute) and func.attr in ("append", "extend", "update", "setdefault")
                  and PROSE_ERRORISH.search(_prose_collection(func.value))):
                exempt_all(node)
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(PROSE_ERRORISH.search(_prose_collection(t)) for t in targets):
                exempt_all(node)
    found = []
    for node in ast.walk(tree):
        text = _prose_literal(node) if id(node) not in exempt else None
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


def test_test_folders_mirror_the_package():
    """``tests/<layer>/`` holds the tests of ``rejuv_desktop/<layer>/``: a test folder with no
    package folder of that name is a misplaced test (only ``reliability/``, whole-clinic failure
    tests, and ``fixtures/``, data, stand apart)."""
    tests = Path(__file__).resolve().parent
    package = tests.parent / "rejuv_desktop"
    apart = {"reliability", "fixtures", "__pycache__"}
    misplaced = []
    for path in sorted(tests.rglob("test_*.py")):
        folders = path.relative_to(tests).parts[:-1]
        if not folders or folders[0] in apart:
            continue
        if not (package.joinpath(*folders)).is_dir():
            misplaced.append(str(path.relative_to(tests)))
    assert not misplaced, ("test files in a folder with no package folder of that name: "
                           + ", ".join(misplaced))
