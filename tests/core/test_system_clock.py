"""The real clock is built on every OS from a counter that keeps running while the machine sleeps.

Each test switches `sys.platform` and takes away what that OS's `time` module lacks (Windows has
no `clock_gettime` and no CLOCK_* constants, macOS no CLOCK_BOOTTIME), then builds the real
`SystemClock` through its branch for that OS.
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime, timedelta

import pytest

from deskbreak.core import clock as clock_module
from deskbreak.core.clock import ElapsedSource, SystemClock
from deskbreak.core.events import Slept
from deskbreak.core.gaps import GapDetector

UNIX_CLOCK_NAMES = ("clock_gettime", "clock_settime", "clock_getres", "CLOCK_MONOTONIC", "CLOCK_BOOTTIME")


class FakeCounters:
    """Stands in for `time.clock_gettime`: one settable reading per clock id."""

    def __init__(self) -> None:
        self.readings: dict[int, float] = {}

    def __call__(self, clock_id: int) -> float:
        return self.readings[clock_id]


def clock_id(name: str) -> int:
    """A clock id as this machine's `time` module numbers it, read so that every platform's mypy agrees."""
    value: int = getattr(time, name)
    return value


def as_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    for name in UNIX_CLOCK_NAMES:
        monkeypatch.delattr(time, name, raising=False)


def test_on_windows_the_clock_is_built_without_any_unix_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    as_windows(monkeypatch)
    clock = SystemClock()
    assert clock.elapsed_source is ElapsedSource.WINDOWS_MONOTONIC
    assert clock.now().tzinfo is UTC


def test_on_windows_elapsed_time_is_the_monotonic_counter(monkeypatch: pytest.MonkeyPatch) -> None:
    as_windows(monkeypatch)
    monkeypatch.setattr(time, "monotonic", lambda: 1234.5)
    assert SystemClock().elapsed() == 1234.5


def test_a_windows_sleep_is_reported_as_a_sleep_not_a_clock_change(monkeypatch: pytest.MonkeyPatch) -> None:
    as_windows(monkeypatch)
    counter, unbiased = [100.0], [40.0]
    monkeypatch.setattr(time, "monotonic", lambda: counter[0])
    monkeypatch.setattr(clock_module, "windows_unbiased_seconds", lambda: unbiased[0])
    clock, detector = SystemClock(), GapDetector()
    evening = datetime(2026, 11, 23, 17, 0, tzinfo=UTC)
    detector.observe(evening, clock.elapsed(), clock.awake())
    counter[0] += 14 * 3600  # Windows' monotonic counter runs on through the night...
    unbiased[0] += 60  # ...its unbiased interrupt time only for the minute it was awake
    morning = evening + timedelta(hours=14)
    assert detector.observe(morning, clock.elapsed(), clock.awake()) == [
        Slept(start=morning - timedelta(hours=14) + timedelta(minutes=1), end=morning)
    ]


def test_on_macos_elapsed_time_is_clock_gettime_monotonic(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.delattr(time, "CLOCK_BOOTTIME", raising=False)
    counters = FakeCounters()
    counters.readings[clock_id("CLOCK_MONOTONIC")] = 77.0
    monkeypatch.setattr(time, "clock_gettime", counters)
    clock = SystemClock()
    assert clock.elapsed_source is ElapsedSource.DARWIN_MONOTONIC
    assert clock.elapsed() == 77.0


@pytest.mark.skipif(not hasattr(time, "CLOCK_BOOTTIME"), reason="CLOCK_BOOTTIME is a Linux clock")
def test_on_linux_elapsed_time_is_boottime_which_counts_suspend(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    counters = FakeCounters()
    counters.readings[clock_id("CLOCK_BOOTTIME")] = 500.0
    counters.readings[clock_id("CLOCK_MONOTONIC")] = 400.0  # 100 s were spent suspended
    monkeypatch.setattr(time, "clock_gettime", counters)
    clock = SystemClock()
    assert clock.elapsed_source is ElapsedSource.BOOTTIME
    assert clock.elapsed() == 500.0


def test_another_unix_without_boottime_falls_back_and_says_suspend_is_not_counted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "platform", "freebsd14")
    monkeypatch.delattr(time, "CLOCK_BOOTTIME", raising=False)
    clock = SystemClock()
    assert clock.elapsed_source is ElapsedSource.MONOTONIC_ONLY
    assert not clock.elapsed_source.counts_suspend


def test_the_real_clock_of_this_machine_never_runs_backwards() -> None:
    clock = SystemClock()
    first, awake = clock.elapsed(), clock.awake()
    assert clock.elapsed() >= first
    assert clock.awake() >= awake
    assert clock.elapsed_source.counts_suspend == (sys.platform in ("linux", "win32", "darwin"))
