"""The routine player's cue sounds, by name: light enough for the sound adapter to import at start."""

from __future__ import annotations

from enum import StrEnum


class Tone(StrEnum):
    """A cue sound; the value names its file in assets/sounds/."""

    GET_READY = "get-ready"
    START = "transition"
    REP = "rep"
    SWITCH = "switch"
    TICK = "tick"
    FINISHED = "finished"
