"""Live: what other workstations change on the clinic server, and the connection to it.

On a clinic server each write announces itself (the table, and the patient it is about) to
every workstation when it commits; ``listen`` opens this window's own listening connection.
On a single workstation's file there is nothing to listen to (``None``).

``watch_connection`` tells the window at once when the server is found gone, and when a new
connection is taken up; ``connect_again`` (run off the GUI thread) makes a new connection
and ``take_up`` gives it to the store.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rejuv_desktop.services.database import on_server


@dataclass(frozen=True)
class Change:
    table: str
    patient_id: int | None


class Listener:
    """Changes written by other connections (``changes()``), on a socket (``fileno()``)."""

    def __init__(self, store):
        from rejuv_desktop.storage import pg

        self.store = store
        self._pg = pg.Listener(store.url, ignore=self._own)

    def _own(self) -> set[int]:
        pid = self.store.backend_pid()
        return {pid} if pid else set()

    def fileno(self) -> int:
        return self._pg.fileno()

    def changes(self) -> list[Change]:
        return [Change(t, p) for t, p in self._pg.changes()]

    def close(self) -> None:
        self._pg.close()


def listen(store) -> Listener | None:
    """This window's listener, or ``None`` on a single workstation's file. Raises
    ``StorageError`` when the server cannot be reached."""
    return Listener(store) if on_server(store) else None


def watch_connection(store, lost: Callable[[], None], back: Callable[[], None]) -> None:
    """Call ``lost()`` as soon as the server is found gone and ``back()`` once a new
    connection is taken up (nothing on a file)."""
    if on_server(store):
        store.on_lost.append(lost)
        store.on_back.append(back)


def connected(store) -> bool:
    return store.connected if on_server(store) else True


def connect_again(store):
    """A new connection to the store's server (any thread); ``StorageError`` when it is still
    out of reach."""
    from rejuv_desktop.storage import pg

    return pg.connect(store.url, timeout=3)


def take_up(store, raw) -> None:
    """Give the store the new connection (on the thread that uses the store)."""
    store.reconnect(raw)
