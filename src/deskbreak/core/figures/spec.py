"""The pose-data format as strict pydantic models: what a figure file may say, checked with locations.

A figure file holds `bases` (named keyframes others start from) and `figures` (one per exercise).
Angles are degrees in the figure's own frame: 0 points down, 90 forward (in a front view: towards
the person's left), 180 up and -90 backward. Everything is written for the exercise's left side;
the right side is the mirror image with "left" and "right" swapped in the words.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal, Self

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict, model_validator

from deskbreak.core.routines.model import ID_PATTERN

SCHEMA_VERSION = 1
SIDES = ("left", "right")
LIMB_SEGMENTS = ("upper_arm", "forearm", "thigh", "shin", "foot")

SegmentName = Literal[
    "torso",
    "head",
    "left_upper_arm",
    "left_forearm",
    "left_thigh",
    "left_shin",
    "left_foot",
    "right_upper_arm",
    "right_forearm",
    "right_thigh",
    "right_shin",
    "right_foot",
]
JointName = Literal[
    "pelvis",
    "neck",
    "head",
    "hands",
    "feet",
    "knees",
    "left_shoulder",
    "left_elbow",
    "left_hand",
    "left_hip",
    "left_knee",
    "left_ankle",
    "left_toe",
    "right_shoulder",
    "right_elbow",
    "right_hand",
    "right_hip",
    "right_knee",
    "right_ankle",
    "right_toe",
]
# A place on the body: a joint, or the middle of a segment ("left_thigh").
Anchor = JointName | SegmentName


class PropKind(StrEnum):
    """Things drawn with the figure, each placed from the body so an author never gives coordinates."""

    MAT = "mat"  # under the body, on the floor
    CHAIR = "chair"  # seat under the pelvis, back behind it; with `at`: turned away, its back under `at`
    WALL = "wall"  # behind the rearmost point, or in front of the foremost with `at`
    CUSHION = "cushion"  # under `at`, lifting it
    ROLLER = "roller"  # a foam roller under `at`
    BALL = "ball"  # a massage ball under `at`
    DUMBBELL = "dumbbell"  # in the hand(s) at `at`; `upright` for one held against the chest
    TOWEL = "towel"  # a strap from `at` to `to`
    BAR = "bar"  # a bar held at `at`, for hanging
    DESK = "desk"  # a desk top at `at` (hands resting on it)


NEEDS_AT = frozenset(
    {
        PropKind.CUSHION,
        PropKind.ROLLER,
        PropKind.BALL,
        PropKind.DUMBBELL,
        PropKind.TOWEL,
        PropKind.BAR,
        PropKind.DESK,
    }
)

Angle = Annotated[float, Field(ge=-360, le=360)]
Factor = Annotated[float, Field(ge=0.05, le=1.5)]
ShortText = Annotated[str, Field(min_length=1, max_length=60)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class FrameSpec(_Strict):
    """One keyframe: a base to start from, then the angles that differ. Unset angles follow defaults:
    the head continues the torso, a forearm its upper arm, a shin its thigh, a foot sits square to
    its shin."""

    base: Annotated[str, Field(pattern=ID_PATTERN, max_length=64)] | None = None
    torso: Angle | None = None
    head: Angle | None = None
    look: Angle | None = None  # where the face points, when it is not square to the head
    upper_arms: Angle | None = None
    forearms: Angle | None = None
    thighs: Angle | None = None
    shins: Angle | None = None
    feet: Angle | None = None
    left_upper_arm: Angle | None = None
    left_forearm: Angle | None = None
    left_thigh: Angle | None = None
    left_shin: Angle | None = None
    left_foot: Angle | None = None
    right_upper_arm: Angle | None = None
    right_forearm: Angle | None = None
    right_thigh: Angle | None = None
    right_shin: Angle | None = None
    right_foot: Angle | None = None
    bend: Annotated[float, Field(ge=-1, le=1)] | None = None  # spine: 1 rounded, -1 arched
    shoulders: Factor | None = None  # front view: shoulder width, narrower when the chest turns
    lengths: Annotated[dict[SegmentName, Factor], Strict(False)] | None = None  # foreshortened segments
    behind: Annotated[tuple[SegmentName, ...], Strict(False)] | None = None  # drawn behind the torso
    label: ShortText | None = None  # what this keyframe is, for an alternating move
    hold: Annotated[float, Field(ge=0, le=10)] | None = None  # time resting here, relative to a move


def _prop_from_text(value: Any) -> Any:
    return {"prop": value} if isinstance(value, str) else value


class PropSpec(_Strict):
    prop: Annotated[PropKind, Strict(False)]
    at: Anchor | None = None
    to: Anchor | None = None
    upright: bool = False

    @model_validator(mode="after")
    def _placed(self) -> Self:
        if self.prop in NEEDS_AT and self.at is None:
            raise ValueError(f"a {self.prop.value} needs 'at': where on the body it goes")
        if self.prop is PropKind.TOWEL and self.to is None:
            raise ValueError("a towel needs 'to': the second place it touches")
        return self


class ArrowSpec(_Strict):
    """A curved arrow around a place on the body, from one angle to another (front views: a turn)."""

    at: Anchor
    radius: Annotated[float, Field(ge=3, le=80)]
    start: Angle
    end: Angle
    squash: Annotated[float, Field(ge=0.2, le=1)] = 1.0  # < 1 flattens the circle into a turn


class FigureSpec(_Strict):
    exercise: Annotated[str, Field(pattern=ID_PATTERN, max_length=64)]
    view: Literal["side", "front"] = "side"
    facing: Literal["left", "right"] = "right"  # a side view of the left side faces this way
    say: ShortText  # the player's one line, for the left side: "left knee down, right foot forward"
    side_label: Annotated[str, Field(min_length=1, max_length=16)] | None = None  # "left leg"
    props: Annotated[tuple[Annotated[PropSpec, BeforeValidator(_prop_from_text)], ...], Strict(False)] = ()
    highlight: Annotated[tuple[SegmentName, ...], Strict(False)] = ()
    anchor: Anchor = "pelvis"  # the point that stays put from keyframe to keyframe
    lift: Annotated[float, Field(ge=0, le=60)] = 0  # off the floor (hanging from a bar)
    cycle_seconds: Annotated[float, Field(gt=0, le=60)] | None = None  # one cycle of a timed move
    reps_per_cycle: Literal[1, 2] = 1  # 2: the keyframes alternate sides, one rep each way
    frames: Annotated[tuple[FrameSpec, ...], Strict(False), Field(min_length=1, max_length=8)]
    arrows: Annotated[tuple[ArrowSpec, ...], Strict(False), Field(max_length=4)] = ()
    focus: Annotated[tuple[Anchor, ...], Strict(False), Field(max_length=3)] = ()  # "feel it here" rings


class FigureFile(_Strict):
    schema_version: Literal[1] = Field(alias="schema")
    bases: Annotated[dict[Annotated[str, Field(pattern=ID_PATTERN)], FrameSpec], Strict(False)] = Field(
        default_factory=dict
    )
    figures: Annotated[tuple[Any, ...], Strict(False)] = ()  # each checked on its own: one typo skips one
