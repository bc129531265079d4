"""Rules that must hold for every sequence of events, checked with hypothesis.

A small driver plays the role of the Qt layer: it ticks the engine at every wake-up it asks for,
then delivers the next random event. Each effect list is checked against the rules.
"""

from __future__ import annotations

from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from deskbreak.core.clock import FakeClock
from deskbreak.core.effects import Effect, HidePrompt, ShowPrompt
from deskbreak.core.engine import Engine
from deskbreak.core.events import (
    AbsenceKind,
    AcceptOffer,
    AwayEnded,
    AwayStarted,
    BreakNow,
    BusyChanged,
    ClockJumped,
    Done,
    Event,
    Pause,
    PostureChanged,
    Resume,
    RoutineEnded,
    RoutinesAvailable,
    Skip,
    Slept,
    Snooze,
    StartRoutine,
    Tick,
)
from deskbreak.core.kinds import PromptKind
from deskbreak.core.offer import PackSummary
from deskbreak.core.settings import RoutineSettings, ScheduleSettings, Settings
from deskbreak.core.working_hours import WorkingHours

from .conftest import BERLIN, local

SETTINGS = Settings(
    schedule=ScheduleSettings(max_snoozes=2),
    routines=RoutineSettings(prompt_packs=("walk-break", "stand-up-reset")),
)
HOURS = WorkingHours(SETTINGS.working_hours, BERLIN)
SIT = timedelta(minutes=SETTINGS.schedule.sit_minutes)
BREAK = timedelta(minutes=SETTINGS.awareness.break_minutes)
PACKS = (
    PackSummary("stand-up-reset", "Stand-up reset", 105),
    PackSummary("walk-break", "Walk break", 400),
    PackSummary("evening-mobility", "Evening mobility", 415),  # the programme's daily session
    PackSummary("strength-session", "Twice-weekly strength", 1060),
)


def _event(draw: st.DrawFn, clock: FakeClock) -> Event:
    now = clock.now()
    # Weighted towards the events whose rules interact most: snoozes and absences.
    choice = draw(st.sampled_from([0, 0, 1, 1, 2, 3, 4, 4, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]))
    if choice == 0:
        kind: AbsenceKind = draw(st.sampled_from(["idle", "locked", "asleep"]))
        return AwayStarted(since=now - timedelta(seconds=draw(st.integers(0, 900))), kind=kind)
    if choice == 1:
        return AwayEnded()
    if choice == 2:
        return BusyChanged(draw(st.sampled_from(["dnd", "fullscreen"])), draw(st.booleans()))
    if choice == 3:
        return Done()
    if choice == 4:
        return Snooze(draw(st.none() | st.integers(1, 30)))
    if choice == 5:
        return Skip()
    if choice == 6:
        return StartRoutine(draw(st.sampled_from(["a", "b"])))
    if choice == 7:
        return RoutineEnded(draw(st.sampled_from(["a", "b"])), True, 3, 3, 60)
    if choice == 8:
        until = draw(st.none() | st.integers(1, 600).map(lambda m: now + timedelta(minutes=m)))
        return Pause(until)
    if choice == 9:
        return Resume()
    if choice == 10:
        return BreakNow()
    if choice == 11:
        return PostureChanged(draw(st.sampled_from(["sitting", "standing"])))
    if choice == 13:
        return AcceptOffer(draw(st.integers(1, 12)))  # the current prompt's id, or a stale one
    return Tick()


@st.composite
def days(draw: st.DrawFn) -> list[tuple[int, int]]:
    """(minutes to wait, minutes asleep) pairs; each is followed by one random event."""
    return draw(
        st.lists(st.tuples(st.integers(0, 240), st.just(0) | st.integers(0, 600)), min_size=1, max_size=40)
    )


class Checker:
    """Runs a day through the engine and checks every effect list it returns."""

    def __init__(self, start_text: str = "2026-11-23 07:00") -> None:
        self.clock = FakeClock(local(start_text))
        self.engine = Engine(SETTINGS, BERLIN, self.clock.now())
        self.engine.handle(RoutinesAvailable(PACKS), self.clock.now())
        self.earliest_prompt = self.clock.now()  # no unforced prompt may show before this
        self.introduced: set[int] = set()  # prompt ids already shown as new
        self.on_screen: int | None = None  # the prompt id whose window is up

    def deliver(self, event: Event) -> list[Effect]:
        effects = self.engine.handle(event, self.clock.now())
        self.check(effects)
        # A new block (a restart of the sitting timer) sets a new earliest time for its prompt.
        self.earliest_prompt = max(self.earliest_prompt, self.engine.state.block.since + SIT)
        return effects

    def wait(self, minutes: int) -> None:
        until = self.clock.now() + timedelta(minutes=minutes)
        while (wake := self.engine.next_wakeup) is not None and wake <= until:
            self.clock.advance(wake - self.clock.now())
            self.deliver(Tick())
        self.clock.advance(until - self.clock.now())

    def check(self, effects: list[Effect]) -> None:
        now = self.clock.now()
        state = self.engine.state
        wake = self.engine.next_wakeup
        assert wake is None or wake > now, "the next wake-up is never in the past"
        shows = [e for e in effects if isinstance(e, ShowPrompt)]
        assert len(shows) <= 1, "one event never produces a burst of prompts"
        if state.prompt is not None:
            assert state.prompt.snoozes <= SETTINGS.schedule.max_snoozes, "snoozes are bounded"
            assert 1 <= state.prompt.level <= 3
        if shows and not (state.prompt is not None and state.prompt.forced):
            assert state.pause is None, "no prompt while paused"
            assert state.absence is None, "no prompt while away"
            assert state.routine is None, "no prompt during a routine"
            if state.busy:
                assert shows[0].prompt.quiet, "while busy, only a quiet notification"
            if state.prompt is not None and state.prompt.session is None:
                assert HOURS.is_working(now), "no sitting prompt outside working hours"
                assert now >= self.earliest_prompt, "a prompt comes only after a full block of sitting"
        if shows:
            assert not shows[0].prompt.can_snooze or state.prompt is not None
        for effect in effects:
            if isinstance(effect, HidePrompt):
                assert effect.prompt_id == self.on_screen, "only the prompt on screen is hidden"
                self.on_screen = None
            elif isinstance(effect, ShowPrompt):
                prompt_id = effect.prompt.prompt_id
                assert effect.is_new == (prompt_id not in self.introduced), "new exactly once per prompt"
                self.introduced.add(prompt_id)
                if not effect.prompt.quiet:
                    self.on_screen = prompt_id
                assert state.prompt is not None
                assert state.prompt.prompt_id == prompt_id
                assert effect.prompt.offer == state.prompt.offer, "the prompt says what it will start"


@settings(max_examples=300)
@given(steps=days(), data=st.data())
def test_every_sequence_of_events_keeps_the_rules(steps: list[tuple[int, int]], data: st.DataObject) -> None:
    checker = Checker()
    for wait_minutes, sleep_minutes in steps:
        checker.wait(wait_minutes)
        if sleep_minutes:
            start = checker.clock.now()
            checker.clock.advance(minutes=sleep_minutes)
            effects = checker.deliver(Slept(start, checker.clock.now()))
            if sleep_minutes >= BREAK.total_seconds() / 60 and checker.engine.state.absence is None:
                standing_up = [
                    e
                    for e in effects
                    if isinstance(e, ShowPrompt) and e.prompt.kind is not PromptKind.SESSION
                ]
                assert not standing_up, "waking never prompts at once (a session slept through may come)"
        checker.deliver(data.draw(_events(checker.clock)))


@st.composite
def _events(draw: st.DrawFn, clock: FakeClock) -> Event:
    return _event(draw, clock)


@given(
    sat=st.integers(0, 45),
    away=st.integers(1, 4 * 60 + 59),
    kind=st.sampled_from(["locked", "asleep"]),
)
def test_an_absence_shorter_than_a_break_moves_the_deadline_by_its_length(
    sat: int, away: int, kind: str
) -> None:
    clock = FakeClock(local("2026-11-23 09:00"))
    engine = Engine(SETTINGS, BERLIN, clock.now())
    deadline = engine.next_wakeup
    assert deadline is not None
    clock.advance(minutes=sat)
    engine.handle(AwayStarted(since=clock.now(), kind=kind), clock.now())  # type: ignore[arg-type]
    clock.advance(seconds=away)
    engine.handle(AwayEnded(), clock.now())
    assert engine.next_wakeup == deadline + timedelta(seconds=away)


@given(sat=st.integers(0, 49), away=st.integers(5 * 60, 12 * 3600))
def test_an_absence_as_long_as_a_break_restarts_the_block(sat: int, away: int) -> None:
    clock = FakeClock(local("2026-11-23 09:00"))
    engine = Engine(SETTINGS, BERLIN, clock.now())
    clock.advance(minutes=sat)
    start = clock.now()
    clock.advance(seconds=away)
    engine.handle(Slept(start, clock.now()), clock.now())
    assert engine.state.block.since == clock.now()
    assert engine.state.prompt is None


@given(jump_minutes=st.integers(-24 * 60, 24 * 60).filter(lambda m: m != 0), sat=st.integers(0, 49))
def test_a_clock_jump_never_brings_a_prompt_forward(jump_minutes: int, sat: int) -> None:
    clock = FakeClock(local("2026-11-23 09:00"))
    engine = Engine(SETTINGS, BERLIN, clock.now())
    clock.advance(minutes=sat)
    engine.handle(Tick(), clock.now())
    remaining = engine.state.block.since + SIT - clock.now()
    delta = timedelta(minutes=jump_minutes)
    clock.set_wall(clock.now() + delta)
    effects = engine.handle(ClockJumped(delta), clock.now())
    assert not any(isinstance(e, ShowPrompt) for e in effects)
    assert engine.state.block.since + SIT - clock.now() == remaining
