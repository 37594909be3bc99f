"""The witness: the audit chain's head kept outside the database file.

``<database>.witness`` (beside the database, readable by its owner only) holds the id and hash
of the last audit row and the row from which the chain is keyed. It is updated after every
write transaction that added audit rows, cheaply: the file has two 512-byte slots, each a
record with a sequence number and its own checksum, and an update overwrites the older slot in
place (no rename, no fsync: a few microseconds). A write torn by a crash spoils one slot only;
the reader takes the newest valid slot. After a power cut the witness may lag behind the
database, which the check accepts; it is never ahead of it. Rare changes that must survive a
crash (a restore) replace the whole file, synced.

The check compares it with the database: the witnessed row must still be there with the same
hash, so rows cut from the end of the trail, or the whole trail emptied or re-hashed, are seen
even by someone who rewrote the file consistently. When a database no longer continues its
witness, the app stops updating the witness (it is the evidence) and ``check`` reports it.
A restore puts the witness of the restored copy in place (from the backup's manifest).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from rejuv_desktop.storage import audit
from rejuv_desktop.storage.db import sqlite3

log = logging.getLogger(__name__)

WITNESS_SUFFIX = ".witness"
FILE_MODE = 0o600


@dataclass(frozen=True)
class Witness:
    last_id: int
    hash: str
    keyed_from: int | None
    updated_at: str = ""
    # During a restore: the head of the database being swapped in, also accepted.
    alternate: "Witness | None" = None


class WitnessUnreadable(Exception):
    """The witness file exists but cannot be read as one."""


def witness_path(db_path: Path | str) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + WITNESS_SUFFIX)


SLOT = 512


def _from_json(data: dict) -> Witness:
    alt = data.get("alternate")
    return Witness(int(data["last_id"]), str(data["hash"]),
                   None if data.get("keyed_from") is None else int(data["keyed_from"]),
                   str(data.get("updated_at", "")), _from_json(alt) if alt else None)


def _to_json(w: Witness) -> dict:
    out = {"last_id": w.last_id, "hash": w.hash, "keyed_from": w.keyed_from,
           "updated_at": w.updated_at}
    if w.alternate is not None:
        out["alternate"] = _to_json(w.alternate)
    return out


def _encode(w: Witness, seq: int) -> bytes:
    body = json.dumps({"seq": seq, **_to_json(w)}, sort_keys=True)
    check = hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]
    line = json.dumps({"w": json.loads(body), "check": check}, sort_keys=True).encode("utf-8")
    if len(line) > SLOT - 1:
        raise ValueError("witness record too long")
    return line.ljust(SLOT - 1) + b"\n"


def _decode(slot: bytes) -> tuple[int, Witness] | None:
    try:
        data = json.loads(slot.decode("utf-8"))
        body = json.dumps(data["w"], sort_keys=True)
        if hashlib.sha256(body.encode("utf-8")).hexdigest()[:16] != data["check"]:
            return None
        return int(data["w"]["seq"]), _from_json(data["w"])
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return None


def _read_slots(path: Path) -> tuple[int, Witness] | None:
    data = path.read_bytes()
    found = [d for d in (_decode(data[i:i + SLOT]) for i in range(0, min(len(data), 2 * SLOT),
                                                                   SLOT)) if d]
    return max(found, key=lambda d: d[0]) if found else None


def read(db_path: Path | str) -> Witness | None:
    """The witness beside the database; ``None`` when there is none."""
    path = witness_path(db_path)
    try:
        found = _read_slots(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise WitnessUnreadable(f"the witness file {path.name} cannot be read ({exc})") from exc
    if found is None:
        raise WitnessUnreadable(f"the witness file {path.name} is damaged")
    return found[1]


def _seq(path: Path) -> int:
    try:
        found = _read_slots(path)
    except OSError:
        return 0
    return found[0] if found else 0


def write(db_path: Path | str, last_id: int, digest: str, keyed_from: int | None,
          updated_at: str = "", *, durable: bool = False,
          alternate: Witness | None = None) -> None:
    """Replace the witness file in one rename (a reader sees the old or the new one)."""
    write_witness(witness_path(db_path),
                  Witness(last_id, digest, keyed_from, updated_at, alternate), durable=durable)


def write_witness(path: Path, w: Witness, *, durable: bool = False) -> None:
    seq = _seq(path) + 1
    temp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    payload = _encode(w, seq) * 2
    fd = os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    if durable and os.name == "posix":
        dfd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)


def _update_in_place(path: Path, w: Witness, seq: int) -> None:
    """Overwrite the older slot (by ``seq``) in place: the other slot stays valid."""
    fd = os.open(path, os.O_WRONLY)
    try:
        os.pwrite(fd, _encode(w, seq), (seq % 2) * SLOT)
    finally:
        os.close(fd)


def problem(conn, witness: Witness) -> str | None:
    """What the database shows against its witness: ``None`` when it continues it (or the
    witness's alternate, during a restore)."""
    found = _problem(conn, witness)
    if found and witness.alternate is not None and _problem(conn, witness.alternate) is None:
        return None
    return found


def _problem(conn, witness: Witness) -> str | None:
    try:
        keyed = audit.keyed_from(conn)
        last_id, _ = audit.head(conn)
        row = conn.execute("SELECT hash FROM audit_log WHERE id = ?",
                           (witness.last_id,)).fetchone()
    except sqlite3.Error as exc:
        return f"the audit trail cannot be read against the witness ({exc})"
    if witness.keyed_from is not None and keyed != witness.keyed_from:
        return (f"the witness records the keyed chain starting at audit row "
                f"{witness.keyed_from}; the database says "
                f"{'it is not keyed' if keyed is None else f'row {keyed}'}")
    if witness.last_id == 0:
        return None
    if last_id < witness.last_id or row is None:
        return (f"audit rows are missing: the witness recorded row {witness.last_id}, the "
                f"database's trail ends at row {last_id}")
    if row[0] != witness.hash:
        return (f"audit row {witness.last_id} is not the one the witness recorded: the trail "
                "was rewritten")
    return None


def attach(store) -> None:
    """Keep the witness of a file database up to date after each commit.

    A missing witness is created from the current head. A database that does not continue its
    witness leaves the witness as it is (the evidence) and is logged; ``check`` reports it.
    """
    store.witness_problem = None
    if store.path is None:
        return
    try:
        found = read(store.path)
    except WitnessUnreadable as exc:
        store.witness_problem = str(exc)
        log.error("witness unreadable; it is not updated")
        return
    if found is not None:
        store.witness_problem = problem(store.conn, found)
        if store.witness_problem:
            log.error("the database does not continue its witness; the witness is kept as "
                      "it is")
            return
    path = witness_path(store.path)
    try:
        keyed = audit.keyed_from(store.conn)
    except sqlite3.Error:
        keyed = None
    state = {"last": (found.last_id, found.hash) if found else None,
             "keyed_from": keyed, "seq": _seq(path) if found else 0}

    def update() -> None:
        try:
            current = audit.head(store.conn)
            if state["keyed_from"] is None:
                state["keyed_from"] = audit.keyed_from(store.conn)
        except sqlite3.Error:
            return
        if current == state["last"]:
            return
        w = Witness(current[0], current[1], state["keyed_from"], store.now_iso())
        state["seq"] += 1
        try:
            _update_in_place(path, w, state["seq"])
        except FileNotFoundError:
            write_witness(path, w)
            state["seq"] = _seq(path)
        state["last"] = current

    store.after_commit.append(update)
    try:
        update()
    except OSError as exc:  # a read-only folder: the check will say the witness is missing
        log.error("the audit witness could not be written: %s", exc.strerror or exc)


def set_aside(db_path: Path | str, moved_db: Path | str) -> Path | None:
    """Move the witness with a database set aside (it witnesses that file, not the next)."""
    source = witness_path(db_path)
    if not source.exists():
        return None
    target = witness_path(moved_db)
    os.replace(source, target)
    return target


def begin_swap(db_path: Path | str, incoming: Witness) -> Witness | None:
    """Before a restore swaps databases: the witness accepts the current database's head and
    the incoming one's (durably), so a kill at any moment leaves a witnessed database. Returns
    the witness as it was."""
    try:
        previous = read(db_path)
    except WitnessUnreadable:
        previous = None
    if previous is not None and previous.alternate is not None:
        # An earlier swap was interrupted: keep the head the database there now continues.
        previous = _settled(db_path, previous)
    if previous is not None:
        write_witness(witness_path(db_path),
                      Witness(previous.last_id, previous.hash, previous.keyed_from,
                              previous.updated_at, incoming), durable=True)
    return previous


def _settled(db_path: Path | str, w: Witness) -> Witness:
    """Of a witness and its alternate, the one the database at ``db_path`` continues (the
    witness itself when neither or both do)."""
    from rejuv_desktop.storage.backup import connect_read_only

    try:
        conn = connect_read_only(Path(db_path))
    except sqlite3.Error:
        return w
    try:
        if _problem(conn, w) and not _problem(conn, w.alternate):
            return w.alternate
    finally:
        conn.close()
    return Witness(w.last_id, w.hash, w.keyed_from, w.updated_at)


def end_swap(db_path: Path | str, current: Witness | None, kept: Path | None,
             previous: Witness | None = None) -> None:
    """After a restore: the witness names the database now at the path (``current``); the
    previous witness is kept beside the database set aside (``kept``). After a failed
    restore (``kept`` None, ``current`` the previous witness) the witness is put back."""
    if kept is not None and previous is not None:
        write_witness(witness_path(kept), previous, durable=True)
    if current is not None:
        write_witness(witness_path(db_path), Witness(current.last_id, current.hash,
                                                     current.keyed_from, current.updated_at),
                      durable=True)
