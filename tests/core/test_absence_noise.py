"""A bumped mouse is not a return: input after an idle absence must last past a short noise window.

The idle watcher reports the first input (`AwayEnded`) and, if the machine goes quiet again within
the window, a renewed `AwayStarted`; the engine ends the absence only when the window passes
without one. Lock and sleep are deliberate and end at once.
"""

from __future__ import annotations

import pytest

from deskbreak.core.clock import FakeClock
from deskbreak.core.effects import Record, ShowPrompt, WelcomeBack
from deskbreak.core.engine import NOISE_WINDOW, Engine
from deskbreak.core.events import AwayEnded, AwayStarted, Slept
from deskbreak.core.history import events as history

from .conftest import local
from .driving import Transcript


@pytest.fixture
def t(engine: Engine, clock: FakeClock) -> Transcript:
    return Transcript(engine, clock)


def phase(t: Transcript) -> str:
    return t.engine.status.phase


def away_from(t: Transcript, last_input: str) -> None:
    """No input since `last_input`; the watcher reports it after its two-minute threshold."""
    t.clock.advance(local(last_input) + NOISE_WINDOW * 12 - t.clock.now())
    t.send(AwayStarted(local(last_input), "idle"))


def test_a_bumped_mouse_during_an_absence_does_not_end_it(t: Transcript) -> None:
    away_from(t, "2026-11-23 09:20")  # away counts from 09:22
    t.run_until(local("2026-11-23 09:26"))
    t.send(AwayEnded())  # the cat walks over the mouse...
    t.run_for(seconds=3)
    t.send(AwayStarted(local("2026-11-23 09:26"), "idle"))  # ...and nothing follows it
    t.run_until(local("2026-11-23 09:31"))
    t.send(AwayEnded())  # the real return, nine minutes after the absence began
    t.run_for(seconds=10)
    t.expect_record(
        history.AwayPeriod(local("2026-11-23 09:22"), local("2026-11-23 09:31"), "idle", was_break=True),
        at=local("2026-11-23 09:31:10"),
    )
    t.expect(WelcomeBack(9, "idle"))
    t.verify()
    assert t.engine.next_wakeup == local("2026-11-23 10:21")  # a new block from the return


def test_a_real_return_ends_the_absence_where_the_input_began(t: Transcript) -> None:
    away_from(t, "2026-11-23 09:20")
    t.run_until(local("2026-11-23 09:24"))
    t.send(AwayEnded())
    t.run_for(seconds=9)
    t.verify()  # still inside the window: nothing decided yet
    assert phase(t) == "away"
    t.run_for(seconds=1)
    t.expect_record(
        history.AwayPeriod(local("2026-11-23 09:22"), local("2026-11-23 09:24"), "idle", was_break=False)
    )
    t.verify()
    assert phase(t) == "sitting"
    assert t.engine.next_wakeup == local("2026-11-23 09:52")  # two minutes of credit


def test_a_short_absence_confirmed_after_the_window_moves_the_prompt_by_its_length(t: Transcript) -> None:
    away_from(t, "2026-11-23 09:47")  # away from 09:49; the prompt would fall due at 09:50
    t.run_until(local("2026-11-23 09:51"))
    t.send(AwayEnded())
    t.run_until(local("2026-11-23 09:52"))
    t.expect_record(
        history.AwayPeriod(local("2026-11-23 09:49"), local("2026-11-23 09:51"), "idle", was_break=False),
        at=local("2026-11-23 09:51:10"),
    )
    show = t.expect(ShowPrompt, at=local("2026-11-23 09:52"))
    assert isinstance(show, ShowPrompt)
    assert show.is_new
    t.expect(Record)
    t.verify()


def test_unlocking_ends_a_lock_at_once(t: Transcript) -> None:
    t.run_until(local("2026-11-23 09:30"))
    t.send(AwayStarted(t.clock.now(), "locked"))
    t.run_for(minutes=1)
    t.send(AwayEnded())
    t.expect_record(
        history.AwayPeriod(local("2026-11-23 09:30"), local("2026-11-23 09:31"), "locked", was_break=False)
    )
    t.verify()
    assert phase(t) == "sitting"


def test_a_sleep_right_after_a_stir_counts_as_a_break_of_its_own(t: Transcript) -> None:
    """Found by the property test: the stir's window was still open when the laptop was closed.
    Both breaks are kept; waking the laptop, the user is welcomed once, for the sleep."""
    away_from(t, "2026-11-23 09:20")  # away from 09:22
    t.run_until(local("2026-11-23 09:30"))
    t.send(AwayEnded())  # back at 09:30...
    t.clock.advance(local("2026-11-23 10:30") - t.clock.now())
    t.send(Slept(local("2026-11-23 09:30"), local("2026-11-23 10:30")))  # ...then asleep for an hour
    t.expect_record(
        history.AwayPeriod(local("2026-11-23 09:22"), local("2026-11-23 09:30"), "idle", was_break=True)
    )
    t.expect_record(
        history.AwayPeriod(local("2026-11-23 09:30"), local("2026-11-23 10:30"), "asleep", was_break=True)
    )
    t.expect(WelcomeBack(60, "asleep"))
    t.verify()  # and no prompt on waking: the block starts at 10:30
    assert t.engine.next_wakeup == local("2026-11-23 11:20")
