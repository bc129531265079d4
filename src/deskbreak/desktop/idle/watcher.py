"""Turns idle readings into `AwayStarted` / `AwayEnded` for the engine, waking the process rarely.

What it costs while deskbreak sits in the tray:

- a backend that pushes (X11's XSync alarms, GNOME's Mutter): no timer at all, whether the user
  works or is away; one message when idleness reaches the threshold and one at the next input;
- a polled backend (the last resort: XScreenSaver, the ScreenSaver D-Bus call, Windows, macOS):
  one reading a minute while the user is present. The next reading is due when the threshold
  could first be crossed, so an idle user is noticed on time, but never sooner than 5 s and
  never later than 60 s. While the user is away: every 5 s until the absence is long enough to
  be a break (the moment of return decides between a break and a pause), then every 30 s.

A reading is a task (desktop/steps.py): local backends answer at once, a D-Bus one from the Qt
loop, so a slow service never holds up the app. `since` is the time of the last input (now minus
the idle time), so a late reading never shifts the absence; the engine adds the away threshold.

Input after an absence is first only a stir (a bumped mouse, a cat): the watcher reports it
(`AwayEnded`) and looks once more after `NOISE_QUIET_SECONDS`; if nothing followed the stir, it
reports the quiet again (`AwayStarted`), well inside the engine's noise window, and the engine
keeps the absence going. One extra reading (or one short idle watch) per return.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from PySide6.QtCore import QObject, Qt, QTimer

from deskbreak.core.engine import NOISE_WINDOW
from deskbreak.core.events import AwayEnded, AwayStarted, Event
from deskbreak.core.settings import AwarenessSettings
from deskbreak.desktop.idle import IdleBackend, IdleWatchBackend
from deskbreak.desktop.steps import run_soon

log = logging.getLogger(__name__)

PRESENT_CHECK_SECONDS = 60
MIN_CHECK_SECONDS = 5
AWAY_CHECK_SECONDS = 5
SETTLED_AWAY_CHECK_SECONDS = 30
RETURN_SLACK = timedelta(seconds=2)  # ScreenSaver answers whole seconds; input later than this is real
NOISE_QUIET_SECONDS = 5  # no input this long after a stir: it was noise (inside the engine's window)
assert NOISE_QUIET_SECONDS + RETURN_SLACK.total_seconds() < NOISE_WINDOW.total_seconds()


@dataclass(frozen=True)
class Present:
    pass


@dataclass(frozen=True)
class Away:
    last_input: datetime


@dataclass(frozen=True)
class Stirred:
    """Input after an absence that may be noise; `last_input` is that input, `away` the absence."""

    last_input: datetime
    away: Away


IdleState = Present | Away | Stirred


class IdleWatcher(QObject):
    """Reads one `IdleBackend` (or listens to it) and tells the engine when the user leaves and returns."""

    def __init__(
        self,
        backend: IdleBackend,
        send: Callable[[Event], object],
        now: Callable[[], datetime],
        settings: Callable[[], AwarenessSettings],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.backend = backend
        self._send = send
        self._now = now
        self._settings = settings
        self.state: IdleState = Present()
        self.is_pushed = isinstance(backend, IdleWatchBackend)
        self._threshold: float | None = None
        self._running = False
        self._reading = False  # a reading is on its way; another check waits for it
        self._failures = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.VeryCoarseTimer)  # whole seconds: the OS may batch wake-ups
        self._timer.timeout.connect(self.check)
        self.settle_timer = QTimer(self)  # pushed backends: ends a stir's watch after the noise window
        self.settle_timer.setSingleShot(True)
        self.settle_timer.timeout.connect(self._stir_settled)

    @property
    def next_check_seconds(self) -> float | None:
        """When the next reading is planned; None when the backend pushes (or the watcher stopped)."""
        return self._timer.interval() / 1000 if self._timer.isActive() else None

    def start(self) -> None:
        self._running = True
        if self.is_pushed:
            self._arm_idle_watch()
        else:
            self.check()

    def stop(self) -> None:
        self._running = False
        self._timer.stop()
        self.settle_timer.stop()

    def settings_changed(self) -> None:
        """The away threshold may have changed: re-arm the watch, or re-plan the next reading."""
        if not self._running:
            return
        if self.is_pushed:
            if self._threshold != self._settings().away_after_seconds:
                self._arm_idle_watch()
        else:
            self.check()

    def describe_now(self) -> str:
        """What the watcher believes now, for `ctl status` (no reading: that may be a D-Bus call)."""
        state = self.state
        if isinstance(state, Stirred):
            return f"back a moment ago (input at {state.last_input.isoformat(timespec='seconds')})"
        if isinstance(state, Away):
            return f"away (no input since {state.last_input.isoformat(timespec='seconds')})"
        return "present"

    def check(self) -> None:
        """Take one reading and act on it when it comes; plans the next one."""
        if not self._running or self.is_pushed or self._reading:
            return
        self._reading = True
        run_soon(self.backend.read_idle(), self._read)

    def _read(self, idle: float | None) -> None:
        self._reading = False
        if not self._running:
            return
        if idle is None:
            self._failures += 1
            if self._failures == 1:
                log.warning("%s gave no idle reading; trying again in a minute", self.backend.name)
            self._plan(PRESENT_CHECK_SECONDS)
            return
        self._failures = 0
        now = self._now()
        settings = self._settings()
        last_input = now - timedelta(seconds=idle)
        state = self.state
        if isinstance(state, Stirred):
            if last_input <= state.last_input + RETURN_SLACK:  # nothing since the stir: noise
                self._quiet_again(state)
                self._plan(self._away_delay(state.away, now, settings))
                return
            self.state = Present()
        elif isinstance(state, Away):
            if last_input <= state.last_input + RETURN_SLACK or idle >= NOISE_QUIET_SECONDS:
                # No input, or input that stopped again at once (missed between readings): away.
                self._plan(self._away_delay(state, now, settings))
                return
            self._stirred(last_input, state)
            self._plan(NOISE_QUIET_SECONDS)
            return
        if idle >= settings.away_after_seconds:
            away = self._went_away(last_input)
            self._plan(self._away_delay(away, now, settings))
        else:
            self._plan(min(max(settings.away_after_seconds - idle, MIN_CHECK_SECONDS), PRESENT_CHECK_SECONDS))

    # --- transitions ------------------------------------------------------------------------------

    def _went_away(self, last_input: datetime) -> Away:
        away = Away(last_input)
        self.state = away
        log.info("idle since %s", last_input.isoformat(timespec="seconds"))
        self._send(AwayStarted(since=last_input, kind="idle"))
        return away

    def _stirred(self, last_input: datetime, away: Away) -> None:
        self.state = Stirred(last_input, away)
        log.info("input again")
        self._send(AwayEnded())

    def _quiet_again(self, stir: Stirred) -> None:
        """Nothing followed the stir: the user is still away (the engine ignores `since` here)."""
        self.state = stir.away
        log.info("the input was noise; still away")
        self._send(AwayStarted(since=stir.away.last_input, kind="idle"))

    def _away_delay(self, away: Away, now: datetime, settings: AwarenessSettings) -> float:
        counts_as_break_at = (
            away.last_input
            + timedelta(seconds=settings.away_after_seconds)
            + timedelta(minutes=settings.break_minutes)
        )
        return AWAY_CHECK_SECONDS if now < counts_as_break_at else SETTLED_AWAY_CHECK_SECONDS

    def _plan(self, seconds: float) -> None:
        if self._running:
            self._timer.start(round(seconds * 1000))

    # --- pushed backends --------------------------------------------------------------------------

    def _arm_idle_watch(self) -> None:
        assert isinstance(self.backend, IdleWatchBackend)
        self._threshold = self._settings().away_after_seconds
        self.backend.watch_idle(self._threshold, self._idle_fired)

    def _idle_fired(self, idle_seconds: float) -> None:
        if not self._running or not isinstance(self.state, Present):
            return
        assert isinstance(self.backend, IdleWatchBackend)
        self._went_away(self._now() - timedelta(seconds=idle_seconds))
        self.backend.watch_active(self._active_fired)

    def _active_fired(self) -> None:
        state = self.state
        if not self._running or not isinstance(state, Away):
            return
        assert isinstance(self.backend, IdleWatchBackend)
        self._stirred(self._now(), state)
        self.backend.watch_idle(NOISE_QUIET_SECONDS, self._stir_was_noise)
        self.settle_timer.start(round(NOISE_WINDOW.total_seconds() * 1000))

    def _stir_was_noise(self, _idle_seconds: float) -> None:
        state = self.state
        if not self._running or not isinstance(state, Stirred):
            return
        self.settle_timer.stop()
        self._quiet_again(state)
        self._arm_idle_watch()
        assert isinstance(self.backend, IdleWatchBackend)
        self.backend.watch_active(self._active_fired)

    def _stir_settled(self) -> None:
        """The noise window passed with input going on: the user is back; watch for idleness again."""
        if self._running and isinstance(self.state, Stirred):
            self.state = Present()
            self._arm_idle_watch()
