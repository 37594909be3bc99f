"""Resources resolve both in a checkout and in an installed wheel."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from rejuv_desktop.content import load_toml, resources_root

ROOT = Path(__file__).resolve().parents[1]


def test_resources_found_in_checkout():
    assert resources_root() == ROOT / "resources"
    assert load_toml("screening.toml").data["id"]


@pytest.mark.slow
def test_wheel_ships_resources_and_resolves_them(tmp_path):
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet",
                            "-w", str(tmp_path / "dist"), str(ROOT)],
                           capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stderr
    wheel = next((tmp_path / "dist").glob("rejuv_desktop-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "rejuv_desktop/resources/screening.toml" in names
    assert any(n.startswith("rejuv_desktop/resources/fonts/") for n in names)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--quiet",
                    "--target", str(target), str(wheel)], check=True, timeout=300)
    # Installed without its dependencies, so the clinic's overrides folder is named here rather
    # than found in the user data folder (which needs platformdirs).
    overrides = tmp_path / "clinic-content"
    (overrides / "protocols").mkdir(parents=True)
    (overrides / "protocols" / "mesotherapy.toml").write_text('id = "clinic"\n', encoding="utf-8")
    code = ("import sys; sys.path.insert(0, sys.argv[1]); "
            "from rejuv_desktop.content import resource_path, load_toml, use_overrides_dir; "
            "use_overrides_dir(sys.argv[2]); "
            "p = resource_path('screening.toml'); print(p); "
            "assert load_toml('screening.toml').data['id']; "
            "print(resource_path('protocols', 'mesotherapy.toml'))")
    run = subprocess.run([str(venv / "bin" / "python"), "-c", code, str(target), str(overrides)],
                         capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    packaged, overridden = run.stdout.splitlines()
    assert str(target) in packaged
    assert overridden == str(overrides / "protocols" / "mesotherapy.toml")
