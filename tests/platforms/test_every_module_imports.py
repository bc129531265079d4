"""Every module imports, and every per-OS picker chooses, as Windows, macOS and Linux would.

CI runs on Linux only, so each run switches the platform in a fresh interpreter
(tests/platforms/as_platform.py): `sys.platform`, and the clock and user-id functions that OS's
standard library lacks.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOUND_TOOLS = ("afplay", "paplay")  # one for macOS, one for Linux; fakes on PATH below


def as_platform(platform: str, tmp_path: Path) -> dict[str, Any]:
    tools = tmp_path / "bin"
    tools.mkdir()
    for name in SOUND_TOOLS:
        (tools / name).write_text("#!/bin/sh\n")
        (tools / name).chmod(0o755)
    env = {**os.environ, "PATH": f"{tools}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(
        [sys.executable, "-m", "tests.platforms.as_platform", platform],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    report: dict[str, Any] = json.loads(done.stdout)
    assert report["platform"] == platform
    return report


@pytest.fixture(scope="module")
def module_count() -> int:
    import tests.platforms.as_platform as probe

    return len(probe.module_names())


def test_as_windows_every_module_imports_and_the_windows_backends_are_chosen(
    tmp_path: Path, module_count: int
) -> None:
    report = as_platform("win32", tmp_path)
    assert report["modules"] == module_count
    assert report["elapsed"] == "WINDOWS_MONOTONIC"
    assert report["autostart"] == "WindowsRunKey"
    assert report["idle"] == ["windows"]
    assert report["socket_is_a_path"] is False  # a named pipe
    assert report["sound"] == "winsound"
    assert report["suspended_seconds"] == "float"


def test_as_macos_every_module_imports_and_the_macos_backends_are_chosen(
    tmp_path: Path, module_count: int
) -> None:
    report = as_platform("darwin", tmp_path)
    assert report["modules"] == module_count
    assert report["elapsed"] == "DARWIN_MONOTONIC"
    assert report["autostart"] == "MacLaunchAgent"
    assert report["idle"] == ["macos"]
    assert report["socket_is_a_path"] is True
    assert report["sound"] == "afplay"


def test_as_linux_every_module_imports_and_the_linux_backends_are_chosen(
    tmp_path: Path, module_count: int
) -> None:
    report = as_platform("linux", tmp_path)
    assert report["modules"] == module_count
    assert report["elapsed"] == "BOOTTIME"
    assert report["autostart"] == "XdgAutostart"
    assert report["idle"] == [
        "gnome-mutter",
        "x11",
        "x11-screensaver",
        "freedesktop-screensaver",
        "wayland-ext-idle-notify",
    ]
    assert report["socket_is_a_path"] is True
    assert report["sound"] == "paplay"
