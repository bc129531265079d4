"""The command line behaves in a pipe and explains its own usage."""

from __future__ import annotations

import os
import subprocess
import sys


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "deskbreak", *args], capture_output=True, text=True, timeout=60, check=False
    )


def test_a_reader_that_stops_early_is_not_an_error() -> None:
    reader, writer = os.pipe()
    os.close(reader)  # like `| head` that has read enough and gone
    result = subprocess.run(
        [sys.executable, "-m", "deskbreak", "schedule", "--days", "60"],
        stdout=writer,
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
        check=False,
    )
    os.close(writer)
    assert result.stderr == ""
    assert result.returncode == 0


def test_a_pause_written_in_words_is_one_duration() -> None:
    result = run("ctl", "pause", "2", "hours")
    assert result.returncode == 3  # understood, and deskbreak is simply not running
    assert "not running" in result.stderr


def test_a_bad_pause_explains_the_pause_not_the_whole_program() -> None:
    result = run("ctl", "pause", "2", "fortnights")
    assert result.returncode == 2
    assert result.stderr.startswith('deskbreak ctl pause: "2 fortnights" is not a duration')
