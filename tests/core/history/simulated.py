"""A simulated person at a desk for weeks: plausible, seeded events, and what really happened.

The person works on weekdays (sometimes a little at weekends), answers prompts in every way
deskbreak allows, wanders off, stands at the desk, does the evening session and the strength
session on most days they are due, answers the check-in, and puts the computer to sleep, shuts it
down or (rarely) loses the process overnight. Time moves on a `FakeClock`.

While it writes the events it keeps its own account (`Truth`) of what the person did, minute by
minute, under the rules in `core/history/timeline.py`. The queries, which see only the events,
must arrive at the same numbers.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from enum import Enum

from deskbreak.core.clock import FakeClock
from deskbreak.core.history.events import (
    AppStarted,
    AppStopped,
    AwayPeriod,
    CheckIn,
    Effort,
    HistoryEntry,
    HistoryEvent,
    PostureChanged,
    PromptDone,
    PromptShown,
    PromptSkipped,
    PromptSnoozed,
    RoutineEnded,
    RoutineOutcome,
    RoutineStarted,
    SessionDone,
    SessionDue,
    SessionMissed,
    StrengthSet,
)
from deskbreak.core.kinds import Posture, PromptKind

ZERO = timedelta(0)


class Doing(Enum):
    OFF = "off"  # deskbreak is not running
    SITTING = "sitting"
    STANDING = "standing"
    ROUTINE = "routine"
    AWAY = "away"


@dataclass(frozen=True)
class Habits:
    """How this person works; `heavy` habits make many events a day (for the size benchmark)."""

    sit_minutes: int = 50
    standing_desk: bool = False
    interruptions_per_hour: float = 0.6
    weekend_use: float = 0.4
    evening_session: float = 0.75
    strength_session: float = 0.7
    check_in: float = 0.6

    @classmethod
    def heavy(cls) -> Habits:
        return cls(
            sit_minutes=30, standing_desk=True, interruptions_per_hour=2.0, weekend_use=0.9, check_in=1.0
        )


@dataclass
class DayTruth:
    sitting: timedelta = ZERO
    standing: timedelta = ZERO
    routine: timedelta = ZERO
    away: timedelta = ZERO
    sits: dict[int, timedelta] = field(default_factory=dict)
    prompts_shown: int = 0
    prompts_acted_on: int = 0
    snoozes: int = 0
    prompts_skipped: int = 0
    natural_breaks: int = 0
    stood_up: int = 0
    routines_done: int = 0
    own_routines: int = 0
    sessions_done: int = 0
    check_in: int | None = None

    @property
    def longest_sit(self) -> timedelta:
        return max(self.sits.values(), default=ZERO)


@dataclass
class Truth:
    days: defaultdict[date, DayTruth] = field(default_factory=lambda: defaultdict(DayTruth))
    sessions: dict[str, list[tuple[date, bool]]] = field(default_factory=dict)  # due days in order, done?


class Person:
    """Lives the days and writes what deskbreak would record."""

    def __init__(self, first_day: date, tz: tzinfo, seed: int, habits: Habits | None = None) -> None:
        self.tz = tz
        self.rng = random.Random(seed)
        self.habits = habits or Habits()
        self.clock = FakeClock(datetime.combine(first_day, time(0), tz))
        self.entries: list[HistoryEntry] = []
        self.truth = Truth()
        self.doing = Doing.OFF
        self.posture: Posture = "sitting"
        self.sit = 0
        self.block = ZERO  # time toward the next prompt, as the engine counts it
        self.prompt_id = 0
        self.asleep_since: datetime | None = None

    # --- the days --------------------------------------------------------------------------------

    def live(self, days: int, last_day_until: time = time(11, 0)) -> datetime:
        """Live `days` days; the last one stops at `last_day_until` with deskbreak running. Returns now."""
        first = self.today()
        for offset in range(days):
            day = first + timedelta(days=offset)
            is_last = offset == days - 1
            weekend = day.weekday() >= 5
            if weekend and not is_last and self.rng.random() > self.habits.weekend_use:
                self._wait_until(datetime.combine(day + timedelta(days=1), time(0), self.tz))
                continue
            start = time(15, 0) if weekend else time(8, self.rng.randrange(0, 60))
            self._wait_until(datetime.combine(day, start, self.tz))
            self._wake()
            if is_last:
                self._work_until(datetime.combine(day, last_day_until, self.tz))
                return self.clock.now()
            hours = 1 if weekend else self.rng.uniform(7.5, 9.5)
            self._work_until(self.clock.now() + timedelta(hours=hours))
            self._evening(day)
            self._night()
            self._wait_until(datetime.combine(day + timedelta(days=1), time(0), self.tz))
        return self.clock.now()

    def today(self) -> date:
        return self.clock.now().astimezone(self.tz).date()

    def _wake(self) -> None:
        if self.asleep_since is not None:  # the night was one long absence, recorded on waking
            self._record(AwayPeriod(self.asleep_since, self.clock.now(), "asleep", True))
            self._count().natural_breaks += 1
            self.asleep_since = None
        elif self.doing is Doing.OFF:
            self._record(AppStarted())
        self._sit_down(new_sit=True)
        self.block = ZERO
        if self.rng.random() < self.habits.check_in:
            stiffness = self.rng.randint(1, 7)
            self._record(CheckIn(stiffness, self.today()))
            self._count().check_in = stiffness

    def _work_until(self, leave: datetime) -> None:
        while (left := leave - self.clock.now()) > ZERO:
            due_in = timedelta(minutes=self.habits.sit_minutes) - self.block
            if due_in <= ZERO:
                self._prompt()
                continue
            chunk = min(left, due_in, timedelta(minutes=self.rng.randint(3, 25)))
            self._spend(chunk)
            self.block += chunk
            if (
                self.clock.now() < leave
                and self.rng.random() < self.habits.interruptions_per_hour * chunk / timedelta(hours=1)
            ):
                self._interruption()

    def _interruption(self) -> None:
        roll = self.rng.random()
        if roll < 0.35:  # reading, a call: idle for a short while, the sit goes on
            self._away(timedelta(minutes=self.rng.randint(2, 4)), was_break=False)
        elif roll < 0.6:  # a meeting, coffee, lunch: long enough to be a break
            self._away(timedelta(minutes=self.rng.randint(6, 50)), was_break=True)
        elif roll < 0.85 and self.habits.standing_desk:
            if self.posture == "sitting":
                self._record(PostureChanged("standing"))
                self._count().stood_up += 1
                self.posture, self.doing = "standing", Doing.STANDING
                self._new_sit()
            else:
                self._record(PostureChanged("sitting"))
                self._sit_down(new_sit=True)
            self.block = ZERO
        else:  # a routine of one's own
            self._routine("stand-up-reset", prompt_id=None, session_id=None, minutes=self.rng.randint(2, 5))

    def _prompt(self) -> None:
        self.prompt_id += 1
        prompt_id = self.prompt_id
        kind = PromptKind.MOVE
        if self.habits.standing_desk:
            kind = PromptKind.SIT if self.posture == "standing" else PromptKind.STAND
        self._record(PromptShown(prompt_id, kind, 1, False, "walk-break"))
        self._count().prompts_shown += 1
        self._spend(timedelta(seconds=self.rng.randint(5, 90)))
        roll = self.rng.random()
        if roll < 0.2:  # snooze once, then answer the firmer prompt
            self._record(PromptSnoozed(prompt_id, 5))
            self._count().snoozes += 1
            self._spend(timedelta(minutes=5))
            self._record(PromptShown(prompt_id, kind, 2, False, "walk-break"))
            roll = self.rng.random() * 0.6
        if roll < 0.3:
            self._record(PromptDone(prompt_id))
            self._count().prompts_acted_on += 1
            self.posture = "standing" if kind is PromptKind.STAND else "sitting"
            self.doing = Doing.STANDING if kind is PromptKind.STAND else Doing.SITTING
            self._new_sit()
            self.block = ZERO
        elif roll < 0.45:
            self._record(PromptSkipped(prompt_id))
            self._count().prompts_skipped += 1
            self.block = ZERO  # the engine restarts its timer; the person did not move
        elif roll < 0.5:  # opened the routine and closed it before moving, then sat on
            self._record(RoutineStarted("seated-reset", prompt_id, None))
            self._spend(timedelta(seconds=30))
            self._record(RoutineEnded("seated-reset", "cancelled", 0, 4, 0))
            self.block = ZERO
        else:
            self._routine("walk-break", prompt_id=prompt_id, session_id=None, minutes=self.rng.randint(2, 7))

    def _routine(self, pack: str, *, prompt_id: int | None, session_id: str | None, minutes: int) -> None:
        self._record(RoutineStarted(pack, prompt_id, session_id))
        self.doing = Doing.ROUTINE
        self._new_sit()
        ended_early = self.rng.random() < 0.15 and session_id is None
        length = timedelta(minutes=minutes // 2 if ended_early else minutes, seconds=self.rng.randint(0, 59))
        self._spend(length)
        outcome: RoutineOutcome = "ended_early" if ended_early else "finished"
        self._record(RoutineEnded(pack, outcome, 2 if ended_early else 4, 4, int(length.total_seconds())))
        count = self._count()
        count.routines_done += 1
        if prompt_id is None:
            count.own_routines += 1
        else:
            count.prompts_acted_on += 1
        self._sit_down(new_sit=True)
        self.block = ZERO

    def _away(self, length: timedelta, *, was_break: bool) -> None:
        start = self.clock.now()
        before = self.doing
        self.doing = Doing.AWAY
        if was_break:
            self._new_sit()
        self._spend(length)
        self._record(AwayPeriod(start, self.clock.now(), "locked" if was_break else "idle", was_break))
        if was_break:
            self._count().natural_breaks += 1
            self._sit_down(new_sit=True)
            self.block = ZERO
        else:
            self.doing = before

    def _evening(self, day: date) -> None:
        sessions = [("evening", "evening-mobility", self.habits.evening_session, 7)]
        if day.weekday() in (1, 4):
            sessions.append(("strength", "strength-session", self.habits.strength_session, 25))
        for session_id, pack, chance, minutes in sessions:
            self._record(SessionDue(session_id, pack, day))
            done = self.rng.random() < chance
            self.truth.sessions.setdefault(session_id, []).append((day, done))
            if not done:
                self._record(SessionMissed(session_id, pack, day))
                continue
            self._routine(pack, prompt_id=None, session_id=session_id, minutes=minutes)
            if session_id == "strength":
                for exercise in ("romanian-deadlift", "goblet-squat"):
                    for number in (1, 2, 3):
                        effort: Effort = self.rng.choice(["easy", "about_right", "hard"])
                        reps = self.rng.randint(6, 8)
                        self._record(StrengthSet(pack, exercise, number, reps, 10.0, effort))
            self._record(SessionDone(session_id, pack, day))
            self._count().sessions_done += 1

    def _night(self) -> None:
        roll = self.rng.random()
        if roll < 0.7:
            self.asleep_since = self.clock.now()
            self.doing = Doing.AWAY
            self._new_sit()
        elif roll < 0.95:
            self._record(AppStopped())
            self._off()
        else:  # the process is lost right after its last event
            self._off()

    # --- bookkeeping -----------------------------------------------------------------------------

    def _record(self, event: HistoryEvent) -> None:
        self.entries.append(HistoryEntry(self.clock.now(), event))

    def _count(self) -> DayTruth:
        return self.truth.days[self.today()]

    def _sit_down(self, *, new_sit: bool) -> None:
        self.posture, self.doing = "sitting", Doing.SITTING
        if new_sit:
            self._new_sit()

    def _new_sit(self) -> None:
        self.sit += 1

    def _off(self) -> None:
        self.doing = Doing.OFF
        self._new_sit()

    def _wait_until(self, until: datetime) -> None:
        if until > self.clock.now():
            self._spend(until - self.clock.now())

    def _spend(self, length: timedelta) -> None:
        """Advance the clock, adding the time to each local day it falls in."""
        end = self.clock.now() + length
        while self.clock.now() < end:
            local = self.clock.now().astimezone(self.tz)
            midnight = datetime.combine(local.date() + timedelta(days=1), time(0), self.tz)
            step = min(end, midnight) - self.clock.now()
            self._add(local.date(), step)
            self.clock.advance(step)

    def _add(self, day: date, length: timedelta) -> None:
        truth = self.truth.days[day]
        match self.doing:
            case Doing.SITTING:
                truth.sitting += length
                truth.sits[self.sit] = truth.sits.get(self.sit, ZERO) + length
            case Doing.STANDING:
                truth.standing += length
            case Doing.ROUTINE:
                truth.routine += length
            case Doing.AWAY:
                truth.away += length
            case Doing.OFF:
                pass
