"""What each version of the routine format allows: a schema 1 file may not use schema 2's keys and values.

The models in model.py accept both versions, so there is one set of types. An older deskbreak refuses a
file whose `schema` is not 1, so a file that uses anything new must say `schema: 2`; these checks find
each new key or value in a file that still says 1 and point at it, and keep schema 1's one stricter
rule (a pack lists its own `see_a_professional_if`). Everything a schema 1 file could say before still
means the same.
"""

from __future__ import annotations

from typing import Any

from deskbreak.core.routines.loader import Loc, PackProblem, YamlDoc

PACK_KEYS = ("where", "time_of_day", "frequency", "who_for", "why_it_helps", "faq", "related")
STEP_KEYS = ("reps_are", "dose_source")
EXERCISE_KEYS = ("video", "sources", "dose_source")
DOSE_KEYS = ("reps_are",)


def is_schema_1(data: Any) -> bool:
    return isinstance(data, dict) and data.get("schema") == 1


def pack_problems(doc: YamlDoc) -> list[PackProblem]:
    """Schema 2 keys used in a schema 1 pack, and its red-flag list that schema 1 requires."""
    data = doc.data
    if not is_schema_1(data):
        return []
    problems = [_needs_schema_2(doc, (key,)) for key in PACK_KEYS if key in data]
    cautions = data.get("cautions")
    if isinstance(cautions, dict) and "see_a_professional_if" not in cautions:
        problems.append(doc.problem(("cautions",), "missing required key 'see_a_professional_if'"))
    steps = data.get("steps")
    for index, step in enumerate(steps if isinstance(steps, list) else []):
        if isinstance(step, dict):
            problems += _dose_problems(doc, ("steps", index), step, STEP_KEYS)
    return problems


def exercise_problems(doc: YamlDoc, loc: Loc, exercise: Any) -> list[PackProblem]:
    """Schema 2 keys and values used by one exercise of a schema 1 catalogue file."""
    if not is_schema_1(doc.data) or not isinstance(exercise, dict):
        return []
    problems = [_needs_schema_2(doc, (*loc, key)) for key in EXERCISE_KEYS if key in exercise]
    if isinstance(exercise.get("position"), list):
        problems.append(doc.problem((*loc, "position"), "a list of positions needs schema: 2"))
    dose = exercise.get("dose")
    if isinstance(dose, dict):
        problems += _dose_problems(doc, (*loc, "dose"), dose, DOSE_KEYS)
    return problems


def _dose_problems(
    doc: YamlDoc, loc: Loc, mapping: dict[str, Any], keys: tuple[str, ...]
) -> list[PackProblem]:
    problems = [_needs_schema_2(doc, (*loc, key)) for key in keys if key in mapping]
    if mapping.get("sides") == "alternate":
        problems.append(doc.problem((*loc, "sides"), "sides: alternate needs schema: 2"))
    return problems


def _needs_schema_2(doc: YamlDoc, loc: Loc) -> PackProblem:
    return doc.problem(
        loc, f"'{loc[-1]}' needs schema: 2 (this file says schema: 1)", at_key=True, where=loc[:-1]
    )
