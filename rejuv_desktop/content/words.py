"""The words of content files, per language: ``resources/text/<lang>/<name>.toml``.

A content file says what things are (ids, levels, rules); the words a person reads live beside
it, one file per language, in tables keyed by the same ids (``[questions.pregnant]``). A
translation is then a new folder, and a missing word is a content error naming the file and
line, never a silent fallback to another language.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from rejuv_desktop.content import ContentFile, load_toml, resource_path
from rejuv_desktop.errors import ContentError

DEFAULT_LANG = "en"


def words_path(name: str, lang: str = DEFAULT_LANG) -> Path:
    """Where the words of content file ``name`` are in ``lang`` (the clinic's copy if any)."""
    if not re.fullmatch(r"[a-z]{2,3}(_[A-Z]{2})?", lang):
        raise ContentError(resource_path("text"), None, f"'{lang}' is not a language code")
    return resource_path("text", lang, f"{name}.toml")


def load_words(name: str, lang: str = DEFAULT_LANG, path: Path | str | None = None) -> ContentFile:
    """Read the words of content file ``name`` in ``lang`` (from ``path`` when given)."""
    cf = load_toml(Path(path) if path else words_path(name, lang))
    if cf.data.get("lang") != lang:
        raise cf.error(f"'lang' must be \"{lang}\", the language of its folder", "lang =")
    return cf


def table_words(cf: ContentFile, table: str, ids: Iterable[str] | None, keys: set[str]) -> dict[str, dict]:
    """The ``[table.<id>]`` entries of a words file, each checked: known keys, text, and a known
    id when ``ids`` is given (None: words for ids the content file lacks are left unused, as
    when a clinic's copy of a content file has removed an entry)."""
    entries = cf.data
    for part in table.split("."):  # "grades.merz": the [grades.merz.<value>] tables
        entries = entries.get(part, {}) if isinstance(entries, dict) else None
    if not isinstance(entries, dict):
        raise cf.error(f"'{table}' must be tables named [{table}.<id>]", table)
    known = None if ids is None else set(ids)
    out: dict[str, dict] = {}
    for entry_id, entry in entries.items():
        header = f"[{table}.{entry_id}]"
        if known is not None and entry_id not in known:
            raise cf.error(f"{header} names nothing in the content file", header)
        if not isinstance(entry, dict):
            raise cf.error(f"{header} must be a table", header)
        for key, value in entry.items():
            if key not in keys:
                raise ContentError(cf.path, _line_in(cf, header, f"{key} ="),
                                   f"unknown key '{key}' in {header}")
            if not isinstance(value, str) or not value.strip():
                raise ContentError(cf.path, _line_in(cf, header, f"{key} ="),
                                   f"'{key}' in {header} must be non-empty text")
        out[entry_id] = entry
    return out


def missing_word(cf: ContentFile, table: str, entry_id: str, key: str) -> ContentError:
    """The error for an entry whose words lack a required key."""
    header = f"[{table}.{entry_id}]"
    return ContentError(cf.path, cf.line_of(header) or None,
                        f"{header} is missing '{key}'" if header in cf.text
                        else f"no {header} table: the words of '{entry_id}' are missing")


def _line_in(cf: ContentFile, header: str, needle: str) -> int | None:
    lines = cf.text.splitlines()
    start = cf.line_of(header)
    if start is None:
        return None
    for number in range(start + 1, len(lines) + 1):
        line = lines[number - 1].strip()
        if line.startswith("["):
            break
        if line.startswith(needle.split("=")[0].strip()) and "=" in line:
            return number
    return start
