"""Sleep and clock changes are told apart by comparing the wall clock with elapsed time."""

from __future__ import annotations

from datetime import timedelta

from deskbreak.core.clock import FakeClock
from deskbreak.core.events import ClockJumped, Slept
from deskbreak.core.gaps import GapDetector

from .conftest import local


def sampled(clock: FakeClock, detector: GapDetector) -> list[ClockJumped | Slept]:
    return detector.observe(clock.now(), clock.elapsed())


def test_regular_samples_report_nothing() -> None:
    clock, detector = FakeClock(local("2026-11-23 09:00")), GapDetector(timedelta(minutes=1))
    for _ in range(10):
        assert sampled(clock, detector) == []
        clock.advance(minutes=1)


def test_a_long_gap_in_elapsed_time_is_reported_as_sleep() -> None:
    clock, detector = FakeClock(local("2026-11-23 09:00")), GapDetector(timedelta(minutes=1))
    sampled(clock, detector)
    clock.advance(hours=8)
    assert sampled(clock, detector) == [Slept(start=local("2026-11-23 09:00"), end=local("2026-11-23 17:00"))]


def test_a_manual_clock_change_is_a_jump_not_a_sleep() -> None:
    clock, detector = FakeClock(local("2026-11-23 09:00")), GapDetector(timedelta(minutes=1))
    sampled(clock, detector)
    clock.advance(minutes=1)
    clock.set_wall(clock.now() - timedelta(hours=1))
    assert sampled(clock, detector) == [ClockJumped(-timedelta(hours=1))]


def test_small_drift_is_not_a_jump() -> None:
    clock, detector = FakeClock(local("2026-11-23 09:00")), GapDetector(timedelta(minutes=1))
    sampled(clock, detector)
    clock.advance(minutes=1)
    clock.set_wall(clock.now() + timedelta(seconds=30))  # an NTP slew
    assert sampled(clock, detector) == []


def test_forget_starts_over_after_an_os_signal() -> None:
    clock, detector = FakeClock(local("2026-11-23 09:00")), GapDetector(timedelta(minutes=1))
    sampled(clock, detector)
    clock.advance(hours=2)
    detector.forget()
    assert sampled(clock, detector) == []
