"""Owns the engine and the alarm; turns adapter and user events into engine events and effects into signals."""

from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, assert_never

from PySide6.QtCore import QObject, Signal

from deskbreak.core.atomic import write_atomic
from deskbreak.core.clock import Clock
from deskbreak.core.effects import (
    Effect,
    HidePrompt,
    OpenRoutine,
    Record,
    Refused,
    ShowPrompt,
    Status,
    StatusChanged,
    WelcomeBack,
)
from deskbreak.core.engine import Engine
from deskbreak.core.events import Event, SettingsChanged, Tick
from deskbreak.core.gaps import GapDetector
from deskbreak.core.settings import Settings
from deskbreak.timing.alarm import Alarm
from deskbreak.timing.qt_scheduler import QtAlarmScheduler

log = logging.getLogger(__name__)


class EngineDriver(QObject):
    """The one place where the engine meets the clock, the alarm and the disk.

    Signals:
        status_changed(Status): the tray and status window redraw from this.
        prompt_shown(ShowPrompt): show (or show again) this prompt, by its id.
        prompt_hidden(HidePrompt): the prompt is answered or held; close it.
        routine_requested(str): open the routine player on this pack id.
        recorded(Record): something for the history.
        welcomed_back(WelcomeBack): an absence counted as a break; say so.
    """

    status_changed = Signal(object)
    prompt_shown = Signal(object)
    prompt_hidden = Signal(object)
    routine_requested = Signal(str)
    recorded = Signal(object)
    welcomed_back = Signal(object)

    def __init__(self, engine: Engine, clock: Clock, state_file: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._engine = engine
        self._clock = clock
        self._state_file = state_file
        self._gaps = GapDetector()
        self._gaps.observe(clock.now(), clock.elapsed(), clock.awake())
        self.scheduler = QtAlarmScheduler(self)
        self._alarm = Alarm(
            self.scheduler,
            on_wakeup=self._on_alarm,
            on_refresh=self._on_refresh,
            refresh_every=self._refresh(),
        )
        self._saved: dict[str, Any] | None = None
        self._saved_at: datetime | None = None

    @property
    def status(self) -> Status:
        return self._engine.status

    @property
    def settings(self) -> Settings:
        return self._engine.settings

    @property
    def next_wakeup(self) -> datetime | None:
        return self._engine.next_wakeup

    @property
    def armed_for(self) -> datetime | None:
        """When the alarm will wake the process next (the engine's wake-up, once armed)."""
        return self._alarm.armed_for

    def start(self) -> None:
        self._alarm.start()
        self._alarm.set(self._engine.next_wakeup)
        self._save(force=True)
        self.status_changed.emit(self._engine.status)

    def stop(self) -> None:
        """Save the state for the next start and stop the alarm; the Quit path calls this."""
        self._save(force=True)
        self._alarm.stop()

    def send(self, event: Event) -> list[Effect]:
        """Deliver one event, after any sleep or clock change the two clocks reveal.

        Returns the event's own effects, so a caller can tell a refusal from a success.
        """
        now = self._clock.now()
        for gap in self._gaps.observe(now, self._clock.elapsed(), self._clock.awake()):
            log.info("gap detected: %s", gap)
            self._apply(self._engine.handle(gap, now))
        log.debug("event %s", event)
        effects = self._engine.handle(event, now)
        self._apply(effects)
        self._alarm.set(self._engine.next_wakeup)
        self._alarm.refresh_every(self._refresh())
        self._save()
        return effects

    def change_settings(self, settings: Settings) -> None:
        self.send(SettingsChanged(settings))

    def kick(self) -> None:
        """Re-check everything now (after resume or unlock, when timers may have run late)."""
        self.send(Tick())

    def forget_gap(self) -> None:
        """The OS reported a sleep exactly (logind): drop the clock sample from before it, so the
        next event does not report the same sleep again, less exactly."""
        self._gaps.forget()

    def _on_alarm(self) -> None:
        self.send(Tick())

    def _on_refresh(self) -> None:
        """Now and then, with nothing else happening: notice a sleep and keep the saved state fresh."""
        self.send(Tick())

    def _refresh(self) -> timedelta:
        """A minute less than a break, so a killed process restarts within the block it was in."""
        return timedelta(minutes=max(1, self._engine.settings.awareness.break_minutes - 1))

    def _apply(self, effects: list[Effect]) -> None:
        for effect in effects:
            log.debug("effect %s", effect)
            match effect:
                case ShowPrompt():
                    self.prompt_shown.emit(effect)
                case HidePrompt():
                    self.prompt_hidden.emit(effect)
                case OpenRoutine(pack_id=pack_id):
                    self.routine_requested.emit(pack_id)
                case Record(event=event):
                    log.info("record %s %s", event.KIND, event)
                    self.recorded.emit(effect)
                case WelcomeBack():
                    self.welcomed_back.emit(effect)
                case Refused():  # the caller of `send` reads it from the returned effects
                    log.info("refused %s: %s", effect.request, effect.reason)
                case StatusChanged(status=status):
                    self.status_changed.emit(status)
                case _:
                    assert_never(effect)

    def _save(self, force: bool = False) -> None:
        """Write the snapshot when it changed, and refresh it every few minutes so a killed process
        restarts within the same block (the saved time tells how long it was gone)."""
        now = self._clock.now()
        snapshot = self._engine.snapshot(now)
        comparable = {k: v for k, v in snapshot.items() if k != "saved_at"}
        stale = self._saved_at is None or now - self._saved_at >= self._refresh()
        if not force and comparable == self._saved and not stale:
            return
        try:
            write_atomic(self._state_file, json.dumps(snapshot, indent=1).encode())
        except OSError as exc:
            log.warning("could not save the engine state to %s: %s", self._state_file, exc)
            return
        self._saved, self._saved_at = comparable, now
