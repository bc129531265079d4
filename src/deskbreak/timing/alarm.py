"""The process's only alarm clock: a job at the engine's next wake-up and a minute heartbeat."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

from deskbreak.timing.qt_scheduler import QtAlarmScheduler

WAKEUP_JOB = "engine-wakeup"
HEARTBEAT_JOB = "heartbeat"
HEARTBEAT_SECONDS = 60


class Alarm:
    """Arms one date job for the engine and one interval job that refreshes the tray and spots gaps."""

    def __init__(
        self, scheduler: QtAlarmScheduler, on_wakeup: Callable[[], None], on_heartbeat: Callable[[], None]
    ):
        self._scheduler = scheduler
        self._on_wakeup = on_wakeup
        self._on_heartbeat = on_heartbeat
        self._armed_for: datetime | None = None

    def start(self) -> None:
        self._scheduler.start()
        self._scheduler.add_job(
            self._on_heartbeat,
            IntervalTrigger(seconds=HEARTBEAT_SECONDS),
            id=HEARTBEAT_JOB,
            replace_existing=True,
        )

    def stop(self) -> None:
        if self._scheduler.running:
            self._scheduler.shutdown(wait=False)

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

    def _fire(self) -> None:
        self._armed_for = None
        self._on_wakeup()
