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


class NotFound(UserError):
    """A record asked for does not exist."""


class PermissionDenied(UserError):
    """The signed-in practitioner's role does not allow this (or no one is signed in)."""
