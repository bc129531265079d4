"""The routine-pack format as strict pydantic models: what docs/routine-packs.md promises, nothing looser.

Every model forbids unknown keys and coerces nothing ("30" is not a number, `yes` is not text), so a
typo in a pack is an error with a location rather than a silently different routine. Rules that tie
several keys together raise `PydanticCustomError("dose_rule", ..., {"key": name})`: the loader adds
`key` to the error's location, so the message points at the key that breaks the rule.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import PurePosixPath
from typing import Annotated, Any, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Strict,
    Tag,
    model_validator,
)
from pydantic_core import PydanticCustomError

SCHEMA_VERSION = 1
MAX_SECONDS = 3600  # one segment longer than an hour is a typo, not a desk break
MAX_REPS = 500
MAX_SECONDS_PER_REP = 60
MAX_SETS = 20
MAX_STEPS = 200
DEFAULT_SECONDS_PER_REP = 3
DEFAULT_SWITCH_SECONDS = 5
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
AMOUNT_KEYS = ("hold", "duration", "reps")

# Tags of the step union; pydantic puts them into error locations and the loader drops them again.
EXERCISE_STEP_TAG = "exercise-step"
REST_STEP_TAG = "rest-step"
UNION_TAGS = frozenset({EXERCISE_STEP_TAG, REST_STEP_TAG})


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _image_path(value: str) -> str:
    """Images must stay inside the routines folder or deskbreak's assets: a pack cannot point elsewhere."""
    if _URL.match(value):
        raise ValueError("must be a file in this routines folder or in assets/, not a URL")
    if value.startswith(("/", "\\")) or "\\" in value:
        raise ValueError("must be a relative path with forward slashes, like 'images/couch-stretch.svg'")
    if ".." in PurePosixPath(value).parts:
        raise ValueError("must not leave the routines folder ('..' is not allowed)")
    return value


def _web_address(value: str) -> str:
    if not value.startswith(("https://", "http://")) or any(ch.isspace() for ch in value):
        raise ValueError("must be a web address starting with https://")
    return value


Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=64)]
Text = Annotated[str, AfterValidator(_not_blank)]
Seconds = Annotated[int, Field(gt=0, le=MAX_SECONDS)]
Reps = Annotated[int, Field(gt=0, le=MAX_REPS)]
SecondsPerRep = Annotated[int, Field(gt=0, le=MAX_SECONDS_PER_REP)]
Sets = Annotated[int, Field(ge=1, le=MAX_SETS)]
Sides = Literal["one", "both"]
Position = Literal["sitting", "standing", "kneeling", "floor"]
# YAML gives lists; the models keep tuples so a loaded pack cannot change under the player.
TextList = Annotated[tuple[Text, ...], Strict(False)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


def _rule(key: str, message: str) -> PydanticCustomError:
    return PydanticCustomError("dose_rule", message, {"key": key})


class Dose(BaseModel):
    """A complete dose: an exercise's default, or a step's dose after its overrides are applied."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    hold: Seconds | None = None
    duration: Seconds | None = None
    reps: Reps | None = None
    seconds_per_rep: SecondsPerRep | None = None
    sides: Sides = "one"
    switch_seconds: Seconds | None = None
    sets: Sets = 1
    rest: Seconds | None = None

    @model_validator(mode="after")
    def _one_amount_and_no_orphans(self) -> Self:
        given = [key for key in AMOUNT_KEYS if getattr(self, key) is not None]
        if not given:
            raise PydanticCustomError("dose_rule", "needs one of hold, duration or reps")
        _check_amounts(given, has_reps=self.reps is not None, has_tempo=self.seconds_per_rep is not None)
        if self.switch_seconds is not None and self.sides != "both":
            raise _rule("switch_seconds", "switch_seconds is only allowed with sides: both")
        if self.rest is not None and self.sets <= 1:
            raise _rule("rest", "rest is only allowed when sets is above 1")
        return self

    @property
    def amount_kind(self) -> Literal["hold", "duration", "reps"]:
        if self.hold is not None:
            return "hold"
        return "duration" if self.duration is not None else "reps"

    @property
    def tempo_seconds(self) -> int:
        return self.seconds_per_rep or DEFAULT_SECONDS_PER_REP

    @property
    def side_switch_seconds(self) -> int:
        return self.switch_seconds or DEFAULT_SWITCH_SECONDS

    @property
    def work_seconds(self) -> int:
        """Seconds of one side of one set."""
        if self.hold is not None:
            return self.hold
        if self.duration is not None:
            return self.duration
        return (self.reps or 0) * self.tempo_seconds


def _check_amounts(given: list[str], *, has_reps: bool, has_tempo: bool) -> None:
    if len(given) > 1:
        raise _rule(given[1], "use only one of hold, duration and reps")
    if has_tempo and not has_reps:
        raise _rule("seconds_per_rep", "seconds_per_rep is only allowed together with reps")


class ExerciseStep(_Strict):
    """`exercise: ID` with optional overrides of the exercise's default dose."""

    exercise: Id
    hold: Seconds | None = None
    duration: Seconds | None = None
    reps: Reps | None = None
    seconds_per_rep: SecondsPerRep | None = None
    sides: Sides | None = None
    switch_seconds: Seconds | None = None
    sets: Sets | None = None
    rest: Seconds | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _at_most_one_amount(self) -> Self:
        given = [key for key in AMOUNT_KEYS if getattr(self, key) is not None]
        _check_amounts(given, has_reps=self.reps is not None, has_tempo=self.seconds_per_rep is not None)
        return self


class RestStep(_Strict):
    """`rest: S` and nothing else."""

    rest: Seconds


def _step_kind(value: Any) -> str | None:
    if isinstance(value, Mapping):
        if "exercise" in value:
            return EXERCISE_STEP_TAG
        if "rest" in value:
            return REST_STEP_TAG
    return None


Step = Annotated[
    Annotated[ExerciseStep, Tag(EXERCISE_STEP_TAG)] | Annotated[RestStep, Tag(REST_STEP_TAG)],
    Discriminator(
        _step_kind,
        custom_error_type="step_kind",
        custom_error_message="each step needs an 'exercise' or a 'rest' key",
    ),
]


class Exercise(_Strict):
    id: Id
    name: Text
    position: Position
    equipment: TextList
    targets: Annotated[TextList, Field(min_length=1)]
    cues: Annotated[TextList, Field(min_length=1, max_length=6)]
    cautions: TextList = ()
    image: Annotated[str, AfterValidator(_not_blank), AfterValidator(_image_path)] | None = None
    dose: Dose


class Source(_Strict):
    title: Text
    publisher: Text | None = None
    url: Annotated[str, AfterValidator(_web_address)] | None = None


class PackCautions(_Strict):
    skip_if: Annotated[TextList, Field(min_length=1)]
    see_a_professional_if: Annotated[TextList, Field(min_length=1)]


class Pack(_Strict):
    schema_version: Literal[1] = Field(alias="schema")
    id: Id
    title: Text
    summary: Text
    when_to_use: Text
    position: Annotated[tuple[Position, ...], Strict(False), Field(min_length=1)]
    equipment: TextList
    cautions: PackCautions
    sources: Annotated[tuple[Source, ...], Strict(False), Field(min_length=1)]
    steps: Annotated[tuple[Step, ...], Strict(False), Field(min_length=1, max_length=MAX_STEPS)]


class CatalogueFile(_Strict):
    """The outside of an exercise file; each exercise is validated on its own so one typo skips one."""

    schema_version: Literal[1] = Field(alias="schema")
    exercises: Annotated[tuple[Any, ...], Strict(False)]


class Catalogue(BaseModel):
    """Every loaded exercise by id: what packs refer to and what the player shows."""

    model_config = ConfigDict(frozen=True, strict=True)

    exercises: dict[str, Exercise] = Field(default_factory=dict)

    def get(self, exercise_id: str) -> Exercise | None:
        return self.exercises.get(exercise_id)

    def __contains__(self, exercise_id: object) -> bool:
        return exercise_id in self.exercises


def dose_for(step: ExerciseStep, default: Dose) -> Dose:
    """The dose a step really runs: the doc's override rules, in one place.

    A step that names an amount replaces the default amount and its tempo; `sides`, `switch_seconds`,
    `sets` and `rest` come from the step when given, else from the default. A default switch or rest
    that no longer applies (the step made it one-sided or a single set) is dropped; the same key written
    in the step is an error, raised as a `ValidationError` whose `key` names the step's key.
    """
    step_amount = any(getattr(step, key) is not None for key in AMOUNT_KEYS)
    amount: ExerciseStep | Dose = step if step_amount else default
    sides = step.sides or default.sides
    sets = step.sets or default.sets
    merged: dict[str, object] = {
        "hold": amount.hold,
        "duration": amount.duration,
        "reps": amount.reps,
        "seconds_per_rep": amount.seconds_per_rep,
        "sides": sides,
        "sets": sets,
        "switch_seconds": step.switch_seconds
        if step.switch_seconds is not None
        else (default.switch_seconds if sides == "both" else None),
        "rest": step.rest if step.rest is not None else (default.rest if sets > 1 else None),
    }
    return Dose.model_validate({key: value for key, value in merged.items() if value is not None})
