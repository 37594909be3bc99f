"""Backups, restore and the start-up check: what the File menu and the command line call.

- ``backup_now`` writes a verified copy named ``rejuv-YYYYMMDD-HHMMSS.sqlite3``.
- ``auto_backup`` runs when the app closes, at most once a day, into the backup folder beside
  the database (in the user's data folder for the default database) and, when one is set, a
  second folder such as a USB drive; it then thins each folder (7 daily, 4 weekly, 12 monthly).
  When the last backup was made is read from the files themselves, not from the database, so
  a restored or damaged database cannot lose track of it.
- Each backup has a manifest beside it (``<backup>.manifest.json``: SHA-256, size, the audit
  chain's head, app and schema version, when it was made); thinning deletes it with its backup.
- ``restore`` verifies a backup against its manifest (checksum, and its audit chain up to the
  head the manifest names, keyed rows with the clinic key) before touching the live file; a
  backup without a manifest (made by an older version) is restored only when asked with
  ``force``. The current database is kept aside, and there is never a moment without a
  database at its path (see ``storage.backup.replace_database``). The witness of the restored
  database is then the head its manifest names.
- ``startup_check`` runs ``quick_check`` before the app opens the database; a damaged file is
  moved aside with its journal files and the newest backup that passes ``integrity_check`` is
  offered. Nothing is ever deleted but old backups by thinning.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from rejuv_desktop import __version__
from rejuv_desktop.domain.retention import DEFAULT_POLICY, RetentionPolicy, backups_to_delete
from rejuv_desktop.errors import StorageError
from rejuv_desktop.storage import audit, clinic_key, schema, triggers, witness, writer_lock
from rejuv_desktop.storage import backup as files

log = logging.getLogger(__name__)

BACKUP_DIR_NAME = "backups"
_NAME = re.compile(r"^rejuv-(\d{8})-(\d{6})(?:-(\d+))?\.sqlite3$")
STAMP_FORMAT = "%Y%m%d-%H%M%S"


@dataclass(frozen=True)
class BackupResult:
    """A backup written and verified: where, how big, what it holds."""

    path: Path
    size: int
    verified: bool
    created_at: datetime
    counts: dict[str, int] = field(default_factory=dict)
    audit_head: str | None = None
    audit_head_id: int = 0
    photos_copied: int = 0
    photos_lacking: int = 0


@dataclass(frozen=True)
class BackupFile:
    """A backup found in a folder (by its name; not opened)."""

    path: Path
    created_at: datetime
    size: int


@dataclass(frozen=True)
class AutoBackupResult:
    """What the automatic backup did: the copies made, the folders skipped, the files thinned."""

    made: list[BackupResult] = field(default_factory=list)
    skipped: str = ""
    errors: list[str] = field(default_factory=list)
    thinned: list[Path] = field(default_factory=list)


class UnverifiedBackup(StorageError):
    """A backup without a manifest (made by an older version): it can be restored only when
    the person confirms (``force``)."""


@dataclass(frozen=True)
class BackupCheck:
    """A backup checked for restoring: what it holds, and whether it was verified against its
    manifest (``manifest`` is ``None`` for an older backup without one)."""

    info: files.DatabaseInfo
    manifest: dict | None
    chain: audit.ChainCheck | None = None

    @property
    def counts(self) -> dict[str, int]:
        return self.info.counts


@dataclass(frozen=True)
class RestoreResult:
    """A restore done: the backup used, and where the database it replaced now is."""

    db_path: Path
    restored_from: Path
    backup_taken_at: datetime | None
    moved_aside: list[Path]
    counts: dict[str, int] = field(default_factory=dict)
    verified: bool = True
    photos_copied: int = 0
    photos_lacking: int = 0


@dataclass(frozen=True)
class StartupCheck:
    """The database's state before opening: sound, or damaged (moved aside) with the newest
    backup that passed ``integrity_check`` (``None`` when there is none)."""

    ok: bool
    message: str = ""
    moved_aside: list[Path] = field(default_factory=list)
    newest_good_backup: BackupFile | None = None


def default_backup_dir(db_path: Path) -> Path:
    """The automatic backup folder: ``backups`` beside the database. For the default database
    this is in the user's data folder; a database kept elsewhere keeps its backups with it, so
    two clinics' files never mix."""
    return Path(db_path).parent / BACKUP_DIR_NAME


def backup_name(now: datetime) -> str:
    """``rejuv-YYYYMMDD-HHMMSS.sqlite3`` in the local time a person reads."""
    return f"rejuv-{now.strftime(STAMP_FORMAT)}.sqlite3"


def parse_backup_name(name: str) -> datetime | None:
    """The time a backup was made, from its file name; ``None`` for any other file."""
    m = _NAME.match(name)
    if not m:
        return None
    try:
        return datetime.strptime(f"{m.group(1)}-{m.group(2)}", STAMP_FORMAT)
    except ValueError:
        return None


def human_size(n: float) -> str:
    """A size as people read it: 286.7 kB, 41.2 MB."""
    for unit in ("bytes", "kB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{int(n)} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1000
    return str(n)


def list_backups(directory: Path) -> list[BackupFile]:
    """The backups in a folder, newest first (only files named like our backups)."""
    directory = Path(directory)
    if not directory.is_dir():
        return []
    found = []
    for p in directory.iterdir():
        stamp = parse_backup_name(p.name)
        if stamp is not None and p.is_file():
            found.append(BackupFile(p, stamp, p.stat().st_size))
    # Same second: the numbered one (-2, -3) was made later.
    return sorted(found, key=lambda b: (b.created_at, len(b.path.name), b.path.name),
                  reverse=True)


def _target(directory: Path, now: datetime) -> Path:
    base = backup_name(now)
    path = directory / base
    n = 2
    while path.exists():
        path = directory / base.replace(".sqlite3", f"-{n}.sqlite3")
        n += 1
    return path


def backup_now(db_path: Path, dest_dir: Path, now: datetime) -> BackupResult:
    """Make a verified backup of the database into ``dest_dir`` (created if needed).

    Safe while the app is writing: the copy is a consistent snapshot. Raises ``StorageError``
    with a readable message when the copy cannot be made or fails its check.
    """
    db_path, dest_dir = Path(db_path), Path(dest_dir)
    if not db_path.is_file():
        raise StorageError(f"There is no database at {db_path}.")
    try:
        dest_dir.mkdir(parents=True, exist_ok=True, mode=files.DIR_MODE)
    except OSError as exc:
        raise StorageError(f"The folder {dest_dir} cannot be used for backups: "
                           f"{exc.strerror or exc}.") from exc
    files.remove_stale_temps(dest_dir)
    try:
        try:
            ring = clinic_key.load(db_path)
        except StorageError:
            ring = {}
        info = files.backup_database(db_path, _target(dest_dir, now), {
            "app_version": __version__, "created_at": now.isoformat(timespec="seconds")},
            ring)
    except OSError as exc:
        raise StorageError(f"The backup could not be written to {dest_dir}: "
                           f"{exc.strerror or exc}.") from exc
    log.info("backup written (%d bytes, verified)", info.size)
    copied, lacking = _backup_photos(db_path, info.path, dest_dir)
    return BackupResult(info.path, info.size, info.intact, now, info.counts, info.audit_head,
                        info.audit_head_id, copied, len(lacking))


PHOTOS_DIR_NAME = "photos"
"""The photographs every backup in a folder names, shared by them (``<folder>/photos``)."""


def _backup_photos(db_path: Path, backup: Path, dest_dir: Path) -> tuple[int, list[str]]:
    """Copy into the backup folder the photographs the backup names that it does not hold yet
    (each checked against its SHA-256). Photographs are never deleted, so the shared folder
    only grows; thinning old backups leaves it alone."""
    from rejuv_desktop.services.photos import copy_missing
    from rejuv_desktop.storage import photos as photos_repo

    hashes = photos_repo.hashes_in_file(backup)
    if not hashes:
        return 0, []
    copied, lacking = copy_missing(hashes, photos_repo.folder_of(db_path),
                                   dest_dir / PHOTOS_DIR_NAME)
    if lacking:
        log.warning("%d photograph(s) named by the database are missing or altered and were "
                    "not backed up", len(lacking))
    return copied, lacking


def restore_photos(db_path: Path, backup_path: Path) -> tuple[int, list[str]]:
    """After a restore: bring from the backup's folder the photographs the restored database
    names that are not beside it."""
    from rejuv_desktop.services.photos import copy_missing
    from rejuv_desktop.storage import photos as photos_repo

    hashes = photos_repo.hashes_in_file(db_path)
    if not hashes:
        return 0, []
    return copy_missing(hashes, Path(backup_path).parent / PHOTOS_DIR_NAME,
                        photos_repo.folder_of(db_path))


def last_backup_at(directory: Path) -> datetime | None:
    """When the newest backup in a folder was made (from its name)."""
    backups = list_backups(directory)
    return backups[0].created_at if backups else None


def backup_due(directory: Path, now: datetime) -> bool:
    """The automatic backup runs at most once a day: when the folder has none from today."""
    last = last_backup_at(directory)
    return last is None or last.date() < now.date()


def thin(directory: Path, policy: RetentionPolicy = DEFAULT_POLICY) -> list[Path]:
    """Delete the backups the retention policy does not keep; returns the deleted paths.

    Only files named like our backups are considered; the newest is always kept.
    """
    backups = list_backups(directory)
    by_stamp: dict[datetime, list[BackupFile]] = {}
    for b in backups:
        by_stamp.setdefault(b.created_at, []).append(b)
    # Several backups in one second: the newest of them stands for that second.
    stamps = {stamp: group[0] for stamp, group in by_stamp.items()}
    doomed = backups_to_delete(stamps, policy)
    deleted = []
    # A manifest whose backup never took its name (a backup interrupted at its last step).
    for manifest in Path(directory).glob("rejuv-*" + files.MANIFEST_SUFFIX):
        backup = manifest.with_name(manifest.name[:-len(files.MANIFEST_SUFFIX)])
        if parse_backup_name(backup.name) is not None and not backup.exists():
            manifest.unlink(missing_ok=True)
    for b in backups:
        if b.created_at in doomed or b is not stamps[b.created_at]:
            try:
                b.path.unlink()
                deleted.append(b.path)
                files.manifest_path(b.path).unlink(missing_ok=True)
            except OSError as exc:
                log.warning("could not delete an old backup: %s", exc.strerror)
    return deleted


def auto_backup(db_path: Path, now: datetime, extra_dir: Path | None = None,
                policy: RetentionPolicy = DEFAULT_POLICY, force: bool = False) -> AutoBackupResult:
    """The backup made when the app closes: once a day, to the automatic folder and to
    ``extra_dir`` when given, each folder then thinned. Never raises: problems are returned
    (and logged) so closing the app is never blocked."""
    main_dir = default_backup_dir(db_path)
    if not force and not backup_due(main_dir, now):
        return AutoBackupResult(skipped="a backup was already made today")
    made, errors, thinned = [], [], []
    for directory in [main_dir] + ([Path(extra_dir)] if extra_dir else []):
        try:
            made.append(backup_now(db_path, directory, now))
            thinned.extend(thin(directory, policy))
        except Exception as exc:  # noqa: BLE001 - reported, never stops the app closing
            log.warning("automatic backup into a folder failed: %s", type(exc).__name__)
            errors.append(f"{directory}: {exc}")
    return AutoBackupResult(made=made, errors=errors, thinned=thinned)


def check_backup(backup_path: Path, ring: dict[str, bytes] | None = None) -> BackupCheck:
    """Check that a file can be restored: sound (``integrity_check``), a Rejuv Desktop
    database, not written by a newer version, and, when it has a manifest, exactly the file
    the manifest describes (SHA-256 and size) with an audit chain that verifies up to the head
    the manifest names (keyed rows with the clinic keys in ``ring``). Raises ``StorageError``
    saying which. A backup without a manifest passes with ``manifest = None``."""
    backup_path = Path(backup_path)
    if not backup_path.is_file():
        raise StorageError(f"There is no backup file at {backup_path}.")
    name = backup_path.name
    manifest = files.read_manifest(backup_path)
    if manifest is not None:
        if files.manifest_seal_ok(manifest, ring or {}) is False:
            raise StorageError(
                f"The manifest of {name} has been altered: its seal does not match the clinic "
                "key. It cannot be restored; choose another backup.")
        size = backup_path.stat().st_size
        if manifest.get("size") != size or files.sha256_of(backup_path) != manifest["sha256"]:
            raise StorageError(
                f"{name} has been altered since it was made: its SHA-256 does not match its "
                "manifest. It cannot be restored; choose another backup.")
    info = files.describe(backup_path)
    if not info.intact:
        raise StorageError(
            f"{name} is damaged or is not a database, so it cannot be restored "
            f"({'; '.join(info.integrity[:2])}).")
    if not info.is_rejuv:
        raise StorageError(f"{name} is not a Rejuv Desktop database.")
    unknown = [m for m in info.migrations if m not in set(schema.known_names())]
    if unknown:
        raise StorageError(
            f"{name} was written by a newer version of Rejuv Desktop; install that "
            "version to restore it.")
    if manifest is None:
        return BackupCheck(info, None)
    conn = files.connect_read_only(backup_path)
    try:
        chain = audit.verify_chain(None, ring=ring or {}, conn=conn)
        problems = triggers.trigger_problems(conn)
    finally:
        conn.close()
    head = manifest.get("audit_head") or {}
    if chain.broken_at is not None or chain.missing_table:
        raise StorageError(f"{name} cannot be restored: its audit trail does not verify "
                           f"({chain.message}).")
    if chain.head != (head.get("id", 0), head.get("hash") or audit.GENESIS):
        raise StorageError(f"{name} cannot be restored: its audit trail does not end where its "
                           f"manifest says (row {head.get('id')}); the trail ends at row "
                           f"{chain.head[0]}.")
    if manifest.get("keyed_from") != info.keyed_from:
        raise StorageError(f"{name} cannot be restored: its audit keying differs from its "
                           "manifest.")
    if problems:
        raise StorageError(f"{name} cannot be restored: {'; '.join(problems[:3])}.")
    if info.last_key_id in (ring or {}) and files.manifest_seal_ok(manifest, ring) is not True:
        # Its trail is sealed with a key this machine holds, so its manifest must be too.
        raise StorageError(
            f"The manifest of {name} is not sealed with the clinic key that seals its audit "
            "trail: it may have been rewritten. It cannot be restored; choose another backup.")
    return BackupCheck(info, manifest, chain)


def restore(db_path: Path, backup_path: Path, now: datetime | None = None,
            force: bool = False) -> RestoreResult:
    """Replace the database with a backup, holding the single-writer lock across the swap.

    Refused with ``WriterLockHeld`` (naming the holder) while another process has the database
    open for writing; within this process the lock is shared, so the app (which holds it from
    its start and closes its connection first) and the command line restore alike.
    """
    with writer_lock.holding(db_path):
        return _restore_holding_lock(db_path, backup_path, now, force)


def _restore_holding_lock(db_path: Path, backup_path: Path, now: datetime | None,
                          force: bool) -> RestoreResult:
    """Replace the database with a backup; the current database is kept aside, never lost.

    The backup is checked first (see ``check_backup``), before the live file is touched; one
    without a manifest raises ``UnverifiedBackup`` unless ``force``. The current file is kept
    as ``<name>.before-restore-<time>`` and the backup's copy swapped in atomically, so a
    database is at its path at every moment. The witness then records the restored head.
    """
    db_path, backup_path = Path(db_path), Path(backup_path)
    now = now or datetime.now()
    if backup_path.resolve() == db_path.resolve():
        raise StorageError("That is the database itself, not a backup of it.")
    try:
        ring = clinic_key.load(db_path)
    except StorageError:
        ring = {}
    checked = check_backup(backup_path, ring)
    if checked.manifest is None and not force:
        raise UnverifiedBackup(
            f"{backup_path.name} has no manifest (it was made by an older version, or copied "
            "without it), so it cannot be verified: it may have been altered. Restore it only "
            "if you trust where it came from.")
    label = f"before-restore-{now.strftime(STAMP_FORMAT)}"
    info = checked.info
    restored = witness.Witness(info.audit_head_id, info.audit_head or audit.GENESIS,
                               info.keyed_from, now.isoformat(timespec="seconds"))
    # Until the swap is done either database may be at the path: the witness accepts both.
    previous = witness.begin_swap(db_path, restored)
    try:
        moved = files.replace_database(
            db_path, backup_path, label,
            expected_sha256=checked.manifest["sha256"] if checked.manifest else None)
    except BaseException:
        witness.end_swap(db_path, previous, None)
        raise
    # The witness of the database set aside goes with it; the restored one gets its own.
    witness.end_swap(db_path, restored, moved[0] if moved else None, previous)
    log.info("database restored from a backup; %d files kept aside", len(moved))
    try:
        copied, lacking = restore_photos(db_path, backup_path)
    except (OSError, StorageError):
        log.warning("the photographs could not be brought back with the restore", exc_info=True)
        copied, lacking = 0, ["?"]
    return RestoreResult(db_path, backup_path, parse_backup_name(backup_path.name), moved,
                         info.counts, checked.manifest is not None, copied, len(lacking))


def newest_good_backup(directories: list[Path],
                       ring: dict[str, bytes] | None = None) -> BackupFile | None:
    """The newest backup across folders that passes ``integrity_check`` and can be restored
    (verified against its manifest, keyed rows with the clinic keys in ``ring``)."""
    candidates = sorted((b for d in directories for b in list_backups(d)),
                        key=lambda b: b.created_at, reverse=True)
    for b in candidates:
        try:
            check_backup(b.path, ring)
        except StorageError:
            log.warning("a backup failed its check and was passed over")
            continue
        return b
    return None


def startup_check(db_path: Path, now: datetime | None = None,
                  backup_dirs: list[Path] | None = None) -> StartupCheck:
    """``quick_check`` the database before opening it.

    Sound (or absent: a first run) gives ``ok``. Otherwise the file and its ``-wal``/``-shm``
    are moved aside together as ``<name>.corrupt-<time>`` (nothing is deleted) and the newest
    backup that passes ``integrity_check`` is looked up in ``backup_dirs`` (default: the
    automatic folder).
    """
    db_path = Path(db_path)
    lines = files.quick_check(db_path)
    if lines == ["ok"]:
        return StartupCheck(ok=True)
    now = now or datetime.now()
    problem = "; ".join(lines[:3])
    log.error("the database failed its start-up check; moving it aside")
    moved = files.move_aside(db_path, f"corrupt-{now.strftime(STAMP_FORMAT)}")
    if moved:
        witness.set_aside(db_path, moved[0])
    dirs = backup_dirs if backup_dirs is not None else [default_backup_dir(db_path)]
    try:
        ring = clinic_key.load(db_path)
    except StorageError:
        ring = {}
    return StartupCheck(ok=False, message=problem, moved_aside=moved,
                        newest_good_backup=newest_good_backup(dirs, ring))


def needs_check_marker(db_path: Path) -> Path:
    """A file whose presence asks for the full start-up check at the next start."""
    return Path(str(db_path) + ".needs-check")


def check_in_background(db_path: Path) -> str | None:
    """``quick_check`` a database that is open (on its own read-only connection): None when
    sound, else what SQLite reported. A problem leaves a marker so the next start runs the full
    start-up check, which moves the damaged file aside and offers a backup."""
    lines = files.quick_check(Path(db_path))
    if lines == ["ok"]:
        return None
    needs_check_marker(db_path).write_text("; ".join(lines[:3]), encoding="utf-8")
    return "; ".join(lines[:3])
