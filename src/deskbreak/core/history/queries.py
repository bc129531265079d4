"""The numbers behind the Progress window and `deskbreak history`: per local day, and streaks.

Every query takes the zone and `now` from the caller; nothing here reads a clock. Time spent
sitting, standing, in routines and away comes from `timeline.py` (its docstring has the rules);
the counts come straight from the events of each local day.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from typing import Protocol

from deskbreak.core.history.events import (
    AppStarted,
    AppStopped,
    AwayPeriod,
    CheckIn,
    HistoryEntry,
    HistoryEvent,
    PostureChanged,
    PromptDone,
    PromptShown,
    PromptSkipped,
    PromptSnoozed,
    RoutineEnded,
    RoutineStarted,
    SessionDone,
    SessionDue,
    SessionMissed,
)
from deskbreak.core.history.timeline import ZERO, DayTime, by_day, local_midnight, segments

LOOKBACK = timedelta(days=1)
"""Entries read before the first day, so a routine or an absence that crosses midnight is whole."""


class HistoryReader(Protocol):
    """What the queries need from a store (HistoryStore has it; so can a list in a test)."""

    def entries(
        self,
        since: datetime | None = None,
        until: datetime | None = None,
        kinds: Sequence[type[HistoryEvent]] | None = None,
    ) -> list[HistoryEntry]: ...

    def latest(self, kinds: Sequence[type[HistoryEvent]], before: datetime) -> HistoryEntry | None: ...


@dataclass(frozen=True)
class DaySummary:
    """One local day: where the time went and what happened to the prompts."""

    day: date
    sitting: timedelta = ZERO
    standing: timedelta = ZERO
    routine: timedelta = ZERO
    away: timedelta = ZERO
    longest_sit: timedelta = ZERO
    prompts_shown: int = 0  # different prompts; one shown again after a snooze counts once
    prompts_acted_on: int = 0  # answered Done, or a routine started from it
    snoozes: int = 0
    prompts_skipped: int = 0
    natural_breaks: int = 0  # absences long enough to count as a break
    stood_up: int = 0  # changes to standing that were not a prompt's answer
    routines_done: int = 0  # finished or ended early; one closed before moving is not counted
    own_routines: int = 0  # of those, started without a prompt
    sessions_done: int = 0
    check_in: int | None = None  # the day's last answer, 0-10

    @property
    def moving(self) -> timedelta:
        """Time up from the chair: standing plus routines."""
        return self.standing + self.routine

    @property
    def breaks_taken(self) -> int:
        """Every time sitting was broken: a prompt acted on, a routine of one's own, standing up, an absence."""
        return self.prompts_acted_on + self.own_routines + self.stood_up + self.natural_breaks


@dataclass(frozen=True)
class Streak:
    """A scheduled session done on each of its latest due days; a day not yet over does not break it."""

    session_id: str
    pack_id: str
    current: int
    best: int
    last_done: date | None


@dataclass(frozen=True)
class ProgressReport:
    """Everything the Progress window shows, computed at once."""

    today: DaySummary
    days: tuple[DaySummary, ...]  # oldest first, ending with today
    streaks: tuple[Streak, ...] = field(default_factory=tuple)

    def last(self, count: int) -> tuple[DaySummary, ...]:
        return self.days[-count:]


def day_summaries(
    source: HistoryReader, tz: tzinfo, now: datetime, days: int, *, live: bool
) -> list[DaySummary]:
    """The last `days` local days up to and including today, oldest first.

    `live`: the caller is the running app (or knows it runs), so the current run is counted up to
    `now`; otherwise it ends at its last event.
    """
    if days < 1:
        raise ValueError("days must be at least 1")
    today = now.astimezone(tz).date()
    first = today - timedelta(days=days - 1)
    start, end = local_midnight(first, tz), local_midnight(today + timedelta(days=1), tz)
    entries = _with_context(source, start - LOOKBACK, end)
    times = by_day(segments(entries, start, end, now if live else None), tz)
    counts = _count_by_day(entries, start, end, tz)
    result = []
    for offset in range(days):
        day = first + timedelta(days=offset)
        result.append(_summary(day, times.get(day, DayTime()), counts.get(day, _Counts())))
    return result


def streaks(source: HistoryReader, tz: tzinfo, now: datetime) -> list[Streak]:
    """One streak per scheduled session in the history, ordered by session id."""
    today = now.astimezone(tz).date()
    due: dict[str, set[date]] = {}
    done: dict[str, set[date]] = {}
    missed: dict[str, set[date]] = {}
    packs: dict[str, str] = {}
    for entry in source.entries(kinds=[SessionDue, SessionDone, SessionMissed]):
        event = entry.event
        if not isinstance(event, SessionDue | SessionDone | SessionMissed):
            continue
        due.setdefault(event.session_id, set()).add(event.day)
        packs[event.session_id] = event.pack_id
        if isinstance(event, SessionDone):
            done.setdefault(event.session_id, set()).add(event.day)
        elif isinstance(event, SessionMissed):
            missed.setdefault(event.session_id, set()).add(event.day)
    return [
        _streak(
            session_id,
            packs[session_id],
            sorted(due[session_id]),
            done.get(session_id, set()),
            missed.get(session_id, set()) - done.get(session_id, set()),
            today,
        )
        for session_id in sorted(due)
    ]


def progress_report(
    source: HistoryReader, tz: tzinfo, now: datetime, *, live: bool, days: int = 30
) -> ProgressReport:
    summaries = day_summaries(source, tz, now, days, live=live)
    return ProgressReport(summaries[-1], tuple(summaries), tuple(streaks(source, tz, now)))


# --- helpers -------------------------------------------------------------------------------------


def _with_context(source: HistoryReader, since: datetime, until: datetime) -> list[HistoryEntry]:
    """The entries in range, after the last run mark and posture change before it (rule 1 and 3)."""
    context = [
        found
        for found in (
            source.latest([AppStarted, AppStopped], before=since),
            source.latest([PostureChanged], before=since),
        )
        if found is not None
    ]
    context.sort(key=lambda entry: entry.at)
    return context + source.entries(since, until)


@dataclass
class _Counts:
    shown: set[int] = field(default_factory=set)
    acted_on: set[int] = field(default_factory=set)
    snoozes: int = 0
    skipped: int = 0
    natural_breaks: int = 0
    stood_up: int = 0
    routines_done: int = 0
    own_routines: int = 0
    sessions_done: int = 0
    check_in: int | None = None


def _count_by_day(
    entries: Sequence[HistoryEntry], start: datetime, end: datetime, tz: tzinfo
) -> dict[date, _Counts]:
    counts: dict[date, _Counts] = {}
    started_from: dict[str, int | None] = {}  # pack -> the prompt its running routine answered
    for entry in entries:
        if not start <= entry.at < end:
            if isinstance(entry.event, RoutineStarted):
                started_from[entry.event.pack_id] = entry.event.prompt_id
            continue
        day = counts.setdefault(entry.at.astimezone(tz).date(), _Counts())
        match entry.event:
            case PromptShown(prompt_id=prompt_id):
                day.shown.add(prompt_id)
            case PromptDone(prompt_id=prompt_id):
                day.acted_on.add(prompt_id)
            case PromptSnoozed():
                day.snoozes += 1
            case PromptSkipped():
                day.skipped += 1
            case AwayPeriod(was_break=True):
                day.natural_breaks += 1
            case PostureChanged(posture="standing"):
                day.stood_up += 1
            case RoutineStarted(pack_id=pack_id, prompt_id=prompt_id):
                started_from[pack_id] = prompt_id
            case RoutineEnded(pack_id=pack_id, outcome=outcome):
                prompt_id = started_from.pop(pack_id, None)
                if outcome != "cancelled":
                    day.routines_done += 1
                    if prompt_id is None:
                        day.own_routines += 1
                    else:
                        day.acted_on.add(prompt_id)
            case SessionDone(day=session_day):
                counts.setdefault(session_day, _Counts()).sessions_done += 1
            case CheckIn(stiffness=stiffness, day=check_in_day):
                counts.setdefault(check_in_day, _Counts()).check_in = stiffness
            case _:
                pass
    return counts


def _summary(day: date, time: DayTime, counts: _Counts) -> DaySummary:
    return DaySummary(
        day=day,
        sitting=time.sitting,
        standing=time.standing,
        routine=time.routine,
        away=time.away,
        longest_sit=time.longest_sit,
        prompts_shown=len(counts.shown),
        prompts_acted_on=len(counts.acted_on),
        snoozes=counts.snoozes,
        prompts_skipped=counts.skipped,
        natural_breaks=counts.natural_breaks,
        stood_up=counts.stood_up,
        routines_done=counts.routines_done,
        own_routines=counts.own_routines,
        sessions_done=counts.sessions_done,
        check_in=counts.check_in,
    )


def _streak(
    session_id: str,
    pack_id: str,
    due_days: list[date],
    done_days: set[date],
    missed_days: set[date],
    today: date,
) -> Streak:
    run = best = 0
    for day in due_days:
        if day in done_days:
            run += 1
            best = max(best, run)
        elif day in missed_days or day < today:
            run = 0
        # due today, neither done nor missed yet: the day is not over, so the streak stands
    return Streak(session_id, pack_id, run, best, max(done_days) if done_days else None)
