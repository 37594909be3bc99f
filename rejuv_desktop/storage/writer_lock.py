"""The single-writer lock: one process at a time opens a database for writing.

Taken by ``open_store`` (the GUI and every writing command alike) and held across a restore's
whole swap; read-only opens (``check``) and backups (a reader, see ``services/backup.py``) do
not need it.

- It is an operating-system lock (``flock`` on POSIX, ``msvcrt.locking`` on Windows) on the file
  ``<database>.lock``, so a holder that is killed or loses power releases it by itself: the
  next opener takes it over at once, with no stale-lock timeout to guess.
- The file records who holds it (process id, program or command, user, host, since when), so a
  refused opener can name the holder. The first line is the process id alone, as before.
- A clean release removes the file; one found on taking the lock was left by a holder that did
  not close cleanly (killed, power cut). ``WriterLock.left_by`` tells, so the app can check the
  database after an unclean exit.
- Within one process the lock is shared: a second ``open_store`` of the same file (a worker
  thread's own connection) joins it, and it is released when the last one closes.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import logging
import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from rejuv_desktop.errors import StorageError

log = logging.getLogger(__name__)

FILE_MODE = 0o600
LOCK_SUFFIX = ".lock"
_WINDOWS_LOCK_OFFSET = 1 << 30  # lock a byte far past the text, so it stays readable
_program = "Rejuv Desktop"
_guard = threading.Lock()
_held: dict[str, WriterLock] = {}


class WriterLockHeld(StorageError):
    """Another process has the database open for writing."""

    def __init__(self, message: str, holder: dict):
        super().__init__(message)
        self.holder = holder


def set_program(name: str) -> None:
    """Name this process in the lock file (the GUI, or ``rejuv-desktop import-patients``)."""
    global _program
    _program = name


def lock_path(db_path: Path | str) -> Path:
    return Path(str(db_path) + LOCK_SUFFIX)


@dataclass
class WriterLock:
    """The lock on one database, held by this process (shared by its openers)."""

    path: Path
    fd: int
    left_by: dict | None  # what an earlier holder left when it did not release cleanly
    count: int = 1

    def release(self) -> None:
        """Give back one share; the last one removes the file (a clean release) and unlocks."""
        with _guard:
            self.count -= 1
            if self.count > 0:
                return
            _held.pop(_key(self.path), None)
            with contextlib.suppress(OSError):
                os.ftruncate(self.fd, 0)
            with contextlib.suppress(OSError):
                # Removed while still locked: an opener that opened the old file finds it is no
                # longer the one at the path, and tries again (see ``_take``).
                self.path.unlink()
            _unlock(self.fd)
            os.close(self.fd)

    def __enter__(self) -> WriterLock:
        return self

    def __exit__(self, *exc) -> None:
        self.release()


def _key(path: Path) -> str:
    return os.path.normcase(str(Path(path).resolve()))


def _holder_info() -> dict:
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name (a service account): leave it out
        user = ""
    return {"pid": os.getpid(), "program": _program, "user": user,
            "host": socket.gethostname(),
            "since": datetime.now().astimezone().isoformat(timespec="seconds")}


def _read_info(fd_or_path) -> dict | None:
    """The holder recorded in a lock file (``None`` when empty or unreadable)."""
    try:
        if isinstance(fd_or_path, int):
            os.lseek(fd_or_path, 0, os.SEEK_SET)
            raw = os.read(fd_or_path, 4096)
        else:
            raw = Path(fd_or_path).read_bytes()[:4096]
    except OSError:
        return None
    text = raw.decode("utf-8", errors="replace")
    if not text.strip():
        return None
    lines = text.splitlines()
    info: dict = {}
    with contextlib.suppress(ValueError, IndexError):
        info["pid"] = int(lines[0].strip())
    with contextlib.suppress(ValueError, IndexError, TypeError):
        extra = json.loads(lines[1])
        if isinstance(extra, dict):
            info.update(extra)
    return info or {"raw": text[:80]}


def describe_holder(info: dict | None) -> str:
    """"Rejuv Desktop (process 1234, user claire on desk-2, since 10:42)"."""
    if not info:
        return "another program"
    details = []
    if info.get("pid"):
        details.append(f"process {info['pid']}")
    user, host = info.get("user"), info.get("host")
    if user:
        details.append(f"user {user}" + (f" on {host}" if host and host != socket.gethostname()
                                         else ""))
    since = info.get("since")
    if since:
        with contextlib.suppress(ValueError, TypeError):
            when = datetime.fromisoformat(since)
            today = datetime.now(when.tzinfo).date()
            details.append("since " + (when.strftime("%H:%M") if when.date() == today
                                       else when.strftime("%d/%m/%Y %H:%M")))
    program = info.get("program") or "another program"
    return program + (f" ({', '.join(details)})" if details else "")


def _wait_for_record(fd: int) -> dict | None:
    """The holder's record; a holder that has just taken the lock writes it a moment later."""
    for _ in range(50):
        info = _read_info(fd)
        if info:
            return info
        time.sleep(0.01)
    return None


def _try_lock(fd: int) -> bool:
    if os.name == "nt":  # pragma: no cover - exercised on Windows only
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(fd: int) -> None:
    with contextlib.suppress(OSError):
        if os.name == "nt":  # pragma: no cover
            import msvcrt

            os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_UN)


def _open_lock_file(path: Path) -> tuple[int, bool]:
    """The lock file's descriptor, and whether it was there before (not created now)."""
    flags = os.O_RDWR | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        return os.open(path, flags | os.O_CREAT | os.O_EXCL, FILE_MODE), False
    except FileExistsError:
        pass
    try:
        return os.open(path, flags), True
    except FileNotFoundError:  # released and removed meanwhile: create it
        return _open_lock_file(path)


def _same_file(fd: int, path: Path) -> bool:
    if os.name == "nt":  # pragma: no cover - an open file cannot be removed there
        return True
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except OSError:
        return False


def _take(path: Path) -> WriterLock:
    for _attempt in range(20):
        try:
            fd, existed = _open_lock_file(path)
        except OSError as exc:
            raise StorageError(f"The lock file {path} cannot be created: "
                               f"{exc.strerror or exc}. Check the folder's permissions.") from exc
        if not _try_lock(fd):
            holder = _wait_for_record(fd)
            os.close(fd)
            raise WriterLockHeld(
                f"The database is open in {describe_holder(holder)}. Close it, or wait for it "
                "to finish, then try again. Nothing was changed.", holder or {})
        if not _same_file(fd, path):  # the holder released and removed it as we opened it
            _unlock(fd)
            os.close(fd)
            continue
        left_by = (_read_info(fd) or {"raw": ""}) if existed else None
        with contextlib.suppress(OSError):
            os.fchmod(fd, FILE_MODE) if hasattr(os, "fchmod") else None
        info = _holder_info()
        text = f"{info['pid']}\n{json.dumps(info)}\n".encode()
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, text)
        with contextlib.suppress(OSError):
            os.fsync(fd)  # so a power cut leaves the record of an unclean exit
        if left_by is not None:
            log.warning("writer lock taken over from %s that did not close cleanly",
                        describe_holder(left_by).split(" (")[0])
        return WriterLock(path, fd, left_by)
    raise StorageError(f"The lock file {path} keeps changing; try again.")


def acquire(db_path: Path | str) -> WriterLock:
    """Take the writer lock on ``db_path`` for this process (or join it if this process has
    it). Raises ``WriterLockHeld`` naming the holder when another process has it."""
    path = lock_path(db_path)
    with _guard:
        held = _held.get(_key(path))
        if held is not None:
            held.count += 1
            return held
        lock = _take(path)
        _held[_key(path)] = lock
        return lock


def held_here(db_path: Path | str) -> bool:
    """True when this process holds the writer lock on ``db_path``."""
    with _guard:
        return _key(lock_path(db_path)) in _held


@contextlib.contextmanager
def holding(db_path: Path | str) -> Iterator[WriterLock]:
    """Hold the writer lock for a block (a restore's whole swap)."""
    lock = acquire(db_path)
    try:
        yield lock
    finally:
        lock.release()

