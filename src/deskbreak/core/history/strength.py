"""The strength log's memory: what was lifted last time, and whether to go a little heavier.

The sources ask for strength work done in sets (Romanian deadlifts and goblet squats, three sets
of eight, twice a week) "with progressively heavier dumbbells", adding load while watching
technique and listening to the body. They give no rule for when; deskbreak's own rule of thumb
is the cautious one: suggest heavier dumbbells only after a session in which every planned set
reached its reps and none felt hard; otherwise stay at the weight. It never suggests a number.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, tzinfo
from typing import TYPE_CHECKING, Literal

from deskbreak.core.history.events import HistoryEntry, StrengthSet

if TYPE_CHECKING:
    from deskbreak.core.routines.model import Catalogue, Pack


@dataclass(frozen=True)
class LastTime:
    """The sets of one exercise on the latest local day it was logged, in set order."""

    day: date
    sets: tuple[StrengthSet, ...]

    @property
    def load_kg(self) -> float | None:
        """The heaviest load of that day (sets are usually all at one weight)."""
        loads = [s.load_kg for s in self.sets if s.load_kg is not None]
        return max(loads) if loads else None


@dataclass(frozen=True)
class TryHeavier:
    """Every set complete and none hard: try the next dumbbells up, if every rep stays clean."""

    last_kg: float | None


@dataclass(frozen=True)
class StayAtThisWeight:
    reason: Literal["felt_hard", "reps_short"]


Suggestion = TryHeavier | StayAtThisWeight


@dataclass(frozen=True)
class PlannedExercise:
    """One exercise of a pack to log: its planned sets and reps, and what the history says."""

    exercise_id: str
    name: str
    sets: int
    reps: int
    last: LastTime | None
    suggestion: Suggestion | None


def last_time(entries: Sequence[HistoryEntry], exercise_id: str, tz: tzinfo) -> LastTime | None:
    """The latest day `exercise_id` was logged (in any pack); a set logged twice keeps its last entry."""
    by_day: dict[date, dict[int, StrengthSet]] = {}
    for entry in entries:
        event = entry.event
        if isinstance(event, StrengthSet) and event.exercise_id == exercise_id:
            by_day.setdefault(entry.at.astimezone(tz).date(), {})[event.set_number] = event
    if not by_day:
        return None
    day = max(by_day)
    return LastTime(day, tuple(by_day[day][number] for number in sorted(by_day[day])))


def suggest(last: LastTime | None, target_sets: int, target_reps: int) -> Suggestion | None:
    """deskbreak's rule of thumb (see the module docstring); None without a last time."""
    if last is None:
        return None
    if any(s.effort == "hard" for s in last.sets):
        return StayAtThisWeight("felt_hard")
    complete = len(last.sets) >= target_sets and all(s.reps >= target_reps for s in last.sets)
    if not complete:
        return StayAtThisWeight("reps_short")
    if any(s.effort is None for s in last.sets):
        return None  # how it felt was not logged: no basis for going heavier
    return TryHeavier(last.load_kg)


def loggable_exercises(
    pack: Pack, catalogue: Catalogue, entries: Sequence[HistoryEntry], tz: tzinfo
) -> tuple[PlannedExercise, ...]:
    """The pack's exercises done in sets of reps (what the strength log asks about), in pack order."""
    from deskbreak.core.routines.model import ExerciseStep, dose_for  # the CLI never needs pydantic's models

    planned: dict[str, PlannedExercise] = {}
    for step in pack.steps:
        if not isinstance(step, ExerciseStep) or step.exercise in planned:
            continue
        exercise = catalogue.get(step.exercise)
        if exercise is None:
            continue
        dose = dose_for(step, exercise.dose)
        if dose.reps is None or dose.sets < 2:
            continue
        last = last_time(entries, exercise.id, tz)
        planned[exercise.id] = PlannedExercise(
            exercise.id, exercise.name, dose.sets, dose.reps, last, suggest(last, dose.sets, dose.reps)
        )
    return tuple(planned.values())
