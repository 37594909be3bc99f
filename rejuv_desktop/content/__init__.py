"""Loaders for the clinical content in ``resources/``, and the clinic's own copies of it.

Resources live at the top of the repository (``resources/``) and are shipped inside the wheel as
``rejuv_desktop/resources``. ``resource_path`` finds them in both layouts, so the rest of the code
never needs to know which one it runs from.

A clinic edits its content (screening levels, protocols, document wording, help) in an overrides
folder of its own, ``content`` in the app's data folder: a file there replaces the packaged file
of the same relative name (``content/screening.toml``, ``content/documents/en/summary.toml``).
The folder is outside the installation, so an upgrade never touches it. Fonts, icons and licences are part
of the program, not content: they are never taken from the overrides folder.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from rejuv_desktop.errors import ContentError

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=1)
def resources_root() -> Path:
    """The folder that holds the packaged resources, in a checkout or an installed wheel."""
    for candidate in (_PACKAGE_DIR / "resources", _PACKAGE_DIR.parent / "resources"):
        if candidate.is_dir():
            return candidate
    raise ContentError(_PACKAGE_DIR, None, "the resources folder is missing from this installation")


NOT_OVERRIDABLE = ("fonts", "icons", "licenses", "i18n")
"""Top folders of ``resources/`` that belong to the program, not to the clinic's content."""

_overrides_dir: Path | None = None
_on_change: list = []


def when_overrides_change(fn):
    """Call ``fn()`` whenever the overrides folder is changed (a loader's cache to clear)."""
    _on_change.append(fn)
    return fn


def overrides_dir() -> Path:
    """The clinic's overrides folder: ``content`` in the app's data folder (unless set)."""
    if _overrides_dir is not None:
        return _overrides_dir
    from rejuv_desktop import paths

    return paths.data_dir() / "content"


def use_overrides_dir(path: Path | str | None) -> None:
    """Read overrides from ``path`` from now on (None: back to the data folder's own)."""
    global _overrides_dir
    # Made absolute: a relative path would otherwise be read inside resources/ by load_toml.
    _overrides_dir = Path(path).absolute() if path is not None else None
    for fn in _on_change:
        fn()


def packaged_path(*parts: str) -> Path:
    """Absolute path of the packaged resource, whatever the clinic overrides."""
    return resources_root().joinpath(*parts)


def override_path(*parts: str) -> Path | None:
    """The clinic's file replacing this resource, if there is one (never for fonts or icons)."""
    if not parts or parts[0] in NOT_OVERRIDABLE:
        return None
    candidate = overrides_dir().joinpath(*parts)
    return candidate if candidate.is_file() else None


def resource_path(*parts: str) -> Path:
    """Absolute path of a resource, e.g. ``resource_path("protocols", "mesotherapy.toml")``:
    the clinic's override of that file when there is one, else the packaged file."""
    return override_path(*parts) or packaged_path(*parts)


_LINE_RE = re.compile(r"at line (\d+)")


@dataclass(frozen=True)
class ContentFile:
    """A parsed TOML content file, with its text kept to point at lines in error messages."""

    path: Path
    text: str
    data: dict[str, Any]

    def line_of(self, *needles: str) -> int | None:
        """First line (1-based) containing every needle, to name in an error message."""
        for number, line in enumerate(self.text.splitlines(), start=1):
            if all(n in line for n in needles):
                return number
        return None

    def error(self, message: str, *needles: str) -> ContentError:
        """A ContentError naming this file and the line where the needles appear."""
        return ContentError(self.path, self.line_of(*needles) if needles else None, message)


def load_toml(path: Path | str) -> ContentFile:
    """Read and parse a TOML file; a syntax error names the file and line."""
    path = Path(path)
    if not path.is_absolute():
        path = resource_path(*path.parts)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(path, None, "file not found") from None
    except UnicodeDecodeError as exc:
        raise ContentError(path, None, f"not valid UTF-8 ({exc.reason})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = _LINE_RE.search(str(exc))
        raise ContentError(path, int(match.group(1)) if match else None, f"not valid TOML: {exc}") from None
    return ContentFile(path=path, text=text, data=data)
