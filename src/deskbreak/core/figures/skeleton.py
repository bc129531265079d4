"""Joint angles to points: one body of fixed proportions, so every figure shares one build.

Units are hundredths of the figure's standing height; y grows downwards as on a screen. The body
is built from the pelvis outwards and placed on the floor later, by `drawing`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from deskbreak.core.figures.model import Pose, View
from deskbreak.core.figures.spec import SIDES, Anchor, SegmentName

Point = tuple[float, float]

TORSO = 30.0  # pelvis to the base of the neck
NECK = 3.5
HEAD_RADIUS = 6.5
UPPER_ARM = 16.5
FOREARM = 17.5  # with the hand
THIGH = 24.0
SHIN = 23.0
FOOT = 10.0
HIP_HALF_WIDTH = 5.0  # front view only: a side view stacks both hips on one point
SHOULDER_HALF_WIDTH = 9.5

LIMB_RADIUS = 3.6  # half the stroke of an arm or a leg
TORSO_RADIUS = 6.2

LENGTHS: dict[str, float] = {
    "upper_arm": UPPER_ARM,
    "forearm": FOREARM,
    "thigh": THIGH,
    "shin": SHIN,
    "foot": FOOT,
}
Chain = Literal["arm", "leg"]


@dataclass(frozen=True)
class Skeleton:
    """Where every joint is, plus the pose it came from (drawing needs depth and the face)."""

    points: dict[str, Point]
    pose: Pose
    view: View

    def at(self, anchor: Anchor) -> Point:
        """A joint, the middle of both hands/feet/knees, or the middle of a segment."""
        if anchor in self.points:
            return self.points[anchor]
        if anchor in ("hands", "feet", "knees"):
            joint = {"hands": "hand", "feet": "ankle", "knees": "knee"}[anchor]
            return _middle(self.points[f"left_{joint}"], self.points[f"right_{joint}"])
        start, end = SEGMENT_ENDS[anchor]
        return _middle(self.points[start], self.points[end])

    def moved(self, dx: float, dy: float) -> Skeleton:
        return Skeleton({k: (x + dx, y + dy) for k, (x, y) in self.points.items()}, self.pose, self.view)


SEGMENT_ENDS: dict[str, tuple[str, str]] = {
    "torso": ("pelvis", "neck"),
    "head": ("neck", "head"),
    **{
        f"{side}_{limb}": (f"{side}_{start}", f"{side}_{end}")
        for side in SIDES
        for limb, start, end in (
            ("upper_arm", "shoulder", "elbow"),
            ("forearm", "elbow", "hand"),
            ("thigh", "hip", "knee"),
            ("shin", "knee", "ankle"),
            ("foot", "ankle", "toe"),
        )
    },
}


def direction(degrees: float) -> Point:
    """The unit vector of an angle: 0 down, 90 forward, 180 up (y grows downwards)."""
    radians = math.radians(degrees)
    return (math.sin(radians), math.cos(radians))


def build(pose: Pose, view: View) -> Skeleton:
    """Forward kinematics from the pelvis at (0, 0)."""
    points: dict[str, Point] = {"pelvis": (0.0, 0.0)}
    torso = direction(pose.angle("torso"))
    points["neck"] = _step(points["pelvis"], torso, TORSO * pose.length("torso"))
    head = direction(pose.angle("head"))
    points["head"] = _step(points["neck"], head, (NECK + HEAD_RADIUS) * pose.length("head"))
    lateral = (-torso[1], torso[0]) if view == "front" else (0.0, 0.0)  # towards the person's left
    for side in SIDES:
        sign = 1.0 if side == "left" else -1.0
        shoulder_offset = sign * SHOULDER_HALF_WIDTH * pose.shoulders
        hip_offset = sign * HIP_HALF_WIDTH
        points[f"{side}_shoulder"] = _step(points["neck"], lateral, shoulder_offset)
        points[f"{side}_hip"] = _step(points["pelvis"], lateral, hip_offset)
        for limb, start, end in (
            ("upper_arm", "shoulder", "elbow"),
            ("forearm", "elbow", "hand"),
            ("thigh", "hip", "knee"),
            ("shin", "knee", "ankle"),
            ("foot", "ankle", "toe"),
        ):
            segment = _name(side, limb)
            points[f"{side}_{end}"] = _step(
                points[f"{side}_{start}"],
                direction(pose.angle(segment)),
                LENGTHS[limb] * pose.length(segment),
            )
    return Skeleton(points, pose, view)


def _name(side: str, limb: str) -> SegmentName:
    return f"{side}_{limb}"  # type: ignore[return-value]


def _step(start: Point, unit: Point, length: float) -> Point:
    return (start[0] + unit[0] * length, start[1] + unit[1] * length)


def _middle(a: Point, b: Point) -> Point:
    return ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
