"""What the history keeps: one frozen dataclass per kind of event.

These classes are a file format: each is written to the history database under its `KIND` with
its fields as JSON. Never rename a kind or a field, never change a field's meaning; add a new kind,
or a field with a default, together with a migration when old rows need it. Every event is stored
with the instant it happened (`at`), which is not a field here: the record that carries the event
has it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import ClassVar, Literal

from deskbreak.core.kinds import AbsenceKind, Posture, PromptKind

RoutineOutcome = Literal["finished", "ended_early", "cancelled"]
ResumeReason = Literal["user", "pause_ended"]
Effort = Literal["easy", "about_right", "hard"]
DropReason = Literal["break", "off_hours", "settings", "session"]  # session: a session prompt took its place


# --- prompts --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PromptShown:
    """A prompt appeared (window, notification, or a quiet notification only)."""

    KIND: ClassVar[str] = "prompt_shown"
    prompt_id: int
    kind: PromptKind
    level: int
    quiet: bool
    offered_pack: str | None


@dataclass(frozen=True)
class PromptSnoozed:
    KIND: ClassVar[str] = "prompt_snoozed"
    prompt_id: int
    minutes: int


@dataclass(frozen=True)
class PromptSkipped:
    KIND: ClassVar[str] = "prompt_skipped"
    prompt_id: int


@dataclass(frozen=True)
class PromptDone:
    """The user said they moved (stood up, sat down, walked) without a guided routine."""

    KIND: ClassVar[str] = "prompt_done"
    prompt_id: int


@dataclass(frozen=True)
class PromptDropped:
    """A prompt ended without an answer: a break, the end of the working day, a settings change."""

    KIND: ClassVar[str] = "prompt_dropped"
    prompt_id: int
    reason: DropReason


# --- the sitting timer -----------------------------------------------------------------------------


@dataclass(frozen=True)
class AppStarted:
    """deskbreak started watching; `posture` is the one the engine starts (or restores) with.

    Without this mark the history could not tell time deskbreak did not see (computer off, app
    closed) from time spent sitting.
    """

    KIND: ClassVar[str] = "app_started"
    posture: Posture = "sitting"


@dataclass(frozen=True)
class AppStopped:
    """deskbreak quit cleanly; a killed process leaves no mark, and its watch ends at its last event."""

    KIND: ClassVar[str] = "app_stopped"


@dataclass(frozen=True)
class PostureChanged:
    KIND: ClassVar[str] = "posture_changed"
    posture: Posture


@dataclass(frozen=True)
class AwayPeriod:
    """An absence, recorded when it ended; `was_break` when it was long enough to restart the timer."""

    KIND: ClassVar[str] = "away"
    start: datetime
    end: datetime
    kind: AbsenceKind
    was_break: bool


@dataclass(frozen=True)
class Postponed:
    """Snooze before anything was due: the next prompt moved back."""

    KIND: ClassVar[str] = "postponed"
    minutes: int


@dataclass(frozen=True)
class Paused:
    KIND: ClassVar[str] = "paused"
    until: datetime | None


@dataclass(frozen=True)
class Resumed:
    KIND: ClassVar[str] = "resumed"
    reason: ResumeReason


@dataclass(frozen=True)
class ClockJumped:
    KIND: ClassVar[str] = "clock_jumped"
    seconds: float


# --- routines and the programme -------------------------------------------------------------------


@dataclass(frozen=True)
class RoutineStarted:
    KIND: ClassVar[str] = "routine_started"
    pack_id: str
    prompt_id: int | None
    session_id: str | None


@dataclass(frozen=True)
class RoutineEnded:
    """`cancelled`: closed before any movement (not counted as a break)."""

    KIND: ClassVar[str] = "routine_ended"
    pack_id: str
    outcome: RoutineOutcome
    steps_done: int
    steps_total: int
    seconds_moved: int


@dataclass(frozen=True)
class SessionDue:
    """A scheduled session of the programme (e.g. the evening mobility routine) fell due."""

    KIND: ClassVar[str] = "session_due"
    session_id: str
    pack_id: str
    day: date


@dataclass(frozen=True)
class SessionDone:
    KIND: ClassVar[str] = "session_done"
    session_id: str
    pack_id: str
    day: date


@dataclass(frozen=True)
class SessionSkipped:
    """The user chose Skip on the session's prompt."""

    KIND: ClassVar[str] = "session_skipped"
    session_id: str
    pack_id: str
    day: date


@dataclass(frozen=True)
class SessionMissed:
    KIND: ClassVar[str] = "session_missed"
    session_id: str
    pack_id: str
    day: date


@dataclass(frozen=True)
class ChecklistTicked:
    """A checklist item (recovery habit, chair set-up) ticked or unticked for a day."""

    KIND: ClassVar[str] = "checklist_ticked"
    checklist_id: str
    item_id: str
    day: date
    ticked: bool


@dataclass(frozen=True)
class CheckIn:
    """Self-tracked back stiffness, 0 (none) to 10 (worst): a note to oneself, not a diagnosis."""

    KIND: ClassVar[str] = "check_in"
    stiffness: int
    day: date


@dataclass(frozen=True)
class StrengthSet:
    """One set of a strength session as the user logged it."""

    KIND: ClassVar[str] = "strength_set"
    pack_id: str
    exercise_id: str
    set_number: int
    reps: int
    load_kg: float | None
    effort: Effort | None


HistoryEvent = (
    AppStarted
    | AppStopped
    | PromptShown
    | PromptSnoozed
    | PromptSkipped
    | PromptDone
    | PromptDropped
    | PostureChanged
    | AwayPeriod
    | Postponed
    | Paused
    | Resumed
    | ClockJumped
    | RoutineStarted
    | RoutineEnded
    | SessionDue
    | SessionDone
    | SessionSkipped
    | SessionMissed
    | ChecklistTicked
    | CheckIn
    | StrengthSet
)

EVENT_TYPES: tuple[type[HistoryEvent], ...] = (
    AppStarted,
    AppStopped,
    PromptShown,
    PromptSnoozed,
    PromptSkipped,
    PromptDone,
    PromptDropped,
    PostureChanged,
    AwayPeriod,
    Postponed,
    Paused,
    Resumed,
    ClockJumped,
    RoutineStarted,
    RoutineEnded,
    SessionDue,
    SessionDone,
    SessionSkipped,
    SessionMissed,
    ChecklistTicked,
    CheckIn,
    StrengthSet,
)
"""Every kind, for the store's decoder; a test checks it matches `HistoryEvent`."""


@dataclass(frozen=True)
class HistoryEntry:
    """One event and the aware instant it happened: what the store appends and every query reads."""

    at: datetime
    event: HistoryEvent
