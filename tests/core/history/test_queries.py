"""Per-day summaries and streaks from a store filled with hand-built days."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from pathlib import Path

import pytest

from deskbreak.core.history.events import (
    AppStarted,
    AppStopped,
    CheckIn,
    HistoryEntry,
    PostureChanged,
    PromptShown,
    RoutineEnded,
    RoutineStarted,
    SessionDone,
    SessionDue,
    SessionMissed,
)
from deskbreak.core.history.queries import DaySummary, Streak, day_summaries, progress_report, streaks
from deskbreak.core.history.store import HistoryStore, open_history
from deskbreak.core.kinds import PromptKind

from .days import BERLIN, MONDAY, e, minutes, t
from .test_timeline import HAND_BUILT_MONDAY, routine

TUESDAY = MONDAY + timedelta(days=1)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    opening = open_history(tmp_path / "history.sqlite3", t("08:00"))
    assert opening.store is not None
    yield opening.store
    opening.store.close()


def fill(store: HistoryStore, entries: Sequence[HistoryEntry]) -> None:
    for entry in entries:
        assert store.append(entry.at, entry.event) is None


def test_the_hand_built_monday_summarised(store: HistoryStore) -> None:
    fill(store, HAND_BUILT_MONDAY)
    [monday] = day_summaries(store, BERLIN, t("18:00"), 1, live=False)
    assert monday == DaySummary(
        day=MONDAY,
        sitting=minutes(417),
        standing=minutes(40),
        routine=minutes(5),
        away=minutes(48),
        longest_sit=minutes(125),
        prompts_shown=4,
        prompts_acted_on=3,  # two Done, one routine from the prompt
        snoozes=1,
        prompts_skipped=1,
        natural_breaks=1,
        stood_up=1,
        routines_done=1,  # the cancelled one does not count
        own_routines=0,
        sessions_done=0,
        check_in=None,
    )


def test_breaks_taken_adds_every_way_sitting_was_broken(store: HistoryStore) -> None:
    fill(
        store, [*HAND_BUILT_MONDAY[:-1], *routine("stand-up-reset", "16:00", "16:03"), HAND_BUILT_MONDAY[-1]]
    )
    [monday] = day_summaries(store, BERLIN, t("18:00"), 1, live=False)
    assert (monday.breaks_taken, monday.own_routines) == (3 + 1 + 1 + 1, 1)


def test_a_routine_replaced_by_another_from_a_prompt_still_credits_that_prompt(store: HistoryStore) -> None:
    fill(
        store,
        [
            e("09:00", AppStarted()),
            e("09:50", PromptShown(1, PromptKind.MOVE, 1, False, "walk-break")),
            e("09:51", RoutineStarted("walk-break", 1, None)),
            e("09:52", RoutineStarted("seated-reset", None, None)),
            e("09:52", RoutineEnded("walk-break", "ended_early", 1, 3, 60)),
            e("09:56", RoutineEnded("seated-reset", "finished", 4, 4, 240)),
            e("10:00", AppStopped()),
        ],
    )
    [monday] = day_summaries(store, BERLIN, t("12:00"), 1, live=False)
    assert (monday.prompts_acted_on, monday.routines_done, monday.own_routines) == (1, 2, 1)


def test_moving_time_is_standing_plus_routines(store: HistoryStore) -> None:
    fill(store, HAND_BUILT_MONDAY)
    [monday] = day_summaries(store, BERLIN, t("18:00"), 1, live=False)
    assert monday.moving == minutes(45)


def test_days_without_history_are_empty_days_in_order(store: HistoryStore) -> None:
    fill(store, HAND_BUILT_MONDAY)
    days = day_summaries(store, BERLIN, t("10:00", MONDAY + timedelta(days=2)), 3, live=False)
    assert [day.day for day in days] == [MONDAY, TUESDAY, MONDAY + timedelta(days=2)]
    assert days[1:] == [DaySummary(TUESDAY), DaySummary(MONDAY + timedelta(days=2))]


def test_a_run_that_began_before_the_days_asked_for_still_counts(store: HistoryStore) -> None:
    fill(
        store,
        [
            e("08:00", AppStarted(posture="standing"), day=MONDAY - timedelta(days=5)),
            e("09:00", PostureChanged("sitting")),
        ],
    )
    [monday] = day_summaries(store, BERLIN, t("10:00"), 1, live=True)
    assert (monday.standing, monday.sitting) == (minutes(9 * 60), minutes(60))


def test_the_check_in_is_the_days_last_answer(store: HistoryStore) -> None:
    fill(store, [e("09:00", CheckIn(6, MONDAY)), e("09:01", CheckIn(4, MONDAY))])
    [monday] = day_summaries(store, BERLIN, t("10:00"), 1, live=False)
    assert monday.check_in == 4


def test_a_check_in_counts_for_the_day_it_names(store: HistoryStore) -> None:
    fill(store, [e("00:10", CheckIn(3, MONDAY), day=TUESDAY)])
    monday, tuesday = day_summaries(store, BERLIN, t("10:00", TUESDAY), 2, live=False)
    assert (monday.check_in, tuesday.check_in) == (3, None)


def test_asking_for_no_days_is_a_mistake(store: HistoryStore) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        day_summaries(store, BERLIN, t("10:00"), 0, live=False)


def _sessions(session_id: str, days: Sequence[tuple[date, bool | None]]) -> list[HistoryEntry]:
    """A due session on each day: True done, False missed, None still open."""
    entries = []
    for day, done in days:
        entries.append(e("18:00", SessionDue(session_id, "evening-mobility", day), day=day))
        if done is True:
            entries.append(e("18:10", SessionDone(session_id, "evening-mobility", day), day=day))
        elif done is False:
            entries.append(e("23:00", SessionMissed(session_id, "evening-mobility", day), day=day))
    return entries


def day(offset: int) -> date:
    return MONDAY + timedelta(days=offset)


def test_a_streak_counts_the_latest_due_sessions_done_in_a_row(store: HistoryStore) -> None:
    fill(store, _sessions("evening", [(day(0), True), (day(1), False), (day(2), True), (day(3), True)]))
    assert streaks(store, BERLIN, t("20:00", day(3))) == [Streak("evening", "evening-mobility", 2, 2, day(3))]


def test_a_session_due_today_and_not_done_yet_keeps_the_streak(store: HistoryStore) -> None:
    fill(store, _sessions("evening", [(day(0), True), (day(1), True), (day(2), None)]))
    assert streaks(store, BERLIN, t("18:30", day(2)))[0].current == 2


def test_a_session_left_open_on_a_past_day_breaks_the_streak(store: HistoryStore) -> None:
    fill(store, _sessions("evening", [(day(0), True), (day(1), None), (day(2), True)]))
    assert streaks(store, BERLIN, t("19:00", day(2)))[0].current == 1


def test_days_a_session_was_not_due_do_not_break_its_streak(store: HistoryStore) -> None:
    fill(store, _sessions("strength", [(day(1), True), (day(4), True), (day(8), True)]))
    streak = streaks(store, BERLIN, t("19:00", day(9)))[0]
    assert (streak.current, streak.best) == (3, 3)


def test_the_best_streak_is_kept_after_a_miss(store: HistoryStore) -> None:
    fill(store, _sessions("evening", [(day(0), True), (day(1), True), (day(2), True), (day(3), False)]))
    streak = streaks(store, BERLIN, t("23:30", day(3)))[0]
    assert (streak.current, streak.best, streak.last_done) == (0, 3, day(2))


def test_each_session_has_its_own_streak_in_id_order(store: HistoryStore) -> None:
    fill(
        store,
        sorted(
            _sessions("strength", [(day(1), True)]) + _sessions("evening", [(day(0), True)]),
            key=lambda x: x.at,
        ),
    )
    assert [streak.session_id for streak in streaks(store, BERLIN, t("19:00", day(2)))] == [
        "evening",
        "strength",
    ]


def test_the_progress_report_has_today_the_month_and_the_streaks(store: HistoryStore) -> None:
    fill(store, [*HAND_BUILT_MONDAY, *_sessions("evening", [(MONDAY, True)])])
    report = progress_report(store, BERLIN, t("20:00"), live=False)
    assert report.today.day == MONDAY
    assert report.today.sessions_done == 1
    assert len(report.days) == 30
    assert report.last(7)[-1] == report.today
    assert [streak.current for streak in report.streaks] == [1]


def test_a_stopped_app_is_not_counted_up_to_now_even_when_live(store: HistoryStore) -> None:
    fill(store, [e("09:00", AppStarted()), e("10:00", AppStopped())])
    [monday] = day_summaries(store, BERLIN, t("12:00"), 1, live=True)
    assert monday.sitting == minutes(60)
