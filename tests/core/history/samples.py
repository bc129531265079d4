"""One example of every event kind, with every optional field set, for round-trip tests."""

from __future__ import annotations

from datetime import UTC, date, datetime

from deskbreak.core.history.events import (
    AppStarted,
    AppStopped,
    AwayPeriod,
    CheckIn,
    ChecklistTicked,
    ClockJumped,
    HistoryEvent,
    Paused,
    Postponed,
    PostureChanged,
    PromptDone,
    PromptDropped,
    PromptShown,
    PromptSkipped,
    PromptSnoozed,
    Resumed,
    RoutineEnded,
    RoutineStarted,
    SessionDone,
    SessionDue,
    SessionMissed,
    SessionSkipped,
    StrengthSet,
)
from deskbreak.core.kinds import PromptKind

MONDAY = date(2026, 11, 23)

SAMPLES: tuple[HistoryEvent, ...] = (
    AppStarted(posture="standing"),
    AppStopped(),
    PromptShown(prompt_id=7, kind=PromptKind.STAND, level=2, quiet=False, offered_pack="seated-reset"),
    PromptShown(prompt_id=8, kind=PromptKind.MOVE, level=1, quiet=True, offered_pack=None),
    PromptSnoozed(prompt_id=7, minutes=5),
    PromptSkipped(prompt_id=7),
    PromptDone(prompt_id=7),
    PromptDropped(prompt_id=7, reason="off_hours"),
    PostureChanged(posture="standing"),
    AwayPeriod(
        start=datetime(2026, 11, 23, 11, 0, tzinfo=UTC),
        end=datetime(2026, 11, 23, 11, 40, 30, 250, tzinfo=UTC),
        kind="locked",
        was_break=True,
    ),
    Postponed(minutes=10),
    Paused(until=datetime(2026, 11, 23, 14, 0, tzinfo=UTC)),
    Paused(until=None),
    Resumed(reason="pause_ended"),
    ClockJumped(seconds=-3600.5),
    RoutineStarted(pack_id="evening-mobility", prompt_id=None, session_id="evening"),
    RoutineEnded(
        pack_id="evening-mobility", outcome="ended_early", steps_done=3, steps_total=5, seconds_moved=200
    ),
    SessionDue(session_id="evening", pack_id="evening-mobility", day=MONDAY),
    SessionDone(session_id="evening", pack_id="evening-mobility", day=MONDAY),
    SessionMissed(session_id="strength", pack_id="strength-session", day=MONDAY),
    SessionSkipped(session_id="evening", pack_id="evening-mobility", day=MONDAY),
    ChecklistTicked(checklist_id="recovery", item_id="walked", day=MONDAY, ticked=True),
    CheckIn(stiffness=4, day=MONDAY),
    StrengthSet(
        pack_id="strength-session",
        exercise_id="romanian-deadlift",
        set_number=2,
        reps=8,
        load_kg=12.5,
        effort="about_right",
    ),
    StrengthSet(
        pack_id="strength-session",
        exercise_id="goblet-squat",
        set_number=1,
        reps=6,
        load_kg=None,
        effort=None,
    ),
)
