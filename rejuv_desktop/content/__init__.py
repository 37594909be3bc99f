"""Loaders for the packaged clinical content in ``resources/``.

Resources live at the top of the repository (``resources/``) and are shipped inside the wheel as
``rejuv_desktop/resources``. ``resource_path`` finds them in both layouts, so the rest of the code
never needs to know which one it runs from.
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


def resource_path(*parts: str) -> Path:
    """Absolute path of a resource, e.g. ``resource_path("protocols", "mesotherapy.toml")``."""
    return resources_root().joinpath(*parts)


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
