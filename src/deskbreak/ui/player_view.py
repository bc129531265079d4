"""Words for the player: what a segment is called, how long it lasts, and what comes next."""

from __future__ import annotations

import math

from deskbreak.core.routines.plan import Segment


def clock_text(seconds: float) -> str:
    whole = math.ceil(seconds - 1e-9)
    return f"{whole // 60}:{whole % 60:02d}"


def heading(segment: Segment) -> str:
    if segment.kind == "switch":
        return "Switch sides"
    if segment.kind == "rest":
        return "Rest"
    return segment.name or ""


def side_text(segment: Segment) -> str:
    if segment.kind == "switch":
        return "Switch sides"
    return {"left": "Left side", "right": "Right side"}.get(segment.side or "", "")


def set_text(segment: Segment) -> str:
    if segment.sets_total and segment.sets_total > 1 and segment.set_number:
        return f"Set {segment.set_number} of {segment.sets_total}"
    return ""


def dose_text(segment: Segment) -> str:
    """A short description for "next" lines: "goblet squat — 8 reps", "couch stretch — hold 90 s"."""
    if segment.kind == "rest":
        return f"rest {segment.seconds} s"
    if segment.kind == "switch":
        return "switch sides"
    name = (segment.name or "").lower()
    side = f", {segment.side} side" if segment.side else ""
    if segment.dose_kind == "reps":
        return f"{name} — {segment.reps} reps{side}"
    if segment.dose_kind == "duration":
        return f"{name} — {segment.seconds} s{side}"
    return f"{name} — hold {segment.seconds} s{side}"


def next_text(current: Segment, upcoming: Segment | None) -> str:
    if upcoming is None:
        return "Next: done — well done" if current.kind != "rest" else "Rest — then you are done"
    if current.kind == "rest":
        return f"Rest {current.seconds} s — next: {dose_text(upcoming)}"
    return f"Next: {dose_text(upcoming)}"
