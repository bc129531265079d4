"""The driver arms the alarm from the engine, emits signals for effects and saves the state."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot

from deskbreak.app import restore_engine
from deskbreak.core.clock import FakeClock
from deskbreak.core.effects import HidePrompt, Refusal, Refused, ShowPrompt
from deskbreak.core.events import BreakNow, Pause, Skip, Snooze
from deskbreak.core.kinds import PromptKind
from deskbreak.core.settings import Settings
from deskbreak.timing.driver import EngineDriver

from .conftest import TZ


def test_the_alarm_is_armed_for_the_engines_next_wakeup(driver: EngineDriver, clock: FakeClock) -> None:
    driver.start()
    assert driver.armed_for == driver.next_wakeup == clock.now() + timedelta(minutes=50)
    driver.stop()


def test_a_prompt_is_shown_and_hidden_through_signals(qtbot: QtBot, driver: EngineDriver) -> None:
    driver.start()
    with qtbot.waitSignal(driver.prompt_shown) as shown:
        driver.send(BreakNow())
    show = shown.args[0]
    assert isinstance(show, ShowPrompt)
    assert show.prompt.kind is PromptKind.MOVE
    with qtbot.waitSignal(driver.prompt_hidden) as hidden:
        driver.send(Snooze())
    assert hidden.args[0] == HidePrompt(show.prompt.prompt_id)
    assert driver.status.phase == "snoozed"
    driver.stop()


def test_a_sleep_seen_by_the_two_clocks_counts_as_a_break(driver: EngineDriver, clock: FakeClock) -> None:
    driver.start()
    clock.advance(minutes=30)
    driver.kick()
    clock.suspend(hours=2)  # the machine slept for two hours: elapsed time ran on, awake time did not
    driver.kick()
    assert driver.status.block_since == clock.now()
    driver.stop()


def test_the_state_survives_a_quit_and_restart(
    driver: EngineDriver, clock: FakeClock, settings: Settings, tmp_path: Path
) -> None:
    driver.start()
    clock.advance(minutes=20)
    driver.send(Pause(clock.now() + timedelta(hours=1)))
    driver.stop()
    state_file = tmp_path / "state" / "engine-state.json"
    assert json.loads(state_file.read_text())["pause"] is not None
    clock.advance(minutes=1)
    engine = restore_engine(state_file, settings, TZ, clock.now())
    assert engine.status.phase == "paused"


def test_a_damaged_state_file_starts_a_new_block_and_is_kept_aside(
    clock: FakeClock, settings: Settings, tmp_path: Path
) -> None:
    state_file = tmp_path / "engine-state.json"
    state_file.write_text("{ this is not json")
    engine = restore_engine(state_file, settings, TZ, clock.now())
    assert engine.status.phase == "sitting"
    assert not state_file.exists()
    assert len(list(tmp_path.glob("engine-state.json.bad-*"))) == 1


def test_the_snapshot_is_refreshed_so_a_killed_process_resumes_its_block(
    driver: EngineDriver, clock: FakeClock, tmp_path: Path
) -> None:
    driver.start()
    state_file = tmp_path / "state" / "engine-state.json"
    first = json.loads(state_file.read_text())["saved_at"]
    for _ in range(5):  # five wake-ups, nothing else happening
        clock.advance(minutes=1)
        driver.kick()
    assert json.loads(state_file.read_text())["saved_at"] != first
    assert driver.send(Skip()) == [Refused(Skip(), Refusal.NO_PROMPT)]  # said, and no crash


def test_nothing_wakes_the_process_every_minute(driver: EngineDriver) -> None:
    driver.start()
    jobs = {job.id: job for job in driver.scheduler.get_jobs()}
    assert set(jobs) == {"engine-wakeup", "state-refresh"}
    refresh = jobs["state-refresh"].trigger.interval
    assert refresh == timedelta(minutes=driver.settings.awareness.break_minutes - 1)
    driver.stop()


def test_the_refresh_follows_the_break_length(driver: EngineDriver) -> None:
    driver.start()
    longer = driver.settings.awareness.model_copy(update={"break_minutes": 10})
    driver.change_settings(driver.settings.model_copy(update={"awareness": longer}))
    (refresh,) = [job for job in driver.scheduler.get_jobs() if job.id == "state-refresh"]
    assert refresh.trigger.interval == timedelta(minutes=9)
    driver.stop()
