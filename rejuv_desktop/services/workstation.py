"""Where this workstation keeps its records: a file on this computer, or the clinic server.

Saved per workstation in the app's configuration folder: ``connection.json`` (kind, host,
port, database, user, TLS) and, apart, the server password in ``server-password``, readable
by the user only (0600). The window reads them at start when no ``--db`` is given.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import quote

from rejuv_desktop import paths
from rejuv_desktop.errors import StorageError, ValidationError

FILE = "file"
SERVER = "server"
DEFAULT_PORT = 5432


@dataclass
class Connection:
    """Where the records are: ``kind`` is ``"file"`` (this computer) or ``"server"``."""

    kind: str = FILE
    host: str = ""
    port: int = DEFAULT_PORT
    database: str = "rejuv"
    user: str = "rejuv_app"
    tls: bool = False

    @property
    def is_server(self) -> bool:
        return self.kind == SERVER

    def url(self, password: str = "") -> str:
        """The ``postgresql://`` address of the server (with the password when given)."""
        who = quote(self.user, safe="")
        if password:
            who += ":" + quote(password, safe="")
        host = f"[{self.host}]" if ":" in self.host else self.host
        url = f"postgresql://{who}@{host}:{self.port}/{quote(self.database, safe='')}"
        return url + ("?sslmode=require" if self.tls else "")

    def label(self) -> str:
        """How the server is named to a person: host:port/database (no user or password)."""
        return f"{self.host}:{self.port}/{self.database}"


def connection_file() -> Path:
    return paths.config_dir() / "connection.json"


def password_file() -> Path:
    return paths.config_dir() / "server-password"


def validate(values: dict) -> Connection:
    """A ``Connection`` from a form's values, or ``ValidationError`` naming each bad field."""
    kind = values.get("kind", FILE)
    if kind == FILE:
        return Connection(kind=FILE)
    errors = {}
    host = str(values.get("host", "")).strip()
    if not host:
        errors["host"] = "Required: the name or address of the clinic server"
    elif any(c.isspace() or c in "/@?#" for c in host):
        errors["host"] = "A server name or address, without spaces, slashes or @"
    port_text = str(values.get("port", "")).strip() or str(DEFAULT_PORT)
    port = int(port_text) if port_text.isdigit() else 0
    if not 1 <= port <= 65535:
        errors["port"] = "A port number between 1 and 65535 (PostgreSQL's is 5432)"
    database = str(values.get("database", "")).strip()
    if not database:
        errors["database"] = "Required: the clinic's database on the server"
    user = str(values.get("user", "")).strip()
    if not user:
        errors["user"] = "Required: the user clinic IT created for the app"
    if errors:
        raise ValidationError(errors)
    return Connection(kind=SERVER, host=host, port=port, database=database, user=user,
                      tls=bool(values.get("tls")))


def load() -> Connection | None:
    """This workstation's saved choice, or ``None`` when none was saved (or it is unreadable)."""
    try:
        data = json.loads(connection_file().read_text(encoding="utf-8"))
        fields = {k: data[k] for k in asdict(Connection()) if k in data}
        return Connection(**fields)
    except (OSError, ValueError, TypeError):
        return None


def load_password() -> str:
    try:
        return password_file().read_text(encoding="utf-8").rstrip("\n")
    except OSError:
        return ""


def _write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` readable by the user only, replacing it whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(path.parent, 0o700)
    aside = path.with_name(path.name + ".new")
    fd = os.open(aside, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, text.encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    os.chmod(aside, 0o600)
    os.replace(aside, path)


def save(connection: Connection, password: str | None = None) -> None:
    """Save where this workstation keeps its records (used on the next start). ``password``:
    the server password to keep (0600); ``None`` keeps the one saved; a file removes it."""
    _write_private(connection_file(), json.dumps(asdict(connection), indent=2))
    if not connection.is_server:
        password_file().unlink(missing_ok=True)
    elif password is not None:
        _write_private(password_file(), password)


def saved_target():
    """What the window opens when no ``--db`` is given: the saved server's URL (with its
    password), or ``None`` for the file on this computer."""
    connection = load()
    if connection is None or not connection.is_server:
        return None
    return connection.url(load_password())


@dataclass
class ProbeResult:
    """What "Test connection" found: ``ok``, and ``patients`` when the clinic is set up
    (``None`` on a server with no clinic yet), ``server_version`` as the server names it."""

    ok: bool
    message: str
    patients: int | None = None
    server_version: str = ""


def try_connection(connection: Connection, password: str) -> ProbeResult:
    """Connect to the server as the workstation would, read nothing but counts, write
    nothing. Never raises for a connection problem: the result says what went wrong."""
    from rejuv_desktop.services import database

    try:
        found = database.probe_server(connection.url(password))
    except StorageError as exc:
        return ProbeResult(False, str(exc))
    return ProbeResult(True, "", found["patients"], found["server_version"])


def current(store) -> Connection:
    """The saved choice, else where ``store`` (the records open now) is."""
    saved = load()
    if saved is not None:
        return saved
    from rejuv_desktop.services import database

    if not database.on_server(store):
        return Connection(kind=FILE)
    from psycopg.conninfo import conninfo_to_dict

    info = conninfo_to_dict(store.url)
    return Connection(kind=SERVER, host=info.get("host", ""),
                      port=int(info.get("port") or DEFAULT_PORT),
                      database=info.get("dbname", ""), user=info.get("user", ""),
                      tls=info.get("sslmode") in ("require", "verify-ca", "verify-full"))
