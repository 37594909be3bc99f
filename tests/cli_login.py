"""Signing in a headless command in tests: ``--as`` with a private password file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

DEMO_PASSWORD = "demo-clinic"  # the demo clinic's password (services/demo.py)


def login(folder: Path, practitioner="1", password: str = DEMO_PASSWORD) -> list[str]:
    """Arguments that sign ``practitioner`` in, the password in a file only its owner reads."""
    Path(folder).mkdir(parents=True, exist_ok=True)
    path = Path(folder) / f"password-{practitioner}.txt"
    # Written aside and moved into place: a command started a moment ago may be reading the
    # file while the next one's arguments are made, and must never see it half written.
    fd, aside = tempfile.mkstemp(dir=folder, prefix=".password-")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(password + "\n")
    os.chmod(aside, 0o600)
    os.replace(aside, path)
    return ["--as", str(practitioner), "--password-file", str(path)]
