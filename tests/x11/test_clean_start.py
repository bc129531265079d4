"""A normal start on a desktop with a tray prints nothing: no Qt warning, no log line on stderr."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import Desktop, wait_for

pytestmark = pytest.mark.x11


def test_a_normal_start_and_quit_print_nothing(tray_host: Desktop, tmp_path: Path) -> None:
    with (tmp_path / "stderr.txt").open("w+") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "deskbreak"], env=tray_host.env, stdout=stderr, stderr=stderr
        )
        tray_host.processes.append(process)

        def embedded() -> bool:
            answer = tray_host.deskbreak("ctl", "status", "--json")
            return answer.returncode == 0 and json.loads(answer.stdout)["tray"]["geometry"][2] > 0

        wait_for(embedded, timeout=20, what="the icon to embed")
        assert tray_host.deskbreak("ctl", "quit").returncode == 0
        assert process.wait(10) == 0
        stderr.seek(0)
        assert stderr.read() == ""
