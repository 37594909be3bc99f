"""Generated clinic databases for the benchmark, built once per size and seed and kept in
``bench/.data/`` (ignored by git). A file is only used when its build finished."""

from __future__ import annotations

import time
from pathlib import Path

from rejuv_desktop.services.generate import GENERATOR_VERSION, GeneratedClinic, generate_clinic
from rejuv_desktop.storage import open_store

DATA_DIR = Path(__file__).resolve().parent / ".data"


def clinic_path(patients: int, seed: int, folder: Path = DATA_DIR) -> Path:
    return folder / f"clinic-{patients}-seed{seed}-v{GENERATOR_VERSION}.sqlite3"


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def cached_clinic(patients: int, seed: int = 1, folder: Path = DATA_DIR,
                  log=print) -> tuple[Path, GeneratedClinic]:
    """The database of a generated clinic and what it holds, generating it if needed."""
    path = clinic_path(patients, seed, folder)
    manifest = path.with_suffix(".json")
    if path.exists() and manifest.exists():
        return path, GeneratedClinic.from_json(manifest.read_text(encoding="utf-8"))
    folder.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    _remove(partial)
    log(f"generating a clinic of {patients:,} patients (seed {seed}) in {path.name} …")
    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        if done == total or done % max(1, total // 10) < 1000:
            log(f"  {done:,}/{total:,} patients, {time.perf_counter() - started:.0f} s")

    store = open_store(partial)
    try:
        clinic = generate_clinic(store, patients, seed, progress=progress)
    except BaseException:
        store.close()
        _remove(partial)
        raise
    store.close()
    _remove(path)
    partial.rename(path)
    manifest.write_text(clinic.to_json(), encoding="utf-8")
    log(f"  done in {time.perf_counter() - started:.0f} s, {path.stat().st_size / 2**20:,.0f} MiB")
    return path, clinic
