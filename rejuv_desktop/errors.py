"""Errors meant for a person.

A ``UserError`` carries a message a practitioner can act on (a locked database, an invalid
field, a content file with a mistake). Anything else that escapes is a bug: the UI's exception
hook reports it with details to copy, and the command line exits with status 2.
"""


class UserError(Exception):
    """An error whose message is written for the person using the app."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ValidationError(UserError):
    """One or more fields are invalid; ``errors`` maps a field name to its message."""

    def __init__(self, errors: dict[str, str]):
        self.errors = dict(errors)
        text = "; ".join(f"{k}: {v}" for k, v in self.errors.items())
        super().__init__(f"Please correct: {text}")


class ContentError(UserError):
    """A clinical content file (protocol, screening rules, template) has a mistake."""

    def __init__(self, path, line: int | None, message: str):
        self.path = str(path)
        self.line = line
        where = f"{self.path}, line {line}" if line else self.path
        super().__init__(f"{where}: {message}")


class StorageError(UserError):
    """The database cannot do what was asked (locked, read-only, disk full, too new)."""


class ServerUnreachable(StorageError):
    """The clinic server cannot be reached (switched off, the network down): nothing was
    saved; the window keeps what was typed and reconnects."""


class RecordChanged(StorageError):
    """A save refused: the record was changed elsewhere (another workstation) since it was
    read. ``changed_by`` (a practitioner id or ``None``, with ``changed_by_name``),
    ``changed_at`` and ``version`` say by whom, when, and what the record is now; nothing was
    saved and nothing merged. Every editable record raises it (``storage/versions.py``)."""

    def __init__(self, message: str, *, changed_by: int | None, changed_at: str,
                 version: int, changed_by_name: str = "", table: str = "",
                 record_id: int | str | None = None):
        super().__init__(message)
        self.changed_by = changed_by
        self.changed_at = changed_at
        self.version = version
        # The account's title and name as the record shows it ("" when unknown), and which
        # record was refused (the table and the row's id, or a setting's key).
        self.changed_by_name = changed_by_name
        self.table = table
        self.record_id = record_id


class NotFound(UserError):
    """A record asked for does not exist."""


class PermissionDenied(UserError):
    """The signed-in practitioner's role does not allow this (or no one is signed in)."""


class RecordHeld(StorageError):
    """A draft consultation or a running session is held by another workstation (its lease).

    ``practitioner_id``, ``workstation``, ``since`` and ``renewed_at`` name the holder;
    ``lapsed``: not renewed for the clinic's time-out, so it may be taken over;
    ``taken_from_you``: this window held it and another took it over (at ``since``)."""

    def __init__(self, message: str, *, practitioner_id: int | None, workstation: str,
                 since: str, renewed_at: str, lapsed: bool, taken_from_you: bool = False):
        super().__init__(message)
        self.practitioner_id = practitioner_id
        self.workstation = workstation
        self.since = since
        self.renewed_at = renewed_at
        self.lapsed = lapsed
        self.taken_from_you = taken_from_you
