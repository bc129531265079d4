"""The alarm scheduler wakes the process once per due time, however often it is re-armed."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.qt import QtScheduler
from apscheduler.triggers.date import DateTrigger
from pytestqt.qtbot import QtBot

from deskbreak.timing.qt_scheduler import QtAlarmScheduler


class CountingStockScheduler(QtScheduler):  # type: ignore[misc]
    """APScheduler's own QtScheduler, counting how often it wakes up (for comparison)."""

    wakeups = 0

    def _process_jobs(self) -> float | None:
        self.wakeups += 1
        result: float | None = super()._process_jobs()
        return result


def reschedule_fifty_times(qtbot: QtBot, scheduler: QtScheduler | QtAlarmScheduler, runs: list[str]) -> None:
    scheduler.start()
    for _ in range(50):
        due = datetime.now(UTC) + timedelta(milliseconds=300)
        scheduler.add_job(
            lambda: runs.append(threading.current_thread().name),
            DateTrigger(run_date=due),
            id="wakeup",
            replace_existing=True,
        )
        qtbot.wait(2)  # let the loop process each re-arm, as a day of snoozes would


def test_fifty_reschedules_give_one_wakeup_per_due_time(qtbot: QtBot) -> None:
    scheduler = QtAlarmScheduler()
    runs: list[str] = []
    reschedule_fifty_times(qtbot, scheduler, runs)
    before = scheduler.wakeups
    qtbot.waitUntil(lambda: len(runs) == 1, timeout=3000)
    qtbot.wait(400)
    assert runs == [threading.main_thread().name]  # ran once, on the Qt main thread
    assert scheduler.wakeups - before == 1
    assert scheduler.armed_in_ms is None  # nothing left to wake up for
    scheduler.shutdown()


def test_the_stock_qt_scheduler_leaks_a_wakeup_chain_per_reschedule(qtbot: QtBot) -> None:
    """Why QtAlarmScheduler exists: the same scenario with the stock class wakes up dozens of times."""
    scheduler = CountingStockScheduler(executors={"default": {"type": "debug"}})
    runs: list[str] = []
    reschedule_fifty_times(qtbot, scheduler, runs)
    before = scheduler.wakeups
    qtbot.waitUntil(lambda: len(runs) == 1, timeout=3000)
    qtbot.wait(400)
    assert scheduler.wakeups - before > 10
    scheduler.shutdown()


def test_a_job_late_after_a_stall_still_runs_once(qtbot: QtBot) -> None:
    import time

    scheduler = QtAlarmScheduler()
    runs: list[int] = []
    scheduler.start()
    scheduler.add_job(
        lambda: runs.append(1), DateTrigger(run_date=datetime.now(UTC) + timedelta(milliseconds=50))
    )
    time.sleep(1.5)  # the loop is blocked past APScheduler's 1 s default grace time
    qtbot.waitUntil(lambda: runs == [1], timeout=2000)
    scheduler.shutdown()
