"""A throwaway desktop for tests that need a real X server: Xvfb, a tray host, a session bus, dunst.

Each fixture starts its own process and stops it afterwards. A missing tool skips the test on a
developer's machine and fails it in CI (CI installs them in .ci/run), so nothing is silently untested.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"


def need(*tools: str) -> None:
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if not missing:
        return
    message = f"needs {', '.join(missing)} (installed by .ci/run)"
    if os.environ.get("CI"):
        pytest.fail(f"CI must provide this: {message}")
    pytest.skip(message)


def wait_for(check: Any, timeout: float = 10.0, what: str = "condition") -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


@dataclass
class Desktop:
    """The environment a process needs to live on the throwaway desktop."""

    env: dict[str, str]
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def start(self, *args: str, **kwargs: Any) -> subprocess.Popen[bytes]:
        process = subprocess.Popen(
            args, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kwargs
        )
        self.processes.append(process)
        return process

    def run(self, *args: str, timeout: float = 20) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            args, env=self.env, capture_output=True, text=True, timeout=timeout, check=False
        )

    def deskbreak(self, *args: str, timeout: float = 20) -> subprocess.CompletedProcess[str]:
        return self.run(sys.executable, "-m", "deskbreak", *args, timeout=timeout)

    def screenshot(self, name: str) -> Path:
        need("import")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.run("import", "-window", "root", str(path))
        assert path.exists()
        return path

    def stop_all(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
        for process in reversed(self.processes):
            try:
                process.wait(5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)


def _free_display() -> int:
    for number in range(90, 140):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(f"/tmp/.X{number}-lock").exists():
            return number
    raise RuntimeError("no free X display number")


@pytest.fixture
def desktop(tmp_path: Path) -> Iterator[Desktop]:
    """Xvfb plus a private session bus, with deskbreak's folders under tmp_path."""
    need("Xvfb", "dbus-daemon")
    number = _free_display()
    env = dict(os.environ)
    env.update(
        DISPLAY=f":{number}",
        QT_QPA_PLATFORM="xcb",
        DESKBREAK_CONFIG_DIR=str(tmp_path / "config"),
        DESKBREAK_DATA_DIR=str(tmp_path / "data"),
        XDG_RUNTIME_DIR=str(tmp_path / "runtime"),
        XDG_CONFIG_HOME=str(tmp_path / "xdg-config"),
        XDG_SESSION_TYPE="x11",  # what deskbreak may see depends on it; never the developer's Wayland
        DBUS_SYSTEM_BUS_ADDRESS="unix:path=/nonexistent/deskbreak-test-system-bus",  # no real logind
    )
    env.pop("WAYLAND_DISPLAY", None)
    (tmp_path / "runtime").mkdir(mode=0o700, exist_ok=True)
    # Working hours around the clock, so what the tests see does not depend on when they run.
    (tmp_path / "config").mkdir()
    days = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    # ...and no programme sessions, which would come at 18:00 whatever the test is doing.
    (tmp_path / "config" / "settings.toml").write_text(
        "[working_hours]\n"
        + "".join(f'{day} = ["00:00-24:00"]\n' for day in days)
        + "\n[programme]\nenabled = false\n"
    )
    session = Desktop(env)
    try:
        session.start("Xvfb", f":{number}", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
        wait_for(lambda: Path(f"/tmp/.X11-unix/X{number}").exists(), what="Xvfb")
        bus = subprocess.run(
            ["dbus-daemon", "--session", "--fork", "--print-address=1", "--print-pid=1"],
            env=env, capture_output=True, text=True, check=True,
        )  # fmt: skip
        address, pid = bus.stdout.split()[:2]
        env["DBUS_SESSION_BUS_ADDRESS"] = address
        yield session
    finally:
        session.stop_all()
        if "pid" in locals():
            subprocess.run(["kill", pid], check=False)


@pytest.fixture
def tray_host(desktop: Desktop) -> Desktop:
    need("trayer")
    desktop.start("trayer", "--edge", "top", "--align", "right", "--widthtype", "request", "--height", "26")
    time.sleep(0.5)
    return desktop


@pytest.fixture
def notification_daemon(desktop: Desktop, tmp_path: Path) -> Desktop:
    """dunst, configured so a test can pick a notification's button by label (see pick-action.sh)."""
    need("dunst", "dunstctl")
    picker = tmp_path / "pick-action.sh"
    wanted = tmp_path / "pick-action.txt"  # the test writes the label of the button to press here
    wanted.write_text("no button chosen")
    picker.write_text(
        f'#!/bin/sh\n# dunst offers one line per action; choose the one the test asked for.\ngrep -m1 -F -- "$(cat {wanted})"\n'
    )
    picker.chmod(0o755)
    config = Path(desktop.env["XDG_CONFIG_HOME"]) / "dunst" / "dunstrc"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(f'[global]\n    dmenu = "{picker}"\n    follow = none\n')
    desktop.start("dunst")
    wait_for(lambda: desktop.run("dunstctl", "is-paused").returncode == 0, what="dunst on the bus")
    return desktop


@pytest.fixture
def running(desktop: Desktop) -> Iterator[subprocess.Popen[bytes]]:
    """deskbreak itself, started as a user would; the test may quit it, else it is stopped here."""
    process = desktop.start(sys.executable, "-m", "deskbreak")
    wait_for(
        lambda: desktop.deskbreak("ctl", "status").returncode == 0, timeout=20, what="deskbreak to answer"
    )
    yield process
    if process.poll() is None:
        desktop.deskbreak("ctl", "quit")
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
