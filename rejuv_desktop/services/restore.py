"""A start that finds no database (or an empty file) where one should be.

A restore made by an older version could be killed between setting the database aside and
moving the copy in, leaving no database at its path; a start would then have created an empty
clinic without a word. Before anything opens (and so creates) the database, the app and the
command line ask ``found_at_start``: when the database is missing or empty and a file set aside
before a restore, or a restore's temporary copy, is beside it, they say what they found and
offer to put it back (``put_back``) instead of starting a new clinic.

Temporary copies left by a restore that was interrupted are removed once a database is in
place (``clean_leftovers``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from rejuv_desktop.errors import StorageError
from rejuv_desktop.storage import backup as files
from rejuv_desktop.storage import clinic_key, witness

log = logging.getLogger(__name__)

_ASIDE_LABELS = ("before-restore-", "corrupt-")


@dataclass(frozen=True)
class Candidate:
    """A database file found beside a missing one."""

    path: Path
    kind: str  # "set aside before a restore", "a restore's temporary copy", "damaged, set aside"
    modified: datetime
    usable: bool
    patients: int | None = None
    problem: str = ""


@dataclass(frozen=True)
class FoundAtStart:
    """The database is missing or empty, and these files are beside it (best first).
    ``witnessed``: its witness is still there, so a database with an audit trail was here."""

    db_path: Path
    state: str  # "missing" or "empty"
    candidates: list[Candidate] = field(default_factory=list)
    witnessed: int | None = None  # the last audit row the witness recorded

    @property
    def usable(self) -> list[Candidate]:
        return [c for c in self.candidates if c.usable]

    def describe(self) -> str:
        """What was found, for a person (the CLI prints it; the dialog shows it)."""
        lines = [f"There is no database at {self.db_path}"
                 + (" (the file is empty)" if self.state == "empty" else "")
                 + (", but one was there: its witness file records audit row "
                    f"{self.witnessed}" if self.witnessed is not None else "")
                 + (". Found beside it:" if self.candidates else
                    ". No database or backup was found beside it.")]
        for c in self.candidates:
            what = (f"{c.patients} patient(s)" if c.patients is not None else c.problem)
            lines.append(f"  {c.path.name}: {c.kind}, last changed "
                         f"{c.modified:%d/%m/%Y %H:%M}; {what}")
        return "\n".join(lines)


def _is_companion(name: str) -> bool:
    return name.endswith(files.COMPANION_SUFFIXES) or name.endswith(
        (".witness", ".key", files.MANIFEST_SUFFIX))


def _candidate(path: Path, kind: str) -> Candidate:
    info = files.describe(path, full_check=False)
    modified = datetime.fromtimestamp(path.stat().st_mtime)
    if info.intact and info.is_rejuv:
        return Candidate(path, kind, modified, True, info.counts.get("patients"))
    problem = ("not a Rejuv Desktop database" if info.intact
               else "damaged: " + "; ".join(info.integrity[:1]))
    return Candidate(path, kind, modified, False, None, problem)


def found_at_start(db_path: Path | str) -> FoundAtStart | None:
    """``None`` when the database is there (not empty), or when nothing is beside a missing
    one (a first run). Otherwise what was found, the usable files first, newest first."""
    db_path = Path(db_path)
    if db_path.exists() and db_path.stat().st_size > 0:
        return None
    folder = db_path.parent
    if not folder.is_dir():
        return None
    found: list[Candidate] = []
    prefix = db_path.name + "."
    for p in folder.iterdir():
        if not p.is_file() or not p.name.startswith(prefix) or _is_companion(p.name):
            continue
        label = p.name[len(prefix):]
        if label.startswith("before-restore-"):
            found.append(_candidate(p, "set aside before a restore"))
        elif label.startswith("corrupt-"):
            found.append(_candidate(p, "damaged, set aside at a start"))
    for p in files.restore_temps(folder):
        if p.stat().st_size:
            found.append(_candidate(p, "a restore's temporary copy"))
    backup = _newest_backup(db_path)
    if backup is not None:
        found.append(backup)
    try:
        seen = witness.read(db_path)
        witnessed = seen.last_id if seen is not None else None
    except witness.WitnessUnreadable:
        witnessed = 0
    if not found and witnessed is None:
        return None
    # Usable first; among them the set-aside database (the clinic's latest records) before a
    # restore's copy, then the newest backup; newest first.
    order = {"set aside before a restore": 0, "a restore's temporary copy": 1,
             "the newest backup": 2}
    found.sort(key=lambda c: (not c.usable, order.get(c.kind, 3), -c.modified.timestamp()))
    return FoundAtStart(db_path, "empty" if db_path.exists() else "missing", found, witnessed)


def _newest_backup(db_path: Path) -> Candidate | None:
    """The newest backup in the automatic folder that passes its checks."""
    from rejuv_desktop.services import backup as sb

    try:
        ring = clinic_key.load(db_path)
    except StorageError:
        ring = {}
    good = sb.newest_good_backup([sb.default_backup_dir(db_path)], ring)
    if good is None:
        return None
    found = _candidate(good.path, "the newest backup")
    return Candidate(found.path, found.kind, good.created_at, found.usable, found.patients,
                     found.problem)


def put_back(db_path: Path | str, candidate: Path | str, now: datetime | None = None):
    """Put a found database back at ``db_path`` (a verified copy swapped in atomically; the
    found file itself is left as it is), then remove leftover temporary copies."""
    from rejuv_desktop.services import backup as sb

    db_path, candidate = Path(db_path), Path(candidate)
    info = files.describe(candidate)
    if not (info.intact and info.is_rejuv):
        raise StorageError(f"{candidate.name} cannot be used: it is damaged or not a Rejuv "
                           "Desktop database.")
    if candidate in files.restore_temps(candidate.parent):
        # A temporary copy would be cleaned away by the restore itself: give it a name first.
        named = candidate.with_name(
            f"{db_path.name}.restore-copy-{datetime.now():%Y%m%d-%H%M%S}")
        candidate.replace(named)
        candidate = named
    result = sb.restore(db_path, candidate, now, force=True)
    clean_leftovers(db_path)
    log.info("a database found at start was put back")
    return result


def clean_leftovers(db_path: Path | str) -> int:
    """Remove temporary copies left by an interrupted restore, once a database is in place."""
    db_path = Path(db_path)
    if not db_path.exists() or db_path.stat().st_size == 0:
        return 0
    return files.remove_stale_restore_temps(db_path.parent)


def start_new(db_path: Path | str) -> None:
    """The person chose a new, empty clinic although files were found: what witnessed the
    missing database is set aside with a name of its own, so the new one starts its own."""
    from rejuv_desktop.storage import witness

    db_path = Path(db_path)
    witness.set_aside(db_path, db_path.with_name(
        f"{db_path.name}.before-new-{datetime.now():%Y%m%d-%H%M%S}"))
