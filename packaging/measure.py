"""Size and start time of the frozen program beside the source install (README, Releases).

    python3 packaging/measure.py [--runs 7] [--bundle dist/rejuv-desktop]

Start time: from spawning the program to its first window shown (offscreen), as
``--quit-when-shown`` reports it, on a demo clinic: the sign-in window. Cold starts of each are
interleaved, the first of each not counted; medians. The source install is ``.venv`` running
``main.py``. Sizes: the bundle folder, its tarball if built, and the runtime packages the source
install needs in its virtualenv (Python itself not counted: a source install needs it already).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "packaging"))
from build import locked_packages, tree_size  # noqa: E402


def start_seconds(command: list[str], env: dict[str, str], cwd: Path) -> float:
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            env=env, cwd=cwd, text=True)
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - started
    proc.wait(timeout=120)
    if not line.startswith("SHOWN"):
        raise RuntimeError(f"{command[0]} did not show its window: {line!r}")
    return elapsed


def packages_size(site: Path, names: set[str]) -> int:
    total = 0
    for info in site.glob("*.dist-info"):
        name = info.name.removesuffix(".dist-info").rsplit("-", 1)[0].lower().replace("_", "-")
        if name not in names or not (info / "RECORD").is_file():
            continue
        for line in (info / "RECORD").read_text(encoding="utf-8").splitlines():
            path = site / line.split(",", 1)[0]
            if path.is_file():
                total += path.stat().st_size
    return total


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "rejuv-desktop")
    args = parser.parse_args()
    place = Path(tempfile.mkdtemp(prefix="rejuv-measure-"))
    home = place / "home"
    home.mkdir()
    frozen = [str(args.bundle / "rejuv-desktop")]
    source = [str(ROOT / ".venv" / "bin" / "python"), str(ROOT / "main.py")]
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"}
    db = place / "demo.sqlite3"
    subprocess.run([*frozen, "demo", "--db", str(db)], env=env, cwd=place, check=True,
                   capture_output=True)
    runs = {"frozen": [], "source": []}
    for i in range(args.runs + 1):
        for kind, command in (("frozen", frozen), ("source", source)):
            seconds = start_seconds([*command, "--db", str(db), "--quit-when-shown"], env, place)
            if i:  # the first of each warms the file cache
                runs[kind].append(seconds)
    site = next((ROOT / ".venv" / "lib").glob("python3*/site-packages"))
    runtime = packages_size(site, set(locked_packages()))
    print(f"start to the first window (median of {args.runs}, offscreen): "
          f"frozen {statistics.median(runs['frozen']):.2f} s, "
          f"source {statistics.median(runs['source']):.2f} s")
    print(f"frozen folder: {tree_size(args.bundle) / 2**20:.0f} MiB")
    for tarball in sorted(args.bundle.parent.glob("rejuv-desktop-*.tar.gz")):
        print(f"{tarball.name}: {tarball.stat().st_size / 2**20:.0f} MiB")
    print(f"source install: {runtime / 2**20:.0f} MiB of packages in its virtualenv, "
          f"{tree_size(ROOT / 'rejuv_desktop') / 2**20 + tree_size(ROOT / 'resources') / 2**20:.0f}"
          " MiB of the app (its Python not counted)")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    raise SystemExit(main())
