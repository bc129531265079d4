"""What deskbreak sees on a real X server: idle pushed by XSync alarms and ended by real input, a
focused fullscreen window, dunst's do-not-disturb, and the doctor report, in process and through
the running app."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from deskbreak.core.clock import FakeClock
from deskbreak.core.events import AwayEnded, AwayStarted, Event
from deskbreak.core.settings import AwarenessSettings
from deskbreak.desktop.fullscreen import X11Fullscreen
from deskbreak.desktop.idle.watcher import IdleWatcher
from deskbreak.desktop.idle.xscreensaver import XScreenSaverIdle
from deskbreak.desktop.idle.xsync import XSyncIdle
from deskbreak.desktop.steps import run_blocking
from tests.qt.conftest import clock

from .conftest import Desktop, need, wait_for
from .test_tray_process import status
from .xwindow import TestWindow

pytestmark = pytest.mark.x11
__all__ = ["clock"]  # the fake clock fixture, shared with the Qt tests


@pytest.fixture
def window(desktop: Desktop) -> Iterator[TestWindow]:
    made = TestWindow(desktop.env["DISPLAY"])
    yield made
    made.close()


@pytest.fixture
def xsync(desktop: Desktop) -> Iterator[XSyncIdle]:
    need("xdotool")
    backend = run_blocking(XSyncIdle.open(desktop.env))
    yield backend
    backend.close()


def move_the_mouse(desktop: Desktop) -> None:
    """Real input through the XTEST extension, as a hand on the mouse would give."""
    assert desktop.run("xdotool", "mousemove_relative", "--", "7", "3").returncode == 0


@pytest.mark.parametrize("opener", [XSyncIdle.open, XScreenSaverIdle.open])
def test_the_x11_idle_time_grows_and_input_resets_it(desktop: Desktop, opener: Any) -> None:
    need("xdotool")
    move_the_mouse(desktop)
    backend = run_blocking(opener(desktop.env))
    try:
        wait_for(lambda: (run_blocking(backend.read_idle()) or 0) >= 0.5, what="half a second of idleness")
        move_the_mouse(desktop)
        after = run_blocking(backend.read_idle())
        assert after is not None
        assert after < 0.3
    finally:
        backend.close()


def test_the_xsync_idle_alarm_fires_when_idleness_reaches_the_threshold(
    qtbot: QtBot, desktop: Desktop, xsync: XSyncIdle
) -> None:
    move_the_mouse(desktop)
    fired: list[float] = []
    xsync.watch_idle(0.6, fired.append)
    qtbot.waitUntil(lambda: bool(fired), timeout=5000)
    assert fired[0] >= 0.6  # the counter's value when the alarm went off, in seconds
    idle_now = run_blocking(xsync.read_idle())
    assert idle_now is not None
    assert idle_now >= fired[0]


def test_the_xsync_return_alarm_fires_at_the_first_input_and_the_idle_alarm_again_after_it(
    qtbot: QtBot, desktop: Desktop, xsync: XSyncIdle
) -> None:
    log: list[str] = []
    xsync.watch_idle(0.5, lambda _idle: log.append("idle"))
    qtbot.waitUntil(lambda: log == ["idle"], timeout=5000)
    xsync.watch_active(lambda: log.append("back"))
    move_the_mouse(desktop)
    qtbot.waitUntil(lambda: log == ["idle", "back"], timeout=5000)
    qtbot.waitUntil(lambda: log == ["idle", "back", "idle"], timeout=5000)  # away once more


def test_input_between_the_idle_alarm_and_the_return_watch_is_not_missed(
    qtbot: QtBot, desktop: Desktop, xsync: XSyncIdle
) -> None:
    log: list[str] = []
    xsync.watch_idle(0.5, lambda _idle: log.append("idle"))
    qtbot.waitUntil(lambda: log == ["idle"], timeout=5000)
    move_the_mouse(desktop)  # the user is back before the app asked for the return alarm
    xsync.watch_active(lambda: log.append("back"))
    qtbot.waitUntil(lambda: log[:2] == ["idle", "back"], timeout=5000)


def test_a_user_idle_past_the_threshold_when_the_watch_is_set_is_reported(
    qtbot: QtBot, desktop: Desktop, xsync: XSyncIdle
) -> None:
    move_the_mouse(desktop)
    wait_for(lambda: (run_blocking(xsync.read_idle()) or 0) >= 0.4, what="idleness past the threshold")
    fired: list[float] = []
    xsync.watch_idle(0.3, fired.append)  # no crossing will come: it has happened already
    qtbot.waitUntil(lambda: bool(fired), timeout=3000)
    assert fired[0] >= 0.4


def test_the_idle_watcher_on_xsync_sees_leaving_and_returning_without_reading_anything(
    qtbot: QtBot, desktop: Desktop, xsync: XSyncIdle, clock: FakeClock
) -> None:
    sent: list[Event] = []
    # Below the settings' 30 s minimum, to keep the test short; the rules are the same.
    awareness = AwarenessSettings.model_construct(away_after_seconds=1, break_minutes=5)
    watcher = IdleWatcher(xsync, sent.append, clock.now, lambda: awareness)
    move_the_mouse(desktop)
    watcher.start()
    assert watcher.next_check_seconds is None  # pushed: no reading is planned, away or not
    qtbot.waitUntil(lambda: len(sent) == 1, timeout=5000)
    assert isinstance(sent[0], AwayStarted)
    assert sent[0].kind == "idle"
    assert watcher.next_check_seconds is None
    move_the_mouse(desktop)
    qtbot.waitUntil(lambda: len(sent) == 2, timeout=5000)
    assert sent[1] == AwayEnded()
    watcher.stop()


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
    assert seen["idle"].startswith("X11 XSync IDLETIME alarms on :")
    assert seen["idle"].endswith("(pushed: no polling); now: present")
    assert seen["idle checks"] == "pushed by the desktop"
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
        "\nidle: X11 XSync IDLETIME alarms on :",
        "\nfullscreen: X11 _NET_WM_STATE_FULLSCREEN of the focused window",
        "\ndo-not-disturb: dunst paused (D-Bus); now: off\n",
        "\nnotifications: freedesktop notifications: dunst ",
        "\nrunning: yes: ",
        "\nrunning tray: available: True, embedded, ",
        "\nproblems: none\n",
    ):
        assert expected in text, f"{expected!r} missing from:\n{text}"
