"""Started where no window can open, deskbreak says why in one line and exits 1, before Qt aborts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from deskbreak.desktop.display_probe import display_problem

ROOT = Path(__file__).resolve().parents[2]


def never_opens(_name: str) -> bool:
    return False


def always_opens(_name: str) -> bool:
    return True


def test_without_display_variables_the_problem_is_named() -> None:
    problem = display_problem({}, platform="linux")
    assert problem is not None
    assert "neither DISPLAY nor WAYLAND_DISPLAY is set" in problem


def test_an_x_display_that_does_not_answer_is_named() -> None:
    problem = display_problem({"DISPLAY": ":42"}, platform="linux", x_opens=never_opens)
    assert problem == "no graphical display can be used: the X display ':42' does not answer."


def test_an_x_display_that_answers_is_enough() -> None:
    assert display_problem({"DISPLAY": ":0"}, platform="linux", x_opens=always_opens) is None


def test_a_wayland_socket_is_enough(tmp_path: Path) -> None:
    (tmp_path / "wayland-0").touch()
    environ = {"WAYLAND_DISPLAY": "wayland-0", "XDG_RUNTIME_DIR": str(tmp_path)}
    assert display_problem(environ, platform="linux", x_opens=never_opens) is None


def test_a_missing_wayland_socket_falls_back_to_x_as_qt_does(tmp_path: Path) -> None:
    environ = {"WAYLAND_DISPLAY": "wayland-0", "XDG_RUNTIME_DIR": str(tmp_path), "DISPLAY": ":0"}
    assert display_problem(environ, platform="linux", x_opens=always_opens) is None
    assert display_problem(environ, platform="linux", x_opens=never_opens) == (
        "no graphical display can be used: the Wayland display 'wayland-0' has no socket; "
        "the X display ':0' does not answer."
    )


def test_a_plugin_named_in_qt_qpa_platform_is_the_only_one_tried() -> None:
    environ = {"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-0"}
    assert (
        display_problem(environ, platform="linux") == "no graphical display can be used: DISPLAY is not set."
    )


def test_a_plugin_without_a_display_server_is_trusted() -> None:
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, platform="linux") is None


def test_windows_and_macos_always_have_a_display() -> None:
    assert display_problem({}, platform="win32") is None
    assert display_problem({}, platform="darwin") is None


def test_the_command_prints_one_line_and_exits_1_instead_of_aborting(tmp_path: Path) -> None:
    environ = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    done = subprocess.run(
        [sys.executable, "-m", "deskbreak"], cwd=tmp_path, env=environ,
        capture_output=True, text=True, timeout=30, check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith("deskbreak: there is no graphical display here")
