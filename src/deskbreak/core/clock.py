"""Time behind an interface, so every decision can be replayed with a fake clock in a test."""

from __future__ import annotations

import enum
import functools
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Wall time as an aware UTC instant, and two counters that wall changes cannot move.

    `elapsed` keeps counting while the machine is suspended; `awake` does not. Their difference
    between two readings is the time the machine slept, however far apart the readings are, so
    nothing has to wake the process at intervals to notice a sleep.
    """

    def now(self) -> datetime: ...

    def elapsed(self) -> float: ...

    def awake(self) -> float: ...


class ElapsedSource(enum.Enum):
    """The counter behind `SystemClock.elapsed`, named for `deskbreak doctor` and bug reports.

    Sleep detection (core/gaps.py) needs a counter that keeps running while the machine is
    suspended and never moves with the wall clock. Each OS spells that differently:
    """

    BOOTTIME = "CLOCK_BOOTTIME"
    """Linux: CLOCK_MONOTONIC stops during suspend, CLOCK_BOOTTIME does not."""
    DARWIN_MONOTONIC = "clock_gettime(CLOCK_MONOTONIC)"
    """macOS: time.monotonic (mach_absolute_time) stops during sleep; this clock keeps counting."""
    WINDOWS_MONOTONIC = "time.monotonic"
    """Windows: the tick and performance counters behind time.monotonic count through sleep."""
    MONOTONIC_ONLY = "time.monotonic (stops during suspend)"
    """Any other system: a suspend then looks like a clock change, so it shifts the timer rather
    than counting as a break."""

    @property
    def counts_suspend(self) -> bool:
        match self:
            case ElapsedSource.BOOTTIME | ElapsedSource.DARWIN_MONOTONIC | ElapsedSource.WINDOWS_MONOTONIC:
                return True
            case ElapsedSource.MONOTONIC_ONLY:
                return False


def suspend_counting_counter() -> tuple[ElapsedSource, Callable[[], float]]:
    """The best elapsed-seconds counter this OS offers; reads `sys.platform` when called.

    Branches on `sys.platform` itself (not on a parameter) so that `mypy --platform win32` sees
    that the Unix-only `time.clock_gettime` is never reached on Windows.
    """
    source: ElapsedSource
    counter: Callable[[], float]
    if sys.platform == "win32":
        source, counter = ElapsedSource.WINDOWS_MONOTONIC, time.monotonic
    elif sys.platform == "darwin":
        source = ElapsedSource.DARWIN_MONOTONIC
        counter = functools.partial(time.clock_gettime, time.CLOCK_MONOTONIC)
    elif hasattr(time, "CLOCK_BOOTTIME"):
        source = ElapsedSource.BOOTTIME
        counter = functools.partial(time.clock_gettime, time.CLOCK_BOOTTIME)
    else:
        source, counter = ElapsedSource.MONOTONIC_ONLY, time.monotonic
    return source, counter


def awake_counter() -> Callable[[], float]:
    """A counter that stops while the machine is suspended: CLOCK_MONOTONIC on Linux,
    mach_absolute_time (time.monotonic) on macOS, the unbiased interrupt time on Windows."""
    counter: Callable[[], float]
    if sys.platform == "win32":
        counter = windows_unbiased_seconds
    else:
        counter = time.monotonic
    return counter


def windows_unbiased_seconds() -> float:
    """QueryUnbiasedInterruptTime: 100 ns units since boot, without the time spent asleep."""
    if sys.platform == "win32":
        import ctypes

        units = ctypes.c_ulonglong(0)
        if not ctypes.windll.kernel32.QueryUnbiasedInterruptTime(ctypes.byref(units)):
            raise OSError("QueryUnbiasedInterruptTime failed")
        return units.value / 10_000_000
    raise OSError("QueryUnbiasedInterruptTime exists only on Windows")


class SystemClock:
    """The real clocks: wall time in UTC, elapsed time that counts suspend where the OS allows, and
    awake time that does not."""

    def __init__(self) -> None:
        self.elapsed_source, self._elapsed = suspend_counting_counter()
        # Without a counter that counts suspend, both read the same and a sleep cannot be seen.
        self._awake = awake_counter() if self.elapsed_source.counts_suspend else self._elapsed

    def now(self) -> datetime:
        return datetime.now(UTC)

    def elapsed(self) -> float:
        return self._elapsed()

    def awake(self) -> float:
        return self._awake()


class FakeClock:
    """A clock tests move by hand: `advance` while awake, `suspend` asleep, `set_wall` a manual
    clock change without elapsed time."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("FakeClock needs an aware datetime")
        self._now = start.astimezone(UTC)
        self._elapsed = 0.0
        self._awake = 0.0

    def now(self) -> datetime:
        return self._now

    def elapsed(self) -> float:
        return self._elapsed

    def awake(self) -> float:
        return self._awake

    def suspend(self, delta: timedelta | None = None, **kwargs: float) -> datetime:
        """The machine sleeps for `delta`: wall and elapsed time move on, awake time does not."""
        step = delta if delta is not None else timedelta(**kwargs)
        self._now += step
        self._elapsed += step.total_seconds()
        return self._now

    def advance(self, delta: timedelta | None = None, **kwargs: float) -> datetime:
        step = delta if delta is not None else timedelta(**kwargs)
        if step < timedelta(0):
            raise ValueError("time only moves forward; use set_wall for a clock change")
        self._now += step
        self._elapsed += step.total_seconds()
        self._awake += step.total_seconds()
        return self._now

    def set_wall(self, when: datetime) -> None:
        self._now = when.astimezone(UTC)
