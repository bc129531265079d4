"""The process's only alarm clock: one job at the engine's next wake-up, and a rare state refresh.

There is no minute heartbeat: the tray words relative times when its menu opens, sleep is found
from the clocks at the next event (core/gaps.py), and settings changes arrive as a signal. The
refresh job only rewrites the saved state now and then, so a process killed while nothing happens
still restarts within its sitting block.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

from deskbreak.timing.qt_scheduler import QtAlarmScheduler

WAKEUP_JOB = "engine-wakeup"
REFRESH_JOB = "state-refresh"


class Alarm:
    """Arms one date job for the engine and one interval job that refreshes the saved state."""

    def __init__(
        self,
        scheduler: QtAlarmScheduler,
        on_wakeup: Callable[[], None],
        on_refresh: Callable[[], None],
        refresh_every: timedelta,
    ):
        self._scheduler = scheduler
        self._on_wakeup = on_wakeup
        self._on_refresh = on_refresh
        self._refresh_every = refresh_every
        self._armed_for: datetime | None = None

    def start(self) -> None:
        self._scheduler.start()
        self._arm_refresh()

    def stop(self) -> None:
        if self._scheduler.running:
            self._scheduler.shutdown(wait=False)

    def refresh_every(self, interval: timedelta) -> None:
        """A new refresh interval (it follows the break length, which settings may change)."""
        if interval == self._refresh_every:
            return
        self._refresh_every = interval
        if self._scheduler.running:
            self._arm_refresh()

    def set(self, when: datetime | None) -> None:
        """Fire `on_wakeup` at `when` (replacing any earlier request); None cancels it."""
        if when == self._armed_for:
            return
        self._armed_for = when
        if when is None:
            if self._scheduler.get_job(WAKEUP_JOB) is not None:
                self._scheduler.remove_job(WAKEUP_JOB)
            return
        self._scheduler.add_job(self._fire, DateTrigger(run_date=when), id=WAKEUP_JOB, replace_existing=True)

    def kick(self) -> None:
        """Process due jobs now: after a resume or unlock the monotonic QTimer may be late."""
        self._scheduler.wakeup()

    @property
    def armed_for(self) -> datetime | None:
        return self._armed_for

    def _arm_refresh(self) -> None:
        seconds = max(60, int(self._refresh_every.total_seconds()))
        self._scheduler.add_job(
            self._on_refresh, IntervalTrigger(seconds=seconds), id=REFRESH_JOB, replace_existing=True
        )

    def _fire(self) -> None:
        self._armed_for = None
        self._on_wakeup()
