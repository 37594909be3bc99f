"""The core layers never import Qt: the command line and tests depend on it."""

import ast
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
