"""What the player says and sounds like at each moment: the one-line cue, a tone per cue, the voice.

The screen and the optional voice read the same words: the figure's limb wording for the side
being worked ("left knee down, right foot forward") when the exercise has a figure, else its name
and side. Tones follow the movement: one to get ready, one as each segment starts, a soft one per
rep, a two-note one at a switch of sides, a tick in each of the last seconds, a chord at the end.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, assert_never

from deskbreak.core.player import (
    CountdownTick,
    Cue,
    LeadInStarted,
    RepStarted,
    RoutineFinished,
    SegmentStarted,
)
from deskbreak.core.routines.model import Position
from deskbreak.core.routines.plan import Segment, Timeline
from deskbreak.core.routines.wording import heading, position_change
from deskbreak.core.tones import Tone

if TYPE_CHECKING:  # figures are loaded when a routine opens, never while the tray starts
    from deskbreak.core.figures.model import Figure

SAY_SWITCH = "Switch sides"
SAY_DONE = "Well done"


def tone_for(cue: Cue, timeline: Timeline) -> Tone:
    match cue:
        case LeadInStarted():
            return Tone.GET_READY
        case SegmentStarted(index=index):
            segment = timeline.segments[index]
            if segment.kind == "switch":
                return Tone.SWITCH
            return Tone.REP if _continues_alternating(timeline, index) else Tone.START
        case RepStarted():
            return Tone.REP
        case CountdownTick():
            return Tone.TICK
        case RoutineFinished():
            return Tone.FINISHED
        case unreachable:
            assert_never(unreachable)


def cue_line(segment: Segment, figure: Figure | None) -> str:
    """The one short line in large type: what to do now, naming the limb."""
    match segment.kind:
        case "switch":
            return f"{SAY_SWITCH}: {_lower_first(figure.say_for('right'))}" if figure else SAY_SWITCH
        case "rest":
            return "Breathe easily and get ready for what comes next"
        case "exercise":
            if figure is not None:
                return figure.say_for(segment.side)
            return f"{heading(segment)}, {segment.side} side" if segment.side else heading(segment)
        case unreachable:
            assert_never(unreachable)


def next_position(current: Position | None, options: tuple[Position, ...]) -> Position:
    """Where the person will be for an exercise that can be done in `options`: where they are, if it fits."""
    return current if current in options else options[0]


def lead_in_line(
    segment: Segment, before: Position | None, after: Position | None, figure: Figure | None
) -> str:
    """What the get-ready moment says: a change of position first, then how to set up."""
    change = position_change(before, after) if after is not None else None
    setup = cue_line(segment, figure)
    return f"{change}. {setup}" if change else setup


def spoken(cue: Cue, timeline: Timeline, lines: Mapping[int, str], lead_ins: Mapping[int, str]) -> str | None:
    """What the voice says for a cue, or nothing: the same words the screen shows.

    `lines` and `lead_ins` map a segment's index to its cue line and to its get-ready line.
    """
    match cue:
        case LeadInStarted(index=index):
            return f"Get ready. {heading(timeline.segments[index])}. {lead_ins.get(index, '')}".strip()
        case SegmentStarted(index=index):
            segment = timeline.segments[index]
            if segment.kind == "switch":
                return SAY_SWITCH
            if segment.kind == "rest":
                return "Rest"
            if _continues_alternating(timeline, index) and segment.side is not None:
                return segment.side.capitalize()  # "Right": the screen shows the limbs; a word keeps pace
            return lines.get(index) or heading(segment)
        case RepStarted():
            return None  # a tone per rep keeps the rhythm; counting every rep aloud would crowd it
        case CountdownTick(seconds_left=seconds):
            return str(seconds)
        case RoutineFinished():
            return SAY_DONE
        case unreachable:
            assert_never(unreachable)


def _continues_alternating(timeline: Timeline, index: int) -> bool:
    """A rep of `sides: alternate` after the first of its step: it sounds and speaks like a rep."""
    segment = timeline.segments[index]
    before = timeline.segments[index - 1] if index else None
    return (
        segment.alternating is not None
        and before is not None
        and before.kind == "exercise"
        and before.step_index == segment.step_index
    )


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
