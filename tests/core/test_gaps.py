"""Sleep and clock changes are told apart by comparing the wall clock with elapsed and awake time."""

from __future__ import annotations

from datetime import timedelta

from deskbreak.core.clock import FakeClock
from deskbreak.core.events import ClockJumped, Slept
from deskbreak.core.gaps import GapDetector

from .conftest import local


def sampled(clock: FakeClock, detector: GapDetector) -> list[ClockJumped | Slept]:
    return detector.observe(clock.now(), clock.elapsed(), clock.awake())


def test_samples_while_awake_report_nothing_however_far_apart() -> None:
    clock, detector = FakeClock(local("2026-11-23 09:00")), GapDetector()
    for minutes in (1, 5, 60, 8 * 60):  # no heartbeat: hours between two events are ordinary
        assert sampled(clock, detector) == []
        clock.advance(minutes=minutes)
    assert sampled(clock, detector) == []


def test_time_asleep_is_reported_as_a_sleep_ending_now() -> None:
    clock, detector = FakeClock(local("2026-11-23 09:00")), GapDetector()
    sampled(clock, detector)
    clock.advance(hours=2)
    clock.suspend(hours=8)
    assert sampled(clock, detector) == [Slept(start=local("2026-11-23 11:00"), end=local("2026-11-23 19:00"))]


def test_a_short_nap_of_the_counters_is_not_worth_a_word() -> None:
    clock, detector = FakeClock(local("2026-11-23 09:00")), GapDetector()
    sampled(clock, detector)
    clock.suspend(seconds=20)
    assert sampled(clock, detector) == []


def test_a_manual_clock_change_is_a_jump_not_a_sleep() -> None:
    clock, detector = FakeClock(local("2026-11-23 09:00")), GapDetector()
    sampled(clock, detector)
    clock.advance(minutes=1)
    clock.set_wall(clock.now() - timedelta(hours=1))
    assert sampled(clock, detector) == [ClockJumped(-timedelta(hours=1))]


def test_small_drift_is_not_a_jump() -> None:
    clock, detector = FakeClock(local("2026-11-23 09:00")), GapDetector()
    sampled(clock, detector)
    clock.advance(minutes=1)
    clock.set_wall(clock.now() + timedelta(seconds=30))  # an NTP slew
    assert sampled(clock, detector) == []


def test_forget_starts_over_after_an_os_signal() -> None:
    clock, detector = FakeClock(local("2026-11-23 09:00")), GapDetector()
    sampled(clock, detector)
    clock.suspend(hours=2)
    detector.forget()
    assert sampled(clock, detector) == []
