"""A figure as the renderer uses it: every keyframe resolved to a full set of angles, words per side."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, get_args

from deskbreak.core.figures.spec import (
    SIDES,
    Anchor,
    ArrowSpec,
    FigureSpec,
    FrameSpec,
    PropSpec,
    SegmentName,
)

Side = Literal["left", "right"]
View = Literal["side", "front"]
Origin = Literal["bundled", "user"]
SEGMENTS: tuple[SegmentName, ...] = get_args(SegmentName)
DEFAULT_HOLD = 0.25  # a keyframe rests a quarter of a move's time unless it says otherwise
FRONT_FOOT_TURN = 75.0  # in a front view feet point out and towards the viewer
FRONT_FOOT_LENGTH = 0.45

STANDING: dict[SegmentName, float] = {
    "torso": 180.0,
    "left_upper_arm": 4.0,
    "right_upper_arm": 4.0,
    "left_thigh": 0.0,
    "right_thigh": 0.0,
}


@dataclass(frozen=True)
class Pose:
    """Every segment's angle; `lengths` shortens segments that point at the viewer."""

    angles: Mapping[SegmentName, float]
    look: float | None = None
    bend: float = 0.0
    shoulders: float = 1.0
    lengths: Mapping[SegmentName, float] = field(default_factory=dict)
    behind: frozenset[SegmentName] = frozenset()

    def angle(self, segment: SegmentName) -> float:
        return self.angles[segment]

    def length(self, segment: SegmentName) -> float:
        return self.lengths.get(segment, 1.0)


@dataclass(frozen=True)
class Keyframe:
    pose: Pose
    label: str | None
    hold: float


@dataclass(frozen=True)
class Figure:
    """One exercise's illustration, written for its left side (the right side is the mirror)."""

    exercise_id: str
    view: View
    facing: Side
    say: str
    side_label: str | None
    props: tuple[PropSpec, ...]
    highlight: frozenset[SegmentName]
    anchor: Anchor
    lift: float
    cycle_seconds: float | None
    reps_per_cycle: int
    keyframes: tuple[Keyframe, ...]
    arrows: tuple[ArrowSpec, ...]
    focus: tuple[Anchor, ...] = ()
    origin: Origin = "bundled"
    path: Path | None = None

    @property
    def moves(self) -> bool:
        return len(self.keyframes) > 1

    def say_for(self, side: Side | None) -> str:
        """The one-line cue for a side: the left wording as written, the right one mirrored."""
        return swap_sides(self.say) if side == "right" else self.say

    def label_for(self, side: Side | None) -> str | None:
        """The side label in capitals ("LEFT LEG", mirrored "RIGHT LEG"); None without sides."""
        if side is None or self.side_label is None:
            return None
        text = swap_sides(self.side_label) if side == "right" else self.side_label
        return text.upper()

    def still_index(self, is_hold: bool) -> int:
        """The keyframe shown still: the held position for a hold, else where the move starts."""
        return len(self.keyframes) - 1 if is_hold else 0


_SIDE_WORD = re.compile(r"\b(left|right|Left|Right|LEFT|RIGHT)\b")
_SWAP = {"left": "right", "right": "left", "Left": "Right", "Right": "Left", "LEFT": "RIGHT", "RIGHT": "LEFT"}


def swap_sides(text: str) -> str:
    """The mirrored wording: "left knee down, right foot forward" becomes "right knee down, left ..."."""
    return _SIDE_WORD.sub(lambda match: _SWAP[match.group()], text)


def resolve_frame(frame: FrameSpec, base: FrameSpec | None, view: View) -> Pose:
    """A full pose from a keyframe over its base over standing, with the follow-on defaults."""
    set_angles: dict[SegmentName, float] = dict(STANDING)
    for layer in (base, frame):
        if layer is not None:
            set_angles.update(_angles_of(layer))
    angles: dict[SegmentName, float] = dict(set_angles)
    angles.setdefault("head", set_angles["torso"])
    lengths: dict[SegmentName, float] = {}
    for side in SIDES:
        upper, fore = _seg(side, "upper_arm"), _seg(side, "forearm")
        thigh, shin, foot = _seg(side, "thigh"), _seg(side, "shin"), _seg(side, "foot")
        angles.setdefault(fore, angles[upper])
        angles.setdefault(shin, angles[thigh])
        if foot not in angles:
            if view == "front":
                turn = FRONT_FOOT_TURN if side == "left" else -FRONT_FOOT_TURN
                angles[foot] = angles[shin] + turn
                lengths[foot] = FRONT_FOOT_LENGTH
            else:
                angles[foot] = angles[shin] + 90.0
    for layer in (base, frame):
        if layer is not None and layer.lengths:
            lengths.update(layer.lengths)
    first = (frame, base) if base is not None else (frame,)
    look = next((layer.look for layer in first if layer.look is not None), None)
    bend = next((layer.bend for layer in first if layer.bend is not None), 0.0)
    shoulders = next((layer.shoulders for layer in first if layer.shoulders is not None), 1.0)
    behind = next((layer.behind for layer in first if layer.behind is not None), ())
    return Pose(
        angles=angles, look=look, bend=bend, shoulders=shoulders, lengths=lengths, behind=frozenset(behind)
    )


def build_figure(
    spec: FigureSpec,
    bases: Mapping[str, FrameSpec],
    origin: Origin = "bundled",
    path: Path | None = None,
) -> Figure:
    """The figure for `spec`; every `base` it names must be in `bases` (the loader checks)."""
    keyframes = tuple(
        Keyframe(
            resolve_frame(frame, bases[frame.base] if frame.base else None, spec.view),
            frame.label,
            frame.hold if frame.hold is not None else DEFAULT_HOLD,
        )
        for frame in spec.frames
    )
    return Figure(
        exercise_id=spec.exercise,
        view=spec.view,
        facing=spec.facing,
        say=spec.say,
        side_label=spec.side_label,
        props=spec.props,
        highlight=frozenset(spec.highlight),
        anchor=spec.anchor,
        lift=spec.lift,
        cycle_seconds=spec.cycle_seconds,
        reps_per_cycle=spec.reps_per_cycle,
        keyframes=keyframes,
        arrows=spec.arrows,
        focus=spec.focus,
        origin=origin,
        path=path,
    )


def _seg(side: str, limb: str) -> SegmentName:
    name = f"{side}_{limb}"
    assert name in SEGMENTS, name
    return name


def _angles_of(frame: FrameSpec) -> dict[SegmentName, float]:
    """The angles a keyframe sets: both-sides keys first, so `left_thigh` beats `thighs`."""
    out: dict[SegmentName, float] = {}
    for both, limb in (
        (frame.upper_arms, "upper_arm"),
        (frame.forearms, "forearm"),
        (frame.thighs, "thigh"),
        (frame.shins, "shin"),
        (frame.feet, "foot"),
    ):
        if both is not None:
            for side in SIDES:
                out[_seg(side, limb)] = both
    for name in SEGMENTS:
        value = getattr(frame, name)
        if value is not None:
            out[name] = value
    return out
