"""The clinic's audit key: a secret kept outside the database file.

The audit chain's rows are keyed (HMAC-SHA256) with this secret, so someone holding only the
database file cannot rewrite the trail and re-hash it to look intact. The secret lives in a
small file beside the database, ``<database>.key``, readable by its owner only (0600); it never
goes inside the database or a backup.

The file is a key ring: ``{"format": 1, "keys": {key_id: secret_hex}}``. A database names the
key each stretch of its chain was keyed with (``audit_keys``: from which audit row, which key
id); the id is derived from the secret and tells nothing about it.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import logging
import os
import secrets
from pathlib import Path

from rejuv_desktop.errors import StorageError

log = logging.getLogger(__name__)

KEY_SUFFIX = ".key"
FILE_MODE = 0o600


def key_path(db_path: Path | str) -> Path:
    """Where the key ring of the database at ``db_path`` is kept (beside it)."""
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + KEY_SUFFIX)


def key_id(secret: bytes) -> str:
    """A public name for a secret (the first 16 hex digits of an HMAC of a fixed label)."""
    return hmac.new(secret, b"rejuv-desktop audit key id", hashlib.sha256).hexdigest()[:16]


def load(db_path: Path | str) -> dict[str, bytes]:
    """The key ring beside the database: ``{key_id: secret}``; empty when there is no file.

    A file that cannot be read as a key ring raises ``StorageError`` (it is never replaced).
    """
    path = key_path(db_path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise StorageError(f"The clinic key file {path} cannot be read: "
                           f"{exc.strerror or exc}.") from exc
    try:
        data = json.loads(text)
        ring = {str(k): bytes.fromhex(v) for k, v in data["keys"].items()}
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise StorageError(f"The clinic key file {path} is damaged: it is not a key ring.") from exc
    # Only entries whose id matches their secret count (a mistyped entry is ignored).
    return {k: v for k, v in ring.items() if key_id(v) == k}


def _write(db_path: Path | str, ring: dict[str, bytes]) -> None:
    """Write the key ring atomically, 0600, synced (a new key is never lost to a crash)."""
    path = key_path(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    payload = json.dumps({"format": 1, "keys": {k: v.hex() for k, v in ring.items()}},
                         indent=1, sort_keys=True)
    fd = os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(temp, FILE_MODE)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    if os.name == "posix":
        dfd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)


def new_key(db_path: Path | str) -> tuple[str, bytes]:
    """Make a new secret and add it to the key ring (creating the file); returns it."""
    ring = load(db_path)
    secret = secrets.token_bytes(32)
    kid = key_id(secret)
    ring[kid] = secret
    _write(db_path, ring)
    log.info("a new clinic audit key was created")
    return kid, secret


def add_secret(db_path: Path | str, secret: bytes) -> str:
    """Add a secret (e.g. typed from a recovery code) to the key ring; returns its id."""
    ring = load(db_path)
    kid = key_id(secret)
    if kid not in ring:
        ring[kid] = secret
        _write(db_path, ring)
    return kid


def recovery_code(secret: bytes) -> str:
    """The secret as a code a person can write down: 64 hex digits in groups of four."""
    text = secret.hex().upper()
    return "-".join(text[i:i + 4] for i in range(0, len(text), 4))


def parse_recovery_code(code: str) -> bytes:
    """The secret from a recovery code (spaces, dashes and case are ignored)."""
    text = "".join(c for c in code if c.isalnum())
    try:
        secret = bytes.fromhex(text)
    except ValueError as exc:
        raise StorageError("That is not a recovery code: it holds 64 letters A-F and "
                           "digits.") from exc
    if len(secret) != 32:
        raise StorageError("That is not a recovery code: it holds 64 letters A-F and digits "
                           f"(this one has {len(text)}).")
    return secret


def set_aside_damaged(db_path: Path | str) -> Path | None:
    """Rename a key file that cannot be read to ``<name>.damaged-<n>`` (never deleted)."""
    path = key_path(db_path)
    if not path.exists():
        return None
    n = 1
    while (target := path.with_name(f"{path.name}.damaged-{n}")).exists():
        n += 1
    os.replace(path, target)
    log.error("the clinic key file could not be read; it was set aside")
    return target
