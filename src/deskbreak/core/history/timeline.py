"""Rebuilds what the user was doing from the event log: sitting, standing, a routine, or away.

The log holds moments (a prompt answered, a posture change, an absence that ended), not a state
per minute, so sitting time is reconstructed. These are the rules, and `docs/history.md` says
the same in the user's words:

1. **Only watched time counts.** deskbreak sees time only while it runs: from `AppStarted` to
   `AppStopped`. A run that ended without `AppStopped` (killed, crashed, power cut) ends at its
   last event; the run still going ends at `live_until`, which the running app passes as now.
   A log that starts without `AppStarted` (written before that mark existed) starts at its first
   event; after a clean stop, nothing counts until the next start. A clock set forward by X at
   instant t leaves [t - X, t) unwatched.
2. **Each watched moment is one thing**, in this order: in a routine (from `RoutineStarted` to its
   `RoutineEnded`; a routine closed as `cancelled`, before any movement, is not one), away (inside
   an `AwayPeriod`; a routine wins, because floor exercises leave the keyboard idle), else
   standing or sitting by posture.
3. **Posture** comes from `AppStarted.posture` and `PostureChanged`; a "stand" prompt answered
   with Done means standing, a "sit" or "move" prompt answered with Done means sitting; the end of
   a routine and the end of an absence long enough to be a break mean sitting (as the engine does).
4. **A sit is unbroken sitting.** It ends when a routine starts, when an absence that was a break
   starts, when the posture changes to standing, when a prompt is answered Done (the user says they
   moved) and where watched time ends. A shorter absence pauses a sit: its minutes are not
   sitting, but the sit goes on after it. Skip and Snooze do not end a sit: the user said they did
   not move. (The engine's timer does restart on Skip, so as not to ask again at once; the history
   reports what happened to the body, not to the timer.)
5. **Days are local calendar days** in the zone the caller passes; a stretch that crosses midnight
   is split there, and a day's longest sit is the longest part of a sit inside that day.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import assert_never

from deskbreak.core.history.events import (
    AppStarted,
    AppStopped,
    AwayPeriod,
    ClockJumped,
    HistoryEntry,
    PostureChanged,
    PromptDone,
    PromptShown,
    RoutineEnded,
    RoutineStarted,
)
from deskbreak.core.kinds import Posture, PromptKind

ZERO = timedelta(0)


class Activity(enum.Enum):
    SITTING = "sitting"
    STANDING = "standing"
    ROUTINE = "routine"
    AWAY = "away"


@dataclass(frozen=True)
class Segment:
    """A stretch of watched time doing one thing; `sit` numbers the unbroken sit a sitting stretch is part of."""

    start: datetime
    end: datetime
    activity: Activity
    sit: int

    @property
    def length(self) -> timedelta:
        return self.end - self.start


@dataclass
class DayTime:
    """Where one local day's watched time went."""

    sitting: timedelta = ZERO
    standing: timedelta = ZERO
    routine: timedelta = ZERO
    away: timedelta = ZERO
    longest_sit: timedelta = ZERO

    @property
    def moving(self) -> timedelta:
        """Time up from the chair: standing plus routines."""
        return self.standing + self.routine


# --- marks: what changes at an instant -------------------------------------------------------------


class _Change(enum.Enum):
    RUN_ON = enum.auto()
    RUN_OFF = enum.auto()
    POSTURE = enum.auto()
    MOVED = enum.auto()  # a prompt answered Done: a new sit, posture as given
    AWAY_ON = enum.auto()
    AWAY_OFF = enum.auto()
    ROUTINE_ON = enum.auto()
    ROUTINE_OFF = enum.auto()


@dataclass(frozen=True)
class _Mark:
    at: datetime
    order: int
    change: _Change
    posture: Posture | None = None
    is_break: bool = False


def segments(
    entries: Sequence[HistoryEntry], start: datetime, end: datetime, live_until: datetime | None = None
) -> list[Segment]:
    """The watched stretches between `start` and `end`, in order, from `entries` sorted by time.

    `entries` should begin early enough to know the state at `start` (the queries pass the day
    before and the last run mark and posture change before that).
    """
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    marks = _marks(entries, None if live_until is None else live_until.astimezone(UTC))
    result: list[Segment] = []
    running = False
    posture: Posture = "sitting"
    away = 0
    in_routine = False
    sit = 0
    cursor: datetime | None = None
    for mark in marks:
        if cursor is not None and running and mark.at > cursor:
            low, high = max(cursor, start), min(mark.at, end)
            if low < high:
                activity = _activity(in_routine, away, posture)
                result.append(Segment(low, high, activity, sit))
        cursor = mark.at
        match mark.change:
            case _Change.RUN_ON:
                running, away, in_routine = True, 0, False
                sit += 1
                if mark.posture is not None:
                    posture = mark.posture
            case _Change.RUN_OFF:
                running = False
                sit += 1
            case _Change.POSTURE:
                assert mark.posture is not None
                if mark.posture != posture:
                    sit += 1
                posture = mark.posture
            case _Change.MOVED:
                assert mark.posture is not None
                posture = mark.posture
                sit += 1
            case _Change.AWAY_ON:
                away += 1
                if mark.is_break:
                    sit += 1
            case _Change.AWAY_OFF:
                away = max(0, away - 1)
                if mark.is_break:
                    posture = "sitting"
                    sit += 1
            case _Change.ROUTINE_ON:
                in_routine = True
                sit += 1
            case _Change.ROUTINE_OFF:
                in_routine = False
                posture = "sitting"
                sit += 1
            case _:
                assert_never(mark.change)
    return _merge(result)


def by_day(parts: Sequence[Segment], tz: tzinfo) -> dict[date, DayTime]:
    """Split segments at local midnights and add them up per day (rule 5)."""
    days: dict[date, DayTime] = {}
    sits: dict[tuple[date, int], timedelta] = {}
    for segment in parts:
        for day, low, high in _split_at_midnights(segment.start, segment.end, tz):
            totals = days.setdefault(day, DayTime())
            length = high - low
            match segment.activity:
                case Activity.SITTING:
                    totals.sitting += length
                    sit_length = sits[day, segment.sit] = sits.get((day, segment.sit), ZERO) + length
                    totals.longest_sit = max(totals.longest_sit, sit_length)
                case Activity.STANDING:
                    totals.standing += length
                case Activity.ROUTINE:
                    totals.routine += length
                case Activity.AWAY:
                    totals.away += length
                case _:
                    assert_never(segment.activity)
    return days


def local_midnight(day: date, tz: tzinfo) -> datetime:
    """The first instant of a local day, in UTC (days may be 23 or 25 hours long)."""
    return datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)


# --- building the marks --------------------------------------------------------------------------


def _marks(entries: Sequence[HistoryEntry], live_until: datetime | None) -> list[_Mark]:
    prompt_kinds: dict[int, PromptKind] = {}
    marks: list[_Mark] = []
    order = 0

    def add(at: datetime, change: _Change, posture: Posture | None = None, is_break: bool = False) -> None:
        nonlocal order
        order += 1
        marks.append(_Mark(at.astimezone(UTC), order, change, posture, is_break))

    for run_start, run_end, run_posture, run_entries in _runs(entries, live_until):
        add(run_start, _Change.RUN_ON, run_posture)
        routine: tuple[str, int, bool] | None = None  # pack, index of its mark, replaced another
        for entry in run_entries:
            event = entry.event
            match event:
                case PromptShown(prompt_id=prompt_id, kind=kind):
                    prompt_kinds[prompt_id] = kind
                case PromptDone(prompt_id=prompt_id):
                    kind = prompt_kinds.get(prompt_id, PromptKind.MOVE)
                    add(entry.at, _Change.MOVED, "standing" if kind is PromptKind.STAND else "sitting")
                case PostureChanged(posture=posture):
                    add(entry.at, _Change.POSTURE, posture)
                case AwayPeriod(start=away_start, end=away_end, was_break=was_break):
                    low, high = (
                        max(away_start.astimezone(UTC), run_start),
                        min(away_end.astimezone(UTC), run_end),
                    )
                    if low < high:
                        add(low, _Change.AWAY_ON, is_break=was_break)
                        add(high, _Change.AWAY_OFF, is_break=was_break)
                case RoutineStarted(pack_id=pack_id):
                    if routine is None:
                        add(entry.at, _Change.ROUTINE_ON)
                        routine = (pack_id, len(marks) - 1, False)
                    else:  # another routine replaced the one playing: still in a routine
                        routine = (pack_id, routine[1], True)
                case RoutineEnded(pack_id=pack_id, outcome=outcome):
                    if routine is None or routine[0] != pack_id:
                        continue  # a replaced routine's window closing
                    if outcome == "cancelled" and not routine[2]:
                        marks.pop(routine[1])  # closed before any movement: never was a routine
                    else:
                        add(entry.at, _Change.ROUTINE_OFF)
                    routine = None
                case _:
                    pass
        add(run_end, _Change.RUN_OFF)
    marks.sort(key=lambda mark: (mark.at, mark.order))
    return marks


@dataclass
class _Run:
    start: datetime
    posture: Posture | None
    last_seen: datetime
    entries: list[HistoryEntry] = field(default_factory=list)


def _runs(
    entries: Sequence[HistoryEntry], live_until: datetime | None
) -> Iterator[tuple[datetime, datetime, Posture | None, list[HistoryEntry]]]:
    """Watched spans (rule 1) with the entries inside each; instants in UTC, so that subtracting
    two of them measures real time even across a change to or from summer time."""
    run: _Run | None = None
    seen_marks = False
    for entry in (HistoryEntry(entry.at.astimezone(UTC), entry.event) for entry in entries):
        event = entry.event
        seen_marks = seen_marks or isinstance(event, AppStarted | AppStopped)
        if isinstance(event, AppStarted):
            if run is not None:
                yield run.start, run.last_seen, run.posture, run.entries
            run = _Run(entry.at, event.posture, entry.at)
            continue
        if isinstance(event, AppStopped):
            if run is not None:
                yield run.start, entry.at, run.posture, run.entries
            run = None
            continue
        if run is None:
            if seen_marks:
                continue  # after a clean stop nothing is watched until the next start
            run = _Run(entry.at, None, entry.at)
        if isinstance(event, ClockJumped) and event.seconds > 0:
            gap_start = max(run.start, entry.at - timedelta(seconds=event.seconds))
            yield run.start, gap_start, run.posture, run.entries
            run = _Run(entry.at, None, entry.at)
            continue
        run.entries.append(entry)
        seen = event.end.astimezone(UTC) if isinstance(event, AwayPeriod) else entry.at
        run.last_seen = max(run.last_seen, seen)
    if run is not None:
        end = max(run.last_seen, live_until) if live_until is not None else run.last_seen
        yield run.start, end, run.posture, run.entries


def _activity(in_routine: bool, away: int, posture: Posture) -> Activity:
    if in_routine:
        return Activity.ROUTINE
    if away:
        return Activity.AWAY
    return Activity.STANDING if posture == "standing" else Activity.SITTING


def _merge(parts: list[Segment]) -> list[Segment]:
    """Join touching segments of the same activity and sit, so a day reads as few stretches."""
    merged: list[Segment] = []
    for part in parts:
        last = merged[-1] if merged else None
        if (
            last is not None
            and last.end == part.start
            and (last.activity, last.sit) == (part.activity, part.sit)
        ):
            merged[-1] = Segment(last.start, part.end, last.activity, last.sit)
        else:
            merged.append(part)
    return merged


def _split_at_midnights(
    start: datetime, end: datetime, tz: tzinfo
) -> Iterator[tuple[date, datetime, datetime]]:
    low, end = start.astimezone(UTC), end.astimezone(UTC)
    while low < end:
        day = low.astimezone(tz).date()
        high = min(end, local_midnight(day + timedelta(days=1), tz))
        if high <= low:  # pragma: no cover - only where clocks change at midnight itself
            high = min(end, low + timedelta(hours=1))
        yield day, low, high
        low = high
