"""The procedures the clinic offers: one registry, read from ``resources/protocols/``.

Each protocol file declares its procedure at its top: ``procedure`` (the id records store),
``name`` (the procedure in plain words, as sentences use it), ``label`` (the short name lists
and buttons show), ``order`` (where it comes in every list), ``treats`` (``"volume"`` or
``"skin"``: which findings the recommendation offers it for) and ``recommendation`` (the line a
recommendation gives for it). A clinic adds a procedure by adding a protocol file to its
overrides folder (``content/protocols/<procedure>.toml``), with its screening rules and its
consent and aftercare wording: no procedure id is written in code or in the schema.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache

from rejuv_desktop.content import (
    ContentFile,
    load_toml,
    overrides_dir,
    packaged_path,
    resource_path,
    when_overrides_change,
)
from rejuv_desktop.errors import ContentError

TREATS = ("volume", "skin")
"""What a procedure is offered for: lost volume, or skin quality."""

_ID = re.compile(r"[a-z][a-z0-9_]*\Z")


@dataclass(frozen=True)
class Procedure:
    """One procedure as its protocol file declares it."""

    id: str
    name: str
    """In plain words, as a sentence uses it: "hand mesotherapy"."""
    label: str
    """Short, for lists and buttons: "Mesotherapy"."""
    title: str
    order: int
    treats: str | None = None
    recommendation: str = ""
    """The recommendation's line for it, when no rule of the app's own speaks for it."""
    needs_donor_fat: bool = False
    """Fat is harvested from the patient: too little of it makes the procedure not feasible."""


def procedures() -> tuple[Procedure, ...]:
    """Every procedure, in the order the clinic's content gives (then by id)."""
    return _registry()


def procedure_ids() -> tuple[str, ...]:
    """The ids of every procedure, in order."""
    return tuple(p.id for p in procedures())


def procedure(procedure_id: str) -> Procedure:
    """The procedure with this id; KeyError if no protocol file declares it."""
    for p in procedures():
        if p.id == procedure_id:
            return p
    raise KeyError(procedure_id)


def is_procedure(value: object) -> bool:
    """True when ``value`` is the id of a procedure the content declares."""
    return isinstance(value, str) and value in procedure_ids()


@when_overrides_change
def clear_cache() -> None:
    """Read the protocol files again (after the content folder or its files changed)."""
    _registry.cache_clear()


@lru_cache(maxsize=1)
def _registry() -> tuple[Procedure, ...]:
    names = {p.name for p in packaged_path("protocols").glob("*.toml")}
    clinic = overrides_dir() / "protocols"
    if clinic.is_dir():
        names |= {p.name for p in clinic.glob("*.toml")}
    found = []
    for name in sorted(names):
        cf = _head(resource_path("protocols", name))
        declared = read_declaration(cf)
        if cf.path.stem != declared.id:
            raise _fail(cf, "procedure", f"this file declares procedure '{declared.id}': name it "
                        f"{declared.id}.toml")
        found.append(declared)
    if not found:
        raise ContentError(packaged_path("protocols"), None, "no protocol files: no procedure is offered")
    return tuple(sorted(found, key=lambda p: (p.order, p.id)))


_TABLE = re.compile(r"^\s*\[", re.MULTILINE)


def _head(path) -> ContentFile:
    """The file's top-level keys only: in TOML they all stand before the first table, so the
    registry reads a few lines, not the whole protocol (which ``load_protocol`` checks in full).
    Anything the head alone cannot parse is read whole, so a mistake names its line."""
    try:
        text = path.read_text(encoding="utf-8")
        match = _TABLE.search(text)
        return ContentFile(path, text, tomllib.loads(text[:match.start()] if match else text))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return load_toml(path)


def _fail(cf: ContentFile, key: str, message: str) -> ContentError:
    """A ContentError at the line that sets ``key`` (not a comment that mentions it)."""
    setting = re.compile(rf"\s*{re.escape(key)}\s*=")
    line = next((n for n, text in enumerate(cf.text.splitlines(), start=1) if setting.match(text)), None)
    return ContentError(cf.path, line, message)


def read_declaration(cf: ContentFile) -> Procedure:
    """The procedure a parsed protocol file declares; a mistake names the file and line."""
    d = cf.data
    pid = d.get("procedure")
    if not isinstance(pid, str) or not _ID.match(pid):
        raise _fail(cf, "procedure", "'procedure' must be the procedure's id, lower_case_with_underscores")

    def text(key: str, default: str | None = None) -> str:
        value = d.get(key, default)
        if not isinstance(value, str) or not value.strip():
            raise _fail(cf, key, f"'{key}' must be non-empty text")
        return value.strip()

    title = text("title")
    order = d.get("order", 100)
    if isinstance(order, bool) or not isinstance(order, int):
        raise _fail(cf, "order", "'order' must be a whole number")
    treats = d.get("treats")
    if treats is not None and treats not in TREATS:
        raise _fail(cf, "treats", f"'treats' must be one of: {', '.join(TREATS)}")
    donor = d.get("needs_donor_fat", False)
    if not isinstance(donor, bool):
        raise _fail(cf, "needs_donor_fat", "'needs_donor_fat' must be true or false")
    return Procedure(id=pid, name=text("name", title.lower()), label=text("label", title),
                     title=title, order=order, treats=treats,
                     recommendation=text("recommendation", title + "."), needs_donor_fat=donor)
