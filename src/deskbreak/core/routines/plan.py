"""Turns a pack into the flat timeline the player walks and `routines show` prints: one implementation.

The rules are the ones in docs/routine-packs.md ("How a step becomes a timeline"): a hold or a
duration is one segment, reps are reps × seconds_per_rep, `sides: both` runs left, a switch, then
right, and `sets` repeats all of that with a rest between sets but not after the last.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from deskbreak.core.routines.model import Catalogue, Dose, Exercise, ExerciseStep, Pack, dose_for

SegmentKind = Literal["exercise", "switch", "rest"]
Side = Literal["left", "right"]


@dataclass(frozen=True)
class Segment:
    """One stretch of time in the player.

    `exercise_id` and `name` name the exercise a segment belongs to: set for exercise segments, for
    the switch between sides and for the rest between sets; None only for a pack's rest steps.
    `set_number` counts from 1; on a rest between sets it is the set just finished.
    """

    kind: SegmentKind
    seconds: int
    step_index: int
    exercise_id: str | None = None
    name: str | None = None
    side: Side | None = None
    dose_kind: Literal["hold", "duration", "reps"] | None = None
    reps: int | None = None
    seconds_per_rep: int | None = None
    set_number: int | None = None
    sets_total: int | None = None
    note: str | None = None


@dataclass(frozen=True)
class Timeline:
    pack_id: str
    title: str
    segments: tuple[Segment, ...]

    @property
    def total_seconds(self) -> int:
        return sum(segment.seconds for segment in self.segments)


def plan(pack: Pack, catalogue: Catalogue) -> Timeline:
    """Expand every step; the pack must have been checked against `catalogue` (the library does that)."""
    segments: list[Segment] = []
    for index, step in enumerate(pack.steps):
        if isinstance(step, ExerciseStep):
            exercise = catalogue.exercises[step.exercise]
            segments.extend(expand_step(index, step, exercise))
        else:
            segments.append(Segment("rest", step.rest, index))
    return Timeline(pack.id, pack.title, tuple(segments))


def expand_step(index: int, step: ExerciseStep, exercise: Exercise) -> list[Segment]:
    dose = dose_for(step, exercise.dose)
    sides: tuple[Side | None, ...] = ("left", "right") if dose.sides == "both" else (None,)
    segments: list[Segment] = []
    for set_number in range(1, dose.sets + 1):
        for side in sides:
            if side == "right":
                segments.append(
                    _around("switch", dose.side_switch_seconds, index, exercise, dose, set_number)
                )
            segments.append(_work(index, exercise, dose, side, set_number, step.note))
        if set_number < dose.sets and dose.rest is not None:
            segments.append(_around("rest", dose.rest, index, exercise, dose, set_number))
    return segments


def _work(
    index: int, exercise: Exercise, dose: Dose, side: Side | None, set_number: int, note: str | None
) -> Segment:
    is_reps = dose.reps is not None
    return Segment(
        "exercise",
        dose.work_seconds,
        index,
        exercise_id=exercise.id,
        name=exercise.name,
        side=side,
        dose_kind=dose.amount_kind,
        reps=dose.reps,
        seconds_per_rep=dose.tempo_seconds if is_reps else None,
        set_number=set_number,
        sets_total=dose.sets,
        note=note,
    )


def _around(
    kind: SegmentKind, seconds: int, index: int, exercise: Exercise, dose: Dose, set_number: int
) -> Segment:
    return Segment(
        kind,
        seconds,
        index,
        exercise_id=exercise.id,
        name=exercise.name,
        set_number=set_number,
        sets_total=dose.sets,
    )
