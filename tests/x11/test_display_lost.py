"""Logout: the X server goes away under the running app, which must quit cleanly, not crash."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from .conftest import Desktop

pytestmark = pytest.mark.x11


def test_when_the_display_goes_away_the_app_saves_and_quits(
    desktop: Desktop, running: subprocess.Popen[bytes], tmp_path: Path
) -> None:
    xvfb = desktop.processes[0]
    xvfb.terminate()
    assert running.wait(20) == 0  # Qt's own reaction is exit(1) mid-event, which could crash at logout
    log = (tmp_path / "data" / "log" / "deskbreak.log").read_text()
    assert "the display went away" in log
    state = json.loads((tmp_path / "data" / "state" / "engine-state.json").read_text())
    assert state["block"]["posture"] == "sitting"
