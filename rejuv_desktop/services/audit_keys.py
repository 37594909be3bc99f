"""The clinic's audit key as a person handles it: a recovery code shown once at set-up, and
entered on another machine so a database moved there can still be verified.

The code is the secret itself (64 hexadecimal digits in groups of four): whoever holds it can
re-key a rewritten trail, so it is kept on paper, apart from the computer.
"""

from __future__ import annotations

from pathlib import Path

from rejuv_desktop.errors import StorageError
from rejuv_desktop.storage import audit, clinic_key
from rejuv_desktop.storage.backup import connect_read_only


def recovery_code(store) -> str | None:
    """The recovery code of the key that keys this database's chain (``None``: not keyed)."""
    secret = getattr(store, "audit_secret", None)
    return clinic_key.recovery_code(secret) if secret else None


def enter_recovery_code(db_path: Path | str, code: str) -> str:
    """Add the key a recovery code holds to the key file beside the database, after checking
    that the database's chain was keyed with it. Returns the key's id."""
    db_path = Path(db_path)
    secret = clinic_key.parse_recovery_code(code)
    kid = clinic_key.key_id(secret)
    if not db_path.is_file():
        raise StorageError(f"No database at {db_path}.")
    conn = connect_read_only(db_path)
    try:
        used = {e.key_id for e in audit.epochs(conn)}
    finally:
        conn.close()
    if kid not in used:
        raise StorageError("This recovery code is not the key of this clinic's database "
                           f"(it was keyed with {', '.join(sorted(used)) or 'no key'}). "
                           "Nothing was changed.")
    clinic_key.add_secret(db_path, secret)
    return kid
