"""A repair, a failed write or a kill never leaves the user without their settings file.

These run the store in a child process under real limits: a file-size limit (RLIMIT_FSIZE), a
SIGKILL at each step of a repair, and a file its owner may not read (as root, the child drops the
capability that lets root read any file).
"""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

BROKEN = "# my settings\n[schedule]\nstanding_desk = true\nsit_minutes = 500\n" + "# padding\n" * 200

LOAD = """
import sys
from datetime import UTC, datetime
from pathlib import Path
from deskbreak.core.settings_store import load_settings
{setup}
loaded = load_settings(Path(sys.argv[1]), datetime(2026, 11, 23, 9, 30, tzinfo=UTC))
for problem in loaded.problems:
    print(problem)
"""

LIMIT_FILE_SIZE = """
import resource
resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))
"""

KILL_AT_STEP = """
import os, signal
calls = 0
def killing(real):
    def call(*args, **kwargs):
        global calls
        calls += 1
        if calls == int(sys.argv[2]):
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)
    return call
for name in ("link", "replace", "rename", "unlink", "fsync", "write"):
    setattr(os, name, killing(getattr(os, name)))
"""


def run_store(
    settings_file: Path, setup: str = "", *args: str, preexec_fn: Callable[[], None] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", LOAD.format(setup=setup), str(settings_file), *args],
        capture_output=True, text=True, timeout=60, check=False, preexec_fn=preexec_fn,
    )  # fmt: skip


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    folder = tmp_path / "config"
    folder.mkdir()
    path = folder / "settings.toml"
    path.write_text(BROKEN)
    return path


def users_text_survives(settings_file: Path) -> None:
    """settings.toml is there and usable, and what the user wrote is in it or in a kept copy."""
    current = settings_file.read_text()
    tomllib.loads(current)
    copies = [p.read_text() for p in settings_file.parent.glob("settings.toml.bad-*")]
    assert BROKEN in [current, *copies]


def test_a_repair_that_hits_the_file_size_limit_leaves_the_users_file(settings_file: Path) -> None:
    done = run_store(settings_file, LIMIT_FILE_SIZE)
    assert done.returncode == 0, done.stderr
    assert settings_file.read_text() == BROKEN
    assert "could not write the repaired file (File too large), so it is left as it is" in done.stdout
    assert [p.name for p in settings_file.parent.iterdir()] == ["settings.toml"]


@pytest.mark.parametrize("step", range(1, 9))
def test_a_kill_at_any_step_of_a_repair_leaves_a_usable_file(settings_file: Path, step: int) -> None:
    run_store(settings_file, KILL_AT_STEP, str(step))
    users_text_survives(settings_file)


def test_a_repair_that_runs_to_the_end_keeps_a_copy_and_writes_the_repaired_file(settings_file: Path) -> None:
    done = run_store(settings_file)
    assert done.returncode == 0, done.stderr
    assert tomllib.loads(settings_file.read_text())["schedule"] == {"standing_desk": True}
    assert settings_file.read_text().startswith("# my settings\n")
    users_text_survives(settings_file)


def drop_root_file_access() -> Callable[[], None] | None:
    """As root, a child that cannot read other people's files (no CAP_DAC_OVERRIDE/READ_SEARCH)."""
    if sys.platform != "win32" and os.geteuid() == 0:  # one condition: mypy checks each platform
        libc = ctypes.CDLL(None, use_errno=True)
        pr_capbset_drop, cap_dac_override, cap_dac_read_search = 24, 1, 2

        def drop() -> None:
            for cap in (cap_dac_override, cap_dac_read_search):
                if libc.prctl(pr_capbset_drop, cap, 0, 0, 0) != 0:
                    raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")

        return drop
    return None


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_file_that_cannot_be_read_for_its_permissions_is_reported_and_left_alone(
    settings_file: Path,
) -> None:
    settings_file.chmod(0)
    done = run_store(settings_file, preexec_fn=drop_root_file_access())
    assert done.returncode == 0, done.stderr
    assert "cannot be read (Permission denied); it is left as it is" in done.stdout
    assert [p.name for p in settings_file.parent.iterdir()] == ["settings.toml"]
    settings_file.chmod(0o600)
    assert settings_file.read_text() == BROKEN
