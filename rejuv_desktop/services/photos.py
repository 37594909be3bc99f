"""Clinical photographs: taking them in, listing, archiving, consent per use, comparing,
exporting for teaching or marketing, and keeping the files whole (check, backup, restore).

A photograph is taken in only with the patient's consent to photographs for the clinical
record; it is prepared (``photo_images.prepare``: upright, no metadata, sRGB), its file is
written and synced beside the database, and only then is the row naming it committed. The same
photograph twice for a patient is refused. Nothing is ever deleted: a photograph is archived
with a reason, a consent is withdrawn.

Errors are ``PhotoError`` with a code (the UI words it) and an English message (the command
line prints it).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from rejuv_desktop.domain import photos as dph
from rejuv_desktop.errors import NotFound, StorageError
from rejuv_desktop.services import photo_images as images
from rejuv_desktop.services.photo_consent import (  # noqa: F401 - part of this API
    UseExport,
    clinical_consent,
    consents,
    export_for_use,
    grant_use,
    record_clinical_consent,
    use_consent,
    withdraw,
)
from rejuv_desktop.services.photo_images import PhotoError
from rejuv_desktop.storage import photos as photos_repo

log = logging.getLogger(__name__)

SOURCES = ("file", "folder", "camera", "command_line", "demo")


@dataclass(frozen=True)
class Photo:
    """A stored photograph, as the gallery and the comparison show it."""

    id: int
    patient_id: int
    view: str
    taken_at: str
    session_id: int | None
    follow_up_id: int | None
    consultation_id: int | None
    sha256: str
    size: int
    width: int
    height: int
    source: str
    illustration: bool
    archived_at: str | None
    archive_reason: str | None

    @property
    def day(self) -> date:
        return date.fromisoformat(self.taken_at[:10])


def _photo(row: dict) -> Photo:
    return Photo(row["id"], row["patient_id"], row["view"], row["taken_at"], row["session_id"],
                 row["follow_up_id"], row["consultation_id"], row["sha256"], row["size"],
                 row["width"], row["height"], row["source"], bool(row["illustration"]),
                 row["archived_at"], row["archive_reason"])


def folder(store) -> Path:
    """The photo folder of the open database."""
    if getattr(store, "engine", "sqlite") == "postgresql":
        raise StorageError("Photographs are files kept beside a clinic's database file; a "
                           "clinic server does not hold them yet. Nothing was taken in.")
    if store.path is None:
        raise StorageError("Photographs are kept beside a database file; this database is in "
                           "memory only.")
    return photos_repo.folder_of(store.path)


# -- taking photographs in -----------------------------------------------------------------

@dataclass(frozen=True)
class Imported:
    photo: Photo
    thumbnail: bytes
    re_encoded: bool


def _check_link(store, patient_id: int, session_id: int | None, follow_up_id: int | None):
    if session_id is not None and follow_up_id is not None:
        raise PhotoError("session_or_follow_up", "A photograph belongs to a session or to a "
                         "follow-up visit, not both.")
    sessions, follow_ups = photos_repo.sessions_and_follow_ups(store, patient_id)
    if session_id is not None and session_id not in {s["id"] for s in sessions}:
        raise PhotoError("not_this_patient", f"Session {session_id} is not this patient's.",
                         what="session", id=session_id)
    if follow_up_id is not None and follow_up_id not in {f["id"] for f in follow_ups}:
        raise PhotoError("not_this_patient",
                         f"Follow-up {follow_up_id} is not this patient's.",
                         what="follow_up", id=follow_up_id)


def check_can_take(store, patient_id: int) -> None:
    """Raise ``PhotoError`` unless photographs may be taken for the patient now."""
    if not photos_repo.patient_exists(store, patient_id):
        raise NotFound(f"There is no patient with id {patient_id}.")
    state = clinical_consent(store, patient_id)
    if not state.allowed:
        raise PhotoError("no_clinical_consent",
                         "The patient has not consented to photographs for the clinical record "
                         f"({state.reason.replace('_', ' ')}). Record their consent first, or "
                         "their refusal.", reason=state.reason)


@dataclass(frozen=True)
class Ready:
    """A photograph prepared and its file written (the part that may run off the GUI
    thread); ``finish_import`` then records it."""

    prepared: images.Prepared
    source_sha256: str
    sha256: str
    thumbnail: bytes


def precheck(store, patient_id: int, view: str, data: bytes | None = None, *,
             session_id: int | None = None, follow_up_id: int | None = None,
             source: str = "file") -> None:
    """The quick checks before any work: a known view, consent to photographs, the session or
    follow-up this patient's, and (given the bytes) not a file already taken in."""
    if view not in dph.view_ids():
        raise PhotoError("unknown_view", f"Unknown view '{view}' (known: "
                         f"{', '.join(dph.view_ids())}).", view=view)
    if source not in SOURCES:
        raise PhotoError("unknown_source", f"Unknown source '{source}'.")
    check_can_take(store, patient_id)
    _check_link(store, patient_id, session_id, follow_up_id)
    if data is not None:
        _refuse_duplicate(store, patient_id, source_sha256=photos_repo.sha256_bytes(data))


def _refuse_duplicate(store, patient_id: int, **hashes) -> None:
    same = photos_repo.same_photo(store, patient_id, **hashes)
    if same:
        raise PhotoError("duplicate", f"This photograph is already in the patient's record "
                         f"(photo {same['id']}).", photo_id=same["id"])


def prepare_import(data: bytes, photo_folder: Path, on_preview=None) -> Ready:
    """Prepare the photograph and write its file, synced (no database: safe on a worker
    thread). A file whose row never commits is harmless: content-addressed, it is the same
    file the next import of that photograph would write. ``on_preview(thumbnail)``, when
    given, is called first with a quick thumbnail to show while the rest is done."""
    if on_preview is not None:
        on_preview(images.preview(data))
    prepared = images.prepare(data)
    sha, _path = photos_repo.write_file(photo_folder, prepared.data)
    thumb = images.thumbnail(prepared.data)
    photos_repo.write_thumb(photo_folder, sha, thumb)
    return Ready(prepared, photos_repo.sha256_bytes(data), sha, thumb)


def finish_import(store, patient_id: int, view: str, ready: Ready, *,
                  session_id: int | None = None, follow_up_id: int | None = None,
                  consultation_id: int | None = None, taken_at: datetime | None = None,
                  source: str = "file", illustration: bool = False) -> Imported:
    """Record a prepared photograph (its file already written and synced)."""
    precheck(store, patient_id, view, session_id=session_id, follow_up_id=follow_up_id,
             source=source)
    _refuse_duplicate(store, patient_id, sha256=ready.sha256,
                      source_sha256=ready.source_sha256)
    prepared = ready.prepared
    when = taken_at or prepared.taken_at or store.clock()
    if when.tzinfo is None:
        when = when.replace(tzinfo=store.clock().tzinfo)
    with store.write():
        photo_id = photos_repo.insert_photo(store, {
            "patient_id": patient_id, "view": view,
            "taken_at": when.isoformat(timespec="seconds"), "session_id": session_id,
            "follow_up_id": follow_up_id, "consultation_id": consultation_id,
            "sha256": ready.sha256, "source_sha256": ready.source_sha256,
            "size": len(prepared.data), "width": prepared.width, "height": prepared.height,
            "source": source, "illustration": int(illustration)})
        photo = _photo(photos_repo.get_photo(store, photo_id))
    log.info("photo %s stored for patient %s", photo_id, patient_id)
    return Imported(photo, ready.thumbnail, prepared.re_encoded)


def import_photo(store, patient_id: int, view: str, data: bytes, *,
                 session_id: int | None = None, follow_up_id: int | None = None,
                 consultation_id: int | None = None, taken_at: datetime | None = None,
                 source: str = "file", illustration: bool = False) -> Imported:
    """Take one photograph into the patient's record (see the module doc): ``precheck``,
    ``prepare_import`` and ``finish_import`` in one go."""
    precheck(store, patient_id, view, data, session_id=session_id, follow_up_id=follow_up_id,
             source=source)
    ready = prepare_import(data, folder(store))
    return finish_import(store, patient_id, view, ready, session_id=session_id,
                         follow_up_id=follow_up_id, consultation_id=consultation_id,
                         taken_at=taken_at, source=source, illustration=illustration)


def import_file(store, patient_id: int, view: str, path: Path | str, **options) -> Imported:
    """``import_photo`` from a file on disk."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PhotoError("unreadable", f"{path.name} cannot be read: {exc.strerror or exc}.",
                         name=path.name) from exc
    return import_photo(store, patient_id, view, data, **options)


# -- reading -------------------------------------------------------------------------------

def photos_of(store, patient_id: int, include_archived: bool = False) -> list[Photo]:
    """The patient's photographs, oldest first."""
    return [_photo(r) for r in photos_repo.photos_of(store, patient_id, include_archived)]


def get_photo(store, photo_id: int) -> Photo:
    return _photo(photos_repo.get_photo(store, photo_id))


def image_bytes(store, photo_id: int) -> bytes:
    """The stored photograph, checked against its SHA-256 (``StorageError`` when missing or
    altered)."""
    photo = photos_repo.get_photo(store, photo_id)
    return photos_repo.read_file(folder(store), photo["sha256"])


def thumbnail(store, photo_id: int) -> bytes:
    """The photograph's thumbnail, from the cache (made again when missing)."""
    photo = photos_repo.get_photo(store, photo_id)
    where = folder(store)
    cached = photos_repo.read_thumb(where, photo["sha256"])
    if cached:
        return cached
    thumb = images.thumbnail(photos_repo.read_file(where, photo["sha256"]))
    photos_repo.write_thumb(where, photo["sha256"], thumb)
    return thumb


def archive(store, photo_id: int, reason: str) -> None:
    """Archive a photograph (hidden from the gallery, kept with the reason). Never deleted."""
    if not reason.strip():
        raise PhotoError("reason_needed", "Say why the photograph is archived.")
    photo = photos_repo.get_photo(store, photo_id)
    if photo["archived_at"]:
        raise PhotoError("already_archived", "This photograph is already archived.")
    with store.write():
        photos_repo.archive_photo(store, photo_id, reason.strip())


def links(store, patient_id: int) -> tuple[list[dict], list[dict]]:
    """The patient's sessions and follow-ups a photograph can belong to."""
    return photos_repo.sessions_and_follow_ups(store, patient_id)


def due(store, patient_id: int) -> list[dph.Occasion]:
    """Occasions whose photographs are still missing, for each planned procedure."""
    sessions, follow_ups = photos_repo.sessions_and_follow_ups(store, patient_id)
    photos = photos_repo.photos_of(store, patient_id)
    today = store.clock().date()
    procedures = []
    for plan in photos_repo.plans_of(store, patient_id):
        if plan["procedure"] not in procedures and plan["status"] not in ("superseded",
                                                                           "cancelled"):
            procedures.append(plan["procedure"])
    found = []
    for procedure in procedures:
        try:
            rules = dph.load_schedule(procedure)
        except Exception:
            log.warning("no photo schedule could be read for a procedure", exc_info=True)
            continue
        for occasion in dph.occasions(procedure, rules, sessions, follow_ups):
            if occasion.day is not None and occasion.day > today:
                continue  # a visit still to come: due when it comes
            occasion = dph.with_missing(occasion, photos)
            if occasion.missing:
                found.append(occasion)
    return found


def photos_satisfy_session(store, session: dict) -> datetime | None:
    """When the session's "photographs taken" item was satisfied by the app: the first
    photograph of the session (linked to it, or taken on its day), or the patient's recorded
    refusal of photographs. None while neither exists."""
    photos = photos_repo.photos_of(store, session["patient_id"])
    day = str(session["session_date"])[:10]
    times = [p["created_at"] for p in photos
             if p["session_id"] == session["id"] or p["taken_at"][:10] == day]
    if times:
        return datetime.fromisoformat(min(times))
    state = clinical_consent(store, session["patient_id"])
    if state.reason in ("refused", "withdrawn") and state.event is not None:
        return state.event.withdrawn_at or state.event.at
    return None


# -- comparing -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Caption:
    """What is written under a photograph in a comparison: codes and numbers, no words."""

    day: date
    session_number: int | None
    procedure: str | None
    follow_up_label: str | None  # the visit's name, as the protocol gave it
    merz: dict[str, int | None]


def caption(store, photo: Photo) -> Caption:
    sessions, follow_ups = photos_repo.sessions_and_follow_ups(store, photo.patient_id)
    session = next((s for s in sessions if s["id"] == photo.session_id), None)
    follow = next((f for f in follow_ups if f["id"] == photo.follow_up_id), None)
    return Caption(photo.day, session["session_number"] if session else None,
                   session["procedure"] if session else None,
                   follow["label"] if follow else None,
                   dph.merz_grades(photos_repo.merz_assessments(store, photo.patient_id), photo.day))


PRINTED_VIEWS = ("both_dorsal", "left_dorsal", "right_dorsal")
"""The views a summary prints before and after (the graded view and each hand's back)."""
PRINT_SIDE = 900
"""Longest side, in pixels, of a photograph printed in a document (about 150 dpi at half an A4
page's width)."""


def print_copy(data: bytes) -> bytes:
    """A stored photograph downscaled for a document (pixels only)."""
    return images.anonymous_copy(data, PRINT_SIDE)


def pairs(store, patient_id: int, views: tuple[str, ...] | None = None) -> list[tuple[Photo, Photo]]:
    """For each view photographed on two days or more: (earliest, latest)."""
    by_view: dict[str, list[Photo]] = {}
    for p in photos_of(store, patient_id):
        if views is not None and p.view not in views:
            continue
        by_view.setdefault(p.view, []).append(p)
    order = {v: i for i, v in enumerate(dph.view_ids())}
    out = []
    for view, shots in sorted(by_view.items(), key=lambda kv: order.get(kv[0], 99)):
        shots.sort(key=lambda p: (p.taken_at, p.id))
        if shots[0].day != shots[-1].day:
            out.append((shots[0], shots[-1]))
    return out


def align(store, earlier_id: int, later_id: int) -> images.Alignment:
    """How to lay the later photograph over the earlier one (automatic registration)."""
    return images.register(image_bytes(store, earlier_id), image_bytes(store, later_id))


# -- keeping the files whole ---------------------------------------------------------------

@dataclass(frozen=True)
class FileCheck:
    checked: int
    missing: list[int]
    altered: list[int]

    @property
    def ok(self) -> bool:
        return not self.missing and not self.altered


def check_files(store) -> FileCheck:
    """Every photograph's file is there with the bytes its SHA-256 names."""
    return check_file_rows(photos_repo.all_hashes(store), store.path)


def check_file_rows(rows: list[dict], db_path: Path | None) -> FileCheck:
    """``check_files`` for the (id, sha256) rows of the database at ``db_path``."""
    if not rows or db_path is None:
        return FileCheck(len(rows), [], [])
    where = photos_repo.folder_of(db_path)
    missing, altered = [], []
    for r in rows:
        state = photos_repo.file_state(where, r["sha256"])
        if state == "missing":
            missing.append(r["id"])
        elif state == "altered":
            altered.append(r["id"])
    return FileCheck(len(rows), missing, altered)


def copy_missing(hashes: list[str], source_folder: Path, target_folder: Path) -> tuple[int, list[str]]:
    """Copy the photographs named by ``hashes`` that ``target_folder`` lacks from
    ``source_folder``; returns (copied, hashes that could not be found there)."""
    copied, lacking = 0, []
    for sha in sorted(set(hashes)):
        source = photos_repo.file_path(source_folder, sha)
        if photos_repo.file_path(target_folder, sha).is_file():
            continue
        if not source.is_file():
            lacking.append(sha)
            continue
        try:
            copied += photos_repo.copy_file(source, target_folder, sha)
        except StorageError:
            lacking.append(sha)
    return copied, lacking
