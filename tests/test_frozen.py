"""The frozen program (``make dist``) runs where there is no Python: the folder is copied to a
temporary place and run with an empty environment (no virtualenv, no project on any path, the
working folder a temporary one), as on a clinic's computer.

The program is built once per test run with ``packaging/build.py`` (the folder only, no
tarball) into ``build/test-frozen``, and reused while the sources, spec and lock files are
unchanged. A cold build takes about a minute (about two with the build virtualenv to make);
without Python 3.12 on the machine the tests skip, saying so.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from rejuv_desktop import __version__
from rejuv_desktop.storage import sqlite_safety

pytestmark = pytest.mark.frozen

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "build" / "test-frozen"
SOURCES = ("main.py", "rejuv_desktop", "resources", "packaging/rejuv-desktop.spec",
           "packaging/build.py", "requirements-lock.txt", "packaging/build-requirements.txt")


def release_python() -> str | None:
    """Python 3.12, as the Makefile finds it (REJUV_PYTHON_DIST first)."""
    candidates = [os.environ.get("REJUV_PYTHON_DIST"), shutil.which("python3.12")]
    pyenv_root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    candidates += sorted(str(p) for p in pyenv_root.glob("versions/3.12*/bin/python3.12"))
    for candidate in filter(None, candidates):
        try:
            ok = subprocess.run([candidate, "-c", "import sys; assert sys.version_info[:2] == "
                                 "(3, 12)"], capture_output=True, timeout=30).returncode == 0
        except (OSError, subprocess.TimeoutExpired):
            ok = False
        if ok:
            return candidate
    return None


def source_digest() -> str:
    digest = hashlib.sha256()
    for name in SOURCES:
        path = ROOT / name
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for f in files:
            if "__pycache__" in f.parts:
                continue
            digest.update(f.relative_to(ROOT).as_posix().encode())
            digest.update(f.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="session")
def frozen_build() -> Path:
    """The built folder (``build/test-frozen/rejuv-desktop``), built now if out of date."""
    python = release_python()
    if python is None:
        pytest.skip("the frozen program is built with Python 3.12, which is not on this "
                    "machine (install it, or set REJUV_PYTHON_DIST to its path)")
    digest = source_digest()
    stamp = OUT / ".sources"
    bundle = OUT / "rejuv-desktop"
    if not (stamp.is_file() and stamp.read_text() == digest and bundle.is_dir()):
        shutil.rmtree(OUT, ignore_errors=True)
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
        run = subprocess.run([python, str(ROOT / "packaging" / "build.py"), "--no-tarball",
                              "--dist", str(OUT)], cwd=ROOT, env=env, capture_output=True,
                             text=True, timeout=1500)
        assert run.returncode == 0, (run.stdout + run.stderr)[-4000:]
        stamp.write_text(digest)
    return bundle


@pytest.fixture(scope="session")
def machine(frozen_build, tmp_path_factory) -> dict:
    """A 'fresh machine': the folder copied elsewhere, an empty home, an empty working folder."""
    place = tmp_path_factory.mktemp("clinic-pc")
    program_dir = shutil.copytree(frozen_build, place / "opt" / "rejuv-desktop", symlinks=True)
    home = place / "home"
    home.mkdir()
    work = place / "work"
    work.mkdir()
    return {"program": program_dir / "rejuv-desktop", "home": home, "work": work}


def run(machine: dict, *args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    """``env -i HOME=... QT_QPA_PLATFORM=offscreen PATH=/usr/bin:/bin program ARGS``."""
    env = {"HOME": str(machine["home"]), "PATH": "/usr/bin:/bin",
           "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([str(machine["program"]), *args], cwd=machine["work"], env=env,
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="session")
def demo_db(machine) -> Path:
    db = machine["work"] / "demo.sqlite3"
    result = run(machine, "demo", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "Demo clinic created" in result.stdout
    return db


def test_version(machine):
    result = run(machine, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"rejuv-desktop {__version__}"


def test_demo_then_check_reports_a_healthy_database_on_a_safe_sqlite(machine, demo_db):
    result = run(machine, "check", "--db", str(demo_db))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Database is healthy." in result.stdout
    sqlite_line = next(line for line in result.stdout.splitlines() if "sqlite" in line)
    assert sqlite_line.startswith("OK")
    version = sqlite_line.split()[-1]
    assert not sqlite_safety.wal_reset_affected(version)  # the bundled SQLite, 3.51.3 or newer


def test_print_issues_a_pdf_with_the_bundled_fonts(machine, demo_db):
    password = machine["work"] / "password"
    password.write_text("demo-clinic\n")
    password.chmod(0o600)
    out = machine["work"] / "consent.pdf"
    result = run(machine, "print", "consent", "--db", str(demo_db), "--patient", "1",
                 "--procedure", "fat_transfer", "--as", "1", "--password-file", str(password),
                 "--out", str(out))
    assert result.returncode == 0, result.stderr
    from pypdf import PdfReader

    reader = PdfReader(out)
    assert "Consent" in reader.pages[0].extract_text()
    fonts = {str(f["/BaseFont"]) for page in reader.pages
             for f in page["/Resources"]["/Font"].values()}
    assert any("DejaVu" in f for f in fonts)


def test_content_check_reads_the_packaged_content(machine):
    result = run(machine, "content", "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "all valid" in result.stdout


def test_the_window_opens_offscreen(machine, demo_db):
    result = run(machine, "--db", str(demo_db), "--quit-when-shown")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("SHOWN Sign in")
    # First run on this machine (no database in the data folder yet): the set-up wizard.
    result = run(machine, "--quit-when-shown")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("SHOWN ")
    assert (machine["home"] / ".local" / "share" / "rejuv-desktop").is_dir()


def test_the_release_python_and_qt_pair_needs_no_refcount_patch(frozen_build):
    """PySide6 6.12 on Python 3.12 survives what kills it on 3.11 without the guard in
    ``rejuv_desktop/ui/__init__.py`` (which is therefore only applied on 3.11)."""
    venv_python = ROOT / ".venv-dist" / "bin" / "python"
    script = textwrap.dedent("""
        import sys
        from PySide6.QtCore import QObject, Signal
        from PySide6.QtWidgets import QApplication, QLabel
        assert sys.version_info[:2] == (3, 12)
        app = QApplication([])
        label = QLabel()
        class Source(QObject):
            fired = Signal()
        source = Source()
        for i in range(30_000):
            label.setText(str(i))
            source.fired.emit()
        print("survived")
    """)
    result = subprocess.run([str(venv_python), "-c", script], capture_output=True, text=True,
                            timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
                            cwd=frozen_build)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "survived" in result.stdout



HIDDEN = (os.path.expanduser("~/.pyenv"), "/usr/lib/python3", "/usr/local/lib", "/opt", str(ROOT), sys.prefix,
          sys.base_prefix, os.path.expanduser("~/.local/lib"))


def test_it_runs_with_no_python_and_no_project_on_the_machine(machine, tmp_path):
    """Every Python and the project hidden (a private mount namespace with empty folders over
    them): what a clinic's computer without Python is. Needs root, as CI has."""
    if shutil.which("unshare") is None or os.geteuid() != 0:
        pytest.skip("hiding Python needs unshare and root")
    hidden = [d for d in dict.fromkeys(HIDDEN)
              if not str(machine["program"]).startswith(d + "/") and Path(d).is_dir()]
    pythons = {str(Path(p).resolve()) for p in (shutil.which("python3"), sys.executable,
                                                "/usr/bin/python3", "/usr/bin/python3.11") if p}
    pythons = sorted(p for p in pythons if Path(p).exists()
                     and not any(p.startswith(d + "/") for d in hidden))
    hide = " ".join(f"mount --bind /dev/null {p};" for p in pythons)
    hide += " ".join(f"[ -d {d} ] && mount -t tmpfs none {d};" for d in hidden)
    program = machine["program"]
    script = (f"{hide} if python3 -c 1 2>/dev/null || [ -e {ROOT}/main.py ]; then"
              " echo VISIBLE; exit 3; fi;"
              f" {program} demo --db {tmp_path}/fresh.sqlite3 >/dev/null &&"
              f" {program} --db {tmp_path}/fresh.sqlite3 --quit-when-shown")
    env = {"HOME": str(machine["home"]), "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(["unshare", "-m", "sh", "-c", script], env=env, cwd=tmp_path,
                            capture_output=True, text=True, timeout=300)
    if result.returncode != 0 and "unshare failed" in result.stderr:
        pytest.skip(f"no mount namespace here: {result.stderr.strip()}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("SHOWN Sign in")
