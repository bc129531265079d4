"""Every prompt has an identity and one offer, kept while it is hidden and shown again.

These transcripts are exact: `verify()` fails on any effect the test did not expect.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from deskbreak.core.clock import FakeClock
from deskbreak.core.effects import HidePrompt, OpenRoutine, Refusal, Refused, ShowPrompt
from deskbreak.core.engine import Engine
from deskbreak.core.events import (
    AcceptOffer,
    AwayEnded,
    AwayStarted,
    BreakNow,
    Done,
    Resume,
    RoutineEnded,
    RoutinesAvailable,
    SettingsChanged,
    Skip,
    Snooze,
    StartRoutine,
)
from deskbreak.core.history import events as history
from deskbreak.core.offer import OfferedRoutine, PackSummary
from deskbreak.core.settings import RoutineSettings, Settings

from .conftest import BERLIN, local
from .driving import Transcript

PACKS = (
    PackSummary("stand-up-reset", "Stand-up reset", 105),
    PackSummary("whole-back-desk", "Whole-back desk routine", 257),
    PackSummary("lower-back-release", "Lower-back tension release", 272),
)
STAND_UP = OfferedRoutine("stand-up-reset", "Stand-up reset", 2)
WHOLE_BACK = OfferedRoutine("whole-back-desk", "Whole-back desk routine", 4)


@pytest.fixture
def t(engine: Engine, clock: FakeClock) -> Transcript:
    engine.handle(RoutinesAvailable(PACKS), clock.now())
    return Transcript(engine, clock)


def shown(t: Transcript, *, is_new: bool, at: object = None) -> ShowPrompt:
    show = t.expect(ShowPrompt, at=at)  # type: ignore[arg-type]
    assert isinstance(show, ShowPrompt)
    assert show.is_new is is_new
    t.expect_record(
        history.PromptShown(
            show.prompt.prompt_id,
            show.prompt.kind,
            show.prompt.level,
            quiet=False,
            offered_pack=show.prompt.offer.pack_id if show.prompt.offer else None,
        )
    )
    return show


def test_a_prompt_hidden_by_a_short_lock_comes_back_as_itself_with_the_same_offer(t: Transcript) -> None:
    t.run_until(local("2026-11-23 09:50"))
    first = shown(t, is_new=True, at=local("2026-11-23 09:50"))
    assert (first.prompt.prompt_id, first.prompt.offer) == (1, STAND_UP)
    t.send(AwayStarted(t.clock.now(), "locked"))
    t.expect(HidePrompt(1))
    t.run_for(minutes=1)
    t.send(AwayEnded())
    t.expect_record(history.AwayPeriod(local("2026-11-23 09:50"), local("2026-11-23 09:51"), "locked", False))
    again = shown(t, is_new=False)
    assert (again.prompt.prompt_id, again.prompt.offer) == (1, STAND_UP)
    t.verify()


def test_accepting_the_offer_starts_the_pack_the_prompt_named_even_after_the_settings_change(
    t: Transcript,
) -> None:
    t.run_until(local("2026-11-23 09:50"))
    shown(t, is_new=True)
    t.send(SettingsChanged(Settings(routines=RoutineSettings(prompt_packs=("lower-back-release",)))))
    t.send(AcceptOffer(1))
    t.expect(OpenRoutine("stand-up-reset"))
    t.expect_record(history.RoutineStarted("stand-up-reset", prompt_id=1, session_id=None))
    t.expect(HidePrompt(1))
    t.verify()


def test_an_answer_from_an_old_notification_is_refused_and_changes_nothing(t: Transcript) -> None:
    t.run_until(local("2026-11-23 09:50"))
    shown(t, is_new=True)
    t.send(Done(1))
    t.expect_record(history.PromptDone(1))
    t.expect(HidePrompt(1))
    t.run_until(local("2026-11-23 10:40"))
    second = shown(t, is_new=True)
    assert second.prompt.prompt_id == 2
    for stale in (Snooze(prompt_id=1), Skip(1), Done(1), AcceptOffer(1)):
        t.send(stale)
        t.expect(Refused(stale, Refusal.STALE_PROMPT))
    t.verify()
    assert t.engine.status.prompt is not None
    assert t.engine.status.prompt.visible


def test_each_new_prompt_offers_the_next_pack_and_the_rotation_survives_a_restart(
    engine: Engine, clock: FakeClock, t: Transcript
) -> None:
    t.run_until(local("2026-11-23 09:50"))
    assert shown(t, is_new=True).prompt.offer == STAND_UP
    t.send(Done(1))
    saved = engine.snapshot(clock.now())
    clock.advance(hours=2)  # quit, and started again much later
    restored = Engine.restored(saved, Settings(), BERLIN, clock.now())
    restored.handle(RoutinesAvailable(PACKS), clock.now())
    again = Transcript(restored, clock)
    again.run_for(minutes=50)
    show = shown(again, is_new=True)
    assert (show.prompt.prompt_id, show.prompt.offer) == (2, WHOLE_BACK)
    again.verify()


def test_the_top_level_offers_the_shortest_pack_and_keeps_it(t: Transcript) -> None:
    t.send(
        SettingsChanged(
            Settings(routines=RoutineSettings(prompt_packs=("lower-back-release", "stand-up-reset")))
        )
    )
    t.run_until(local("2026-11-23 10:00"))
    offers = [(shown(t, is_new=level == 1).prompt.level, level) for level in (1, 2, 3)]
    assert [level for level, _ in offers] == [1, 2, 3]
    status = t.engine.status.prompt
    assert status is not None
    assert status.offered_pack == "stand-up-reset"
    t.verify()


def test_a_prompt_due_before_the_packs_are_read_gets_its_offer_when_they_are(
    engine: Engine, clock: FakeClock
) -> None:
    t = Transcript(engine, clock)
    t.send(BreakNow())
    assert shown(t, is_new=True).prompt.offer is None
    t.send(Snooze())
    t.expect_record(history.PromptSnoozed(1, 5))
    t.expect(HidePrompt(1))
    t.send(RoutinesAvailable(PACKS))
    t.verify()  # a prompt the user has already seen keeps what it said
    assert engine.state.prompt is not None
    assert engine.state.prompt.offer is None


def test_resuming_when_not_paused_is_refused_with_a_reason(t: Transcript) -> None:
    t.send(Resume())
    t.expect(Refused(Resume(), Refusal.NOT_PAUSED))
    t.verify()


def test_answering_when_nothing_is_due_is_refused(t: Transcript) -> None:
    t.send(Done())
    t.expect(Refused(Done(), Refusal.NO_PROMPT))
    t.send(AcceptOffer(7))
    t.expect(Refused(AcceptOffer(7), Refusal.NO_PROMPT))
    t.verify()


def test_take_a_break_now_during_a_routine_is_refused(t: Transcript) -> None:
    t.send(StartRoutine("whole-back-desk"))
    t.expect(OpenRoutine("whole-back-desk"))
    t.expect_record(history.RoutineStarted("whole-back-desk", prompt_id=None, session_id=None))
    t.send(BreakNow())
    t.expect(Refused(BreakNow(), Refusal.IN_ROUTINE))
    t.verify()


def test_take_a_break_now_brings_back_a_snoozed_prompt_as_itself(t: Transcript) -> None:
    t.run_until(local("2026-11-23 09:50"))
    shown(t, is_new=True)
    t.send(Snooze())
    t.expect_record(history.PromptSnoozed(1, 5))
    t.expect(HidePrompt(1))
    t.send(BreakNow())
    assert shown(t, is_new=False).prompt.prompt_id == 1
    t.verify()


def test_a_finished_routine_that_answered_a_prompt_ends_its_block(t: Transcript) -> None:
    t.run_until(local("2026-11-23 09:50"))
    shown(t, is_new=True)
    t.send(AcceptOffer(1))
    t.expect(OpenRoutine("stand-up-reset"))
    t.expect_record(history.RoutineStarted("stand-up-reset", prompt_id=1, session_id=None))
    t.expect(HidePrompt(1))
    t.run_for(minutes=2)
    t.send(RoutineEnded("stand-up-reset", completed=True, steps_done=7, steps_total=7, seconds_moved=105))
    t.expect_record(history.RoutineEnded("stand-up-reset", "finished", 7, 7, 105))
    t.verify()
    assert t.engine.next_wakeup == local("2026-11-23 10:42")


def test_the_status_names_the_prompt_it_shows(t: Transcript) -> None:
    before = t.engine.status
    assert before.prompt is None
    t.run_until(local("2026-11-23 09:50"))
    status = t.engine.status.prompt
    assert status is not None
    assert (status.prompt_id, status.visible, status.offered_pack) == (1, True, "stand-up-reset")
    t.send(Snooze())
    status = t.engine.status.prompt
    assert status is not None
    assert (status.prompt_id, status.visible) == (1, False)


def test_prompt_ids_keep_counting_after_a_restart_that_starts_a_new_block(
    engine: Engine, clock: FakeClock, t: Transcript
) -> None:
    t.run_until(local("2026-11-23 09:50"))
    saved = engine.snapshot(clock.now())
    clock.advance(timedelta(hours=1))
    restored = Engine.restored(saved, Settings(), BERLIN, clock.now())
    assert restored.state.next_prompt_id == 2
