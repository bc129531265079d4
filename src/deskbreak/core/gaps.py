"""Learns about sleep and clock changes from three clocks, for platforms that do not announce them.

The driver samples (wall time, elapsed time, awake time) whenever something happens. Elapsed time
keeps counting through suspend (CLOCK_BOOTTIME on Linux) but never jumps with the wall clock;
awake time stops during suspend. So, between two samples however far apart:

- wall moved more or less than elapsed time  -> the wall clock was changed: `ClockJumped`;
- elapsed time ran ahead of awake time       -> the machine slept that long: `Slept`, ending now.

Nothing has to wake the process at intervals for this: the first event after a resume (the
alarm, which runs late, or the idle watcher) finds the sleep.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from deskbreak.core.events import ClockJumped, Slept

JUMP_TOLERANCE = timedelta(seconds=90)
SLEEP_TOLERANCE = timedelta(seconds=30)  # shorter gaps between the two counters are not worth a word


@dataclass(frozen=True)
class Sample:
    wall: datetime
    elapsed: float
    awake: float


class GapDetector:
    """Pure bookkeeping over samples of the three clocks."""

    def __init__(self) -> None:
        self._last: Sample | None = None

    def observe(self, wall: datetime, elapsed: float, awake: float) -> list[ClockJumped | Slept]:
        last, self._last = self._last, Sample(wall, elapsed, awake)
        if last is None:
            return []
        passed = timedelta(seconds=max(0.0, elapsed - last.elapsed))
        asleep = timedelta(seconds=max(0.0, (elapsed - last.elapsed) - (awake - last.awake)))
        skew = (wall - last.wall) - passed
        events: list[ClockJumped | Slept] = []
        if abs(skew) > JUMP_TOLERANCE:
            events.append(ClockJumped(skew))
        if asleep > SLEEP_TOLERANCE:
            events.append(Slept(start=wall - asleep, end=wall))
        return events

    def forget(self) -> None:
        """Drop the last sample, after an OS signal already reported the gap exactly."""
        self._last = None
