"""What changes when deskbreak runs from a PyInstaller bundle: `sys.frozen` is set and
`sys.executable` is deskbreak itself, not Python (packaging/pyinstaller/check-bundle.sh runs a
real bundle)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from deskbreak.commands.doctor import _qt_lines
from deskbreak.desktop.autostart import launch_command


@pytest.fixture
def frozen(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A stand-in bundle executable that answers doctor's Qt probe and records its arguments."""
    executable = tmp_path / "deskbreak"
    executable.write_text(
        "#!/bin/sh\n"
        f'echo "$@" > {tmp_path / "args.txt"}\n'
        """echo '{"qt": "Qt 6.9", "platform": "xcb", "screens": ["1280x800"], "tray": true}'\n"""
    )
    executable.chmod(0o755)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(executable))
    return executable


def test_doctor_asks_the_bundle_itself_for_the_qt_facts(frozen: Path) -> None:
    problems: list[str] = []
    assert _qt_lines(problems)["qt"] == "Qt 6.9, platform xcb"
    assert problems == []
    assert (frozen.parent / "args.txt").read_text() == "doctor --qt-probe\n"


def test_start_at_login_starts_the_bundle_itself(frozen: Path) -> None:
    assert launch_command("linux") == [str(frozen)]
