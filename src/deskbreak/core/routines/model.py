"""The routine-pack format as strict pydantic models: what docs/routine-packs.md promises, nothing looser.

Every model forbids unknown keys and coerces nothing ("30" is not a number, `yes` is not text), so a
typo in a pack is an error with a location rather than a silently different routine. Rules that tie
several keys together raise `PydanticCustomError("dose_rule", ..., {"key": name})`: the loader adds
`key` to the error's location, so the message points at the key that breaks the rule.

The models accept both schema versions; which keys a schema 1 file may not use is decided in
`schema.py`, from the raw data, so the models stay one set of types.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import PurePosixPath
from typing import Annotated, Any, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Strict,
    Tag,
    model_validator,
)
from pydantic_core import PydanticCustomError

from deskbreak.core import safety

MAX_SECONDS = 3600  # one segment longer than an hour is a typo, not a desk break
MAX_REPS = 500
MAX_SECONDS_PER_REP = 60
MAX_SETS = 20
MAX_STEPS = 200
DEFAULT_SECONDS_PER_REP = 3
DEFAULT_SWITCH_SECONDS = 5
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
AMOUNT_KEYS = ("hold", "duration", "reps")
# Keys that change what a dose asks of the body; tempo, switch and rest only change its timing.
DOSE_KEYS = (*AMOUNT_KEYS, "reps_are", "sides", "sets")
IMAGE_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg")
VIDEO_SUFFIXES = (".mp4", ".webm")

# Tags of the step union; pydantic puts them into error locations and the loader drops them again.
EXERCISE_STEP_TAG = "exercise-step"
REST_STEP_TAG = "rest-step"
FREQUENCY_TAGS = {
    "every_minutes": "every-minutes-frequency",
    "times_a_day": "times-a-day-frequency",
    "times_a_week": "times-a-week-frequency",
}
UNION_TAGS = frozenset({EXERCISE_STEP_TAG, REST_STEP_TAG, *FREQUENCY_TAGS.values()})


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _media_path(value: str) -> str:
    """Pictures and videos stay inside the routines folder or deskbreak's assets: a pack cannot point elsewhere."""
    if _URL.match(value):
        raise ValueError("must be a file in this routines folder or in assets/, not a URL")
    if value.startswith(("/", "\\")) or "\\" in value:
        raise ValueError("must be a relative path with forward slashes, like 'images/couch-stretch.svg'")
    if ".." in PurePosixPath(value).parts:
        raise ValueError("must not leave the routines folder ('..' is not allowed)")
    return value


def _suffix_in(suffixes: tuple[str, ...], kind: str) -> AfterValidator:
    def check(value: str) -> str:
        if PurePosixPath(value).suffix.lower() not in suffixes:
            raise ValueError(f"must be {kind} file ({', '.join(suffixes)})")
        return value

    return AfterValidator(check)


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
Sides = Literal["one", "both", "alternate"]
RepsAre = Literal["exact", "at_most"]  # at_most: a ceiling; stop earlier when form slips
DoseSource = Literal["source", "deskbreak"]  # the figure an article gives, or the app's own choice
Position = Literal["sitting", "standing", "kneeling", "floor"]
Place = Literal["desk", "home", "office"]
TimeOfDay = Literal["morning", "midday", "afternoon", "evening"]
POSITIONS: tuple[Position, ...] = ("sitting", "standing", "kneeling", "floor")
# YAML gives lists; the models keep tuples so a loaded pack cannot change under the player.
TextList = Annotated[tuple[Text, ...], Strict(False)]
MediaPath = Annotated[str, AfterValidator(_not_blank), AfterValidator(_media_path)]


def _one_or_more_positions(value: Any) -> Any:
    """An exercise's position is one word, or a list when it can be done either way (seated or standing)."""
    if isinstance(value, str):
        if value not in POSITIONS:
            allowed = ", ".join(f"'{p}'" for p in POSITIONS[:-1]) + f" or '{POSITIONS[-1]}'"
            raise ValueError(f"must be one of {allowed}, not {value!r}")
        return (value,)
    return value


Positions = Annotated[
    tuple[Position, ...], BeforeValidator(_one_or_more_positions), Strict(False), Field(min_length=1)
]


class StrictModel(BaseModel):
    """Every mapping of the format: unknown keys refused, nothing coerced, frozen once loaded."""

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
    reps_are: RepsAre | None = None
    sides: Sides = "one"
    switch_seconds: Seconds | None = None
    sets: Sets = 1
    rest: Seconds | None = None

    @model_validator(mode="after")
    def _one_amount_and_no_orphans(self) -> Self:
        given = [key for key in AMOUNT_KEYS if getattr(self, key) is not None]
        if not given:
            raise PydanticCustomError("dose_rule", "needs one of hold, duration or reps")
        _check_amounts(
            given,
            has_reps=self.reps is not None,
            has_tempo=self.seconds_per_rep is not None,
            has_reps_are=self.reps_are is not None,
        )
        if self.sides == "alternate" and self.reps is None:
            raise _rule("sides", "sides: alternate needs reps (each rep goes to one side, then the other)")
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
    def is_rep_ceiling(self) -> bool:
        """The reps are the most to do: the person stops earlier once the movement loses its form."""
        return self.reps_are == "at_most"

    @property
    def tempo_seconds(self) -> int:
        return self.seconds_per_rep or DEFAULT_SECONDS_PER_REP

    @property
    def side_switch_seconds(self) -> int:
        return self.switch_seconds or DEFAULT_SWITCH_SECONDS

    @property
    def work_seconds(self) -> int:
        """Seconds of one side of one set (for alternating reps: both sides of one set)."""
        if self.hold is not None:
            return self.hold
        if self.duration is not None:
            return self.duration
        reps = (self.reps or 0) * (2 if self.sides == "alternate" else 1)
        return reps * self.tempo_seconds


def _check_amounts(given: list[str], *, has_reps: bool, has_tempo: bool, has_reps_are: bool) -> None:
    if len(given) > 1:
        raise _rule(given[1], "use only one of hold, duration and reps")
    if has_tempo and not has_reps:
        raise _rule("seconds_per_rep", "seconds_per_rep is only allowed together with reps")
    if has_reps_are and not has_reps:
        raise _rule("reps_are", "reps_are is only allowed together with reps")


class ExerciseStep(StrictModel):
    """`exercise: ID` with optional overrides of the exercise's default dose."""

    exercise: Id
    hold: Seconds | None = None
    duration: Seconds | None = None
    reps: Reps | None = None
    seconds_per_rep: SecondsPerRep | None = None
    reps_are: RepsAre | None = None
    sides: Sides | None = None
    switch_seconds: Seconds | None = None
    sets: Sets | None = None
    rest: Seconds | None = None
    dose_source: DoseSource | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _at_most_one_amount(self) -> Self:
        given = [key for key in AMOUNT_KEYS if getattr(self, key) is not None]
        _check_amounts(
            given,
            has_reps=self.reps is not None,
            has_tempo=self.seconds_per_rep is not None,
            has_reps_are=self.reps_are is not None,
        )
        return self

    @property
    def changes_dose(self) -> bool:
        """Whether the step asks for something other than the exercise's dose (not just other timing)."""
        return any(getattr(self, key) is not None for key in DOSE_KEYS)


class RestStep(StrictModel):
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


class Source(StrictModel):
    title: Text
    publisher: Text | None = None
    url: Annotated[str, AfterValidator(_web_address)] | None = None

    def __str__(self) -> str:
        return (
            self.title
            + (f" ({self.publisher})" if self.publisher else "")
            + (f", {self.url}" if self.url else "")
        )


class Exercise(StrictModel):
    """One movement: how to do it, when to be careful, and its default dose (and who gives that dose)."""

    id: Id
    name: Text
    position: Positions
    equipment: TextList
    targets: Annotated[TextList, Field(min_length=1)]
    cues: Annotated[TextList, Field(min_length=1, max_length=6)]
    cautions: TextList = ()
    image: Annotated[MediaPath, _suffix_in(IMAGE_SUFFIXES, "an SVG, PNG or JPEG")] | None = None
    video: Annotated[MediaPath, _suffix_in(VIDEO_SUFFIXES, "an MP4 or WebM")] | None = None
    sources: Annotated[tuple[Source, ...], Strict(False)] = ()
    dose: Dose
    dose_source: DoseSource | None = None

    @model_validator(mode="after")
    def _a_sourced_dose_names_its_source(self) -> Self:
        if self.dose_source == "source" and not self.sources:
            raise _rule(
                "dose_source", "dose_source: source needs the exercise's sources (who gives this dose)"
            )
        return self


class PackCautions(StrictModel):
    """When to skip a pack, and its own signs for a clinician; the shared list is always added to them."""

    skip_if: Annotated[TextList, Field(min_length=1)]
    own_red_flags: Annotated[TextList, Field(alias="see_a_professional_if")] = ()

    @property
    def see_a_professional_if(self) -> tuple[str, ...]:
        """The pack's own signs first, then the shared list of core/safety.py (exact repeats dropped)."""
        return tuple(dict.fromkeys((*self.own_red_flags, *safety.standalone_lines())))


class WhoFor(StrictModel):
    who: Text
    why: Text


class Question(StrictModel):
    question: Text
    answer: Text


MinutesApart = Annotated[int, Field(ge=5, le=24 * 60)]


class EveryMinutes(StrictModel):
    """Between breaks: `every_minutes: [45, 60]` is every 45 to 60 minutes of sitting."""

    every_minutes: Annotated[tuple[MinutesApart, MinutesApart], Strict(False)]

    @model_validator(mode="after")
    def _in_order(self) -> Self:
        if self.every_minutes[0] > self.every_minutes[1]:
            raise _rule("every_minutes", "every_minutes: the first number is the shorter gap, like [45, 60]")
        return self


class TimesADay(StrictModel):
    times_a_day: Annotated[int, Field(ge=1, le=12)]


class TimesAWeek(StrictModel):
    times_a_week: Annotated[int, Field(ge=1, le=7)]


def _frequency_kind(value: Any) -> str | None:
    if isinstance(value, Mapping):
        found = [tag for key, tag in FREQUENCY_TAGS.items() if key in value]
        return found[0] if len(found) == 1 else None
    return None


Frequency = Annotated[
    Annotated[EveryMinutes, Tag(FREQUENCY_TAGS["every_minutes"])]
    | Annotated[TimesADay, Tag(FREQUENCY_TAGS["times_a_day"])]
    | Annotated[TimesAWeek, Tag(FREQUENCY_TAGS["times_a_week"])],
    Discriminator(
        _frequency_kind,
        custom_error_type="frequency_kind",
        custom_error_message="needs exactly one of every_minutes, times_a_day or times_a_week",
    ),
]


class Pack(StrictModel):
    schema_version: Literal[1, 2] = Field(alias="schema")
    id: Id
    title: Text
    summary: Text
    when_to_use: Text
    position: Annotated[tuple[Position, ...], Strict(False), Field(min_length=1)]
    equipment: TextList
    cautions: PackCautions
    sources: Annotated[tuple[Source, ...], Strict(False), Field(min_length=1)]
    where: Annotated[tuple[Place, ...], Strict(False)] = ()
    time_of_day: Annotated[tuple[TimeOfDay, ...], Strict(False)] = ()
    frequency: Frequency | None = None
    who_for: Annotated[tuple[WhoFor, ...], Strict(False)] = ()
    why_it_helps: Text | None = None
    faq: Annotated[tuple[Question, ...], Strict(False)] = ()
    related: Annotated[tuple[Id, ...], Strict(False)] = ()
    steps: Annotated[tuple[Step, ...], Strict(False), Field(min_length=1, max_length=MAX_STEPS)]


class CatalogueFile(StrictModel):
    """The outside of an exercise file; each exercise is validated on its own so one typo skips one."""

    schema_version: Literal[1, 2] = Field(alias="schema")
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

    A step that names an amount replaces the default amount, its tempo and its `reps_are`; `sides`,
    `switch_seconds`, `sets` and `rest` come from the step when given, else from the default. A
    default switch or rest that no longer applies (the step made it one-sided or a single set) is
    dropped; the same key written in the step is an error, raised as a `ValidationError` whose `key`
    names the step's key.
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
        "reps_are": amount.reps_are,
        "sides": sides,
        "sets": sets,
        "switch_seconds": step.switch_seconds
        if step.switch_seconds is not None
        else (default.switch_seconds if sides == "both" else None),
        "rest": step.rest if step.rest is not None else (default.rest if sets > 1 else None),
    }
    return Dose.model_validate({key: value for key, value in merged.items() if value is not None})


def dose_source_for(step: ExerciseStep, exercise: Exercise) -> DoseSource | None:
    """Who the dose a step runs comes from: the step's own marking when it changes the dose, else the exercise's.

    None means the dose is not marked (schema 1 packs, or a user's pack that does not say).
    """
    if step.changes_dose:
        return step.dose_source
    return step.dose_source or exercise.dose_source
