"""Where a figure is at a moment of its step: keyframes in time with the tempo, eased in between.

A rep is one trip through the keyframes and back to the first (two reps for figures whose
keyframes alternate sides), so a rep boundary of the player is always the first keyframe. Each
keyframe rests for its `hold` share before the figure moves on; a move takes one share. A hold
stands still in its held position; a timed move (marching, rolling) cycles at the figure's own pace.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from deskbreak.core.figures.model import SEGMENTS, Figure, Pose

DoseKind = Literal["hold", "duration", "reps"]
DEFAULT_CYCLE_SECONDS = 4.0  # a timed move whose figure names no pace


@dataclass(frozen=True)
class Motion:
    """A figure's movement for one step: still on one keyframe, or cycling every `cycle_seconds`."""

    figure: Figure
    cycle_seconds: float | None
    still_index: int = 0

    @property
    def is_still(self) -> bool:
        return self.cycle_seconds is None or not self.figure.moves

    def pose(self, seconds: float) -> Pose:
        """The pose `seconds` after the step began."""
        keyframes = self.figure.keyframes
        if self.is_still or self.cycle_seconds is None:
            return keyframes[self.still_index].pose
        weights = [keyframe.hold + 1.0 for keyframe in keyframes]
        position = (seconds % self.cycle_seconds) / self.cycle_seconds * sum(weights)
        for index, keyframe in enumerate(keyframes):
            if position < weights[index]:
                if position < keyframe.hold:
                    return keyframe.pose
                following = keyframes[(index + 1) % len(keyframes)].pose
                return blend(keyframe.pose, following, ease(position - keyframe.hold))
            position -= weights[index]
        return keyframes[0].pose  # the float sum can leave a hair at the very end of a cycle


def motion_for(figure: Figure, dose_kind: DoseKind | None, seconds_per_rep: float | None) -> Motion:
    """How the figure moves for a step of this kind and tempo."""
    if dose_kind == "reps" and seconds_per_rep:
        return Motion(figure, seconds_per_rep * figure.reps_per_cycle)
    if dose_kind == "duration":
        return Motion(figure, figure.cycle_seconds or DEFAULT_CYCLE_SECONDS)
    return Motion(figure, None, figure.still_index(is_hold=True))


def ease(t: float) -> float:
    """Slow out of one keyframe and into the next, as a body moves."""
    t = min(max(t, 0.0), 1.0)
    return 0.5 - 0.5 * math.cos(math.pi * t)


def blend(a: Pose, b: Pose, t: float) -> Pose:
    """`t` of the way from `a` to `b`; each angle turns the short way round."""
    angles = {name: _turn(a.angle(name), b.angle(name), t) for name in SEGMENTS}
    lengths = {name: a.length(name) + (b.length(name) - a.length(name)) * t for name in SEGMENTS}
    look: float | None
    if a.look is not None and b.look is not None:
        look = _turn(a.look, b.look, t)
    else:
        look = a.look if t < 0.5 else b.look
    return Pose(
        angles=angles,
        look=look,
        bend=a.bend + (b.bend - a.bend) * t,
        shoulders=a.shoulders + (b.shoulders - a.shoulders) * t,
        lengths={name: value for name, value in lengths.items() if abs(value - 1.0) > 1e-9},
        behind=a.behind if t < 0.5 else b.behind,
    )


def _turn(start: float, end: float, t: float) -> float:
    delta = (end - start + 180.0) % 360.0 - 180.0
    return start + delta * t
