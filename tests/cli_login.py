"""Signing in a headless command in tests: ``--as`` with a private password file."""

from __future__ import annotations

import os
from pathlib import Path

DEMO_PASSWORD = "demo-clinic"  # the demo clinic's password (services/demo.py)


def login(folder: Path, practitioner="1", password: str = DEMO_PASSWORD) -> list[str]:
    """Arguments that sign ``practitioner`` in, the password in a file only its owner reads."""
    Path(folder).mkdir(parents=True, exist_ok=True)
    path = Path(folder) / f"password-{practitioner}.txt"
    path.write_text(password + "\n", encoding="utf-8")
    os.chmod(path, 0o600)
    return ["--as", str(practitioner), "--password-file", str(path)]
