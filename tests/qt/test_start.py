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
    process.send_signal(signal.SIGCONT)  # type: ignore[attr-defined, unused-ignore]  # POSIX only
    process.terminate()
    process.communicate(timeout=30)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGSTOP")
def test_a_second_start_while_the_first_is_frozen_says_so(first: subprocess.Popen[str]) -> None:
    first.send_signal(signal.SIGSTOP)  # type: ignore[attr-defined, unused-ignore]  # POSIX only
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


def test_a_crash_in_c_code_leaves_a_traceback_in_the_log(tmp_path: Path) -> None:
    log_file = tmp_path / "log" / "deskbreak.log"
    script = (
        "import faulthandler, sys\n"
        "from pathlib import Path\n"
        "from deskbreak.app.logging_setup import setup_logging\n"
        "setup_logging(Path(sys.argv[1]))\n"
        "faulthandler._sigsegv()\n"
    )
    crashed = subprocess.run([sys.executable, "-c", script, str(log_file)], capture_output=True, check=False)
    assert crashed.returncode != 0
    text = log_file.read_text()
    assert "Fatal Python error: Segmentation fault" in text
    assert "in <module>" in text


@pytest.mark.skipif(sys.platform == "win32", reason="SIGHUP")
def test_closing_the_terminal_goes_through_the_quit_path(first: subprocess.Popen[str]) -> None:
    first.send_signal(signal.SIGHUP)  # type: ignore[attr-defined, unused-ignore]  # POSIX only
    first.communicate(timeout=30)
    assert first.returncode == 0
    assert " quitting" in default_paths().log_file.read_text()
