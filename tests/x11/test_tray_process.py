"""The real app on a real X server: the icon embeds, ctl answers, one instance, clean quit, buttons work."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from .conftest import Desktop, wait_for

pytestmark = pytest.mark.x11


def status(desktop: Desktop) -> dict[str, Any]:
    result = desktop.deskbreak("ctl", "status", "--json")
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_the_icon_embeds_in_the_tray(tray_host: Desktop, running: subprocess.Popen[bytes]) -> None:
    tray = wait_for(
        lambda: (s := status(tray_host)["tray"]) and s["geometry"][2] > 0 and s, what="the icon to embed"
    )
    assert tray["available"] is True
    assert tray["visible"] is True
    assert status(tray_host)["state"] in ("sitting", "off_hours")


def test_without_a_tray_the_status_window_shows(desktop: Desktop, running: subprocess.Popen[bytes]) -> None:
    current = status(desktop)
    assert current["tray"]["available"] is False
    assert current["status_window"] is True
    desktop.screenshot("x11-status-window-no-tray")


def test_a_second_start_hands_over_and_exits(tray_host: Desktop, running: subprocess.Popen[bytes]) -> None:
    second = tray_host.deskbreak(timeout=20)
    assert second.returncode == 0
    assert "already running" in second.stdout
    assert running.poll() is None  # the first one is still there


def test_ctl_quit_leaves_no_process_behind(
    tray_host: Desktop, running: subprocess.Popen[bytes], tmp_path: Path
) -> None:
    assert tray_host.deskbreak("ctl", "quit").returncode == 0
    assert running.wait(10) == 0
    assert tray_host.deskbreak("ctl", "status").returncode == 3
    state = json.loads((tmp_path / "data" / "state" / "engine-state.json").read_text())
    assert state["block"]["posture"] == "sitting"


def test_sigterm_quits_cleanly_too(tray_host: Desktop, running: subprocess.Popen[bytes]) -> None:
    running.terminate()
    assert running.wait(10) == 0


def test_the_prompt_and_the_menu_on_screen(tray_host: Desktop, running: subprocess.Popen[bytes]) -> None:
    assert tray_host.deskbreak("ctl", "break-now").returncode == 0
    wait_for(lambda: status(tray_host)["prompt_visible"], what="the prompt window")
    time.sleep(0.3)
    tray_host.screenshot("x11-prompt")
    x, y, width, height = status(tray_host)["tray"]["geometry"]
    tray_host.run("xdotool", "mousemove", "10", "400")
    time.sleep(0.2)
    tray_host.run("xdotool", "mousemove", str(x + width // 2), str(y + height // 2))
    time.sleep(0.2)
    tray_host.run("xdotool", "click", "3")
    time.sleep(0.6)
    tray_host.screenshot("x11-tray-menu")


def test_notification_buttons_reach_the_app(
    tray_host: Desktop, notification_daemon: Desktop, tmp_path: Path
) -> None:
    settings = tmp_path / "config" / "settings.toml"
    settings.write_text(settings.read_text() + '\n[notifications]\nprompt_style = "notification"\n')
    tray_host.start(sys.executable, "-m", "deskbreak")
    wait_for(lambda: tray_host.deskbreak("ctl", "status").returncode == 0, what="deskbreak to answer")
    assert tray_host.deskbreak("ctl", "break-now").returncode == 0
    wait_for(
        lambda: "with buttons" in str(status(tray_host)["notifications"]), what="notifications with buttons"
    )
    wait_for(
        lambda: tray_host.run("dunstctl", "count", "displayed").stdout.strip() == "1", what="the notification"
    )
    (tmp_path / "pick-action.txt").write_text("Snooze 5 min")
    assert (
        tray_host.run("dunstctl", "context").returncode == 0
    )  # opens the actions; the picker chooses Snooze
    wait_for(lambda: status(tray_host)["state"] == "snoozed", what="the snooze to arrive")
