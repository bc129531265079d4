"""An APScheduler scheduler driven by one reusable QTimer, running jobs on the Qt main thread.

APScheduler 3.x's stock QtScheduler is not used because (measured with PySide6 6.12) it runs jobs
on a thread pool by default, and it keeps the `None` that static `QTimer.singleShot` returns as
its "timer", so it never cancels a pending wake-up: every reschedule leaves another timer chain
alive (10 re-arms of a 2 s job woke the process ~70 times per 2 s). Here one QTimer is stopped
and re-armed, so a reschedule replaces the pending wake-up instead of adding one.
"""

from __future__ import annotations

import math
from typing import Any

from apscheduler.executors.debug import DebugExecutor
from apscheduler.schedulers.base import BaseScheduler
from PySide6.QtCore import QObject, Qt, QTimer

_MAX_TIMER_MS = 2**31 - 1

# A job that is late (the laptop slept, the loop was busy) still runs, once; the engine decides
# what lateness means. APScheduler's 1 s default grace would silently drop it instead.
JOB_DEFAULTS = {"coalesce": True, "misfire_grace_time": None, "max_instances": 1}


class QtAlarmScheduler(BaseScheduler):  # type: ignore[misc]
    """BaseScheduler whose wake-ups go through a single QTimer owned by `parent`'s thread."""

    def __init__(self, parent: QObject | None = None, **options: Any) -> None:
        self._qtimer = QTimer(parent)
        self._qtimer.setSingleShot(True)
        self._qtimer.setTimerType(Qt.TimerType.PreciseTimer)
        self._qtimer.timeout.connect(self._on_timeout)
        self.wakeups = 0  # how often the timer fired; tests and benchmarks read it
        options.setdefault("job_defaults", dict(JOB_DEFAULTS))
        super().__init__(**options)

    def shutdown(self, wait: bool = True) -> None:
        super().shutdown(wait)
        self._qtimer.stop()

    def wakeup(self) -> None:
        self._start_timer(0)

    @property
    def armed_in_ms(self) -> int | None:
        """Milliseconds until the timer fires, or None when nothing is scheduled."""
        return self._qtimer.remainingTime() if self._qtimer.isActive() else None

    def _create_default_executor(self) -> DebugExecutor:
        return DebugExecutor()  # runs the job inline, on the thread that owns the timer

    def _start_timer(self, wait_seconds: float | None) -> None:
        self._qtimer.stop()
        if wait_seconds is not None:
            # Round up and add a millisecond: a timer that fires early would find nothing due.
            self._qtimer.start(min(math.ceil(wait_seconds * 1000) + 1, _MAX_TIMER_MS))

    def _on_timeout(self) -> None:
        self.wakeups += 1
        self._start_timer(self._process_jobs())
