"""Build the frozen application (``make dist``): the same steps on Linux, Windows and macOS.

1. A build virtualenv, ``.venv-dist``, made with the release Python (3.12; see README, Releases)
   and filled from the lock files only: exact versions, every file checked against its SHA-256
   (``pip --require-hashes``), nothing resolved afresh. The everyday ``.venv`` is not touched.
2. PyInstaller builds ``dist/rejuv-desktop/`` (one folder) from ``packaging/rejuv-desktop.spec``.
3. On Linux, the folder with its desktop file, AppStream metainfo, icons and install script is
   packed as ``dist/rejuv-desktop-<version>-linux-x86_64.tar.gz``: files in name order, dated
   from the last commit (``SOURCE_DATE_EPOCH``), owned by root, so the same tree packs the same.
   On Windows and macOS the installers are made by the CI workflow (.github/workflows).

Run with the release Python: ``python3.12 packaging/build.py [--skip-venv]``.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv-dist"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
LOCKS = (ROOT / "requirements-lock.txt", ROOT / "packaging" / "build-requirements.txt")
APP_ID = "org.rejuvdesktop.RejuvDesktop"
RELEASE_PYTHON = (3, 12)


def version() -> str:
    sys.path.insert(0, str(ROOT))
    from rejuv_desktop import __version__

    return __version__


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _stamp() -> str:
    """What the build venv was made from: the Python and the lock files' contents."""
    digest = hashlib.sha256(sys.version.encode())
    for lock in LOCKS:
        digest.update(lock.read_bytes())
    return digest.hexdigest()


def make_venv() -> None:
    """(Re)make ``.venv-dist`` from the lock files unless it was made from these already."""
    stamp_file = VENV / ".locked-from"
    if stamp_file.is_file() and stamp_file.read_text() == _stamp():
        print(f"{VENV.name}: up to date with the lock files")
        return
    if VENV.exists():
        shutil.rmtree(VENV)
    print(f"{VENV.name}: creating with Python {platform.python_version()}", flush=True)
    subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    pip = [str(venv_python()), "-m", "pip", "--disable-pip-version-check"]
    args = []
    for lock in LOCKS:
        args += ["-r", str(lock)]
    subprocess.run([*pip, "install", "--quiet", "--require-hashes", "--no-deps",
                    "--only-binary", ":all:", *args], check=True)
    subprocess.run([*pip, "check"], check=True)
    stamp_file.write_text(_stamp())


def source_date_epoch() -> int:
    """The last commit's time (a tree outside git: now)."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        return int(os.environ["SOURCE_DATE_EPOCH"])
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout.strip()
        return int(out)
    except (OSError, subprocess.CalledProcessError, ValueError):
        return int(time.time())


def freeze(epoch: int, dist: Path = DIST, work: Path = WORK) -> Path:
    env = dict(os.environ, PYTHONHASHSEED="0", SOURCE_DATE_EPOCH=str(epoch),
               QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONPATH", None)
    subprocess.run([str(venv_python()), "-m", "PyInstaller", "--noconfirm", "--clean",
                    "--log-level", "WARN", "--distpath", str(dist), "--workpath", str(work),
                    str(ROOT / "packaging" / "rejuv-desktop.spec")], check=True, env=env,
                   cwd=ROOT)
    return dist / "rejuv-desktop"


def _site_packages() -> Path:
    out = subprocess.run([str(venv_python()), "-c", "import sysconfig; "
                          "print(sysconfig.get_paths()['purelib'])"],
                         check=True, capture_output=True, text=True).stdout.strip()
    return Path(out)


def locked_packages() -> list[str]:
    """The runtime packages of ``requirements-lock.txt``, normalised (``pyside6-essentials``)."""
    names = []
    for line in LOCKS[0].read_text(encoding="utf-8").splitlines():
        if line and not line[0].isspace() and not line.startswith("#") and "==" in line:
            names.append(line.split("==", 1)[0].strip().lower())
    return names


def _normal(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def copy_licences(bundle: Path) -> None:
    """Beside the program: its licence, and every shipped component's licence files
    (``licenses/<package>/``), from the packages' own metadata and ``resources/licenses``."""
    out = bundle / "licenses"
    if out.exists():
        shutil.rmtree(out)
    out.mkdir()
    shutil.copy2(ROOT / "LICENSE", bundle / "LICENSE.txt")
    wanted = set(locked_packages())
    for info in sorted(_site_packages().glob("*.dist-info")):
        name = _normal(info.name.removesuffix(".dist-info").rsplit("-", 1)[0])
        if name not in wanted:
            continue
        files = [p for p in info.rglob("*") if p.is_file()
                 and any(k in p.name.upper() for k in ("LICEN", "COPYING", "NOTICE", "AUTHORS"))]
        for f in files:
            target = out / name / f.relative_to(info).as_posix().replace("licenses/", "", 1)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(f, target)
    for f in sorted((ROOT / "resources" / "licenses").glob("*.txt")):
        shutil.copy2(f, out / f.name)
    for f in sorted((ROOT / "resources" / "fonts").glob("LICENSE-*.txt")):
        shutil.copy2(f, out / f.name)
    python_licence = Path(subprocess.run(
        [str(venv_python()), "-c", "import sys, sysconfig; print(sysconfig.get_paths()['stdlib'])"],
        check=True, capture_output=True, text=True).stdout.strip()) / "LICENSE.txt"
    if python_licence.is_file():
        shutil.copy2(python_licence, out / "Python-LICENSE.txt")


def linux_tree(bundle: Path) -> dict[str, Path]:
    """Archive name -> file, for the Linux tarball."""
    top = f"rejuv-desktop-{version()}"
    linux = ROOT / "packaging" / "linux"
    files = {f"{top}/{p.relative_to(bundle.parent).as_posix()}": p
             for p in sorted(bundle.rglob("*")) if p.is_file() or p.is_symlink()}
    files[f"{top}/install.sh"] = linux / "install.sh"
    files[f"{top}/uninstall.sh"] = linux / "uninstall.sh"
    files[f"{top}/README.txt"] = linux / "README.txt"
    files[f"{top}/share/applications/{APP_ID}.desktop"] = linux / f"{APP_ID}.desktop"
    files[f"{top}/share/metainfo/{APP_ID}.metainfo.xml"] = linux / f"{APP_ID}.metainfo.xml"
    icons = ROOT / "resources" / "icons"
    files[f"{top}/share/icons/hicolor/scalable/apps/{APP_ID}.svg"] = icons / "rejuv-desktop.svg"
    for png in sorted(icons.glob("rejuv-desktop-*.png")):
        size = png.stem.rsplit("-", 1)[1]
        files[f"{top}/share/icons/hicolor/{size}x{size}/apps/{APP_ID}.png"] = png
    return files


def tarball(files: dict[str, Path], out: Path, epoch: int) -> Path:
    """A gzip tarball of ``files``, the same bytes for the same files (sorted, fixed dates,
    owners and modes; gzip without a name or time)."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        dirs: set[str] = set()
        for name in sorted(files):
            parts = name.split("/")
            for i in range(1, len(parts)):
                d = "/".join(parts[:i])
                if d not in dirs:
                    dirs.add(d)
                    info = tarfile.TarInfo(d)
                    info.type, info.mode, info.mtime = tarfile.DIRTYPE, 0o755, epoch
                    tar.addfile(info)
            path = files[name]
            info = tarfile.TarInfo(name)
            info.mtime, info.uid, info.gid, info.uname, info.gname = epoch, 0, 0, "root", "root"
            if path.is_symlink():
                info.type, info.linkname, info.mode = tarfile.SYMTYPE, os.readlink(path), 0o777
                tar.addfile(info)
                continue
            executable = os.access(path, os.X_OK) or path.suffix == ".sh"
            info.mode = 0o755 if executable else 0o644
            info.size = path.stat().st_size
            with open(path, "rb") as fh:
                tar.addfile(info, fh)
    with open(out, "wb") as fh, gzip.GzipFile(filename="", mode="wb", fileobj=fh, mtime=0,
                                              compresslevel=6) as gz:
        gz.write(raw.getvalue())
    return out


def tree_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-venv", action="store_true",
                        help="use .venv-dist as it is (it must exist)")
    parser.add_argument("--no-tarball", action="store_true", help="the folder only")
    parser.add_argument("--dist", type=Path, default=DIST,
                        help="output folder (default: dist); PyInstaller works in "
                             "build/pyinstaller beside it")
    args = parser.parse_args(argv)
    dist = args.dist.resolve()
    work = WORK if dist == DIST else dist.parent / (dist.name + "-work")
    if sys.version_info[:2] != RELEASE_PYTHON:
        print(f"note: releases are built with Python {'.'.join(map(str, RELEASE_PYTHON))}; "
              f"this is {platform.python_version()}", file=sys.stderr)
    started = time.perf_counter()
    if not args.skip_venv:
        make_venv()
    epoch = source_date_epoch()
    bundle = freeze(epoch, dist, work)
    copy_licences(bundle)
    if sys.platform == "darwin":
        copy_licences(dist / "Rejuv Desktop.app" / "Contents" / "Resources")
    print(f"{bundle}: {tree_size(bundle) / 2**20:.0f} MiB", flush=True)
    if sys.platform.startswith("linux") and not args.no_tarball:
        machine = platform.machine().lower()
        out = dist / f"rejuv-desktop-{version()}-linux-{machine}.tar.gz"
        tarball(linux_tree(bundle), out, epoch)
        digest = hashlib.sha256(out.read_bytes()).hexdigest()
        (out.parent / (out.name + ".sha256")).write_text(f"{digest}  {out.name}\n")
        print(f"{out}: {out.stat().st_size / 2**20:.0f} MiB, "
              f"SHA-256 {digest}")
    print(f"built in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
