"""A test stand-in for the Qt driver: ticks the engine at each wake-up, like the real alarm does."""

from __future__ import annotations

from datetime import datetime, timedelta

from deskbreak.core.clock import FakeClock
from deskbreak.core.effects import Effect, Record, ShowPrompt, StatusChanged
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


class Transcript:
    """Drives an engine on a fake clock and checks what it did, exactly (Workrave's expect/verify).

    Every effect the engine produces is queued with the instant it happened. `expect` takes the
    oldest queued effect and fails unless it is the one named (equal to a value, or of a type);
    `verify` fails if anything is left over. Status updates are skipped unless a test asks for
    them, since nearly every event produces one.
    """

    def __init__(self, engine: Engine, clock: FakeClock, *, with_status: bool = False) -> None:
        self.engine = engine
        self.clock = clock
        self._with_status = with_status
        self._queue: list[tuple[datetime, Effect]] = []

    def send(self, event: Event) -> None:
        self._take(self.engine.handle(event, self.clock.now()))

    def run_until(self, until: datetime) -> None:
        while (wake := self.engine.next_wakeup) is not None and wake <= until:
            self.clock.advance(wake - self.clock.now())
            self._take(self.engine.handle(Tick(), self.clock.now()))
        self.clock.advance(max(timedelta(0), until - self.clock.now()))

    def run_for(self, **delta: float) -> None:
        self.run_until(self.clock.now() + timedelta(**delta))

    def expect(self, effect: Effect | type[Effect], at: datetime | None = None) -> Effect:
        """The next effect must be `effect` (a value, or any value of a type), at `at` if given."""
        assert self._queue, f"expected {effect!r}, but nothing more happened"
        when, actual = self._queue.pop(0)
        if isinstance(effect, type):
            assert isinstance(actual, effect), f"expected a {effect.__name__}, got {actual!r} at {when}"
        else:
            assert actual == effect, f"expected {effect!r}, got {actual!r} at {when}"
        if at is not None:
            assert when == at, f"{actual!r} happened at {when}, not at {at}"
        return actual

    def expect_record(self, event: object, at: datetime | None = None) -> None:
        """The next effect must be the record of `event` (a history event value)."""
        record = self.expect(Record, at)
        assert isinstance(record, Record)
        assert record.event == event, f"expected the record {event!r}, got {record.event!r}"

    def verify(self) -> None:
        """Nothing may have happened that the test did not expect."""
        assert not self._queue, f"unexpected effects: {self._queue!r}"

    def _take(self, effects: list[Effect]) -> None:
        now = self.clock.now()
        self._queue += [(now, e) for e in effects if self._with_status or not isinstance(e, StatusChanged)]
