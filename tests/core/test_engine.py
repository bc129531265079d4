"""The break engine's rules, one behaviour per test, read as transcripts of a working day."""

from __future__ import annotations

from datetime import timedelta

from deskbreak.core.clock import FakeClock
from deskbreak.core.effects import (
    HidePrompt,
    OpenRoutine,
    Record,
    Refusal,
    Refused,
    ShowPrompt,
    StatusChanged,
    WelcomeBack,
)
from deskbreak.core.engine import Engine
from deskbreak.core.events import (
    AwayEnded,
    AwayStarted,
    BreakNow,
    BusyChanged,
    ClockJumped,
    Done,
    Pause,
    PostureChanged,
    Resume,
    RoutineEnded,
    SettingsChanged,
    Skip,
    Slept,
    Snooze,
    StartRoutine,
    Tick,
)
from deskbreak.core.history import events as history
from deskbreak.core.kinds import PromptKind
from deskbreak.core.settings import ScheduleSettings, Settings

from .conftest import BERLIN, local
from .driving import Transcript, next_prompt, prompts, run_for, run_until, send


def records(effects: list) -> list[str]:  # type: ignore[type-arg]
    return [e.event.KIND for e in effects if isinstance(e, Record)]


def test_the_first_prompt_comes_after_fifty_minutes_of_sitting(engine: Engine, clock: FakeClock) -> None:
    when, show = next_prompt(engine, clock)
    assert when == local("2026-11-23 09:50")
    assert show.prompt.kind is PromptKind.MOVE
    assert show.prompt.block_length == timedelta(minutes=50)


def test_acting_on_a_prompt_restarts_the_sitting_timer(engine: Engine, clock: FakeClock) -> None:
    run_until(engine, clock, local("2026-11-23 09:50"))
    send(engine, clock, Done())
    assert engine.next_wakeup == local("2026-11-23 10:40")


def test_there_is_no_prompt_outside_working_hours(clock: FakeClock) -> None:
    clock.advance(hours=9)  # 18:00
    engine = Engine(Settings(), BERLIN, clock.now())
    assert engine.status.phase == "off_hours"
    shown = prompts(run_until(engine, clock, local("2026-11-24 09:49")))
    assert shown == []


def test_the_day_starts_a_fresh_block_when_working_hours_begin() -> None:
    clock = FakeClock(local("2026-11-23 07:30"))
    engine = Engine(Settings(), BERLIN, clock.now())
    assert next_prompt(engine, clock)[0] == local("2026-11-23 09:50")


def test_a_prompt_due_at_the_end_of_the_day_is_dropped(engine: Engine, clock: FakeClock) -> None:
    run_until(engine, clock, local("2026-11-23 17:20"))  # the last prompt shows at 17:20...
    prompt_id = engine.state.prompt.prompt_id if engine.state.prompt else 0
    t = Transcript(engine, clock)
    t.run_until(local("2026-11-23 17:30"))  # ...and goes at 17:30
    t.expect_record(history.PromptDropped(prompt_id, "off_hours"), at=local("2026-11-23 17:30"))
    t.expect(HidePrompt(prompt_id))
    t.verify()
    assert engine.status.phase == "off_hours"


def test_no_prompt_while_paused_and_the_due_prompt_shows_on_resume(engine: Engine, clock: FakeClock) -> None:
    t = Transcript(engine, clock)
    t.send(Pause(until=None))
    t.expect_record(history.Paused(None))
    t.run_for(hours=2)
    t.verify()  # nothing at all while paused
    t.send(Resume())
    t.expect_record(history.Resumed("user"))
    show = t.expect(ShowPrompt)
    assert isinstance(show, ShowPrompt)
    assert show.is_new
    t.expect(Record)
    t.verify()


def test_a_timed_pause_ends_by_itself(engine: Engine, clock: FakeClock) -> None:
    clock.advance(minutes=40)
    send(engine, clock, Pause(until=clock.now() + timedelta(minutes=30)))
    assert next_prompt(engine, clock)[0] == local("2026-11-23 10:10")


def test_snoozes_are_bounded_and_then_the_prompt_stays(engine: Engine, clock: FakeClock) -> None:
    run_until(engine, clock, local("2026-11-23 09:50"))
    for _ in range(2):
        send(engine, clock, Snooze())
        (_when, show), *_ = prompts(run_for(engine, clock, minutes=5))
    assert show.prompt.can_snooze is False
    assert show.prompt.level == 3
    t = Transcript(engine, clock)
    t.send(Snooze())
    t.expect(Refused(Snooze(), Refusal.NO_SNOOZES_LEFT))
    t.verify()  # refused, and said so: nothing else changes
    assert engine.status.phase == "prompting"


def test_a_snooze_postpones_by_the_snooze_length(engine: Engine, clock: FakeClock) -> None:
    run_until(engine, clock, local("2026-11-23 09:50"))
    send(engine, clock, Snooze())
    assert engine.status.phase == "snoozed"
    shown = prompts(run_for(engine, clock, minutes=10))
    assert next(when for when, _ in shown) == local("2026-11-23 09:55")
    assert shown[0][1].prompt.level == 2


def test_an_ignored_prompt_escalates_gently_and_stops_at_level_three(
    engine: Engine, clock: FakeClock
) -> None:
    shown = prompts(run_until(engine, clock, local("2026-11-23 12:00")))
    assert [(when, p.prompt.level) for when, p in shown] == [
        (local("2026-11-23 09:50"), 1),
        (local("2026-11-23 09:55"), 2),
        (local("2026-11-23 10:00"), 3),
    ]


def test_a_long_lock_counts_as_a_break(engine: Engine, clock: FakeClock) -> None:
    clock.advance(minutes=40)
    send(engine, clock, AwayStarted(since=clock.now(), kind="locked"))
    clock.advance(minutes=6)
    t = Transcript(engine, clock)
    t.send(AwayEnded())
    t.expect_record(history.AwayPeriod(local("2026-11-23 09:40"), clock.now(), "locked", was_break=True))
    t.expect(WelcomeBack(6, "locked"))
    t.verify()
    assert engine.next_wakeup == clock.now() + timedelta(minutes=50)


def test_a_short_absence_only_pauses_the_sitting_timer(engine: Engine, clock: FakeClock) -> None:
    clock.advance(minutes=40)
    send(engine, clock, AwayStarted(since=clock.now(), kind="locked"))
    clock.advance(minutes=3)
    send(engine, clock, AwayEnded())
    assert engine.next_wakeup == local("2026-11-23 09:53")


def test_reading_for_two_minutes_is_still_sitting(engine: Engine, clock: FakeClock) -> None:
    clock.advance(minutes=40)
    last_input = clock.now()
    clock.advance(minutes=2)  # the idle watcher reports once the threshold has passed
    send(engine, clock, AwayStarted(since=last_input, kind="idle"))
    clock.advance(minutes=4)  # six minutes without input: only four of them were away
    t = Transcript(engine, clock)
    t.send(AwayEnded())
    t.run_for(seconds=10)  # the return is confirmed once it is not a bumped mouse
    t.expect_record(history.AwayPeriod(local("2026-11-23 09:42"), local("2026-11-23 09:46"), "idle", False))
    t.verify()  # not a break: no welcome back
    assert engine.next_wakeup == local("2026-11-23 09:54")


def test_a_prompt_that_falls_due_while_away_waits_for_the_return(engine: Engine, clock: FakeClock) -> None:
    clock.advance(minutes=48)
    send(engine, clock, AwayStarted(since=clock.now(), kind="locked"))
    assert prompts(run_for(engine, clock, minutes=4)) == []
    send(engine, clock, AwayEnded())
    shown = prompts(run_for(engine, clock, minutes=10))
    assert next(when for when, _ in shown) == local("2026-11-23 09:54")


def test_waking_after_a_night_gives_no_burst_of_prompts(engine: Engine, clock: FakeClock) -> None:
    clock.advance(minutes=30)
    slept_at = clock.now()
    clock.advance(hours=23)  # the laptop slept until 08:30 the next day
    t = Transcript(engine, clock)
    t.send(Slept(start=slept_at, end=clock.now()))
    t.expect_record(history.AwayPeriod(slept_at, clock.now(), "asleep", was_break=True))
    t.verify()  # off hours at 08:30: no prompt, and no "welcome back" either
    assert next_prompt(engine, clock)[0] == local("2026-11-24 09:50")


def test_a_wall_clock_jump_moves_no_deadline(engine: Engine, clock: FakeClock) -> None:
    clock.advance(minutes=20)
    clock.set_wall(clock.now() + timedelta(hours=1))  # someone set the clock an hour ahead
    t = Transcript(engine, clock)
    t.send(ClockJumped(timedelta(hours=1)))
    t.expect_record(history.ClockJumped(3600.0))
    t.verify()
    assert engine.next_wakeup == local("2026-11-23 10:50")  # still 30 minutes of sitting to go


def test_busy_holds_a_prompt_until_it_ends(engine: Engine, clock: FakeClock) -> None:
    send(engine, clock, BusyChanged("fullscreen", is_busy=True))
    assert all(show.prompt.quiet for _, show in prompts(run_for(engine, clock, hours=1)))
    assert engine.status.held_by == frozenset({"busy:fullscreen"})
    t = Transcript(engine, clock)
    t.send(BusyChanged("fullscreen", is_busy=False))
    show = t.expect(ShowPrompt)
    assert isinstance(show, ShowPrompt)
    assert not show.is_new  # the quiet notification already showed this prompt
    assert not show.prompt.quiet
    t.expect(Record)
    t.verify()


def test_standing_desk_mode_alternates_sitting_and_standing(clock: FakeClock) -> None:
    settings = Settings(schedule=ScheduleSettings(standing_desk=True))
    engine = Engine(settings, BERLIN, clock.now())
    kinds = []
    for _ in range(3):
        when, show = next_prompt(engine, clock)
        kinds.append((when, show.prompt.kind))
        send(engine, clock, Done())
    assert kinds == [
        (local("2026-11-23 09:50"), PromptKind.STAND),
        (local("2026-11-23 10:10"), PromptKind.SIT),
        (local("2026-11-23 11:00"), PromptKind.STAND),
    ]


def test_saying_i_am_standing_starts_a_standing_block(clock: FakeClock) -> None:
    engine = Engine(Settings(schedule=ScheduleSettings(standing_desk=True)), BERLIN, clock.now())
    clock.advance(minutes=10)
    send(engine, clock, PostureChanged("standing"))
    assert engine.status.phase == "standing"
    assert engine.next_wakeup == local("2026-11-23 09:30")


def test_a_routine_holds_prompts_and_restarts_the_block_when_it_ends(
    engine: Engine, clock: FakeClock
) -> None:
    run_until(engine, clock, local("2026-11-23 09:50"))
    t = Transcript(engine, clock)
    t.send(StartRoutine("desk-reset"))
    t.expect(OpenRoutine("desk-reset"))
    t.expect_record(history.RoutineStarted("desk-reset", prompt_id=1, session_id=None))
    t.expect(HidePrompt(1))
    t.verify()
    send(engine, clock, AwayStarted(since=clock.now(), kind="idle"))  # on the floor, no keyboard
    assert prompts(run_for(engine, clock, minutes=8)) == []
    send(
        engine,
        clock,
        RoutineEnded("desk-reset", completed=True, steps_done=5, steps_total=5, seconds_moved=120),
    )
    assert engine.status.phase == "sitting"
    assert engine.next_wakeup == local("2026-11-23 10:48")


def test_skip_restarts_the_sitting_timer(engine: Engine, clock: FakeClock) -> None:
    run_until(engine, clock, local("2026-11-23 09:50"))
    t = Transcript(engine, clock)
    t.send(Skip())
    t.expect_record(history.PromptSkipped(1))
    t.expect(HidePrompt(1))
    t.verify()
    assert engine.next_wakeup == local("2026-11-23 10:40")


def test_break_now_prompts_even_outside_working_hours() -> None:
    clock = FakeClock(local("2026-11-23 20:00"))
    engine = Engine(Settings(), BERLIN, clock.now())
    t = Transcript(engine, clock)
    t.send(BreakNow())
    show = t.expect(ShowPrompt)
    assert isinstance(show, ShowPrompt)
    assert (show.prompt.prompt_id, show.is_new) == (1, True)
    t.expect(Record)
    t.verify()
    assert engine.status.phase == "prompting"


def test_changed_settings_reach_the_next_prompt_at_once(engine: Engine, clock: FakeClock) -> None:
    clock.advance(minutes=10)
    effects = send(engine, clock, SettingsChanged(Settings(schedule=ScheduleSettings(sit_minutes=30))))
    assert engine.next_wakeup == local("2026-11-23 09:30")
    assert [e.status.next_prompt_at for e in effects if isinstance(e, StatusChanged)] == [
        local("2026-11-23 09:30")
    ]


def test_the_status_predicts_the_next_prompt_across_the_weekend() -> None:
    engine = Engine(Settings(), BERLIN, local("2026-11-27 17:00"))  # Friday: too late for 50 minutes
    assert engine.status.next_prompt_at == local("2026-11-30 09:50")


def test_working_hours_follow_local_time_across_a_dst_change() -> None:
    every_day = dict.fromkeys(("saturday", "sunday", "monday"), ("09:00-17:30",))
    settings = Settings.model_validate({"working_hours": every_day})
    clock = FakeClock(local("2026-03-28 12:00"))  # Saturday; clocks go forward on Sunday night
    engine = Engine(settings, BERLIN, clock.now())
    run_until(engine, clock, local("2026-03-29 00:00"))
    assert next_prompt(engine, clock)[0].astimezone(BERLIN).strftime("%d %H:%M %Z") == "29 09:50 CEST"


def test_a_prompt_held_by_do_not_disturb_becomes_one_quiet_notification(
    engine: Engine, clock: FakeClock
) -> None:
    send(engine, clock, BusyChanged("dnd", is_busy=True))
    transcript = run_for(engine, clock, hours=1, minutes=30)
    quiet = [(when, show.prompt) for when, show in prompts(transcript)]
    assert [(when, prompt.quiet) for when, prompt in quiet] == [(local("2026-11-23 10:00"), True)]
    effects = send(engine, clock, BusyChanged("dnd", is_busy=False))
    assert [e.prompt.quiet for e in effects if isinstance(e, ShowPrompt)] == [False]  # now the real one


def test_a_pause_never_sends_a_quiet_notification(engine: Engine, clock: FakeClock) -> None:
    send(engine, clock, Pause(until=None))
    send(engine, clock, BusyChanged("dnd", is_busy=True))
    assert prompts(run_for(engine, clock, hours=3)) == []


def test_a_simulated_work_week_gives_nine_prompts_a_day_and_none_at_the_weekend() -> None:
    """Monday to Sunday, every prompt answered at once, 45 minutes away at lunch: 4 before, 5 after."""
    clock = FakeClock(local("2026-11-23 00:00"))
    engine = Engine(Settings(), BERLIN, clock.now())
    per_day: dict[str, int] = {}
    lunch_taken: set[str] = set()
    while (wake := engine.next_wakeup) is not None and wake < local("2026-11-30 00:00"):
        clock.advance(wake - clock.now())
        day = clock.now().astimezone(BERLIN).strftime("%a")
        for effect in engine.handle(Tick(), clock.now()):
            if isinstance(effect, ShowPrompt):
                per_day[day] = per_day.get(day, 0) + 1
                engine.handle(Done(), clock.now())
        if clock.now().astimezone(BERLIN).hour == 12 and day not in lunch_taken:
            lunch_taken.add(day)
            engine.handle(AwayStarted(clock.now(), "locked"), clock.now())
            clock.advance(minutes=45)
            engine.handle(AwayEnded(), clock.now())
    assert per_day == {"Mon": 9, "Tue": 9, "Wed": 9, "Thu": 9, "Fri": 9}


def test_declining_a_routine_before_moving_is_not_a_break(engine: Engine, clock: FakeClock) -> None:
    run_until(engine, clock, local("2026-11-23 09:50"))
    send(engine, clock, StartRoutine("evening-mobility"))
    clock.advance(seconds=20)
    t = Transcript(engine, clock)
    t.send(RoutineEnded("evening-mobility", False, 0, 7, 0))
    t.expect_record(history.RoutineEnded("evening-mobility", "cancelled", 0, 7, 0))
    show = t.expect(ShowPrompt)  # still sitting: a new prompt comes (the old one was answered)
    assert isinstance(show, ShowPrompt)
    assert show.prompt.prompt_id == 2
    t.expect(Record)
    t.verify()
