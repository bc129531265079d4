"""Time behind an interface, so every decision can be replayed with a fake clock in a test."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Wall time as an aware UTC instant, and an elapsed-seconds counter that wall changes cannot move."""

    def now(self) -> datetime: ...

    def elapsed(self) -> float: ...


class SystemClock:
    """The real clocks. `elapsed` counts suspended time where the OS allows (CLOCK_BOOTTIME on Linux)."""

    def __init__(self) -> None:
        boottime = getattr(time, "CLOCK_BOOTTIME", None)
        self._elapsed_id = boottime if boottime is not None else time.CLOCK_MONOTONIC

    def now(self) -> datetime:
        return datetime.now(UTC)

    def elapsed(self) -> float:
        return time.clock_gettime(self._elapsed_id)


class FakeClock:
    """A clock tests move by hand; `set_wall` simulates a manual clock change without elapsed time."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("FakeClock needs an aware datetime")
        self._now = start.astimezone(UTC)
        self._elapsed = 0.0

    def now(self) -> datetime:
        return self._now

    def elapsed(self) -> float:
        return self._elapsed

    def advance(self, delta: timedelta | None = None, **kwargs: float) -> datetime:
        step = delta if delta is not None else timedelta(**kwargs)
        if step < timedelta(0):
            raise ValueError("time only moves forward; use set_wall for a clock change")
        self._now += step
        self._elapsed += step.total_seconds()
        return self._now

    def set_wall(self, when: datetime) -> None:
        self._now = when.astimezone(UTC)
