"""What deskbreak sees on a real X server: idle time reset by input, a focused fullscreen window, dunst's
do-not-disturb, and the doctor report, in process and through the running app."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from deskbreak.desktop.fullscreen import X11Fullscreen
from deskbreak.desktop.idle.xscreensaver import XScreenSaverIdle
from deskbreak.desktop.steps import run_blocking

from .conftest import Desktop, wait_for
from .test_tray_process import status
from .xwindow import TestWindow

pytestmark = pytest.mark.x11


@pytest.fixture
def window(desktop: Desktop) -> Iterator[TestWindow]:
    made = TestWindow(desktop.env["DISPLAY"])
    yield made
    made.close()


def test_the_x11_idle_time_grows_and_input_resets_it(desktop: Desktop) -> None:
    desktop.run("xdotool", "mousemove", "5", "5")
    backend = run_blocking(XScreenSaverIdle.open(desktop.env))
    try:
        time.sleep(0.6)
        before = run_blocking(backend.read_idle())
        assert before is not None
        assert before >= 0.5
        desktop.run("xdotool", "mousemove", "300", "200")
        after = run_blocking(backend.read_idle())
        assert after is not None
        assert after < 0.3
    finally:
        backend.close()


def test_only_a_focused_fullscreen_window_is_busy(qtbot: QtBot, desktop: Desktop, window: TestWindow) -> None:
    other = TestWindow(desktop.env["DISPLAY"])
    source = X11Fullscreen.open(desktop.env)
    try:
        source.start(lambda: None)
        window.set_fullscreen(True)
        assert not source.is_busy()  # fullscreen, but the user works elsewhere
        window.focus()
        qtbot.waitUntil(source.is_busy, timeout=3000)
        other.focus()
        qtbot.waitUntil(lambda: not source.is_busy(), timeout=3000)
        other.set_fullscreen(True)  # F11 in the focused window: no focus change, only its state
        qtbot.waitUntil(source.is_busy, timeout=3000)
    finally:
        source.close()
        other.close()


def test_the_running_app_holds_prompts_for_a_focused_fullscreen_window(
    desktop: Desktop, window: TestWindow, running: subprocess.Popen[bytes]
) -> None:
    seen = status(desktop)["awareness"]
    assert seen["idle"].startswith("X11 XScreenSaver extension")
    assert seen["fullscreen"].startswith("X11 _NET_WM_STATE_FULLSCREEN of the focused window")
    window.set_fullscreen(True)
    window.focus()
    wait_for(lambda: "busy:fullscreen" in status(desktop)["held_by"], what="the fullscreen hold")
    window.set_fullscreen(False)
    wait_for(lambda: status(desktop)["held_by"] == [], what="the hold to end")


def test_dunst_do_not_disturb_holds_prompts_in_the_running_app(
    tray_host: Desktop, notification_daemon: Desktop, running: subprocess.Popen[bytes]
) -> None:
    assert status(tray_host)["awareness"]["do-not-disturb"].startswith("dunst paused (D-Bus); now: off")
    assert tray_host.run("dunstctl", "set-paused", "true").returncode == 0
    wait_for(lambda: "busy:dnd" in status(tray_host)["held_by"], what="the do-not-disturb hold")
    assert tray_host.run("dunstctl", "set-paused", "false").returncode == 0
    wait_for(lambda: status(tray_host)["held_by"] == [], what="the hold to end")


def test_doctor_reports_this_desktop_and_the_running_app(
    tray_host: Desktop, notification_daemon: Desktop, running: subprocess.Popen[bytes]
) -> None:
    wait_for(lambda: status(tray_host)["tray"]["geometry"][2] > 0, what="the icon to embed")
    report = tray_host.deskbreak("doctor")
    assert report.returncode == 0, report.stderr
    text = report.stdout
    for expected in (
        "deskbreak 0.1.0 doctor\n",
        ", platform xcb\n",
        "\ntray: available\n",
        "\nidle: X11 XScreenSaver extension on :",
        "\nfullscreen: X11 _NET_WM_STATE_FULLSCREEN of the focused window",
        "\ndo-not-disturb: dunst paused (D-Bus); now: off\n",
        "\nnotifications: freedesktop notifications: dunst ",
        "\nrunning: yes: ",
        "\nrunning tray: available: True, embedded, ",
        "\nproblems: none\n",
    ):
        assert expected in text, f"{expected!r} missing from:\n{text}"
