"""Who runs a headless command: ``--as`` and ``--password-file``, and the system account.

Commands that read or change patient records (import, export, print, restore, lot look-up)
need a practitioner: ``--as`` names the account (its number, or its name as in Settings), the
password is asked on the terminal, or read from ``--password-file`` for scheduled jobs (a file
only its owner can read). The same throttle and lockout as the app's sign-in apply, and what the
command writes is attributed to that practitioner in the audit trail.
``check`` and ``backup`` may run unattended: they act as the system account, and the log names
the operating system's user who ran them. ``demo`` needs no one.
Stored text printed by a command goes through :func:`safe` so a name cannot carry terminal
escape codes.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import stat
import sys
import unicodedata
from pathlib import Path

from rejuv_desktop.domain.text import INVISIBLE
from rejuv_desktop.errors import UserError

log = logging.getLogger(__name__)
MAX_PASSWORD_FILE = 4096


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``--as`` and ``--password-file`` on a command that touches patient records."""
    group = parser.add_argument_group("who is running this (required)")
    group.add_argument("--as", dest="as_who", metavar="PRACTITIONER",
                       help="your account: its number or your name as in Settings > "
                            "Practitioners; the password is asked on the terminal")
    group.add_argument("--password-file", type=Path, metavar="FILE",
                       help="read the password from the first line of FILE (for scheduled "
                            "jobs; the file must be readable by its owner only: chmod 600)")


def os_user() -> str:
    """The operating system's name for the person (or job) running the command."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a bare container)
        return f"uid {os.getuid()}" if hasattr(os, "getuid") else "unknown"


def read_password_file(path: Path) -> str:
    """The password on the first line of a private file; refused if others may read it."""
    try:
        info = path.stat()
    except OSError as exc:
        raise UserError(f"The password file {path} cannot be read: "
                        f"{exc.strerror or exc}.") from exc
    if not stat.S_ISREG(info.st_mode):
        raise UserError(f"The password file {path} is not a file.")
    # POSIX permission bits; on Windows the file's folder (the user's profile) protects it.
    if os.name == "posix" and info.st_mode & 0o077:
        raise UserError(
            f"The password file {path} can be read or changed by other users (permissions "
            f"{stat.filemode(info.st_mode)}). Make it private to its owner first: "
            f"chmod 600 {path}")
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        raise UserError(f"The password file {path} belongs to another user: use a file of "
                        "your own, readable by you only (chmod 600).")
    if info.st_size > MAX_PASSWORD_FILE:
        raise UserError(f"The password file {path} is too large to hold a password.")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"The password file {path} cannot be read: {exc}.") from exc
    password = text.splitlines()[0] if text else ""
    if not password:
        raise UserError(f"The password file {path} is empty: put the password on its first "
                        "line.")
    return password


def _password(args, display: str) -> str:
    if args.password_file is not None:
        return read_password_file(args.password_file)
    if not sys.stdin.isatty():
        raise UserError("No terminal to ask the password on: use --password-file FILE "
                        "(readable by its owner only) for a scheduled job.")
    try:
        return getpass.getpass(f"Password for {display}: ")
    except EOFError as exc:
        raise UserError("No password given.") from exc


def sign_in(store, args, command: str):
    """Sign in the practitioner named by ``--as`` on an open store (the same throttle and
    lockout as the app); what the command writes is then attributed to them."""
    from rejuv_desktop.services import practitioners as pr

    if not args.as_who:
        raise UserError(
            f"'{command}' reads or changes patient records: say who you are with "
            "--as PRACTITIONER (your account number, or your name as in Settings > "
            "Practitioners). The password is asked on the terminal, or read from "
            "--password-file FILE.")
    if not pr.has_accounts(store):
        raise UserError("This database has no practitioner accounts yet: open the app once "
                        "to set up the clinic and its administrator.")
    person = pr.find_account(store, args.as_who)
    password = _password(args, person.display)
    signed = pr.sign_in(store, person.id, password)
    log.info("command %s run by practitioner %s", command, signed.id)
    return signed


def run_as_system(store, command: str) -> None:
    """An unattended command: acts as the system account; the log names the OS user."""
    from rejuv_desktop.services import practitioners as pr

    if store is not None:
        pr.act_as_system(store)
    log.info("command %s run unattended as the system account by OS user %s", command,
             os_user())


def sign_in_before_restore(db: Path, args) -> None:
    """Restore replaces the whole clinic: a practitioner of the clinic being replaced signs
    in first. When there is no database there yet, or one never set up (no accounts), there
    is no one to ask."""
    from rejuv_desktop.services.database import open_database

    if not db.exists() or db.stat().st_size == 0:
        log.info("restore into %s: no database there, no sign-in asked", "an empty path")
        return
    try:
        store = open_database(db)
    except UserError as exc:
        raise UserError(f"{exc} The current database cannot be opened to check who you are: "
                        "move it out of the way (it is not deleted by a restore either), "
                        "then run the restore again.") from exc
    try:
        from rejuv_desktop.services import practitioners as pr

        if not pr.has_accounts(store):  # a clinic never set up (a start with no database)
            log.info("restore over a database without accounts: no sign-in asked")
            return
        sign_in(store, args, "restore")
    finally:
        store.close()


def safe(text, *, keep_newlines: bool = False) -> str:
    """Stored text made harmless for a terminal: control characters (escape codes, carriage
    returns) and invisible direction overrides are shown as ``\\xNN`` / ``\\u2066``."""
    out = []
    for ch in str(text):
        cat = unicodedata.category(ch)
        if keep_newlines and ch == "\n":
            out.append(ch)
        elif cat == "Cc" or (cat == "Cf" and ch not in "\u200c\u200d") or ch in INVISIBLE:
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)
