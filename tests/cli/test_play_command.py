"""`deskbreak play` starts deskbreak in the background when it is not running, and returns."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest


def deskbreak(*args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["DBUS_SESSION_BUS_ADDRESS"] = "unix:path=/nonexistent/deskbreak-test-bus"
    return subprocess.run(
        [sys.executable, "-m", "deskbreak", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture
def quit_afterwards() -> object:
    yield None
    deskbreak("ctl", "quit")


def test_play_starts_the_app_in_the_background_and_returns(quit_afterwards: object) -> None:
    result = deskbreak("play", "stand-up-reset")  # returns (the run's timeout would fail it otherwise)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Started deskbreak; playing Stand-up reset."
    status = deskbreak("ctl", "status", "--json")
    assert status.returncode == 0, status.stderr
    assert json.loads(status.stdout)["routine"] == "stand-up-reset"


def test_an_unknown_pack_starts_nothing() -> None:
    result = deskbreak("play", "no-such-pack")
    assert result.returncode == 1
    assert "there is no routine pack 'no-such-pack'" in result.stderr
    assert deskbreak("ctl", "status").returncode == 3
