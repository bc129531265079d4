"""Quitting and restarting keeps the sitting block; a restart after a break starts afresh."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from deskbreak.core.clock import FakeClock
from deskbreak.core.engine import Engine
from deskbreak.core.events import Pause, RoutinesAvailable, SettingsChanged
from deskbreak.core.offer import OfferedRoutine, PackSummary
from deskbreak.core.settings import RoutineSettings, Settings
from deskbreak.core.state import SnapshotError, from_snapshot

from .conftest import BERLIN, local
from .driving import run_until


def test_a_restart_within_the_block_resumes_the_sitting_timer(engine: Engine, clock: FakeClock) -> None:
    clock.advance(minutes=30)
    saved = json.loads(json.dumps(engine.snapshot(clock.now())))
    clock.advance(minutes=2)
    restored = Engine.restored(saved, Settings(), BERLIN, clock.now())
    assert restored.next_wakeup == local("2026-11-23 09:50")


def test_a_restart_after_a_break_long_gap_starts_a_new_block(engine: Engine, clock: FakeClock) -> None:
    clock.advance(minutes=30)
    saved = engine.snapshot(clock.now())
    clock.advance(minutes=20)
    restored = Engine.restored(saved, Settings(), BERLIN, clock.now())
    assert restored.state.block.since == clock.now()


def test_a_restart_exactly_a_break_length_later_starts_a_new_block(engine: Engine, clock: FakeClock) -> None:
    clock.advance(minutes=30)
    saved = engine.snapshot(clock.now())
    clock.advance(minutes=Settings().awareness.break_minutes)
    restored = Engine.restored(saved, Settings(), BERLIN, clock.now())
    assert restored.state.block.since == clock.now()


def test_a_restart_a_second_short_of_a_break_continues_the_block(engine: Engine, clock: FakeClock) -> None:
    clock.advance(minutes=30)
    saved = engine.snapshot(clock.now())
    clock.advance(timedelta(minutes=Settings().awareness.break_minutes) - timedelta(seconds=1))
    restored = Engine.restored(saved, Settings(), BERLIN, clock.now())
    assert restored.state.block.since == local("2026-11-23 09:00")


def test_a_snapshot_from_the_previous_version_still_restores() -> None:
    old = {
        "version": 1,
        "saved_at": "2026-11-23T09:30:00+01:00",
        "block": {"posture": "sitting", "since": "2026-11-23T09:00:00+01:00", "credit_seconds": 0.0},
        "prompt": {
            "kind": "move",
            "due_at": "2026-11-23T09:50:00+01:00",
            "level": 2,
            "snoozes": 1,
            "snoozed_until": None,
        },
        "pause": None,
    }
    state, _saved_at = from_snapshot(old)
    assert state.prompt is not None
    assert (state.prompt.prompt_id, state.prompt.level, state.next_prompt_id) == (1, 2, 2)


def test_a_pending_prompt_keeps_its_id_and_offer_across_a_restart(engine: Engine, clock: FakeClock) -> None:
    engine.handle(RoutinesAvailable((PackSummary("walk-break", "Walk break", 400),)), clock.now())
    engine.handle(
        SettingsChanged(Settings(routines=RoutineSettings(prompt_packs=("walk-break",)))), clock.now()
    )
    run_until(engine, clock, local("2026-11-23 09:51"))
    saved = json.loads(json.dumps(engine.snapshot(clock.now())))
    restored = Engine.restored(saved, Settings(), BERLIN, clock.now())
    prompt = restored.state.prompt
    assert prompt is not None
    assert (prompt.prompt_id, prompt.offer) == (1, OfferedRoutine("walk-break", "Walk break", 7))
    assert restored.state.offer_turn == 1


def test_a_pause_until_tomorrow_survives_a_restart(engine: Engine, clock: FakeClock) -> None:
    until = local("2026-11-24 09:00")
    engine.handle(Pause(until), clock.now())
    saved = engine.snapshot(clock.now())
    clock.advance(hours=3)
    restored = Engine.restored(saved, Settings(), BERLIN, clock.now())
    assert restored.status.phase == "paused"
    assert restored.status.paused_until == until


def test_a_pending_prompt_comes_back_after_a_quick_restart(engine: Engine, clock: FakeClock) -> None:
    run_until(engine, clock, local("2026-11-23 09:51"))
    saved = engine.snapshot(clock.now())
    clock.advance(seconds=20)
    restored = Engine.restored(saved, Settings(), BERLIN, clock.now())
    assert restored.status.phase == "prompting"


def test_a_restart_after_the_clock_went_back_starts_clean(engine: Engine, clock: FakeClock) -> None:
    saved = engine.snapshot(clock.now())
    restored = Engine.restored(saved, Settings(), BERLIN, clock.now() - timedelta(hours=1))
    assert restored.state.block.since == clock.now() - timedelta(hours=1)


@pytest.mark.parametrize(
    "broken",
    [
        {},
        {"version": 99},
        {"version": 1, "saved_at": "yesterday", "block": {}},
        {"version": 1, "saved_at": "2026-11-23T09:00:00", "block": {"posture": "sitting", "since": "x"}},
        {"version": 1, "saved_at": "2026-11-23T09:00:00+00:00", "block": {"posture": "lying"}},
        {"version": 1, "saved_at": "2026-11-23T09:00:00+00:00", "block": []},
        {"version": 2, "saved_at": "2026-11-23T09:00:00+00:00", "next_prompt_id": True},
        {"version": 2, "saved_at": "2026-11-23T09:00:00+00:00", "offer_turn": -1},
    ],
)
def test_a_malformed_snapshot_is_refused_with_a_reason(broken: dict[str, object]) -> None:
    with pytest.raises(SnapshotError):
        from_snapshot(broken)


def saved_block(**changes: object) -> dict[str, object]:
    block = {"posture": "sitting", "since": "2026-11-23T09:00:00+00:00", "credit_seconds": 0.0}
    snapshot: dict[str, object] = {"version": 1, "saved_at": "2026-11-23T09:10:00+00:00", "block": block}
    for key, value in changes.items():
        if key in block:
            block[key] = value
        else:
            snapshot[key] = value
    return snapshot


@pytest.mark.parametrize(
    "broken",
    [
        saved_block(credit_seconds=1e300),
        saved_block(credit_seconds=float("inf")),
        saved_block(credit_seconds=float("nan")),
        saved_block(credit_seconds=-60.0),
        saved_block(since="9999-12-31T23:59:00+00:00"),
        saved_block(since="9999-12-31T23:59:00-14:00"),
        saved_block(pause={"until": "9999-12-31T23:00:00+00:00"}),
        saved_block(
            prompt={
                "kind": "move",
                "due_at": "2026-11-23T09:50:00+00:00",
                "level": float("inf"),
                "snoozes": 0,
            }
        ),
    ],
    ids=[
        "huge credit",
        "infinite credit",
        "nan credit",
        "negative credit",
        "year 9999",
        "year 10000 in UTC",
        "pause until 9999",
        "infinite level",
    ],
)
def test_a_saved_value_out_of_range_is_refused_not_a_crash(broken: dict[str, object]) -> None:
    """A restore that raised OverflowError here crashed every start until the file was removed."""
    with pytest.raises(SnapshotError, match="out of range"):
        from_snapshot(json.loads(json.dumps(broken)))
