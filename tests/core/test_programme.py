"""The programme's sessions on a calendar, as exact transcripts of days (Monday 2026-11-23, Berlin).

Working hours are the defaults (Monday to Friday 09:00-17:30); the evening mobility session is due
at the end of work every day (18:00 at the weekend) and the strength session on Tuesday and Friday.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from deskbreak.core.clock import FakeClock
from deskbreak.core.effects import HidePrompt, OpenRoutine, Record, ShowPrompt
from deskbreak.core.engine import Engine
from deskbreak.core.events import (
    AcceptOffer,
    ChecklistToggled,
    Done,
    Pause,
    Resume,
    RoutineEnded,
    RoutinesAvailable,
    SettingsChanged,
    Skip,
    Slept,
    StartRoutine,
)
from deskbreak.core.history import events as history
from deskbreak.core.kinds import PromptKind
from deskbreak.core.offer import OfferedRoutine, PackSummary
from deskbreak.core.programme.calendar import GRACE, Due
from deskbreak.core.settings import ProgrammeSettings, ScheduledSession, Settings

from .conftest import BERLIN, local
from .driving import Transcript

PACKS = (
    PackSummary("evening-mobility", "Evening mobility", 415),
    PackSummary("strength-session", "Twice-weekly strength", 1060),
    PackSummary("stand-up-reset", "Stand-up reset", 105),
)
EVENING = OfferedRoutine("evening-mobility", "Evening mobility", 7)
MONDAY = date(2026, 11, 23)


def evening(day: date, at: str) -> Due:
    return Due("evening-mobility", "evening-mobility", day, local(f"{day} {at}"))


def start(clock: FakeClock, settings: Settings | None = None) -> Transcript:
    engine = Engine(settings or Settings(), BERLIN, clock.now())
    engine.handle(RoutinesAvailable(PACKS), clock.now())
    return Transcript(engine, clock)


@pytest.fixture
def t(clock: FakeClock) -> Transcript:
    """From 16:45, after the day's last sitting prompt was answered."""
    clock.advance(local("2026-11-23 16:45") - clock.now())
    return start(clock)


def session_shown(t: Transcript, due: Due, *, at: object = None, is_new: bool = True) -> ShowPrompt:
    show = t.expect(ShowPrompt, at=at)  # type: ignore[arg-type]
    assert isinstance(show, ShowPrompt)
    assert (show.prompt.kind, show.prompt.offer, show.is_new) == (PromptKind.SESSION, EVENING, is_new)
    t.expect(Record)
    state_prompt = t.engine.state.prompt
    assert state_prompt is not None
    assert state_prompt.session == due
    return show


def test_the_evening_session_falls_due_at_the_end_of_work_as_one_prompt(t: Transcript) -> None:
    t.run_until(local("2026-11-23 17:30"))
    t.expect_record(
        history.SessionDue("evening-mobility", "evening-mobility", MONDAY), at=local("2026-11-23 17:30")
    )
    show = session_shown(t, evening(MONDAY, "17:30"))
    assert show.prompt.prompt_id == 1
    t.run_until(local("2026-11-23 17:34"))  # outside working hours now: the session is not held
    t.verify()
    assert t.engine.status.phase == "prompting"


def test_a_sitting_prompt_waiting_gives_way_to_the_session(clock: FakeClock) -> None:
    clock.advance(local("2026-11-23 14:09") - clock.now())
    at_three = ProgrammeSettings(sessions=(ScheduledSession(pack="evening-mobility", at="15:00"),))
    t = start(clock, Settings(programme=at_three))
    t.run_until(local("2026-11-23 14:59"))  # 50 min after 14:09: a sitting prompt at 14:59
    t.expect(ShowPrompt, at=local("2026-11-23 14:59"))
    t.expect(Record)
    t.run_until(local("2026-11-23 15:00"))
    t.expect_record(history.PromptDropped(1, "session"))
    t.expect_record(history.SessionDue("evening-mobility", "evening-mobility", MONDAY))
    t.expect(HidePrompt(1))
    assert session_shown(t, evening(MONDAY, "15:00")).prompt.prompt_id == 2
    t.run_until(local("2026-11-23 15:04"))  # while it waits, no sitting prompt comes
    t.verify()


def test_doing_the_session_from_its_prompt_records_it_done_and_counts_as_the_break(t: Transcript) -> None:
    t.run_until(local("2026-11-23 17:30"))
    t.expect(Record)
    session_shown(t, evening(MONDAY, "17:30"))
    t.send(AcceptOffer(1))
    t.expect(OpenRoutine("evening-mobility"))
    t.expect_record(history.RoutineStarted("evening-mobility", 1, "evening-mobility"))
    t.expect(HidePrompt(1))
    t.run_for(minutes=7)
    t.send(RoutineEnded("evening-mobility", completed=True, steps_done=7, steps_total=7, seconds_moved=415))
    t.expect_record(history.RoutineEnded("evening-mobility", "finished", 7, 7, 415))
    t.expect_record(history.SessionDone("evening-mobility", "evening-mobility", MONDAY))
    t.verify()
    (today,) = t.engine.status.today
    assert (today.session_id, today.state) == ("evening-mobility", "done")
    assert t.engine.state.block.since == local("2026-11-23 17:37")


def test_skip_records_the_session_skipped_and_it_does_not_come_back_today(t: Transcript) -> None:
    t.run_until(local("2026-11-23 17:30"))
    t.expect(Record)
    session_shown(t, evening(MONDAY, "17:30"))
    t.send(Skip(1))
    t.expect_record(history.PromptSkipped(1))
    t.expect_record(history.SessionSkipped("evening-mobility", "evening-mobility", MONDAY))
    t.expect(HidePrompt(1))
    t.run_until(local("2026-11-23 23:59"))
    t.verify()


def test_done_already_records_the_session_done(t: Transcript) -> None:
    t.run_until(local("2026-11-23 17:30"))
    t.expect(Record)
    session_shown(t, evening(MONDAY, "17:30"))
    t.send(Done(1))
    t.expect_record(history.PromptDone(1))
    t.expect_record(history.SessionDone("evening-mobility", "evening-mobility", MONDAY))
    t.expect(HidePrompt(1))
    t.verify()


def test_a_session_slept_through_is_offered_once_on_waking_within_the_grace(clock: FakeClock) -> None:
    clock.advance(local("2026-11-23 17:00") - clock.now())
    t = start(clock)
    clock.advance(hours=2)  # the laptop slept from 17:00 to 19:00
    t.send(Slept(local("2026-11-23 17:00"), clock.now()))
    t.expect_record(history.AwayPeriod(local("2026-11-23 17:00"), local("2026-11-23 19:00"), "asleep", True))
    t.expect_record(history.SessionDue("evening-mobility", "evening-mobility", MONDAY))
    session_shown(t, evening(MONDAY, "17:30"), at=local("2026-11-23 19:00"))
    t.verify()


def test_a_session_slept_through_for_longer_than_the_grace_is_recorded_as_missed(clock: FakeClock) -> None:
    clock.advance(local("2026-11-23 17:00") - clock.now())
    t = start(clock)
    clock.advance(local("2026-11-23 17:30") + GRACE + timedelta(minutes=1) - clock.now())
    t.send(Slept(local("2026-11-23 17:00"), clock.now()))
    t.expect(Record)  # the sleep itself
    t.expect_record(history.SessionMissed("evening-mobility", "evening-mobility", MONDAY))
    t.verify()  # no prompt: never a late burst
    (today,) = t.engine.status.today
    assert today.state == "missed"


def test_two_sessions_due_together_come_one_after_the_other(clock: FakeClock) -> None:
    clock.advance(local("2026-11-24 16:45") - clock.now())  # Tuesday: strength and evening at 17:30
    t = start(clock)
    t.run_until(local("2026-11-24 17:30"))
    t.expect_record(history.SessionDue("evening-mobility", "evening-mobility", date(2026, 11, 24)))
    first = t.expect(ShowPrompt)
    t.expect(Record)
    assert isinstance(first, ShowPrompt)
    t.verify()  # one prompt, not two
    t.send(Done(first.prompt.prompt_id))
    t.expect(Record)
    t.expect(Record)
    t.expect_record(history.SessionDue("strength-session", "strength-session", date(2026, 11, 24)))
    t.expect(HidePrompt(first.prompt.prompt_id))
    second = t.expect(ShowPrompt)
    assert isinstance(second, ShowPrompt)
    assert second.prompt.offer is not None
    assert second.prompt.offer.pack_id == "strength-session"
    t.expect(Record)
    t.verify()


def test_an_unanswered_session_is_missed_at_the_end_of_its_day(t: Transcript) -> None:
    t.run_until(local("2026-11-23 17:30"))
    t.expect(Record)
    session_shown(t, evening(MONDAY, "17:30"))
    t.run_until(local("2026-11-24 00:00"))
    t.expect(ShowPrompt)  # level 2, then 3: it grows firmer as the sitting prompts do
    t.expect(Record)
    t.expect(ShowPrompt)
    t.expect(Record)
    t.expect_record(
        history.SessionMissed("evening-mobility", "evening-mobility", MONDAY), at=local("2026-11-24 00:00")
    )
    t.expect(HidePrompt(1))
    t.verify()


def test_at_the_weekend_the_evening_session_comes_at_six(clock: FakeClock) -> None:
    clock.advance(local("2026-11-28 10:00") - clock.now())
    t = start(clock)
    t.run_until(local("2026-11-28 18:00"))
    saturday = date(2026, 11, 28)
    t.expect_record(
        history.SessionDue("evening-mobility", "evening-mobility", saturday), at=local("2026-11-28 18:00")
    )
    session_shown(t, evening(saturday, "18:00"))
    t.verify()


def test_a_session_at_a_clock_time_keeps_its_local_time_across_a_dst_change() -> None:
    clock = FakeClock(local("2026-03-28 20:00"))  # Saturday; the clocks go forward on Sunday night
    at_seven = ProgrammeSettings(sessions=(ScheduledSession(pack="evening-mobility", at="19:00"),))
    t = start(clock, Settings(programme=at_seven))
    t.run_until(local("2026-03-29 19:00"))
    sunday = date(2026, 3, 29)
    record = t.expect(Record)
    assert record == Record(
        local("2026-03-29 19:00"), history.SessionDue("evening-mobility", "evening-mobility", sunday)
    )
    assert local("2026-03-29 19:00").astimezone(BERLIN).strftime("%H:%M %Z") == "19:00 CEST"
    t.expect(ShowPrompt, at=local("2026-03-29 19:00"))
    t.expect(Record)
    t.verify()


def test_the_routine_done_from_the_menu_before_the_session_counts_as_the_session(t: Transcript) -> None:
    t.send(StartRoutine("evening-mobility"))
    t.expect(OpenRoutine("evening-mobility"))
    t.expect_record(history.RoutineStarted("evening-mobility", None, None))
    t.run_for(minutes=7)
    t.send(RoutineEnded("evening-mobility", completed=True, steps_done=7, steps_total=7, seconds_moved=415))
    t.expect_record(history.RoutineEnded("evening-mobility", "finished", 7, 7, 415))
    t.expect_record(history.SessionDone("evening-mobility", "evening-mobility", MONDAY))
    t.run_until(local("2026-11-23 20:00"))
    t.verify()  # no prompt at 17:30: today's session is already done


def test_closing_the_sessions_routine_before_moving_keeps_the_session_owed(t: Transcript) -> None:
    t.run_until(local("2026-11-23 17:30"))
    t.expect(Record)
    session_shown(t, evening(MONDAY, "17:30"))
    t.send(AcceptOffer(1))
    t.expect(OpenRoutine("evening-mobility"))
    t.expect(Record)
    t.expect(HidePrompt(1))
    t.send(RoutineEnded("evening-mobility", completed=False, steps_done=0, steps_total=7, seconds_moved=0))
    t.expect_record(history.RoutineEnded("evening-mobility", "cancelled", 0, 7, 0))
    again = session_shown(t, evening(MONDAY, "17:30"))
    assert again.prompt.prompt_id == 2
    t.verify()


def test_a_pause_holds_the_session_and_resuming_within_the_grace_shows_it(t: Transcript) -> None:
    t.send(Pause(None))
    t.expect(Record)
    t.run_until(local("2026-11-23 18:30"))
    t.expect_record(history.SessionDue("evening-mobility", "evening-mobility", MONDAY))
    t.verify()  # held, not shown
    t.send(Resume())
    t.expect(Record)
    session_shown(t, evening(MONDAY, "17:30"))
    t.verify()


def test_with_the_programme_off_there_are_no_sessions(clock: FakeClock) -> None:
    clock.advance(local("2026-11-23 16:45") - clock.now())
    t = start(clock, Settings(programme=ProgrammeSettings(enabled=False)))
    t.run_until(local("2026-11-24 00:00"))
    t.verify()
    assert t.engine.status.today == ()


def test_the_first_start_does_not_count_earlier_days_as_missed(clock: FakeClock) -> None:
    clock.advance(local("2026-11-24 10:00") - clock.now())  # installed on Tuesday morning
    t = start(clock)
    t.run_for(minutes=1)
    t.verify()  # Monday's session was before the programme began: neither offered nor missed


def test_a_restart_does_not_offer_a_session_that_was_done(t: Transcript) -> None:
    t.run_until(local("2026-11-23 17:30"))
    t.expect(Record)
    session_shown(t, evening(MONDAY, "17:30"))
    t.send(Done(1))
    saved = t.engine.snapshot(t.clock.now())
    t.clock.advance(minutes=30)
    restored = Engine.restored(saved, Settings(), BERLIN, t.clock.now())
    restored.handle(RoutinesAvailable(PACKS), t.clock.now())
    again = Transcript(restored, t.clock)
    again.run_until(local("2026-11-23 23:00"))
    again.verify()
    (today,) = restored.status.today
    assert today.state == "done"


def test_ticking_a_recovery_item_is_recorded_for_today_and_forgotten_tomorrow(t: Transcript) -> None:
    t.send(ChecklistToggled("recovery", "walk-8000-steps", ticked=True))
    t.expect_record(history.ChecklistTicked("recovery", "walk-8000-steps", MONDAY, ticked=True))
    t.verify()
    assert t.engine.status.ticked == frozenset({"walk-8000-steps"})
    t.run_until(local("2026-11-24 00:01"))
    assert t.engine.status.ticked == frozenset()


def test_turning_the_programme_off_withdraws_a_session_prompt(t: Transcript) -> None:
    t.run_until(local("2026-11-23 17:30"))
    t.expect(Record)
    session_shown(t, evening(MONDAY, "17:30"))
    t.send(SettingsChanged(Settings(programme=ProgrammeSettings(enabled=False))))
    t.expect_record(history.PromptDropped(1, "settings"))
    t.expect(HidePrompt(1))
    t.verify()


def test_turning_the_programme_on_counts_nothing_before_as_missed(clock: FakeClock) -> None:
    clock.advance(local("2026-11-23 20:00") - clock.now())
    t = start(clock, Settings(programme=ProgrammeSettings(enabled=False)))
    t.run_for(minutes=1)
    t.send(SettingsChanged(Settings()))
    t.run_until(local("2026-11-23 23:59"))
    t.verify()  # today's 17:30 session was before the programme was turned on


def test_the_end_of_a_working_day_that_runs_to_midnight_is_the_evening() -> None:
    from deskbreak.core.programme.calendar import due_on
    from deskbreak.core.working_hours import TimeRange

    hours = {"monday": (TimeRange(0, 24 * 60),)}
    due = due_on(ScheduledSession(pack="evening-mobility"), MONDAY, hours, BERLIN)  # type: ignore[arg-type]
    assert due is not None
    assert due.at == local("2026-11-23 18:00")
