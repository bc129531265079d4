"""Sitting time rebuilt from the log: each rule of core/history/timeline.py against hand-built days."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from deskbreak.core.history.events import (
    AppStarted,
    AppStopped,
    ClockJumped,
    HistoryEntry,
    PostureChanged,
    PromptDone,
    PromptShown,
    PromptSkipped,
    PromptSnoozed,
    RoutineEnded,
    RoutineStarted,
)
from deskbreak.core.history.timeline import Activity, DayTime, by_day, local_midnight, segments
from deskbreak.core.kinds import PromptKind

from .days import BERLIN, MONDAY, away, e, minutes, t

TUESDAY = MONDAY + timedelta(days=1)


def day_of(
    entries: Sequence[HistoryEntry], day: date = MONDAY, live_until: datetime | None = None
) -> DayTime:
    start = local_midnight(day, BERLIN)
    end = local_midnight(day + timedelta(days=1), BERLIN)
    return by_day(segments(entries, start, end, live_until), BERLIN).get(day, DayTime())


def shown(prompt_id: int, kind: str = "move", level: int = 1) -> PromptShown:
    return PromptShown(prompt_id, PromptKind(kind), level, False, None)


def routine(
    pack: str, start: str, end: str, outcome: str = "finished", prompt_id: int | None = None
) -> list[HistoryEntry]:
    moved = 0 if outcome == "cancelled" else 240
    return [
        e(start, RoutineStarted(pack, prompt_id, None)),
        e(end, RoutineEnded(pack, outcome, 4, 4, moved)),  # type: ignore[arg-type]
    ]


HAND_BUILT_MONDAY = [
    e("08:30", AppStarted()),
    e("09:20", shown(1)),
    e("09:22", PromptDone(1)),  # sit 08:30-09:22: 52 min
    e("10:12", shown(2)),
    e("10:13", PromptSnoozed(2, 5)),
    e("10:18", shown(2, level=2)),
    e("10:19", PromptSkipped(2)),  # not a break
    away("10:40", "10:43", was_break=False),  # pauses the sit: 3 min away
    e("11:29", shown(3)),
    *routine("walk-break", "11:30", "11:35", prompt_id=3),  # sit 09:22-11:30 less 3 min: 125 min
    away("12:30", "13:15", was_break=True, kind="locked"),  # sit 11:35-12:30: 55 min
    e("14:00", PostureChanged("standing")),  # sit 13:15-14:00: 45 min
    e("14:40", PostureChanged("sitting")),  # standing 40 min
    e("15:30", shown(4)),
    *routine("seated-reset", "15:31", "15:31:30", outcome="cancelled", prompt_id=4),
    e("15:35", PromptDone(4)),  # sit 14:40-15:35: 55 min
    e("17:00", AppStopped()),  # sit 15:35-17:00: 85 min
]


def test_a_hand_built_day_adds_up_to_the_minute() -> None:
    monday = day_of(HAND_BUILT_MONDAY)
    assert monday.sitting == minutes(52 + 125 + 55 + 45 + 55 + 85)
    assert monday.standing == minutes(40)
    assert monday.routine == minutes(5)
    assert monday.away == minutes(3 + 45)


def test_the_hand_built_days_longest_sit_is_the_one_skip_and_a_short_absence_did_not_break() -> None:
    assert day_of(HAND_BUILT_MONDAY).longest_sit == minutes(125)


def test_every_watched_minute_is_counted_once() -> None:
    monday = day_of(HAND_BUILT_MONDAY)
    assert monday.sitting + monday.standing + monday.routine + monday.away == t("17:00") - t("08:30")


def test_skip_and_snooze_do_not_end_a_sit() -> None:
    entries = [
        e("09:00", AppStarted()),
        e("09:50", shown(1)),
        e("09:51", PromptSnoozed(1, 5)),
        e("09:56", shown(1, level=2)),
        e("09:57", PromptSkipped(1)),
        e("10:30", AppStopped()),
    ]
    assert day_of(entries).longest_sit == minutes(90)


def test_done_ends_a_sit_even_though_nothing_else_changed() -> None:
    entries = [
        e("09:00", AppStarted()),
        e("09:50", shown(1)),
        e("09:51", PromptDone(1)),
        e("10:30", AppStopped()),
    ]
    assert day_of(entries).longest_sit == minutes(51)


def test_a_short_absence_pauses_a_sit_without_ending_it() -> None:
    entries = [e("09:00", AppStarted()), away("09:30", "09:34", was_break=False), e("10:00", AppStopped())]
    monday = day_of(entries)
    assert monday.longest_sit == minutes(56)
    assert monday.away == minutes(4)


def test_an_absence_that_was_a_break_ends_the_sit() -> None:
    entries = [e("09:00", AppStarted()), away("09:30", "09:40", was_break=True), e("10:00", AppStopped())]
    assert day_of(entries).longest_sit == minutes(30)


def test_a_routine_is_moving_time_and_ends_the_sit() -> None:
    entries = [e("09:00", AppStarted()), *routine("walk-break", "09:40", "09:45"), e("10:00", AppStopped())]
    monday = day_of(entries)
    assert (monday.routine, monday.longest_sit, monday.sitting) == (minutes(5), minutes(40), minutes(55))


def test_a_cancelled_routine_is_neither_moving_time_nor_a_break() -> None:
    entries = [
        e("09:00", AppStarted()),
        *routine("walk-break", "09:40", "09:41", outcome="cancelled"),
        e("10:00", AppStopped()),
    ]
    monday = day_of(entries)
    assert (monday.routine, monday.longest_sit) == (timedelta(0), minutes(60))


def test_a_routine_ended_early_still_counts() -> None:
    entries = [
        e("09:00", AppStarted()),
        *routine("walk-break", "09:40", "09:42", outcome="ended_early"),
        e("10:00", AppStopped()),
    ]
    assert day_of(entries).routine == minutes(2)


def test_idle_during_a_floor_routine_is_routine_time_not_away() -> None:
    entries = [
        e("09:00", AppStarted()),
        e("09:40", RoutineStarted("evening-mobility", None, "evening")),
        away("09:41", "09:46", was_break=True),
        e("09:47", RoutineEnded("evening-mobility", "finished", 5, 5, 420)),
        e("10:00", AppStopped()),
    ]
    monday = day_of(entries)
    assert (monday.routine, monday.away) == (minutes(7), timedelta(0))


def test_a_routine_replaced_by_another_counts_as_one_routine_until_the_last_ends() -> None:
    entries = [
        e("09:00", AppStarted()),
        e("09:40", RoutineStarted("walk-break", None, None)),
        e("09:42", RoutineStarted("seated-reset", None, None)),
        e("09:42", RoutineEnded("walk-break", "ended_early", 1, 3, 100)),
        e("09:46", RoutineEnded("seated-reset", "finished", 4, 4, 240)),
        e("10:00", AppStopped()),
    ]
    assert day_of(entries).routine == minutes(6)


def test_done_on_a_stand_prompt_starts_standing_time() -> None:
    entries = [
        e("09:00", AppStarted()),
        e("09:45", shown(1, kind="stand")),
        e("09:46", PromptDone(1)),
        e("10:16", AppStopped()),
    ]
    monday = day_of(entries)
    assert (monday.sitting, monday.standing) == (minutes(46), minutes(30))


def test_a_run_can_start_standing() -> None:
    entries = [e("09:00", AppStarted(posture="standing")), e("09:20", AppStopped())]
    assert day_of(entries).standing == minutes(20)


def test_the_end_of_an_absence_that_was_a_break_means_sitting_again() -> None:
    entries = [
        e("09:00", AppStarted(posture="standing")),
        away("09:20", "09:30", was_break=True),
        e("09:40", AppStopped()),
    ]
    monday = day_of(entries)
    assert (monday.standing, monday.sitting) == (minutes(20), minutes(10))


def test_a_killed_run_ends_at_its_last_event() -> None:
    entries = [
        e("09:00", AppStarted()),
        e("09:50", shown(1)),  # killed some time after this
        e("11:00", AppStarted()),
        e("11:30", AppStopped()),
    ]
    assert day_of(entries).sitting == minutes(50 + 30)


def test_a_restart_ends_the_sit() -> None:
    entries = [
        e("09:00", AppStarted()),
        e("09:40", AppStopped()),
        e("09:41", AppStarted()),
        e("10:00", AppStopped()),
    ]
    assert day_of(entries).longest_sit == minutes(40)


def test_the_running_app_counts_up_to_now() -> None:
    entries = [e("09:00", AppStarted()), e("09:50", shown(1))]
    assert day_of(entries, live_until=t("10:15")).sitting == minutes(75)


def test_without_the_running_app_the_last_run_ends_at_its_last_event() -> None:
    entries = [e("09:00", AppStarted()), e("09:50", shown(1))]
    assert day_of(entries).sitting == minutes(50)


def test_a_log_without_a_start_mark_starts_at_its_first_event() -> None:
    entries = [e("09:10", shown(1)), e("09:11", PromptDone(1)), e("09:40", shown(2))]
    assert day_of(entries).sitting == minutes(30)


def test_events_after_a_clean_stop_are_not_watched_time() -> None:
    entries = [e("09:00", AppStarted()), e("09:30", AppStopped()), e("10:00", shown(1)), e("10:30", shown(2))]
    assert day_of(entries).sitting == minutes(30)


def test_a_clock_set_forward_leaves_the_jump_unwatched() -> None:
    entries = [
        e("09:00", AppStarted()),
        e("11:00", ClockJumped(seconds=3600)),  # the clock went from 10:00 to 11:00
        e("11:30", AppStopped()),
    ]
    monday = day_of(entries)
    assert (monday.sitting, monday.longest_sit) == (minutes(90), minutes(60))


def test_a_sit_across_midnight_is_split_between_the_days() -> None:
    entries = [e("23:00", AppStarted()), e("01:30", AppStopped(), day=TUESDAY)]
    assert (day_of(entries).longest_sit, day_of(entries, TUESDAY).longest_sit) == (minutes(60), minutes(90))


def test_a_night_when_clocks_go_back_has_an_hour_more() -> None:
    saturday, sunday = date(2026, 10, 24), date(2026, 10, 25)  # Berlin leaves summer time at 03:00
    entries = [e("22:00", AppStarted(), day=saturday), e("04:00", AppStopped(), day=sunday)]
    assert day_of(entries, sunday).sitting == timedelta(hours=5)


def test_segments_outside_the_window_are_left_out() -> None:
    parts = segments(HAND_BUILT_MONDAY, t("10:00"), t("11:00"))
    assert parts[0].start == t("10:00")
    assert parts[-1].end == t("11:00")
    assert [part.activity for part in parts] == [Activity.SITTING, Activity.AWAY, Activity.SITTING]
