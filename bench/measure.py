"""The measurements behind the benchmark's figures, each beside its baseline taken in the same
run. ``run.py`` calls these and prints the table."""

from __future__ import annotations

import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered), max(1, math.ceil(p / 100 * len(ordered)))) - 1]


def child_env(home: Path) -> dict[str, str]:
    """The environment of a measured child process: offscreen, its own user folders (settings,
    logs), and byte-code caching on, as for an installed app."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[var] = str(home / var.lower())
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


# --- figure 1 and 6: start-up --------------------------------------------------------------------

@dataclass
class StartRun:
    seconds: float
    peak_mib: float
    rows: int


def time_start(script: str, db: Path | None, env: dict[str, str], timeout: float = 600,
               unclean: bool = False) -> StartRun:
    """Spawn a child, and time it from spawning to its report of the first paint.

    ``unclean``: the start after a crash or power cut, with the lock file a killed app leaves
    (the app then opens at once and runs the integrity check behind the window)."""
    if db is not None:
        # The previous child ended without unlocking (no quit-time work is measured): clear
        # what a clean exit clears, so this is the everyday start after a clean exit.
        for leftover in (Path(f"{db}.lock"), Path(f"{db}.needs-check"),
                         Path(f"{db}.check-pending")):
            leftover.unlink(missing_ok=True)
        if unclean:
            Path(f"{db}.lock").write_text(
                '999999\n{"pid": 999999, "program": "Rejuv Desktop", "user": "bench"}\n',
                encoding="utf-8")
    args = [sys.executable, str(HERE / script)] + ([str(db)] if db else [])
    started = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
                            text=True)
    try:
        line = proc.stdout.readline()
        elapsed = time.perf_counter() - started
    finally:
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    if not line.startswith("READY"):
        raise RuntimeError(f"{script} did not report its first paint: {line!r}")
    fields = dict(part.split("=") for part in line.split()[2:])
    if unclean and fields.get("check_behind") != "1":
        raise RuntimeError("the start after an unclean exit did not run its check behind the "
                           f"window: {line!r}")
    return StartRun(elapsed, int(fields["peak_kib"]) / 1024, int(fields["rows"]))


def start_figures(db: Path, runs: int, cold: bool = False) -> dict:
    """Starts of the app on ``db`` and of a bare QMainWindow, interleaved; medians.

    ``cold``: the system's file cache emptied before each start (``drop_file_cache``), as at
    the first start of the day after a reboot; the result says how (``cache``), or is None
    when it cannot be done here."""
    home = Path(tempfile.mkdtemp(prefix="rejuv-bench-home-"))
    env = child_env(home)
    # One of each first, not counted: byte code compiled, the OS's file cache warm.
    time_start("start_bare.py", None, env)
    time_start("start_app.py", db, env)
    how = "warm"
    if cold:
        how = drop_file_cache(db)
        if how is None:
            return None
    bare, app, unclean = [], [], []
    for _ in range(runs):
        if cold:
            drop_file_cache(db)
        bare.append(time_start("start_bare.py", None, env))
        if cold:
            drop_file_cache(db)
        app.append(time_start("start_app.py", db, env))
        if cold:
            drop_file_cache(db)
        unclean.append(time_start("start_app.py", db, env, unclean=True))
    for leftover in (Path(f"{db}.lock"), Path(f"{db}.check-pending")):
        leftover.unlink(missing_ok=True)
    return {"app_s": [r.seconds for r in app], "bare_s": [r.seconds for r in bare],
            "unclean_s": [r.seconds for r in unclean],
            "app_peak_mib": [r.peak_mib for r in app], "bare_peak_mib": [r.peak_mib for r in bare],
            "rows_shown": app[-1].rows, "cache": how}


_EVICTED: list[Path] = []


def drop_file_cache(db: Path) -> str | None:
    """Empty the system's file cache: all of it where the bench may (root, with
    ``/proc/sys/vm/drop_caches`` writable); else the database and the files a start reads
    (Python's library, PySide6 and Qt, the app) are evicted one by one with
    ``posix_fadvise(DONTNEED)``. Returns how, or None when neither can be done."""
    try:
        os.sync()
        with open("/proc/sys/vm/drop_caches", "w", encoding="ascii") as f:
            f.write("3\n")
        return "cold (page cache dropped)"
    except OSError:
        pass
    if not hasattr(os, "posix_fadvise"):
        return None
    if not _EVICTED:
        import sysconfig

        import PySide6
        import shiboken6

        roots = [Path(sysconfig.get_paths()["stdlib"]), Path(PySide6.__file__).parent,
                 Path(shiboken6.__file__).parent, ROOT / "rejuv_desktop", ROOT / "resources"]
        _EVICTED.extend(p for root in roots for p in root.rglob("*") if p.is_file())
    evicted = 0
    for path in [db, Path(f"{db}-wal"), Path(f"{db}-shm"), *_EVICTED]:
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            continue
        try:
            os.fdatasync(fd)
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            evicted += 1
        except OSError:
            pass
        finally:
            os.close(fd)
    return f"cold ({evicted:,} files evicted with posix_fadvise)" if evicted else None


def fsync_latency_ms(folder: Path, writes: int = 30) -> float:
    """The disk's fsync latency where the databases are: the median of ``writes`` 4 KiB
    writes to a file there, each followed by ``fsync``. A figure of durable writes (a tick)
    scales with it; printed with every figure, so that runs on other disks compare."""
    path = folder / "fsync-probe.bin"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    times = []
    try:
        block = os.urandom(4096)
        for n in range(writes):
            os.pwrite(fd, block, (n % 8) * 4096)
            t0 = time.perf_counter()
            os.fsync(fd)
            times.append((time.perf_counter() - t0) * 1000)
    finally:
        os.close(fd)
        path.unlink(missing_ok=True)
    return median(times)


def startup_check_seconds(db: Path) -> dict:
    """The full integrity check (``PRAGMA quick_check``) as the app runs it behind the window
    after an unclean exit (with its progress), and the same check bare (its baseline)."""
    from rejuv_desktop.storage import backup, integrity

    with open(db, "rb") as f:  # both timed runs read from the same warm file cache
        while f.read(16 << 20):
            pass
    started = time.perf_counter()
    bare = backup.quick_check(db)
    bare_s = time.perf_counter() - started
    shares: list[float] = []
    started = time.perf_counter()
    result = integrity.quick_check(db, shares.append)
    elapsed = time.perf_counter() - started
    if result != ["ok"] or bare != ["ok"]:
        raise RuntimeError(f"the generated database failed its check: {result[:3]}")
    return {"check_s": elapsed, "bare_s": bare_s, "progress_reports": len(shares),
            "last_estimate_before_end": shares[-2] if len(shares) > 1 else None}


# --- figures 2, 3 (and 7): the main window driven offscreen --------------------------------------

def ui_figures(db: Path, busy_patient_id: int, queries: int, opens: int) -> dict:
    """Run ``ui_timings.py`` on ``db`` in its own process; its JSON report."""
    home = Path(tempfile.mkdtemp(prefix="rejuv-bench-home-"))
    out = subprocess.run(
        [sys.executable, str(HERE / "ui_timings.py"), str(db), str(busy_patient_id),
         str(queries), str(opens)],
        capture_output=True, text=True, env=child_env(home), timeout=3600)
    if out.returncode != 0 or not out.stdout.strip():
        raise RuntimeError(f"ui_timings.py failed: {out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- figure 4: a checklist tick saved durably ----------------------------------------------------

def tick_figures(db: Path, session_id: int, ticks: int) -> dict:
    """``services.sessions.tick`` on the generated database against one bare SQLite commit
    (WAL, ``synchronous=FULL``) in a file beside it, interleaved. ``session_id``: the
    generated session in progress, whose plan the ticks are recorded in."""
    from rejuv_desktop.services import sessions as ss
    from rejuv_desktop.storage import open_store
    from rejuv_desktop.storage.db import sqlite3

    from rejuv_desktop.storage import sessions as sessions_repo

    store = open_store(db)
    store.actor_id = 1
    # A fresh session of the generated plan each run (the last run's is abandoned), so every
    # run ticks in a session of the usual size, not one grown by earlier runs.
    plan_id = ss.get_session(store, session_id)["plan_id"]
    previous = sessions_repo.open_session_of_plan(store, plan_id)
    if previous:
        ss.abandon_session(store, previous["id"], "Benchmark run finished")
    session_id = fresh_session(store, plan_id)
    bare_path = db.parent / "bare-commit.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(str(bare_path) + suffix).unlink(missing_ok=True)
    bare = sqlite3.connect(str(bare_path), isolation_level=None)
    bare.execute("PRAGMA journal_mode=WAL")
    bare.execute("PRAGMA synchronous=FULL")
    bare.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, x TEXT NOT NULL)")
    key = "todays_check.no_infection"
    ss.tick(store, session_id, key, True)  # first use: protocol loaded, pages cached
    tick_ms, bare_ms = [], []
    try:
        for n in range(ticks):
            t0 = time.perf_counter()
            ss.tick(store, session_id, key, n % 2 == 1)
            t1 = time.perf_counter()
            bare.execute("BEGIN IMMEDIATE")
            bare.execute("INSERT INTO t (x) VALUES (?)", (f"tick {n}",))
            bare.execute("COMMIT")
            t2 = time.perf_counter()
            tick_ms.append((t1 - t0) * 1000)
            bare_ms.append((t2 - t1) * 1000)
    finally:
        store.close()
        bare.close()
        for suffix in ("", "-wal", "-shm"):
            Path(str(bare_path) + suffix).unlink(missing_ok=True)
    return {"tick_ms": tick_ms, "bare_ms": bare_ms}


def fresh_session(store, plan_id: int) -> int:
    """Start a session of ``plan_id`` as practitioner 1. An abandoned session counts for the
    series' spacing (15 days in mesotherapy), so after an earlier run the start is early: a
    doctor records why, as in the clinic. A clinic generated before its doctors were recorded
    as such has its first practitioner (an administrator, "Dr", GMC-registered) recorded as
    one, through the accounts service."""
    from rejuv_desktop.services import practitioners as pr
    from rejuv_desktop.services import sessions as ss

    try:
        return ss.start_session(store, plan_id)
    except ss.StartTooEarly:
        pass
    me = pr.get_practitioner(store, store.actor_id)
    if not me.doctor:
        pr.update_practitioner(store, me.id, {
            "name": me.name, "title": me.title, "registration": me.registration,
            "role": me.role, "active": 1, "is_doctor": True})
    return ss.start_session(store, plan_id, early_reason="Benchmark: the checklist ticks are "
                                                          "timed in a new session each run.")


# --- figure 8: the clinic audit ------------------------------------------------------------------

def audit_figures(db: Path, runs: int) -> dict:
    """``services.outcomes.clinic_audit`` over the whole clinic (every date, procedure and
    practitioner) against the bare count of the rows it reads (completed sessions, outcome
    visits and the hands graded at them, each from its index), interleaved."""
    from rejuv_desktop.services import outcomes as so
    from rejuv_desktop.storage import open_store

    store = open_store(db, read_only=True)
    rules = list(so.outcome_rules())
    marks = ", ".join("?" * len(rules))

    def bare() -> int:
        q = store.conn.execute
        return (q("SELECT count(*) FROM sessions WHERE status = 'completed'").fetchone()[0]
                + q(f"SELECT count(*) FROM follow_ups WHERE rule_id IN ({marks})",
                    rules).fetchone()[0]
                + q("SELECT count(*) FROM hand_assessments WHERE follow_up_id IS NOT NULL"
                    ).fetchone()[0])

    try:
        so.clinic_audit(store)  # first use: content loaded, pages cached
        rows = bare()
        audit_ms, bare_ms = [], []
        for _ in range(runs):
            t0 = time.perf_counter()
            audits = so.clinic_audit(store)
            t1 = time.perf_counter()
            bare()
            t2 = time.perf_counter()
            audit_ms.append((t1 - t0) * 1000)
            bare_ms.append((t2 - t1) * 1000)
    finally:
        store.close()
    return {"audit_ms": audit_ms, "bare_ms": bare_ms, "rows": rows,
            "sessions": sum(a.sessions for a in audits)}


# --- figure 5: a consent PDF --------------------------------------------------------------------

def consent_figures(runs: int) -> dict:
    """``render_consent`` against a bare ReportLab build of the same text in the same fonts."""
    import io

    import pypdf

    from rejuv_desktop.documents import (ClinicInfo, ConsentContext, PatientInfo,
                                         PractitionerInfo, render_consent,
                                         render_plain_text_baseline)

    ctx = ConsentContext(
        clinic=ClinicInfo(name="Harbourside Hand Clinic", address="12 Quay Street, Bristol",
                          phone="0117 496 0000", logo_png=None),
        patient=PatientInfo(full_name="Małgorzata Łukasiewicz-Ødegård",
                            date_of_birth=date(1961, 3, 4)),
        practitioner=PractitionerInfo(name="Dr Claire Martin", title="Plastic surgeon",
                                      registration="GMC 7123456"),
        procedure="fat_transfer", issued_on=date(2026, 11, 2), document_id="CF-20261102-0042",
        planned_sessions=["Monday 16 November 2026, both hands"])
    t0 = time.perf_counter()
    first = render_consent(ctx)
    first_ms = (time.perf_counter() - t0) * 1000
    reader = pypdf.PdfReader(io.BytesIO(first.pdf))
    blocks = [line for page in reader.pages for line in page.extract_text().splitlines()
              if line.strip()]
    render_plain_text_baseline(blocks)
    app_ms, bare_ms = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        render_consent(ctx)
        t1 = time.perf_counter()
        render_plain_text_baseline(blocks)
        t2 = time.perf_counter()
        app_ms.append((t1 - t0) * 1000)
        bare_ms.append((t2 - t1) * 1000)
    return {"consent_ms": app_ms, "bare_ms": bare_ms, "first_ms": first_ms,
            "pages": len(reader.pages), "lines": len(blocks)}


# --- the machine ---------------------------------------------------------------------------------

@dataclass
class Machine:
    cpu: str
    cores: int
    python: str
    sqlite: str
    qt: str
    pyside: str
    extra: dict = field(default_factory=dict)

    def line(self) -> str:
        return (f"{self.cpu}, {self.cores} cores; Python {self.python}; SQLite {self.sqlite}; "
                f"Qt {self.qt} (PySide6 {self.pyside})")


def machine() -> Machine:
    import platform

    import PySide6
    from PySide6.QtCore import qVersion

    from rejuv_desktop.storage.db import sqlite_version

    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f
                       if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return Machine(cpu, os.cpu_count() or 1, platform.python_version(), sqlite_version(),
                   qVersion(), PySide6.__version__)
