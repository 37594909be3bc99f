"""What a release is made from: one version, the lock files, the licences, the desktop files,
the icons, and the Linux install script's upgrade (without building the frozen program)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from rejuv_desktop import DESKTOP_ID, __version__

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
LINUX = ROOT / "packaging" / "linux"


def locked(path: Path) -> dict[str, str]:
    """name -> the block of lines that pins it."""
    blocks, name = {}, None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line[0].isspace() and not line.startswith("#"):
            name = re.split(r"[=;\s]", line, maxsplit=1)[0].lower()
            blocks[name] = line
        elif name and line.strip().startswith("--hash"):
            blocks[name] += "\n" + line
    return blocks


def test_the_version_has_one_source():
    project = PYPROJECT["project"]
    assert "version" not in project and "version" in project["dynamic"]
    assert PYPROJECT["tool"]["hatch"]["version"]["path"] == "rejuv_desktop/__init__.py"
    metainfo = ET.parse(LINUX / f"{DESKTOP_ID}.metainfo.xml").getroot()
    assert metainfo.find("releases/release").get("version") == __version__
    iss = (ROOT / "packaging" / "windows" / "rejuv-desktop.iss").read_text(encoding="utf-8")
    # the installer takes the version from the build (iscc /DAppVersion=...), never its own copy
    assert re.search(r"^AppVersion=\{#AppVersion\}$", iss, re.M)
    assert "#define AppVersion" not in iss


def test_licence_is_an_spdx_expression_and_the_package_is_never_uploaded():
    project = PYPROJECT["project"]
    assert project["license"] == "LicenseRef-Proprietary"
    assert "Private :: Do Not Upload" in project["classifiers"]
    assert not any(c.startswith("License ::") for c in project["classifiers"])  # PEP 639
    for pattern in project["license-files"]:
        assert list(ROOT.glob(pattern)), pattern


def test_the_application_has_a_gui_entry_point_without_a_console():
    assert PYPROJECT["project"]["gui-scripts"]["rejuv-desktop-gui"] == "rejuv_desktop.cli:gui_main"
    assert PYPROJECT["project"]["scripts"]["rejuv-desktop"] == "rejuv_desktop.cli:main"


@pytest.mark.parametrize("lock", ["requirements-lock.txt", "packaging/build-requirements.txt"])
def test_lock_files_pin_exact_versions_with_hashes(lock):
    blocks = locked(ROOT / lock)
    assert blocks
    for name, block in blocks.items():
        assert re.match(rf"{re.escape(name)}==\d", block, re.I), block.splitlines()[0]
        assert "--hash=sha256:" in block, f"{name} has no hash"


def test_every_dependency_is_in_the_lock_file_and_pysqlite3_where_wheels_exist():
    blocks = locked(ROOT / "requirements-lock.txt")
    for requirement in PYPROJECT["project"]["dependencies"]:
        name = re.split(r"[<>=;\s\[]", requirement, maxsplit=1)[0].lower()
        assert name in blocks, name
    marker = blocks["pysqlite3"].splitlines()[0]
    for platform in ("sys_platform == 'linux'", "sys_platform == 'win32'",
                     "sys_platform == 'darwin'"):
        assert platform in marker


def test_every_shipped_package_has_its_licence_listed():
    from rejuv_desktop.services.about import third_party

    listed = {c.package for c in third_party()}
    assert set(locked(ROOT / "requirements-lock.txt")) <= listed
    qt = next(c for c in third_party() if c.name == "Qt")
    assert qt.licence == "LGPL-3.0-only" and "replace" in qt.note
    assert all(t.is_file() for c in third_party() for t in c.texts)


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (apt-get install "
                    f"{'desktop-file-utils' if 'desktop' in name else 'appstream'})")
    return path


def test_desktop_file_is_valid():
    run = subprocess.run([_tool("desktop-file-validate"), str(LINUX / f"{DESKTOP_ID}.desktop")],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "error" not in run.stdout.lower()


def test_appstream_metainfo_is_valid():
    run = subprocess.run([_tool("appstreamcli"), "validate", "--no-net",
                          str(LINUX / f"{DESKTOP_ID}.metainfo.xml")],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_icons_exist_at_every_size_from_the_svg_master():
    from PIL import Image

    icons = ROOT / "resources" / "icons"
    ET.parse(icons / "rejuv-desktop.svg")  # well-formed
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        with Image.open(icons / f"rejuv-desktop-{size}.png") as image:
            assert image.size == (size, size) and image.mode == "RGBA"
            # drawn, not blank: the tile's teal and the hand's white are both there
            colours = {c for _n, c in image.convert("RGB").getcolors(size * size)}
            assert (255, 255, 255) in colours and len(colours) > 4
    with Image.open(ROOT / "packaging" / "icons" / "rejuv-desktop.ico") as ico:
        assert {(256, 256), (48, 48), (16, 16)} <= set(ico.info["sizes"])
    with Image.open(ROOT / "packaging" / "icons" / "rejuv-desktop.icns") as icns:
        assert icns.size == (1024, 1024) or (512, 512) <= icns.size


def _fake_release(tmp_path: Path, version: str) -> Path:
    """An unpacked tarball as build.py lays it out, with a stand-in program."""
    top = tmp_path / f"rejuv-desktop-{version}"
    (top / "rejuv-desktop").mkdir(parents=True)
    program = top / "rejuv-desktop" / "rejuv-desktop"
    program.write_text(f"#!/bin/sh\necho rejuv-desktop {version}\n")
    program.chmod(0o755)
    for script in ("install.sh", "uninstall.sh"):
        shutil.copy2(LINUX / script, top / script)
    (top / "share" / "applications").mkdir(parents=True)
    shutil.copy2(LINUX / f"{DESKTOP_ID}.desktop", top / "share" / "applications")
    (top / "share" / "metainfo").mkdir(parents=True)
    shutil.copy2(LINUX / f"{DESKTOP_ID}.metainfo.xml", top / "share" / "metainfo")
    icon_dir = top / "share" / "icons" / "hicolor" / "48x48" / "apps"
    icon_dir.mkdir(parents=True)
    shutil.copy2(ROOT / "resources" / "icons" / "rejuv-desktop-48.png",
                 icon_dir / f"{DESKTOP_ID}.png")
    return top


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_an_upgrade_installs_beside_the_old_version_and_never_touches_the_data(tmp_path):
    home = tmp_path / "home"
    data = home / ".local" / "share" / "rejuv-desktop"
    (data / "content").mkdir(parents=True)
    (data / "rejuv.sqlite3").write_bytes(b"SQLite format 3\x00 the clinic")
    (data / "content" / "screening.toml").write_text('id = "clinic"\n')
    (data / "backups").mkdir()
    before = _tree(data)
    env = {"HOME": str(home), "PATH": os.environ["PATH"]}
    for version in ("0.0.9", "0.1.0", "0.2.0"):
        release = _fake_release(tmp_path / "unpacked", version)
        run = subprocess.run(["sh", str(release / "install.sh")], env=env, capture_output=True,
                             text=True, cwd=tmp_path)
        assert run.returncode == 0, run.stderr
    root = home / ".local" / "opt" / "rejuv-desktop"
    assert os.readlink(root / "current") == "0.2.0"
    assert os.readlink(root / "previous") == "0.1.0"
    assert sorted(p.name for p in root.iterdir()) == ["0.1.0", "0.2.0", "current", "previous"]
    launcher = home / ".local" / "bin" / "rejuv-desktop"
    assert subprocess.run([str(launcher)], capture_output=True, text=True).stdout.strip() == \
        "rejuv-desktop 0.2.0"
    desktop = (home / ".local/share/applications" / f"{DESKTOP_ID}.desktop").read_text()
    assert f'Exec="{root}/current/rejuv-desktop" gui' in desktop
    if shutil.which("desktop-file-validate"):  # as installed, with its absolute path
        check = subprocess.run(["desktop-file-validate",
                                str(home / ".local/share/applications" / f"{DESKTOP_ID}.desktop")],
                               capture_output=True, text=True)
        assert check.returncode == 0, check.stdout
    assert (home / ".local/share/icons/hicolor/48x48/apps" / f"{DESKTOP_ID}.png").is_file()
    assert _tree(data) == before  # the clinic's data: not a byte changed

    run = subprocess.run(["sh", str(release / "uninstall.sh")], env=env, capture_output=True,
                         text=True)
    assert run.returncode == 0, run.stderr
    assert not root.exists() and not launcher.exists()
    assert _tree(data) == before


def test_install_refuses_the_data_folder_as_its_target(tmp_path):
    home = tmp_path / "home"
    release = _fake_release(tmp_path, "0.1.0")
    env = {"HOME": str(home), "PATH": os.environ["PATH"],
           "REJUV_PREFIX": str(home / ".local" / "share" / "rejuv-desktop" / "app")}
    run = subprocess.run(["sh", str(release / "install.sh")], env=env, capture_output=True,
                         text=True)
    assert run.returncode == 1
    assert "data folder" in run.stderr
    assert not (home / ".local" / "share" / "rejuv-desktop" / "app" / "0.1.0").exists()


def test_gui_entry_point_opens_the_application_with_its_options(monkeypatch):
    from rejuv_desktop import cli

    seen = []
    monkeypatch.setitem(cli.COMMANDS, "gui", lambda args: seen.append(args) or 0)
    monkeypatch.setattr("sys.argv", ["rejuv-desktop-gui", "--db", "clinic.sqlite3"])
    assert cli.gui_main() == 0
    assert seen[0].command == "gui" and str(seen[0].db) == "clinic.sqlite3"
    assert seen[0].quit_when_shown is False
