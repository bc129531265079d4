"""The Linux desktop files: valid per the freedesktop validators, in step with the changelog, and
installed and removed again by packaging/linux/install.sh for one user.

The validators are skipped on a developer machine without them and required in CI (.ci/run
installs desktop-file-utils and appstream).
"""

from __future__ import annotations

import hashlib
import os
import re
import struct
import subprocess
import sys
from pathlib import Path

import pytest

import deskbreak
from deskbreak import APP_ID
from deskbreak.desktop.autostart import exec_quote
from tests.desktop.test_autostart import validate as validate_desktop_entry
from tests.x11.conftest import need

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def run_installer(*args: str, data_home: Path, path: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_DATA_HOME": str(data_home), "PATH": path}
    env.pop("DESKBREAK_BIN", None)
    return subprocess.run(
        ["sh", str(LINUX / "install.sh"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture
def program(tmp_path: Path) -> Path:
    """A stand-in `deskbreak` in a folder whose name needs quoting in a launcher entry."""
    folder = tmp_path / "my $tools"
    folder.mkdir()
    program = folder / "deskbreak"
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    return program


def test_the_metainfo_is_valid_appstream() -> None:
    need("appstreamcli")
    done = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(LINUX / f"{APP_ID}.metainfo.xml")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_metainfo_releases_are_generated_from_the_changelog() -> None:
    done = subprocess.run(
        [sys.executable, str(LINUX / "releases.py"), "--check"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout


def test_the_newest_release_in_the_changelog_is_the_package_version() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    releases = re.findall(r"^## \[(\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}$", changelog, re.MULTILINE)
    assert releases[0] == deskbreak.__version__


def test_the_metainfo_names_the_launcher_and_the_screenshots_in_the_repository() -> None:
    metainfo = (LINUX / f"{APP_ID}.metainfo.xml").read_text(encoding="utf-8")
    assert f'<launchable type="desktop-id">{APP_ID}.desktop</launchable>' in metainfo
    for image in re.findall(r"<image>[^<]*/main/(docs/images/[^<]+)</image>", metainfo):
        assert (ROOT / image).is_file(), image
    assert '<screenshot type="default">' in metainfo


def test_the_png_icons_are_rendered_from_the_current_svg() -> None:
    svg = ROOT / "assets" / "icons" / "deskbreak.svg"
    recorded = (LINUX / "icons" / "source.sha256").read_text().split()[0]
    assert recorded == hashlib.sha256(svg.read_bytes()).hexdigest(), "run packaging/linux/render_icons.py"
    assert (
        LINUX / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    ).read_bytes() == svg.read_bytes()


@pytest.mark.parametrize("size", ICON_SIZES)
def test_each_hicolor_png_has_its_size(size: int) -> None:
    assert png_size(LINUX / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png") == (size, size)


def test_install_puts_a_valid_launcher_metainfo_and_icons_in_place(tmp_path: Path, program: Path) -> None:
    data_home = tmp_path / "share"
    done = run_installer(data_home=data_home, path=f"{program.parent}:/usr/bin:/bin")
    assert done.returncode == 0, done.stderr
    launcher = data_home / "applications" / f"{APP_ID}.desktop"
    validate_desktop_entry(launcher)
    text = launcher.read_text(encoding="utf-8")
    quoted = exec_quote(str(program)).replace("\\", "\\\\")  # the spec's quoting, then string escaping
    assert f"Exec={quoted}\n" in text
    assert f"TryExec={program}\n" in text
    assert (data_home / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    for size in ICON_SIZES:
        assert (data_home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png").is_file()
    assert (data_home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()


def test_uninstall_removes_every_file_the_install_wrote(tmp_path: Path, program: Path) -> None:
    data_home = tmp_path / "share"
    assert run_installer(data_home=data_home, path=f"{program.parent}:/usr/bin:/bin").returncode == 0
    done = run_installer("--uninstall", data_home=data_home, path="/usr/bin:/bin")
    assert done.returncode == 0, done.stderr
    left = [path for path in data_home.rglob(f"{APP_ID}*") if path.is_file()]
    assert left == []


def test_install_without_deskbreak_on_path_says_what_to_do_first(tmp_path: Path) -> None:
    done = run_installer(data_home=tmp_path / "share", path="/usr/bin:/bin")
    assert done.returncode == 1
    assert "deskbreak is not on PATH; install it first" in done.stderr
    assert not (tmp_path / "share" / "applications").exists()
