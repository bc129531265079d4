"""A simulated month in the store: the queries, which see only events, match what the person did."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest

from deskbreak.core.history.queries import DaySummary, day_summaries, streaks
from deskbreak.core.history.store import HistoryStore, open_history

from .days import BERLIN
from .simulated import DayTruth, Person, Truth

FIRST_DAY = date(2026, 10, 12)  # a Monday; the month crosses the end of summer time on 25 October
DAYS = 31


@pytest.fixture(scope="module")
def month(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[HistoryStore, Truth, datetime]]:
    person = Person(FIRST_DAY, BERLIN, seed=2026)
    now = person.live(DAYS)
    path = tmp_path_factory.mktemp("month") / "history.sqlite3"
    opening = open_history(path, now)
    assert opening.store is not None
    for entry in person.entries:
        assert opening.store.append(entry.at, entry.event) is None
    yield opening.store, person.truth, now
    opening.store.close()


@pytest.fixture(scope="module")
def summaries(month: tuple[HistoryStore, Truth, datetime]) -> list[DaySummary]:
    store, _, now = month
    return day_summaries(store, BERLIN, now, DAYS, live=True)


def _expected(day: date, truth: DayTruth) -> DaySummary:
    return DaySummary(
        day=day,
        sitting=truth.sitting,
        standing=truth.standing,
        routine=truth.routine,
        away=truth.away,
        longest_sit=truth.longest_sit,
        prompts_shown=truth.prompts_shown,
        prompts_acted_on=truth.prompts_acted_on,
        snoozes=truth.snoozes,
        prompts_skipped=truth.prompts_skipped,
        natural_breaks=truth.natural_breaks,
        stood_up=truth.stood_up,
        routines_done=truth.routines_done,
        own_routines=truth.own_routines,
        sessions_done=truth.sessions_done,
        check_in=truth.check_in,
    )


def test_the_month_is_plausible(month: tuple[HistoryStore, Truth, datetime]) -> None:
    store, truth, _ = month
    assert 500 < store.count() < 2000
    assert sum((day.sitting for day in truth.days.values()), timedelta()) > timedelta(hours=80)
    assert sum(day.prompts_skipped for day in truth.days.values()) > 5


def test_every_day_of_the_month_matches_what_the_person_did(
    month: tuple[HistoryStore, Truth, datetime], summaries: list[DaySummary]
) -> None:
    _, truth, _ = month
    assert summaries == [_expected(summary.day, truth.days[summary.day]) for summary in summaries]


def test_the_day_that_lost_its_summer_hour_is_counted_in_real_time(summaries: list[DaySummary]) -> None:
    october_25 = next(summary for summary in summaries if summary.day == date(2026, 10, 25))
    watched = october_25.sitting + october_25.standing + october_25.routine + october_25.away
    assert watched <= timedelta(hours=25)
    assert watched > timedelta(hours=24)  # asleep through a 25-hour night, the whole day is away time


def test_a_week_is_the_last_seven_days_of_the_month(
    month: tuple[HistoryStore, Truth, datetime], summaries: list[DaySummary]
) -> None:
    store, _, now = month
    assert day_summaries(store, BERLIN, now, 7, live=True) == summaries[-7:]


def test_the_streaks_match_the_sessions_the_person_did(month: tuple[HistoryStore, Truth, datetime]) -> None:
    store, truth, now = month
    found = {streak.session_id: streak for streak in streaks(store, BERLIN, now)}
    for session_id, days in truth.sessions.items():
        current = best = 0
        for _, done in days:
            current = current + 1 if done else 0
            best = max(best, current)
        assert (found[session_id].current, found[session_id].best) == (current, best), session_id
