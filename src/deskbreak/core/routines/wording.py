"""The player's short labels for a step, cut from the one description `routines show` prints.

A segment is described the same way everywhere ("Couch stretch — left side — hold 90 s", from
`describe.py`); the player's heading, "Set 2 of 3" and "Next: ..." are cut from it. Moving between
positions (floor to standing, chair to floor) gets its own short instruction for the get-ready
moment before an exercise.
"""

from __future__ import annotations

import math
from typing import assert_never

from deskbreak.core.routines.describe import segment_text
from deskbreak.core.routines.model import Position
from deskbreak.core.routines.plan import Segment


def clock_text(seconds: float) -> str:
    """Minutes and seconds ("1:30"); a started second counts as a whole one, as a countdown shows it."""
    whole = max(0, math.ceil(seconds - 1e-9))
    return f"{whole // 60}:{whole % 60:02d}"


def describe_segment(segment: Segment) -> str:
    """One line per segment, e.g. "Couch stretch — left side — hold 90 s" (see `describe.py`)."""
    return segment_text(segment)


def heading(segment: Segment) -> str:
    """The player's title for a segment: the exercise's name, or what the pause is."""
    match segment.kind:
        case "switch":
            return "Switch sides"
        case "rest":
            return "Rest"
        case "exercise":
            return segment.name or segment.exercise_id or ""
        case unreachable:
            assert_never(unreachable)


def side_text(segment: Segment) -> str:
    """The side in capitals ("LEFT SIDE"), for when no figure names the limb more exactly."""
    return f"{segment.side.upper()} SIDE" if segment.side else ""


def set_text(segment: Segment) -> str:
    if segment.sets_total and segment.sets_total > 1 and segment.set_number:
        return f"Set {segment.set_number} of {segment.sets_total}"
    return ""


def next_text(upcoming: Segment | None) -> str:
    """What comes after the current segment, in the same words as `routines show`."""
    if upcoming is None:
        return "Next: the end — well done"
    return f"Next: {describe_segment(upcoming)}"


def position_change(before: Position | None, after: Position) -> str | None:
    """A short instruction when the next exercise starts in another position; None when it does not."""
    if before is None or before == after:
        return None
    match after:
        case "floor":
            return "Down to the floor" if before in ("standing", "sitting") else "Onto the floor"
        case "kneeling":
            return "Up onto your knees" if before == "floor" else "Down onto your knees"
        case "standing":
            return "Stand up"
        case "sitting":
            return "Sit on your chair" if before == "standing" else "Up onto your chair"
        case unreachable:
            assert_never(unreachable)
