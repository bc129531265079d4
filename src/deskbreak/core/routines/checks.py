"""Checks that need more than one file: a pack against the exercises it uses and the packs it names.

They run on every pack the loader could read, even one with problems of its own, so an author sees
a typo in a key and an unknown exercise in the same run rather than one after the other.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection
from typing import Any

from pydantic import ValidationError

from deskbreak.core.routines.loader import PackProblem, YamlDoc
from deskbreak.core.routines.model import (
    ID_PATTERN,
    Catalogue,
    Exercise,
    ExerciseStep,
    Pack,
    Position,
    dose_for,
)

_DONE: dict[Position, str] = {
    "sitting": "sitting",
    "standing": "standing",
    "kneeling": "kneeling",
    "floor": "on the floor",
}


def pack_problems(
    pack: Pack,
    doc: YamlDoc,
    usable: Catalogue,
    broken_exercises: Collection[str],
    known_packs: Collection[str],
) -> list[PackProblem]:
    """Everything wrong with a valid pack's references: exercises, doses, what it needs, related packs."""
    problems: list[PackProblem] = []
    used: list[tuple[int, Exercise]] = []
    for index, step in enumerate(pack.steps):
        if isinstance(step, ExerciseStep):
            exercise, found = _step_problems(doc, index, step, usable, broken_exercises)
            problems += found
            if exercise is not None:
                used.append((index, exercise))
    if pack.schema_version >= 2 and len(used) == sum(isinstance(s, ExerciseStep) for s in pack.steps):
        problems += _needs_problems(pack, doc, used)
    for index, other in enumerate(pack.related):
        if other == pack.id:
            problems.append(doc.problem(("related", index), "a pack is not related to itself"))
        elif other not in known_packs:
            problems.append(doc.problem(("related", index), _unknown("pack", other, known_packs)))
    return problems


def raw_step_problems(
    doc: YamlDoc, usable: Catalogue, broken_exercises: Collection[str]
) -> list[PackProblem]:
    """The reference checks of a pack that failed validation: each step that can be read is checked."""
    steps = doc.data.get("steps") if isinstance(doc.data, dict) else None
    problems: list[PackProblem] = []
    for index, raw in enumerate(steps if isinstance(steps, list) else []):
        if not (isinstance(raw, dict) and isinstance(raw.get("exercise"), str)):
            continue
        try:
            step = ExerciseStep.model_validate(raw)
        except ValidationError:  # its own problem is reported already; its exercise can still be looked up
            problems += _reference_problem(doc, index, raw["exercise"], usable, broken_exercises)
            continue
        problems += _step_problems(doc, index, step, usable, broken_exercises)[1]
    return problems


def _step_problems(
    doc: YamlDoc, index: int, step: ExerciseStep, usable: Catalogue, broken_exercises: Collection[str]
) -> tuple[Exercise | None, list[PackProblem]]:
    exercise = usable.get(step.exercise)
    if exercise is None:
        return None, _reference_problem(doc, index, step.exercise, usable, broken_exercises)
    try:
        dose_for(step, exercise.dose)
    except ValidationError as exc:
        return exercise, doc.validation_problems(exc, ExerciseStep, ("steps", index))
    return exercise, []


def _reference_problem(
    doc: YamlDoc, index: int, exercise_id: Any, usable: Catalogue, broken: Collection[str]
) -> list[PackProblem]:
    if not isinstance(exercise_id, str) or not re.fullmatch(ID_PATTERN, exercise_id) or exercise_id in usable:
        return []
    if exercise_id in broken:
        message = f"exercise '{exercise_id}' has problems of its own and was not loaded"
    else:
        message = _unknown("exercise", exercise_id, usable.exercises)
    return [doc.problem(("steps", index, "exercise"), message)]


def _needs_problems(pack: Pack, doc: YamlDoc, used: list[tuple[int, Exercise]]) -> list[PackProblem]:
    """A pack's `position` and `equipment` say what a person needs: exactly what its exercises use."""
    problems: list[PackProblem] = []
    if not used:
        return problems
    listed = set(pack.position)
    for index, exercise in used:
        if not listed & set(exercise.position):
            where = " or ".join(_DONE[p] for p in exercise.position)
            add = " or ".join(f"'{p}'" for p in exercise.position)
            problems.append(
                doc.problem(
                    ("steps", index, "exercise"),
                    f"'{exercise.id}' is done {where}; add {add} to the pack's position",
                )
            )
    positions = {position for _, exercise in used for position in exercise.position}
    for index, position in enumerate(pack.position):
        if position not in positions:
            problems.append(
                doc.problem(("position", index), f"no exercise in this pack is done {_DONE[position]}")
            )
    needed: dict[str, str] = {}
    for _, exercise in used:
        for item in exercise.equipment:
            needed.setdefault(item, exercise.id)
    for item, exercise_id in needed.items():
        if item not in pack.equipment:
            problems.append(doc.problem(("equipment",), f"missing '{item}', which '{exercise_id}' needs"))
    for index, item in enumerate(pack.equipment):
        if item not in needed:
            problems.append(doc.problem(("equipment", index), f"no exercise in this pack needs '{item}'"))
    return problems


def _unknown(kind: str, wanted: str, known: Collection[str]) -> str:
    close = difflib.get_close_matches(wanted, list(known), n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"unknown {kind} '{wanted}'{hint}"
