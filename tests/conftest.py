"""Shared test setup: Qt offscreen by default, isolated config/data folders, calm hypothesis."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

settings.register_profile(
    "deskbreak",
    deadline=None,  # a shared 2-core machine makes per-example deadlines flaky
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=bool(os.environ.get("CI")),
)
settings.load_profile("deskbreak")


@pytest.fixture(autouse=True)
def no_unexpected_errors_logged(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """A test fails if the code logged an error it did not expect; a test that expects one clears it."""
    yield
    errors = [r for r in caplog.get_records("call") if r.levelno >= logging.ERROR]
    assert not errors, "unexpected errors logged: " + "; ".join(r.getMessage() for r in errors)


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own config and data folders; nothing touches the real home."""
    monkeypatch.setenv("DESKBREAK_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("DESKBREAK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "runtime"))
    (tmp_path / "runtime").mkdir(mode=0o700)
    return tmp_path
