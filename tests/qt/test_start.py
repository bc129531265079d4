"""Starting deskbreak when something is in the way ends with a sentence, never a traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from deskbreak.core.paths import default_paths
from deskbreak.desktop.ipc import NoInstanceError, request, socket_name
from tests.x11.conftest import wait_for


def start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "deskbreak", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ | {"QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip


def answers(name: str) -> bool:
    try:
        request(name, "status", timeout_ms=1000)
    except NoInstanceError:
        return False
    return True


@pytest.fixture
def first() -> Iterator[subprocess.Popen[str]]:
    process = start()
    name = socket_name(default_paths().runtime_dir)
    wait_for(lambda: process.poll() is not None or answers(name), timeout=30, what="the first deskbreak")
    assert process.poll() is None, process.communicate()
    yield process
    process.send_signal(signal.SIGCONT)
    process.terminate()
    process.communicate(timeout=30)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGSTOP")
def test_a_second_start_while_the_first_is_frozen_says_so(first: subprocess.Popen[str]) -> None:
    first.send_signal(signal.SIGSTOP)
    second = start()
    _out, err = second.communicate(timeout=60)
    assert second.returncode == 1
    assert "deskbreak cannot start: deskbreak is already running but did not answer" in err
    assert "Traceback" not in err


def test_a_folder_at_the_socket_path_is_a_message_not_a_crash() -> None:
    Path(socket_name(default_paths().runtime_dir)).mkdir()
    process = start()
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 1
    assert "a folder is in the way at" in err
    assert "Traceback" not in err
