"""Learns about sleep and clock changes from two clocks, for platforms that do not announce them.

The driver samples (wall time, elapsed time) at every wake-up. Elapsed time keeps counting through
suspend (the counter per OS is chosen in core/clock.py) but never jumps with the wall clock, so:

- wall moved more or less than elapsed time  -> the wall clock was changed: `ClockJumped`;
- elapsed time between samples is far above the longest promised gap -> the machine slept
  (or the process was frozen): `Slept`, ending now.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from deskbreak.core.events import ClockJumped, Slept

JUMP_TOLERANCE = timedelta(seconds=90)


class GapDetector:
    """Pure bookkeeping over samples; `max_sample_gap` is the longest the driver may go unsampled."""

    def __init__(self, max_sample_gap: timedelta) -> None:
        self._max_gap = max_sample_gap
        self._last: tuple[datetime, float] | None = None

    def observe(self, wall: datetime, elapsed: float) -> list[ClockJumped | Slept]:
        last, self._last = self._last, (wall, elapsed)
        if last is None:
            return []
        last_wall, last_elapsed = last
        passed = timedelta(seconds=max(0.0, elapsed - last_elapsed))
        skew = (wall - last_wall) - passed
        events: list[ClockJumped | Slept] = []
        if abs(skew) > JUMP_TOLERANCE:
            events.append(ClockJumped(skew))
        if passed > self._max_gap + JUMP_TOLERANCE:
            events.append(Slept(start=wall - passed, end=wall))
        return events

    def forget(self) -> None:
        """Drop the last sample, after an OS signal already reported the gap exactly."""
        self._last = None
