"""Turns a pack into the flat timeline the player walks and `routines show` prints: one implementation.

The rules are the ones in docs/routine-packs.md ("How a step becomes a timeline"): a hold or a
duration is one segment, reps are reps × seconds_per_rep, `sides: both` runs left, a switch, then
right, `sides: alternate` gives one segment per rep (left, right, left…) so each says its side, and
`sets` repeats all of that with a rest between sets but not after the last.

Segments carry what the player must show beside the clock: the exercise's cautions on the first
segment of its step, whether the dose comes from a source or is deskbreak's own, and whether the
reps are a ceiling to stop short of.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from deskbreak.core.routines.model import (
    Catalogue,
    Dose,
    DoseSource,
    Exercise,
    ExerciseStep,
    Pack,
    dose_for,
    dose_source_for,
)

SegmentKind = Literal["exercise", "switch", "rest"]
Side = Literal["left", "right"]
TURNS: tuple[Side, Side] = ("left", "right")  # the left side always goes first


@dataclass(frozen=True)
class AlternatingRep:
    """Which rep of an alternating set a segment is: `number` of `per_side`, on the segment's side."""

    number: int
    per_side: int


@dataclass(frozen=True)
class Segment:
    """One stretch of time in the player.

    `exercise_id` and `name` name the exercise a segment belongs to: set for exercise segments, for
    the switch between sides and for the rest between sets; None only for a pack's rest steps.
    `set_number` counts from 1; on a rest between sets it is the set just finished.

    On exercise segments: `cautions` holds the exercise's cautions on the first segment of its step
    (empty on the others), so a player shows them once, where the exercise starts; `dose_source`
    says who chose the dose (None: not marked); `is_rep_ceiling` means `reps` is the most to do,
    stopping earlier when the movement loses its form; `alternating` is set on the one-rep segments
    of `sides: alternate`, where `reps` is 1 and `side` says which way this rep goes.
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
    cautions: tuple[str, ...] = ()
    dose_source: DoseSource | None = None
    is_rep_ceiling: bool = False
    alternating: AlternatingRep | None = None


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
    work = _Work(index, exercise, dose, step.note, dose_source_for(step, exercise))
    segments: list[Segment] = []
    for set_number in range(1, dose.sets + 1):
        if dose.sides == "alternate":
            per_side = dose.reps or 0
            for number in range(1, per_side + 1):
                rep = AlternatingRep(number, per_side)
                for turn in TURNS:
                    segments.append(
                        work.segment(turn, set_number, dose.tempo_seconds, reps=1, alternating=rep)
                    )
        else:
            sides: tuple[Side | None, ...] = TURNS if dose.sides == "both" else (None,)
            for side in sides:
                if side == "right":
                    segments.append(
                        _around("switch", dose.side_switch_seconds, index, exercise, dose, set_number)
                    )
                segments.append(work.segment(side, set_number, dose.work_seconds, reps=dose.reps))
        if set_number < dose.sets and dose.rest is not None:
            segments.append(_around("rest", dose.rest, index, exercise, dose, set_number))
    first = next(i for i, segment in enumerate(segments) if segment.kind == "exercise")
    segments[first] = replace(segments[first], cautions=exercise.cautions)
    return segments


@dataclass(frozen=True)
class _Work:
    """What every exercise segment of one step shares."""

    index: int
    exercise: Exercise
    dose: Dose
    note: str | None
    dose_source: DoseSource | None

    def segment(
        self,
        side: Side | None,
        set_number: int,
        seconds: int,
        *,
        reps: int | None,
        alternating: AlternatingRep | None = None,
    ) -> Segment:
        return Segment(
            "exercise",
            seconds,
            self.index,
            exercise_id=self.exercise.id,
            name=self.exercise.name,
            side=side,
            dose_kind=self.dose.amount_kind,
            reps=reps,
            seconds_per_rep=self.dose.tempo_seconds if reps is not None else None,
            set_number=set_number,
            sets_total=self.dose.sets,
            note=self.note,
            dose_source=self.dose_source,
            is_rep_ceiling=self.dose.is_rep_ceiling,
            alternating=alternating,
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
