"""Quitting and restarting keeps the sitting block; a restart after a break starts afresh."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from deskbreak.core.clock import FakeClock
from deskbreak.core.engine import Engine
from deskbreak.core.events import Pause
from deskbreak.core.settings import Settings
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
    ],
)
def test_a_malformed_snapshot_is_refused_with_a_reason(broken: dict[str, object]) -> None:
    with pytest.raises(SnapshotError):
        from_snapshot(broken)
