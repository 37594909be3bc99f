"""One short name per module: an alias never means two modules (``ss`` was the settings service
in some files and the sessions service in others), and a module never goes by two aliases."""

import ast
import importlib.util
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("rejuv_desktop", "tests", "bench", "docs")


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def module_aliases() -> dict[str, dict[str, set[str]]]:
    """alias -> module -> the files that import that module under that alias."""
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for folder in FOLDERS:
        for path in (ROOT / folder).rglob("*.py"):
            if ".venv" in path.parts or ".data" in path.parts:
                continue
            where = str(path.relative_to(ROOT))
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    pairs = [(a.name, a.asname) for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    pairs = [(f"{node.module}.{a.name}", a.asname) for a in node.names
                             if _is_module(f"{node.module}.{a.name}")]
                else:
                    continue
                for module, alias in pairs:
                    if alias and alias != module.rsplit(".", 1)[-1]:
                        found[alias][module].add(where)
    return found


def test_an_alias_names_one_module_and_a_module_has_one_alias():
    found = module_aliases()
    two_meanings = {alias: {m: sorted(f) for m, f in mods.items()}
                    for alias, mods in found.items() if len(mods) > 1}
    assert not two_meanings, f"an alias used for two modules: {two_meanings}"
    by_module = defaultdict(set)
    for alias, mods in found.items():
        for module in mods:
            by_module[module].add(alias)
    two_names = {m: sorted(a) for m, a in by_module.items() if len(a) > 1}
    assert not two_names, f"a module imported under two aliases: {two_names}"
