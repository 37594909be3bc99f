"""A real PostgreSQL server for the tests, started from the machine's binaries.

One cluster per test session, in a temporary folder, listening on a Unix socket in that folder
and on a free loopback port; it is stopped and removed when the session ends. Each test that
needs a database gets its own, copied from a template that already holds the schema (a copy is
quick; building the schema for every test would not be).

The binaries are found with ``pg_config --bindir``, then under ``/usr/lib/postgresql/*/bin``
(Debian), or in ``REJUV_PG_BINDIR``. When there are none the tests that need PostgreSQL are
skipped, saying so. Running as root, the cluster is made and run as the ``postgres`` user
(PostgreSQL refuses to run as root).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

ADMIN = "rejuv_admin"


def find_bindir() -> Path | None:
    candidates = []
    if os.environ.get("REJUV_PG_BINDIR"):
        candidates.append(os.environ["REJUV_PG_BINDIR"])
    if shutil.which("pg_config"):
        try:
            candidates.append(subprocess.run(["pg_config", "--bindir"], capture_output=True,
                                             text=True, check=True).stdout.strip())
        except (OSError, subprocess.CalledProcessError):
            pass
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for c in candidates:
        if c and (Path(c) / "initdb").is_file() and (Path(c) / "pg_ctl").is_file():
            return Path(c)
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """A throw-away PostgreSQL cluster (``start``/``stop``); ``url(db)`` to connect."""

    def __init__(self, bindir: Path, options: str = ""):
        self.bindir = bindir
        self.options = options  # more server settings (``-c name=value ...``)
        self.root = Path(tempfile.mkdtemp(prefix="rejuv-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self._as_postgres = os.geteuid() == 0
        self._count = 0

    def _run(self, *args: str) -> None:
        cmd = [str(a) for a in args]
        if self._as_postgres:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        subprocess.run(cmd, check=True, capture_output=True, text=True)

    def start(self) -> Cluster:
        if self._as_postgres:
            shutil.chown(self.root, "postgres", "postgres")
        os.chmod(self.root, 0o700)
        self._run(self.bindir / "initdb", "-D", self.data, "-U", ADMIN, "--auth=trust",
                  "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync")
        self.start_server()
        return self

    def start_server(self) -> None:
        """Start the server (again, after ``stop_server``: the clinic's server is back)."""
        options = (f"-k {self.root} -p {self.port} -c listen_addresses=127.0.0.1 "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                   f"-c max_connections=200 {self.options}")
        self._run(self.bindir / "pg_ctl", "-D", self.data, "-o", options, "-l",
                  self.root / "server.log", "-w", "start")

    def stop_server(self) -> None:
        """Stop the server, its databases kept (the clinic's server switched off)."""
        self._run(self.bindir / "pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop")

    def stop(self) -> None:
        try:
            self._run(self.bindir / "pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop")
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, dbname: str = "postgres", user: str = ADMIN) -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{dbname}"

    def admin(self, sql: str, dbname: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(self.url(dbname), autocommit=True) as conn:
            conn.execute(sql)

    def new_database(self, template: str | None = None) -> str:
        """A new empty database (or a copy of ``template``); returns its URL."""
        self._count += 1
        name = f"t{self._count}"
        self.admin(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return self.url(name)

    def drop_database(self, url: str) -> None:
        """Remove a test's database (connections still open to it are ended)."""
        name = url.rsplit("/", 1)[1]
        self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
