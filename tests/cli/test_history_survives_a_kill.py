"""As a user would: a prompt, a snooze, the process killed with SIGKILL, a restart, and both are in
the exported history."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ALL_WEEK = "".join(
    f'{day} = ["00:00-24:00"]\n'
    for day in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
)


def environment() -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["DBUS_SESSION_BUS_ADDRESS"] = "unix:path=/nonexistent/deskbreak-test-bus"
    return env


def deskbreak(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "deskbreak", *args],
        env=environment(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def start() -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [sys.executable, "-m", "deskbreak"],
        env=environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while deskbreak("ctl", "status").returncode != 0:
        assert process.poll() is None, "deskbreak exited at start"
        assert time.monotonic() < deadline, "deskbreak did not answer"
        time.sleep(0.1)
    return process


@pytest.fixture
def settings(isolated_dirs: Path) -> Iterator[None]:
    config = Path(os.environ["DESKBREAK_CONFIG_DIR"])
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.toml").write_text("[working_hours]\n" + ALL_WEEK + "\n[programme]\nenabled = false\n")
    yield
    deskbreak("ctl", "quit")


@pytest.mark.usefixtures("settings")
def test_a_prompt_and_its_snooze_survive_a_killed_process() -> None:
    first = start()
    assert deskbreak("ctl", "break-now").returncode == 0
    assert deskbreak("ctl", "snooze").returncode == 0
    first.send_signal(signal.SIGKILL)  # type: ignore[attr-defined, unused-ignore]  # POSIX only
    first.wait(10)
    second = start()
    exported = deskbreak("history", "export", "--json", "-")
    assert exported.returncode == 0, exported.stderr
    kinds = [event["kind"] for event in json.loads(exported.stdout)["events"]]
    assert "prompt_shown" in kinds
    assert "prompt_snoozed" in kinds
    assert kinds.index("prompt_shown") < kinds.index("prompt_snoozed")
    assert kinds.count("app_started") == 2  # the second start is marked too
    deskbreak("ctl", "quit")
    second.wait(20)
