"""Where deskbreak keeps its files, and a socket folder no other local user can take first."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

from deskbreak.core.paths import default_paths


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG_RUNTIME_DIR is a Linux session's")
def test_without_a_runtime_folder_the_socket_lives_in_the_users_own_state_folder(tmp_path: Path) -> None:
    """/tmp/deskbreak-UID could be created first by another user: every start then failed."""
    squatted = Path(tempfile.gettempdir()) / f"deskbreak-{os.getuid()}"  # type: ignore[attr-defined, unused-ignore]  # POSIX only
    paths = default_paths({"DESKBREAK_DATA_DIR": str(tmp_path / "data")})
    assert paths.runtime_dir == tmp_path / "data" / "state" / "run"
    assert not paths.runtime_dir.is_relative_to(squatted)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG_RUNTIME_DIR is a Linux session's")
def test_a_session_runtime_folder_is_used_when_there_is_one(tmp_path: Path) -> None:
    paths = default_paths(
        {"DESKBREAK_DATA_DIR": str(tmp_path / "data"), "XDG_RUNTIME_DIR": str(tmp_path / "runtime")}
    )
    assert paths.runtime_dir == tmp_path / "runtime" / "deskbreak"
