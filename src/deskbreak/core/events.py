"""What can happen to the engine: inputs from the clock, the desktop and the user.

Every event is a frozen value; the engine receives it with the `now` at which it happened.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from deskbreak.core.kinds import AbsenceKind, Posture
from deskbreak.core.offer import PackSummary
from deskbreak.core.settings import Settings

__all__ = ["AbsenceKind", "Posture"]  # re-exported: adapters name them with the events


@dataclass(frozen=True)
class Tick:
    """The alarm woke the process (or something asks for a re-check); time-based rules are re-checked."""


@dataclass(frozen=True)
class AwayStarted:
    """No input since `since` (idle), or the screen locked / the machine went to sleep at `since`."""

    since: datetime
    kind: AbsenceKind


@dataclass(frozen=True)
class AwayEnded:
    """Input again, or the screen was unlocked, at the event's `now`.

    After an idle absence this is only a stir: a bumped mouse is not a return. The absence ends
    (at the stir) once `NOISE_WINDOW` passes without the idle watcher reporting `AwayStarted`
    again; a watcher therefore reports a renewed quiet within that window (see core.engine).
    """


@dataclass(frozen=True)
class Slept:
    """The machine was asleep (or the process frozen) from `start` to `end`, learned after waking."""

    start: datetime
    end: datetime


@dataclass(frozen=True)
class ClockJumped:
    """The wall clock moved by `delta` without that time passing (manual change, NTP step)."""

    delta: timedelta


@dataclass(frozen=True)
class BusyChanged:
    """Do-not-disturb or a fullscreen window began or ended; prompts wait while any reason holds."""

    reason: str
    is_busy: bool


@dataclass(frozen=True)
class SettingsChanged:
    settings: Settings


@dataclass(frozen=True)
class RoutinesAvailable:
    """The routine library was (re)loaded: the packs a prompt may offer, by id."""

    packs: tuple[PackSummary, ...]


# --- user intents -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Done:
    """The user did what the prompt asked: stood up, sat down, or moved on their own.

    Answers that name a prompt (`prompt_id`, from a notification's button) are refused when that
    prompt is no longer the current one, so an old notification never answers a new prompt.
    """

    prompt_id: int | None = None


@dataclass(frozen=True)
class PostureChanged:
    """ "I'm standing" / "I'm sitting" from the menu, at any time."""

    posture: Posture


@dataclass(frozen=True)
class Snooze:
    minutes: int | None = None
    prompt_id: int | None = None


@dataclass(frozen=True)
class Skip:
    """Not this time: the sitting timer starts again."""

    prompt_id: int | None = None


@dataclass(frozen=True)
class StartRoutine:
    pack_id: str


@dataclass(frozen=True)
class AcceptOffer:
    """Start the routine that prompt `prompt_id` offers: the pack the prompt named, never a new choice."""

    prompt_id: int


@dataclass(frozen=True)
class RoutineEnded:
    """The player closed; what was done is kept for the history."""

    pack_id: str
    completed: bool
    steps_done: int
    steps_total: int
    seconds_moved: int


@dataclass(frozen=True)
class ChecklistToggled:
    """A checklist item ticked or unticked for today (a recovery habit, from the tray's "Today")."""

    checklist_id: str
    item_id: str
    ticked: bool


@dataclass(frozen=True)
class Pause:
    """No prompts until `until` (an aware instant), or until Resume when None."""

    until: datetime | None


@dataclass(frozen=True)
class Resume:
    pass


@dataclass(frozen=True)
class BreakNow:
    """Show the prompt now, whatever the schedule says."""


Event = (
    Tick
    | AwayStarted
    | AwayEnded
    | Slept
    | ClockJumped
    | BusyChanged
    | SettingsChanged
    | RoutinesAvailable
    | Done
    | PostureChanged
    | Snooze
    | Skip
    | StartRoutine
    | AcceptOffer
    | RoutineEnded
    | ChecklistToggled
    | Pause
    | Resume
    | BreakNow
)
