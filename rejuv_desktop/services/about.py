"""What About shows: the versions the app runs on and the third-party components it ships.

No Qt here: the window adds Qt's own version (``ui/about.py``).
"""

from __future__ import annotations

import platform
import sys
from dataclasses import dataclass, field
from pathlib import Path

from rejuv_desktop import __version__
from rejuv_desktop.content import load_toml, packaged_path
from rejuv_desktop.storage import sqlite_safety

LICENCES = ("licenses", "third-party.toml")


@dataclass(frozen=True)
class Versions:
    app: str
    python: str
    sqlite: sqlite_safety.SqliteStatus
    frozen: bool  # the installed build (PyInstaller) rather than a source install
    system: str


def versions() -> Versions:
    return Versions(__version__, platform.python_version(), sqlite_safety.current_status(),
                    bool(getattr(sys, "frozen", False)),
                    f"{platform.system()} {platform.release()} ({platform.machine()})")


@dataclass(frozen=True)
class Component:
    name: str
    package: str  # its name in requirements-lock.txt; empty when not a Python package
    licence: str  # an SPDX expression where there is one
    url: str
    texts: list[Path] = field(default_factory=list)
    note: str = ""


def third_party() -> list[Component]:
    """The shipped components and their licences (``resources/licenses/third-party.toml``)."""
    folder = packaged_path(*LICENCES[:-1])
    data = load_toml(packaged_path(*LICENCES)).data  # never a clinic override
    return [Component(c["name"], c.get("package", ""), c["licence"], c.get("url", ""),
                      [(folder / t).resolve() for t in c.get("text", [])], c.get("note", ""))
            for c in data["component"]]
