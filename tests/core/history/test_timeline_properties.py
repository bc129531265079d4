"""Rules that hold for any log, however odd: no time counted twice, nothing outside the window."""

from __future__ import annotations

from datetime import timedelta
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from deskbreak.core.history.events import (
    AppStarted,
    AppStopped,
    AwayPeriod,
    ClockJumped,
    HistoryEntry,
    HistoryEvent,
    PostureChanged,
    PromptDone,
    PromptShown,
    PromptSkipped,
    RoutineEnded,
    RoutineStarted,
)
from deskbreak.core.history.timeline import by_day, local_midnight, segments
from deskbreak.core.kinds import PromptKind

from .days import BERLIN, MONDAY, t

START = local_midnight(MONDAY, BERLIN)
END = local_midnight(MONDAY + timedelta(days=2), BERLIN)
BASE = t("00:00") - timedelta(hours=6)


@st.composite
def logs(draw: st.DrawFn) -> list[HistoryEntry]:
    minutes = sorted(draw(st.lists(st.integers(0, 60 * 60), max_size=40)))
    entries = []
    for minute in minutes:
        at = BASE + timedelta(minutes=minute)
        lasted = timedelta(minutes=draw(st.integers(0, 300)))
        choices: list[HistoryEvent] = [
            AppStarted(),
            AppStarted(posture="standing"),
            AppStopped(),
            PromptShown(1, PromptKind.STAND, 1, False, None),
            PromptDone(1),
            PromptSkipped(1),
            PostureChanged("standing"),
            PostureChanged("sitting"),
            AwayPeriod(at - lasted, at, "idle", True),
            AwayPeriod(at - lasted, at, "locked", False),
            RoutineStarted("a", None, None),
            RoutineStarted("b", None, None),
            RoutineEnded("a", "finished", 1, 1, 60),
            RoutineEnded("a", "cancelled", 0, 1, 0),
            RoutineEnded("b", "ended_early", 1, 2, 30),
            ClockJumped(seconds=lasted.total_seconds()),
            ClockJumped(seconds=-lasted.total_seconds()),
        ]
        event = draw(st.sampled_from(choices))
        entries.append(HistoryEntry(at, event))
    return entries


@given(logs(), st.booleans())
def test_segments_stay_in_the_window_in_order_without_overlapping(
    entries: list[HistoryEntry], live: bool
) -> None:
    parts = segments(entries, START, END, END if live else None)
    for part in parts:
        assert START <= part.start < part.end <= END
    for earlier, later in pairwise(parts):
        assert earlier.end <= later.start


@given(logs())
def test_the_days_add_up_to_the_segments(entries: list[HistoryEntry]) -> None:
    parts = segments(entries, START, END)
    days = by_day(parts, BERLIN)
    counted = sum((day.sitting + day.standing + day.routine + day.away for day in days.values()), timedelta())
    assert counted == sum((part.length for part in parts), timedelta())


@given(logs())
def test_no_sit_is_longer_than_the_days_sitting(entries: list[HistoryEntry]) -> None:
    for day in by_day(segments(entries, START, END), BERLIN).values():
        assert day.longest_sit <= day.sitting
