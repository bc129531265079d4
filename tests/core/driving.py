"""A test stand-in for the Qt driver: ticks the engine at each wake-up, like the real alarm does."""

from __future__ import annotations

from datetime import datetime, timedelta

from deskbreak.core.clock import FakeClock
from deskbreak.core.effects import Effect, ShowPrompt
from deskbreak.core.engine import Engine
from deskbreak.core.events import Event, Tick


def run_until(engine: Engine, clock: FakeClock, until: datetime) -> list[tuple[datetime, Effect]]:
    """Advance to `until`, ticking at every wake-up on the way; returns (when, effect) pairs."""
    transcript: list[tuple[datetime, Effect]] = []
    while (wake := engine.next_wakeup) is not None and wake <= until:
        clock.advance(wake - clock.now())
        transcript += [(clock.now(), effect) for effect in engine.handle(Tick(), clock.now())]
    clock.advance(max(timedelta(0), until - clock.now()))
    return transcript


def run_for(engine: Engine, clock: FakeClock, **delta: float) -> list[tuple[datetime, Effect]]:
    return run_until(engine, clock, clock.now() + timedelta(**delta))


def send(engine: Engine, clock: FakeClock, event: Event) -> list[Effect]:
    return engine.handle(event, clock.now())


def prompts(transcript: list[tuple[datetime, Effect]]) -> list[tuple[datetime, ShowPrompt]]:
    return [(when, effect) for when, effect in transcript if isinstance(effect, ShowPrompt)]


def next_prompt(
    engine: Engine, clock: FakeClock, within: timedelta = timedelta(days=8)
) -> tuple[datetime, ShowPrompt]:
    """Tick forward until the next prompt shows and stop there, so the test can answer it."""
    limit = clock.now() + within
    while (wake := engine.next_wakeup) is not None and wake <= limit:
        clock.advance(wake - clock.now())
        for effect in engine.handle(Tick(), clock.now()):
            if isinstance(effect, ShowPrompt):
                return clock.now(), effect
    raise AssertionError(f"no prompt before {limit}")
