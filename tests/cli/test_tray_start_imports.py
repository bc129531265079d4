"""Starting the tray builds a parser of its own options only: no command's module is imported
before the icon (the routines command alone brings in the whole pack machinery)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from deskbreak.cli import COMMANDS, main


def test_the_tray_start_imports_no_command_module(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from deskbreak.cli import main\n"
        "code = main(['--verbose'])\n"  # no display here: it stops before Qt, after parsing
        "loaded = sorted(m for m in sys.modules if m.startswith(('deskbreak.commands', 'deskbreak.core.routines')))\n"
        "print(code, *loaded)\n"
    )
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_RUNTIME_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60, check=False
    )
    assert done.stdout.split() == ["1"], done.stderr  # "no display", and no command module loaded
    assert "there is no graphical display here" in done.stderr


def test_help_still_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert all(command in out for command in COMMANDS)


def test_a_mistyped_command_is_told_the_choices(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["shedule"])
    assert exit_info.value.code == 2
    assert "choose from 'schedule', 'validate', 'routines', 'ctl', 'play', 'doctor', 'history'" in (
        capsys.readouterr().err
    )
