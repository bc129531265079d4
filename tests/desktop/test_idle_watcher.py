"""The idle watcher turns readings into absences for the engine, and wakes the process rarely."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest
from pytestqt.qtbot import QtBot

from deskbreak.core.clock import FakeClock
from deskbreak.core.events import AwayEnded, AwayStarted, Event
from deskbreak.core.settings import AwarenessSettings
from deskbreak.desktop.idle.watcher import NOISE_QUIET_SECONDS, Away, IdleWatcher, Present, Stirred
from deskbreak.desktop.steps import Step, StepError


class FakeIdle:
    """A polled backend whose idle time the test sets; None means the reading failed."""

    name = "fake"
    description = "fake idle"

    def __init__(self) -> None:
        self.idle: float | None = 0.0
        self.closed = False

    async def read_idle(self) -> float | None:
        return self.idle

    def close(self) -> None:
        self.closed = True


class FakePushIdle(FakeIdle):
    """A backend that announces idleness and return, like GNOME's Mutter."""

    def __init__(self) -> None:
        super().__init__()
        self.threshold: float | None = None
        self.on_idle: Callable[[float], None] | None = None
        self.on_active: Callable[[], None] | None = None

    def watch_idle(self, seconds: float, fired: Callable[[float], None]) -> None:
        self.threshold, self.on_idle = seconds, fired

    def watch_active(self, fired: Callable[[], None]) -> None:
        self.on_active = fired


class Setup:
    def __init__(self, backend: FakeIdle, clock: FakeClock) -> None:
        self.backend = backend
        self.clock = clock
        self.sent: list[Event] = []
        self.awareness = AwarenessSettings(away_after_seconds=120, break_minutes=5)
        self.watcher = IdleWatcher(backend, self.sent.append, clock.now, lambda: self.awareness)

    def idle_for(self, seconds: float) -> None:
        self.backend.idle = seconds
        self.watcher.check()


@pytest.fixture
def polled(qtbot: QtBot, clock: FakeClock) -> Iterator[Setup]:
    setup = Setup(FakeIdle(), clock)
    setup.watcher.start()
    yield setup
    setup.watcher.stop()  # a timer left running would fire during later tests


@pytest.fixture
def pushed(qtbot: QtBot, clock: FakeClock) -> Iterator[Setup]:
    setup = Setup(FakePushIdle(), clock)
    setup.watcher.start()
    yield setup
    setup.watcher.stop()


def test_a_present_user_is_read_once_a_minute_not_every_second(polled: Setup) -> None:
    polled.idle_for(0.4)
    assert polled.watcher.next_check_seconds == 60
    assert polled.sent == []


def test_an_idle_user_is_read_again_when_the_threshold_could_be_crossed(polled: Setup) -> None:
    polled.idle_for(100)
    assert polled.watcher.next_check_seconds == 20


def test_the_next_reading_is_never_sooner_than_five_seconds(polled: Setup) -> None:
    polled.idle_for(119)
    assert polled.watcher.next_check_seconds == 5


def test_idleness_past_the_threshold_starts_an_absence_at_the_last_input(polled: Setup) -> None:
    polled.idle_for(150)
    assert polled.sent == [AwayStarted(since=polled.clock.now() - timedelta(seconds=150), kind="idle")]
    assert isinstance(polled.watcher.state, Away)


def test_while_away_the_return_is_watched_closely_until_the_absence_is_a_break(polled: Setup) -> None:
    polled.idle_for(150)
    assert polled.watcher.next_check_seconds == 5
    polled.clock.advance(minutes=5)  # 120 s threshold + 5 min break, counted from the last input
    polled.idle_for(150 + 5 * 60)
    assert polled.watcher.next_check_seconds == 30
    assert len(polled.sent) == 1  # still the same absence


def test_input_after_leaving_is_reported_and_checked_once_more(polled: Setup) -> None:
    polled.idle_for(150)
    polled.clock.advance(seconds=40)
    polled.idle_for(1)
    assert polled.sent[1:] == [AwayEnded()]
    stirred = polled.watcher.state
    assert isinstance(stirred, Stirred)
    assert polled.watcher.next_check_seconds == NOISE_QUIET_SECONDS
    polled.clock.advance(seconds=5)
    polled.idle_for(0.5)  # still typing: a real return
    assert polled.sent[1:] == [AwayEnded()]
    assert polled.watcher.state == Present()
    assert polled.watcher.next_check_seconds == 60


def test_a_bumped_mouse_is_reported_as_still_away(polled: Setup) -> None:
    polled.idle_for(150)
    first = polled.sent[0]
    polled.clock.advance(seconds=40)
    polled.idle_for(1)  # one nudge...
    polled.clock.advance(seconds=5)
    polled.idle_for(6)  # ...and nothing since
    assert polled.sent == [first, AwayEnded(), first]
    assert polled.watcher.state == Away(polled.clock.now() - timedelta(seconds=195))


def test_a_reading_in_whole_seconds_is_not_mistaken_for_a_return(polled: Setup) -> None:
    polled.idle_for(150)
    polled.clock.advance(seconds=5)
    polled.idle_for(154)  # one second short of 155: rounding, not input
    assert len(polled.sent) == 1


def test_input_that_stopped_again_between_readings_is_noise(polled: Setup) -> None:
    polled.idle_for(150)
    polled.clock.advance(minutes=10)
    polled.idle_for(20)  # something touched the mouse 20 s ago, and nothing since
    assert len(polled.sent) == 1  # the same absence goes on
    assert isinstance(polled.watcher.state, Away)


def test_a_failed_reading_keeps_the_state_and_tries_again_in_a_minute(polled: Setup) -> None:
    polled.idle_for(150)
    polled.idle_for(None)  # type: ignore[arg-type]
    assert isinstance(polled.watcher.state, Away)
    assert polled.watcher.next_check_seconds == 60
    assert len(polled.sent) == 1


def test_a_changed_threshold_is_used_at_once(polled: Setup) -> None:
    polled.idle_for(60)
    polled.awareness = AwarenessSettings(away_after_seconds=45)
    polled.watcher.settings_changed()
    assert polled.sent == [AwayStarted(since=polled.clock.now() - timedelta(seconds=60), kind="idle")]


def test_a_stopped_watcher_reads_nothing_and_plans_nothing(polled: Setup) -> None:
    polled.watcher.stop()
    polled.idle_for(500)
    assert polled.sent == []
    assert polled.watcher.next_check_seconds is None


def test_a_pushing_backend_is_never_polled(pushed: Setup) -> None:
    assert pushed.watcher.next_check_seconds is None
    assert isinstance(pushed.backend, FakePushIdle)
    assert pushed.backend.threshold == 120


def test_a_pushed_idle_watch_starts_an_absence_and_asks_for_the_return(pushed: Setup) -> None:
    backend = pushed.backend
    assert isinstance(backend, FakePushIdle)
    assert backend.on_idle is not None
    backend.on_idle(121.5)
    assert pushed.sent == [AwayStarted(since=pushed.clock.now() - timedelta(seconds=121.5), kind="idle")]
    assert backend.on_active is not None
    backend.on_active()
    assert pushed.sent[1:] == [AwayEnded()]
    assert pushed.watcher.next_check_seconds is None


def test_a_pushing_backend_gets_a_new_watch_when_the_threshold_changes(pushed: Setup) -> None:
    pushed.awareness = AwarenessSettings(away_after_seconds=300)
    pushed.watcher.settings_changed()
    assert isinstance(pushed.backend, FakePushIdle)
    assert pushed.backend.threshold == 300


def test_a_pushed_stir_that_goes_quiet_is_reported_as_still_away(pushed: Setup) -> None:
    backend = pushed.backend
    assert isinstance(backend, FakePushIdle)
    assert backend.on_idle is not None
    backend.on_idle(120)
    assert backend.on_active is not None
    backend.on_active()  # a nudge: the watcher asks to hear about five quiet seconds
    assert backend.threshold == NOISE_QUIET_SECONDS
    backend.on_idle(NOISE_QUIET_SECONDS)
    assert pushed.sent[1:] == [AwayEnded(), pushed.sent[0]]
    assert backend.threshold == 120  # back to watching for the real threshold and the return
    assert isinstance(pushed.watcher.state, Away)


def test_a_pushed_return_settles_after_the_noise_window(qtbot: QtBot, pushed: Setup) -> None:
    backend = pushed.backend
    assert isinstance(backend, FakePushIdle)
    assert backend.on_idle is not None
    backend.on_idle(120)
    assert backend.on_active is not None
    backend.on_active()
    timer = pushed.watcher.settle_timer
    assert timer.isActive()
    assert timer.interval() == 10_000  # the engine's noise window
    timer.timeout.emit()  # the window passes with the user still typing
    assert pushed.watcher.state == Present()
    assert backend.threshold == 120
    assert pushed.sent[1:] == [AwayEnded()]


class Answer(Step[float | None]):
    """A reading on its way, answered when the test says (like a D-Bus reply)."""

    def __init__(self) -> None:
        self.done: Callable[[float | StepError | None], None] | None = None

    def then(self, done: Callable[[float | StepError | None], None]) -> None:
        self.done = done


class SlowIdle(FakeIdle):
    """A polled backend whose readings arrive later, from the loop."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[Answer] = []

    async def read_idle(self) -> float | None:
        answer = Answer()
        self.asked.append(answer)
        return await answer


def test_a_slow_reading_is_acted_on_when_it_comes_and_no_second_one_is_asked_meanwhile(
    qtbot: QtBot, clock: FakeClock
) -> None:
    backend = SlowIdle()
    setup = Setup(backend, clock)
    setup.watcher.start()
    setup.watcher.check()  # the timer, or a settings change, asking again
    assert len(backend.asked) == 1
    assert setup.sent == []
    assert backend.asked[0].done is not None
    backend.asked[0].done(150.0)
    assert setup.sent == [AwayStarted(since=clock.now() - timedelta(seconds=150), kind="idle")]
    assert setup.watcher.next_check_seconds == 5
    setup.watcher.stop()


def test_a_reading_that_comes_after_the_watcher_stopped_changes_nothing(
    qtbot: QtBot, clock: FakeClock
) -> None:
    backend = SlowIdle()
    setup = Setup(backend, clock)
    setup.watcher.start()
    setup.watcher.stop()
    assert backend.asked[0].done is not None
    backend.asked[0].done(150.0)
    assert setup.sent == []
    assert setup.watcher.next_check_seconds is None


def test_the_watcher_says_what_it_believes_without_asking_the_desktop(polled: Setup) -> None:
    assert polled.watcher.describe_now() == "present"
    polled.idle_for(150)
    since = (polled.clock.now() - timedelta(seconds=150)).isoformat(timespec="seconds")
    assert polled.watcher.describe_now() == f"away (no input since {since})"
